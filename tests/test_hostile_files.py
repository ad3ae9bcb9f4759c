"""The hostile-file corpus: files a user might hand the package, each with the message it must give.

``tests/fixtures/hostile/`` holds one file per case (formulas a spreadsheet would run, copies of the
data package's tables under other names, counts, names in Arabic script, broken files, baselines);
``cases.csv`` beside them gives, for each file, a command, its exit status and a sentence the output
must hold. Every case runs the command line in that folder, so the paths in the messages are the
paths as given. The copies of the bundled tables themselves (``data/appointees.csv`` as
``my_roster.csv`` ...) are made from the data package by the tests below, so they follow its changes.
"""

from __future__ import annotations

import csv
import io
import os
import shlex
import shutil
from pathlib import Path

import pytest

import cabinet
import cabinet.io.datapackage as dp
from cabinet import DataError
from cabinet.cli import main

CORPUS = Path(__file__).parent / "fixtures" / "hostile"
with open(CORPUS / "cases.csv", encoding="utf-8", newline="") as _fh:
    CASES = list(csv.DictReader(_fh))


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def corpus_files() -> list[str]:
    return sorted(p.relative_to(CORPUS).as_posix() for p in CORPUS.rglob("*.csv") if p.name != "cases.csv")


def test_the_corpus_has_forty_files_each_with_its_case():
    files = corpus_files()
    assert len(files) >= 40
    assert sorted({c["file"] for c in CASES}) == files  # every file has a case, every case a file


@pytest.mark.parametrize("case", CASES, ids=[f"{c['file']}:{c['command'].split()[0]}:{i}" for i, c in enumerate(CASES)])
def test_each_file_gives_its_message(case, monkeypatch):
    monkeypatch.chdir(CORPUS)
    args = [a.replace("{file}", case["file"]) for a in shlex.split(case["command"])]
    code, out, err = run(*args)
    assert code == int(case["exit"]), (out, err)
    assert case["message"] in out + err, (out, err)
    assert "Traceback" not in err and "unexpected error" not in err


# --- copies of the data package's own tables -------------------------------------------------------


def _copy(table: str, folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    shutil.copyfile(dp.data_dir() / dp.resource(table)["path"], target)
    return target


def test_a_copy_of_appointees_validates_on_its_own_and_names_what_it_cannot_check(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _copy("appointees", tmp_path, "my_roster.csv")
    code, out, err = run("validate", "my_roster.csv")
    assert code == 0 and err == "", err
    assert "appointees.csv: file not found" not in out + err  # a file the user never named
    lines = out.splitlines()
    assert lines[0].startswith("my_roster.csv: checked as the appointees table (recognised from its header and "
                               "rows: its header also fits later_appointments and republic_appointees")
    assert "33 of its 33 appointment_ids (such as 'S01') are those of the data package's appointees.csv" in lines[0]
    assert lines[1] == ("my_roster.csv: checked as the appointees table on its own; not checked: its tags and the "
                        "sources of every row, which a data package keeps in appointee_facts.csv. No "
                        "appointee_facts.csv is beside it: copy the data package's appointee_facts.csv there to "
                        "check it too (or give the tags as columns of the file itself: the wide form, see "
                        "data/codebook.md)")
    assert lines[2] == "valid: 1 file, 33 data rows below its header line (33 appointees)"
    # loading it for an analysis says what it needs and why, naming the file the user named
    with pytest.raises(DataError) as info:
        cabinet.io.load_appointees("my_roster.csv")
    assert [p.file for p in info.value.problems] == ["my_roster.csv"]
    assert "its tags and the sources of every row are in appointee_facts.csv" in str(info.value)


def test_a_copy_with_its_facts_beside_it_is_checked_whole(tmp_path):
    path = _copy("appointees", tmp_path, "my_roster.csv")
    _copy("appointee_facts", tmp_path, "appointee_facts.csv")
    summary = cabinet.validate([path])
    assert summary[["table", "rows", "recognised_by"]].values.tolist() == [["appointees", 33, "header"]]
    assert "appointee_facts.csv beside it holds 33 of its 33 appointment_ids" in summary["note"].item()
    assert "on its own" not in summary["note"].item()
    # the facts are checked against the file they sit beside, not against an appointees.csv of the folder
    frame = cabinet.io.load_appointees(path)
    assert frame["name"].tolist() == cabinet.io.load_appointees()["name"].tolist()


def test_a_copy_of_the_republic_is_the_republic_not_the_appointees_table(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _copy("republic_appointees", tmp_path, "my_rep.csv")
    code, out, err = run("validate", "my_rep.csv")
    assert code == 0, err
    assert out.startswith("my_rep.csv: checked as the republic_appointees table (recognised from its header and "
                          "rows: its header also fits appointees and later_appointments, but appointees does not "
                          "fit 32 of them (line 2, position_class 'head_of_state'")
    assert "No republic_facts.csv is beside it" in out
    assert out.splitlines()[-1] == "valid: 1 file, 32 data rows below its header line"
    # with its facts beside it: checked whole, and every roster command takes it as the Republic's cabinet
    _copy("republic_facts", tmp_path, "republic_facts.csv")
    code, out, err = run("validate", "my_rep.csv")
    assert code == 0 and "on its own" not in out, out
    code, out, err = run("gaps", "--roster", "my_rep.csv", "--by", "party", "--format", "csv")
    assert code == 0, err
    mine = cabinet.representation(cabinet.rosters.republic.load_republic_roster("my_rep.csv"), "party")
    assert mine["count"].tolist() == cabinet.representation(cabinet.load_roster("republic-2021"), "party")["count"].tolist()
    code, _, err = run("charts", "--roster", "my_rep.csv", "--out", str(tmp_path / "figs"))
    assert code == 2 and "my_rep.csv holds the republic_appointees table" in err and "--roster republic-2021" in err


def test_a_copy_of_the_later_appointments_is_that_table(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _copy("later_appointments", tmp_path, "my_later.csv")
    code, out, err = run("validate", "my_later.csv")
    assert code == 0, err
    assert out.startswith("my_later.csv: checked as the later_appointments table (recognised from its header and "
                          "rows: its header also fits appointees and republic_appointees, but appointees does not fit")
    assert "No later_facts.csv is beside it" in out


@pytest.mark.parametrize("table,companion,what", [
    ("appointee_facts", "appointees.csv", "that every appointment_id names a row of appointees.csv"),
    ("republic_facts", "republic_appointees.csv", "that every appointment_id names a row of republic_appointees.csv"),
    ("provinces", "province_sources.csv", "the sources of its rows"),
    ("province_sources", "provinces.csv", "that every province names a row of provinces.csv"),
    ("events", "event_sources.csv", "the sources of its rows"),
    ("movement_pool", "movement_facts.csv", "its tags and the sources of every row"),
])
def test_a_copied_table_alone_is_checked_on_its_own(tmp_path, monkeypatch, table, companion, what):
    monkeypatch.chdir(tmp_path)
    _copy(table, tmp_path, "copy.csv")
    code, out, err = run("validate", "copy.csv")
    assert code == 0, err
    assert f"copy.csv: checked as the {table} table on its own; not checked: {what}" in out
    assert f"No {companion} is beside it: copy the data package's {companion} there" in out
    assert "file not found" not in out + err


def test_the_pool_counts_its_rows_not_its_people():
    summary = cabinet.validate()
    with open(dp.data_dir() / "movement_pool.csv", encoding="utf-8", newline="") as fh:
        rows = len(list(csv.reader(fh))) - 1
    assert summary.loc[summary["table"] == "movement_pool", "rows"].item() == rows
    assert len(cabinet.rosters.load_movement_pool()) < rows  # people, one row each: not what the file holds


def test_validate_counts_data_rows_in_files():
    code, out, _ = run("validate")
    total = 0
    for name in dp.resource_names():
        with open(dp.data_dir() / dp.resource(name)["path"], encoding="utf-8", newline="") as fh:
            total += len(list(csv.reader(fh))) - 1
    n = len(dp.resource_names())
    assert out.startswith(f"valid: {n} files, {total} data rows below their header lines (")


# --- paths as given -----------------------------------------------------------------------------------


def test_paths_are_printed_as_given(tmp_path, monkeypatch):
    outside = tmp_path / "elsewhere"
    bad = outside / "roster.csv"
    outside.mkdir()
    bad.write_text("name,district\nAli,\n", encoding="utf-8")
    work = tmp_path / "work" / "deep"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    for given in (str(bad), os.path.join("..", "..", "elsewhere", "roster.csv")):
        code, out, err = run("validate", given)
        assert code == 1
        assert f"  - {given}, line 2, column 'district': empty cell" in err
        code, out, err = run("gaps", "--roster", given, "--by", "district")
        assert f"  - {given}, line 2" in err
    # a copy of a table outside the working folder: its companions named with the folder as given
    _copy("republic_appointees", outside, "rep.csv")
    with pytest.raises(DataError) as info:
        cabinet.rosters.republic.load_republic_roster(str(outside / "rep.csv"))
    assert info.value.problems[0].file == str(outside / "rep.csv")
    rel = os.path.join("..", "..", "elsewhere", "rep.csv")
    code, out, _ = run("validate", rel)
    assert f"{rel}: checked as the republic_appointees table on its own" in out
    assert f"beside it in {os.path.join('..', '..', 'elsewhere')}:" in out


def test_display_path_never_writes_a_chain_of_dots(tmp_path, monkeypatch):
    from cabinet.io.csv_files import display_path

    monkeypatch.chdir(tmp_path)
    assert display_path("/a/b/c.csv") == "/a/b/c.csv"
    assert display_path(tmp_path / "x.csv") == "x.csv"
    assert display_path("../x.csv") == "../x.csv"
