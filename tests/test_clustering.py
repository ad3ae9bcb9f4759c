"""The clustering sensitivity (issue 24, item 4): the beta-binomial against scipy, by hand, and at rho -> 0."""

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from scipy.special import betaln, comb

import cabinet
from cabinet.clustering import beta_binomial_cdf, beta_binomial_sf, clustering_sensitivity, headline_sensitivity


def _pmf_by_hand(k, n, a, b):
    """Skellam's beta-binomial: C(n, k) B(k + a, n - k + b) / B(a, b)."""
    return comb(n, k, exact=True) * math.exp(betaln(k + a, n - k + b) - betaln(a, b))


def test_icc_zero_is_the_binomial_and_small_icc_tends_to_it():
    for k, n, p in ((0, 33, 0.180316), (3, 33, 0.05), (10, 20, 0.5)):
        assert beta_binomial_cdf(k, n, p, 0.0) == stats.binom.cdf(k, n, p)
        gaps = [abs(beta_binomial_cdf(k, n, p, rho) - stats.binom.cdf(k, n, p)) for rho in (1e-2, 1e-3, 1e-4)]
        assert gaps[0] > gaps[1] > gaps[2] and gaps[2] < 1e-3  # the beta-binomial tends to the binomial
        assert beta_binomial_sf(k, n, p, 0.0) == pytest.approx(stats.binom.sf(k - 1, n, p))


def test_beta_binomial_at_a_hand_value():
    # p = 0.2, rho = 0.1: a = 0.2 * 0.9 / 0.1 = 1.8, b = 0.8 * 0.9 / 0.1 = 7.2 (a + b + 1 = 1 / rho)
    a, b = 1.8, 7.2
    assert 1 / (a + b + 1) == pytest.approx(0.1)
    hand = sum(_pmf_by_hand(k, 10, a, b) for k in range(3))
    assert beta_binomial_cdf(2, 10, 0.2, 0.1) == pytest.approx(hand, rel=1e-12)
    assert beta_binomial_cdf(2, 10, 0.2, 0.1) == pytest.approx(stats.betabinom.cdf(2, 10, a, b), rel=1e-12)
    # P(X = 0) for 33 posts: B(a, 33 + b) / B(a, b)
    assert beta_binomial_cdf(0, 33, 0.2, 0.1) == pytest.approx(math.exp(betaln(a, 33 + b) - betaln(a, b)))
    # the variance is the binomial's times the design effect 1 + (n - 1) rho
    var = stats.betabinom(33, a, b).var()
    assert var == pytest.approx(33 * 0.2 * 0.8 * (1 + 32 * 0.1))
    assert beta_binomial_sf(4, 10, 0.2, 0.1) == pytest.approx(1 - sum(_pmf_by_hand(k, 10, a, b) for k in range(4)))


def test_icc_is_checked():
    with pytest.raises(ValueError, match="below 1"):
        beta_binomial_cdf(0, 10, 0.2, 1.0)
    for not_a_number in ("0.1", True):  # a string that reads as a number, and a bool, are refused, not converted
        with pytest.raises(TypeError, match="icc must be a number"):
            beta_binomial_cdf(0, 10, 0.2, not_a_number)
    with pytest.raises(ValueError, match="at least 0"):
        clustering_sensitivity(cabinet.west_southwest_gap(), icc=(-0.1,))
    with pytest.raises(ValueError, match="no group 'Nowhere'"):
        clustering_sensitivity(cabinet.west_southwest_gap(), groups=["Nowhere"])


def test_the_headline_probabilities_move_as_the_betabinomial_says():
    t = headline_sensitivity()
    assert t["gap"].unique().tolist() == ["West and southwest (C3, home by birth)", "Core Hazarajat",
                                          "Helmandi networks"]
    # at rho = 0 the table gives back the gap tables' own exact probabilities
    gap = cabinet.west_southwest_gap(cabinet.groupings.with_home(cabinet.load_roster(), "birth"), separate=False)
    row = gap[gap["group"] == "West+Southwest"].iloc[0]
    w = t[t["gap"].str.startswith("West")].set_index("icc")
    assert w.at[0.0, "p_le_count"] == pytest.approx(row["p_le_count"], rel=1e-12)
    assert w.at[0.0, "p_le_count_max"] == pytest.approx(row["p_le_count_max"], rel=1e-12)
    n, k, p = int(row["n"]), int(row["count"]), float(row["baseline_share"])
    for rho in (0.05, 0.1):
        a, b = p * (1 - rho) / rho, (1 - p) * (1 - rho) / rho
        assert w.at[rho, "p_le_count"] == pytest.approx(stats.betabinom.cdf(k, n, a, b), rel=1e-12)
        assert w.at[rho, "design_effect"] == pytest.approx(1 + (n - 1) * rho)
        assert w.at[rho, "ratio_le_count"] == pytest.approx(w.at[rho, "p_le_count"] / w.at[0.0, "p_le_count"])
    # clustering makes a count this low less surprising, never more
    for _, block in t.groupby("gap"):
        assert block.sort_values("icc")["p_le_count"].is_monotonic_increasing


def test_a_roster_of_another_body():
    roster = pd.DataFrame({"name": list("abcdefgh"), "camp": ["x"] * 6 + ["y", "unknown"]})
    t = clustering_sensitivity(roster, by="camp", baseline={"x": 0.5, "y": 0.5}, icc=(0, 0.2))
    x = t[t["group"] == "x"].set_index("icc")
    assert x.at[0.0, "p_ge_count"] == pytest.approx(stats.binom.sf(5, 8, 0.5))
    assert x.at[0.2, "p_ge_count"] == pytest.approx(stats.betabinom.sf(5, 8, 2.0, 2.0))  # a = b = 0.5 * 0.8 / 0.2


def test_a_share_of_0_or_1_has_no_beta():
    # a group of share 0 (or 1) is never (always) drawn, blocks or not: the beta of the block model has no
    # parameters there (a or b would be 0), so a and b are NaN and the probabilities those of the binomial
    table = pd.DataFrame({"group": ["A", "B", "C"], "status": ["group"] * 3, "count": [0, 3, 1],
                          "count_max": [0, 3, 1], "n": [3, 3, 3], "baseline_share": [0.0, 1.0, 1.0]})
    t = clustering_sensitivity(table, icc=(0.1,)).set_index("group")
    assert t[["a", "b"]].isna().all().all()
    assert t.at["A", "p_le_count"] == stats.binom.cdf(0, 3, 0.0) == 1.0
    assert t.at["B", "p_ge_count"] == stats.binom.sf(2, 3, 1.0) == 1.0
    # C: 1 of 3 where everyone is drawn from the group has binomial probability 0; no ratio to it
    assert t.at["C", "p_le_count_binomial"] == stats.binom.cdf(1, 3, 1.0) == 0.0
    assert np.isnan(t.at["C", "ratio_le_count"]) and t.at["B", "ratio_le_count"] == 1.0
