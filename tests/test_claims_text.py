"""Every word the claims table prints: the deciding and unknown appointees and the figure of each claim,
rebuilt from the roster by hand (names in roster order, counts from the tag cells, probabilities from scipy),
on the bundled data and on hand-made rosters for every branch of every claim (issue 24, item 18)."""

import numpy as np
import pandas as pd
import sys

import pytest
from scipy import stats

import cabinet
from cabinet._format import probability as _prob
from cabinet.claims import CLAIMS, PEOPLE, VERDICTS
from cabinet.regions import region_map
from cabinet.tags import parse_tag

REGION = region_map("commentary")


def _roster():
    return cabinet.io.load_appointees().copy()


def _set(roster, person_id, **values):
    idx = roster.index[roster["person_id"] == person_id][0]
    for k, v in values.items():
        roster.at[idx, k] = v
    return roster


def _row(roster=None, cid="C1", later=None, **kw):
    return cabinet.claims(roster, later, **kw).set_index("id").loc[cid]


def _names(roster, mask):
    return "; ".join(roster.loc[mask, "name"])


def _birth_regions(roster):
    """Each appointee's candidate birth regions (empty: unknown; a birthplace abroad is in no region)."""
    return [{REGION.get(a[0], "abroad") for a in parse_tag(v)} for v in roster["birth_province"]]


def test_the_table_states_each_claim_in_our_words():
    t = cabinet.claims()
    assert t["claim"].tolist() == [CLAIMS[c].text for c in t["id"]] and set(t["verdict"]) <= set(VERDICTS)
    assert VERDICTS == ("supported", "contradicted", "undetermined")
    assert t.attrs["checked_against"] == ""
    assert str(t["count"].dtype) == "Int64" and t["population_share"].dtype == "float64"


def test_c1_and_c2_on_the_bundled_data():
    r = _roster()
    c1 = _row(cid="C1")
    assert (c1["deciding"], c1["unknown"]) == ("all 33 tagged Taliban", "")
    assert c1["figure"] == "33 appointees; 33 tagged Taliban, 0 non-Taliban, 0 unknown or disputed"
    assert (c1["count"], c1["count_max"], c1["n"]) == (0, 0, 33)
    c2 = _row(cid="C2")
    open_ = r["iran_aligned"].eq("unknown")
    assert c2["unknown"] == _names(r, open_) and c2["deciding"] == ""
    assert c2["figure"] == (f"0 of 33 called Iran-aligned by a source; {open_.sum()} without a profile that settles "
                            "it ('no' means the cited profiles describe the person's ties and none calls them "
                            "Iran-aligned: absence of evidence)")
    assert (c2["count"], c2["count_max"]) == (0, open_.sum())


def test_c1_branches():
    r = _set(_roster(), "hanafi_abdul_salam", affiliation="non_taliban")
    r = _set(r, "wasiq_abdul_haq", affiliation="unknown")
    c = _row(r, "C1")
    assert (c["verdict"], c["deciding"], c["unknown"]) == ("contradicted", "Mawlawi Abdul Salam Hanafi",
                                                           "Abdul Haq Wasiq")
    assert c["figure"] == "33 appointees; 31 tagged Taliban, 1 non-Taliban, 1 unknown or disputed"
    assert (c["count"], c["count_max"]) == (1, 2)
    c = _row(_set(_roster(), "wasiq_abdul_haq", affiliation="taliban|non_taliban"), "C1")
    assert (c["verdict"], c["deciding"], c["unknown"], c["count"], c["count_max"]) == \
        ("undetermined", "", "Abdul Haq Wasiq", 0, 1)
    c = _row(_roster().iloc[:32], "C1")
    assert (c["verdict"], c["n"], c["deciding"]) == ("contradicted", 32, "")


def test_c2_branches():
    r = _set(_roster(), "hanafi_abdul_salam", iran_aligned="yes")
    c = _row(r, "C2")
    assert (c["verdict"], c["deciding"], c["count"], c["count_max"]) == ("contradicted", "Mawlawi Abdul Salam Hanafi",
                                                                         1, 7)
    assert c["figure"].startswith("1 of 33 called Iran-aligned by a source; 6 without")
    r = _roster()
    r["iran_aligned"] = "no"
    r = _set(r, "wasiq_abdul_haq", iran_aligned="yes|no")  # a dispute that may make him Iran-aligned
    c = _row(r, "C2")
    assert (c["verdict"], c["unknown"], c["count_max"]) == ("undetermined", "Abdul Haq Wasiq", 1)
    r["iran_aligned"] = "no"
    c = _row(r, "C2")
    assert (c["verdict"], c["deciding"], c["unknown"]) == ("supported", "none of the 33", "")


def test_c3_on_the_bundled_data():
    r = _roster()
    regions = _birth_regions(r)
    muttaqi = r["person_id"].eq(PEOPLE["muttaqi"]).to_numpy()
    inside = np.array([bool(g) and g <= {"West", "Southwest"} for g in regions])
    maybe = np.array([not g or (not g <= {"West", "Southwest"} and bool(g & {"West", "Southwest"}))
                      for g in regions])
    share = float(cabinet.baselines.geographic_baseline("region").share[["West", "Southwest"]].sum())
    count, count_max = int(inside.sum()), int((inside | maybe).sum())
    c = _row(cid="C3")
    assert c["deciding"] == _names(r, muttaqi) and c["unknown"] == _names(r, maybe & ~muttaqi)
    lo, hi = stats.binom.cdf(count, 33, share), stats.binom.cdf(count_max, 33, share)
    label = cabinet.baselines.geographic_baseline("region").label
    assert c["figure"] == (f"home by birth: {count} of 33 known to come from the west or southwest, up to "
                           f"{count_max} once unknown and disputed home provinces are resolved; population share "
                           f"{share:.1%} ({label}), expected {33 * share:.1f}; probability of a count this low: "
                           f"P = {lo:.3f} to {hi:.3f}, as the unknowns are resolved")


def _one_home(roster):
    """The roster with one sense of home (no birth, origin or stated columns): the claims read its province."""
    r = roster.drop(columns=[c for c in roster.columns if c.startswith(("birth_", "origin_", "stated_"))])
    r["province"] = r["province"].str.split("+").str[0]
    return r


def test_c3_branches():
    r = _one_home(_roster())
    open_ = r["province"].eq("unknown") | r["province"].str.contains("|", regex=False)
    r.loc[open_ & ~r["person_id"].eq(PEOPLE["muttaqi"]), "province"] = "Kabul"
    r = _set(r, PEOPLE["muttaqi"], province="Helmand")
    c = _row(r, "C3")
    assert (c["verdict"], c["deciding"], c["unknown"]) == ("supported", "Mawlawi Amir Khan Muttaqi", "")
    assert c["figure"].startswith("home by any: 1 of 33 known") and "P = " in c["figure"]
    c = _row(_set(r.copy(), PEOPLE["muttaqi"], province="Paktia"), "C3")
    assert (c["verdict"], c["deciding"]) == ("supported", "nobody")
    c = _row(_set(r.copy(), "hanafi_abdul_salam", province="Herat"), "C3")
    assert (c["verdict"], c["deciding"], c["unknown"]) == ("contradicted", "Mawlawi Abdul Salam Hanafi", "")
    c = _row(_set(r.copy(), "hanafi_abdul_salam", province="Herat|Kabul"), "C3")
    assert (c["verdict"], c["deciding"], c["unknown"]) == ("undetermined", "Mawlawi Amir Khan Muttaqi",
                                                           "Mawlawi Abdul Salam Hanafi")
    r.attrs["home"] = "stated"
    assert _row(r, "C3")["figure"].startswith("home by stated: ")


def test_the_probability_phrase_of_a_point_and_of_no_test():
    from cabinet.claims import _p_range

    row = pd.Series({"p_le_count": 0.25, "p_le_count_max": 0.2502, "p_ge_count": 0.9, "p_ge_count_max": 0.5})
    assert _p_range(row) == "P = 0.250"
    assert _p_range(row, "ge") == "P = 0.500 to 0.900, as the unknowns are resolved"
    assert _p_range(pd.Series({"p_le_count": np.nan, "p_le_count_max": 0.5})) == "no test"


def test_c4_on_the_bundled_data_and_its_branches():
    c = _row(cid="C4")
    gap = cabinet.helmandi_networks_gap().set_index("group").loc["helmandi_ishaqzai+helmandi_alizai"]
    assert (c["count"], c["count_max"]) == (gap["count"], gap["count_max"])
    assert c["figure"].startswith(f"0 of 33 known representatives of the Helmandi Ishaqzai or Alizai networks, up to "
                                  f"{int(gap['count_max'])}; Ishaqzai or Alizai tribe members counted outside: "
                                  "Mullah Hidayatullah Badri; proxy baseline 4.6% (Helmand's population share); "
                                  f"probability of a count this low: P = {gap['p_le_count']:.3f} to "
                                  f"{gap['p_le_count_max']:.3f}, as the unknowns are resolved; two yardsticks for the "
                                  "Helmandi networks: the population, 4.6%")
    r = _roster()
    r["network"] = r["network"].replace("unknown", "other")
    c = _row(r, "C4")
    assert (c["verdict"], c["deciding"], c["unknown"]) == ("supported", "nobody", "")
    c = _row(_set(r.copy(), "badri_hidayatullah", network="helmandi_ishaqzai"), "C4")
    assert (c["verdict"], c["deciding"]) == ("contradicted", "Mullah Hidayatullah Badri")
    assert "tribe members counted outside: none" in c["figure"]
    c = _row(_set(r.copy(), "badri_hidayatullah", network="helmandi_ishaqzai|haqqani"), "C4")
    assert (c["verdict"], c["unknown"]) == ("undetermined", "Mullah Hidayatullah Badri")


def test_c5_branches():
    c = _row(cid="C5")
    assert (c["deciding"], c["figure"], c["count"], c["n"]) == ("neither Sadr nor Zakir is on the list",
                                                               "Sadr and Zakir among the 33: neither", 0, 33)
    later = cabinet.io.load_later_appointments()
    both = later[later["person_id"].isin([PEOPLE["sadr"], PEOPLE["zakir"]])].assign(announced=pd.Timestamp("2021-09-07"))
    c = _row(pd.concat([_roster(), both], ignore_index=True), "C5")
    assert (c["verdict"], c["deciding"], c["figure"], c["count"], c["count_max"], c["n"]) == \
        ("contradicted", "sadr, zakir", "Sadr and Zakir among the 33: sadr, zakir", 2, 2, 35)


def test_c6_on_the_bundled_data():
    r = _roster()
    regions = _birth_regions(r)
    groups = ["Capital", "East", "North", "South", "Southwest", "West", "abroad"]  # abroad: a birthplace abroad
    known = {g: sum(x == {g} for x in regions) for g in groups}
    c = _row(cid="C6")
    haz = cabinet.hazarajat_gap(cabinet.groupings.with_home(r, "birth")).set_index("group").loc["Hazarajat"]
    others = sum(not g or (bool(g & {"West", "Southwest"}) and not g <= {"West", "Southwest"}) for g, pid in
                 zip(regions, r["person_id"]) if pid != PEOPLE["muttaqi"])
    assert c["figure"].startswith(
        "known appointees per region: " + ", ".join(f"{g} {n}" for g, n in known.items())
        + f"; from the west or southwest besides Muttaqi: 0 known, up to {others}; Hazarajat (core definition) 0 "
        f"known, up to {int(haz['count_max'])}; two yardsticks for the west and southwest together: the population")
    assert c["figure"].endswith("as the pool's own unknowns are resolved; the Hazarajat is 0.0% to 48.3% of the pool "
                                "(0.0% of the 15 members whose home settles it)")
    assert c["deciding"] == "every other region has a known appointee"
    assert (c["count"], c["count_max"], c["n"]) == (0, haz["count_max"], 33)
    ext = _row(cid="C6", hazarajat="extended")
    assert "Hazarajat (extended definition)" in ext["figure"]


def _settled():
    """The roster with one home per man and no open home but Muttaqi's (Helmand or Paktia)."""
    r = _one_home(_roster())
    open_ = r["province"].eq("unknown") | r["province"].str.contains("|", regex=False)
    r.loc[open_ & ~r["person_id"].eq(PEOPLE["muttaqi"]), "province"] = "Kabul"
    return r


def test_c6_branches():
    c = _row(_settled(), "C6")
    assert (c["verdict"], c["deciding"], c["unknown"]) == \
        ("supported", "every other region has a known appointee; nobody from the Hazarajat", "")
    c = _row(_set(_settled(), "hanafi_abdul_salam", province="Bamyan"), "C6")
    assert (c["verdict"], c["deciding"]) == ("contradicted", "from the Hazarajat: Mawlawi Abdul Salam Hanafi")
    c = _row(_set(_settled(), "hanafi_abdul_salam", province="Herat"), "C6")
    assert (c["verdict"], c["deciding"]) == ("contradicted", "from the west or southwest: Mawlawi Abdul Salam Hanafi")
    south = _settled().assign(province="Kandahar")
    c = _row(south, "C6")
    assert (c["verdict"], c["deciding"]) == ("contradicted", "regions with no appointee: Capital, East, North")
    open_north = south.copy()
    open_north.loc[open_north.index[:3], "province"] = ["Kabul", "Paktia", "unknown"]
    c = _row(open_north, "C6")
    assert c["verdict"] == "undetermined"
    assert c["deciding"] == "regions with no known appointee: North"
    assert c["unknown"] == "Mawlawi Abdul Salam Hanafi"  # the unknown home; Muttaqi now from Kandahar
    c = _row(_set(_settled(), "hanafi_abdul_salam", province="Herat|Kabul"), "C6")
    assert (c["verdict"], c["unknown"]) == ("undetermined", "Mawlawi Abdul Salam Hanafi")


def test_c7_branches():
    r = _roster()
    r["iran_aligned"] = "no"
    later = cabinet.io.load_later_appointments()
    c = _row(r, "C7", later)
    sadr = later[later["person_id"] == PEOPLE["sadr"]].iloc[0]
    zakir = later[later["person_id"] == PEOPLE["zakir"]].iloc[0]
    assert (c["verdict"], c["deciding"], c["unknown"]) == ("supported", "Ibrahim Sadr; Abdul Qayum Zakir", "")
    assert c["figure"] == (f"Sadr: {sadr['post']} (2021-09-21); Zakir: {zakir['post']} (2021-09-21); Sadr "
                           "Iran-aligned: yes; earlier appointees called Iran-aligned: 0")
    assert pd.isna(c["count"]) and pd.isna(c["n"])
    no_sadr = later[later["person_id"] != PEOPLE["sadr"]]
    c = _row(r, "C7", no_sadr)
    assert (c["verdict"], c["deciding"]) == ("contradicted", "Abdul Qayum Zakir")
    assert c["figure"].startswith("Sadr: not found; Zakir: ") and "Sadr Iran-aligned: unknown" in c["figure"]
    open_sadr = later.copy()
    open_sadr.loc[open_sadr["person_id"] == PEOPLE["sadr"], "iran_aligned"] = "unknown"
    c = _row(r, "C7", open_sadr)
    assert (c["verdict"], c["unknown"]) == ("undetermined", "whether a source calls Sadr Iran-aligned")
    no = later.copy()
    no.loc[no["person_id"] == PEOPLE["sadr"], "iran_aligned"] = "no"
    assert _row(r, "C7", no)["verdict"] == "contradicted"
    r2 = _set(r.copy(), "wasiq_abdul_haq", iran_aligned="yes")
    c = _row(r2, "C7", later)
    assert (c["verdict"], c["deciding"]) == ("contradicted", "Ibrahim Sadr; Abdul Qayum Zakir; Abdul Haq Wasiq")
    assert c["figure"].endswith("earlier appointees called Iran-aligned: 1")
    posts = later.copy()
    posts.loc[posts["person_id"] == PEOPLE["sadr"], "post"] = "Governor of Helmand"
    assert _row(r, "C7", posts)["verdict"] == "contradicted"
    posts = later.copy()
    posts.loc[posts["person_id"] == PEOPLE["zakir"], "post"] = "Governor of Helmand"
    assert _row(r, "C7", posts)["verdict"] == "contradicted"


def test_c8_branches():
    c = _row(cid="C8")
    assert c["figure"] == ("Baradar: Acting First Deputy Prime Minister (deputy_prime_minister); head of "
                           "government: Mullah Mohammad Hasan Akhund")
    r = _set(_set(_roster(), "baradar_abdul_ghani", position_class="prime_minister"), "akhund_mohammad_hasan",
             position_class="deputy_prime_minister")
    c = _row(r, "C8")
    assert (c["verdict"], c["deciding"]) == ("contradicted", "Mullah Abdul Ghani Baradar")
    c = _row(_set(_roster(), "akhund_mohammad_hasan", position_class="minister"), "C8")
    assert (c["verdict"], c["deciding"]) == ("undetermined", "Mullah Abdul Ghani Baradar")
    assert c["figure"].endswith("head of government: none")
    c = _row(_roster()[_roster()["person_id"] != PEOPLE["baradar"]], "C8")
    assert (c["verdict"], c["deciding"], c["unknown"], c["figure"]) == \
        ("undetermined", "", "Baradar is not in the roster", "Baradar not found")


def test_a_roster_without_the_columns_is_refused_with_their_names():
    with pytest.raises(ValueError, match="missing columns: iran_aligned, affiliation"):
        cabinet.claims(_roster().drop(columns=["iran_aligned", "affiliation"]))
    with pytest.raises(ValueError, match="Republic"):
        cabinet.claims(cabinet.load_roster("republic-2021"))
    with pytest.raises(ValueError, match="Republic"):
        cabinet.claim_probabilities(cabinet.load_roster("republic-2021"))


def test_the_claims_yardstick_sentence_word_for_word():
    c = _row(cid="C4")
    gap = cabinet.helmandi_networks_gap().set_index("group").loc["helmandi_ishaqzai+helmandi_alizai"]
    m = cabinet.movement_predictive(target="helmandi_networks").iloc[0]
    tail = (f"two yardsticks for the Helmandi networks: the population, {gap['baseline_share']:.1%}, against which the "
            f"probability of a count this low is P = {_prob(gap['p_le_count'])} at the known count and "
            f"{_prob(gap['p_le_count_max'])} at the largest count the unknown tags allow (binomial, 33 appointees); "
            f"the movement's cadre pool before the takeover, {m['pool_share']:.1%} of the 19 members whose tag "
            f"settles it ({m['pool_share_low']:.1%} to {m['pool_share_high']:.1%} as the pool's unknowns are "
            "resolved), a share carried with its own uncertainty (Jeffreys' prior Beta(1/2, 1/2), beta-binomial "
            "predictive): leaving aside the 9 men in both the pool and the cabinet, the probability that the "
            f"cabinet's other 24 hold this few is P = {_prob(m['p_le_count'])} at their known count (0) and "
            f"{_prob(m['p_le_count_max'])} at the largest their unknown tags allow ({m['count_new_max']}); "
            f"{_prob(m['p_le_at_low'])} to {_prob(m['p_le_at_high'])} at the known count as the pool's own unknowns "
            "are resolved")
    assert c["figure"].endswith(tail)
    assert (c["population_share"], c["p_le_population"], c["p_le_population_max"]) == \
        (gap["baseline_share"], gap["p_le_count"], gap["p_le_count_max"])
    assert (c["movement_share"], c["movement_share_low"], c["movement_share_high"]) == \
        (m["pool_share"], m["pool_share_low"], m["pool_share_high"])
    assert (c["p_le_movement"], c["p_le_movement_max"], c["p_le_movement_at_low"], c["p_le_movement_at_high"]) == \
        (m["p_le_count"], m["p_le_count_max"], m["p_le_at_low"], m["p_le_at_high"])
    six = _row(cid="C6")
    birth = cabinet.groupings.with_home(cabinet.io.load_appointees(), "birth")
    m6 = cabinet.movement_predictive(birth, "west_southwest").iloc[0]
    assert (six["p_le_movement"], six["p_le_movement_max"]) == (m6["p_le_count"], m6["p_le_count_max"])
    assert "two yardsticks for the west and southwest together: the population, 18.0%" in six["figure"]
    others = cabinet.claims().set_index("id").drop(["C4", "C6"])
    assert others[sys.modules["cabinet.claims"].YARDSTICK_COLUMNS].isna().all().all()
