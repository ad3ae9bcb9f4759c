"""The validator at scale checks each distinct cell (or combination of cells) once and still reports every row.

A long roster repeats its cells, so the checks of the wide form number the
distinct values and combinations of each column (``_distinct_rows``) and
map the verdicts back to the rows. These tests check that numbering against
pandas' own ``drop_duplicates``, and that on a roster long enough to take the
fast reader, a problem shared by several rows is reported on each of them, with
its line, column, value and what is allowed.
"""

import warnings

import numpy as np
import pandas as pd
import pytest

import cabinet
from cabinet import DataError
from cabinet.io.csv_files import _padded, _read_fast, read_csv
from cabinet.io.wide_form import _distinct_rows

from conftest import write_wide

COPIES = 4  # the 33 four times: 132 rows, lines 2 to 133


def test_distinct_rows_numbers_combinations_as_drop_duplicates_keeps_them():
    rng = np.random.default_rng(3)
    frame = pd.DataFrame({c: rng.choice(["", "a", "b", "a|b", "unknown"], size=500) for c in "xyz"})
    codes, first = _distinct_rows([frame[c].to_numpy() for c in frame.columns])
    kept = frame.drop_duplicates()  # pandas' own: first occurrences, in order
    assert first.tolist() == kept.index.tolist()
    # every row's number is that of the first row equal to it
    expected = frame.groupby(list(frame.columns), sort=False).ngroup().to_numpy()
    assert codes.tolist() == expected.tolist()


def test_distinct_rows_accepts_factorised_columns_and_no_rows():
    codes, first = _distinct_rows([pd.factorize(np.array(["p", "q", "p"], dtype=object), use_na_sentinel=False),
                                   np.array(["1", "1", "1"], dtype=object)])
    assert codes.tolist() == [0, 1, 0] and first.tolist() == [0, 1]
    codes, first = _distinct_rows([np.array([], dtype=object)])
    assert len(codes) == 0 and len(first) == 0


def _long(cells: list[list[str]]) -> bytes:
    """A file of a header and ``cells``, repeated past the fast reader's minimum size."""
    body = "".join(",".join(r) + "\n" for r in cells)
    return ("name,place\n" + body * (1100 // len(body) + 1)).encode()


def test_fast_reader_does_not_take_a_comma_and_space_inside_quotes_for_white_space():
    data = _long([['"Kabul, Afghanistan"', "x"], ['"say "" hi"', "y"]])
    fast = _read_fast(data, "f.csv")
    assert fast is not None and fast.padded is False
    assert _padded(data, ",") is True  # the byte-level check alone cannot tell
    assert not any(v != v.strip() for row in fast.rows for v in row)


@pytest.mark.parametrize("cell", ['" Kabul"', '"Kabul "', '"x "" "', "Kabul ", " Kabul"])
def test_fast_reader_still_sees_white_space_around_a_value(cell):
    data = _long([['"Kabul, Afghanistan"', "x"], [cell, "y"]])
    fast = _read_fast(data, "f.csv")
    assert fast is not None and fast.padded is True
    assert any(v != v.strip() for row in fast.rows for v in row)


@pytest.fixture
def long_roster(data_copy):
    """The 33 repeated ``COPIES`` times with unique ids, in the wide form with the kind columns."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        real = cabinet.io.load_appointees()
    rows = pd.concat([real] * COPIES, ignore_index=True)
    rows["appointment_id"] = [f"A{i:05d}" for i in range(len(rows))]
    rows["person_id"] = [f"{p}_{i}" for i, p in enumerate(rows["person_id"])]
    path = write_wide(rows, data_copy / "long.csv", kinds=True)
    assert read_csv(path).frame is not None  # long enough for the fast reader
    return path, rows


def _edit(path, edits):
    """Set cells: ``edits`` maps (line, column) to the new value."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    for (line, col), value in edits.items():
        frame.at[line - 2, col] = value
    frame.to_csv(path, index=False, lineterminator="\n")


def _problems(path):
    with pytest.raises(DataError) as info:
        cabinet.validate([path], table="appointees")
    return info.value.problems


def test_a_problem_shared_by_rows_is_reported_on_each(long_roster):
    path, rows = long_roster
    src = cabinet.io.load_sources()["source_id"].iloc[0]
    # one province with two candidates but one group of sources, on three rows (lines 5, 40 and 120)
    lines = [5, 40, 120]
    edits = {}
    for line in lines:
        edits.update({(line, "stated_province"): "Kandahar|Helmand", (line, "stated_province_sources"): src,
                      (line, "birth_province"): "unknown", (line, "birth_province_sources"): "",
                      (line, "origin_province"): "unknown", (line, "origin_province_sources"): "",
                      (line, "province"): "Kandahar|Helmand", (line, "province_sources"): f"{src}|{src}"})
    # a source id not in sources.csv, in the same cell on two rows (lines 7 and 77)
    edits.update({(7, "source_ids"): "no-such-source", (77, "source_ids"): "no-such-source"})
    # a province that does not follow from the kinds of home, on lines 9 and 109
    for line in (9, 109):
        edits.update({(line, "birth_province"): "Kabul", (line, "birth_province_sources"): src,
                      (line, "origin_province"): "unknown", (line, "origin_province_sources"): "",
                      (line, "stated_province"): "unknown", (line, "stated_province_sources"): "",
                      (line, "province"): "Herat", (line, "province_sources"): src})
    _edit(path, edits)
    problems = _problems(path)
    got = sorted((p.line, p.column, p.value) for p in problems)
    expected = sorted([(line, "stated_province_sources", src) for line in lines]
                      + [(7, "source_ids", "no-such-source"), (77, "source_ids", "no-such-source")]
                      + [(9, "province", "Herat"), (109, "province", "Herat")])
    assert got == expected
    by_line = {(p.line, p.column): p for p in problems}
    assert "2 alternative(s) but 1 group(s) of sources" in by_line[(40, "stated_province_sources")].message
    assert "a source_id of sources.csv" in by_line[(77, "source_ids")].allowed
    assert "does not follow from" in by_line[(109, "province")].message
    assert "'Kabul'" in by_line[(109, "province")].allowed
    assert all(p.file.endswith("long.csv") for p in problems)


def test_duplicate_and_malformed_ids_on_a_long_roster(long_roster):
    path, rows = long_roster
    # line 30 takes the id of line 130 (the id of row 128: A00128); lines 50 and 60 share a malformed id
    _edit(path, {(30, "appointment_id"): "A00128", (50, "appointment_id"): "bad id!",
                 (60, "appointment_id"): "bad id!"})
    problems = [p for p in _problems(path) if p.column == "appointment_id"]
    got = sorted((p.line, p.value, p.message) for p in problems)
    assert got == [
        (30, "A00128", "duplicate value (also on line 130)"),
        (50, "bad id!", "does not have the required form"),
        (50, "bad id!", "duplicate value (also on line 60)"),
        (60, "bad id!", "does not have the required form"),
        (60, "bad id!", "duplicate value (also on line 50)"),
        (130, "A00128", "duplicate value (also on line 30)"),
    ]
    assert all(p.allowed for p in problems)


def test_empty_required_cells_are_found_by_the_fast_reader(long_roster):
    path, rows = long_roster
    _edit(path, {(11, "name"): "", (99, "post"): ""})
    problems = _problems(path)
    assert sorted((p.line, p.column, p.message) for p in problems) == [
        (11, "name", "value is required"), (99, "post", "value is required")]


def test_the_long_roster_loads_as_its_rows(long_roster):
    path, rows = long_roster
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        loaded = cabinet.io.load_appointees(path)
    assert len(loaded) == 33 * COPIES
    assert loaded["appointment_id"].tolist() == [f"A{i:05d}" for i in range(33 * COPIES)]
    assert loaded["province"].tolist() == rows["province"].tolist()


def test_a_long_file_read_by_its_path_reads_as_its_bytes(tmp_path, monkeypatch):
    """A long file read by its path gives the rows of the same bytes parsed from memory."""
    from pandas.io.parsers import readers

    from cabinet.io.csv_files import read_csv_bytes

    parallel = []
    if hasattr(readers, "_read_csv_parallel"):  # pandas 3.1: count the parallel reads
        original = readers._read_csv_parallel
        monkeypatch.setattr(readers, "_read_csv_parallel", lambda *a, **k: parallel.append(1) or original(*a, **k))
    n = 160_000
    rows = [f'Member {i},"Kabul, {i % 7}",{"" if i % 5 == 0 else "x"},"say ""{i}"""\n' for i in range(n)]
    data = ("\ufeffname,place,empty,quote\n" + "".join(rows)).encode("utf-8")
    assert len(data) > 6 * 2**20  # above pandas' threshold for a parallel read (5 MB)
    path = tmp_path / "long.csv"
    path.write_bytes(data)
    by_path, by_bytes = read_csv(path), read_csv_bytes(data, str(path))
    assert by_path.frame is not None and by_bytes.frame is not None
    assert by_path.header == by_bytes.header == ["name", "place", "empty", "quote"]
    assert by_path.frame.equals(by_bytes.frame)
    assert list(by_path.lines) == list(range(2, n + 2))
    assert by_path.frame.iloc[5].tolist() == ["Member 5", "Kabul, 5", "", 'say "5"']
    assert sorted(by_path.empty) == [2] and by_path.empty[2].sum() == n // 5  # every fifth row, by hand
    assert by_path.padded is False
    assert parallel or not hasattr(readers, "_read_csv_parallel")


def test_a_date_out_of_range_is_reported_on_each_row(long_roster):
    path, rows = long_roster
    # the schema allows announced from 2021-09-07 to 2030-12-31; one bad date on two rows, one on a third
    _edit(path, {(15, "announced"): "2031-01-05", (115, "announced"): "2031-01-05", (20, "announced"): "2021-09-06"})
    problems = _problems(path)
    assert sorted((p.line, p.column, p.value, p.message) for p in problems) == [
        (15, "announced", "2031-01-05", "out of range"), (20, "announced", "2021-09-06", "out of range"),
        (115, "announced", "2031-01-05", "out of range")]
    assert all(p.allowed == "from 2021-09-07 to 2030-12-31" for p in problems)
