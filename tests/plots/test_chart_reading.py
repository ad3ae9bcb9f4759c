"""Every chart, as a reader sees it (issue 26): for the bundled rosters and for a roster of another country.

Each chart is drawn at both sizes the package writes (the chart files' width, and the narrow width
the report shows on phones) and checked for:

- a title on one line that fits the chart at that size;
- a subtitle of at most two lines, one ``Source:`` line naming publishers (no source ids);
- no text smaller than the charts' minimum, no text outside the figure (nothing clipped), no two
  texts overlapping (labels never collide);
- party and network codes printed as names;
- counts that add up to the roster, or a line that says why they do not;
- every entity in its colour of :mod:`cabinet.palette`, so the same entity is the same colour in
  every chart.

The other country is the invented Kenyan cabinet of ``tests/fixtures/other_country`` (unknown and
disputed tags, its own baselines).
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib.text import Text

matplotlib.use("Agg")

import cabinet  # noqa: E402
from cabinet import palette, plots  # noqa: E402
from cabinet.report import charts  # noqa: E402
from cabinet.plots import _style  # noqa: E402

OTHER = Path(__file__).resolve().parents[1] / "fixtures" / "other_country"
CODES = [k for fam in ("network", "party") for k in palette.ENTITIES[fam] if "_" in k]


def _other_tables() -> dict:
    roster = cabinet.load_user_roster(OTHER / "cabinet.csv")
    previous = cabinet.load_user_roster(OTHER / "cabinet_previous.csv")
    region = cabinet.representation(roster, "region", baseline=str(OTHER / "population_region.csv"))
    return {
        "region_gap": (plots.plot_region_gap, region),
        "ethnicity": (plots.plot_ethnicity,
                      cabinet.representation(roster, "ethnicity", baseline=str(OTHER / "population_ethnicity.csv"))),
        "disproportionality": (plots.plot_disproportionality, region),
        "party_gap": (plots.plot_region_gap, cabinet.representation(roster, "party")),
        "roster_comparison": (plots.plot_roster_comparison,
                              cabinet.compare({"cabinet.csv": roster, "cabinet_previous.csv": previous},
                                              by="ethnicity", home=None)),
    }


@pytest.fixture(scope="module")
def every_table():
    """(roster, chart) -> (plot function, table): every chart of the bundled rosters and of the other country."""
    out = {}
    for roster, kind in (("taliban-2021", "taliban"), ("republic-2021", "republic")):
        tables = charts.chart_tables(charts.analysis(roster))
        for chart in charts.charts_for(kind):
            out[(roster, chart.name)] = (chart.plot, tables[chart.name])
    for name, pair in _other_tables().items():
        out[("other-country", name)] = pair
    return out


CASES = ([("taliban-2021", c.name) for c in charts.charts_for("taliban")]
         + [("republic-2021", c.name) for c in charts.charts_for("republic")]
         + [("other-country", n) for n in ("region_gap", "ethnicity", "disproportionality", "party_gap",
                                           "roster_comparison")])


def _draw(func, table, name, width):
    with matplotlib.rc_context(charts._RC):
        fig = charts.draw(dataclasses.replace(charts.CHARTS[name], plot=func), table, width=width, caption=True)
        fig.draw_without_rendering()
    return fig


def drawn_texts(fig) -> list[Text]:
    """Every text the figure draws: visible, not empty, tick labels only of ticks inside the view."""
    ticks, keep = set(), []
    for ax in fig.findobj(matplotlib.axes.Axes):
        for axis, (lo, hi) in ((ax.xaxis, ax.get_xlim()), (ax.yaxis, ax.get_ylim())):
            lo, hi = min(lo, hi), max(lo, hi)
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                for label in (tick.label1, tick.label2):
                    ticks.add(id(label))
                    inside = lo - 1e-9 <= tick.get_loc() <= hi + 1e-9
                    if inside and ax.axison and axis.get_visible() and label.get_visible() and label.get_text():
                        keep.append(label)
    for t in fig.findobj(Text):
        if id(t) in ticks or not t.get_visible() or not t.get_text().strip():
            continue
        if t.axes is not None and not t.axes.get_visible():
            continue
        keep.append(t)
    return list({id(t): t for t in keep}.values())


@pytest.fixture(scope="module", params=CASES, ids=["/".join(c) for c in CASES])
def drawn(request, every_table):
    """The chart at both written sizes: (roster, name, table, {width: (figure, axes)})."""
    roster, name = request.param
    func, table = every_table[(roster, name)]
    figs = {}
    for width in (charts.WIDTH, charts.NARROW_WIDTH):
        fig = _draw(func, table, name, width)
        figs[width] = (fig, _style._main_axes(fig)[0])
    yield roster, name, table, figs
    for fig, _ in figs.values():
        fig.clear()


@pytest.mark.parametrize("width", [charts.WIDTH, charts.NARROW_WIDTH], ids=["wide", "narrow"])
def test_title_fits_one_line(drawn, width):
    _, name, _, figs = drawn
    fig, ax = figs[width]
    r = fig._get_renderer()
    title = ax._left_title
    assert title.get_text() and "\n" not in title.get_text(), title.get_text()
    box = title.get_window_extent(r)
    pad = _style._PAD * fig.dpi / 72
    assert box.x0 >= pad - 1 and box.x1 <= fig.bbox.width - pad + 1, (name, title.get_text(), box)


@pytest.mark.parametrize("width", [charts.WIDTH, charts.NARROW_WIDTH], ids=["wide", "narrow"])
def test_nothing_clipped_nothing_collides_nothing_too_small(drawn, width):
    _, name, _, figs = drawn
    fig, _ = figs[width]
    r = fig._get_renderer()
    texts = drawn_texts(fig)
    assert texts
    boxes = []
    for t in texts:
        assert t.get_fontsize() >= _style.MIN_TEXT_PT - 1e-9, (name, t.get_text(), t.get_fontsize())
        b = Text.get_window_extent(t, r)  # the text alone (an annotation's extent includes its arrow)
        assert b.x0 >= -0.5 and b.y0 >= -0.5 and b.x1 <= fig.bbox.width + 0.5 and b.y1 <= fig.bbox.height + 0.5, \
            (name, width, t.get_text(), b, fig.bbox)
        boxes.append((t, b))
    for (t1, b1), (t2, b2) in itertools.combinations(boxes, 2):
        inter_w = min(b1.x1, b2.x1) - max(b1.x0, b2.x0)
        inter_h = min(b1.y1, b2.y1) - max(b1.y0, b2.y0)
        assert inter_w <= 1.0 or inter_h <= 1.0, (name, width, t1.get_text(), t2.get_text())


def test_subtitle_source_and_names(drawn):
    roster, name, table, figs = drawn
    for width, (fig, ax) in figs.items():
        words = plots.frame_texts(ax)
        assert words["subtitle"].count("\n") <= 1, (name, width, words["subtitle"])
        source = words["source"]
        assert source.startswith("Source:") and "\n" not in source, (name, source)
        # publishers, not the ids of sources.csv (slug-date-words) or of the baselines
        assert not re.search(r"\b[a-z]+-\d{4,8}-[a-z]", source), source
        assert "nsia_1398" not in source and "[" not in source
        shown = " ".join(t.get_text() for t in drawn_texts(fig))
        assert [c for c in CODES if c in shown] == [], (name, width)


def _partition(t: pd.DataFrame):
    """(total drawn, roster size) of a representation table's first block: groups, unknown and disputed."""
    if "baseline" in t.columns and t["baseline"].notna().any():
        t = t[t["baseline"] == t["baseline"].dropna().iloc[0]]
    total = t.loc[t["status"].isin(["group", "unknown", "disputed"]), "count"].sum()
    return float(total), float(t["n"].iloc[0])


def test_counts_add_up_or_the_chart_says_why(drawn):
    roster, name, table, figs = drawn
    fig, ax = figs[charts.WIDTH]
    words = plots.frame_texts(ax)
    if name in ("region_gap", "party_gap", "ethnicity", "province_map"):
        total, n = _partition(table)
        if total != n:
            assert f"add up to {total:.0f}, not {n:.0f}" in words["counts"], (name, total, n, words["counts"])
        else:
            assert "add up to" not in words["counts"]
    if name == "province_map":
        assert words["counts"].startswith("Of ") or f"Of {table['n'].iloc[0]:.0f}:" in words["counts"]
    if name == "network_waffle":  # one square per person, split squares for members of two networks
        squares = sum(len(c.get_paths()) for c in ax.collections)
        members = table.loc[table["status"] == "group", "count"].sum() + \
            table.loc[table["status"].isin(["unknown", "disputed"]), "count"].sum()
        n = table["n"].iloc[0]
        assert squares >= n
        if members != n:
            assert f"memberships for {n:.0f} people" in words["counts"]
    if name == "disproportionality":
        # every post is in the index: the known in their group, the open ones placed every way their tags allow;
        # those of a group without a baseline share are said to be left out
        first = table[table["baseline"] == table["baseline"].iloc[0]] if "baseline" in table.columns else table
        unknown = first.loc[first["status"] == "unknown", "count"].sum()
        open_ = first.loc[first["status"].isin(["unknown", "disputed"]), "count"].sum()
        n = table["n"].iloc[0]
        said = " ".join(words["counts"].split())
        counted = re.search(r"All (\d+) posts are counted: the (?:(\d+) unknown)?(?: and )?"
                            r"(?:(\d+) disputed or in two groups)?", said)
        left_out = re.search(r"(\d+) in groups without a baseline share are left out", said)
        if open_:
            assert counted, words["counts"]
            assert int(counted.group(1)) + (int(left_out.group(1)) if left_out else 0) == n
            assert int(counted.group(2) or 0) == unknown
    if name == "roster_comparison":
        assert "left out" in words["counts"]


def _marked(fig):
    """(entity, colour) of every artist that records the entity it draws."""
    from matplotlib.colors import to_hex

    out = []
    for artist in fig.findobj(lambda a: hasattr(a, "_cabinet_entities")):
        ents = artist._cabinet_entities
        if hasattr(artist, "get_facecolors") and len(ents) > 1:
            colours = [to_hex(c) for c in artist.get_facecolors()]
        elif isinstance(artist, matplotlib.lines.Line2D):
            colours = [to_hex(artist.get_markerfacecolor() if artist.get_marker() not in (None, "None", "")
                              else artist.get_color())]
        else:
            fc = artist.get_facecolor() if hasattr(artist, "get_facecolor") else artist.get_color()
            colours = [to_hex(np.atleast_2d(fc)[0])]
        out += list(zip(ents, colours if len(colours) == len(ents) else colours * len(ents)))
    return out


def test_every_entity_is_drawn_in_its_own_colour(drawn):
    roster, name, table, figs = drawn
    for width, (fig, _) in figs.items():
        marks = _marked(fig)
        # the rosters of another body have no colour of their own: they take the palette's cycle in turn
        if name != "claim_probabilities" and (roster, name) != ("other-country", "roster_comparison"):
            assert marks, (name, "no entity recorded")
        for (family, key), col in marks:
            assert col.upper() == palette.colour(family, key).upper(), (name, family, key, col)
        rosters = {k for (f, k), _ in marks if f == "roster"}
        own = {"taliban-2021": "taliban-2021", "republic-2021": "republic-2021", "other-country": "roster"}[roster]
        if name not in ("roster_comparison", "gaps_over_time", "claim_probabilities", "network_waffle"):
            assert rosters == {own}, (name, rosters)


def test_the_rosters_keep_their_colours_across_charts(every_table):
    """The Taliban cabinet of 2021 is one colour in its own charts and in the Republic's comparison."""
    seen: dict = {}
    for (roster, name), (func, table) in every_table.items():
        if roster == "other-country":
            continue
        fig = _draw(func, table, name, charts.WIDTH)
        for (family, key), col in _marked(fig):
            if family == "roster":
                seen.setdefault(key, set()).add(col.upper())
        fig.clear()
    assert seen["taliban-2021"] == {palette.colour("roster", "taliban-2021").upper()}
    assert seen["republic-2021"] == {palette.colour("roster", "republic-2021").upper()}
    assert len({next(iter(v)) for v in seen.values()}) == len(seen)  # and no two rosters share one
