"""Correct on any roster, honest in every headline (issue 17).

Rosters and baselines of other countries (an invented Kenyan cabinet with its own ``region`` and
``ethnicity`` columns, South African provinces), files as spreadsheets write them, and the inference a
user expects, each checked against a hand calculation.
"""

import io
import math

import numpy as np
import pandas as pd
import pytest

import cabinet
from cabinet.cli import main

KENYA = """name,region,ethnicity,position_class,seniority
Achieng,Nyanza,Luo,minister,3
Barasa,Western,Luhya,minister,2
Chege,Central,Kikuyu,minister,3
Duba,North Eastern,Somali,cabinet_secretary,1
Esther,Central,Kikuyu,cabinet_secretary,1
Farah,North Eastern,Somali,minister,2
Gitau,Central,Kikuyu,minister,1
Hassan,Coast,unknown,cabinet_secretary,1
Imani,Coast|Nyanza,Mijikenda,minister,2
"""
REGION_POP = "group,share\nCentral,0.3\nNyanza,0.2\nWestern,0.2\nNorth Eastern,0.1\nCoast,0.2\n"


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    return main([str(a) for a in argv], out=out, err=err), out.getvalue(), err.getvalue()


def binom_cdf(k, n, p):
    return sum(math.comb(n, i) * p**i * (1 - p) ** (n - i) for i in range(0, int(k) + 1))


@pytest.fixture
def kenya(tmp_path):
    path = tmp_path / "cabinet_ke.csv"
    path.write_text(KENYA, encoding="utf-8")
    (tmp_path / "region_pop.csv").write_text(REGION_POP, encoding="utf-8")
    return path


# --- users' own rosters -----------------------------------------------------------------------------------

def test_a_users_region_column_is_the_users(kenya):
    code, out, err = run("gaps", "--roster", kenya, "--by", "region", "--baseline", kenya.parent / "region_pop.csv",
                         "--format", "csv")
    assert code == 0, err
    t = pd.read_csv(io.StringIO(out)).set_index("group")
    # Central: Chege, Esther, Gitau; Coast|Nyanza (Imani) disputed; every other row known
    assert t.at["Central", "count"] == 3 and t.at["Coast", "count"] == 1 and t.at["Coast", "count_max"] == 2
    assert t.at["Central", "p_le_count"] == pytest.approx(binom_cdf(3, 9, 0.3), rel=1e-12)


def test_province_of_another_country_and_the_afghan_baseline(tmp_path):
    path = tmp_path / "za.csv"
    path.write_text("name,province\nA,Gauteng\nB,Limpopo\nC,Gauteng\n", encoding="utf-8")
    code, out, err = run("gaps", "--roster", path, "--by", "province", "--format", "csv")
    assert code == 0, err
    t = pd.read_csv(io.StringIO(out))
    assert set(t["group"]) == {"Gauteng", "Limpopo", "unknown"}  # no Afghan provinces, no NSIA shares
    assert t["baseline_share"].isna().all()
    code, _, err = run("gaps", "--roster", path, "--by", "province", "--baseline", "nsia_1398")
    assert code == 2 and "describes Afghanistan's provinces" in err and "Gauteng" in err and "--baseline FILE" in err
    code, _, err = run("gaps", "--roster", path, "--by", "region")
    assert code == 2 and "Gauteng" in err and "'region' column" in err


def test_named_gaps_refuse_a_foreign_roster_with_a_sentence(kenya):
    roster = cabinet.load_user_roster(kenya)
    for gap in (cabinet.west_southwest_gap, cabinet.hazarajat_gap, cabinet.helmandi_networks_gap):
        with pytest.raises(ValueError, match="province|network") as info:
            gap(roster)
        assert "another body" in str(info.value)


def test_afghan_ethnic_estimates_are_not_applied_to_a_kenyan_roster(kenya):
    roster = cabinet.load_user_roster(kenya)
    t = cabinet.representation(roster, "ethnicity")
    assert t["baseline_share"].isna().all() and t["p_le_count"].isna().all()
    assert "Pashtun" not in set(t["group"])
    with pytest.raises(ValueError, match="Afghanistan's ethnic groups.*Luo"):
        cabinet.representation(roster, "ethnicity", baseline="cia_wfb_2010")


def test_weight_schemes_refuse_unknown_position_classes(kenya):
    roster = cabinet.load_user_roster(kenya)
    with pytest.raises(ValueError, match="cabinet_secretary"):
        cabinet.representation(roster, "region", weights="ministers")
    with pytest.raises(ValueError, match="'body'"):
        cabinet.representation(roster.replace({"cabinet_secretary": "minister"}), "region", weights="top")


def test_integer_weights_get_the_exact_distribution_of_a_weighted_count(kenya):
    roster = cabinet.load_user_roster(kenya)
    base = {"Central": 0.3, "Nyanza": 0.2, "Western": 0.2, "North Eastern": 0.1, "Coast": 0.2}
    t = cabinet.representation(roster, "region", baseline=base, weights="seniority").set_index("group")
    assert t.at["Central", "test"] == "weighted (exact)"
    # by brute force over the 2^9 ways each member is or is not from Central
    w = roster["seniority"].astype(int).to_numpy()
    p = 0.3
    pmf = {}
    for mask in range(2 ** len(w)):
        inside = [(mask >> i) & 1 for i in range(len(w))]
        s = int(sum(wi for wi, x in zip(w, inside) if x))
        pmf[s] = pmf.get(s, 0.0) + math.prod(p if x else 1 - p for x in inside)
    observed = 3 + 1 + 1  # Chege 3, Esther 1, Gitau 1
    assert t.at["Central", "count"] == observed
    assert t.at["Central", "p_le_count"] == pytest.approx(sum(v for s, v in pmf.items() if s <= observed), rel=1e-10)
    assert t.at["Central", "p_ge_count"] == pytest.approx(sum(v for s, v in pmf.items() if s >= observed), rel=1e-10)


def test_validate_a_roster_of_any_body_and_suggestions(kenya):
    code, out, err = run("validate", kenya)
    assert code == 0 and "roster of any body: 9 data rows below its header line" in out, err
    code, _, err = run("gaps", "--by", "Ethnicity")
    assert code == 2 and "did you mean 'ethnicity'" in err
    code, _, err = run("gaps", "--by", "region", "--baseline", "region_pop.cvs")
    assert code == 2 and "'region_pop.cvs' not found" in err


def test_missing_and_empty_tags_follow_one_rule():
    frame = pd.DataFrame({"name": ["a", "b", "c"], "party": ["Red", np.nan, "Blue"]})
    with pytest.raises(ValueError, match="'party' has 1 empty or missing"):
        cabinet.representation(frame, "party")
    with pytest.raises(ValueError, match="'party' has 1 empty or missing"):
        cabinet.representation(frame.fillna(""), "party")
    with pytest.raises(ValueError, match="empty or missing"):
        cabinet.representation(frame.fillna("  "), "party")


def test_files_as_excel_writes_them(tmp_path):
    roster = tmp_path / "cabinet.csv"
    roster.write_bytes("\ufeffname;party\r\nA;Red\r\nB;Blue\r\nC;Red\r\n".encode("utf-8"))
    frame = cabinet.load_user_roster(roster)
    assert frame["party"].tolist() == ["Red", "Blue", "Red"]
    base = tmp_path / "base.csv"
    base.write_text("group;share\nRed;0,6\nBlue;0,4\n", encoding="utf-8")
    code, out, err = run("gaps", "--roster", roster, "--by", "party", "--baseline", base, "--format", "csv")
    assert code == 0, err
    t = pd.read_csv(io.StringIO(out)).set_index("group")
    assert t.at["Red", "baseline_share"] == pytest.approx(0.6)
    counts = tmp_path / "pop.csv"
    counts.write_text("group,population\nRed,3000000\nBlue,1000000\n", encoding="utf-8")
    t = cabinet.representation(frame, "party", baseline=counts).set_index("group")
    assert t.at["Red", "baseline_share"] == pytest.approx(0.75)
    assert "population" in t.at["Red", "baseline_note"]


def test_the_appointees_form_with_semicolons_and_a_bom(wide_copy):
    frame = pd.read_csv(wide_copy, dtype=str, keep_default_na=False)
    path = wide_copy.parent / "excel_roster.csv"
    path.write_bytes(b"\xef\xbb\xbf" + frame.to_csv(sep=";", index=False).encode("utf-8"))
    loaded = cabinet.io.load_appointees(path)
    assert loaded["province"].tolist() == cabinet.io.load_appointees(wide_copy)["province"].tolist()


# --- baselines checked against the roster -----------------------------------------------------------------

def test_a_typo_in_a_baseline_group_is_named(kenya):
    roster = cabinet.load_user_roster(kenya)
    base = {"Central": 0.3, "Nyanza": 0.2, "Western": 0.2, "North-Eastern": 0.1, "Coast": 0.2}
    with pytest.raises(ValueError, match="'North-Eastern' matches no group.*did you mean 'North Eastern'"):
        cabinet.representation(roster, "region", baseline=base)


def test_a_missing_group_is_refused_never_rescaled_over_the_others(kenya):
    roster = cabinet.load_user_roster(kenya)
    with pytest.raises(ValueError, match="no share for the roster's group.*'Western'"):
        cabinet.representation(roster, "region", baseline={"Central": 0.5, "Nyanza": 0.2, "North Eastern": 0.1,
                                                           "Coast": 0.2})


def test_a_group_named_twice_in_a_file_is_refused(tmp_path):
    path = tmp_path / "b.csv"
    path.write_text("group,share\nCentral,0.2\nCoast,0.3\nCentral,0.5\n", encoding="utf-8")
    with pytest.raises(cabinet.DataError) as info:
        cabinet.baselines.read_baseline_csv(path)
    problem = info.value.problems[0]
    assert problem.line == 4 and problem.column == "group" and "first on line 2" in problem.message


def test_no_overlap_and_rescaling_are_said(kenya):
    roster = cabinet.load_user_roster(kenya)
    with pytest.raises(ValueError, match="shares no group"):
        cabinet.representation(roster, "region", baseline={"Mars": 1.0})
    base = {"Central": 3, "Nyanza": 2, "Western": 2, "North Eastern": 1, "Coast": 2}
    t = cabinet.representation(roster, "region", baseline=base)
    assert "summed to 10" in t["baseline_note"].iloc[0]
    assert t.loc[t.group == "Central", "baseline_share"].item() == pytest.approx(0.3)


def test_no_roster_group_is_dropped_and_zero_groups_are_kept():
    roster = cabinet.load_roster()
    t = cabinet.representation(roster, "network")
    assert {"helmandi_ishaqzai", "helmandi_alizai"} <= set(t["group"])  # C4's networks, zero or not
    assert t.loc[t.group == "helmandi_alizai", "count"].item() == 0


# --- headlines that say no more than the data -------------------------------------------------------------

def test_the_residual_counts_every_group_an_estimate_does_not_name():
    roster = pd.DataFrame({"name": list("abcdef"),
                           "ethnicity": ["Pashtun", "Pashtun", "Other", "Nuristani", "Pashai", "unknown"]})
    t = cabinet.representation(roster, "ethnicity", baseline="dra_atlas_1980")  # names 4 groups
    residual = t[t["status"] == "residual"].iloc[0]
    assert residual["count"] == 3 and residual["count_max"] == 4  # Other, Nuristani, Pashai (+ the unknown)
    assert np.isnan(t.loc[t.group == "Other", "p_le_count"].item())  # "Other" itself is not tested
    p = residual["baseline_share"]
    assert p == pytest.approx(1 - (0.38 + 0.25 + 0.19 + 0.06), abs=0.02)
    assert residual["p_le_count"] == pytest.approx(binom_cdf(3, 6, p), rel=1e-10)


def test_both_views_complete_cases_beside_the_bounds():
    roster = pd.DataFrame({"name": list("abcde"), "party": ["Red", "Red", "Blue", "unknown", "Red|Blue"]})
    t = cabinet.representation(roster, "party", baseline={"Red": 0.5, "Blue": 0.5}).set_index("group")
    assert t.at["Red", "n_known"] == 3 and t.at["Red", "share_known"] == pytest.approx(2 / 3)
    assert t.at["Red", "share"] == pytest.approx(2 / 5) and t.at["Red", "share_max"] == pytest.approx(4 / 5)
    assert t.at["Red", "p_le_known"] == pytest.approx(binom_cdf(2, 3, 0.5))


def test_c3_quotes_the_range_the_unknowns_allow():
    row = cabinet.claims().set_index("id").loc["C3"]
    gap = cabinet.west_southwest_gap(cabinet.io.load_appointees(), home="birth").set_index("group").loc["West+Southwest"]
    assert f"P = {gap['p_le_count']:.3f} to {gap['p_le_count_max']:.3f}" in row["figure"]


def test_c6_checks_its_premise():
    roster = cabinet.io.load_appointees().copy()
    for column in ("province", "birth_province"):  # C6 reads home by birth, as C3 does
        roster.loc[roster.index[:5], column] = "Herat"
        roster.loc[roster.index[5:7], column] = "Helmand"
    row = cabinet.claims(roster).set_index("id").loc["C6"]
    assert row["verdict"] == "contradicted" and "from the west or southwest" in row["deciding"]


def test_claims_options_change_a_figure_or_do_not_exist():
    core = run("claims", "--format", "json", "--hazarajat", "core")[1]
    ext = run("claims", "--format", "json", "--hazarajat", "extended")[1]
    assert core != ext
    for option in (["--scheme", "isaf"], ["--as-of", "2021-12-31"]):
        code, _, err = run("claims", *option)
        assert code == 2 and "unrecognized arguments" in err


# --- the inference a user expects -------------------------------------------------------------------------

def test_upper_tail_two_sided_and_adjusted_probabilities_by_hand():
    roster = pd.DataFrame({"name": [str(i) for i in range(10)], "party": ["Red"] * 7 + ["Blue"] * 3})
    t = cabinet.representation(roster, "party", baseline={"Red": 0.4, "Blue": 0.6}).set_index("group")
    p_ge = 1 - binom_cdf(6, 10, 0.4)
    assert t.at["Red", "p_ge_count"] == pytest.approx(p_ge, rel=1e-12)
    pmf = [math.comb(10, k) * 0.4**k * 0.6 ** (10 - k) for k in range(11)]
    two = sum(x for x in pmf if x <= pmf[7] * (1 + 1e-7))
    assert t.at["Red", "p_two_sided_min"] == pytest.approx(two, rel=1e-9)
    # Holm over both tails of the two tested groups (4 one-sided tests), by hand: sort, multiply by 4, 3, 2, 1,
    # carry the running maximum
    p = {(g, tail): t.at[g, f"p_{tail}_count"] for g in ("Red", "Blue") for tail in ("le", "ge")}
    order = sorted(p, key=p.get)
    running, holm = 0.0, {}
    for i, key in enumerate(order):
        running = max(running, min(1.0, (4 - i) * p[key]))
        holm[key] = running
    for (g, tail), value in holm.items():
        assert t.at[g, f"p_{tail}_count_adj"] == pytest.approx(value), (g, tail)


def test_over_representation_can_be_tested():
    t = cabinet.representation(by="region").set_index("group")
    n, k, p = 33, int(t.at["South", "count"]), t.at["South", "baseline_share"]
    assert t.at["South", "p_ge_count"] == pytest.approx(1 - binom_cdf(k - 1, n, p), rel=1e-9)
    assert t.at["South", "p_ge_count"] < 0.05  # South: 7 born there of 33, against its 8.7 % of the people


def test_the_ratio_interval_is_the_share_interval_over_the_baseline():
    from scipy import stats

    t = cabinet.representation(by="region").set_index("group")
    k = int(t.at["South", "count"])
    lo = stats.beta.ppf(0.025, k, 33 - k + 1)  # Clopper-Pearson lower bound for k of 33
    assert t.at["South", "ratio_ci_low"] == pytest.approx(lo / t.at["South", "baseline_share"], rel=1e-9)


def test_cross_tabulation_counts_by_hand():
    roster = pd.DataFrame({"name": list("abcd"), "party": ["Red", "Red", "Blue", "Red"],
                           "sex": ["f", "m", "f", "unknown"]})
    t = cabinet.representation(roster, ["party", "sex"]).set_index("group")
    assert t.at["Red × f", "count"] == 1 and t.at["Red × m", "count"] == 1 and t.at["Blue × f", "count"] == 1
    assert t.at["unknown", "count"] == 1 and t.at["Red × f", "count_max"] == 2


def test_wide_output_has_one_column_per_estimate():
    code, out, err = run("gaps", "--by", "ethnicity", "--baseline", "all", "--wide", "--format", "csv")
    assert code == 0, err
    t = pd.read_csv(io.StringIO(out))
    assert "cia_wfb_2010:p_le_count" in t.columns and "abc_bbc_2004:baseline_share" in t.columns
    assert t["group"].is_unique


# --- the command line -------------------------------------------------------------------------------------

def test_compact_tables_with_integer_counts():
    code, out, err = run("gaps", "--by", "region")
    assert code == 0, err
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 160
    assert " 1.0 " not in lines[1] and "more columns" in out
    code, out, _ = run("gaps", "--by", "region", "--columns", "group,count")
    assert out.splitlines()[0].split() == ["group", "count"]


def test_cli_errors_use_cli_words(kenya):
    code, _, err = run("gaps", "--roster", kenya, "--by", "region", "--baseline", "nsia_1398")
    assert code == 2 and "baseline=" not in err and "--baseline FILE" in err


def test_warnings_are_plain_messages(tmp_path):
    path = tmp_path / "body.csv"
    path.write_text("name,party\nA, Red\nB,Blue\n", encoding="utf-8")
    code, out, err = run("gaps", "--roster", path, "--by", "party")
    assert code == 0
    assert "warning: " in err and ".attrs" not in err and "Warning" not in err and ".py" not in err


COUNCIL = """name,region,religion
A,Coast,Christian
B,Coast,Muslim
C,Rift Valley,Christian
D,Rift Valley,unknown
E,Central,Christian
F,Central|Coast,Christian
G,unknown,Muslim
H,Nyanza,Christian
I,Nyanza,unknown
J,Central,Christian
"""
COUNCIL_POP = "group,share\nCoast,0.09\nRift Valley,0.26\nCentral,0.21\nNyanza,0.14\nWestern,0.30\n"


def test_as_a_new_user_would_on_a_council_of_another_country(tmp_path):
    """Issue 24: the commands a new user runs first, on a council with unknown and disputed tags and its own
    baseline, each figure checked against scipy or a hand calculation."""
    from scipy import stats

    (tmp_path / "council.csv").write_text(COUNCIL, encoding="utf-8")
    (tmp_path / "pop.csv").write_text(COUNCIL_POP, encoding="utf-8")
    code, out, err = run("gaps", "--roster", tmp_path / "council.csv", "--by", "region", "--baseline",
                         tmp_path / "pop.csv", "--format", "csv")
    assert code == 0, err
    t = pd.read_csv(io.StringIO(out)).set_index("group")
    # the table partitions the 10: four groups known (2 each), Western none, one disputed, one unknown
    assert t.loc[t["status"] != "outside", "count"].sum() == 10
    assert (t.loc["Western", "count"], t.loc["Western", "count_max"]) == (0, 1)  # the unknown could be Western
    assert (t.loc["Coast", "count"], t.loc["Coast", "count_max"]) == (2, 4)  # the dispute and the unknown
    # exact binomial tails against the council's own baseline, at both ends of the range the unknowns allow
    assert t.loc["Western", "p_le_count"] == pytest.approx(stats.binom.cdf(0, 10, 0.30))
    assert t.loc["Western", "p_le_count_max"] == pytest.approx(stats.binom.cdf(1, 10, 0.30))
    assert t.loc["Coast", "p_ge_count_max"] == pytest.approx(stats.binom.sf(3, 10, 0.09))
    # a group too small to reject: even none of 10 has P = 0.91 ** 10 > 0.05
    assert not t.loc["Coast", "can_reject"] and t.loc["Western", "can_reject"]

    code, out, err = run("indices", "--roster", tmp_path / "council.csv", "--by", "region", "--baseline",
                         tmp_path / "pop.csv", "--draws", 2000, "--format", "csv")
    assert code == 0, err
    lh = pd.read_csv(io.StringIO(out)).set_index("index").loc["loosemore_hanby"]
    # complete cases: the 8 with a known, undisputed region, 2 in each of four regions and none in the west
    shares = np.array([2, 2, 2, 2, 0]) / 8
    assert lh["observed_complete"] == pytest.approx(0.5 * np.abs(shares - [0.09, 0.26, 0.21, 0.14, 0.30]).sum())
    assert lh["observed_min"] <= lh["observed_complete"] <= lh["observed_max"]
    assert 0 < lh["p_min"] <= lh["p_max"] <= 1

    # two councils compared: Fisher's exact test over the range, as scipy gives it at the known counts
    other = "name,region\n" + "".join(f"{c},Western\n" for c in "KLMNOP") + "Q,Coast\nR,unknown\n"
    (tmp_path / "other.csv").write_text(other, encoding="utf-8")
    code, out, err = run("compare", tmp_path / "council.csv", tmp_path / "other.csv", "--by", "region",
                         "--format", "csv")
    assert code == 0, err
    c = pd.read_csv(io.StringIO(out)).set_index("group")
    west = c.loc["Western"]
    # known: 0 of 10 against 6 of 8; the range runs over the unknowns of both, the known-count p lies in it
    p_known = stats.fisher_exact([[0, 10], [6, 2]]).pvalue
    assert west["p_min"] <= p_known + 1e-12 and p_known - 1e-12 <= west["p_max"]
    assert "Afghan" not in out and "Taliban" not in out
