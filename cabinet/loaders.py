"""Loaders for the bundled data package and for users' own files.

Each ``load_*`` function reads one table, checks it against
``datapackage.json`` with the shared validator, and returns a DataFrame typed
as the schema says. Any violation raises :class:`~cabinet.errors.DataError`
listing every problem with file, line, column, value and what is allowed.
Normalised spellings are listed in ``frame.attrs["normalised"]`` and announced
with a :class:`~cabinet.errors.NormalisationWarning`.

The data package stores the tags of the appointees as facts, one row per value
and source (``appointee_facts.csv``, ``later_facts.csv``). :func:`load_appointees`
and :func:`load_later_appointments` derive from them one row per appointment
with a *tag cell* per tag column (see :func:`cabinet.validation.parse_tag`):

* ``birth_province``/``_district``, ``origin_province``/``_district`` and
  ``stated_province``/``_district`` hold the three kinds of home apart; a
  dispute (``A|B``) only where sources contradict each other about the same
  kind;
* ``province`` and ``district`` hold home in the sense chosen with ``home=``
  (``"any"`` by default: the plural union of the three kinds, disputes kept);
* ``network`` holds every sourced membership (``A+B``);
* ``tribe`` is ``not_applicable`` where no source names a tribe and every
  ethnicity the sources give is other than Pashtun.

:func:`load_facts` returns the facts themselves with each source's class, and
:func:`value_support` how many independent sources support each value.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import warnings
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from . import datapackage as dp
from .errors import DataError, NormalisationWarning, Problem
from .validation import (
    KIND_COLUMNS,
    References,
    check_table,
    display_path,
    format_tag,
    is_wide,
    parse_sources,
    read_csv,
    split_tag,
    union_tags,
    variants_map,
)

__all__ = [
    "load_appointees",
    "load_later_appointments",
    "load_roster",
    "load_facts",
    "value_support",
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
    "HOMES",
    "SOURCE_CLASSES",
]

#: Columns that describe the person rather than the post; they must agree
#: across every appointment of the same ``person_id``.
PERSON_FIELDS = ("province", "district", "ethnicity", "tribe", "network")

#: The senses of home the loaders can put in ``province`` and ``district``.
HOMES = ("any", "birth", "origin", "stated")

#: Source classes, best first (``value_support``'s ``best_class`` is the first of these present).
SOURCE_CLASSES = ("official", "sanctions", "research", "news", "reference", "low")

#: The date of the press conference that announced the 33.
ANNOUNCEMENT_DATE = pd.Timestamp("2021-09-07")

#: The value columns of a facts table, in order.
FACT_VALUES = ("province", "district", "ethnicity", "tribe", "network", "iran_aligned", "un_listed", "un_ref",
               "affiliation")

#: Tag columns derived from one field of the facts each (the place kinds aside).
_SINGLE = ("ethnicity", "tribe", "iran_aligned", "un_listed", "affiliation")

#: Reference tables every table of a data package may point at, in loading order.
_REFERENCE_ORDER = ("sources", "provinces", "tribes")


def _bundled(name: str) -> Path:
    return dp.data_dir() / dp.resource(name)["path"]


def _stamp(path: Path):
    try:
        st = os.stat(path)
        return (str(Path(path).resolve()), st.st_mtime_ns, st.st_size)
    except OSError:
        return (str(path), None, None)


def _check_home(home: str) -> str:
    if home not in HOMES:
        raise ValueError(f"home must be one of {', '.join(map(repr, HOMES))}; got {home!r}")
    return home


def _typed(fields, frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
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
        else:
            out[col] = out[col].astype(object)
    return out


# ---------------------------------------------------------------------------
# one stored table
# ---------------------------------------------------------------------------


@lru_cache(maxsize=128)
def _check_cached(name: str, stamp, refs_key):
    path = stamp[0]
    refs = _references_cached(refs_key) if refs_key is not None else References()
    raw = read_csv(path, label=display_path(path))
    frame, normalised, problems = check_table(name, raw, refs)
    lines = np.asarray(_kept_lines(raw, frame), dtype=np.int64)
    return frame, normalised, tuple(problems), lines, is_wide(raw.header)


def _kept_lines(raw, frame):
    width = len(raw.header)
    return [ln for row, ln in zip(raw.rows, raw.lines) if len(row) == width][: len(frame)]


def _checked(name: str, path: Path, refs_key):
    """(strings frame, normalised, lines, wide) of one file; raises DataError on problems."""
    frame, normalised, problems, lines, wide = _check_cached(name, _stamp(path), refs_key)
    if problems:
        raise DataError(list(problems))
    return frame, normalised, lines, wide


def _announce(out: pd.DataFrame, path, normalised: pd.DataFrame, stacklevel=4):
    out.attrs["normalised"] = normalised.copy()
    if len(normalised):
        shown = "; ".join(f"line {r.line} {r.column}: {r.original!r} -> {r.normalised!r}"
                          for r in normalised.head(5).itertuples())
        more = f" (and {len(normalised) - 5} more)" if len(normalised) > 5 else ""
        warnings.warn(f"{display_path(path)}: normalised {len(normalised)} value(s): {shown}{more}; "
                      "see .attrs['normalised']", NormalisationWarning, stacklevel=stacklevel)


def _load(name: str, path=None, refs_key=None) -> pd.DataFrame:
    """A stored table of the data package, typed, with ``source_ids`` joined in from its link table."""
    path = Path(path) if path is not None else _bundled(name)
    frame, normalised, lines, _ = _checked(name, path, refs_key)
    out = _typed(dp.resource(name)["schema"]["fields"], frame)
    link = dp.link_table(name)
    if link is not None:
        out = _join_sources(name, out, path.parent / dp.resource(link)["path"], refs_key)
        normalised = pd.concat([normalised, out.attrs.pop("link_normalised")], ignore_index=True)
        out = out[dp.field_names(name)]
    out.attrs["source_file"] = str(path)
    out.attrs["lines"] = lines.copy()
    _announce(out, path, normalised)
    return out


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
    links, normalised, _, _ = _checked(link, link_path, _link_key(folder, name, refs_key))
    joined = links.groupby(key, sort=False)["source_id"].agg(dp.LIST_SEP.join)
    idx = pd.MultiIndex.from_frame(out[key].astype(str)) if len(key) > 1 else out[key[0]].astype(str)
    out["source_ids"] = joined.reindex(idx).fillna("").to_numpy()
    out.attrs["link_normalised"] = normalised
    _coverage(name, out, link_path)
    return out


#: Tables whose every row needs a source (a rule of ours the standard cannot state for a link table).
_NEEDS_SOURCE = {"hazarajat_districts": None, "ethnic_estimates": None, "events": None,
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
    lines = frame.attrs.get("lines")
    key = [f["name"] for f in dp.resource(dp.link_table(name))["schema"]["fields"] if f["name"] != "source_id"]
    problems = []
    for i in need[need].index:
        shown = ", ".join(f"{c}={frame.at[i, c]!r}" for c in key)
        problems.append(Problem(display_path(link_path), None, "source_id", shown,
                                f"the row {shown} of {dp.resource(name)['path']} has no source",
                                allowed=f"at least one row of {link_path.name} for it"
                                        + (f" (unless {rule[0]} is {rule[1]!r})" if rule else "")))
    raise DataError(problems)


# ---------------------------------------------------------------------------
# references
# ---------------------------------------------------------------------------


def _sources_key(folder: Path) -> tuple:
    """Cache key for references to ``sources.csv`` of ``folder`` only."""
    return ("sources", str(folder), _stamp(folder / "sources.csv"))


def _full_key(folder: Path) -> tuple:
    """Cache key for references to the sources, provinces and tribes of ``folder``."""
    stamps = tuple(_stamp(folder / f"{n}.csv") for n in _REFERENCE_ORDER)
    return ("full", str(folder), stamps)


def _link_key(folder: Path, parent: str, refs_key) -> tuple:
    return ("link", str(folder), parent, _stamp(folder / dp.resource(parent)["path"]), refs_key)


def _facts_key(folder: Path, parent: str) -> tuple:
    parent_path = folder / dp.resource(parent)["path"]
    return ("facts", str(folder), parent, _stamp(parent_path), _full_key(_folder_of(parent_path)))


@lru_cache(maxsize=32)
def _references_cached(key) -> References:
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
        frame = _stored(parent, folder / dp.resource(parent)["path"], key[4])
        return References(provinces=refs.provinces, tribes=refs.tribes, sources=refs.sources,
                          province_names=refs.province_names, tribe_names=refs.tribe_names,
                          tables={**refs.tables, parent: frame})
    sources = _stored("sources", folder / "sources.csv", None)
    provinces = _stored("provinces", folder / "provinces.csv", _sources_key(folder))
    tribes = _stored("tribes", folder / "tribes.csv", _sources_key(folder))
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
    frame, _, _, _ = _checked(name, path, refs_key)
    return frame


def _folder_of(path) -> Path:
    """The folder whose sources, provinces and tribes a file refers to.

    A file's own folder when it holds the reference tables (a copy of the data
    package), else the bundled data package.
    """
    if path is not None:
        folder = Path(path).resolve().parent
        if all((folder / f"{n}.csv").is_file() for n in _REFERENCE_ORDER):
            return folder
    return dp.data_dir()


# ---------------------------------------------------------------------------
# reference tables
# ---------------------------------------------------------------------------


def load_sources(path=None) -> pd.DataFrame:
    """Load the sources table: one row per public source cited in the data.

    Returns
    -------
    pandas.DataFrame
        Columns ``source_id``, ``title``, ``publisher``, ``date``, ``url``,
        ``class`` (official, sanctions, research, news, reference, low),
        ``copy_of`` (the source this one copies) and ``wire`` (the wire agency
        whose story it carries).

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
        ``nsia_1400_precision``, ``source_ids`` (joined from
        ``province_sources.csv``), ``notes``.

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


# ---------------------------------------------------------------------------
# appointments: facts -> tag cells
# ---------------------------------------------------------------------------


def _source_info(folder: Path) -> pd.DataFrame:
    """class and independence group of every source of ``folder`` (indexed by source_id)."""
    sources = _stored("sources", folder / "sources.csv", None)
    return _independence(sources)


def _independence(sources: pd.DataFrame) -> pd.DataFrame:
    src = sources.set_index("source_id")
    copy_of = src["copy_of"].to_dict() if "copy_of" in src else {}
    wire = src["wire"].to_dict() if "wire" in src else {}

    def root(sid):
        seen = set()
        while copy_of.get(sid) and sid not in seen:
            seen.add(sid)
            sid = copy_of[sid]
        return sid

    groups = {}
    for sid in src.index:
        r = root(sid)
        w = wire.get(r) or wire.get(sid)
        groups[sid] = f"wire:{w}" if w else r
    cls = src["class"] if "class" in src else pd.Series("", index=src.index)
    return pd.DataFrame({"source_class": cls.replace("", "unclassified"), "independent_of": pd.Series(groups)})


def _melt(facts: pd.DataFrame) -> pd.DataFrame:
    """The long table of a facts table: one row per (fact row, value column filled)."""
    parts = []
    order = np.arange(len(facts))
    for col in FACT_VALUES:
        filled = facts[col].ne("")
        if not filled.any():
            continue
        sub = facts[filled]
        if col in ("province", "district"):
            kind = sub["kind"].replace("", "from")
        elif col == "network":
            kind = pd.Series("member", index=sub.index)
        else:
            kind = pd.Series("stated", index=sub.index)
        parts.append(pd.DataFrame({
            "appointment_id": sub["appointment_id"], "field": col, "kind": kind, "value": sub[col],
            "source_id": sub["source_id"], "inferred": sub["inferred"].eq("yes"),
            "period_start": sub["period_start"], "period_end": sub["period_end"], "note": sub["note"],
            "_row": order[filled.to_numpy()],
        }))
    cols = ["appointment_id", "field", "kind", "value", "source_id", "inferred", "period_start", "period_end", "note", "_row"]
    if not parts:
        return pd.DataFrame(columns=cols)
    return pd.concat(parts, ignore_index=True).sort_values("_row", kind="stable").reset_index(drop=True)


def _weak_values(long: pd.DataFrame, info: pd.DataFrame) -> pd.Series:
    """True for facts whose (appointment, field, value) rests only on sources of class ``low``."""
    cls = long["source_id"].map(info["source_class"]).fillna("unclassified")
    strong = cls.ne("low")
    key = [long["appointment_id"], long["field"], long["value"]]
    any_strong = strong.groupby(key).transform("any")
    return ~any_strong.astype(bool)


def _cell(sub: pd.DataFrame, plural: bool):
    """(alternatives, groups of sources, inferred) of one field's facts, in file order."""
    if sub.empty:
        return (), (), False
    values = list(dict.fromkeys(sub["value"]))
    groups = [tuple(dict.fromkeys(sub.loc[sub["value"] == v, "source_id"])) for v in values]
    inferred = bool(sub["inferred"].any())
    if plural:
        return (tuple(values),), (tuple(dict.fromkeys(s for g in groups for s in g)),), inferred
    return tuple((v,) for v in values), tuple(groups), inferred


def _sources_cell(groups) -> str:
    return dp.DISPUTE_SEP.join(dp.LIST_SEP.join(g) for g in groups)


def _home_cells(cells: dict, what: str, home: str):
    """(alternatives, source groups) of ``province`` or ``district`` in the sense ``home``."""
    kinds = ("birth", "origin", "stated")
    if home != "any":
        alts, groups = cells[f"{home}_{what}"]
        return alts, groups
    known = [(cells[f"{k}_{what}"]) for k in kinds if cells[f"{k}_{what}"][0]]
    if not known:
        return (), ()
    alts_out, groups_out = [], []
    import itertools

    for combo in itertools.product(*[list(zip(a, g)) for a, g in known]):
        alts_out.append(tuple(v for alt, _ in combo for v in alt))
        groups_out.append(tuple(dict.fromkeys(s for _, g in combo for s in g)))
    # merge alternatives equal as sets (keep the first, unite their sources)
    merged: dict[frozenset, int] = {}
    alts, groups = [], []
    for a, g in zip(alts_out, groups_out):
        a = tuple(dict.fromkeys(a))
        k = frozenset(a)
        if k in merged:
            j = merged[k]
            groups[j] = tuple(dict.fromkeys(groups[j] + g))
            continue
        merged[k] = len(alts)
        alts.append(a)
        groups.append(g)
    return tuple(alts), tuple(groups)


def _wide_from_facts(ident: pd.DataFrame, long: pd.DataFrame, home: str) -> pd.DataFrame:
    """One row per appointment with tag cells, from the identity table and the long facts."""
    fields = dp.field_names("appointees")
    rows = []
    by_app = {k: g for k, g in long.groupby("appointment_id", sort=False)}
    empty = long.iloc[0:0]
    for rec in ident.to_dict("records"):
        facts = by_app.get(rec["appointment_id"], empty)
        tagged = facts[facts["field"].ne("")]
        row = dict(rec)
        inferred = [c for c in str(rec.get("inferred_fields") or "").split(dp.LIST_SEP) if c]
        cells = {}
        for what in ("province", "district"):
            for kind, code in (("birth", "birth"), ("origin", "origin"), ("stated", "from")):
                sub = tagged[(tagged["field"] == what) & (tagged["kind"] == code)]
                alts, groups, inf = _cell(sub, plural=False)
                col = f"{kind}_{what}"
                cells[col] = (alts, groups)
                row[col], row[f"{col}_sources"] = format_tag(alts), _sources_cell(groups)
                if inf:
                    inferred.append(col)
            alts, groups = _home_cells(cells, what, home)
            row[what], row[f"{what}_sources"] = format_tag(alts), _sources_cell(groups)
            senses = ("birth", "origin", "stated") if home == "any" else (home,)
            if any(f"{k}_{what}" in inferred for k in senses):
                inferred.append(what)
        for col in _SINGLE + ("network",):
            sub = tagged[tagged["field"] == col]
            alts, groups, inf = _cell(sub, plural=(col == "network"))
            row[col] = format_tag(alts)
            scol = "un_sources" if col == "un_listed" else f"{col}_sources"
            row[scol] = _sources_cell(groups)
            if inf:
                inferred.append(col)
        ref = tagged[tagged["field"] == "un_ref"]
        row["un_ref"] = dp.DISPUTE_SEP.join(dict.fromkeys(ref["value"]))
        if ref["inferred"].any():
            inferred.append("un_ref")
        if not row["un_sources"] and len(ref):
            row["un_sources"] = dp.LIST_SEP.join(dict.fromkeys(ref["source_id"]))
        if row["tribe"] == dp.UNKNOWN:
            eth = split_tag(row["ethnicity"])
            if eth and all("Pashtun" not in alt for alt in eth):
                row["tribe"] = "not_applicable"
        row["source_ids"] = dp.LIST_SEP.join(dict.fromkeys(facts.loc[facts["field"].eq(""), "source_id"]))
        row["inferred_fields"] = dp.LIST_SEP.join(c for c in fields if c in set(inferred))
        rows.append(row)
    out = pd.DataFrame(rows, columns=fields) if rows else pd.DataFrame(columns=fields)
    return out


def _appointment_sources(facts: pd.DataFrame) -> pd.DataFrame:
    """Rows of a facts table that fill no value: sources for the appointment itself."""
    none = facts[list(FACT_VALUES)].eq("").all(axis=1)
    sub = facts[none]
    return pd.DataFrame({"appointment_id": sub["appointment_id"], "field": "", "kind": "", "value": "",
                         "source_id": sub["source_id"], "inferred": False, "period_start": sub["period_start"],
                         "period_end": sub["period_end"], "note": sub["note"],
                         "_row": np.flatnonzero(none.to_numpy())})


def _facts_of(name: str, folder: Path) -> tuple[pd.DataFrame, Path, pd.DataFrame]:
    """The checked facts table of appointment table ``name`` in ``folder`` as strings."""
    facts_name = dp.FACTS_TABLES[name]
    path = folder / dp.resource(facts_name)["path"]
    frame, normalised, _, _ = _checked(facts_name, path, _facts_key(folder, name))
    return frame, path, normalised


def _coverage_appointments(name: str, ident: pd.DataFrame, facts: pd.DataFrame, facts_path: Path, lines) -> None:
    """Every appointment cites a source for itself (a rule of ours the standard cannot state)."""
    none = facts[list(FACT_VALUES)].eq("").all(axis=1)
    cited = set(facts.loc[none, "appointment_id"])
    missing = ~ident["appointment_id"].isin(cited)
    if missing.any():
        problems = [Problem(display_path(facts_path), None, "source_id", ident.at[i, "appointment_id"],
                            f"appointment {ident.at[i, 'appointment_id']!r} has no source for itself",
                            allowed="at least one row with this appointment_id, a source_id and no value "
                                    "(a source that reports the appointment)")
                    for i in missing[missing].index]
        raise DataError(problems)


@lru_cache(maxsize=64)
def _appointments_cached(name: str, stamp, beside, home: str, exclude_weak: bool):
    path = Path(stamp[0])
    folder = path.parent
    refs_key = _full_key(_folder_of(path))
    frame, normalised, lines, wide = _checked(name, path, refs_key)
    if wide:
        out = _wide_from_cells(frame, home, exclude_weak, _folder_of(path))
        long = None
    else:
        facts, facts_path, facts_norm = _facts_of(name, folder)
        _coverage_appointments(name, frame, facts, facts_path, lines)
        long = pd.concat([_melt(facts), _appointment_sources(facts)], ignore_index=True)
        long = long.sort_values("_row", kind="stable").reset_index(drop=True)
        long["field"] = long["field"].fillna("")
        if exclude_weak:
            info = _source_info(folder)
            tagged = long["field"].ne("")
            weak = pd.Series(False, index=long.index)
            weak[tagged] = _weak_values(long[tagged], info)
            long = long[~weak]
        out = _wide_from_facts(frame, long, home)
        normalised = pd.concat([normalised, facts_norm], ignore_index=True)
    typed = _typed(dp.schema(name)["fields"], out)
    typed.attrs = {}
    return typed, normalised, lines


def _roster_sources(frame: pd.DataFrame, col: str) -> str:
    return col + "_sources" if col not in ("un_listed", "un_ref") else "un_sources"


def _wide_from_cells(frame: pd.DataFrame, home: str, exclude_weak: bool, folder: Path) -> pd.DataFrame:
    """A roster in the wide form, completed: missing optional columns, home in the chosen sense."""
    fields = dp.field_names("appointees")
    out = frame.copy()
    for f in dp.roster_schema()["fields"]:
        if f["name"] not in out.columns:
            out[f["name"]] = dp.UNKNOWN if f.get("cabinet:tag") else ""
    has_kinds = any(c in frame.columns for c in KIND_COLUMNS)
    if not has_kinds:
        for what in ("province", "district"):
            out[f"stated_{what}"] = out[what]
            out[f"stated_{what}_sources"] = out[f"{what}_sources"]
    if exclude_weak:
        info = _source_info(folder)
        weak = set(info.index[info["source_class"].eq("low")])
        for f in dp.roster_schema()["fields"]:
            col = f["name"]
            scol = f.get("cabinet:sources_field")
            if not f.get("cabinet:tag") or not scol or col in ("province", "district"):
                continue
            cells = [_drop_weak(v, s, weak) for v, s in zip(out[col], out[scol])]
            out[col] = [c[0] for c in cells]
            out[scol] = [c[1] for c in cells]
    for what in ("province", "district"):
        if has_kinds or exclude_weak or home != "any":
            cells = {f"{k}_{what}": (None,) for k in ("birth", "origin", "stated")}
            vals, srcs = [], []
            for r in out[[f"{k}_{what}{s}" for k in ("birth", "origin", "stated") for s in ("", "_sources")]].itertuples(index=False):
                r = list(r)
                for j, k in enumerate(("birth", "origin", "stated")):
                    alts = split_tag(r[2 * j])
                    groups = parse_sources(r[2 * j + 1]) or tuple(() for _ in alts)
                    if len(groups) != len(alts):
                        groups = tuple(tuple(dict.fromkeys(s for g in groups for s in g)) for _ in alts)
                    cells[f"{k}_{what}"] = (alts, groups)
                alts, groups = _home_cells(cells, what, home)
                vals.append(format_tag(alts))
                srcs.append(_sources_cell(groups))
            out[what], out[f"{what}_sources"] = vals, srcs
    return out[fields]


def _drop_weak(value: str, sources: str, weak: set) -> tuple[str, str]:
    alts = split_tag(value)
    groups = parse_sources(sources)
    if not alts or len(groups) != len(alts):
        return value, sources
    keep = [(a, g) for a, g in zip(alts, groups) if not (g and all(s in weak for s in g))]
    if len(keep) == len(alts):
        return value, sources
    return format_tag([a for a, _ in keep]), _sources_cell([g for _, g in keep])


def _load_appointments(name: str, path=None, home: str = "any", exclude_weak: bool = False) -> pd.DataFrame:
    _check_home(home)
    path = Path(path) if path is not None else _bundled(name)
    # the facts table and the reference tables beside the file are part of what it loads
    beside = tuple(_stamp(path.parent / f) for f in (dp.resource(dp.FACTS_TABLES[name])["path"], "sources.csv",
                                                      "provinces.csv", "tribes.csv"))
    typed, normalised, lines = _appointments_cached(name, _stamp(path), beside, home, bool(exclude_weak))
    out = typed.copy()
    out.attrs["source_file"] = str(path)
    out.attrs["lines"] = lines.copy()
    out.attrs["home"] = home
    out.attrs["exclude_weak"] = bool(exclude_weak)
    _announce(out, path, normalised, stacklevel=5)
    return out


def load_appointees(path=None, *, home: str = "any", exclude_weak: bool = False) -> pd.DataFrame:
    """Load the 33 appointees announced on 7 September 2021 (or a roster of the same form).

    Parameters
    ----------
    path : str or os.PathLike, optional
        Default: the bundled data package. Either an ``appointees.csv`` of a
        data package (identity and post; the tags are read from
        ``appointee_facts.csv`` beside it), or a roster in the wide form: the
        columns :func:`load_appointees` returns, of which the ``birth_``,
        ``origin_`` and ``stated_`` columns, every ``*_sources`` column,
        ``name_variants``, ``un_ref``, ``source_ids``, ``inferred_fields`` and
        ``notes`` may be left out. Source ids, provinces and tribes are checked
        against the tables beside the file when that folder holds
        ``sources.csv``, ``provinces.csv`` and ``tribes.csv``, else against the
        bundled ones.
    home : {"any", "birth", "origin", "stated"}
        The sense of home in ``province`` and ``district``: the place of birth,
        the family's place of origin, the place a source only says he is
        "from", or (default) any of them: their plural union with disputes
        kept (born in Helmand to a family from Paktia gives ``Helmand+Paktia``).
        ``frame.attrs["home"]`` records the choice.
    exclude_weak : bool
        Default False. True leaves out every value that rests only on sources
        of class ``low`` (content farms, mirrors of unknown origin): it becomes
        ``unknown``, or drops out of a dispute.

    Returns
    -------
    pandas.DataFrame
        One row per appointment; ``announced`` is a datetime column, every tag
        column a tag cell (``unknown``; a value; ``A|B`` a dispute; ``A+B``
        plural; see :func:`cabinet.validation.parse_tag`) with its
        ``*_sources`` column (one ``;``-group per alternative).

    Raises
    ------
    DataError
        Listing every problem in the files.

    Examples
    --------
    >>> roster = load_appointees()
    >>> len(roster)
    33
    >>> load_appointees(home="birth").attrs["home"]
    'birth'
    """
    return _load_appointments("appointees", path, home, exclude_weak)


def load_later_appointments(path=None, *, home: str = "any", exclude_weak: bool = False) -> pd.DataFrame:
    """Load the appointments announced after 7 September 2021 (same columns and options as :func:`load_appointees`)."""
    return _load_appointments("later_appointments", path, home, exclude_weak)


def load_facts(path=None, later_path=None, *, tables=("appointees", "later_appointments")) -> pd.DataFrame:
    """The long table of every tag fact: one row per appointment, field, value and source.

    Parameters
    ----------
    path, later_path : str or os.PathLike, optional
        ``appointees.csv`` and ``later_appointments.csv`` of a data package
        (default: bundled); their facts tables are read from beside them.
    tables : sequence of str
        Which appointment tables to include.

    Returns
    -------
    pandas.DataFrame
        Columns ``appointment_id``, ``person_id``, ``field`` (province,
        district, ethnicity, tribe, network, iran_aligned, un_listed, un_ref,
        affiliation), ``kind`` (birth, origin, from for places; member for
        networks; stated otherwise), ``value``, ``source_id``, ``source_class``,
        ``independent_of`` (the source itself, the source it copies, or
        ``wire:<agency>`` for a wire story: sources with the same value are not
        independent), ``inferred`` (bool), ``period_start``, ``period_end``
        (Int64 years of a dated membership) and ``note``.

    Examples
    --------
    >>> facts = load_facts()
    >>> set(facts["field"]) >= {"province", "network"}
    True
    """
    parts = []
    for name, p in (("appointees", path), ("later_appointments", later_path)):
        if name not in tables:
            continue
        p = Path(p) if p is not None else _bundled(name)
        folder = p.parent
        ident = _stored(name, p, _full_key(_folder_of(p)))
        facts, _, _ = _facts_of(name, folder)
        long = _melt(facts)
        long["person_id"] = long["appointment_id"].map(ident.set_index("appointment_id")["person_id"])
        info = _source_info(folder)
        long["source_class"] = long["source_id"].map(info["source_class"]).fillna("unclassified")
        long["independent_of"] = long["source_id"].map(info["independent_of"]).fillna(long["source_id"])
        parts.append(long)
    cols = ["appointment_id", "person_id", "field", "kind", "value", "source_id", "source_class", "independent_of",
            "inferred", "period_start", "period_end", "note"]
    out = pd.concat(parts, ignore_index=True)[cols] if parts else pd.DataFrame(columns=cols)
    for c in ("period_start", "period_end"):
        out[c] = pd.array([None if v == "" else int(v) for v in out[c]], dtype="Int64")
    out["inferred"] = out["inferred"].astype(bool)
    return out


def value_support(facts: pd.DataFrame | None = None) -> pd.DataFrame:
    """How well each value is supported: sources, independent sources, best class, weak.

    Parameters
    ----------
    facts : pandas.DataFrame, optional
        From :func:`load_facts` (default: the bundled facts).

    Returns
    -------
    pandas.DataFrame
        One row per (``appointment_id``, ``field``, ``value``) with
        ``n_sources`` (distinct sources), ``n_independent`` (distinct
        ``independent_of``: copies of one story count once), ``best_class``
        (the best class among the sources, in the order official, sanctions,
        research, news, reference, low) and ``weak`` (True when every source
        is of class ``low``).

    Examples
    --------
    >>> support = value_support()
    >>> bool(support["n_independent"].le(support["n_sources"]).all())
    True
    """
    facts = load_facts() if facts is None else facts
    rank = {c: j for j, c in enumerate(SOURCE_CLASSES + ("unclassified",))}
    key = ["appointment_id", "field", "value"]
    f = facts.assign(_rank=facts["source_class"].map(rank).fillna(len(rank)))
    g = f.groupby(key, sort=False)
    out = pd.DataFrame({
        "n_sources": g["source_id"].nunique(),
        "n_independent": g["independent_of"].nunique(),
        "best_class": g["_rank"].min().astype(int).map(dict(enumerate(SOURCE_CLASSES + ("unclassified",)))),
        "weak": g["source_class"].agg(lambda s: bool((s == "low").all())),
    }).reset_index()
    return out


def _parse_date(as_of, what="as_of") -> pd.Timestamp:
    if isinstance(as_of, pd.Timestamp):
        return as_of.normalize()
    if isinstance(as_of, (_dt.date, _dt.datetime)):
        return pd.Timestamp(as_of).normalize()
    try:
        return pd.Timestamp(_dt.date.fromisoformat(str(as_of).strip()))
    except ValueError:
        raise ValueError(f"{what} must be a date such as 2021-09-21 (YYYY-MM-DD); got {as_of!r}") from None


def load_roster(as_of=None, path=None, later_path=None, *, home: str = "any", exclude_weak: bool = False) -> pd.DataFrame:
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
    home : {"any", "birth", "origin", "stated"}
        The sense of home in ``province`` and ``district`` (see
        :func:`load_appointees`); recorded in ``attrs["home"]``.
    exclude_weak : bool
        Leave out values that rest only on ``low`` sources (default False).

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
    _check_home(home)
    first = load_appointees(path, home=home, exclude_weak=exclude_weak)
    if as_of is None:
        frames = [first]
    else:
        when = _parse_date(as_of)
        if when < ANNOUNCEMENT_DATE:
            raise ValueError(f"as_of {when.date()} is before the cabinet was announced (2021-09-07); "
                             "allowed: a date on or after 2021-09-07")
        later = load_later_appointments(later_path, home=home, exclude_weak=exclude_weak)
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
    roster.attrs["home"] = home
    roster.attrs["exclude_weak"] = bool(exclude_weak)
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


def _load_stored(name):
    def load(path=None):
        folder = _folder_of(path)
        p = Path(path) if path is not None else _bundled(name)
        if name in dp.FACTS_TABLES.values() or name == "movement_facts":
            parent = next((k for k, v in dp.FACTS_TABLES.items() if v == name), "movement_pool")
            key = _facts_key(p.parent, parent)
        elif dp.resource(name).get("cabinet:sources_of"):
            parent = dp.resource(name)["cabinet:sources_of"]
            key = _link_key(p.parent, parent, _sources_key(folder) if parent != "hazarajat_districts" else _full_key(folder))
        else:
            key = _full_key(folder)
        return _load(name, p, key)
    return load


def _load_movement_pool(path=None):
    from .movement import load_movement_pool  # the pool loader lives in its own module (it reads the cabinet too)

    return load_movement_pool(path)


_LOADERS = {
    "movement_pool": _load_movement_pool,
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
    return _LOADERS.get(name) or _load_stored(name)


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
    raw = read_csv(path, label=display_path(path))
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


def _is_appointees_header(path) -> bool:
    """Whether a file is an appointments table: the stored form of the data package or the wide form."""
    raw = read_csv(path)
    header = {h.strip() for h in raw.header}
    return bool(raw.header) and set(_IDENTITY) <= header and (
        set(dp.stored_field_names("appointees")) <= header or is_wide(header))


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
