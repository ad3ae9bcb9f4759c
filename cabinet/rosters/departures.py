"""Departures: who left which post, when and how, and the dates the government changed.

The data package records each post left as a row of ``departures.csv`` (the
appointment whose post was left, the date, the event: ``moved``, ``replaced``,
``dismissed``, ``died``, ``resigned`` or ``ended``), with its sources in
``departure_sources.csv``. A move is a departure plus the new appointment's own
row in ``later_appointments.csv`` (``next_appointment_id`` names it).

:func:`load_departures` reads and checks the table; :func:`change_dates` lists
every date on which the government changed (an appointment announced or a post
left). :func:`cabinet.load_roster` applies the departures: as of a date, a man
holds every appointment announced by then that he has not left, carries the
most recent of them, and drops out of the roster once he has left them all.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..io import datapackage as dp
from ..io.departure_rules import check_departures
from ..errors import DataError
from ..io.loaders import announcement_dates, load_appointees, load_later_appointments
from ..io._tables import bundled_path, load_stored, file_state

__all__ = ["load_departures", "change_dates", "EVENTS"]

#: How a post can be left, as ``departures.csv`` codes it.
EVENTS = ("moved", "replaced", "dismissed", "died", "resigned", "ended")


def _beside(path, name: str):
    """The file of table ``name`` in the folder of ``path`` if there is one, else None."""
    if path is None:
        return None
    p = Path(path).parent / dp.resource(name)["path"]
    return p if p.is_file() else None


def default_departures_path(later_path=None):
    """The departures that go with a later-appointments file.

    The bundled departures for the bundled appointments; for a file of one's
    own, ``departures.csv`` in the same folder, or None (no departures).
    """
    if later_path is None:
        return dp.data_dir() / dp.resource("departures")["path"]
    return _beside(later_path, "departures")


def load_departures(path=None, *, appointees_path=None, later_path=None) -> pd.DataFrame:
    """Load the departures and check them against the appointments.

    Parameters
    ----------
    path : str or os.PathLike, optional
        The departures file (default: bundled). Its sources are looked up in
        ``departure_sources.csv`` beside it.
    appointees_path, later_path : str or os.PathLike, optional
        The appointments the departures refer to. Default: the
        ``appointees.csv`` and ``later_appointments.csv`` beside ``path``
        when there are, else the bundled ones.

    Returns
    -------
    pandas.DataFrame
        One row per post left, oldest first as stored, columns:

        - ``departure_id``: id of the departure (D001...).
        - ``appointment_id``: the appointment whose post was left.
        - ``date`` (Timestamp): when; ``date_inferred`` is ``"yes"`` where it is
          the latest day the sources allow.
        - ``event``: one of :data:`EVENTS`.
        - ``next_appointment_id``: for a move, the appointment moved to, or ``""``.
        - ``date_inferred``, ``inferred``: ``"yes"``/``"no"``.
        - ``source_ids``: the sources, ``;``-separated (from ``departure_sources.csv``).
        - ``notes``: what the sources state.

    Raises
    ------
    DataError
        On a file that breaks the schema, a departure without a source, one
        naming an unknown appointment, one dated before the appointment was
        announced, or a move to an appointment of another person; each problem
        names file, line, column, value and what is allowed.

    Examples
    --------
    >>> d = load_departures()
    >>> khalil = d.set_index("appointment_id").loc["S13"]  # Khalil Haqqani, refugees minister
    >>> str(khalil["date"].date()), khalil["event"]
    ('2024-12-11', 'died')
    """
    frame = load_stored("departures")(path)
    frame["next_appointment_id"] = frame["next_appointment_id"].fillna("")
    frame["notes"] = frame["notes"].fillna("")
    a_path = appointees_path if appointees_path is not None else _beside(path, "appointees")
    l_path = later_path if later_path is not None else _beside(path, "later_appointments")
    # the check against the appointments runs once per state of the three files (a timeline loads them per date)
    key = tuple(file_state(Path(p) if p is not None else bundled_path(name))
                for p, name in ((path, "departures"), (a_path, "appointees"), (l_path, "later_appointments")))
    if key not in _CHECKED:
        problems = check_departures(frame, [load_appointees(a_path), load_later_appointments(l_path)])
        if problems:
            raise DataError(problems)
        if len(_CHECKED) > 64:
            _CHECKED.clear()
        _CHECKED.add(key)
    return frame


#: Departure files (with the appointments they were checked against) already checked, by file state.
_CHECKED: set[tuple] = set()


def held(allrows: pd.DataFrame, when: pd.Timestamp, departures: pd.DataFrame | None) -> pd.Series:
    """Which rows of an appointments frame are still held on ``when`` (a boolean Series)."""
    if departures is None or departures.empty:
        return pd.Series(True, index=allrows.index)
    left = set(departures.loc[departures["date"] <= when, "appointment_id"])
    return ~allrows["appointment_id"].isin(left)


def change_dates(path=None, later_path=None, departures_path=None) -> list[pd.Timestamp]:
    """Every date on which the government changed: appointments announced and posts left, oldest first.

    Parameters
    ----------
    path, later_path : str or os.PathLike, optional
        The appointees and later-appointments files (default: bundled).
    departures_path : str or os.PathLike, optional
        The departures file (default: the bundled one for the bundled data,
        else ``departures.csv`` beside ``later_path`` if there is one).

    Examples
    --------
    >>> dates = change_dates()
    >>> dates[0]
    Timestamp('2021-09-07 00:00:00')
    >>> pd.Timestamp("2024-12-11") in dates  # Khalil Haqqani killed
    True
    """
    dates = set(announcement_dates(path, later_path))
    dpath = departures_path if departures_path is not None else default_departures_path(later_path)
    if dpath is not None:
        dates |= set(load_departures(dpath, appointees_path=path, later_path=later_path)["date"])
    return sorted(dates)
