"""The yardsticks chart: cabinet, movement pool and population shares together, per region and network.

Drawn with seaborn's ``pointplot`` (one marker per measure, dodged) and
matplotlib lines for the bounds the unknown tags allow.
"""

from __future__ import annotations

import pandas as pd
import seaborn as sns

from ._style import (
    BASELINE_COLOUR,
    CABINET_COLOUR,
    NETWORK_LABELS,
    PALETTE,
    TEXT_COLOUR,
    _LABEL_SIZE,
    _add_caption,
    _get_ax,
    _header,
    _labels,
    _legend_above,
    _literal,
    _num,
    _pct,
    _style_axes,
    _title,
    _versions,
    styled,
)
from ._tables import _require
from ..yardsticks import yardstick_table

MOVEMENT_COLOUR = PALETTE["green"]
_COLOURS = {"cabinet": CABINET_COLOUR, "movement": MOVEMENT_COLOUR, "population": BASELINE_COLOUR}
_MARKERS = {"cabinet": "o", "movement": "s", "population": "D"}
_NAMES = {"cabinet": "Cabinet", "movement": "Movement's cadre pool", "population": "Population (NSIA 1398)"}
_OFFSET = {"cabinet": -0.25, "movement": 0.0, "population": 0.25}
_COLUMNS = ["by", "group", "measure", "share", "low", "high", "count", "count_max", "n"]


def _group_label(by, group) -> str:
    return _literal(NETWORK_LABELS.get(group, group) if by == "network" else group)


def _finding(t) -> str:
    """The west and southwest (or the first region) on the three yardsticks, in the title."""
    reg = t[(t["by"] == "region") & t["group"].isin(["West", "Southwest"])]
    if reg.empty:
        first = t.iloc[0]
        reg = t[(t["by"] == first["by"]) & (t["group"] == first["group"])]
    parts = []
    for group, g in reg.groupby("group", sort=False):
        m = g.set_index("measure")
        text = f"{_literal(group)}: cabinet {_num(m.at['cabinet', 'count'])} of {_num(m.at['cabinet', 'n'])} known"
        if "movement" in m.index:
            text += f", pool {_pct(m.at['movement', 'low'], 0)} to {_pct(m.at['movement', 'high'], 0)}"
        if "population" in m.index:
            text += f", population {_pct(m.at['population', 'share'])}"
        parts.append(text)
    return "; ".join(parts)


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
    from matplotlib.lines import Line2D
    from matplotlib.ticker import PercentFormatter

    if data is None:

        data = yardstick_table()
    _require(data, _COLUMNS, "plot_yardsticks")
    t = data.reset_index(drop=True)
    if t.empty:
        raise ValueError("plot_yardsticks: the table is empty; give a table of yardstick_table()")
    ax = _get_ax(ax)
    keys = list(dict.fromkeys(zip(t["by"], t["group"])))
    order = [_group_label(b, g) for b, g in keys]
    pos = {k: i for i, k in enumerate(keys)}
    for r in t.itertuples(index=False):
        y = pos[(r.by, r.group)] + _OFFSET[r.measure]
        if r.high > r.low:
            ax.plot([r.low, r.high], [y, y], color=_COLOURS[r.measure], linewidth=1.1, alpha=0.8, zorder=2,
                    solid_capstyle="butt")
    for measure in ("cabinet", "movement", "population"):
        sub = t[t["measure"] == measure]
        if sub.empty:
            continue
        # seaborn draws the markers at y = category + dodge offset: a numeric y keeps the three rows apart
        points = pd.DataFrame({"y": [pos[(b, g)] + _OFFSET[measure] for b, g in zip(sub["by"], sub["group"])],
                               "x": sub["share"].to_numpy(dtype=float)})
        sns.scatterplot(data=points, x="x", y="y", marker=_MARKERS[measure], color=_COLOURS[measure], s=34,
                        edgecolor="white", linewidth=0.4, ax=ax, zorder=4, legend=False)
    for line in ax.lines:
        line.set_clip_on(False)
    sections = list(dict.fromkeys(t["by"]))
    for b in sections[1:]:
        first = min(pos[k] for k in keys if k[0] == b)
        ax.axhline(first - 0.5, color="#999999", linewidth=0.6, linestyle=(0, (2, 2)))
    ax.set_yticks(range(len(order)))
    ax.set_yticklabels(order)
    ax.set_ylim(len(order) - 0.5, -0.6)
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    _style_axes(ax, grid_axis="x")
    ax.set_xlabel("Share of the cabinet, of the movement's cadre pool and of the population", fontsize=_LABEL_SIZE,
                  color=TEXT_COLOUR)
    ax.set_ylabel(_literal(" and ".join(f"{b}s" for b in sections) + " (sections divided by the dotted line)"
                           if len(sections) > 1 else f"{sections[0]}s"), fontsize=_LABEL_SIZE, color=TEXT_COLOUR)
    _labels(ax, xlabel=xlabel, ylabel=ylabel)
    measures = [m for m in ("cabinet", "movement", "population") if (t["measure"] == m).any()]
    handles = [Line2D([], [], marker=_MARKERS[m], color=_COLOURS[m], linewidth=1.1, markersize=5.5,
                      label=_NAMES[m] + (" (line: bounds of unknowns)" if m != "population" else ""))
               for m in measures]
    above = _legend_above(ax, handles, 2)
    pool_n = t.loc[t["measure"] == "movement", "n"]
    cab_n = t.loc[t["measure"] == "cabinet", "n"]
    subtitle = (f"{_num(cab_n.iloc[0]) if len(cab_n) else '?'} appointees against the movement's cadre pool before "
                f"the takeover ({_num(pool_n.iloc[0]) if len(pool_n) else '?'} people) and the population. Lines "
                "run from the known share to the largest share the unknown and disputed tags allow.")
    _header(ax, _title(_finding(t), title), subtitle, above=above)
    if caption:
        sources = sorted({s for cell in t.get("sources", pd.Series(dtype=str)).fillna("")
                          for s in str(cell).split(";") if s})
        text = (f"Yardsticks: the movement's cadre pool as last reported before 15 August 2021 (movement_pool.csv; "
                f"{len(sources)} source ids with the population's) and the NSIA settled population 1398. The pool's "
                f"point is its share among members whose tag is known. Data: {_versions()}.")
        _add_caption(ax, _literal(text))
    return ax


#: The name the issue asks for.
yardsticks = plot_yardsticks
