"""Loaders for the bundled data package and for users' own files.

Each ``load_*`` function reads one table, checks it against
``datapackage.json`` with the shared validator, and returns a DataFrame typed
as the schema says. Any violation raises :class:`~cabinet.errors.DataError`
listing every problem with file, line, column, value and what is allowed.
Normalised spellings are listed in ``frame.attrs["normalised"]`` and announced
with a :class:`~cabinet.errors.NormalisationWarning`.
"""

from __future__ import annotations

import datetime as _dt
import os
import warnings
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from . import datapackage as dp
from .errors import DataError, NormalisationWarning, Problem
from .validation import References, check_table, display_path, read_csv, variants_map

__all__ = [
    "load_appointees",
    "load_later_appointments",
    "load_roster",
    "load_provinces",
    "load_ethnic_estimates",
    "load_sources",
    "load_tribes",
    "load_hazarajat_districts",
    "load_published_tallies",
    "load_events",
    "announcement_dates",
    "validate",
    "load_user_roster",
    "PERSON_FIELDS",
]

#: Columns that describe the person rather than the post; they must agree
#: across every appointment of the same ``person_id``.
PERSON_FIELDS = ("province", "district", "ethnicity", "tribe", "network")

#: The date of the press conference that announced the 33.
ANNOUNCEMENT_DATE = pd.Timestamp("2021-09-07")


def _bundled(name: str) -> Path:
    return dp.data_dir() / dp.resource(name)["path"]


def _stamp(path: Path):
    try:
        st = os.stat(path)
        return (str(Path(path).resolve()), st.st_mtime_ns, st.st_size)
    except OSError:
        return (str(path), None, None)


def _typed(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for f in dp.resource(name)["schema"]["fields"]:
        col = f["name"]
        if col not in out.columns:
            continue
        typ = f.get("type", "string")
        if typ == "integer":
            out[col] = pd.to_numeric(out[col].replace("", None), errors="raise").astype("Int64")
        elif typ == "number":
            out[col] = pd.to_numeric(out[col].replace("", None), errors="raise").astype("float64")
        elif typ == "date":
            out[col] = pd.to_datetime(out[col].replace("", None), format="%Y-%m-%d")
        else:
            out[col] = out[col].astype(object)
    return out


@lru_cache(maxsize=64)
def _load_cached(name: str, stamp, refs_key) -> tuple[pd.DataFrame, pd.DataFrame, np.ndarray]:
    path = stamp[0]
    refs = _references(refs_key) if refs_key is not None else References()
    raw = read_csv(path, label=display_path(path))
    frame, normalised, problems = check_table(name, raw, refs)
    if problems:
        raise DataError(problems)
    lines = np.asarray(raw.lines, dtype=np.int64)
    typed = _typed(name, frame)
    typed.attrs = {}
    return typed, normalised, lines


def _load(name: str, path=None, refs_key=None) -> pd.DataFrame:
    path = Path(path) if path is not None else _bundled(name)
    typed, normalised, lines = _load_cached(name, _stamp(path), refs_key)
    out = typed.copy()
    out.attrs["source_file"] = str(path)
    out.attrs["lines"] = lines.copy()
    out.attrs["normalised"] = normalised.copy()
    if len(normalised):
        shown = "; ".join(f"line {r.line} {r.column}: {r.original!r} -> {r.normalised!r}"
                          for r in normalised.head(5).itertuples())
        more = f" (and {len(normalised) - 5} more)" if len(normalised) > 5 else ""
        warnings.warn(f"{display_path(path)}: normalised {len(normalised)} value(s): {shown}{more}; "
                      "see .attrs['normalised']", NormalisationWarning, stacklevel=3)
    return out


def _sources_key(folder: Path) -> tuple:
    """Cache key for references to ``sources.csv`` of ``folder`` only."""
    return ("sources", str(folder), _stamp(folder / "sources.csv"))


def _full_key(folder: Path) -> tuple:
    """Cache key for references to the sources, provinces and tribes of ``folder``."""
    stamps = tuple(_stamp(folder / f"{n}.csv") for n in ("sources", "provinces", "tribes"))
    return ("full", str(folder), stamps)


@lru_cache(maxsize=16)
def _references(key) -> References:
    kind, folder = key[0], Path(key[1])
    sources = _load("sources", folder / "sources.csv")
    if kind == "sources":
        return References(sources=set(sources["source_id"]))
    provinces = _load("provinces", folder / "provinces.csv", _sources_key(folder))
    tribes = _load("tribes", folder / "tribes.csv", _sources_key(folder))
    return References(
        provinces=variants_map(provinces["province"], provinces["name_variants"].fillna("")),
        tribes=variants_map(tribes["tribe"], tribes["name_variants"].fillna("")),
        sources=set(sources["source_id"]),
        province_names=list(provinces["province"]),
        tribe_names=list(tribes["tribe"]),
    )


def _folder_of(path) -> Path:
    """The folder whose sources, provinces and tribes a file refers to.

    A file's own folder when it holds the reference tables (a copy of the data
    package), else the bundled data package.
    """
    if path is not None:
        folder = Path(path).resolve().parent
        if all((folder / n).is_file() for n in ("sources.csv", "provinces.csv", "tribes.csv")):
            return folder
    return dp.data_dir()


def load_sources(path=None) -> pd.DataFrame:
    """Load the sources table: one row per public source cited in the data.

    Returns
    -------
    pandas.DataFrame
        Columns ``source_id``, ``title``, ``publisher``, ``date``, ``url``.

    Examples
    --------
    >>> src = load_sources()
    >>> src["source_id"].is_unique
    True
    """
    return _load("sources", path)



def load_provinces(path=None) -> pd.DataFrame:
    """Load the 34 provinces with their codes, region schemes and populations.

    Returns
    -------
    pandas.DataFrame
        Columns as in ``datapackage.json``: ``province``, ``name_variants``,
        ``iso_code``, ``ocha_pcode``, ``isaf_command``, ``ocha_region``,
        ``hazarajat``, ``population_nsia_1398``, ``population_nsia_1400``,
        ``nsia_1400_precision``, ``source_ids``, ``notes``.

    Examples
    --------
    >>> prov = load_provinces()
    >>> len(prov), int(prov["population_nsia_1398"].sum())
    (34, 30725560)
    """
    return _load("provinces", path, _sources_key(_folder_of(path)))


def load_tribes(path=None) -> pd.DataFrame:
    """Load the tribes named in the roster and their confederations."""
    return _load("tribes", path, _sources_key(_folder_of(path)))


def load_hazarajat_districts(path=None) -> pd.DataFrame:
    """Load the Hazara-majority districts counted by the extended Hazarajat."""
    return _load("hazarajat_districts", path, _full_key(_folder_of(path)))


def load_ethnic_estimates(path=None) -> pd.DataFrame:
    """Load the published estimates of Afghanistan's ethnic composition.

    Returns
    -------
    pandas.DataFrame
        One row per (``estimate_id``, ``group``) with ``share_low`` and
        ``share_high`` in percent, ``year``, ``basis`` and ``source_ids``.
    """
    return _load("ethnic_estimates", path, _sources_key(_folder_of(path)))


def load_published_tallies(path=None) -> pd.DataFrame:
    """Load the tallies of the 33 that the press and analysts published."""
    return _load("published_tallies", path, _sources_key(_folder_of(path)))


def load_events(path=None) -> pd.DataFrame:
    """Load the dated events (announcement, commentary date, later waves)."""
    return _load("events", path, _sources_key(_folder_of(path)))


def load_appointees(path=None) -> pd.DataFrame:
    """Load the 33 appointees announced on 7 September 2021 (or a roster of the same form).

    Parameters
    ----------
    path : str or os.PathLike, optional
        A CSV with the columns of ``appointees`` in ``datapackage.json``.
        Default: the bundled ``appointees.csv``. Its source ids, provinces and
        tribes are checked against the tables beside it when that folder holds
        ``sources.csv``, ``provinces.csv`` and ``tribes.csv``, else against the
        bundled ones.

    Returns
    -------
    pandas.DataFrame
        One row per appointment; ``announced`` is a datetime column, every tag
        column a string (``unknown``, a value, or candidates separated by ``|``).

    Raises
    ------
    DataError
        Listing every problem in the file.

    Examples
    --------
    >>> roster = load_appointees()
    >>> len(roster)
    33
    """
    return _load("appointees", path, _full_key(_folder_of(path)))


def load_later_appointments(path=None) -> pd.DataFrame:
    """Load the appointments announced after 7 September 2021 (same columns as the 33)."""
    return _load("later_appointments", path, _full_key(_folder_of(path)))


def _parse_date(as_of, what="as_of") -> pd.Timestamp:
    if isinstance(as_of, pd.Timestamp):
        return as_of.normalize()
    if isinstance(as_of, (_dt.date, _dt.datetime)):
        return pd.Timestamp(as_of).normalize()
    try:
        return pd.Timestamp(_dt.date.fromisoformat(str(as_of).strip()))
    except ValueError:
        raise ValueError(f"{what} must be a date such as 2021-09-21 (YYYY-MM-DD); got {as_of!r}") from None


def load_roster(as_of=None, path=None, later_path=None) -> pd.DataFrame:
    """The government as of a date: the 33 plus every later appointment announced by then.

    Parameters
    ----------
    as_of : str, datetime.date or pandas.Timestamp, optional
        Include later appointments announced on or before this date. Default:
        the 33 of 7 September 2021 only. Must be on or after 2021-09-07.
    path : str or os.PathLike, optional
        The appointees file (default: bundled).
    later_path : str or os.PathLike, optional
        The later-appointments file (default: bundled).

    Returns
    -------
    pandas.DataFrame
        One row per person: a person appointed twice keeps one identity and one
        row, carrying the most recent post announced by ``as_of``. Added
        columns: ``appointments`` (number of appointments by ``as_of``),
        ``first_announced``, ``posts`` (every post, ``;``-separated, oldest
        first) and ``in_original_33``. Departures are not modelled: nobody
        leaves the roster.

    Raises
    ------
    ValueError
        On a date that cannot be read or lies before 7 September 2021.
    DataError
        On invalid data, or when two appointments of one person disagree on
        a personal tag (province, district, ethnicity, tribe, network).

    Examples
    --------
    >>> len(load_roster())
    33
    """
    first = load_appointees(path)
    if as_of is None:
        frames = [first]
    else:
        when = _parse_date(as_of)
        if when < ANNOUNCEMENT_DATE:
            raise ValueError(f"as_of {when.date()} is before the cabinet was announced (2021-09-07); "
                             "allowed: a date on or after 2021-09-07")
        later = load_later_appointments(later_path)
        frames = [first, later[later["announced"] <= when]]
    allrows = pd.concat(frames, ignore_index=True)
    allrows["_order"] = range(len(allrows))
    allrows["_first_list"] = [True] * len(first) + [False] * (len(allrows) - len(first))
    _check_people(frames)
    allrows = allrows.sort_values(["announced", "_order"], kind="stable")
    grouped = allrows.groupby("person_id", sort=False)
    summary = pd.DataFrame({
        "appointments": grouped.size(),
        "first_announced": grouped["announced"].min(),
        "posts": grouped["post"].agg(lambda s: "; ".join(s)),
        "in_original_33": grouped["_first_list"].any(),
    })
    latest = allrows.drop_duplicates("person_id", keep="last").set_index("person_id")
    roster = latest.join(summary).reset_index()
    roster = roster.sort_values("_order", kind="stable").drop(columns="_order").reset_index(drop=True)
    cols = [c for c in dp.field_names("appointees") if c in roster.columns]
    roster = roster[cols + ["appointments", "first_announced", "posts", "in_original_33"]]
    roster.attrs["as_of"] = None if as_of is None else str(_parse_date(as_of).date())
    roster.attrs["normalised"] = pd.concat([f.attrs.get("normalised", pd.DataFrame()) for f in frames], ignore_index=True)
    return roster


def _check_people(frames) -> None:
    """Every appointment of one person must carry the same personal tags."""
    parts = []
    for f in frames:
        part = f[["person_id", *PERSON_FIELDS]].copy()
        part["src_file"] = display_path(f.attrs.get("source_file", "?"))
        lines = f.attrs.get("lines")
        part["src_line"] = lines if lines is not None and len(lines) == len(f) else None
        parts.append(part)
    allrows = pd.concat(parts, ignore_index=True)
    repeated = allrows[allrows["person_id"].duplicated(keep=False)]
    if repeated.empty:
        return
    first = repeated.drop_duplicates("person_id").set_index("person_id")
    problems = []
    for col in PERSON_FIELDS:
        ref = repeated["person_id"].map(first[col])
        bad = repeated[repeated[col].ne(ref)]
        for r in bad.itertuples(index=False):
            f0 = first.loc[r.person_id]
            problems.append(Problem(
                r.src_file, r.src_line, col, getattr(r, col),
                f"person {r.person_id!r} has {col} {f0[col]!r} in {f0['src_file']} line {f0['src_line']}",
                allowed="the same personal tags on every appointment of one person"))
    if problems:
        raise DataError(problems)


def announcement_dates(path=None, later_path=None) -> list[pd.Timestamp]:
    """The distinct dates on which appointments were announced, oldest first.

    Examples
    --------
    >>> announcement_dates()[0]
    Timestamp('2021-09-07 00:00:00')
    """
    dates = set(load_appointees(path)["announced"]) | set(load_later_appointments(later_path)["announced"])
    return sorted(dates)


_LOADERS = {
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
    same = [n for n in dp.resource_names() if n != name and dp.field_names(n) and
            set(dp.field_names(n)) == set(dp.field_names(name))]
    alt = f"; its header also fits {', '.join(same)}: pass --table (table=) to check it as that" if same else ""
    return f"{file}: checked as the {name} table (recognised from its header{alt})"


def _table_from_header(path: Path) -> str:
    """The table whose field names are exactly the file's header columns (in any order).

    ``appointees`` and ``later_appointments`` share one header; such a file is taken as the first
    in the descriptor's order (``appointees``). A file that cannot be read raises its read
    problems; a header that matches no table raises ``ValueError`` naming the closest tables and
    the columns that differ.
    """
    raw = read_csv(path, label=display_path(path))
    if not raw.header:
        raise DataError(raw.problems)
    header = {h.strip() for h in raw.header}
    names = dp.resource_names()
    fits = [n for n in names if set(dp.field_names(n)) == header]
    if fits:
        return fits[0]

    def listed(cols: list[str]) -> str:
        shown = ", ".join(map(repr, cols[:4]))
        return shown + (f" and {len(cols) - 4} more" if len(cols) > 4 else "")

    def similarity(n: str) -> float:
        fields = set(dp.field_names(n))
        return len(header & fields) / len(header | fields)

    best = max(map(similarity, names))
    ranked = sorted((n for n in names if similarity(n) > 0 and similarity(n) >= best / 2), key=similarity,
                    reverse=True)[:3]
    closest = []
    for n in ranked:
        missing = [f for f in dp.field_names(n) if f not in header]
        unexpected = sorted(header - set(dp.field_names(n)))
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
                frame = _LOADERS[name](path)
        except DataError as err:
            problems.extend(err.problems)
            continue
        loaded[(str(path.resolve().parent), name)] = frame
        rows.append({"file": display_path(path), "table": name, "rows": len(frame),
                     "normalised": len(frame.attrs.get("normalised", ())), "recognised_by": how})
    for (folder, name), frame in loaded.items():
        if name == "sources":
            known = set(frame["source_id"])
            for table in dp.resource_names():
                for fld in dp.resource(table)["schema"]["fields"]:
                    for sid in fld.get("cabinet:sources", []):
                        if sid not in known:
                            problems.append(Problem("datapackage.json", None, f"{table}.{fld['name']}", sid,
                                                    "column-level source id not listed in sources.csv",
                                                    allowed="a source_id of sources.csv"))
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


def _is_appointees_header(path) -> bool:
    raw = read_csv(path)
    return bool(raw.header) and set(dp.field_names("appointees")) <= {h.strip() for h in raw.header}


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
    rows, lines, normalised = [], [], []
    for row, line in zip(raw.rows, raw.lines):
        if len(row) != len(header):
            problems.append(Problem(label, line, None, None, f"row has {len(row)} fields but the header has {len(header)}",
                                    allowed="one field per header column; quote fields that contain commas"))
            continue
        clean = []
        for col, value in zip(header, row):
            v = value.strip()
            if v != value:
                normalised.append({"file": label, "line": line, "column": col, "original": value, "normalised": v,
                                   "reason": "white space around the value"})
            if v == "":
                problems.append(Problem(label, line, col, value, "empty cell",
                                        allowed="a value, or 'unknown' when no source states it"))
            clean.append(v)
        rows.append(clean)
        lines.append(line)
    frame = pd.DataFrame(rows, columns=header, dtype=object) if rows else pd.DataFrame(columns=header, dtype=object)
    for key in ("person_id", "id"):
        if key in frame.columns:
            dup = frame[key].duplicated(keep=False)
            for i in dup[dup].index:
                problems.append(Problem(label, lines[i], key, frame.at[i, key], "duplicate id",  # type: ignore[arg-type]  # an object column of str
                                        allowed="a value not used on any other row"))
    if problems:
        raise DataError(sorted(problems, key=lambda p: (p.line or 0, str(p.column))))
    if name_column != "name":
        frame = frame.rename(columns={name_column: "name"})
    frame.attrs["source_file"] = str(path)
    frame.attrs["lines"] = np.asarray(lines, dtype=np.int64)
    frame.attrs["normalised"] = pd.DataFrame(normalised, columns=["file", "line", "column", "original", "normalised", "reason"])
    if normalised:
        warnings.warn(f"{label}: normalised {len(normalised)} value(s); see .attrs['normalised']",
                      NormalisationWarning, stacklevel=2)
    return frame
