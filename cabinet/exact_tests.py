"""Exact probabilities of a group's count, and their multiplicity adjustment.

Under appointment in proportion to a baseline a group's count is binomial (an
infinite population), hypergeometric (a finite pool) or, under whole-number
weights, the distribution of a weighted sum of binomials, computed exactly by
convolution of scipy's binomial masses. Each probability is taken at both ends
of the range the unknown tags allow; the multiplicity adjustments (Holm by
default) come from statsmodels, confidence intervals from Clopper-Pearson.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

import numpy as np
import pandas as pd


#: Multiplicity adjustments (``statsmodels.stats.multitest.multipletests`` methods), or None. Holm (1979)
#: and Bonferroni hold under any dependence between the tests; so does Benjamini-Yekutieli (``fdr_by``, 2001)
#: for the false discovery rate.
ADJUSTMENTS = ("holm", "bonferroni", "fdr_by", None)

#: Adjustments refused, and why.
REFUSED_ADJUSTMENTS = {
    "fdr_bh": "Benjamini-Hochberg controls the false discovery rate only for independent or positively dependent "
              "tests (PRDS), and the counts of the groups of one roster are multinomial: negatively dependent, "
              "one more appointee in a group is one fewer elsewhere. Use 'fdr_by' (Benjamini-Yekutieli, valid "
              "under any dependence) or 'holm'",
}


def check_adjust(adjust) -> None:
    """Refuse an adjustment the package does not offer, saying why (Benjamini-Hochberg) and what is allowed."""
    if adjust in ADJUSTMENTS:
        return
    if adjust in REFUSED_ADJUSTMENTS:
        raise ValueError(f"adjust={adjust!r} is not offered: {REFUSED_ADJUSTMENTS[adjust]}")
    raise ValueError(f"unknown adjustment {adjust!r}; allowed: holm, bonferroni, fdr_by, or None")


def _check_pool(pool, n_total) -> pd.Series:
    if not isinstance(pool, (Mapping, pd.Series)):
        raise ValueError("pool must be a mapping or Series of group -> number of candidates")
    s = pd.Series(pool, dtype="float64")
    if s.empty or (s < 0).any() or not np.isfinite(s).all() or not np.equal(np.mod(s, 1), 0).all():
        raise ValueError(f"pool sizes must be whole numbers >= 0; got {s.to_dict()}")
    if s.sum() < n_total:
        raise ValueError(f"the pool ({int(s.sum())}) is smaller than the number of posts ({n_total:g})")
    return s


_P_COLUMNS = ("p_le_count", "p_le_count_max", "p_ge_count", "p_ge_count_max", "p_two_sided_min",
              "p_two_sided_max", "p_le_known", "p_ge_known", "p_le_floor", "test")

#: The level at which ``can_reject`` says whether a count this low could be significant at all.
ALPHA = 0.05

#: Shares tried across a baseline's range for the range of the two-sided probability (besides its ends and
#: the share of each possible count).
_GRID = 41


#: The probabilities adjusted for multiplicity: ``<column>_adj``.
_ADJ_COLUMNS = ("p_le_count", "p_le_count_max", "p_ge_count", "p_ge_count_max", "p_two_sided_min", "p_two_sided_max")


def _ends(baseline_share, low, high):
    """The low and high ends of each baseline share: its range where one is given, the share itself otherwise."""
    share = np.clip(np.asarray(baseline_share, dtype=float), 0, 1)
    lo = np.asarray(low, dtype=float) if low is not None else share
    hi = np.asarray(high, dtype=float) if high is not None else share
    lo = np.clip(np.where(np.isnan(lo), share, np.minimum(lo, share)), 0, 1)
    hi = np.clip(np.where(np.isnan(hi), share, np.maximum(hi, share)), 0, 1)
    return share, lo, hi


def _probabilities(count, count_max, complete, baseline_share, tested, group, ctx, low=None, high=None) -> dict:
    """The probability columns of one block (NaN and "" where not defined).

    Every probability is taken over both ranges at once: the roster's (``count`` to ``count_max``) and the
    baseline's (``low`` to ``high``, where the baseline gives a range, e.g. the cadre pool with its own
    unknowns). ``P(X <= k)`` falls as the share rises and rises with ``k``, so its smallest value is at the
    known count and the high share, its largest at the largest count and the low share; ``P(X >= k)`` the
    other way round. The complete-case probabilities take the end of the baseline's range least favourable to
    a finding (the low share for a count this low, the high share for a count this high). ``p_le_floor`` is
    the smallest probability a count this low can have at all: a count of 0, at the high share.
    """
    out = {c: np.full(len(count), np.nan) for c in _P_COLUMNS if c != "test"}
    out["test"] = [""] * len(count)
    if not ctx.integer or not tested.any():
        return out
    n = int(ctx.n_total)
    n_known = int(ctx.n_known)
    share, lo_share, hi_share = _ends(baseline_share, low, high)
    if ctx.unit and ctx.pool_counts is None:
        return _binomial_block(out, count, count_max, complete, (share, lo_share, hi_share), tested, n, n_known)
    for i in np.flatnonzero(tested):
        k, kmax = int(round(count[i])), int(round(count_max[i]))
        ends = {}
        for end, p in (("low", float(lo_share[i])), ("high", float(hi_share[i]))):
            if ctx.pool_counts is not None:
                size = int(ctx.pool_counts.sum())
                good = int(ctx.pool_counts.get(group[i], 0)) if group[i] in ctx.pool_counts.index else \
                    int(round(p * size))
                ends[end] = (_hypergeom(size, good, n), _hypergeom(size, good, n_known) if n_known else None,
                             "hypergeometric")
            else:  # whole-number weights (whole persons without a pool take _binomial_block above)
                ends[end] = (_WeightedCount(ctx.unit_weights, p), None, "weighted (exact)")
        (d_lo, known_lo, name), (d_hi, known_hi, _) = ends["low"], ends["high"]
        out["p_le_count"][i] = d_hi.cdf(k)
        out["p_le_count_max"][i] = d_lo.cdf(kmax)
        out["p_ge_count"][i] = d_hi.sf(k)
        out["p_ge_count_max"][i] = d_lo.sf(kmax)
        out["p_le_floor"][i] = d_hi.cdf(0)
        ranges = [d.two_sided_range(k, kmax) for d in ((d_lo,) if d_lo is d_hi else (d_lo, d_hi))]
        out["p_two_sided_min"][i] = min(r[0] for r in ranges)
        out["p_two_sided_max"][i] = max(r[1] for r in ranges)
        if known_lo is not None and known_hi is not None:
            kc = int(round(complete[i]))
            out["p_le_known"][i] = known_lo.cdf(kc)
            out["p_ge_known"][i] = known_hi.sf(kc)
        out["test"][i] = name
    return out


def _binomial_block(out, count, count_max, complete, shares, tested, n, n_known) -> dict:
    """The probability columns of a block of whole persons: ``scipy.stats.binom`` on every group at once."""
    from scipy import stats

    idx = np.flatnonzero(tested)
    k, kmax, kc = (np.round(a[idx]) for a in (count, count_max, complete))
    _, lo, hi = (np.clip(a[idx], 0, 1) for a in shares)
    out["p_le_count"][idx] = stats.binom.cdf(k, n, hi)
    out["p_le_count_max"][idx] = stats.binom.cdf(kmax, n, lo)
    out["p_ge_count"][idx] = stats.binom.sf(k - 1, n, hi)
    out["p_ge_count_max"][idx] = stats.binom.sf(kmax - 1, n, lo)
    out["p_le_floor"][idx] = stats.binom.pmf(0, n, hi)
    if n_known:
        out["p_le_known"][idx] = stats.binom.cdf(kc, n_known, lo)
        out["p_ge_known"][idx] = stats.binom.sf(kc - 1, n_known, hi)
    for j, i in enumerate(idx):
        out["p_two_sided_min"][i], out["p_two_sided_max"][i] = _two_sided_over(n, float(lo[j]), float(hi[j]),
                                                                                int(k[j]), int(kmax[j]))
        out["test"][i] = "binomial"
    return out


def _two_sided_over(n: int, lo: float, hi: float, k: int, kmax: int) -> tuple[float, float]:
    """Range of the exact two-sided binomial probability over counts ``k..kmax`` and shares ``lo..hi``.

    A point share: the exact range over the counts (:meth:`_Binomial.two_sided_range`). A range of shares:
    the extremes over its two ends, a grid of :data:`_GRID` shares between them and the share ``j / n`` of
    every possible count ``j`` within it (where the probability of ``j`` is largest).
    """
    if lo == hi:
        return _Binomial(n, lo).two_sided_range(k, kmax)
    grid = set(np.linspace(lo, hi, _GRID).tolist()) | {lo, hi} | {j / n for j in range(k, kmax + 1) if lo <= j / n <= hi}
    values = [_Binomial(n, float(p)).two_sided_range(k, kmax) for p in sorted(grid)]
    return min(v[0] for v in values), max(v[1] for v in values)


@functools.lru_cache(maxsize=4096)
def _binomtest(k: int, n: int, p: float) -> float:
    """Two-sided exact binomial p-value, ``scipy.stats.binomtest`` (cached: blocks share counts and shares)."""
    from scipy import stats

    return float(stats.binomtest(k, n, p).pvalue)


def _multipletests(values, method) -> np.ndarray:
    """Adjusted p-values, ``statsmodels.stats.multitest.multipletests``."""
    import gc

    from statsmodels.stats.multitest import multipletests

    # statsmodels' Holm step calls gc.collect(), whose cost grows with every object alive (a roster of
    # millions of strings): freeze them out of the collector for the call.
    gc.freeze()
    try:
        return np.asarray(multipletests(np.asarray(values, dtype=float), method=method)[1], dtype=float)
    finally:
        gc.unfreeze()


def _adjust(p: dict, tested, method) -> dict:
    """Multiplicity-adjusted probabilities over the family of the groups ``tested``.

    One-sided: both tails of every group tested form one family of ``2 m`` hypotheses (a reader who looks for
    under- and over-representation has made both tests). Two-sided: the ``m`` two-sided probabilities. Each
    probability is a range (``p_le_count`` to ``p_le_count_max``, ...); the lower ends are adjusted together
    and the upper ends together. The adjusted probabilities of Holm, Bonferroni and Benjamini-Yekutieli never
    fall when an input rises, so the adjusted value of every resolution of the unknowns lies between them.
    """
    out = {f"{c}_adj": np.full(len(tested), np.nan) for c in _ADJ_COLUMNS}
    if method is None:
        return out
    ok = np.asarray(tested, dtype=bool) & ~np.isnan(np.asarray(p["p_le_count"], dtype=float))
    m = int(ok.sum())
    if m == 0:
        return out
    col = {c: np.asarray(p[c], dtype=float)[ok] for c in _ADJ_COLUMNS}
    low = _multipletests(np.concatenate([col["p_le_count"], col["p_ge_count_max"]]), method)
    high = _multipletests(np.concatenate([col["p_le_count_max"], col["p_ge_count"]]), method)
    out["p_le_count_adj"][ok], out["p_ge_count_max_adj"][ok] = low[:m], low[m:]
    out["p_le_count_max_adj"][ok], out["p_ge_count_adj"][ok] = high[:m], high[m:]
    out["p_two_sided_min_adj"][ok] = _multipletests(col["p_two_sided_min"], method)
    out["p_two_sided_max_adj"][ok] = _multipletests(col["p_two_sided_max"], method)
    return out


def adjust_family(table: pd.DataFrame, family) -> pd.DataFrame:
    """The table with its ``*_adj`` columns adjusted over the rows in ``family`` alone, per baseline block.

    For tables whose other rows are no separate tests: the ``outside`` row of a named gap is the complement
    of its target, the same test read the other way, and is no member of the family (its ``*_adj`` columns
    are NaN). The method is the table's ``adjust`` column.
    """
    out = table.copy()
    family = np.asarray(family, dtype=bool)
    blocks = out["baseline"].fillna("").astype(str) if "baseline" in out.columns else pd.Series("", index=out.index)
    for c in _ADJ_COLUMNS:
        out[f"{c}_adj"] = np.nan
    for _, idx in blocks.groupby(blocks, sort=False).groups.items():
        pos = out.index.get_indexer(idx)
        method = next((str(x) for x in out["adjust"].iloc[pos] if str(x).strip()), "") or None
        if method is None:
            continue
        p = {c: out[c].to_numpy(dtype=float)[pos] for c in _ADJ_COLUMNS}
        adjusted = _adjust(p, family[pos], method)
        for c, values in adjusted.items():
            column = out[c].to_numpy(dtype=float, copy=True)
            column[pos] = values
            out[c] = column
    return out


class _Binomial:
    """The exact two-sided binomial test from ``scipy.stats`` (the tails are ``scipy.stats.binom``, in
    :func:`_binomial_block`)."""

    def __init__(self, n, p):
        self.n, self.p = n, p

    def two_sided(self, k):
        return _binomtest(int(k), int(self.n), float(self.p))

    def two_sided_range(self, lo, hi):
        # The two-sided (minimum-likelihood) p-value grows with the probability of the count, and the
        # binomial probabilities rise to the mode and fall after it: over [lo, hi] the smallest value
        # lies at an end and the largest at the count nearest the mode.
        mode = int(np.floor((self.n + 1) * self.p))
        near = {min(max(m, lo), hi) for m in (mode - 1, mode)}
        values = [self.two_sided(k) for k in {lo, hi} | near]
        return min(values), max(values)


class _FromPmf:
    """Tails and the two-sided (minimum-likelihood) probability of a distribution given by its pmf."""

    def __init__(self, pmf):
        self.pmf = np.clip(np.asarray(pmf, dtype=float), 0, None)
        self.pmf = self.pmf / self.pmf.sum()
        self._cdf = np.cumsum(self.pmf)

    def cdf(self, k):
        if k < 0:
            return 0.0
        return float(min(1.0, self._cdf[min(k, len(self.pmf) - 1)]))

    def sf(self, k):
        return float(min(1.0, max(0.0, 1.0 - (self.cdf(k - 1)))))

    def two_sided(self, k):
        if k < 0 or k >= len(self.pmf):
            return 0.0
        return float(min(1.0, self.pmf[self.pmf <= self.pmf[k] * (1 + 1e-7)].sum()))

    def two_sided_range(self, lo, hi):
        values = [self.two_sided(k) for k in range(lo, hi + 1)]
        return min(values), max(values)


def _hypergeom(total, good, draws):
    """Hypergeometric probabilities from ``scipy.stats.hypergeom``."""
    from scipy import stats

    return _FromPmf(stats.hypergeom.pmf(np.arange(draws + 1), total, good, draws))


class _WeightedCount(_FromPmf):
    """Exact distribution of a weighted count: each person independently in the group with probability p.

    The persons of weight ``v`` in the group number ``Binomial(m_v, p)`` (``scipy.stats.binom``), and the
    weighted count is the sum of ``v`` times each: the distributions are combined by convolution.
    """

    def __init__(self, unit_weights, p):
        from scipy import stats

        counts = np.zeros(1, dtype=np.int64)
        for bc in unit_weights.values():
            bc = np.asarray(bc)
            counts = np.pad(counts, (0, max(0, len(bc) - len(counts)))) + np.pad(bc, (0, max(0, len(counts) - len(bc))))
        pmf = np.ones(1)
        for v in np.flatnonzero(counts):
            if v == 0:
                continue
            m = int(counts[v])
            part = np.zeros(v * m + 1)
            part[::v] = stats.binom.pmf(np.arange(m + 1), m, p)
            pmf = np.convolve(pmf, part)
        super().__init__(pmf)


def _intervals(count, count_max, integer, n_total, confidence):
    """Clopper-Pearson ``ci_low`` (from ``count``) and ``ci_high`` (from ``count_max``); NaN if weighted.

    An interval for the appointment probability (the chance that a post goes to a member of the group, the
    roster read as one draw of ``n`` independent posts), not for the group's share of the population.
    """
    if not integer:
        return np.full(len(count), np.nan), np.full(len(count), np.nan)
    n = int(n_total)
    lo, _ = _clopper_pearson(count, n, 1 - confidence)
    _, hi = _clopper_pearson(np.minimum(count_max, n), n, 1 - confidence)
    return np.nan_to_num(lo, nan=0.0), np.nan_to_num(hi, nan=1.0)


def _binom_cdf(k, n, p):
    """Exact binomial CDF, ``scipy.stats.binom.cdf``, as a float array."""
    from scipy import stats

    return np.asarray(stats.binom.cdf(k, n, p), dtype=float)


def _hypergeom_cdf(k, total, good, draws):
    """Exact hypergeometric CDF, ``scipy.stats.hypergeom.cdf``, as a float array."""
    from scipy import stats

    return np.asarray(stats.hypergeom.cdf(k, total, good, draws), dtype=float)


def _clopper_pearson(count, nobs, alpha):
    """Exact (Clopper and Pearson, 1934) interval from ``statsmodels.stats.proportion.proportion_confint``:
    for the probability of a success in ``nobs`` independent trials, given ``count`` successes."""
    from statsmodels.stats.proportion import proportion_confint

    lo, hi = proportion_confint(np.asarray(count, dtype=float), nobs, alpha=alpha, method="beta")
    return np.asarray(lo, dtype=float), np.asarray(hi, dtype=float)
