"""Rosters by name: the governments the data package can rebuild.

=================  ==============================================================
``taliban-2021``   the 33 announced on 7 September 2021 (:func:`cabinet.load_appointees`)
``republic-2021``  the Islamic Republic's last cabinet on 14 August 2021
                   (:func:`cabinet.load_republic_roster`)
``taliban-latest`` the Taliban government as of the last change the data hold
                   (:func:`cabinet.load_roster` with ``as_of`` the last of
                   :func:`cabinet.change_dates`: appointments and posts left); it
                   follows the data as they are extended
``YYYY-MM-DD``     the Taliban government as of that date (:func:`cabinet.load_roster`)
=================  ==============================================================

Every roster carries its name in ``attrs["roster"]``.
"""

from __future__ import annotations

import datetime as _dt

import pandas as pd

__all__ = ["ROSTER_NAMES", "load_named_roster", "is_roster_name", "roster_label"]

#: The named rosters (an ISO date is accepted too).
ROSTER_NAMES = ("taliban-2021", "republic-2021", "taliban-latest")

_LABELS = {
    "taliban-2021": "the Taliban cabinet of 7 September 2021",
    "republic-2021": "the Republic's cabinet of 14 August 2021",
    "taliban-latest": "the Taliban government as of {as_of}",
}


def _as_date(name) -> _dt.date | None:
    if isinstance(name, (_dt.date, pd.Timestamp)):
        return pd.Timestamp(name).date()
    try:
        return _dt.date.fromisoformat(str(name).strip())
    except ValueError:
        return None


def is_roster_name(name) -> bool:
    """Whether ``name`` names a roster (one of :data:`ROSTER_NAMES` or an ISO date).

    Examples
    --------
    >>> is_roster_name("republic-2021"), is_roster_name("2022-01-01"), is_roster_name("data/appointees.csv")
    (True, True, False)
    """
    return str(name) in ROSTER_NAMES or _as_date(name) is not None


def _latest_date():
    from .departures import change_dates

    return max(change_dates())


def load_named_roster(name, *, home: str = "any", exclude_weak: bool = False) -> pd.DataFrame:
    """Load a roster by name.

    Parameters
    ----------
    name : str or datetime.date
        One of :data:`ROSTER_NAMES`, or a date (``YYYY-MM-DD``, on or after
        2021-09-07): the Taliban government as of that date.
    home : {"any", "birth", "origin", "stated"}
        The sense of home in ``province`` and ``district``.
    exclude_weak : bool
        Leave out values that rest only on ``low`` sources.

    Returns
    -------
    pandas.DataFrame
        The roster, with ``attrs["roster"]`` its name (a date as ``YYYY-MM-DD``)
        and ``attrs["roster_label"]`` a phrase naming it.

    Raises
    ------
    ValueError
        On an unknown name (the message lists the names and says a date is
        allowed) or a date before 7 September 2021.

    Examples
    --------
    >>> len(load_named_roster("taliban-2021")), len(load_named_roster("republic-2021"))
    (33, 32)
    >>> load_named_roster("2021-09-21").attrs["roster"]
    '2021-09-21'
    """
    from ..io.loaders import load_appointees
    from .over_time import load_roster
    from .republic import load_republic_roster

    key = str(name).strip() if not isinstance(name, (_dt.date, pd.Timestamp)) else None
    if key == "taliban-2021":
        out = load_appointees(home=home, exclude_weak=exclude_weak)
        label = _LABELS[key]
    elif key == "republic-2021":
        out = load_republic_roster(home=home, exclude_weak=exclude_weak)
        label = _LABELS[key]
    elif key == "taliban-latest":
        as_of = _latest_date()
        out = load_roster(as_of=as_of, home=home, exclude_weak=exclude_weak)
        label = _LABELS[key].format(as_of=f"{as_of.day} {as_of:%B %Y}")
    else:
        when = _as_date(name)
        if when is None:
            raise ValueError(f"unknown roster {name!r}; allowed: {', '.join(ROSTER_NAMES)}, or a date YYYY-MM-DD "
                             "on or after 2021-09-07 (the Taliban government as of that date)")
        out = load_roster(as_of=when, home=home, exclude_weak=exclude_weak)
        key = when.isoformat()
        label = f"the Taliban government as of {when.day} {when:%B %Y}"
    out.attrs["roster"] = key
    out.attrs["roster_label"] = label
    return out


def roster_label(roster: pd.DataFrame, default: str = "the roster") -> str:
    """The phrase naming a roster loaded by :func:`load_named_roster` (``default`` otherwise)."""
    return str(roster.attrs.get("roster_label") or default)


def refuse_republic(roster: pd.DataFrame, what: str) -> None:
    """Refuse a Taliban-specific measure on the Republic's roster, with a sentence saying why.

    Raises
    ------
    ValueError
        When ``roster`` is the Republic's cabinet (``attrs["roster"]`` is
        ``republic-2021``, or it carries the Republic's ``party`` column).

    Examples
    --------
    >>> refuse_republic(load_named_roster("taliban-2021"), "claims")  # no error
    """
    if roster.attrs.get("roster") == "republic-2021" or "party" in roster.columns:
        raise ValueError(f"{what} is about the Taliban government (its factional networks and Helmandi leaders, the "
                         "commentary's claims about it) and does not apply to the Republic's cabinet of 14 August "
                         "2021; compare the two with cabinet.compare(['taliban-2021', 'republic-2021'], by=...) or "
                         "measure the Republic's gaps with cabinet.representation(roster, by='region')")


def taliban_as_of(name):
    """The ``as_of`` date of :func:`cabinet.load_roster` a Taliban roster name stands for (None: the 33).

    Raises
    ------
    ValueError
        For ``republic-2021`` (not a Taliban roster) or an unknown name.

    Examples
    --------
    >>> taliban_as_of("taliban-2021") is None, str(taliban_as_of("2021-10-04").date())
    (True, '2021-10-04')
    """
    key = str(name).strip()
    if key == "taliban-2021":
        return None
    if key == "taliban-latest":
        return _latest_date()
    when = _as_date(key)
    if when is None:
        raise ValueError(f"{name!r} is not a roster of the Taliban government; allowed: taliban-2021, taliban-latest, "
                         "or a date YYYY-MM-DD on or after 2021-09-07")
    return pd.Timestamp(when)
