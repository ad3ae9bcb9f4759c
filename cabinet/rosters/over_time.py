"""The Taliban government as of a date: the 33, every later appointment announced by then, less the posts left.

:func:`government` rebuilds the government on any date from 7 September 2021
to the last change the data record: it adds the appointments announced by
then (:mod:`cabinet.io.loaders`) and takes away the posts left by then
(:mod:`cabinet.rosters.departures`), keeping one row per person.
"""

from __future__ import annotations

import pandas as pd

from ..io import datapackage as dp
from .departures import change_dates, default_departures_path, held, load_departures
from ..io.facts import check_home
from ..io.loaders import ANNOUNCEMENT_DATE, check_people, parse_date, load_appointees, load_later_appointments

__all__ = ["government", "check_as_of", "ANNOUNCEMENT_DATE"]


def check_as_of(as_of, what: str = "as_of") -> pd.Timestamp | None:
    """``as_of`` as a date on or after 7 September 2021 (None stays None): the one check of a date of the government.

    Raises
    ------
    ValueError
        On a value that is not a date (``YYYY-MM-DD``), or a date before the cabinet was announced.

    Examples
    --------
    >>> str(check_as_of("2021-09-21").date()), check_as_of(None)
    ('2021-09-21', None)
    """
    if as_of is None:
        return None
    when = parse_date(as_of, what)
    if when < ANNOUNCEMENT_DATE:
        raise ValueError(f"{what} {when.date()} is before the cabinet was announced (2021-09-07); "
                         "allowed: a date on or after 2021-09-07")
    return when


def government(as_of=None, path=None, later_path=None, *, home: str = "any", exclude_weak: bool = False,
               departures_path=None) -> pd.DataFrame:
    """The government as of a date: every appointment announced by then whose post has not been left.

    Parameters
    ----------
    as_of : str, datetime.date or pandas.Timestamp, optional
        Include later appointments announced, and apply departures dated, on
        or before this date. Default: the 33 of 7 September 2021 only. Must be
        on or after 2021-09-07. A date after the last change in the data is
        allowed: the roster is then the government as the data last know it,
        and ``attrs["data_last_date"]`` says when that was.
    path : str or os.PathLike, optional
        The appointees file (default: bundled).
    later_path : str or os.PathLike, optional
        The later-appointments file (default: bundled).
    home : {"any", "birth", "origin", "stated"}
        The sense of home in ``province`` and ``district`` (see
        :func:`load_appointees`); recorded in ``attrs["home"]``.
    exclude_weak : bool
        Leave out values that rest only on ``low`` sources (default False).
    departures_path : str or os.PathLike, optional
        The departures file (see :func:`cabinet.load_departures`). Default: the
        bundled departures for the bundled appointments; with ``later_path``
        of one's own, ``departures.csv`` beside it if there is one, else none.

    Returns
    -------
    pandas.DataFrame
        One row per person holding a post on ``as_of``: a person appointed
        twice keeps one identity and one row, carrying the most recent post he
        still holds; a man who has left every post he held (died, dismissed,
        moved out of the roster's posts) is not in it. Added columns:
        ``appointments`` (number of appointments by ``as_of``, held or left),
        ``first_announced``, ``posts`` (every post by ``as_of``,
        ``;``-separated, oldest first) and ``in_original_33``.
        ``attrs["data_last_date"]`` is the last date on which the data record
        a change (:func:`cabinet.change_dates`); ``attrs["departed"]`` lists
        the person_ids who had held a post by ``as_of`` and left them all.

    Raises
    ------
    ValueError
        On a date that cannot be read or lies before 7 September 2021.
    DataError
        On invalid data, or when two appointments of one person disagree on
        a personal tag (province, district, ethnicity, tribe, network).

    Examples
    --------
    >>> len(government())
    33
    >>> end_2025 = government(as_of="2025-12-31")  # 84 at the end of 2021, six in, five gone
    >>> len(end_2025), "haqqani_khalil_ur_rahman" in set(end_2025["person_id"])
    (85, False)
    """
    check_home(home)
    first = load_appointees(path, home=home, exclude_weak=exclude_weak)
    departures = None
    if as_of is None:
        frames = [first]
    else:
        when = check_as_of(as_of)
        later = load_later_appointments(later_path, home=home, exclude_weak=exclude_weak)
        frames = [first, later[later["announced"] <= when]]
        dpath = departures_path if departures_path is not None else default_departures_path(later_path)
        if dpath is not None:
            departures = load_departures(dpath, appointees_path=path, later_path=later_path)
    allrows = pd.concat(frames, ignore_index=True)
    allrows["_order"] = range(len(allrows))
    allrows["_first_list"] = [True] * len(first) + [False] * (len(allrows) - len(first))
    check_people(frames)
    allrows = allrows.sort_values(["announced", "_order"], kind="stable")
    grouped = allrows.groupby("person_id", sort=False)
    summary = pd.DataFrame({
        "appointments": grouped.size(),
        "first_announced": grouped["announced"].min(),
        "posts": grouped["post"].agg(lambda s: "; ".join(s)),
        "in_original_33": grouped["_first_list"].any(),
    })
    kept = held(allrows, parse_date(as_of) if as_of is not None else ANNOUNCEMENT_DATE, departures)
    latest = allrows[kept].drop_duplicates("person_id", keep="last").set_index("person_id")
    roster = latest.join(summary).reset_index()
    roster = roster.sort_values("_order", kind="stable").drop(columns="_order").reset_index(drop=True)
    cols = [c for c in dp.field_names("appointees") if c in roster.columns]
    roster = roster[cols + ["appointments", "first_announced", "posts", "in_original_33"]]
    roster.attrs["as_of"] = None if as_of is None else str(parse_date(as_of).date())
    roster.attrs["home"] = home
    roster.attrs["exclude_weak"] = bool(exclude_weak)
    roster.attrs["departed"] = sorted(set(allrows["person_id"]) - set(roster["person_id"]))
    if as_of is not None:
        dpath = departures_path if departures_path is not None else default_departures_path(later_path)
        roster.attrs["data_last_date"] = str(change_dates(path, later_path, dpath)[-1].date())
    else:
        roster.attrs["data_last_date"] = str(ANNOUNCEMENT_DATE.date())
    roster.attrs["normalised"] = [r for f in frames for r in f.attrs.get("normalised", [])]
    if path is None and later_path is None:  # the bundled government: named, so charts draw it in its own colour
        roster.attrs["roster"] = "taliban-2021" if as_of is None else str(pd.Timestamp(roster.attrs["as_of"]).date())
    return roster
