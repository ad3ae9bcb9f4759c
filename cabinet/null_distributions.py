"""What the indices look like when posts are handed out at random.

Under multinomial appointment in proportion to a baseline, the null
distribution of every index of :mod:`cabinet.indices` is drawn by seeded
Monte Carlo (:func:`null_distribution`, vectorised over draws), and the exact
expectation is computed where a closed form exists (Loosemore-Hanby, Rose and
Rae: :func:`expected_loosemore_hanby`, :func:`expected_rose`,
:func:`expected_rae`). Where the number of possible cabinets is small (few
posts, few groups: at most :data:`EXACT_LIMIT` outcomes), the null
distribution is enumerated exactly instead (:func:`exact_null_distribution`:
every cabinet with its multinomial probability), and the p-value and the
expectation carry no simulation error. :func:`disproportionality_table`
gathers the observed value, the expectation and the p-value of every index
in one tidy table; a Monte Carlo p-value is ``(k + 1) / (n + 1)`` (never 0)
and comes with its standard error ``sqrt(p (1 - p) / n)``.

The module is over 500 lines because it holds both ways of computing the
null (simulation and enumeration) with their p-values, one topic, and more
than half of it is documentation and doctests the test suite runs.

The null model is a benchmark, not a model of how appointments are made:
it asks how far the cabinet is from what posts handed out independently, in
proportion to the baseline, would give. Posts go to networks in blocks; see
:mod:`cabinet.clustering` for how far clustered appointment moves the
probabilities.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ._docstrings import fill_doc
from .indices import (ShareLike, _INDEX_NAMES, _INDICES, _align, _as_vector, _fmt_labels, _normalise, _one_side, _positive_int)


__all__ = [
    "n_outcomes",
    "exact_null_distribution",
    "monte_carlo_p",
    "null_distribution",
    "expected_loosemore_hanby",
    "expected_rose",
    "expected_rae",
    "disproportionality_table",
]

# Number of random cabinets drawn per call to the generator (bounds memory).
_CHUNK_SIZE = 50_000

#: Largest number of possible cabinets (ways of sharing the posts among the groups of positive baseline
#: share) for which the null distribution is enumerated exactly rather than simulated.
EXACT_LIMIT = 200_000


# Relative tolerance under which an index value counts as tied with the
# observed one when p-values are computed (guards against last-bit rounding
# differences between the scalar and the vectorised code paths).
_TIE_RTOL = 1e-9


def _check_statistics(statistics):
    if statistics is None:
        return list(_INDEX_NAMES)
    if isinstance(statistics, str):
        statistics = [statistics]
    names = list(statistics)
    if not names:
        raise ValueError("statistics is empty; allowed: " + ", ".join(_INDEX_NAMES))
    unknown = [name for name in names if name not in _INDICES]
    if unknown:
        raise ValueError(
            f"unknown statistics {unknown!r}; allowed: " + ", ".join(_INDEX_NAMES)
        )
    if len(set(names)) != len(names):
        raise ValueError(f"statistics has duplicate names: {names!r}")
    return names


def _draw_chunks(n_seats, v, n_draws, seed):
    """Yield random seat-count matrices, chunk by chunk, from one Generator."""
    rng = np.random.default_rng(seed)
    p = v / math.fsum(v)
    done = 0
    while done < n_draws:
        size = min(_CHUNK_SIZE, n_draws - done)
        yield rng.multinomial(n_seats, p, size=size)
        done += size


def _statistics_matrix(S, v, names):
    """Compute the named indices for every row of the share matrix ``S``."""
    out = {}
    D = S - v
    absD = np.abs(D) if {"loosemore_hanby", "rose", "rae", "lijphart"} & set(names) else None
    positive = v > 0
    if (~positive).any():
        infinite = (S[:, ~positive] > 0).any(axis=1)
    else:
        infinite = np.zeros(S.shape[0], dtype=bool)
    for name in names:
        if name == "loosemore_hanby":
            val = 0.5 * absD.sum(axis=1)
        elif name == "rose":
            val = 1.0 - 0.5 * absD.sum(axis=1)
        elif name == "gallagher":
            val = np.sqrt(0.5 * (D**2).sum(axis=1))
        elif name == "rae":
            val = absD.sum(axis=1) / S.shape[1]
        elif name == "sainte_lague":
            val = (D[:, positive] ** 2 / v[positive]).sum(axis=1)
            val[infinite] = np.inf
        elif name == "dhondt":
            val = (S[:, positive] / v[positive]).max(axis=1)
            val[infinite] = np.inf
        elif name == "lijphart":
            val = absD.max(axis=1)
        elif name == "effective_number":
            val = 1.0 / (S**2).sum(axis=1)
        elif name == "golosov":
            s1 = S.max(axis=1, keepdims=True)
            # For s_i = 0 the denominator is s1**2 > 0, so no division by 0.
            terms = S / (S + s1**2 - S**2)
            val = np.where(S > 0, terms, 0.0).sum(axis=1)
        else:  # pragma: no cover - guarded by _check_statistics
            raise ValueError(name)
        out[name] = val
    return out


@fill_doc
def null_distribution(n_seats: int, baseline: ShareLike, *, statistics: Sequence[str] | None = None,
                      n_draws: int = 100_000, seed: int | None = 0) -> pd.DataFrame:
    """Distribution of the indices when posts are appointed at random.

    Each simulated cabinet hands out ``n_seats`` posts independently, each
    post going to group ``i`` with probability equal to its baseline share
    (a multinomial draw). Every index is then computed against the baseline.

    Parameters
    ----------
    n_seats : int
        Number of posts in the cabinet (at least 1).
    {params.baseline_alone}
    statistics : list of str, str or None
        Which indices to compute, by name: ``'loosemore_hanby'``,
        ``'rose'``, ``'gallagher'``, ``'rae'``, ``'sainte_lague'``,
        ``'dhondt'``, ``'lijphart'``, ``'effective_number'``,
        ``'golosov'``. ``None`` (default) computes all nine, in that order.
        The two effective numbers are computed on the simulated cabinet's
        shares alone.
    n_draws : int
        Number of random cabinets (default 100,000).
    {params.seed}

    Returns
    -------
    pandas.DataFrame
        One row per random cabinet (index named ``draw``) and one float
        column per requested index.

    Notes
    -----
    The draws are generated **chunk by chunk** (50,000 cabinets per call to
    ``Generator.multinomial``) from a single ``numpy.random.default_rng(seed)``
    Generator, so memory stays bounded. The output for a given seed is fully
    reproducible, but it is defined by this chunking and is not promised to
    equal one single call for all draws. Within a chunk all indices are
    computed on the whole ``(chunk, k)`` matrix at once, without a Python
    loop over draws.

    Groups with a zero baseline never receive a post, so ``sainte_lague``
    and ``dhondt`` are always finite here.

    Examples
    --------
    >>> from cabinet.null_distributions import null_distribution
    >>> null = null_distribution(33, {'A': 0.4, 'B': 0.6}, n_draws=1_000, seed=1)
    >>> null.shape
    (1000, 9)
    >>> list(null.columns[:3])
    ['loosemore_hanby', 'rose', 'gallagher']
    >>> bool((null['rose'] == 1 - null['loosemore_hanby']).all())
    True
    """
    n_seats = _positive_int(n_seats, "n_seats")
    n_draws = _positive_int(n_draws, "n_draws")
    names = _check_statistics(statistics)
    v = _one_side(baseline, "baseline")
    columns = {name: np.empty(n_draws, dtype=float) for name in names}
    start = 0
    for counts in _draw_chunks(n_seats, v, n_draws, seed):
        S = counts / n_seats
        values = _statistics_matrix(S, v, names)
        stop = start + counts.shape[0]
        for name in names:
            columns[name][start:stop] = values[name]
        start = stop
    return pd.DataFrame(columns, index=pd.RangeIndex(n_draws, name="draw"))


def _null_distribution_loop(n_seats, baseline, *, n_draws, seed):
    """Slow reference implementation of :func:`null_distribution`.

    Generates exactly the same random seat counts as
    :func:`null_distribution` (same Generator, same chunking) but computes
    every index with a Python loop over draws that calls the public scalar
    functions. It exists for tests and benchmarks only.
    """
    n_seats = _positive_int(n_seats, "n_seats")
    n_draws = _positive_int(n_draws, "n_draws")
    labels, raw = _as_vector(baseline, "baseline")
    base = dict(zip(labels, raw.tolist()))
    v = _normalise(raw)
    rows = []
    for counts in _draw_chunks(n_seats, v, n_draws, seed):
        for row in counts.tolist():
            cabinet = dict(zip(labels, row))
            values = []
            for name in _INDEX_NAMES:
                func, two_sided = _INDICES[name][:2]
                values.append(func(cabinet, base) if two_sided else func(cabinet))
            rows.append(values)
    return pd.DataFrame(
        rows, columns=list(_INDEX_NAMES), index=pd.RangeIndex(n_draws, name="draw")
    )


def _binom_pmf(k, n, p):
    """Exact binomial probability mass, ``scipy.stats.binom.pmf``, as a float array."""
    from scipy import stats

    return np.asarray(stats.binom.pmf(k, n, p), dtype=float)


def _binomial_abs_deviations(n_seats, baseline):
    """``E|X_i / n - p_i|`` for ``X_i ~ Binomial(n, p_i)``, for every group."""
    n_seats = _positive_int(n_seats, "n_seats")
    p = _one_side(baseline, "baseline")
    k = np.arange(n_seats + 1)[:, None]
    pmf = _binom_pmf(k, n_seats, p[None, :])
    return (np.abs(k / n_seats - p[None, :]) * pmf).sum(axis=0)


@fill_doc
def expected_loosemore_hanby(n_seats: int, baseline: ShareLike) -> float:
    """Exact expected Loosemore-Hanby index under random appointment.

    Under multinomial appointment of ``n`` posts with probabilities ``p``,
    each group's seat count is marginally ``X_i ~ Binomial(n, p_i)``. By
    linearity of expectation

    .. math:: E[D] = \\frac{1}{2} \\sum_i E\\left|\\frac{X_i}{n} - p_i\\right|

    and each term is the mean absolute deviation of a binomial variable
    divided by ``n``, computed exactly as
    ``sum_k |k/n - p_i| * binom.pmf(k, n, p_i)`` over ``k = 0..n``.

    Parameters
    ----------
    {params.n_seats}
    {params.baseline_alone}

    Returns
    -------
    float
        The expected index on the 0-1 scale.

    Notes
    -----
    The binomial mean absolute deviation has de Moivre's closed form
    ``E|X - np| = 2 m C(n, m) p^m (1-p)^(n-m+1)`` with
    ``m = floor(np) + 1``; see Diaconis & Zabell (1991). Only the
    expectation is exact: percentiles of the index depend on the joint
    (multinomial) distribution and are estimated by
    :func:`null_distribution`.

    References
    ----------
    Diaconis, P. & Zabell, S. (1991). Closed form summation for classical
    distributions: variations on a theme of de Moivre. *Statistical
    Science*, 6(3), 284-302.

    Examples
    --------
    >>> from cabinet.null_distributions import expected_loosemore_hanby
    >>> # one post: E[D] = sum_i p_i (1 - p_i) = 0.4 * 0.6 + 0.6 * 0.4
    >>> round(expected_loosemore_hanby(1, {'A': 0.4, 'B': 0.6}), 12)
    0.48
    """
    return 0.5 * math.fsum(_binomial_abs_deviations(n_seats, baseline))


@fill_doc
def expected_rose(n_seats: int, baseline: ShareLike) -> float:
    """Exact expected Rose index under random appointment.

    Equal to ``1 - expected_loosemore_hanby(n_seats, baseline)``.

    Parameters
    ----------
    {params.n_seats}
    {params.baseline_alone}

    Returns
    -------
    float

    Examples
    --------
    >>> from cabinet.null_distributions import expected_rose
    >>> round(expected_rose(1, {'A': 0.4, 'B': 0.6}), 12)
    0.52
    """
    return 1.0 - expected_loosemore_hanby(n_seats, baseline)


@fill_doc
def expected_rae(n_seats: int, baseline: ShareLike) -> float:
    """Exact expected Rae index under random appointment.

    The mean over all ``k`` groups of ``E|X_i / n - p_i|`` with
    ``X_i ~ Binomial(n, p_i)`` (see :func:`expected_loosemore_hanby`);
    equal to ``2 * expected_loosemore_hanby / k``.

    Parameters
    ----------
    {params.n_seats}
    {params.baseline_alone}

    Returns
    -------
    float

    Examples
    --------
    >>> from cabinet.null_distributions import expected_rae
    >>> round(expected_rae(1, {'A': 0.4, 'B': 0.6}), 12)
    0.48
    """
    dev = _binomial_abs_deviations(n_seats, baseline)
    return math.fsum(dev) / len(dev)


def n_outcomes(n_seats: int, n_groups: int) -> int:
    """How many cabinets of ``n_seats`` posts among ``n_groups`` groups there are: ``C(n + k - 1, k - 1)``.

    Parameters
    ----------
    n_seats : int
        Number of posts.
    n_groups : int
        Number of groups the posts can go to.

    Returns
    -------
    int

    Examples
    --------
    >>> n_outcomes(33, 6), n_outcomes(2, 2)  # 2 posts, 2 groups: (2, 0), (1, 1), (0, 2)
    (501942, 3)
    """
    return math.comb(int(n_seats) + int(n_groups) - 1, int(n_groups) - 1)


def _compositions(n: int, k: int) -> np.ndarray:
    """Every vector of ``k`` non-negative integers summing to ``n``, one per row (stars and bars)."""
    if k == 1:
        return np.array([[n]], dtype=np.int64)
    bars = np.fromiter(itertools.chain.from_iterable(itertools.combinations(range(n + k - 1), k - 1)),
                       dtype=np.int64).reshape(-1, k - 1)
    edges = np.hstack([np.full((len(bars), 1), -1), bars, np.full((len(bars), 1), n + k - 1)])
    return np.diff(edges, axis=1) - 1


@fill_doc
def exact_null_distribution(n_seats: int, baseline: ShareLike, *, statistics: Sequence[str] | None = None,
                            limit: int = EXACT_LIMIT) -> pd.DataFrame:
    """Every possible cabinet under random appointment, with its exact probability.

    The ``n_seats`` posts go independently to group ``i`` with probability
    ``v_i`` (its baseline share), so the seat counts are multinomial. Every
    vector of seat counts of the groups with a positive share is listed
    (:func:`n_outcomes` of them; a group with a zero share never gets a
    post) with its probability (``scipy.stats.multinomial.pmf``) and the
    indices computed on it.

    Parameters
    ----------
    {params.n_seats}
    {params.baseline_alone}
    statistics : list of str, str or None
        Which indices, as in :func:`null_distribution` (default all nine).
    limit : int
        Refuse (``ValueError``) when there are more possible cabinets than this.

    Returns
    -------
    pandas.DataFrame
        One row per possible cabinet: one column of seat counts per group
        (named by the group), one per index, and ``probability`` (summing to 1).

    Examples
    --------
    >>> from cabinet.null_distributions import exact_null_distribution
    >>> t = exact_null_distribution(2, {'A': 0.25, 'B': 0.75}, statistics='loosemore_hanby')
    >>> t[['A', 'B', 'loosemore_hanby', 'probability']]
       A  B  loosemore_hanby  probability
    0  0  2             0.25       0.5625
    1  1  1             0.25       0.3750
    2  2  0             0.75       0.0625
    """
    from scipy import stats

    n_seats = _positive_int(n_seats, "n_seats")
    names = _check_statistics(statistics)
    labels, raw = _as_vector(baseline, "baseline")
    v = _normalise(raw)
    positive = np.flatnonzero(v > 0)
    total = n_outcomes(n_seats, len(positive))
    if total > limit:
        raise ValueError(f"{total:,} possible cabinets of {n_seats} posts among {len(positive)} groups; more than "
                         f"limit={limit:,}: use null_distribution (Monte Carlo) instead")
    counts = np.zeros((total, len(v)), dtype=np.int64)
    counts[:, positive] = _compositions(n_seats, len(positive))
    probability = stats.multinomial.pmf(counts[:, positive], n_seats, v[positive] / math.fsum(v[positive]))
    values = _statistics_matrix(counts / n_seats, v, names)
    out = pd.DataFrame(counts, columns=labels)
    for name in names:
        out[name] = values[name]
    out["probability"] = np.asarray(probability, dtype=float)
    return out


def _tolerance(observed):
    """Ties within a relative 1e-9 of the observed value count as extreme (see ``_TIE_RTOL``)."""
    observed = np.asarray(observed, dtype=float)
    return np.where(np.isfinite(observed), _TIE_RTOL * np.maximum(1.0, np.abs(observed)), 0.0)


def monte_carlo_p(draws, observed, tail: str = "upper"):
    """Monte Carlo p-value ``(k + 1) / (n + 1)`` and its standard error ``sqrt(p (1 - p) / n)``.

    ``k`` is the number of the ``n`` draws at least as extreme as ``observed``
    (``>=`` for ``tail='upper'``, ``<=`` for ``'lower'``, ties within a
    relative 1e-9 included). Counting the observed cabinet as one of the
    draws makes the p-value valid as a test at any number of draws and never
    0: with no draw as extreme it is ``1 / (n + 1)``, to be read as "below
    ``1 / (n + 1)``" (Davison & Hinkley 1997, sec. 4.2.1). The standard
    error is the binomial one of a proportion estimated from ``n`` draws.

    Parameters
    ----------
    draws : array-like
        The index in each random cabinet.
    observed : float or array-like
        The observed index (or several).
    tail : {'upper', 'lower'}
        Which direction is extreme.

    Returns
    -------
    (p, se) : two numpy arrays (or scalars)

    Examples
    --------
    >>> p, se = monte_carlo_p([0.1, 0.2, 0.3, 0.4], 0.3)  # 2 of 4 draws >= 0.3: (2 + 1) / 5
    >>> round(float(p), 4), round(float(se), 4)           # sqrt(0.6 * 0.4 / 4)
    (0.6, 0.2449)
    >>> float(monte_carlo_p([0.1, 0.2], 5.0)[0])          # none as extreme: 1 / 3, 'below 1/3'
    0.3333333333333333
    """
    if tail not in ("upper", "lower"):
        raise ValueError(f"tail must be 'upper' or 'lower'; got {tail!r}")
    draws = np.sort(np.asarray(draws, dtype=float))
    n = len(draws)
    observed = np.asarray(observed, dtype=float)
    tol = _tolerance(observed)
    if tail == "upper":
        k = n - np.searchsorted(draws, observed - tol, side="left")
    else:
        k = np.searchsorted(draws, observed + tol, side="right")
    p = (k + 1) / (n + 1)
    se = np.sqrt(p * (1 - p) / n)
    return p, se


def _exact_p(values, probability, observed, tail):
    """Exact p-value: the probability of a cabinet at least as extreme (ties within 1e-9 included)."""
    observed = np.atleast_1d(np.asarray(observed, dtype=float))
    order = np.argsort(values, kind="stable")
    values, probability = np.asarray(values, dtype=float)[order], np.asarray(probability, dtype=float)[order]
    cum = np.concatenate([[0.0], np.cumsum(probability)])
    tol = _tolerance(observed)
    if tail == "upper":
        idx = np.searchsorted(values, observed - tol, side="left")
        p = np.where(idx == 0, 1.0, cum[-1] - cum[idx])  # every cabinet as extreme: 1, not 1 less rounding
    else:
        idx = np.searchsorted(values, observed + tol, side="right")
        p = np.where(idx == len(values), 1.0, cum[idx])
    return np.clip(p, 0.0, 1.0)



_EXACT_EXPECTATIONS = {
    "loosemore_hanby": expected_loosemore_hanby,
    "rose": expected_rose,
    "rae": expected_rae,
}


def _as_counts(counts):
    """Check that a cabinet is given as whole, non-negative seat counts."""
    labels, raw = _as_vector(counts, "counts")
    fractional = [lab for lab, x in zip(labels, raw) if x != math.floor(x)]
    if fractional:
        raise ValueError(
            f"counts must be whole numbers of seats; not whole for {_fmt_labels(fractional)}"
        )
    return int(math.fsum(raw))


@fill_doc
def disproportionality_table(counts: ShareLike, baseline: ShareLike, *, n_draws: int = 100_000,
                             seed: int | None = 0, exact: bool | None = None) -> pd.DataFrame:
    """All indices for one cabinet, compared with random appointment.

    Parameters
    ----------
    counts : dict or pandas.Series
        The cabinet's seat counts per group (whole, non-negative numbers),
        matched by name with ``baseline``: both must carry the same labels,
        and a group without posts must be given with 0.
    {params.baseline_alone}
    n_draws : int
        Number of random cabinets for the Monte Carlo null distribution
        (default 100,000).
    {params.seed}
    exact : bool or None
        Enumerate the null distribution exactly (:func:`exact_null_distribution`):
        None (default) when there are at most :data:`EXACT_LIMIT` possible
        cabinets, True always (an error when there are too many), False never.

    Returns
    -------
    pandas.DataFrame
        One row per index, in the order ``loosemore_hanby``, ``rose``,
        ``gallagher``, ``rae``, ``sainte_lague``, ``dhondt``, ``lijphart``,
        ``effective_number``, ``golosov``, with columns:

        * ``index`` : name of the index.
        * ``observed`` : the index for the cabinet (for
          ``effective_number`` and ``golosov``, computed on the cabinet's
          shares alone).
        * ``expected`` : the expected value under random multinomial
          appointment of ``n_seats`` posts in proportion to the baseline;
          exact for ``loosemore_hanby``, ``rose`` and ``rae``
          (see :func:`expected_loosemore_hanby`) and for every index when
          the null is enumerated, otherwise the Monte Carlo mean.
        * ``expected_method`` : ``'exact'`` or ``'monte_carlo'``.
        * ``p95`` : the 95th percentile of the Monte Carlo null
          distribution (numpy's default linear interpolation). For the
          lower-tail indices the relevant critical value is the lower
          tail's, so ``p95`` is descriptive only there.
        * ``observed_minus_expected`` : ``observed - expected``.
        * ``p_value`` : the probability of a random cabinet at least as
          extreme as the observed one, in the direction given by ``tail``
          (``>=`` observed for ``'upper'``, ``<=`` for ``'lower'``; values
          within a relative 1e-9 count as ties, and thus as extreme). Exact
          when the null is enumerated; otherwise the Monte Carlo
          ``(k + 1) / (n_draws + 1)`` with ``k`` the draws as extreme, which
          is never 0: its smallest value ``1 / (n_draws + 1)`` reads "below
          ``1 / (n_draws + 1)``" (:func:`monte_carlo_p`).
        * ``p_se`` : the Monte Carlo standard error of ``p_value``,
          ``sqrt(p (1 - p) / n_draws)``; 0 when it is exact.
        * ``p_method`` : ``'exact'`` or ``'monte_carlo'``.
        * ``tail`` : ``'upper'`` for the disproportionality indices (large
          = far from the baseline); ``'lower'`` for ``rose`` (small = far
          from the baseline) and for ``effective_number`` and ``golosov``
          (small = posts concentrated in few groups).
        * ``baseline_value`` : for ``effective_number`` and ``golosov``,
          the index computed on the baseline itself; NaN for the others.
        * ``n_seats`` : total number of posts (sum of ``counts``).
        * ``n_draws`` : number of random cabinets drawn.
        * ``seed`` : the seed used.
        * ``reference`` : short citation for the index.

    Notes
    -----
    The Monte Carlo columns come from :func:`null_distribution` with the
    same ``n_draws`` and ``seed``. If the cabinet gives posts to a group
    with a zero baseline, ``sainte_lague`` and ``dhondt`` are ``inf``; no
    random cabinet can do that, so their p-value is the smallest there is:
    exactly 0 when enumerated, ``1 / (n_draws + 1)`` by Monte Carlo.

    Examples
    --------
    >>> from cabinet.null_distributions import disproportionality_table
    >>> counts = {'A': 30, 'B': 2, 'C': 1, 'D': 0}
    >>> baseline = {'A': 0.40, 'B': 0.30, 'C': 0.10, 'D': 0.20}
    >>> table = disproportionality_table(counts, baseline, n_draws=2_000, seed=1, exact=False)
    >>> table.shape
    (9, 15)
    >>> table[['index', 'observed', 'expected_method', 'tail']].round(3)
                  index  observed expected_method   tail
    0   loosemore_hanby     0.509           exact  upper
    1              rose     0.491           exact  lower
    2         gallagher     0.425     monte_carlo  upper
    3               rae     0.255           exact  upper
    4      sainte_lague     1.088     monte_carlo  upper
    5            dhondt     2.273     monte_carlo  upper
    6          lijphart     0.509     monte_carlo  upper
    7  effective_number     1.203     monte_carlo  lower
    8           golosov     1.104     monte_carlo  lower
    >>> float(table.loc[0, 'p_value'])  # no random cabinet as extreme: (0 + 1) / (2000 + 1), 'below 1/2001'
    0.0004997501249375312
    >>> round(float(table.loc[0, 'p_se']), 6)  # sqrt(p (1 - p) / 2000)
    0.0005

    33 posts among 4 groups make 7,140 possible cabinets: enumerated, the
    p-value is exact (far below the Monte Carlo floor):

    >>> exact = disproportionality_table(counts, baseline, n_draws=2_000, seed=1)
    >>> exact.loc[0, 'p_method'], f"{exact.loc[0, 'p_value']:.2e}", float(exact.loc[0, 'p_se'])
    ('exact', '5.11e-09', 0.0)
    """
    return _disproportionality_table(counts, baseline, n_draws=n_draws, seed=seed, exact=exact)[0]


def _null_of(n_seats, baseline, *, n_draws, seed, exact):
    """The Monte Carlo null (all nine indices) and, where enumerated, the exact one (None otherwise)."""
    null = null_distribution(n_seats, baseline, n_draws=n_draws, seed=seed)
    if exact is False:
        return null, None
    v = _one_side(baseline, "baseline")
    if exact is None and n_outcomes(n_seats, int((v > 0).sum())) > EXACT_LIMIT:
        return null, None
    limit = EXACT_LIMIT if exact is None else math.inf
    return null, exact_null_distribution(n_seats, baseline, limit=limit)


def _p_values(null, enumerated, name, observed, tail, n_draws):
    """(p, se, method) of an index at one or several observed values: exact if enumerated, else Monte Carlo."""
    if enumerated is not None:
        p = _exact_p(enumerated[name].to_numpy(), enumerated["probability"].to_numpy(), observed, tail)
        return p, np.zeros_like(p), "exact"
    p, se = monte_carlo_p(null[name].to_numpy(), np.atleast_1d(observed), tail)
    return p, se, "monte_carlo"


def _expected(null, enumerated, name, n_seats, baseline):
    if enumerated is not None:
        return float(np.dot(enumerated[name].to_numpy(), enumerated["probability"].to_numpy())), "exact"
    if name in _EXACT_EXPECTATIONS:
        return _EXACT_EXPECTATIONS[name](n_seats, baseline), "exact"
    return float(null[name].to_numpy().mean()), "monte_carlo"


def _disproportionality_table(counts, baseline, *, n_draws, seed, exact=None):
    """:func:`disproportionality_table` and the null distribution it was computed from.

    Returns ``(table, null)`` with ``null`` the frame of :func:`null_distribution`
    for the same arguments (all nine indices), so a caller that also needs the
    random draws (the disproportionality chart) does not simulate them twice.
    """
    n_seats = _as_counts(counts)
    # validates labels on both sides (raises naming any mismatched label)
    _align(counts, baseline, names=("counts", "baseline"))
    n_draws = _positive_int(n_draws, "n_draws")
    if exact not in (None, True, False):
        raise ValueError(f"exact must be None, True or False; got {exact!r}")
    null, enumerated = _null_of(n_seats, baseline, n_draws=n_draws, seed=seed, exact=exact)
    rows = []
    for name in _INDEX_NAMES:
        func, two_sided, tail, reference = _INDICES[name]
        if two_sided:
            observed = func(counts, baseline)
            baseline_value = math.nan
        else:
            observed = func(counts)
            baseline_value = func(baseline)
        expected, method = _expected(null, enumerated, name, n_seats, baseline)
        p, se, p_method = _p_values(null, enumerated, name, observed, tail, n_draws)
        rows.append(
            {
                "index": name,
                "observed": observed,
                "expected": expected,
                "expected_method": method,
                "p95": float(np.quantile(null[name].to_numpy(), 0.95)),
                "observed_minus_expected": observed - expected,
                "p_value": float(p[0]),
                "p_se": float(se[0]),
                "p_method": p_method,
                "tail": tail,
                "baseline_value": baseline_value,
                "n_seats": n_seats,
                "n_draws": n_draws,
                "seed": seed,
                "reference": reference,
            }
        )
    return pd.DataFrame(rows), null
