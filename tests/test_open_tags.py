"""The open-tag model, the priors and the pool's tables, piece by piece, each against a hand count or an
enumeration (issue 24, item 18: tests that kill the mutants of cabinet.open_model, cabinet.predictive,
cabinet.priors, cabinet.assumptions and cabinet.yardsticks)."""

import itertools
import math

import numpy as np
import pandas as pd
import pytest
from scipy import special, stats

import cabinet
from cabinet.assumptions import draw_counts, estimates, gap_estimates, probability_matrix, probability_none
from cabinet.baselines import geographic_baseline, population_by_province
from cabinet.errors import DataError
from cabinet.open_model import build_model, province_weights
from cabinet.predictive import PRIORS, prior_alpha, prior_label, prior_words, urn_pmf
from cabinet.priors import PriorRow, applicable, prior_rows, read_priors
from cabinet.yardsticks import movement_draw, yardstick_table

POP = population_by_province("nsia_1398")[0]


def _moment(beta, counts):
    beta, counts = np.asarray(beta, float), np.asarray(counts, float)
    return math.exp(float(np.sum(special.gammaln(beta + counts) - special.gammaln(beta))
                          + special.gammaln(beta.sum()) - special.gammaln(beta.sum() + counts.sum())))


# --- the prior ------------------------------------------------------------------------------------------


def test_named_priors_and_numbers():
    assert PRIORS == {"jeffreys": 0.5, "uniform": 1.0}
    assert prior_alpha() == 0.5 and prior_alpha(" Uniform ") == 1.0 and prior_alpha("0.25") == 0.25
    assert prior_alpha(2) == 2.0 and prior_alpha(np.float64(0.3)) == 0.3
    for bad in ("flat", True, None, -1, 0, float("nan"), float("inf"), "-0.5", [0.5]):
        with pytest.raises(ValueError):
            prior_alpha(bad)


def test_the_prior_in_words():
    assert prior_label("jeffreys", 2) == "Jeffreys' prior Beta(1/2, 1/2)"
    assert prior_label("uniform", 2) == "uniform prior Beta(1, 1)"
    assert prior_label(0.25, 3) == "prior Dirichlet(1/4, ..., 1/4) over 3 groups"
    assert prior_label(0.123456, 2) == "prior Beta(0.123456, 0.123456)"
    assert prior_label(2, 6) == "prior Dirichlet(2, ..., 2) over 6 groups"
    assert prior_words() == "Jeffreys' prior (1/2 on each group)"
    assert prior_words("uniform") == "the uniform prior (1 on each group)"
    assert prior_words(3) == "a Dirichlet prior (3 on each group)"


# --- the urn ---------------------------------------------------------------------------------------------


def test_the_urn_with_a_person_in_no_hit_set_and_one_always_in_it():
    beta = np.array([1.5, 0.5, 2.0])
    allowed = [[0, 1, 2], [0, 1], [2], [0, 1, 2]]
    hits = [{0}, {0, 1}, {2}, set()]
    pmf = np.zeros(5)
    for z in itertools.product(*allowed):
        pmf[sum(zi in h for zi, h in zip(z, hits))] += _moment(beta, np.bincount(z, minlength=3))
    pmf /= pmf.sum()
    got = urn_pmf(beta, [np.isin(np.arange(3), a) for a in allowed], [np.isin(np.arange(3), list(h)) for h in hits])
    assert got == pytest.approx(pmf, abs=1e-12) and got[0] == 0  # the third always hits


def test_the_urn_gives_up_beyond_its_states(monkeypatch):
    from cabinet import predictive

    monkeypatch.setattr(predictive, "MAX_STATES", 3)
    disputed = [np.array([True, True, False, False]), np.array([False, True, True, False]),
                np.array([False, False, True, True])]
    with pytest.raises(predictive.TooManyStates):
        urn_pmf([0.5] * 4, disputed * 2, [np.array([True, False, False, False])] * 6)


# --- marginals and counts ------------------------------------------------------------------------------------


def _urn_marginals(beta, allowed):
    """P(z_i = g) by enumeration of the joint draws."""
    out = np.zeros((len(allowed), len(beta)))
    total = 0.0
    for z in itertools.product(*allowed):
        w = _moment(beta, np.bincount(z, minlength=len(beta)))
        total += w
        for i, g in enumerate(z):
            out[i, g] += w
    return out / total


def test_marginals_of_two_disputed_and_one_unknown_by_enumeration():
    toy = pd.DataFrame({"party": ["Red"] * 3 + ["Blue"] * 2 + ["unknown", "Red|Green", "Blue|Green"],
                        "position_class": ["minister"] * 8})
    m = probability_matrix(toy, "party", "like_known", groups=["Red", "Blue", "Green"])
    expected = _urn_marginals([3.5, 2.5, 0.5], [[0, 1, 2], [0, 2], [1, 2]])
    assert m.iloc[5:].to_numpy() == pytest.approx(expected, abs=1e-12)
    assert m.iloc[:5].to_numpy().tolist() == [[1, 0, 0]] * 3 + [[0, 1, 0]] * 2
    assert m.attrs["prior"] == "Jeffreys' prior Dirichlet(1/2, ..., 1/2) over 3 groups" and m.attrs["note"] == ""
    assert m.attrs["plural"] is False and list(m.index) == list(toy.index)


def _plural_toy():
    return pd.DataFrame({"network": ["a+b", "a", "b", "c", "unknown", "a|b+c", "a+c|a+b"],
                         "position_class": ["minister"] * 7})


def test_plural_marginals_under_like_known():
    m = probability_matrix(_plural_toy(), "network", "like_known")
    # 4 known: a in 2, b in 2, c in 1; each group's share Beta(1/2 + in, 1/2 + out): (1/2 + in) / (1 + 4)
    assert m.iloc[4].tolist() == pytest.approx([0.5, 0.5, 0.3])
    assert m.iloc[5].tolist() == pytest.approx([0.5, 0.5, 0.3])  # a, b and c each possible
    assert m.iloc[6].tolist() == pytest.approx([1.0, 0.5, 0.3])  # a in both alternatives
    assert m.attrs["plural"] is True and m.attrs["prior"] == "Jeffreys' prior Beta(1/2, 1/2) on each group's share"


def test_plural_counts_under_like_known_and_the_population():
    t = estimates(_plural_toy(), "network", assumptions=["like_known"], baseline={"a": 0.5, "b": 0.3, "c": 0.2},
                  level=0.8).set_index("group")
    # a: 2 known, the a+c|a+b man surely, the unknown and the a|b+c man open with Beta(2.5, 2.5)
    pmf_a = np.convolve([0, 0, 0, 1], stats.betabinom.pmf(np.arange(3), 2, 2.5, 2.5))
    assert t.at["a", "expected"] == pytest.approx(np.dot(np.arange(len(pmf_a)), pmf_a))
    assert t.at["a", "p_le_count"] == pytest.approx(np.dot(pmf_a, stats.binom.cdf(np.arange(6), 7, 0.5)))
    assert (t.at["a", "interval_low"], t.at["a", "interval_high"]) == (3, 5)
    pop = estimates(_plural_toy(), "network", assumptions=["population"],
                    baseline={"a": 0.5, "b": 0.3, "c": 0.2}).set_index("group")
    # the unknown: a with its rate 0.5; a|b+c: the alternatives weigh 0.5 (a) and (0.3 + 0.2) / 2 (b+c)
    assert pop.at["a", "expected"] == pytest.approx(3 + 0.5 + 2 / 3)
    # a+c|a+b: a surely; its alternatives weigh (0.5 + 0.2) / 2 and (0.5 + 0.3) / 2
    assert pop.at["b", "expected"] == pytest.approx(2 + 0.3 + 1 / 3 + 0.4 / 0.75)
    assert pop.at["c", "expected"] == pytest.approx(1 + 0.2 + 1 / 3 + 0.35 / 0.75)
    mc = estimates(_plural_toy(), "network", assumptions=["like_known"], method="monte_carlo", n_draws=40_000,
                   seed=5, baseline={"a": 0.5, "b": 0.3, "c": 0.2}).set_index("group")
    assert abs(mc.at["a", "expected"] - t.at["a", "expected"]) < 0.03 and mc.at["a", "method"] == "monte_carlo"


def test_plural_priors():
    m = probability_matrix(_plural_toy(), "network", "priors")  # no priors: everyone open follows like_known
    assert m.iloc[4].tolist() == pytest.approx([0.5, 0.5, 0.3])
    toy = _plural_toy().assign(name=list("pqrstuv"))
    m = probability_matrix(toy, "network", "priors", priors={"t": {"c": 0.6}, "u": {"a": 1.0}})
    # t (unknown): c 0.6, the rest 0.4 spread over a and b in proportion to like_known (0.5 and 0.5)
    assert m.iloc[4].tolist() == pytest.approx([0.2, 0.2, 0.6])
    # u (a|b+c): the alternatives weigh their groups' mean prior: a 1, b+c 0
    assert m.iloc[5].tolist() == pytest.approx([1.0, 0.0, 0.0])
    assert "1 appointee(s) of open tag without a prior follow like_known" in m.attrs["note"]


def test_the_population_matrix_and_its_refusals():
    toy = pd.DataFrame({"party": ["Red", "unknown", "Red|Green"], "position_class": ["minister"] * 3})
    base = pd.Series({"Red": 0.5, "Blue": 0.3, "Green": 0.2})
    m = probability_matrix(toy, "party", "population", groups=list(base.index), baseline_share=base)
    assert m.iloc[1].tolist() == pytest.approx([0.5, 0.3, 0.2]) and m.iloc[2].tolist() == pytest.approx([5 / 7, 0, 2 / 7])
    zero = probability_matrix(toy, "party", "population", groups=list(base.index),
                              baseline_share=pd.Series({"Red": 0.0, "Blue": 1.0, "Green": 0.0}))
    assert zero.iloc[2].tolist() == pytest.approx([0.5, 0, 0.5])  # no weight on either candidate: even
    with pytest.raises(ValueError, match="needs a baseline"):
        probability_matrix(toy, "party", "population")
    with pytest.raises(ValueError, match="no probability model for assumption 'bounds'"):
        probability_matrix(toy, "party", "bounds")
    with pytest.raises(ValueError, match="not a group of"):
        probability_matrix(toy.assign(name=list("abc")), "party", "priors", priors={"b": {"Purple": 1.0}})


def test_draw_counts_and_probability_none():
    assert probability_none(np.array([0.2, 0.5])) == pytest.approx(0.4)
    assert probability_none(np.array([1.5, -1.0])) == 0.0  # clipped to [0, 1]
    m = pd.DataFrame({"x": [0.2, 1.0, 0.5], "y": [0.8, 0.0, 0.5]})
    counts = draw_counts(m, 40_000, seed=1)
    assert counts.shape == (40_000, 2) and (counts.sum(axis=1) == 3).all()
    assert abs(counts[:, 0].mean() - 1.7) < 0.02
    m.attrs["plural"] = True
    plural = draw_counts(m, 40_000, seed=1)
    assert abs(plural[:, 0].mean() - 1.7) < 0.02 and abs(plural[:, 1].mean() - 1.3) < 0.02
    assert (draw_counts(m, 10, seed=3) == draw_counts(m, 10, seed=3)).all()


def test_province_weights_by_hand():
    r = pd.DataFrame({"province": ["Helmand|Kandahar", "Kabul", "Helmand+Paktia|Kandahar", "Atlantis|Kabul",
                                   "unknown", "Kandahar|Uruzgan"], "district": ["unknown"] * 6})
    w = province_weights(r, "region", POP)
    h, k = POP["Helmand"], POP["Kandahar"]
    assert [x[0] for x in w[0]] == pytest.approx([h / (h + k), k / (h + k)])
    assert [x[1] for x in w[0]] == [("Southwest",), ("South",)]
    mean = (h + POP["Paktia"]) / 2
    assert [x[0] for x in w[2]] == pytest.approx([mean / (mean + k), k / (mean + k)])
    assert w[2][0][1] == ("Southwest", "East") and 1 not in w and 3 not in w and 4 not in w
    assert w[5] == [(pytest.approx(1.0), ("South",))]  # two provinces of one region: one alternative
    assert province_weights(r.drop(columns="province"), "region", POP) == {}
    assert province_weights(r.drop(columns="district"), "region", POP)[0][0][0] == pytest.approx(h / (h + k))
    # population shares (summing to 1, or less) weigh as the counts do: only their ratios matter
    shares = pd.Series({"Helmand": 0.1, "Kandahar": 0.3})
    assert province_weights(r.iloc[:1], "region", shares) == {0: [(pytest.approx(0.25), ("Southwest",)),
                                                                  (pytest.approx(0.75), ("South",))]}


def test_a_disputed_home_under_the_population_without_province_figures():
    toy = pd.DataFrame({"province": ["Helmand|Kandahar"], "district": ["unknown"], "position_class": ["minister"]})
    share = geographic_baseline("region").share
    m = probability_matrix(toy, "region", "population", baseline_share=share)  # no province_share: the regions
    assert m.iloc[0]["Southwest"] == pytest.approx(share["Southwest"] / (share["Southwest"] + share["South"]))


# --- estimates and the named gaps --------------------------------------------------------------------------


def _gap_toy():
    return pd.DataFrame({"name": list("abcde"), "person_id": list("abcde"),
                         "province": ["Herat", "unknown", "Helmand|Kandahar", "Kabul", "Paktia"],
                         "district": ["unknown"] * 5, "position_class": ["minister"] * 5,
                         "network": ["unknown", "unknown", "helmandi_alizai|haqqani", "haqqani", "haqqani"]})


def test_the_west_and_southwest_gap_estimates_by_hand():
    t = gap_estimates(_gap_toy(), assumptions=["bounds", "population"], baseline="nsia_1398").set_index(
        ["assumption", "group"])
    share = geographic_baseline("region").share
    inside = share["West"] + share["Southwest"]
    helmand = POP["Helmand"] / (POP["Helmand"] + POP["Kandahar"])
    b = t.loc["bounds"]
    assert (b.at["West and Southwest", "interval_low"], b.at["West and Southwest", "interval_high"]) == (1, 3)
    assert (b.at["outside", "interval_low"], b.at["outside", "interval_high"]) == (2, 4)
    p = t.loc["population"]
    assert p.at["West and Southwest", "expected"] == pytest.approx(1 + inside + helmand)
    assert p.at["outside", "expected"] == pytest.approx(5 - 1 - inside - helmand)
    pmf = np.convolve(np.convolve([0, 1], [1 - inside, inside]), [1 - helmand, helmand])
    assert p.at["West and Southwest", "p_le_count"] == pytest.approx(np.dot(pmf, stats.binom.cdf(np.arange(4), 5, inside)))
    assert (p.at["West and Southwest", "count"], p.at["West and Southwest", "count_max"], p.at["outside", "n"]) == (1, 3, 5)
    full = gap_estimates(_gap_toy(), assumptions=["bounds", "population"], baseline="nsia_1398")
    assert full["gap"].eq("west_southwest").all() and full["by"].eq("west_southwest").all()
    assert full["group"].tolist() == ["West and Southwest", "outside"] * 2
    assert full["baseline"].iloc[0] == geographic_baseline("region").label
    assert list(full.columns) == ["gap"] + cabinet.assumptions.COLUMNS


def test_the_helmandi_and_hazarajat_gap_estimates_by_hand():
    t = gap_estimates(_gap_toy(), "helmandi_networks", assumptions=["population", "like_known"], baseline="nsia_1398")
    t = t.set_index(["assumption", "group"])
    helmand = float(geographic_baseline("province").share["Helmand"])
    # a: unknown network, home Herat: outside; b: unknown network, home unknown: open; c: disputed; d, e: haqqani
    pop = t.loc["population"]
    assert pop.at["Helmandi networks", "expected"] == pytest.approx(2 * helmand)
    assert pop.at["Helmandi networks", "baseline"] == "Helmand's share of the population (a proxy)"
    lk = t.loc["like_known"]
    # 3 known (a, d, e) outside: Beta(1/2, 3 + 1/2); b and c open with candidates in/outside: beta-binomial
    assert lk.at["Helmandi networks", "expected"] == pytest.approx(2 * 0.5 / 4)
    assert lk.at["Helmandi networks", "prior"] == "Jeffreys' prior Beta(1/2, 1/2)"
    h = gap_estimates(_gap_toy().assign(province=["Bamyan", "unknown", "Kabul", "Kabul", "Kabul"]), "hazarajat",
                      assumptions=["population"], baseline="nsia_1398").set_index("group")
    haz = float(geographic_baseline("hazarajat").share["Hazarajat"])
    assert h.at["Hazarajat", "expected"] == pytest.approx(1 + haz) and "outside" in h.index
    with pytest.raises(ValueError, match="allowed: west_southwest, hazarajat, helmandi_networks"):
        gap_estimates(_gap_toy(), "west")


def test_estimates_refuse_a_bad_method_or_level_and_name_the_missing_baseline():
    toy = pd.DataFrame({"party": ["Red", "unknown"], "position_class": ["minister"] * 2})
    with pytest.raises(ValueError, match="allowed: exact, monte_carlo"):
        estimates(toy, "party", method="fast")
    for level in (0, 1, 1.5):
        with pytest.raises(ValueError, match="level must lie between 0 and 1"):
            estimates(toy, "party", level=level)
    t = estimates(toy, "party", assumptions=["population"]).set_index("group")
    assert np.isnan(t.at["Red", "expected"]) and t.at["Red", "note"] == "no population baseline for by='party'"
    with pytest.raises(ValueError, match="unknown assumption 'like_knwon'; did you mean 'like_known'"):
        estimates(toy, "party", assumptions=["like_knwon"])
    with pytest.raises(ValueError, match=r"unknown assumption '\(none\)'"):
        estimates(toy, "party", assumptions=[])


def test_the_interval_is_central():
    toy = pd.DataFrame({"party": ["Red"] + ["unknown"] * 4, "position_class": ["minister"] * 5})
    t = estimates(toy, "party", assumptions=["population"], baseline={"Red": 0.5, "Blue": 0.5},
                  level=0.8).set_index("group")
    # Red: 1 + Binomial(4, 1/2): the 10 % and 90 % quantiles of the inverted cdf are 1 + 1 and 1 + 3
    assert (t.at["Red", "interval_low"], t.at["Red", "interval_high"]) == (2, 4)


def test_gap_estimates_draw_from_seed_0_unless_told():
    """A Monte Carlo run is repeatable: by default the draws of seed 0, like estimates() and draw_counts()."""
    default = gap_estimates(method="monte_carlo", n_draws=2_000)
    pd.testing.assert_frame_equal(default, gap_estimates(method="monte_carlo", n_draws=2_000, seed=0))
    assert not default.equals(gap_estimates(method="monte_carlo", n_draws=2_000, seed=1))


# --- the priors reader --------------------------------------------------------------------------------------


def test_priors_from_every_form():
    roster = pd.DataFrame({"appointment_id": ["S01", "S02"], "person_id": ["p1", "p2"], "name": ["A", "B"],
                           "region": ["East", "unknown"]})
    table = pd.DataFrame({"appointment_id": ["S02", "S02"], "group": ["East", "South"], "probability": ["0,25", 0.75]})
    assert read_priors(table, roster) == {1: {"East": 0.25, "South": 0.75}}
    assert read_priors({"p2": {"East": 1}}, roster) == {1: {"East": 1.0}}
    assert read_priors(None, roster) == {}
    rows = prior_rows(pd.DataFrame({"name": ["B"], "group": ["East"], "probability": [1], "column": ["region"],
                                    "claim": [" c3 "]}))
    assert rows == [PriorRow("B", "East", 1.0, "region", "C3", "priors, row 0")]
    assert applicable(rows, column="region") == [] and applicable(rows, claim="C3") == rows
    both = [PriorRow("B", "East", 1.0), PriorRow("B", "yes", 1.0, column="iran_aligned")]
    assert applicable(both, column="region", groups=["East"]) == both[:1]
    assert applicable(both, column="iran_aligned", groups=["yes"]) == both[1:]
    assert applicable(both, column="iran_aligned", groups=["no", "yes"]) == both[1:]


def test_a_prior_that_names_every_group_but_leaves_some_open_is_rescaled():
    # B: East 0.5, South 0.3, 0.2 left open with no other group to take it: 0.5 / 0.8 and 0.3 / 0.8
    roster = pd.DataFrame({"name": ["A", "B"], "region": ["East", "unknown"], "position_class": ["minister"] * 2})
    m = probability_matrix(roster, "region", "priors", groups=["East", "South"], priors={"B": {"East": 0.5, "South": 0.3}})
    assert m.iloc[1].tolist() == pytest.approx([0.625, 0.375])


def test_priors_are_read_only_under_the_priors_assumption():
    # a priors table that names nobody of the roster is refused where it is used, and left alone elsewhere
    roster = pd.DataFrame({"name": ["A", "B"], "region": ["East", "unknown"], "position_class": ["minister"] * 2})
    bad = {"Z": {"East": 1}}
    m = probability_matrix(roster, "region", "like_known", groups=["East", "South"], priors=bad)
    pd.testing.assert_frame_equal(m, probability_matrix(roster, "region", "like_known", groups=["East", "South"]))
    with pytest.raises(DataError, match="not in the roster"):
        probability_matrix(roster, "region", "priors", groups=["East", "South"], priors=bad)


@pytest.mark.parametrize("priors,message", [
    ({"B": {"East": 0.7, "South": 0.6}}, "sum to more than 1"),
    ({"Z": {"East": 1}}, "not in the roster"),
    ({"B": 0.5}, "must be a mapping of group -> probability"),
    (pd.DataFrame({"who": ["B"], "group": ["East"], "probability": [1]}), "need the column"),
    (pd.DataFrame({"name": ["B"], "probability": [1]}), "group"),
    (pd.DataFrame({"name": [""], "group": ["East"], "probability": [1]}), "empty"),
    (pd.DataFrame({"name": ["B"], "group": [""], "probability": [1]}), "the group is empty"),
    (pd.DataFrame({"name": ["B"], "group": ["East"], "probability": ["half"]}), "not a probability"),
    (pd.DataFrame({"name": ["B"], "group": ["East"], "probability": [-0.1]}), "not a probability"),
])
def test_bad_priors_are_refused(priors, message):
    roster = pd.DataFrame({"name": ["A", "B"], "region": ["East", "unknown"]})
    with pytest.raises((DataError, ValueError), match=message):
        read_priors(priors, roster)


def test_a_priors_file_names_its_line(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("name,group,probability\nB,East,0.6\nB,South,0.6\n", encoding="utf-8")
    roster = pd.DataFrame({"name": ["A", "B"], "region": ["East", "unknown"]})
    with pytest.raises(DataError) as err:
        read_priors(path, roster)
    assert err.value.problems[0].line == 3 and err.value.problems[0].column == "probability"
    assert err.value.problems[0].value == "1.2"  # the sum the message names: 0.6 + 0.6
    path.write_text("name,group,probability\nZ,East,1\n", encoding="utf-8")
    assert read_priors(path, roster, skip_absent=True) == {}
    path.write_text("name,group\n", encoding="utf-8")
    with pytest.raises(DataError, match="probability"):
        read_priors(path, roster)
    with pytest.raises(DataError):
        read_priors(tmp_path / "missing.csv", roster)
    path.write_text("name,column,group,probability\nB,region,Atlantis,1\nB,,Atlantis,1\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        read_priors(path, roster, column="region", groups=["East", "South"])
    assert (err.value.problems[0].line, err.value.problems[0].column, err.value.problems[0].value) == (
        2, "group", "Atlantis")
    path.write_text("name,group,probability\nB,Atlantis,1\n", encoding="utf-8")
    assert read_priors(path, roster, groups=["East", "South"]) == {}  # a row naming neither fits no group here


def test_a_prior_over_networks_bears_on_c4(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("name,column,group,probability\n"
                    "Mohammad Younus Akhundzada,network,helmandi_alizai,0.3\n"
                    "Mohammad Younus Akhundzada,network,haqqani,0.7\n"
                    + "".join(f"{n},network,haqqani,1\n" for n in
                              ("Hamidullah Akhundzada", "Ahmad Jan Ahmady", "Mawlawi Noor Jalal", "Rahmatullah Najib",
                               "Mullah Abdul Haq Akhund")), encoding="utf-8")
    t = cabinet.claim_probabilities(assumptions=["priors"], priors=path).set_index("id")
    assert t.at["C4", "probability"] == pytest.approx(0.7)


# --- the pool's tables ---------------------------------------------------------------------------------------


def _pool():
    return pd.DataFrame({"person_id": list("abcdef"), "name": ["A", "B", "C", "D", "E", "F"],
                         "province": ["Bamyan", "Kabul", "unknown", "Helmand|Kandahar", "Kabul", "Herat"],
                         "district": ["unknown"] * 6})


def test_every_column_of_the_draw():
    roster = pd.DataFrame({"person_id": ["a", "c", "d", "x", "x"], "name": ["A", "C", "D", "X", "X"]})
    t = movement_draw(roster, "hazarajat", pool=_pool())
    g = t.set_index("group")
    assert (g.at["Hazarajat", "pool_count"], g.at["Hazarajat", "pool_count_max"]) == (1, 2)
    assert (g.at["Hazarajat", "count"], g.at["Hazarajat", "count_max"], g.at["Hazarajat", "n"]) == (1, 2, 3)
    assert (g.at["Hazarajat", "pool_n"], g.at["Hazarajat", "n_not_in_pool"]) == (6, 1)
    assert g.at["Hazarajat", "members"] == "A" and g.at["Hazarajat", "test"] == "hypergeometric"
    # the open C is the only unresolved man; he is drawn: K = R + k with R = 0
    assert g.at["Hazarajat", "p_le_min"] == pytest.approx(min(stats.hypergeom.cdf(1, 6, 1, 3),
                                                             stats.hypergeom.cdf(2, 6, 2, 3)))
    assert g.at["Hazarajat", "p_ge_max"] == pytest.approx(max(stats.hypergeom.sf(0, 6, 1, 3),
                                                             stats.hypergeom.sf(1, 6, 2, 3)))
    # and the other ends: k = 1 or 2 drawn only (never 3: the third drawn, D, is not of the Hazarajat)
    assert g.at["Hazarajat", "p_ge_min"] == pytest.approx(min(stats.hypergeom.sf(0, 6, 1, 3),
                                                             stats.hypergeom.sf(1, 6, 2, 3)))
    assert g.at["Hazarajat", "p_le_max"] == pytest.approx(max(stats.hypergeom.cdf(1, 6, 1, 3),
                                                             stats.hypergeom.cdf(2, 6, 2, 3)))
    assert g.at["unknown", "status"] == "unknown" and g.at["unknown", "test"] == "" and g.at["unknown", "members"] == "C"
    assert np.isnan(g.at["unknown", "p_le_min"])
    assert set(t["by"]) == {"hazarajat"} and t.attrs["not_in_pool"] == "X; X"
    assert set(t["baseline"]) == {"movement"} and t["baseline_label"].iloc[0].startswith("the movement's cadre pool")
    assert list(t.columns) == cabinet.yardsticks.DRAW_COLUMNS
    with pytest.raises(ValueError, match="no member of the roster is in the movement's pool"):
        movement_draw(pd.DataFrame({"person_id": ["zz"]}), pool=_pool())
    with pytest.raises(ValueError, match="no 'person_id' column"):
        movement_draw(pd.DataFrame({"name": ["A"]}), pool=_pool())
    assert "name" not in movement_draw(roster[["person_id"]], pool=_pool()).attrs["not_in_pool"]


def test_the_bundled_draw_takes_the_default_definitions():
    t = movement_draw(by="hazarajat").set_index("group")
    core = movement_draw(by="hazarajat", hazarajat="core").set_index("group")
    pd.testing.assert_frame_equal(t, core)
    assert (t.at["Hazarajat", "pool_n"], t.at["Hazarajat", "n"]) == (len(cabinet.rosters.load_movement_pool()), 9)
    assert movement_draw().equals(movement_draw(by="region", scheme="commentary", home="any"))


def test_the_predictive_counts_the_new_members_known_and_possibly_inside():
    from cabinet.yardsticks import movement_predictive

    pool = pd.DataFrame({"person_id": list("abcdef"), "name": list("abcdef"),
                         "province": ["Helmand", "Herat", "Kabul", "Paktia", "Kandahar", "unknown"],
                         "district": ["unknown"] * 6})
    # new to the pool: x (Kabul, outside), y (unknown), z (Herat, west): 1 known inside, up to 2
    roster = pd.DataFrame({"person_id": ["a", "f", "x", "y", "z"], "name": ["a", "f", "x", "y", "z"],
                           "province": ["Helmand", "unknown", "Kabul", "unknown", "Herat"], "district": ["unknown"] * 5})
    t = movement_predictive(roster, "west_southwest", pool=pool).iloc[0]
    assert (t["n_new"], t["count_new"], t["count_new_max"]) == (3, 1, 2)
    # pool: 2 in (Helmand, Herat), 3 out, under Jeffreys' prior Beta(2 + 1/2, 3 + 1/2): the beta-binomial of 3 draws
    assert t["p_le_count"] == pytest.approx(stats.betabinom.cdf(1, 3, 2.5, 3.5), rel=1e-9)
    assert t["p_le_count_max"] == pytest.approx(stats.betabinom.cdf(2, 3, 2.5, 3.5), rel=1e-9)
    # shared with the pool: a (Helmand, inside) and f (unknown): 1 to 2
    assert (t["n_shared"], t["shared_count"], t["shared_count_max"]) == (2, 1, 2)
    # the pool's open f outside (Beta(2.5, 4.5)) or inside (Beta(3.5, 3.5)): the ends of the range
    assert t["p_le_min"] == pytest.approx(min(stats.betabinom.cdf(1, 3, 3.5, 3.5), stats.betabinom.cdf(1, 3, 2.5, 3.5)))
    assert t["p_le_max"] == pytest.approx(max(stats.betabinom.cdf(2, 3, 2.5, 4.5), stats.betabinom.cdf(2, 3, 2.5, 3.5)))


def test_the_predictive_refuses_and_takes_its_options():
    from cabinet.yardsticks import PREDICTIVE_COLUMNS, movement_predictive

    with pytest.raises(ValueError, match="allowed: west_southwest, hazarajat, helmandi_networks"):
        movement_predictive(target="west")
    with pytest.raises(ValueError, match="no 'person_id' column"):
        movement_predictive(pd.DataFrame({"name": ["a"], "province": ["Kabul"]}))
    t = movement_predictive().iloc[0]
    assert t["target"] == "west_southwest" and t["home"] == "birth" and t["prior"] == "Jeffreys' prior Beta(1/2, 1/2)"
    u = movement_predictive(prior="uniform", home="birth").iloc[0]
    assert u["prior"] == "uniform prior Beta(1, 1)" and u["home"] == "birth"
    assert u["expected_new"] == pytest.approx(u["n_new"] * (1 + u["pool_in"]) / (2 + u["pool_in"] + u["pool_out"]))
    ext = movement_predictive(target="hazarajat", hazarajat="extended").iloc[0]
    core = movement_predictive(target="hazarajat").iloc[0]
    assert ext["pool_open"] + ext["pool_in"] >= core["pool_open"] + core["pool_in"]
    assert list(movement_predictive().columns) == PREDICTIVE_COLUMNS
    assert t["p_le_min"] <= t["p_le_count"] <= t["p_le_count_max"] <= t["p_le_max"]


def test_the_yardstick_table_by_hand():
    roster = cabinet.io.load_appointees()
    t = yardstick_table(roster, by=["region"])
    rep = cabinet.representation(roster, "region", adjust=None)
    rep = rep[(rep["status"] == "group") & (rep["baseline"] == rep["baseline"].iloc[0])].set_index("group")
    base = cabinet.movement_baseline("region", home="birth")  # the cabinet and the pool counted by birth
    pop = geographic_baseline("region").share
    for g in rep.index:
        rows = t[t["group"] == g].set_index("measure")
        if g == "abroad":  # a birthplace abroad has no share of Afghanistan's population
            assert list(rows.index) == ["cabinet", "movement"]
            continue
        assert list(rows.index) == ["cabinet", "movement", "population"]
        n = rep.at[g, "n"]
        assert rows.loc["cabinet", ["share", "low", "high"]].tolist() == pytest.approx(
            [rep.at[g, "count"] / n, rep.at[g, "count"] / n, rep.at[g, "count_max"] / n])
        assert rows.loc["movement", ["share", "low", "high"]].tolist() == pytest.approx(
            [base.share[g], base.low[g], base.high[g]])
        assert rows.loc["population", ["share", "low", "high"]].tolist() == pytest.approx([pop[g]] * 3)
        assert rows.loc["movement", "n"] == len(cabinet.rosters.load_movement_pool()) and rows.loc["cabinet", "n"] == n
    assert set(t["by"]) == {"region"} and t.loc[t["measure"] == "movement", "label"].iloc[0] == base.label
    both = yardstick_table()
    assert set(both["by"]) == {"region", "network"}
    assert not ((both["by"] == "network") & (both["measure"] == "population")).any()
    assert yardstick_table(by="region").equals(t)
