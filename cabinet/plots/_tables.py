"""What a chart's table holds: checking it, and naming its baseline and roster.

Every chart takes the tidy table of an analysis function. These helpers check
that the table has the columns the chart needs, name the baseline and the
roster in the caption, and refuse a table a chart cannot draw (an Afghan-only
chart given a foreign roster) with a sentence that says what to do instead.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._style import _literal, _num, _versions


def _require(data, columns, what):
    if not isinstance(data, pd.DataFrame):
        raise ValueError(f"{what}: data must be a pandas DataFrame (the table of the analysis function); "
                         f"got {type(data).__name__}")
    missing = [c for c in columns if c not in data.columns]
    if missing:
        raise ValueError(f"{what}: data lacks the column(s) {', '.join(missing)}; "
                         f"expected the table of the analysis function with columns {', '.join(columns)}")
    if data.empty:
        raise ValueError(f"{what}: data is empty; nothing to draw")


def _first_block(data: pd.DataFrame) -> pd.DataFrame:
    """The rows of the first baseline when a table holds one block per baseline."""
    if "baseline" not in data.columns:
        return data
    names = list(dict.fromkeys(data["baseline"].fillna("")))
    if len(names) <= 1:
        return data
    return data[data["baseline"].fillna("") == names[0]]


def _roster_note(data, n=None) -> str:
    as_of = getattr(data, "attrs", {}).get("as_of")
    size = f"{_num(n)} appointees" if n is not None and not pd.isna(n) else "the roster"
    if as_of:
        return f"Roster: {size}, the government as of {as_of}."
    own = getattr(data, "attrs", {}).get("own_roster")
    if own is not None:  # a roster of any body: name its file (not its folder), never the bundled default
        name = own.replace("\\", "/").rsplit("/", 1)[-1]
        return f"Roster: {size}, from {name}." if name else f"Roster: {size}, a roster of your own."
    return f"Roster: {size} (default: the 33 announced on 7 September 2021)."


def _baseline_note(data, notes=True) -> str:
    """Baseline label(s), ids and source ids of a representation table."""
    if "baseline" not in data.columns:
        return ""
    parts = []
    blocks = data.drop_duplicates("baseline") if "baseline" in data.columns else data.head(1)
    for _, row in blocks.iterrows():
        name = str(row.get("baseline", "") or "")
        if not name:
            continue
        label = str(row.get("baseline_label", "") or "")
        sources = [s for s in str(row.get("baseline_sources", "") or "").split(";") if s]
        text = f"{label} [{name}]" if label else f"[{name}]"
        if sources:
            text += f"; source ids: {', '.join(sources)}"
        note = str(row.get("baseline_note", "") or "") if notes else ""
        if note:
            text += f"; note: {note}"
        parts.append(text)
    if not parts:
        return "Baseline: none (no population share is defined for this grouping)."
    head = "Baseline: " if len(parts) == 1 else f"Baselines ({len(parts)}): "
    return head + " | ".join(parts) + "."


def _caption_text(data, *, lead="", n=None, extra="", notes=True) -> str:
    parts = [p for p in (lead, _baseline_note(data, notes), extra, _roster_note(data, n), f"Data: {_versions()}.") if p]
    return _literal(" ".join(parts))


def _int_counts(values, what):
    arr = np.asarray(values, dtype=float)
    if not np.all(np.equal(np.mod(arr, 1), 0)):
        raise ValueError(f"{what} needs whole numbers of appointees (unweighted counts); got {arr.tolist()}")
    return arr.astype(int)


def _baseline_label(t, default="the baseline") -> str:
    """The table's own name for its (first) baseline, escaped."""
    if "baseline_label" in t.columns:
        labels = [str(x) for x in t["baseline_label"].dropna() if str(x).strip()]
        if labels:
            return _literal(labels[0])
    return default


def _is_population(t) -> bool:
    """Whether the table's baseline is one of the package's population counts (NSIA)."""
    if "baseline" not in t.columns or t.empty:
        return False
    return str(t["baseline"].iloc[0]).startswith("nsia")


def _table_by(t) -> str:
    return str(t["by"].iloc[0]) if "by" in t.columns and len(t) and pd.notna(t["by"].iloc[0]) else ""


def _require_afghan(t, *, what, grouping, vocabulary, instead):
    """Refuse a table whose groups are not the Afghan groups a chart draws, with a sentence saying why.

    ``vocabulary`` is the set of groups the chart knows (e.g. the 34
    provinces); a table grouped by something else (its ``by`` column), or with
    groups outside the vocabulary, is refused.
    """
    by = _table_by(t)
    groups = [str(g) for g in t.loc[t["status"] == "group", "group"]] if "status" in t.columns else []
    foreign = [g for g in dict.fromkeys(groups) if g not in vocabulary]
    if (by and by != grouping) or foreign or not groups:
        example = (f"its groups include {', '.join(map(repr, foreign[:3]))}" if foreign else
                   f"it is grouped by {by!r}" if by and by != grouping else "it has no groups")
        raise ValueError(f"{what} draws Afghan {grouping} groups of the bundled data ({', '.join(sorted(vocabulary)[:3])}, "
                         f"...), but this table is not such a table: {example}. For a roster of another body, "
                         f"use {instead}.")
