"""The ethnicity chart: cabinet share per group against the range of the baselines (any roster).

For each group, on one row: the cabinet's known share (a filled dot in the
roster's colour) with a pale band up to the largest share the unknowns allow,
and just below it a grey band over the range of the baselines (the published
estimates) with a dark tick at each estimate's own figure.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._style import (
    BASELINE_COLOUR,
    DISPUTED_FACE,
    DISPUTED_HATCH,
    MUTED,
    TEXT_COLOUR,
    UNKNOWN_COLOUR,
    _LABEL_SIZE,
    _NOTE_SIZE,
    _compact,
    _counts_line,
    _finish,
    _get_ax,
    _known_dot,
    _labels,
    _literal,
    _num,
    _pct,
    _range_bar,
    _style_axes,
    baseline_band_handle,
    disputed_handle,
    known_handle,
    range_handle,
    roster_colour,
    roster_entity,
    styled,
    unknown_handle,
)
from ._tables import _own, _require, _roster_words, _source_line, _table_by
from ..io.reference_tables import load_ethnic_estimates
from ..representation import representation

#: Label of the row of an estimate's groups it does not name (status ``residual`` in the table).
RESIDUAL_LABEL = "Groups not named\nby the estimate"
_CAB_Y, _BASE_Y = -0.1, 0.2  # the cabinet's marks and the baselines' band, within a row
_PLURAL = {"Pashtun": "Pashtuns", "Tajik": "Tajiks", "Hazara": "Hazaras", "Uzbek": "Uzbeks", "Aimaq": "Aimaqs",
           "Baloch": "Baloch", "Turkmen": "Turkmen", "Nuristani": "Nuristanis", "Pashai": "Pashais", "Arab": "Arabs"}


def _published_ids() -> set:
    """Ids of the published ethnic estimates of the data package."""
    return set(load_ethnic_estimates()["estimate_id"])


def _span(lo, hi, digits=0) -> str:
    """``a%–b%``, or one figure when both round the same.

    >>> _span(0.17, 0.17), _span(0.38, 0.46)
    ('17%', '38%–46%')
    """
    a, b = _pct(lo, digits), _pct(hi, digits)
    return a if a == b else f"{a}–{b}"


def _relation(value, lo, hi) -> str:
    if value < lo:
        return "below"
    if value > hi:
        return "above"
    return "within"


def _people(g) -> str:
    return _PLURAL.get(str(g), _literal(g))


def _titles(cab, lo, hi, n, words) -> list[str]:
    """Candidate titles, longest first, each true whatever the unknown and disputed tags turn out to be."""
    est_one, est_all = words
    if not len(cab) or cab["count"].max() <= 0:
        return [f"No one of the {_num(n)} has a known group"]
    out = []
    # a group above every estimate on known values alone (more unknowns can only raise it)
    above = [g for g in lo.index if g in cab.index and cab.at[g, "share"] > hi[g]]
    above.sort(key=lambda g: -cab.at[g, "count"])
    # a group below every estimate even if every unknown fell in it
    below = [g for g in lo.index if g in cab.index and cab.at[g, "share_max"] < lo[g]]
    below.sort(key=lambda g: -hi[g])
    for g in above[:1]:
        share = _pct(cab.at[g, "share"], 0)
        out += [f"{_people(g)} hold more seats than any {est_one} of their share, whatever the unknowns are",
                f"{_people(g)}: {share} of seats known, above every {est_one} ({_span(lo[g], hi[g])})",
                f"{_people(g)}: {share} known, above every {est_one}",
                f"{_people(g)}: above every {est_one}"]
    for g in below[:1]:
        out += [f"{_people(g)} stay below every {est_one} of their share, whatever the unknowns are",
                f"{_people(g)}: below every {est_one} whatever the unknowns",
                f"{_people(g)}: below every {est_one}"]
    if not out:
        top = cab["count"].idxmax()
        out += [f"{_literal(top)}: {_num(cab.at[top, 'count'])} of {_num(n)} known "
                f"({_pct(cab.at[top, 'share'], 0)})", f"{_literal(top)}: {_num(cab.at[top, 'count'])} of {_num(n)}"]
    return out


@styled
def plot_ethnicity(data=None, *, ax=None, caption=False, title=None, xlabel=None, ylabel=None):
    """Cabinet share per group against the range of the baseline shares, for any roster.

    For each group, on one row: a filled dot at the share of appointees known
    to belong to it (the loudest mark, in the roster's colour) and a pale band
    up to the largest share possible (``count_max``, if every unknown and
    disputed tag fell in the group); just below, a grey band from the lowest
    ``baseline_low`` to the highest ``baseline_high`` of every baseline of the
    table, with a dark tick at each baseline's own figure. With the bundled
    ethnicity table the baselines are the published estimates; a table with
    the user's own baseline is named by its ``baseline_label``. An estimate's
    groups it does not name are one row (the table's ``residual`` rows).

    The title says no more than the data: a group is "above" or "below" the
    baselines only when that holds from the known share to the largest share
    possible.

    Parameters
    ----------
    data : DataFrame, optional
        ``representation(by="ethnicity")`` (default; baseline ``"all"``, one
        block per estimate), or any representation table with a baseline.
    ax : matplotlib Axes, optional
    caption : bool
        Write the method and the versions below the plot (the ``Source:`` line
        is always written).
    title, xlabel, ylabel : str, optional
        Replace the chart's own title (the finding) and axis labels.

    Returns
    -------
    matplotlib.axes.Axes
    """
    from matplotlib.ticker import MaxNLocator, PercentFormatter

    if data is None:
        data = representation(by="ethnicity")
    _require(data, ["group", "status", "count", "count_max", "n", "share", "share_max", "baseline_share"],
             "plot_ethnicity")
    ax = _get_ax(ax)
    compact = _compact(ax)
    t = data.copy()
    t.attrs = dict(getattr(data, "attrs", {}) or {})
    colour = roster_colour(t)
    for c in ("baseline_low", "baseline_high"):
        if c not in t.columns:
            t[c] = t["baseline_share"]
    if "baseline" not in t.columns:
        t["baseline"] = ""
    n = t["n"].iloc[0]
    by = _table_by(t) or "group"
    ids = [b for b in dict.fromkeys(t["baseline"].fillna("").astype(str)) if b]
    published = bool(ids) and set(ids) <= _published_ids()
    if published:
        words = ("estimate", "estimates")
        est_phrase = f"{len(ids)} published estimate{'s' if len(ids) != 1 else ''} of the population"
    else:
        labels = [str(x) for x in dict.fromkeys(t["baseline_label"].fillna("").astype(str)) if x] \
            if "baseline_label" in t.columns else []
        name = _literal("; ".join(labels)) if labels else "the baseline"
        words = ("baseline share", "baseline shares")
        est_phrase = f"the baseline ({name})"

    grp = t[t["status"] == "group"]
    cab = grp.drop_duplicates("group").set_index("group")
    est = grp[grp["baseline_share"].notna()]
    lo = est.groupby("group")["baseline_low"].min()
    hi = est.groupby("group")["baseline_high"].max()
    res = t[t["status"] == "residual"]
    res_est = res[res["baseline_share"].notna()]
    order_groups = sorted(cab.index, key=lambda g: (pd.isna(hi.get(g, np.nan)), -(hi.get(g, 0) or 0),
                                                    -cab.at[g, "count"], str(g)))
    first = t.drop_duplicates("group")
    extra = first[first["status"].isin(["disputed", "unknown"]) & (first["count"] > 0)]
    extra_labels = ["Disputed" if s == "disputed" else "Unknown" for s in extra["status"]]
    rows = [_literal(g) for g in order_groups] + ([RESIDUAL_LABEL] if len(res) else []) + extra_labels
    pos = {label: i for i, label in enumerate(rows)}

    def baseline_band(y, lo_, hi_, ticks):
        from matplotlib.patches import Rectangle

        width = max(float(hi_) - float(lo_), 0.0)
        ax.add_patch(Rectangle((float(lo_), y + _BASE_Y - 0.1), width, 0.2, facecolor="#D9D9D9", edgecolor="none",
                               zorder=1))
        for v in ticks:
            ax.plot([v, v], [y + _BASE_Y - 0.13, y + _BASE_Y + 0.13], color=BASELINE_COLOUR, linewidth=1.1, zorder=2,
                    solid_capstyle="butt")

    values = [0.0]
    for g in order_groups:
        y = pos[_literal(g)]
        if g in lo.index:
            baseline_band(y, lo[g], hi[g], est.loc[est["group"] == g, "baseline_share"].to_numpy(float))
            values += [float(hi[g])]
        _range_bar(ax, y + _CAB_Y, float(cab.at[g, "share"]), float(cab.at[g, "share_max"]), colour, height=0.26,
                   zorder=2)
        _known_dot(ax, float(cab.at[g, "share"]), y + _CAB_Y, colour, size=7, entity=roster_entity(t))
        values += [float(cab.at[g, "share_max"])]
    if len(res):  # the residual count differs by estimate: from the lowest known share to the highest maximum
        y = pos[RESIDUAL_LABEL]
        if len(res_est):
            baseline_band(y, res_est["baseline_low"].min(), res_est["baseline_high"].max(),
                          res_est["baseline_share"].to_numpy(float))
            values += [float(res_est["baseline_high"].max())]
        _range_bar(ax, y + _CAB_Y, float(res["share"].min()), float(res["share_max"].max()), colour, height=0.26,
                   zorder=2)
        _known_dot(ax, float(res["share"].min()), y + _CAB_Y, colour, size=7)
        values += [float(res["share_max"].max())]
    for label, (_, r) in zip(extra_labels, extra.iterrows()):
        disputed = r["status"] == "disputed"
        ax.barh([pos[label]], [float(r["share"])], height=0.5, color=DISPUTED_FACE if disputed else UNKNOWN_COLOUR,
                hatch="////" if disputed else None, edgecolor=DISPUTED_HATCH if disputed else "none",
                linewidth=0.6 if disputed else 0, zorder=2)
        values += [float(r["share"])]
    xmax = float(np.nanmax(values))

    note_kw = dict(xycoords=ax.get_yaxis_transform(), xytext=(8, 0), textcoords="offset points", va="center",
                   ha="left", fontsize=_NOTE_SIZE, annotation_clip=False)
    est_x = 62
    est_kw = dict(xycoords=ax.get_yaxis_transform(), xytext=(est_x, 0), textcoords="offset points", va="center",
                  ha="left", fontsize=_NOTE_SIZE, color=MUTED, annotation_clip=False)

    def counts_text(c, m):
        return f"{c}–{m}" if c != m else c

    for g in order_groups:
        y = pos[_literal(g)]
        ax.annotate(counts_text(_num(cab.at[g, "count"]), _num(cab.at[g, "count_max"])), xy=(1.0, y),
                    color=TEXT_COLOUR, **note_kw)
        if not compact:
            ax.annotate(_span(lo[g], hi[g]) if g in lo.index else "none", xy=(1.0, y), **est_kw)
    if len(res):
        y = pos[RESIDUAL_LABEL]
        c0, c1 = _num(res["count"].min()), _num(res["count"].max())
        ax.annotate(f"{c0 if c0 == c1 else f'{c0}/{c1}'}–{_num(res['count_max'].max())}", xy=(1.0, y),
                    color=TEXT_COLOUR, **note_kw)
        if len(res_est) and not compact:
            ax.annotate(_span(res_est["baseline_low"].min(), res_est["baseline_high"].max()), xy=(1.0, y), **est_kw)
    for label, (_, r) in zip(extra_labels, extra.iterrows()):
        ax.annotate(f"{_num(r['count'])}", xy=(1.0, pos[label]), color=MUTED, **note_kw)
    ax.annotate(f"known–max\nof {_num(n)}", xy=(1.0, -0.5), xycoords=ax.get_yaxis_transform(), xytext=(8, 3),
                textcoords="offset points", va="bottom", ha="left", fontsize=_NOTE_SIZE - 0.5, color=MUTED,
                annotation_clip=False, linespacing=1.1)
    if not compact:
        ax.annotate("estimates" if published else "baseline", xy=(1.0, -0.5), xycoords=ax.get_yaxis_transform(),
                    xytext=(est_x, 3), textcoords="offset points", va="bottom", ha="left", fontsize=_NOTE_SIZE - 0.5,
                    color=MUTED, annotation_clip=False)
    if len(extra):
        ax.axhline(len(rows) - len(extra) - 0.5, color="#9E9E9E", linewidth=0.6, linestyle=(0, (2, 2)))
    ax.set_ylim(len(rows) - 0.45, -0.6)
    ax.set_xlim(0, min(1.0, xmax * 1.03 + 0.01))
    ax.set_yticks(range(len(rows)), rows)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    if compact:
        ax.xaxis.set_major_locator(MaxNLocator(4))
    _style_axes(ax, grid_axis="x")
    ax.set_xlabel("Share of appointees and of the population" if published else "Share of the roster and of the "
                  "baseline", fontsize=_LABEL_SIZE, color=TEXT_COLOUR)
    ax.set_ylabel("")
    _labels(ax, xlabel=xlabel, ylabel=ylabel)
    handles = [known_handle(colour, "known"), range_handle(colour, "could be up to"),
               baseline_band_handle("range of the estimates (tick: one estimate)" if published
                                    else "baseline share (tick: each baseline)")]
    if (extra["status"] == "unknown").any():
        handles.append(unknown_handle("unknown"))
    if (extra["status"] == "disputed").any():
        handles.append(disputed_handle("disputed"))

    u = float(first.loc[first["status"] == "unknown", "count"].sum())
    d = float(first.loc[first["status"] == "disputed", "count"].sum())
    what = "Ethnic group" if by == "ethnicity" else _literal(by).capitalize()
    people = _roster_words(t, n)
    subtitle = [f"{what} of {people}, against {est_phrase}; {_num(u)} unknown, {_num(d)} disputed.",
                f"{what} of {people}, against {est_phrase}.", f"{what} of {people}."]
    total = float(cab["count"].sum()) + u + d
    counts = ""
    if abs(total - float(n)) > 1e-9:
        counts = _counts_line(total, n, f"someone whose sources name two {what.lower()}s that are not a dispute "
                                        "counts in both.")
    if len(res):
        counts = (counts + " " if counts else "") + ("'Groups not named by the estimate' counts, for each estimate, "
                                                     "those of every group it does not name, so it repeats rows above.")
    notes = ("Grey band: lowest to highest share of the group over every baseline; ticks: each baseline's own "
             "figure. Dot: share known; pale band: up to the share if every unknown or disputed tag fell in the "
             "group; figures at right: known count and largest possible count.")
    _finish(ax, title=_titles(cab, lo, hi, n, words), subtitle=subtitle, handles=handles, counts=counts,
            source=_source_line(t, what="estimates" if published else "baseline"), notes=notes, caption=caption,
            user_title=title, own=_own(t))
    return ax
