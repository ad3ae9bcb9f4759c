"""The ethnicity chart: cabinet share per group against the range of the estimates."""

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
    _get_ax,
    _header,
    _legend_above,
    _literal,
    _num,
    _pct,
    _require,
    _style_axes,
)

def _published_pairs():
    """(estimate_id, group) pairs an ethnic estimate publishes (not residuals added by the package)."""
    from ..loaders import load_ethnic_estimates

    est = load_ethnic_estimates()
    return set(zip(est["estimate_id"], est["group"]))


def plot_ethnicity(data=None, *, ax=None, caption=False):
    """Cabinet share per ethnic group against the range of published estimates.

    For each group: a dot at the share of appointees known to belong to it,
    a translucent bar up to the largest share possible (``count_max``, if every
    unknown and disputed tag fell in the group), and a blue band spanning the
    lowest ``baseline_low`` to the highest ``baseline_high`` of every published
    estimate of the group (each estimate's own figure is a tick in the band).
    A share the package derives as a residual (an estimate's "Other" when it
    lists only some groups) is not a published figure: it is drawn as a hollow
    tick and left out of the band.

    Parameters
    ----------
    data : DataFrame, optional
        ``representation(by="ethnicity")`` (default; baseline ``"all"``, one
        block per estimate).
    ax : matplotlib Axes, optional
    caption : bool

    Returns
    -------
    matplotlib.axes.Axes
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.ticker import PercentFormatter

    if data is None:
        from ..representation import representation

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
    grp = t[t["status"] == "group"]
    cab = grp.drop_duplicates("group").set_index("group")
    est = grp[grp["baseline_share"].notna()].copy()
    published = _published_pairs()
    named = est["baseline"].isin({e for e, _ in published})
    est["_published"] = ~named.to_numpy() | np.array([(b, g) in published for b, g in zip(est["baseline"], est["group"])], dtype=bool)
    pub = est[est["_published"]]
    residual = est[~est["_published"]]
    lo = pub.groupby("group")["baseline_low"].min()
    hi = pub.groupby("group")["baseline_high"].max()
    order = sorted(cab.index, key=lambda g: (pd.isna(hi.get(g, np.nan)), -(hi.get(g, 0) or 0),
                                             -cab.at[g, "count"], str(g)))
    first = t.drop_duplicates("group")
    extra = first[first["status"].isin(["disputed", "unknown"]) & (first["count"] > 0)]
    n_rows = len(order) + len(extra)
    ys = list(range(n_rows - 1, -1, -1))
    labels = []
    xmax = 0.0
    note_kw = dict(xycoords=ax.get_yaxis_transform(), xytext=(8, 0), textcoords="offset points", va="center",
                   ha="left", fontsize=_NOTE_SIZE, annotation_clip=False)
    for y, g in zip(ys, order):
        r = cab.loc[g]
        yb, yc = y - 0.18, y + 0.16
        if g in lo.index:
            ax.barh([yb], [max(hi[g] - lo[g], 0.002)], left=[lo[g]], height=0.28, color=BASELINE_COLOUR,
                    alpha=0.28, edgecolor="none", zorder=1)
            ticks = pub.loc[pub["group"] == g, "baseline_share"]
            ax.plot(ticks, [yb] * len(ticks), marker="|", markersize=9, markeredgewidth=1.3,
                    color=BASELINE_COLOUR, linestyle="none", zorder=2)
            xmax = max(xmax, hi[g])
            band = _pct(lo[g], 0) if round(lo[g], 3) == round(hi[g], 3) else f"{_pct(lo[g], 0)}–{_pct(hi[g], 0)}"
            est_note = f"est. {band}"
        else:
            ax.text(r["share"] + 0.025, yb, "no published estimate", fontsize=6.5, color=MUTED, va="center",
                    zorder=2)
            est_note = "no estimate"
        res = residual.loc[residual["group"] == g, "baseline_share"]
        if len(res):
            ax.plot(res, [yb] * len(res), marker="o", markersize=4.5, markerfacecolor="white",
                    markeredgecolor=BASELINE_COLOUR, markeredgewidth=1.0, linestyle="none", zorder=2)
            xmax = max(xmax, float(res.max()))
        ax.barh([yc], [r["share_max"] - r["share"]], left=[r["share"]], height=0.24, color=CABINET_COLOUR,
                alpha=0.22, edgecolor="none", zorder=1)
        ax.plot([r["share"]], [yc], marker="o", markersize=6.5, color=CABINET_COLOUR, linestyle="none",
                zorder=3, clip_on=False)
        xmax = max(xmax, r["share_max"])
        ax.annotate(f"{_num(r['count'])} (≤{_num(r['count_max'])})", xy=(1.0, y), color=TEXT_COLOUR, **note_kw)
        ax.annotate(est_note, xy=(1.0, y), xycoords=ax.get_yaxis_transform(), xytext=(58, 0),
                    textcoords="offset points", va="center", ha="left", fontsize=_NOTE_SIZE, color=BASELINE_COLOUR,
                    annotation_clip=False)
        labels.append(_literal(g))
    for y, (_, r) in zip(ys[len(order):], extra.iterrows()):
        disputed = r["status"] == "disputed"
        ax.barh([y], [r["share"]], height=0.5, color=DISPUTED_FACE if disputed else UNKNOWN_COLOUR,
                hatch="////" if disputed else None, edgecolor=DISPUTED_HATCH if disputed else "none",
                linewidth=0.6 if disputed else 0, zorder=2)
        xmax = max(xmax, r["share"])
        labels.append("Disputed" if disputed else "Unknown")
        ax.annotate(f"{_num(r['count'])}", xy=(1.0, y), color=MUTED, **note_kw)
    top = n_rows - 0.5
    ax.annotate(f"known of {_num(n)}\n(max)", xy=(1.0, top), xycoords=ax.get_yaxis_transform(), xytext=(8, 2),
                textcoords="offset points", va="bottom", ha="left", fontsize=_NOTE_SIZE - 0.5, color=MUTED,
                annotation_clip=False)
    ax.annotate("published\nestimates", xy=(1.0, top), xycoords=ax.get_yaxis_transform(), xytext=(58, 2),
                textcoords="offset points", va="bottom", ha="left", fontsize=_NOTE_SIZE - 0.5, color=MUTED,
                annotation_clip=False)
    if len(extra):
        ax.axhline(len(extra) - 0.5, color="#999999", linewidth=0.6, linestyle=(0, (2, 2)))
    ax.set_yticks(ys, labels)
    ax.set_ylim(-0.6, n_rows - 0.4)
    ax.set_xlim(0, min(1.0, xmax * 1.03 + 0.01))
    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    _style_axes(ax, grid_axis="x")
    ax.set_xlabel("Share of appointees and of the population", fontsize=_LABEL_SIZE, color=TEXT_COLOUR)
    ax.set_ylabel("Ethnic group", fontsize=_LABEL_SIZE, color=TEXT_COLOUR)
    n_estimates = int(est["baseline"].nunique())
    handles = [
        Line2D([], [], marker="o", color=CABINET_COLOUR, linestyle="none", markersize=6,
               label="Appointees known"),
        Patch(facecolor=CABINET_COLOUR, alpha=0.22, label="Most possible"),
        Patch(facecolor=BASELINE_COLOUR, alpha=0.28, label="Range of published estimates"),
        Line2D([], [], marker="|", color=BASELINE_COLOUR, linestyle="none", markersize=8, markeredgewidth=1.3,
               label="One estimate"),
        Patch(facecolor=UNKNOWN_COLOUR, label="Unknown ethnicity"),
    ]
    if len(residual):
        handles.append(Line2D([], [], marker="o", markerfacecolor="white", markeredgecolor=BASELINE_COLOUR,
                              linestyle="none", markersize=4.5, label="Residual 'Other' (not published)"))
    above = _legend_above(ax, handles, 3)

    parts = []
    with_est = [g for g in order if g in lo.index]
    if len(cab) and cab["count"].max() > 0:
        top_g = cab["count"].idxmax()
        if top_g in lo.index:
            rel = ("above every" if cab.at[top_g, "share"] > hi[top_g] else
                   "below every" if cab.at[top_g, "share"] < lo[top_g] else "within the range of")
            parts.append(f"{_literal(top_g)}: {_num(cab.at[top_g, 'count'])} of {_num(n)} known "
                         f"({_pct(cab.at[top_g, 'share'], 0)}), {rel} published estimate "
                         f"({_pct(lo[top_g], 0)}–{_pct(hi[top_g], 0)})")
        else:
            parts.append(f"{_literal(top_g)}: {_num(cab.at[top_g, 'count'])} of {_num(n)} known")
        below = [g for g in with_est if g != top_g and cab.at[g, "share"] < lo[g]]
        below = sorted(below, key=lambda g: -hi[g])[:2]
        if below:
            parts.append(", ".join(f"{_literal(g)} {_num(cab.at[g, 'count'])} "
                                   f"(est. {_pct(lo[g], 0)}–{_pct(hi[g], 0)})" for g in below))
    u = float(first.loc[first["status"] == "unknown", "count"].sum())
    d = float(first.loc[first["status"] == "disputed", "count"].sum())
    title = "; ".join(parts) if parts else f"Ethnicity of the {_num(n)} appointees"
    subtitle = (f"Known ethnicity of the {_num(n)} appointees against {n_estimates} published estimates of the "
                f"population; {_num(u)} unknown and {_num(d)} disputed, so each group could hold more "
                f"(light bar).")
    _header(ax, title, subtitle, above=above)
    if caption:
        _add_caption(ax, _caption_text(t, n=n, lead=(
            "Band: lowest to highest published share over every estimate of the group; hollow marks: the "
            "residual 'Other' the package derives where an estimate lists only some groups (not a "
            "published figure).")))
    return ax
