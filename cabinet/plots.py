"""Axes-level charts of the analysis tables, in the seaborn style.

Every function takes the table the matching analysis function returns as
``data`` (computing the default table when ``data`` is None), draws it on
``ax`` (default: the current axes) and returns the axes. Nothing is
recomputed from the roster when a table is given: counts, bounds, intervals
and probabilities are read from the table, so a chart always shows the
numbers of the table beside it.

Conventions shared by every chart:

- The title states the finding, with the numbers of the table.
- Appointees of unknown or disputed tag are always drawn (grey or hatched),
  never dropped in silence.
- Colours are the colour-blind-safe Okabe-Ito palette (:data:`OKABE_ITO`);
  fonts and colours are passed explicitly, so no global matplotlib setting
  (``rcParams``, style) is read for them or changed.
- Text from the data is shown literally: :func:`_literal` escapes ``$`` so
  matplotlib does not read a name as mathtext.
- ``caption=True`` writes below the axes the baseline, its source ids and the
  versions of the package and of the data package.

This module imports matplotlib; ``import cabinet`` does not import it.
"""

from __future__ import annotations

import json
import math
import textwrap
from functools import lru_cache

import numpy as np
import pandas as pd

__all__ = [
    "plot_region_gap",
    "plot_province_map",
    "plot_ethnicity",
    "plot_network_waffle",
    "plot_gaps_over_time",
    "plot_disproportionality",
    "OKABE_ITO",
    "NETWORK_LABELS",
    "INDEX_LABELS",
]

#: The Okabe-Ito colour-blind-safe palette (Okabe & Ito 2008).
OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
}
_CYCLE = ["#E69F00", "#0072B2", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
CABINET_COLOUR = OKABE_ITO["vermillion"]
BASELINE_COLOUR = OKABE_ITO["blue"]
UNKNOWN_COLOUR = "#BBBBBB"
DISPUTED_FACE = "#E6E6E6"
DISPUTED_HATCH = "#666666"
TEXT_COLOUR = "#222222"
MUTED = "#555555"

_TITLE_SIZE = 11
_LABEL_SIZE = 9
_TICK_SIZE = 8
_NOTE_SIZE = 7.5
_CAPTION_SIZE = 6.2
_SUBTITLE_SIZE = 8.5

#: Display names of the network tags of the data package.
NETWORK_LABELS = {
    "kandahari_leadership": "Kandahari leadership",
    "haqqani": "Haqqani network",
    "doha_office": "Doha political office",
    "helmandi_ishaqzai": "Helmandi Ishaqzai",
    "helmandi_alizai": "Helmandi Alizai",
    "peshawar_shura": "Peshawar shura",
    "northern": "Northern commanders",
    "mashhad_office": "Mashhad office",
    "other": "Other network",
}
_NETWORK_COLOURS = {
    "kandahari_leadership": OKABE_ITO["orange"],
    "haqqani": OKABE_ITO["blue"],
    "doha_office": OKABE_ITO["bluish_green"],
    "peshawar_shura": OKABE_ITO["reddish_purple"],
    "northern": OKABE_ITO["sky_blue"],
    "helmandi_ishaqzai": OKABE_ITO["vermillion"],
    "helmandi_alizai": OKABE_ITO["yellow"],
    "mashhad_office": OKABE_ITO["black"],
    "other": "#7F7F7F",
}
HELMANDI_NETWORKS = ("helmandi_ishaqzai", "helmandi_alizai")

#: Display names of the disproportionality indices.
INDEX_LABELS = {
    "loosemore_hanby": "Loosemore-Hanby index",
    "rose": "Rose index",
    "gallagher": "Gallagher index",
    "rae": "Rae index",
    "sainte_lague": "Sainte-Laguë index",
    "dhondt": "D'Hondt index",
    "lijphart": "Lijphart index",
    "effective_number": "effective number of groups",
    "golosov": "Golosov effective number",
}

_GAP_COLOURS = {
    "West+Southwest": OKABE_ITO["vermillion"],
    "Core Hazarajat": OKABE_ITO["blue"],
    "Helmandi networks": OKABE_ITO["reddish_purple"],
    "Non-Pashtun": OKABE_ITO["bluish_green"],
}


# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------


def _literal(text) -> str:
    """Text from the data, escaped so matplotlib shows it literally.

    Matplotlib reads a string with an even number of unescaped ``$`` as
    mathtext; escaping every ``$`` keeps names such as ``$x^2$`` verbatim on
    the chart (matplotlib removes the backslashes when it draws the text).

    Examples
    --------
    >>> _literal("$x^2$ <script>")
    '\\\\$x^2\\\\$ <script>'
    >>> _literal(None)
    ''
    """
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    return str(text).replace("$", r"\$")


def _get_ax(ax):
    if ax is None:
        import matplotlib.pyplot as plt

        ax = plt.gca()
    return ax


def _require(data, columns, what):
    if not isinstance(data, pd.DataFrame):
        raise ValueError(f"{what}: data must be a pandas DataFrame (the table of the analysis function); "
                         f"got {type(data).__name__}")
    missing = [c for c in columns if c not in data.columns]
    if missing:
        raise ValueError(f"{what}: data lacks the column(s) {', '.join(missing)}; "
                         f"expected the table of the analysis function with columns {', '.join(columns)}")
    if data.empty:
        raise ValueError(f"{what}: data is empty; nothing to draw")


def _first_block(data: pd.DataFrame) -> pd.DataFrame:
    """The rows of the first baseline when a table holds one block per baseline."""
    if "baseline" not in data.columns:
        return data
    names = list(dict.fromkeys(data["baseline"].fillna("")))
    if len(names) <= 1:
        return data
    return data[data["baseline"].fillna("") == names[0]]


def _num(x) -> str:
    """A count without a trailing ``.0``."""
    x = float(x)
    return f"{x:.0f}" if x.is_integer() else f"{x:.1f}"


def _pct(x, digits=1) -> str:
    return f"{100 * float(x):.{digits}f}%"


def _fmt_p(p) -> str:
    if p is None or pd.isna(p):
        return ""
    return "p<0.001" if p < 0.001 else f"p={p:.3f}"


def _join(items) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _avail_width_in(ax, *, full=False) -> float:
    """Inches of text width from the axes' left edge to the figure's right edge (or the axes width)."""
    try:
        pos = ax.get_position()
        figw = ax.figure.get_figwidth()
    except Exception:  # pragma: no cover - defensive
        return 6.0
    if full:
        return max(2.5, figw * (1 - pos.x0) - 0.25)
    return max(2.5, pos.width * figw)


def _chars(width_in, fontsize, factor=0.55) -> int:
    return max(30, int(width_in * 72 / (fontsize * factor)))


def _wrap(text, width) -> str:
    return "\n".join(textwrap.fill(part, width=width, break_on_hyphens=False, break_long_words=False)
                     for part in str(text).split("\n"))


def _legend_above(ax, handles, ncol, *, fontsize=_NOTE_SIZE) -> float:
    """A frameless legend just above the axes; returns its approximate height in points."""
    if not handles:
        return 0.0
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=ncol, frameon=False,
              fontsize=fontsize, handletextpad=0.5, columnspacing=1.3, borderaxespad=0.25, borderpad=0.2,
              handlelength=1.8)
    nrows = int(math.ceil(len(handles) / ncol))
    # matplotlib fills legend columns top to bottom, nrows entries per column
    lines = max(sum(h.get_label().count("\n") + 1 for h in handles[c * nrows:(c + 1) * nrows])
                for c in range(ncol))
    return lines * fontsize * 1.25 + max(0, nrows - 1) * fontsize * 0.5 + 6


def _header(ax, title, subtitle=None, *, above=0.0):
    """Bold left-aligned title (the finding) and an optional plain subtitle, above ``above`` points.

    Title and subtitle text must already be escaped with :func:`_literal`.
    """
    width_in = _avail_width_in(ax, full=True)
    y = above + 2
    if subtitle:
        sub = _wrap(subtitle, _chars(width_in, _SUBTITLE_SIZE))
        ax.annotate(sub, xy=(0, 1), xycoords="axes fraction", xytext=(0, y), textcoords="offset points",
                    ha="left", va="bottom", fontsize=_SUBTITLE_SIZE, color=MUTED, annotation_clip=False)
        y += (sub.count("\n") + 1) * _SUBTITLE_SIZE * 1.22 + 4
    ax.set_title(_wrap(title, _chars(width_in, _TITLE_SIZE, 0.62)), loc="left", fontsize=_TITLE_SIZE,
                 fontweight="bold", color=TEXT_COLOUR, pad=y + 2)


def _style_axes(ax, *, grid_axis="x"):
    ax.tick_params(labelsize=_TICK_SIZE, colors=TEXT_COLOUR, length=3)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color("#888888")
    if grid_axis:
        ax.grid(axis=grid_axis, color="#E5E5E5", linewidth=0.6)
        ax.set_axisbelow(True)


def _versions() -> str:
    from . import __version__
    from .datapackage import descriptor

    return f"cabinet {__version__}, data package {descriptor().get('version', '?')}"


def _roster_note(data, n=None) -> str:
    as_of = getattr(data, "attrs", {}).get("as_of")
    size = f"{_num(n)} appointees" if n is not None and not pd.isna(n) else "the roster"
    if as_of:
        return f"Roster: {size}, the government as of {as_of}."
    return f"Roster: {size} (default: the 33 announced on 7 September 2021)."


def _baseline_note(data) -> str:
    """Baseline label(s), ids and source ids of a representation table."""
    if "baseline" not in data.columns:
        return ""
    parts = []
    blocks = data.drop_duplicates("baseline") if "baseline" in data.columns else data.head(1)
    for _, row in blocks.iterrows():
        name = str(row.get("baseline", "") or "")
        if not name:
            continue
        label = str(row.get("baseline_label", "") or "")
        sources = [s for s in str(row.get("baseline_sources", "") or "").split(";") if s]
        text = f"{label} [{name}]" if label else f"[{name}]"
        if sources:
            text += f"; source ids: {', '.join(sources)}"
        note = str(row.get("baseline_note", "") or "")
        if note:
            text += f"; note: {note}"
        parts.append(text)
    if not parts:
        return "Baseline: none (no population share is defined for this grouping)."
    head = "Baseline: " if len(parts) == 1 else f"Baselines ({len(parts)}): "
    return head + " | ".join(parts) + "."


def _below_axes(ax):
    """Coordinate function: the box of the axes with its x axis decorations and legend."""
    from matplotlib.transforms import Bbox

    def box(renderer):
        boxes = [ax.get_window_extent(renderer)]
        extras = [ax.xaxis]
        legend = ax.get_legend()
        if legend is not None:
            extras.append(legend)
        for artist in extras:
            if artist is None or not artist.get_visible():
                continue
            try:
                bb = artist.get_tightbbox(renderer)
            except Exception:  # pragma: no cover - defensive
                bb = None
            if bb is not None and np.all(np.isfinite(bb.get_points())) and bb.width > 0:
                boxes.append(bb)
        return Bbox.union(boxes)

    return box


def _add_caption(ax, text):
    """Write ``text`` (already escaped) under the axes and its x axis."""
    width = _chars(_avail_width_in(ax, full=True), _CAPTION_SIZE)
    return ax.annotate(_wrap(text, width), xy=(0, 0), xycoords=("axes fraction", _below_axes(ax)),
                       xytext=(0, -8), textcoords="offset points", ha="left", va="top",
                       fontsize=_CAPTION_SIZE, color=MUTED, annotation_clip=False)


def _caption_text(data, *, lead="", n=None, extra="") -> str:
    parts = [p for p in (lead, _baseline_note(data), extra, _roster_note(data, n), f"Data: {_versions()}.") if p]
    return _literal(" ".join(parts))


def _int_counts(values, what):
    arr = np.asarray(values, dtype=float)
    if not np.all(np.equal(np.mod(arr, 1), 0)):
        raise ValueError(f"{what} needs whole numbers of appointees (unweighted counts); got {arr.tolist()}")
    return arr.astype(int)


# ---------------------------------------------------------------------------
# 1. region gap
# ---------------------------------------------------------------------------

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
        from .representation import representation

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


# ---------------------------------------------------------------------------
# 2. province map
# ---------------------------------------------------------------------------


def _geojson_path():
    from .datapackage import data_dir

    return data_dir() / "geo" / "afghanistan_provinces.geojson"


@lru_cache(maxsize=2)
def _load_geojson(path: str) -> tuple:
    """(name, [exterior rings]) per feature; each ring an (n, 2) array of lon/lat."""
    with open(path, encoding="utf-8") as fh:
        gj = json.load(fh)
    out = []
    for feat in gj.get("features", []):
        props = feat.get("properties", {}) or {}
        geom = feat.get("geometry", {}) or {}
        name = props.get("name") or props.get("shapeName")
        if geom.get("type") == "Polygon":
            polys = [geom["coordinates"]]
        elif geom.get("type") == "MultiPolygon":
            polys = geom["coordinates"]
        else:
            continue
        rings = tuple(np.asarray(p[0], dtype=float)[:, :2] for p in polys if p)
        out.append((name, rings))
    return tuple(out)


def _outline_paths(features, names):
    """Boundary of the union of the named provinces, as continuous polylines.

    Neighbouring provinces share their border vertices, so an edge that belongs
    to exactly one of the named provinces lies on the outline; the edges are
    then chained into polylines so dashed styles run continuously.
    """
    count = {}
    for name, rings in features:
        if name not in names:
            continue
        for ring in rings:
            pts = [tuple(np.round(p, 9)) for p in ring]
            for a, b in zip(pts[:-1], pts[1:]):
                if a != b:
                    key = (a, b) if a <= b else (b, a)
                    count[key] = count.get(key, 0) + 1
    edges = [k for k, c in count.items() if c == 1]
    nbrs = {}
    for a, b in edges:
        nbrs.setdefault(a, []).append(b)
        nbrs.setdefault(b, []).append(a)
    unused = set(edges)
    paths = []
    for a, b in edges:
        if (a, b) not in unused:
            continue
        unused.discard((a, b))
        path = [a, b]
        for forward in (True, False):
            while True:
                end = path[-1] if forward else path[0]
                nxt = None
                for c in nbrs.get(end, []):
                    key = (end, c) if end <= c else (c, end)
                    if key in unused:
                        unused.discard(key)
                        nxt = c
                        break
                if nxt is None:
                    break
                if forward:
                    path.append(nxt)
                else:
                    path.insert(0, nxt)
        paths.append(np.asarray(path))
    return paths


def _ring_area(ring):
    x, y = ring[:, 0], ring[:, 1]
    return abs(float((x[:-1] * y[1:] - x[1:] * y[:-1]).sum()) / 2)


def _centroid(ring):
    x, y = ring[:, 0], ring[:, 1]
    cross = x[:-1] * y[1:] - x[1:] * y[:-1]
    area = cross.sum() / 2
    if abs(area) < 1e-12:
        return float(x.mean()), float(y.mean())
    return float(((x[:-1] + x[1:]) * cross).sum() / (6 * area)), float(((y[:-1] + y[1:]) * cross).sum() / (6 * area))


def plot_province_map(data=None, *, ax=None, caption=False):
    """Choropleth of the 34 provinces: known appointees per million inhabitants.

    The colour of a province is its known count divided by its population
    (the table's population baseline, NSIA 1398 by default) times a million;
    provinces with at least one known appointee carry their name and count
    (small provinces by a leader line). The west and southwest (Herat, Farah,
    Badghis, Ghor, Helmand, Nimroz) are outlined in one style and the core
    Hazarajat (Bamyan, Daykundi) in another. Appointees whose home province is
    unknown or disputed cannot be placed on the map; their number is written
    on it.

    Parameters
    ----------
    data : DataFrame, optional
        ``representation(by="province")`` (the default), or any table with the
        columns ``group``, ``status``, ``count`` and ``n`` with province names
        as groups.
    ax : matplotlib Axes, optional
    caption : bool

    Returns
    -------
    matplotlib.axes.Axes
    """
    import matplotlib as mpl
    from matplotlib.collections import LineCollection, PatchCollection
    from matplotlib.colors import ListedColormap, Normalize
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch, Polygon

    from .baselines import POPULATION_BASELINES, population_by_province
    from .loaders import load_provinces
    from .regions import region_map

    if data is None:
        from .representation import representation

        data = representation(by="province")
    _require(data, ["group", "status", "count", "n"], "plot_province_map")
    t = _first_block(data)
    ax = _get_ax(ax)
    base_name = str(t["baseline"].iloc[0]) if "baseline" in t.columns else ""
    if base_name not in POPULATION_BASELINES:
        base_name = "nsia_1398"
    pop, _, _ = population_by_province(base_name)
    groups = t[t["status"] == "group"]
    counts = pd.Series(groups["count"].to_numpy(dtype=float), index=groups["group"]).groupby(level=0).sum()
    n = t["n"].iloc[0]
    unknown = float(t.loc[t["status"] == "unknown", "count"].sum())
    disputed = float(t.loc[t["status"] == "disputed", "count"].sum())
    off_map = float(groups.loc[~groups["group"].isin(pop.index), "count"].sum())

    features = _load_geojson(str(_geojson_path()))
    rate = counts.reindex(pop.index) / pop * 1e6
    vmax = float(np.nanmax(rate.to_numpy())) if rate.notna().any() else 0.0
    vmax = vmax if vmax > 0 else 1.0
    cmap = ListedColormap(mpl.colormaps["Blues"](np.linspace(0.05, 0.95, 256)), name="cabinet_blues")
    norm = Normalize(vmin=0, vmax=vmax)
    patches, colours, no_data = [], [], []
    for name, rings in features:
        value = rate.get(name, np.nan)
        for ring in rings:
            poly = Polygon(ring, closed=True)
            if pd.isna(value):
                no_data.append(poly)
            else:
                patches.append(poly)
                colours.append(value)
    coll = PatchCollection(patches, cmap=cmap, norm=norm, edgecolor="#8C8C8C", linewidth=0.45, zorder=1)
    coll.set_array(np.asarray(colours, dtype=float))
    ax.add_collection(coll)
    if no_data:
        ax.add_collection(PatchCollection(no_data, facecolor="white", edgecolor="#8C8C8C", hatch="...",
                                          linewidth=0.45, zorder=1))

    regions = region_map("commentary")
    west = sorted(p for p in regions.index if regions[p] == "West")
    southwest = sorted(p for p in regions.index if regions[p] == "Southwest")
    wsw = west + southwest
    prov = load_provinces()
    core = list(prov.loc[prov["hazarajat"] == "core", "province"])
    wsw_style = dict(color=OKABE_ITO["vermillion"], linewidth=2.6, linestyle="solid")
    haz_style = dict(color=OKABE_ITO["black"], linewidth=1.8, linestyle=(0, (3.5, 1.8)))
    ax.add_collection(LineCollection(_outline_paths(features, set(wsw)), zorder=3, capstyle="round",
                                     joinstyle="round", **wsw_style))
    ax.add_collection(LineCollection(_outline_paths(features, set(core)), zorder=4, joinstyle="round",
                                     **haz_style))

    allpts = np.vstack([r for _, rings in features for r in rings]) if features else np.zeros((1, 2))
    x0, y0 = allpts.min(axis=0)
    x1, y1 = allpts.max(axis=0)

    # label the provinces with known appointees: inside large ones, by a leader line for small ones
    callouts = []
    for name, rings in features:
        c = counts.get(name, 0)
        if not c or not rings:
            continue
        ring = max(rings, key=_ring_area)
        cx, cy = _centroid(ring)
        value = rate.get(name, np.nan)
        if _ring_area(ring) >= 1.0:
            dark = pd.notna(value) and norm(value) > 0.55
            ax.text(cx, cy, f"{_literal(name)}\n{_num(c)}", ha="center", va="center", fontsize=6.5, zorder=5,
                    color="white" if dark else TEXT_COLOUR, fontweight="bold", linespacing=1.0)
        else:
            callouts.append((cy, cx, name, c))
    if callouts:
        callouts.sort(reverse=True)
        step = (y1 - y0) * 0.045
        label_x = x1 - (x1 - x0) * 0.2
        prev = None
        for cy, cx, name, c in callouts:
            ly = cy if prev is None else min(cy, prev - step)
            prev = ly
            ax.annotate(f"{_literal(name)} {_num(c)}", xy=(cx, cy), xytext=(label_x, ly), textcoords="data",
                        ha="left", va="center", fontsize=6.5, fontweight="bold", color=TEXT_COLOUR, zorder=6,
                        arrowprops=dict(arrowstyle="-", color="#555555", linewidth=0.6, shrinkA=1, shrinkB=0,
                                        relpos=(0, 0.5)))
            ax.plot([cx], [cy], marker="o", markersize=2, color="#333333", zorder=6)

    padx, pady = (x1 - x0) * 0.02, (y1 - y0) * 0.03
    ax.set_xlim(x0 - padx, x1 + padx)
    ax.set_ylim(y0 - pady, y1 + pady)
    ax.set_aspect(1 / math.cos(math.radians((y0 + y1) / 2)))
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ax.spines.values():
        side.set_visible(False)

    sm = mpl.cm.ScalarMappable(norm=norm, cmap=cmap)
    cbar = ax.figure.colorbar(sm, ax=ax, shrink=0.6, pad=0.01, aspect=22)
    pop_label = {"nsia_1398": "NSIA 1398", "nsia_1400": "NSIA 1400"}[base_name]
    cbar.set_label(f"Known appointees per million inhabitants ({pop_label})", fontsize=_NOTE_SIZE,
                   color=TEXT_COLOUR)
    cbar.ax.tick_params(labelsize=_TICK_SIZE, colors=TEXT_COLOUR)
    cbar.outline.set_visible(False)

    handles = [
        Line2D([], [], label=f"West ({', '.join(west)}) and southwest ({', '.join(southwest)})", **wsw_style),
        Line2D([], [], label=f"Core Hazarajat ({', '.join(sorted(core))})", **haz_style),
    ]
    if no_data:
        handles.append(Patch(facecolor="white", edgecolor="#8C8C8C", hatch="...", label="no data"))
    ax.legend(handles=handles, loc="upper left", frameon=False, fontsize=_NOTE_SIZE, handlelength=2.8,
              borderaxespad=0.1)
    missing_bits = []
    if unknown:
        missing_bits.append(f"{_num(unknown)} of unknown home province")
    if disputed:
        missing_bits.append(f"{_num(disputed)} disputed between provinces")
    if off_map:
        missing_bits.append(f"{_num(off_map)} from places not on this map")
    off = unknown + disputed + off_map
    text = (f"Not on the map: {_num(off)} of {_num(n)} appointees\n" + "\n".join(f"  {b}" for b in missing_bits)
            if off else f"All {_num(n)} appointees have a known home province")
    ax.text(0.99, 0.01, text, transform=ax.transAxes, ha="right", va="bottom", fontsize=_NOTE_SIZE,
            color=TEXT_COLOUR, linespacing=1.35, zorder=7, multialignment="left",
            bbox=dict(boxstyle="round,pad=0.45", facecolor="white", edgecolor="#BBBBBB", linewidth=0.6))

    wsw_known = float(counts.reindex(wsw).fillna(0).sum())
    haz_known = float(counts.reindex(core).fillna(0).sum())
    zero = int((counts.reindex(pop.index).fillna(0) == 0).sum())
    title = (f"{_num(wsw_known)} of {_num(n)} appointees known to come from the west and southwest, "
             f"{_num(haz_known)} from the core Hazarajat")
    subtitle = (f"Known home province of the {_num(n)} appointees per million inhabitants; "
                f"{zero} of {len(pop)} provinces have none known")
    if rate.notna().any() and float(rate.max()) > 0:
        top = rate.idxmax()
        subtitle += f"; the highest rate is {_literal(top)}'s ({rate[top]:.1f} per million)"
    _header(ax, title, subtitle + ".")
    if caption:
        _add_caption(ax, _caption_text(t, n=n, lead=(
            f"Colour: known appointees divided by the province's population ({pop_label}) x 1,000,000. "
            "Outlines: geoBoundaries gbOpen AFG ADM1 (public domain), see data/geo/README.md.")))
    return ax


# ---------------------------------------------------------------------------
# 3. ethnicity
# ---------------------------------------------------------------------------


def _published_pairs():
    """(estimate_id, group) pairs an ethnic estimate publishes (not residuals added by the package)."""
    from .loaders import load_ethnic_estimates

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
        from .representation import representation

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


# ---------------------------------------------------------------------------
# 4. network waffle
# ---------------------------------------------------------------------------


def _network_label(tag) -> str:
    return NETWORK_LABELS.get(str(tag), _literal(tag))


def _disputed_candidates(t) -> dict:
    """Name of each disputed appointee -> the groups he may belong to (from possible_members)."""
    out = {}  # type: ignore[var-annotated]  # name -> list of groups
    if "possible_members" not in t.columns:
        return out
    for g, cell in zip(t.loc[t["status"] == "group", "group"], t.loc[t["status"] == "group", "possible_members"]):
        for name in (x.strip() for x in str(cell or "").split(";")):
            if name:
                out.setdefault(name, []).append(g)
    return out


def plot_network_waffle(data=None, *, ax=None, caption=False):
    """A waffle of the seats: one square per appointee, coloured by network.

    Squares fill column by column, largest network first; appointees whose
    network is disputed are hatched and those whose network is unknown are
    grey, so the chart always has as many squares as the roster has people.

    Parameters
    ----------
    data : DataFrame, optional
        ``representation(by="network")`` (default). Counts must be whole
        numbers (unweighted).
    ax : matplotlib Axes, optional
    caption : bool

    Returns
    -------
    matplotlib.axes.Axes
    """
    from matplotlib.collections import PatchCollection
    from matplotlib.patches import Patch, Rectangle

    if data is None:
        from .representation import representation

        data = representation(by="network")
    _require(data, ["group", "status", "count", "n"], "plot_network_waffle")
    t = _first_block(data).reset_index(drop=True)
    ax = _get_ax(ax)
    n = int(_int_counts([t["n"].iloc[0]], "plot_network_waffle")[0])
    groups = t[(t["status"] == "group") & (t["count"] > 0)].copy()
    groups["_c"] = _int_counts(groups["count"], "plot_network_waffle")
    groups = groups.sort_values(["_c", "group"], ascending=[False, True], kind="stable")
    n_disputed = int(_int_counts(t.loc[t["status"] == "disputed", "count"], "plot_network_waffle").sum())
    n_unknown = int(_int_counts(t.loc[t["status"] == "unknown", "count"], "plot_network_waffle").sum())

    spare = [c for c in _CYCLE if c not in _NETWORK_COLOURS.values()] + _CYCLE
    colours, k = {}, 0
    for g in groups["group"]:
        if g in _NETWORK_COLOURS:
            colours[g] = _NETWORK_COLOURS[g]
        else:
            colours[g] = spare[k % len(spare)]
            k += 1
    cells = []  # (kind, key)
    for g, c in zip(groups["group"], groups["_c"]):
        cells += [("group", g)] * int(c)
    cells += [("disputed", None)] * n_disputed + [("unknown", None)] * n_unknown
    total = len(cells)
    if total != n:
        # a table whose rows do not add up to n: still draw every seat the table reports
        n = max(n, total)
    n_rows = 3 if total <= 44 else int(math.ceil(total / 15))
    n_cols = max(1, int(math.ceil(total / n_rows)))
    size, gap = 1.0, 0.14
    plain, hatched = [], []
    face = []
    for i, (kind, key) in enumerate(cells):
        col, row = divmod(i, n_rows)
        rect = Rectangle((col * (size + gap), -(row * (size + gap))), size, size)
        if kind == "disputed":
            hatched.append(rect)
        else:
            plain.append(rect)
            face.append(colours[key] if kind == "group" else UNKNOWN_COLOUR)
    ax.add_collection(PatchCollection(plain, facecolor=face, edgecolor="white", linewidth=0.8))
    if hatched:
        ax.add_collection(PatchCollection(hatched, facecolor=DISPUTED_FACE, edgecolor=DISPUTED_HATCH,
                                          hatch="////", linewidth=0.6))
    width = n_cols * (size + gap) - gap
    ax.set_xlim(-0.2, width + 0.2)
    ax.set_ylim(-(n_rows - 1) * (size + gap) - 0.2, size + 0.2)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ax.spines.values():
        side.set_visible(False)

    handles = [Patch(facecolor=colours[g], label=f"{_network_label(g)} ({_num(c)})")
               for g, c in zip(groups["group"], groups["_c"])]
    if n_disputed:
        cands = _disputed_candidates(t)
        label = f"Disputed ({n_disputed})"
        if cands and len(cands) <= 3:
            label += "".join(f"\n{_literal(name)}: {' or '.join(_network_label(g) for g in groups_)}"
                             for name, groups_ in cands.items())
        handles.append(Patch(facecolor=DISPUTED_FACE, edgecolor=DISPUTED_HATCH, hatch="////", linewidth=0.6,
                             label=label))
    if n_unknown:
        handles.append(Patch(facecolor=UNKNOWN_COLOUR, label=f"Unknown ({n_unknown})"))
    helm = t[(t["status"] == "group") & t["group"].isin(HELMANDI_NETWORKS)]
    h_known = float(helm["count"].sum()) if len(helm) else 0.0
    h_max = float(helm["count_max"].max()) if len(helm) and "count_max" in helm.columns else None
    if h_known == 0:
        handles.append(Patch(facecolor="white", edgecolor=OKABE_ITO["vermillion"], linewidth=1.0,
                             linestyle=(0, (2, 1.5)), label="Helmandi Ishaqzai or Alizai (0)"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.0, -0.03), ncol=3, frameon=False,
              fontsize=_NOTE_SIZE + 0.5, handlelength=1.3, handleheight=1.3, columnspacing=1.4,
              title=f"One square = one appointee ({n} in all)", title_fontsize=_NOTE_SIZE, alignment="left")

    known = [f"{_network_label(g)} {_num(c)}" for g, c in zip(groups["group"], groups["_c"])][:3]
    title = f"{_num(h_known)} of {n} appointees known to represent the Helmandi Ishaqzai or Alizai networks"
    subtitle = (f"Seats by factional network; known: {', '.join(known)}" if known else "Seats by factional network")
    subtitle += f"; {n_unknown} of {n} unknown, {n_disputed} disputed."
    _header(ax, title, subtitle)
    if caption:
        extra = ("Network tags from the roster's network column, each with its sources "
                 "(appointees.csv, network_sources).")
        if h_max is not None and not pd.isna(h_max):
            extra += f" At most {_num(h_max)} appointees could belong to a single Helmandi network."
        _add_caption(ax, _caption_text(t, n=n, lead=extra))
    return ax


# ---------------------------------------------------------------------------
# 5. gaps over time
# ---------------------------------------------------------------------------


def plot_gaps_over_time(data=None, *, ax=None, caption=False):
    """Known counts of the main gaps at every announcement date of 2021, as step lines.

    One small panel per gap, drawn inside ``ax`` (as inset axes sharing the
    same scales): a thick step line of the known count, a light band up to
    the largest count possible (``count_max``) once unknown and disputed tags
    are resolved, and a dashed grey step line for the size of the government.
    The x ticks are the announcement dates.

    Parameters
    ----------
    data : DataFrame, optional
        :func:`cabinet.charts.gaps_over_time` (default), columns ``as_of``,
        ``gap``, ``count``, ``count_max``, ``n``.
    ax : matplotlib Axes, optional
        The panels fill this axes; its own frame is hidden.
    caption : bool

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; the panels are ``ax.child_axes``.
    """
    import matplotlib.dates as mdates
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    if data is None:
        from .charts import gaps_over_time

        data = gaps_over_time()
    _require(data, ["as_of", "gap", "count", "count_max", "n"], "plot_gaps_over_time")
    ax = _get_ax(ax)
    t = data.copy()
    t["as_of"] = pd.to_datetime(t["as_of"])
    t = t.sort_values("as_of", kind="stable")
    dates = [pd.Timestamp(d) for d in sorted(t["as_of"].unique())]
    year_end = pd.Timestamp(year=dates[-1].year, month=12, day=31)
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
    gaps = list(dict.fromkeys(t["gap"]))
    ncols = 2 if len(gaps) > 1 else 1
    nrows = int(math.ceil(len(gaps) / ncols))
    size = t.drop_duplicates("as_of")
    ymax = float(max(t["n"].max(), t["count_max"].max()))
    spare = iter([c for c in _CYCLE if c not in _GAP_COLOURS.values()])
    left, bottom, hgap, vgap = 0.07, 0.085, 0.08, 0.17
    width = (1 - left - hgap * (ncols - 1)) / ncols
    height = (1 - bottom - vgap * (nrows - 1) - 0.07) / nrows
    for i, g in enumerate(gaps):
        row, col = divmod(i, ncols)
        sub = ax.inset_axes([left + col * (width + hgap), bottom + (nrows - 1 - row) * (height + vgap), width, height])
        s = t[t["gap"] == g]
        colour = _GAP_COLOURS.get(g) or next(spare, "#444444")
        x = xs(s)
        for d in dates:
            sub.axvline(num(d), color="#E3E3E3", linewidth=0.6, zorder=0)
        sub.step(xs(size), ext(size["n"]), where="post", color="#777777", linewidth=1.1, linestyle=(0, (4, 2)),
                 zorder=2)
        sub.fill_between(x, ext(s["count"]), ext(s["count_max"]), step="post", color=colour, alpha=0.16,
                         linewidth=0, zorder=1)
        sub.step(x, ext(s["count_max"]), where="post", color=colour, linewidth=0.9, linestyle=(0, (1, 1.5)),
                 zorder=2)
        sub.step(x, ext(s["count"]), where="post", color=colour, linewidth=2.4, zorder=3, clip_on=False)
        c0, c1 = s["count"].iloc[0], s["count"].iloc[-1]
        m1 = s["count_max"].iloc[-1]
        sub.set_title(f"{_literal(g)}: {_num(c0)} → {_num(c1)} known (max {_num(m1)})", loc="left",
                      fontsize=_LABEL_SIZE - 0.5, color=colour, fontweight="bold", pad=4)
        sub.set_xlim(num(start), num(end))
        sub.set_ylim(-ymax * 0.035, ymax * 1.06)
        sub.set_xticks(tick_pos)
        sub.set_xticklabels(tick_lab if row == nrows - 1 else [""] * len(tick_pos))
        _style_axes(sub, grid_axis="y")
        sub.tick_params(labelsize=_TICK_SIZE - 0.5)
        if col == 0:
            sub.set_ylabel("Appointees", fontsize=_LABEL_SIZE - 0.5, color=TEXT_COLOUR)
    handles = [
        Line2D([], [], color=TEXT_COLOUR, linewidth=2.4, label="Known"),
        Patch(facecolor="#BBBBBB", alpha=0.5, label="Up to the largest possible (unknown and disputed tags)"),
        Line2D([], [], color="#777777", linewidth=1.1, linestyle=(0, (4, 2)), label="Size of the government"),
    ]
    above = _legend_above(ax, handles, 3)
    first = t[t["as_of"] == dates[0]].set_index("gap")
    last = t[t["as_of"] == dates[-1]].set_index("gap")
    moves = [f"{_literal(g)} {_num(first.at[g, 'count'])}→{_num(last.at[g, 'count'])}"
             for g in gaps if g in first.index and g in last.index]
    d0, d1 = dates[0], dates[-1]
    if len(dates) > 1:
        title = (f"As the government grew from {_num(first['n'].iloc[0])} to {_num(last['n'].iloc[0])}, "
                 f"known seats: {', '.join(moves)}")
    else:
        title = f"{_num(first['n'].iloc[0])} appointees: " + ", ".join(
            f"{_literal(g)} {_num(first.at[g, 'count'])}" for g in gaps if g in first.index)
    subtitle = (f"Known appointees in each gap at every announcement date, {d0.day} {d0:%B} – {d1.day} "
                f"{d1:%B %Y}. Most later appointees' home, ethnicity and network are unknown, so the largest "
                f"possible counts grow with the government.")
    _header(ax, title, subtitle, above=above)
    if caption:
        _add_caption(ax, _literal(
            "Counts from the roster as of each announcement date (the 33 of 7 September 2021 plus every later "
            "appointment announced by then; a person appointed twice counts once). West+Southwest: home in Herat, "
            "Farah, Badghis, Ghor, Helmand or Nimroz; core Hazarajat: Bamyan or Daykundi; Helmandi networks: "
            "network tag helmandi_ishaqzai or helmandi_alizai; non-Pashtun: ethnicity known and not Pashtun. "
            "No population baseline is drawn. " + f"Data: {_versions()}."))
    return ax


# ---------------------------------------------------------------------------
# 6. disproportionality
# ---------------------------------------------------------------------------


def plot_disproportionality(data=None, *, index="loosemore_hanby", by="region", ax=None, caption=False,
                            n_draws=20_000, seed=0):
    """The index of the cabinet against its distribution under random appointment.

    The histogram shows the index for ``n_draws`` cabinets whose posts are
    handed out at random in proportion to the baseline
    (:func:`cabinet.indices.null_distribution`); the observed value and the
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

    Returns
    -------
    matplotlib.axes.Axes
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    from .indices import _disproportionality_table

    if index not in INDEX_LABELS:
        raise ValueError(f"unknown index {index!r}; allowed: {', '.join(INDEX_LABELS)}")
    if data is None:
        from .representation import representation

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
    ax.hist(finite, bins=np.linspace(finite.min(), top_bin, 36), color="#A8C4DC", edgecolor="white",
            linewidth=0.4, zorder=2)
    xlim = (lo_edge - 0.05 * span, hi_edge + 0.06 * span)
    if tail == "upper":
        cut = p95
        ax.axvspan(cut, xlim[1], color=OKABE_ITO["orange"], alpha=0.13, zorder=0, linewidth=0)
        shade_label = f"Most extreme 5% of random cabinets (above {cut:.3f})"
    else:
        cut = float(np.quantile(finite, 0.05))
        ax.axvspan(xlim[0], cut, color=OKABE_ITO["orange"], alpha=0.13, zorder=0, linewidth=0)
        shade_label = f"Most extreme 5% of random cabinets (below {cut:.3f})"
    ax.axvline(expected, color=BASELINE_COLOUR, linewidth=1.6, linestyle=(0, (4, 2)), zorder=3)
    ax.axvline(obs_x, color=CABINET_COLOUR, linewidth=2.6, zorder=4)
    ax.set_xlim(*xlim)
    ymax = ax.get_ylim()[1]
    ax.set_ylim(0, ymax * 1.12)
    right = observed > expected
    ax.annotate(f"observed {observed:.3f}", xy=(obs_x, ymax * 1.06), xytext=(-5 if right else 5, 0),
                textcoords="offset points", ha="right" if right else "left", va="center",
                fontsize=_NOTE_SIZE + 0.5, color=CABINET_COLOUR, fontweight="bold")
    ax.annotate(f"expected {expected:.3f}", xy=(expected, ymax * 1.06), xytext=(5 if right else -5, 0),
                textcoords="offset points", ha="left" if right else "right", va="center",
                fontsize=_NOTE_SIZE + 0.5, color=BASELINE_COLOUR, fontweight="bold")
    _style_axes(ax, grid_axis="y")
    label = INDEX_LABELS[index]
    cap_label = label[0].upper() + label[1:]
    ax.set_xlabel(f"{cap_label} (0–1 scale; larger = further from proportional)" if tail == "upper" and
                  index not in ("effective_number", "golosov", "dhondt", "sainte_lague") else cap_label,
                  fontsize=_LABEL_SIZE, color=TEXT_COLOUR)
    ax.set_ylabel("Random cabinets", fontsize=_LABEL_SIZE, color=TEXT_COLOUR)
    handles = [
        Patch(facecolor="#A8C4DC", label=f"{n_draws:,} random cabinets of {seats} posts"),
        Line2D([], [], color=CABINET_COLOUR, linewidth=2.6, label="Observed"),
        Line2D([], [], color=BASELINE_COLOUR, linewidth=1.6, linestyle=(0, (4, 2)),
               label="Expected at random"),
        Patch(facecolor=OKABE_ITO["orange"], alpha=0.3, label=shade_label),
    ]
    above = _legend_above(ax, handles, 2)
    p = float(row["p_value"])
    k = int(round(p * n_draws))
    p_txt = (f"none of {n_draws:,} random cabinets as extreme (p<1/{n_draws:,})" if k == 0 else
             f"{k:,} of {n_draws:,} random cabinets as extreme (p={p:.4f})" if p < 0.001 else
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
    title = (f"{cap_label} by {by_name}: {observed:.3f} observed, {expected:.3f} expected under random "
             f"appointment; {p_txt}")
    base_label = _literal(t["baseline_label"].iloc[0]) if "baseline_label" in t.columns else "the baseline"
    subtitle = (f"{seats} appointees with a known {by_name} in a group of the baseline ({base_label}); "
                f"{excluded}.")
    _header(ax, title, subtitle, above=above)
    if caption:
        _add_caption(ax, _caption_text(t, n=n, lead=(
            f"Random cabinets: {seats} posts drawn in proportion to the baseline (multinomial), "
            f"{n_draws:,} draws, seed {seed}; expected value {str(row['expected_method']).replace('_', ' ')}. "
            f"Index: {row['reference']}. Not counted: {', '.join(excluded_bits) if excluded_bits else 'none'}.")))
    return ax
