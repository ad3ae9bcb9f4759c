"""The tables over time that the charts draw: the main gaps at every date the government changed.

This module sits below both :mod:`cabinet.charts` (which writes the chart
files) and :mod:`cabinet.plots` (which draws them): each imports the table
from here, so neither imports the other.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from .gaps import HELMANDI_NETWORKS, helmandi_tags
from .group_counts import group_alternatives
from .groupings import require_afghan, with_home
from .io.loaders import (
    check_people as _check_people,
    load_appointees,
    load_later_appointments,
    parse_date as _parse_date,
)
from .rosters import load_roster, require_taliban
from .rosters.departures import change_dates, default_departures_path, load_departures
from .tags import parse_tag

__all__ = ["GAPS", "gaps_over_time"]

#: The gaps :func:`gaps_over_time` follows, in order.
GAPS = ("West+Southwest", "Core Hazarajat", "Helmandi networks", "Non-Pashtun")


def gaps_over_time(dates=None, *, path=None, later_path=None) -> pd.DataFrame:
    """The main gaps of the government at each date it changed, from 2021 to the latest date in the data.

    Parameters
    ----------
    dates : list of dates, optional
        Default: every date on which the government changed, appointments
        announced and posts left (:func:`cabinet.change_dates`), from
        7 September 2021 to the latest date in the data.
    path, later_path : optional
        Appointees and later-appointments files (default: bundled), passed to
        :func:`cabinet.load_roster`.

    Returns
    -------
    pandas.DataFrame
        One row per (date, gap), columns:

        - ``as_of``: the date (Timestamp).
        - ``gap``: ``West+Southwest`` (home in Herat, Farah, Badghis, Ghor,
          Helmand or Nimroz), ``Core Hazarajat`` (Bamyan, Daykundi),
          ``Helmandi networks`` (network tag helmandi_ishaqzai or
          helmandi_alizai) or ``Non-Pashtun`` (ethnicity known and not Pashtun).
        - ``count``: appointees known to be in the group.
        - ``count_max``: the largest count possible once unknown and disputed
          tags are resolved.
        - ``n``: size of the government at that date.

    Examples
    --------
    >>> t = gaps_over_time(["2021-09-07"])
    >>> t[["gap", "count", "n"]].values.tolist()[0]
    ['West+Southwest', 0.0, 33]
    """
    if dates is None:
        dates = change_dates(path, later_path)
    if isinstance(dates, (str, pd.Timestamp)) or not hasattr(dates, "__iter__"):
        dates = [dates]
    dates = [_parse_date(d, "date") for d in dates]
    if not dates:
        raise ValueError("dates is empty; give at least one date on or after 2021-09-07")
    dates = sorted(dict.fromkeys(dates))
    rows_of, people, _ = _appointments(dates, path, later_path)
    sure, maybe = _memberships(people)
    rows = []
    for d in dates:
        held = np.unique(rows_of["person"][(rows_of["announced"] <= d) & ~rows_of["left"](d)])
        n = len(held)
        known, most = sure[held].sum(axis=0), maybe[held].sum(axis=0)
        values = {
            "West+Southwest": (known[0], most[0]),
            "Core Hazarajat": (known[1], most[1]),
            "Helmandi networks": (known[2], most[2]),
            "Non-Pashtun": (n - most[3], n - known[3]),  # Pashtun at most, at least
        }
        for gap in GAPS:
            c, cmax = values[gap]
            rows.append({"as_of": pd.Timestamp(d), "gap": gap, "count": float(c), "count_max": float(cmax), "n": n})
    return pd.DataFrame(rows, columns=["as_of", "gap", "count", "count_max", "n"])


def _appointments(dates, path, later_path):
    """Every appointment announced by the last date, each person's first row, and the posts left.

    The appointments are loaded once (not once per date); a person's tags agree across his appointments
    (checked here as :func:`cabinet.load_roster` does), so his first row stands for him at every date.
    """
    load_roster(as_of=dates[0], path=path, later_path=later_path)  # the checks of a date and of the files
    first = load_appointees(path)
    later = load_later_appointments(later_path)
    later = later[later["announced"] <= dates[-1]]
    _check_people([first, later])
    allrows = pd.concat([first, later], ignore_index=True)
    dpath = default_departures_path(later_path)
    departures = None if dpath is None else load_departures(dpath, appointees_path=path, later_path=later_path)
    codes, persons = pd.factorize(allrows["person_id"])
    ids = allrows["appointment_id"].to_numpy()
    if departures is None or departures.empty:
        def left(d):
            return np.zeros(len(ids), dtype=bool)
    else:
        def left(d):
            return np.isin(ids, departures.loc[departures["date"] <= d, "appointment_id"].to_numpy())
    rows_of = {"person": codes, "announced": allrows["announced"].to_numpy(), "left": left}
    people = allrows.drop_duplicates("person_id").reset_index(drop=True)
    return rows_of, people, departures


def _memberships(people: pd.DataFrame):
    """Per person, whether he is surely (``sure``) and possibly (``maybe``, unknowns included) in each group:
    West or Southwest (commentary regions), core Hazarajat, a Helmandi network, Pashtun (columns in that order).

    The rule of :func:`cabinet.representation`: sure when every alternative of his tag holds the group;
    possibly when one does, or when his tag is unknown. Each grouping is factorised once for every person.
    """
    require_afghan(people, ["province"], "west_southwest_gap")
    require_afghan(people, ["province"], "hazarajat_gap")
    require_taliban(people, "helmandi_networks_gap")
    require_afghan(people, ["network", "province"], "helmandi_networks_gap")
    homes = with_home(people, None)  # home counted as the gap functions count it: by birth, one region each
    columns = [
        (group_alternatives(homes, "region", scheme="commentary"), {"West", "Southwest"}),
        (group_alternatives(homes, "hazarajat", hazarajat="core"), {"Hazarajat"}),
        ([parse_tag(v) for v in helmandi_tags(people)], set(HELMANDI_NETWORKS)),
        (group_alternatives(people, "ethnicity"), {"Pashtun"}),
    ]
    sure = np.zeros((len(people), len(columns)), dtype=np.int64)
    maybe = np.zeros_like(sure)
    for j, (alts, targets) in enumerate(columns):
        for i, alt in enumerate(alts):
            hits = [bool(set(a) & targets) for a in alt]
            sure[i, j] = bool(alt) and all(hits)
            maybe[i, j] = not alt or any(hits)
    return sure, maybe
