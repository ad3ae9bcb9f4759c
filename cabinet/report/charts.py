"""The registry of charts, and every chart of a roster written as files, atomically and reproducibly.

:data:`CHARTS` maps each chart's name to a :class:`Chart`: the axes-level function of
:mod:`cabinet.plots` that draws it, the function that builds the table it draws (from an
:class:`Analysis` of one roster), the kinds of roster it applies to (:data:`cabinet.rosters.ROSTERS`),
its size, and its caption and short text alternative in the report. The chart files
(:func:`write_charts`), the report (:mod:`cabinet.report.page`, :mod:`cabinet.report.roster_page`)
and the docs gallery read the same entry; a new chart is one :func:`register_chart` call.

Every file is written through :func:`cabinet.io.fileio.atomic_path`, so an interrupted run leaves
either the previous file or none, never half a file; and the output is byte-identical from run to
run for the same data (no dates, no software stamps, fixed SVG ids, fixed random seed).

Figures are made with :class:`matplotlib.figure.Figure` and the Agg canvas directly, not through
pyplot, so the user's backend, open figures and ``rcParams`` are left as they were.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Mapping

import pandas as pd

from .. import plots
from ..groupings import choose_home
from ..plots import fit_height
from ..plots._style import text_rc, warn_missing_glyphs
from .._format import long_date
from ..rosters import ROSTERS, check_as_of, load_roster, roster_kind, taliban_as_of, is_roster_name, roster_names
from ..timeline import GAPS, gaps_over_time
from ..claim_likelihood import claim_probabilities
from ..rosters.departures import change_dates
from ..comparison import compare
from ..yardsticks import yardstick_table
from ..io.fileio import atomic_path
from ..representation import representation
from ..io.loaders import load_appointees, load_later_appointments

__all__ = ["CHARTS", "Chart", "Analysis", "register_chart", "add_kind", "charts_for", "PAGES", "register_page", "chart_tables", "FORMATS",
           "WIDTH", "NARROW_WIDTH", "write_charts",
           "write_roster_charts", "gaps_over_time", "GAPS"]


@dataclass(frozen=True)
class Chart:
    """A chart of the registry: how to draw it, from which table, for which rosters, at which size, with which words."""

    name: str
    #: The axes-level function of :mod:`cabinet.plots` (``plot(data, ax=..., caption=True)``).
    plot: Callable
    #: Builds the table it draws from an :class:`Analysis` (``table(analysis) -> DataFrame``).
    table: Callable[["Analysis"], pd.DataFrame]
    #: The kinds of roster it applies to (see :class:`cabinet.rosters.Roster`).
    kinds: tuple[str, ...] = ("taliban",)
    #: Height in inches of the chart's plot, in the wide figure and in the narrow one (for phones); the figure
    #: adds its header and footer to it (:func:`cabinet.plots.fit_height`), so words never squeeze the plot. Or a
    #: function of the table giving the two heights: a chart of as many rows as a user's roster has groups.
    body: tuple[float, float] | Callable[[pd.DataFrame], tuple[float, float]] = (3.2, 3.6)
    #: Kind -> the caption under the figure in the report.
    caption: Mapping[str, str] = field(default_factory=dict)
    #: Kind -> the short text alternative of the drawing.
    label: Mapping[str, str] = field(default_factory=dict)

    def __call__(self, data, **kwargs):
        return self.plot(data, **kwargs)


#: Chart name -> :class:`Chart`, in the order the charts are written and listed.
CHARTS: dict[str, Chart] = {}


def register_chart(name: str, plot, table, *, kinds=("taliban",), body=(3.2, 3.6), caption="", label="") -> Chart:
    """Add a chart (or replace one of the same name): :func:`write_charts` and the report then draw it.

    ``body`` is the height in inches of its plot in the wide figure (:data:`WIDTH`) and the narrow one
    (:data:`NARROW_WIDTH`), or a function of the chart's table giving both; the chart's title, subtitle and
    footer are added above and below.

    ``caption`` and ``label`` are one text for every kind of roster, or a mapping kind -> text.
    """
    kinds = tuple(kinds)

    def per_kind(text):
        # the text for every kind, under "*" too: a kind added later (add_kind) starts from it
        return dict(text) if isinstance(text, Mapping) else {"*": text, **{k: text for k in kinds}}

    entry = Chart(name, plot, table, kinds, body if callable(body) else tuple(body), per_kind(caption),
                  per_kind(label))
    CHARTS[name] = entry
    return entry


def add_kind(name: str, kind: str, *, caption: str | None = None, label: str | None = None) -> Chart:
    """Let the registered chart ``name`` apply to rosters of ``kind`` too, with its caption and text alternative
    for them (default: the chart's first ones). The chart keeps its place in the registry's order."""
    chart = CHARTS[name]
    first_caption = next(iter(chart.caption.values()), "")
    first_label = next(iter(chart.label.values()), "")
    entry = replace(chart, kinds=chart.kinds + (() if kind in chart.kinds else (kind,)),
                    caption={**chart.caption, kind: caption if caption is not None else first_caption},
                    label={**chart.label, kind: label if label is not None else first_label})
    CHARTS[name] = entry
    return entry


#: Kind of roster -> ``(inputs, context, template)`` of its report page, for the kinds other than the Taliban
#: government's (whose page is :mod:`cabinet.report.page`): ``inputs(roster, home, exclude_weak)`` computes what
#: the page shows, ``context(inputs, generated, figures)`` turns it into the template's values.
PAGES: dict[str, tuple] = {}


def register_page(kind: str, inputs, context, template: str) -> None:
    """Give rosters of ``kind`` a report page (:func:`cabinet.write_report` then writes it for them)."""
    PAGES[kind] = (inputs, context, template)


def charts_for(kind: str) -> list[Chart]:
    """The charts of :data:`CHARTS` that apply to rosters of ``kind``, in registry order."""
    return [c for c in CHARTS.values() if kind in c.kinds]


class Analysis:
    """One roster and the tables drawn from it, each computed once: the chart files and the page share them.

    Parameters
    ----------
    roster : DataFrame
        The roster (of the Taliban government: as :func:`cabinet.load_roster` builds it).
    name, label : str
        Its name and the phrase naming it (in the comparison with other rosters).
    kind : str
        Its kind (see :class:`cabinet.rosters.Roster`).
    as_of : Timestamp, optional
        The date of the government (None: the 33 of 7 September 2021).
    path, later_path : optional
        The files it was built from (default: bundled); the timeline and the claims read them.
    frames : tuple of DataFrame, optional
        The appointees and later appointments as loaded (default: loaded from ``path`` and ``later_path``).
    by, baseline : optional
        For a roster of any body (kind ``own``, :mod:`cabinet.report.own_page`): the grouping its charts
        draw (a column of the roster) and the baseline it is set against (anything
        :func:`cabinet.representation` takes; None: none).
    """

    def __init__(self, roster, *, name, label, kind="taliban", as_of=None, path=None, later_path=None, home=None,
                 exclude_weak=False, frames=None, by=None, baseline=None):
        self.roster, self.name, self.label, self.kind = roster, name, label, kind
        self.by, self.baseline = by, baseline
        self.as_of, self.path, self.later_path = as_of, path, later_path
        self.home, self.exclude_weak, self._frames = home, exclude_weak, frames
        self._memo: dict = {}

    def get(self, key, build):
        """The value of ``build()``, computed once per analysis."""
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]

    def representation(self, by, **kwargs):

        return self.get(("representation", by, tuple(sorted(kwargs.items()))),
                        lambda: representation(self.roster, by, **kwargs))

    def frames(self):
        """The appointees and later appointments the claims are read from."""
        if self._frames is None:

            self._frames = (load_appointees(self.path), load_later_appointments(self.later_path))
        return self._frames

    def others(self) -> dict:
        """The rosters this one is compared with (its registry entry's ``compare_with``), loaded once."""
        entry = ROSTERS.get(self.kind_entry())
        names = entry.compare_with if entry is not None else ()
        return self.get("others", lambda: {n: choose_home(load_roster(n, home=self.home or "any",
                                                                      exclude_weak=self.exclude_weak), self.home)
                                           for n in names})

    def kind_entry(self) -> str:
        """The registry name whose comparisons apply: the roster's own, else the first of its kind."""
        own = self.roster.attrs.get("roster")
        if own in ROSTERS:
            return own
        return next((n for n, r in ROSTERS.items() if r.kind == self.kind), "")

    def labelled(self) -> pd.DataFrame:
        roster = self.roster.copy()
        roster.attrs["roster_label"] = self.label
        return roster


def _claim_probabilities(a: Analysis) -> pd.DataFrame:
    """The claims are about the list of 7 September 2021: its table does not depend on ``as_of``."""

    return a.get("claim_probabilities", lambda: claim_probabilities(*a.frames()))


def _gaps_over_time(a: Analysis) -> pd.DataFrame:

    dates = [d for d in change_dates(a.path, a.later_path) if a.as_of is None or d <= a.as_of]
    return a.get("gaps_over_time", lambda: gaps_over_time(dates, path=a.path, later_path=a.later_path))


def _roster_comparison(a: Analysis) -> pd.DataFrame:
    """The roster beside the rosters its registry entry names, by ethnicity."""

    return a.get("roster_comparison", lambda: compare({a.name: a.labelled(), **a.others()}, by="ethnicity",
                                                      home=None))


def _yardsticks(a: Analysis) -> pd.DataFrame:
    """Cabinet, movement pool and population per region and network (the pool is the bundled one)."""

    return a.get("yardsticks", lambda: yardstick_table(a.roster))


def chart_tables(a: Analysis, charts=None) -> dict:
    """The table of each chart (default: every chart of the analysis' kind), computed once each."""
    return {c.name: c.table(a) for c in (charts if charts is not None else charts_for(a.kind))}


def _region(a):
    return a.representation("region", scheme="commentary")


def _by(by):
    def table(a):
        return a.representation(by)
    table.__name__ = f"representation_by_{by}"
    return table


_REGION_CAPTION = ("Cabinet share per region (known, with the range the unknowns allow) against the population "
                   "share.")
_MAP_CAPTION = ("Known {who} per home province, one circle each, its area the number of people; dashed rings add "
                "those whose home the sources dispute; a grey circle holds those of unknown home.")
_DISPROPORTIONALITY_CAPTION = ("The regional disproportionality of the cabinet, over every way its unknown and disputed "
                               "homes can be settled, against cabinets appointed at random in proportion to the "
                               "population: a benchmark, not a model of how posts are given.")
_ETHNICITY_CAPTION = ("Cabinet share per ethnic group (known, with the range the unknowns allow) against the range of "
                      "the published estimates.")

register_chart("region_gap", plots.plot_region_gap, _region, body=(3.0, 3.6), caption=_REGION_CAPTION,
               label="Cabinet share against population share per region")
register_chart("province_map", plots.plot_province_map, _by("province"), body=(4.2, 3.0),
               caption=_MAP_CAPTION.format(who="appointees"),
               label="Map of the 34 provinces: known appointees per home province")
register_chart("ethnicity", plots.plot_ethnicity, _by("ethnicity"), body=(3.8, 5.0),
               caption=_ETHNICITY_CAPTION,
               label="Cabinet share per ethnic group against the range of published estimates")
register_chart("network_waffle", plots.plot_network_waffle, _by("network"), body=(1.6, 2.6),
               caption="One square per appointee, coloured by network; hatched squares are disputed, grey ones unknown.",
               label="One square per appointee, coloured by factional network")
register_chart("gaps_over_time", plots.plot_gaps_over_time, _gaps_over_time, body=(3.6, 6.4),
               caption="Known counts (solid lines) and the largest counts the unknown tags allow (pale bands) of the "
                       "west and southwest, the core Hazarajat, the Helmandi networks and non-Pashtuns.",
               label="Known counts of the main gaps at every announcement date of 2021")
register_chart("disproportionality", plots.plot_disproportionality, _region, body=(3.0, 3.0),
               caption=_DISPROPORTIONALITY_CAPTION,
               label="Disproportionality of the regional distribution against random appointment")
# the parties of a cabinet of parties: no Taliban roster has them, so the chart applies to the kinds that add it
register_chart("party_gap", plots.plot_region_gap, _by("party"), kinds=(), body=(3.6, 4.4),
               caption="Cabinet members per party or political camp (a member of two counts in both); no population "
                       "share exists for them.",
               label="Cabinet members per party or political camp")
register_chart("claim_probabilities", plots.plot_claim_probabilities, _claim_probabilities, body=(3.4, 3.8),
               caption="How likely each claim is to hold under each assumption about the unknown tags; the verdicts "
                       "do not use these figures.",
               label="How likely each claim is under each assumption about the unknown tags")
# the Taliban government beside the roster its registry entry is compared with first
_COMPARED = ROSTERS[ROSTERS["taliban-2021"].compare_with[0]]
register_chart("roster_comparison", plots.plot_roster_comparison, _roster_comparison, body=(3.4, 4.2),
               caption=f"Share of each ethnic group in the Taliban government and in {_COMPARED.label}: dots the "
                       "known shares, bars up to the largest share the unknown tags allow.",
               label=f"Share of each ethnic group in the Taliban government and in {_COMPARED.label}")
register_chart("yardsticks", plots.plot_yardsticks, _yardsticks, body=(6.0, 7.6),
               caption="Cabinet, movement pool and population shares per region and network; pale bands run over the "
                       "range the unknown tags allow.",
               label="Cabinet, movement pool and population shares per region and network")

#: File formats :func:`write_charts` can write.
FORMATS = ("png", "svg", "pdf")

#: Width in inches of the charts written as files, and of their narrow form (for phones, in the report).
WIDTH = 8.0
NARROW_WIDTH = 4.4
_DPI = 150
_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None},
    "pdf": {"CreationDate": None, "ModDate": None},
}
#: Chart text in an SVG is text (selectable, searchable, read by screen readers), in the fonts the charts were
#: laid out in or what the reader's machine has of the same family; in a PDF the fonts are embedded.
_RC = {
    "svg.hashsalt": "cabinet",
    **text_rc(),  # fonts, and text as text in SVG: the style module decides (cabinet.plots._style)
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
}


def _check_formats(formats) -> list[str]:
    if isinstance(formats, str):
        formats = [formats]
    try:
        given = list(formats)
    except TypeError:
        raise ValueError(f"formats must be a list of file formats; allowed: {', '.join(FORMATS)}") from None
    out = []
    for f in given:
        name = str(f).strip().lower().lstrip(".")
        if name not in FORMATS:
            raise ValueError(f"unknown chart format {f!r}; allowed: {', '.join(FORMATS)}")
        if name not in out:
            out.append(name)
    if not out:
        raise ValueError(f"no chart format given; allowed: {', '.join(FORMATS)}")
    return out


def draw(chart: Chart, data, *, width: float = WIDTH, caption: bool = True):
    """A new Figure (Agg canvas, no pyplot) with ``chart`` drawn from ``data``, ``width`` inches wide.

    The chart lays out its own figure (its header and footer inside it) and the figure is made as tall as
    the chart's words plus its plot (:attr:`Chart.body`).
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    wide, narrow = chart.body(data) if callable(chart.body) else chart.body
    fig = Figure(figsize=(width, 5.0), dpi=_DPI)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    chart.plot(data, ax=ax, caption=caption)
    warn_missing_glyphs(fig, chart.name)  # a character no font has is named, not drawn as a silent box
    fit_height(fig, narrow if width <= NARROW_WIDTH + 1e-9 else wide)
    return fig


@contextmanager
def _glyphs_said_once():
    """Leave out matplotlib's warning of each missing glyph at each save: :func:`draw` names them once a chart."""
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .* missing from font")
        yield


def save(fig, target, fmt: str) -> None:
    """Save a chart's figure with the package's settings (no dates or software stamps: byte-identical runs)."""
    fig.savefig(target, format=fmt, dpi=_DPI, metadata=dict(_METADATA[fmt]))


def analysis(roster=None, *, as_of=None, path=None, later_path=None, home=None, exclude_weak=False,
             frames=None) -> Analysis:
    """The :class:`Analysis` of a roster name (or date) or of the government as of ``as_of`` built from the files.

    Raises
    ------
    ValueError
        On an unknown roster name, a bad date, or a roster name given with ``as_of`` or files.
    """

    if roster is not None:
        if not is_roster_name(roster):
            raise ValueError(f"unknown roster {roster!r}; allowed: {', '.join(roster_names())}, or a date YYYY-MM-DD "
                             "on or after 2021-09-07")
        if as_of is not None or path is not None or later_path is not None:
            raise ValueError("roster names the government and its date: give it alone, without as_of, path or "
                             "later_path")
        kind = roster_kind(roster)
        if kind != "taliban":
            name = str(roster).strip()
            frame = choose_home(load_roster(name, home=home or "any", exclude_weak=exclude_weak), home)
            return Analysis(frame, name=name, label=ROSTERS[name].label, kind=kind, as_of=frame.attrs.get("as_of"),
                            home=home, exclude_weak=exclude_weak)
        as_of = taliban_as_of(roster)
    when = check_as_of(as_of)
    gov = choose_home(load_roster(as_of=when, path=path, later_path=later_path, home=home or "any",
                                  exclude_weak=exclude_weak), home)
    # a roster in the form of the Taliban government's, from the bundled files or given as tables: its charts are
    # drawn in the colour of the Taliban government on its date (cabinet.palette)
    gov.attrs["roster"] = "taliban-2021" if when is None else str(when.date())
    name = "taliban-2021" if when is None else f"taliban {when.date()}"
    label = ("the Taliban cabinet of 7 September 2021" if when is None
             else f"the Taliban government as of {long_date(when)}")
    return Analysis(gov, name=name, label=label, kind="taliban", as_of=when, path=path, later_path=later_path,
                    home=home, exclude_weak=exclude_weak, frames=frames)


def write_charts(out_dir="reports/figures", formats=("png",), as_of=None, progress=None, *,
                 path=None, later_path=None, home=None, exclude_weak=False, roster=None, by=None,
                 baseline=None) -> pd.DataFrame:
    """Write every chart of :data:`CHARTS` that applies to the roster to ``out_dir``.

    Parameters
    ----------
    out_dir : str or os.PathLike
        Folder for the files (created if missing); each chart is written as
        ``<name>.<format>``.
    formats : sequence of {'png', 'svg', 'pdf'}
        File formats (default png only).
    as_of : date, optional
        Draw the government as of this date (the 33 plus later appointments
        announced by then); default the 33 of 7 September 2021. The chart of
        gaps over time covers the announcement dates up to ``as_of`` (all of
        2021 by default).
    progress : callable, optional
        Called with one line of text per chart written (e.g. ``print``).
    path, later_path : str or os.PathLike, optional
        A roster (and later appointments) of your own, in the form of
        ``data/appointees.csv``; default the bundled data.
    home : {'any', 'birth', 'origin', 'stated'} or None
        Which sense of home province the regional charts use. None (default):
        home by birth, so that each appointee counts in one region
        (:func:`cabinet.groupings.counting_home`); ``'any'`` counts a man
        born in one province into a family from another in both, and the
        charts say so. The claims chart reads each claim in its own sense
        (C3: birth).
    exclude_weak : bool
        Leave out values that rest only on low-class sources (default False).
    roster : str, optional
        A named roster (:data:`cabinet.rosters.ROSTERS` or a date
        ``YYYY-MM-DD``) instead of ``as_of``, ``path`` and ``later_path``. A
        Taliban roster draws every chart of :data:`CHARTS` for the government
        on its date; a roster of another kind draws the charts of
        :data:`CHARTS` that apply to its kind (the cabinet the Taliban
        replaced: regions, the map, ethnicity, disproportionality, the
        parties, ``party_gap``, and the roster beside the rosters its entry
        is compared with, ``roster_comparison``). A roster of any body (a
        CSV file or a DataFrame, as :func:`cabinet.load_roster` takes it)
        draws the charts that fit any roster, by ``by`` against ``baseline``
        (:func:`write_roster_charts`).
    by, baseline : optional
        For a roster of any body: the column(s) to group by and its baseline
        (a CSV file of group,share, a mapping, or a built-in baseline's name).

    Returns
    -------
    pandas.DataFrame
        One row per file: ``chart``, ``format``, ``path``, ``bytes``.

    Raises
    ------
    ValueError
        On an unknown format (the message lists the allowed ones), a bad date
        or roster name, or a ``roster`` given with ``as_of`` or ``path``.

    Examples
    --------
    >>> import tempfile
    >>> replaced = next(n for n, r in ROSTERS.items() if r.kind != "taliban")  # the cabinet the Taliban replaced
    >>> written = write_charts(tempfile.mkdtemp(), roster=replaced)
    >>> written["chart"].tolist()
    ['region_gap', 'province_map', 'ethnicity', 'disproportionality', 'party_gap', 'roster_comparison']
    """
    fmts = _check_formats(formats)
    if progress is not None and not callable(progress):
        raise ValueError("progress must be a callable taking one line of text (e.g. print), or None")
    own = roster is not None and (isinstance(roster, pd.DataFrame) or (by is not None and not is_roster_name(roster))
                                   or (isinstance(roster, (str, os.PathLike)) and not is_roster_name(roster)
                                       and Path(roster).is_file()))
    if own:
        # a roster of any body, through the one resolver: the charts that fit any roster
        if by is None:
            raise ValueError("write_charts: a roster of your own (a file or a DataFrame) needs by= (the column to "
                             "group by) and, to test it, baseline=")
        return write_roster_charts(load_roster(roster), by, out_dir, formats, baseline=baseline, progress=progress)
    a = analysis(roster, as_of=as_of, path=path, later_path=later_path, home=home, exclude_weak=exclude_weak)
    charts = charts_for(a.kind)
    tables = chart_tables(a, charts)
    return _write([(c, tables[c.name]) for c in charts], out_dir, fmts, progress)

def _write(charts, out_dir, fmts, progress) -> pd.DataFrame:
    """Draw and write each (chart, table), atomically, in every format."""
    import matplotlib


    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    with matplotlib.rc_context(_RC), _glyphs_said_once():  # type: ignore[arg-type]  # _RC's keys are valid rc names
        for chart, table in charts:
            name = chart.name
            written = []
            for fmt in fmts:
                # a fresh figure per file: a figure saved once is laid out again from a changed state,
                # so reusing it would make a file depend on the formats written before it
                fig = draw(chart, table)
                target = out / f"{name}.{fmt}"
                with atomic_path(target) as tmp:
                    save(fig, tmp, fmt)
                fig.clear()
                size = target.stat().st_size
                rows.append({"chart": name, "format": fmt, "path": str(target), "bytes": size})
                written.append(f"{target} ({size / 1024:.0f} kB)")
            if progress is not None:
                progress(f"{name}: {', '.join(written)}")
    return pd.DataFrame(rows, columns=["chart", "format", "path", "bytes"])


def write_roster_charts(roster, by, out_dir="reports/figures", formats=("png",), *, baseline=None, progress=None,
                        n_draws=20_000, seed=0) -> pd.DataFrame:
    """Write the charts that fit any roster, of any body: the gap chart and, with a baseline, disproportionality.

    The Afghan charts of :func:`write_charts` (province map, network waffle,
    gaps over time) draw the bundled data's provinces, networks and dates;
    for a roster of another body this function draws what applies:

    - ``gap_<by>``: :func:`cabinet.plots.plot_region_gap` of
      ``representation(roster, by, baseline=baseline)``, against the baseline
      when there is one (named by its label), with the range of every
      probability the unknowns allow;
    - ``disproportionality_<by>``: :func:`cabinet.plots.plot_disproportionality`,
      only when the table has a baseline.

    Parameters
    ----------
    roster : DataFrame
        E.g. from :func:`cabinet.load_user_roster`.
    by : str
        A column of the roster (see :mod:`cabinet.groupings`).
    out_dir, formats, progress
        As for :func:`write_charts`.
    baseline : optional
        Anything :func:`cabinet.representation` takes (a mapping, a Series, a
        CSV path of group,share, a built-in name where it applies).
    n_draws, seed : int
        Random cabinets of the disproportionality chart.

    Returns
    -------
    pandas.DataFrame
        One row per file: ``chart``, ``format``, ``path``, ``bytes``.
    """
    import functools
    import re


    fmts = _check_formats(formats)
    if progress is not None and not callable(progress):
        raise ValueError("progress must be a callable taking one line of text (e.g. print), or None")
    table = representation(roster, by, baseline=baseline)
    slug = re.sub(r"[^A-Za-z0-9_-]+", "_", "_".join(by) if isinstance(by, (list, tuple)) else str(by)).strip("_")
    charts = [(Chart(f"gap_{slug or 'group'}", plots.plot_region_gap, lambda a: table, kinds=()), table)]
    if table.loc[table["status"] == "group", "baseline_share"].notna().any():
        dis = functools.partial(plots.plot_disproportionality, n_draws=n_draws, seed=seed)
        charts.append((Chart(f"disproportionality_{slug or 'group'}", dis, lambda a: table, kinds=()), table))
    return _write(charts, out_dir, fmts, progress)
