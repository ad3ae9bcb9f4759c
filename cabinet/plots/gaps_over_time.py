"""The gaps over time: known and largest possible counts at every date the government changed."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import seaborn as sns

from ._style import (
    TEXT_COLOUR,
    _CYCLE,
    _GAP_COLOURS,
    _LABEL_SIZE,
    _TICK_SIZE,
    _add_caption,
    _get_ax,
    _header,
    _legend_above,
    _literal,
    _num,
    _style_axes,
    _title,
    _versions,
    styled,
)
from ._tables import _require
from ..timeline import gaps_over_time

@styled
def plot_gaps_over_time(data=None, *, ax=None, caption=False, title=None):
    """Known counts of the main gaps at every date the government changed, as step lines.

    One small panel per gap, drawn inside ``ax`` (as inset axes sharing the
    same scales): a thick step line of the known count, a light band up to
    the largest count possible (``count_max``) once unknown and disputed tags
    are resolved, and a dashed grey step line for the size of the government.
    Within about a year the x ticks are the dates themselves (dates within
    a week share one tick); over a longer span (the government from 2021 to
    the latest date) the x axis is dated by year, with a light vertical line
    at every date of change.

    Parameters
    ----------
    data : DataFrame, optional
        :func:`cabinet.timeline.gaps_over_time` (default), columns ``as_of``,
        ``gap``, ``count``, ``count_max``, ``n``.
    ax : matplotlib Axes, optional
        The panels fill this axes; its own frame is hidden.
    caption : bool
    title : str, optional
        Replace the chart's own title (the finding).

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; the panels are ``ax.child_axes``.
    """
    import matplotlib.dates as mdates
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    if data is None:

        data = gaps_over_time()
    _require(data, ["as_of", "gap", "count", "count_max", "n"], "plot_gaps_over_time")
    ax = _get_ax(ax)
    t = data.copy()
    t["as_of"] = pd.to_datetime(t["as_of"])
    t = t.sort_values("as_of", kind="stable")
    dates = [pd.Timestamp(d) for d in sorted(t["as_of"].unique())]
    year_end = pd.Timestamp(year=dates[-1].year, month=12, day=31)
    long_span = (dates[-1] - dates[0]).days > 400
    if long_span:  # a quarter after the last change, so that the last step shows
        end = dates[-1] + pd.Timedelta(days=91)
    else:
        end = year_end if dates[-1] < year_end else dates[-1] + pd.Timedelta(days=7)
    start = dates[0] - pd.Timedelta(days=4)

    def num(d):
        return mdates.date2num(pd.Timestamp(d).to_pydatetime())

    def xs(frame):
        return np.asarray([num(x) for x in frame["as_of"]] + [num(end)])

    def ext(values):
        v = np.asarray(values, dtype=float)
        return np.append(v, v[-1])

    # announcement dates within a week of each other share one tick
    date_groups = []
    for d in dates:
        if date_groups and (d - date_groups[-1][-1]).days <= 7:
            date_groups[-1].append(d)
        else:
            date_groups.append([d])
    tick_pos, tick_lab = [], []
    if long_span:  # years on the axis (the subtitle gives the first and last dates)
        date_groups = []
        years = range(dates[0].year + 1, end.year + 1)
        tick_pos = [num(pd.Timestamp(year=y, month=1, day=1)) for y in years]
        tick_lab = [str(y) for y in years]
    for grp in date_groups:
        a, b = grp[0], grp[-1]
        tick_pos.append(num(a) if a == b else (num(a) + num(b)) / 2)
        label = (f"{a.day} {a:%b}" if a == b else (f"{a.day}–{b.day} {b:%b}" if a.month == b.month
                                                   else f"{a.day} {a:%b}–{b.day} {b:%b}"))
        # close dates: drop every other label one line lower so the labels do not collide
        if tick_lab and tick_pos[-1] - tick_pos[-2] < 20 and not tick_lab[-1].startswith("\n"):
            label = "\n" + label
        tick_lab.append(label)

    ax.set_axis_off()
    gaps = list(dict.fromkeys(t["gap"]))
    ncols = 2 if len(gaps) > 1 else 1
    nrows = int(math.ceil(len(gaps) / ncols))
    size = t.drop_duplicates("as_of")
    ymax = float(max(t["n"].max(), t["count_max"].max()))
    spare = iter([c for c in _CYCLE if c not in _GAP_COLOURS.values()])
    left, bottom, hgap, vgap = 0.07, 0.085, 0.08, 0.17
    width = (1 - left - hgap * (ncols - 1)) / ncols
    height = (1 - bottom - vgap * (nrows - 1) - 0.07) / nrows
    for i, g in enumerate(gaps):
        row, col = divmod(i, ncols)
        sub = ax.inset_axes([left + col * (width + hgap), bottom + (nrows - 1 - row) * (height + vgap), width, height])
        s = t[t["gap"] == g]
        colour = _GAP_COLOURS.get(g) or next(spare, "#444444")
        x = xs(s)
        for d in dates:
            sub.axvline(num(d), color="#E3E3E3", linewidth=0.6, zorder=0)
        sns.lineplot(x=xs(size), y=ext(size["n"]), drawstyle="steps-post", color="#777777", linewidth=1.1,
                     linestyle=(0, (4, 2)), zorder=2, errorbar=None, ax=sub)
        sub.fill_between(x, ext(s["count"]), ext(s["count_max"]), step="post", color=colour, alpha=0.16,
                         linewidth=0, zorder=1)
        sns.lineplot(x=x, y=ext(s["count_max"]), drawstyle="steps-post", color=colour, linewidth=0.9,
                     linestyle=(0, (1, 1.5)), zorder=2, errorbar=None, ax=sub)
        sns.lineplot(x=x, y=ext(s["count"]), drawstyle="steps-post", color=colour, linewidth=2.4, zorder=3,
                     clip_on=False, errorbar=None, ax=sub)
        c0, c1 = s["count"].iloc[0], s["count"].iloc[-1]
        m1 = s["count_max"].iloc[-1]
        sub.set_title(f"{_literal(g)}: {_num(c0)} → {_num(c1)} known (max {_num(m1)})", loc="left",
                      fontsize=_LABEL_SIZE - 0.5, color=colour, fontweight="bold", pad=4)
        sub.set_xlim(num(start), num(end))
        sub.set_ylim(-ymax * 0.035, ymax * 1.06)
        sub.set_xticks(tick_pos)
        sub.set_xticklabels(tick_lab if row == nrows - 1 else [""] * len(tick_pos))
        _style_axes(sub, grid_axis="y")
        sub.tick_params(labelsize=_TICK_SIZE - 0.5)
        if col == 0:
            sub.set_ylabel("Appointees", fontsize=_LABEL_SIZE - 0.5, color=TEXT_COLOUR)
    handles = [
        Line2D([], [], color=TEXT_COLOUR, linewidth=2.4, label="Known"),
        Patch(facecolor="#BBBBBB", alpha=0.5, label="Up to the largest possible (unknown and disputed tags)"),
        Line2D([], [], color="#777777", linewidth=1.1, linestyle=(0, (4, 2)), label="Size of the government"),
    ]
    above = _legend_above(ax, handles, 3)
    first = t[t["as_of"] == dates[0]].set_index("gap")
    last = t[t["as_of"] == dates[-1]].set_index("gap")
    moves = [f"{_literal(g)} {_num(first.at[g, 'count'])}→{_num(last.at[g, 'count'])}"
             for g in gaps if g in first.index and g in last.index]
    d0, d1 = dates[0], dates[-1]
    if len(dates) > 1:
        grew = "grew" if last["n"].iloc[0] > first["n"].iloc[0] else "changed"
        default = (f"As the government {grew} from {_num(first['n'].iloc[0])} to {_num(last['n'].iloc[0])}, "
                 f"known seats: {', '.join(moves)}")
    else:
        default = f"{_num(first['n'].iloc[0])} appointees: " + ", ".join(
            f"{_literal(g)} {_num(first.at[g, 'count'])}" for g in gaps if g in first.index)
    subtitle = (f"Known appointees in each gap at every date the government changed, {d0.day} {d0:%B}"
                f"{' ' + str(d0.year) if d0.year != d1.year else ''} – {d1.day} {d1:%B %Y}. Most later "
                f"appointees' home, ethnicity and network are unknown, so the largest possible counts grow "
                f"with the government.")
    _header(ax, _title(default, title), subtitle, above=above)
    if caption:
        _add_caption(ax, _literal(
            "Counts from the roster as of each date of change (the 33 of 7 September 2021 plus every later "
            "appointment announced by then, less every post left by then: deaths, dismissals, moves; a person "
            "appointed twice counts once, a man who has left every post not at all). West+Southwest: home in Herat, "
            "Farah, Badghis, Ghor, Helmand or Nimroz; core Hazarajat: Bamyan or Daykundi; Helmandi networks: "
            "network tag helmandi_ishaqzai or helmandi_alizai; non-Pashtun: ethnicity known and not Pashtun. "
            "No population baseline is drawn. " + f"Data: {_versions()}."))
    return ax
