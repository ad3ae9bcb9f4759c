"""The loaders on the bundled data, and the roster over time."""

import datetime as dt
import re

import pandas as pd
import pytest

import cabinet
from cabinet.io import datapackage as dp


def test_bundled_tables_load_and_match_the_schema():
    for name in dp.resource_names():
        load = getattr(cabinet.io, f"load_{name}", None) or getattr(cabinet.rosters, f"load_{name}", None)
        if load is None:
            continue
        frame = load()
        if name == "movement_pool":  # one row per person, not per post (issue 18): its own documented columns
            from cabinet.rosters.movement import POOL_COLUMNS

            assert list(frame.columns) == POOL_COLUMNS
        else:
            assert list(frame.columns) == dp.field_names(name), name
        assert len(frame.attrs["normalised"]) == 0, f"bundled {name} needed normalising"


def test_the_33():
    roster = cabinet.io.load_appointees()
    assert len(roster) == 33
    assert roster["appointment_id"].tolist() == [f"S{i:02d}" for i in range(1, 34)]
    assert roster["person_id"].is_unique
    assert (roster["announced"] == pd.Timestamp("2021-09-07")).all()
    assert (roster["position_class"] == "prime_minister").sum() == 1
    assert (roster["position_class"] == "deputy_prime_minister").sum() == 2


def test_nsia_1398_provinces_sum_to_the_published_settled_total():
    # The NSIA yearbook 1398 gives 30,725,560 settled people (Kuchi excluded).
    provinces = cabinet.io.load_provinces()
    assert len(provinces) == 34
    assert int(provinces["population_nsia_1398"].sum()) == 30_725_560


def test_every_appointment_cites_a_source_and_every_known_tag_too():
    for frame in (cabinet.io.load_appointees(), cabinet.io.load_later_appointments()):
        assert (frame["source_ids"].str.len() > 0).all()
        for col in ("province", "ethnicity", "tribe", "network"):
            known = ~frame[col].isin(["unknown", "not_applicable"])
            assert (frame.loc[known, f"{col}_sources"].str.len() > 0).all(), col


def test_roster_default_is_the_33():
    assert cabinet.load_roster()["person_id"].tolist() == cabinet.io.load_appointees()["person_id"].tolist()


def test_roster_as_of_adds_later_appointments_announced_by_then():
    later = cabinet.io.load_later_appointments()
    when = pd.Timestamp("2021-09-21")
    roster = cabinet.load_roster(as_of="2021-09-21")
    new_people = set(later.loc[later["announced"] <= when, "person_id"]) - set(cabinet.io.load_appointees()["person_id"])
    assert len(roster) == 33 + len(new_people)
    assert {"sadr_ibrahim", "zakir_abdul_qayyum"} <= set(roster["person_id"])
    assert roster.attrs["as_of"] == "2021-09-21"
    # a date object and a Timestamp mean the same
    assert len(cabinet.load_roster(as_of=dt.date(2021, 9, 21))) == len(roster)


def test_a_person_appointed_twice_keeps_one_identity():
    later = cabinet.io.load_later_appointments()
    first = set(cabinet.io.load_appointees()["person_id"])
    twice = sorted(set(later["person_id"]) & first)
    assert twice, "the data should hold at least one person appointed again"
    roster = cabinet.load_roster(as_of="2021-12-31")
    assert roster["person_id"].is_unique
    row = roster.set_index("person_id").loc[twice[0]]
    assert row["appointments"] == 2
    assert row["in_original_33"]
    assert row["first_announced"] == pd.Timestamp("2021-09-07")


@pytest.mark.parametrize("bad", ["2021-09-06", "2021-13-01", "yesterday", "2021-02-30"])
def test_roster_refuses_impossible_or_early_dates(bad):
    with pytest.raises(ValueError, match="2021-09-07|YYYY-MM-DD"):
        cabinet.load_roster(as_of=bad)


def test_announcement_dates_start_with_the_press_conference():
    dates = cabinet.io.announcement_dates()
    assert dates[0] == pd.Timestamp("2021-09-07")
    assert pd.Timestamp("2021-09-21") in dates
    assert dates == sorted(dates)


def test_the_commentary_date_and_the_press_conference_are_both_in_the_data():
    events = cabinet.io.load_events().set_index("event_id")
    dates = set(events["date"].dt.strftime("%Y-%m-%d"))
    assert {"2021-09-05", "2021-09-07"} <= dates


def test_sources_are_unique_and_every_cited_id_exists():
    sources = cabinet.io.load_sources()
    assert sources["source_id"].is_unique and sources["url"].is_unique


def test_each_appointment_event_states_the_number_of_rows_it_dates():
    # events.csv says in words how many later_appointments.csv rows each announcement holds; count them
    events = cabinet.io.load_events()
    later = cabinet.io.load_later_appointments()
    waves = events[events["event_id"].str.startswith("appointments_")]
    assert len(waves) == later["announced"].nunique()
    for _, event in waves.iterrows():
        stated = int(re.search(r"\((\d+) in later_appointments\.csv\)", event["description"]).group(1))
        assert stated == (later["announced"] == event["date"]).sum(), event["event_id"]
