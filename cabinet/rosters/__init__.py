"""Every roster the package can build: one registry of named rosters, one resolver.

:func:`load_roster` is the one way to get a roster. It takes

- a name of :data:`ROSTERS` (``taliban-2021``, ``taliban-latest``, ``republic-2021``, and any
  roster registered with :func:`register_roster`);
- a date (``YYYY-MM-DD``, :class:`datetime.date` or :class:`pandas.Timestamp`, on or after
  7 September 2021): the Taliban government as of that date;
- a path to a CSV file: a roster in the form of ``data/appointees.csv`` (the government it holds,
  as of ``as_of``) or a roster of any body (a ``name`` column and one column per tag);
- a DataFrame, returned as it is;
- nothing: the 33 of 7 September 2021 (or the government as of ``as_of``).

Each entry of :data:`ROSTERS` says how to load the roster, the phrase that names it, its *kind*
(the charts and the report page that apply to it: the Taliban government's, or another body's)
and the rosters its report compares it with. Every roster loaded by name carries the name in
``attrs["roster"]`` and the phrase in ``attrs["roster_label"]``.

=================  ==============================================================
``over_time``      the Taliban government as of a date (:func:`~cabinet.rosters.over_time.government`)
``departures``     the posts left, and the dates the government changed
``movement``       the movement's cadre pool before the takeover
``republic``       the Islamic Republic's last cabinet
=================  ==============================================================
"""

from __future__ import annotations

import datetime as _dt
import errno
import functools
import inspect
import os
import re
from dataclasses import dataclass, field
from typing import Callable, TypeVar

import pandas as pd

from ..palette import add_entity
from ..io.user_files import TABLE_LOADERS, appointments_table, is_appointees_header, load_user_roster
from .departures import change_dates, load_departures
from .over_time import check_as_of, government
from .movement import load_movement_manpower, load_movement_pool  # the pool's module registers its loader
from .republic import load_republic_roster

__all__ = ["ROSTERS", "Roster", "register_roster", "load_roster", "takes_roster", "roster_names", "is_roster_name", "roster_kind",
           "roster_label", "require_taliban", "check_as_of", "government", "change_dates", "load_departures",
           "load_movement_pool", "load_movement_manpower"]


@dataclass(frozen=True)
class Roster:
    """A named roster: how to load it and what applies to it."""

    #: The name a user types (``cabinet report --roster NAME``, ``load_roster(NAME)``).
    name: str
    #: ``load(home=..., exclude_weak=...)`` -> the roster.
    load: Callable[..., pd.DataFrame]
    #: The phrase naming it in sentences ("the Taliban cabinet of 7 September 2021").
    label: str
    #: Which charts and which report page apply: ``"taliban"`` (the Taliban government, whose
    #: networks, claims and timeline the package measures) or the kind of another body.
    kind: str = "taliban"
    #: The rosters its report and its comparison chart set it beside.
    compare_with: tuple[str, ...] = ()
    #: For a roster of the Taliban government: the date it stands for (None: the 33), computed when asked.
    as_of: Callable[[], pd.Timestamp | None] | None = field(default=None, compare=False)
    #: The table of the data package it is read from, where it has one of its own (a copy of that table is
    #: this body's roster: the command line then names this roster).
    table: str | None = None
    #: Its colour in every chart and page (:mod:`cabinet.palette`), and its short name for legends.
    colour: str | None = None
    short: str | None = None
    #: Who its charts count, for a subtitle: ``{n}`` is the number counted, ``{as_of}`` the date
    #: ("the {n} appointees of 7 September 2021").
    who: str | None = None


#: Names of earlier versions kept for one release (removed in 0.4.0), for :mod:`cabinet`'s deprecation warnings:
#: name -> (module, attribute, what to use instead).
DEPRECATED_NAMES = {
    "load_named_roster": ("cabinet.rosters", "load_roster", "cabinet.load_roster(name)"),
    "load_republic_roster": ("cabinet.rosters.republic", "load_republic_roster", "cabinet.load_roster('republic-2021')"),
    "ROSTER_NAMES": ("cabinet.rosters", "roster_names", "cabinet.ROSTERS (the registry of named rosters)"),
}

#: Name -> :class:`Roster`, in the order the names are listed to users.
ROSTERS: dict[str, Roster] = {}


def register_roster(name: str, load, label: str, *, kind: str = "taliban", compare_with=(), as_of=None,
                    table: str | None = None, colour: str | None = None, short: str | None = None,
                    who: str | None = None) -> Roster:
    """Add a named roster (or replace one of the same name); :func:`load_roster` and every command then know it.

    Examples
    --------
    >>> import pandas as pd
    >>> entry = register_roster("toy-council", lambda home="any", exclude_weak=False: pd.DataFrame({"name": ["A"]}),
    ...                         "the toy council", kind="toy")
    >>> load_roster("toy-council").attrs["roster_label"]
    'the toy council'
    >>> del ROSTERS["toy-council"]
    """
    entry = Roster(name, load, label, kind, tuple(compare_with), as_of, table, colour, short, who)
    ROSTERS[name] = entry
    if colour is not None:
        add_entity("roster", name, colour, label.replace("{as_of}", "a later date"), short)
    return entry


def roster_names() -> tuple[str, ...]:
    """The names of :data:`ROSTERS` (a date ``YYYY-MM-DD`` is accepted too)."""
    return tuple(ROSTERS)


def _as_date(name) -> _dt.date | None:
    if isinstance(name, (_dt.date, pd.Timestamp)):
        return pd.Timestamp(name).date()
    try:
        return _dt.date.fromisoformat(str(name).strip())
    except ValueError:
        return None


def is_roster_name(name) -> bool:
    """Whether ``name`` names a roster (one of :data:`ROSTERS` or an ISO date).

    Examples
    --------
    >>> is_roster_name("republic-2021"), is_roster_name("2022-01-01"), is_roster_name("data/appointees.csv")
    (True, True, False)
    """
    return str(name).strip() in ROSTERS or _as_date(name) is not None


def _allowed() -> str:
    return f"{', '.join(ROSTERS)}, or a date YYYY-MM-DD on or after 2021-09-07 (the Taliban government as of that date)"


def load_roster(roster=None, path=None, later_path=None, *, as_of=None, home: str | None = "any",
                exclude_weak: bool = False, departures_path=None, duplicates: str = "refuse") -> pd.DataFrame:
    """A roster by name, date, file or frame: the one way to get a roster.

    Parameters
    ----------
    roster : str, date, path or DataFrame, optional
        A name of :data:`ROSTERS`; a date (on or after 2021-09-07): the Taliban government as
        of that date; a CSV file (a roster in the form of ``data/appointees.csv``, or of any
        body: a ``name`` column and one column per tag); a DataFrame (returned as it is).
        Default: the 33 of 7 September 2021, or the government as of ``as_of``.
    path, later_path : str or os.PathLike, optional
        The appointees and later-appointments files the government is built from (default:
        bundled); only with a date or no ``roster``.
    as_of : str, datetime.date or pandas.Timestamp, optional
        The date of the government (on or after 2021-09-07), for no ``roster`` or a file in the
        form of ``data/appointees.csv``. A date after the last change in the data gives the
        government as the data last know it (``attrs["data_last_date"]`` says when that was).
    home : {"any", "birth", "origin", "stated"} or None
        The sense of home in ``province`` and ``district`` (see :func:`cabinet.io.load_appointees`);
        None is ``"any"``. A roster loaded in any sense is counted by birth unless a sense is chosen
        afterwards (:func:`cabinet.groupings.choose_home`).
    exclude_weak : bool
        Leave out values that rest only on ``low`` sources (default False).
    departures_path : str or os.PathLike, optional
        The departures file (see :func:`cabinet.rosters.departures.load_departures`).
    duplicates : {"refuse", "merge"}
        For a roster file of any body: what to do with a person listed twice whose tags agree
        (see :func:`cabinet.io.load_user_roster`; default: refuse).

    Returns
    -------
    pandas.DataFrame
        One row per person. A roster of the Taliban government (by name, date or file) has the
        columns of :func:`cabinet.rosters.over_time.government`; ``attrs["roster"]`` is its name
        (a date as ``YYYY-MM-DD``) and ``attrs["roster_label"]`` a phrase naming it.

    Raises
    ------
    ValueError
        On an unknown name (the message lists the names and says a date is allowed), a date
        before 7 September 2021, or a date given twice (a date or a name, and ``as_of``).
    DataError
        On invalid data.

    Examples
    --------
    >>> len(load_roster()), len(load_roster("republic-2021")), len(load_roster("2025-12-31"))
    (33, 32, 85)
    >>> load_roster("2021-09-21").attrs["roster"]
    '2021-09-21'
    """
    if isinstance(roster, pd.DataFrame):
        if as_of is not None or path is not None or later_path is not None:
            raise ValueError("a roster given as a DataFrame is the roster: give it without as_of, path or later_path")
        return roster
    if roster is not None and not isinstance(roster, (str, os.PathLike, _dt.date)):
        raise TypeError(f"roster is a {type(roster).__name__}; allowed: a roster name, a date, a CSV file or a "
                        "pandas DataFrame")
    files = {"path": path, "later_path": later_path, "departures_path": departures_path}
    if roster is None or (_as_date(roster) is not None and not _is_file(roster)):
        if roster is not None and as_of is not None:
            raise ValueError("the date is given twice: give it as the roster or as as_of, not both")
        when = check_as_of(roster if roster is not None else as_of)
        out = government(when, path, later_path, home=home or "any", exclude_weak=exclude_weak,
                         departures_path=departures_path)
        if path is None and later_path is None:
            key = "taliban-2021" if when is None else when.date().isoformat()
            _name(out, key, ROSTERS["taliban-2021"].label if when is None else
                  f"the Taliban government as of {when.day} {when:%B %Y}")
        return out
    if _is_file(roster):
        if later_path is not None or path is not None:
            raise ValueError("a roster file is the roster: give later_path and path only with a date")
        if is_appointees_header(roster):
            table = appointments_table(roster)  # a copy of republic_appointees.csv is the Republic, not 35 problems
            if table != "appointees":
                if as_of is not None:
                    raise ValueError(f"{roster} holds the {table} table, not a roster of the Taliban "
                                     "government with announcement dates to rebuild as of a date: leave out as_of")
                loader: Callable[..., pd.DataFrame] = TABLE_LOADERS[table]  # an appointments table's loader
                return loader(roster, home=home or "any", exclude_weak=exclude_weak)
            return government(check_as_of(as_of), roster, home=home or "any", exclude_weak=exclude_weak,
                              departures_path=departures_path)
        if as_of is not None:
            raise ValueError("as_of needs a roster in the form of data/appointees.csv (with announcement dates)")
        return load_user_roster(roster, duplicates=duplicates)
    key = str(roster).strip()
    if key not in ROSTERS:
        if isinstance(roster, os.PathLike) or key.lower().endswith(".csv") or os.sep in key or "/" in key:
            raise FileNotFoundError(errno.ENOENT, "file not found", str(roster))
        raise ValueError(f"unknown roster {roster!r}; allowed: {_allowed()}")
    if as_of is not None or any(v is not None for v in files.values()):
        raise ValueError(f"as_of and files do not combine with a named roster ({key!r} names its government and "
                         "its date); for another date name the date itself: a roster YYYY-MM-DD")
    entry = ROSTERS[key]
    out = entry.load(home=home or "any", exclude_weak=exclude_weak)
    when = entry.as_of() if entry.as_of is not None else None
    return _name(out, key, entry.label.format(as_of=f"{when.day} {when:%B %Y}" if when is not None else ""))


_F = TypeVar("_F", bound=Callable)

#: The prefix :func:`takes_roster` puts before an error of a function given a roster: the command line,
#: which names its own options, removes it (:func:`cabinet.cli.output.cli_words`).
ARGUMENT_PREFIX = re.compile(r"^[A-Za-z_]\w*\(\): argument [^(]+ \(position [\d/]+, [^)]*\): ")


def _described(value) -> str:
    """An argument by its type (a frame by its size), never by its contents."""
    if isinstance(value, pd.DataFrame):
        return f"a DataFrame of {len(value)} rows"
    return f"a {type(value).__name__}"


def takes_roster(*names: str) -> Callable[[_F], _F]:
    """Make a function's roster arguments go through :func:`load_roster`, and its errors name them.

    Each argument in ``names`` may be a roster name, a date, a path to a CSV file or a DataFrame
    (None stays None: the function's own default). Anything else is a :class:`TypeError` naming the
    function, the argument (its keyword and position) and its type. An error the function raises
    for a roster given (a missing column, values it cannot read) is raised again, of the same type,
    with the same words after the argument's keyword, position and type; never a frame's contents.

    Examples
    --------
    >>> @takes_roster("roster")
    ... def size(roster=None):
    ...     return len(roster)
    >>> size("republic-2021")
    32
    >>> size(3)
    Traceback (most recent call last):
    ...
    TypeError: size(): argument 'roster' (position 1, a int): allowed: a roster name, a date, a CSV file or a pandas DataFrame
    """

    def wrap(function: _F) -> _F:
        signature = inspect.signature(function)
        positions = {n: i + 1 for i, n in enumerate(signature.parameters)}

        @functools.wraps(function)
        def call(*args, **kwargs):
            bound = signature.bind(*args, **kwargs)
            given = {}
            for name in names:
                if name not in bound.arguments or bound.arguments[name] is None:
                    continue
                value = bound.arguments[name]
                where = f"{function.__name__}(): argument {name!r} (position {positions[name]}, {_described(value)})"
                if isinstance(value, pd.DataFrame):
                    given[name] = where
                    continue
                if not isinstance(value, (str, os.PathLike, _dt.date)):
                    raise TypeError(f"{where}: allowed: a roster name, a date, a CSV file or a pandas DataFrame")
                try:
                    bound.arguments[name] = load_roster(value)
                except (ValueError, TypeError, OSError) as exc:
                    if type(exc) in (ValueError, TypeError, FileNotFoundError):
                        raise type(exc)(f"{where}: {_words(exc)}") from None
                    raise
                given[name] = where
            if not given:
                return function(*bound.args, **bound.kwargs)
            try:
                return function(*bound.args, **bound.kwargs)
            except (ValueError, KeyError, TypeError) as exc:
                if type(exc) not in (ValueError, KeyError, TypeError):
                    raise  # a DataError lists its problems itself
                words = ARGUMENT_PREFIX.sub("", _words(exc))  # named here by the function called, not an inner one
                where = next(iter(given.values())) if len(given) == 1 else \
                    f"{function.__name__}(): argument {'/'.join(map(repr, given))} (position " \
                    f"{'/'.join(str(positions[n]) for n in given)}, rosters given)"
                raise type(exc)(f"{where}: {words}") from exc

        return call  # type: ignore[return-value]  # the same signature as function

    return wrap


def _words(exc: BaseException) -> str:
    if isinstance(exc, KeyError) and exc.args:
        return str(exc.args[0])
    if isinstance(exc, FileNotFoundError) and exc.filename is not None:
        return f"{exc.strerror or 'file not found'}: {exc.filename}"
    return str(exc)


def _is_file(value) -> bool:
    return isinstance(value, (str, os.PathLike)) and os.path.isfile(value)


def _name(frame: pd.DataFrame, name: str, label: str) -> pd.DataFrame:
    frame.attrs["roster"] = name
    frame.attrs["roster_label"] = label
    return frame


def roster_kind(roster) -> str | None:
    """The kind of a roster (a name, a date or a loaded frame): ``"taliban"``, another body's kind, or None.

    Examples
    --------
    >>> roster_kind("2022-01-01"), roster_kind("republic-2021") == ROSTERS["republic-2021"].kind
    ('taliban', True)
    """
    name = roster.attrs.get("roster") if isinstance(roster, pd.DataFrame) else roster
    if name is None:
        return None
    key = str(name).strip()
    if key in ROSTERS:
        return ROSTERS[key].kind
    return "taliban" if _as_date(key) is not None else None


def roster_label(roster: pd.DataFrame, default: str = "the roster") -> str:
    """The phrase naming a roster loaded by name (``default`` otherwise)."""
    return str(roster.attrs.get("roster_label") or default)


def require_taliban(roster: pd.DataFrame, what: str) -> None:
    """Refuse a measure of the Taliban government on a roster of another kind, with a sentence saying why.

    Raises
    ------
    ValueError
        When ``roster`` is a named roster whose kind is not ``taliban`` (or carries a ``party``
        column, as the cabinets of parties do).

    Examples
    --------
    >>> require_taliban(load_roster("taliban-2021"), "claims")  # no error
    """
    kind = roster_kind(roster)
    if (kind is not None and kind != "taliban") or "party" in roster.columns:
        name = str(roster.attrs.get("roster") or "")
        label = ROSTERS[name].label if name in ROSTERS else "this roster"
        raise ValueError(f"{what} is about the Taliban government (its factional networks and Helmandi leaders, the "
                         f"commentary's claims about it) and does not apply to {label}; compare the two "
                         f"with cabinet.compare(['taliban-2021', {name or 'roster'!r}], by=...) or measure its gaps "
                         "with cabinet.representation(roster, by='region')")


def taliban_as_of(name):
    """The ``as_of`` date of the Taliban government a roster name stands for (None: the 33).

    Raises
    ------
    ValueError
        For a roster of another kind or an unknown name.

    Examples
    --------
    >>> taliban_as_of("taliban-2021") is None, str(taliban_as_of("2021-10-04").date())
    (True, '2021-10-04')
    """
    key = str(name).strip()
    if key in ROSTERS and ROSTERS[key].kind == "taliban":
        entry = ROSTERS[key]
        return entry.as_of() if entry.as_of is not None else None
    when = _as_date(key) if key not in ROSTERS else None
    if when is None:
        taliban = ", ".join(n for n, r in ROSTERS.items() if r.kind == "taliban")
        raise ValueError(f"{name!r} is not a roster of the Taliban government; allowed: {taliban}, "
                         "or a date YYYY-MM-DD on or after 2021-09-07")
    return pd.Timestamp(when)


def _latest_date() -> pd.Timestamp:
    return max(change_dates())


# The registry: one entry per named roster, in the order users see them.
register_roster("taliban-2021", lambda home="any", exclude_weak=False: government(home=home, exclude_weak=exclude_weak),
                "the Taliban cabinet of 7 September 2021", compare_with=("republic-2021",), as_of=lambda: None,
                colour="#B2182B", short="Taliban 2021", who="the {n} appointees of 7 September 2021")
register_roster("republic-2021", load_republic_roster, "the Republic's cabinet of 14 August 2021", kind="republic",
                compare_with=("taliban-2021", "taliban-latest"), table="republic_appointees",
                colour="#2166AC", short="Republic 2021", who="the {n} members of the Republic's last cabinet")
register_roster("taliban-latest",
                lambda home="any", exclude_weak=False: government(_latest_date(), home=home, exclude_weak=exclude_weak),
                "the Taliban government as of {as_of}", compare_with=("republic-2021",), as_of=_latest_date,
                colour="#E0701A", short="Taliban later", who="the {n} members of the Taliban government on {as_of}")
