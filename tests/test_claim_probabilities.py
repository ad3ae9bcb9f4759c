"""The claims under assumptions and against the movement (issue 24, items 2, 3, 5, 6, 10, 14, 17): each figure
against a value computed another way (by hand, by enumeration, by scipy's beta-binomial or by integration)."""

import io
import itertools
import math

import numpy as np
import pandas as pd
import pytest
from scipy import integrate, special, stats

import cabinet
from cabinet.assumptions import MIN_CLASS_KNOWN, estimates, probability_matrix
from cabinet.baselines import geographic_baseline, population_by_province
from cabinet.claims import FirstListNote, PEOPLE
from cabinet.cli import main
from cabinet.predictive import urn_pmf
from cabinet.regions import region_map
from cabinet.tags import parse_tag
from cabinet.yardsticks import movement_draw, movement_predictive

POP = population_by_province("nsia_1398")[0]
REGION = region_map("commentary")


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def _moment(beta, counts):
    """E[prod_g theta_g ** counts_g] under Dirichlet(beta): a ratio of gamma functions."""
    beta, counts = np.asarray(beta, float), np.asarray(counts, float)
    return math.exp(float(np.sum(special.gammaln(beta + counts) - special.gammaln(beta))
                          + special.gammaln(beta.sum()) - special.gammaln(beta.sum() + counts.sum())))


# --- item 2: like_known is a posterior predictive -------------------------------------------------------


def test_the_urn_against_enumeration_of_every_joint_draw():
    # four groups; five people: three unknown (one with his own hit set), two disputed
    beta = np.array([3.5, 0.5, 1.5, 2.5])
    everyone = [0, 1, 2, 3]
    allowed = [everyone, everyone, everyone, [0, 1], [1, 2]]
    hits = [{1}, {1}, {1, 3}, {1}, {1}]
    pmf = np.zeros(6)
    for z in itertools.product(*allowed):
        weight = _moment(beta, np.bincount(z, minlength=4))  # the Polya urn's probability of this sequence
        pmf[sum(zi in h for zi, h in zip(z, hits))] += weight
    pmf /= pmf.sum()
    masks = [np.isin(np.arange(4), a) for a in allowed]
    got = urn_pmf(beta, masks, [np.isin(np.arange(4), list(h)) for h in hits])
    assert got == pytest.approx(pmf, abs=1e-12)


def test_unknown_people_alone_are_beta_binomial():
    everyone = np.ones(3, dtype=bool)
    got = urn_pmf([0.5, 7.5, 2.5], [everyone] * 6, [np.array([True, False, False])] * 6)
    assert got == pytest.approx(stats.betabinom.pmf(np.arange(7), 6, 0.5, 10.0), abs=1e-12)


def _known_no_by_source(frame, column):
    """The known 'no' per source (a class with at least MIN_CLASS_KNOWN known, else all known) and the unknown."""
    known = frame[frame[column] != "unknown"]
    per_class = known["position_class"].value_counts()
    own = {c for c, k in per_class.items() if k >= MIN_CLASS_KNOWN}
    sources = {}
    for _, r in frame[frame[column] == "unknown"].iterrows():
        s = r["position_class"] if r["position_class"] in own else "pooled"
        sources[s] = sources.get(s, 0) + 1
    n_known = {s: (per_class[s] if s != "pooled" else len(known)) for s in sources}
    return sources, n_known


@pytest.mark.parametrize("prior,alpha", [("jeffreys", 0.5), ("uniform", 1.0), (0.25, 0.25)])
def test_c2_under_like_known_is_a_product_of_beta_binomials(prior, alpha):
    roster = cabinet.io.load_appointees()
    assert set(roster["iran_aligned"]) == {"no", "unknown"}  # nobody on the list is known to be Iran-aligned
    unknown, n_known = _known_no_by_source(roster, "iran_aligned")
    # each source: Beta(alpha + 0 'yes', alpha + N 'no'); none of its m unknown is 'yes': BetaBinom(m).pmf(0)
    expected = np.prod([stats.betabinom.pmf(0, m, alpha, alpha + n_known[s]) for s, m in unknown.items()])
    t = cabinet.claim_probabilities(assumptions=["like_known"], prior=prior).set_index("id")
    assert t.at["C2", "probability"] == pytest.approx(expected, rel=1e-12)
    assert 0 < t.at["C2", "probability"] < 1
    assert t.at["C2", "prior"].endswith(f"Beta({'1/2' if alpha == 0.5 else '1' if alpha == 1 else '1/4'}, "
                                        f"{'1/2' if alpha == 0.5 else '1' if alpha == 1 else '1/4'})")


def test_every_open_claim_lies_strictly_between_0_and_1():
    t = cabinet.claim_probabilities(assumptions=["like_known"])
    open_ = t[t["verdict"] == "undetermined"]
    assert len(open_) == 5 and ((open_["probability"] > 0) & (open_["probability"] < 1)).all()
    assert (open_["method"] == "exact").all() and open_["prior"].str.startswith("Jeffreys' prior").all()


def test_the_class_threshold_by_hand():
    # a class with exactly MIN_CLASS_KNOWN known has its own posterior; one with one fewer is pooled
    n = MIN_CLASS_KNOWN
    toy = pd.DataFrame({"party": ["Red"] * n + ["unknown"] + ["Blue"] * (n - 1) + ["unknown"],
                        "position_class": ["minister"] * (n + 1) + ["deputy_minister"] * n})
    m = probability_matrix(toy, "party", "like_known", groups=["Red", "Blue"])
    assert m.iloc[n]["Red"] == pytest.approx((n + 0.5) / (n + 1))  # his class: n Red known
    assert m.iloc[-1]["Red"] == pytest.approx((n + 0.5) / (2 * n - 1 + 1))  # pooled: n Red, n - 1 Blue
    assert "deputy_minister" in m.attrs["note"] and "minister," not in m.attrs["note"]
    m = probability_matrix(toy, "party", "like_known", groups=["Red", "Blue"], prior="uniform")
    assert m.iloc[n]["Red"] == pytest.approx((n + 1) / (n + 2)) and m.attrs["prior"] == "uniform prior Beta(1, 1)"


def test_a_bad_prior_is_refused_with_the_allowed():
    with pytest.raises(ValueError, match="allowed: jeffreys, uniform, or a positive number"):
        cabinet.claim_probabilities(assumptions=["like_known"], prior="flat")
    with pytest.raises(ValueError, match="positive"):
        cabinet.estimates(by="region", assumptions=["like_known"], prior=0)
    code, out, err = run("claims", "--assume", "like_known", "--prior", "uniform", "--format", "csv")
    assert code == 0, err
    t = pd.read_csv(io.StringIO(out)).set_index("id")
    assert t.at["C2", "prior"] == "uniform prior Beta(1, 1)"
    code, out, err = run("claims", "--assume", "like_known", "--prior", "flat")
    assert code == 2 and "allowed: jeffreys, uniform" in err


def test_estimates_under_like_known_against_enumeration():
    # two unknown ministers and one disputed (Red or Green) among 6 known ministers: enumerate the urn
    toy = pd.DataFrame({"party": ["Red"] * 4 + ["Blue"] * 2 + ["unknown", "unknown", "Red|Green"],
                        "position_class": ["minister"] * 9})
    beta = np.array([4.5, 2.5, 0.5])  # Red, Blue, Green
    pmf_red = np.zeros(10)
    for z in itertools.product([0, 1, 2], [0, 1, 2], [0, 2]):
        pmf_red[4 + sum(x == 0 for x in z)] += _moment(beta, np.bincount(z, minlength=3))
    pmf_red /= pmf_red.sum()
    t = estimates(toy, "party", assumptions="like_known", baseline={"Red": 0.5, "Blue": 0.3, "Green": 0.2},
                  level=0.9).set_index("group")
    assert t.at["Red", "expected"] == pytest.approx(np.dot(np.arange(10), pmf_red))
    assert t.at["Red", "p_le_count"] == pytest.approx(np.dot(pmf_red, stats.binom.cdf(np.arange(10), 9, 0.5)))
    mc = estimates(toy, "party", assumptions="like_known", method="monte_carlo", n_draws=40_000, seed=2,
                   baseline={"Red": 0.5, "Blue": 0.3, "Green": 0.2}).set_index("group")
    assert abs(mc.at["Red", "expected"] - t.at["Red", "expected"]) < 5 * math.sqrt(3 / 4 / 40_000) * 3


# --- item 6: a disputed home weighs the population of its candidate provinces ----------------------------


def test_a_disputed_birthplace_is_weighted_by_the_candidate_provinces():
    toy = pd.DataFrame({"name": ["a", "b"], "province": ["Helmand|Kandahar", "Kabul"],
                        "district": ["unknown", "unknown"], "position_class": ["minister"] * 2})
    m = probability_matrix(toy, "region", "population", baseline_share=geographic_baseline("region").share,
                           province_share=POP)
    helmand = POP["Helmand"] / (POP["Helmand"] + POP["Kandahar"])
    assert (m.iloc[0]["Southwest"], m.iloc[0]["South"]) == pytest.approx((helmand, 1 - helmand))
    # estimates() takes the provinces of its population baseline on its own
    t = estimates(toy, "region", assumptions="population", baseline="nsia_1398").set_index("group")
    assert t.at["Southwest", "expected"] == pytest.approx(helmand)
    # not the regions' shares, which the old weighting used
    share = geographic_baseline("region").share
    assert abs(helmand - share["Southwest"] / (share["Southwest"] + share["South"])) > 0.05


# --- item 5: C6 from the joint law of each man's home ------------------------------------------------------


def _cell(province):
    from cabinet.io import load_provinces

    core = set(load_provinces().query("hazarajat == 'core'")["province"])
    # a birthplace abroad is in no Afghan region and outside the Hazarajat
    return f"{REGION.get(province, 'abroad')} × {'Hazarajat' if province in core else 'outside Hazarajat'}"


def _cell_share():
    total = POP.sum()
    out = {}
    for p, v in POP.items():
        out[_cell(p)] = out.get(_cell(p), 0.0) + v / total
    return out


def _laws(roster):
    """Population law over cells of each person whose birth cell is open: {person_id: {cell: p}}."""
    share = _cell_share()
    laws = {}
    for pid, cell in zip(roster["person_id"], roster["birth_province"]):
        alts = parse_tag(cell)
        cells = {_cell(a[0]) for a in alts}
        if len(cells) == 1:
            continue
        if not alts:
            laws[pid] = share
        else:
            total = sum(POP.get(a[0], 0.0) for a in alts)  # abroad: no share of Afghanistan's population
            law = {}
            for a in alts:
                law[_cell(a[0])] = law.get(_cell(a[0]), 0.0) + POP.get(a[0], 0.0) / total
            laws[pid] = law
    return laws


def _c6_holds(cells_of, known_regions):
    """C6 on one resolution: nobody but Muttaqi from the west or southwest, nobody from the Hazarajat, and every
    region other than the west and southwest with an appointee."""
    for pid, cell in cells_of.items():
        region, haz = cell.split(" × ")
        if haz == "Hazarajat" or (region in ("West", "Southwest") and pid != PEOPLE["muttaqi"]):
            return False
    regions = set(known_regions) | {c.split(" × ")[0] for c in cells_of.values()}
    return {"Capital", "East", "North", "South"} <= regions


def _enumerate_c6(roster):
    laws = _laws(roster)
    known = [REGION.get(parse_tag(c)[0][0], "abroad") for pid, c in zip(roster["person_id"], roster["birth_province"])
             if pid not in laws]
    people = list(laws)
    total = 0.0
    for combo in itertools.product(*[list(laws[p].items()) for p in people]):
        p = math.prod(w for _, w in combo)
        if _c6_holds(dict(zip(people, (c for c, _ in combo))), known):
            total += p
    return total


def _small_roster(open_ids):
    """The 33 with every birthplace known except those of ``open_ids`` (Muttaqi's stays disputed)."""
    r = cabinet.io.load_appointees().copy()
    fill = {"unknown": "Kandahar"}
    for i, row in r.iterrows():
        if row["person_id"] in open_ids or row["person_id"] == PEOPLE["muttaqi"]:
            continue
        alts = parse_tag(row["birth_province"])
        r.at[i, "birth_province"] = alts[-1][0] if alts else fill["unknown"]  # Helmand|Kandahar: Kandahar
    return r


def test_c6_under_the_population_by_enumeration_on_a_small_roster():
    r = _small_roster({"ahmadi_ahmad_jan", "akhundzada_hamidullah"})
    r.loc[r["person_id"] == "akhundzada_hamidullah", "birth_province"] = "Helmand|Kandahar|Bamyan"
    t = cabinet.claim_probabilities(r, assumptions=["population"]).set_index("id")
    assert t.at["C6", "probability"] == pytest.approx(_enumerate_c6(r), rel=1e-10)
    assert t.at["C6", "method"] == "exact"


def test_c6_when_a_region_could_be_empty_by_enumeration_and_monte_carlo():
    # the North's four known appointees made open: the North could be empty, so the joint law is drawn
    north = r_ids = {"hanafi_abdul_salam", "hanif_din_mohammad", "idris_haji_mohammad", "fitrat_fasihuddin"}
    r = _small_roster(r_ids | {"ahmadi_ahmad_jan"})
    r.loc[r["person_id"].isin(north), "birth_province"] = "Jowzjan|Kandahar"
    r.loc[r["person_id"] == "fitrat_fasihuddin", "birth_province"] = "unknown"
    exact = _enumerate_c6(r)
    t = cabinet.claim_probabilities(r, assumptions=["population"], n_draws=100_000, seed=4).set_index("id")
    assert t.at["C6", "method"] == "monte_carlo"
    assert abs(t.at["C6", "probability"] - exact) < 5 * math.sqrt(exact * (1 - exact) / 100_000)


def test_c6_under_like_known_by_enumeration_of_the_urn():
    r = _small_roster({"ahmadi_ahmad_jan", "jalal_noor"})
    cells = list(_cell_share())
    birth = cabinet.groupings.with_home(r, "birth")
    alts = {pid: {_cell(a[0]) for a in parse_tag(c)} for pid, c in zip(birth["person_id"], birth["province"])}
    # a group only a disputed alternative names (a birthplace abroad) is a group the open tags can take too
    cells += sorted({c for a in alts.values() for c in a} - set(cells))
    open_ = [p for p, a in alts.items() if len(a) != 1]
    known = birth[~birth["person_id"].isin(open_)]
    classes = known["position_class"].value_counts()
    member = {pid: next(iter(a)) for pid, a in alts.items() if len(a) == 1}

    def beta(source):
        who = known if source == "pooled" else known[known["position_class"] == source]
        return np.array([0.5 + sum(member[p] == c for p in who["person_id"]) for c in cells])

    cls_of = dict(zip(birth["person_id"], birth["position_class"]))
    source = {p: (cls_of[p] if classes.get(cls_of[p], 0) >= MIN_CLASS_KNOWN else "pooled") for p in open_}
    options = [sorted(alts[p]) if alts[p] else cells for p in open_]
    num = den = 0.0
    for combo in itertools.product(*options):
        w = 1.0
        for s in set(source.values()):
            idx = [cells.index(c) for p, c in zip(open_, combo) if source[p] == s]
            w *= _moment(beta(s), np.bincount(idx, minlength=len(cells)))
        den += w
        if _c6_holds(dict(zip(open_, combo)), [member[p].split(" × ")[0] for p in member]):
            num += w
    t = cabinet.claim_probabilities(r, assumptions=["like_known"]).set_index("id")
    assert t.at["C6", "probability"] == pytest.approx(num / den, rel=1e-10)


def test_c6_on_the_bundled_data_by_exact_computation():
    # every other region has a known appointee, so C6 under the population is the product over the open
    # appointees of P(neither west/southwest nor Hazarajat) = 1 - a - b (Muttaqi: 1 - b), one home per man
    r = cabinet.io.load_appointees()
    laws = _laws(r)
    expected = 1.0
    for pid, law in laws.items():
        bad = sum(p for c, p in law.items() if c.endswith("× Hazarajat")
                  or (c.split(" × ")[0] in ("West", "Southwest") and pid != PEOPLE["muttaqi"]))
        expected *= 1 - bad
    t = cabinet.claim_probabilities(assumptions=["population"]).set_index("id")
    assert t.at["C6", "probability"] == pytest.approx(expected, rel=1e-10)
    # the product of two probabilities on the same men, (1 - a)(1 - b), is another and larger number
    wrong = math.prod(1 - sum(p for c, p in law.items() if c.split(" × ")[0] in ("West", "Southwest")
                              and pid != PEOPLE["muttaqi"]) for pid, law in laws.items()) * \
        math.prod(1 - sum(p for c, p in law.items() if c.endswith("× Hazarajat")) for law in laws.values())
    assert wrong > expected * 1.05


# --- item 3: the movement's yardstick with the pool's uncertainty ---------------------------------------


def _integrated_cdf(k, n, a, b):
    """P(Y <= k) for Y | theta ~ Binomial(n, theta), theta ~ Beta(a, b), by numerical integration."""
    value, _ = integrate.quad(lambda t: stats.binom.cdf(k, n, t) * stats.beta.pdf(t, a, b), 0, 1, limit=200)
    return value


def test_the_beta_binomial_predictive_by_integration_on_a_small_pool():
    pool = pd.DataFrame({"person_id": list("abcdef"), "name": list("abcdef"),
                         "province": ["Helmand", "Herat", "Kabul", "Paktia", "Kandahar", "unknown"],
                         "district": ["unknown"] * 6})
    # the roster: a (in the pool, southwest) and f (in the pool, unknown) are shared; x, y are new
    roster = pd.DataFrame({"person_id": ["a", "f", "x", "y"], "name": ["a", "f", "x", "y"],
                           "province": ["Helmand", "unknown", "Kabul", "unknown"], "district": ["unknown"] * 4})
    t = movement_predictive(roster, "west_southwest", pool=pool).iloc[0]
    assert (t["pool_in"], t["pool_out"], t["pool_open"], t["n_shared"], t["n_new"]) == (2, 3, 1, 2, 2)
    assert (t["count_new"], t["count_new_max"], t["shared_count"], t["shared_count_max"]) == (0, 1, 1, 2)
    assert t["p_le_count"] == pytest.approx(_integrated_cdf(0, 2, 2.5, 3.5), rel=1e-8)
    assert t["p_le_count_max"] == pytest.approx(_integrated_cdf(1, 2, 2.5, 3.5), rel=1e-8)
    assert t["p_le_at_low"] == pytest.approx(_integrated_cdf(0, 2, 2.5, 4.5), rel=1e-8)  # f outside
    assert t["p_le_at_high"] == pytest.approx(_integrated_cdf(0, 2, 3.5, 3.5), rel=1e-8)  # f inside
    # the shared men are not drawn: making the shared 'a' a man from Kabul changes the pool's share only
    moved = pool.assign(province=["Kabul", "Herat", "Kabul", "Paktia", "Kandahar", "unknown"])
    t2 = movement_predictive(roster.assign(province=["Kabul", "unknown", "Kabul", "unknown"]), "west_southwest",
                             pool=moved).iloc[0]
    assert (t2["n_new"], t2["count_new"]) == (2, 0)
    assert t2["p_le_count"] == pytest.approx(_integrated_cdf(0, 2, 1.5, 4.5), rel=1e-8)


def test_the_yardstick_of_c4_by_integration():
    t = movement_predictive(target="helmandi_networks").iloc[0]
    # pool: Zakir the one known member of the Helmandi networks, 18 known outside them (issue 18's count)
    assert (t["pool_in"], t["pool_out"], t["pool_n"]) == (1, 18, 29)
    assert (t["n_shared"], t["n_new"], t["count_new"]) == (9, 24, 0)
    assert t["p_le_count"] == pytest.approx(_integrated_cdf(0, 24, 1.5, 18.5), rel=1e-8)
    assert t["p_le_count_max"] == pytest.approx(_integrated_cdf(t["count_new_max"], 24, 1.5, 18.5), rel=1e-8)
    c = cabinet.claims().set_index("id")
    assert c.at["C4", "p_le_movement"] == t["p_le_count"] and c.at["C4", "p_le_movement_max"] == t["p_le_count_max"]
    # the binomial at the plug-in share 1/19 treats the share as known: a smaller P than the predictive's
    assert stats.binom.cdf(0, 24, 1 / 19) < t["p_le_count"]
    figure = c.at["C4", "figure"]
    assert "beta-binomial predictive" in figure and "at the largest their unknown tags allow" in figure
    assert f"the cabinet's other {t['n_new']}" in figure


# --- item 10: movement_draw over resolutions that can occur ---------------------------------------------


def test_the_draw_from_the_pool_by_enumeration_of_resolutions():
    regions = ["Southwest", "South"]
    pool = pd.DataFrame({"person_id": list("abcdefgh"), "name": list("abcdefgh"),
                         "province": ["Helmand", "Kandahar", "Helmand|Kandahar", "unknown", "Kandahar",
                                      "Helmand|Kandahar", "Kandahar", "Helmand"],
                         "district": ["unknown"] * 8})
    roster = pd.DataFrame({"person_id": ["a", "c", "d", "z"], "name": ["a", "c", "d", "z"]})
    t = movement_draw(roster, "region", pool=pool).set_index("group")
    drawn = {"a", "c", "d"}
    big_n, n = 8, 3
    # every resolution: each open man takes one region, the same in the pool and in the draw
    options = []
    for v in pool["province"]:
        alts = parse_tag(v)
        options.append(sorted({REGION[a[0]] for a in alts}) if alts else sorted(set(REGION)))
    for g in regions:
        le, ge = [], []
        for combo in itertools.product(*options):
            big_k = sum(c == g for c in combo)
            k = sum(c == g for pid, c in zip(pool["person_id"], combo) if pid in drawn)
            le.append(stats.hypergeom.cdf(k, big_n, big_k, n))
            ge.append(stats.hypergeom.sf(k - 1, big_n, big_k, n))
        r = t.loc[g]
        assert (r["p_le_min"], r["p_le_max"]) == pytest.approx((min(le), max(le)), rel=1e-12), g
        assert (r["p_ge_min"], r["p_ge_max"]) == pytest.approx((min(ge), max(ge)), rel=1e-12), g


# --- item 14: the claims are about the list of 7 September 2021 ------------------------------------------


def test_a_later_roster_is_checked_against_the_list_of_7_september():
    default = cabinet.claims()
    with pytest.warns(FirstListNote, match="checked against it"):
        later = cabinet.claims(cabinet.load_roster(as_of="2025-12-31"))
    assert later["verdict"].tolist() == default["verdict"].tolist()
    assert later.attrs["checked_against"].startswith("the claims are about the list of 7 September 2021")
    code, out, err = run("claims", "--roster", "2025-12-31")
    assert code == 0, err
    assert out.startswith("The claims are about the list of 7 September 2021")
    assert "contradicted" not in out and out.count("supported") == 3
    code, out, err = run("claims", "--roster", "2025-12-31", "--format", "csv")
    assert code == 0 and "warning: The claims are about the list of 7 September 2021" in err
    assert pd.read_csv(io.StringIO(out))["verdict"].tolist() == default["verdict"].tolist()
    code, out, err = run("claims", "--roster", "2025-12-31", "--assume", "like_known", "--format", "csv")
    assert code == 0 and "list of 7 September 2021" in err


def test_appointments_after_the_list_are_left_out():
    later = cabinet.io.load_later_appointments()
    sadr = later[later["person_id"] == PEOPLE["sadr"]]
    r = pd.concat([cabinet.io.load_appointees(), sadr], ignore_index=True)
    with pytest.warns(FirstListNote, match="1 appointment"):
        t = cabinet.claims(r).set_index("id")
    assert t.at["C5", "verdict"] == "supported" and t.at["C2", "verdict"] == "undetermined"


def test_earlier_in_c7_means_announced_before_21_september():
    r = cabinet.io.load_appointees().copy()
    r["iran_aligned"] = "no"
    later = cabinet.io.load_later_appointments().copy()
    assert (later["iran_aligned"] == "yes").sum() >= 1
    others = later["person_id"] != PEOPLE["sadr"]
    later.loc[others & (later["iran_aligned"] != "no"), "iran_aligned"] = "no"

    def verdict(frame):
        return cabinet.claims(r, frame).set_index("id").at["C7", "verdict"]

    assert verdict(later) == "supported"
    one = later.index[others & (later["announced"] == pd.Timestamp("2021-10-04"))][0]
    late = later.copy()
    late.loc[one, "iran_aligned"] = "yes"  # Iran-aligned, appointed on 4 October: not earlier
    assert verdict(late) == "supported"
    early = late.copy()
    early.loc[one, "announced"] = pd.Timestamp("2021-09-15")  # the same man, announced before the 21st
    assert verdict(early) == "contradicted"
    # a government at the end of 2021 holds Sadr, Zakir and the October appointees: not 'earlier' either
    with pytest.warns(FirstListNote):
        t = cabinet.claims(cabinet.load_roster(as_of="2021-12-31")).set_index("id")
    assert t.at["C7", "verdict"] == cabinet.claims().set_index("id").at["C7", "verdict"]
    assert "earlier appointees called Iran-aligned: 0" in t.at["C7", "figure"]


# --- item 17: one priors file about several columns -------------------------------------------------------


PRIORS = """name,column,group,probability
Noorullah Munir,iran_aligned,no,1
Mohammad Younus Akhundzada,iran_aligned,no,1
Ahmad Jan Ahmady,iran_aligned,yes,0.2
Ahmad Jan Ahmady,iran_aligned,no,0.8
Mawlawi Noor Jalal,iran_aligned,no,1
Rahmatullah Najib,iran_aligned,no,1
Mullah Abdul Haq Akhund,iran_aligned,no,1
Hamidullah Akhundzada,region,South,1
Ahmad Jan Ahmady,region,West,0.3
Ahmad Jan Ahmady,region,East,0.7
Mawlawi Amir Khan Muttaqi,region,East,1
"""
_EAST = ["Mullah Mohammad Yaqoob Mujahid", "Noorullah Munir", "Abdul Manan Omari", "Mohammad Younus Akhundzada",
         "Mawlawi Noor Jalal", "Mullah Tajmir Jawad", "Rahmatullah Najib", "Mullah Abdul Haq Akhund"]


def _priors_file(tmp_path, extra=""):
    path = tmp_path / "priors.csv"
    path.write_text(PRIORS + "".join(f"{n},region,East,1\n" for n in _EAST) + extra, encoding="utf-8")
    return path


def test_a_priors_file_about_two_columns(tmp_path):
    path = _priors_file(tmp_path)
    t = cabinet.claim_probabilities(assumptions=["priors"], priors=path).set_index("id")
    assert t.at["C2", "probability"] == pytest.approx(0.8)  # only Ahmadi can be Iran-aligned: 0.2
    assert t.at["C7", "probability"] == pytest.approx(0.8)  # the same column, the same people earlier; Sadr: yes
    assert t.at["C3", "probability"] == pytest.approx(0.7)  # only Ahmadi can be from the west: 0.3
    # C6: a region's probability is split over its Hazarajat and other provinces by population
    share = _cell_share()
    east_haz = share["East × Hazarajat"] / (share["East × Hazarajat"] + share["East × outside Hazarajat"])
    # (Hamidullah's south is Kandahar, his one southern candidate, outside the Hazarajat)
    expected = (1 - 0.3 - 0.7 * east_haz) * (1 - east_haz) ** len(_EAST)
    assert t.at["C6", "probability"] == pytest.approx(expected, rel=1e-10)
    code, out, err = run("claims", "--assume", "priors", "--priors", str(path), "--format", "csv")
    assert code == 0, err
    cli = pd.read_csv(io.StringIO(out)).set_index("id")["probability"]
    assert cli["C2"] == pytest.approx(0.8) and cli["C3"] == pytest.approx(0.7)


def test_a_prior_that_names_its_claim_applies_to_that_claim_only(tmp_path):
    path = tmp_path / "priors.csv"
    path.write_text("name,claim,group,probability\nAhmad Jan Ahmady,C2,yes,0.5\n", encoding="utf-8")
    t = cabinet.claim_probabilities(assumptions=["like_known", "priors"], priors=path).set_index(["id", "assumption"])
    lk = t.xs("like_known", level="assumption")["probability"]
    pr = t.xs("priors", level="assumption")["probability"]
    # C2: Ahmadi no longer follows like_known: his 0.5 replaces the urn's share for him
    assert pr["C2"] < lk["C2"]
    assert pr["C7"] == pytest.approx(lk["C7"]) and pr["C3"] == pytest.approx(lk["C3"])


@pytest.mark.parametrize("row,column,message", [
    ("Ahmad Jan Ahmady,,C5,yes,0.5", "claim", "no unknown tag bears on it"),
    ("Ahmad Jan Ahmady,tribe,,Ishaqzai,0.5", "column", "no claim reads this column"),
    ("Nobody Atall,region,,East,0.5", "name", "in neither the list"),
    ("Ahmad Jan Ahmady,region,,Atlantis,0.5", "group", "not a group of region"),
    ("Ahmad Jan Ahmady,region,,East,1.5", "probability", "not a probability"),
])
def test_a_bad_priors_row_names_file_line_column_and_value(tmp_path, row, column, message):
    path = tmp_path / "priors.csv"
    path.write_text(f"name,column,claim,group,probability\nMawlawi Noor Jalal,region,,East,1\n{row}\n",
                    encoding="utf-8")
    with pytest.raises(cabinet.errors.DataError) as err:
        cabinet.claim_probabilities(assumptions=["priors"], priors=path)
    problem = err.value.problems[0]
    assert problem.file.endswith("priors.csv") and problem.line == 3 and problem.column == column
    assert message in str(err.value)
    code, _, stderr = run("claims", "--assume", "priors", "--priors", str(path))
    assert code == 1 and "priors.csv, line 3" in stderr


def test_estimates_read_the_rows_about_their_column(tmp_path):
    # Haqqani's birthplace is open too (the east, or abroad in the UN entries): given to the east here
    path = _priors_file(tmp_path, extra="Sirajuddin Haqqani,region,East,1\n")
    t = cabinet.estimates(by="region", assumptions=["priors"], priors=path, home="birth").set_index("group")
    # every open birthplace is given: 8 to the east, Ahmadi 0.7, Muttaqi (Helmand or Paktia) to the east,
    # Haqqani to the east, Hamidullah to the south
    assert t.at["East", "expected"] == pytest.approx(t.at["East", "count"] + 8 + 0.7 + 1 + 1)
    assert t.at["South", "expected"] == pytest.approx(t.at["South", "count"] + 1)
    assert (t["note"] == "").all()
    assert t.at["West", "expected"] == pytest.approx(0.3)


def test_the_priors_file_of_the_command_line_guide_works(tmp_path):
    """The example file of docs/guide/command_line.md, as a user would copy it."""
    from pathlib import Path

    guide = (Path(__file__).resolve().parent.parent / "docs" / "guide" / "command_line.md").read_text(encoding="utf-8")
    example = guide.split("`--priors FILE` gives", 1)[1].split("```\n", 2)[1]
    assert example.startswith("name,column,group,probability\n")
    path = tmp_path / "my_priors.csv"
    path.write_text(example, encoding="utf-8")
    code, out, err = run("claims", "--assume", "like_known,priors", "--priors", str(path), "--format", "csv")
    assert code == 0, err
    t = pd.read_csv(io.StringIO(out)).set_index(["id", "assumption"])["probability"]
    # Najib (a deputy minister, of the pooled source) is no longer drawn from the urn: his 0.9 of 'no' times the
    # other unknown's beta-binomial chance of holding no 'yes'
    roster = cabinet.io.load_appointees()
    unknown, n_known = _known_no_by_source(roster, "iran_aligned")
    najib = roster.set_index("name").at["Rahmatullah Najib", "position_class"]
    unknown["pooled" if najib not in n_known else najib] -= 1
    expected = 0.9 * np.prod([stats.betabinom.pmf(0, m, 0.5, 0.5 + n_known[s]) for s, m in unknown.items()])
    assert t[("C2", "priors")] == pytest.approx(expected, rel=1e-12)
    assert 0 < t[("C3", "priors")] < 1


def test_c7_with_sadr_open_is_the_difference_of_two_urn_probabilities():
    # Sadr's Iran alignment made unknown: he is drawn with the earlier appointees of his source; C7 holds when none
    # of the earlier is Iran-aligned and he is: P(none earlier) - P(none earlier and Sadr not)
    roster = cabinet.io.load_appointees()
    later = cabinet.io.load_later_appointments().copy()
    later.loc[later["person_id"] == PEOPLE["sadr"], "iran_aligned"] = "unknown"
    sadr = later[later["person_id"] == PEOPLE["sadr"]]
    frame = pd.concat([roster, sadr], ignore_index=True)
    unknown, n_known = _known_no_by_source(frame, "iran_aligned")
    sadr_source = sadr["position_class"].iloc[0] if sadr["position_class"].iloc[0] in n_known else "pooled"
    none_all = np.prod([stats.betabinom.pmf(0, m, 0.5, 0.5 + n_known[s]) for s, m in unknown.items()])
    without = dict(unknown)
    without[sadr_source] -= 1
    none_earlier = np.prod([stats.betabinom.pmf(0, m, 0.5, 0.5 + n_known[s]) for s, m in without.items()])
    t = cabinet.claim_probabilities(roster, later, assumptions=["like_known"]).set_index("id")
    assert t.at["C7", "verdict"] == "undetermined"
    assert t.at["C7", "probability"] == pytest.approx(none_earlier - none_all, rel=1e-10)
    # with his tag known ('yes'), C7 is C2's event: the same probability under every prior
    for prior in ("jeffreys", "uniform"):
        t = cabinet.claim_probabilities(assumptions=["like_known"], prior=prior).set_index("id")["probability"]
        assert t["C7"] == pytest.approx(t["C2"], rel=1e-12)


def test_every_row_of_the_table_says_how_it_was_reached():
    t = cabinet.claim_probabilities(assumptions=["bounds", "like_known", "population"])
    from cabinet.claim_likelihood import PROBABILITY_COLUMNS

    assert list(t.columns) == PROBABILITY_COLUMNS
    b = t[t["assumption"] == "bounds"]
    assert b["probability"].isna().all() and (b["method"] == "bounds").all() and (b[["prior", "note"]] == "").all().all()
    sourced = t[(t["assumption"] != "bounds") & t["id"].isin(["C1", "C5", "C8"])]
    assert (sourced["method"] == "sourced").all() and (sourced["probability"] == 1).all()
    assert (sourced["note"] == "decided by sourced values; no unknown bears on it").all() and (sourced["prior"] == "").all()
    none = t[(t["assumption"] == "population") & t["id"].isin(["C2", "C7"])]
    assert none["probability"].isna().all() and (none["note"] == "no population share exists for this tag").all()
    assert (none["method"] == "").all()
    lk = t[(t["assumption"] == "like_known") & (t["verdict"] == "undetermined")].set_index("id")
    # the six regions and abroad (Haqqani's birthplace in the UN entries: a group a disputed tag names)
    assert lk.at["C3", "prior"] == "Jeffreys' prior Dirichlet(1/2, ..., 1/2) over 7 groups"
    # the eight cells a home in Afghanistan can be in, and abroad
    assert lk.at["C6", "prior"] == "Jeffreys' prior Dirichlet(1/2, ..., 1/2) over 9 groups"
    assert "pooled with all known: agency_head, deputy_minister" in lk.at["C2", "note"]
    pop = t[(t["assumption"] == "population") & (t["verdict"] == "undetermined")]
    assert (pop.loc[pop["id"].isin(["C3", "C4", "C6"]), "prior"] == "").all()
    assert t.attrs["prior"] == "jeffreys" and t.attrs["n"] == 33
    assert cabinet.claim_probabilities(assumptions="population")["assumption"].eq("population").all()
    with pytest.raises(ValueError, match="allowed: exact, monte_carlo"):
        cabinet.claim_probabilities(method="fast")


def test_claims_by_monte_carlo_agree_with_the_exact_figures():
    exact = cabinet.claim_probabilities(assumptions=["like_known"]).set_index("id")
    mc = cabinet.claim_probabilities(assumptions=["like_known"], method="monte_carlo", n_draws=40_000,
                                     seed=3).set_index("id")
    open_ = exact["verdict"] == "undetermined"
    assert (mc.loc[open_, "method"] == "monte_carlo").all() and (mc.loc[~open_, "method"] == "sourced").all()
    assert np.all(np.abs(mc.loc[open_, "probability"] - exact.loc[open_, "probability"]) < 0.02)
    again = cabinet.claim_probabilities(assumptions=["like_known"], method="monte_carlo", n_draws=40_000, seed=3)
    assert again.equals(mc.reset_index())


def test_a_sum_too_long_falls_back_to_monte_carlo_and_says_so(monkeypatch):
    from cabinet import predictive

    monkeypatch.setattr(predictive, "MAX_STATES", 1)
    t = cabinet.claim_probabilities(assumptions=["like_known"], n_draws=20_000, seed=2).set_index("id")
    assert t.at["C3", "method"] == "monte_carlo"
    assert "the exact sum is too long for this roster: seeded Monte Carlo" in t.at["C3", "note"]
    e = cabinet.estimates(cabinet.groupings.with_home(cabinet.io.load_appointees(), "birth"), "region",
                          assumptions=["like_known"], n_draws=20_000, seed=2)
    assert (e["method"] == "monte_carlo").all() and e["note"].str.contains("too long").all()
    monkeypatch.undo()
    exact = cabinet.claim_probabilities(assumptions=["like_known"]).set_index("id")
    assert abs(t.at["C3", "probability"] - exact.at["C3", "probability"]) < 0.02


def test_c6_with_plural_homes_and_a_region_that_could_be_empty_is_not_computed():
    r = cabinet.io.load_appointees().copy()
    r = r.drop(columns=[c for c in r.columns if c.startswith(("birth_", "origin_", "stated_"))])
    r["province"] = "Kandahar"
    r.loc[r.index[:2], "province"] = ["Kabul", "Paktia+Kabul"]
    r.loc[r.index[2], "province"] = "unknown"
    t = cabinet.claim_probabilities(r, assumptions=["population"]).set_index("id")
    assert t.at["C6", "verdict"] == "undetermined" and np.isnan(t.at["C6", "probability"])
    assert t.at["C6", "note"] == "a region could be empty and the tags are plural: not computed"


def test_a_prior_may_name_a_cell_of_c6_and_a_row_may_name_neither_column_nor_claim(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("name,group,probability\n"
                    "Ahmad Jan Ahmady,East × Hazarajat,1\n"
                    "Rahmatullah Najib,yes,0.25\n", encoding="utf-8")
    t = cabinet.claim_probabilities(assumptions=["priors"], priors=path).set_index("id")
    assert t.at["C6", "probability"] == 0  # Ahmadi surely from the Hazarajat
    lk = cabinet.claim_probabilities(assumptions=["like_known"]).set_index("id")
    assert t.at["C2", "probability"] < lk.at["C2", "probability"]  # Najib's 'yes' row bears on C2 and C7
    assert t.at["C7", "probability"] == pytest.approx(t.at["C2", "probability"])
    assert t.at["C3", "probability"] == pytest.approx(lk.at["C3", "probability"])  # no row about C3's regions
    path.write_text("name,group,probability\nAhmad Jan Ahmady,Atlantis,1\n", encoding="utf-8")
    with pytest.raises(cabinet.errors.DataError, match="a group of no claim's column"):
        cabinet.claim_probabilities(assumptions=["priors"], priors=path)


def test_plural_homes_under_like_known():
    # a roster with one plural sense of home (no birthplaces): C3 is computed, Muttaqi (no target) dropping out;
    # C6 would need one joint law for two targets over plural tags, and says it is not computed
    r = cabinet.io.load_appointees().copy()
    r = r.drop(columns=[c for c in r.columns if c.startswith(("birth_", "origin_", "stated_"))])
    t = cabinet.claim_probabilities(r, assumptions=["like_known"]).set_index("id")
    assert 0 < t.at["C3", "probability"] < 1 and t.at["C3", "method"] == "exact"
    assert t.at["C3", "prior"] == "Jeffreys' prior Beta(1/2, 1/2) on each group's share"
    assert np.isnan(t.at["C6", "probability"])
    assert t.at["C6", "note"].endswith("plural tags with a different target per appointee: not computed")
