"""The movement's cadre pool as a baseline (issue 18): counts, shares, bounds and tests checked by hand."""

import csv
import io
import json
import math
import warnings

import pandas as pd
import pytest

import cabinet
from cabinet import DataError
from cabinet.cli import main
from cabinet.io.datapackage import data_dir
from cabinet.rosters.movement import load_movement_manpower, load_movement_pool
from cabinet.movement_baselines import movement_baseline
from cabinet.yardsticks import movement_draw, yardstick_table

from conftest import edit_cell


def rows(name):
    with open(data_dir() / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def pool():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_movement_pool()


# --- the pool, counted by hand from the CSV ------------------------------------------------------------


def test_pool_counts_by_hand_from_the_csv(pool):
    posts = rows("movement_pool.csv")
    assert len(posts) == 40  # P001..P040
    # not counted (dating not_established): P018 Samangani, P028 Nasar, P029 Shirin (MEI, undated),
    # P033 Haji Najibullah, P038 Nomani (Aug 2021), P039 Talib: 40 - 6 = 34 counted rows
    counted = [r for r in posts if r["dating"] != "not_established"]
    assert len(counted) == 40 - 6
    # 34 counted rows of 29 people: Sadr has 3 rows (P004-P006), Zakir 2, Badri 2, Yaqoob 2 -> 34 - 2 - 1 - 1 - 1
    assert len({r["person_id"] for r in counted}) == 34 - 2 - 1 - 1 - 1 == 29 == len(pool)
    # Shirin is in the pool through P036 although P029 is not counted
    assert pool.loc[pool["person_id"] == "hanafi_mohammad_ali", "pool_ids"].item() == "P036"
    # four people have no counted row at all (Nomani counts through P040, the UN list copy of March 2020)
    assert {r["person_id"] for r in pool.attrs["left_out"]} == {"samangani_enamullah", "mullah_nasar_paktika",
                                                         "haji_najibullah_intelligence", "mawlawi_talib_helmand"}
    # in the cabinet tables: S01-S07, S26, S27 (9 of the 33) and L007, L008, L020, L021, L045, L046, L050 (7 later)
    assert int(pool["in_cabinet"].ne("").sum()) == 9 + 7


def test_every_counted_row_cites_a_source_for_its_post():
    facts = rows("movement_facts.csv")
    values = ("province", "district", "ethnicity", "tribe", "network")
    cited = {f["pool_id"] for f in facts if not any(f[v] for v in values)}
    assert {r["pool_id"] for r in rows("movement_pool.csv")} <= cited


def test_cabinet_members_take_the_cabinet_tags(pool):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cab = pd.concat([cabinet.io.load_appointees(), cabinet.io.load_later_appointments()]).drop_duplicates("person_id")
    cab = cab.set_index("person_id")
    shared = pool[pool["in_cabinet"].ne("")].set_index("person_id")
    for col in ("province", "ethnicity", "tribe", "network"):
        assert (shared[col] == cab.loc[shared.index, col]).all(), col
    # tag facts in movement_facts.csv are only about people outside the cabinet tables
    person = {r["pool_id"]: r["person_id"] for r in rows("movement_pool.csv")}
    tagged = {person[f["pool_id"]] for f in rows("movement_facts.csv") if f["tribe"] or f["province"] or f["network"]}
    assert tagged.isdisjoint(cab.index)


def test_an_identification_by_name_alone_marks_the_tags_inferred(pool):
    muti = pool[pool["person_id"] == "muti_ul_haq"].iloc[0]  # P022: identity with L020 rests on the name
    assert {"province", "ethnicity", "tribe", "network"} <= set(muti["inferred_fields"].split(";"))


def test_madani_birthplace_from_the_un_list_is_an_inference(pool):
    m = pool[pool["person_id"] == "madani_ziaur_rahman"].iloc[0]
    # TAi.102 gives two places of birth, both in Takhar: Paliran village, Namakab District, and Taluqan City
    assert (m["birth_province"], m["birth_district"]) == ("Takhar", "Namakab|Taluqan")
    assert {"birth_province", "province"} <= set(m["inferred_fields"].split(";"))


def test_hibatullah_tags_from_the_pool_facts(pool):
    h = pool[pool["person_id"] == "akhundzada_hibatullah"].iloc[0]
    assert (h["birth_province"], h["birth_district"], h["tribe"], h["ethnicity"]) == \
        ("Kandahar", "Panjwai", "Noorzai", "Pashtun")
    assert h["network"] == "kandahari_leadership" and "network" in h["inferred_fields"].split(";")


def test_manpower_is_recorded_with_dates_and_sources():
    m = load_movement_manpower()
    assert len(m) == 9
    assert m.loc[m["estimate_id"] == "M001", ["fighters_low", "fighters_high"]].values.tolist() == [[55000, 85000]]
    assert not (m["unit_type"] == "province").any()  # why no fighters baseline is offered


# --- loader errors --------------------------------------------------------------------------------------


def test_a_tag_fact_about_a_cabinet_member_is_refused(data_copy):
    path = data_copy / "movement_facts.csv"
    facts = list(csv.reader(open(path, encoding="utf-8", newline="")))
    header = facts[0]
    row = [""] * len(header)
    row[header.index("pool_id")], row[header.index("tribe")] = "P020", "Kakar"  # Hasan Akhund, S01
    row[header.index("source_id")], row[header.index("inferred")] = "pajhwok-20190212-14-member-team", "no"
    with open(path, "a", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerow(row)
    with pytest.raises(DataError) as err:
        load_movement_pool(data_copy / "movement_pool.csv")
    text = str(err.value)
    assert "movement_facts.csv" in text and "akhund_mohammad_hasan" in text and "S01" in text


def test_a_pool_row_without_a_source_is_refused(data_copy):
    path = data_copy / "movement_facts.csv"
    kept = [r for r in csv.reader(open(path, encoding="utf-8", newline="")) if r[0] != "P031"]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(kept)
    with pytest.raises(DataError, match="P031"):
        load_movement_pool(data_copy / "movement_pool.csv")


def test_a_bad_post_type_names_file_line_column_and_the_allowed(data_copy):
    edit_cell(data_copy / "movement_pool.csv", 2, "post_type", "governor")
    with pytest.raises(DataError) as err:
        cabinet.validate([data_copy / "movement_pool.csv"])
    p = err.value.problems[0]
    assert p.file.endswith("movement_pool.csv") and p.line == 2 and p.column == "post_type"
    assert "shadow_governor" in str(err.value)


# --- the baseline: a share and its bounds by hand ---------------------------------------------------------


def test_southwest_share_and_bounds_by_hand():
    # Pool of 29. Known Southwest (commentary scheme: Helmand, Nimroz): Sadr (Kandahar+Helmand) and Zakir
    # (Helmand) = 2. Unknown home: 11 (Abid, Haji Lala, Nazem, Rohani, Brother Akhond, Ayub, Sheragha,
    # Ali Jan, Bismullah, Sunatullah, Qari Shafi). Disputed: Muttaqi (Helmand+Paktia | Paktia) and Haqqani
    # (born in Paktia, Paktika, Khost or abroad, family from Paktia: East | East+abroad).
    # Complete cases: 29 - 11 - 2 = 16, of whom 2 in the Southwest.
    b = movement_baseline("region")
    assert b.share["Southwest"] == pytest.approx(2 / 16)
    assert b.low["Southwest"] == pytest.approx(2 / 29)
    assert b.high["Southwest"] == pytest.approx((2 + 11 + 1) / 29)
    # South: Sadr, Badri, Yaqoob, Hakim, Turabi, Baradar, Hasan, Hibatullah, Shirin = 9 of the 16 complete cases
    assert b.share["South"] == pytest.approx(9 / 16)
    assert b.name == "movement" and "cadre pool" in b.label and "pajhwok-20190212-14-member-team" in b.sources


def test_representation_against_the_movement_binomial_by_hand():
    # home in any sense on both sides, the sense of the pool's hand count above
    t = cabinet.representation(by="region", baseline="movement", home="any").set_index("group")
    r = t.loc["Southwest"]
    assert (r["count"], r["baseline"], r["test"]) == (0, "movement", "binomial")
    assert (r["baseline_low"], r["baseline_high"]) == pytest.approx((2 / 29, 14 / 29))
    # over the pool's range as over the cabinet's: P(X <= 0) at the high share 14/29 is (15/29)^33; P(X <= 8)
    # (the largest count: 8) at the low share 2/29; the complete-case share 2/17 lies between
    assert r["p_le_count"] == pytest.approx((15 / 29) ** 33)
    assert r["p_le_count_max"] == pytest.approx(sum(math.comb(33, j) * (2 / 29) ** j * (27 / 29) ** (33 - j)
                                                    for j in range(int(r["count_max"]) + 1)))
    assert r["p_le_count"] < (15 / 17) ** 33 < r["p_le_count_max"]


def test_hypergeometric_draw_by_hand():
    # Of the 29 in the pool, 9 are among the 33 (S01-S07, S26, S27). Southwest: pool 2 known, up to 14;
    # drawn: 0 known, up to 1 (Muttaqi's disputed home).
    t = movement_draw(by="region").set_index("group")
    r = t.loc["Southwest"]
    assert (r["pool_n"], r["n"], r["n_not_in_pool"]) == (29, 9, 33 - 9)
    assert (r["pool_count"], r["pool_count_max"], r["count"], r["count_max"]) == (2, 14, 0, 1)
    # lowest P(X <= k): Muttaqi is one man. Outside the southwest (k = 0) he is outside it in the pool too, so
    # the pool holds at most 13: C(16, 9) / C(29, 9); inside it (k = 1) the pool holds up to 14:
    # [C(15, 9) + C(14, 1) C(15, 8)] / C(29, 9). (k = 0 at K = 14, C(15, 9) / C(29, 9), cannot occur.)
    k0 = math.comb(16, 9) / math.comb(29, 9)
    k1 = (math.comb(15, 9) + 14 * math.comb(15, 8)) / math.comb(29, 9)
    assert r["p_le_min"] == pytest.approx(min(k0, k1))
    assert r["p_le_min"] > math.comb(15, 9) / math.comb(29, 9)
    # highest: Muttaqi drawn and in the southwest is in the southwest in the pool too, so k = 1 goes with
    # K = 2 + 1 (the pool's 2 known plus him): [C(26, 9) + C(3, 1) C(26, 8)] / C(29, 9); k = 0 at K = 2 gives
    # C(27, 9) / C(29, 9), which is larger
    at_one = (math.comb(26, 9) + 3 * math.comb(26, 8)) / math.comb(29, 9)
    at_zero = math.comb(27, 9) / math.comb(29, 9)
    assert r["p_le_max"] == pytest.approx(max(at_one, at_zero))
    assert r["test"] == "hypergeometric"


def test_every_grouping_the_pool_describes_takes_the_movement_baseline():
    for by in ("province", "region", "hazarajat", "ethnicity", "tribe", "confederation", "network"):
        t = cabinet.representation(by=by, baseline="movement")
        assert set(t["baseline"]) == {"movement"}, by
        groups = t[t["status"] == "group"]
        assert (groups["baseline_low"] <= groups["baseline_share"] + 1e-12).all(), by
        assert (groups["baseline_share"] <= groups["baseline_high"] + 1e-12).all(), by


def test_a_grouping_the_pool_cannot_describe_is_refused_with_the_allowed():
    with pytest.raises(ValueError, match="province, region, hazarajat, ethnicity, tribe, confederation, network"):
        cabinet.representation(by="position_class", baseline="movement")
    with pytest.raises(ValueError, match="not offered"):
        cabinet.representation(by="region", baseline="movement_fighters")


# --- the named gaps and the claims with both yardsticks -------------------------------------------------


def test_named_gaps_report_both_yardsticks():
    w = cabinet.west_southwest_gap(baseline="both")
    assert list(dict.fromkeys(w["baseline"])) == ["nsia_1398", "movement"]
    m = w[(w["baseline"] == "movement") & (w["group"] == "West+Southwest")].iloc[0]
    # home by birth (the default) in the cabinet and in the pool. Pool: born in the Southwest Zakir (Helmand);
    # in the West nobody; birthplace unknown 14 (Abid, Hajji Lala, Nazem, Sadr, Yaqoob, Rohani, Brother Akhond,
    # Ayub, Sheragha, Ali Jan, Bismullah, Sunatullah, Shirin, Qari Shafi); disputed Muttaqi (Helmand or
    # Paktia). Complete cases 29 - 14 - 1 = 14.
    assert (m["baseline_share"], m["baseline_low"], m["baseline_high"]) == pytest.approx((1 / 14, 1 / 29, 16 / 29))
    assert m["p_le_count_at_low"] == pytest.approx((1 - 1 / 29) ** 33)
    a = cabinet.west_southwest_gap(baseline="movement", home="any")
    a = a[a["group"] == "West+Southwest"].iloc[0]
    # in any sense: the 2 of the Southwest (Zakir, Sadr), 11 unknown, Muttaqi disputed
    assert (a["baseline_share"], a["baseline_low"], a["baseline_high"]) == pytest.approx((2 / 17, 2 / 29, 14 / 29))
    h = cabinet.helmandi_networks_gap(baseline="both")
    assert list(dict.fromkeys(h["baseline"])) == ["nsia_1398", "movement"]
    both = h[(h["baseline"] == "movement") & (h["group"] == "helmandi_ishaqzai+helmandi_alizai")].iloc[0]
    # Zakir (helmandi_alizai) is the one known member; 10 have an unknown network and an unknown home (possible);
    # complete cases 29 - 10 = 19
    assert (both["baseline_share"], both["baseline_low"], both["baseline_high"]) == \
        pytest.approx((1 / 19, 1 / 29, 11 / 29))
    z = cabinet.hazarajat_gap(baseline="both")
    assert list(dict.fromkeys(z["baseline"])) == ["nsia_1398", "movement"]


def test_the_baseline_note_counts_the_open_members():
    # in any sense 11 members have an unknown province, Muttaqi a disputed one (Helmand or Paktia, two
    # regions) and Haqqani one (the east, or the east and a birthplace abroad); by birth 14 births are
    # unknown, and Muttaqi's and Haqqani's (Paktia, Paktika, Khost or Pakistan) are disputed
    assert movement_baseline("region").note.startswith(
        "13 of the 29 pool members have an unknown or disputed province")
    assert movement_baseline("region", home="birth").note.startswith(
        "16 of the 29 pool members have an unknown or disputed province")


def test_claims_state_both_yardsticks():
    c = cabinet.claims().set_index("id")
    assert c.loc["C4", "movement_share"] == pytest.approx(1 / 19)
    # C6 reads home by birth on both sides: in the pool only Zakir is known to be born in the southwest; 14
    # births are unknown and Muttaqi's is disputed (Helmand or Paktia): 1 of 14 settled, 1 to 16 of 29
    assert c.loc["C6", "movement_share"] == pytest.approx(1 / 14)
    assert (c.loc["C6", "movement_share_low"], c.loc["C6", "movement_share_high"]) == pytest.approx((1 / 29, 16 / 29))
    assert c.loc["C6", "p_le_population"] < c.loc["C6", "p_le_movement_at_low"]
    assert "cadre pool" in c.loc["C4", "figure"] and "cadre pool" in c.loc["C6", "figure"]
    assert c[["movement_share"]].drop(["C4", "C6"]).isna().all().all()


# --- CLI, chart table -------------------------------------------------------------------------------------


def test_cli_gaps_with_the_movement_baseline():
    code, out, err = run("gaps", "--by", "region", "--baseline", "movement", "--format", "json")
    assert code == 0, err
    table = pd.DataFrame(json.loads(out)).set_index("group")
    # by birth: Zakir of 13 known (Haqqani, born in the East or abroad, is disputed)
    assert table.loc["Southwest", "baseline_share"] == pytest.approx(1 / 13)
    assert table.loc["Southwest", "baseline"] == "movement"


def test_cli_refuses_the_movement_baseline_for_position_class():
    code, _, err = run("gaps", "--by", "position_class", "--baseline", "movement")
    assert code == 2 and "province, region, hazarajat" in err


def test_yardstick_table_has_the_three_measures():
    t = yardstick_table(by=["region"]).set_index(["group", "measure"])
    assert t.loc[("Southwest", "cabinet"), "share"] == 0
    assert t.loc[("Southwest", "movement"), "low"] == pytest.approx(1 / 29)
    assert t.loc[("Southwest", "population"), "share"] == pytest.approx(
        cabinet.baselines.geographic_baseline("region").share["Southwest"])


def test_charts_take_the_movement_baseline():
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    from cabinet import plots

    ax = Figure().add_subplot()
    assert plots.plot_region_gap(cabinet.representation(by="region", baseline="movement"), ax=ax) is ax
    ax = Figure().add_subplot()
    assert plots.plot_yardsticks(yardstick_table(), ax=ax) is ax
    # the title states the Southwest on the three yardsticks: 0 of 33; pool (by birth) 1/29 = 3.4 % to
    # 16/29 = 55.2 %; NSIA 1398 population 5.2 %
    title = ax.get_title(loc="left").replace("\n", " ")
    assert "Southwest: cabinet 0 of 33 known, pool 3% to 55%, population 5.2%" in title
