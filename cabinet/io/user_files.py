"""Checking files, and reading users' own rosters.

:func:`validate` checks the bundled data package or any table of one, a
roster in the wide form or a roster of any body, and reports every problem
at once. :func:`load_user_roster` reads a roster of any body (another
country's cabinet, a party list) with only a name column required.
"""

from __future__ import annotations

import json
import os
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from . import datapackage as dp
from ..errors import DataError, NormalisationWarning, Problem
from .csv_files import as_given, display_path, read_csv, read_header
from .validation import check_table, is_wide, misfits
from ._tables import _references_cached, folder_of, full_key, load_stored as _load_stored
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
from .departure_rules import check_departures


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


def _table_for(path: Path, table: str | None) -> tuple[str, str, str]:
    """The table ``path`` holds, how it was recognised (``"table="``, ``"file name"`` or ``"header"``) and why.

    The third item says, for a file recognised from its header, what else the
    header fits and what in the rows decided (empty otherwise).
    """
    if table is not None:
        dp.resource(table)  # raises with the allowed names
        return table, "table=", ""
    for name in dp.resource_names():
        if dp.resource(name)["path"] == path.name:
            return name, "file name", ""
    name, why = _table_from_header(path)
    return name, "header", why


def _and(names) -> str:
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _assumed(file: str, name: str, why: str = "") -> str:
    """The line that says which table a file was taken to hold, from its header (and rows)."""
    if why:
        return f"{file}: checked as the {name} table (recognised from its header and rows: {why})"
    same = [n for n in dp.resource_names() if n != name and dp.stored_field_names(n) and
            set(dp.stored_field_names(n)) == set(dp.stored_field_names(name))]
    alt = f"; its header also fits {', '.join(same)}: pass --table (table=) to check it as that" if same else ""
    return f"{file}: checked as the {name} table (recognised from its header{alt})"


def _table_from_header(path: Path) -> tuple[str, str]:
    """The table whose field names are exactly the file's header columns (in any order), and why.

    Several tables share one header (the appointments tables of the package;
    ``appointee_facts`` and ``later_facts``): the rows
    then decide (:func:`_choose_by_rows`), or the file is refused with the
    candidates and the ``--table`` to use. A file that cannot be read raises its
    read problems; a header that matches no table raises ``ValueError`` naming
    the closest tables and the columns that differ.
    """
    raw = read_header(path, label=display_path(path))
    if not raw.header:
        raise DataError(raw.problems)
    header = {h.strip() for h in raw.header}
    names = dp.resource_names()
    fits = [n for n in names if set(dp.stored_field_names(n)) == header]
    if len(fits) == 1:
        return fits[0], ""
    if fits:
        return _choose_by_rows(path, fits)
    if set(_IDENTITY) <= header and is_wide(header):  # a roster in the wide form, tags in its own cells
        return "appointees", ""

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
                     f"columns{hint}. Fix the header (a roster of any body needs a 'name' column and one column per "
                     f"tag), or pass table= (--table) with one of {', '.join(names)}")


def _differing_columns(names) -> list[str]:
    """The columns whose definition (type, constraints) differs between tables of one header."""
    def spec(name, col):
        f = next(f for f in dp.resource(name)["schema"]["fields"] if f["name"] == col)
        return json.dumps({k: v for k, v in f.items() if k in ("type", "format", "constraints")}, sort_keys=True)

    cols = dp.stored_field_names(names[0])
    return [c for c in cols if len({spec(n, c) for n in names}) > 1]


def _misfit_text(name: str, problems) -> str:
    lines = sorted({p.line for p in problems})
    p = problems[0]
    return (f"{name} does not fit {len(lines)} of them (line {p.line}, {p.column} {p.value!r}: {p.message}"
            + (f"; allowed: {p.allowed}" if p.allowed else "") + ")")


def _choose_by_rows(path: Path, fits: list[str]) -> tuple[str, str]:
    """Of the tables whose header the file has, the one its rows hold, and why; else refuse naming them.

    The rows are checked, for each candidate, in the columns whose definitions
    differ (:func:`cabinet.validation.misfits`). When several candidates fit,
    the ids decide: a companion file beside it (the facts table of an
    appointments table, the appointments table of a facts table) that holds
    the same ids, or else the data package's own table with the same ids.
    """
    shown = display_path(path)
    raw = read_csv(path, label=shown)
    if not raw.header:
        raise DataError(raw.problems)
    differing = _differing_columns(fits)
    bad = {n: misfits(n, raw, differing) for n in fits}
    count = {n: len({p.line for p in bad[n]}) for n in fits}
    least = min(count.values())
    others = "; ".join(_misfit_text(n, bad[n]) for n in fits if bad[n])
    if least and 2 * least >= len(raw.lines):
        raise ValueError(f"{shown}: cannot tell which table this file holds: its header fits {_and(fits)}, and its "
                         f"rows fit none of them ({others}). Pass --table (table=) with the table it is meant to "
                         "be, to see every problem it has as that table")
    ok = [n for n in fits if count[n] == least]
    rest = [n for n in fits if n not in ok]
    fewer = f", but {'; '.join(_misfit_text(n, bad[n]) for n in rest)}" if rest else ""
    if len(ok) == 1:
        return ok[0], f"its header also fits {_and([n for n in fits if n != ok[0]])}{fewer}"
    chosen, evidence = _by_ids(path, raw, ok)
    if chosen is None:
        raise ValueError(f"{shown}: cannot tell which table this file holds: its header and rows fit {_and(ok)} "
                         f"alike{' (' + others + ')' if others else ''}, and neither a file beside it nor the data "
                         f"package's own tables hold its ids. Pass --table (table=) with one of {', '.join(ok)}")
    return chosen, (f"its header also fits {_and([n for n in fits if n != chosen])}{fewer}; {evidence}; pass "
                    "--table (table=) to check it as another")


#: Tables a table's loader reads from the file's own folder, beyond the reference tables:
#: its facts (tags and sources of each row), or the table whose rows it describes.
#: A facts table is the ``*_facts`` table whose first foreign key names the table it describes.
_FACTS_OF = {fk["reference"]["resource"]: name for name in dp.resource_names() if name.endswith("_facts")
             for fk in (dp.resource(name)["schema"].get("foreignKeys") or [])[:1]}


def _companions(name: str) -> list[tuple[str, str]]:
    """(table, what it holds for ``name``) of every table the loader of ``name`` reads beside the file."""
    if name in _FACTS_OF:
        return [(_FACTS_OF[name], "its tags and the sources of every row")]
    parent = {v: k for k, v in _FACTS_OF.items()}.get(name)
    if parent is not None:
        key = dp.stored_field_names(name)[0]
        return [(parent, f"that every {key} names a row of {dp.resource(parent)['path']}")]
    sources_of = dp.resource(name).get("cabinet:sources_of")
    if sources_of:
        fk = next(fk for fk in dp.resource(name)["schema"].get("foreignKeys", [])
                  if fk["reference"].get("resource") == sources_of)
        return [(sources_of, f"that every {', '.join(fk['fields'])} names a row of "
                             f"{dp.resource(sources_of)['path']}")]
    link = dp.link_table(name)
    if link is not None:
        return [(link, "the sources of its rows")]
    return []


def _key_values(path: Path, column: str) -> set[str]:
    raw = read_csv(path, label=display_path(path))
    header = [h.strip() for h in raw.header]
    if column not in header:
        return set()
    j = header.index(column)
    return {r[j].strip() for r in raw.rows if len(r) > j and r[j].strip()}


def _by_ids(path: Path, raw, ok: list[str]) -> tuple[str | None, str]:
    """The one candidate whose companion beside the file, or whose bundled table, holds the file's ids."""
    key = dp.stored_field_names(ok[0])[0]
    header = [h.strip() for h in raw.header]
    j = header.index(key)
    ids = {r[j].strip() for r in raw.rows if len(r) > j and r[j].strip()}
    if not ids:
        return None, ""
    beside = {}
    for n in ok:
        for companion, _ in _companions(n):
            other = path.parent / dp.resource(companion)["path"]
            if other.resolve() != path.resolve() and other.is_file():
                beside[n] = (other.name, len(ids & _key_values(other, key)))
    held = [n for n in ok if beside.get(n, ("", 0))[1] > 0]
    if len(held) == 1:
        name, k = beside[held[0]]
        return held[0], f"{name} beside it holds {k} of its {len(ids)} {key}s"
    bundled = {n: len(ids & _key_values(dp.data_dir() / dp.resource(n)["path"], key)) for n in ok}
    best = max(bundled.values())
    top = [n for n in ok if bundled[n] == best]
    if best > 0 and len(top) == 1:
        example = sorted(ids & _key_values(dp.data_dir() / dp.resource(top[0])["path"], key))[0]
        return top[0], (f"{bundled[top[0]]} of its {len(ids)} {key}s (such as {example!r}) are those of the data "
                        f"package's {dp.resource(top[0])['path']}")
    return None, ""


def _check_alone(name: str, path: Path):
    """Check ``path`` as table ``name`` on its own: schema, keys, and references to the tables there are.

    For a table copied out of its data package: the companions its loader
    would read beside it (:func:`_companions`) are not there, so the checks
    that need them are left out (and said so by the caller); every other
    check runs. Raises DataError listing the problems; returns the rows as
    strings.
    """
    refs = _references_cached(full_key(folder_of(path)))
    raw = read_csv(path, label=display_path(path))
    frame, normalised, problems = check_table(name, raw, refs)
    if problems:
        raise DataError(as_given(problems, path))
    frame.attrs["normalised"] = normalised
    frame.attrs["lines"] = np.asarray(raw.lines[: len(frame)], dtype=np.int64)
    return frame


def _missing_companions(name: str, path: Path) -> list[tuple[str, str]]:
    """The companions of table ``name`` (:func:`_companions`) that are not beside ``path``."""
    if name in dp.FACTS_TABLES and is_wide(read_header(path).header):
        return []  # a roster in the wide form carries its own tags and sources
    return [(c, what) for c, what in _companions(name) if not (path.parent / dp.resource(c)["path"]).is_file()]


def _alone_note(file: str, name: str, missing) -> str:
    """The sentence that says what a table checked on its own was not checked for, and why."""
    parts = "; ".join(f"{what}, which a data package keeps in {dp.resource(c)['path']}" for c, what in missing)
    names = _and([dp.resource(c)["path"] for c, _ in missing])
    folder = os.path.dirname(file)
    where = f" in {folder}" if folder else ""
    wide = (" (or give the tags as columns of the file itself: the wide form, see data/codebook.md)"
            if name in dp.FACTS_TABLES else "")
    return (f"{file}: checked as the {name} table on its own; not checked: {parts}. No {names} is beside it"
            f"{where}: copy the data package's {names} there to check {'it' if len(missing) == 1 else 'them'} "
            f"too{wide}")


def _data_rows(name: str, path: Path, frame: pd.DataFrame) -> int:
    """The data rows of the file (below its header), which a loader may have grouped (the pool: one row a person)."""
    if name == "movement_pool":
        return len(_load_stored("movement_pool")(path))
    lines = frame.attrs.get("lines")
    return len(lines) if lines is not None else len(frame)


def validate(paths=None, *, table: str | None = None) -> pd.DataFrame:
    """Validate data files, or the whole bundled data package.

    Parameters
    ----------
    paths : list of str or os.PathLike, optional
        Files or folders holding a whole data package. Default: the bundled
        data package. A file's table is recognised by its file name (e.g.
        ``appointees.csv``), or else by its header: the table whose columns
        are exactly the header's, in any order. Where the header fits several
        tables (the appointments tables of the package share one), the rows decide: the table whose
        ids, classes and dates they fit; among tables they fit alike, the one
        whose companion file beside it (its facts table) or whose bundled
        table holds the same ids. Otherwise the file is refused, naming the
        candidates.
    table : str, optional
        Treat every file in ``paths`` as this table (e.g. ``"later_appointments"``
        for a file under another name).

    A table copied out of its data package is checked on its own where the
    files its loader reads beside it (its facts table; the table its rows
    describe; its sources) are missing: every check that does not need them
    runs, and ``note`` says which did not and what file would allow it.

    Returns
    -------
    pandas.DataFrame
        One row per table checked: ``file`` (as given), ``table``, ``rows``
        (the file's data rows, below its header line), ``normalised``,
        ``recognised_by`` (``"folder"``, ``"file name"``, ``"header"`` or
        ``"table="``): how its table was chosen, and ``note``: what decided
        the table when the header fits several, and what a table checked on
        its own was not checked for ("" when nothing).

    Raises
    ------
    DataError
        Listing every problem in every file (all files are checked first).
        Its notes (``__notes__``) name each file whose table was recognised
        from its header.
    ValueError
        For a file whose name and header fit no table, or whose header and
        rows fit several alike: the message names the candidate tables.

    Examples
    --------
    >>> summary = validate()
    >>> summary.loc[summary["table"] == "appointees", "rows"].item()
    33
    """
    targets: list[tuple[Path, str, str, str]] = []
    for p in (paths or [dp.data_dir()]):
        p = Path(p)
        if p.is_dir():
            targets += [(p / dp.resource(n)["path"], n, "folder", "") for n in dp.resource_names()]
        else:
            targets.append((p, *_table_for(p, table)))
    problems: list[Problem] = []
    rows = []
    loaded = {}
    notes = {}

    def shown(path: Path) -> str:  # as the user gave it; the bundled files relative to the working folder
        return display_path(path) if paths is None else os.fspath(path)

    for path, name, how, why in targets:
        missing = _missing_companions(name, path) if how != "folder" and path.is_file() else []
        note = _alone_note(shown(path), name, missing) if missing else ""
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", NormalisationWarning)
                frame = _check_alone(name, path) if missing else _loader(name)(path)
        except DataError as err:
            problems.extend(err.problems)
            if note:
                notes[str(path)] = note
            continue
        if not missing:
            loaded[(str(path.resolve().parent), name)] = frame
        rows.append({"file": shown(path), "table": name, "rows": _data_rows(name, path, frame),
                     "normalised": len(frame.attrs.get("normalised", ())), "recognised_by": how,
                     "note": "\n".join(x for x in (_assumed(shown(path), name, why) if how == "header" else "", note) if x)})
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
        for path, name, how, why in targets:
            if how == "header":
                error.add_note(_assumed(shown(path), name, why))
            if str(path) in notes:
                error.add_note(notes[str(path)])
        raise error
    return pd.DataFrame(rows, columns=["file", "table", "rows", "normalised", "recognised_by", "note"])


#: The identity columns a roster in the wide form needs (the rest may be left out or are tags).
_IDENTITY = ("appointment_id", "person_id", "name", "post", "position_class", "body", "announced")


def is_appointees_header(path) -> bool:
    """Whether a file is an appointments table: the stored form of the data package or the wide form."""
    raw = read_header(path)
    header = {h.strip() for h in raw.header}
    return bool(raw.header) and set(_IDENTITY) <= header and (
        set(dp.stored_field_names("appointees")) <= header or is_wide(header))


def appointments_table(path) -> str:
    """Which appointments table a roster file in the data package's form holds.

    ``appointees`` (the form every roster command takes), unless its header is
    the stored form shared by several tables and its rows say it is another
    (:func:`_choose_by_rows`): a copy of another body's appointments table is
    that table, not a Taliban roster with dozens of problems.
    """
    header = {h.strip() for h in read_header(path).header}
    fits = [n for n in dp.resource_names() if n in _FACTS_OF and set(dp.stored_field_names(n)) == header]
    if len(fits) < 2:
        return "appointees"
    try:
        return _choose_by_rows(Path(path), fits)[0]
    except (ValueError, DataError):  # rows that fit none, or several alike: checked as the roster form
        return "appointees"


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


def load_user_roster(path, *, name_column: str = "name") -> pd.DataFrame:
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
    and unique values in a ``person_id`` or ``id`` column when there is one.
    White space around values is removed and reported, as everywhere.

    Parameters
    ----------
    path : str or os.PathLike
    name_column : str
        The column holding each person's name (default ``name``).

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
    label = os.fspath(path)  # as given
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
    for key in ("person_id", "id"):
        if key in frame.columns:
            dup = frame[key].duplicated(keep=False)
            for i in dup[dup].index:
                problems.append(Problem(label, int(lines[i]), key, frame.at[i, key], "duplicate id",  # type: ignore[arg-type]  # an object column of str
                                        allowed="a value not used on any other row"))
    if problems:
        raise DataError(sorted(problems, key=lambda p: (p.line or 0, str(p.column))))
    if name_column != "name":
        frame = frame.rename(columns={name_column: "name"})
    frame.attrs["source_file"] = str(path)
    frame.attrs["any_body"] = True  # a roster of any body, not of the bundled data: its charts do not name the 33
    frame.attrs["normalised"] = normalised
    if normalised:
        warnings.warn(f"{label}: normalised {len(normalised)} value(s); see .attrs['normalised']",
                      NormalisationWarning, stacklevel=2)
    return frame
