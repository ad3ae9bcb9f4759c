"""The report, the charts and ``cabinet compare`` on the Republic's roster and on users' files (issue 15).

Expected counts are counted here from ``data/republic_facts.csv`` with the csv module (one set of
ethnicity values per post: one value known, several disputed, none unknown), not with the package's
loaders, or by hand for the small files written in the tests.
"""

import csv
import io
import re
from pathlib import Path

import pytest

from cabinet.report.charts import charts_for, write_charts

REPUBLIC_CHARTS = [c.name for c in charts_for("republic")]
from cabinet.cli import main
from cabinet.report import write_report

DATA = Path(__file__).resolve().parents[2] / "data"


def _cli(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def _ethnicity_sets():
    """Each Republic post's set of ethnicity values in the facts table (every source, every kind)."""
    with open(DATA / "republic_appointees.csv", encoding="utf-8", newline="") as fh:
        values = {r["appointment_id"]: set() for r in csv.DictReader(fh)}
    with open(DATA / "republic_facts.csv", encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            if r["ethnicity"].strip():
                values[r["appointment_id"]].add(r["ethnicity"].strip())
    return values


def _pashtun_bounds():
    sets = _ethnicity_sets().values()
    known = sum(1 for s in sets if s == {"Pashtun"})
    could = sum(1 for s in sets if not s or (len(s) > 1 and "Pashtun" in s))
    return known, known + could, len(_ethnicity_sets())


def _text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    out = tmp_path_factory.mktemp("republic") / "republic.html"
    code, stdout, err = _cli("report", "--roster", "republic-2021", "--out", out)
    assert code == 0, err
    assert str(out) in stdout
    return out.read_text(encoding="utf-8")


def test_the_republic_page_holds_what_applies_and_nothing_about_the_taliban_movement(page):
    sections = re.findall(r'<section id="([^"]+)"', page)
    assert sections == ["summary", "regions", "hazarajat", "ethnicity", "parties", "taliban", "roster", "sources"]
    for taliban_only in ("claims-section", "likelihood", "networks", "movement", "over-time"):
        assert f'id="{taliban_only}"' not in page
    charts = re.findall(r'class="chart" id="chart-([a-z_]+)"', page)
    assert sorted(charts) == sorted(REPUBLIC_CHARTS)
    # one roster row per post: 32 in data/republic_appointees.csv
    assert page.count('<span class="pid">R') == len(_ethnicity_sets()) == 32
    assert "Who held power in the Islamic Republic&#39;s last cabinet?" in page


def test_the_comparison_tables_show_the_counts_of_the_facts_table(page):
    known, largest, n = _pashtun_bounds()
    text = _text(page)
    # the Republic's column of both comparison tables by ethnicity (against taliban-2021 and taliban-latest)
    assert len(re.findall(rf"Pashtun {known}\u2013{largest} of {n} ", text)) == 2
    # the summary states the same bounds
    assert f"{known} of the {n} members of the cabinet are known to be Pashtun, up to {largest}" in text


def test_the_taliban_side_of_the_comparison_is_the_33(page):
    # taliban-2021: 19 of the 33 known Pashtun, up to 30 (tests/test_comparison.py counts them by hand)
    assert "19\u201330 of 33" in _text(page)


def test_the_page_is_byte_identical_across_runs(tmp_path):
    a = write_report(tmp_path / "a.html", roster="republic-2021", generated="2026-01-01")
    b = write_report(tmp_path / "b.html", roster="republic-2021", generated="2026-01-01")
    assert a.read_bytes() == b.read_bytes()


def test_write_report_refuses_a_roster_name_with_a_date_and_an_unknown_name(tmp_path):
    with pytest.raises(ValueError, match="without as_of or later"):
        write_report(tmp_path / "x.html", roster="republic-2021", as_of="2022-01-01")
    with pytest.raises(ValueError, match="unknown roster 'republic-2020'; allowed: taliban-2021, republic-2021"):
        write_report(tmp_path / "x.html", roster="republic-2020")
    assert not list(tmp_path.iterdir())


def test_a_taliban_roster_name_is_its_date(tmp_path):
    page = write_report(tmp_path / "t.html", roster="2021-09-21", generated="2026-01-01").read_text(encoding="utf-8")
    assert "government as of: 2021-09-21" in page and 'id="claims-section"' in page


def test_write_charts_takes_a_roster_name(tmp_path):
    written = write_charts(tmp_path, roster="republic-2021", formats=["svg"])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{name}.svg" for name in REPUBLIC_CHARTS)
    assert list(written["chart"]) == list(REPUBLIC_CHARTS)
    with pytest.raises(ValueError, match="unknown roster 'nobody'; allowed: taliban-2021, republic-2021"):
        write_charts(tmp_path, roster="nobody")
    with pytest.raises(ValueError, match="give it alone"):
        write_charts(tmp_path, roster="taliban-2021", as_of="2022-01-01")


def test_cli_charts_for_the_republic_draw_its_chart_set(tmp_path):
    code, out, err = _cli("charts", "--roster", "republic-2021", "--out", tmp_path)
    assert code == 0, err
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{name}.png" for name in REPUBLIC_CHARTS)
    assert f"{len(REPUBLIC_CHARTS)} chart(s)" in out


def _write(path, rows):
    path.write_text("name,ethnicity\n" + "".join(f"{n},{e}\n" for n, e in rows), encoding="utf-8")
    return path


def test_compare_takes_users_files(tmp_path):
    a = _write(tmp_path / "a.csv", [("a", "Pashtun"), ("b", "Pashtun"), ("c", "Pashtun"), ("d", "unknown")])
    b = _write(tmp_path / "b.csv", [("e", "Pashtun"), ("f", "Tajik"), ("g", "Tajik"), ("h", "Hazara")])
    code, out, err = _cli("compare", a, b, "--by", "ethnicity", "--format", "csv")
    assert code == 0, err
    rows = {r["group"]: r for r in csv.DictReader(io.StringIO(out))}
    p = rows["Pashtun"]
    assert (p["roster_a"], p["roster_b"]) == (str(a), str(b))
    assert (int(p["count_a"]), int(p["count_max_a"]), int(p["count_b"])) == (3, 4, 1)
    # Fisher's exact test on [[3, 1], [1, 3]]: tables as or more extreme have 3 or 1 Pashtun in a,
    # probabilities C(4,k)C(4,4-k)/C(8,4) = 16/70 each, plus k = 4 and k = 0 with 1/70 each: 34/70
    assert float(p["p_max"]) == pytest.approx(34 / 70)
    # up to 4 Pashtun in a: [[4, 0], [1, 3]], margins 4, 4 and 5, 3: k Pashtun in a has probability
    # C(5,k)C(3,4-k)/C(8,4) = 5, 30, 30, 5 (/70) for k = 1..4; as or less likely than k = 4: k = 4 and 1
    assert float(p["p_min"]) == pytest.approx((5 + 5) / 70)


def test_compare_mixes_files_and_names(tmp_path):
    a = _write(tmp_path / "mine.csv", [("a", "Pashtun"), ("b", "Tajik")])
    code, out, err = _cli("compare", a, "taliban-2021", "--by", "ethnicity", "--format", "csv")
    assert code == 0, err
    p = next(r for r in csv.DictReader(io.StringIO(out)) if r["group"] == "Pashtun")
    assert (int(p["count_a"]), int(p["n_a"]), int(p["count_b"]), int(p["count_max_b"]), int(p["n_b"])) == \
        (1, 2, 19, 30, 33)


def test_the_bundled_roster_as_a_file_is_the_33(tmp_path):
    code, out, err = _cli("compare", DATA / "appointees.csv", "republic-2021", "--by", "ethnicity", "--format", "csv")
    assert code == 0, err
    p = next(r for r in csv.DictReader(io.StringIO(out)) if r["group"] == "Pashtun")
    assert (int(p["count_a"]), int(p["count_max_a"]), int(p["n_a"])) == (19, 30, 33)
    code, out2, err = _cli("compare", "taliban-2021", "republic-2021", "--by", "ethnicity", "--format", "csv")
    q = next(r for r in csv.DictReader(io.StringIO(out2)) if r["group"] == "Pashtun")
    assert all(p[c] == q[c] for c in ("count_a", "count_max_a", "p_min", "p_max", "p_complete", "holds"))
    # the file and the named roster are the same 33 people: compare will not test them against each other
    code, _, err = _cli("compare", DATA / "appointees.csv", "taliban-2021", "--by", "ethnicity")
    assert code == 2 and "share all 33 people" in err


def test_compare_names_a_missing_file_or_a_repeated_roster(tmp_path):
    code, _, err = _cli("compare", tmp_path / "nosuch.csv", "taliban-2021", "--by", "region")
    assert code == 2 and "no such roster name and no such file" in err and "republic-2021" in err
    code, _, err = _cli("compare", "taliban-2021", "taliban-2021", "--by", "region")
    assert code == 2 and "named twice" in err
    code, _, err = _cli("compare", tmp_path, "taliban-2021", "--by", "region")
    assert code == 2 and "is a folder" in err


def test_the_parties_paragraph_states_the_lead_only_as_far_as_the_unknowns_allow(page):
    with open(DATA / "republic_facts.csv", encoding="utf-8", newline="") as fh:
        parties = {}
        for r in csv.DictReader(fh):
            parties.setdefault(r["appointment_id"], set())
            if r["party"].strip():
                parties[r["appointment_id"]].add(r["party"].strip())
    unknown = sum(1 for s in parties.values() if not s)
    counts = {}
    for s in parties.values():
        for party in s:
            counts[party] = counts.get(party, 0) + 1
    top = max(sorted(counts), key=lambda g: counts[g])
    # the lead holds only if no other camp, given every unknown tag, could reach the leader's known count
    text = _text(page)
    assert f"most known members are in {top} ({counts[top]} known, up to {counts[top] + unknown})" in text
    assert ("could match or pass it" in text) == any(c + unknown >= counts[top] for g, c in counts.items() if g != top)
