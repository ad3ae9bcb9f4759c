"""One self-contained HTML report of the analysis: findings, claims, gap tables, charts and roster.

:func:`write_report` writes a single HTML file that a reader can open offline
and pass around: the CSS is inline, the charts of :data:`cabinet.report.charts.CHARTS`
are inline SVG, and the page loads nothing from anywhere (no scripts, style
sheets, fonts or images from outside; only the system font stack). Links to the
sources are ordinary ``<a href>`` links that are followed only when clicked.

What the page holds:

- a title and a summary of the findings, written from the data (how many
  claims are supported, contradicted or undetermined; the west/southwest, the
  Hazarajat and the Helmandi-networks counts with their exact probabilities);
- the claims table of :func:`cabinet.claims` (``<table id="claims">``, one
  class per verdict: ``verdict verdict-supported`` and so on);
- the gap tables: regions, west and southwest together, the Hazarajat (core
  and extended), ethnicity (every published estimate side by side), networks
  and the Helmandi networks, each naming its baseline and the baseline's sources;
- the comparison with the roster the Taliban government is set beside (its registry entry's
  ``compare_with``: :func:`cabinet.compare`, by ethnicity and region, with the finding in plain words);
- every chart;
- the roster, each tag with the sources that state it (linked to their URL),
  and the list of every source cited;
- the package version, the data-package version, the date of the government
  (``as_of``) and the date the page was generated.

The page is rendered by Jinja2 from the templates shipped inside the package
(``cabinet/report/templates/report.html``, which fills the blocks of the page both reports share,
``page.html``, with the macros of ``macros.html``) with autoescaping
on: the Python side builds plain values (lists of dicts, strings), the
templates hold the markup, and every value from the data is escaped unless it
is marked safe (only the inline SVG of the charts, drawn by matplotlib, and
the stylesheet ``templates/report.css``, inlined as it is). Only ``http`` and
``https`` URLs become links. The summary gives every probability as the range
the unknown tags allow (known count to largest possible count), with the
complete-case value beside it. The same inputs and the same
``generated`` date give a byte-identical file, and the file is written
atomically (:func:`cabinet.io.fileio.atomic_path`): an interrupted run leaves the
previous report, never half a page.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import os
import re
import shutil
import tempfile
from pathlib import Path

import pandas as pd
from markupsafe import Markup

from .._format import iso_date, escape, long_date
from .comparisons import _comparison, _movement, _over_time
from .context import (
    _TAGS,
    _claims,
    _likelihood,
    _env,
    _ethnicity,
    _home_text,
    _roster_rows,
    _section,
    _Sources,
    _sources_rows,
    _stylesheet,
    _summary,
)
from ..claims import claims
from ..comparison import compare
from ..io.datapackage import descriptor
from ..gaps import hazarajat_gap, helmandi_networks_gap, west_southwest_gap
from ..io.loaders import load_appointees, load_later_appointments
from ..io.reference_tables import load_sources
from ..rosters import ROSTERS, check_as_of, roster_kind, is_roster_name, load_roster, roster_names, taliban_as_of
from ..rosters.movement import load_movement_manpower, load_movement_pool
from ..yardsticks import movement_draw, movement_predictive
from ..io.fileio import atomic_path
from ..io import datapackage as dp
from . import charts, own_page, roster_page  # noqa: F401  (each registers the page of its kind)
from .charts import CHARTS, analysis, chart_tables
from .findings import lead_findings, taliban_findings
from .. import __version__

__all__ = ["write_report"]

#: The roster the Taliban government is compared with in its own section (its registry entry's first comparison).
_COMPARED = ROSTERS["taliban-2021"].compare_with[0]
#: Its section's anchor: the first part of its name.
_COMPARED_ANCHOR = _COMPARED.split("-")[0]

#: Sections of the page, in order: (anchor, heading).
SECTIONS = (
    ("findings", "What we found"),
    ("summary", "In detail"),
    ("claims-section", "The commentary's claims"),
    ("likelihood", "How likely is each claim?"),
    ("regions", "Regions"),
    ("hazarajat", "The Hazarajat"),
    ("ethnicity", "Ethnicity"),
    ("networks", "Networks"),
    ("movement", "Against the movement's own yardstick"),
    ("over-time", "Gaps over time"),
    (_COMPARED_ANCHOR, "Against what? " + ROSTERS[_COMPARED].label[0].upper() + ROSTERS[_COMPARED].label[1:]),
    ("roster", "Roster"),
    ("sources", "Sources"),
)

# ---------------------------------------------------------------------------
# charts
# ---------------------------------------------------------------------------


_ID_RE = re.compile(r'\bid="([^"]+)"')
_HREF_RE = re.compile(r'(\bhref=")#')
_URL_RE = re.compile(r"url\(#")


def _inline_svg(svg: str, name: str, label: str | None = None, variant: str = "wide") -> str:
    """A matplotlib SVG file made fit to sit inside an HTML page.

    Drops the XML prolog and doctype, the metadata, comments and the global
    ``<style>`` (its rule is in the page's CSS, scoped to the charts), prefixes
    every id with the chart name and its variant so several charts can share
    one page, and sets the class, role and label of the ``<svg>`` element. The
    chart may grow to 1.25 times its natural size and shrinks with the page;
    the page shows the wide or the narrow variant by the width of the screen,
    so its text never drops below 9 CSS pixels.
    """
    start = svg.find("<svg")
    if start < 0:
        raise ValueError(f"chart {name}: matplotlib wrote no <svg> element")
    svg = svg[start:]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    svg = re.sub(r"<!--.*?-->\s*", "", svg, flags=re.S)
    svg = re.sub(r"<style[^>]*>.*?</style>\s*", "", svg, flags=re.S)
    svg = re.sub(r"<defs>\s*</defs>\s*", "", svg)
    prefix = f"{name}-{variant[0]}-"
    svg = _ID_RE.sub(lambda m: f'id="{prefix}{m.group(1)}"', svg)
    svg = _HREF_RE.sub(lambda m: f"{m.group(1)}#{prefix}", svg)
    svg = _URL_RE.sub(f"url(#{prefix}", svg)
    head_end = svg.index(">")
    head = svg[:head_end]
    width = re.search(r'\bwidth="([\d.]+)pt"', head)
    head = re.sub(r'\s(width|height)="[^"]*"', "", head)
    style = f' style="max-width:{float(width.group(1)) * 4 / 3 * 1.25:.0f}px"' if width else ""
    label = escape(label or name)
    head += (f' class="chart chart-{variant}" id="chart-{escape(name)}{"" if variant == "wide" else "-narrow"}" '
             f'role="img" aria-label="{label}"{style}')
    return head + svg[head_end:].rstrip() + "\n"


def chart_of(key: str) -> str:
    """The chart of :data:`CHARTS` a figure of a page draws: a chart drawn once per grouping on one page is keyed
    ``<chart>--<grouping>`` (its ids and anchors then differ), any other by its name."""
    return key.split("--", 1)[0]


def _chart_svg(name: str, data: pd.DataFrame, kind: str = "taliban", variant: str = "wide") -> str:
    """Chart ``name`` of :data:`cabinet.report.charts.CHARTS` drawn from ``data`` as inline SVG, labelled for a
    roster of ``kind``, with the settings of :mod:`cabinet.report.charts`: ``variant`` ``wide`` at the files'
    width, ``narrow`` for phones (the page shows one or the other by the width of the screen)."""
    import matplotlib


    chart = charts.CHARTS[chart_of(name)]
    with matplotlib.rc_context(charts._RC), charts._glyphs_said_once():  # type: ignore[arg-type]  # valid rc names
        fig = charts.draw(chart, data, width=charts.WIDTH if variant == "wide" else charts.NARROW_WIDTH,
                          caption=False)
        buf = io.BytesIO()
        charts.save(fig, buf, "svg")
        fig.clear()
    return _inline_svg(buf.getvalue().decode("utf-8"), name, chart.label.get(kind), variant)


def _figure(name: str, data: pd.DataFrame, kind: str = "taliban") -> dict:
    """A chart for ``macros.figure``, with its caption for a roster of ``kind``: drawn only when the template reaches
    it (the page is written as it goes)."""

    return {"name": name, "caption": CHARTS[chart_of(name)].caption.get(kind, ""),
            "svg": lambda: Markup(_chart_svg(name, data, kind, "wide")),
            "svg_narrow": lambda: Markup(_chart_svg(name, data, kind, "narrow"))}


def figures(tables: dict, kind: str, template: str) -> tuple[dict, list]:
    """The figures of every chart drawn for a page: by name (placed by the template), and those the template does
    not place (a chart registered since), in registry order."""
    placed = set(re.findall(r"figures\.(\w+)", "".join(_env().loader.get_source(_env(), t)[0]
                                                         for t in (template, "page.html"))))
    out = {name: _figure(name, table, kind) for name, table in tables.items()}
    return out, [f for name, f in out.items() if name not in placed]


# ---------------------------------------------------------------------------
# data
# ---------------------------------------------------------------------------


def _inputs(roster, later, as_of, home=None, exclude_weak=False):
    """Everything the page shows, computed before a byte is written (the charts' tables once, as the files have them)."""

    when = check_as_of(as_of)
    ctx = {"as_of": when, "data_version": str(descriptor().get("version", "?")), "home": home,
           "exclude_weak": exclude_weak}

    def analyse(path=None, later_path=None, frames=None):
        a = analysis(as_of=when, path=path, later_path=later_path, home=home, exclude_weak=exclude_weak,
                     frames=frames)
        gov = a.roster
        ctx["charts"] = chart_tables(a)
        ctx["home"] = home or ctx["charts"]["region_gap"].attrs.get("home") or "stated"  # the sense counted
        ctx.update(
            government=gov,
            claims=claims() if frames is None else claims(*frames),
            likelihood=ctx["charts"]["claim_probabilities"],
            region=a.representation("region", scheme="commentary"),
            west_southwest=west_southwest_gap(gov),
            hazarajat_core=hazarajat_gap(gov, definition="core"),
            hazarajat_extended=hazarajat_gap(gov, definition="extended"),
            ethnicity=a.representation("ethnicity"),
            network=a.representation("network"),
            helmandi=helmandi_networks_gap(gov),
            movement=_movement_inputs(gov, ctx["charts"]["yardsticks"]),
        )
        ctx["comparison_ethnicity"] = ctx["charts"]["roster_comparison"]
        ctx["comparison_region"] = compare({a.name: a.labelled(), **a.others()}, by="region", home=None)

    if roster is None and later is None:
        analyse()
    else:
        # A roster given as tables goes through the same loaders, and so the same checks, as files do.

        first = load_appointees() if roster is None else roster
        rest = load_later_appointments() if later is None else later
        with tempfile.TemporaryDirectory(prefix="cabinet-report-") as tmp:
            paths = []
            for table, frame in (("appointees", first), ("later_appointments", rest)):
                if not isinstance(frame, pd.DataFrame):
                    raise ValueError(f"{'roster' if table == 'appointees' else 'later'} must be a pandas DataFrame "
                                     f"in the form of data/{table}.csv; got {type(frame).__name__}")
                fields = dp.field_names(table)
                missing = [c for c in fields if c not in frame.columns]
                if missing:
                    raise ValueError(f"{'roster' if table == 'appointees' else 'later'} lacks the column(s) "
                                     f"{', '.join(missing)} of data/{table}.csv")
                path = Path(tmp) / f"{table}.csv"
                # a file of the data package's form, read back at once by the loaders: not for a spreadsheet, so
                # written as it is (cabinet.fileio.spreadsheet_safe would change the names it checks)
                frame[fields].to_csv(path, index=False, date_format="%Y-%m-%d", lineterminator="\n")
                paths.append(path)
            # the bundled departures go with tables that hold every appointment they name
            ids = set(first["appointment_id"]) | set(rest["appointment_id"])
            departures = dp.data_dir() / dp.resource("departures")["path"]
            with open(departures, encoding="utf-8", newline="") as fh:
                named = {row[i] for row in list(csv.reader(fh))[1:] for i in (1, 4) if row[i]}
            if named <= ids:
                for table in ("departures", "departure_sources"):
                    shutil.copyfile(dp.data_dir() / dp.resource(table)["path"], Path(tmp) / dp.resource(table)["path"])
            frames = (load_appointees(paths[0]), load_later_appointments(paths[1]))
            analyse(paths[0], paths[1], frames)
    ctx["sources"] = _Sources(load_sources())
    return ctx


def _movement_inputs(gov, yardsticks):
    """The tables of the section on the movement's own yardstick (``yardsticks``: the chart's table)."""

    return {"pool": load_movement_pool(home=gov.attrs.get("home") or "any"),
            "predictive": {t: movement_predictive(gov, t).iloc[0]
                           for t in ("west_southwest", "hazarajat", "helmandi_networks")},
            "west_southwest": west_southwest_gap(gov, baseline="movement"),
            "hazarajat": hazarajat_gap(gov, definition="core", baseline="movement"),
            "helmandi": helmandi_networks_gap(gov, baseline="movement"),
            "draw": movement_draw(gov, by="region"),
            "manpower": load_movement_manpower(),
            "yardsticks": yardsticks}


def write_report(out="reports/report.html", *, as_of=None, generated=None, roster=None, later=None,
                 home: str | None = None, exclude_weak: bool = False, by=None, baseline=None) -> Path:
    """Write the report as one self-contained HTML file, atomically.

    Parameters
    ----------
    out : str or os.PathLike
        The HTML file to write (its folder is created if missing).
    as_of : date, optional
        Describe the government as of this date: every appointment announced
        by then whose post has not been left (:func:`cabinet.load_roster`);
        the timeline runs to it. Default:
        the 33 of 7 September 2021. The claims always concern the 33.
    generated : str or date, optional
        The generation date printed in the page. Default: today (UTC). Give
        a fixed value to make two runs byte-identical.
    roster : str or DataFrame, optional
        A named roster (:data:`cabinet.rosters.ROSTERS` or a date
        ``YYYY-MM-DD``), or the appointees in the form of
        ``data/appointees.csv`` (default: the bundled data). A Taliban roster
        name stands for ``as_of``. A roster of another kind (a name of the
        registry, or the roster as :func:`cabinet.load_roster` loads it)
        writes the page registered for its kind
        (:data:`cabinet.report.charts.PAGES`; the cabinet the Taliban replaced:
        :mod:`cabinet.report.roster_page`): its regions, Hazarajat, ethnicity
        and parties, and the comparison with the Taliban government, without
        the sections that are about the Taliban movement alone.
    later : DataFrame, optional
        The later appointments, in the form of ``data/later_appointments.csv``
        (default: the bundled data). Tables are checked like files are. The
        bundled departures apply when the tables hold every appointment they
        name.
    home : {'any', 'birth', 'origin', 'stated'} or None
        Which sense of home province the regional tables and charts use; the
        page says which. None (default): home by birth, so that each
        appointee counts in one region (:func:`cabinet.groupings.counting_home`).
        The claims read each claim in its own sense (C3: birth).
    exclude_weak : bool
        Leave out values that rest only on low-class sources (default False).
    by : str or list of str, optional
        Write the page of a roster of any body (:mod:`cabinet.report.own_page`) for these groupings:
        columns of the roster, comma-separated or as a list, one section each. ``roster`` is then
        anything :func:`cabinet.load_roster` takes (a CSV file of your own, a DataFrame, a name).
    baseline : optional
        With ``by``: the baseline of each grouping, in the same order (a CSV file of group,share or
        group,population, a mapping, or None or ``"none"`` for none); fewer baselines than groupings
        leave the last groupings without one. A built-in Afghan baseline applies only when named.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    ValueError
        On a bad date, an unknown roster name, a roster name given with
        ``as_of`` or ``later``, or a roster missing columns.
    DataError
        When a given roster does not pass the data package's checks.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = write_report(pathlib.Path(tempfile.mkdtemp()) / "report.html", generated="2021-12-31")
    >>> text = path.read_text(encoding="utf-8")
    >>> '<table id="claims">' in text and text.count('class="chart chart-wide"') == 9
    True
    >>> other = next(n for n, r in ROSTERS.items() if r.kind != "taliban")  # the cabinet the Taliban replaced
    >>> page = write_report(pathlib.Path(tempfile.mkdtemp()) / "other.html", roster=other,
    ...                     generated="2021-12-31").read_text(encoding="utf-8")
    >>> 'id="claims"' in page, page.count('class="chart chart-wide"')
    (False, 6)
    """

    if generated is None:
        generated = _dt.datetime.now(_dt.timezone.utc).date().isoformat()
    generated = iso_date(generated) if isinstance(generated, (_dt.date, pd.Timestamp)) else str(generated)
    options: dict = {}
    kind: str | None
    if by is not None:
        # a roster of any body, by groupings of its own: the page of kind "own", from the one resolver
        if as_of is not None or later is not None:
            raise ValueError("by writes the page of a roster of its own: give it without as_of or later")
        roster = load_roster(roster, home=home or "any", exclude_weak=exclude_weak)
        kind, options = "own", {"by": by, "baseline": baseline}
    elif baseline is not None:
        raise ValueError("baseline goes with by: name the grouping(s) of the roster it is set against")
    else:
        roster, as_of = _named(roster, as_of, later, home, exclude_weak)
        kind = roster_kind(roster) if isinstance(roster, pd.DataFrame) else "taliban"
    if kind in (None, "taliban"):
        data = _inputs(roster, later, as_of, home, exclude_weak)
        make_context, template = _context, "report.html"
    else:
        if kind not in charts.PAGES:
            raise ValueError(f"no report page is written for rosters of kind {kind!r} (pages: taliban, "
                             f"{', '.join(charts.PAGES)}); draw its charts with write_charts(roster=...)")
        make_inputs, make_context, template = charts.PAGES[kind]
        if as_of is not None or later is not None:
            raise ValueError(f"{roster.attrs.get('roster_label') or 'this roster'} is a roster of its own date: give "
                             "it without as_of or later")
        data = make_inputs(roster, home, exclude_weak, **options)
    figs, more = figures(data["charts"], kind or "taliban", template)
    context = make_context(data, generated, figs)
    context.setdefault("more_figures", more)  # a page that places its figures itself says there are no more
    out = Path(out)
    with atomic_path(out) as tmp:
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            for chunk in _env().get_template(template).generate(context):
                fh.write(chunk)
                fh.flush()
            os.fsync(fh.fileno())
    return out


def _named(roster, as_of, later, home, exclude_weak):
    """``(roster, as_of)`` of :func:`write_report` once a roster name is read: a roster of another kind loaded, a
    Taliban roster turned into its date."""
    if not isinstance(roster, str):
        return roster, as_of

    name = roster.strip()
    if not is_roster_name(name):
        raise ValueError(f"unknown roster {roster!r}; allowed: {', '.join(roster_names())}, a date YYYY-MM-DD on or "
                         "after 2021-09-07, or a DataFrame in the form of data/appointees.csv")
    if as_of is not None or later is not None:
        raise ValueError("a roster name stands for its government and date: give it without as_of or later")
    if roster_kind(name) != "taliban":
        return load_roster(name, home=home or "any", exclude_weak=exclude_weak), None
    when = taliban_as_of(name)
    return None, None if when is None else when


def _context(ctx, generated: str, figures: dict) -> dict:
    """Everything ``templates/report.html`` shows, as plain values (the template holds the markup); ``figures``: the
    charts by name (:func:`figures`)."""
    from functools import lru_cache as _cache


    src: _Sources = ctx["sources"]
    gov = ctx["government"]
    n = len(gov)
    as_of = ctx["as_of"]
    if as_of is None:
        scope = f"the {n} appointees announced on 7 September 2021"
        as_of_text = "7 September 2021 (the 33 of the first announcement)"
    else:
        scope = f"the {n} members of the government as of {long_date(as_of)} (the 33 plus later appointments)"
        as_of_text = as_of.strftime("%Y-%m-%d")
    charts = ctx["charts"]
    return {
        "findings": lead_findings(figures, taliban_findings(ctx)),
        "title": "Who holds power in Afghanistan's 2021 Taliban caretaker government?",
        "css": _stylesheet(), "scope": scope, "scope_sentence": scope[0].upper() + scope[1:],
        "version": __version__, "data_version": ctx["data_version"], "as_of_text": as_of_text,
        "generated": generated, "sections": SECTIONS,
        "home_text": _home_text(ctx),
        "counted": "appointees",
        "summary": _summary(ctx),
        "claims": _claims(ctx["claims"]),
        "likelihood": _likelihood(ctx["likelihood"]),
        "region": _section(ctx["region"], src, caption=f"Appointees per region ({n} appointees)", group_head="Region"),
        "west_southwest": _section(ctx["west_southwest"], src,
                                   caption="West and southwest (Herat, Farah, Badghis, Ghor; Helmand, Nimroz)"),
        "hazarajat_core": _section(ctx["hazarajat_core"], src, caption="Core Hazarajat"),
        "hazarajat_extended": _section(ctx["hazarajat_extended"], src, caption="Extended Hazarajat"),
        "ethnicity": _ethnicity(ctx["ethnicity"], src),
        "network": _section(ctx["network"], src, caption=f"Network memberships of the {n} appointees"
                            if ctx["network"].attrs.get("counts") == "memberships" else
                            f"Appointees per network ({n} appointees)", group_head="Network"),
        "helmandi": _section(ctx["helmandi"], src, caption="Helmandi networks", group_head="Network"),
        "comparison": _comparison(ctx),
        "comparison_anchor": _COMPARED_ANCHOR, "comparison_heading": dict(SECTIONS)[_COMPARED_ANCHOR],
        "movement": _movement(ctx, src),
        "figures": figures,
        "over_time_text": _over_time(charts["gaps_over_time"]),
        "roster_head": [label for _, _, label in _TAGS],
        # the roster cites sources as it is built, so the list of sources is made after it
        "roster_rows": _cache(maxsize=1)(lambda: _roster_rows(gov, src)),
        "sources_rows": _cache(maxsize=1)(lambda: _sources_rows(src)),
    }
