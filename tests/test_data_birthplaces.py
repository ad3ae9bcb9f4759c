"""The birthplace disputes of the 33 as data/NOTES.md ("Birthplaces of the 33") reads them.

Each test reads the facts and sources straight from the CSV files (csv module, no loader) and checks
the statement the notes make about them; where the notes name a loader result (a derived column,
``exclude_weak``, ``value_support``), the test checks that too.
"""

import csv
from collections import defaultdict

import cabinet
from cabinet.io.datapackage import data_dir


def _rows(name):
    with open(data_dir() / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _birth_sources(aid, field):
    """{value: {source_id: class}} of the birth facts of one appointment and one place field."""
    classes = {r["source_id"]: r["class"] for r in _rows("sources.csv")}
    out = defaultdict(dict)
    for r in _rows("appointee_facts.csv"):
        if r["appointment_id"] == aid and r["kind"] == "birth" and r[field]:
            out[r[field]][r["source_id"]] = classes[r["source_id"]]
    return out


UN_COPIES = {"un-1988-list-2015-xml", "un-consolidated-20200320-xml", "un-consolidated-20240926-xml"}


def test_baradar_kandahar_birth_rests_on_two_uncited_profiles_one_of_them_low():
    prov = _birth_sources("S02", "province")
    assert prov["Kandahar"] == {"novocantu-2021-quem-e-baradar": "low", "ntvtelugu-202108-baradar-new-president": "news"}
    assert {"sanctions", "news", "reference", "low"} == set(prov["Uruzgan"].values())
    assert set(prov) == {"Uruzgan", "Kandahar"}
    # no Kandahar birth row names a district: Deh Rawood is the only birth district
    assert set(_birth_sources("S02", "district")) == {"Deh Rawood"}
    # Kandahar is no longer weak (one news source), so exclude_weak keeps the dispute
    strict = cabinet.io.load_appointees(exclude_weak=True).set_index("appointment_id")
    assert set(strict.loc["S02", "birth_province"].split("|")) == {"Uruzgan", "Kandahar"}


def test_hanafi_three_sources_name_darzab_and_the_emirate_profile_files_it_under_jowzjan():
    dist = _birth_sources("S03", "district")
    assert set(dist["Darzab"]) == {"etalab-2009-arrete-annexe-ii-q-z", "un-1988-list-2015-xml",
                                   "un-consolidated-20200320-xml", "dawahilallah-nd-negotiating-team-2"}
    assert dist["Sheberghan"] == {"datana-2024-wikipedia-abdul-salam-hanafi": "reference"}
    prov = _birth_sources("S03", "province")
    assert "dawahilallah-nd-negotiating-team-2" in prov["Jowzjan"]
    assert "dawahilallah-nd-negotiating-team-2" not in prov["Faryab"]
    assert set(prov["Faryab"]) == UN_COPIES | {"etalab-2009-arrete-annexe-ii-q-z"}
    row = cabinet.io.load_appointees().set_index("appointment_id").loc["S03"]
    assert set(row["birth_province"].split("|")) == {"Faryab", "Jowzjan"}


def test_muttaqi_paktia_birth_rests_on_the_un_entry_alone_which_also_names_helmand():
    prov = _birth_sources("S06", "province")
    assert set(prov["Paktia"]) == UN_COPIES
    assert set(prov["Paktia"].values()) == {"sanctions"}
    assert {"un-1988-list-2015-xml", "un-consolidated-20200320-xml"} <= set(prov["Helmand"])
    assert {"official", "news", "reference", "sanctions", "low"} == set(prov["Helmand"].values())
    assert set(prov["Helmand"]) - UN_COPIES == {
        "mfa-nd-biography-fm", "thehawk-20251008-muttaqi-rise", "oksuvcw-nd-wikipedia-muttaqi",
        "thedailybulletin-20251018-muttaqi", "agahibakhsh-2025-muttaqi", "dawahilallah-nd-negotiating-team-3"}
    strict = cabinet.io.load_appointees(exclude_weak=True).set_index("appointment_id")
    assert strict.loc["S06", "birth_province"] == "Helmand|Paktia"


def test_hamidullah_akhundzada_both_birthplaces_come_from_the_un_entry_only():
    for field in ("province", "district"):
        by_value = _birth_sources("S19", field)
        assert len(by_value) == 2
        assert all(set(sources) <= UN_COPIES for sources in by_value.values())


def test_the_nine_unknown_birthplaces_have_no_birth_fact():
    nine = {"S04", "S11", "S15", "S20", "S25", "S29", "S31", "S32", "S33"}
    born = {r["appointment_id"] for r in _rows("appointee_facts.csv") if r["kind"] == "birth"}
    assert not nine & born
    frame = cabinet.io.load_appointees().set_index("appointment_id")
    assert (frame.loc[sorted(nine), "birth_province"] == "unknown").all()
