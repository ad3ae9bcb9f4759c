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

What the indices look like when posts are handed out at random (their null
distribution, exact expectations and the gathered table) is
:mod:`cabinet.null_distributions`.

The module is about 500 lines because more than half of it is documentation:
each of the nine indices carries its formula, its reference and doctests that
the test suite runs. The parameter blocks they share are written once, in
:mod:`cabinet._docstrings`, and filled in at import.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping

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
]

#: Shares, seat counts or population figures per group, matched by name.
ShareLike = Mapping[str, float] | pd.Series


# A side whose total is within this distance of 1 is taken to be shares already.
_SUM_TOL = 1e-9


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
