"""The facts tables: from one row per value and source to one row per appointment.

The data package stores every tag as a fact (``appointee_facts.csv``,
``later_facts.csv``). This module turns the facts of an appointments table into
its tag cells (disputes ``A|B`` where sources contradict each other about one
kind of fact, plural ``A+B`` networks, home in the sense chosen with ``home=``),
completes users' rosters in the wide form the same way, and gives the facts
themselves with each source's class (:func:`load_facts`) and the support of
each value (:func:`value_support`).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from . import datapackage as dp
from ..errors import DataError, Problem
from .validation import KIND_COLUMNS
from .wide_form import _distinct_rows
from .csv_files import display_path
from ..tags import ABROAD, format_tag, parse_sources, split_tag
from ._tables import bundled_path, checked_table, facts_key, folder_of, full_key, _stored


__all__ = [
    "load_facts",
    "value_support",
    "HOMES",
    "SOURCE_CLASSES",
]

#: The senses of home the loaders can put in ``province`` and ``district``.
HOMES = ("any", "birth", "origin", "stated")


#: Source classes, best first (``value_support``'s ``best_class`` is the first of these present).
SOURCE_CLASSES = ("official", "sanctions", "research", "news", "reference", "low")


#: The value columns of a facts table, in order.
FACT_VALUES = ("province", "district", "ethnicity", "tribe", "network", "iran_aligned", "un_listed", "un_ref",
               "affiliation")


#: Tag columns derived from one field of the facts each (the place kinds aside).
_SINGLE = ("ethnicity", "tribe", "iran_aligned", "un_listed", "affiliation")


def check_home(home: str) -> str:
    if home not in HOMES:
        raise ValueError(f"home must be one of {', '.join(map(repr, HOMES))}; got {home!r}")
    return home


def source_info(folder: Path) -> pd.DataFrame:
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


def with_abroad(facts: pd.DataFrame) -> pd.DataFrame:
    """The facts with ``province`` set to ``abroad`` on every row that names a country outside Afghanistan.

    A place abroad is a home value like a province (birth, origin or 'from', disputes kept), so that every
    count and check downstream sees it; the country and the place stay in their own columns. The frame is
    copied only when a row names a country (the checked tables are cached and never written into).

    Examples
    --------
    >>> f = pd.DataFrame({"province": ["", "Paktia"], "country": ["Pakistan", ""]})
    >>> with_abroad(f)["province"].tolist()
    ['abroad', 'Paktia']
    """
    if "country" not in facts.columns:
        return facts
    abroad = facts["country"].fillna("").ne("")
    if not abroad.any():
        return facts
    out = facts.copy()
    out.loc[abroad, "province"] = ABROAD
    return out


def melt_facts(facts: pd.DataFrame) -> pd.DataFrame:
    """The long table of a facts table: one row per (fact row, value column filled)."""
    facts = with_abroad(facts)
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


def weak_values(long: pd.DataFrame, info: pd.DataFrame) -> pd.Series:
    """True for facts whose (appointment, field, value) rests only on sources of class ``low``."""
    cls = long["source_id"].map(info["source_class"]).fillna("unclassified")
    strong = cls.ne("low")
    key = [long["appointment_id"], long["field"], long["value"]]
    any_strong = strong.groupby(key).transform("any")
    return ~any_strong.astype(bool)


def _grouped(long: pd.DataFrame) -> dict:
    """The facts of each appointment grouped once, in file order, from plain lists (no per-row pandas indexing).

    ``{appointment_id: (cells, own sources, tagged sources)}`` where ``cells`` maps ``(field, kind)`` (kind
    ``birth``/``origin``/``from`` for places, ``None`` otherwise) to ``[{value: {source: None}}, inferred]``,
    ``own sources`` the sources of rows that fill no value and ``tagged sources`` those of the ``un_ref`` rows.
    """
    out: dict = {}
    columns = [long[c].tolist() for c in ("appointment_id", "field", "kind", "value", "source_id", "inferred")]
    for app, field, kind, value, source, inferred in zip(*columns):
        entry = out.get(app)
        if entry is None:
            entry = out[app] = ({}, {}, {})
        if field == "":
            entry[1][source] = None
            continue
        key = (field, kind) if field in ("province", "district") else (field, None)
        cell = entry[0].get(key)
        if cell is None:
            cell = entry[0][key] = [{}, False]
        cell[0].setdefault(value, {})[source] = None
        if inferred:
            cell[1] = True
        if field == "un_ref":
            entry[2][source] = None
    return out


def _cell(cell, plural: bool):
    """(alternatives, groups of sources, inferred) of one field's facts (from :func:`_grouped`), in file order."""
    if cell is None:
        return (), (), False
    values = list(cell[0])
    groups = [tuple(cell[0][v]) for v in values]
    inferred = bool(cell[1])
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


def wide_from_facts(ident: pd.DataFrame, long: pd.DataFrame, home: str) -> pd.DataFrame:
    """One row per appointment with tag cells, from the identity table and the long facts.

    The facts are grouped once (:func:`_grouped`); each row is then built from plain dictionaries.
    """
    fields = dp.field_names("appointees")
    rows = []
    by_app = _grouped(long)
    nothing: tuple = ({}, {}, {})
    senses = ("birth", "origin", "stated") if home == "any" else (home,)
    for rec in ident.to_dict("records"):
        cells_of, own_sources, ref_sources = by_app.get(rec["appointment_id"], nothing)
        row = dict(rec)
        inferred = [c for c in str(rec.get("inferred_fields") or "").split(dp.LIST_SEP) if c]
        cells = {}
        for what in ("province", "district"):
            for kind, code in (("birth", "birth"), ("origin", "origin"), ("stated", "from")):
                alts, groups, inf = _cell(cells_of.get((what, code)), plural=False)
                col = f"{kind}_{what}"
                cells[col] = (alts, groups)
                row[col], row[f"{col}_sources"] = format_tag(alts), _sources_cell(groups)
                if inf:
                    inferred.append(col)
            alts, groups = _home_cells(cells, what, home)
            row[what], row[f"{what}_sources"] = format_tag(alts), _sources_cell(groups)
            if any(f"{k}_{what}" in inferred for k in senses):
                inferred.append(what)
        for col in _SINGLE + ("network",):
            alts, groups, inf = _cell(cells_of.get((col, None)), plural=(col == "network"))
            row[col] = format_tag(alts)
            scol = "un_sources" if col == "un_listed" else f"{col}_sources"
            row[scol] = _sources_cell(groups)
            if inf:
                inferred.append(col)
        ref = cells_of.get(("un_ref", None))
        row["un_ref"] = dp.DISPUTE_SEP.join(ref[0]) if ref is not None else ""
        if ref is not None and ref[1]:
            inferred.append("un_ref")
        if not row["un_sources"] and ref_sources:
            row["un_sources"] = dp.LIST_SEP.join(ref_sources)
        if row["tribe"] == dp.UNKNOWN:
            eth = split_tag(row["ethnicity"])
            if eth and all("Pashtun" not in alt for alt in eth):
                row["tribe"] = "not_applicable"
        row["source_ids"] = dp.LIST_SEP.join(own_sources)
        chosen = set(inferred)
        row["inferred_fields"] = dp.LIST_SEP.join(c for c in fields if c in chosen)
        rows.append(row)
    out = pd.DataFrame(rows, columns=fields) if rows else pd.DataFrame(columns=fields)
    return out


def appointment_sources(facts: pd.DataFrame) -> pd.DataFrame:
    """Rows of a facts table that fill no value: sources for the appointment itself."""
    facts = with_abroad(facts)
    none = facts[list(FACT_VALUES)].eq("").all(axis=1)
    sub = facts[none]
    return pd.DataFrame({"appointment_id": sub["appointment_id"], "field": "", "kind": "", "value": "",
                         "source_id": sub["source_id"], "inferred": False, "period_start": sub["period_start"],
                         "period_end": sub["period_end"], "note": sub["note"],
                         "_row": np.flatnonzero(none.to_numpy())})


def facts_of(name: str, folder: Path, table_path: Path | None = None) -> tuple[pd.DataFrame, Path, pd.DataFrame]:
    """The checked facts table of appointment table ``name`` in ``folder`` as strings.

    ``table_path`` is the appointments file the facts describe (default: the table of that name in
    ``folder``); without a facts table beside it, the error says what the file needs and why.
    """
    facts_name = dp.FACTS_TABLES[name]
    path = folder / dp.resource(facts_name)["path"]
    table_path = Path(table_path) if table_path is not None else folder / dp.resource(name)["path"]
    if not path.is_file():
        raise DataError([missing_facts(table_path, name, facts_name)])
    frame, normalised, _, _ = checked_table(facts_name, path, facts_key(folder, name, table_path))
    return frame, path, normalised


def missing_facts(table_path: Path, name: str, facts_name: str) -> Problem:
    """The problem of an appointments table in its stored form with no facts table beside it."""
    facts_file = dp.resource(facts_name)["path"]
    wide = (" or the tags as columns of the file itself (the wide form: see data/codebook.md)"
            if name in dp.FACTS_TABLES else "")
    return Problem(display_path(table_path), None, None, None,
                   f"holds the {name} table in the data package's stored form (identity and post only): its tags "
                   f"and the sources of every row are in {facts_file}, and no {facts_file} is beside it",
                   allowed=f"{facts_file} in the same folder (a copy of the data package's, or your own){wide}")


def coverage_appointments(name: str, ident: pd.DataFrame, facts: pd.DataFrame, facts_path: Path, lines) -> None:
    """Every appointment cites a source for itself (a rule of ours the standard cannot state)."""
    facts = with_abroad(facts)
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


def _roster_sources(frame: pd.DataFrame, col: str) -> str:
    return col + "_sources" if col not in ("un_listed", "un_ref") else "un_sources"


def wide_from_cells(frame: pd.DataFrame, home: str, exclude_weak: bool, folder: Path) -> pd.DataFrame:
    """A roster in the wide form, completed: missing optional columns, home in the chosen sense."""
    fields = dp.field_names("appointees")
    out = frame.copy(deep=False)  # columns are replaced, never written into (copy-on-write keeps frame as it was)
    for f in dp.roster_schema()["fields"]:
        if f["name"] not in out.columns:
            out[f["name"]] = dp.UNKNOWN if f.get("cabinet:tag") else ""
    has_kinds = any(c in frame.columns for c in KIND_COLUMNS)
    if not has_kinds:
        for what in ("province", "district"):
            out[f"stated_{what}"] = out[what]
            out[f"stated_{what}_sources"] = out[f"{what}_sources"]
    if exclude_weak:
        info = source_info(folder)
        weak = set(info.index[info["source_class"].eq("low")])
        for f in dp.roster_schema()["fields"]:
            col = f["name"]
            scol = f.get("cabinet:sources_field")
            if not f.get("cabinet:tag") or not scol or col in ("province", "district"):
                continue
            out[col], out[scol] = _per_distinct(out[[col, scol]], lambda v, s: _drop_weak(v, s, weak))
    for what in ("province", "district"):
        if has_kinds or exclude_weak or home != "any":
            columns = [f"{k}_{what}{s}" for k in ("birth", "origin", "stated") for s in ("", "_sources")]
            out[what], out[f"{what}_sources"] = _per_distinct(out[columns], lambda *r: _home_of_row(r, what, home))
    return out[fields]


def _home_of_row(r, what: str, home: str) -> tuple[str, str]:
    """(cell, sources cell) of home in the sense ``home`` from the birth, origin and stated cells and their sources."""
    cells = {}
    for j, k in enumerate(("birth", "origin", "stated")):
        alts = split_tag(r[2 * j])
        groups = parse_sources(r[2 * j + 1]) or tuple(() for _ in alts)
        if len(groups) != len(alts):
            groups = tuple(tuple(dict.fromkeys(s for g in groups for s in g)) for _ in alts)
        cells[f"{k}_{what}"] = (alts, groups)
    alts, groups = _home_cells(cells, what, home)
    return format_tag(alts), _sources_cell(groups)


def _per_distinct(frame: pd.DataFrame, f) -> tuple[np.ndarray, np.ndarray]:
    """Two columns from ``f(*row)``, computed once per distinct row of ``frame`` (a long roster repeats its cells)."""
    codes, rows = _distinct_rows([frame[c].to_numpy() for c in frame.columns])
    pairs = [f(*row) for row in frame.iloc[rows].itertuples(index=False, name=None)]
    first = np.array([p[0] for p in pairs] or [""], dtype=object)
    second = np.array([p[1] for p in pairs] or [""], dtype=object)
    return first[codes], second[codes]


def _drop_weak(value: str, sources: str, weak: set) -> tuple[str, str]:
    alts = split_tag(value)
    groups = parse_sources(sources)
    if not alts or len(groups) != len(alts):
        return value, sources
    keep = [(a, g) for a, g in zip(alts, groups) if not (g and all(s in weak for s in g))]
    if len(keep) == len(alts):
        return value, sources
    return format_tag([a for a, _ in keep]), _sources_cell([g for _, g in keep])


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
        p = Path(p) if p is not None else bundled_path(name)
        folder = p.parent
        ident = _stored(name, p, full_key(folder_of(p)))
        facts, _, _ = facts_of(name, folder, p)
        long = melt_facts(facts)
        long["person_id"] = long["appointment_id"].map(ident.set_index("appointment_id")["person_id"])
        info = source_info(folder)
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
