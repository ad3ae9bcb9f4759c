"""The exact tests and their multiplicity families (issue 24, items 9, 11, 15 and 18): every value against
statsmodels, scipy or a hand computation."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from statsmodels.stats.multitest import multipletests

import cabinet
from cabinet.exact_tests import _adjust, _Binomial, _FromPmf, adjust_family


def _toy(cells, column="camp"):
    return pd.DataFrame({"name": [f"p{i}" for i in range(len(cells))], column: cells})


# ---- item 9: the families adjusted ----------------------------------------------------------------------------

HAND = {  # three groups, each probability a range (known count .. largest possible count)
    "p_le_count": [0.004, 0.20, 0.51], "p_le_count_max": [0.03, 0.41, 0.93],
    "p_ge_count": [0.999, 0.90, 0.62], "p_ge_count_max": [0.98, 0.71, 0.09],
    "p_two_sided_min": [0.008, 0.38, 0.17], "p_two_sided_max": [0.06, 0.80, 1.0],
}


@pytest.mark.parametrize("method", ["holm", "bonferroni", "fdr_by"])
def test_both_tails_form_one_family_and_the_two_sided_p_is_adjusted(method):
    p = {k: np.array(v) for k, v in HAND.items()}
    out = _adjust(p, np.array([True, True, True]), method)
    low = multipletests(HAND["p_le_count"] + HAND["p_ge_count_max"], method=method)[1]
    high = multipletests(HAND["p_le_count_max"] + HAND["p_ge_count"], method=method)[1]
    np.testing.assert_allclose(out["p_le_count_adj"], low[:3])
    np.testing.assert_allclose(out["p_ge_count_max_adj"], low[3:])
    np.testing.assert_allclose(out["p_le_count_max_adj"], high[:3])
    np.testing.assert_allclose(out["p_ge_count_adj"], high[3:])
    np.testing.assert_allclose(out["p_two_sided_min_adj"], multipletests(HAND["p_two_sided_min"], method=method)[1])
    np.testing.assert_allclose(out["p_two_sided_max_adj"], multipletests(HAND["p_two_sided_max"], method=method)[1])
    # every adjusted range is a range: low end <= high end
    assert (out["p_le_count_adj"] <= out["p_le_count_max_adj"]).all()
    assert (out["p_two_sided_min_adj"] <= out["p_two_sided_max_adj"]).all()


def test_holm_over_six_one_sided_tests_by_hand():
    p = {k: np.array(v) for k, v in HAND.items()}
    out = _adjust(p, np.array([True, True, True]), "holm")
    # the lower ends: 0.004, 0.20, 0.51, 0.98, 0.71, 0.09 sorted: 0.004 (x6), 0.09 (x5), 0.20 (x4), ...
    assert out["p_le_count_adj"][0] == pytest.approx(6 * 0.004)
    assert out["p_ge_count_max_adj"][2] == pytest.approx(5 * 0.09)
    assert out["p_le_count_adj"][1] == pytest.approx(4 * 0.20)
    # the two-sided minimum: 0.008 (x3), 0.17 (x2), 0.38 (x1): 0.024, 0.34, 0.38 by rank
    assert out["p_two_sided_min_adj"].tolist() == pytest.approx([3 * 0.008, 0.38, 2 * 0.17])


def test_untested_rows_are_no_members_of_the_family():
    p = {k: np.array(v + [np.nan]) for k, v in HAND.items()}
    out = _adjust(p, np.array([True, False, True, False]), "holm")
    expected = multipletests([0.004, 0.51, 0.98, 0.09], method="holm")[1]
    assert out["p_le_count_adj"][[0, 2]].tolist() == pytest.approx(expected[:2].tolist())
    assert np.isnan(out["p_le_count_adj"][[1, 3]]).all()


def test_a_table_adjusts_both_tails_of_its_groups_with_statsmodels():
    roster = _toy(["Red"] * 6 + ["Blue"] * 2 + ["Green"] * 2 + ["unknown"])
    t = cabinet.representation(roster, "camp", baseline={"Red": 0.3, "Blue": 0.3, "Green": 0.4})
    g = t[t["status"] == "group"]
    low = multipletests(np.concatenate([g["p_le_count"], g["p_ge_count_max"]]), method="holm")[1]
    np.testing.assert_allclose(g["p_le_count_adj"], low[:3])
    two = multipletests(g["p_two_sided_max"], method="holm")[1]
    np.testing.assert_allclose(g["p_two_sided_max_adj"], two)
    assert t.loc[t["status"] != "group", ["p_le_count_adj", "p_two_sided_min_adj"]].isna().all().all()


def test_the_complement_of_a_gap_is_no_member_of_its_family():
    t = cabinet.hazarajat_gap().set_index("group")
    r = t.loc["Hazarajat"]
    # one target: the family is its two tails (and its one two-sided test, left as it is)
    holm = multipletests([r["p_le_count"], r["p_ge_count_max"]], method="holm")[1]
    assert r["p_le_count_adj"] == pytest.approx(holm[0]) and r["p_ge_count_max_adj"] == pytest.approx(holm[1])
    assert r["p_two_sided_min_adj"] == pytest.approx(r["p_two_sided_min"])
    assert t.loc["outside", ["p_le_count_adj", "p_ge_count_adj", "p_two_sided_min_adj"]].isna().all()
    # three targets in one family: West, Southwest and both together
    w = cabinet.west_southwest_gap()
    targets = w[w["target"]]
    low = multipletests(np.concatenate([targets["p_le_count"], targets["p_ge_count_max"]]), method="holm")[1]
    np.testing.assert_allclose(targets["p_le_count_adj"], low[:3])
    assert w.loc[w["group"] == "outside", "p_le_count_adj"].isna().all()


def test_adjust_family_keeps_the_blocks_of_two_baselines_apart():
    both = cabinet.hazarajat_gap(baseline="both")
    for name, block in both.groupby("baseline", sort=False):
        r = block[block["group"] == "Hazarajat"].iloc[0]
        holm = multipletests([r["p_le_count"], r["p_ge_count_max"]], method="holm")[1]
        assert r["p_le_count_adj"] == pytest.approx(holm[0]), name
    t = cabinet.representation(_toy(["Red", "Blue"]), "camp", baseline={"Red": .5, "Blue": .5})
    none = adjust_family(t.assign(adjust=""), [True, True, False])
    assert none[[c for c in none.columns if c.endswith("_adj")]].isna().all().all()


def test_benjamini_hochberg_is_refused_with_its_condition():
    with pytest.raises(ValueError, match="positively dependent"):
        cabinet.representation(by="region", adjust="fdr_bh")
    with pytest.raises(ValueError, match="allowed: holm, bonferroni, fdr_by"):
        cabinet.representation(by="region", adjust="hochberg")


# ---- item 11: power: a group too small for any count to be unusual ----------------------------------------------


def test_a_group_too_small_to_test_says_so():
    t = cabinet.representation(by="region").set_index("group")
    for g in ("Southwest", "West", "Capital"):
        p = t.at[g, "baseline_share"]
        assert t.at[g, "p_le_floor"] == pytest.approx(stats.binom.pmf(0, 33, p)) == pytest.approx((1 - p) ** 33)
        assert bool(t.at[g, "can_reject"]) == (stats.binom.cdf(0, 33, p) < 0.05), g
    assert not t.at["Southwest", "can_reject"]  # 5.2 %: (1 - 0.052)^33 = 0.17, so even 0 of 33 is not unusual
    assert t.at["West", "can_reject"]  # 12.8 %: 0.011
    assert pd.isna(t.at["unknown", "can_reject"]) and pd.isna(t.at["unknown", "p_le_floor"])


@pytest.mark.parametrize("share,n", [(0.03, 33), (0.05, 33), (0.09, 33), (0.10, 33), (0.05, 60)])
def test_can_reject_at_the_edge_of_power(share, n):
    roster = _toy(["A"] * n)
    t = cabinet.representation(roster, "camp", baseline={"A": 1 - share, "B": share}).set_index("group")
    floor = stats.binom.cdf(0, n, share)
    assert t.at["B", "p_le_floor"] == pytest.approx(floor)
    assert bool(t.at["B", "can_reject"]) is bool(floor < 0.05)


def test_the_command_line_and_the_chart_say_a_test_cannot_reject():
    import io

    import matplotlib
    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    from cabinet.cli import main
    from cabinet.plots import plot_region_gap

    import contextlib

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["gaps", "--by", "region"])
    floor = (1 - cabinet.representation(by="region").set_index("group").at["Southwest", "baseline_share"]) ** 33
    assert f"cannot reject: Southwest (5.2% of the baseline): even none of 33 would have P = {floor:.3f}" in \
        out.getvalue()
    ax = Figure().add_subplot()
    plot_region_gap(cabinet.representation(by="region"), ax=ax)
    texts = " ".join(" ".join(t.get_text() for t in ax.texts).split())  # the notes and the subtitle
    assert "Southwest: too small to test; even none of 33 would have p=0.17, not below 0.05" in texts


# ---- item 15: a baseline given as a range -------------------------------------------------------------------


def test_against_a_baseline_range_every_probability_is_a_range_over_both():
    # a baseline share of 0 among the known members of a pool, up to 34.5 % of it
    roster = _toy(["B"] * 2 + ["A"] * 8 + ["unknown"] * 2)
    from cabinet.baseline_type import Baseline

    base = Baseline("pool", "a pool with unknowns", pd.Series({"A": 1.0, "B": 0.0}),
                    low=pd.Series({"A": 0.655, "B": 0.0}), high=pd.Series({"A": 1.0, "B": 0.345}))
    t = cabinet.representation(roster, "camp", baseline=base).set_index("group")
    n, r = 12, t.loc["B"]
    k, kmax = 2, 4
    # by scipy at the ends of both ranges
    assert r["p_le_count"] == pytest.approx(stats.binom.cdf(k, n, 0.345))
    assert r["p_le_count_max"] == pytest.approx(stats.binom.cdf(kmax, n, 0.0)) == 1.0
    assert r["p_ge_count"] == pytest.approx(stats.binom.sf(k - 1, n, 0.345))
    assert r["p_ge_count_max"] == pytest.approx(stats.binom.sf(kmax - 1, n, 0.0)) == 0.0
    assert r["p_ge_count"] > 0.5  # not 0.000: at the high end of the pool's share two of twelve are common
    assert pd.isna(r["ratio"])  # no ratio to a plug-in share of 0
    ci_low = stats.beta.ppf(0.025, k, n - k + 1)
    assert r["ratio_ci_low"] == pytest.approx(ci_low / 0.345) and np.isinf(r["ratio_ci_high"])
    assert 0 <= r["p_two_sided_min"] <= r["p_two_sided_max"] <= 1
    at_high = stats.binomtest(k, n, 0.345).pvalue
    assert r["p_two_sided_min"] <= at_high <= r["p_two_sided_max"]
    assert r["p_two_sided_max"] == pytest.approx(1.0)  # share 2/12 lies in the range: the count is the mode


def test_the_movement_baseline_gives_no_zero_point_probability_and_no_infinite_ratio():
    t = cabinet.representation(by="network", baseline="movement", home="any")
    g = t[t["status"] == "group"].set_index("group")
    assert not np.isinf(g["ratio"]).any()
    r = g.loc["peshawar_shura"]  # 0 of the pool's known members, up to a third of the pool; 1 in the cabinet
    assert r["baseline_share"] == 0 and r["baseline_high"] > 0.3
    assert r["p_ge_count"] == pytest.approx(stats.binom.sf(r["count"] - 1, 33, r["baseline_high"]))
    assert r["p_ge_count"] > 0.99 and r["p_ge_count_adj"] > 0.99  # it was 0.000, and 0.000 after Holm


def test_a_point_baseline_is_unchanged_by_the_range_rule():
    t = cabinet.representation(by="region").set_index("group")
    r = t.loc["West"]
    assert r["baseline_low"] == r["baseline_high"] == r["baseline_share"]
    assert r["p_le_count"] == pytest.approx(stats.binom.cdf(0, 33, r["baseline_share"]))
    assert r["p_le_count_max"] == pytest.approx(stats.binom.cdf(r["count_max"], 33, r["baseline_share"]))


# ---- item 18: tests that bite: the two-sided range's ends -----------------------------------------------------


@pytest.mark.parametrize("k,kmax,p", [(0, 6, 0.128), (10, 20, 0.295), (7, 17, 0.087), (3, 3, 0.4), (0, 33, 0.5)])
def test_the_two_sided_range_is_min_then_max_over_the_counts(k, kmax, p):
    values = [stats.binomtest(j, 33, p).pvalue for j in range(k, kmax + 1)]
    lo, hi = _Binomial(33, p).two_sided_range(k, kmax)
    assert lo == pytest.approx(min(values)) and hi == pytest.approx(max(values)) and lo <= hi
    pmf = stats.binom.pmf(np.arange(34), 33, p)
    lo2, hi2 = _FromPmf(pmf).two_sided_range(k, kmax)
    assert lo2 == pytest.approx(min(values), rel=1e-6) and hi2 == pytest.approx(max(values), rel=1e-6)


def test_the_table_orders_the_two_sided_ends():
    t = cabinet.representation(by="region")
    g = t[t["status"] == "group"]
    assert g.loc[g["group"] == "abroad", "p_two_sided_min"].isna().all()  # no share of the population: untested
    g = g[g["group"] != "abroad"]
    assert (g["p_two_sided_min"] <= g["p_two_sided_max"]).all()
    assert (g["p_two_sided_min"] < g["p_two_sided_max"]).any()
    west = g.set_index("group").loc["West"]
    values = [stats.binomtest(j, 33, west["baseline_share"]).pvalue for j in range(0, int(west["count_max"]) + 1)]
    assert (west["p_two_sided_min"], west["p_two_sided_max"]) == pytest.approx((min(values), max(values)))


# ---- tests that bite: each of these kills mutants tools/mutate.py makes ---------------------------------------


def test_every_tail_of_a_whole_person_table_against_scipy():
    roster = _toy(["A"] * 5 + ["B"] * 3 + ["A|B"] * 2 + ["unknown"])
    t = cabinet.representation(roster, "camp", baseline={"A": 0.3, "B": 0.7}).set_index("group")
    n, n_known = 11, 8
    for g, p in (("A", 0.3), ("B", 0.7)):
        r = t.loc[g]
        k, kmax = int(r["count"]), int(r["count_max"])
        assert (k, kmax) == ((5, 8) if g == "A" else (3, 6))
        assert r["p_le_count"] == pytest.approx(stats.binom.cdf(k, n, p))
        assert r["p_le_count_max"] == pytest.approx(stats.binom.cdf(kmax, n, p))
        assert r["p_ge_count"] == pytest.approx(stats.binom.sf(k - 1, n, p))
        assert r["p_ge_count_max"] == pytest.approx(stats.binom.sf(kmax - 1, n, p))
        assert r["p_le_known"] == pytest.approx(stats.binom.cdf(k, n_known, p))
        assert r["p_ge_known"] == pytest.approx(stats.binom.sf(k - 1, n_known, p))
        assert r["p_le_floor"] == pytest.approx((1 - p) ** n)
        assert (r["n_known"], r["share_known"]) == (n_known, pytest.approx(k / n_known))
        assert r["test"] == "binomial"
        ci_low = stats.beta.ppf(0.025, k, n - k + 1)
        assert r["ratio_ci_low"] == pytest.approx(ci_low / p) and r["ratio"] == pytest.approx(k / n / p)
        two = [stats.binomtest(j, n, p).pvalue for j in range(k, kmax + 1)]
        assert (r["p_two_sided_min"], r["p_two_sided_max"]) == pytest.approx((min(two), max(two)))


def test_every_tail_of_a_finite_pool_against_scipy():
    roster = _toy(["A"] * 3 + ["B"] + ["A|B"] + ["unknown"])
    t = cabinet.representation(roster, "camp", pool={"A": 10, "B": 30}).set_index("group")
    n, n_known, size = 6, 4, 40
    for g, good in (("A", 10), ("B", 30)):
        r = t.loc[g]
        k, kmax = int(r["count"]), int(r["count_max"])
        h = stats.hypergeom(size, good, n)
        assert r["p_le_count"] == pytest.approx(h.cdf(k)) and r["p_le_count_max"] == pytest.approx(h.cdf(kmax))
        assert r["p_ge_count"] == pytest.approx(h.sf(k - 1)) and r["p_ge_count_max"] == pytest.approx(h.sf(kmax - 1))
        assert r["p_le_floor"] == pytest.approx(h.pmf(0))
        known = stats.hypergeom(size, good, n_known)
        assert r["p_le_known"] == pytest.approx(known.cdf(k)) and r["p_ge_known"] == pytest.approx(known.sf(k - 1))
        pmf = h.pmf(np.arange(n + 1))
        two = [pmf[pmf <= pmf[j] * (1 + 1e-7)].sum() for j in range(k, kmax + 1)]
        assert (r["p_two_sided_min"], r["p_two_sided_max"]) == pytest.approx((min(two), max(two)))
        assert r["test"] == "hypergeometric"
    # a pool group of size 0 and a pool exactly as large as the roster are allowed; a smaller one is not
    t = cabinet.representation(_toy(["A"] * 3), "camp", pool={"A": 3, "B": 0}).set_index("group")
    assert t.at["A", "p_le_count"] == pytest.approx(1.0) and t.at["A", "p_ge_count"] == pytest.approx(1.0)
    with pytest.raises(ValueError, match="smaller than the number of posts"):
        cabinet.representation(_toy(["A"] * 3), "camp", pool={"A": 2})
    with pytest.raises(ValueError, match="whole numbers"):
        cabinet.representation(_toy(["A"] * 3), "camp", pool={"A": 3.5})


def test_whole_number_weights_against_enumeration():
    import itertools

    cells, w, p = ["A", "A", "B", "unknown", "A|B"], [1, 2, 1, 2, 3], 0.4
    roster = _toy(cells).assign(w=w)
    t = cabinet.representation(roster, "camp", baseline={"A": p, "B": 1 - p}, weights="w").set_index("group")
    # the weighted count's distribution: each person in A with probability p, independently
    dist: dict = {}
    for inside in itertools.product([0, 1], repeat=len(w)):
        prob = np.prod([p if x else 1 - p for x in inside])
        total = sum(wi for wi, x in zip(w, inside) if x)
        dist[total] = dist.get(total, 0.0) + prob
    le = lambda k: sum(v for x, v in dist.items() if x <= k)  # noqa: E731
    ge = lambda k: sum(v for x, v in dist.items() if x >= k)  # noqa: E731
    r = t.loc["A"]
    assert (r["count"], r["count_max"], r["n"]) == (3, 8, 9) and r["test"] == "weighted (exact)"
    assert (r["p_le_count"], r["p_le_count_max"]) == pytest.approx((le(3), le(8)))
    assert (r["p_ge_count"], r["p_ge_count_max"]) == pytest.approx((ge(3), ge(8)))
    assert r["p_le_floor"] == pytest.approx(dist[0])
    two = [sum(v for v in dist.values() if v <= dist.get(j, 0) * (1 + 1e-7)) if j in dist else 0.0
           for j in range(3, 9)]
    assert (r["p_two_sided_min"], r["p_two_sided_max"]) == pytest.approx((min(two), max(two)))
    # weights that are not whole numbers: weighted counts, and no probability
    half = cabinet.representation(roster.assign(w=[0.5, 1, 1, 1, 1]), "camp", baseline={"A": p, "B": 1 - p},
                                  weights="w")
    assert half["p_le_count"].isna().all() and half["ci_low"].isna().all() and (half["test"] == "").all()


def test_confidence_bounds_and_member_lists_at_their_edges():
    for bad in (0, 1, 1.5):
        with pytest.raises(ValueError, match="confidence"):
            cabinet.representation(_toy(["A"]), "camp", confidence=bad)
    # the docstring's promise: member lists up to 1,000 appointees, none beyond
    assert cabinet.representation(_toy(["A"] * 1000), "camp").set_index("group").at["A", "members"] != ""
    assert cabinet.representation(_toy(["A"] * 1001), "camp").set_index("group").at["A", "members"] == ""


def test_the_columns_that_name_the_grouping():
    t = cabinet.representation(by="hazarajat", hazarajat="extended")
    assert set(t["scheme"]) == {"extended"} and set(t["by"]) == {"hazarajat"}
    assert set(cabinet.representation(by="region", scheme="isaf")["scheme"]) == {"isaf"}
    assert set(cabinet.representation(by="network")["scheme"]) == {""}
    over = cabinet.representation_over_time("region", dates=["2021-09-07"])
    assert over.columns[0] == "as_of" and list(over.columns[1:]) == list(t.columns)


def test_wide_spreads_one_column_per_baseline():
    from cabinet.representation import wide

    t = cabinet.representation(by="ethnicity", baseline="all")
    w = wide(t).set_index("group")
    for name, block in t.groupby("baseline"):
        b = block.set_index("group")
        for g in b.index:
            assert w.at[g, f"{name}:baseline_share"] == pytest.approx(b.at[g, "baseline_share"], nan_ok=True)
    assert (w["count"] == t.drop_duplicates("group").set_index("group").loc[w.index, "count"]).all()


def test_a_residual_row_counts_its_complete_cases():
    roster = _toy(["E"] * 2 + ["F", "E|F", "A", "A", "B", "unknown"])
    t = cabinet.representation(roster, "camp", baseline={"A": 0.5, "B": 0.3, "Other": 0.2})
    r = t[t["status"] == "residual"].iloc[0]
    # surely outside A and B: E, E, F, and E|F; complete cases among them (no dispute): 3 of the 6 complete
    assert (r["count"], r["count_max"], r["n_known"]) == (4, 5, 6)
    assert r["share_known"] == pytest.approx(3 / 6)
    assert r["baseline_share"] == pytest.approx(0.2)


def test_cross_tabulations_count_every_pair_once():
    roster = pd.DataFrame({"name": list("abcde"), "camp": ["A", "A", "B", "A|B", "unknown"],
                           "rank": ["x", "y", "x", "x", "y"]})
    t = cabinet.representation(roster, ["camp", "rank"]).set_index("group")
    assert t.at["A × x", "count"] == 1 and t.at["A × y", "count"] == 1 and t.at["B × x", "count"] == 1
    assert t.at["disputed", "count"] == 1 and t.at["unknown", "count"] == 1
    assert t.at["A × x", "count_max"] == 1 + 1 + 1  # a, the dispute A|B (rank x) and the unknown
    assert t["count"].sum() == 5


def test_the_extended_hazarajat_reads_districts_where_every_home_may_hold_one():
    roster = pd.DataFrame({"name": ["a", "b", "c"], "province": ["Ghazni"] * 3,
                           "district": ["Jaghori", "Andar", "unknown"]})
    t = cabinet.hazarajat_gap(roster, definition="extended", baseline="nsia_1398").set_index("group")
    assert (t.at["Hazarajat", "count"], t.at["Hazarajat", "count_max"]) == (1, 2)
    assert (t.at["outside", "count"], t.at["outside", "count_max"]) == (1, 2)


def test_the_named_gaps_carry_their_baselines_to_every_row():
    w = cabinet.west_southwest_gap(baseline="movement").set_index("group")
    both = w.loc["West+Southwest"]
    assert w.at["outside", "baseline_low"] == pytest.approx(1 - both["baseline_high"])
    assert w.at["outside", "baseline_high"] == pytest.approx(1 - both["baseline_low"])
    assert both["baseline_low"] <= both["baseline_share"] <= both["baseline_high"]
    assert both["baseline_share"] == pytest.approx(1 / 14)  # the pool by birth: Zakir of the 14 known
    out = w.loc["outside"]  # tested over the range too: at the known count and the high share
    assert out["p_le_count"] == pytest.approx(stats.binom.cdf(out["count"], 33, out["baseline_high"]))
    assert out["p_le_count_max"] == pytest.approx(stats.binom.cdf(out["count_max"], 33, out["baseline_low"]))
    h = cabinet.helmandi_networks_gap(baseline="movement").set_index("group")
    # in any sense: Zakir the one known Helmandi (Alizai), 19 complete cases, 10 open of 29
    assert h.at["helmandi_alizai", "baseline_share"] == pytest.approx(1 / 19)
    assert (h.at["helmandi_alizai", "baseline_low"], h.at["helmandi_alizai", "baseline_high"]) == \
        pytest.approx((1 / 29, 11 / 29))
    assert h.at["helmandi_ishaqzai", "baseline_share"] == 0
    assert h.at["outside", "baseline_low"] == pytest.approx(1 - 11 / 29)
    assert h.at["outside", "baseline_high"] == pytest.approx(1 - 1 / 29)
    assert h.at["helmandi_alizai", "p_le_count"] == pytest.approx(stats.binom.cdf(0, 33, 11 / 29))


def test_the_helmandi_gap_takes_a_share_per_network_or_together():
    per = cabinet.helmandi_networks_gap(baseline={"helmandi_ishaqzai": 0.02, "helmandi_alizai": 0.03})
    per = per.set_index("group")
    assert per.at["helmandi_ishaqzai", "p_le_count"] == pytest.approx(stats.binom.cdf(0, 33, 0.02))
    assert per.at["helmandi_alizai", "p_le_count"] == pytest.approx(stats.binom.cdf(0, 33, 0.03))
    assert per.at["outside", "baseline_share"] == pytest.approx(0.95)
    assert set(per["baseline_sources"]) == {"user"}
    pop = cabinet.helmandi_networks_gap().set_index("group")
    assert "user" not in set(pop.loc[pop["baseline_share"].notna(), "baseline_sources"])
    for share in (0.0, 1.0):  # the ends are allowed
        t = cabinet.helmandi_networks_gap(baseline=share).set_index("group")
        assert t.at["helmandi_ishaqzai+helmandi_alizai", "baseline_share"] == share
    with pytest.raises(ValueError, match="between 0 and 1"):
        cabinet.helmandi_networks_gap(baseline=1.2)


def test_empty_tags_are_named_row_by_row_up_to_five():
    five = _toy(["A"] + [""] * 5)
    with pytest.raises(ValueError, match=r"5 empty or missing value\(s\) \(rows 1, 2, 3, 4, 5\); write 'unknown'"):
        cabinet.representation(five, "camp")
    with pytest.raises(ValueError, match=r"6 empty or missing value\(s\) \(rows 1, 2, 3, 4, 5 \.\.\.\)"):
        cabinet.representation(_toy(["A"] + [""] * 6), "camp")


def test_whole_number_weights_against_a_baseline_range():
    import itertools

    from cabinet.baseline_type import Baseline

    cells, w = ["A", "B", "B", "unknown"], [2, 1, 1, 1]
    base = Baseline("pool", "a range", pd.Series({"A": 0.3, "B": 0.7}), low=pd.Series({"A": 0.1, "B": 0.5}),
                    high=pd.Series({"A": 0.5, "B": 0.9}))
    t = cabinet.representation(_toy(cells).assign(w=w), "camp", baseline=base, weights="w").set_index("group")

    def dist(p):
        out: dict = {}
        for inside in itertools.product([0, 1], repeat=len(w)):
            total = sum(wi for wi, x in zip(w, inside) if x)
            out[total] = out.get(total, 0.0) + np.prod([p if x else 1 - p for x in inside])
        return out

    def two_sided(d, j):
        return sum(v for v in d.values() if v <= d.get(j, 0) * (1 + 1e-7)) if j in d else 0.0

    r = t.loc["A"]  # 2 known (weight 2), up to 3 (the unknown, weight 1)
    lo, hi = dist(0.1), dist(0.5)
    assert r["p_le_count"] == pytest.approx(sum(v for x, v in hi.items() if x <= 2))
    assert r["p_le_count_max"] == pytest.approx(sum(v for x, v in lo.items() if x <= 3))
    values = [two_sided(d, j) for d in (lo, hi) for j in (2, 3)]
    assert (r["p_two_sided_min"], r["p_two_sided_max"]) == pytest.approx((min(values), max(values)))


def test_the_outside_row_of_a_movement_gap_is_tested_over_the_complement_of_the_range():
    roster = pd.DataFrame({"name": list("abcd"), "province": ["Herat", "Kabul", "Kabul", "unknown"],
                           "district": ["unknown"] * 4})
    w = cabinet.west_southwest_gap(roster, baseline="movement").set_index("group")
    target, out = w.loc["West+Southwest"], w.loc["outside"]
    assert (out["count"], out["count_max"]) == (2, 3)
    assert (out["baseline_low"], out["baseline_high"]) == pytest.approx(
        (1 - target["baseline_high"], 1 - target["baseline_low"]))
    assert out["p_le_count"] == pytest.approx(stats.binom.cdf(2, 4, out["baseline_high"]))
    assert out["p_le_count_max"] == pytest.approx(stats.binom.cdf(3, 4, out["baseline_low"]))
    assert target["p_le_count"] == pytest.approx(stats.binom.cdf(1, 4, target["baseline_high"]))


def test_two_sided_range_over_a_range_of_shares_by_scipy():
    """Counts 1..5 of 10 against a share from 0.2 to 0.4: scipy's two-sided binomial test at every count and at
    every share the range is read at (its ends, 41 shares between them and each j / 10 within it)."""
    from cabinet.exact_tests import _GRID, _two_sided_over

    shares = set(np.linspace(0.2, 0.4, _GRID).tolist()) | {0.2, 0.4} | {j / 10 for j in range(1, 6) if 0.2 <= j / 10 <= 0.4}
    p = [stats.binomtest(k, 10, float(s)).pvalue for s in shares for k in range(1, 6)]
    assert _two_sided_over(10, 0.2, 0.4, 1, 5) == pytest.approx((min(p), max(p)), rel=1e-9)
    assert min(p) < 0.2 and max(p) == pytest.approx(1.0)  # the range is wide: 1 of 10 is rare at 0.4, 3 typical
