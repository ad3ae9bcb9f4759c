"""The disproportionality chart: an index against its distribution under random appointment."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import seaborn as sns

from ._style import (
    BASELINE_COLOUR,
    CABINET_COLOUR,
    INDEX_LABELS,
    PALETTE,
    TEXT_COLOUR,
    _LABEL_SIZE,
    _NOTE_SIZE,
    _add_caption,
    _get_ax,
    _header,
    _labels,
    _legend_above,
    _literal,
    _num,
    _style_axes,
    _title,
    styled,
)
from ._tables import _baseline_label, _caption_text, _first_block, _int_counts, _require
from ..null_distributions import _disproportionality_table
from ..representation import representation

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


    if index not in INDEX_LABELS:
        raise ValueError(f"unknown index {index!r}; allowed: {', '.join(INDEX_LABELS)}")
    if data is None:

        data = representation(by=by)
    _require(data, ["group", "status", "count", "n", "baseline_share"], "plot_disproportionality")
    t = _first_block(data).reset_index(drop=True)
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
    sns.histplot(x=finite, bins=np.linspace(finite.min(), top_bin, 36), stat="count", color="#A8C4DC", alpha=1.0,
                 edgecolor="white", linewidth=0.4, zorder=2, ax=ax)
    xlim = (lo_edge - 0.05 * span, hi_edge + 0.06 * span)
    if tail == "upper":
        cut = p95
        ax.axvspan(cut, xlim[1], color=PALETTE["orange"], alpha=0.13, zorder=0, linewidth=0)
        shade_label = f"Most extreme 5% of random cabinets (above {cut:.3f})"
    else:
        cut = float(np.quantile(finite, 0.05))
        ax.axvspan(xlim[0], cut, color=PALETTE["orange"], alpha=0.13, zorder=0, linewidth=0)
        shade_label = f"Most extreme 5% of random cabinets (below {cut:.3f})"
    ax.axvline(expected, color=BASELINE_COLOUR, linewidth=1.6, linestyle=(0, (4, 2)), zorder=3)
    ax.axvline(obs_x, color=CABINET_COLOUR, linewidth=2.6, zorder=4)
    ax.set_xlim(*xlim)
    ymax = ax.get_ylim()[1]
    ax.set_ylim(0, ymax * 1.12)
    # each label on the outer side of its line, and on its own height, so the two never overlap
    right = obs_x >= expected
    ax.annotate(f"observed {observed:.3f}", xy=(obs_x, ymax * 1.06), xytext=(5 if right else -5, 0),
                textcoords="offset points", ha="left" if right else "right", va="center",
                fontsize=_NOTE_SIZE + 0.5, color=CABINET_COLOUR, fontweight="bold")
    ax.annotate(f"expected {expected:.3f}", xy=(expected, ymax * 0.96), xytext=(-5 if right else 5, 0),
                textcoords="offset points", ha="right" if right else "left", va="center",
                fontsize=_NOTE_SIZE + 0.5, color=BASELINE_COLOUR, fontweight="bold")
    _style_axes(ax, grid_axis="y")
    label = INDEX_LABELS[index]
    cap_label = label[0].upper() + label[1:]
    ax.set_xlabel(f"{cap_label} (0–1 scale; larger = further from proportional)" if tail == "upper" and
                  index not in ("effective_number", "golosov", "dhondt", "sainte_lague") else cap_label,
                  fontsize=_LABEL_SIZE, color=TEXT_COLOUR)
    ax.set_ylabel("Random cabinets", fontsize=_LABEL_SIZE, color=TEXT_COLOUR)
    _labels(ax, xlabel=xlabel, ylabel=ylabel)
    handles = [
        Patch(facecolor="#A8C4DC", label=f"{n_draws:,} random cabinets of {seats} posts"),
        Line2D([], [], color=CABINET_COLOUR, linewidth=2.6, label="Observed"),
        Line2D([], [], color=BASELINE_COLOUR, linewidth=1.6, linestyle=(0, (4, 2)),
               label="Expected at random"),
        Patch(facecolor=PALETTE["orange"], alpha=0.3, label=shade_label),
    ]
    above = _legend_above(ax, handles, 2)
    p = float(row["p_value"])
    k = int(round(p * (n_draws + 1))) - 1  # p = (k + 1) / (n_draws + 1): the observed cabinet counts as a draw
    p_txt = (f"none of {n_draws:,} random cabinets as extreme (p={p:.2g}, the floor 1/{n_draws + 1:,})" if k <= 0
             else f"{k:,} of {n_draws:,} random cabinets as extreme (p={p:.4f})" if p < 0.001 else
             f"{k:,} of {n_draws:,} random cabinets as extreme (p={p:.3f})")
    by_name = _literal(t["by"].iloc[0]) if "by" in t.columns else "group"
    excluded_bits = []
    if unknown:
        excluded_bits.append(f"{_num(unknown)} unknown")
    if disputed:
        excluded_bits.append(f"{_num(disputed)} disputed")
    if no_base:
        excluded_bits.append(f"{_num(no_base)} in groups without a baseline share")
    excluded = (f"{_num(unknown + disputed + no_base)} of {_num(n)} appointees excluded "
                f"({', '.join(excluded_bits)})" if excluded_bits else f"all {_num(n)} appointees counted")
    counted = (f"; only the {seats} of {_num(n)} appointees of known {by_name} counted, and the others could "
               f"move it" if unknown or disputed else "")
    default = (f"{cap_label} by {by_name}: {observed:.3f} observed, {expected:.3f} expected under random "
               f"appointment; {p_txt}{counted}")
    base_label = _baseline_label(t)
    subtitle = (f"{seats} appointees with a known {by_name} in a group of the baseline ({base_label}); "
                f"{excluded}.")
    _header(ax, _title(default, title), subtitle, above=above)
    if caption:
        _add_caption(ax, _caption_text(t, n=n, lead=(
            f"Random cabinets: {seats} posts drawn in proportion to the baseline (multinomial), "
            f"{n_draws:,} draws, seed {seed}; expected value {str(row['expected_method']).replace('_', ' ')}. "
            f"Index: {row['reference']}. Not counted: {', '.join(excluded_bits) if excluded_bits else 'none'}.")))
    return ax
