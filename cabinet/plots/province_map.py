"""The province map: how many appointees come from each Afghan province, as proportional symbols.

People, not rates: a circle's area is the number of appointees known to come
from the province (one person is a small circle; a province with none
has none), a dashed ring adds the appointees whose home the sources dispute
between that province and another, and a grey circle off the map holds those
whose home is unknown. The west and southwest and the core Hazarajat are
outlined.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache

import numpy as np
import pandas as pd

from .. import palette
from ..groupings import allowed_values
from ..tags import ABROAD
from ._style import (
    DISPUTED_HATCH,
    MUTED,
    TEXT_COLOUR,
    UNKNOWN_COLOUR,
    _NOTE_SIZE,
    _compact,
    _counts_line,
    _finish,
    _get_ax,
    _join,
    _literal,
    _num,
    _mark,
    roster_colour,
    roster_entity,
    styled,
)
from ._tables import _first_block, _require, _require_afghan, _roster_words, _source_line
from ..io.datapackage import data_dir
from ..io.reference_tables import load_provinces
from ..regions import region_map
from ..representation import representation

#: Area in points squared of the circle of one person (a circle of k people has k times the area).
_ONE = 38.0
_LAND = "#EFEFEF"
_EDGE = "#FFFFFF"


def _geojson_path():
    return data_dir() / "geo" / "afghanistan_provinces.geojson"


@lru_cache(maxsize=2)
def _load_geojson(path: str) -> tuple:
    """(name, shapely geometry) per province of the bundled GeoJSON."""
    from shapely.geometry import shape

    with open(path, encoding="utf-8") as fh:
        gj = json.load(fh)
    out = []
    for feat in gj.get("features", []):
        props = feat.get("properties", {}) or {}
        geom = feat.get("geometry") or {}
        if geom.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        out.append((props.get("name") or props.get("shapeName"), shape(geom)))
    return tuple(out)


def _polygons(geom) -> list:
    """The polygons of a Polygon or MultiPolygon, largest first."""
    parts = list(getattr(geom, "geoms", [geom]))
    return sorted(parts, key=lambda p: -p.area)


def _outline(features, names) -> list:
    """The outline of the union of the named provinces (shapely), as polylines for a LineCollection."""
    import shapely

    union = shapely.unary_union([g for name, g in features if name in names])
    boundary = union.boundary
    return [np.asarray(line.coords)[:, :2] for line in getattr(boundary, "geoms", [boundary]) if not line.is_empty]


def _disputed_candidates(t) -> dict:
    """Province -> the number of disputed appointees the sources place there or elsewhere."""
    disputed = t[t["status"] == "disputed"]
    names = set()
    for cell in disputed.get("members", []):
        names |= {x.strip() for x in str(cell or "").split(";") if x.strip()}
    out: dict[str, int] = {}
    if "possible_members" not in t.columns:
        return out
    for g, cell in zip(t.loc[t["status"] == "group", "group"], t.loc[t["status"] == "group", "possible_members"]):
        k = sum(1 for x in str(cell or "").split(";") if x.strip() and (not names or x.strip() in names))
        if k:
            out[str(g)] = k
    return out


def _spread(items, lo, hi, gap):
    """Positions for labels wanting ``items`` (sorted, descending), at least ``gap`` apart, within [lo, hi]."""
    out = []
    for want in items:
        y = want if not out else min(want, out[-1] - gap)
        out.append(y)
    if out and out[-1] < lo:  # pushed below the bottom: shift the column up, keeping the gaps
        shift = lo - out[-1]
        out = [min(hi, y + shift) for y in out]
        for i in range(1, len(out)):
            out[i] = min(out[i], out[i - 1] - gap)
    return out


@styled
def plot_province_map(data=None, *, ax=None, caption=False, title=None):
    """Proportional symbols on the 34 provinces: how many appointees come from each.

    A filled circle in the roster's colour on each province with known
    appointees, its area proportional to their number (a province with none
    has no circle, so zero stands apart from one); its name and count sit in
    a column beside the map, joined by a thin line. A dashed ring adds, on
    each province the sources name, the appointees whose home is disputed
    between provinces, so a disputed home is shown as disputed rather than
    dropped. A grey circle off the map holds the appointees of unknown home.
    The west and southwest (Herat, Farah, Badghis, Ghor, Helmand, Nimroz)
    are outlined, and the core Hazarajat (Bamyan, Daykundi) dashed.

    Parameters
    ----------
    data : DataFrame, optional
        ``representation(by="province")`` (the default), or any table with the
        columns ``group``, ``status``, ``count`` and ``n`` with province names
        as groups (``possible_members`` places the disputed appointees).
    ax : matplotlib Axes, optional
    caption : bool
        Write the method and the versions below the map (the ``Source:`` line
        is always written).
    title : str, optional
        Replace the chart's own title (the finding).

    Raises
    ------
    ValueError
        For a table whose groups are not Afghan provinces (another country's
        roster): the map is Afghanistan's; the message names the chart to use
        instead.

    Returns
    -------
    matplotlib.axes.Axes
    """
    import shapely
    from matplotlib.collections import LineCollection, PatchCollection
    from matplotlib.lines import Line2D
    from matplotlib.patches import Polygon

    if data is None:
        data = representation(by="province")
    _require(data, ["group", "status", "count", "n"], "plot_province_map")
    _require_afghan(data, what="plot_province_map", grouping="province", vocabulary=set(allowed_values("province")),
                    instead="plot_region_gap(representation(roster, by=COLUMN, baseline=...)), which draws any "
                            "grouping against your own baseline")
    t = _first_block(data)
    t.attrs = dict(getattr(data, "attrs", {}) or {})
    ax = _get_ax(ax)
    compact = _compact(ax)
    colour = roster_colour(t)
    scale = 0.8 if compact else 1.0
    groups = t[t["status"] == "group"]
    counts = pd.Series(groups["count"].to_numpy(dtype=float), index=groups["group"]).groupby(level=0).sum()
    n = t["n"].iloc[0]
    unknown = float(t.loc[t["status"] == "unknown", "count"].sum())
    disputed = float(t.loc[t["status"] == "disputed", "count"].sum())
    features = _load_geojson(str(_geojson_path()))
    names = {name for name, _ in features}
    # a home abroad is no province: it is counted in the footer, never drawn
    abroad = float(groups.loc[groups["group"] == ABROAD, "count"].sum())
    off_map = float(groups.loc[~groups["group"].isin(names) & (groups["group"] != ABROAD), "count"].sum())
    # a dispute that may resolve abroad: the row's bound exceeds its count by more than the unknowns
    row = groups[groups["group"] == ABROAD]
    maybe_abroad = bool(len(row)) and "count_max" in row.columns and \
        float((row["count_max"] - row["count"]).max()) > unknown
    maybe = _disputed_candidates(t)

    patches = [Polygon(np.asarray(part.exterior.coords)[:, :2], closed=True)
               for _, geom in features for part in _polygons(geom)]
    ax.add_collection(PatchCollection(patches, facecolor=_LAND, edgecolor=_EDGE, linewidth=0.8, zorder=1))
    regions = region_map("commentary")
    west = sorted(p for p in regions.index if regions[p] == "West")
    southwest = sorted(p for p in regions.index if regions[p] == "Southwest")
    wsw = west + southwest
    prov = load_provinces()
    core = list(prov.loc[prov["hazarajat"] == "core", "province"])
    wsw_style = dict(color=TEXT_COLOUR, linewidth=1.8, linestyle="solid")
    haz_style = dict(color=TEXT_COLOUR, linewidth=1.4, linestyle=(0, (3.0, 1.8)))
    ax.add_collection(LineCollection(_outline(features, set(wsw)), zorder=3, capstyle="round", joinstyle="round",
                                     **wsw_style))
    ax.add_collection(LineCollection(_outline(features, set(core)), zorder=3, joinstyle="round", **haz_style))
    x0, y0, x1, y1 = shapely.unary_union([g for _, g in features]).bounds if features else (0, 0, 1, 1)

    points = {}
    for name, geom in features:
        if geom.is_empty:
            continue
        # a point guaranteed inside the province (a centroid can fall outside a concave shape)
        p = _polygons(geom)[0].representative_point()
        points[name] = (p.x, p.y)
    known = [(name, float(counts.get(name, 0))) for name in points if counts.get(name, 0) > 0]
    rings = [(name, float(counts.get(name, 0)) + k) for name, k in maybe.items() if name in points]
    if rings:
        ax.scatter([points[p][0] for p, _ in rings], [points[p][1] for p, _ in rings],
                   s=[_ONE * scale * c for _, c in rings], facecolor="none", edgecolor=DISPUTED_HATCH,
                   linewidth=1.1, linestyle=(0, (2.0, 1.4)), zorder=4)
    if known:
        _mark(ax.scatter([points[p][0] for p, _ in known], [points[p][1] for p, _ in known],
                         s=[_ONE * scale * c for _, c in known], color=colour, edgecolor="white", linewidth=0.8,
                         zorder=5), roster_entity(t))
    # the unknown: one grey circle off the map, in the empty corner at the lower right
    ux, uy = x0 + (x1 - x0) * 0.70, y0 + (y1 - y0) * 0.07
    if unknown:
        ax.scatter([ux], [uy], s=[_ONE * scale * unknown], color=UNKNOWN_COLOUR, edgecolor="white", linewidth=0.8,
                   zorder=5)
        ax.annotate(f"home\nunknown: {_num(unknown)}", xy=(ux, uy), xytext=(4 + (_ONE * scale * unknown) ** 0.5 / 2, 0),
                    textcoords="offset points", va="center", ha="left", fontsize=_NOTE_SIZE, color=TEXT_COLOUR,
                    linespacing=1.1)

    # labels in a column beside the map (two, left and right, when there is room), joined by thin lines
    from ._style import _frame_width, _text_width

    labelled = sorted({p for p, _ in known} | {p for p, _ in rings}, key=lambda p: -points[p][1])

    def label_text(p):
        c = counts.get(p, 0)
        return f"{_literal(p)} {_num(c)}" + (f" (+{maybe[p]}?)" if maybe.get(p) else "")

    mid = (x0 + x1) / 2
    if compact:
        columns = (("right", labelled),)
    else:
        columns = (("left", [p for p in labelled if points[p][0] < mid - (x1 - x0) * 0.08]),
                   ("right", [p for p in labelled if points[p][0] >= mid - (x1 - x0) * 0.08]))
    # the map's height on the page, from the width left beside the label columns, sets the labels' spacing
    col_w = sum(max((_text_width(label_text(p), _NOTE_SIZE) for p in members), default=0) + 14
                for _, members in columns)
    aspect = (x1 - x0) * math.cos(math.radians((y0 + y1) / 2)) / (y1 - y0)
    map_h_pt = max(60.0, (_frame_width(ax) - col_w) / aspect)
    per_pt = (y1 - y0) / map_h_pt
    for side, members in columns:
        gap = max((y1 - y0) * 0.05, 12.5 * per_pt)
        ys = _spread([points[p][1] for p in members], y0, y1, gap)
        for p, ly in zip(members, ys):
            ax.annotate(label_text(p), xy=points[p], xytext=(1.01 if side == "right" else -0.01, ly),
                        textcoords=("axes fraction", "data"), ha="left" if side == "right" else "right",
                        va="center", fontsize=_NOTE_SIZE, color=TEXT_COLOUR, zorder=6, annotation_clip=False,
                        arrowprops=dict(arrowstyle="-", color="#9E9E9E", linewidth=0.5, shrinkA=1, shrinkB=2,
                                        relpos=(0, 0.5) if side == "right" else (1, 0.5)))
    padx, pady = (x1 - x0) * 0.01, (y1 - y0) * 0.02
    ax.set_xlim(x0 - padx, x1 + padx)
    ax.set_ylim(y0 - pady, y1 + pady)
    ax.set_aspect(1 / math.cos(math.radians((y0 + y1) / 2)))
    ax.set_anchor("N")
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ax.spines.values():
        side.set_visible(False)

    handles = [
        Line2D([], [], marker="o", linestyle="none", color=colour, markeredgecolor="white", markersize=(_ONE * scale) ** 0.5,
               label="1 person"),
        Line2D([], [], marker="o", linestyle="none", color=colour, markeredgecolor="white",
               markersize=(5 * _ONE * scale) ** 0.5, label="5 people"),
        Line2D([], [], marker="o", linestyle="none", markerfacecolor="none", markeredgecolor=DISPUTED_HATCH,
               markersize=(2 * _ONE * scale) ** 0.5, label="with disputed homes"),
        Line2D([], [], label="West and Southwest", **wsw_style),
        Line2D([], [], label="core Hazarajat", **haz_style),
    ]
    if unknown:
        handles.insert(3, Line2D([], [], marker="o", linestyle="none", color=UNKNOWN_COLOUR,
                                 markersize=(2 * _ONE * scale) ** 0.5, label="home unknown"))
    placed = float(counts.reindex(list(points)).fillna(0).sum())
    wsw_known = float(counts.reindex(wsw).fillna(0).sum())
    by_region = counts.reindex(list(regions.index)).fillna(0).groupby(regions.reindex(list(regions.index))).sum()
    by_region = by_region[by_region > 0].sort_values(ascending=False)
    titles = []
    if len(by_region) >= 2 and by_region.iloc[:2].sum() >= 0.6 * placed and placed:
        a, b = by_region.index[0], by_region.index[1]
        if wsw_known == 0:
            titles += [f"Most known homes are in the {a} and {b}; none is in the West or Southwest",
                       f"Most known homes: {a} and {b}; none in the West or Southwest",
                       "None known from the West or Southwest"]
        else:
            titles += [f"Most known homes are in the {a} and {b}", f"Most known homes: {a} and {b}"]
    elif wsw_known == 0:
        titles += ["No known home is in the West or Southwest", "None known from the West or Southwest"]
    titles += [f"{_num(placed)} of {_num(n)} have a known home province"]
    people = _roster_words(t, n)
    subtitle = [f"Home province of {people}: circle area is the number of people; a dashed ring adds those whose "
                "home the sources dispute.", f"Home province of {people}; area is the number of people.",
                "Area is the number of people."]
    total = placed + unknown + disputed + abroad + off_map
    why = ("someone whose sources give homes in two provinces (born in one, family from another) is on the map in "
           "both." if t.attrs.get("plural") else "the table's rows overlap.")
    counts_text = _counts_line(total, n, why)
    parts = [f"{_num(placed)} placed"]
    if disputed:
        parts.append(f"{_num(disputed)} with disputed homes (dashed rings, on each province named"
                     + (", or abroad)" if maybe_abroad else ")"))
    if unknown:
        parts.append(f"{_num(unknown)} of unknown home (grey)")
    if abroad:
        parts.append(f"{_num(abroad)} abroad (home outside Afghanistan)")
    if off_map:
        parts.append(f"{_num(off_map)} from places not on this map")
    counts_text = (counts_text + " " if counts_text else "") + f"Of {_num(n)}: {_join(parts)}."
    notes = ("Circle area proportional to the number of people; labels: known count, and (+k?) the disputed who may "
             "also come from there. Outlines: geoBoundaries gbOpen AFG ADM1 (public domain), see data/geo/README.md.")
    _finish(ax, title=titles, subtitle=subtitle, handles=handles, counts=counts_text,
            source=_source_line(t, roster_source=None)[:1] + ["Source: cabinet data package; outlines: geoBoundaries."],
            notes=notes, caption=caption, user_title=title)
    return ax
