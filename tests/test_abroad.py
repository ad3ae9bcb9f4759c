"""A home abroad (issue 29, item 1): a birthplace outside Afghanistan in the data, the wide form, the counts,
the claims C3 and C6, the charts and the validator; checked on hand-made rosters against hand counts and
against every resolution of a dispute."""

import csv
import pandas as pd
import pytest

import cabinet
from cabinet.errors import DataError
from conftest import edit_cell, write_wide

#: The appointee made to be born abroad in the hand-made rosters: Hasan Akhund (S01), born in Kandahar.
WHO = "S01"
SRC = "un-1988-list-2015-xml"


def _home(frame, i, value, sources):
    """Set one row's home to ``value`` in every sense (birth only; origin and 'from' unknown)."""
    for col in ("birth_province", "province"):
        frame.at[i, col] = value
        frame.at[i, f"{col}_sources"] = sources
    for col in ("origin_province", "stated_province"):
        frame.at[i, col] = "unknown"
        frame.at[i, f"{col}_sources"] = ""
    for col in ("birth_district", "origin_district", "stated_district", "district"):
        frame.at[i, col] = "unknown"
        frame.at[i, f"{col}_sources"] = ""
    return frame


def _roster(tmp_path, value, sources=SRC, name="roster.csv"):
    """The 33 as a user's wide roster (with the kind columns), S01's home set to ``value``, read back."""
    frame = cabinet.io.load_appointees().copy()
    i = frame.index[frame["appointment_id"] == WHO][0]
    path = write_wide(_home(frame, i, value, sources), tmp_path / name, kinds=True)
    return cabinet.load_roster(path)


def _rows(table):
    return table[table["status"] != "residual"].set_index("group")


# ---- the bundled data ----------------------------------------------------------------------------------------

def test_bundled_births_abroad():
    taliban = cabinet.load_roster()
    s05 = taliban.set_index("person_id").loc["haqqani_sirajuddin"]
    assert set(s05["birth_province"].split("|")) == {"Paktia", "Paktika", "Khost", "abroad"}
    republic = cabinet.load_roster("republic-2021").set_index("appointment_id")
    assert republic.at["R17", "birth_province"] == "abroad"
    facts = pd.read_csv(cabinet.io.datapackage.data_dir() / "appointee_facts.csv", dtype=str, keep_default_na=False)
    abroad = facts[facts["country"].ne("")]
    assert set(abroad["appointment_id"]) == {"S05"} and set(abroad["country"]) == {"Pakistan"}
    assert abroad["province"].eq("").all() and abroad["district"].eq("").all()
    # no UN row reads the Pakistani place as an Afghan district any more
    assert not facts["district"].str.contains("Waziristan").any()
    un = abroad[abroad["source_id"].str.startswith("un-")]
    assert len(un) == 3 and set(un["place"]) == {"Danda, Miramshah, North Waziristan"}


def test_bundled_region_table_adds_up_and_shows_abroad_as_a_dispute():
    t = _rows(cabinet.representation(cabinet.load_roster(), "region"))
    n = int(t["n"].iloc[0])
    assert t["count"].sum() == n == 33
    # Haqqani is disputed between the East (Paktia, Paktika, Khost) and abroad: possibly abroad, not known
    assert t.at["abroad", "count"] == 0 and t.at["abroad", "count_max"] == t.at["unknown", "count"] + 1
    assert "Sirajuddin Haqqani" in t.at["disputed", "members"]
    assert pd.isna(t.at["abroad", "baseline_share"]) and pd.isna(t.at["abroad", "p_le_count"])


# ---- a hand-made roster with a man born abroad ---------------------------------------------------------------

def test_a_man_born_abroad_is_in_no_afghan_region_and_the_table_adds_up(tmp_path):
    roster = _roster(tmp_path, "abroad")
    kabul = _roster(tmp_path, "Kabul", name="kabul.csv")
    assert roster.set_index("appointment_id").at[WHO, "province"] == "abroad"
    t, k = _rows(cabinet.representation(roster, "region")), _rows(cabinet.representation(kabul, "region"))
    assert t["count"].sum() == len(roster) == 33
    assert t.at["abroad", "count"] == 1 and "Hasan" in t.at["abroad", "members"]
    for g in ("East", "North", "South", "Southwest", "West"):  # in no Afghan region: the same as his moving away
        assert t.at[g, "count"] == k.at[g, "count"] and t.at[g, "count_max"] == k.at[g, "count_max"]
        assert "Hasan" not in t.at[g, "members"]
    assert t.at["Capital", "count"] == k.at["Capital", "count"] - 1
    assert k.at["abroad", "count"] == 0  # Haqqani stays possibly abroad (a dispute), nobody known
    # the province table: its own row, untested
    p = _rows(cabinet.representation(roster, "province"))
    assert p.at["abroad", "count"] == 1 and pd.isna(p.at["abroad", "p_le_count"])
    assert p["count"].sum() == 33
    # not in the Hazarajat, in either definition
    for definition in ("core", "extended"):
        h = _rows(cabinet.representation(roster, "hazarajat", hazarajat=definition))
        hk = _rows(cabinet.representation(kabul, "hazarajat", hazarajat=definition))
        assert h.at["Hazarajat", "count_max"] == hk.at["Hazarajat", "count_max"]
        assert h.at["outside Hazarajat", "count"] == hk.at["outside Hazarajat", "count"]
        assert "Hasan" in h.at["outside Hazarajat", "members"]


def test_claims_c3_and_c6_treat_abroad_as_outside_the_west_southwest_and_the_hazarajat(tmp_path):
    abroad = cabinet.claims(_roster(tmp_path, "abroad")).set_index("id")
    kabul = cabinet.claims(_roster(tmp_path, "Kabul", name="kabul.csv")).set_index("id")
    unknown = cabinet.claims(_roster(tmp_path, "unknown", "", name="unknown.csv")).set_index("id")
    for cid in ("C3", "C6"):
        # known to be outside: the bounds of a man known to be in Kabul, one fewer at the top than unknown
        assert (abroad.at[cid, "count"], abroad.at[cid, "count_max"]) == (kabul.at[cid, "count"],
                                                                          kabul.at[cid, "count_max"])
        assert abroad.at[cid, "count_max"] == unknown.at[cid, "count_max"] - 1
        assert "Hasan" not in str(abroad.at[cid, "unknown"])
    # C6 does not ask the 'abroad' row for an appointee: it is no region
    assert "abroad" not in abroad.at["C6", "deciding"]


def test_a_dispute_paktia_or_abroad_gives_the_bounds_of_its_resolutions(tmp_path):
    disputed = _roster(tmp_path, "Paktia|abroad", f"{SRC}|{SRC}")
    resolved = [_roster(tmp_path, v, name=f"{v}.csv") for v in ("Paktia", "abroad")]
    for by, kwargs in (("region", {}), ("hazarajat", {"hazarajat": "core"}), ("province", {})):
        t = _rows(cabinet.representation(disputed, by, **kwargs))
        ends = [_rows(cabinet.representation(r, by, **kwargs)) for r in resolved]
        groups = [g for g in t.index if g not in ("disputed", "unknown")]
        for g in groups:
            counts = [e.at[g, "count"] if g in e.index else 0 for e in ends]
            highs = [e.at[g, "count_max"] if g in e.index else e.at["unknown", "count"] for e in ends]
            assert t.at[g, "count"] == min(counts), (by, g)
            assert t.at[g, "count_max"] == max(highs), (by, g)
        assert t["count"].sum() == 33
    assert "abroad" in _rows(cabinet.representation(disputed, "region")).index
    # C3: the west/southwest bounds are those of the resolutions (neither alternative is in the west)
    c3 = [cabinet.claims(r).set_index("id").loc["C3"] for r in [disputed, *resolved]]
    assert c3[0]["count"] == min(c["count"] for c in c3[1:])
    assert c3[0]["count_max"] == max(c["count_max"] for c in c3[1:])


def test_charts_draw_and_say_abroad(tmp_path):
    import matplotlib.pyplot as plt

    roster = _roster(tmp_path, "abroad")
    plt.figure()
    ax = cabinet.plots.plot_region_gap(cabinet.representation(roster, "region"))
    assert "abroad" in [t.get_text() for t in ax.get_yticklabels()]
    plt.figure()
    ax = cabinet.plots.plot_province_map(cabinet.representation(roster, "province"))
    box = "\n".join(t.get_text() for t in ax.texts)
    assert "1 abroad" in box and "Afghanistan" in box
    disputed = _roster(tmp_path, "Paktia|abroad", f"{SRC}|{SRC}", name="d.csv")
    plt.figure()
    ax = cabinet.plots.plot_province_map(cabinet.representation(disputed, "province"))
    assert "or abroad" in "\n".join(t.get_text() for t in ax.texts)


# ---- the validator -------------------------------------------------------------------------------------------

def _facts_line(path, appointment_id, **match):
    with open(path, encoding="utf-8", newline="") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            if row["appointment_id"] == appointment_id and all(row[k] == v for k, v in match.items()):
                return line
    raise LookupError(appointment_id)


@pytest.mark.parametrize("column,value,expect", [
    ("province", "Paktia", "Afghan province"),
    ("district", "Miramshah", "Afghan district"),
])
def test_a_place_abroad_with_an_afghan_province_is_refused(data_copy, column, value, expect):
    path = data_copy / "appointee_facts.csv"
    line = _facts_line(path, "S05", country="Pakistan", source_id="un-consolidated-20240926-xml")
    edit_cell(path, line, column, value)
    with pytest.raises(DataError) as info:
        cabinet.validate([path], table="appointee_facts")
    [p] = [p for p in info.value.problems if p.column == column]
    assert (p.line, p.value) == (line, value) and expect in p.message and "Pakistan" in p.message
    assert "empty" in p.allowed and "appointee_facts.csv" in p.file


def test_a_place_without_a_country_and_an_unlisted_country_are_refused(data_copy):
    path = data_copy / "appointee_facts.csv"
    line = _facts_line(path, "S05", country="Pakistan", source_id="un-consolidated-20240926-xml")
    edit_cell(path, line, "country", "")
    with pytest.raises(DataError) as info:
        cabinet.validate([path], table="appointee_facts")
    [p] = info.value.problems
    assert (p.line, p.column) == (line, "place") and "needs its country" in p.message
    edit_cell(path, line, "country", "Pakistn")
    with pytest.raises(DataError) as info:
        cabinet.validate([path], table="appointee_facts")
    [p] = info.value.problems
    assert (p.line, p.column, p.value) == (line, "country", "Pakistn") and "Pakistan" in str(p.allowed)


def test_the_wide_form_takes_abroad_in_a_dispute_and_refuses_other_words(tmp_path):
    frame = cabinet.io.load_appointees().copy()
    i = frame.index[frame["appointment_id"] == WHO][0]
    path = write_wide(_home(frame, i, "Paktia|abroad", f"{SRC}|{SRC}"), tmp_path / "ok.csv", kinds=True)
    cabinet.validate([path])
    path = write_wide(_home(frame, i, "Pakistan", SRC), tmp_path / "bad.csv", kinds=True)
    with pytest.raises(DataError) as info:
        cabinet.validate([path])
    assert any(p.value == "Pakistan" and "abroad" in str(p.allowed) for p in info.value.problems)
