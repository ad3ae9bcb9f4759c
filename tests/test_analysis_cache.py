"""Work done once per state of the files: the facts grouped once, the pool and its baselines cached.

The values asserted are worked out by hand from the toy facts below or from data/ (see the comments).
"""

import pandas as pd
import pytest

import cabinet

from conftest import edit_cell


def _long(rows):
    cols = ["appointment_id", "field", "kind", "value", "source_id", "inferred"]
    return pd.DataFrame(rows, columns=cols)


#: Toy facts: a1 born in Helmand, "from" Kandahar (s2) or Helmand (s3); networks A (s1, s3) and B (s2);
#: ethnicity Pashtun (inferred); a UN reference with no un_listed fact; two sources for the appointment.
#: a2 only a Tajik ethnicity; a3 no facts at all.
TOY = _long([
    ("a1", "province", "birth", "Helmand", "s1", False),
    ("a1", "province", "from", "Kandahar", "s2", False),
    ("a1", "network", "member", "A", "s1", False),
    ("a2", "ethnicity", "stated", "Tajik", "s7", False),
    ("a1", "", "", "", "s5", False),
    ("a1", "province", "from", "Helmand", "s3", False),
    ("a1", "network", "member", "B", "s2", False),
    ("a1", "network", "member", "A", "s3", False),
    ("a1", "ethnicity", "stated", "Pashtun", "s4", True),
    ("a1", "un_ref", "stated", "TAi.001", "s6", False),
    ("a1", "", "", "", "s1", False),
])


def _wide(home):
    from cabinet.io.facts import wide_from_facts as _wide_from_facts

    ident = pd.DataFrame({"appointment_id": ["a1", "a2", "a3"], "person_id": ["p1", "p2", "p3"],
                          "inferred_fields": ["", "", ""]})
    return _wide_from_facts(ident, TOY, home).set_index("appointment_id")


def test_wide_from_facts_by_hand():
    w = _wide("any")
    a1 = w.loc["a1"]
    assert (a1["birth_province"], a1["birth_province_sources"]) == ("Helmand", "s1")
    # two sources contradict each other about "from": a dispute, each alternative with its own sources
    assert (a1["stated_province"], a1["stated_province_sources"]) == ("Kandahar|Helmand", "s2|s3")
    assert a1["origin_province"] == "unknown" and a1["origin_province_sources"] == ""
    # home "any": birth x stated = (Helmand, Kandahar) from s1, s2 and (Helmand, Helmand) = Helmand from s1, s3
    assert (a1["province"], a1["province_sources"]) == ("Helmand+Kandahar|Helmand", "s1;s2|s1;s3")
    # plural networks in order of first mention; sources value by value: A's (s1, s3), then B's (s2)
    assert (a1["network"], a1["network_sources"]) == ("A+B", "s1;s3;s2")
    assert (a1["ethnicity"], a1["ethnicity_sources"]) == ("Pashtun", "s4")
    assert a1["tribe"] == "unknown"  # a Pashtun with no tribe named stays unknown
    # no un_listed fact: the UN reference's source stands for un_sources
    assert (a1["un_ref"], a1["un_listed"], a1["un_sources"]) == ("TAi.001", "unknown", "s6")
    assert a1["source_ids"] == "s5;s1"
    assert a1["inferred_fields"] == "ethnicity"
    a2 = w.loc["a2"]
    assert (a2["ethnicity"], a2["tribe"], a2["province"], a2["source_ids"]) == ("Tajik", "not_applicable", "unknown", "")
    a3 = w.loc["a3"]
    assert (a3["ethnicity"], a3["tribe"], a3["network"], a3["un_ref"]) == ("unknown", "unknown", "unknown", "")


def test_wide_from_facts_home_senses_by_hand():
    assert _wide("birth").loc["a1", "province"] == "Helmand"
    assert _wide("stated").loc["a1", ["province", "province_sources"]].tolist() == ["Kandahar|Helmand", "s2|s3"]
    assert _wide("origin").loc["a1", "province"] == "unknown"


def test_pool_is_read_again_when_its_file_changes(data_copy):
    from cabinet.rosters.movement import load_movement_pool

    path = data_copy / "movement_pool.csv"
    before = load_movement_pool(path)
    # line 2 of movement_pool.csv is P001, mawlawi_abid_nimroz, named "Abid Mawlawi"
    assert before.loc[before.person_id == "mawlawi_abid_nimroz", "name"].item() == "Abid Mawlawi"
    edit_cell(path, 2, "name", "Abid Mawlawi (edited)")
    after = load_movement_pool(path)
    assert after.loc[after.person_id == "mawlawi_abid_nimroz", "name"].item() == "Abid Mawlawi (edited)"


def test_cached_pool_and_baseline_are_handed_out_as_copies():
    from cabinet.rosters.movement import load_movement_pool
    from cabinet.movement_baselines import movement_baseline

    pool = load_movement_pool()
    pool.loc[:, "name"] = "x"
    for row in pool.attrs["left_out"]:
        row["person_id"] = "x"
    again = load_movement_pool()
    assert len(again) == 29 and "x" not in set(again["name"])
    assert "x" not in {r["person_id"] for r in again.attrs["left_out"]}
    b = movement_baseline("region")
    b.low[:] = 0.0
    b.share["Southwest"] = 1.0
    fresh = movement_baseline("region")
    # 2 of the 29 pool members surely from the Southwest; 12 more with an unknown or disputed home could be
    assert fresh.low["Southwest"] == pytest.approx(2 / 29)
    assert fresh.high["Southwest"] == pytest.approx((2 + 12) / 29)
    assert fresh.share["Southwest"] != 1.0


def test_extended_hazarajat_reads_districts_only_where_they_decide():
    from cabinet.representation import representation

    roster = pd.DataFrame({
        "name": list("abcdefgh"),
        "province": ["Ghazni", "Ghazni", "Kandahar", "Bamyan", "unknown", "Ghazni|Kandahar", "Kandahar", "Ghazni"],
        # Jaghori is a listed Hazara-majority district of Ghazni (data/hazarajat_districts.csv), Andar is not;
        # a district named Jaghori in Kandahar decides nothing (Kandahar has no listed district)
        "district": ["Jaghori", "Andar", "Jaghori", "unknown", "Jaghori", "Jaghori", "Arghandab", "unknown"],
        "position_class": ["minister"] * 8,
    })
    t = representation(roster, "hazarajat", hazarajat="extended").set_index("group")
    # sure inside: a (Ghazni, Jaghori) and d (Bamyan, core); sure outside: b, c and g;
    # f is Ghazni (Jaghori: inside) or Kandahar (outside): disputed; h (Ghazni, district unknown): disputed;
    # e: province unknown
    assert t.at["Hazarajat", "count"] == 2 and t.at["Hazarajat", "count_max"] == 2 + 2 + 1
    assert t.at["outside Hazarajat", "count"] == 3 and t.at["outside Hazarajat", "count_max"] == 3 + 2 + 1
    assert t.at["disputed", "count"] == 2 and t.at["unknown", "count"] == 1
    assert t.at["Hazarajat", "members"] == "a; d"


def test_cached_region_map_is_handed_out_as_a_copy():
    from cabinet.regions import region_map

    m = region_map("commentary")
    m["Helmand"] = "North"
    # Helmand was in ISAF's Regional Command Southwest (data/provinces.csv, isaf_command RC-Southwest)
    assert region_map("commentary")["Helmand"] == "Southwest"
    assert region_map("isaf")["Helmand"] == "RC-Southwest"


def test_cached_geographic_baseline_is_handed_out_as_a_copy():
    from cabinet.baselines import geographic_baseline

    b = geographic_baseline("region", scheme="commentary")
    b.share[:] = 0.0
    b.high["Southwest"] = 1.0
    fresh = geographic_baseline("region", scheme="commentary")
    # Helmand 1,420,682 + Nimroz 180,200 of 30,725,560 (NSIA 1398, data/provinces.csv) = 0.0521
    assert round(float(fresh.share["Southwest"]), 4) == round((1420682 + 180200) / 30725560, 4) == 0.0521
    assert fresh.high["Southwest"] == fresh.share["Southwest"]


def test_loaded_tables_are_handed_out_so_a_change_never_reaches_the_cache():
    """Loaders hand out cached tables (shallow under copy-on-write): a caller's change stays with the caller."""
    a = cabinet.io.load_appointees()
    first_name, first_ethnicity = a.loc[0, "name"], a.loc[0, "ethnicity"]
    a.loc[0, "name"] = "changed"                 # a cell written in place
    a["ethnicity"] = "changed"                   # a column replaced
    a.iloc[1:3, a.columns.get_loc("province")] = "changed"  # cells written in place by position
    b = cabinet.io.load_appointees()
    assert (b.loc[0, "name"], b.loc[0, "ethnicity"]) == (first_name, first_ethnicity)
    assert "changed" not in set(b["province"]) and "changed" not in set(b["ethnicity"])
    p = cabinet.io.load_provinces()
    total = int(p["population_nsia_1398"].sum())  # 30,725,560: the NSIA 1398 table's sum
    p.loc[0, "population_nsia_1398"] = 0
    assert int(cabinet.io.load_provinces()["population_nsia_1398"].sum()) == total == 30725560
