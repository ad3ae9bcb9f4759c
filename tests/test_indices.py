"""Tests for cabinet.indices.

Numbers are checked against independent calculations (published figures,
arithmetic written out by hand, direct enumeration with math.comb, or a
Monte Carlo written here with numpy) rather than against the functions
themselves.
"""

import math
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cabinet import indices, null_distributions
from cabinet.indices import (
    dhondt,
    effective_number,
    gallagher,
    golosov,
    lijphart,
    loosemore_hanby,
    rae,
    rose,
    sainte_lague,
)
from cabinet.null_distributions import (
    disproportionality_table,
    expected_loosemore_hanby,
    expected_rae,
    expected_rose,
    null_distribution,
)

DISPROPORTIONALITY = [
    loosemore_hanby,
    rose,
    gallagher,
    rae,
    sainte_lague,
    dhondt,
    lijphart,
]
INDEX_NAMES = [
    "loosemore_hanby",
    "rose",
    "gallagher",
    "rae",
    "sainte_lague",
    "dhondt",
    "lijphart",
    "effective_number",
    "golosov",
]


# ---------------------------------------------------------------------------
# Published worked example
# ---------------------------------------------------------------------------

# 2012 Queensland state election (Legislative Assembly, 89 seats).
# First-preference votes and seats won, from the University of Western
# Australia's Australian Government and Politics Database:
#   https://elections.uwa.edu.au/elecdetail.lasso?keyvalue=1745
# (the same seat totals, 78/7/2/2, are in the Wikipedia article
#  "2012 Queensland state election").
# A Gallagher index of "31.2" for this election is reported independently at
#   https://www.crikey.com.au/2013/01/15/electoral-imbalance-in-queensland-putting-votes-into-perspective/
# and the brief for this module gives 31.16 (two decimals).
QLD_2012_VOTES = {
    "Liberal National": 1_214_311,
    "Labor": 652_042,
    "Katter's Australian": 282_064,
    "Greens": 184_140,
    "Independents": 72_731,
    "Family First": 33_263,
    "One Nation": 2_525,
    "North Queensland": 1_835,
    "Socialist Alliance": 1_122,
    "Queensland Party": 933,
    "Democratic Labor": 628,
}
QLD_2012_SEATS = {
    "Liberal National": 78,
    "Labor": 7,
    "Katter's Australian": 2,
    "Greens": 0,
    "Independents": 2,
    "Family First": 0,
    "One Nation": 0,
    "North Queensland": 0,
    "Socialist Alliance": 0,
    "Queensland Party": 0,
    "Democratic Labor": 0,
}


def test_gallagher_queensland_2012():
    assert sum(QLD_2012_SEATS.values()) == 89
    assert sum(QLD_2012_VOTES.values()) == 2_445_594  # total given by the source
    assert gallagher(QLD_2012_SEATS, QLD_2012_VOTES) * 100 == pytest.approx(31.16, abs=0.05)


def test_gallagher_queensland_2012_from_rounded_percentages():
    # Same source, using the published percentages (rounded to 0.01) instead.
    votes_pct = {
        "Liberal National": 49.65,
        "Labor": 26.66,
        "Katter's Australian": 11.53,
        "Greens": 7.53,
        "Independents": 2.97,
        "Family First": 1.36,
        "One Nation": 0.10,
        "North Queensland": 0.08,
        "Socialist Alliance": 0.05,
        "Queensland Party": 0.04,
        "Democratic Labor": 0.03,
    }
    assert gallagher(QLD_2012_SEATS, votes_pct) * 100 == pytest.approx(31.16, abs=0.05)


# ---------------------------------------------------------------------------
# Hand-computed small cases
# ---------------------------------------------------------------------------

S2 = {"A": 0.5, "B": 0.5}
V2 = {"A": 0.25, "B": 0.75}


def test_hand_computed_two_groups():
    # d = s - v = (+0.25, -0.25)
    # LH = 0.5 * (0.25 + 0.25) = 0.25 ; Rose = 1 - 0.25 = 0.75
    assert loosemore_hanby(S2, V2) == pytest.approx(0.25)
    assert rose(S2, V2) == pytest.approx(0.75)
    # Gallagher = sqrt(0.5 * (0.0625 + 0.0625)) = sqrt(0.0625) = 0.25
    assert gallagher(S2, V2) == pytest.approx(0.25)
    # Rae = (0.25 + 0.25) / 2 = 0.25 ; Lijphart = max(0.25, 0.25) = 0.25
    assert rae(S2, V2) == pytest.approx(0.25)
    assert lijphart(S2, V2) == pytest.approx(0.25)
    # Sainte-Lague = 0.0625/0.25 + 0.0625/0.75 = 0.25 + 1/12 = 1/3
    assert sainte_lague(S2, V2) == pytest.approx(0.0625 / 0.25 + 0.0625 / 0.75)
    assert sainte_lague(S2, V2) == pytest.approx(1 / 3)
    # D'Hondt = max(0.5/0.25, 0.5/0.75) = max(2, 2/3) = 2
    assert dhondt(S2, V2) == pytest.approx(2.0)


def test_hand_computed_three_groups():
    s = {"A": 0.5, "B": 0.3, "C": 0.2}
    v = {"A": 0.2, "B": 0.4, "C": 0.4}
    # d = (0.3, -0.1, -0.2); |d| sums to 0.6
    assert loosemore_hanby(s, v) == pytest.approx(0.3)  # 0.6 / 2
    assert rae(s, v) == pytest.approx(0.2)  # 0.6 / 3
    assert lijphart(s, v) == pytest.approx(0.3)
    # Gallagher = sqrt(0.5 * (0.09 + 0.01 + 0.04)) = sqrt(0.07)
    assert gallagher(s, v) == pytest.approx(math.sqrt(0.07))
    # Sainte-Lague = 0.09/0.2 + 0.01/0.4 + 0.04/0.4 = 0.45 + 0.025 + 0.1 = 0.575
    assert sainte_lague(s, v) == pytest.approx(0.575)
    # D'Hondt = max(2.5, 0.75, 0.5) = 2.5
    assert dhondt(s, v) == pytest.approx(2.5)


def test_effective_number_by_hand():
    # 1 / (0.25 + 0.25) = 2
    assert effective_number({"A": 0.5, "B": 0.5}) == pytest.approx(2.0)
    # counts 2, 1, 1 -> shares 0.5, 0.25, 0.25 -> 1 / (0.25 + 0.0625 + 0.0625) = 8/3
    assert effective_number({"A": 2, "B": 1, "C": 1}) == pytest.approx(8 / 3)
    assert effective_number({"A": 7, "B": 0}) == pytest.approx(1.0)


def test_golosov_by_hand():
    # s1 = 0.6:  A: 0.6 / (0.6 + 0.36 - 0.36) = 1
    #            B: 0.4 / (0.4 + 0.36 - 0.16) = 0.4 / 0.6 = 2/3
    # total 5/3
    assert golosov({"A": 0.6, "B": 0.4}) == pytest.approx(5 / 3)
    # equal shares of k groups give k; a zero group is skipped
    assert golosov({"A": 1, "B": 1, "C": 1, "D": 0}) == pytest.approx(3.0)
    assert golosov({"A": 5}) == pytest.approx(1.0)


def test_zero_baseline_group():
    # A group absent from the baseline and from the cabinet is skipped ...
    s = {"A": 0.5, "B": 0.5, "C": 0.0}
    v = {"A": 0.25, "B": 0.75, "C": 0.0}
    assert sainte_lague(s, v) == pytest.approx(1 / 3)
    assert dhondt(s, v) == pytest.approx(2.0)
    # ... but Rae averages over all three groups: 0.5 / 3
    assert rae(s, v) == pytest.approx(0.5 / 3)
    # ... and a seat for a zero-baseline group makes the ratio indices infinite
    s_bad = {"A": 0.5, "B": 0.25, "C": 0.25}
    assert sainte_lague(s_bad, v) == math.inf
    assert dhondt(s_bad, v) == math.inf
    # LH: |0.25| + |-0.5| + |0.25| = 1.0 -> 0.5
    assert loosemore_hanby(s_bad, v) == pytest.approx(0.5)


def test_returns_plain_floats():
    for func in DISPROPORTIONALITY:
        assert type(func(pd.Series(S2), pd.Series(V2))) is float
    assert type(effective_number(pd.Series(S2))) is float
    assert type(golosov(pd.Series(S2))) is float


# ---------------------------------------------------------------------------
# Alignment and validation
# ---------------------------------------------------------------------------


def test_alignment_by_name_not_position():
    s = {"Pashtun": 30, "Tajik": 2, "Uzbek": 1, "Hazara": 0}
    v = {"Pashtun": 0.42, "Tajik": 0.27, "Hazara": 0.09, "Uzbek": 0.09, "Other": 0.13}
    s["Other"] = 0
    s_rev = dict(reversed(list(s.items())))
    v_series = pd.Series(v).sort_index()
    for func in DISPROPORTIONALITY:
        a = func(s, v)
        assert func(s_rev, v) == pytest.approx(a, rel=1e-15)
        assert func(pd.Series(s_rev), v_series) == pytest.approx(a, rel=1e-15)
    # a positional mix-up would give a different answer
    swapped = dict(zip(s.keys(), [2, 30, 1, 0, 0]))
    assert loosemore_hanby(swapped, v) != pytest.approx(loosemore_hanby(s, v))


def test_mismatched_labels_raise_naming_the_label():
    v = {"Pashtun": 0.5, "Tajik": 0.3, "Hazara": 0.2}
    with pytest.raises(ValueError, match="Uzbek") as info:
        loosemore_hanby({"Pashtun": 30, "Tajik": 2, "Uzbek": 1}, v)
    message = str(info.value)
    assert "Hazara" in message  # missing from the shares side
    assert "allowed labels" in message
    # a missing zero group is not filled in silently
    with pytest.raises(ValueError, match="Hazara"):
        gallagher({"Pashtun": 30, "Tajik": 3}, v)


@pytest.mark.parametrize(
    "shares, baseline, error",
    [
        ({}, {"A": 1.0}, ValueError),
        ({"A": 1.0}, {}, ValueError),
        (pd.Series(dtype=float), {"A": 1.0}, ValueError),
        ({"A": -0.1, "B": 1.1}, {"A": 0.5, "B": 0.5}, ValueError),
        ({"A": 0.5, "B": 0.5}, {"A": -0.5, "B": 1.5}, ValueError),
        ({"A": float("nan"), "B": 1.0}, {"A": 0.5, "B": 0.5}, ValueError),
        ({"A": float("inf"), "B": 1.0}, {"A": 0.5, "B": 0.5}, ValueError),
        ({"A": 0, "B": 0}, {"A": 0.5, "B": 0.5}, ValueError),
        ({"A": 0.5, "B": 0.5}, {"A": 0.0, "B": 0.0}, ValueError),
        ({"A": "1", "B": 1}, {"A": 0.5, "B": 0.5}, ValueError),
        ([0.5, 0.5], {"A": 0.5, "B": 0.5}, TypeError),
        (np.array([0.5, 0.5]), {"A": 0.5, "B": 0.5}, TypeError),
    ],
)
def test_invalid_inputs_raise(shares, baseline, error):
    for func in DISPROPORTIONALITY:
        with pytest.raises(error):
            func(shares, baseline)


def test_duplicate_labels_raise():
    dup = pd.Series([0.5, 0.25, 0.25], index=["A", "B", "B"])
    with pytest.raises(ValueError, match="duplicate"):
        loosemore_hanby(dup, {"A": 0.5, "B": 0.5})
    with pytest.raises(ValueError, match="duplicate"):
        loosemore_hanby({"A": 0.5, "B": 0.5}, dup)
    with pytest.raises(ValueError, match="duplicate"):
        effective_number(dup)


def test_single_side_validation():
    for func in (effective_number, golosov):
        with pytest.raises(ValueError):
            func({})
        with pytest.raises(ValueError):
            func({"A": -1, "B": 2})
        with pytest.raises(ValueError):
            func({"A": 0, "B": 0})
        with pytest.raises(TypeError):
            func([0.5, 0.5])


def test_counts_equal_shares_after_normalisation():
    counts = {"A": 6, "B": 3, "C": 1}
    shares = {"A": 0.6, "B": 0.3, "C": 0.1}
    base_counts = {"A": 200, "B": 500, "C": 300}
    base_shares = {"A": 0.2, "B": 0.5, "C": 0.3}
    for func in DISPROPORTIONALITY:
        assert func(counts, base_counts) == pytest.approx(func(shares, base_shares), rel=1e-12)
    assert effective_number(counts) == pytest.approx(effective_number(shares), rel=1e-12)
    assert golosov(counts) == pytest.approx(golosov(shares), rel=1e-12)


def test_shares_summing_to_one_are_not_rescaled():
    # Within 1e-9 of 1: left as they are, so LH is exactly 0.5 * |d| sum.
    s = {"A": 0.6 + 4e-10, "B": 0.4}
    v = {"A": 0.6, "B": 0.4}
    assert loosemore_hanby(s, v) == pytest.approx(0.5 * 4e-10, rel=1e-3)
    # Further from 1: rescaled, so the cabinet is exactly proportional.
    assert loosemore_hanby({"A": 0.6 * 1.01, "B": 0.4 * 1.01}, v) == pytest.approx(0.0, abs=1e-15)


# ---------------------------------------------------------------------------
# Property tests
# ---------------------------------------------------------------------------


@st.composite
def share_vectors(draw):
    k = draw(st.integers(min_value=3, max_value=8))
    shares = draw(st.lists(st.floats(0.0, 1.0), min_size=k, max_size=k))
    if sum(shares) == 0:
        shares[0] = 1.0
    baseline = draw(st.lists(st.floats(1e-3, 1.0), min_size=k, max_size=k))
    order = draw(st.permutations(range(k)))
    labels = [f"g{i}" for i in range(k)]
    return (
        dict(zip(labels, shares)),
        dict(zip(labels, baseline)),
        [labels[i] for i in order],
    )


@settings(max_examples=150, deadline=None)
@given(share_vectors())
def test_properties(data):
    s, v, order = data
    k = len(s)
    lh = loosemore_hanby(s, v)
    g = gallagher(s, v)
    eps = 1e-12
    assert -eps <= g <= lh + eps
    assert lh <= 1 + eps
    assert rose(s, v) == pytest.approx(1 - lh, abs=eps)
    assert lijphart(s, v) <= lh + eps
    assert rae(s, v) * k == pytest.approx(2 * lh, abs=1e-12)
    n_eff = effective_number(s)
    assert 1 - eps <= n_eff <= k + 1e-9
    assert 1 - eps <= golosov(s) <= k + 1e-9
    # invariant to the order of the groups (on either side)
    s_perm = {lab: s[lab] for lab in order}
    v_perm = pd.Series({lab: v[lab] for lab in reversed(order)})
    for func in DISPROPORTIONALITY:
        assert func(s_perm, v_perm) == pytest.approx(func(s, v), rel=1e-12, abs=1e-15)
    assert effective_number(s_perm) == pytest.approx(n_eff, rel=1e-12)
    assert golosov(s_perm) == pytest.approx(golosov(s), rel=1e-12)


# ---------------------------------------------------------------------------
# Exact expectations
# ---------------------------------------------------------------------------


def _expected_lh_by_enumeration(n, p):
    """0.5 * sum_i sum_k |k/n - p_i| C(n,k) p_i^k (1-p_i)^(n-k), with math.comb."""
    total = 0.0
    for p_i in p:
        for k in range(n + 1):
            total += abs(k / n - p_i) * math.comb(n, k) * p_i**k * (1 - p_i) ** (n - k)
    return 0.5 * total


def _de_moivre_mad(n, p):
    """de Moivre's closed form of E|X - np| for X ~ Binomial(n, p), 0 < p < 1."""
    m = math.floor(n * p) + 1
    return 2 * m * math.comb(n, m) * p**m * (1 - p) ** (n - m + 1)


def test_expected_lh_one_seat_hand_formula():
    # n = 1: E|X_i - p_i| = p_i (1 - p_i) + (1 - p_i) p_i, so E[LH] = sum_i p_i (1 - p_i)
    p = {"A": 0.5, "B": 0.3, "C": 0.2}
    hand = 0.5 * 0.5 + 0.3 * 0.7 + 0.2 * 0.8  # = 0.25 + 0.21 + 0.16 = 0.62
    assert expected_loosemore_hanby(1, p) == pytest.approx(hand, rel=1e-12)
    assert hand == pytest.approx(0.62)


def test_expected_lh_33_seats_enumeration():
    p = {"A": 0.4, "B": 0.6}
    by_hand = _expected_lh_by_enumeration(33, [0.4, 0.6])
    assert expected_loosemore_hanby(33, p) == pytest.approx(by_hand, rel=1e-10)
    # two groups: |X_A/n - 0.4| == |X_B/n - 0.6|, so E[LH] = E|X_A - 13.2| / 33
    assert by_hand == pytest.approx(_de_moivre_mad(33, 0.4) / 33, rel=1e-12)
    assert expected_rose(33, p) == pytest.approx(1 - by_hand, rel=1e-10)
    assert expected_rae(33, p) == pytest.approx(by_hand, rel=1e-10)  # 2 * LH / 2


def test_expected_with_zero_baseline_group_and_counts():
    # A zero-probability group contributes nothing to LH but counts in Rae's mean.
    p = [0.1, 0.25, 0.65]
    by_hand = _expected_lh_by_enumeration(12, p)
    baseline = {"A": 10, "B": 25, "C": 65, "D": 0}  # counts: normalised
    assert expected_loosemore_hanby(12, baseline) == pytest.approx(by_hand, rel=1e-10)
    assert expected_rae(12, baseline) == pytest.approx(2 * by_hand / 4, rel=1e-10)
    de_moivre = 0.5 * sum(_de_moivre_mad(12, q) / 12 for q in p)
    assert by_hand == pytest.approx(de_moivre, rel=1e-12)


def test_expected_lh_against_monte_carlo():
    # Independent Monte Carlo written with numpy directly.
    p = np.array([0.42, 0.27, 0.09, 0.09, 0.13])
    baseline = dict(zip("ABCDE", p))
    n = 33
    rng = np.random.default_rng(20210907)
    draws = rng.multinomial(n, p, size=400_000)
    lh = 0.5 * np.abs(draws / n - p).sum(axis=1)
    se = lh.std(ddof=1) / math.sqrt(lh.size)
    exact = expected_loosemore_hanby(n, baseline)
    # fixed seed; 4 standard errors leaves room for other numpy versions
    assert abs(lh.mean() - exact) < 4 * se


def test_expected_validation():
    with pytest.raises(ValueError):
        expected_loosemore_hanby(0, {"A": 1.0})
    with pytest.raises(TypeError):
        expected_loosemore_hanby(3.5, {"A": 1.0})
    with pytest.raises(ValueError):
        expected_rae(3, {})


# ---------------------------------------------------------------------------
# Null distribution
# ---------------------------------------------------------------------------

NULL_BASELINE = {"Pashtun": 0.42, "Tajik": 0.27, "Hazara": 0.09, "Uzbek": 0.09, "Other": 0.13, "Empty": 0.0}


def test_null_vectorised_equals_loop(monkeypatch):
    # Small chunks so that several chunks are exercised.
    monkeypatch.setattr(null_distributions, "_CHUNK_SIZE", 700)
    fast = null_distribution(33, NULL_BASELINE, n_draws=2_000, seed=7)
    slow = null_distributions._null_distribution_loop(33, NULL_BASELINE, n_draws=2_000, seed=7)
    assert list(fast.columns) == INDEX_NAMES
    assert list(slow.columns) == INDEX_NAMES
    assert fast.shape == slow.shape == (2_000, 9)
    np.testing.assert_allclose(fast.to_numpy(), slow.to_numpy(), rtol=0, atol=1e-12)


def test_null_vectorised_equals_loop_few_seats():
    # n_seats = 1 (shares sum to 1 already) and a Series baseline of counts
    base = pd.Series({"A": 3, "B": 1, "C": 0, "D": 6})
    fast = null_distribution(1, base, n_draws=300, seed=3)
    slow = null_distributions._null_distribution_loop(1, base, n_draws=300, seed=3)
    np.testing.assert_allclose(fast.to_numpy(), slow.to_numpy(), rtol=0, atol=1e-12)


def test_null_reproducible_and_seed_dependent():
    a = null_distribution(33, NULL_BASELINE, n_draws=500, seed=11)
    b = null_distribution(33, NULL_BASELINE, n_draws=500, seed=11)
    c = null_distribution(33, NULL_BASELINE, n_draws=500, seed=12)
    pd.testing.assert_frame_equal(a, b)
    assert not a.equals(c)


def test_null_statistics_subset_and_shape():
    null = null_distribution(
        10, NULL_BASELINE, statistics=["gallagher", "loosemore_hanby"], n_draws=50, seed=0
    )
    assert list(null.columns) == ["gallagher", "loosemore_hanby"]
    assert null.shape == (50, 2)
    assert null.index.equals(pd.RangeIndex(50))
    assert np.isfinite(null.to_numpy()).all()
    with pytest.raises(ValueError, match="unknown"):
        null_distribution(10, NULL_BASELINE, statistics=["gini"], n_draws=10)
    with pytest.raises(ValueError):
        null_distribution(0, NULL_BASELINE, n_draws=10)
    with pytest.raises(ValueError):
        null_distribution(10, NULL_BASELINE, n_draws=0)


def test_null_distribution_matches_hand_values_for_one_seat():
    # One post: the cabinet is "all to group i" with probability p_i, and then
    # LH = 1 - p_i. With p = (0.25, 0.75) the values are 0.75 and 0.25.
    null = null_distribution(1, {"A": 0.25, "B": 0.75}, statistics="loosemore_hanby", n_draws=4_000, seed=5)
    values = set(np.round(null["loosemore_hanby"], 12))
    assert values <= {0.75, 0.25}
    assert (null["loosemore_hanby"] == 0.75).mean() == pytest.approx(0.25, abs=0.03)


# ---------------------------------------------------------------------------
# Summary table
# ---------------------------------------------------------------------------

COLUMNS = [
    "index",
    "observed",
    "expected",
    "expected_method",
    "p95",
    "observed_minus_expected",
    "p_value",
    "p_se",
    "p_method",
    "tail",
    "baseline_value",
    "n_seats",
    "n_draws",
    "seed",
    "reference",
]


def test_disproportionality_table():
    counts = {"Pashtun": 30, "Tajik": 2, "Uzbek": 1, "Hazara": 0, "Other": 0}
    baseline = pd.Series({"Pashtun": 0.42, "Tajik": 0.27, "Hazara": 0.09, "Uzbek": 0.09, "Other": 0.13})
    table = disproportionality_table(counts, baseline, n_draws=3_000, seed=4, exact=False)
    # repeatable by default: the draws of seed 0
    default = disproportionality_table(counts, baseline, n_draws=500, exact=False)
    pd.testing.assert_frame_equal(default, disproportionality_table(counts, baseline, n_draws=500, seed=0, exact=False))
    assert not default.equals(disproportionality_table(counts, baseline, n_draws=500, seed=1, exact=False))
    assert list(table.columns) == COLUMNS
    assert list(table["index"]) == INDEX_NAMES
    assert len(table) == 9
    row = table.set_index("index")

    for name, func in [
        ("loosemore_hanby", loosemore_hanby),
        ("rose", rose),
        ("gallagher", gallagher),
        ("rae", rae),
        ("sainte_lague", sainte_lague),
        ("dhondt", dhondt),
        ("lijphart", lijphart),
    ]:
        assert row.loc[name, "observed"] == pytest.approx(func(counts, baseline), rel=1e-15)
        assert math.isnan(row.loc[name, "baseline_value"])
    for name, func in [("effective_number", effective_number), ("golosov", golosov)]:
        assert row.loc[name, "observed"] == pytest.approx(func(counts), rel=1e-15)
        assert row.loc[name, "baseline_value"] == pytest.approx(func(baseline), rel=1e-15)

    # observed LH by hand: shares 30/33, 2/33, 1/33, 0, 0 vs 0.42, 0.27, 0.09, 0.09, 0.13
    # over-represented group: 30/33 - 0.42 = 0.489090...
    assert row.loc["loosemore_hanby", "observed"] == pytest.approx(30 / 33 - 0.42, rel=1e-12)

    assert row.loc["loosemore_hanby", "expected"] == pytest.approx(
        expected_loosemore_hanby(33, baseline), rel=1e-15
    )
    assert row.loc["rose", "expected"] == pytest.approx(expected_rose(33, baseline), rel=1e-15)
    assert row.loc["rae", "expected"] == pytest.approx(expected_rae(33, baseline), rel=1e-15)
    exact = {"loosemore_hanby", "rose", "rae"}
    for name in INDEX_NAMES:
        assert row.loc[name, "expected_method"] == ("exact" if name in exact else "monte_carlo")
        assert row.loc[name, "tail"] == (
            "lower" if name in {"rose", "effective_number", "golosov"} else "upper"
        )
        assert row.loc[name, "observed_minus_expected"] == pytest.approx(
            row.loc[name, "observed"] - row.loc[name, "expected"]
        )
        assert 0.0 <= row.loc[name, "p_value"] <= 1.0
        assert isinstance(row.loc[name, "reference"], str) and row.loc[name, "reference"]
    assert (table["n_seats"] == 33).all()
    assert (table["n_draws"] == 3_000).all()
    assert (table["seed"] == 4).all()

    # Monte Carlo columns agree with the null distribution for the same seed.
    null = null_distribution(33, baseline, n_draws=3_000, seed=4)
    assert row.loc["gallagher", "expected"] == pytest.approx(null["gallagher"].mean(), rel=1e-12)
    assert row.loc["gallagher", "p95"] == pytest.approx(np.quantile(null["gallagher"], 0.95), rel=1e-12)
    # such a lopsided cabinet is essentially never drawn at random: the p-value is the floor (0 + 1) / (n + 1),
    # never 0 (the observed cabinet counts as one of the draws)
    assert row.loc["loosemore_hanby", "p_value"] == 1 / 3_001
    assert row.loc["rose", "p_value"] == 1 / 3_001
    # ... with its Monte Carlo standard error sqrt(p (1 - p) / n)
    assert row.loc["loosemore_hanby", "p_se"] == pytest.approx(math.sqrt((1 / 3_001) * (3_000 / 3_001) / 3_000))
    assert (table["p_method"] == "monte_carlo").all()


def test_table_p_values_count_ties():
    # A perfectly proportional cabinet: every random cabinet is at least as
    # disproportional, so the upper-tail p-values are 1 (ties included).
    counts = {"A": 5, "B": 5}
    baseline = {"A": 0.5, "B": 0.5}
    table = disproportionality_table(counts, baseline, n_draws=1_000, seed=0).set_index("index")
    for name in ["loosemore_hanby", "gallagher", "rae", "lijphart", "sainte_lague", "dhondt"]:
        assert table.loc[name, "observed"] == pytest.approx(1.0 if name == "dhondt" else 0.0, abs=1e-15)
        assert table.loc[name, "p_value"] == 1.0
    # ... and Rose's lower tail (<= 1) and the effective numbers (<= 2) are 1 too
    for name in ["rose", "effective_number", "golosov"]:
        assert table.loc[name, "p_value"] == 1.0
    # p-value by hand from the binomial: P(|X - 5| >= 1) = 1 - C(10,5)/2^10
    counts = {"A": 6, "B": 4}
    table = disproportionality_table(counts, baseline, n_draws=20_000, seed=1, exact=False).set_index("index")
    assert table.loc["loosemore_hanby", "p_value"] == pytest.approx(1 - math.comb(10, 5) / 2**10, abs=0.015)
    # the Monte Carlo p lies within four standard errors of the exact one
    exact = 1 - math.comb(10, 5) / 2**10
    assert abs(table.loc["loosemore_hanby", "p_value"] - exact) < 4 * table.loc["loosemore_hanby", "p_se"]
    # enumerated (11 possible cabinets), it is the binomial value exactly
    table = disproportionality_table(counts, baseline, n_draws=20_000, seed=1).set_index("index")
    assert table.loc["loosemore_hanby", "p_method"] == "exact"
    assert table.loc["loosemore_hanby", "p_value"] == pytest.approx(exact, rel=1e-12)
    assert table.loc["loosemore_hanby", "p_se"] == 0.0


def test_exact_null_distribution_against_scipy_and_the_closed_forms():
    from scipy import stats

    from cabinet.null_distributions import exact_null_distribution, n_outcomes

    baseline = {"A": 0.5, "B": 0.3, "C": 0.2}
    t = exact_null_distribution(7, baseline)
    assert len(t) == n_outcomes(7, 3) == math.comb(9, 2) == 36
    assert t["probability"].sum() == pytest.approx(1.0, rel=1e-12)
    assert ((t[["A", "B", "C"]].sum(axis=1)) == 7).all()
    row = t[(t["A"] == 3) & (t["B"] == 2)].iloc[0]  # 7! / (3! 2! 2!) 0.5^3 0.3^2 0.2^2 by hand
    assert row["probability"] == pytest.approx(210 * 0.5**3 * 0.3**2 * 0.2**2, rel=1e-12)
    # the enumerated expectation equals de Moivre's closed form (and the exact Rae, Rose)
    lh = float((t["loosemore_hanby"] * t["probability"]).sum())
    assert lh == pytest.approx(expected_loosemore_hanby(7, baseline), rel=1e-12)
    assert float((t["rae"] * t["probability"]).sum()) == pytest.approx(expected_rae(7, baseline), rel=1e-12)
    # the marginal of A is binomial(7, 0.5)
    marginal = t.groupby("A")["probability"].sum()
    assert marginal.to_numpy() == pytest.approx(stats.binom.pmf(range(8), 7, 0.5), rel=1e-12)
    # a group with a zero share never gets a post; too many cabinets is refused with a sentence
    z = exact_null_distribution(3, {"A": 0.5, "B": 0.5, "C": 0.0})
    assert len(z) == 4 and (z["C"] == 0).all()
    with pytest.raises(ValueError, match="possible cabinets"):
        exact_null_distribution(40, {g: 0.1 for g in "ABCDEFGHIJ"})


def test_monte_carlo_p_and_its_standard_error_by_hand():
    from cabinet.null_distributions import monte_carlo_p

    draws = [0.1, 0.2, 0.2, 0.5, 0.9]
    p, se = monte_carlo_p(draws, 0.2)  # 4 of 5 draws >= 0.2 (the tie counts): (4 + 1) / 6
    assert float(p) == pytest.approx(5 / 6) and float(se) == pytest.approx(math.sqrt(5 / 6 * 1 / 6 / 5))
    p, _ = monte_carlo_p(draws, 0.2, tail="lower")  # 3 of 5 <= 0.2: 4 / 6
    assert float(p) == pytest.approx(4 / 6)
    p, _ = monte_carlo_p(draws, [0.95, 0.0])
    assert list(p) == pytest.approx([1 / 6, 1.0])
    with pytest.raises(ValueError, match="tail"):
        monte_carlo_p(draws, 0.2, tail="both")


def test_table_validation():
    baseline = {"A": 0.5, "B": 0.5}
    with pytest.raises(ValueError, match="C"):
        disproportionality_table({"A": 3, "C": 1}, baseline, n_draws=10)
    with pytest.raises(ValueError, match="whole"):
        disproportionality_table({"A": 2.5, "B": 1}, baseline, n_draws=10)
    with pytest.raises(ValueError):
        disproportionality_table({"A": 0, "B": 0}, baseline, n_draws=10)
    with pytest.raises(ValueError):
        disproportionality_table({"A": -1, "B": 3}, baseline, n_draws=10)


def test_table_seat_for_zero_baseline_group():
    counts = {"A": 3, "B": 1, "C": 1}
    baseline = {"A": 0.5, "B": 0.5, "C": 0.0}
    table = disproportionality_table(counts, baseline, n_draws=500, seed=2, exact=False).set_index("index")
    assert table.loc["sainte_lague", "observed"] == math.inf
    assert table.loc["dhondt", "observed"] == math.inf
    assert table.loc["sainte_lague", "p_value"] == 1 / 501  # no draw as extreme: the floor, never 0
    assert np.isfinite(table.loc["sainte_lague", "expected"])
    # enumerated, no possible cabinet gives a post to C: the exact probability is 0
    exact = disproportionality_table(counts, baseline, n_draws=500, seed=2).set_index("index")
    assert exact.loc["sainte_lague", "p_method"] == "exact" and exact.loc["sainte_lague", "p_value"] == 0.0


# ---------------------------------------------------------------------------
# Fast paths (benchmarks/README.md)
# ---------------------------------------------------------------------------


def test_table_and_its_null_come_from_one_simulation():
    counts = {"A": 30, "B": 2, "C": 1, "D": 0}
    baseline = {"A": 0.40, "B": 0.30, "C": 0.10, "D": 0.20}
    table, null = null_distributions._disproportionality_table(counts, baseline, n_draws=3_000, seed=4)
    pd.testing.assert_frame_equal(table, disproportionality_table(counts, baseline, n_draws=3_000, seed=4))
    assert (table["p_method"] == "exact").all()  # 7,140 possible cabinets: enumerated
    pd.testing.assert_frame_equal(null, null_distribution(33, baseline, n_draws=3_000, seed=4))
    # one index alone is the same column as in the full simulation (the chart draws it)
    single = null_distribution(33, baseline, statistics=["gallagher"], n_draws=3_000, seed=4)
    assert np.array_equal(single["gallagher"].to_numpy(), null["gallagher"].to_numpy())


def test_shared_docstring_blocks_are_rendered_whole():
    """Every public function documents each of its parameters, with no placeholder left (issue 14)."""
    import inspect

    from cabinet import _docstrings, indices, null_distributions

    functions = [getattr(module, name) for module in (indices, null_distributions) for name in module.__all__]
    for func in functions:
        doc = func.__doc__
        assert "{params." not in doc, func.__name__
        for param in inspect.signature(func).parameters:
            assert re.search(rf"^    {param}\b[\w, ]* : ", doc, re.M), (func.__name__, param)
    assert "    shares : dict or pandas.Series\n        Cabinet shares or seat counts per group" in indices.gallagher.__doc__
    with pytest.raises(KeyError, match="no shared docstring block named 'nope'"):
        _docstrings.fill_doc(type("F", (), {"__doc__": "x\n    {params.nope}\n", "__qualname__": "F"}))


# ---------------------------------------------------------------------------
# The indices over the range the unknown tags allow (issue 24, item 7)
# ---------------------------------------------------------------------------


def _brute_range(candidates, v, k):
    """Every way each appointee can hold his post, one by one (itertools.product), and the nine indices on each."""
    import itertools

    full = [c if c else tuple(range(k)) for c in candidates]
    vectors = {tuple(np.bincount(choice, minlength=k)) for choice in itertools.product(*full)}
    out = {}
    for name in INDEX_NAMES:
        func, two_sided = null_distributions._INDICES[name][:2]
        values = []
        for vec in vectors:
            cabinet = {g: c for g, c in zip("ABCDEFG", vec)}
            base = {g: x for g, x in zip("ABCDEFG", v)}
            values.append(func(cabinet, base) if two_sided else func(cabinet))
        out[name] = (min(values), max(values), len(vectors))
    return out


@pytest.mark.parametrize("seed", [11, 12])
def test_index_range_against_every_assignment(seed):
    """Enumeration and the search path (vertices, greedy, local search) both find the brute-force range."""
    from cabinet.index_ranges import index_range

    rng = np.random.default_rng(seed)
    for _ in range(25):
        k = int(rng.integers(2, 5))
        v = rng.dirichlet(np.ones(k))
        n = int(rng.integers(3, 8))
        candidates = []
        for _ in range(n):
            r = rng.random()
            if r < 0.4:
                candidates.append(())
            elif r < 0.6:
                candidates.append(tuple(sorted(rng.choice(k, size=2, replace=False).tolist())))
            else:
                candidates.append((int(rng.integers(k)),))
        want = _brute_range(candidates, v, k)
        enumerated = index_range(candidates, v)
        searched = index_range(candidates, v, limit=0)  # forces the path used for long rosters
        for name in INDEX_NAMES:
            lo, hi, count = want[name]
            assert enumerated[name][:2] == pytest.approx((lo, hi), rel=1e-9), name
            assert enumerated[name][2:] == ("enumeration", count)
            assert searched[name][:2] == pytest.approx((lo, hi), rel=1e-9), name
            assert searched[name][2] == ("search" if name == "golosov" else "vertices and greedy")


def test_index_range_enumerates_whenever_the_cabinets_fit_the_limit():
    """The count of ways that decides between listing and searching is the number of ways to settle each class."""
    import itertools

    from cabinet.index_ranges import index_range

    # appointee j may hold any of 8 groups but group j: 7 ** 4 = 2401 ways, of which 326 distinct cabinets
    # (counted here by listing every way); within limit=400, so the range is enumerated, not searched
    candidates = [tuple(g for g in range(8) if g != j) for j in range(4)]
    v = np.full(8, 1 / 8)
    cabinets = {tuple(np.bincount(way, minlength=8)) for way in itertools.product(*candidates)}
    lh = [0.5 * sum(abs(c / 4 - 1 / 8) for c in cab) for cab in cabinets]
    got = index_range(candidates, v, names=["loosemore_hanby"], limit=400)["loosemore_hanby"]
    assert got[2:] == ("enumeration", len(cabinets)) and len(cabinets) == 326
    assert got[:2] == pytest.approx((min(lh), max(lh)))


def test_index_range_samples_the_disputes_when_they_can_be_settled_in_more_than_5000_ways():
    import itertools

    from cabinet.index_ranges import index_range

    # 13 appointees, each disputed between a different pair of 6 groups: 2 ** 13 = 8192 ways to settle them,
    # more than the 5000 listed in full, so the search samples them and says so ('search', not exact)
    pairs = list(itertools.combinations(range(6), 2))[:13]
    v = np.full(6, 1 / 6)
    lh = [0.5 * sum(abs(c / 13 - 1 / 6) for c in np.bincount(way, minlength=6)) for way in itertools.product(*pairs)]
    lo, hi, method, n = index_range(pairs, v, names=["loosemore_hanby"], limit=0)["loosemore_hanby"]
    assert (method, n) == ("search", None)
    assert min(lh) - 1e-12 <= lo <= hi <= max(lh) + 1e-12  # every value found is one a settlement gives


def _roster(regions):
    return pd.DataFrame({"name": [f"p{i}" for i in range(len(regions))], "camp": regions})


def test_disproportionality_range_and_exact_p_by_hand():
    from cabinet import disproportionality

    # A, A, B and one unknown against A 0.5, B 0.5: the unknown in A gives (3, 1), LH 0.25; in B (2, 2), LH 0
    t = disproportionality(_roster(["A", "A", "B", "unknown"]), by="camp", baseline={"A": 0.5, "B": 0.5},
                           n_draws=1_000).set_index("index")
    lh = t.loc["loosemore_hanby"]
    assert (lh["observed_min"], lh["observed_max"]) == pytest.approx((0.0, 0.25))
    assert lh["range_method"] == "enumeration" and lh["n_resolutions"] == 2
    # 4 posts at random, X ~ Binomial(4, 1/2): LH >= 0.25 unless X = 2, so 1 - C(4, 2) / 16 = 10/16; LH >= 0: 1
    assert lh["p_method"] == "exact" and lh["p_min"] == pytest.approx(10 / 16) and lh["p_max"] == 1.0
    assert lh["p_min_se"] == 0.0
    # complete cases: A, A, B (3 posts): LH = |2/3 - 1/2| = 1/6, and every cabinet of 3 is at least that far
    assert lh["observed_complete"] == pytest.approx(1 / 6) and lh["p_complete"] == pytest.approx(1.0)
    assert (lh["n_seats"], lh["n_known"], lh["n_unknown"], lh["n_several"]) == (4, 3, 1, 0)
    # the expectation under random appointment is the closed form of de Moivre (Diaconis & Zabell 1991)
    assert lh["expected"] == pytest.approx(expected_loosemore_hanby(4, {"A": 0.5, "B": 0.5}))
    # rose mirrors it, on the lower tail
    rose_row = t.loc["rose"]
    assert (rose_row["observed_min"], rose_row["observed_max"]) == pytest.approx((0.75, 1.0))
    assert rose_row["p_min"] == pytest.approx(10 / 16)


def test_disproportionality_dispute_stays_within_its_groups():
    from cabinet import disproportionality

    # the disputed appointee is A or B, never C: cabinets (3, 1, 1) or (2, 2, 1)
    t = disproportionality(_roster(["A", "A", "B", "C", "A|B"]), by="camp", baseline={"A": 0.4, "B": 0.4, "C": 0.2},
                           n_draws=500).set_index("index")
    lh = t.loc["loosemore_hanby"]
    want = sorted([0.5 * (abs(3 / 5 - 0.4) + abs(1 / 5 - 0.4) + 0), 0.5 * (abs(2 / 5 - 0.4) * 2 + 0)])
    assert (lh["observed_min"], lh["observed_max"]) == pytest.approx(tuple(want))
    assert (lh["n_known"], lh["n_several"], lh["n_unknown"]) == (4, 1, 0)


def test_a_table_with_a_disputed_appointee_is_read_back_by_name():
    from cabinet import representation
    from cabinet.disproportionality import candidates_from_table

    # p0, p1 in A, p2 in B, p3 in C; p4 disputed, A or B (the table's disputed row names him)
    t = representation(_roster(["A", "A", "B", "C", "A|B"]), by="camp", baseline={"A": 0.4, "B": 0.4, "C": 0.2})
    candidates, groups, shares, how = candidates_from_table(t)
    assert (candidates, groups, how) == ([(0, 1), (0,), (0,), (1,), (2,)], ["A", "B", "C"], "exact")
    assert shares.tolist() == [0.4, 0.4, 0.2]
    # without the member lists the disputed one may hold a seat in every group whose largest count exceeds its
    # known count (A: 2 to 3, B: 1 to 2, not C: 1 to 1), a bound
    candidates, _, _, how = candidates_from_table(t.drop(columns=["members", "possible_members"]))
    assert (candidates, how) == ([(0, 1), (0,), (0,), (1,), (2,)], "bound")


def test_disproportionality_refuses_fractional_weights_naming_five():
    from cabinet import disproportionality

    roster = pd.DataFrame({"name": list("abcdef"), "province": ["Kabul"] * 6, "w": [0.6, 0.5, 0.4, 0.3, 0.2, 0.1]})
    with pytest.raises(ValueError, match=re.escape("weights='w' gives [0.1, 0.2, 0.3, 0.4, 0.5]")):
        disproportionality(roster, by="region", weights="w")


def test_disproportionality_monte_carlo_errors_and_the_bundled_roster():
    from cabinet import disproportionality

    t = disproportionality(by="region", n_draws=4_000, seed=2, exact=False).set_index("index")
    # every appointee holds a post: the 33 partitioned into known, unknown and disputed
    assert (t["n_seats"] == 33).all() and (t["n_known"] + t["n_unknown"] + t["n_several"] == 33).all()
    for name, r in t.iterrows():
        assert r["p_method"] == "monte_carlo"
        for end in ("p_min", "p_max"):
            p = r[end]
            assert p >= 1 / 4_001  # (k + 1) / (n + 1): never 0
            assert r[f"{end}_se"] == pytest.approx(math.sqrt(p * (1 - p) / 4_000))
            k = round(p * 4_001) - 1
            assert p == pytest.approx((k + 1) / 4_001)
        assert r["p_min"] <= r["p_max"]
        assert r["observed_min"] <= r["observed_max"]
    # the ends' p-values are the Monte Carlo p of null_distribution at the ends of the range
    null = null_distribution(33, pd.Series(t.attrs["baselines"]["nsia_1398"]), n_draws=4_000, seed=2)["loosemore_hanby"]
    hi = t.at["loosemore_hanby", "observed_max"]
    assert t.at["loosemore_hanby", "p_min"] == pytest.approx(((null >= hi - 1e-9 * max(1, hi)).sum() + 1) / 4_001)
    with pytest.raises(ValueError, match="every weight must be 0 or 1"):
        frame = _roster(["A", "B"]).assign(w=[2.0, 1.0])
        disproportionality(frame, by="camp", baseline={"A": 0.5, "B": 0.5}, weights="w", n_draws=10)
