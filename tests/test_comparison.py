"""cabinet.compare against hand counts and hand-computed Fisher p-values; the chart and the CLI."""

import io
from math import comb

import pandas as pd
import pytest

import cabinet
from cabinet.cli import main

A = pd.DataFrame({"name": list("abcd"), "ethnicity": ["Pashtun", "Pashtun", "Pashtun", "unknown"]})
B = pd.DataFrame({"name": list("efgh"), "ethnicity": ["Pashtun", "Tajik", "Tajik", "Hazara"]})


def test_fisher_range_by_hand():
    t = cabinet.compare({"A": A, "B": B}, by="ethnicity", home=None)
    row = t[t["group"] == "Pashtun"].iloc[0]
    assert (row.count_a, row.count_max_a, row.count_b, row.count_max_b) == (3, 4, 1, 1)
    # the unknown not Pashtun: [[3, 1], [1, 3]]; margins 4, 4 and 4, 4; P(X = k) = C(4, k) C(4, 4 - k) / C(8, 4)
    p = [comb(4, k) * comb(4, 4 - k) / comb(8, 4) for k in range(5)]  # 1, 16, 36, 16, 1 over 70
    p_known = sum(q for q in p if q <= p[3] + 1e-12)  # (1 + 16 + 16 + 1) / 70
    assert row.p_max == pytest.approx(34 / 70) == pytest.approx(p_known)
    # the unknown resolved as Pashtun: [[4, 0], [1, 3]]; column 1 sums to 5: P(X = k) = C(5, k) C(3, 4 - k) / 70
    q = {k: comb(5, k) * comb(3, 4 - k) / 70 for k in range(1, 5)}  # 5, 30, 30, 5 over 70
    p_all = sum(v for v in q.values() if v <= q[4] + 1e-12)  # (5 + 5) / 70
    assert row.p_min == pytest.approx(p_all) == pytest.approx(10 / 70)
    assert (row.diff_min, row.diff_max) == pytest.approx((3 / 4 - 1 / 4, 4 / 4 - 1 / 4))
    # complete cases: the 3 of known ethnicity in A, all Pashtun, against 1 of 4: [[3, 0], [1, 3]]
    assert (row.known_a, row.known_b) == (3, 4)
    assert (row.share_complete_a, row.share_complete_b) == pytest.approx((1.0, 0.25))
    assert row.diff_complete == pytest.approx(0.75)
    # C(4, k) C(3, 4 - k) / C(7, 4) = 4, 18, 12, 1 over 35 for k = 1..4; at most P(4) = 1/35: 1 + 4 (k = 1) = 5/35
    assert row.p_complete == pytest.approx(5 / 35)
    unknown = t[t["status"] == "unknown"].iloc[0]
    assert (unknown.count_a, unknown.count_b) == (1, 0)


def test_a_roster_of_one_is_compared_and_an_empty_one_refused():
    t = cabinet.compare({"one": A.iloc[:1], "B": B}, by="ethnicity", home=None)
    row = t[t["group"] == "Pashtun"].iloc[0]
    # [[1, 0], [1, 3]]: 2 Pashtuns among 5, one drawn into roster a: P(1) = 2/5, P(0) = 3/5; two-sided 2/5
    assert (row.count_a, row.n_a, row.count_b, row.n_b) == (1, 1, 1, 4)
    assert (row.p_min, row.p_max) == pytest.approx((2 / 5, 2 / 5))
    # one Hazara in all, in B: [[0, 1], [1, 3]] can be tested; P(0) = 4/5, P(1) = 1/5, both at most 4/5: p = 1
    hazara = t[t["group"] == "Hazara"].iloc[0]
    assert (hazara.count_max_a, hazara.count_b) == (0, 1)
    assert (hazara.p_min, hazara.p_max) == pytest.approx((1.0, 1.0))
    # Holm's family: Pashtun, Tajik and Hazara; a group nobody holds in either roster cannot be tested
    assert set(t["m_tests"]) == {3}
    with pytest.raises(ValueError, match="roster 'none' is empty"):
        cabinet.compare({"none": A.iloc[:0], "B": B}, by="ethnicity", home=None)


def test_one_sided_alternatives_put_roster_a_in_the_first_row():
    """``less`` asks whether roster a's share is lower: swapping the rosters in the table would flip it."""
    from scipy.stats import fisher_exact

    a = pd.DataFrame({"name": list("abcdef"), "ethnicity": ["Pashtun"] * 5 + ["Tajik"]})
    b = pd.DataFrame({"name": list("ghijk"), "ethnicity": ["Pashtun", "Tajik", "Tajik", "Tajik", "Tajik"]})
    # Pashtun: [[5, 1], [1, 4]]; hypergeometric with margins 6 / 5 and 6 Pashtun of 11: P(X = k), k = 1..6
    pmf = {k: comb(6, k) * comb(5, 6 - k) / comb(11, 6) for k in range(1, 7)}
    greater, less = sum(pmf[k] for k in (5, 6)), sum(pmf[k] for k in range(1, 6))
    for alternative, hand in (("greater", greater), ("less", less)):
        row = cabinet.compare({"A": a, "B": b}, by="ethnicity", home=None, alternative=alternative)
        row = row[row["group"] == "Pashtun"].iloc[0]
        assert row.p_min == row.p_max == pytest.approx(hand)
        assert row.p_min == pytest.approx(fisher_exact([[5, 1], [1, 4]], alternative=alternative).pvalue)
        assert row.alternative == alternative
    # C(6, 5) C(5, 1) + C(6, 6) C(5, 0) = 30 + 1 of C(11, 6) = 462; less leaves out only k = 6
    assert greater == pytest.approx(31 / 462) and less == pytest.approx(461 / 462)
    swapped = cabinet.compare({"B": b, "A": a}, by="ethnicity", home=None, alternative="greater")
    assert swapped.loc[swapped["group"] == "Pashtun", "p_min"].iloc[0] == pytest.approx(less)


def test_holm_over_the_groups_against_statsmodels_and_by_hand():
    from scipy.stats import fisher_exact
    from statsmodels.stats.multitest import multipletests

    a = pd.DataFrame({"name": [f"a{i}" for i in range(20)], "ethnicity": ["Pashtun"] * 14 + ["Tajik"] * 4 + ["Hazara"] * 2})
    b = pd.DataFrame({"name": [f"b{i}" for i in range(20)], "ethnicity": ["Pashtun"] * 4 + ["Tajik"] * 10 + ["Hazara"] * 6})
    t = cabinet.compare({"A": a, "B": b}, by="ethnicity", home=None).set_index("group")
    counts = {"Pashtun": (14, 4), "Tajik": (4, 10), "Hazara": (2, 6)}
    raw = {g: fisher_exact([[x, 20 - x], [y, 20 - y]]).pvalue for g, (x, y) in counts.items()}
    # only the three groups somebody belongs to can be tested: the family has 3 members
    assert (t.loc[list(counts), "m_tests"] == 3).all()
    order = sorted(raw, key=raw.get)
    hand, running = {}, 0.0
    for i, g in enumerate(order):  # Holm: (m - i) p_(i), running maximum, at most 1
        running = max(running, min(1.0, (3 - i) * raw[g]))
        hand[g] = running
    sm = dict(zip(raw, multipletests(list(raw.values()), method="holm")[1]))
    for g in counts:
        assert t.loc[g, "p_min"] == t.loc[g, "p_max"] == pytest.approx(raw[g])
        assert t.loc[g, "p_adj_min"] == t.loc[g, "p_adj_max"] == pytest.approx(hand[g]) == pytest.approx(sm[g])
        assert t.loc[g, "holds"] == ("yes" if hand[g] < 0.05 else "no")
    assert t.loc["Pashtun", "holds"] == "yes" and t.loc["Hazara", "holds"] == "no"
    # a group nobody can belong to has p = 1 and stays out of the family
    assert t.loc["Uzbek", "p_max"] == 1.0 and t.loc["Uzbek", "p_adj_max"] == 1.0 and t.loc["Uzbek", "holds"] == "no"


def _holm_by_hand(p):
    """Holm (1979) as the paper states it: the i-th smallest times (m - i + 1), made monotone, at most 1."""
    m = len(p)
    ranked = sorted(range(m), key=lambda i: p[i])
    out, running = [0.0] * m, 0.0
    for rank, i in enumerate(ranked, start=1):
        running = max(running, min(1.0, (m - rank + 1) * p[i]))
        out[i] = running
    return out


def test_holm_agrees_with_statsmodels():
    import numpy as np
    from statsmodels.stats.multitest import multipletests

    from cabinet.table_tests import _holm

    rng = np.random.default_rng(7)
    for p in ([0.01, 0.04, 0.03, 0.2], [0.5], [0.02, 0.02, 0.9], list(rng.uniform(size=9) ** 3), [1.0, 0.0, 0.3]):
        assert _holm(p) == pytest.approx(list(multipletests(p, method="holm")[1]))
        assert _holm(p) == pytest.approx(_holm_by_hand(p))
    assert _holm([]) == []


def test_adjusted_bounds_hold_over_every_resolution_of_the_unknowns():
    """Enumerate every way the unknown tags can fall: Holm on each resolution lies within p_adj_min .. p_adj_max."""
    import itertools

    from scipy.stats import fisher_exact

    a = pd.DataFrame({"name": [f"a{i}" for i in range(12)], "camp": ["x"] * 8 + ["y"] * 1 + ["unknown"] * 3})
    b = pd.DataFrame({"name": [f"b{i}" for i in range(10)], "camp": ["x"] * 1 + ["y"] * 6 + ["x|y", "z", "unknown"]})
    t = cabinet.compare({"A": a, "B": b}, by="camp", home=None)
    family = t[t["status"] == "group"]
    groups = family["group"].tolist()
    assert groups == ["x", "y", "z"]
    seen_min, seen_max = {g: 1.0 for g in groups}, {g: 0.0 for g in groups}
    for ra in itertools.product(groups, repeat=3):
        for rb in itertools.product(["x", "y"], groups):
            ea = ["x"] * 8 + ["y"] + list(ra)
            eb = ["x"] + ["y"] * 6 + [rb[0], "z", rb[1]]
            raw = [fisher_exact([[ea.count(g), 12 - ea.count(g)], [eb.count(g), 10 - eb.count(g)]]).pvalue
                   for g in groups]
            for g, q in zip(groups, _holm_by_hand(raw)):
                seen_min[g], seen_max[g] = min(seen_min[g], q), max(seen_max[g], q)
    rows = family.set_index("group")
    for g in groups:
        assert rows.loc[g, "p_adj_min"] <= seen_min[g] + 1e-12
        assert seen_max[g] <= rows.loc[g, "p_adj_max"] + 1e-12
        if rows.loc[g, "holds"] == "yes":
            assert seen_max[g] < 0.05
        if rows.loc[g, "holds"] == "no":
            assert seen_min[g] >= 0.05


def test_republic_against_taliban_by_ethnicity_by_hand():
    t = cabinet.compare(["taliban-2021", "republic-2021"], by="ethnicity").set_index("group")
    # Republic (data/republic_facts.csv): Pashtun R01 R06 R07 R10 R18 R19 R26 R31 = 8; Tajik R02 R05 R13 R16 R22
    # = 5; Hazara R03 R11 R17 = 3; Uzbek R14 = 1;
    # disputed R04 Pashtun|Tajik, R28 Other|Hazara; unknown 32 - 8 - 5 - 3 - 1 - 2 = 13
    assert (t.loc["Pashtun", "count_b"], t.loc["Pashtun", "count_max_b"]) == (8, 8 + 1 + 13)
    assert (t.loc["Tajik", "count_b"], t.loc["Tajik", "count_max_b"]) == (5, 5 + 1 + 13)
    assert (t.loc["Hazara", "count_b"], t.loc["Hazara", "count_max_b"]) == (3, 3 + 1 + 13)
    assert (t.loc["Uzbek", "count_b"], t.loc["Uzbek", "count_max_b"]) == (1, 1 + 13)
    assert t.loc["unknown", "count_b"] == 13 and t.loc["disputed", "count_b"] == 2
    # the Taliban side is the count representation() gives for the 33
    rep = cabinet.representation(cabinet.io.load_appointees(), "ethnicity")
    rep = rep[rep["baseline"] == rep["baseline"].iloc[0]].set_index("group")
    for g in ("Pashtun", "Tajik", "Hazara", "Uzbek"):
        assert (t.loc[g, "count_a"], t.loc[g, "count_max_a"]) == (rep.loc[g, "count"], rep.loc[g, "count_max"])
    # complete cases of Pashtun in the Republic: 32 less the 13 unknown and R04 (Pashtun|Tajik) = 18, 8 Pashtun
    assert (t.loc["Pashtun", "known_b"], t.loc["Pashtun", "share_complete_b"]) == (18, pytest.approx(8 / 18))
    assert t.loc["Pashtun", "known_a"] == 33 - 10 - 1  # Muttaqi is Pashtun|Tajik
    # ... of Hazara: R28 (Other|Hazara) sits out too; R04 is surely not Hazara
    assert t.loc["Hazara", "known_b"] == 32 - 13 - 1
    from scipy.stats import fisher_exact

    row = t.loc["Pashtun"]
    assert row["p_complete"] == pytest.approx(fisher_exact(
        [[row["count_a"], row["known_a"] - row["count_a"]], [8, 10]]).pvalue)  # 8 of the 18 settled
    # the rosters share nobody, and the family is every group of the vocabulary (the unknowns could be any)
    g = t[t["status"] == "group"]
    assert (g["n_shared"] == 0).all() and (g["m_tests"] == len(g)).all()
    assert ((g["p_adj_min"] >= g["p_min"] - 1e-12) & (g["p_adj_max"] >= g["p_max"] - 1e-12)).all()


def test_boschloo_and_errors():
    t = cabinet.compare({"A": A, "B": B}, by="ethnicity", home=None, test="boschloo")
    row = t[t["group"] == "Pashtun"].iloc[0]
    from scipy.stats import boschloo_exact

    assert row.p_max == pytest.approx(boschloo_exact([[3, 1], [1, 3]]).pvalue)
    assert row.p_min == pytest.approx(boschloo_exact([[4, 0], [1, 3]]).pvalue)
    with pytest.raises(ValueError, match="allowed: fisher, boschloo"):
        cabinet.compare({"A": A, "B": B}, by="ethnicity", home=None, test="chi2")
    with pytest.raises(ValueError, match="at least two rosters"):
        cabinet.compare({"A": A}, by="ethnicity", home=None)
    for not_rosters in ("taliban-2021", 5):  # one name is not a list of names (a string is a sequence of letters)
        with pytest.raises(TypeError, match="rosters must be a mapping"):
            cabinet.compare(not_rosters, by="ethnicity")
    with pytest.raises(ValueError, match="allowed: taliban-2021"):
        cabinet.compare(["taliban-2021", "nope"], by="ethnicity")
    with pytest.raises(ValueError, match="alpha must be"):
        cabinet.compare({"A": A, "B": B}, by="ethnicity", home=None, alpha=5)
    with pytest.raises(ValueError, match="alpha must be"):  # a level of 1 rejects nothing: not a test
        cabinet.compare({"A": A, "B": B}, by="ethnicity", home=None, alpha=1)


def test_boschloo_range_comes_from_the_tables_that_can_be_tested():
    """Both known counts 0: scipy's Boschloo gives NaN for [[0, n_a], [0, n_b]]; that table has p = 1 by definition."""
    import math

    from scipy.stats import boschloo_exact

    assert math.isnan(boschloo_exact([[0, 2], [0, 2]]).pvalue)  # what scipy does with a zero margin
    t = cabinet.compare({"A": A, "B": B}, by="ethnicity", home=None, test="boschloo").set_index("group")
    # Uzbek: nobody known on either side; the unknown of A may be Uzbek: tables [[0, 4], [0, 4]] and [[1, 3], [0, 4]]
    row = t.loc["Uzbek"]
    assert (row.count_a, row.count_max_a, row.count_b, row.count_max_b) == (0, 1, 0, 0)
    assert row.p_max == 1.0
    assert row.p_min == pytest.approx(boschloo_exact([[1, 3], [0, 4]]).pvalue)
    assert not t.loc[t["status"] == "group", ["p_min", "p_max", "p_adj_min", "p_adj_max"]].isna().any().any()
    fisher = cabinet.compare({"A": A, "B": B}, by="ethnicity", home=None).set_index("group")
    assert fisher.loc["Uzbek", "p_max"] == 1.0  # Fisher agrees: the degenerate table has p = 1


def test_overlapping_rosters_compare_the_people_not_shared():
    from scipy.stats import fisher_exact

    a = pd.DataFrame({"name": ["p", "q", "r", "s", "t"], "ethnicity": ["Pashtun", "Pashtun", "Pashtun", "Tajik", "Pashtun"]})
    b = pd.DataFrame({"name": ["p", "q", "u", "v", "w", "x"],
                      "ethnicity": ["Pashtun", "Pashtun", "Tajik", "Tajik", "Hazara", "Pashtun"]})
    t = cabinet.compare({"A": a, "B": b}, by="ethnicity", home=None).set_index("group")
    assert (t["n_shared"] == 2).all() and (t["n_a"] == 3).all() and (t["n_b"] == 4).all()
    # only in A: r, s, t (2 Pashtun of 3); only in B: u, v, w, x (1 Pashtun of 4)
    assert (t.loc["Pashtun", "count_a"], t.loc["Pashtun", "count_b"]) == (2, 1)
    assert t.loc["Pashtun", "p_max"] == pytest.approx(fisher_exact([[2, 1], [1, 3]]).pvalue)
    assert t.attrs["shared"] == {("A", "B"): ["p", "q"]}
    text = cabinet.comparison.finding(cabinet.compare({"A": a, "B": b}, by="ethnicity", home=None))
    assert text.startswith("The two rosters share 2 people; they are left out, and the test compares the 3 only in A "
                           "with the 4 only in B.")
    inner = b[b["name"].isin(["p", "q", "u"])]
    with pytest.raises(ValueError, match="lies wholly inside roster 'B'"):
        cabinet.compare({"inner": inner, "B": b}, by="ethnicity", home=None)


def test_taliban_2021_and_latest_share_29_people():
    latest = cabinet.load_roster("taliban-latest")
    t = cabinet.compare(["taliban-2021", "taliban-latest"], by="ethnicity")
    shared = int(latest["in_original_33"].sum())  # the loader's own flag: 29 of the 33 still in post
    assert shared == 29  # who left, and when, is in data/departures.csv
    g = t[t["status"] == "group"]
    assert (g["n_shared"] == shared).all()
    assert (g["n_a"] == 33 - shared).all() and (g["n_b"] == len(latest) - shared).all()
    # the counts of the people compared add up to them: known + disputed + unknown
    for side, n in (("a", 33 - shared), ("b", len(latest) - shared)):
        assert t[f"count_{side}"].sum() == n


def test_plural_membership_counts_in_each_sure_group():
    a = pd.DataFrame({"name": ["x", "y"], "party": ["ghani_team+jamiat", "jamiat|hezb_e_wahdat"]})
    b = pd.DataFrame({"name": ["z", "w"], "party": ["jamiat", "unknown"]})
    t = cabinet.compare({"a": a, "b": b}, by="party", home=None).set_index("group")
    # x is surely in ghani_team and jamiat; y is disputed between jamiat and hezb_e_wahdat
    assert (t.loc["jamiat", "count_a"], t.loc["jamiat", "count_max_a"]) == (1, 2)
    assert (t.loc["ghani_team", "count_a"], t.loc["ghani_team", "count_max_a"]) == (1, 1)
    assert (t.loc["jamiat", "count_b"], t.loc["jamiat", "count_max_b"]) == (1, 2)


def test_chart_states_the_finding():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from cabinet.plots import roster_comparison

    t = cabinet.compare(["taliban-2021", "republic-2021"], by="ethnicity")
    fig, ax = plt.subplots()
    out = roster_comparison(t, ax=ax, caption=True)
    title = out.get_title(loc="left").replace("\n", " ")
    text = title + " ".join(x.get_text() for x in fig.texts) + " ".join(x.get_text() for x in out.texts)
    # no group holds whatever the unknowns are (see the table): the title says so and names the open ones
    assert not (t["holds"] == "yes").any()
    assert "no group differs beyond chance" in title and f"Holm over {int(t['m_tests'].iloc[0])} groups" in title
    assert "Pashtun" in title
    assert "Republic" in text and "33 posts, 10 of unknown tag" in text and "32 posts, 13 of unknown tag" in text
    plt.close(fig)
    with pytest.raises(ValueError, match="lacks the column"):
        roster_comparison(pd.DataFrame({"group": ["x"]}))


def test_chart_of_three_rosters_draws_whole_rosters_where_it_can():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from cabinet.plots import roster_comparison
    from cabinet.plots.roster_comparison import _long

    t = cabinet.compare(["republic-2021", "taliban-2021", "taliban-latest"], by="ethnicity")
    long = _long(t)
    sizes = long.groupby("roster")["n"].first().to_dict()
    assert sizes == {"republic-2021": 32, "taliban-2021": 33, "taliban-latest": 85}  # never the people not shared
    fig, ax = plt.subplots()
    roster_comparison(t, ax=ax, caption=True)
    caption = " ".join(x.get_text() for x in fig.texts) + " ".join(x.get_text() for x in ax.texts)
    assert "share 29 people, left out of their test" in caption
    plt.close(fig)


def test_cli_compare():
    out, err = io.StringIO(), io.StringIO()
    code = main(["compare", "taliban-2021", "republic-2021", "--by", "ethnicity", "--format", "csv"], out=out, err=err)
    assert code == 0, err.getvalue()
    t = pd.read_csv(io.StringIO(out.getvalue()))
    row = t[t["group"] == "Pashtun"].iloc[0]
    assert (row["count_b"], row["count_max_b"], row["n_b"]) == (8, 8 + 1 + 13, 32)  # 8 Pashtun, R04, 13 unknown
    assert row["holds"] == "depends" and row["n_shared"] == 0
    out = io.StringIO()
    code = main(["compare", "taliban-2021", "republic-2021", "--by", "ethnicity", "--format", "csv",
                 "--alternative", "less"], out=out, err=err)
    assert code == 0, err.getvalue()
    less = pd.read_csv(io.StringIO(out.getvalue()))
    assert (less.loc[less["status"] == "group", "alternative"] == "less").all()
    code = main(["compare", "taliban-2021", "republic-2020", "--by", "ethnicity"], out=io.StringIO(), err=err)
    assert code == 2 and "allowed: taliban-2021, republic-2021, taliban-latest" in err.getvalue()


def test_report_section_finding_is_built_from_the_table():
    from cabinet.report.comparisons import _comparison

    ctx = {f"comparison_{by}": cabinet.compare(["taliban-2021", "republic-2021"], by=by) for by in ("ethnicity", "region")}
    section = _comparison(ctx)
    finding = section["ethnicity"]["finding"]
    t = ctx["comparison_ethnicity"]
    m = int(t["m_tests"].iloc[0])
    assert m == 11  # the ethnic groups of the codebook: the Republic's 13 unknown tags could be any of them
    assert finding.startswith("No ethnicity group's share differs between the Taliban cabinet of 7 September 2021 "
                              "and the Republic's cabinet of 14 August 2021 beyond chance (Fisher's exact test, "
                              f"Holm's adjustment over the {m} groups that can be tested")
    assert "unknown for 10 of the 33 and for 13 of the 32" in finding
    pashtun = next(r for r in section["ethnicity"]["rows"] if r["group"] == "Pashtun")
    assert pashtun["a"] == "19\u201330 of 33" and pashtun["b"] == "8\u201322 of 32"  # 8 + 1 + 13 = 22
    # difference of shares over the unknowns: 19/33 - 28/32 to 30/33 - 8/32
    assert pashtun["diff"] == f"{(19 / 33 - 22 / 32) * 100:+.1f} to {(30 / 33 - 8 / 32) * 100:+.1f} pp"
    assert pashtun["holds"] == "depends on the unknowns"
    # complete cases: 19 of the 22 whose Pashtun membership is settled (10 unknown, Muttaqi Pashtun|Tajik) against 8 of 18 (13 unknown, Abdullah Pashtun|Tajik)
    row = t[t["group"] == "Pashtun"].iloc[0]
    assert pashtun["complete"].startswith(f"{(row['count_a'] / row['known_a'] - 8 / 18) * 100:+.1f} pp")
    # groups with nobody known on either side are left out; the unknown row is kept
    groups = [r["group"] for r in section["ethnicity"]["rows"]]
    assert "Baloch" not in groups and groups[-1] == "unknown"


def test_counts_add_up_to_each_roster():
    t = cabinet.compare(["taliban-2021", "republic-2021"], by="ethnicity")
    for side, n in (("a", 33), ("b", 32)):
        # one ethnicity per person (no plural tags): known counts + disputed + unknown = roster size
        assert t[f"count_{side}"].sum() == n
        assert (t[f"n_{side}"] == n).all()


def test_every_fisher_table_at_once_agrees_with_scipy():
    """compare() computes the p-value of every table of given rows in one pass; each equals fisher_exact's."""
    import numpy as np
    from scipy.stats import fisher_exact

    from cabinet.table_tests import _fisher_all

    for n_a, n_b in ((1, 1), (3, 5), (6, 6), (7, 2)):
        for alternative in ("two-sided", "less", "greater"):
            p = _fisher_all(n_a, n_b, alternative)
            assert p.shape == (n_a + 1, n_b + 1)
            for a in range(n_a + 1):
                for b in range(n_b + 1):
                    want = fisher_exact([[a, n_a - a], [b, n_b - b]], alternative=alternative).pvalue
                    assert p[a, b] == pytest.approx(want, rel=1e-12, abs=1e-300), (n_a, n_b, a, b, alternative)
    rng = np.random.default_rng(3)
    for _ in range(40):
        n_a, n_b = int(rng.integers(10, 90)), int(rng.integers(10, 90))
        a, b = int(rng.integers(0, n_a + 1)), int(rng.integers(0, n_b + 1))
        want = fisher_exact([[a, n_a - a], [b, n_b - b]]).pvalue
        assert _fisher_all(n_a, n_b, "two-sided")[a, b] == pytest.approx(want, rel=1e-9)
