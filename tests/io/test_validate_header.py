"""``cabinet validate FILE`` recognises a file's table from its header when its name does not say.

The header must hold exactly one table's columns (in any order); the output says which table was
assumed, and a header that fits no table is refused with the closest tables and the columns that
differ.
"""

import io

import pytest

import cabinet
import cabinet.io.datapackage as dp
from cabinet import DataError
from cabinet.cli import main

from conftest import edit_cell


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def _renamed(data_copy, tmp_path, table, name="my_file.csv"):
    # beside the tables it refers to (an appointments table reads its facts from its own folder)
    target = (data_copy if table in ("appointees", "later_appointments") else tmp_path) / name
    target.write_bytes((data_copy / dp.resource(table)["path"]).read_bytes())
    return target


@pytest.mark.parametrize("table", ["provinces", "hazarajat_districts", "ethnic_estimates", "tribes",
                                   "published_tallies", "events", "sources"])
def test_each_reference_table_is_recognised_from_its_header(data_copy, tmp_path, table):
    path = _renamed(data_copy, tmp_path, table)
    summary = cabinet.validate([path])
    assert summary[["table", "recognised_by"]].values.tolist() == [[table, "header"]]
    code, out, err = run("validate", str(path))
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == f"{path}: checked as the {table} table (recognised from its header)"
    link = dp.link_table(table)
    if link is not None:  # copied without its sources: checked on its own, and the output says what was not
        assert lines[1].startswith(f"{path}: checked as the {table} table on its own; not checked: the sources "
                                   f"of its rows, which a data package keeps in {link}.csv")
    assert lines[-1] == f"valid: 1 file, {len(summary.index) and summary['rows'].item()} data rows below its header line"
    with open(path, encoding="utf-8", newline="") as fh:  # the rows counted are the records below the header
        import csv

        assert summary["rows"].item() == len(list(csv.reader(fh))) - 1


def test_column_order_does_not_matter(data_copy, tmp_path):
    import csv

    with open(data_copy / "tribes.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    path = tmp_path / "clans.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows([list(reversed(r)) for r in rows])
    # recognised whatever the order of its columns; the check then asks for the schema's order, as the
    # standard's own validator does (tests/io/test_frictionless.py)
    with pytest.raises(DataError) as info:
        cabinet.validate([path])
    assert "order of the schema" in str(info.value)
    assert any("checked as the tribes table" in n for n in info.value.__notes__)


def test_a_people_header_is_taken_as_appointees_and_the_output_names_the_alternative(data_copy, tmp_path):
    path = _renamed(data_copy, tmp_path, "appointees", "wave.csv")
    summary = cabinet.validate([path])
    assert summary[["table", "rows", "recognised_by"]].values.tolist() == [["appointees", 33, "header"]]
    code, out, _ = run("validate", str(path))
    assert code == 0
    assert "wave.csv: checked as the appointees table (recognised from its header" in out
    assert "also fits later_appointments" in out and "--table" in out
    # --table still decides, and the file name still wins over the header
    later = _renamed(data_copy, tmp_path, "later_appointments", "later_wave.csv")
    assert cabinet.validate([later], table="later_appointments")["recognised_by"].tolist() == ["table="]
    assert cabinet.validate([data_copy / "tribes.csv"])["recognised_by"].tolist() == ["file name"]
    assert set(cabinet.validate([data_copy])["recognised_by"]) == {"folder"}


def test_problems_in_a_recognised_file_say_which_table_was_assumed(data_copy, tmp_path):
    edit_cell(data_copy / "appointees.csv", 3, "position_class", "ministre")
    path = _renamed(data_copy, tmp_path, "appointees", "roster.csv")
    with pytest.raises(DataError) as info:
        cabinet.validate([path])
    assert any("ministre" == p.value for p in info.value.problems)
    assert any("roster.csv: checked as the appointees table" in n for n in info.value.__notes__)
    code, _, err = run("validate", str(path))
    assert code == 1
    assert "did you mean 'minister'" in err and "roster.csv: checked as the appointees table" in err


def test_a_header_matching_no_table_is_refused_with_the_closest_tables(data_copy, tmp_path):
    path = _renamed(data_copy, tmp_path, "tribes", "clans.csv")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("confederation", "confed", 1), encoding="utf-8")
    with pytest.raises(ValueError, match="cannot tell which table") as info:
        cabinet.validate([path])
    assert not isinstance(info.value, DataError)
    message = str(info.value)
    assert "closest: tribes (missing 'confederation'; unexpected 'confed')" in message
    assert message.index("tribes (") < message.index("hazarajat_districts (")
    code, out, err = run("validate", str(path))
    assert code == 2 and out == ""
    assert "closest: tribes" in err and "--table" in err and "Traceback" not in err


def test_a_header_sharing_nothing_is_refused_without_candidates(tmp_path):
    path = tmp_path / "budget.csv"
    path.write_text("item,amount\nfuel,3\n", encoding="utf-8")
    code, _, err = run("validate", str(path))
    assert code == 2 and "matches no table's columns" in err and "closest" not in err


@pytest.mark.parametrize("content,words", [
    (None, "file not found"),
    (b"", "file is empty"),
    (b"\xff\xfe\x00bad", "not valid UTF-8"),
])
def test_an_unreadable_file_reports_why_rather_than_guessing(tmp_path, content, words):
    path = tmp_path / "upload.csv"
    if content is not None:
        path.write_bytes(content)
    code, _, err = run("validate", str(path))
    assert code == 1 and words in err
