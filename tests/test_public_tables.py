"""Every public table works with everyday pandas operations (issue 25).

A frame whose ``attrs`` hold a DataFrame or an array makes pandas 3 compare two frames for truth
when it propagates them (``astype``, ``merge``, ``concat`` all do), and raise "The truth value of a
DataFrame is ambiguous". The tables of the package carry only plain metadata in ``attrs``: strings,
numbers, booleans, None, and lists and dicts of them.
"""

import io
import pickle

import pandas as pd
import pytest

import cabinet

PLAIN = (str, int, float, bool, type(None))


def _plain(value) -> bool:
    if isinstance(value, PLAIN):
        return True
    if isinstance(value, (list, tuple)):
        return all(_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    return False


def test_plain_tells_plain_metadata_from_frames_and_arrays():
    import numpy as np

    assert _plain({"home": "any", "as_of": None, "departed": ["a"], "labels": {"x": "y"}, "n": 3})
    assert not _plain({"normalised": pd.DataFrame()})
    assert not _plain({"lines": np.arange(3)})
    assert not _plain({"n": np.int64(3)})


TABLES = {
    "load_appointees": lambda: cabinet.io.load_appointees(),
    "load_later_appointments": lambda: cabinet.io.load_later_appointments(),
    "load_roster": lambda: cabinet.load_roster(),
    "load_roster(as_of)": lambda: cabinet.load_roster(as_of="2025-12-31"),
    "load_named_roster(taliban-latest)": lambda: cabinet.load_roster("taliban-latest"),
    "load_republic_roster": lambda: cabinet.load_roster("republic-2021"),
    "load_departures": lambda: cabinet.rosters.load_departures(),
    "load_facts": lambda: cabinet.io.load_facts(),
    "value_support": lambda: cabinet.io.value_support(),
    "load_provinces": lambda: cabinet.io.load_provinces(),
    "load_sources": lambda: cabinet.io.load_sources(),
    "load_tribes": lambda: cabinet.io.load_tribes(),
    "load_ethnic_estimates": lambda: cabinet.io.load_ethnic_estimates(),
    "load_events": lambda: cabinet.io.load_events(),
    "load_hazarajat_districts": lambda: cabinet.io.load_hazarajat_districts(),
    "load_published_tallies": lambda: cabinet.io.load_published_tallies(),
    "load_movement_pool": lambda: cabinet.rosters.load_movement_pool(),
    "load_movement_manpower": lambda: cabinet.rosters.load_movement_manpower(),
    "validate": lambda: cabinet.validate(),
    "representation": lambda: cabinet.representation(cabinet.load_roster(), "region"),
    "representation_over_time": lambda: cabinet.representation_over_time("region", ["2021-09-07", "2022-01-01"]),
    "west_southwest_gap": lambda: cabinet.west_southwest_gap(),
    "hazarajat_gap": lambda: cabinet.hazarajat_gap(),
    "helmandi_networks_gap": lambda: cabinet.helmandi_networks_gap(),
    "claims": lambda: cabinet.claims(),
    "claim_probabilities": lambda: cabinet.claim_probabilities(),
    "estimates": lambda: cabinet.estimates(cabinet.load_roster(), "region"),
    "gap_estimates": lambda: cabinet.gap_estimates(),
    "disproportionality": lambda: cabinet.disproportionality(cabinet.load_roster(), "region", n_draws=200),
    "compare": lambda: cabinet.compare(["taliban-2021", "republic-2021"], by="ethnicity"),
    "movement_draw": lambda: cabinet.movement_draw(),
    "yardstick_table": lambda: cabinet.yardstick_table(),
}


@pytest.fixture(scope="module", params=sorted(TABLES))
def table(request):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", cabinet.NormalisationWarning)
        return request.param, TABLES[request.param]()


def test_attrs_hold_only_plain_metadata(table):
    name, frame = table
    assert isinstance(frame, pd.DataFrame), name
    assert _plain(frame.attrs), (name, {k: type(v).__name__ for k, v in frame.attrs.items()})


def test_astype_merge_concat_groupby(table):
    name, frame = table
    as_text = frame.astype(str)
    assert as_text.shape == frame.shape and as_text.attrs == frame.attrs
    key = frame.columns[0]
    merged = frame.merge(frame[[key]].drop_duplicates(), on=key, how="left")
    assert len(merged) == len(frame)
    both = pd.concat([frame, frame], ignore_index=True)
    assert len(both) == 2 * len(frame)
    sizes = as_text.groupby(key, dropna=False).size()
    assert sizes.sum() == len(frame)


def test_to_parquet_and_back(table):
    pytest.importorskip("pyarrow")
    name, frame = table
    buf = io.BytesIO()
    frame.astype(str).to_parquet(buf)  # the cells as text: parquet needs one type per column
    back = pd.read_parquet(io.BytesIO(buf.getvalue()))
    assert back.shape == frame.shape
    assert back.attrs == frame.attrs  # pandas stores attrs as JSON beside the table


def test_pickle_round_trip(table):
    name, frame = table
    back = pickle.loads(pickle.dumps(frame))
    pd.testing.assert_frame_equal(back, frame)
    assert back.attrs == frame.attrs


def test_the_bug_of_issue_25_is_gone():
    """``cabinet.load_roster().astype(str)`` and ``roster.merge(other, on="person_id")`` raised under pandas 3."""
    roster = cabinet.load_roster()
    assert roster.astype(str)["person_id"].tolist() == roster["person_id"].tolist()
    other = cabinet.load_roster(as_of="2025-12-31")[["person_id", "post"]]
    merged = roster.merge(other, on="person_id", suffixes=("", "_2025"))
    # the 33 less the men who had left every post by the end of 2025
    assert len(merged) == 33 - len(set(roster["person_id"]) & set(cabinet.load_roster(as_of="2025-12-31").attrs["departed"]))
