"""The gaps over time: known and largest possible counts at every date the government changed."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import seaborn as sns

from .. import palette
from ._style import (
    MUTED,
    TEXT_COLOUR,
    _LABEL_SIZE,
    _NOTE_SIZE,
    _TICK_SIZE,
    _compact,
    _finish,
    _get_ax,
    _literal,
    _mark,
    _num,
    _style_axes,
    known_handle,
    range_handle,
    styled,
)
from ._tables import _require
from ..io.datapackage import descriptor
from ..timeline import gaps_over_time

#: How the gaps of :func:`cabinet.timeline.gaps_over_time` read in a sentence.
_GAP_NAMES = {"West+Southwest": "West and Southwest", "Core Hazarajat": "core Hazarajat",
              "Helmandi networks": "Helmandi networks", "Non-Pashtun": "non-Pashtuns"}
_SIZE_COLOUR = "#7A7A7A"


def _gap_name(g) -> str:
    return _GAP_NAMES.get(str(g), _literal(g))


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
    colour = palette.colour("roster", "taliban-latest" if long_span else "taliban-2021")
    compact = _compact(ax)
    gaps = list(dict.fromkeys(t["gap"]))
    ncols = 1 if compact or len(gaps) == 1 else 2
    nrows = int(math.ceil(len(gaps) / ncols))
    size = t.drop_duplicates("as_of")
    ymax = float(max(t["n"].max(), t["count_max"].max()))
    left, bottom = 0.0, 0.0
    hgap, vgap = (0.12, 0.2) if not compact else (0.0, 0.34 / max(nrows - 1, 1) if nrows > 1 else 0.0)
    width = (1 - left - hgap * (ncols - 1)) / ncols
    height = (1 - bottom - vgap * (nrows - 1)) / nrows
    end_line = num(dates[-1]) if len(dates) > 1 else num(dates[-1]) + 1
    for i, g in enumerate(gaps):
        row, col = divmod(i, ncols)
        sub = ax.inset_axes([left + col * (width + hgap), bottom + (nrows - 1 - row) * (height + vgap), width, height])
        s_ = t[t["gap"] == g]
        x = np.asarray([num(d) for d in s_["as_of"]] + [end_line])
        for d in dates:
            sub.axvline(num(d), color="#EDEDED", linewidth=0.6, zorder=0)
        sub.step(np.asarray([num(d) for d in size["as_of"]] + [end_line]), ext(size["n"]), where="post",
                 color=_SIZE_COLOUR, linewidth=1.0, linestyle=(0, (4, 2)), zorder=2)
        sub.fill_between(x, ext(s_["count"]), ext(s_["count_max"]), step="post",
                         color=palette.tint(colour, 0.35), linewidth=0, zorder=1)
        _mark(sub.step(x, ext(s_["count"]), where="post", color=colour, linewidth=2.6, zorder=3, clip_on=False)[0],
              ("roster", "taliban-latest" if long_span else "taliban-2021"))
        c0, c1 = s_["count"].iloc[0], s_["count"].iloc[-1]
        m1 = s_["count_max"].iloc[-1]
        sub.plot([end_line], [c1], marker="o", color=colour, markersize=4.5, zorder=4, clip_on=False)
        sub.annotate(_num(c1), xy=(end_line, c1), xytext=(4, 0), textcoords="offset points", va="center",
                     ha="left", fontsize=_NOTE_SIZE, color=palette.text_colour(colour), fontweight="bold",
                     annotation_clip=False)
        sub.set_title(f"{_gap_name(g)[0].upper() + _gap_name(g)[1:]}: {_num(c0)} → {_num(c1)} known "
                      f"(up to {_num(m1)})", loc="left", fontsize=_LABEL_SIZE, color=TEXT_COLOUR,
                      fontweight="bold", pad=4)
        sub.set_xlim(num(start), end_line)
        sub.set_ylim(0, ymax * 1.06)
        sub.set_xticks(tick_pos)
        last_row = row == nrows - 1 or compact
        sub.set_xticklabels(tick_lab if last_row else [""] * len(tick_pos))
        _style_axes(sub, grid_axis="y")
        sub.tick_params(labelsize=_TICK_SIZE)
        if col == 0:
            sub.set_ylabel("People", fontsize=_LABEL_SIZE, color=TEXT_COLOUR)
    handles = [
        known_handle(colour, "known"),
        range_handle(colour, "could be up to"),
        __import__("matplotlib.lines", fromlist=["Line2D"]).Line2D([], [], color=_SIZE_COLOUR, linewidth=1.0,
                                                                    linestyle=(0, (4, 2)),
                                                                    label="size of the government"),
    ]
    first = t[t["as_of"] == dates[0]].set_index("gap")
    last = t[t["as_of"] == dates[-1]].set_index("gap")
    d0, d1 = dates[0], dates[-1]
    n0, n1 = _num(first["n"].iloc[0]), _num(last["n"].iloc[0])
    g0 = gaps[0]
    a, b = (_num(first.at[g0, "count"]), _num(last.at[g0, "count"])) if g0 in first.index and g0 in last.index \
        else ("?", "?")
    name = _gap_name(g0)
    if len(dates) > 1:
        grew = "grew" if last["n"].iloc[0] > first["n"].iloc[0] else "changed"
        titles = [f"As the government {grew} from {n0} to {n1}, known seats of the {name} went from {a} to {b}",
                  f"From {n0} to {n1} posts, the {name} went from {a} to {b} known",
                  f"{name[0].upper() + name[1:]}: {a} to {b} known as posts went to {n1}",
                  f"{name[0].upper() + name[1:]}: {a} to {b} known"]
    else:
        titles = [f"{n0} appointees: " + ", ".join(f"{_gap_name(g)} {_num(first.at[g, 'count'])}"
                                                     for g in gaps if g in first.index)]
    span_words = (f"{d0.day} {d0:%B}{' ' + str(d0.year) if d0.year != d1.year else ''} to {d1.day} {d1:%B %Y}")
    subtitle = [f"Known members of {len(gaps)} groups at every date the government changed, {span_words}; "
                "the band shows how many more the unknown tags could hold.",
                f"Known members of {len(gaps)} groups, {span_words}."]
    notes = ("Counts from the roster as of each date of change (the 33 of 7 September 2021 plus every later "
             "appointment announced by then, less every post left by then: deaths, dismissals, moves; a person "
             "appointed twice counts once). West and Southwest: home in Herat, Farah, Badghis, Ghor, Helmand or "
             "Nimroz; core Hazarajat: Bamyan or Daykundi; Helmandi networks: the Ishaqzai or Alizai network; "
             "non-Pashtun: ethnicity known and not Pashtun. No population baseline is drawn.")

    source = [f"Source: appointments, departures and tags from news reports and official statements, cabinet data "
              f"package {descriptor().get('version', '?')}.",
              f"Source: cabinet data package {descriptor().get('version', '?')}."]
    _finish(ax, title=titles, subtitle=subtitle, handles=handles, source=source, notes=_literal(notes),
            caption=caption, user_title=title)
    return ax
