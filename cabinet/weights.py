"""Weights of appointees: every post counts once, or some count more.

:func:`apply_weights` turns a weighting scheme (``"all"``, ``"ministers"``,
``"top"``), a column of the roster or a mapping of position classes into one
weight per appointee. Whole-number weights keep exact tests exact.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .groupings import foreign_values, suggest


__all__ = [
    "apply_weights",
    "WEIGHTS",
    "POSITION_CLASSES",
]

#: Named weighting schemes (a column name of the roster is accepted too).
WEIGHTS = ("all", "ministers", "top")


#: Position classes of the codebook (what ``weights='ministers'`` and ``'top'`` know).
POSITION_CLASSES = ("prime_minister", "deputy_prime_minister", "minister", "deputy_minister", "agency_head",
                    "military", "head_of_state", "vice_president")


MINISTERS_AND_ABOVE = ("prime_minister", "deputy_prime_minister", "minister", "head_of_state", "vice_president")


_TOP_BODY = re.compile(r"defen[cs]e|interior|foreign|finance|intelligence|national directorate of security", re.I)


def _known_classes(roster: pd.DataFrame, scheme: str) -> None:
    if "position_class" not in roster.columns:
        raise ValueError(f"weights={scheme!r} reads the 'position_class' column, which this roster lacks; give "
                         "a numeric weights column of the roster instead")
    bad = foreign_values(roster, "position_class", POSITION_CLASSES, limit=5)
    if bad:
        raise ValueError(f"weights={scheme!r} knows the position classes {', '.join(POSITION_CLASSES)}; this "
                         f"roster has others ({', '.join(map(repr, bad))}), which it would silently weigh 0: give "
                         "a numeric weights column of the roster instead")


def apply_weights(roster: pd.DataFrame, weights="all") -> pd.Series:
    """The weight of every appointee under a weighting scheme.

    Parameters
    ----------
    roster : DataFrame
    weights : {'all', 'ministers', 'top'} or str
        ``all``: every post counts one. ``ministers``: prime minister, deputy
        prime ministers and ministers count one, others zero. ``top``: the
        prime minister, the deputy prime ministers, and the heads (not the
        deputies) of defence, interior, foreign affairs, finance and
        intelligence. Any other string names a numeric column of the roster.
        ``ministers`` and ``top`` need the codebook's position classes (and
        ``top`` a ``body`` column): on a roster with other classes they are
        refused rather than weigh the unknown classes 0.

    Returns
    -------
    pandas.Series
        Non-negative weights aligned with ``roster``.

    Examples
    --------
    >>> from cabinet import load_roster
    >>> int(apply_weights(load_roster(), "top").sum())
    8
    """
    if weights is None or weights == "all":
        return pd.Series(1.0, index=roster.index)
    if weights == "ministers":
        _known_classes(roster, weights)
        return roster["position_class"].isin(MINISTERS_AND_ABOVE).astype(float)
    if weights == "top":
        _known_classes(roster, weights)
        if "body" not in roster.columns:
            raise ValueError("weights='top' reads the 'body' column (the ministry or agency of each post), which "
                             "this roster lacks; give a numeric weights column of the roster instead")
        head = roster["position_class"].isin(["prime_minister", "deputy_prime_minister", "head_of_state",
                                              "vice_president"])
        key = roster["position_class"].isin(["minister", "agency_head"]) & roster["body"].astype(str).str.contains(_TOP_BODY)
        return (head | key).astype(float)
    if isinstance(weights, str) and weights in roster.columns:
        w = pd.to_numeric(roster[weights], errors="coerce")
        if w.isna().any() or (w < 0).any() or not np.isfinite(w).all():
            bad = roster.loc[w.isna() | (w < 0), weights].head(3).tolist()
            raise ValueError(f"weights column {weights!r} must hold finite numbers >= 0; got e.g. {bad}")
        return w.astype(float)
    hint = suggest(weights, list(WEIGHTS) + list(map(str, roster.columns))) if isinstance(weights, str) else ""
    raise ValueError(f"unknown weights {weights!r}{hint}; allowed: {', '.join(WEIGHTS)} or a numeric column of "
                     "the roster")
