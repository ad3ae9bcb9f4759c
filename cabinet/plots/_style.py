"""Shared style and helpers of the charts of :mod:`cabinet.plots`.

Conventions shared by every chart:

- The title states the finding, with the numbers of the table, and says no
  more than the data do: a statement that depends on unknown tags says so.
- Appointees of unknown or disputed tag are always drawn (grey or hatched),
  never dropped in silence.
- Colours come from seaborn's colour-blind palette (:data:`PALETTE`), fonts
  and sizes from :func:`chart_style`, a seaborn ``axes_style`` and
  ``plotting_context`` applied as a context manager: no global matplotlib
  setting is changed.
- Text from the data is shown literally: :func:`_literal` escapes ``$`` so
  matplotlib does not read a name as mathtext.
- ``caption=True`` writes below the axes the baseline, its source ids and the
  versions of the package and of the data package.
"""

from __future__ import annotations

import json
import math
import textwrap
from functools import lru_cache

import numpy as np
import pandas as pd



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
    from .. import __version__
    from ..datapackage import descriptor

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
