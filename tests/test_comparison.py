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
    # known counts: [[3, 1], [1, 3]]; margins 4, 4 and 4, 4; P(X = k) = C(4, k) C(4, 4 - k) / C(8, 4)
    p = [comb(4, k) * comb(4, 4 - k) / comb(8, 4) for k in range(5)]  # 1, 16, 36, 16, 1 over 70
    p_known = sum(q for q in p if q <= p[3] + 1e-12)  # (1 + 16 + 16 + 1) / 70
    assert row.p_value == pytest.approx(34 / 70) == pytest.approx(p_known)
    # the unknown resolved as Pashtun: [[4, 0], [1, 3]]; column 1 sums to 5: P(X = k) = C(5, k) C(3, 4 - k) / 70
    q = {k: comb(5, k) * comb(3, 4 - k) / 70 for k in range(1, 5)}  # 5, 30, 30, 5 over 70
    p_all = sum(v for v in q.values() if v <= q[4] + 1e-12)  # (5 + 5) / 70
    assert row.p_min == pytest.approx(p_all) == pytest.approx(10 / 70)
    assert row.p_max == pytest.approx(34 / 70)
    assert row["diff"] == pytest.approx(3 / 4 - 1 / 4)
    assert (row.diff_min, row.diff_max) == pytest.approx((3 / 4 - 1 / 4, 4 / 4 - 1 / 4))
    unknown = t[t["status"] == "unknown"].iloc[0]
    assert (unknown.count_a, unknown.count_b) == (1, 0)


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
    # every p at the known counts lies in its range
    g = t[t["status"] == "group"]
    assert ((g["p_min"] <= g["p_value"] + 1e-12) & (g["p_value"] <= g["p_max"] + 1e-12)).all()


def test_boschloo_and_errors():
    t = cabinet.compare({"A": A, "B": B}, by="ethnicity", home=None, test="boschloo")
    row = t[t["group"] == "Pashtun"].iloc[0]
    from scipy.stats import boschloo_exact

    assert row.p_value == pytest.approx(boschloo_exact([[3, 1], [1, 3]]).pvalue)
    with pytest.raises(ValueError, match="allowed: fisher, boschloo"):
        cabinet.compare({"A": A, "B": B}, by="ethnicity", home=None, test="chi2")
    with pytest.raises(ValueError, match="at least two rosters"):
        cabinet.compare({"A": A}, by="ethnicity", home=None)
    with pytest.raises(ValueError, match="allowed: taliban-2021"):
        cabinet.compare(["taliban-2021", "nope"], by="ethnicity")


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
    assert "19 of 33" in text and "8 of 32" in text  # the Pashtun counts of the table (8: see the test above)
    assert "Republic" in text
    plt.close(fig)
    with pytest.raises(ValueError, match="lacks the column"):
        roster_comparison(pd.DataFrame({"group": ["x"]}))


def test_cli_compare():
    out, err = io.StringIO(), io.StringIO()
    code = main(["compare", "taliban-2021", "republic-2021", "--by", "ethnicity", "--format", "csv"], out=out, err=err)
    assert code == 0, err.getvalue()
    t = pd.read_csv(io.StringIO(out.getvalue()))
    row = t[t["group"] == "Pashtun"].iloc[0]
    assert (row["count_b"], row["count_max_b"], row["n_b"]) == (8, 8 + 1 + 13, 32)  # 8 Pashtun, R04, 13 unknown
    code = main(["compare", "taliban-2021", "republic-2020", "--by", "ethnicity"], out=io.StringIO(), err=err)
    assert code == 2 and "allowed: taliban-2021, republic-2021, taliban-latest" in err.getvalue()


def test_report_section_finding_is_built_from_the_table():
    from cabinet.report.comparisons import _republic

    ctx = {f"republic_{by}": cabinet.compare(["taliban-2021", "republic-2021"], by=by) for by in ("ethnicity", "region")}
    section = _republic(ctx)
    finding = section["ethnicity"]["finding"]
    # Pashtun is the largest known difference: 19/33 - 8/32 = 0.576 - 0.250 = +32.6 pp
    assert "19 of the 33" in finding and "8 of the 32" in finding and "Pashtun" in finding
    assert "unknown for 10 of the 33 and for 13 of the 32" in finding
    pashtun = next(r for r in section["ethnicity"]["rows"] if r["group"] == "Pashtun")
    assert pashtun["a"] == "19\u201330 of 33" and pashtun["b"] == "8\u201322 of 32"  # 8 + 1 + 13 = 22
    assert pashtun["diff"].startswith("+32.6 pp")
    # groups with nobody known on either side are left out; the unknown row is kept
    groups = [r["group"] for r in section["ethnicity"]["rows"]]
    assert "Baloch" not in groups and groups[-1] == "unknown"


def test_counts_add_up_to_each_roster():
    t = cabinet.compare(["taliban-2021", "republic-2021"], by="ethnicity")
    for side, n in (("a", 33), ("b", 32)):
        # one ethnicity per person (no plural tags): known counts + disputed + unknown = roster size
        assert t[f"count_{side}"].sum() == n
        assert (t[f"n_{side}"] == n).all()
