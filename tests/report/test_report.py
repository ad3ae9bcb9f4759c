"""write_report: one self-contained HTML page; same inputs, same bytes; data escaped; atomic; checked in a real browser.

The browser test drives Debian's headless ``chromium`` over the DevTools
protocol (``tests/browser.py``, standard library only). It is skipped, with
the reason given, only when no chromium binary is found; CI installs one.
"""

from __future__ import annotations

import html
import re
import struct
from html.parser import HTMLParser
from pathlib import Path

import markupsafe
import pandas as pd
import pytest

import cabinet
from cabinet import _format
from cabinet.report import context as report_context
from cabinet.report import page as report
from cabinet.report import write_report

from browser import Browser, find_chromium

GENERATED = "2021-12-31"
HOSTILE = "<script>alert(1)</script> $x^2$"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CLAIM_COLUMNS = ["id", "claim", "verdict", "deciding", "unknown", "figure"]


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    return write_report(tmp_path_factory.mktemp("report") / "report.html", generated=GENERATED)


@pytest.fixture(scope="module")
def text(page) -> str:
    return page.read_text(encoding="utf-8")


@pytest.fixture
def stub_charts(monkeypatch):
    """Skip drawing the charts (for tests about something else): a small placeholder SVG each."""
    monkeypatch.setattr(report, "_chart_svg",
                        lambda name, data, *kind: f'<svg class="chart" id="chart-{name}" viewBox="0 0 4 3"></svg>\n')


class _Page(HTMLParser):
    """Ids, links, sources of embedded content, and the cells of the claims table."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.links, self.embedded, self.claims = [], [], [], []
        self._in_claims = self._in_body = False
        self._cell = None
        self._link = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.append(a["id"])
        for key in ("src", "srcset", "data", "poster", "background"):
            if key in a:
                self.embedded.append((tag, key, a[key]))
        if tag in ("link", "image", "use", "img", "script", "iframe", "object", "embed", "source"):
            for key in ("href", "xlink:href"):
                if key in a:
                    self.embedded.append((tag, key, a[key]))
        if tag == "a":
            self._link = [a.get("href"), a.get("title"), ""]
        if tag == "table" and a.get("id") == "claims":
            self._in_claims = True
        if self._in_claims and tag == "tbody":
            self._in_body = True
        if self._in_claims and self._in_body and tag == "tr":
            self.claims.append({})
        if self._in_claims and tag == "td":
            self._cell = [a.get("data-col"), a.get("class", ""), ""]

    def handle_endtag(self, tag):
        if tag == "a" and self._link is not None:
            self.links.append(tuple(self._link))
            self._link = None
        if tag == "td" and self._cell is not None:
            col, cls, value = self._cell
            self.claims[-1][col] = value
            self.claims[-1][f"{col}.class"] = cls
            self._cell = None
        if tag == "table" and self._in_claims:
            self._in_claims = self._in_body = False

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[2] += data
        if self._link is not None:
            self._link[2] += data


def _parse(text) -> _Page:
    parser = _Page()
    parser.feed(text)
    parser.close()
    return parser


def _ws(value) -> str:
    return " ".join(str(value).split())


def _expected_claims() -> pd.DataFrame:
    return cabinet.claims()[CLAIM_COLUMNS].astype(str)


# ---------------------------------------------------------------------------
# the file
# ---------------------------------------------------------------------------


def test_rerun_is_byte_identical(page, tmp_path):
    again = write_report(tmp_path / "deeper" / "again.html", generated=GENERATED)
    assert again == tmp_path / "deeper" / "again.html"
    assert again.read_bytes() == page.read_bytes()
    assert [p.name for p in again.parent.iterdir()] == ["again.html"]


def test_roster_given_as_tables_gives_the_same_page(page, tmp_path):
    out = write_report(tmp_path / "r.html", generated=GENERATED, roster=cabinet.io.load_appointees(),
                       later=cabinet.io.load_later_appointments())
    assert out.read_bytes() == page.read_bytes()


def test_self_contained(text):
    parsed = _parse(text)
    lowered = text.lower()
    assert "<script" not in lowered
    assert "@import" not in lowered and "@font-face" not in lowered
    assert "<?xml" not in text and "<!doctype svg" not in lowered
    assert "<!--" not in text
    # nothing embedded from anywhere but the page itself
    assert all(value.startswith(("data:", "#")) for _, _, value in parsed.embedded), \
        [e for e in parsed.embedded if not e[2].startswith(("data:", "#"))][:5]
    assert re.findall(r"url\((?!#)", text) == []
    # links: in-page anchors or http(s) only
    hrefs = [h for h, _, _ in parsed.links]
    assert hrefs and all(h.startswith(("#", "http://", "https://")) for h in hrefs)
    # ids unique across the page (six inline SVGs share it), and every in-page reference resolves
    assert len(parsed.ids) == len(set(parsed.ids)), [i for i in parsed.ids if parsed.ids.count(i) > 1][:5]
    ids = set(parsed.ids)
    refs = set(re.findall(r'href="#([^"]+)"', text)) | set(re.findall(r"url\(#([^)]+)\)", text))
    assert refs - ids == set()
    assert text.count('class="chart"') == len([c.name for c in cabinet.report.charts.charts_for("taliban")]) == 9
    for name in [c.name for c in cabinet.report.charts.charts_for("taliban")]:
        assert f'id="chart-{name}"' in text


def test_content(text):
    from cabinet.io.datapackage import descriptor

    assert f"cabinet {cabinet.__version__}" in text
    assert f"data package {descriptor()['version']}" in text
    assert f"generated: {GENERATED}" in text
    assert "government as of: 7 September 2021" in text
    for anchor, heading in report.SECTIONS:
        # escaped as Jinja2 escapes (an apostrophe is &#39;); the heading reads as written
        assert f'id="{anchor}"' in text and f'<a href="#{anchor}">{markupsafe.escape(heading)}</a>' in text
        assert f"<h2>{heading}</h2>" in html.unescape(text)
    # the summary's numbers, exact probabilities with three significant digits
    # each as the range the unknowns allow (known count, largest possible count), with the complete-case value
    w = cabinet.west_southwest_gap().set_index("group").loc["West+Southwest"]
    assert (f"P(count \u2264 {int(w['count'])}) = {_format.probability(w['p_le_count'])} at the known count, "
            f"{_format.probability(w['p_le_count_max'])} at the largest possible count ({int(w['count_max'])})") in text
    assert f"the {int(w['n_known'])} appointees whose home province is known): P = {_format.probability(w['p_le_known'])}" in text
    assert _format.probability(w["p_le_count"]) == f"{w['p_le_count']:#.3g}"
    assert w["p_le_count"] < 0.05 < w["p_le_count_max"]  # the unknowns decide: both ends must be shown
    core = cabinet.hazarajat_gap(definition="core").set_index("group").loc["Hazarajat"]
    assert (f"P(count \u2264 {int(core['count'])}) = {_format.probability(core['p_le_count'])} at the known count, "
            f"{_format.probability(core['p_le_count_max'])} at the largest possible count") in text
    counts = cabinet.claims()["verdict"].value_counts()
    assert f"{counts.get('supported', 0)} supported, {counts.get('contradicted', 0)} contradicted, " \
           f"{counts.get('undetermined', 0)} undetermined" in text
    # every baseline is named
    assert text.count('class="baseline"') >= 7
    for estimate in cabinet.representation(by="ethnicity")["baseline"].unique():
        assert f"<strong>{estimate}</strong>" in text


def test_claims_table_is_claims(text):
    rows = _parse(text).claims
    expected = _expected_claims()
    assert len(rows) == len(expected)
    for row, (_, want) in zip(rows, expected.iterrows()):
        for col in ("id", "claim", "verdict"):
            assert row[col] == want[col]
        for col in ("deciding", "unknown", "figure"):
            assert _ws(row[col]) == _ws(want[col])
        assert f"verdict-{want['verdict']}" in row["verdict.class"].split()


def test_roster_sources_are_links_to_their_urls(text):
    sources = cabinet.io.load_sources().set_index("source_id")
    roster = cabinet.load_roster()
    links = {t: h for h, _, t in _parse(text).links if not h.startswith("#")}
    cited = set()
    for _, r in roster.iterrows():
        for col in ("source_ids", "province_sources", "ethnicity_sources", "tribe_sources", "network_sources"):
            cited |= {s for group in str(r[col]).split("|") for s in group.split(";") if s.strip()}
    assert cited
    for sid in cited:
        url = sources.at[sid, "url"]
        if str(url).startswith(("http://", "https://")):
            assert links.get(sid) == url, sid
    # one row per appointee, names escaped
    for name in roster["name"]:
        assert f"<b>{html.escape(name)}</b>" in text


def test_only_http_urls_become_links():
    table = pd.DataFrame({"source_id": ["ok", "js", "quote", "none"],
                          "title": ['A "title" <b>', "t", "t", "t"], "publisher": ["p"] * 4, "date": [""] * 4,
                          "url": ["https://example.org/a?b=1&c=2", "javascript:alert(1)",
                                  'https://example.org/"onmouseover="alert(1)', ""]})
    src = report._Sources(table)
    # Jinja2's autoescaping writes a double quote as &#34; (html.escape wrote &quot;; the same character)
    assert src.link("ok") == ('<a href="https://example.org/a?b=1&amp;c=2" title="A &#34;title&#34; &lt;b&gt;, p">'
                              "ok</a>")
    assert "href" not in src.link("js") and "javascript" not in src.link("js")
    assert 'href="https://example.org/&#34;onmouseover=&#34;alert(1)"' in src.link("quote")
    assert "href" not in src.link("none")
    assert src.link("missing") == '<span title="not in sources.csv">missing</span>'
    listing = report_context._sources_table(src)
    assert '<span class="url">javascript:alert(1)</span>' in listing


def test_hostile_name_is_text(tmp_path):
    roster = cabinet.io.load_appointees().copy()
    roster.loc[0, "name"] = HOSTILE
    out = write_report(tmp_path / "hostile.html", generated=GENERATED, roster=roster)
    text = out.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; $x^2$" in text
    assert "<script" not in text.lower()
    # the claims table of the page is the claims of that roster
    rows = _parse(text).claims
    want = cabinet.claims(roster)
    assert [r["figure"] for r in rows] == want["figure"].tolist()
    assert any(HOSTILE in r["deciding"] for r in rows)


def test_atomic_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "report.html"
    target.write_bytes(b"the previous report")
    seen = {}
    real = report._chart_svg

    def failing(name, data):
        # by now the page is half written, to a temporary file beside the target
        partial = [p for p in tmp_path.iterdir() if p.name != "report.html"]
        seen["partial"] = {p.name: p.stat().st_size for p in partial}
        if name == "province_map":
            raise RuntimeError("disk on fire")
        return real(name, data)

    monkeypatch.setattr(report, "_chart_svg", failing)
    with pytest.raises(RuntimeError, match="disk on fire"):
        write_report(target, generated=GENERATED)
    assert len(seen["partial"]) == 1 and list(seen["partial"].values())[0] > 0
    assert target.read_bytes() == b"the previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_as_of_and_default_date(tmp_path, stub_charts):
    import datetime

    out = write_report(tmp_path / "dec.html", as_of="2021-12-31")
    text = out.read_text(encoding="utf-8")
    gov = cabinet.load_roster(as_of="2021-12-31")
    assert "government as of: 2021-12-31" in text
    assert f"the {len(gov)} members of the government as of 31 December 2021" in text
    roster_rows = text.split('class="roster"', 1)[1].split("</table>", 1)[0].count('<td class="person">')
    assert roster_rows == len(gov) > 33
    today = datetime.datetime.now(datetime.timezone.utc).date()
    assert any(f"generated: {d}" in text for d in (today, today - datetime.timedelta(days=1)))


@pytest.mark.parametrize("bad", ["2021-09-01", "2021-13-01", "soon"])
def test_bad_as_of_writes_nothing(tmp_path, bad):
    with pytest.raises(ValueError, match="2021"):
        write_report(tmp_path / "x.html", as_of=bad)
    assert list(tmp_path.iterdir()) == []


def test_roster_missing_columns(tmp_path):
    with pytest.raises(ValueError, match="lacks the column"):
        write_report(tmp_path / "x.html", roster=cabinet.io.load_appointees().drop(columns=["province"]))
    assert list(tmp_path.iterdir()) == []


def test_formats():
    assert _format.probability(0.0014137) == "0.00141"
    assert _format.probability(0.5) == "0.500"
    assert _format.probability(1.0) == "1.00"
    assert _format.probability(7.3787e-14) == "7.38\u00d710\u207b\u00b9\u2074"
    assert _format.percent(0.180316) == "18.0%"
    assert _format.percent_range(0.0, 0.27272) == "0.0\u201327.3%"


# ---------------------------------------------------------------------------
# in a browser
# ---------------------------------------------------------------------------

CHROMIUM = find_chromium()

_RECTS = """JSON.stringify([...document.querySelectorAll('svg.chart, img, svg image')].map(e => {
  const r = e.getBoundingClientRect();
  return {tag: e.tagName.toLowerCase(), id: e.id || (e.closest('svg.chart') || {}).id || '', w: r.width, h: r.height};
}))"""

_CLAIMS = """JSON.stringify({
  head: [...document.querySelectorAll('#claims thead th')].map(th => th.dataset.col),
  rows: [...document.querySelectorAll('#claims tbody tr')].map(tr =>
    Object.fromEntries([...tr.cells].map(td => [td.dataset.col, td.textContent, ]).concat(
      [['verdict.class', tr.querySelector('td[data-col=verdict]').className]])))
})"""

_LAYOUT = """JSON.stringify({
  page: document.documentElement.scrollWidth, view: document.documentElement.clientWidth,
  title: document.title, fonts: document.fonts.size,
  sections: [...document.querySelectorAll('main section')].map(s => s.id)
})"""


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary found: install Debian's 'chromium' package "
                                             "(apt-get install chromium) or set CABINET_CHROMIUM to its path")
def test_in_a_browser(page):
    import json

    url = page.resolve().as_uri()
    with Browser(CHROMIUM, width=1280, height=900) as browser:
        tab = browser.new_page()
        tab.enable("Page", "Runtime", "Log", "Network")
        tab.navigate(url)
        rects = json.loads(tab.evaluate(_RECTS))
        claims_dom = json.loads(tab.evaluate(_CLAIMS))
        layout = json.loads(tab.evaluate(_LAYOUT))
        png = tab.screenshot(full_page=True)
        events = tab.events

    # 4. the screenshot, kept for people to look at
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "report.png").write_bytes(png)
    Path("/tmp/report.png").write_bytes(png)
    width, height = _png_size(png)
    assert width == 1280 and height > 5000

    # 1. no console errors, no exceptions, no failed requests, no request but the file itself
    errors = [p for m, p in events if m == "Runtime.exceptionThrown"]
    errors += [p for m, p in events if m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert")]
    errors += [p for m, p in events if m == "Log.entryAdded" and p["entry"].get("level") == "error"]
    assert errors == []
    assert [p for m, p in events if m == "Network.loadingFailed"] == []
    requested = [p["request"]["url"] for m, p in events if m == "Network.requestWillBeSent"]
    assert url in requested
    assert [u for u in requested if u != url and not u.startswith("data:")] == []

    # 2. every chart drawn, at a readable size, and the page itself no wider than the window
    charts = [r for r in rects if r["tag"] == "svg"]
    assert sorted(r["id"] for r in charts) == sorted(f"chart-{n}" for n in [c.name for c in cabinet.report.charts.charts_for("taliban")])
    for r in rects:
        assert r["w"] > 0 and r["h"] > 0, r
    for r in charts:
        assert r["w"] >= 600 and r["h"] >= 300, r
    assert layout["page"] <= layout["view"], layout
    assert layout["sections"] == [a for a, _ in report.SECTIONS]

    # 3. the claims table in the page is cabinet.claims()
    assert claims_dom["head"] == CLAIM_COLUMNS
    expected = _expected_claims()
    assert len(claims_dom["rows"]) == len(expected)
    for row, (_, want) in zip(claims_dom["rows"], expected.iterrows()):
        for col in ("id", "claim", "verdict"):
            assert row[col] == want[col], (col, row[col], want[col])
        for col in ("deciding", "unknown", "figure"):
            assert _ws(row[col]) == _ws(want[col]), (col, row[col], want[col])
        assert "verdict-" + want["verdict"] in row["verdict.class"].split()


# ---------------------------------------------------------------------------
# what the page says holds whatever the unknowns are (issue 17)
# ---------------------------------------------------------------------------


def _ethnicity_rows(text):
    section = text.split('<section id="ethnicity">', 1)[1].split("</table>", 1)[0]
    rows = {}
    for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", section, re.S)[1:]:
        cells = re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)
        rows[html.unescape(re.sub(r"<[^>]+>", "", cells[0]))] = cells
    return rows


def test_ethnicity_table_has_the_residual_row_and_tests_no_literal_other(text):
    rows = _ethnicity_rows(text)
    t = cabinet.representation(by="ethnicity")
    res = t[t["status"] == "residual"]
    label = res["group"].iloc[0]
    assert label == "groups not named by the estimate"
    assert label in rows
    lo, hi = int(res["count"].min()), int(res["count"].max())
    assert rows[label][1] == (str(lo) if lo == hi else f"{lo}\u2013{hi}")
    # each estimate's residual share and probability range, in that estimate's column
    estimates = list(dict.fromkeys(t["baseline"]))
    for i, e in enumerate(estimates):
        r = res[res["baseline"] == e].iloc[0]
        assert f"P = {report_context._prob_span(r['p_le_count'], r['p_le_count_max'])}" in rows[label][4 + i], e
    # no estimate tests appointees tagged literally 'Other' against its 'Other' share
    assert all("not published" in cell for cell in rows["Other"][4:4 + len(estimates)])


def test_december_summary_says_the_ethnicity_verdict_depends_on_the_unknowns(tmp_path, stub_charts):
    out = write_report(tmp_path / "dec.html", as_of="2021-12-31", generated=GENERATED)
    text = out.read_text(encoding="utf-8")
    summary = html.unescape(text.split('<section id="summary">', 1)[1].split("</section>", 1)[0])
    e = cabinet.representation(cabinet.load_roster(as_of="2021-12-31"), "ethnicity")
    first = e[e["baseline"] == e["baseline"].iloc[0]]
    open_ = int(first.loc[first["status"].isin(["unknown", "disputed"]), "count"].sum())
    assert open_ == 44
    assert f"within or above the range of the estimates, depending on the {open_} unknown or disputed" in summary
    # and the west/southwest probability is a range, not its lower end alone
    w = cabinet.west_southwest_gap(cabinet.load_roster(as_of="2021-12-31")).set_index("group").loc["West+Southwest"]
    assert f"{_format.probability(w['p_le_count_max'])} at the largest possible count" in summary


def test_likelihood_table_is_claim_probabilities(text):
    import re

    section = text.split('<table id="likelihood-table">', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr><td class=\"id\">(C\d)</td><td>(\w+)</td>(.*?)</tr>", section)
    expected = cabinet.claim_probabilities()
    assert [r[0] for r in rows] == list(dict.fromkeys(expected["id"]))
    for cid, verdict, cells in rows:
        values = re.findall(r'<td class="num">(.*?)</td>', cells)
        block = expected[expected["id"] == cid].set_index("assumption")
        assert verdict == block["verdict"].iloc[0]
        pop = block.at["population", "probability"]
        assert values[2] == ("no share exists" if pd.isna(pop) else f"{pop:.2f}")


def test_likelihood_table_quotes_like_known_strictly_between_0_and_1(text):
    section = text.split('<table id="likelihood-table">', 1)[1].split("</table>", 1)[0]
    rows = dict((cid, cells) for cid, _, cells in
                re.findall(r"<tr><td class=\"id\">(C\d)</td><td>(\w+)</td>(.*?)</tr>", section))
    expected = cabinet.claim_probabilities().set_index(["id", "assumption"])["probability"]
    for cid in ("C2", "C3", "C4", "C6", "C7"):
        like_known = re.findall(r'<td class="num">(.*?)</td>', rows[cid])[1]
        assert like_known == f"{expected[(cid, 'like_known')]:.2f}" and like_known not in ("0.00", "1.00"), cid


def test_the_movement_paragraphs_quote_the_predictive_ranges(text):
    """Issue 24, item 3: the report's sentences against the pool carry the pool's uncertainty and quote the range
    the cabinet's own unknowns allow, each number from movement_predictive."""
    from cabinet._format import probability as _prob

    body = html.unescape(re.sub(r"\s+", " ", text)).split("<h2>Against the movement's own yardstick</h2>", 1)[1]
    for label, target in (("West and southwest.", "west_southwest"), ("The Hazarajat.", "hazarajat"),
                          ("The Helmandi networks.", "helmandi_networks")):
        m = cabinet.movement_predictive(target=target).iloc[0]
        part = body.split(label, 1)[1].split("</p>", 1)[0]
        assert (f"the probability that the other {m['n_new']} appointees hold {m['count_new']} or fewer is "
                f"P = {_prob(m['p_le_count'])}, and {_prob(m['p_le_count_max'])} at the largest count their own "
                f"unknown tags allow ({m['count_new_max']})") in part, target
        assert f"the {m['n_shared']} men who sit in both the pool and the government" in part
        assert f"runs from {_prob(m['p_le_at_low'])} to {_prob(m['p_le_at_high'])}" in part


def test_the_likelihood_words_come_from_the_code(text):
    from cabinet.assumptions import MIN_CLASS_KNOWN
    from cabinet.predictive import prior_words

    section = html.unescape(re.sub(r"\s+", " ", text.split('<section id="likelihood">', 1)[1].split("</p>", 1)[0]))
    assert f"a rank with fewer than {MIN_CLASS_KNOWN} known appointees borrows from all" in section
    assert prior_words() == "Jeffreys' prior (1/2 on each group)" and prior_words() in section
    assert f"the claims are about the {len(cabinet.io.load_appointees())} appointees of 7 September 2021" in section
    assert "taken as independent" not in section
