"""The region-gap chart: cabinet share against baseline share per group."""

from __future__ import annotations


import numpy as np
import pandas as pd

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
    _caption_text,
    _first_block,
    _fmt_p,
    _get_ax,
    _header,
    _join,
    _legend_above,
    _literal,
    _num,
    _pct,
    _require,
    _style_axes,
)

_REP_COLUMNS = ["group", "status", "count", "count_max", "n", "share", "ci_low", "ci_high", "baseline_share"]


def _possible_union(table, groups) -> float | None:
    """Largest number of appointees who could be in any of ``groups``, from the table."""
    rows = table[table["group"].isin(groups)]
    if len(rows) == 1:
        return float(rows["count_max"].iloc[0])
    unknown = float(table.loc[table["status"] == "unknown", "count"].sum())
    known = float(rows["count"].sum())
    if "possible_members" in table.columns and "members" in table.columns:
        names = set()
        for cell in rows["possible_members"].fillna(""):
            names |= {x.strip() for x in str(cell).split(";") if x.strip()}
        return known + unknown + len(names)
    disputed = float(table.loc[table["status"] == "disputed", "count"].sum())
    return known + unknown + disputed


def _region_title(t, population_word):
    groups = t[(t["status"] == "group") & t["baseline_share"].notna()]
    n = t["n"].iloc[0]
    zero = groups[(groups["count"] == 0) & (groups["baseline_share"] > 0)]
    if len(zero):
        zero = zero.sort_values("baseline_share", ascending=False)
        names = [_literal(g) for g in zero["group"]]
        share = float(zero["baseline_share"].sum())
        cmax = _possible_union(t, list(zero["group"]))
        who = _join(names)
        return (f"{who}: 0 of {_num(n)} appointees known (up to {_num(cmax)} possible) "
                f"against {_pct(share)} of the {population_word}")
    worst = groups.sort_values("gap_pp" if "gap_pp" in groups.columns else "share").iloc[0]
    return (f"{_literal(worst['group'])}: {_num(worst['count'])} of {_num(n)} appointees known "
            f"(up to {_num(worst['count_max'])} possible) against {_pct(worst['baseline_share'])} "
            f"of the {population_word}")


def plot_region_gap(data=None, *, scheme="commentary", ax=None, caption=False):
    """Cabinet share against population share per region (a dumbbell chart).

    One row per group: a dot for the share of appointees known to come from
    it, with an error bar from ``ci_low`` to ``ci_high`` (the exact interval,
    which also covers every way the unknown and disputed tags could be
    resolved), and a diamond for its share of the population. Next to every
    group below its baseline the exact one-sided probability ``p_le_count``
    of so few appointees under appointment in proportion to the population
    is written. Unknown and disputed appointees get rows of their own.

    Parameters
    ----------
    data : DataFrame, optional
        A table of :func:`cabinet.representation.representation` with a
        baseline; default ``representation(by="region", scheme=scheme)``.
        When it holds several baselines, the first is drawn.
    scheme : {'commentary', 'isaf', 'ocha'}
        Region scheme, used only when ``data`` is None.
    ax : matplotlib Axes, optional
    caption : bool
        Write the baseline, its source ids and the data version below the axes.

    Returns
    -------
    matplotlib.axes.Axes
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.ticker import PercentFormatter

    if data is None:
        from ..representation import representation

        data = representation(by="region", scheme=scheme)
    _require(data, _REP_COLUMNS, "plot_region_gap")
    t = _first_block(data).reset_index(drop=True)
    ax = _get_ax(ax)
    n = t["n"].iloc[0]
    base_name = str(t["baseline"].iloc[0]) if "baseline" in t.columns else ""
    population_word = "population" if base_name.startswith("nsia") else "baseline"

    groups = t[t["status"] == "group"].copy()
    groups["_gap"] = groups["share"] - groups["baseline_share"]
    groups = groups.sort_values(["_gap", "group"], na_position="last", kind="stable")
    extra = t[t["status"].isin(["disputed", "unknown"]) & (t["count"] > 0)]
    # top to bottom: groups (most under-represented first), then disputed/unknown
    n_rows = len(groups) + len(extra)
    ys = list(range(n_rows - 1, -1, -1))
    labels, yticks = [], []
    xmax = 0.0
    note_kw = dict(xycoords=ax.get_yaxis_transform(), xytext=(8, 0), textcoords="offset points", va="center",
                   ha="left", fontsize=_NOTE_SIZE, annotation_clip=False)
    for y, (_, r) in zip(ys, groups.iterrows()):
        share, lo, hi, base = r["share"], r["ci_low"], r["ci_high"], r["baseline_share"]
        if pd.notna(base):
            ax.plot([share, base], [y, y], color="#C8C8C8", linewidth=3, zorder=1, solid_capstyle="butt")
            ax.plot([base], [y], marker="D", markersize=6.5, color=BASELINE_COLOUR, linestyle="none", zorder=3)
        if pd.notna(lo) and pd.notna(hi):
            ax.errorbar([share], [y], xerr=[[share - lo], [hi - share]], fmt="none", ecolor=CABINET_COLOUR,
                        elinewidth=0.9, capsize=2.5, alpha=0.75, zorder=2)
        ax.plot([share], [y], marker="o", markersize=7, color=CABINET_COLOUR, linestyle="none", zorder=4,
                clip_on=False)
        xmax = max(xmax, *(v for v in (share, hi, base) if pd.notna(v)))
        note = f"{_num(r['count'])} (≤{_num(r['count_max'])})"
        p = r.get("p_le_count", np.nan)
        below = pd.notna(base) and share < base and pd.notna(p)
        ax.annotate(note, xy=(1.0, y), color=TEXT_COLOUR, **note_kw)
        if below:
            ax.annotate(_fmt_p(p), xy=(1.0, y), xycoords=ax.get_yaxis_transform(), xytext=(62, 0),
                        textcoords="offset points", va="center", ha="left", fontsize=_NOTE_SIZE,
                        color=CABINET_COLOUR if p < 0.05 else TEXT_COLOUR,
                        fontweight="bold" if p < 0.05 else "normal", annotation_clip=False)
        labels.append(_literal(r["group"]))
        yticks.append(y)
    for y, (_, r) in zip(ys[len(groups):], extra.iterrows()):
        disputed = r["status"] == "disputed"
        ax.barh([y], [r["share"]], height=0.5, color=DISPUTED_FACE if disputed else UNKNOWN_COLOUR,
                hatch="////" if disputed else None, edgecolor=DISPUTED_HATCH if disputed else "none",
                linewidth=0.6 if disputed else 0, zorder=2)
        xmax = max(xmax, r["share"])
        labels.append("Disputed home" if disputed else "Unknown home")
        yticks.append(y)
        ax.annotate(f"{_num(r['count'])}", xy=(1.0, y), color=MUTED, **note_kw)
        word = "region" if ("by" not in t.columns or t["by"].iloc[0] == "region") else "group"
        ax.annotate(f"could be in any {word}" if not disputed else f"candidates in different {word}s",
                    xy=(r["share"], y),
                    xytext=(5, 0), textcoords="offset points", va="center", ha="left", fontsize=_NOTE_SIZE,
                    color=MUTED)
    # column headers of the notes
    top = n_rows - 0.5
    ax.annotate(f"known of {_num(n)}\n(max)", xy=(1.0, top), xycoords=ax.get_yaxis_transform(), xytext=(8, 2),
                textcoords="offset points", va="bottom", ha="left", fontsize=_NOTE_SIZE - 0.5, color=MUTED,
                annotation_clip=False)
    ax.annotate("p of so\nfew", xy=(1.0, top), xycoords=ax.get_yaxis_transform(), xytext=(62, 2),
                textcoords="offset points", va="bottom", ha="left", fontsize=_NOTE_SIZE - 0.5, color=MUTED,
                annotation_clip=False)
    if len(extra):
        ax.axhline(len(extra) - 0.5, color="#999999", linewidth=0.6, linestyle=(0, (2, 2)))
    ax.set_yticks(yticks, labels)
    ax.set_ylim(-0.6, n_rows - 0.4)
    ax.set_xlim(0, min(1.0, xmax * 1.04 + 0.01))
    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    _style_axes(ax, grid_axis="x")
    ax.set_xlabel(f"Share of appointees and of the {population_word}", fontsize=_LABEL_SIZE, color=TEXT_COLOUR)
    by = str(t["by"].iloc[0]) if "by" in t.columns else "group"
    scheme_name = str(t["scheme"].iloc[0]) if "scheme" in t.columns and by == "region" else ""
    ylabel = f"Region ({_literal(scheme_name)} scheme)" if scheme_name else _literal(by)
    ax.set_ylabel(ylabel, fontsize=_LABEL_SIZE, color=TEXT_COLOUR)
    base_label = _literal(t["baseline_label"].iloc[0]) if "baseline_label" in t.columns else "baseline"
    handles = [
        Line2D([], [], marker="o", color=CABINET_COLOUR, linestyle="none", markersize=6,
               label="Appointees known to be from the group"),
        Line2D([], [], color=CABINET_COLOUR, linewidth=0.9, marker="|", markersize=7,
               label="Exact 95% interval, covering all unknowns"),
        Line2D([], [], marker="D", color=BASELINE_COLOUR, linestyle="none", markersize=5.5,
               label=f"Share of the {population_word}"),
        Patch(facecolor=UNKNOWN_COLOUR, label="Unknown home"),
    ]
    if (extra["status"] == "disputed").any():
        handles.append(Patch(facecolor=DISPUTED_FACE, hatch="////", edgecolor=DISPUTED_HATCH, linewidth=0.6,
                             label="Disputed home"))
    above = _legend_above(ax, handles, 3)
    u = float(t.loc[t["status"] == "unknown", "count"].sum())
    d = float(t.loc[t["status"] == "disputed", "count"].sum())
    subtitle = (f"Known home region of the {_num(n)} appointees against the {population_word} "
                f"({base_label}); {_num(u + d)} of unknown or disputed home. p: exact probability of so few "
                f"under appointment in proportion to the {population_word}, for groups below it.")
    _header(ax, _region_title(t, population_word), subtitle, above=above)
    if caption:
        _add_caption(ax, _caption_text(t, n=n, lead=(
            "Dot: share of appointees whose home is known to lie in the group; bar: exact (Clopper-Pearson) 95% "
            "interval from the known count to the largest count possible; figures at right: known count "
            "(largest possible count); p: exact one-sided binomial probability of a count this low.")))
    return ax
