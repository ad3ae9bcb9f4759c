"""The tables over time that the charts draw: the main gaps at every date the government changed.

This module sits below both :mod:`cabinet.charts` (which writes the chart
files) and :mod:`cabinet.plots` (which draws them): each imports the table
from here, so neither imports the other.
"""

from __future__ import annotations

import pandas as pd

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
    from .gaps import HELMANDI_NETWORKS, hazarajat_gap, helmandi_networks_gap, west_southwest_gap
    from .departures import change_dates
    from .loaders import _parse_date
    from .roster_over_time import load_roster
    from .representation import representation

    if dates is None:
        dates = change_dates(path, later_path)
    if isinstance(dates, (str, pd.Timestamp)) or not hasattr(dates, "__iter__"):
        dates = [dates]
    dates = [_parse_date(d, "date") for d in dates]
    if not dates:
        raise ValueError("dates is empty; give at least one date on or after 2021-09-07")
    both = "+".join(HELMANDI_NETWORKS)
    rows = []
    for d in sorted(dict.fromkeys(dates)):
        roster = load_roster(as_of=d, path=path, later_path=later_path)
        n = len(roster)
        wsw = west_southwest_gap(roster, separate=False).set_index("group")
        haz = hazarajat_gap(roster, definition="core").set_index("group")
        helm = helmandi_networks_gap(roster).set_index("group")
        eth = representation(roster, "ethnicity", baseline="cia_wfb_2010").set_index("group")  # counts only
        counts = eth["count"].astype(float)
        maxima = eth["count_max"].astype(float)
        pashtun_known = float(counts.get("Pashtun", 0.0))
        pashtun_max = float(maxima.get("Pashtun", 0.0))
        values = {
            "West+Southwest": (wsw.at["West+Southwest", "count"], wsw.at["West+Southwest", "count_max"]),
            "Core Hazarajat": (haz.at["Hazarajat", "count"], haz.at["Hazarajat", "count_max"]),
            "Helmandi networks": (helm.at[both, "count"], helm.at[both, "count_max"]),
            "Non-Pashtun": (n - pashtun_max, n - pashtun_known),
        }
        for gap in GAPS:
            c, cmax = values[gap]
            rows.append({"as_of": pd.Timestamp(d), "gap": gap, "count": float(c), "count_max": float(cmax),  # type: ignore[arg-type]  # numeric cells of the gap tables
                         "n": n})
    return pd.DataFrame(rows, columns=["as_of", "gap", "count", "count_max", "n"])
