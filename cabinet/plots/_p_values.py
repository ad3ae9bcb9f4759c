"""Probabilities on a chart: the range the unknowns allow, and honest highlighting.

A chart quotes a p-value as the range between the two ends of what the
unknown tags allow, says whether it is adjusted for multiple groups, and
highlights a group only when the whole range lies below alpha.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def _fmt_p(p) -> str:
    if p is None or pd.isna(p):
        return ""
    return "p<0.001" if p < 0.001 else f"p={p:.3f}"


def _fmt_p1(p) -> str:
    """One probability, short: two significant digits, positional down to 0.000001.

    Examples
    --------
    >>> _fmt_p1(0.0063), _fmt_p1(1.0), _fmt_p1(1.04e-05), _fmt_p1(3e-14)
    ('0.0063', '1', '0.00001', '<0.000001')
    """
    p = float(p)
    if p >= 0.001:
        return f"{p:.2g}"
    if p < 1e-6:
        return "<0.000001"
    return np.format_float_positional(p, precision=1, unique=False, fractional=False, trim="-")


def _fmt_p_range(lo, hi) -> str:
    """``p=lo–hi``, the range of a probability over every way the unknowns could be resolved.

    ``hi`` missing (a table without the upper end) gives ``p≥lo``: the true
    value is at least the one at the known count.

    Examples
    --------
    >>> _fmt_p_range(1.04e-05, 1.0), _fmt_p_range(0.0060466, 0.0060466), _fmt_p_range(0.0060466, None)
    ('p=0.00001–1', 'p=0.006', 'p≥0.006')
    """
    if lo is None or pd.isna(lo):
        return ""
    if hi is None or pd.isna(hi):
        return f"p≥{_fmt_p1(round(float(lo), 3)) if lo >= 0.001 else _fmt_p1(lo)}"
    a, b = _fmt_p1(lo), _fmt_p1(hi)
    if a == b or (lo >= 0.001 and f"{lo:.3f}" == f"{hi:.3f}"):
        return f"p={lo:.3f}" if lo >= 0.001 else f"p={a}"
    return f"p={a}–{b}"


def _adjusted(t, adjusted) -> bool:
    """Whether to read the multiplicity-adjusted columns: ``adjusted=None`` means when the table has them."""
    has = "p_le_count_adj" in t.columns and "adjust" in t.columns and bool(
        str(t["adjust"].dropna().iloc[0] if t["adjust"].notna().any() else "").strip())
    if adjusted and not has:
        raise ValueError("adjusted=True needs a table with adjusted probabilities (representation(..., adjust='holm'))")
    return has if adjusted is None else bool(adjusted)


def _p_bounds(t, row, tail="le", *, adjusted=False):
    """(lowest, highest) one-sided probability the unknowns allow for one row of a representation table.

    For the low tail the known count gives the lowest probability and the
    largest possible count the highest (``p_le_count``, ``p_le_count_max``).
    A table without the upper-end column gets ``None`` as the highest unless
    it has no unknown or disputed appointee at all.
    """
    suffix = "_adj" if adjusted else ""
    lo_col, hi_col = (f"p_{tail}_count{suffix}", f"p_{tail}_count_max{suffix}")
    if tail == "ge":  # over-representation: the largest count gives the lowest probability
        lo_col, hi_col = hi_col, lo_col
    lo = row.get(lo_col, np.nan)
    if hi_col in row.index:
        return lo, row[hi_col]
    open_ = float(t.loc[t["status"].isin(["unknown", "disputed"]), "count"].sum()) if "status" in t.columns else 0.0
    return lo, (lo if open_ == 0 else None)


def _highlight(hi, alpha) -> bool:
    """Highlight a group only when the whole range of its probability lies below ``alpha``."""
    return hi is not None and not pd.isna(hi) and float(hi) < alpha


def _p_rule(adjusted, alpha, n_tested) -> str:
    """A sentence saying what the highlighting means, adjusted or not."""
    how = (f"Holm-adjusted over both tails of the {n_tested} groups tested" if adjusted else
           "unadjusted for the number of groups tested")
    return (f"p: exact one-sided probability of so few, from the known count to the largest possible count "
            f"({how}); highlighted only when the whole range is below {alpha:g}.")
