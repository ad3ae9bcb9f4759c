"""The disproportionality chart: an index against its distribution under random appointment."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import seaborn as sns

from .. import palette
from ._style import (
    BASELINE_COLOUR,
    INDEX_LABELS,
    TEXT_COLOUR,
    _LABEL_SIZE,
    _NOTE_SIZE,
    _compact,
    _finish,
    _get_ax,
    _labels,
    _literal,
    _num,
    _style_axes,
    _mark,
    roster_colour,
    roster_entity,
    styled,
)
from ._tables import _baseline_label, _first_block, _int_counts, _require, _roster_words, _source_line

_RANDOM = "#C4C4C4"
_TAIL = "#F2F2F2"


@styled
def plot_disproportionality(data=None, *, index="loosemore_hanby", by="region", ax=None, caption=False,
                            n_draws=20_000, seed=0, title=None, xlabel=None, ylabel=None):
    """The index of the cabinet against its distribution under random appointment.

    The histogram shows the index for ``n_draws`` cabinets whose posts are
    handed out at random in proportion to the baseline
    (:func:`cabinet.null_distributions.null_distribution`); the observed value and the
    expected value are marked and the most extreme 5% of random cabinets
    shaded (beyond the 95th percentile for indices where large means far from
    the baseline, below the 5th for the others). Only appointees with a known
    tag in a group of the baseline are counted (groups with no seat count 0);
    the title says how many were excluded.

    Parameters
    ----------
    data : DataFrame, optional
        A :func:`cabinet.representation.representation` table with a baseline;
        default ``representation(by=by)``. When it holds several baselines
        (ethnicity), the first is used.
    index : str
        One of :data:`INDEX_LABELS` (default ``loosemore_hanby``).
    by : str
        Grouping, used only when ``data`` is None.
    ax : matplotlib Axes, optional
    caption : bool
    n_draws : int
        Number of random cabinets (default 20,000).
    seed : int
        Seed of the random draws (default 0), so the chart is reproducible.
    title, xlabel, ylabel : str, optional
        Replace the chart's own title (the finding) and axis labels.

    Returns
    -------
    matplotlib.axes.Axes
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    from ..null_distributions import _disproportionality_table

    if index not in INDEX_LABELS:
        raise ValueError(f"unknown index {index!r}; allowed: {', '.join(INDEX_LABELS)}")
    if data is None:
        from ..representation import representation

        data = representation(by=by)
    _require(data, ["group", "status", "count", "n", "baseline_share"], "plot_disproportionality")
    t = _first_block(data).reset_index(drop=True)
    t.attrs = dict(getattr(data, "attrs", {}) or {})
    ax = _get_ax(ax)
    groups = t[(t["status"] == "group") & t["baseline_share"].notna()]
    if groups.empty:
        raise ValueError("plot_disproportionality: the table has no baseline shares; pass a table with a baseline")
    counts = pd.Series(_int_counts(groups["count"], "plot_disproportionality"), index=groups["group"].to_numpy())
    baseline = pd.Series(groups["baseline_share"].to_numpy(dtype=float), index=groups["group"].to_numpy())
    n = float(t["n"].iloc[0])
    no_base = float(t.loc[(t["status"] == "group") & t["baseline_share"].isna(), "count"].sum())
    unknown = float(t.loc[t["status"] == "unknown", "count"].sum())
    disputed = float(t.loc[t["status"] == "disputed", "count"].sum())
    seats = int(counts.sum())
    if seats == 0:
        raise ValueError("plot_disproportionality: no appointee has a known tag in a group of the baseline")
    # one simulation for the table and the histogram (the same draws null_distribution gives for this seed)
    table, null = _disproportionality_table(counts, baseline, n_draws=n_draws, seed=seed)
    table = table.set_index("index")
    row = table.loc[index]
    draws = null[index].to_numpy()
    finite = draws[np.isfinite(draws)]
    observed, expected, p95 = float(row["observed"]), float(row["expected"]), float(row["p95"])
    tail = row["tail"]
    obs_x = observed if math.isfinite(observed) else float(finite.max())
    lo_edge = float(min(finite.min(), obs_x, expected))
    hi_edge = float(max(finite.max(), obs_x, expected))
    span = hi_edge - lo_edge or 1.0
    top_bin = finite.max() if finite.max() > finite.min() else finite.min() + 1e-9
    colour = roster_colour(t)
    compact = _compact(ax)
    sns.histplot(x=finite, bins=np.linspace(finite.min(), top_bin, 36), stat="count",
                 color=_RANDOM, alpha=1.0, edgecolor="white", linewidth=0.4, zorder=2, ax=ax)
    xlim = (lo_edge - 0.05 * span, hi_edge + 0.06 * span)
    if tail == "upper":
        cut = p95
        ax.axvspan(cut, xlim[1], facecolor=_TAIL, zorder=0, linewidth=0)
        shade_label = f"most uneven 5% of random cabinets (above {cut:.2f})"
    else:
        cut = float(np.quantile(finite, 0.05))
        ax.axvspan(xlim[0], cut, facecolor=_TAIL, zorder=0, linewidth=0)
        shade_label = f"most uneven 5% of random cabinets (below {cut:.2f})"
    ax.axvline(expected, color=BASELINE_COLOUR, linewidth=1.3, linestyle=(0, (4, 2)), zorder=3)
    _mark(ax.axvline(obs_x, color=colour, linewidth=3.0, zorder=4), roster_entity(t))
    ax.set_xlim(*xlim)
    ymax = ax.get_ylim()[1]
    ax.set_ylim(0, ymax * 1.15)
    # each label beside its line on the side with more room, at its own height, so they never overlap each
    # other or the axis
    def side(x):
        return (xlim[1] - x) >= (x - xlim[0])

    obs_right, exp_right = side(obs_x), side(expected)
    ax.annotate(f"this cabinet\n{observed:.2f}", xy=(obs_x, ymax * 1.12), xytext=(5 if obs_right else -5, 0),
                textcoords="offset points", ha="left" if obs_right else "right", va="top",
                fontsize=_NOTE_SIZE + 0.5, color=palette.text_colour(colour), fontweight="bold", linespacing=1.15,
                annotation_clip=False)
    ax.annotate(f"expected\nat random\n{expected:.2f}", xy=(expected, ymax * 0.8), xytext=(5 if exp_right else -5, 0),
                textcoords="offset points", ha="left" if exp_right else "right", va="top", fontsize=_NOTE_SIZE,
                color=TEXT_COLOUR, linespacing=1.15, annotation_clip=False)
    _style_axes(ax, grid_axis="y")
    label = INDEX_LABELS[index]
    cap_label = label[0].upper() + label[1:]
    sep = "\n" if compact else " "
    ax.set_xlabel(f"{cap_label}{sep}(0–1; larger = further from proportional)" if tail == "upper" and
                  index not in ("effective_number", "golosov", "dhondt", "sainte_lague") else cap_label,
                  fontsize=_LABEL_SIZE, color=TEXT_COLOUR)
    ax.set_ylabel("Random cabinets", fontsize=_LABEL_SIZE, color=TEXT_COLOUR)
    if compact:
        from matplotlib.ticker import MaxNLocator

        ax.xaxis.set_major_locator(MaxNLocator(4))
    _labels(ax, xlabel=xlabel, ylabel=ylabel)
    by_name = _literal(t["by"].iloc[0]) if "by" in t.columns else "group"
    by_words = {"region": "region", "province": "province", "ethnicity": "ethnic group"}.get(by_name, by_name)
    handles = [
        Line2D([], [], color=colour, linewidth=3.0, label=f"this cabinet (known {by_words}s)"),
        Patch(facecolor=_RANDOM, label=f"{n_draws:,} random cabinets of {seats}"),
        Line2D([], [], color=BASELINE_COLOUR, linewidth=1.3, linestyle=(0, (4, 2)), label="expected at random"),
        Patch(facecolor=_TAIL, edgecolor="#BDBDBD", linewidth=0.5, label=shade_label),
    ]
    p = float(row["p_value"])
    k = int(round(p * (n_draws + 1))) - 1  # p = (k + 1) / (n_draws + 1): the observed cabinet counts as a draw
    share_more = 1 - (k + 1) / (n_draws + 1)
    excluded_bits = []
    if unknown:
        excluded_bits.append(f"{_num(unknown)} unknown")
    if disputed:
        excluded_bits.append(f"{_num(disputed)} disputed")
    if no_base:
        excluded_bits.append(f"{_num(no_base)} in groups without a baseline share")
    left_out = unknown + disputed + no_base
    more = f"{100 * share_more:.2f}".rstrip("0").rstrip(".")
    if k <= 0:
        titles = [f"Counting known {by_words}s, the cabinet is more uneven than all {n_draws:,} random cabinets",
                  f"Known {by_words}s: more uneven than all {n_draws:,} random cabinets",
                  f"More uneven than every random cabinet"]
    elif p < 0.05:
        titles = [f"Counting known {by_words}s, the cabinet is more uneven than {more}% of random cabinets",
                  f"Known {by_words}s: more uneven than {more}% of random cabinets",
                  f"More uneven than {more}% of random cabinets"]
    else:
        titles = [f"Counting known {by_words}s, the cabinet is no more uneven than many random cabinets",
                  f"Known {by_words}s: as uneven as many random cabinets",
                  f"As uneven as many random cabinets"]
    base_label = _baseline_label(t)
    people = _roster_words(t, n)
    subtitle = [f"How far the {seats} of {people[4:] if people.startswith('the ') else people} with a known {by_words} "
                f"are from proportional, against {n_draws:,} cabinets drawn at random from the {base_label}.",
                f"{seats} of {_num(n)} with a known {by_words}, against {n_draws:,} random cabinets."]
    counts = (f"{_num(left_out)} of {_num(n)} are not counted ({', '.join(excluded_bits)}): placed, they could move "
              "the index either way." if left_out else "")
    if abs(seats + left_out - n) > 1e-9:  # a plural table: someone counts in two groups
        counts += (f" The counts add up to {_num(seats + left_out)}, not {_num(n)}: someone whose sources give "
                   f"homes in two {by_words}s counts in both." if by_name in ("region", "province") else
                   f" The counts add up to {_num(seats + left_out)}, not {_num(n)}: someone in two groups counts in "
                   "both.")
    p_txt = (f"p = 1/{n_draws + 1:,}, the smallest the draws can give" if k <= 0 else f"p = {p:.2g}")
    notes = (f"Random cabinets: {seats} posts drawn in proportion to the baseline (multinomial), {n_draws:,} draws, "
             f"seed {seed}; {p_txt}; expected value {str(row['expected_method']).replace('_', ' ')}. Index: "
             f"{row['reference']}.")
    _finish(ax, title=titles, subtitle=subtitle, handles=handles, counts=counts, source=_source_line(t),
            notes=_literal(notes), caption=caption, user_title=title)
    return ax
