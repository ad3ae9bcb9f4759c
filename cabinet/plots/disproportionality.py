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
from ._tables import _baseline_label, _caption_text, _first_block, _require
from ..disproportionality import _block, candidates_from_table, disproportionality
from ..null_distributions import null_distribution

def _prepare(data, by, n_draws, seed):
    """``(row table, null draws, representation-like header rows)`` for the chart, from any input it takes.

    ``data`` is None (the bundled roster), a table of :func:`cabinet.disproportionality`, or a
    :func:`cabinet.representation` table (its seats read back by
    :func:`cabinet.disproportionality.candidates_from_table`).
    """
    if data is None:
        data = disproportionality(by=by, n_draws=n_draws, seed=seed)
    if "observed_min" in data.columns:
        t = _first_block(data).reset_index(drop=True)
        name = str(t["baseline"].iloc[0])
        shares = (data.attrs.get("baselines") or {}).get(name)
        if shares is None:
            raise ValueError("plot_disproportionality: the table carries no baseline shares (attrs['baselines']); "
                             "pass the table cabinet.disproportionality returns, unchanged")
        null = null_distribution(int(t["n_seats"].iloc[0]), pd.Series(shares, dtype=float), n_draws=int(t["n_draws"].iloc[0]),
                                 seed=t["seed"].iloc[0])
        return t, null, "exact"
    _require(data, ["group", "status", "count", "n", "baseline_share"], "plot_disproportionality")
    block = _first_block(data).reset_index(drop=True)
    if block.loc[block["status"] == "group", "baseline_share"].isna().all():
        raise ValueError("plot_disproportionality: the table has no baseline shares; pass a table with a baseline")
    candidates, groups, shares, how = candidates_from_table(block)
    t, null = _block(candidates, groups, shares, n_draws=n_draws, seed=seed)
    for column in ("by", "baseline", "baseline_label", "baseline_sources", "baseline_note"):
        if column in block.columns:
            t[column] = block[column].iloc[0]
    no_base = float(block.loc[(block["status"] == "group") & block["baseline_share"].isna(), "count"].sum())
    t["n_excluded"] = int(no_base)
    if "own_roster" in data.attrs:
        t.attrs["own_roster"] = data.attrs["own_roster"]  # the caption names a roster of one's own
    return t, null, how


@styled
def plot_disproportionality(data=None, *, index="loosemore_hanby", by="region", ax=None, caption=False,
                            n_draws=20_000, seed=0, title=None, xlabel=None, ylabel=None):
    """The index of the cabinet, over the range its unknown tags allow, against random appointment.

    The histogram shows the index for random cabinets of the same number of
    posts handed out independently in proportion to the baseline
    (:func:`cabinet.null_distributions.null_distribution`), the benchmark
    (not a model of how appointments are made). The bar marks the index
    over every way of settling the unknown and disputed tags
    (:func:`cabinet.disproportionality`), its ends drawn loudest; the expected
    value is dashed and the most extreme 5% of random cabinets shaded. The
    title gives the range, the expectation and the p-value at both ends of
    the range (with its Monte Carlo standard error, or exact); the subtitle
    the complete-case value, which assumes the unknowns resemble the known.

    Parameters
    ----------
    data : DataFrame, optional
        A table of :func:`cabinet.disproportionality`, or a
        :func:`cabinet.representation` table with a baseline (its seats are
        read back from its counts and member lists; see
        :func:`cabinet.disproportionality.candidates_from_table`); default
        ``disproportionality(by=by)``. When it holds several baselines
        (ethnicity), the first is used.
    index : str
        One of :data:`INDEX_LABELS` (default ``loosemore_hanby``).
    by : str
        Grouping, used only when ``data`` is None.
    ax : matplotlib Axes, optional
    caption : bool
    n_draws : int
        Number of random cabinets (default 20,000), when the chart computes
        the table itself (a table of :func:`cabinet.disproportionality` keeps
        its own).
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
    table, null, how = _prepare(data, by, n_draws, seed)
    ax = _get_ax(ax)
    row = table.set_index("index").loc[index]
    n_draws = int(row["n_draws"])
    seed = row["seed"]
    draws = null[index].to_numpy()
    finite = draws[np.isfinite(draws)]
    lo, hi = float(row["observed_min"]), float(row["observed_max"])
    expected, p95 = float(row["expected"]), float(row["p95"])
    tail = row["tail"]
    lo_x = lo if math.isfinite(lo) else float(finite.max())
    hi_x = hi if math.isfinite(hi) else float(finite.max())
    lo_edge = float(min(finite.min(), lo_x, expected))
    hi_edge = float(max(finite.max(), hi_x, expected))
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
    for x in {lo_x, hi_x}:
        ax.axvline(x, color=CABINET_COLOUR, linewidth=2.6, zorder=4)
    ax.set_xlim(*xlim)
    ymax = ax.get_ylim()[1]
    ax.set_ylim(0, ymax * 1.12)
    if hi_x > lo_x:  # the range the unknown tags allow, a bar between its two ends
        ax.hlines(ymax * 1.0, lo_x, hi_x, color=CABINET_COLOUR, linewidth=5, zorder=4)
    observed_text = f"observed {lo:.3f}" if f"{lo:.3f}" == f"{hi:.3f}" else f"observed {lo:.3f}\u2013{hi:.3f}"
    # each label on the outer side of its lines, and on its own height, so the two never overlap
    right = (lo_x + hi_x) / 2 >= expected
    anchor = hi_x if right else lo_x
    ax.annotate(observed_text, xy=(anchor, ymax * 1.06), xytext=(5 if right else -5, 0),
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
    seats = int(row["n_seats"])
    handles = [
        Patch(facecolor="#A8C4DC", label=f"{n_draws:,} random cabinets of {seats} posts"),
        Line2D([], [], color=CABINET_COLOUR, linewidth=2.6, label="Observed: the range the unknown tags allow"),
        Line2D([], [], color=BASELINE_COLOUR, linewidth=1.6, linestyle=(0, (4, 2)),
               label="Expected at random"),
        Patch(facecolor=PALETTE["orange"], alpha=0.3, label=shade_label),
    ]
    above = _legend_above(ax, handles, 2)
    p_txt = _p_text(row, n_draws)
    by_name = _literal(table["by"].iloc[0]) if "by" in table.columns else "group"
    unknown, several, known = int(row["n_unknown"]), int(row["n_several"]), int(row["n_known"])
    excluded = int(row["n_excluded"]) if "n_excluded" in row.index else 0
    if lo == hi:
        default = (f"{cap_label} by {by_name}: {lo:.3f} observed, {expected:.3f} expected under random "
                   f"appointment; {p_txt}")
    else:
        default = (f"{cap_label} by {by_name}: {lo:.3f} to {hi:.3f} observed as the unknown tags are resolved, "
                   f"{expected:.3f} expected under random appointment; {p_txt}")
    base_label = _baseline_label(table)
    open_bits = [b for b in (f"{_num(unknown)} unknown" if unknown else "",
                             f"{_num(several)} disputed or in two groups" if several else "") if b]
    complete = ("" if not open_bits or not math.isfinite(float(row["observed_complete"])) else
                f"; the {known} of known {by_name} alone (complete cases) give {float(row['observed_complete']):.3f}")
    subtitle = (f"{seats} appointees against {base_label}"
                + (f", {', '.join(open_bits)}: each placed every way the tags allow" if open_bits else "")
                + complete + (f"; {excluded} in groups without a baseline share left out" if excluded else "")
                + ("" if how == "exact" else "; disputes read from the table's counts (the range may be wider)")
                + ".")
    _header(ax, _title(default, title), subtitle, above=above)
    if caption:
        method = str(row["range_method"])
        _add_caption(ax, _caption_text(table, n=seats, lead=(
            f"Random cabinets: {seats} posts drawn independently in proportion to the baseline (multinomial), "
            f"{n_draws:,} draws, seed {seed}: a benchmark, not a model of how appointments are made; expected value "
            f"{str(row['expected_method']).replace('_', ' ')}; p-values {str(row['p_method']).replace('_', ' ')}. "
            f"Range of the index over the unknown and disputed tags: {method}. Index: {row['reference']}.")))
    return ax


def _p_text(row, n_draws) -> str:
    """The p-value at both ends of the range, exact or with its Monte Carlo standard error."""
    def one(p, se):
        if row["p_method"] == "exact":
            return f"{p:.2g}" if p < 0.001 else f"{p:.3f}"
        if p <= 1 / (n_draws + 1) + 1e-15:
            return f"below 1/{n_draws + 1:,}"
        return (f"{p:.2g} (\u00b1{se:.1g})" if p < 0.001 else f"{p:.3f} (\u00b1{se:.3f})")
    p_min, p_max = float(row["p_min"]), float(row["p_max"])
    how = "exact" if row["p_method"] == "exact" else f"Monte Carlo, {n_draws:,} draws"
    if one(p_min, row["p_min_se"]) == one(p_max, row["p_max_se"]):
        return f"p {one(p_min, row['p_min_se'])} ({how})"
    return f"p from {one(p_min, row['p_min_se'])} to {one(p_max, row['p_max_se'])} ({how})"
