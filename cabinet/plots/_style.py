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
- Text in every script the data hold: the charts' font is DejaVu Sans, which
  matplotlib ships (Latin, Greek, Cyrillic, and the Arabic script of Pashto
  and Dari), with fonts of the Arabic script after it where installed
  (:func:`font_family`); matplotlib (3.8 and later, through libraqm) joins
  Arabic letters and sets them right to left in PNG and PDF. SVG text stays
  text (:func:`text_rc`), which the browser shapes with its own fonts. A
  character no font has is named in a warning (:func:`missing_glyphs`), not
  drawn as a silent box.

How a chart quotes probabilities is :mod:`cabinet.plots._p_values`; checking a
chart's table and naming its baseline and roster, :mod:`cabinet.plots._tables`.
"""

from __future__ import annotations

import functools
import math
import textwrap
from contextlib import contextmanager

import numpy as np
import seaborn as sns
from ..io.datapackage import descriptor
from .. import __version__


#: seaborn's colour-blind-safe palette (``seaborn.color_palette("colorblind")``), by colour name.
PALETTE = dict(zip(
    ("blue", "orange", "green", "vermillion", "purple", "brown", "pink", "grey", "yellow", "sky_blue"),
    sns.color_palette("colorblind").as_hex(),
))


#: Former name of :data:`PALETTE` (the charts used the Okabe-Ito palette before seaborn's).
OKABE_ITO = PALETTE


_CYCLE = [PALETTE[c] for c in ("orange", "blue", "green", "purple", "sky_blue", "vermillion", "yellow", "brown")]


CABINET_COLOUR = PALETTE["vermillion"]


BASELINE_COLOUR = PALETTE["blue"]


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
    "kandahari_leadership": PALETTE["orange"],
    "haqqani": PALETTE["blue"],
    "doha_office": PALETTE["green"],
    "peshawar_shura": PALETTE["purple"],
    "northern": PALETTE["sky_blue"],
    "helmandi_ishaqzai": PALETTE["vermillion"],
    "helmandi_alizai": PALETTE["yellow"],
    "mashhad_office": PALETTE["brown"],
    "other": PALETTE["grey"],
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
    "West+Southwest": PALETTE["vermillion"],
    "Core Hazarajat": PALETTE["blue"],
    "Helmandi networks": PALETTE["purple"],
    "Non-Pashtun": PALETTE["green"],
}


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

    ``font.family`` is :func:`font_family`; ``svg.fonttype`` is ``"none"``, so
    an SVG chart holds its words as text (searchable, read by screen readers,
    shaped by the browser: names in Arabic script join and run right to left
    with the reader's fonts) rather than as outlines; ``pdf.fonttype`` 42
    embeds the TrueType fonts.

    Examples
    --------
    >>> text_rc()["svg.fonttype"]
    'none'
    """
    return {"font.family": list(font_family()), "svg.fonttype": "none", "pdf.fonttype": 42}


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

    return f"cabinet {__version__}, data package {descriptor().get('version', '?')}"


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


#: rc settings of the charts on top of seaborn's ``ticks`` style and ``paper`` context.
_STYLE_RC = {
    "axes.edgecolor": "#888888",
    "axes.labelcolor": TEXT_COLOUR,
    "text.color": TEXT_COLOUR,
    "xtick.color": TEXT_COLOUR,
    "ytick.color": TEXT_COLOUR,
    "grid.color": "#E5E5E5",
    "grid.linewidth": 0.6,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "legend.frameon": False,
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
    apply, with the sizes and colours of the charts; on leaving it every rc
    setting is restored, so drawing a chart changes no global style. The
    caller's font family is kept (seaborn's style would name its own).

    Examples
    --------
    >>> import matplotlib as mpl
    >>> before = dict(mpl.rcParams)
    >>> with chart_style():
    ...     inside = mpl.rcParams["axes.spines.top"]
    >>> inside, dict(mpl.rcParams) == before
    (False, True)
    """
    import matplotlib as mpl

    keep = {k: mpl.rcParams[k] for k in ("font.family", "font.sans-serif")}
    with sns.axes_style("ticks", rc={**_STYLE_RC, **keep}), sns.plotting_context("paper", rc=_CONTEXT_RC):
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


def _title(default, title):
    """The chart's own title (already escaped), or the user's (escaped here)."""
    return default if title is None else _literal(title)
