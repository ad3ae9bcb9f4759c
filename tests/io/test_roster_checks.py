"""A roster is checked as a roster (issue 27): each check with the file that triggers it."""

import io
import warnings
from pathlib import Path

import pytest

import cabinet
from cabinet.cli import main
from cabinet.errors import DataError, NormalisationWarning
from cabinet.io import load_user_roster

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "roster_checks"


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    return main([str(a) for a in argv], out=out, err=err), out.getvalue(), err.getvalue()


def test_the_same_name_twice_is_refused_naming_both_lines():
    with pytest.raises(DataError) as err:
        load_user_roster(FIX / "same_name_twice.csv")
    (p,) = err.value.problems
    assert (p.line, p.column) == (4, "name")  # 'amina  odhiambo': the same name, case and spacing aside
    assert "the same person as line 2" in p.message and "counted twice" in p.message
    assert "--merge-duplicates" in p.allowed


def test_the_same_name_twice_is_merged_when_asked_with_a_sentence():
    with pytest.warns(NormalisationWarning, match=r"listed more than once, merged as asked.*lines 2, 4"):
        r = load_user_roster(FIX / "same_name_twice.csv", duplicates="merge")
    assert r["name"].tolist() == ["Amina Odhiambo", "Peter Kamau", "Grace Wanjiru"]
    assert r.loc[0, "ethnicity"] == "Luo"  # the known value kept, the other row's unknown adds nothing
    assert len(r.attrs["merged"]) == 1
    t = cabinet.representation(r, "province")
    assert t.set_index("group").at["Nyanza", "count"] == 1  # counted once, not twice


def test_the_same_person_id_twice_is_refused_and_merged_when_asked():
    with pytest.raises(DataError) as err:
        load_user_roster(FIX / "same_person_id_twice.csv")
    (p,) = err.value.problems
    assert p.line == 4 and "the same person_id 'P1'" in p.message
    with pytest.warns(NormalisationWarning):
        r = load_user_roster(FIX / "same_person_id_twice.csv", duplicates="merge")
    assert r["person_id"].tolist() == ["P1", "P2"]


def test_conflicting_tags_for_one_person_are_an_error_naming_both_rows_even_when_merging():
    for how in ("refuse", "merge"):
        with pytest.raises(DataError) as err:
            load_user_roster(FIX / "conflicting_tags.csv", duplicates=how)
        (p,) = err.value.problems
        assert (p.line, p.column, p.value) == (4, "ethnicity", "Luhya")
        assert "'Luo' on line 2" in p.message and "'Luhya' on line 4" in p.message


def test_values_that_differ_only_in_case_are_reported_with_did_you_mean():
    with pytest.raises(DataError) as err:
        load_user_roster(FIX / "case_variants.csv")
    (p,) = err.value.problems
    assert (p.line, p.column, p.value, p.closest) == (5, "province", "central", "Central")
    assert "did you mean 'Central'?" in p.message


def test_an_unknown_choice_of_duplicates_is_refused():
    with pytest.raises(ValueError, match="duplicates='keep'; allowed: 'refuse', 'merge'"):
        load_user_roster(FIX / "same_name_twice.csv", duplicates="keep")


@pytest.mark.parametrize("name, line, column, value, words", [
    ("same_name_twice.csv", 4, "name", "amina  odhiambo", "the same person as line 2"),
    ("same_person_id_twice.csv", 4, "name", "A. Odhiambo", "the same person_id 'P1'"),
    ("conflicting_tags.csv", 4, "ethnicity", "Luhya", "conflicting ethnicity for one person"),
    ("case_variants.csv", 5, "province", "central", "did you mean 'Central'?"),
    ("one_id_two_people.csv", 3, "person_id", "K7", "duplicate id"),
])
def test_validate_reports_each_check_with_file_line_column_and_value(name, line, column, value, words):
    code, out, err = run("validate", FIX / name)
    assert code != 0 and words in err and "valid:" not in out
    assert f"{FIX / name}, line {line}, column {column!r}: " in err and f"(got {value!r})" in err


def test_one_id_on_two_people_is_a_duplicate_id_naming_the_first_line():
    with pytest.raises(DataError) as err:
        load_user_roster(FIX / "one_id_two_people.csv", duplicates="merge")  # not one person: never merged
    (p,) = err.value.problems
    assert (p.line, p.column, p.value, p.message) == (3, "person_id", "K7", "duplicate id")
    assert "line 2 gives it to 'Wanjiku Kamau'" in p.allowed


@pytest.fixture
def appointees_twice(tmp_path):
    """A copy of the data package's first list in which one person_id holds a second row (another post)."""
    root = Path(__file__).resolve().parents[2] / "data"
    rows = (root / "appointees.csv").read_text(encoding="utf-8").splitlines()
    second = rows[2].replace("S02,", "S99,", 1)  # Baradar again, under a new appointment id
    (tmp_path / "appointees.csv").write_text("\n".join(rows + [second]) + "\n", encoding="utf-8")
    facts = (root / "appointee_facts.csv").read_text(encoding="utf-8").splitlines()
    extra = [f.replace("S02,", "S99,", 1) for f in facts if f.startswith("S02,")]
    (tmp_path / "appointee_facts.csv").write_text("\n".join(facts + extra) + "\n", encoding="utf-8")
    return tmp_path / "appointees.csv", len(rows) + 1


def test_the_appointees_form_never_folds_two_rows_of_one_person_id_unsaid(appointees_twice):
    path, line = appointees_twice
    with pytest.raises(DataError) as err:
        cabinet.load_roster(path)
    (p,) = err.value.problems
    assert (p.line, p.column, p.value) == (line, "person_id", "baradar_abdul_ghani")
    assert "the same person_id as line 3" in p.message and "counted once" in p.message
    code, out, err_text = run("validate", path)
    assert code == 1 and f"line {line}, column 'person_id'" in err_text and "valid:" not in out
    with pytest.raises(DataError):
        cabinet.validate(path)  # one path, not a list of its letters


def test_the_resolver_and_the_command_line_merge_when_asked():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NormalisationWarning)
        r = cabinet.load_roster(FIX / "same_name_twice.csv", duplicates="merge")
    assert len(r) == 3
    code, out, err = run("gaps", "--roster", FIX / "same_name_twice.csv", "--by", "province", "--merge-duplicates")
    assert code == 0, err
    assert "merged into one row" in out + err


# ---- one resolver for rosters everywhere ---------------------------------------------------------------


def test_compare_takes_a_list_of_a_file_and_a_frame_and_labels_them(tmp_path):
    import pandas as pd
    from scipy.stats import fisher_exact

    a = tmp_path / "council_a.csv"
    a.write_text("name,camp\nA,North\nB,North\nC,South\nD,unknown\n", encoding="utf-8")
    frame = pd.DataFrame({"name": ["E", "F", "G", "H"], "camp": ["South", "South", "South", "North"]})
    t = cabinet.compare([a, frame], by="camp")
    assert set(t["roster_a"]) == {"council_a"} and set(t["roster_b"]) == {"roster 2"}
    north = t.set_index("group").loc["North"]
    assert (north["count_a"], north["count_max_a"], north["n_a"], north["count_b"], north["n_b"]) == (2, 3, 4, 1, 4)
    # D's unknown camp: North or not, each p-value of the range is Fisher's at one count
    ps = [fisher_exact([[k, 4 - k], [1, 3]]).pvalue for k in (2, 3)]
    assert (north["p_min"], north["p_max"]) == (pytest.approx(min(ps)), pytest.approx(max(ps)))


def test_an_error_names_the_argument_not_its_contents(tmp_path):
    frame = cabinet.load_roster("republic-2021")
    with pytest.raises(TypeError) as err:
        cabinet.compare([frame, ["not", "a", "roster"]], by="ethnicity")
    assert "roster 'roster 2' is a list" in str(err.value) and "Ghani" not in str(err.value)
    with pytest.raises(TypeError) as err:
        cabinet.compare(frame, by="ethnicity")
    assert "got one DataFrame" in str(err.value) and len(str(err.value)) < 300
    with pytest.raises(TypeError, match="roster is a dict"):
        cabinet.load_roster({"a": frame})
