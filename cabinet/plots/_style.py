"""Shared style, words and layout of the charts of :mod:`cabinet.plots`.

Conventions shared by every chart (the colours and marks are :mod:`cabinet.palette`'s):

- A one-line **title** in plain words states the finding, and holds whatever
  the unknown tags turn out to be (a statement about known values says
  "known"; a comparison says so only when it holds at both ends of the range
  the unknowns allow). A chart offers its title in several lengths and draws
  the longest that fits on one line at the size it is drawn
  (:func:`_finish`).
- A **subtitle** of at most two lines says what is measured.
- A **legend** in one style above the plot: the *known* value (the loudest
  mark, in the colour of the roster), the *range* the unknown and disputed
  tags allow (a pale band of the same colour), the *interval* (a thin dark
  line with end caps), the baseline (an open diamond or a grey band),
  unknown (grey) and disputed (hatched).
- Under the plot, one line on the **counts** when they do not add up to the
  roster (and why), one **Source:** line naming publishers, and with
  ``caption=True`` the method in a few lines with the versions of the
  package and the data.
- Appointees of unknown or disputed tag are always drawn, never dropped.
- Text from the data is shown literally: :func:`_literal` escapes ``$``.
- Fonts and sizes come from :func:`chart_style`, a seaborn ``axes_style`` and
  ``plotting_context`` applied as a context manager: no global setting changes.
  No chart text is smaller than :data:`MIN_TEXT_PT` points.

When a chart is the only axes of its figure, :func:`_finish` gives the figure
a layout engine (:class:`ChartLayout`) that places the header above and the
footer below the plot and fits everything inside the figure at whatever size
it is drawn: nothing is clipped, in a file, a notebook or the docs. A figure
narrower than :data:`NARROW_IN` inches gets the compact form of a chart
(:func:`_compact`).
- Text in every script the data hold: the charts' font is DejaVu Sans, which
  matplotlib ships (Latin, Greek, Cyrillic, and the Arabic script of Pashto
  and Dari), with fonts of the Arabic script after it where installed
  (:func:`font_family`); matplotlib (3.8 and later, through libraqm) joins
  Arabic letters and sets them right to left in PNG and PDF. SVG text stays
  text (:func:`text_rc`), which the browser shapes with its own fonts (the
  font stack ends with fonts a reader's machine has and the generic
  ``sans-serif``). A character no font has is named in a warning
  (:func:`missing_glyphs`), not drawn as a silent box.

How a chart quotes probabilities is :mod:`cabinet.plots._p_values`; checking a
chart's table and naming its baseline, roster and sources, :mod:`cabinet.plots._tables`.
"""

from __future__ import annotations

import functools
import math
from contextlib import contextmanager

import numpy as np
import seaborn as sns
from matplotlib.layout_engine import LayoutEngine

from .. import __version__, palette
from ..io.datapackage import descriptor

#: seaborn's colour-blind-safe palette (``seaborn.color_palette("colorblind")``), by colour name. Kept for
#: code that used it; the charts take their colours from :mod:`cabinet.palette`.
PALETTE = dict(zip(
    ("blue", "orange", "green", "vermillion", "purple", "brown", "pink", "grey", "yellow", "sky_blue"),
    sns.color_palette("colorblind").as_hex(),
))

#: Former name of :data:`PALETTE`.
OKABE_ITO = PALETTE

TEXT_COLOUR = palette.TEXT
MUTED = palette.MUTED
UNKNOWN_COLOUR = palette.UNKNOWN
DISPUTED_FACE = palette.DISPUTED
DISPUTED_HATCH = palette.DISPUTED_HATCH
BASELINE_COLOUR = palette.BASELINE
INTERVAL_COLOUR = palette.INTERVAL
#: The colour of a roster without a name (the charts use :func:`roster_colour`).
CABINET_COLOUR = palette.colour("roster", "taliban-2021")

#: Type sizes in points. No chart text is smaller than MIN_TEXT_PT.
_TITLE_SIZE = 12.5
_TITLE_SIZE_NARROW = 11.5
_SUBTITLE_SIZE = 9.5
_LABEL_SIZE = 9.0
_TICK_SIZE = 8.5
_NOTE_SIZE = 8.5
_CAPTION_SIZE = 8.0
MIN_TEXT_PT = 8.0
#: A figure this wide (inches) or narrower is drawn in the compact form of its chart.
NARROW_IN = 5.5
#: Margin of the chart inside its figure, in points.
_PAD = 7.0

#: Display names of the network tags of the data package (:mod:`cabinet.palette` holds them).
NETWORK_LABELS = {key: ent.label for key, ent in palette.ENTITIES["network"].items()}

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


def roster_colour(table) -> str:
    """The colour of the roster a table describes (its ``attrs["roster"]``; a roster of your own otherwise)."""
    attrs = getattr(table, "attrs", {}) or {}
    return palette.colour("roster", attrs.get("roster"))


def roster_entity(table) -> tuple:
    """``("roster", key)``: the entity of the roster a table describes, for :func:`_mark`."""
    attrs = getattr(table, "attrs", {}) or {}
    return ("roster", palette.roster_key(attrs.get("roster")))


def _mark(artist, *entities):
    """Record which entity (``(family, key)`` of :mod:`cabinet.palette`) an artist draws, in its colour.

    A collection of patches records one entity per patch. Tests read these marks to check that an
    entity has the same colour in every chart.
    """
    if artist is not None:
        artist._cabinet_entities = list(entities)
    return artist


def group_name(by, group) -> str:
    """The name a reader sees for a group code (``abdullah_camp`` -> ``Abdullah's camp``), escaped."""
    fam = {"network": "network", "party": "party"}.get(str(by))
    return _literal(palette.label(fam, group) if fam else group)


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
    return _isolated(str(text).replace("$", r"\$"))


def _isolated(text: str) -> str:
    """Text with a right-to-left letter set apart as its own run (FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE).

    A group name in Arabic script at the start of an English title would
    otherwise make the whole line right to left (the Unicode bidirectional
    algorithm takes a line's direction from its first letter): "هرات: 0 of 6"
    would be drawn with the English words reversed around it. Inside the
    isolate the name keeps its own direction; text without a right-to-left
    letter is returned as it is.

    Examples
    --------
    >>> _isolated("Kandahar") == "Kandahar"
    True
    >>> _isolated("هرات") == "\u2068هرات\u2069"
    True
    """
    import unicodedata

    if not any(unicodedata.bidirectional(c) in ("R", "AL") for c in text):
        return text
    return "\u2068" + text + "\u2069"


#: The charts' font: shipped with matplotlib, so every installation has it. It covers Latin, Greek,
#: Cyrillic and the Arabic script (the letters of Pashto and Dari but for U+06CD, YEH WITH TAIL).
FONT = "DejaVu Sans"

#: Fonts with Arabic-script glyphs tried after :data:`FONT`, glyph by glyph, where installed (Debian:
#: fonts-noto-core has the first two; Vazirmatn and Amiri are packaged as fonts-vazirmatn, fonts-hosny-amiri).
FALLBACK_FONTS = ("Noto Sans Arabic", "Noto Naskh Arabic", "Vazirmatn", "Amiri")


@functools.lru_cache(maxsize=1)
def font_family() -> tuple[str, ...]:
    """The charts' font family: :data:`FONT`, then each of :data:`FALLBACK_FONTS` that is installed.

    Examples
    --------
    >>> font_family()[0]
    'DejaVu Sans'
    """
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return (FONT,) + tuple(f for f in FALLBACK_FONTS if f in installed)


def text_rc() -> dict:
    """The rc settings of the charts' text when they are saved (used by :mod:`cabinet.charts` and the report).

    ``font.family`` is :func:`font_family`, then the generic ``sans-serif`` (the
    fonts of :data:`cabinet.palette.FONT_STACK`, so an SVG names fonts a reader's
    machine has); ``svg.fonttype`` is ``"none"``, so
    an SVG chart holds its words as text (searchable, read by screen readers,
    shaped by the browser: names in Arabic script join and run right to left
    with the reader's fonts) rather than as outlines; ``pdf.fonttype`` 42
    embeds the TrueType fonts.

    Examples
    --------
    >>> text_rc()["svg.fonttype"]
    'none'
    """
    return {"font.family": [*font_family(), "sans-serif"], "font.sans-serif": list(palette.FONT_STACK[:-1]),
            "svg.fonttype": "none", "pdf.fonttype": 42}


@functools.lru_cache(maxsize=64)
def _charmap(family: str, weight, style: str) -> frozenset:
    """The code points of the font matplotlib picks for ``family`` in that weight and style (empty: none found)."""
    from matplotlib import font_manager

    try:
        path = font_manager.findfont(font_manager.FontProperties(family=family, weight=weight, style=style),  # type: ignore[arg-type]
                                     fallback_to_default=False)
    except ValueError:
        return frozenset()
    return frozenset(font_manager.get_font(path).get_charmap())


def missing_glyphs(fig) -> list[str]:
    """The characters of a figure's text that no font of :func:`font_family` has (drawn as boxes in PNG and PDF).

    Each text is checked against the fonts of its own weight and style (DejaVu
    Sans Bold has the Arabic script; its oblique faces have not). Spaces,
    control and format characters (such as the marks that set the direction of
    text) are not drawn and not counted.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> fig = Figure()
    >>> _ = fig.text(0, 0, "ملا محمد حسن \u06cd", family=list(font_family()))
    >>> [f"U+{ord(c):04X}" for c in missing_glyphs(fig)] if len(font_family()) == 1 else ["U+06CD"]
    ['U+06CD']
    """
    import unicodedata

    from matplotlib.text import Text

    missing: set[str] = set()
    for t in fig.findobj(Text):
        text = t.get_text()
        if not t.get_visible() or not text:
            continue
        prop = t.get_fontproperties()
        covered = frozenset().union(*(_charmap(f, prop.get_weight(), prop.get_style()) for f in font_family()))
        missing.update(c for c in text if ord(c) not in covered
                       and unicodedata.category(c) not in ("Cc", "Cf", "Zs", "Zl", "Zp"))
    return sorted(missing)


def warn_missing_glyphs(fig, name: str) -> None:
    """Warn, in one plain sentence, when the chart ``name`` holds characters no font of the charts can draw."""
    missing = missing_glyphs(fig)
    if not missing:
        return
    import unicodedata
    import warnings

    shown = ", ".join(f"{c} (U+{ord(c):04X} {unicodedata.name(c, 'unnamed')})" for c in missing)
    warnings.warn(f"chart {name}: no font of the charts ({', '.join(font_family())}) has {shown}; PNG and PDF draw "
                  f"{'it' if len(missing) == 1 else 'them'} as a box (SVG leaves the text to the reader's fonts). "
                  f"Install a font that has {'it' if len(missing) == 1 else 'them'} (one of "
                  f"{', '.join(FALLBACK_FONTS)}; Debian: fonts-noto-core) and draw the chart again",
                  UserWarning, stacklevel=2)


def _get_ax(ax):
    if ax is None:
        import matplotlib.pyplot as plt

        ax = plt.gca()
    return ax


def _num(x) -> str:
    """A count without a trailing ``.0``."""
    x = float(x)
    return f"{x:.0f}" if x.is_integer() else f"{x:.1f}"


def _pct(x, digits=1) -> str:
    return f"{100 * float(x):.{digits}f}%"


def _join(items, word="and") -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


# ---------------------------------------------------------------------------
# measuring text
# ---------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _measurer():
    from matplotlib.backends.backend_agg import RendererAgg

    return RendererAgg(10, 10, 72)  # at 72 dpi a pixel is a point


def _text_width(text, size, weight="normal") -> float:
    """Width in points of one line of ``text`` in the charts' font (drawn literally)."""
    from matplotlib.font_manager import FontProperties

    prop = FontProperties(size=size, weight=weight)
    shown = str(text).replace(r"\$", "$")
    w, _, _ = _measurer().get_text_width_height_descent(shown, prop, ismath=False)
    return float(w)


def _wrap_to(text, width_pt, size, weight="normal") -> list[str]:
    """``text`` broken into lines no wider than ``width_pt`` (a word longer than the width gets a line of its own)."""
    lines: list[str] = []
    for para in str(text).split("\n"):
        line = ""
        for word in para.split(" "):
            trial = word if not line else f"{line} {word}"
            if line and _text_width(trial, size, weight) > width_pt:
                lines.append(line)
                line = word
            else:
                line = trial
        lines.append(line)
    return lines


def _fits(text, width_pt, size, weight="normal") -> bool:
    return "\n" not in str(text) and _text_width(text, size, weight) <= width_pt


# ---------------------------------------------------------------------------
# the frame of a chart: title, subtitle, legend, counts, source, notes
# ---------------------------------------------------------------------------

def _frame_of(ax) -> dict:
    """The artists of a chart's frame (header and footer), kept on its axes (so a pickled figure keeps them)."""
    return getattr(ax, "_cabinet_frame", None) or {}


def _main_axes(fig):
    """The figure's top-level axes (inset and secondary axes belong to their parent)."""
    children = set()
    for a in fig.axes:
        children.update(getattr(a, "child_axes", []))
    return [a for a in fig.axes if a not in children and a.get_visible()]


def _single(ax) -> bool:
    """Whether ``ax`` is the only plot of its figure (then the chart lays out the whole figure)."""
    fig = ax.get_figure(root=True)
    return _main_axes(fig) == [ax]


def _frame_width(ax) -> float:
    """Width in points that the header and footer may fill."""
    fig = ax.get_figure(root=True)
    figw = fig.get_figwidth() * 72
    if _single(ax):
        return figw - 2 * _PAD
    pos = ax.get_position()
    return max(150.0, pos.width * figw)


def _compact(ax) -> bool:
    """Whether the chart is drawn in its compact form (a figure :data:`NARROW_IN` inches wide or narrower)."""
    return ax.get_figure(root=True).get_figwidth() <= NARROW_IN + 1e-9


def _choose(candidates, width_pt, size, weight="normal", max_lines=1):
    """The first candidate that fits in ``max_lines`` lines of ``width_pt``, wrapped; else the last, wrapped."""
    if isinstance(candidates, str):
        candidates = [candidates]
    candidates = [c for c in candidates if c]
    if not candidates:
        return ""
    for c in candidates:
        lines = _wrap_to(c, width_pt, size, weight)
        if len(lines) <= max_lines:
            return "\n".join(lines)
    return "\n".join(_wrap_to(candidates[-1], width_pt, size, weight))


def _title_text(candidates, width_pt, compact):
    """(text, size): the longest candidate title that fits one line; the shortest, smaller, if none does."""
    size = _TITLE_SIZE_NARROW if compact else _TITLE_SIZE
    if isinstance(candidates, str):
        candidates = [candidates]
    candidates = [c for c in candidates if c]
    for c in candidates:
        if _fits(c, width_pt, size, "bold"):
            return c, size
    last = candidates[-1] if candidates else ""
    while size > 9.0 and not _fits(last, width_pt, size, "bold"):
        size -= 0.5
    return last, size


def _legend_columns(handles, width_pt, size, labels=None) -> int:
    """How many legend entries fit side by side in ``width_pt``."""
    widths = []
    for i, h in enumerate(handles):
        text = labels[i] if labels is not None else h.get_label()
        widths.append(max(_text_width(t, size) for t in text.split("\n")) + size * (1.6 + 0.5 + 1.3))
    for ncol in range(len(handles), 0, -1):
        nrows = math.ceil(len(handles) / ncol)
        # matplotlib fills columns top to bottom: column c holds entries c*nrows .. (c+1)*nrows-1
        cols = [max(widths[c * nrows:(c + 1) * nrows], default=0) for c in range(ncol)]
        if sum(cols) <= width_pt:
            return ncol
    return 1


def _finish(ax, *, title, subtitle=None, handles=(), counts="", source="", notes="", caption=False,
            user_title=None, legend=True, labels=None, own=False):
    """Write the frame of a chart: title, subtitle, legend above the plot; counts, source and notes below.

    ``title`` and ``subtitle`` are a text or a list of candidates, longest first
    (already escaped with :func:`_literal`); the title drawn is the first that
    fits on one line at the chart's size, the subtitle the first that fits in
    two. ``counts`` (why the counts shown do not add up to the roster, if they
    do not) and ``source`` (``Source: ...``, publishers) are always written;
    ``notes`` (the method, already escaped) only with ``caption=True``, with
    the versions of the package and the data (of the package alone for a
    user's ``own`` roster). A user's ``title`` replaces the chart's own.
    """
    from matplotlib.transforms import blended_transform_factory

    fig = ax.get_figure(root=True)
    compact = _compact(ax)
    width = _frame_width(ax)
    single = _single(ax)
    if user_title is not None:
        text, size = _title_text([_literal(user_title)], width, compact)
    else:
        text, size = _title_text(title, width, compact)
    ax.set_title(text, loc="left", fontsize=size, fontweight="bold", color=TEXT_COLOUR, pad=6)
    for other in ("center", "right"):
        ax.set_title("", loc=other)
    x_coords = "figure points" if single else "axes fraction"
    x0 = _PAD if single else 0.0
    frame = {"header": [], "footer": [], "legend": None, "single": single}
    sub = _choose(subtitle, width, _SUBTITLE_SIZE, max_lines=2) if subtitle else ""
    if sub:
        frame["subtitle"] = ax.annotate(sub, xy=(x0, 1), xycoords=(x_coords, "axes fraction"), xytext=(0, 6),
                                        textcoords="offset points", ha="left", va="bottom", fontsize=_SUBTITLE_SIZE,
                                        color=MUTED, annotation_clip=False, linespacing=1.25)
        frame["header"].append(frame["subtitle"])
    handles = list(handles)
    if handles and legend:
        frame["handles"], frame["labels"] = handles, labels
        frame["legend"] = _make_legend(ax, handles, _legend_columns(handles, width, _NOTE_SIZE, labels), single,
                                       labels)
        frame["header"].append(frame["legend"])
    lines = []
    if counts:
        lines.append(("counts", "\n".join(_wrap_to(counts, width, _CAPTION_SIZE)), TEXT_COLOUR))
    if source:
        lines.append(("source", _choose(source, width, _CAPTION_SIZE, max_lines=1), MUTED))
    if caption:
        versions = f"cabinet {__version__}" if own else _versions()
        extra = f"{notes} Data: {versions}." if notes else f"Data: {versions}."
        lines.append(("notes", "\n".join(_wrap_to(extra.strip(), width, _CAPTION_SIZE)), MUTED))
    for kind, body, colour in lines:
        t = ax.annotate(body, xy=(x0, 0), xycoords=(x_coords, "axes fraction"), xytext=(0, -8),
                        textcoords="offset points", ha="left", va="top", fontsize=_CAPTION_SIZE, color=colour,
                        annotation_clip=False, linespacing=1.3)
        frame[kind] = t
        frame["footer"].append(t)
    ax._cabinet_frame = frame
    if single:
        fig.set_layout_engine(ChartLayout(ax))
    else:
        _stack(ax, fig._get_renderer())
    return ax


def _make_legend(ax, handles, ncol, single, labels=None):
    """The chart's legend, above the plot at the left edge of the frame, in the one legend style.

    A handle may be a tuple of artists drawn over each other (a band with a dot: a roster's known and
    possible shares); then ``labels`` names each entry.
    """
    from matplotlib.legend_handler import HandlerTuple
    from matplotlib.transforms import blended_transform_factory

    fig = ax.get_figure(root=True)
    trans = blended_transform_factory(fig.transFigure, ax.transAxes) if single else ax.transAxes
    anchor = _PAD / (fig.get_figwidth() * 72) if single else 0.0
    args = (handles, labels) if labels is not None else ()
    kw = {} if labels is not None else {"handles": handles}
    leg = ax.legend(*args, **kw, handler_map={tuple: HandlerTuple(ndivide=None, pad=0)}, loc="lower left",
                    bbox_to_anchor=(anchor, 1.0), bbox_transform=trans, ncol=ncol,
                    frameon=False, fontsize=_NOTE_SIZE, handlelength=1.6, handleheight=0.9, handletextpad=0.5,
                    columnspacing=1.3, borderaxespad=0.0, borderpad=0.15, labelspacing=0.35, alignment="left")
    for t in leg.get_texts():
        t.set_color(TEXT_COLOUR)
    return leg


def frame_texts(ax) -> dict:
    """The words of a chart's frame: ``title``, ``subtitle``, ``counts``, ``source``, ``notes`` (empty if absent).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from matplotlib.figure import Figure
    >>> from cabinet.plots import plot_region_gap
    >>> words = frame_texts(plot_region_gap(ax=Figure(figsize=(8, 5)).add_subplot()))
    >>> words["source"].startswith("Source:")
    True
    """
    frame = _frame_of(ax)
    out = {"title": ax.get_title(loc="left")}
    for key in ("subtitle", "counts", "source", "notes"):
        artist = frame.get(key)
        out[key] = artist.get_text() if artist is not None else ""
    return out


def _frame_artists(ax) -> list:
    frame = _frame_of(ax)
    return [a for a in frame.get("header", []) + frame.get("footer", []) if a is not None]


def _content_bbox(ax, renderer, *, header=False, footer=False, title=False):
    """Union of the window extents of the axes, its axis decorations and its artists, without the frame."""
    from matplotlib.transforms import Bbox

    skip = set(map(id, _frame_artists(ax)))
    frame = _frame_of(ax)
    keep = set()
    if header:
        keep |= set(map(id, frame.get("header", [])))
    if footer:
        keep |= set(map(id, frame.get("footer", [])))
    boxes = [ax.get_window_extent(renderer)]
    for axis in (ax.xaxis, ax.yaxis):
        if ax.axison and axis.get_visible():
            bb = axis.get_tightbbox(renderer)
            if bb is not None and bb._is_finite():
                boxes.append(bb)
    if title and ax.get_title(loc="left"):
        boxes.append(ax._left_title.get_window_extent(renderer))
    for a in ax.get_default_bbox_extra_artists():
        if a in (ax.title, ax._left_title, ax._right_title):
            continue
        if id(a) in skip and id(a) not in keep:
            continue
        try:
            bb = a.get_tightbbox(renderer)
        except Exception:  # pragma: no cover - defensive
            bb = None
        if bb is not None and bb._is_finite() and (bb.width > 0 or bb.height > 0):
            boxes.append(bb)
    return Bbox.union(boxes)


def _frame_box(ax, renderer):
    """Union of the window extents of the frame's artists (title, subtitle, legend, footer lines)."""
    from matplotlib.transforms import Bbox

    boxes = [a.get_window_extent(renderer) for a in _frame_artists(ax) if a.get_visible()]
    if ax.get_title(loc="left"):
        boxes.append(ax._left_title.get_window_extent(renderer))
    boxes = [b for b in boxes if b.width > 0 or b.height > 0]
    return Bbox.union(boxes) if boxes else None


def _stack(ax, renderer, box=None, body=None):
    """Place the header above the plot and the footer below it, each piece after the previous one.

    ``box`` is the axes' window extent and ``body`` the extent of the plot with its decorations (both
    measured here when not given). Returns the extent of the plot and its whole frame.
    """
    from matplotlib.transforms import Bbox

    frame = _frame_of(ax)
    fig = ax.get_figure(root=True)
    if box is None or body is None:
        ax.apply_aspect()
        box = ax.get_window_extent(renderer)
        body = _content_bbox(ax, renderer)
    if not frame:
        return body
    pt = fig.dpi / 72.0
    top = max(box.y1, body.y1)
    y = (top - box.y1) / pt + 5  # points above the axes' top edge
    leg = frame.get("legend")
    if leg is not None:
        from matplotlib.transforms import blended_transform_factory

        if frame["single"]:
            anchor, trans = _PAD / (fig.get_figwidth() * 72), blended_transform_factory(fig.transFigure, ax.transAxes)
        else:
            anchor, trans = 0.0, ax.transAxes
        leg.set_bbox_to_anchor((anchor, 1 + y * pt / max(box.height, 1.0)), transform=trans)
        avail = _frame_width(ax) * pt
        ncol = leg._ncols
        while leg.get_window_extent(renderer).width > avail and ncol > 1:  # wider than estimated: one column less
            ncol -= 1
            frame["header"].remove(leg)
            leg = _make_legend(ax, frame["handles"], ncol, frame["single"], frame.get("labels"))
            frame["legend"] = leg
            frame["header"].append(leg)
            leg.set_bbox_to_anchor((anchor, 1 + y * pt / max(box.height, 1.0)), transform=trans)
        y += leg.get_window_extent(renderer).height / pt + 4
    sub = frame.get("subtitle")
    if sub is not None:
        sub.xyann = (0, y)
        y += sub.get_window_extent(renderer).height / pt + 3
    ax._set_title_offset_trans(y)
    ax._autotitlepos = False
    ax._left_title.set_y(1.0)
    if frame["single"]:
        ax._left_title.set_x((_PAD * pt - box.x0) / max(box.width, 1.0))
    else:
        ax._left_title.set_x(0.0)
    y = (box.y0 - body.y0) / pt + 8  # points below the axes' bottom edge
    for t in frame["footer"]:
        t.xyann = (0, -y)
        y += t.get_window_extent(renderer).height / pt + 2
    whole = _frame_box(ax, renderer)
    return Bbox.union([body, whole]) if whole is not None else body


class ChartLayout(LayoutEngine):
    """Lay out a chart that is the only plot of its figure: the header above, the footer below, all inside.

    :func:`_finish` gives this engine to the figure. At a draw the plot area is
    moved and sized so that its tick labels, annotations, header and footer
    all lie inside the figure, ``_PAD`` points from its edges: nothing is
    clipped at any figure size. A figure drawn again at the same size keeps
    its layout; a figure with more than one plot is left as it is.
    """

    _adjust_compatible = True
    _colorbar_gridspec = False

    def __init__(self, ax, **kwargs):
        super().__init__(**kwargs)
        self._ax = ax
        self._done = None

    def execute(self, fig):
        ax = self._ax
        if ax is None or _main_axes(fig) != [ax]:
            return
        size = (fig.bbox.width, fig.bbox.height, fig.dpi)
        if self._done == size:
            return
        renderer = fig._get_renderer()
        W, H = fig.bbox.width, fig.bbox.height
        pad = _PAD * fig.dpi / 72.0
        for _ in range(5):
            ax.apply_aspect()
            box = ax.get_window_extent(renderer)
            body = _content_bbox(ax, renderer)
            whole = _stack(ax, renderer, box, body)
            left, right = box.x0 - body.x0, body.x1 - box.x1
            below, above = box.y0 - whole.y0, whole.y1 - box.y1
            x0, x1 = pad + left, W - pad - right
            y0, y1 = pad + below, H - pad - above
            if x1 - x0 < 0.2 * W:
                x0, x1 = min(x0, 0.4 * W), max(x1, 0.6 * W)
            if y1 - y0 < 0.15 * H:
                y0, y1 = min(y0, 0.4 * H), max(y1, 0.55 * H)
            old = ax.get_position(original=True)
            new = [x0 / W, y0 / H, (x1 - x0) / W, (y1 - y0) / H]
            if max(abs(old.x0 - new[0]) * W, abs(old.y0 - new[1]) * H, abs(old.width - new[2]) * W,
                   abs(old.height - new[3]) * H) < 0.5:
                break
            ax.set_position(new, which="both")
        self._done = size


def fit_height(fig, body_in: float) -> None:
    """Make ``fig`` as tall as its chart's header and footer plus ``body_in`` inches of plot.

    Used by the chart files and the report: a chart whose header or footer
    needs more lines at a narrow width grows instead of squeezing its plot,
    and a chart of fixed aspect (a map, a waffle) loses the empty band its
    aspect would leave.
    """
    axes = _main_axes(fig)
    if len(axes) != 1 or not _frame_of(axes[0]):
        return
    ax = axes[0]
    fig.draw_without_rendering()
    renderer = fig._get_renderer()
    ax.apply_aspect()
    box = ax.get_window_extent(renderer)
    whole = _stack(ax, renderer)
    extra = (whole.height - box.height) / fig.dpi + 2 * _PAD / 72
    fig.set_size_inches(fig.get_figwidth(), max(1.5, extra + body_in))
    fig.draw_without_rendering()
    active = ax.get_position(original=False).height * fig.get_figheight()
    room = ax.get_position(original=True).height * fig.get_figheight()
    if room - active > 0.02:  # a fixed aspect leaves room unused: give it back
        fig.set_size_inches(fig.get_figwidth(), fig.get_figheight() - (room - active))
        fig.draw_without_rendering()


def _style_axes(ax, *, grid_axis="x"):
    ax.tick_params(labelsize=_TICK_SIZE, colors=TEXT_COLOUR, length=3)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color("#8C8C8C")
    if grid_axis:
        ax.grid(axis=grid_axis, color=palette.GRID, linewidth=0.6)
        ax.set_axisbelow(True)


def _versions() -> str:
    return f"cabinet {__version__}, data package {descriptor().get('version', '?')}"


# ---------------------------------------------------------------------------
# the marks, in one legend style
# ---------------------------------------------------------------------------


def known_handle(colour, label):
    """Legend entry of the *known* mark: a filled dot in the roster's colour."""
    from matplotlib.lines import Line2D

    return Line2D([], [], marker="o", color=colour, markeredgecolor="white", markeredgewidth=0.6,
                  linestyle="none", markersize=7, label=label)


def range_handle(colour, label):
    """Legend entry of the *range* mark: a pale band of the roster's colour."""
    from matplotlib.patches import Patch

    return Patch(facecolor=palette.tint(colour, 0.35), edgecolor="none", label=label)


def interval_handle(label="95% interval"):
    """Legend entry of the *interval* mark: a thin dark line with end caps."""
    from matplotlib.lines import Line2D

    return Line2D([], [], color=INTERVAL_COLOUR, linewidth=1.0, marker="|", markersize=7, markeredgewidth=1.0,
                  label=label)


def baseline_handle(label):
    """Legend entry of a baseline share: an open diamond."""
    from matplotlib.lines import Line2D

    return Line2D([], [], marker="D", markerfacecolor="white", markeredgecolor=BASELINE_COLOUR,
                  markeredgewidth=1.3, linestyle="none", markersize=6, label=label)


def baseline_band_handle(label):
    """Legend entry of a baseline range: a grey band."""
    from matplotlib.patches import Patch

    return Patch(facecolor="#D9D9D9", edgecolor="none", label=label)


def unknown_handle(label):
    from matplotlib.patches import Patch

    return Patch(facecolor=UNKNOWN_COLOUR, edgecolor="none", label=label)


def disputed_handle(label):
    from matplotlib.patches import Patch

    return Patch(facecolor=DISPUTED_FACE, edgecolor=DISPUTED_HATCH, hatch="////", linewidth=0.6, label=label)


def _range_bar(ax, y, lo, hi, colour, *, height=0.36, zorder=1):
    """The *range* mark: a pale band from ``lo`` to ``hi`` at row ``y`` (data coordinates)."""
    from matplotlib.patches import Rectangle

    if hi <= lo:
        return None
    rect = Rectangle((lo, y - height / 2), hi - lo, height, facecolor=palette.tint(colour, 0.35), edgecolor="none",
                     zorder=zorder)
    ax.add_patch(rect)
    return rect


def _interval(ax, y, lo, hi, *, zorder=2, cap=0.13):
    """The *interval* mark: a thin dark line from ``lo`` to ``hi`` with end caps at row ``y``."""
    ax.plot([lo, hi], [y, y], color=INTERVAL_COLOUR, linewidth=0.9, zorder=zorder, solid_capstyle="butt")
    ax.plot([lo, lo], [y - cap, y + cap], color=INTERVAL_COLOUR, linewidth=0.9, zorder=zorder)
    ax.plot([hi, hi], [y - cap, y + cap], color=INTERVAL_COLOUR, linewidth=0.9, zorder=zorder)


def _known_dot(ax, x, y, colour, *, size=7.5, zorder=5, entity=None):
    """The *known* mark: a filled dot with a thin white edge, on top of everything."""
    (line,) = ax.plot([x], [y], marker="o", color=colour, markersize=size, markeredgecolor="white",
                      markeredgewidth=0.7, linestyle="none", zorder=zorder, clip_on=False)
    if entity is not None:
        _mark(line, entity)
    return line


def _baseline_mark(ax, x, y, *, zorder=4, size=6.0):
    (line,) = ax.plot([x], [y], marker="D", markerfacecolor="white", markeredgecolor=BASELINE_COLOUR,
                      markeredgewidth=1.3, markersize=size, linestyle="none", zorder=zorder, clip_on=False)
    return line


# ---------------------------------------------------------------------------
# style
# ---------------------------------------------------------------------------

#: rc settings of the charts on top of seaborn's ``ticks`` style and ``paper`` context.
_STYLE_RC = {
    "axes.edgecolor": "#8C8C8C",
    "axes.labelcolor": TEXT_COLOUR,
    "text.color": TEXT_COLOUR,
    "xtick.color": TEXT_COLOUR,
    "ytick.color": TEXT_COLOUR,
    "grid.color": palette.GRID,
    "grid.linewidth": 0.6,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "legend.frameon": False,
    "hatch.linewidth": 0.6,
}


_CONTEXT_RC = {
    "axes.titlesize": _TITLE_SIZE,
    "axes.labelsize": _LABEL_SIZE,
    "xtick.labelsize": _TICK_SIZE,
    "ytick.labelsize": _TICK_SIZE,
    "legend.fontsize": _NOTE_SIZE,
    "font.size": _LABEL_SIZE,
}


@contextmanager
def chart_style():
    """The charts' look, as seaborn ``axes_style`` and ``plotting_context`` context managers.

    Inside the ``with`` block seaborn's ``ticks`` style and ``paper`` context
    apply, with the sizes, colours and fonts of the charts (DejaVu Sans, which
    matplotlib ships, then fonts a reader's machine may have instead); on
    leaving it every rc setting is restored, so drawing a chart changes no
    global style.

    Examples
    --------
    >>> import matplotlib as mpl
    >>> before = dict(mpl.rcParams)
    >>> with chart_style():
    ...     inside = mpl.rcParams["axes.spines.top"]
    >>> inside, dict(mpl.rcParams) == before
    (False, True)
    """
    fonts = {k: v for k, v in text_rc().items() if k.startswith("font.")}
    with sns.axes_style("ticks", rc={**_STYLE_RC, **fonts}), sns.plotting_context("paper", rc=_CONTEXT_RC):
        yield


def styled(func):
    """Run a plot function inside :func:`chart_style` (the docstring and signature are kept)."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with chart_style():
            return func(*args, **kwargs)

    return wrapper


def _labels(ax, *, title=None, xlabel=None, ylabel=None):
    """Apply user-given axis labels (None keeps the chart's own; '' removes it)."""
    if xlabel is not None:
        ax.set_xlabel(_literal(xlabel), fontsize=_LABEL_SIZE, color=TEXT_COLOUR)
    if ylabel is not None:
        ax.set_ylabel(_literal(ylabel), fontsize=_LABEL_SIZE, color=TEXT_COLOUR)


def _counts_line(total, n, why) -> str:
    """The line under a chart when the counts shown do not add up to the roster: by how much, and why."""
    if abs(float(total) - float(n)) < 1e-9:
        return ""
    return f"The counts add up to {_num(total)}, not {_num(n)}: {why}"

