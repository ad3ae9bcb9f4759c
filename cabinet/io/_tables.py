"""Reading a table of a data package: paths, checking against the schema, typing, caching.

The private machinery under every loader. A table is read once per file state
(path, modification time and size) and the reference tables it points at;
link tables of sources are joined back into ``;``-lists.
"""

from __future__ import annotations

import os
import warnings
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from . import datapackage as dp
from . import disk_cache
from ..errors import DataError, NormalisationWarning, Problem
from .validation import References, check_table, is_wide, variants_map
from .csv_files import _OVERLAP_BYTES, display_path, error_as_given, read_csv


#: Reference tables every table of a data package may point at, in loading order.
_REFERENCE_ORDER = ("sources", "provinces", "tribes")


def bundled_path(name: str) -> Path:
    return dp.data_dir() / dp.resource(name)["path"]


def file_state(path: Path):
    try:
        st = os.stat(path)
        return (str(Path(path).resolve()), st.st_mtime_ns, st.st_size)
    except OSError:
        return (str(path), None, None)


def handout(frame: pd.DataFrame) -> pd.DataFrame:
    """A cached frame's copy for a caller, who may change it without reaching the cache.

    Under copy-on-write (always on from pandas 3; an option before) a shallow copy suffices: the
    first change a caller makes copies the data it touches. Otherwise the copy is deep.
    """
    return frame.copy(deep=not _copy_on_write())


def _copy_on_write() -> bool:
    return int(pd.__version__.split(".")[0]) >= 3 or pd.options.mode.copy_on_write is True


def bundled_link_state(name: str):
    """The state of the bundled link table of table ``name`` (its sources), or None when it has none."""
    link = dp.link_table(name)
    return None if link is None else file_state(bundled_path(name).parent / dp.resource(link)["path"])


def type_columns(fields, frame: pd.DataFrame) -> pd.DataFrame:
    # every typed column is replaced, never written into (pandas >= 2 replaces on ``out[col] = ...``),
    # so the frame read from the file is left as it was without copying its data first
    out = frame.copy(deep=False)
    for f in fields:
        col = f["name"]
        if col not in out.columns:
            continue
        typ = f.get("type", "string")
        if typ == "integer":
            out[col] = pd.array([None if v == "" else int(v) for v in out[col]], dtype="Int64")
        elif typ == "number":
            out[col] = pd.Series([np.nan if v == "" else float(v) for v in out[col]], index=out.index, dtype="float64")
        elif typ == "date":
            out[col] = pd.to_datetime(out[col].replace("", None), format="%Y-%m-%d")
        elif out[col].dtype != object:  # a column already of Python strings is kept, not copied
            out[col] = out[col].astype(object)
    return out


@lru_cache(maxsize=128)
def _check_cached(name: str, stamp, refs_key):
    if disk_cache.is_bundled(stamp[0]) and bundled_key(refs_key):
        # a table of the bundled package, checked against the bundled references: kept on disk once it passes
        return disk_cache.cached("table", (name, stamp, refs_key), lambda: _check(name, stamp, refs_key),
                                 keep=lambda value: not value[2])
    return _check(name, stamp, refs_key)


def bundled_key(refs_key) -> bool:
    """Whether the reference tables of ``refs_key`` are the bundled data package's (or there are none)."""
    if refs_key is None:
        return True
    try:
        return Path(refs_key[1]).resolve() == dp.data_dir().resolve()
    except (OSError, IndexError, TypeError):
        return False


def _check(name: str, stamp, refs_key):
    path = stamp[0]
    if refs_key is not None and stamp[2] is not None and stamp[2] >= _OVERLAP_BYTES:
        # a long file is read in a thread (its parse runs without the GIL) while the reference tables are checked
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=1) as pool:
            future = pool.submit(read_csv, path, label=display_path(path))
            refs = _references_cached(refs_key)
            raw = future.result()
    else:
        refs = _references_cached(refs_key) if refs_key is not None else References()
        raw = read_csv(path, label=display_path(path))
    frame, normalised, problems = check_table(name, raw, refs)
    lines = np.asarray(_kept_lines(raw, frame), dtype=np.int64)
    return frame, normalised, tuple(problems), lines, is_wide(raw.header)


def _kept_lines(raw, frame):
    if raw.frame is not None:  # read by the fast path: every row was kept
        return raw.lines[: len(frame)]
    width = len(raw.header)
    return [ln for row, ln in zip(raw.rows, raw.lines) if len(row) == width][: len(frame)]


def checked_table(name: str, path: Path, refs_key):
    """(strings frame, normalised, lines, wide) of one file; raises DataError on problems."""
    frame, normalised, problems, lines, wide = _check_cached(name, file_state(path), refs_key)
    if problems:
        raise DataError(list(problems))
    return frame, normalised, lines, wide


def normalised_records(normalised: pd.DataFrame) -> list[dict]:
    """The values a loader normalised, as plain records (file, line, column, original, normalised, reason).

    A frame's ``attrs`` hold only plain values (strings, numbers, lists and dicts of them), so that every
    pandas operation (``astype``, ``merge``, ``concat``, ``to_parquet``, pickling) works on it; a
    DataFrame in ``attrs`` makes pandas 3 compare two frames for truth and raise.
    ``pandas.DataFrame(frame.attrs["normalised"])`` gives them back as a table.
    """
    return [{k: (v.item() if isinstance(v, np.generic) else v) for k, v in row.items()}
            for row in normalised.to_dict("records")]


def announce_normalised(out: pd.DataFrame, path, normalised: pd.DataFrame, stacklevel=4):
    out.attrs["normalised"] = normalised_records(normalised)
    if len(normalised):
        shown = "; ".join(f"line {r.line} {r.column}: {r.original!r} -> {r.normalised!r}"
                          for r in normalised.head(5).itertuples())
        more = f" (and {len(normalised) - 5} more)" if len(normalised) > 5 else ""
        warnings.warn(f"{display_path(path)}: normalised {len(normalised)} value(s): {shown}{more}; "
                      "see .attrs['normalised']", NormalisationWarning, stacklevel=stacklevel)


def load_table(name: str, path=None, refs_key=None) -> pd.DataFrame:
    """A stored table of the data package, typed, with ``source_ids`` joined in from its link table."""
    given = path
    path = Path(path) if path is not None else bundled_path(name)
    link = dp.link_table(name)
    link_stamp = file_state(path.parent / dp.resource(link)["path"]) if link is not None else None
    try:
        typed, normalised, lines = _load_cached(name, file_state(path), refs_key, link_stamp)
    except DataError as err:  # files named as the user named them, not as resolved
        raise error_as_given(err, given) from None
    out = handout(typed)
    out.attrs["source_file"] = str(path)
    out.attrs["table"] = name
    announce_normalised(out, path, normalised)
    return out


@lru_cache(maxsize=128)
def _load_cached(name: str, stamp, refs_key, link_stamp):
    """The typed table with its sources joined, once per state of the file and its link table (callers copy it)."""
    path = Path(stamp[0])
    frame, normalised, lines, _ = checked_table(name, path, refs_key)
    out = type_columns(dp.resource(name)["schema"]["fields"], frame)
    link = dp.link_table(name)
    if link is not None:
        out = _join_sources(name, out, Path(link_stamp[0]), refs_key)
        normalised = pd.concat([normalised, out.attrs.pop("link_normalised")], ignore_index=True)
        out = out[dp.field_names(name)]
    out.attrs = {}
    return out, normalised, lines


def _join_sources(name: str, frame: pd.DataFrame, link_path: Path, refs_key) -> pd.DataFrame:
    """Join the link table beside a reference table into its ``source_ids`` column."""
    link = dp.link_table(name)
    key = [f["name"] for f in dp.resource(link)["schema"]["fields"] if f["name"] != "source_id"]
    out = frame.copy()
    if not link_path.is_file():
        out["source_ids"] = ""
        out.attrs["link_normalised"] = pd.DataFrame()
        return out
    folder = link_path.parent
    links, normalised, _, _ = checked_table(link, link_path, link_key(folder, name, refs_key))
    joined = links.groupby(key, sort=False)["source_id"].agg(dp.LIST_SEP.join)
    idx = pd.MultiIndex.from_frame(out[key].astype(str)) if len(key) > 1 else out[key[0]].astype(str)
    out["source_ids"] = joined.reindex(idx).fillna("").to_numpy()
    out.attrs["link_normalised"] = normalised
    _coverage(name, out, link_path)
    return out


#: Tables whose every row needs a source (a rule of ours the standard cannot state for a link table).
_NEEDS_SOURCE = {"hazarajat_districts": None, "ethnic_estimates": None, "events": None, "departures": None,
                 "tribes": ("confederation", "unknown")}


def _coverage(name: str, frame: pd.DataFrame, link_path: Path) -> None:
    if name not in _NEEDS_SOURCE:
        return
    rule = _NEEDS_SOURCE[name]
    need = frame["source_ids"].eq("")
    if rule is not None:
        need &= frame[rule[0]].ne(rule[1])
    if not need.any():
        return
    key = [f["name"] for f in dp.resource(dp.link_table(name))["schema"]["fields"] if f["name"] != "source_id"]
    problems = []
    for i in need[need].index:
        shown = ", ".join(f"{c}={frame.at[i, c]!r}" for c in key)
        problems.append(Problem(display_path(link_path), None, "source_id", shown,
                                f"the row {shown} of {dp.resource(name)['path']} has no source",
                                allowed=f"at least one row of {link_path.name} for it"
                                        + (f" (unless {rule[0]} is {rule[1]!r})" if rule else "")))
    raise DataError(problems)


def sources_key(folder: Path) -> tuple:
    """Cache key for references to ``sources.csv`` of ``folder`` only."""
    return ("sources", str(folder), file_state(folder / "sources.csv"))


def full_key(folder: Path) -> tuple:
    """Cache key for references to the sources, provinces and tribes of ``folder``."""
    stamps = tuple(file_state(folder / f"{n}.csv") for n in _REFERENCE_ORDER)
    return ("full", str(folder), stamps)


def link_key(folder: Path, parent: str, refs_key) -> tuple:
    return ("link", str(folder), parent, file_state(folder / dp.resource(parent)["path"]), refs_key)


def facts_key(folder: Path, parent: str, parent_path: Path | None = None) -> tuple:
    """Cache key for the references of a facts table of ``folder``: the reference tables and its parent table.

    The parent is the appointments file the facts describe (``parent_path``, e.g. a renamed copy of
    ``appointees.csv``), by default the table of that name in ``folder``.
    """
    parent_path = Path(parent_path) if parent_path is not None else folder / dp.resource(parent)["path"]
    return ("facts", str(folder), parent, file_state(parent_path), full_key(folder_of(parent_path)))


@lru_cache(maxsize=32)
def _references_cached(key) -> References:
    if bundled_key(key):  # the bundled reference tables and their lookups, kept on disk (see disk_cache)
        return disk_cache.cached("references", key, lambda: _references(key))
    return _references(key)


def _references(key) -> References:
    kind, folder = key[0], Path(key[1])
    if kind == "sources":
        sources = _stored("sources", folder / "sources.csv", None)
        return References(sources=set(sources["source_id"]), tables={"sources": sources})
    if kind == "link":
        parent = key[2]
        refs = _references_cached(key[4]) if key[4] is not None else References()
        frame = _stored(parent, folder / dp.resource(parent)["path"], key[4])
        return References(sources=refs.sources, tables={**refs.tables, parent: frame})
    if kind == "facts":
        parent = key[2]
        refs = _references_cached(key[4])
        frame = _stored(parent, Path(key[3][0]), key[4])  # the parent file, as stamped
        return References(provinces=refs.provinces, tribes=refs.tribes, sources=refs.sources,
                          province_names=refs.province_names, tribe_names=refs.tribe_names,
                          tables={**refs.tables, parent: frame})
    sources = _stored("sources", folder / "sources.csv", None)
    provinces = _stored("provinces", folder / "provinces.csv", sources_key(folder))
    tribes = _stored("tribes", folder / "tribes.csv", sources_key(folder))
    return References(
        provinces=variants_map(provinces["province"], provinces["name_variants"].fillna("")),
        tribes=variants_map(tribes["tribe"], tribes["name_variants"].fillna("")),
        sources=set(sources["source_id"]),
        province_names=list(provinces["province"]),
        tribe_names=list(tribes["tribe"]),
        tables={"sources": sources, "provinces": provinces, "tribes": tribes},
    )


def _stored(name: str, path: Path, refs_key) -> pd.DataFrame:
    """A checked stored table as strings (for references); raises DataError."""
    frame, _, _, _ = checked_table(name, path, refs_key)
    return frame


def folder_of(path) -> Path:
    """The folder whose sources, provinces and tribes a file refers to.

    A file's own folder when it holds the reference tables (a copy of the data
    package), else the bundled data package.
    """
    if path is not None:
        folder = Path(path).resolve().parent
        if all((folder / f"{n}.csv").is_file() for n in _REFERENCE_ORDER):
            return folder
    return dp.data_dir()


def stored_key(name: str, path=None) -> tuple[Path, tuple]:
    """The file of table ``name`` (default: bundled) and the key of the reference tables its foreign keys need."""
    folder = folder_of(path)
    p = Path(path) if path is not None else bundled_path(name)
    if name in dp.FACTS_TABLES.values() or name == "movement_facts":
        parent = next((k for k, v in dp.FACTS_TABLES.items() if v == name), "movement_pool")
        return p, facts_key(p.parent, parent)
    if dp.resource(name).get("cabinet:sources_of"):
        parent = dp.resource(name)["cabinet:sources_of"]
        return p, link_key(p.parent, parent, sources_key(folder) if parent != "hazarajat_districts" else full_key(folder))
    return p, full_key(folder)


def load_stored(name):
    """A loader of any stored table of the data package, with the reference keys its foreign keys need."""
    def load(path=None):
        return load_table(name, *stored_key(name, path))
    return load


def lines_of(frame: pd.DataFrame) -> list:
    """The line of its file each row of a loaded table was read from (None where it cannot be told).

    A loader records the table and the file in ``attrs["table"]`` and ``attrs["source_file"]``; the lines
    come from the cached read of that file, by row label (a frame filtered by rows keeps its labels).
    """
    name, path = frame.attrs.get("table"), frame.attrs.get("source_file")
    if not name or not path:
        return [None] * len(frame)
    try:
        lines = checked_table(name, *stored_key(name, path))[2]
    except (DataError, OSError, KeyError):
        return [None] * len(frame)
    labels = frame.index
    if not len(labels) or (pd.api.types.is_integer_dtype(labels) and labels.min() >= 0 and labels.max() < len(lines)):
        return [int(lines[i]) for i in labels]
    return [None] * len(frame)
