"""Loaders for the bundled data package and for users' own files.

Each ``load_*`` function reads one table, checks it against
``datapackage.json`` with the shared validator, and returns a DataFrame typed
as the schema says. Any violation raises :class:`~cabinet.errors.DataError`
listing every problem with file, line, column, value and what is allowed.
Normalised spellings are listed in ``frame.attrs["normalised"]`` (plain records:
``pandas.DataFrame(frame.attrs["normalised"])`` is the table) and announced
with a :class:`~cabinet.errors.NormalisationWarning`.

The data package stores the tags of the appointees as facts, one row per value
and source (``appointee_facts.csv``, ``later_facts.csv``). :func:`load_appointees`
and :func:`load_later_appointments` derive from them one row per appointment
with a *tag cell* per tag column (see :func:`cabinet.tags.parse_tag`):

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

This module holds the loaders of appointments, and re-exports the facts: the
reference tables live in
:mod:`cabinet.io.reference_tables`, the facts in
:mod:`cabinet.io.facts`, the machinery that reads a table in
:mod:`cabinet.io._tables`, and :func:`~cabinet.io.user_files.validate` and
:func:`~cabinet.io.user_files.load_user_roster` in :mod:`cabinet.io.user_files`,
the posts left in :mod:`cabinet.rosters.departures`, and the government as of a date
(:func:`~cabinet.rosters.over_time.load_roster`) in :mod:`cabinet.rosters.over_time`.
"""

from __future__ import annotations

import datetime as _dt
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import datapackage as dp
from ..errors import DataError, Problem
from .csv_files import display_path, error_as_given
from .disk_cache import cached, is_bundled
from ._tables import announce_normalised, bundled_path, checked_table, folder_of, full_key, handout, file_state, lines_of, type_columns
from .facts import (
    appointment_sources,
    check_home,
    coverage_appointments,
    facts_of,
    melt_facts,
    source_info,
    weak_values,
    wide_from_cells,
    wide_from_facts,
)
from .facts import HOMES, SOURCE_CLASSES, load_facts, value_support


__all__ = [
    "load_appointees",
    "load_later_appointments",
    "load_facts",
    "value_support",
    "announcement_dates",
    "PERSON_FIELDS",
    "HOMES",
    "SOURCE_CLASSES",
]

#: Columns that describe the person rather than the post; they must agree
#: across every appointment of the same ``person_id``.
PERSON_FIELDS = ("province", "district", "ethnicity", "tribe", "network")


#: The date of the press conference that announced the 33.
ANNOUNCEMENT_DATE = pd.Timestamp("2021-09-07")


@lru_cache(maxsize=64)
def _appointments_cached(name: str, stamp, beside, home: str, exclude_weak: bool):
    if is_bundled(stamp[0]):  # the bundled tables as loaded: kept on disk (cabinet.io.disk_cache)
        return cached("appointments", (name, stamp, beside, home, exclude_weak),
                      lambda: _appointments(name, stamp, home, exclude_weak))
    return _appointments(name, stamp, home, exclude_weak)


def _appointments(name: str, stamp, home: str, exclude_weak: bool):
    path = Path(stamp[0])
    folder = path.parent
    refs_key = full_key(folder_of(path))
    frame, normalised, lines, wide = checked_table(name, path, refs_key)
    if wide:
        out = wide_from_cells(frame, home, exclude_weak, folder_of(path))
        long = None
    else:
        facts, facts_path, facts_norm = facts_of(name, folder, path)
        coverage_appointments(name, frame, facts, facts_path, lines)
        long = pd.concat([melt_facts(facts), appointment_sources(facts)], ignore_index=True)
        long = long.sort_values("_row", kind="stable").reset_index(drop=True)
        long["field"] = long["field"].fillna("")
        if exclude_weak:
            info = source_info(folder)
            tagged = long["field"].ne("")
            weak = pd.Series(False, index=long.index)
            weak[tagged] = weak_values(long[tagged], info)
            long = long[~weak]
        out = wide_from_facts(frame, long, home)
        normalised = pd.concat([normalised, facts_norm], ignore_index=True)
    typed = type_columns(dp.schema(name)["fields"], out)
    typed.attrs = {}
    return typed, normalised


def _load_appointments(name: str, path=None, home: str = "any", exclude_weak: bool = False) -> pd.DataFrame:
    check_home(home)
    given = path
    path = Path(path) if path is not None else bundled_path(name)
    # the facts table and the reference tables beside the file are part of what it loads
    beside = tuple(file_state(path.parent / f) for f in (dp.resource(dp.FACTS_TABLES[name])["path"], "sources.csv",
                                                      "provinces.csv", "tribes.csv"))
    try:
        typed, normalised = _appointments_cached(name, file_state(path), beside, home, bool(exclude_weak))
    except DataError as err:  # files named as the user named them, not as resolved
        raise error_as_given(err, given) from None
    out = handout(typed)
    out.attrs["source_file"] = str(path)
    out.attrs["table"] = name
    out.attrs["home"] = home
    out.attrs["exclude_weak"] = bool(exclude_weak)
    if name != "later_appointments":  # later appointments repeat a person at each change of post, by design
        _one_row_per_person(out, given if given is not None else path)
    announce_normalised(out, path, normalised, stacklevel=5)
    return out


def _one_row_per_person(table: pd.DataFrame, given) -> None:
    """Refuse one list with two rows of one ``person_id``: the roster would fold them into one person unsaid."""
    repeated = table["person_id"].duplicated(keep=False)
    if not repeated.any():
        return
    lines = lines_of(table)
    label = display_path(given)
    first: dict = {}
    problems = []
    for i in range(len(table)):
        if not repeated.iat[i]:
            continue
        pid = str(table["person_id"].iat[i])
        if pid not in first:
            first[pid] = i
            continue
        j = first[pid]
        problems.append(Problem(
            label, lines[i], "person_id", pid,
            f"the same person_id as line {lines[j]} ({table['post'].iat[j]!r} and {table['post'].iat[i]!r}): one "
            "person on two rows of one list would be counted once with his posts joined, unsaid",
            allowed="one row per person in one list (two posts of one man in one post cell), or a person_id of "
                    "his own for each person"))
    raise DataError(problems)


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
        plural; see :func:`cabinet.tags.parse_tag`) with its
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
    """Load the appointments announced after 7 September 2021 (same columns and options as :func:`load_appointees`).

    Parameters
    ----------
    path : str or os.PathLike, optional
        A ``later_appointments.csv`` of the same form, with its
        ``later_facts.csv`` beside it (default: the bundled tables).
    home, exclude_weak
        As for :func:`load_appointees`.

    Returns
    -------
    pandas.DataFrame
        One row per later appointment (``L001`` on), in the columns of
        :func:`load_appointees`; a man appointed twice has two rows. Who holds
        which post on a date, departures applied, is :func:`cabinet.load_roster`.

    Examples
    --------
    >>> later = load_later_appointments()
    >>> later["appointment_id"].iloc[0], str(later["announced"].min().date())
    ('L001', '2021-09-21')
    >>> int((later["announced"] == "2021-09-21").sum())  # the 17 names of 21 September
    17
    """
    return _load_appointments("later_appointments", path, home, exclude_weak)


def parse_date(as_of, what="as_of") -> pd.Timestamp:
    if isinstance(as_of, pd.Timestamp):
        return as_of.normalize()
    if isinstance(as_of, (_dt.date, _dt.datetime)):
        return pd.Timestamp(as_of).normalize()
    try:
        return pd.Timestamp(_dt.date.fromisoformat(str(as_of).strip()))
    except ValueError:
        raise ValueError(f"{what} must be a date such as 2021-09-21 (YYYY-MM-DD); got {as_of!r}") from None


def check_people(frames) -> None:
    """Every appointment of one person must carry the same personal tags."""
    parts = []
    for f in frames:
        part = f[["person_id", *PERSON_FIELDS]].copy()
        part["src_file"] = display_path(f.attrs.get("source_file", "?"))
        part["src_line"] = lines_of(f)
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

    Posts left are not among them: :func:`cabinet.change_dates` gives every
    date on which the government changed, appointments and departures.

    Examples
    --------
    >>> announcement_dates()[0]
    Timestamp('2021-09-07 00:00:00')
    """
    dates = set(load_appointees(path)["announced"]) | set(load_later_appointments(later_path)["announced"])
    return sorted(dates)
