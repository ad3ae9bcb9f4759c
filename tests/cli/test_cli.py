"""The cabinet command: summaries, exit codes, and outputs with the Python tables' columns."""

import io
import json

import pandas as pd
import pytest

import cabinet
from cabinet.cli import main

from conftest import edit_cell, write_wide


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_validate_bundled_data_one_line_summary():
    code, out, err = run("validate")
    assert code == 0 and err == ""
    assert out.count("\n") == 1 and out.startswith("valid: 23 files, ") and "33 appointees" in out


def test_validate_broken_copy_names_row_and_column(data_copy):
    edit_cell(data_copy / "appointees.csv", 3, "position_class", "ministre")
    code, out, err = run("validate", str(data_copy))
    assert code == 1
    assert "line 3" in err and "'position_class'" in err and "ministre" in err and "did you mean 'minister'" in err
    assert "Traceback" not in err


def test_validate_a_single_file_by_name_and_by_table(data_copy, tmp_path):
    assert run("validate", str(data_copy / "appointees.csv"))[0] == 0
    renamed = data_copy / "my_cabinet.csv"  # beside the facts tables it refers to
    renamed.write_bytes((data_copy / "appointees.csv").read_bytes())
    code, out, err = run("validate", str(renamed))  # recognised from its header (tests/io/test_validate_header.py)
    assert code == 0 and "checked as the appointees table (recognised from its header" in out
    wide = tmp_path / "my_wide_cabinet.csv"  # a roster in the wide form (the tags in its own cells)
    write_wide(cabinet.io.load_appointees(), wide)
    code, out, err = run("validate", str(wide))
    assert code == 0 and "checked as the appointees table (recognised from its header" in out, err
    assert run("validate", "--table", "appointees", str(renamed))[0] == 0


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_gaps_outputs_carry_the_python_columns(fmt):
    code, out, _ = run("gaps", "--by", "region", "--format", fmt)
    assert code == 0
    frame = pd.read_csv(io.StringIO(out)) if fmt == "csv" else pd.DataFrame(json.loads(out))
    expected = cabinet.representation(by="region")
    assert list(frame.columns) == list(expected.columns)
    assert frame["count"].tolist() == expected["count"].tolist()


def test_claims_json_matches_claims():
    code, out, _ = run("claims", "--format", "json")
    assert code == 0
    frame = pd.DataFrame(json.loads(out))
    expected = cabinet.claims()
    assert list(frame.columns) == list(expected.columns)
    assert frame["verdict"].tolist() == expected["verdict"].tolist()


def test_indices_csv():
    code, out, _ = run("indices", "--by", "region", "--draws", "2000", "--format", "csv")
    assert code == 0
    frame = pd.read_csv(io.StringIO(out))
    assert frame["index"].tolist()[:3] == ["loosemore_hanby", "rose", "gallagher"]
    lh = frame.set_index("index").loc["loosemore_hanby"]
    assert lh["observed_min"] <= lh["observed_complete"] <= lh["observed_max"]
    assert lh["p_min"] <= lh["p_max"] and lh["n_seats"] == 33


def test_user_baseline_csv(tmp_path):
    path = tmp_path / "base.csv"
    path.write_text("group,share\nSouth,0.5\nEast,0.5\n", encoding="utf-8")
    code, out, err = run("gaps", "--by", "region", "--baseline", str(path), "--format", "csv")
    # four regions of the roster have no share: refused, never rescaled over the two it names
    assert code == 2 and "no share" in err and "'North'" in err and "'Southwest'" in err
    path.write_text("group,share\nSouth,0.5\nEast,0.3\nNorth,0.1\nWest,0.05\nSouthwest,0.03\nCapital,0.02\n",
                    encoding="utf-8")
    code, out, err = run("gaps", "--by", "region", "--baseline", str(path), "--format", "csv")
    assert code == 0, err
    frame = pd.read_csv(io.StringIO(out)).set_index("group")
    assert frame.at["South", "baseline_share"] == 0.5


@pytest.mark.parametrize("argv,code,words", [
    (["gaps", "--by", "region", "--as-of", "2021-02-30"], 2, "YYYY-MM-DD"),
    (["gaps", "--by", "region", "--as-of", "2020-12-01"], 2, "2021"),
    (["gaps", "--by", "region", "--as-of", "2021-09-01"], 2, "2021-09-07"),
    (["gaps", "--by", "colour"], 2, "allowed: province, region"),
    (["gaps", "--by", "region", "--scheme", "nato"], 2, "invalid choice"),
    (["gaps", "--by", "region", "--weights", "heaviest"], 2, "all, ministers, top"),
    (["gaps", "--by", "region", "--roster", "/no/such/file.csv"], 1, "file not found"),
    (["gaps", "--by", "ethnicity", "--baseline", "no_such_estimate"], 2, "named baselines for this grouping: cia"),
    (["validate", "/no/such/appointees.csv"], 1, "file not found"),
])
def test_errors_are_messages_with_nonzero_exit(argv, code, words):
    got, out, err = run(*argv)
    assert got == code
    assert words in err
    assert "Traceback" not in err


def test_unreadable_roster(tmp_path):
    path = tmp_path / "appointees.csv"
    path.write_bytes(b"\xff\xfe\x00garbage")
    got, _, err = run("gaps", "--by", "region", "--roster", str(path))
    assert got == 1 and "UTF-8" in err or "NUL" in err


def test_charts_writes_every_chart_with_progress(tmp_path):
    from cabinet.report.charts import charts_for

    CHARTS = [c.name for c in charts_for("taliban")]

    code, out, err = run("charts", "--out", str(tmp_path), "--format", "png,svg")
    assert code == 0, err
    assert len(list(tmp_path.glob("*.png"))) == len(CHARTS) and len(list(tmp_path.glob("*.svg"))) == len(CHARTS)
    assert out.count("\n") >= len(CHARTS) + 1 and out.splitlines()[-1].startswith(f"wrote {2 * len(CHARTS)} file(s)")


@pytest.mark.parametrize("argv,words", [
    (["charts", "--format", "gif"], "allowed: png, svg, pdf"),
    (["charts", "--as-of", "2021-01-01"], "on or after 2021-09-07"),
])
def test_charts_bad_options(argv, words, tmp_path):
    code, _, err = run(*argv, "--out", str(tmp_path))
    assert code == 2 and words in err


def test_report_command_writes_one_file(tmp_path):
    target = tmp_path / "r.html"
    code, out, err = run("report", "--out", str(target))
    assert code == 0, err
    assert target.is_file() and out.startswith(f"wrote {target}")
    assert run("report", "--out", str(target), "--as-of", "2021-13-01")[0] == 2


def test_charts_and_report_take_a_roster_in_the_appointees_form(data_copy, tmp_path):
    from conftest import edit_cell

    edit_cell(data_copy / "appointees.csv", 2, "name", "<script>alert(1)</script> $x^2$")
    code, _, err = run("charts", "--roster", str(data_copy / "appointees.csv"), "--out", str(tmp_path / "f"))
    assert code == 0, err
    code, _, err = run("report", "--roster", str(data_copy / "appointees.csv"), "--out", str(tmp_path / "r.html"))
    assert code == 0, err
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page
    council = cabinet.io.datapackage.data_dir().parent / "examples" / "council.csv"
    if council.is_file():
        code, _, err = run("charts", "--roster", str(council), "--out", str(tmp_path / "g"))
        assert code == 2 and "data/appointees.csv" in err


def test_an_unexpected_error_is_a_message_not_a_traceback(monkeypatch):
    import cabinet.cli.commands as cli

    def boom(args, out):
        raise TypeError("something odd")

    monkeypatch.setitem(cli.COMMANDS, "validate", boom)
    code, _, err = run("validate")
    assert code == 70 and "unexpected error: TypeError: something odd" in err and "Traceback" not in err
