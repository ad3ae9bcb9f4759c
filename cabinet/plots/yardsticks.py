"""The yardsticks chart: cabinet, movement pool and population shares together, per region and network.

Drawn with seaborn's ``pointplot`` (one marker per measure, dodged) and
matplotlib lines for the bounds the unknown tags allow.
"""

from __future__ import annotations

import pandas as pd
import seaborn as sns

from .. import palette
from ._style import (
    TEXT_COLOUR,
    _LABEL_SIZE,
    _baseline_mark,
    _compact,
    _finish,
    _get_ax,
    _known_dot,
    _labels,
    _literal,
    _num,
    _pct,
    _range_bar,
    _style_axes,
    baseline_handle,
    group_name,
    _mark,
    roster_colour,
    styled,
)
from ._tables import _require
from ..io.datapackage import descriptor
from ..yardsticks import yardstick_table

MOVEMENT_COLOUR = palette.POOL
_OFFSET = {"cabinet": -0.24, "movement": 0.03, "population": 0.29}
_COLUMNS = ["by", "group", "measure", "share", "low", "high", "count", "count_max", "n"]


def _group_label(by, group) -> str:
    return group_name(by, group)


def _titles(t) -> list[str]:
    """A finding about the west and southwest (or the first group) that holds whatever the unknowns are."""
    reg = t[(t["by"] == "region") & t["group"].isin(["Southwest", "West"])]
    out = []
    for group, g in reg.groupby("group", sort=False):
        m = g.set_index("measure")
        if "cabinet" not in m.index or "movement" not in m.index:
            continue
        if m.at["cabinet", "count"] == 0 and m.at["movement", "low"] > 0:
            out += [f"No appointee is known from the {group}, but at least {_pct(m.at['movement', 'low'], 0)} of the "
                    "movement's cadres are",
                    f"{group}: none known in the cabinet, at least {_pct(m.at['movement', 'low'], 0)} of the cadres",
                    f"{group}: none in the cabinet, some in the movement"]
    if not out:
        first = t.iloc[0]
        g = t[(t["by"] == first["by"]) & (t["group"] == first["group"])].set_index("measure")
        name = group_name(first["by"], first["group"])
        if "cabinet" in g.index:
            out += [f"{name}: {_num(g.at['cabinet', 'count'])} of {_num(g.at['cabinet', 'n'])} known in the cabinet",
                    f"{name}: {_num(g.at['cabinet', 'count'])} known"]
        else:
            out += [f"{name}"]
    return out


@styled
def plot_yardsticks(data=None, *, ax=None, caption=False, title=None, xlabel=None, ylabel=None):
    """Cabinet, movement pool and population shares per region and network, with the bounds of unknowns.

    For each group three rows, dodged: the cabinet (dot at the known share,
    line to the largest share the unknown and disputed tags allow), the
    movement's cadre pool before the takeover (square at the pool's
    complete-case share, line over the bounds the pool's own unknowns allow)
    and the population (diamond; regions only: no population figure exists
    for networks).

    Parameters
    ----------
    data : DataFrame, optional
        A table of :func:`cabinet.yardsticks.yardstick_table`;
        default ``yardstick_table()`` (the 33, regions and networks).
    ax : matplotlib Axes, optional
    caption : bool
        Write the yardsticks' sources and the data version below the axes.
    title, xlabel, ylabel : str, optional
        Replace the chart's own title (the finding) and axis labels.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from matplotlib.figure import Figure
    >>> ax = Figure().add_subplot()
    >>> plot_yardsticks(ax=ax) is ax
    True
    """
    from matplotlib.ticker import PercentFormatter

    if data is None:
        data = yardstick_table()
    _require(data, _COLUMNS, "plot_yardsticks")
    t = data.reset_index(drop=True)
    t.attrs = dict(getattr(data, "attrs", {}) or {})
    if t.empty:
        raise ValueError("plot_yardsticks: the table is empty; give a table of yardstick_table()")
    ax = _get_ax(ax)
    compact = _compact(ax)
    colour = roster_colour(t) if t.attrs.get("roster") else palette.colour("roster", "taliban-2021")
    keys = list(dict.fromkeys(zip(t["by"], t["group"])))
    order = [_group_label(b, g) for b, g in keys]
    pos = {k: i for i, k in enumerate(keys)}
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    for r in t.itertuples(index=False):
        y = pos[(r.by, r.group)] + _OFFSET[r.measure]
        if r.measure == "cabinet":
            _range_bar(ax, y, float(r.low), float(r.high), colour, height=0.24)
            _known_dot(ax, float(r.share), y, colour, size=6.5,
                       entity=("roster", palette.roster_key(t.attrs.get("roster") or "taliban-2021")))
        elif r.measure == "movement":
            _range_bar(ax, y, float(r.low), float(r.high), MOVEMENT_COLOUR, height=0.24)
            _mark(ax.plot([float(r.share)], [y], marker="s", color=MOVEMENT_COLOUR, markersize=5.5,
                          markeredgecolor="white", markeredgewidth=0.6, linestyle="none", zorder=4, clip_on=False)[0],
                  ("yardstick", "pool"))
        else:
            _baseline_mark(ax, float(r.share), y, size=5.5)
    sections = list(dict.fromkeys(t["by"]))
    for b in sections[1:]:
        first = min(pos[k] for k in keys if k[0] == b)
        ax.axhline(first - 0.5, color="#9E9E9E", linewidth=0.6, linestyle=(0, (2, 2)))
    ax.set_yticks(range(len(order)))
    ax.set_yticklabels(order)
    ax.set_ylim(len(order) - 0.5, -0.6)
    ax.set_xlim(0, 1)
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    if compact:
        ax.xaxis.set_major_locator(MaxNLocator(4))
    _style_axes(ax, grid_axis="x")
    ax.set_xlabel("Share of the cabinet, the movement's cadres and the population", fontsize=_LABEL_SIZE,
                  color=TEXT_COLOUR)
    ax.set_ylabel("")
    _labels(ax, xlabel=xlabel, ylabel=ylabel)
    measures = [m for m in ("cabinet", "movement", "population") if (t["measure"] == m).any()]
    handles, labels = [], []
    if "cabinet" in measures:
        handles.append((Patch(facecolor=palette.tint(colour, 0.35), edgecolor="none"),
                        Line2D([], [], marker="o", color=colour, markeredgecolor="white", linestyle="none",
                               markersize=7)))
        labels.append("cabinet: known, could be up to")
    if "movement" in measures:
        handles.append((Patch(facecolor=palette.tint(MOVEMENT_COLOUR, 0.35), edgecolor="none"),
                        Line2D([], [], marker="s", color=MOVEMENT_COLOUR, markeredgecolor="white", linestyle="none",
                               markersize=6)))
        labels.append("movement's cadres: known share, range")
    if "population" in measures:
        handles.append(baseline_handle("population"))
        labels.append("population (NSIA 1398)")
    pool_n = t.loc[t["measure"] == "movement", "n"]
    cab_n = t.loc[t["measure"] == "cabinet", "n"]
    nc = _num(cab_n.iloc[0]) if len(cab_n) else "?"
    npool = _num(pool_n.iloc[0]) if len(pool_n) else "?"
    subtitle = [f"The {nc} appointees against the movement's {npool} cadres before the takeover and the population; "
                "regions above the dotted line, networks below.",
                f"{nc} appointees, {npool} cadres and the population.", "Cabinet, cadres and population."]
    notes = ("The cadre pool's mark is its share among members whose tag is known; its band runs over the bounds its "
             "own unknowns allow. No population figure exists for networks.")

    version = descriptor().get("version", "?")
    source = [f"Source: cabinet and cadre pool from news reports and official statements, cabinet data package "
              f"{version}; population: NSIA (Afghanistan's statistics office), 1398.",
              f"Source: cabinet data package {version}; population: NSIA."]
    _finish(ax, title=_titles(t), subtitle=subtitle, handles=handles, labels=labels, source=source,
            notes=_literal(notes), caption=caption, user_title=title)
    return ax


#: The name the issue asks for.
yardsticks = plot_yardsticks
