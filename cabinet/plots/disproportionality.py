"""The disproportionality chart: an index of the cabinet, over the range its unknowns allow, against chance."""

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
    _mark,
    _num,
    _style_axes,
    roster_colour,
    roster_entity,
    styled,
)
from ._tables import _baseline_label, _first_block, _own, _require, _roster_words, _source_line
from ..disproportionality import _block, candidates_from_table, disproportionality
from ..null_distributions import null_distribution

_RANDOM = "#C4C4C4"
_TAIL = "#F2F2F2"


def _prepare(data, by, n_draws, seed):
    """``(row table, null draws, representation-like header rows)`` for the chart, from any input it takes.

    ``data`` is None (the bundled roster), a table of :func:`cabinet.disproportionality`, or a
    :func:`cabinet.representation` table (its seats read back by
    :func:`cabinet.disproportionality.candidates_from_table`).
    """
    if data is None:
        data = disproportionality(by=by, n_draws=n_draws, seed=seed)
    attrs = dict(getattr(data, "attrs", {}) or {})
    if "observed_min" in data.columns:
        t = _first_block(data).reset_index(drop=True)
        t.attrs = attrs
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
    t.attrs = attrs
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
    compact = _compact(ax)
    colour = roster_colour(table)
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
    sns.histplot(x=finite, bins=np.linspace(finite.min(), top_bin, 36), stat="count", color=_RANDOM, alpha=1.0,
                 edgecolor="white", linewidth=0.4, zorder=2, ax=ax)
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
    if hi_x > lo_x:  # the range the unknown tags allow: a pale band of the roster's colour between its ends
        ax.axvspan(lo_x, hi_x, facecolor=palette.tint(colour, 0.3), edgecolor="none", zorder=1)
    for x in sorted({lo_x, hi_x}):
        _mark(ax.axvline(x, color=colour, linewidth=2.6, zorder=4), roster_entity(table))
    ax.set_xlim(*xlim)
    ymax = ax.get_ylim()[1]
    ax.set_ylim(0, ymax * 1.15)

    # each label beside its line(s) on the side with more room, at its own height, so they never overlap each
    # other or the axis
    def side(x):
        return (xlim[1] - x) >= (x - xlim[0])

    obs_right = side((lo_x + hi_x) / 2)
    exp_right = side(expected)
    value = f"{lo:.2f}" if f"{lo:.2f}" == f"{hi:.2f}" else f"{lo:.2f} to {hi:.2f}"
    ax.annotate(f"this cabinet\n{value}", xy=(hi_x if obs_right else lo_x, ymax * 1.12),
                xytext=(5 if obs_right else -5, 0), textcoords="offset points", ha="left" if obs_right else "right",
                va="top", fontsize=_NOTE_SIZE + 0.5, color=palette.text_colour(colour), fontweight="bold",
                linespacing=1.15, annotation_clip=False)
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
    seats = int(row["n_seats"])
    by_name = _literal(table["by"].iloc[0]) if "by" in table.columns else "group"
    by_words = {"region": "region", "province": "province", "ethnicity": "ethnic group"}.get(by_name, by_name)
    handles = [
        Line2D([], [], color=colour, linewidth=2.6, label="this cabinet" + (" (band: as the unknowns allow)"
                                                                            if hi_x > lo_x else "")),
        Patch(facecolor=_RANDOM, label=f"{n_draws:,} random cabinets of {seats}"),
        Line2D([], [], color=BASELINE_COLOUR, linewidth=1.3, linestyle=(0, (4, 2)), label="expected at random"),
        Patch(facecolor=_TAIL, edgecolor="#BDBDBD", linewidth=0.5, label=shade_label),
    ]
    p_min, p_max = float(row["p_min"]), float(row["p_max"])
    more = f"{100 * (1 - p_max):.2f}".rstrip("0").rstrip(".")
    words = f"{by_words}s" if by_words != "group" else "groups"
    if p_max < 0.05:
        titles = [f"More uneven by {by_words} than {more}% of random cabinets, whatever the unknowns are",
                  f"More uneven than {more}% of random cabinets, whatever the unknowns",
                  f"Uneven beyond chance whatever the unknowns"]
    elif p_min < 0.05:
        titles = [f"Whether the {words} are more uneven than chance depends on the unknown tags",
                  "Uneven beyond chance only if the unknowns fall one way",
                  "Beyond chance? It depends on the unknowns"]
    else:
        titles = [f"By {by_words}, no more uneven than random cabinets, whatever the unknowns are",
                  "No more uneven than random cabinets, whatever the unknowns",
                  "No more uneven than chance"]
    unknown, several, known = int(row["n_unknown"]), int(row["n_several"]), int(row["n_known"])
    excluded = int(row["n_excluded"]) if "n_excluded" in row.index else 0
    base_label = _baseline_label(table)
    people = _roster_words(table, seats + excluded)
    complete = ("" if not (unknown or several) or not math.isfinite(float(row["observed_complete"])) else
                f"; the {known} of known {by_words} alone give {float(row['observed_complete']):.2f}")
    subtitle = [f"How far {people} are from proportional by {by_words} ({value} as the unknowns are placed), "
                f"against {n_draws:,} cabinets drawn at random from the {base_label}{complete}.",
                f"{seats} posts by {by_words}, {value}, against {n_draws:,} random cabinets.",
                f"Against {n_draws:,} random cabinets."]
    open_bits = [b for b in (f"{_num(unknown)} unknown" if unknown else "",
                             f"{_num(several)} disputed or in two groups" if several else "") if b]
    counts = []
    if open_bits:
        counts.append(f"All {seats} posts are counted: the {' and '.join(open_bits)} are placed every way their tags "
                      "allow (the band).")
    if excluded:
        counts.append(f"{excluded} in groups without a baseline share are left out.")
    if how != "exact":
        counts.append("Disputes are read from the table's counts (the range may be wider).")
    notes = (f"Random cabinets: {seats} posts drawn independently in proportion to the baseline (multinomial), "
             f"{n_draws:,} draws, seed {seed}: a benchmark, not a model of how appointments are made; "
             f"{_p_text(row, n_draws)}; expected value {str(row['expected_method']).replace('_', ' ')}. Range of the "
             f"index over the unknown and disputed tags: {row['range_method']}. Index: {row['reference']}.")
    _finish(ax, title=titles, subtitle=subtitle, handles=handles, counts=" ".join(counts),
            source=_source_line(table), notes=_literal(notes), caption=caption, user_title=title, own=_own(table))
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
