"""Every error path of the validator, each with a small bad file."""

import csv
import warnings

import pandas as pd
import pytest

import cabinet
from cabinet import DataError, NormalisationWarning
from cabinet.io.validation import check_table
from cabinet.io.csv_files import read_csv_bytes

from conftest import edit_cell, write_wide

SOURCES_HEADER = "source_id,title,publisher,date,url,class,copy_of,wire"


def _problems(path, table="appointees"):
    with pytest.raises(DataError) as info:
        cabinet.validate([path], table=table)
    return info.value.problems


def _line_with_single(column, table="appointees"):
    """Physical line of the first bundled row whose ``column`` holds one known value."""
    frame = getattr(cabinet.io, f"load_{table}")()
    ok = ~frame[column].isin(["unknown", "not_applicable"]) & ~frame[column].str.contains("[|+]", regex=True)
    return int(frame.index[ok][0]) + 2


def test_bad_province_names_file_line_column_value_allowed_and_closest(wide_copy):
    line = _line_with_single("province")
    edit_cell(wide_copy, line, "province", "Kandahr")
    [p] = _problems(wide_copy)
    assert p.file.endswith("roster.csv")
    assert (p.line, p.column, p.value) == (line, "province", "Kandahr")
    assert "Kandahar" in p.allowed and "unknown" in p.allowed
    assert p.closest == "Kandahar"
    text = str(p)
    assert f"line {line}" in text and "'province'" in text and "Kandahr" in text and "did you mean 'Kandahar'" in text


def test_every_problem_is_listed_at_once(wide_copy):
    eth = _line_with_single("ethnicity")
    edit_cell(wide_copy, eth, "ethnicity", "Pashtoon")
    edit_cell(wide_copy, 3, "position_class", "minster")
    edit_cell(wide_copy, 4, "announced", "2021-09-31")
    problems = _problems(wide_copy)
    assert {(p.line, p.column) for p in problems} == {(eth, "ethnicity"), (3, "position_class"), (4, "announced")}
    closest = {p.column: p.closest for p in problems}
    assert closest["ethnicity"] == "Pashtun" and closest["position_class"] == "minister"


def test_unknown_source_id(wide_copy):
    edit_cell(wide_copy, 2, "source_ids", "no-such-source")
    [p] = _problems(wide_copy)
    assert (p.column, p.value) == ("source_ids", "no-such-source")
    assert "sources.csv" in p.message


def test_a_known_tag_without_a_source(wide_copy):
    path = wide_copy
    edit_cell(path, 2, "province", "Kandahar")
    edit_cell(path, 2, "province_sources", "")
    [p] = _problems(path)
    assert (p.line, p.column) == (2, "province_sources") and "no source" in p.message


def test_a_dispute_needs_one_source_group_per_candidate(wide_copy):
    path = wide_copy
    src = cabinet.io.load_sources()["source_id"].iloc[0]
    edit_cell(path, 2, "province", "Kandahar|Helmand")
    edit_cell(path, 2, "province_sources", src)
    [p] = _problems(path)
    assert p.column == "province_sources" and "2 alternative" in p.message
    edit_cell(path, 2, "province_sources", f"{src}|{src}")
    cabinet.validate([path], table="appointees")  # now valid
    edit_cell(path, 2, "province", "Kandahar|unknown")
    [p] = _problems(path)
    assert "'unknown' cannot be one candidate" in p.message


def test_duplicate_ids_name_both_lines(wide_copy):
    path = wide_copy
    edit_cell(path, 3, "appointment_id", "S01")
    problems = _problems(path)
    lines = {p.line for p in problems if p.column == "appointment_id"}
    assert lines == {2, 3}


def test_header_problems_missing_unexpected_and_duplicated(tmp_path):
    path = tmp_path / "sources.csv"
    path.write_text("source_id,titel,publisher,date,url,url,class,copy_of,wire\nx,T,P,2021,https://a.org,,news,,\n", encoding="utf-8")
    problems = _problems(path, "sources")
    messages = [(p.column, p.message) for p in problems]
    assert ("title", "required column 'title' is missing from the header") in messages
    assert any(c == "titel" and "unexpected" in m for c, m in messages)
    assert any(c == "url" and "more than once" in m for c, m in messages)
    assert next(p for p in problems if p.column == "titel").closest == "title"


def test_wrong_number_of_fields_is_a_problem_never_a_dropped_row(tmp_path):
    path = tmp_path / "sources.csv"
    path.write_text(f"{SOURCES_HEADER}\na,T,P,2021,https://a.org,news,,\nb,T,P,https://b.org,news,,\n",
                    encoding="utf-8")
    [p] = _problems(path, "sources")
    assert p.line == 3 and "7 fields" in p.message


def test_empty_file_and_non_utf8_bytes(tmp_path):
    empty = tmp_path / "sources.csv"
    empty.write_bytes(b"")
    [p] = _problems(empty, "sources")
    assert "empty" in p.message
    latin = tmp_path / "x" / "sources.csv"
    latin.parent.mkdir()
    latin.write_bytes(SOURCES_HEADER.encode() + b"\na,Kab\xfcl,P,2021,https://a.org,news,,\n")
    [p] = _problems(latin, "sources")
    assert p.line == 2 and "UTF-8" in p.message


def test_missing_file_is_a_data_error(tmp_path):
    [p] = _problems(tmp_path / "appointees.csv")
    assert "not found" in p.message


def test_bom_crlf_and_quoted_commas_load_exactly():
    data = ("\ufeff" + SOURCES_HEADER + "\r\n"
            "a,\"Kabul, the capital\",\"He said \"\"no\"\"\",2021-09-07,https://a.org,news,,\r\n").encode("utf-8")
    raw = read_csv_bytes(data, "sources.csv")
    frame, normalised, problems = check_table("sources", raw)
    assert problems == [] and len(normalised) == 0
    assert frame.loc[0, "title"] == "Kabul, the capital"
    assert frame.loc[0, "publisher"] == 'He said "no"'


def test_province_spelling_variants_are_normalised_and_reported(wide_copy):
    path = wide_copy
    row = cabinet.io.load_appointees(path)
    line = int(row.index[row["province"] == "Kandahar"][0]) + 2
    edit_cell(path, line, "province", "Qandahar")
    with pytest.warns(NormalisationWarning, match="Qandahar"):
        loaded = cabinet.io.load_appointees(path)
    assert loaded.loc[line - 2, "province"] == "Kandahar"
    norm = pd.DataFrame(loaded.attrs["normalised"])
    assert norm[["line", "column", "original", "normalised"]].values.tolist() == [[line, "province", "Qandahar", "Kandahar"]]


@pytest.mark.parametrize("variant,canonical", [
    ("Hilmand", "Helmand"), ("Hirat", "Herat"), ("Paktya", "Paktia"), ("Panjsher", "Panjshir"),
    ("Sar-e-Pul", "Sar-e Pol"), ("Jawzjan", "Jowzjan"), ("Nimruz", "Nimroz"), ("Urozgan", "Uruzgan"),
    ("Maydan Wardak", "Maidan Wardak"), ("helmand", "Helmand"),
])
def test_every_listed_province_spelling(wide_copy, variant, canonical):
    path = wide_copy
    edit_cell(path, 2, "province", variant)
    edit_cell(path, 2, "province_sources", cabinet.io.load_sources()["source_id"].iloc[0])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NormalisationWarning)
        assert cabinet.io.load_appointees(path).loc[0, "province"] == canonical


def test_stray_white_space_is_stripped_and_reported(wide_copy):
    path = wide_copy
    original = cabinet.io.load_appointees(path).loc[0, "name"]
    edit_cell(path, 2, "name", f"  {original} ")
    with pytest.warns(NormalisationWarning):
        loaded = cabinet.io.load_appointees(path)
    assert loaded.loc[0, "name"] == original
    assert [r["reason"] for r in loaded.attrs["normalised"]] == ["white space around the value"]


def test_inconsistent_person_tags_across_tables(data_copy):
    later = cabinet.io.load_later_appointments(data_copy / "later_appointments.csv")
    first = set(cabinet.io.load_appointees()["person_id"])
    again = later.loc[later["person_id"].isin(first), "appointment_id"].iloc[0]
    facts = data_copy / "later_facts.csv"
    with open(facts, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    j, a = rows[0].index("network"), rows[0].index("appointment_id")
    line = next(k for k, r in enumerate(rows, 1) if r[a] == again and r[j])
    edit_cell(facts, line, "network", "northern")
    with pytest.raises(DataError, match="network"):
        cabinet.validate([data_copy])


def test_data_error_is_a_value_error_with_a_table_of_problems(wide_copy):
    edit_cell(wide_copy, 2, "un_listed", "maybe")
    with pytest.raises(ValueError) as info:
        cabinet.io.load_appointees(wide_copy)
    frame = info.value.to_frame()
    assert frame.loc[0, ["line", "column", "value"]].tolist() == [2, "un_listed", "maybe"]
    assert frame.loc[0, "allowed"].startswith("yes, no, unknown")
