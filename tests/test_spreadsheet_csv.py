"""CSV for spreadsheets: no cell of any CSV the package writes is a formula a spreadsheet would run.

A hostile roster (names, groups and a column name beginning with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return; tests/fixtures/hostile/formulas) goes through every command that writes CSV. Each
output is read back with :mod:`csv`: no cell begins with a formula character unless it is a number,
and each cell is the cell the command writes without neutralising, with a leading ``'`` exactly where
that one began with a formula character (the round trip loses nothing).
"""

from __future__ import annotations

import csv
import io
import math
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

import cabinet
import cabinet.io.fileio
from cabinet.io import spreadsheet_safe
from cabinet.cli import build_parser, main

from conftest import write_wide

CORPUS = Path(__file__).parent / "fixtures" / "hostile" / "formulas"
#: The characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def is_number(cell: str) -> bool:
    """A spreadsheet reads the cell as a number (Python's own reading of a decimal, not the package's)."""
    try:
        return math.isfinite(float(cell)) and cell == cell.strip() and not re.search(r"[_a-zA-Z]", cell.replace("e", ""))
    except ValueError:
        return False


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """The hostile rosters: two of any body and their baseline (the corpus), and the 33 in the wide form with
    hostile names (made from the data package, so it follows its changes)."""
    folder = tmp_path_factory.mktemp("hostile")
    for name in ("council.csv", "other_council.csv", "council_baseline.csv", "column_names.csv",
                 "numbers_as_names.csv"):
        shutil.copyfile(CORPUS / name, folder / name)
    roster = cabinet.io.load_appointees()
    hostile = ['=HYPERLINK("http://example.org/","x")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(1,2)",
               "\tTab Khan", "-0.5", "=1+1; @x"]
    roster.loc[: len(hostile) - 1, "name"] = hostile
    write_wide(roster, folder / "wide.csv")
    return folder


#: Every command that writes CSV, with the hostile files. A new command with ``--format csv`` must be
#: added here (test_every_csv_command_is_covered).
COMMANDS = {
    "gaps": ["gaps", "--roster", "{d}/council.csv", "--by", "district", "--baseline", "{d}/council_baseline.csv"],
    "gaps --by party": ["gaps", "--roster", "{d}/council.csv", "--by", "party"],
    "gaps --by =district": ["gaps", "--roster", "{d}/column_names.csv", "--by", "=district"],
    "gaps numbers": ["gaps", "--roster", "{d}/numbers_as_names.csv", "--by", "district"],
    "gaps --wide": ["gaps", "--roster", "{d}/council.csv", "--by", "district", "--baseline",
                    "{d}/council_baseline.csv", "--wide"],
    "gaps --assume": ["gaps", "--roster", "{d}/council.csv", "--by", "district", "--assume", "like_known,bounds"],
    "gaps wide form": ["gaps", "--roster", "{d}/wide.csv", "--by", "province"],
    "claims": ["claims", "--roster", "{d}/wide.csv"],
    "claims --assume": ["claims", "--roster", "{d}/wide.csv", "--assume", "bounds"],
    "indices": ["indices", "--roster", "{d}/council.csv", "--by", "district", "--baseline",
                "{d}/council_baseline.csv", "--draws", "2000"],
    "compare": ["compare", "{d}/council.csv", "{d}/other_council.csv", "--by", "district"],
}


def test_every_csv_command_is_covered():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    writes_csv = {name for name, p in sub.choices.items()
                  if any(a.dest == "format" and a.choices and "csv" in a.choices for a in p._actions)}
    assert writes_csv == {c.split()[0] for c in COMMANDS}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_no_output_cell_is_a_formula_and_nothing_else_changes(files, monkeypatch, name):
    args = [a.replace("{d}", str(files)) for a in COMMANDS[name]] + ["--format", "csv"]
    code, out, err = run(*args)
    assert code == 0, err
    safe = list(csv.reader(io.StringIO(out)))
    cells = [c for row in safe for c in row]
    assert cells, "the command wrote nothing"
    bad = [c for c in cells if c.startswith(FORMULA) and not is_number(c)]
    assert not bad, bad
    # the same command, its CSV written without neutralising: the round trip changes exactly the formula cells
    monkeypatch.setattr(cabinet.io.fileio, "spreadsheet_safe", lambda frame: frame)
    code, raw_out, _ = run(*args)
    raw = list(csv.reader(io.StringIO(raw_out)))
    assert len(raw) == len(safe) and [len(r) for r in raw] == [len(r) for r in safe]
    changed = 0
    for row_raw, row_safe in zip(raw, safe):
        for a, b in zip(row_raw, row_safe):
            if a.startswith(FORMULA) and not is_number(a):
                assert b == "'" + a
                changed += 1
            else:
                assert b == a
    hostile_input = name not in ("indices", "claims --assume")  # tables that carry no names or groups
    assert changed > 0 or not hostile_input, "the hostile roster reached no cell of the output"


def test_numbers_stay_numbers():
    frame = pd.DataFrame({"group": ["=x", "-0.5", "+3", "1e-3", "-x", "@", ""], "gap": [-0.5, 0.2, -1e-3, 0.0, 2, -3, 1],
                          "count": pd.array([1, -2, None, 4, 5, 6, 7], dtype="Int64")})
    safe = spreadsheet_safe(frame)
    assert safe["group"].tolist() == ["'=x", "-0.5", "+3", "1e-3", "'-x", "'@", ""]
    pd.testing.assert_series_equal(safe["gap"], frame["gap"])
    pd.testing.assert_series_equal(safe["count"], frame["count"])
    assert frame["group"].tolist()[0] == "=x"  # the frame given is not changed
    text = cabinet.io.fileio.csv_text(frame)
    assert text.splitlines()[1] == '"\'=x",-0.5,1'
    assert list(csv.reader(io.StringIO(text)))[2][1] == "0.2"


def test_every_formula_start_is_neutralised():
    for start in FORMULA:
        cell = start + "cmd|' /C calc'!A0"
        assert spreadsheet_safe(pd.DataFrame({"x": [cell]}))["x"].item() == "'" + cell
    assert list(spreadsheet_safe(pd.DataFrame({"=a": [1], "b": [2]})).columns) == ["'=a", "b"]
