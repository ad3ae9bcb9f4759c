"""audit/draw.py: every fact of the package is drawable, and a seed gives the same sample."""

import csv
import re
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("audit_draw", ROOT / "audit" / "draw.py")
draw = importlib.util.module_from_spec(spec)
spec.loader.exec_module(draw)

META = {"appointment_id", "pool_id", "kind", "period_start", "period_end", "source_id", "inferred", "note"}


def _count_facts_by_hand(table):
    """One fact per filled value cell; a row that fills none is the post itself, one fact."""
    with open(ROOT / "data" / table, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return sum(max(1, sum(1 for k, v in row.items() if k not in META and v)) for row in rows)


def test_every_fact_of_every_table_is_collected():
    facts = draw.collect_facts()
    for table in draw.FACT_TABLES:
        assert (facts["table"] == table).sum() == _count_facts_by_hand(table)
    with open(ROOT / "data" / "departure_sources.csv", newline="", encoding="utf-8") as f:
        assert (facts["table"] == "departure_sources.csv").sum() == sum(1 for _ in csv.DictReader(f))
    # every fact carries its source's URL and a name to look for on the page
    assert facts["url"].notna().all() and (facts["url"] != "").all()
    assert (facts["name"] != "").all()


def test_a_line_number_points_at_the_row_of_the_file():
    facts = draw.collect_facts()
    fact = facts[(facts["table"] == "appointee_facts.csv")].iloc[0]
    lines = (ROOT / "data" / "appointee_facts.csv").read_text(encoding="utf-8").splitlines()
    assert lines[fact["line"] - 1].startswith(fact["id"] + ",")
    assert fact["source_id"] in lines[fact["line"] - 1]


def test_the_same_seed_draws_the_same_sample_and_another_seed_another():
    a, b, c = draw.draw(30, 7), draw.draw(30, 7), draw.draw(30, 8)
    assert a.equals(b) and not a.equals(c)
    assert len(a) == 30 and not a.duplicated(["table", "line", "field"]).any()


def test_the_command_prints_a_checklist_and_refuses_an_impossible_size():
    out = subprocess.run([sys.executable, str(ROOT / "audit" / "draw.py"), "-n", "2", "--seed", "3"],
                         capture_output=True, text=True, check=True).stdout
    assert out.count("verdict:") == 2 and out.count("http") >= 2
    done = subprocess.run([sys.executable, str(ROOT / "audit" / "draw.py"), "-n", "0"], capture_output=True, text=True)
    assert done.returncode != 0 and "-n must be between 1 and" in done.stderr


VERDICTS = ("stated in part", "stated", "silent", "contradicted", "page unavailable")  # longest prefix first


def _audit_files():
    return sorted((ROOT / "audit").glob("[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*.md"))


def test_the_readme_links_the_latest_audit_and_a_row_for_every_audit():
    readme = (ROOT / "audit" / "README.md").read_text(encoding="utf-8")
    files = _audit_files()
    assert files, "no audit table beside audit/README.md"
    latest = files[-1].name
    assert f"latest is [{latest}]({latest})" in readme
    for path in files:
        assert f"([table]({path.name}))" in readme, f"audit/README.md has no Results row for {path.name}"


@pytest.mark.parametrize("path", _audit_files(), ids=lambda p: p.name)
def test_an_audit_table_has_the_facts_it_drew_and_its_result_counts_them(path):
    text = path.read_text(encoding="utf-8")
    drawn = int(re.search(r"\((\d+) facts, seed \d+\)", text).group(1))
    rows = [line for line in text.splitlines() if re.match(r"^\| \d+ \|", line)]
    assert [int(r.split("|")[1]) for r in rows] == list(range(1, drawn + 1))
    counted = dict.fromkeys(VERDICTS, 0)
    for row in rows:
        verdict = [cell.strip() for cell in row.strip().strip("|").split("|")][5]
        counted[next(v for v in VERDICTS if verdict.startswith(v))] += 1
    result = re.search(r"\*\*Result\.\*\*(.*?)\. ", text, re.S).group(1).lower()
    stated = {v: int(re.search(rf"(?<!\w){v} (\d+)", result).group(1)) for v in VERDICTS}
    assert stated == counted and sum(stated.values()) == drawn
