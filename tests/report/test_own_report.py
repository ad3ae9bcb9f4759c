"""The report page of a roster of any body (issue 27): ``write_report(by=..., baseline=...)`` and
``cabinet report --roster FILE --by COL[,COL] --baseline FILE ...``.

Tested on two rosters of other countries, each against its own baselines: the Kenyan example
(``examples/kenya_2022``, by former province and ethnicity) and the invented roster of
``tests/fixtures/other_country`` (by region and ethnicity). Every number in a finding is recomputed
here from the CSV files by hand: the counts by reading the rows, the shares from the baseline file,
the binomial probabilities with scipy and their Holm adjustment with statsmodels, the range of the
Loosemore-Hanby index by dynamic programming over every way of settling the unknown and disputed
tags, and its value under random appointment by a simulation of our own.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import numpy as np
import pytest
from scipy.stats import binom
from statsmodels.stats.multitest import multipletests

from cabinet.cli import main
from cabinet.report import write_report
from cabinet.report.own_page import groupings

from conftest import OWN_PAGES

AFGHAN = ["Afghan", "Taliban", "Kabul", "Hazara", "Pashtun", "7 September", "2021-09-07", "data package 0."]
#: The groupings of each page: (column, baseline file).
GROUPINGS = {name: groupings(kw["by"], kw["baseline"]) for name, kw in OWN_PAGES.items()}


def _text(path) -> str:
    return Path(path).read_text(encoding="utf-8")


def _rows(path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _shares(path) -> dict[str, float]:
    """group -> share, from a file of group,share or group,population, by hand."""
    rows = _rows(path)
    col = "share" if "share" in rows[0] else "population"
    total = sum(float(r[col]) for r in rows)
    return {r["group"]: float(r[col]) / total for r in rows}


def _findings(page: str) -> list[tuple[str, str]]:
    """The findings: (head, sentence), in order, their HTML removed."""
    block = page[page.index('<ol class="lead">'):page.index("</ol>")]
    out = []
    for li in re.findall(r"<li>(.*?)</li>", block, flags=re.S):
        head = re.search(r"<strong>(.*?)</strong>", li).group(1)
        text = re.sub(r"<a class=\"to-chart\".*?</a>", "", li.split("</strong>", 1)[1]).strip()
        out.append((head, text.replace("&#39;", "'")))
    return out


_SUP = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


def _p(text: str) -> float:
    """A probability as the page prints it: 0.596, 4.80×10⁻⁸, below 1×10⁻⁵."""
    text = text.strip()
    if "×10" in text:
        mant, exp = text.split("×10")
        return float(mant) * 10 ** int(exp.translate(_SUP))
    return float(text)


class _ByHand:
    """A grouping of the roster counted from the CSV rows, against the baseline file's shares."""

    def __init__(self, roster, by, baseline):
        rows = _rows(roster)
        self.n = len(rows)
        self.shares = _shares(baseline)
        named = [g for g in self.shares if g.lower() != "other"]
        self.rest = next((g for g in self.shares if g.lower() == "other"), None)
        self.bins = named + ([self.rest] if self.rest else [])
        # each row: the bins it could be in (one: known; several: disputed; all: unknown)
        self.cands = []
        for r in rows:
            value = r[by].strip()
            if value == "unknown":
                self.cands.append(list(self.bins))
            else:
                self.cands.append(sorted({v if v in named else self.rest for v in value.split("|")},
                                         key=self.bins.index))
        self.known = {g: sum(1 for c in self.cands if c == [g]) for g in self.bins}
        self.most = {g: sum(1 for c in self.cands if g in c) for g in self.bins}

    def holm(self, end: str) -> dict:
        """Holm-adjusted one-sided p-values over both tails of every group, at the known or the largest count."""
        counts = self.known if end == "known" else self.most
        groups = [g for g in self.bins if self.shares[g] > 0]
        le = [binom.cdf(counts[g], self.n, self.shares[g]) for g in groups]
        ge = [binom.sf(counts[g] - 1, self.n, self.shares[g]) for g in groups]
        adj = multipletests(le + ge, method="holm")[1]
        return {"le": dict(zip(groups, adj[:len(groups)])), "ge": dict(zip(groups, adj[len(groups):]))}

    def lh_range(self) -> tuple[float, float]:
        """The Loosemore-Hanby index (half the sum of |seat share - baseline share|) at its smallest and largest over
        every way of settling the tags: the disputed rows enumerated, the unknown rows placed by dynamic
        programming over the groups (the index is a sum over groups)."""
        import itertools

        unknown = sum(1 for c in self.cands if len(c) == len(self.bins) and len(self.bins) > 1)
        disputed = [c for c in self.cands if 1 < len(c) < len(self.bins)]
        lo, hi = np.inf, -np.inf
        for pick in itertools.product(*disputed):
            base = {g: self.known[g] + sum(1 for p in pick if p == g) for g in self.bins}
            # best[u]: (min, max) of the partial sum with u unknown seats placed so far
            best = {0: (0.0, 0.0)}
            for g in self.bins:
                nxt: dict = {}
                for used, (a, b) in best.items():
                    for x in range(unknown - used + 1):
                        term = abs((base[g] + x) / self.n - self.shares[g])
                        cur = nxt.get(used + x, (np.inf, -np.inf))
                        nxt[used + x] = (min(cur[0], a + term), max(cur[1], b + term))
                best = nxt
            a, b = best[unknown]
            lo, hi = min(lo, a / 2), max(hi, b / 2)
        return lo, hi

    def null_lh(self, draws=40_000, seed=12345) -> np.ndarray:
        shares = np.array([self.shares[g] for g in self.bins])
        seats = np.random.default_rng(seed).multinomial(self.n, shares, size=draws)
        return 0.5 * np.abs(seats / self.n - shares).sum(axis=1)


@pytest.mark.parametrize("name", list(OWN_PAGES))
def test_the_page_holds_each_grouping_and_its_findings_first(report_pages, name):
    page = _text(report_pages[name])
    kw = OWN_PAGES[name]
    n = len(_rows(kw["roster"]))
    first_section = page.index('<section id="by-')
    assert page.index('<section id="findings">') < first_section
    findings = _findings(page)
    assert 3 <= len(findings) <= 5
    for by, _ in GROUPINGS[name]:
        # the gap table and the gap chart of the grouping, in its own section; the chart drawn with its finding
        assert f'<section id="by-{by}">' in page
        section = page[page.index(f'<section id="by-{by}">'):]
        section = section[:section.index("</section>")]
        assert f'aria-label="Table: {by.replace("_", " ").capitalize()} of the {n} people"' in section
        assert 'aria-label="Table: Disproportionality by' in section
        for chart in ("group_gap", "group_disproportionality"):
            figure = page.index(f'<figure id="figure-{chart}--{by}">')
            assert figure < first_section  # drawn with its finding, above the tables
            assert f'id="chart-{chart}--{by}"' in page and f'id="chart-{chart}--{by}-narrow"' in page
            assert f'href="#figure-{chart}--{by}"' in section  # linked from its section
    # every finding names its chart, and no two share one
    links = re.findall(r'class="to-chart" href="#figure-([^"]+)"', page)
    assert len(links) == len(findings) == len(set(links))
    assert '<section id="roster">' in page and '<section id="sources">' in page


@pytest.mark.parametrize("name", list(OWN_PAGES))
def test_nothing_afghan_on_the_page(report_pages, name):
    page = _text(report_pages[name])
    for word in AFGHAN:
        assert word.lower() not in page.lower(), word
    # nor the path of a file: the roster and the baselines are named by their file's name
    assert str(Path(OWN_PAGES[name]["roster"]).parent) not in page


_GAP = re.compile(r"By (?P<by>[\w ]+), (?P<group>[^:]+): (?P<k>\d+) of (?P<n>\d+) appointees known \(up to "
                  r"(?P<kmax>\d+) possible\) against (?P<share>[\d.]+)% of the baseline \((?P<base>[^)]+)\): "
                  r"(?P<verdict>.*?)(?: \(p = (?P<p>[^,]+?)(?: to (?P<p2>[^,]+))?, Holm\))?\.$")


@pytest.mark.parametrize("name", list(OWN_PAGES))
def test_each_gap_finding_is_recomputed_by_hand(report_pages, name):
    findings = dict(_findings(_text(report_pages[name])))
    roster = OWN_PAGES[name]["roster"]
    gaps = [m for m in (_GAP.match(text) for text in findings.values()) if m]
    assert [m["by"] for m in gaps] == [by.replace("_", " ") for by, _ in GROUPINGS[name]]
    for m, (by, base) in zip(gaps, GROUPINGS[name]):
        hand = _ByHand(roster, by, base)
        g = m["group"]
        assert int(m["n"]) == hand.n
        assert (int(m["k"]), int(m["kmax"])) == (hand.known[g], hand.most[g])
        assert m["share"] == f"{100 * hand.shares[g]:.1f}"
        assert m["base"] == Path(base).stem  # the baseline by its file's stem, never its path
        known, most = hand.holm("known"), hand.holm("max")
        if m["verdict"].startswith("the largest gap, and no gap is beyond chance"):
            # no shortfall reaches 0.05 by the known values alone, and no surplus whatever the unknowns are
            for h in hand.bins:
                if hand.shares[h] == 0:
                    continue
                below = hand.known[h] / hand.n < hand.shares[h]
                assert (known["le"][h] if below else known["ge"][h]) >= 0.05, h
            # and the group told has the largest gap in points between its known share and the baseline
            gaps_pp = {h: abs(hand.known[h] / hand.n - hand.shares[h]) for h in hand.bins if h != hand.rest}
            assert gaps_pp[g] == pytest.approx(max(gaps_pp.values()))
        elif m["verdict"].startswith("too many only if"):
            pytest.fail("a surplus is told only where it holds whatever the unknowns are")
        elif m["verdict"].startswith("too few only if"):
            assert _p(m["p"]) == pytest.approx(known["le"][g], rel=0.01)
            assert most["le"][g] >= 0.05 > known["le"][g]
        else:
            pytest.fail(f"a verdict this test does not recompute: {m['verdict']}")


_DIS = re.compile(r"the seats by (?P<by>[\w ]+) are (?P<lo>[\d.]+)% to (?P<hi>[\d.]+)% away from the shares of "
                  r"(?P<base>\S+) .*?cabinets of (?P<n>\d+) drawn at random in proportion to it are "
                  r"(?P<expected>[\d.]+)% away on average, so the cabinet is (?P<verdict>.*?) \(p = (?P<p1>\S+) to "
                  r"(?P<p2>\S+)\)\.$")


@pytest.mark.parametrize("name", list(OWN_PAGES))
def test_each_disproportionality_finding_is_recomputed(report_pages, name):
    findings = dict(_findings(_text(report_pages[name])))
    dis = [m for m in (_DIS.search(text) for text in findings.values()) if m]
    assert [m["by"] for m in dis] == [by.replace("_", " ") for by, _ in GROUPINGS[name]]
    for m, (by, base) in zip(dis, GROUPINGS[name]):
        hand = _ByHand(OWN_PAGES[name]["roster"], by, base)
        lo, hi = hand.lh_range()
        assert (m["lo"], m["hi"]) == (f"{100 * lo:.1f}", f"{100 * hi:.1f}")
        assert int(m["n"]) == hand.n and m["base"] == Path(base).stem
        null = hand.null_lh()
        assert float(m["expected"]) == pytest.approx(100 * null.mean(), abs=0.3)  # a simulation of our own
        # p: the share of random cabinets at least as far from proportional, at both ends of the range
        p_far, p_near = (np.mean(null >= x - 1e-12) for x in (hi, lo))
        assert _p(m["p1"]) == pytest.approx(p_far, abs=0.02)
        assert _p(m["p2"]) == pytest.approx(p_near, abs=0.02)
        want = ("no more uneven than chance" if p_far >= 0.05 else
                "more uneven than chance whatever the unknowns are" if p_near < 0.05 else
                "more uneven than chance only for some ways of settling the unknowns")
        assert m["verdict"] == want


def test_the_roster_shows_its_sources(report_pages):
    page = _text(report_pages["kenya"])
    rows = _rows(OWN_PAGES["kenya"]["roster"])
    urls = {u.strip() for r in rows for c in r if c.startswith("source_")
            for u in re.split(r"[|;]", r[c]) if u.strip().startswith("http")}
    roster = page[page.index('<section id="roster">'):page.index('<section id="sources">')]
    sources = page[page.index('<section id="sources">'):]
    for r in rows:
        assert r["name"].replace("'", "&#39;") in roster
    for u in urls:  # each page the file names is linked from the roster and listed with its URL
        assert f'href="{u.replace("&", "&amp;")}"' in roster and f'>{u.replace("&", "&amp;")}</a>' in sources
    assert f"The {len(urls)} sources cited on this page" in sources
    # the invented roster has no source columns, and its page says so
    assert "gives no sources" in _text(report_pages["other"])


def test_same_inputs_same_bytes(report_pages, tmp_path):
    again = write_report(tmp_path / "again.html", generated="2021-12-31", **OWN_PAGES["other"])
    assert again.read_bytes() == Path(report_pages["other"]).read_bytes()


def test_the_command_line_writes_the_page(report_pages, tmp_path):
    kw = OWN_PAGES["other"]
    out, err = io.StringIO(), io.StringIO()
    target = tmp_path / "cli.html"
    rc = main(["report", "--roster", str(kw["roster"]), "--by", ",".join(kw["by"]), "--baseline",
               str(kw["baseline"][0]), "--baseline", str(kw["baseline"][1]), "--out", str(target)], out=out, err=err)
    assert rc == 0, err.getvalue()
    assert out.getvalue().startswith(f"wrote {target}")
    # the same page as write_report's, but for the date it was generated
    written = re.sub(r"generated:? \d{4}-\d{2}-\d{2}", "generated", target.read_text(encoding="utf-8"))
    assert written == re.sub(r"generated:? \d{4}-\d{2}-\d{2}", "generated", _text(report_pages["other"]))


@pytest.mark.parametrize("argv, words", [
    (["--by", "region", "--baseline", "a.csv", "--baseline", "b.csv"], "2 baselines for 1 grouping"),
    (["--by", "county_of_birth"], "no column 'county_of_birth'"),
    (["--baseline", "a.csv"], "--baseline goes with --by"),
])
def test_the_command_line_names_what_is_wrong(tmp_path, argv, words):
    out, err = io.StringIO(), io.StringIO()
    roster = str(OWN_PAGES["other"]["roster"])
    rc = main(["report", "--roster", roster, "--out", str(tmp_path / "x.html"), *argv], out=out, err=err)
    assert rc != 0 and words in err.getvalue(), err.getvalue()
    assert not (tmp_path / "x.html").exists()
