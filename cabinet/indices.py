"""Disproportionality and fragmentation indices for the make-up of a cabinet.

Every disproportionality index compares a vector of cabinet *shares* (or
seat counts) with a vector of population *baseline* shares.  Both are given
as a mapping (``dict``) or a :class:`pandas.Series` keyed by group name and
are matched **by name, never by position**.  The rules, applied by one
private validator (``_align``), are:

* both sides are non-empty and carry exactly the same set of labels (a group
  with no seats must be present with the value 0);
* labels are unique, values are finite, real and non-negative;
* each side must have a positive total; counts are divided by their total so
  that all indices are computed on the 0-1 scale (a side that already sums to
  1 within 1e-9 is left as it is).

All indices are returned as plain Python floats on the 0-1 scale (multiply by
100 to compare with figures published on the percentage scale).

The module also provides the null distribution of every index when the
posts of a cabinet are handed out at random in proportion to the baseline
(multinomial appointment), the exact expectation of the indices for which a
closed form exists, and :func:`disproportionality_table`, which gathers it
all in one tidy :class:`pandas.DataFrame`.

Why this module is longer than 500 lines: about half of it is documentation
(each index carries its formula, its reference and doctests that are run by
the test suite). The parameter blocks the functions share are written once,
in :mod:`cabinet._docstrings`, and filled in at import (:func:`fill_doc`).
Splitting the indices from their null distribution would separate each
index from the statistic the simulation computes for it.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from ._docstrings import fill_doc

__all__ = [
    "loosemore_hanby",
    "rose",
    "gallagher",
    "rae",
    "sainte_lague",
    "dhondt",
    "lijphart",
    "effective_number",
    "golosov",
    "null_distribution",
    "expected_loosemore_hanby",
    "expected_rose",
    "expected_rae",
    "disproportionality_table",
]

#: Shares, seat counts or population figures per group, matched by name.
ShareLike = Mapping[str, float] | pd.Series

# A side whose total is within this distance of 1 is taken to be shares already.
_SUM_TOL = 1e-9
# Number of random cabinets drawn per call to the generator (bounds memory).
_CHUNK_SIZE = 50_000
# Relative tolerance under which an index value counts as tied with the
# observed one when p-values are computed (guards against last-bit rounding
# differences between the scalar and the vectorised code paths).
_TIE_RTOL = 1e-9


# ---------------------------------------------------------------------------
# Validation helpers
# ---------------------------------------------------------------------------


def _fmt_labels(labels):
    """Return a deterministic, readable list of labels for error messages."""
    return repr(sorted(labels, key=lambda lab: (type(lab).__name__, str(lab))))


def _as_vector(obj, name):
    """Validate one side and return ``(labels, raw_values)``.

    ``raw_values`` is a float array in the order of ``labels``; it is not
    normalised.
    """
    if isinstance(obj, pd.Series):
        if obj.index.has_duplicates:
            dup = obj.index[obj.index.duplicated()].unique().tolist()
            raise ValueError(
                f"{name} has duplicate labels {_fmt_labels(dup)}; "
                "each group must appear exactly once"
            )
        labels = obj.index.tolist()
        raw = obj.tolist()
    elif isinstance(obj, Mapping):
        labels = list(obj.keys())
        raw = list(obj.values())
    else:
        raise TypeError(
            f"{name} must be a mapping (dict) or a pandas Series keyed by "
            f"group name, not {type(obj).__name__}; groups are matched by "
            "name, never by position"
        )
    if not labels:
        raise ValueError(f"{name} is empty: at least one group is required")
    for lab, x in zip(labels, raw):
        if isinstance(x, (bool, np.bool_)) or not isinstance(x, numbers.Real):
            raise ValueError(f"{name}[{lab!r}] = {x!r} is not a real number")
    values = np.asarray(raw, dtype=float)
    bad = [lab for lab, x in zip(labels, values) if not math.isfinite(x)]
    if bad:
        raise ValueError(f"{name} has non-finite values for {_fmt_labels(bad)}")
    neg = [lab for lab, x in zip(labels, values) if x < 0]
    if neg:
        raise ValueError(f"{name} has negative values for {_fmt_labels(neg)}")
    try:
        total = math.fsum(values)
    except OverflowError:
        total = math.inf
    if not math.isfinite(total):
        raise ValueError(f"{name} has a total too large to represent")
    if total <= 0:
        raise ValueError(f"{name} sums to 0; at least one group must be positive")
    return labels, values


def _normalise(values):
    """Divide by the total unless the values already sum to 1 (within 1e-9)."""
    total = math.fsum(values)
    if abs(total - 1.0) <= _SUM_TOL:
        return values.copy()
    return values / total


def _align(shares, baseline, *, names=("shares", "baseline")):
    """Validate and align two sides by group name.

    Returns ``(labels, s, v)``: the labels in the baseline's order and the
    normalised shares and baseline as float arrays in that order.
    """
    s_name, v_name = names
    s_labels, s_raw = _as_vector(shares, s_name)
    v_labels, v_raw = _as_vector(baseline, v_name)
    v_set = set(v_labels)
    s_set = set(s_labels)
    only_s = [lab for lab in s_labels if lab not in v_set]
    only_v = [lab for lab in v_labels if lab not in s_set]
    if only_s or only_v:
        parts = [f"{s_name} and {v_name} must have the same group labels"]
        if only_s:
            parts.append(f"labels only in {s_name}: {_fmt_labels(only_s)}")
        if only_v:
            parts.append(f"labels only in {v_name}: {_fmt_labels(only_v)}")
        parts.append(
            f"allowed labels (from {v_name}): {_fmt_labels(v_labels)}; "
            "a group with no seats must be given with the value 0"
        )
        raise ValueError("; ".join(parts))
    position = {lab: i for i, lab in enumerate(s_labels)}
    order = [position[lab] for lab in v_labels]
    s = _normalise(s_raw)[order]
    v = _normalise(v_raw)
    return v_labels, s, v


def _one_side(shares, name="shares"):
    """Validate and normalise a single side (for the fragmentation indices)."""
    _, raw = _as_vector(shares, name)
    return _normalise(raw)


def _positive_int(value, name):
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, not {type(value).__name__}")
    value = int(value)
    if value < 1:
        raise ValueError(f"{name} must be at least 1, got {value}")
    return value


# ---------------------------------------------------------------------------
# Disproportionality indices
# ---------------------------------------------------------------------------


@fill_doc
def loosemore_hanby(shares: ShareLike, baseline: ShareLike) -> float:
    """Loosemore-Hanby index of disproportionality.

    .. math:: D = \\frac{1}{2} \\sum_i |s_i - v_i|

    Parameters
    ----------
    {params.shares}
    {params.baseline}

    Returns
    -------
    float
        The index on the 0-1 scale: the share of posts that would have to
        move between groups for the cabinet to mirror the baseline.

    Notes
    -----
    The two sides are matched by group name; see the module docstring for
    the validation rules.

    References
    ----------
    Loosemore, J. & Hanby, V. J. (1971). The theoretical limits of maximum
    distortion: some analytic expressions for electoral systems. *British
    Journal of Political Science*, 1(4), 467-477.

    Examples
    --------
    >>> from cabinet.indices import loosemore_hanby
    >>> loosemore_hanby({'A': 0.5, 'B': 0.5}, {'A': 0.25, 'B': 0.75})
    0.25

    Seat counts are normalised, and groups are matched by name:

    >>> loosemore_hanby({'A': 3, 'B': 1}, {'B': 0.5, 'A': 0.5})
    0.25
    """
    _, s, v = _align(shares, baseline)
    return 0.5 * math.fsum(np.abs(s - v))


@fill_doc
def rose(shares: ShareLike, baseline: ShareLike) -> float:
    """Rose index of proportionality, ``1 - loosemore_hanby``.

    Parameters
    ----------
    {params.shares}
    {params.baseline}

    Returns
    -------
    float
        Proportionality on the 0-1 scale (1 = perfectly proportional).
        Unlike the other indices, *lower* values mean more disproportion.

    References
    ----------
    Rose, R. (1984). Electoral systems: a question of degree or of
    principle? In A. Lijphart & B. Grofman (eds.), *Choosing an Electoral
    System: Issues and Alternatives*. New York: Praeger.

    Examples
    --------
    >>> from cabinet.indices import rose
    >>> rose({'A': 0.5, 'B': 0.5}, {'A': 0.25, 'B': 0.75})
    0.75
    """
    return 1.0 - loosemore_hanby(shares, baseline)


@fill_doc
def gallagher(shares: ShareLike, baseline: ShareLike) -> float:
    """Gallagher's least-squares index of disproportionality.

    .. math:: LSq = \\sqrt{\\frac{1}{2} \\sum_i (s_i - v_i)^2}

    Parameters
    ----------
    {params.shares}
    {params.baseline}

    Returns
    -------
    float
        The index on the 0-1 scale. Published values are usually on the
        0-100 scale; multiply by 100 to compare.

    References
    ----------
    Gallagher, M. (1991). Proportionality, disproportionality and electoral
    systems. *Electoral Studies*, 10(1), 33-51.

    Examples
    --------
    >>> from cabinet.indices import gallagher
    >>> gallagher({'A': 0.5, 'B': 0.5}, {'A': 0.25, 'B': 0.75})
    0.25
    """
    _, s, v = _align(shares, baseline)
    return math.sqrt(0.5 * math.fsum((s - v) ** 2))


@fill_doc
def rae(shares: ShareLike, baseline: ShareLike) -> float:
    """Rae's index: mean absolute deviation between shares and baseline.

    .. math:: I = \\frac{1}{k} \\sum_{i=1}^{k} |s_i - v_i|

    Parameters
    ----------
    {params.shares}
    {params.baseline}

    Returns
    -------
    float
        The index on the 0-1 scale.

    Notes
    -----
    Rae's original index left out parties with less than 0.5 % of the vote.
    This version averages over **all** groups given, including groups with a
    zero baseline or zero seats, so it equals ``2 * loosemore_hanby / k``
    and depends on how finely the groups are split.

    References
    ----------
    Rae, D. W. (1967). *The Political Consequences of Electoral Laws*. New
    Haven: Yale University Press.

    Examples
    --------
    >>> from cabinet.indices import rae
    >>> rae({'A': 0.5, 'B': 0.5}, {'A': 0.25, 'B': 0.75})
    0.25
    """
    _, s, v = _align(shares, baseline)
    return math.fsum(np.abs(s - v)) / len(s)


@fill_doc
def sainte_lague(shares: ShareLike, baseline: ShareLike) -> float:
    """Sainte-Laguë index of disproportionality.

    .. math:: SL = \\sum_{i:\\, v_i > 0} \\frac{(s_i - v_i)^2}{v_i}

    Parameters
    ----------
    {params.shares}
    {params.baseline}

    Returns
    -------
    float
        The index (a chi-square-like distance on the 0-1 scale). Groups with
        a zero baseline and no seats are skipped. If a group with a zero
        baseline holds a positive share, the index is ``inf``.

    References
    ----------
    Gallagher, M. (1991). Proportionality, disproportionality and electoral
    systems. *Electoral Studies*, 10(1), 33-51.

    Examples
    --------
    >>> from cabinet.indices import sainte_lague
    >>> round(sainte_lague({'A': 0.5, 'B': 0.5}, {'A': 0.25, 'B': 0.75}), 6)
    0.333333
    >>> sainte_lague({'A': 1, 'B': 1}, {'A': 1.0, 'B': 0.0})
    inf
    """
    _, s, v = _align(shares, baseline)
    positive = v > 0
    if np.any(~positive & (s > 0)):
        return math.inf
    d = s[positive] - v[positive]
    return math.fsum(d**2 / v[positive])


@fill_doc
def dhondt(shares: ShareLike, baseline: ShareLike) -> float:
    """D'Hondt index: the largest ratio of share to baseline.

    .. math:: DH = \\max_{i:\\, v_i > 0} s_i / v_i

    Parameters
    ----------
    {params.shares}
    {params.baseline}

    Returns
    -------
    float
        The over-representation of the most over-represented group (1 when
        the cabinet is exactly proportional). If a group with a zero
        baseline holds a positive share, the index is ``inf``.

    References
    ----------
    Gallagher, M. (1991). Proportionality, disproportionality and electoral
    systems. *Electoral Studies*, 10(1), 33-51.

    Examples
    --------
    >>> from cabinet.indices import dhondt
    >>> dhondt({'A': 0.5, 'B': 0.5}, {'A': 0.25, 'B': 0.75})
    2.0
    """
    _, s, v = _align(shares, baseline)
    positive = v > 0
    if np.any(~positive & (s > 0)):
        return math.inf
    return float(np.max(s[positive] / v[positive]))


@fill_doc
def lijphart(shares: ShareLike, baseline: ShareLike) -> float:
    """Lijphart's index: the largest absolute deviation.

    .. math:: L = \\max_i |s_i - v_i|

    Parameters
    ----------
    {params.shares}
    {params.baseline}

    Returns
    -------
    float
        The index on the 0-1 scale.

    References
    ----------
    Lijphart, A. (1994). *Electoral Systems and Party Systems: A Study of
    Twenty-Seven Democracies, 1945-1990*. Oxford: Oxford University Press.

    Examples
    --------
    >>> from cabinet.indices import lijphart
    >>> lijphart({'A': 0.5, 'B': 0.3, 'C': 0.2}, {'A': 0.2, 'B': 0.4, 'C': 0.4})
    0.3
    """
    _, s, v = _align(shares, baseline)
    return float(np.max(np.abs(s - v)))


# ---------------------------------------------------------------------------
# Fragmentation indices (one side only)
# ---------------------------------------------------------------------------


@fill_doc
def effective_number(shares: ShareLike) -> float:
    """Laakso-Taagepera effective number of groups.

    .. math:: N = 1 / \\sum_i s_i^2

    Parameters
    ----------
    {params.shares_alone}

    Returns
    -------
    float
        Between 1 (one group holds everything) and ``k`` (all ``k`` groups
        equal).

    References
    ----------
    Laakso, M. & Taagepera, R. (1979). "Effective" number of parties: a
    measure with application to West Europe. *Comparative Political
    Studies*, 12(1), 3-27.

    Examples
    --------
    >>> from cabinet.indices import effective_number
    >>> effective_number({'A': 0.5, 'B': 0.5})
    2.0
    >>> round(effective_number({'A': 2, 'B': 1, 'C': 1}), 4)
    2.6667
    """
    s = _one_side(shares)
    return 1.0 / math.fsum(s**2)


@fill_doc
def golosov(shares: ShareLike) -> float:
    """Golosov's effective number of groups.

    .. math:: N = \\sum_{i:\\, s_i > 0} \\frac{s_i}{s_i + s_1^2 - s_i^2}

    where :math:`s_1` is the largest share.

    Parameters
    ----------
    {params.shares_alone}

    Returns
    -------
    float
        Between 1 and the number of groups with a positive share; it gives
        less weight than :func:`effective_number` to small groups when one
        group dominates.

    References
    ----------
    Golosov, G. V. (2010). The effective number of parties: a new approach.
    *Party Politics*, 16(2), 171-192.

    Examples
    --------
    >>> from cabinet.indices import golosov
    >>> round(golosov({'A': 0.6, 'B': 0.4}), 4)
    1.6667
    """
    s = _one_side(shares)
    s1 = float(np.max(s))
    nz = s[s > 0]
    return math.fsum(nz / (nz + s1**2 - nz**2))


# ---------------------------------------------------------------------------
# Registry of indices (read-only module constants)
# ---------------------------------------------------------------------------

#: name -> (function, takes a baseline, tail used for p-values, reference)
_INDICES = {
    "loosemore_hanby": (
        loosemore_hanby,
        True,
        "upper",
        "Loosemore & Hanby (1971), British Journal of Political Science 1(4)",
    ),
    "rose": (
        rose,
        True,
        "lower",
        "Rose (1984), in Lijphart & Grofman (eds.), Choosing an Electoral System",
    ),
    "gallagher": (
        gallagher,
        True,
        "upper",
        "Gallagher (1991), Electoral Studies 10(1)",
    ),
    "rae": (
        rae,
        True,
        "upper",
        "Rae (1967), The Political Consequences of Electoral Laws",
    ),
    "sainte_lague": (
        sainte_lague,
        True,
        "upper",
        "Gallagher (1991), Electoral Studies 10(1)",
    ),
    "dhondt": (
        dhondt,
        True,
        "upper",
        "Gallagher (1991), Electoral Studies 10(1)",
    ),
    "lijphart": (
        lijphart,
        True,
        "upper",
        "Lijphart (1994), Electoral Systems and Party Systems",
    ),
    "effective_number": (
        effective_number,
        False,
        "lower",
        "Laakso & Taagepera (1979), Comparative Political Studies 12(1)",
    ),
    "golosov": (
        golosov,
        False,
        "lower",
        "Golosov (2010), Party Politics 16(2)",
    ),
}

_INDEX_NAMES = tuple(_INDICES)


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


# ---------------------------------------------------------------------------
# Null distribution under random (multinomial) appointment
# ---------------------------------------------------------------------------


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
    >>> from cabinet.indices import null_distribution
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


# ---------------------------------------------------------------------------
# Exact expectations
# ---------------------------------------------------------------------------


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
    >>> from cabinet.indices import expected_loosemore_hanby
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
    >>> from cabinet.indices import expected_rose
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
    >>> from cabinet.indices import expected_rae
    >>> round(expected_rae(1, {'A': 0.4, 'B': 0.6}), 12)
    0.48
    """
    dev = _binomial_abs_deviations(n_seats, baseline)
    return math.fsum(dev) / len(dev)


_EXACT_EXPECTATIONS = {
    "loosemore_hanby": expected_loosemore_hanby,
    "rose": expected_rose,
    "rae": expected_rae,
}


# ---------------------------------------------------------------------------
# Summary table
# ---------------------------------------------------------------------------


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
                             seed: int | None = 0) -> pd.DataFrame:
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
          (see :func:`expected_loosemore_hanby`), otherwise the Monte Carlo
          mean of the null distribution.
        * ``expected_method`` : ``'exact'`` or ``'monte_carlo'``.
        * ``p95`` : the 95th percentile of the Monte Carlo null
          distribution (numpy's default linear interpolation). For the
          lower-tail indices the relevant critical value is the lower
          tail's, so ``p95`` is descriptive only there.
        * ``observed_minus_expected`` : ``observed - expected``.
        * ``p_value`` : the share of random cabinets at least as extreme as
          the observed one, in the direction given by ``tail``: for
          ``'upper'`` the share with a value ``>=`` observed, for
          ``'lower'`` the share with a value ``<=`` observed. Values within
          a relative 1e-9 of the observed value count as ties (and thus as
          extreme). It is the plain proportion, so it can be 0.
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
    with a zero baseline, ``sainte_lague`` and ``dhondt`` are ``inf`` and
    their p-value is 0.

    Examples
    --------
    >>> from cabinet.indices import disproportionality_table
    >>> counts = {'A': 30, 'B': 2, 'C': 1, 'D': 0}
    >>> baseline = {'A': 0.40, 'B': 0.30, 'C': 0.10, 'D': 0.20}
    >>> table = disproportionality_table(counts, baseline, n_draws=2_000, seed=1)
    >>> table.shape
    (9, 13)
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
    >>> float(table.loc[0, 'p_value'])  # no random cabinet as extreme: (0 + 1) / (2000 + 1), never 0
    0.0004997501249375312
    """
    return _disproportionality_table(counts, baseline, n_draws=n_draws, seed=seed)[0]


def _disproportionality_table(counts, baseline, *, n_draws, seed):
    """:func:`disproportionality_table` and the null distribution it was computed from.

    Returns ``(table, null)`` with ``null`` the frame of :func:`null_distribution`
    for the same arguments (all nine indices), so a caller that also needs the
    random draws (the disproportionality chart) does not simulate them twice.
    """
    n_seats = _as_counts(counts)
    # validates labels on both sides (raises naming any mismatched label)
    _align(counts, baseline, names=("counts", "baseline"))
    n_draws = _positive_int(n_draws, "n_draws")
    null = null_distribution(n_seats, baseline, n_draws=n_draws, seed=seed)
    rows = []
    for name in _INDEX_NAMES:
        func, two_sided, tail, reference = _INDICES[name]
        if two_sided:
            observed = func(counts, baseline)
            baseline_value = math.nan
        else:
            observed = func(counts)
            baseline_value = func(baseline)
        draws = null[name].to_numpy()
        if name in _EXACT_EXPECTATIONS:
            expected = _EXACT_EXPECTATIONS[name](n_seats, baseline)
            method = "exact"
        else:
            expected = float(draws.mean())
            method = "monte_carlo"
        tol = _TIE_RTOL * max(1.0, abs(observed)) if math.isfinite(observed) else 0.0
        # Monte Carlo p-value counting the observed cabinet as one of the draws, (k + 1) / (n + 1): never 0,
        # and valid as a test at any number of draws (Davison & Hinkley 1997, sec. 4.2.1).
        extreme = int(np.sum(draws >= observed - tol)) if tail == "upper" else int(np.sum(draws <= observed + tol))
        p_value = (extreme + 1) / (len(draws) + 1)
        rows.append(
            {
                "index": name,
                "observed": observed,
                "expected": expected,
                "expected_method": method,
                "p95": float(np.quantile(draws, 0.95)),
                "observed_minus_expected": observed - expected,
                "p_value": p_value,
                "tail": tail,
                "baseline_value": baseline_value,
                "n_seats": n_seats,
                "n_draws": n_draws,
                "seed": seed,
                "reference": reference,
            }
        )
    return pd.DataFrame(rows), null
