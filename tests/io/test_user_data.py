"""Users' own rosters and baselines, for any body; invariants that must hold for any input."""

import io
import json
import warnings

import pandas as pd
import pytest

import cabinet
from cabinet import DataError, NormalisationWarning
from cabinet.cli import main

from conftest import edit_cell, write_wide

EXAMPLES = cabinet.io.datapackage.data_dir().parent / "examples"


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), out=out, err=err), out.getvalue(), err.getvalue()


@pytest.fixture
def council():
    path = EXAMPLES / "council.csv"
    if not path.is_file():
        pytest.skip("examples/ is part of the source checkout, not of the installed wheel")
    return path


def test_worked_example_counts_by_hand(council):
    roster = cabinet.load_user_roster(council)
    t = cabinet.representation(roster, "district", baseline={"North": .45, "Centre": .35, "South": .20}).set_index("group")
    # council.csv: North 5 (Beck, Chen, Eke, Hoy, Jun), Centre 2 (Diaz, Gul), North|Centre 1 (Fox), unknown 1 (Ito)
    assert t.loc[["North", "Centre", "South", "disputed", "unknown"], "count"].tolist() == [5, 2, 0, 1, 1]
    assert t.loc[["North", "Centre", "South"], "count_max"].tolist() == [7, 4, 1]
    assert t.at["South", "p_le_count"] == pytest.approx(0.8**9)


def test_worked_example_from_the_cli_with_a_baseline_file(council):
    code, out, err = run("gaps", "--roster", str(council), "--by", "district",
                         "--baseline", str(EXAMPLES / "council_population.csv"), "--format", "json")
    assert code == 0, err
    rows = {r["group"]: r for r in json.loads(out)}
    assert rows["North"]["count"] == 5 and rows["North"]["baseline_share"] == 0.45
    code, out, err = run("indices", "--roster", str(council), "--by", "party", "--draws", "2000", "--format", "csv",
                         "--baseline", str(EXAMPLES / "council_population.csv"))
    assert code == 2 and "Green" in err  # party groups are not in a district baseline: named, not crashed


def test_user_roster_problems_are_all_named(tmp_path):
    path = tmp_path / "body.csv"
    path.write_text("name,region,region\nA,,x\nB,North\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        cabinet.load_user_roster(path)
    assert any(p.line == 1 and p.column == "region" for p in info.value.problems)
    path.write_text("name,region\nA,\nB,North,extra\n,South\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        cabinet.load_user_roster(path)
    where = {(p.line, p.column) for p in info.value.problems}
    assert {(2, "region"), (3, None), (4, "name")} <= where
    path.write_text("who,region\nA,North\n", encoding="utf-8")
    with pytest.raises(DataError, match="'name' column"):
        cabinet.load_user_roster(path)
    assert cabinet.load_user_roster(path, name_column="who")["name"].tolist() == ["A"]


def test_user_roster_whitespace_is_reported(tmp_path):
    path = tmp_path / "body.csv"
    path.write_text("name,region\n A ,North\n", encoding="utf-8")
    with pytest.warns(NormalisationWarning):
        roster = cabinet.load_user_roster(path)
    assert roster.loc[0, "name"] == "A"
    assert [r["column"] for r in roster.attrs["normalised"]] == ["name"]


def test_province_spelling_variants_do_not_change_results(data_copy):
    path = write_wide(cabinet.io.load_appointees(), data_copy / "roster.csv")
    original = cabinet.io.load_appointees(path)
    for i, p in enumerate(original["province"]):
        variant = {"Helmand|Paktia": "Hilmand|Paktya", "Paktia": "Paktya", "Kandahar": "Qandahar",
                   "Helmand+Paktia": "Hilmand+Paktya"}.get(p)
        if variant:
            edit_cell(path, i + 2, "province", variant)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NormalisationWarning)
        varied = cabinet.io.load_appointees(path)
    assert len(varied.attrs["normalised"]) > 0
    for by in ("province", "region"):
        pd.testing.assert_frame_equal(cabinet.representation(original, by), cabinet.representation(varied, by))


def test_row_order_does_not_change_results():
    roster = cabinet.io.load_appointees()
    shuffled = roster.sample(frac=1, random_state=3).reset_index(drop=True)
    for by in ("region", "ethnicity", "network", "hazarajat"):
        a = cabinet.representation(roster, by).drop(columns=["members", "possible_members"])
        b = cabinet.representation(shuffled, by).drop(columns=["members", "possible_members"])
        key = ["baseline", "group"]
        pd.testing.assert_frame_equal(a.sort_values(key).reset_index(drop=True), b.sort_values(key).reset_index(drop=True))
    assert cabinet.claims(shuffled)["verdict"].tolist() == cabinet.claims(roster)["verdict"].tolist()
