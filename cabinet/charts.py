"""Regenerate every chart of the package as files, atomically and reproducibly.

:func:`write_charts` draws one figure per function of :mod:`cabinet.plots`
(:data:`CHARTS`) and writes it in each requested format. Every file is
written through :func:`cabinet.fileio.atomic_path`, so an interrupted run
leaves either the previous file or none, never half a file; and the output is
byte-identical from run to run for the same data (no dates, no software
stamps, fixed SVG ids, fixed random seed).

Figures are made with :class:`matplotlib.figure.Figure` and the Agg canvas
directly, not through pyplot, so the user's backend, open figures and
``rcParams`` are left as they were.
"""

from __future__ import annotations

from collections import OrderedDict
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from . import plots
from .groupings import choose_home
from .timeline import GAPS, gaps_over_time

__all__ = ["CHARTS", "REPUBLIC_CHARTS", "FORMATS", "write_charts", "write_roster_charts", "gaps_over_time", "GAPS"]

#: Chart name -> axes-level plot function, in the order the charts are written.
CHARTS = OrderedDict([
    ("region_gap", plots.plot_region_gap),
    ("province_map", plots.plot_province_map),
    ("ethnicity", plots.plot_ethnicity),
    ("network_waffle", plots.plot_network_waffle),
    ("gaps_over_time", plots.plot_gaps_over_time),
    ("disproportionality", plots.plot_disproportionality),
    ("claim_probabilities", plots.plot_claim_probabilities),
    ("roster_comparison", plots.plot_roster_comparison),
    ("yardsticks", plots.plot_yardsticks),
])

#: The charts of the Republic's last cabinet (``write_charts(roster="republic-2021")``): the charts of
#: :data:`CHARTS` that fit a roster of Afghan posts without the Taliban's networks, claims or timeline,
#: the parties drawn as the regions are, and the Republic set beside the Taliban government.
REPUBLIC_CHARTS = OrderedDict([
    ("region_gap", plots.plot_region_gap),
    ("province_map", plots.plot_province_map),
    ("ethnicity", plots.plot_ethnicity),
    ("disproportionality", plots.plot_disproportionality),
    ("party_gap", plots.plot_region_gap),
    ("roster_comparison", plots.plot_roster_comparison),
])

#: File formats :func:`write_charts` can write.
FORMATS = ("png", "svg", "pdf")

_FIGSIZE = {
    "region_gap": (8.0, 5.0),
    "province_map": (8.0, 6.0),
    "ethnicity": (8.0, 5.5),
    "network_waffle": (8.0, 5.0),
    "gaps_over_time": (8.0, 5.0),
    "disproportionality": (8.0, 5.0),
    "claim_probabilities": (8.0, 5.5),
    "roster_comparison": (8.0, 5.5),
    "yardsticks": (8.0, 8.0),
    "party_gap": (8.0, 5.5),
}
_DPI = 150
_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None},
    "pdf": {"CreationDate": None, "ModDate": None},
}
_RC = {
    "svg.hashsalt": "cabinet",
    **plots._style.text_rc(),  # fonts, and text as text in SVG: the style module decides (cabinet.plots._style)
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


def _check_as_of(as_of):
    if as_of is None:
        return None
    from .loaders import ANNOUNCEMENT_DATE, _parse_date

    when = _parse_date(as_of)
    if when < ANNOUNCEMENT_DATE:
        raise ValueError(f"as_of {when.date()} is before the cabinet was announced (2021-09-07); "
                         "allowed: a date on or after 2021-09-07")
    return when


def _tables(as_of, path=None, later_path=None, home=None, exclude_weak=False):
    """The analysis table each chart draws, for the government as of ``as_of``."""
    from .departures import change_dates
    from .roster_over_time import load_roster
    from .representation import representation

    roster = choose_home(load_roster(as_of=as_of, path=path, later_path=later_path, home=home or "any",
                                      exclude_weak=exclude_weak), home)
    region = representation(roster, "region", scheme="commentary")
    dates = [d for d in change_dates(path, later_path) if as_of is None or d <= as_of]
    return {
        "region_gap": region,
        "province_map": representation(roster, "province"),
        "ethnicity": representation(roster, "ethnicity"),
        "network_waffle": representation(roster, "network"),
        "gaps_over_time": gaps_over_time(dates, path=path, later_path=later_path),
        "disproportionality": region,
        "claim_probabilities": _claim_probabilities(path, later_path),
        "roster_comparison": _roster_comparison(roster, home),
        "yardsticks": _yardsticks(roster),
    }


def republic_tables(home=None, exclude_weak=False, roster=None, others=None) -> dict:
    """The analysis table each chart of :data:`REPUBLIC_CHARTS` draws.

    ``roster`` is the Republic's roster as loaded (default: loaded here with ``home`` and
    ``exclude_weak``); its comparison is with ``others`` (name -> roster; default the Taliban
    cabinet of 7 September 2021 and the Taliban government at the latest date of the data,
    loaded here), by ethnicity.
    """
    from .comparison import compare
    from .representation import representation
    from .rosters import load_named_roster

    if roster is None:
        roster = choose_home(load_named_roster("republic-2021", home=home or "any", exclude_weak=exclude_weak), home)
    region = representation(roster, "region", scheme="commentary")
    if others is None:
        others = {name: choose_home(load_named_roster(name, home=home or "any", exclude_weak=exclude_weak), home)
                  for name in ("taliban-2021", "taliban-latest")}
    return {
        "region_gap": region,
        "province_map": representation(roster, "province"),
        "ethnicity": representation(roster, "ethnicity"),
        "disproportionality": region,
        "party_gap": representation(roster, "party"),
        "roster_comparison": compare({"republic-2021": roster, **others}, by="ethnicity", home=None),
    }


def _roster_comparison(roster, home=None):
    """The government drawn against the Republic's last cabinet, by ethnicity."""
    from .comparison import compare
    from .rosters import load_named_roster

    name = "taliban-2021" if roster.attrs.get("as_of") is None else f"taliban {roster.attrs['as_of']}"
    roster = roster.copy()
    roster.attrs["roster_label"] = ("the Taliban cabinet of 7 September 2021" if roster.attrs.get("as_of") is None
                                    else f"the Taliban government as of {roster.attrs['as_of']}")
    return compare({name: roster, "republic-2021": choose_home(load_named_roster("republic-2021", home=home or "any"),
                                                                 home)}, by="ethnicity",
                   home=None)


def _yardsticks(roster):
    """Cabinet, movement pool and population per region and network (the pool is the bundled one)."""
    from .yardsticks import yardstick_table

    return yardstick_table(roster)


def _claim_probabilities(path=None, later_path=None):
    """The claims are about the list of 7 September 2021: its table does not depend on ``as_of``."""
    from .claim_likelihood import claim_probabilities
    from .loaders import load_appointees, load_later_appointments

    return claim_probabilities(load_appointees(path), load_later_appointments(later_path))


@contextmanager
def _glyphs_said_once():
    """Leave out matplotlib's warning of each missing glyph at each save: :func:`_draw` names them once a chart."""
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .* missing from font")
        yield


def _draw(name, data, func=None):
    """A new Figure (Agg canvas, no pyplot) with the chart ``name`` drawn from ``data``."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=_FIGSIZE.get(name, (8.0, 5.0)), dpi=_DPI, layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    (func or CHARTS[name])(data, ax=ax, caption=True)
    plots._style.warn_missing_glyphs(fig, name)  # a character no font has is named, not drawn as a silent box
    return fig


def write_charts(out_dir="reports/figures", formats=("png",), as_of=None, progress=None, *,
                 path=None, later_path=None, home=None, exclude_weak=False, roster=None) -> pd.DataFrame:
    """Write every chart of :data:`CHARTS` to ``out_dir`` (of :data:`REPUBLIC_CHARTS` for the Republic).

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
        A named roster (:data:`cabinet.rosters.ROSTER_NAMES` or a date
        ``YYYY-MM-DD``) instead of ``as_of``, ``path`` and ``later_path``. A
        Taliban roster draws every chart of :data:`CHARTS` for the government
        on its date; ``republic-2021`` draws :data:`REPUBLIC_CHARTS`: regions,
        the map, ethnicity, disproportionality, the parties (``party_gap``)
        and the Republic beside the Taliban cabinet of 7 September 2021 and
        the Taliban government at the latest date of the data
        (``roster_comparison``).

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
    >>> written = write_charts(tempfile.mkdtemp(), roster="republic-2021")
    >>> written["chart"].tolist()
    ['region_gap', 'province_map', 'ethnicity', 'disproportionality', 'party_gap', 'roster_comparison']
    """
    fmts = _check_formats(formats)
    if progress is not None and not callable(progress):
        raise ValueError("progress must be a callable taking one line of text (e.g. print), or None")
    if roster is not None:
        from .rosters import ROSTER_NAMES, is_roster_name, taliban_as_of

        if not is_roster_name(roster):
            raise ValueError(f"unknown roster {roster!r}; allowed: {', '.join(ROSTER_NAMES)}, or a date YYYY-MM-DD "
                             "on or after 2021-09-07")
        if as_of is not None or path is not None or later_path is not None:
            raise ValueError("roster names the government and its date: give it alone, without as_of, path or "
                             "later_path")
        if str(roster).strip() == "republic-2021":
            tables = republic_tables(home, exclude_weak)
            return _write([(name, REPUBLIC_CHARTS[name], tables[name]) for name in REPUBLIC_CHARTS], out_dir, fmts,
                          progress)
        as_of = taliban_as_of(roster)
    when = _check_as_of(as_of)
    tables = _tables(when, path, later_path, home, exclude_weak)
    return _write([(name, CHARTS[name], tables[name]) for name in CHARTS], out_dir, fmts, progress)


def _write(charts, out_dir, fmts, progress) -> pd.DataFrame:
    """Draw and write each (file name, plot function, table), atomically, in every format."""
    import matplotlib

    from .fileio import atomic_path

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    with matplotlib.rc_context(_RC), _glyphs_said_once():  # type: ignore[arg-type]  # _RC's keys are valid rc names
        for name, func, table in charts:
            written = []
            for fmt in fmts:
                # a fresh figure per file: a figure saved once is laid out again from a changed state,
                # so reusing it would make a file depend on the formats written before it
                fig = _draw(name, table, func)
                target = out / f"{name}.{fmt}"
                with atomic_path(target) as tmp:
                    fig.savefig(tmp, format=fmt, dpi=_DPI, metadata=dict(_METADATA[fmt]),
                                bbox_inches="tight", pad_inches=0.15)
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

    from .representation import representation

    fmts = _check_formats(formats)
    if progress is not None and not callable(progress):
        raise ValueError("progress must be a callable taking one line of text (e.g. print), or None")
    table = representation(roster, by, baseline=baseline)
    slug = re.sub(r"[^A-Za-z0-9_-]+", "_", "_".join(by) if isinstance(by, (list, tuple)) else str(by)).strip("_")
    charts = [(f"gap_{slug or 'group'}", plots.plot_region_gap, table)]
    if table.loc[table["status"] == "group", "baseline_share"].notna().any():
        charts.append((f"disproportionality_{slug or 'group'}",
                       functools.partial(plots.plot_disproportionality, n_draws=n_draws, seed=seed), table))
    return _write(charts, out_dir, fmts, progress)
