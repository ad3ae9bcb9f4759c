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

import functools
import math
import textwrap
from contextlib import contextmanager

import numpy as np
import pandas as pd
import seaborn as sns

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


def _baseline_note(data, notes=True) -> str:
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
        note = str(row.get("baseline_note", "") or "") if notes else ""
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


def _caption_text(data, *, lead="", n=None, extra="", notes=True) -> str:
    parts = [p for p in (lead, _baseline_note(data, notes), extra, _roster_note(data, n), f"Data: {_versions()}.") if p]
    return _literal(" ".join(parts))


def _int_counts(values, what):
    arr = np.asarray(values, dtype=float)
    if not np.all(np.equal(np.mod(arr, 1), 0)):
        raise ValueError(f"{what} needs whole numbers of appointees (unweighted counts); got {arr.tolist()}")
    return arr.astype(int)


# ---------------------------------------------------------------------------
# style without global state
# ---------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------
# probabilities: the range the unknowns allow, and honest highlighting
# ---------------------------------------------------------------------------


def _fmt_p1(p) -> str:
    """One probability, short: two significant digits, positional down to 0.000001.

    Examples
    --------
    >>> _fmt_p1(0.0063), _fmt_p1(1.0), _fmt_p1(1.04e-05), _fmt_p1(3e-14)
    ('0.0063', '1', '0.00001', '<0.000001')
    """
    p = float(p)
    if p >= 0.001:
        return f"{p:.2g}"
    if p < 1e-6:
        return "<0.000001"
    return np.format_float_positional(p, precision=1, unique=False, fractional=False, trim="-")


def _fmt_p_range(lo, hi) -> str:
    """``p=lo–hi``, the range of a probability over every way the unknowns could be resolved.

    ``hi`` missing (a table without the upper end) gives ``p≥lo``: the true
    value is at least the one at the known count.

    Examples
    --------
    >>> _fmt_p_range(1.04e-05, 1.0), _fmt_p_range(0.0060466, 0.0060466), _fmt_p_range(0.0060466, None)
    ('p=0.00001–1', 'p=0.006', 'p≥0.006')
    """
    if lo is None or pd.isna(lo):
        return ""
    if hi is None or pd.isna(hi):
        return f"p≥{_fmt_p1(round(float(lo), 3)) if lo >= 0.001 else _fmt_p1(lo)}"
    a, b = _fmt_p1(lo), _fmt_p1(hi)
    if a == b or (lo >= 0.001 and f"{lo:.3f}" == f"{hi:.3f}"):
        return f"p={lo:.3f}" if lo >= 0.001 else f"p={a}"
    return f"p={a}–{b}"


def _adjusted(t, adjusted) -> bool:
    """Whether to read the multiplicity-adjusted columns: ``adjusted=None`` means when the table has them."""
    has = "p_le_count_adj" in t.columns and "adjust" in t.columns and bool(
        str(t["adjust"].dropna().iloc[0] if t["adjust"].notna().any() else "").strip())
    if adjusted and not has:
        raise ValueError("adjusted=True needs a table with adjusted probabilities (representation(..., adjust='holm'))")
    return has if adjusted is None else bool(adjusted)


def _p_bounds(t, row, tail="le", *, adjusted=False):
    """(lowest, highest) one-sided probability the unknowns allow for one row of a representation table.

    For the low tail the known count gives the lowest probability and the
    largest possible count the highest (``p_le_count``, ``p_le_count_max``).
    A table without the upper-end column gets ``None`` as the highest unless
    it has no unknown or disputed appointee at all.
    """
    suffix = "_adj" if adjusted else ""
    lo_col, hi_col = (f"p_{tail}_count{suffix}", f"p_{tail}_count_max{suffix}")
    if tail == "ge":  # over-representation: the largest count gives the lowest probability
        lo_col, hi_col = hi_col, lo_col
    lo = row.get(lo_col, np.nan)
    if hi_col in row.index:
        return lo, row[hi_col]
    open_ = float(t.loc[t["status"].isin(["unknown", "disputed"]), "count"].sum()) if "status" in t.columns else 0.0
    return lo, (lo if open_ == 0 else None)


def _highlight(hi, alpha) -> bool:
    """Highlight a group only when the whole range of its probability lies below ``alpha``."""
    return hi is not None and not pd.isna(hi) and float(hi) < alpha


def _p_rule(adjusted, alpha, n_tested) -> str:
    """A sentence saying what the highlighting means, adjusted or not."""
    how = (f"Holm-adjusted over the {n_tested} groups tested" if adjusted else
           "unadjusted for the number of groups tested")
    return (f"p: exact one-sided probability of so few, from the known count to the largest possible count "
            f"({how}); highlighted only when the whole range is below {alpha:g}.")


# ---------------------------------------------------------------------------
# baselines and rosters: naming what the table holds, refusing what a chart cannot draw
# ---------------------------------------------------------------------------


def _baseline_label(t, default="the baseline") -> str:
    """The table's own name for its (first) baseline, escaped."""
    if "baseline_label" in t.columns:
        labels = [str(x) for x in t["baseline_label"].dropna() if str(x).strip()]
        if labels:
            return _literal(labels[0])
    return default


def _is_population(t) -> bool:
    """Whether the table's baseline is one of the package's population counts (NSIA)."""
    if "baseline" not in t.columns or t.empty:
        return False
    return str(t["baseline"].iloc[0]).startswith("nsia")


def _table_by(t) -> str:
    return str(t["by"].iloc[0]) if "by" in t.columns and len(t) and pd.notna(t["by"].iloc[0]) else ""


def _require_afghan(t, *, what, grouping, vocabulary, instead):
    """Refuse a table whose groups are not the Afghan groups a chart draws, with a sentence saying why.

    ``vocabulary`` is the set of groups the chart knows (e.g. the 34
    provinces); a table grouped by something else (its ``by`` column), or with
    groups outside the vocabulary, is refused.
    """
    by = _table_by(t)
    groups = [str(g) for g in t.loc[t["status"] == "group", "group"]] if "status" in t.columns else []
    foreign = [g for g in dict.fromkeys(groups) if g not in vocabulary]
    if (by and by != grouping) or foreign or not groups:
        example = (f"its groups include {', '.join(map(repr, foreign[:3]))}" if foreign else
                   f"it is grouped by {by!r}" if by and by != grouping else "it has no groups")
        raise ValueError(f"{what} draws Afghan {grouping} groups of the bundled data ({', '.join(sorted(vocabulary)[:3])}, "
                         f"...), but this table is not such a table: {example}. For a roster of another body, "
                         f"use {instead}.")
