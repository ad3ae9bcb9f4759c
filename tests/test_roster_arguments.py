"""One resolver for rosters everywhere (issue 27): every public function that takes a roster takes a name, a
date, a path or a DataFrame through cabinet.load_roster, and its errors name the argument, not its contents.

The functions that take a roster (cabinet.__all__ and the public functions of cabinet/*.py):
representation, west_southwest_gap, hazarajat_gap, helmandi_networks_gap, disproportionality, estimates,
gap_estimates, clustering_sensitivity, headline_sensitivity, claims, claim_probabilities,
cabinet.claims.first_list, movement_draw, movement_predictive, yardstick_table (one roster each, through
cabinet.rosters.takes_roster) and compare (a list or mapping of them). load_roster is the resolver itself;
load_user_roster and validate read files by design. The charts and the report (write_charts, write_report)
take a roster name or date of their own and are left to the chart restyle.
"""

import shutil
from pathlib import Path

import pandas as pd
import pytest

import cabinet
from cabinet.claims import first_list
from cabinet.rosters import takes_roster

ROOT = Path(__file__).resolve().parent.parent

# (function, its roster argument, keyword arguments that keep the call short)
FUNCTIONS = [
    (cabinet.representation, "roster", {"by": "region"}),
    (cabinet.west_southwest_gap, "roster", {}),
    (cabinet.hazarajat_gap, "roster", {}),
    (cabinet.helmandi_networks_gap, "roster", {}),
    (cabinet.disproportionality, "roster", {"by": "region", "n_draws": 200}),
    (cabinet.estimates, "roster", {"by": "region", "assumptions": ("bounds",)}),
    (cabinet.gap_estimates, "roster", {"assumptions": ("bounds",)}),
    (cabinet.clustering_sensitivity, "data", {"by": "region", "icc": (0.0,)}),
    (cabinet.headline_sensitivity, "roster", {"icc": (0.0,)}),
    (cabinet.claims, "roster", {}),
    (cabinet.claim_probabilities, "roster", {"assumptions": ("bounds",)}),
    (first_list, "roster", {}),
    (cabinet.movement_draw, "roster", {"by": "region"}),
    (cabinet.movement_predictive, "roster", {}),
    (cabinet.yardstick_table, "roster", {"by": ("region",)}),
]
IDS = [f.__name__ for f, _, _ in FUNCTIONS]


@pytest.fixture(scope="module")
def roster_file(tmp_path_factory):
    """A roster file of one's own in the form of data/appointees.csv: the 33 of 7 September 2021."""
    folder = tmp_path_factory.mktemp("own")
    shutil.copy(ROOT / "data" / "appointee_facts.csv", folder)  # the tags of the stored form, beside it
    out = folder / "my_copy_of_the_cabinet.csv"
    shutil.copy(ROOT / "data" / "appointees.csv", out)
    return out


def _same(a, b):
    """Two results of one function: equal tables (or equal pairs whose first item is a table)."""
    if isinstance(a, tuple):
        a, b = a[0], b[0]
    pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True))


@pytest.mark.parametrize("function, argument, kwargs", FUNCTIONS, ids=IDS)
def test_a_path_a_name_and_a_frame_give_the_same_result(function, argument, kwargs, roster_file):
    frame = cabinet.load_roster("taliban-2021")
    by_frame = function(**{argument: frame}, **kwargs)
    _same(function(**{argument: roster_file}, **kwargs), by_frame)
    _same(function(**{argument: "taliban-2021"}, **kwargs), by_frame)


@pytest.mark.parametrize("function, argument, kwargs", FUNCTIONS, ids=IDS)
def test_a_bad_argument_is_named_by_its_keyword_position_and_type(function, argument, kwargs):
    import inspect

    position = list(inspect.signature(function).parameters).index(argument) + 1
    with pytest.raises(TypeError) as err:
        function(**{argument: 42}, **kwargs)
    message = str(err.value)
    assert message.startswith(f"{function.__name__}(): argument {argument!r} (position {position}, a int)")
    assert len(message) < 300


# first_list reads no tag: any frame with names is a list
@pytest.mark.parametrize("function, argument, kwargs", [f for f in FUNCTIONS if f[0] is not first_list],
                         ids=[i for i in IDS if i != "first_list"])
def test_a_frame_without_the_needed_columns_is_named_never_printed(function, argument, kwargs):
    secret = "Zzyzx-Quartermaine"
    frame = pd.DataFrame({"name": [secret, "B", "C"], "colour": ["red", "blue", "red"]})
    with pytest.raises((ValueError, KeyError)) as err:
        function(**{argument: frame}, **kwargs)
    message = err.value.args[0] if isinstance(err.value, KeyError) else str(err.value)
    assert f"argument {argument!r}" in message and "a DataFrame of 3 rows" in message, message
    assert secret not in message and len(message) < 300, message


def test_an_unknown_name_and_a_missing_file_are_named():
    with pytest.raises(ValueError) as err:
        cabinet.representation("taliban-2099", "region")
    assert str(err.value).startswith("representation(): argument 'roster' (position 1, a str): unknown roster")
    with pytest.raises(FileNotFoundError) as err:
        cabinet.west_southwest_gap("no/such/roster.csv")
    assert "argument 'roster' (position 1, a str)" in str(err.value) and "no/such/roster.csv" in str(err.value)


def test_compare_takes_a_mapping_of_a_name_a_path_and_a_frame(roster_file):
    kenya = pd.DataFrame({"name": ["K1", "K2", "K3"], "region": ["unknown", "unknown", "unknown"]})
    t = cabinet.compare({"rep": "republic-2021", "own": roster_file, "kenya": kenya}, by="region")
    assert {tuple(p) for p in t[["roster_a", "roster_b"]].drop_duplicates().to_numpy()} == {
        ("rep", "own"), ("rep", "kenya"), ("own", "kenya")}
    with pytest.raises(TypeError) as err:
        cabinet.compare({"a": "republic-2021", "b": 7}, by="region")
    assert str(err.value).startswith("roster 'b' is a int") and len(str(err.value)) < 300


def test_the_decorator_leaves_none_to_the_function_and_the_command_line_drops_the_prefix():
    @takes_roster("roster")
    def given(roster=None):
        return roster

    assert given() is None
    from cabinet.cli.output import cli_words

    assert cli_words("representation(): argument 'roster' (position 1, a DataFrame of 3 rows): no column 'x'") \
        == "no column 'x'"
