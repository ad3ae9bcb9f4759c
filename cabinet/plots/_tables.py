"""What a chart's table holds: checking it, and naming its baseline and roster.

Every chart takes the tidy table of an analysis function. These helpers check
that the table has the columns the chart needs, name the baseline and the
roster in the caption, and refuse a table a chart cannot draw (an Afghan-only
chart given a foreign roster) with a sentence that says what to do instead.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import palette
from ._style import _join, _literal, _num
from ..io.datapackage import descriptor
from ..headlines import baseline_name
from ..rosters import ROSTERS


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


def _own(data) -> bool:
    """Whether a table describes a user's own roster (a file of any body, a frame made by hand) set against no
    baseline of the package's: its charts then name neither the bundled roster nor the version of the bundled data."""
    if getattr(data, "attrs", {}).get("own_roster") is None:
        return False
    names = set(data["baseline"].dropna().astype(str)) if "baseline" in getattr(data, "columns", ()) else set()
    # a baseline of one's own is named "user" (a mapping) or by its file; the package's by their ids
    return all(n in ("", "user") or n.lower().endswith((".csv", ".tsv", ".txt")) for n in names)


def _int_counts(values, what):
    arr = np.asarray(values, dtype=float)
    if not np.all(np.equal(np.mod(arr, 1), 0)):
        raise ValueError(f"{what} needs whole numbers of appointees (unweighted counts); got {arr.tolist()}")
    return arr.astype(int)


def _baseline_label(t, default="the baseline") -> str:
    """The table's own name for its (first) baseline, escaped; a file is named by its stem, never by its path."""
    if "baseline_label" in t.columns and any(str(x).strip() for x in t["baseline_label"].dropna()):
        return _literal(baseline_name(t))
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


#: The publisher of each bundled baseline, as a reader knows it (the ids and the mirrors that carry the figures
#: live in the report's list of sources and in the data package).
_PUBLISHERS = {
    "nsia_1398": "NSIA (Afghanistan's statistics office), 1398",
    "nsia_1400": "NSIA (Afghanistan's statistics office), 1400",
    "cia_wfb_2010": "CIA World Factbook",
    "usdos_2010": "US State Department",
    "dra_atlas_1980": "National Atlas of Afghanistan",
    "eon_2006": "Encyclopedia of the Nations",
    "loc_cs_1997": "Library of Congress",
    "abc_bbc_2004": "ABC/BBC poll",
    "movement": "the movement's cadre pool (cabinet data package)",
}
_SHORT_PUBLISHERS = {"nsia_1398": "NSIA", "nsia_1400": "NSIA", "cia_wfb_2010": "CIA", "usdos_2010": "US State Dept",
                     "dra_atlas_1980": "DRA atlas", "eon_2006": "Enc. of Nations", "loc_cs_1997": "Library of Congress",
                     "abc_bbc_2004": "ABC/BBC"}


def _bundled(t) -> bool:
    """Whether the table describes one of the package's own rosters (its ``attrs["roster"]`` names one)."""
    return palette.roster_key((getattr(t, "attrs", {}) or {}).get("roster")) != "roster"


def _baseline_ids(t) -> list:
    if "baseline" not in t.columns:
        return []
    return [str(b) for b in dict.fromkeys(t["baseline"].dropna().astype(str)) if b]


def _publisher(t, base_id, short=False) -> str:
    table = _SHORT_PUBLISHERS if short else _PUBLISHERS
    if base_id in table:
        return table[base_id]
    if base_id.startswith("movement"):
        return _PUBLISHERS["movement"]
    rows = t[t["baseline"].astype(str) == base_id] if "baseline" in t.columns else t.iloc[:0]
    label = str(rows["baseline_label"].iloc[0]) if len(rows) and "baseline_label" in rows.columns else base_id
    if label.startswith("user-supplied"):  # a baseline of your own: name its file, not its path
        import re

        m = re.search(r"\(([^()]*)\)\s*$", label)
        label = f"your baseline ({m.group(1).replace(chr(92), '/').split('/')[-1]})" if m else "your baseline"
    return _literal(label)


def _source_line(t, *, what="population", roster_source=None) -> list[str]:
    """The chart's ``Source:`` line, longest first: who published the roster's data and its baseline.

    Publishers, not ids: the ids live in the report's list of sources and in the data package.
    """
    from .. import __version__  # noqa: F401  (the data package's version names the compilation)

    version = descriptor().get("version", "?")
    if roster_source is not None:
        roster_long = roster_short = roster_source
    elif _bundled(t):
        roster_long = f"appointees' tags from news reports and official statements, cabinet data package {version}"
        roster_short = f"cabinet data package {version}"
    else:
        own = str((getattr(t, "attrs", {}) or {}).get("own_roster") or "").replace("\\", "/").rsplit("/", 1)[-1]
        roster_long = f"the roster given ({own})" if own else "the roster given"
        roster_short = own or "the roster given"
    ids = _baseline_ids(t)
    if not ids:
        return [f"Source: {roster_long}.", f"Source: {roster_short}."]
    longs = [_publisher(t, b) for b in ids]
    shorts = list(dict.fromkeys(_publisher(t, b, short=True) for b in ids))
    if len(ids) == 1:
        return [f"Source: {roster_long}; {what}: {longs[0]}.", f"Source: {roster_short}; {what}: {shorts[0]}.",
                f"Source: {roster_short}; {shorts[0]}.", f"Source: {roster_short}; {what} given."]
    return [f"Source: {roster_long}; {what}: {_join(longs)}.",
            f"Source: {roster_short}; {what}: {_join(shorts)}.",
            f"Source: {roster_short}; {len(ids)} {what} (see the list of sources).",
            f"Source: {roster_short}; {len(ids)} {what}."]


def _roster_words(t, n=None) -> str:
    """Who the chart counts, for a subtitle: "the 33 appointees of 7 September 2021" and the like (a named
    roster's ``who`` in :data:`cabinet.rosters.ROSTERS`)."""
    attrs = getattr(t, "attrs", {}) or {}
    key = palette.roster_key(attrs.get("roster"))
    size = _num(n) if n is not None and not pd.isna(n) else ""
    entry = ROSTERS.get(key)
    if entry is not None and entry.who and ("{as_of}" not in entry.who or attrs.get("as_of")):
        as_of = attrs.get("as_of")
        when = str(pd.Timestamp(as_of).date()) if as_of is not None else ""
        return entry.who.format(n=size, as_of=when).replace("the  ", "the ")
    return f"the {size} people of the roster".replace("the  ", "the ")
