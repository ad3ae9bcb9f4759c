"""Exact tests of 2x2 tables and Holm's adjustment, for :func:`cabinet.compare`.

A 2x2 table here is a group against the rest of two rosters, roster a in the first row:
``[[a, n_a - a], [b, n_b - b]]``. :func:`_pvalue` tests one table with ``scipy.stats.fisher_exact`` or
``scipy.stats.boschloo_exact``; :func:`_fisher_all` gives Fisher's p-value of every table with the
same rows at once (a comparison with many unknown tags tests thousands of tables); :func:`_holm`
adjusts a family of p-values. A table with a zero margin has p = 1 by definition.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

__all__: list[str] = []


def _degenerate(a: int, n_a: int, b: int, n_b: int) -> bool:
    """A 2x2 table with a zero margin: nobody (or everybody) in the group on both sides, or an empty row."""
    return a + b == 0 or a + b == n_a + n_b or n_a == 0 or n_b == 0


@lru_cache(maxsize=65536)
def _pvalue(test, a, n_a, b, n_b, alternative):
    """The exact test of the table ``[[a, n_a - a], [b, n_b - b]]`` (roster a in the first row).

    A table with a zero margin (both counts 0, or both rosters wholly in the group) has p = 1 by
    definition: the two shares are equal and no arrangement is more extreme. Fisher's test returns 1
    there; Boschloo's returns NaN in scipy, so it is not asked.
    """
    if _degenerate(a, n_a, b, n_b):
        return 1.0
    from scipy import stats  # imported here: ``import cabinet`` loads no scipy

    table = np.array([[a, n_a - a], [b, n_b - b]])
    if test == "fisher":
        return float(stats.fisher_exact(table, alternative=alternative).pvalue)
    return float(stats.boschloo_exact(table, alternative=alternative).pvalue)


@lru_cache(maxsize=256)
def _fisher_all(n_a: int, n_b: int, alternative: str) -> np.ndarray:
    """Fisher's p-value of every table with rows of ``n_a`` and ``n_b``: ``P[a, b]`` for ``[[a, n_a - a], [b, n_b - b]]``.

    For each column total ``t`` the tables are the hypergeometric outcomes ``a`` (``scipy.stats.hypergeom``,
    population ``n_a + n_b``, ``n_a`` drawn rows, ``t`` successes). One-sided: its cdf (``less``) or sf
    (``greater``); two-sided: the probability of every table no more likely than the observed one, with
    scipy's relative tolerance of 1e-14 (``fisher_exact``'s definition; the tests check every table of small
    margins against it). A zero margin gives 1. One pass per column total instead of one call per table: a
    comparison with many unknown tags tests thousands of tables.
    """
    from scipy.stats import hypergeom

    total = n_a + n_b
    out = np.ones((n_a + 1, n_b + 1))
    for t in range(1, total):
        a = np.arange(max(0, t - n_b), min(t, n_a) + 1)
        if alternative == "less":
            p = hypergeom.cdf(a, total, n_a, t)
        elif alternative == "greater":
            p = hypergeom.sf(a - 1, total, n_a, t)
        else:
            pmf = hypergeom.pmf(a, total, n_a, t)
            ordered = np.sort(pmf)
            cum = np.cumsum(ordered)
            p = cum[np.searchsorted(ordered, pmf * (1 + 1e-14), side="right") - 1]
        out[a, t - a] = np.minimum(p, 1.0)
    return out


def _holm(p: list[float]) -> list[float]:
    """Holm's adjusted p-values: ``(m - i) p_(i)`` for the i-th smallest (from 0), running maximum, at most 1.

    The arithmetic of ``statsmodels.stats.multitest.multipletests(p, method="holm")`` (the tests check they
    agree), written out because statsmodels runs ``gc.collect()`` on every Holm call (a fifth of a second).
    """
    if not p:
        return []
    raw = np.asarray(p, dtype=float)
    order = np.argsort(raw, kind="stable")
    adjusted = np.minimum(1.0, np.maximum.accumulate(raw[order] * np.arange(len(raw), 0, -1)))
    out = np.empty_like(adjusted)
    out[order] = adjusted
    return [float(x) for x in out]
