"""The province map: known appointees per million inhabitants of each Afghan province."""

from __future__ import annotations

import json
import math
from functools import lru_cache

import numpy as np
import pandas as pd

from ._style import (
    PALETTE,
    TEXT_COLOUR,
    _NOTE_SIZE,
    _TICK_SIZE,
    _add_caption,
    _get_ax,
    _header,
    _literal,
    _num,
    _title,
    styled,
)
from ._tables import _caption_text, _first_block, _require, _require_afghan
from ..io.datapackage import data_dir
from ..baselines import POPULATIONS, population_by_province
from ..io.reference_tables import load_provinces
from ..regions import region_map
from ..groupings import allowed_values
from ..tags import ABROAD
from ..representation import representation

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


@styled
def plot_province_map(data=None, *, ax=None, caption=False, title=None):
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
    title : str, optional
        Replace the chart's own title (the finding).

    Raises
    ------
    ValueError
        For a table whose groups are not Afghan provinces (another country's
        roster): the map and its populations are Afghanistan's; the message
        names the chart to use instead.

    Returns
    -------
    matplotlib.axes.Axes
    """
    import matplotlib as mpl
    from matplotlib.collections import LineCollection, PatchCollection
    from matplotlib.colors import ListedColormap, Normalize
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch, Polygon


    if data is None:

        data = representation(by="province")
    _require(data, ["group", "status", "count", "n"], "plot_province_map")

    _require_afghan(data, what="plot_province_map", grouping="province", vocabulary=set(allowed_values("province")),
                    instead="plot_region_gap(representation(roster, by=COLUMN, baseline=...)), which draws any "
                            "grouping against your own baseline")
    t = _first_block(data)
    ax = _get_ax(ax)
    base_name = str(t["baseline"].iloc[0]) if "baseline" in t.columns else ""
    if base_name not in POPULATIONS:
        base_name = "nsia_1398"
    pop, _, _ = population_by_province(base_name)
    groups = t[t["status"] == "group"]
    counts = pd.Series(groups["count"].to_numpy(dtype=float), index=groups["group"]).groupby(level=0).sum()
    n = t["n"].iloc[0]
    unknown = float(t.loc[t["status"] == "unknown", "count"].sum())
    disputed = float(t.loc[t["status"] == "disputed", "count"].sum())
    # a home abroad is no province: it is counted in the box, never drawn
    abroad = float(groups.loc[groups["group"] == ABROAD, "count"].sum())
    off_map = float(groups.loc[~groups["group"].isin(pop.index) & (groups["group"] != ABROAD), "count"].sum())
    # a dispute that may resolve abroad: the row's bound exceeds its count by more than the unknowns
    row = groups[groups["group"] == ABROAD]
    maybe_abroad = bool(len(row)) and "count_max" in row.columns and \
        float((row["count_max"] - row["count"]).max()) > unknown

    features = _load_geojson(str(_geojson_path()))
    rate = counts.reindex(pop.index) / pop * 1e6
    vmax = float(np.nanmax(rate.to_numpy())) if rate.notna().any() else 0.0
    vmax = vmax if vmax > 0 else 1.0
    cmap = ListedColormap(mpl.colormaps["Blues"](np.linspace(0.05, 0.95, 256)), name="cabinet_blues")
    norm = Normalize(vmin=0, vmax=vmax)
    patches, colours, no_data = [], [], []
    for name, geom in features:
        value = rate.get(name, np.nan)
        for part in _polygons(geom):
            poly = Polygon(np.asarray(part.exterior.coords)[:, :2], closed=True)
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
    wsw_style = dict(color=PALETTE["vermillion"], linewidth=2.6, linestyle="solid")
    haz_style = dict(color="#000000", linewidth=1.8, linestyle=(0, (3.5, 1.8)))
    ax.add_collection(LineCollection(_outline(features, set(wsw)), zorder=3, capstyle="round",
                                     joinstyle="round", **wsw_style))
    ax.add_collection(LineCollection(_outline(features, set(core)), zorder=4, joinstyle="round", **haz_style))

    import shapely

    x0, y0, x1, y1 = shapely.unary_union([g for _, g in features]).bounds if features else (0, 0, 1, 1)

    # label the provinces with known appointees: inside large ones, by a leader line for small ones
    callouts = []
    for name, geom in features:
        c = counts.get(name, 0)
        if not c or geom.is_empty:
            continue
        main = _polygons(geom)[0]
        # a point guaranteed inside the province (a centroid can fall outside a concave shape)
        point = main.representative_point()
        cx, cy = point.x, point.y
        value = rate.get(name, np.nan)
        if main.area >= 1.0:
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
        missing_bits.append(f"{_num(disputed)} disputed between provinces" + (" or abroad" if maybe_abroad else ""))
    if abroad:
        missing_bits.append(f"{_num(abroad)} abroad (home outside Afghanistan)")
    if off_map:
        missing_bits.append(f"{_num(off_map)} from places not on this map")
    off = unknown + disputed + abroad + off_map
    text = (f"Not on the map: {_num(off)} of {_num(n)} appointees\n" + "\n".join(f"  {b}" for b in missing_bits)
            if off else f"All {_num(n)} appointees have a known home province")
    ax.text(0.99, 0.01, text, transform=ax.transAxes, ha="right", va="bottom", fontsize=_NOTE_SIZE,
            color=TEXT_COLOUR, linespacing=1.35, zorder=7, multialignment="left",
            bbox=dict(boxstyle="round,pad=0.45", facecolor="white", edgecolor="#BBBBBB", linewidth=0.6))

    wsw_known = float(counts.reindex(wsw).fillna(0).sum())
    haz_known = float(counts.reindex(core).fillna(0).sum())
    zero = int((counts.reindex(pop.index).fillna(0) == 0).sum())
    default = (f"{_num(wsw_known)} of {_num(n)} appointees known to come from the west and southwest, "
             f"{_num(haz_known)} from the core Hazarajat")
    subtitle = (f"Known home province of the {_num(n)} appointees per million inhabitants; "
                f"{zero} of {len(pop)} provinces have none known")
    if rate.notna().any() and float(rate.max()) > 0:
        top = rate.idxmax()
        subtitle += f"; the highest rate is {_literal(top)}'s ({rate[top]:.1f} per million)"
    _header(ax, _title(default, title), subtitle + ".")
    if caption:
        _add_caption(ax, _caption_text(t, n=n, lead=(
            f"Colour: known appointees divided by the province's population ({pop_label}) x 1,000,000. "
            "Outlines: geoBoundaries gbOpen AFG ADM1 (public domain), see data/geo/README.md.")))
    return ax
