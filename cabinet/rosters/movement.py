"""The movement's cadre pool before the takeover, and the estimates of its fighters.

The data package holds the Taliban movement's posts as last reported before
15 August 2021 (``movement_pool.csv``: leadership council, deputy leaders,
commissions, shadow governors, military commanders), one row per post of a
person as one report gives it, with the facts about those people in
``movement_facts.csv`` (the shape of ``appointee_facts.csv``), and published
estimates of the number of fighters in ``movement_manpower.csv``.

:func:`load_movement_pool` gives one row per *person* of the pool, in the wide
form of :func:`cabinet.load_appointees` (one tag cell per tag column), so the
pool can be counted with :func:`cabinet.representation` like any roster. A
person also in the cabinet tables takes every personal tag from the cabinet
facts (same ``person_id``): the two always agree. Only rows whose post is
placed before the takeover count (``dating`` ``reported_before`` or
``stated_before``); the others are listed in ``frame.attrs["left_out"]``.

:func:`load_movement_manpower` returns the fighter estimates.
"""

from __future__ import annotations

import warnings
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..io import datapackage as dp
from ..errors import DataError, NormalisationWarning, Problem
from ..io._tables import announce_normalised, bundled_path, checked_table, facts_key, folder_of, full_key, load_table, file_state, type_columns
from ..io.csv_files import display_path, error_as_given
from ..io.facts import (FACT_VALUES, appointment_sources, check_home, melt_facts, source_info, weak_values, wide_from_facts,
                        with_abroad)
from ..io.loaders import load_appointees, load_later_appointments
from ..io.user_files import TABLE_LOADERS

__all__ = ["load_movement_pool", "load_movement_manpower", "POOL_COLUMNS", "COUNTED"]

#: ``dating`` values that place a post before the takeover (the row counts in the pool).
COUNTED = ("reported_before", "stated_before")

_IDENTITY = ("appointment_id", "person_id", "name", "name_variants", "post", "position_class", "body", "announced")
#: The tag columns of the wide form a pool member carries (as :func:`cabinet.load_appointees`).
TAG_COLUMNS = tuple(c for c in dp.field_names("appointees") if c not in _IDENTITY
                    and c not in ("source_ids", "inferred_fields", "notes"))
#: Columns of the frame :func:`load_movement_pool` returns, in order.
POOL_COLUMNS = ["person_id", "name", "name_variants", "pool_ids", "post", "post_type", "post_province", "as_of",
                "in_cabinet", *TAG_COLUMNS, "source_ids", "inferred_fields", "notes"]
_PERSON_TAGS = ("birth_province", "birth_district", "origin_province", "origin_district", "stated_province",
                "stated_district", "province", "district", "ethnicity", "tribe", "network", "iran_aligned",
                "un_listed", "un_ref", "affiliation")


def _cabinet_people(home: str, exclude_weak: bool) -> pd.DataFrame:
    """One row per person of the cabinet tables (their personal tags agree across appointments)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NormalisationWarning)
        frames = [load_appointees(home=home, exclude_weak=exclude_weak),
                  load_later_appointments(home=home, exclude_weak=exclude_weak)]
    both = pd.concat(frames, ignore_index=True)
    ids = both.groupby("person_id", sort=False)["appointment_id"].agg(dp.LIST_SEP.join)
    first = both.drop_duplicates("person_id").set_index("person_id")
    first["in_cabinet"] = ids
    return first


def _check_facts(pool: pd.DataFrame, facts: pd.DataFrame, facts_path: Path, cabinet: pd.DataFrame) -> None:
    """Every pool row cites a source for its post; tag facts only for people outside the cabinet tables."""
    label = display_path(facts_path)
    facts = with_abroad(facts)
    none = (facts[list(FACT_VALUES)] == "").all(axis=1)
    cited = set(facts.loc[none, "pool_id"])
    problems = [Problem(label, None, "source_id", pid,
                        f"pool row {pid!r} has no source for its post",
                        allowed="at least one row with this pool_id, a source_id and no value (a source that names "
                                "the person and states the post)")
                for pid in pool["pool_id"] if pid not in cited]
    person = dict(zip(pool["pool_id"], pool["person_id"]))
    tagged = facts[~none]
    for j, pid in zip(tagged.index, tagged["pool_id"]):
        who = person.get(pid)
        if who in cabinet.index:
            problems.append(Problem(label, int(j) + 2, "pool_id", pid,
                                    f"a tag fact about {who!r}, who is in the cabinet tables "
                                    f"({str(cabinet.at[who, 'in_cabinet'])}): his tags come from the cabinet facts",
                                    allowed="the fact as a row of appointee_facts.csv or later_facts.csv, or a "
                                            "pool row of a person outside the cabinet tables"))
    if problems:
        raise DataError(problems)


def _join(values, sep=dp.LIST_SEP) -> str:
    return sep.join(dict.fromkeys(v for v in values if v))


def load_movement_pool(path=None, *, home: str = "any", exclude_weak: bool = False) -> pd.DataFrame:
    """Load the movement's cadre pool before the takeover: one row per person.

    Parameters
    ----------
    path : str or os.PathLike, optional
        A ``movement_pool.csv`` (default: the bundled one); ``movement_facts.csv``
        is read from beside it, sources, provinces and tribes as for
        :func:`cabinet.load_appointees`.
    home : {"any", "birth", "origin", "stated"}
        The sense of home in ``province`` and ``district`` (as in
        :func:`cabinet.load_appointees`).
    exclude_weak : bool
        True leaves out every value that rests only on sources of class ``low``.

    Returns
    -------
    pandas.DataFrame
        One row per person with at least one post placed before the takeover.
        Columns: ``person_id``, ``name``, ``name_variants``; ``pool_ids`` (his
        rows of movement_pool.csv, ``;``-separated); ``post`` (the posts,
        ``; ``-separated); ``post_type`` and ``post_province`` (plural tag
        cells, ``+``; ``post_province`` ``unknown`` when no post is tied to a
        province); ``as_of`` (the latest date of his counted rows, empty when
        none is dated); ``in_cabinet`` (his appointment ids in the cabinet
        tables, empty if none); then the tag columns of
        :func:`cabinet.load_appointees` (``birth_province`` ...
        ``affiliation``, each with its ``*_sources``), ``source_ids`` (the
        sources for his posts), ``inferred_fields`` (every tag column when his
        identification with a cabinet member rests on the name alone) and
        ``notes`` (the list :data:`POOL_COLUMNS`: a view of the stored table,
        one row per person rather than per post). ``frame.attrs["left_out"]`` holds the pool rows not counted
        (``dating`` ``not_established``) of people with no counted row, as records (a list of dicts, one per row:
        ``pandas.DataFrame(frame.attrs["left_out"])`` is the table).

    Raises
    ------
    DataError
        Listing every problem in the files, including a pool row with no
        source and a tag fact about a person of the cabinet tables.

    Examples
    --------
    >>> pool = load_movement_pool()
    >>> len(pool)
    29
    >>> pool.loc[pool.person_id == "zakir_abdul_qayyum", "tribe"].item()
    'Alizai'
    """
    check_home(home)
    given = path
    path = Path(path) if path is not None else bundled_path("movement_pool")
    try:
        table, left, normalised = _pool_cached(str(path), pool_state(path), home, bool(exclude_weak))
    except DataError as err:  # files named as the user named them, not as resolved
        raise error_as_given(err, given) from None
    out = table.copy()
    out.attrs = {"source_file": str(path), "home": home, "exclude_weak": bool(exclude_weak),
                 "left_out": left.to_dict("records"), "as_of": None}
    announce_normalised(out, path, normalised, stacklevel=3)
    return out


def pool_state(path=None) -> tuple:
    """The state of every file :func:`load_movement_pool` reads (path, modification time and size of each).

    The pool file and its facts; the sources, provinces and tribes it is checked against; and the bundled
    cabinet tables and their facts, from which a pool member who is also in the cabinet takes his tags.
    """
    path = Path(path) if path is not None else bundled_path("movement_pool")
    files = [path, path.parent / dp.resource("movement_facts")["path"]]
    for name in ("appointees", "later_appointments"):
        files += [bundled_path(name), dp.data_dir() / dp.resource(dp.FACTS_TABLES[name])["path"]]
    return (tuple(file_state(f) for f in files), full_key(folder_of(path)), full_key(dp.data_dir()))


@lru_cache(maxsize=32)
def _pool_cached(file: str, state: tuple, home: str, exclude_weak: bool):
    """(pool, rows left out, normalised values) once per state of the files (callers copy them)."""
    path = Path(file)
    folder = path.parent
    pool, pool_norm, _, _ = checked_table("movement_pool", path, full_key(folder_of(path)))
    facts_path = folder / dp.resource("movement_facts")["path"]
    facts, facts_norm, _, _ = checked_table("movement_facts", facts_path, facts_key(folder, "movement_pool", path))
    cabinet = _cabinet_people(home, exclude_weak)
    _check_facts(pool, facts, facts_path, cabinet)

    counted = pool[pool["dating"].isin(COUNTED)]
    person_of = dict(zip(pool["pool_id"], pool["person_id"]))
    # facts of people outside the cabinet, keyed by person (one wide row each)
    keyed = facts.rename(columns={"pool_id": "appointment_id"})
    keyed["appointment_id"] = keyed["appointment_id"].map(person_of)
    long = pd.concat([melt_facts(keyed), appointment_sources(keyed)], ignore_index=True)
    long = long.sort_values("_row", kind="stable").reset_index(drop=True)
    long["field"] = long["field"].fillna("")
    if exclude_weak:
        info = source_info(folder_of(path))
        tagged = long["field"].ne("")
        weak = pd.Series(False, index=long.index)
        weak[tagged] = weak_values(long[tagged], info)
        long = long[~weak]
    people = list(dict.fromkeys(counted["person_id"]))
    ident = pd.DataFrame({"appointment_id": people, "person_id": people, "inferred_fields": ""})
    own = wide_from_facts(ident, long, home).set_index("appointment_id")
    # the sources for the posts: only those of counted rows
    post_sources = facts[facts["pool_id"].isin(counted["pool_id"])
                         & (with_abroad(facts)[list(FACT_VALUES)] == "").all(axis=1)]

    # plain records, grouped once: no per-person pandas indexing
    counted_of: dict = {}
    for r in counted.to_dict("records"):
        counted_of.setdefault(r["person_id"], []).append(r)
    post_pairs = list(zip(post_sources["pool_id"], post_sources["source_id"]))
    cabinet_rows = cabinet.to_dict("index")
    own_rows = own.to_dict("index")
    rows = []
    for pid in people:
        mine = counted_of[pid]
        ids = [r["pool_id"] for r in mine]
        row = {"person_id": pid, "name": mine[0]["name"],
               "name_variants": _join(v for r in mine for v in r["name_variants"].split(dp.LIST_SEP)),
               "pool_ids": _join(ids), "post": _join((r["post"] for r in mine), "; "),
               "post_type": _join((r["post_type"] for r in mine), dp.PLURAL_SEP),
               "post_province": _join((r["post_province"] for r in mine), dp.PLURAL_SEP) or dp.UNKNOWN,
               "as_of": max((r["as_of"] for r in mine if r["as_of"] != ""), default="")}
        inferred_ids = all("person_id" in r["inferred_fields"].split(dp.LIST_SEP) for r in mine)
        if pid in cabinet_rows:
            src = cabinet_rows[pid]
            row["in_cabinet"] = src["in_cabinet"]
            inferred = [c for c in str(src["inferred_fields"] or "").split(dp.LIST_SEP) if c in TAG_COLUMNS]
        else:
            src = own_rows[pid]
            row["in_cabinet"] = ""
            inferred = [c for c in str(src["inferred_fields"] or "").split(dp.LIST_SEP) if c]
        for col in TAG_COLUMNS:
            row[col] = src[col]
        if inferred_ids:
            inferred = [c for c in TAG_COLUMNS if c in _PERSON_TAGS and row[c] not in (dp.UNKNOWN, "")] + inferred
        mine_ids = set(ids)
        row["source_ids"] = _join(s for p, s in post_pairs if p in mine_ids)
        row["inferred_fields"] = _join(c for c in POOL_COLUMNS if c in set(inferred))
        row["notes"] = " ".join(f"{r['pool_id']}: {r['notes']}" for r in mine if r["notes"])
        rows.append(row)
    out = pd.DataFrame(rows, columns=POOL_COLUMNS)
    out = type_columns(dp.schema("appointees")["fields"], out)
    left = pool[~pool["dating"].isin(COUNTED) & ~pool["person_id"].isin(people)]
    out.attrs = {}
    return out, left.reset_index(drop=True), pd.concat([pool_norm, facts_norm], ignore_index=True)


def load_movement_manpower(path=None) -> pd.DataFrame:
    """Published estimates of the movement's fighters, national or for one province, front or network.

    Returns
    -------
    pandas.DataFrame
        The columns of ``movement_manpower.csv``: ``estimate_id``, ``unit``,
        ``unit_type`` (national, province, front, network), ``fighters_low``,
        ``fighters_high`` (integers), ``as_of`` (empty when undated),
        ``source_id``, ``evidence``.

    Examples
    --------
    >>> m = load_movement_manpower()
    >>> sorted(set(m["unit_type"]))
    ['front', 'national', 'network']
    """
    path = Path(path) if path is not None else bundled_path("movement_manpower")
    return load_table("movement_manpower", path, full_key(folder_of(path)))


# ``cabinet validate`` checks the pool with its own loader (it reads the cabinet tables too).
TABLE_LOADERS["movement_pool"] = load_movement_pool
