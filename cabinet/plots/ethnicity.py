"""The ethnicity chart: cabinet share per group against the range of the baselines (any roster).

Drawn with seaborn: ``pointplot`` for the cabinet's known share with the
range up to the largest share possible and for the range spanned by the
baselines, ``stripplot`` for each baseline's own figure, ``barplot`` for the
unknown and disputed appointees.
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
    _labels,
    _legend_above,
    _literal,
    _num,
    _pct,
    _style_axes,
    _title,
    styled,
)
from ._tables import _caption_text, _require, _table_by
from ..io.reference_tables import load_ethnic_estimates
from ..representation import representation

#: Label of the row of an estimate's groups it does not name (status ``residual`` in the table).
RESIDUAL_LABEL = "Groups not named\nby the estimate"
_KINDS = ["cabinet", "baseline"]
_DODGE = 0.4


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


def _headline_part(g, r, lo, hi, n, words, open_count) -> str:
    """What can be said of group ``g`` against its baseline range, whatever the unknowns turn out to be."""
    est_plural, est_range = words
    a, b = _relation(r["share"], lo, hi), _relation(r["share_max"], lo, hi)
    known = f"{_literal(g)}: {_num(r['count'])} of {_num(n)} known ({_pct(r['share'], 0)})"
    phrase = {"below": f"below every {est_plural}", "above": f"above every {est_plural}",
              "within": f"within the range of {est_range}"}
    span = f" ({_span(lo, hi)})"
    if a == b:
        sure = " whatever the unknowns are" if open_count else ""
        return f"{known}, {phrase[a]}{span}{sure}"
    return (f"{known}, up to {_num(r['count_max'])} ({_pct(r['share_max'], 0)}): {a} or {b} the range of "
            f"{est_range}{span}, depending on the {_num(open_count)} unknown or disputed")


@styled
def plot_ethnicity(data=None, *, ax=None, caption=False, title=None, xlabel=None, ylabel=None):
    """Cabinet share per group against the range of the baseline shares, for any roster.

    For each group: a dot at the share of appointees known to belong to it
    with a line up to the largest share possible (``count_max``, if every
    unknown and disputed tag fell in the group), and below it a band from the
    lowest ``baseline_low`` to the highest ``baseline_high`` of every baseline
    of the table (one tick per baseline's own figure). With the bundled
    ethnicity table the baselines are the published estimates; a table with
    the user's own baseline is named by its ``baseline_label``. An estimate's
    groups it does not name are one row (the table's ``residual`` rows).

    The title says no more than the data: a group is "within", "above" or
    "below" the baselines only when that holds from the known share to the
    largest share possible; otherwise the title says it depends on the
    unknowns.

    Parameters
    ----------
    data : DataFrame, optional
        ``representation(by="ethnicity")`` (default; baseline ``"all"``, one
        block per estimate), or any representation table with a baseline.
    ax : matplotlib Axes, optional
    caption : bool
    title, xlabel, ylabel : str, optional
        Replace the chart's own title (the finding) and axis labels.

    Returns
    -------
    matplotlib.axes.Axes
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.ticker import PercentFormatter

    if data is None:

        data = representation(by="ethnicity")
    _require(data, ["group", "status", "count", "count_max", "n", "share", "share_max", "baseline_share"],
             "plot_ethnicity")
    ax = _get_ax(ax)
    t = data.copy()
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
        words = ("published estimate", "published estimates")
        est_phrase = f"{len(ids)} published estimate{'s' if len(ids) != 1 else ''} of the population"
    else:
        labels = [str(x) for x in dict.fromkeys(t["baseline_label"].fillna("").astype(str)) if x] \
            if "baseline_label" in t.columns else []
        name = _literal("; ".join(labels)) if labels else "the baseline"
        words = (f"baseline ({name})", f"the baseline ({name})")
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
    first = t.drop_duplicates("status" if False else "group")
    extra = first[first["status"].isin(["disputed", "unknown"]) & (first["count"] > 0)]
    extra_labels = ["Disputed" if s == "disputed" else "Unknown" for s in extra["status"]]
    rows = [_literal(g) for g in order_groups] + ([RESIDUAL_LABEL] if len(res) else []) + extra_labels
    pos = {label: i for i, label in enumerate(rows)}

    # the cabinet: median of (share, share, share_max) is the share, the 100% interval runs to share_max
    cab_long = [(_literal(g), "cabinet", v) for g in order_groups
                for v in (cab.at[g, "share"], cab.at[g, "share"], cab.at[g, "share_max"])]
    if len(res):  # the residual count differs by estimate: from the lowest known share to the highest maximum
        cab_long += [(RESIDUAL_LABEL, "cabinet", v) for v in (res["share"].min(), res["share"].min(),
                                                              res["share_max"].max())]
    cab_long = pd.DataFrame(cab_long, columns=["row", "kind", "value"])
    base_long = [(_literal(g), "baseline", v) for g in lo.index for v in (lo[g], hi[g])]
    base_long += [(RESIDUAL_LABEL, "baseline", v) for v in
                  np.concatenate([res_est["baseline_low"].to_numpy(float), res_est["baseline_high"].to_numpy(float)])]
    base_long = pd.DataFrame(base_long, columns=["row", "kind", "value"])
    ticks = pd.concat([pd.DataFrame({"row": [_literal(g) for g in est["group"]], "kind": "baseline",
                                     "value": est["baseline_share"].to_numpy(float)}),
                       pd.DataFrame({"row": RESIDUAL_LABEL, "kind": "baseline",
                                     "value": res_est["baseline_share"].to_numpy(float)})], ignore_index=True)
    palette = {"cabinet": CABINET_COLOUR, "baseline": BASELINE_COLOUR}
    common = dict(y="row", x="value", hue="kind", order=rows, hue_order=_KINDS, palette=palette, orient="h",
                  legend=False, ax=ax)
    if len(base_long):
        sns.pointplot(data=base_long, estimator="median", errorbar=("pi", 100), dodge=_DODGE, marker="",
                      linestyle="none", err_kws={"linewidth": 6, "alpha": 0.3, "solid_capstyle": "butt"}, **common)
    if len(ticks):
        sns.stripplot(data=ticks, jitter=False, dodge=True, marker="|", size=9, linewidth=1.3, **common)
    sns.pointplot(data=cab_long, estimator="median", errorbar=("pi", 100), dodge=_DODGE, marker="o",
                  markersize=6.5, linestyle="none", err_kws={"linewidth": 4, "alpha": 0.25, "solid_capstyle": "butt"},
                  **common)
    if len(extra):
        sns.barplot(data=pd.DataFrame({"row": extra_labels, "value": extra["share"].to_numpy(float)}), x="value",
                    y="row", order=rows, orient="h", width=0.5, color=UNKNOWN_COLOUR, errorbar=None, linewidth=0,
                    ax=ax)
        for patch in ax.patches:
            y = round(patch.get_y() + patch.get_height() / 2)
            if 0 <= y < len(rows) and rows[y] == "Disputed":
                patch.set(facecolor=DISPUTED_FACE, hatch="////", edgecolor=DISPUTED_HATCH, linewidth=0.6)
    for line in ax.lines:
        line.set_clip_on(False)
    values = np.concatenate([cab_long["value"].to_numpy(float), base_long["value"].to_numpy(float),
                             extra["share"].to_numpy(float), [0.0]])
    xmax = float(np.nanmax(values))

    note_kw = dict(xycoords=ax.get_yaxis_transform(), xytext=(8, 0), textcoords="offset points", va="center",
                   ha="left", fontsize=_NOTE_SIZE, annotation_clip=False)
    est_kw = dict(xycoords=ax.get_yaxis_transform(), xytext=(58, 0), textcoords="offset points", va="center",
                  ha="left", fontsize=_NOTE_SIZE, color=BASELINE_COLOUR, annotation_clip=False)
    for g in order_groups:
        y = pos[_literal(g)]
        ax.annotate(f"{_num(cab.at[g, 'count'])} (≤{_num(cab.at[g, 'count_max'])})", xy=(1.0, y), color=TEXT_COLOUR,
                    **note_kw)
        if g in lo.index:
            ax.annotate(_span(lo[g], hi[g]), xy=(1.0, y), **est_kw)
        else:
            ax.annotate("none", xy=(1.0, y), **est_kw)
    if len(res):
        y = pos[RESIDUAL_LABEL]
        c0, c1 = _num(res["count"].min()), _num(res["count"].max())
        ax.annotate(f"{c0 if c0 == c1 else f'{c0}–{c1}'} (≤{_num(res['count_max'].max())})", xy=(1.0, y),
                    color=TEXT_COLOUR, **note_kw)
        if len(res_est):
            ax.annotate(_span(res_est["baseline_low"].min(), res_est["baseline_high"].max()), xy=(1.0, y), **est_kw)
    for label, (_, r) in zip(extra_labels, extra.iterrows()):
        ax.annotate(f"{_num(r['count'])}", xy=(1.0, pos[label]), color=MUTED, **note_kw)
    ax.annotate(f"known of {_num(n)}\n(max)", xy=(1.0, -0.5), xycoords=ax.get_yaxis_transform(), xytext=(8, 2),
                textcoords="offset points", va="bottom", ha="left", fontsize=_NOTE_SIZE - 0.5, color=MUTED,
                annotation_clip=False)
    ax.annotate("published\nestimates" if published else "baseline", xy=(1.0, -0.5),
                xycoords=ax.get_yaxis_transform(), xytext=(58, 2), textcoords="offset points", va="bottom",
                ha="left", fontsize=_NOTE_SIZE - 0.5, color=MUTED, annotation_clip=False)
    if len(extra):
        ax.axhline(len(rows) - len(extra) - 0.5, color="#999999", linewidth=0.6, linestyle=(0, (2, 2)))
    ax.set_ylim(len(rows) - 0.4, -0.6)
    ax.set_xlim(0, min(1.0, xmax * 1.03 + 0.01))
    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    _style_axes(ax, grid_axis="x")
    ax.set_xlabel("Share of appointees and of the population" if published else "Share of appointees and of the "
                  "baseline", fontsize=_LABEL_SIZE, color=TEXT_COLOUR)
    ax.set_ylabel("Ethnic group" if by == "ethnicity" else _literal(by), fontsize=_LABEL_SIZE, color=TEXT_COLOUR)
    _labels(ax, xlabel=xlabel, ylabel=ylabel)
    handles = [
        Line2D([], [], marker="o", color=CABINET_COLOUR, linestyle="none", markersize=6, label="Appointees known"),
        Patch(facecolor=CABINET_COLOUR, alpha=0.25, label="Most possible"),
        Patch(facecolor=BASELINE_COLOUR, alpha=0.3,
              label="Range of published estimates" if published else "Baseline share (range)"),
        Line2D([], [], marker="|", color=BASELINE_COLOUR, linestyle="none", markersize=8, markeredgewidth=1.3,
               label="One estimate" if published else "Baseline share"),
        Patch(facecolor=UNKNOWN_COLOUR, label=f"Unknown {'ethnicity' if by == 'ethnicity' else _literal(by)}"),
    ]
    above = _legend_above(ax, handles, 3)

    u = float(first.loc[first["status"] == "unknown", "count"].sum())
    d = float(first.loc[first["status"] == "disputed", "count"].sum())
    parts = []
    if len(cab) and cab["count"].max() > 0:
        top_g = cab["count"].idxmax()
        if top_g in lo.index:
            parts.append(_headline_part(top_g, cab.loc[top_g], lo[top_g], hi[top_g], n, words, u + d))
        else:
            parts.append(f"{_literal(top_g)}: {_num(cab.at[top_g, 'count'])} of {_num(n)} known "
                         f"(up to {_num(cab.at[top_g, 'count_max'])})")
        # other groups below every baseline even if every unknown fell in them
        below = [g for g in lo.index if g != top_g and cab.at[g, "share_max"] < lo[g]]
        below = sorted(below, key=lambda g: -hi[g])[:2]
        if below:
            parts.append(", ".join(f"{_literal(g)} at most {_num(cab.at[g, 'count_max'])} "
                                   f"(est. {_span(lo[g], hi[g])})" for g in below) + " whatever the unknowns are")
    default_title = "; ".join(parts) if parts else f"{_literal(by).capitalize()} of the {_num(n)} appointees"
    subtitle = (f"Known {_literal(by)} of the {_num(n)} appointees against {est_phrase}; {_num(u)} unknown and "
                f"{_num(d)} disputed, so each group could hold more (light bar).")
    _header(ax, _title(default_title, title), subtitle, above=above)
    if caption:
        lead = ("Band: lowest to highest baseline share of the group over every baseline of the table; ticks: each "
                "baseline's own figure. ")
        if len(res):
            lead += ("'Groups not named by the estimate': for each estimate, the appointees in every group it does "
                     "not name (its 'Other' share, or what it leaves when it names only some groups); the count "
                     "differs by estimate. ")
        _add_caption(ax, _caption_text(t, n=n, lead=lead.strip(), notes=False))
    return ax
