"""The report pages in a real browser (issues 26, 27): on a desktop, on a phone and on paper.

Playwright drives Debian's headless ``chromium`` (Playwright's own browser download cannot be reached
from every machine, so the test launches the system binary; ``.ci/run`` installs it), and
axe-playwright-python runs axe-core's accessibility rules in the page. Each page is opened at 1280
and 390 CSS pixels wide and in print emulation at the width of an A4 page, and the test asserts:

- no horizontal overflow of the page (a wide table scrolls in its own focusable, labelled box);
- no chart text under 9 CSS pixels (the SVG holds text, measured as drawn);
- axe-core finds no serious or critical violation (WCAG 2.1 A and AA rules among them);
- in print, every section is there and shown, every collapsed note open, and a PDF is written.

Skipped, with the reason, only when no chromium binary is found or Playwright is not installed.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed: pip install -e '.[test]'")
axe_module = pytest.importorskip("axe_playwright_python.sync_playwright",
                                 reason="axe-playwright-python is not installed: pip install -e '.[test]'")

CHROMIUM = os.environ.get("CABINET_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary found: install Debian's 'chromium' "
                                                         "package (apt-get install chromium; .ci/run does) or set "
                                                         "CABINET_CHROMIUM to its path")

#: Flags of every run: no sandbox (root in containers), nothing fetched in the background.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic", "--hide-scrollbars"]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
#: The width of an A4 page at 96 CSS pixels to the inch, and its height.
A4 = (794, 1123)

_OVERFLOW = "() => ({page: document.documentElement.scrollWidth, view: document.documentElement.clientWidth})"

#: The smallest chart text on screen, in CSS pixels: each SVG <text> that is drawn, its font size times the
#: scale of its SVG on the page.
_CHART_TEXT = """() => {
  const out = [];
  for (const t of document.querySelectorAll('svg.chart text')) {
    const r = t.getBoundingClientRect();
    if (!r.width || !r.height || !t.textContent.trim()) continue;
    const m = t.getScreenCTM();
    out.push({px: parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b), text: t.textContent,
              chart: t.closest('svg.chart').id});
  }
  out.sort((a, b) => a.px - b.px);
  return {count: out.length, smallest: out.slice(0, 3)};
}"""

#: Each section of the page: shown (not display:none, not empty) and how tall; and the collapsed notes.
_SECTIONS = """() => ({
  sections: [...document.querySelectorAll('main section')].map(s => ({id: s.id, h: s.getBoundingClientRect().height,
                                                                      shown: getComputedStyle(s).display !== 'none'})),
  details: [...document.querySelectorAll('details')].map(d => {
    const inner = [...d.children].filter(c => c.tagName !== 'SUMMARY');
    return inner.length === 0 || inner.some(c => c.getBoundingClientRect().height > 0);
  }),
  scrollers: [...document.querySelectorAll('.table-wrap')].filter(w => w.scrollWidth > w.clientWidth + 1)
               .map(w => ({tab: w.getAttribute('tabindex'), label: w.getAttribute('aria-label')})),
  charts: [...document.querySelectorAll('svg.chart')].filter(s => s.getBoundingClientRect().width > 0).length
})"""


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


def _open(browser, path, width, height=900, media="screen"):
    page = browser.new_page(viewport={"width": width, "height": height})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(Path(path).resolve().as_uri())
    if media != "screen":
        page.emulate_media(media=media)
    return page, errors


def _serious(page) -> list:
    result = axe_module.Axe().run(page)
    return [(v["id"], v["impact"], len(v["nodes"]), v["nodes"][0]["target"])
            for v in result.response["violations"] if v["impact"] in ("serious", "critical")]


#: Every page the browser opens: the bundled rosters' and two rosters of other countries' (tests/conftest.py).
PAGES = ["report", "republic", "kenya", "other"]
#: The sections of the pages of rosters of other countries, in order.
OWN_SECTIONS = {"kenya": ["findings", "by-former_province", "by-ethnicity", "roster", "sources"],
                "other": ["findings", "by-region", "by-ethnicity", "roster", "sources"]}


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
@pytest.mark.parametrize("name", PAGES)
def test_on_screen(browser, report_pages, name, width):
    page, errors = _open(browser, report_pages[name], width)
    try:
        layout = page.evaluate(_OVERFLOW)
        assert layout["page"] <= layout["view"], (name, width, layout)
        text = page.evaluate(_CHART_TEXT)
        assert text["count"] > 100, text  # the charts' words are text, not outlines
        assert text["smallest"][0]["px"] >= 9.0, (name, width, text["smallest"])
        state = page.evaluate(_SECTIONS)
        # every table wider than its box scrolls in it: the box can be reached with the keyboard and is named
        for box in state["scrollers"]:
            assert box["tab"] == "0" and box["label"], (name, width, box)
        assert _serious(page) == [], (name, width)
        assert errors == []
        if width == 390:  # what a reader sees first on a phone: the title and the findings
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"))
            first = page.evaluate("() => document.querySelector('#findings ol.lead li').getBoundingClientRect().top")
            assert first < 900, first
    finally:
        page.close()


@pytest.mark.parametrize("name", PAGES)
def test_in_print(browser, report_pages, name):
    from cabinet.report import page as taliban_page, roster_page

    page, errors = _open(browser, report_pages[name], A4[0], A4[1], media="print")
    try:
        state = page.evaluate(_SECTIONS)
        want = OWN_SECTIONS.get(name) or [a for a, _ in (taliban_page.SECTIONS if name == "report"
                                                          else roster_page.SECTIONS)]
        assert [s["id"] for s in state["sections"]] == want
        for s in state["sections"]:
            assert s["shown"] and s["h"] > 0, (name, s)
        assert all(state["details"]), "a collapsed note stays closed in print"
        assert state["charts"] >= 4  # the wide drawing of every chart
        layout = page.evaluate(_OVERFLOW)
        assert layout["page"] <= layout["view"], (name, layout)
        text = page.evaluate(_CHART_TEXT)
        assert text["smallest"][0]["px"] >= 9.0, (name, text["smallest"])
        ARTIFACTS.mkdir(exist_ok=True)
        pdf = page.pdf(path=str(ARTIFACTS / f"{name}.pdf"), format="A4", print_background=True)
        assert pdf[:5] == b"%PDF-" and len(pdf) > 50_000
        assert errors == []
    finally:
        page.close()
