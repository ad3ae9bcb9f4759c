"""The rules a departures table must keep that Table Schema cannot state.

A departure names the appointment whose post was left, and that appointment
lives in one of two tables (``appointees.csv`` or ``later_appointments.csv``);
a move names the appointment the man moved to. :func:`check_departures` checks
both against the appointments and returns every problem found, each naming
file, line, column, value and what is allowed. It reads frames only, so the
loaders (:func:`cabinet.validate`) and :mod:`cabinet.rosters.departures` can both call
it without importing each other.
"""

from __future__ import annotations

import difflib

import pandas as pd

from ..errors import Problem
from .csv_files import display_path
from ._tables import lines_of

__all__ = ["check_departures"]


def check_departures(departures: pd.DataFrame, appointments) -> list[Problem]:
    """Problems of ``departures`` against the appointments tables.

    Parameters
    ----------
    departures : pandas.DataFrame
        A loaded departures table (the file and lines its ``attrs["table"]`` and
        ``attrs["source_file"]`` name are given in messages).
    appointments : list of pandas.DataFrame
        The appointments tables the departures refer to (the 33 and the later
        appointments), with ``appointment_id``, ``person_id`` and ``announced``.

    Returns
    -------
    list of Problem
        Empty when every departure names a known appointment, is dated on or
        after that appointment was announced, and every ``next_appointment_id``
        is a known appointment of the same person, given with event ``moved``.

    Examples
    --------
    >>> import pandas as pd
    >>> apps = [pd.DataFrame({"appointment_id": ["S01"], "person_id": ["a"],
    ...                       "announced": [pd.Timestamp("2021-09-07")]})]
    >>> dep = pd.DataFrame({"departure_id": ["D001"], "appointment_id": ["S02"],
    ...                     "date": [pd.Timestamp("2022-01-01")], "event": ["died"],
    ...                     "next_appointment_id": [""]})
    >>> [p.column for p in check_departures(dep, apps)]
    ['appointment_id']
    """
    frames = [a for a in appointments if a is not None]
    if not frames or departures.empty:
        return []
    apps = pd.concat([a[["appointment_id", "person_id", "announced"]] for a in frames], ignore_index=True)
    apps = apps.drop_duplicates("appointment_id")
    announced_of: dict[str, pd.Timestamp] = {
        str(a): pd.Timestamp(d) for a, d in zip(apps["appointment_id"], apps["announced"])}
    person_of: dict[str, str] = {str(a): str(p) for a, p in zip(apps["appointment_id"], apps["person_id"])}
    known = list(announced_of)
    tables = " or ".join(dict.fromkeys(
        display_path(a.attrs["source_file"]).replace("\\", "/").rsplit("/", 1)[-1]
        for a in frames if a.attrs.get("source_file"))) or "the appointments tables"
    file = display_path(departures.attrs.get("source_file", "departures.csv"))
    problems = []

    def closest(value):
        hit = difflib.get_close_matches(str(value), known, n=1, cutoff=0.6)
        return hit[0] if hit else None

    for line, row in zip(lines_of(departures), departures.itertuples(index=False)):
        aid = str(row.appointment_id)
        if aid not in announced_of:
            problems.append(Problem(file, line, "appointment_id", aid,
                                    f"departure {row.departure_id} names no known appointment",
                                    allowed=f"an appointment_id of {tables}", closest=closest(aid)))
            continue
        announced = announced_of[aid]
        when = pd.Timestamp(str(row.date))
        if when < announced:
            problems.append(Problem(file, line, "date", str(when.date()),
                                    f"departure {row.departure_id} is dated before appointment {aid} was announced "
                                    f"({announced.date()})",
                                    allowed=f"a date on or after {announced.date()}"))
        nxt = getattr(row, "next_appointment_id", "")
        if isinstance(nxt, str) and nxt:
            if row.event != "moved":
                problems.append(Problem(file, line, "next_appointment_id", nxt,
                                        f"departure {row.departure_id} names a next appointment but its event is "
                                        f"{row.event!r}", allowed="a next appointment only with event 'moved'"))
            elif nxt not in announced_of:
                problems.append(Problem(file, line, "next_appointment_id", nxt,
                                        f"departure {row.departure_id} moves to no known appointment",
                                        allowed=f"an appointment_id of {tables}", closest=closest(nxt)))
            elif person_of[nxt] != person_of[aid]:
                problems.append(Problem(file, line, "next_appointment_id", nxt,
                                        f"appointment {nxt} is of person {person_of[nxt]!r}, not of "
                                        f"{person_of[aid]!r} who left {aid}",
                                        allowed=f"an appointment of {person_of[aid]!r}"))
            elif nxt == aid:
                problems.append(Problem(file, line, "next_appointment_id", nxt,
                                        f"departure {row.departure_id} moves to the post it leaves",
                                        allowed="another appointment of the same person"))
    return problems
