"""One way to get a roster: cabinet.load_roster(name | date | path | DataFrame) (issue 25)."""

import warnings

import pandas as pd
import pytest

import cabinet
from cabinet.io import load_appointees
from cabinet.rosters import ROSTERS, load_roster, register_roster, roster_kind


def test_a_name_a_date_a_file_and_a_frame_each_give_their_roster(tmp_path):
    named = load_roster("taliban-2021")
    assert len(named) == 33 and named.attrs["roster"] == "taliban-2021"
    assert named["person_id"].tolist() == load_appointees()["person_id"].tolist()
    dated = load_roster("2025-12-31")
    # the same government as the keyword form, and as a date object
    assert dated["person_id"].tolist() == load_roster(as_of="2025-12-31")["person_id"].tolist()
    assert dated["person_id"].tolist() == load_roster(pd.Timestamp("2025-12-31").date())["person_id"].tolist()
    assert dated.attrs["roster"] == "2025-12-31" and dated.attrs["roster_label"] == "the Taliban government as of 31 December 2025"
    body = tmp_path / "council.csv"
    body.write_text("name,district\nA,North\nB,unknown\n", encoding="utf-8")
    assert load_roster(body)["district"].tolist() == ["North", "unknown"]
    frame = pd.DataFrame({"name": ["A"]})
    assert load_roster(frame) is frame


def test_the_republic_is_a_roster_of_another_kind():
    republic = load_roster("republic-2021")
    assert len(republic) == 32 and roster_kind(republic) == "republic" and roster_kind("2022-01-01") == "taliban"
    assert republic.attrs["roster_label"] == ROSTERS["republic-2021"].label


def test_dates_are_checked_once_and_given_once():
    with pytest.raises(ValueError, match="before the cabinet was announced"):
        load_roster("2021-01-01")
    with pytest.raises(ValueError, match="before the cabinet was announced"):
        load_roster(as_of="2021-01-01")
    with pytest.raises(ValueError, match="given twice"):
        load_roster("2022-01-01", as_of="2022-01-01")
    with pytest.raises(ValueError, match="named roster"):
        load_roster("republic-2021", as_of="2022-01-01")
    with pytest.raises(ValueError, match="unknown roster 'nobody'; allowed: taliban-2021, republic-2021, taliban-latest"):
        load_roster("nobody")
    with pytest.raises(FileNotFoundError):
        load_roster("no/such/file.csv")


def test_a_registered_roster_is_known_to_the_resolver_and_the_command_line(capsys):
    from cabinet.cli import main

    register_roster("toy-council", lambda home="any", exclude_weak=False: pd.DataFrame(
        {"name": ["A", "B", "C"], "side": ["left", "right", "left"]}), "the toy council", kind="toy")
    try:
        assert load_roster("toy-council").attrs["roster_label"] == "the toy council"
        assert main(["gaps", "--roster", "toy-council", "--by", "side", "--format", "csv"]) == 0
        out = capsys.readouterr().out
        assert "left" in out and "right" in out
    finally:
        del ROSTERS["toy-council"]


@pytest.mark.parametrize("old,call,new", [
    ("load_appointees", lambda f: f(), lambda: load_appointees()),
    ("load_named_roster", lambda f: f("2022-01-01"), lambda: load_roster("2022-01-01")),
    ("load_republic_roster", lambda f: f(), lambda: load_roster("republic-2021")),
])
def test_old_names_work_one_more_release_behind_a_deprecation_warning(old, call, new):
    with pytest.warns(DeprecationWarning, match=f"cabinet.{old} is deprecated"):
        func = getattr(cabinet, old)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", cabinet.NormalisationWarning)
        assert call(func)["person_id"].tolist() == new()["person_id"].tolist()
