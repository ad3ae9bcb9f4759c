"""Checking files, and reading users' own rosters.

:func:`validate` checks the bundled data package or any table of one, a
roster in the wide form or a roster of any body, and reports every problem
at once. :func:`load_user_roster` reads a roster of any body (another
country's cabinet, a party list) with only a name column required.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from . import datapackage as dp
from ..errors import DataError, NormalisationWarning, Problem
from .csv_files import display_path, read_csv, read_header
from .validation import is_wide
from .roster_checks import check_people_rows, check_spellings
from ._tables import load_stored as _load_stored
from .loaders import check_people as _check_people, load_appointees, load_later_appointments
from .reference_tables import (
    load_ethnic_estimates,
    load_events,
    load_hazarajat_districts,
    load_provinces,
    load_published_tallies,
    load_sources,
    load_tribes,
)


__all__ = [
    "validate",
    "load_user_roster",
]



#: Table name -> the loader :func:`validate` checks it with (default: the stored table's own). The loaders of
#: tables that a roster is built from are added where those rosters are (:mod:`cabinet.rosters`).
TABLE_LOADERS = {
    "sources": load_sources,
    "provinces": load_provinces,
    "tribes": load_tribes,
    "hazarajat_districts": load_hazarajat_districts,
    "ethnic_estimates": load_ethnic_estimates,
    "published_tallies": load_published_tallies,
    "events": load_events,
    "appointees": load_appointees,
    "later_appointments": load_later_appointments,
}


def _loader(name):
    return TABLE_LOADERS.get(name) or _load_stored(name)


def _table_for(path: Path, table: str | None) -> tuple[str, str]:
    """The table ``path`` holds and how it was recognised: ``"table="``, ``"file name"`` or ``"header"``."""
    if table is not None:
        dp.resource(table)  # raises with the allowed names
        return table, "table="
    for name in dp.resource_names():
        if dp.resource(name)["path"] == path.name:
            return name, "file name"
    return _table_from_header(path), "header"


def _assumed(file: str, name: str) -> str:
    """The line that says which table a file was taken to hold, from its header."""
    same = [n for n in dp.resource_names() if n != name and dp.stored_field_names(n) and
            set(dp.stored_field_names(n)) == set(dp.stored_field_names(name))]
    alt = f"; its header also fits {', '.join(same)}: pass --table (table=) to check it as that" if same else ""
    return f"{file}: checked as the {name} table (recognised from its header{alt})"


def _table_from_header(path: Path) -> str:
    """The table whose field names are exactly the file's header columns (in any order).

    ``appointees`` and ``later_appointments`` share one header; such a file is taken as the first
    in the descriptor's order (``appointees``). A file that cannot be read raises its read
    problems; a header that matches no table raises ``ValueError`` naming the closest tables and
    the columns that differ.
    """
    raw = read_header(path, label=display_path(path))
    if not raw.header:
        raise DataError(raw.problems)
    header = {h.strip() for h in raw.header}
    names = dp.resource_names()
    fits = [n for n in names if set(dp.stored_field_names(n)) == header]
    if fits:
        return fits[0]
    if set(_IDENTITY) <= header and is_wide(header):  # a roster in the wide form, tags in its own cells
        return "appointees"

    def listed(cols: list[str]) -> str:
        shown = ", ".join(map(repr, cols[:4]))
        return shown + (f" and {len(cols) - 4} more" if len(cols) > 4 else "")

    def similarity(n: str) -> float:
        fields = set(dp.stored_field_names(n))
        return len(header & fields) / len(header | fields)

    best = max(map(similarity, names))
    ranked = sorted((n for n in names if similarity(n) > 0 and similarity(n) >= best / 2), key=similarity,
                    reverse=True)[:3]
    closest = []
    for n in ranked:
        missing = [f for f in dp.stored_field_names(n) if f not in header]
        unexpected = sorted(header - set(dp.stored_field_names(n)))
        diff = "; ".join(part for part in (f"missing {listed(missing)}" if missing else "",
                                           f"unexpected {listed(unexpected)}" if unexpected else "") if part)
        closest.append(f"{n} ({diff})")
    hint = f"; closest: {', '.join(closest)}" if closest else ""
    raise ValueError(f"{display_path(path)}: cannot tell which table this file holds: its name is none of "
                     f"{', '.join(dp.resource(n)['path'] for n in names)}, and its header matches no table's "
                     f"columns{hint}. Fix the header, or pass table= (--table) with one of {', '.join(names)}")


def validate(paths=None, *, table: str | None = None) -> pd.DataFrame:
    """Validate data files, or the whole bundled data package.

    Parameters
    ----------
    paths : list of str or os.PathLike, optional
        Files or folders holding a whole data package. Default: the bundled
        data package. A file's table is recognised by its file name (e.g.
        ``appointees.csv``), or else by its header: the table whose columns
        are exactly the header's, in any order (a header that fits both
        ``appointees`` and ``later_appointments`` is taken as ``appointees``).
    table : str, optional
        Treat every file in ``paths`` as this table (e.g. ``"later_appointments"``
        for a file under another name).

    Returns
    -------
    pandas.DataFrame
        One row per table checked: ``file``, ``table``, ``rows``,
        ``normalised`` and ``recognised_by`` (``"folder"``, ``"file name"``,
        ``"header"`` or ``"table="``): how its table was chosen.

    Raises
    ------
    DataError
        Listing every problem in every file (all files are checked first).
        Its notes (``__notes__``) name each file whose table was recognised
        from its header.
    ValueError
        For a file whose name and header fit no table: the message names the
        closest tables and the columns that differ.

    Examples
    --------
    >>> summary = validate()
    >>> summary.loc[summary["table"] == "appointees", "rows"].item()
    33
    """
    targets: list[tuple[Path, str, str]] = []
    for p in (paths or [dp.data_dir()]):
        p = Path(p)
        if p.is_dir():
            targets += [(p / dp.resource(n)["path"], n, "folder") for n in dp.resource_names()]
        else:
            targets.append((p, *_table_for(p, table)))
    problems: list[Problem] = []
    rows = []
    loaded = {}
    for path, name, how in targets:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", NormalisationWarning)
                frame = _loader(name)(path)
        except DataError as err:
            problems.extend(err.problems)
            continue
        loaded[(str(path.resolve().parent), name)] = frame
        rows.append({"file": display_path(path), "table": name, "rows": len(frame),
                     "normalised": len(frame.attrs.get("normalised", ())), "recognised_by": how})
    for (folder, name), frame in loaded.items():
        if name == "sources":
            known = set(frame["source_id"])
            own = Path(folder) / "datapackage.json"  # a copy of the package brings its own descriptor
            desc = json.loads(own.read_text(encoding="utf-8")) if own.is_file() else dp.descriptor()
            for res in desc.get("resources", []):
                for fld in res.get("schema", {}).get("fields", []):
                    for sid in fld.get("cabinet:sources", []):
                        if sid not in known:
                            problems.append(Problem(display_path(own) if own.is_file() else "datapackage.json", None,
                                                    f"{res.get('name')}.{fld['name']}", sid,
                                                    "column-level source id not listed in sources.csv",
                                                    allowed="a source_id of sources.csv"))
        if name == "departures":
            from .departure_rules import check_departures
            apps = [loaded.get((folder, n)) for n in ("appointees", "later_appointments")]
            try:
                apps = [a if a is not None else _loader(n)(Path(folder) / dp.resource(n)["path"]
                                                           if (Path(folder) / dp.resource(n)["path"]).is_file() else None)
                        for a, n in zip(apps, ("appointees", "later_appointments"))]
            except DataError:
                apps = []  # the appointments' own problems are reported where they are validated
            problems.extend(check_departures(frame, apps))
        if name == "appointees" and (folder, "later_appointments") in loaded:
            try:
                _check_people([frame, loaded[(folder, "later_appointments")]])
            except DataError as err:
                problems.extend(err.problems)
    if problems:
        error = DataError(list(dict.fromkeys(problems)))  # a reference table's problem is met once per user
        for path, name, how in targets:
            if how == "header":
                error.add_note(_assumed(display_path(path), name))
        raise error
    return pd.DataFrame(rows, columns=["file", "table", "rows", "normalised", "recognised_by"])


#: The identity columns a roster in the wide form needs (the rest may be left out or are tags).
_IDENTITY = ("appointment_id", "person_id", "name", "post", "position_class", "body", "announced")


def is_appointees_header(path) -> bool:
    """Whether a file is an appointments table: the stored form of the data package or the wide form."""
    raw = read_header(path)
    header = {h.strip() for h in raw.header}
    return bool(raw.header) and set(_IDENTITY) <= header and (
        set(dp.stored_field_names("appointees")) <= header or is_wide(header))


def _frame_of_rows(raw, header, label, problems):
    """The rows of the header's width as a frame of strings, and their line numbers; other rows are problems."""
    width = len(header)
    lines = np.asarray(raw.lines, dtype=np.int64)
    if raw.frame is not None:  # read by the fast path: every row is as wide as the header
        frame = raw.frame.copy(deep=False)
        frame.columns = header
        return frame, lines
    rows = raw.rows
    widths = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
    wrong = widths != width
    if wrong.any():
        for j in np.flatnonzero(wrong):
            problems.append(Problem(label, int(lines[j]), None, None,
                                    f"row has {widths[j]} fields but the header has {width}",
                                    allowed="one field per header column; quote fields that contain commas"))
        rows = [r for r, bad in zip(rows, wrong) if not bad]
        lines = lines[~wrong]
    if not rows:
        return pd.DataFrame(columns=header, dtype=object), lines
    columns = list(zip(*rows))
    frame = pd.DataFrame({j: np.array(c, dtype=object) for j, c in enumerate(columns)})
    frame.columns = header
    return frame, lines


def load_user_roster(path, *, name_column: str = "name", duplicates: str = "refuse") -> pd.DataFrame:
    """Load a roster of any body: a ``name`` column and one column per tag.

    For cabinets other than the Afghan one, where provinces, tribes and
    sources of this data package do not apply. Every column other than
    ``name_column`` is a tag column read the way the data package reads its
    tags: ``unknown`` for an unknown value, candidates separated by ``|`` for a
    dispute. Group by any of them with :func:`cabinet.representation`
    (``by="<column>"``) and pass your own ``baseline``.

    Checks, all reported together in one :class:`~cabinet.errors.DataError`:
    UTF-8 text, a header with unique column names including ``name_column``,
    the same number of fields on every row, no empty cell (write ``unknown``),
    and the checks of a roster as a roster (:mod:`cabinet.io.roster_checks`):
    each person once (the same name, or the same ``person_id`` or ``id``:
    refused, or merged with ``duplicates="merge"``, which says so in
    ``attrs["merged"]`` and a warning), one value of each tag per person (two
    rows of one person with different values: an error naming both lines),
    and one spelling per value (``Central`` and ``central``: "did you mean").
    White space around values is removed and reported, as everywhere.

    Parameters
    ----------
    path : str or os.PathLike
    name_column : str
        The column holding each person's name (default ``name``).
    duplicates : {"refuse", "merge"}
        What to do with a person listed twice whose rows agree (default
        ``refuse``: an error naming both lines).

    Returns
    -------
    pandas.DataFrame
        Strings, one row per person, with ``name`` as the name column.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "council.csv"
    >>> _ = p.write_text("name,district\\nA,North\\nB,unknown\\nC,North|South\\n", encoding="utf-8")
    >>> load_user_roster(p)["district"].tolist()
    ['North', 'unknown', 'North|South']
    """
    label = display_path(path)
    raw = read_csv(path, label=label)
    problems = list(raw.problems)
    header = [h.strip() for h in raw.header]
    if raw.header and name_column not in header:
        problems.append(Problem(label, 1, name_column, None, f"a roster needs a {name_column!r} column",
                                allowed="a header with a name column and one column per tag"))
    seen = set()
    for h in header:
        if h in seen:
            problems.append(Problem(label, 1, h, h, "column appears more than once in the header", allowed="each column once"))
        seen.add(h)
        if not h:
            problems.append(Problem(label, 1, h, h, "empty column name", allowed="a name for every column"))
    if problems:
        raise DataError(problems)
    frame, lines = _frame_of_rows(raw, header, label, problems)
    normalised = []
    given = {}  # the cells as written, for the messages about empty ones
    for col in frame.columns if raw.padded else ():
        s = given[col] = frame[col]
        stripped = s.str.strip()
        changed = stripped.ne(s).to_numpy()
        if changed.any():
            for j in np.flatnonzero(changed):
                normalised.append({"file": label, "line": int(lines[j]), "column": col, "original": s.iat[j],
                                   "normalised": stripped.iat[j], "reason": "white space around the value"})
            frame[col] = stripped
    for k, col in enumerate(frame.columns):
        if raw.empty is not None and not raw.padded:  # the fast path found the empty cells as it read
            empty = raw.empty.get(k)
            if empty is None:
                continue
        else:
            empty = frame[col].eq("").to_numpy()
        for j in np.flatnonzero(empty):
            problems.append(Problem(label, int(lines[j]), col, given.get(col, frame[col]).iat[j], "empty cell",
                                    allowed="a value, or 'unknown' when no source states it"))
    merged: list[str] = []
    if not problems:  # the checks of a roster as a roster, on cells that are all there
        named = frame.rename(columns={name_column: "name"}) if name_column != "name" else frame
        problems.extend(check_spellings(named, lines, label))
        frame, more, merged = check_people_rows(named, lines, label, duplicates)
        problems.extend(more)
    if problems:
        raise DataError(sorted(problems, key=lambda p: (p.line or 0, str(p.column))))
    if name_column != "name":
        frame = frame.rename(columns={name_column: "name"})
    frame.attrs["source_file"] = str(path)
    frame.attrs["normalised"] = normalised
    frame.attrs["merged"] = merged
    if normalised:
        warnings.warn(f"{label}: normalised {len(normalised)} value(s); see .attrs['normalised']",
                      NormalisationWarning, stacklevel=2)
    if merged:
        warnings.warn(f"{label}: {len(merged)} person(s) listed more than once, merged as asked: "
                      + "; ".join(merged) + ".", NormalisationWarning, stacklevel=2)
    return frame
