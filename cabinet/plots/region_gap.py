"""The region-gap chart: cabinet share against baseline share per group (any roster).

Drawn with seaborn's ``pointplot`` (the known share with the interval that
covers every way the unknowns could be resolved, and the baseline share) and
``barplot`` (the unknown and disputed appointees).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import seaborn as sns

from ._style import (
    BASELINE_COLOUR,
    CABINET_COLOUR,
    DISPUTED_FACE,
    DISPUTED_HATCH,
    MUTED,
    TEXT_COLOUR,
    UNKNOWN_COLOUR,
    _LABEL_SIZE,
    _NOTE_SIZE,
    _add_caption,
    _get_ax,
    _header,
    _join,
    _labels,
    _legend_above,
    _literal,
    _num,
    _style_axes,
    _title,
    styled,
)
from ._p_values import _adjusted, _fmt_p1, _fmt_p_range, _highlight, _p_bounds, _p_rule
from ._tables import _baseline_label, _caption_text, _first_block, _is_population, _require, _table_by
from ..headlines import headline
from ..representation import counting_note, representation

_REP_COLUMNS = ["group", "status", "count", "count_max", "n", "share", "ci_low", "ci_high", "baseline_share"]


_HOME = ("region", "province", "hazarajat")


def _untestable_words(untestable, n, alpha) -> str:
    """The groups too small for a test of under-representation to reject, even at a count of 0."""
    names = _join([g for g, _ in untestable])
    floors = ", ".join(f"{_fmt_p1(f)}" for _, f in untestable)
    return (f"{names}: too small to test; even none of {_num(n)} would have p={floors}, "
            f"not below {alpha:g}.")


def _counting_words(t) -> str:
    """The table's own words when its rows count memberships, not people (plural membership)."""
    if t.attrs.get("counts") != "memberships":
        return ""

    return counting_note(t)


@styled
def plot_region_gap(data=None, *, scheme="commentary", ax=None, caption=False, title=None, xlabel=None,
                    ylabel=None, alpha=0.05, adjusted=None):
    """Cabinet share against baseline share per group (a dumbbell chart), for any roster.

    One row per group: a dot for the share of appointees known to be in it,
    with an error bar from ``ci_low`` to ``ci_high`` (the exact interval,
    which also covers every way the unknown and disputed tags could be
    resolved), and a diamond for its share of the baseline. Next to every
    group below its baseline the exact one-sided probability of so few is
    written as the range the unknowns allow (``p_le_count`` at the known
    count to ``p_le_count_max`` at the largest possible count); a group is
    highlighted only when the whole range lies below ``alpha``, and the
    subtitle says whether the probabilities are Holm-adjusted. Unknown and
    disputed appointees get rows of their own.

    Parameters
    ----------
    data : DataFrame, optional
        A table of :func:`cabinet.representation.representation` with a
        baseline, for any roster and grouping; default
        ``representation(by="region", scheme=scheme)``. When it holds
        several baselines, the first is drawn.
    scheme : {'commentary', 'isaf', 'ocha'}
        Region scheme, used only when ``data`` is None.
    ax : matplotlib Axes, optional
    caption : bool
        Write the baseline, its source ids and the data version below the axes.
    title, xlabel, ylabel : str, optional
        Replace the chart's own title (the finding) and axis labels.
    alpha : float
        Threshold of the highlighting (default 0.05).
    adjusted : bool, optional
        Read the multiplicity-adjusted probabilities (``*_adj`` columns);
        default: when the table has them.

    Returns
    -------
    matplotlib.axes.Axes
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.ticker import PercentFormatter

    if data is None:

        data = representation(by="region", scheme=scheme)
    _require(data, _REP_COLUMNS, "plot_region_gap")
    t = _first_block(data).reset_index(drop=True)
    ax = _get_ax(ax)
    adj = _adjusted(t, adjusted)
    n = t["n"].iloc[0]
    by = _table_by(t) or "group"
    population = _is_population(t)
    population_word = "population" if population else "baseline"
    base_label = _baseline_label(t)
    home = by in _HOME

    groups = t[t["status"].isin(["group", "residual"])].copy()
    has_baseline = bool(groups["baseline_share"].notna().any())  # else: no baseline marker, no probabilities
    groups["_gap"] = groups["share"] - groups["baseline_share"]
    groups = groups.sort_values(["_gap", "group"], na_position="last", kind="stable")
    extra = t[t["status"].isin(["disputed", "unknown"]) & (t["count"] > 0)]
    extra_labels = [(f"Disputed {'home' if home else _literal(by)}" if r["status"] == "disputed" else
                     f"Unknown {'home' if home else _literal(by)}") for _, r in extra.iterrows()]
    order = [_literal(g) for g in groups["group"]] + extra_labels
    pos = {label: i for i, label in enumerate(order)}

    # seaborn draws the points: the median of (ci_low, share, ci_high) is the share, and the 100% percentile
    # interval runs from ci_low to ci_high
    long = pd.DataFrame([(_literal(r["group"]), v) for _, r in groups.iterrows()
                         for v in ((r["ci_low"], r["share"], r["ci_high"]) if pd.notna(r["ci_low"]) and
                                   pd.notna(r["ci_high"]) else (r["share"],) * 3)], columns=["label", "value"])
    base = groups[groups["baseline_share"].notna()]
    for _, r in base.iterrows():
        y = pos[_literal(r["group"])]
        ax.plot([r["share"], r["baseline_share"]], [y, y], color="#C8C8C8", linewidth=3, zorder=1,
                solid_capstyle="butt")
    sns.pointplot(data=long, x="value", y="label", order=order, orient="h", estimator="median",
                  errorbar=("pi", 100), color=CABINET_COLOUR, marker="o", markersize=7, linestyle="none",
                  capsize=0.25, err_kws={"linewidth": 0.9, "alpha": 0.75}, ax=ax, zorder=4)
    if len(base):
        sns.pointplot(data=pd.DataFrame({"label": [_literal(g) for g in base["group"]],
                                         "value": base["baseline_share"].to_numpy(dtype=float)}),
                      x="value", y="label", order=order, orient="h", errorbar=None, color=BASELINE_COLOUR,
                      marker="D", markersize=6.5, linestyle="none", ax=ax, zorder=3)
    if len(extra):
        bars = pd.DataFrame({"label": extra_labels, "value": extra["share"].to_numpy(dtype=float)})
        sns.barplot(data=bars, x="value", y="label", order=order, orient="h", width=0.5, color=UNKNOWN_COLOUR,
                    errorbar=None, ax=ax, zorder=2, linewidth=0)
        for patch in ax.patches:
            y = round(patch.get_y() + patch.get_height() / 2)
            if 0 <= y < len(order) and order[y].startswith("Disputed"):
                patch.set(facecolor=DISPUTED_FACE, hatch="////", edgecolor=DISPUTED_HATCH, linewidth=0.6)
    xmax = float(np.nanmax(np.concatenate([groups[["share", "ci_high", "baseline_share"]].to_numpy(dtype=float).ravel(),
                                            extra["share"].to_numpy(dtype=float), [0.0]])))

    note_kw = dict(xycoords=ax.get_yaxis_transform(), xytext=(8, 0), textcoords="offset points", va="center",
                   ha="left", fontsize=_NOTE_SIZE, annotation_clip=False)
    tested = 0
    untestable: list = []
    for _, r in groups.iterrows():
        y = pos[_literal(r["group"])]
        ax.annotate(f"{_num(r['count'])} (≤{_num(r['count_max'])})", xy=(1.0, y), color=TEXT_COLOUR, **note_kw)
        lo, hi = _p_bounds(t, r, "le", adjusted=adj)
        if pd.notna(r["baseline_share"]) and pd.notna(lo):
            tested += 1
        if pd.notna(r["baseline_share"]) and r["share"] < r["baseline_share"] and pd.notna(lo):
            strong = _highlight(hi, alpha)
            floor = r.get("p_le_floor", np.nan)
            # a group so small that even none of n would not be unusual: say so instead of a test that cannot reject
            text = (f"none would be p={_fmt_p1(floor)}: untestable" if pd.notna(floor) and floor >= alpha
                    else _fmt_p_range(lo, hi))
            if pd.notna(floor) and floor >= alpha:
                untestable.append((_literal(r["group"]), floor))
            ax.annotate(text, xy=(1.0, y), xycoords=ax.get_yaxis_transform(), xytext=(62, 0),
                        textcoords="offset points", va="center", ha="left", fontsize=_NOTE_SIZE,
                        color=CABINET_COLOUR if strong else TEXT_COLOUR, fontweight="bold" if strong else "normal",
                        annotation_clip=False)
    word = "region" if by == "region" else "group"
    for label, (_, r) in zip(extra_labels, extra.iterrows()):
        y = pos[label]
        ax.annotate(f"{_num(r['count'])}", xy=(1.0, y), color=MUTED, **note_kw)
        ax.annotate(f"could be in any {word}" if r["status"] != "disputed" else f"candidates in different {word}s",
                    xy=(r["share"], y), xytext=(5, 0), textcoords="offset points", va="center", ha="left",
                    fontsize=_NOTE_SIZE, color=MUTED)
    # column headers of the notes, above the first row (seaborn puts the first category at the top)
    ax.annotate(f"known of {_num(n)}\n(max)", xy=(1.0, -0.5), xycoords=ax.get_yaxis_transform(), xytext=(8, 2),
                textcoords="offset points", va="bottom", ha="left", fontsize=_NOTE_SIZE - 0.5, color=MUTED,
                annotation_clip=False)
    if has_baseline:
        ax.annotate("p of so few\n(range)" + (", Holm" if adj else ""), xy=(1.0, -0.5),
                    xycoords=ax.get_yaxis_transform(), xytext=(62, 2), textcoords="offset points", va="bottom",
                    ha="left", fontsize=_NOTE_SIZE - 0.5, color=MUTED, annotation_clip=False)
    if len(extra):
        ax.axhline(len(groups) - 0.5, color="#999999", linewidth=0.6, linestyle=(0, (2, 2)))
    for line in ax.lines:  # a dot at 0% is drawn whole
        line.set_clip_on(False)
    ax.set_ylim(len(order) - 0.4, -0.6)
    ax.set_xlim(0, min(1.0, xmax * 1.04 + 0.01))
    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    _style_axes(ax, grid_axis="x")
    ax.set_xlabel(f"Share of appointees and of the {population_word}" if has_baseline else "Share of appointees",
                  fontsize=_LABEL_SIZE, color=TEXT_COLOUR)
    scheme_name = str(t["scheme"].iloc[0]) if "scheme" in t.columns and by == "region" and population else ""
    ax.set_ylabel(f"Region ({_literal(scheme_name)} scheme)" if scheme_name else _literal(by), fontsize=_LABEL_SIZE,
                  color=TEXT_COLOUR)
    _labels(ax, xlabel=xlabel, ylabel=ylabel)
    handles = [
        Line2D([], [], marker="o", color=CABINET_COLOUR, linestyle="none", markersize=6,
               label="Appointees known to be in the group"),
        Line2D([], [], color=CABINET_COLOUR, linewidth=0.9, marker="|", markersize=7,
               label="Exact 95% interval, covering all unknowns"),
        Line2D([], [], marker="D", color=BASELINE_COLOUR, linestyle="none", markersize=5.5,
               label=f"Share of the {population_word}"),
        Patch(facecolor=UNKNOWN_COLOUR, label=f"Unknown {'home' if home else _literal(by)}"),
    ]
    if not has_baseline:
        handles.pop(2)
    if (extra["status"] == "disputed").any():
        handles.append(Patch(facecolor=DISPUTED_FACE, hatch="////", edgecolor=DISPUTED_HATCH, linewidth=0.6,
                             label=f"Disputed {'home' if home else _literal(by)}"))
    above = _legend_above(ax, handles, 3 if has_baseline else 2)
    u = float(t.loc[t["status"] == "unknown", "count"].sum())
    d = float(t.loc[t["status"] == "disputed", "count"].sum())
    what = "home region" if by == "region" else _literal(by)
    subtitle = (f"Known {what} of the {_num(n)} appointees against the {population_word} ({base_label}); "
                f"{_num(u + d)} of unknown or disputed {what}. " + _p_rule(adj, alpha, tested) if has_baseline else
                f"Known {what} of the {_num(n)} appointees, with no baseline to set them against; "
                f"{_num(u + d)} of unknown or disputed {what}.")
    if untestable and has_baseline:
        subtitle += " " + _untestable_words(untestable, n, alpha)
    note = _counting_words(t)
    if note:
        subtitle += " " + note
    _header(ax, _title(headline(t, alpha=alpha, name=_literal).sentence, title), subtitle, above=above)
    if caption:
        _add_caption(ax, _caption_text(t, n=n, lead=(
            "Dot: share of appointees known to be in the group; bar: exact (Clopper-Pearson) 95% interval from "
            "the known count to the largest count possible; figures at right: known count (largest possible "
            "count)" + ("; p: exact one-sided probability of a count this low, at the known count and at the "
                        "largest possible count (the true value lies between them whatever the unknowns are)"
                        + (f", Holm-adjusted over both tails of the {tested} groups tested." if adj
                           else ", unadjusted.")
                        if has_baseline else "."))))
    return ax
