"""The headline of a gap table: the one gap worth a sentence, found on any roster.

:func:`headline` reads a table of :func:`cabinet.representation` (or of the
named gaps, which share its columns) and picks the story:

1. the largest gap that **holds whatever the unknowns are**: too few even if
   every unknown and disputed tag fell in the group (the adjusted
   ``p_le_count_max`` below ``alpha``), or too many even if none did (the
   adjusted ``p_ge_count`` below ``alpha``); the gap is measured at that end
   (baseline share minus the largest possible share, or the known share minus
   the baseline share);
2. else the **most significant shortfall after adjustment** by the known
   values alone (``p_le_count``: too few if none of the unknown and disputed
   tags is in the group), which holds only for some resolutions of the
   unknowns, and the sentence says so; a surplus is told only where it holds
   (one that needs every unknown tag to fall in one group is no story);
3. else no gap beyond chance: the sentence tells the largest gap in points
   and says that none is beyond chance.

A remainder is never the story: rows of status ``residual`` (the groups an
estimate does not name) and groups named ``Other``, ``Others``, ``Rest`` or
``Remainder`` are left out. The baseline is named by its label, never by a
file path (a file's baseline is named by the file's stem). When a table holds
one block per baseline, the first block is read, as the charts draw it.

This module is pure analysis: no matplotlib.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

import pandas as pd

from .baselines import POPULATIONS
from ._format import is_missing, number as _num, percent as _pct, percent_range as _pct_range, probability as _prob

__all__ = ["Headline", "headline", "REMAINDERS"]

#: Group names that are a remainder, never the story of a headline (with rows of status ``residual``).
REMAINDERS = frozenset({"other", "others", "rest", "remainder"})


@dataclass(frozen=True)
class Headline:
    """The story of a gap table, in figures and in one plain sentence."""

    #: The group told (None: the table has no group to tell).
    group: str | None
    #: ``"under"`` (fewer than the baseline's share), ``"over"`` or None (no baseline).
    direction: str | None
    #: Appointees known to be in the group, and the most that could be (unknown and disputed tags included).
    count: float | None
    count_max: float | None
    #: The roster's size.
    n: float
    #: The group's share of the baseline, and its range where the baseline gives one (else both equal ``share``).
    share: float | None
    share_low: float | None
    share_high: float | None
    #: The (adjusted) one-sided p-value in the direction told, at the two ends the unknowns allow.
    p_min: float | None
    p_max: float | None
    #: The adjustment of the p-values (``holm``, ``bonferroni``, ``none``; empty when the table has none).
    adjust: str
    #: Whether the gap holds whatever the unknown tags turn out to be (``p_max < alpha``).
    holds: bool
    #: Whether any gap reaches ``alpha`` for some resolution of the unknowns (False: no gap beyond chance).
    significant: bool
    #: The baseline's name: its label, or a file's stem; never a path.
    baseline: str
    #: One line of plain English.
    sentence: str


def baseline_name(table: pd.DataFrame) -> str:
    """The name of a table's (first) baseline: its label, with a file named by its stem, never by its path.

    Examples
    --------
    >>> import pandas as pd
    >>> baseline_name(pd.DataFrame({"baseline_label": ["user-supplied baseline (/tmp/x/iraq_2022.csv)"]}))
    'iraq_2022'
    >>> baseline_name(pd.DataFrame({"baseline_label": ["NSIA settled population 1398 (2019-20)"]}))
    'NSIA settled population 1398 (2019-20)'
    """
    labels = [str(x) for x in table.get("baseline_label", pd.Series(dtype=object)).dropna() if str(x).strip()]
    if not labels:
        return "the baseline"
    label = labels[0]

    def stem(match):
        inner = match.group(1)
        return _stem(inner) if _looks_like_path(inner) else match.group(0)

    named = re.sub(r"user-supplied baseline \((.*)\)$", stem, label)
    if named != label:
        return named
    return _stem(label) if _looks_like_path(label) else label


def _stem(path: str) -> str:
    """A file's name without its folder (either slash) or its extension."""
    return os.path.splitext(re.split(r"[\\/]", path)[-1])[0]


def _looks_like_path(text: str) -> bool:
    return "/" in text or "\\" in text or text.lower().endswith((".csv", ".tsv", ".txt"))


def _is_population(table: pd.DataFrame) -> bool:
    return "baseline" in table.columns and len(table) > 0 and str(table["baseline"].iloc[0]) in POPULATIONS


def _first_block(table: pd.DataFrame) -> pd.DataFrame:
    if "baseline" not in table.columns:
        return table
    names = list(dict.fromkeys(table["baseline"].fillna("")))
    return table if len(names) <= 1 else table[table["baseline"].fillna("") == names[0]]


def _pcol(groups: pd.DataFrame, name: str):
    """A p-value column, adjusted when the table has it adjusted; None when it has neither."""
    for col in (f"{name}_adj", name):
        if col in groups.columns and groups[col].notna().any():
            return groups[col].astype(float)
    return None


def _number(x) -> float | None:
    return None if is_missing(x) else float(x)


def headline(table: pd.DataFrame, *, alpha: float = 0.05, name=str) -> Headline:
    """The headline of a gap table (see the module's text for the rule).

    Parameters
    ----------
    table : pandas.DataFrame
        A table of :func:`cabinet.representation` (columns ``group``, ``status``, ``count``,
        ``count_max``, ``n``; with a baseline, ``baseline_share`` and the ``p_le_*``/``p_ge_*``
        columns, adjusted ones preferred).
    alpha : float
        The level a p-value is read against (default 0.05).
    name : callable
        How the sentence writes a name from the data (a group, the baseline): ``str`` (default), or
        a chart's escaping (the charts set a right-to-left name apart and escape ``$``).

    Returns
    -------
    Headline

    Examples
    --------
    >>> import cabinet, pandas as pd
    >>> roster = pd.DataFrame({"name": list("ABCDEFGHIJ"), "camp": ["N"] * 9 + ["S"]})
    >>> h = headline(cabinet.representation(roster, "camp", baseline={"N": 0.5, "S": 0.5}))
    >>> h.group, h.direction, h.holds
    ('N', 'over', True)
    >>> h.sentence
    'N: 9 of 10 appointees known (up to 9 possible) against 50.0% of the baseline ...: too many whatever the unknowns are (p = 0.0430, Holm)'
    """
    missing = [c for c in ("group", "status", "count", "count_max", "n") if c not in table.columns]
    if missing:
        raise ValueError(f"headline needs a gap table of cabinet.representation; this one lacks "
                         f"{', '.join(map(repr, missing))}")
    t = _first_block(table)
    if t.empty:
        raise ValueError("headline needs a gap table with at least one row; this one is empty")
    n = float(t["n"].iloc[0])
    named = t[(t["status"] == "group") & ~t["group"].astype(str).str.strip().str.casefold().isin(REMAINDERS)]
    has_base = "baseline_share" in named.columns and named["baseline_share"].notna().any()
    base = baseline_name(t) if has_base else ""
    word = "population" if _is_population(t) else "baseline"
    adjust = str(t["adjust"].iloc[0]) if "adjust" in t.columns and pd.notna(t["adjust"].iloc[0]) else ""

    def known(row) -> str:
        return (f"{name(row['group'])}: {_num(row['count'])} of {_num(n)} appointees known "
                f"(up to {_num(row['count_max'])} possible)")

    if not has_base:
        rows = named.sort_values(["count", "group"], ascending=[False, True], kind="stable")
        if rows.empty:
            return Headline(None, None, None, None, n, None, None, None, None, None, adjust, False, False, "",
                            f"{_num(n)} appointees, none of a known group")
        top = rows.iloc[0]
        return Headline(str(top["group"]), None, float(top["count"]), float(top["count_max"]), n, None, None, None,
                        None, None, adjust, False, False, "", f"{known(top)}; no baseline to compare with")

    groups = named[named["baseline_share"].notna()]
    share = groups["baseline_share"].astype(float)
    p_low_known, p_low_max = _pcol(groups, "p_le_count"), _pcol(groups, "p_le_count_max")
    p_high_known, p_high_max = _pcol(groups, "p_ge_count"), _pcol(groups, "p_ge_count_max")
    order = {g: i for i, g in enumerate(groups.index)}

    held = []  # (gap at the end that holds, -order, index, direction)
    if p_low_max is not None:
        gap = share - groups["count_max"].astype(float) / n
        held += [(float(gap[i]), -order[i], i, "under") for i in groups.index[(p_low_max < alpha).fillna(False)]]
    if p_high_known is not None:
        gap = groups["count"].astype(float) / n - share
        held += [(float(gap[i]), -order[i], i, "over") for i in groups.index[(p_high_known < alpha).fillna(False)]]
    chosen = None
    if held:
        _, _, index, direction = max(held)
        chosen = (index, direction, True)
    else:
        cands = []  # (p at the known count, order, index, direction)
        known_share = groups["count"].astype(float) / n
        # too few by the known values alone: significant if none of the unknown and disputed tags is in the
        # group. A surplus that needs every unknown tag to fall in one group is no story (a group of one known
        # member against a share of 0.5 % would lead every page), so too many is told only where it holds.
        if p_low_known is not None:
            cands += [(float(p_low_known[i]), order[i], i, "under")
                      for i in groups.index[((p_low_known < alpha) & (known_share < share)).fillna(False)]]
        if cands:
            _, _, index, direction = min(cands)
            chosen = (index, direction, False)

    def figures(index, direction):
        row = groups.loc[index]
        if direction == "under":
            lo, hi = (p_low_known, p_low_max)
        else:
            lo, hi = (p_high_max, p_high_known)
        p_min = _number(lo[index]) if lo is not None else None
        p_max = _number(hi[index]) if hi is not None else None
        s = float(row["baseline_share"])
        s_low = _number(row["baseline_low"]) if "baseline_low" in row.index else None
        s_high = _number(row["baseline_high"]) if "baseline_high" in row.index else None
        return row, p_min, p_max, s, (s if s_low is None else s_low), (s if s_high is None else s_high)

    def against(row, s, s_low, s_high) -> str:
        ranged = s_low is not None and s_high is not None and _pct(s_low) != _pct(s_high)
        return (f"against {_pct(s)}{f' (range {_pct_range(s_low, s_high)})' if ranged else ''} of the {word} "
                f"({name(base)})")

    def p_words(p_min, p_max) -> str:
        how = {"holm": ", Holm", "bonferroni": ", Bonferroni"}.get(adjust.lower(), "")
        if p_min is None or p_max is None:
            return ""
        text = _prob(p_min) if _prob(p_min) == _prob(p_max) else f"{_prob(p_min)} to {_prob(p_max)}"
        return f"p = {text}{how}"

    if chosen is not None:
        index, direction, holds = chosen
        row, p_min, p_max, s, s_low, s_high = figures(index, direction)
        few = "too few" if direction == "under" else "too many"
        verdict = (f"{few} whatever the unknowns are" if holds else
                   f"{few} only if the unknown and disputed tags fall {'outside' if direction == 'under' else 'in'} "
                   "the group")
        ps = p_words(p_min, p_max)
        sentence = f"{known(row)} {against(row, s, s_low, s_high)}: {verdict}" + (f" ({ps})" if ps else "")
        return Headline(str(row["group"]), direction, float(row["count"]), float(row["count_max"]), n, s, s_low,
                        s_high, p_min, p_max, adjust, holds, True, base, sentence)

    # no gap beyond chance: the largest in points, in the direction of its known share
    gaps = (groups["count"].astype(float) / n - share)
    index = gaps.abs().sort_values(ascending=False, kind="stable").index[0]
    direction = "under" if gaps[index] < 0 else "over"
    row, p_min, p_max, s, s_low, s_high = figures(index, direction)
    sentence = f"{known(row)} {against(row, s, s_low, s_high)}: the largest gap, and no gap is beyond chance"
    return Headline(str(row["group"]), direction, float(row["count"]), float(row["count_max"]), n, s, s_low, s_high,
                    p_min, p_max, adjust, False, False, base, sentence)
