"""The Republic's last cabinet in the data package, named rosters, and the refusal of Taliban-specific measures."""

import csv
import io
from pathlib import Path

import pandas as pd
import pytest

import cabinet
from cabinet.cli import main

DATA = Path(__file__).resolve().parents[2] / "data"


def _rows(name):
    with open(DATA / name, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_roster_has_the_32_posts_with_a_source_each():
    roster = cabinet.load_roster("republic-2021")
    assert len(roster) == 32 and list(roster["appointment_id"]) == [f"R{i:02d}" for i in range(1, 33)]
    facts = _rows("republic_facts.csv")
    value_cols = ("province", "district", "ethnicity", "tribe", "party")
    cited = {r["appointment_id"] for r in facts if not any(r[c] for c in value_cols)}
    assert cited == set(roster["appointment_id"])
    assert roster.attrs["roster"] == "republic-2021"
    assert set(roster["network"]) == {"not_applicable"}


def test_every_fact_cites_a_classified_source_and_states_a_kind_of_home():
    sources = {r["source_id"]: r for r in _rows("sources.csv")}
    for i, r in enumerate(_rows("republic_facts.csv"), start=2):
        assert r["source_id"] in sources and sources[r["source_id"]]["class"], i
        if r["province"] or r["district"]:
            assert r["kind"] in ("birth", "origin", "from"), i
        assert r["inferred"] in ("yes", "no"), i


def test_ethnicity_by_hand():
    # from data/republic_facts.csv: Pashtun R01 R06 R07 R10 R18 R19 R26 R31 (R18: Taipei Times 2002; R26: the
    # Naval Postgraduate School's Paktika overview); Tajik R02 R05, and R13 R16 R22 (Rohi's list of Abdullah's
    # nominees, July 2020); Hazara R03, R11 R17 (Rohi); Uzbek R14 (Rohi);
    # disputed R04 (Pashtun|Tajik: Pashtun father, Tajik mother) and R28 (Other|Hazara); the rest unknown
    roster = cabinet.load_roster("republic-2021").set_index("appointment_id")["ethnicity"]
    assert sorted(roster[roster == "Pashtun"].index) == ["R01", "R06", "R07", "R10", "R18", "R19", "R26", "R31"]
    assert sorted(roster[roster == "Tajik"].index) == ["R02", "R05", "R13", "R16", "R22"]
    assert sorted(roster[roster == "Hazara"].index) == ["R03", "R11", "R17"]
    assert sorted(roster[roster == "Uzbek"].index) == ["R14"]
    assert roster["R04"] == "Pashtun|Tajik" and roster["R28"] == "Other|Hazara"
    assert (roster == "unknown").sum() == 32 - 8 - 5 - 3 - 1 - 2  # = 13


def test_party_leaves_out_memberships_that_ended_before_2021():
    r = cabinet.load_roster("republic-2021").set_index("appointment_id")
    # Atmar: Right and Justice from 2011, PDPA until 1992; Mohammadi: Jamiat, PDPA until 1979, Northern Alliance
    # until 2001
    assert r.loc["R07", "party"] == "right_and_justice"
    assert r.loc["R05", "party"] == "jamiat"
    assert "party" in r.loc["R14", "inferred_fields"].split(";")  # Junbish read from a name match


def test_exclude_weak_drops_values_resting_only_on_low_sources():
    weak = cabinet.load_roster("republic-2021", exclude_weak=True).set_index("appointment_id")
    full = cabinet.load_roster("republic-2021").set_index("appointment_id")
    # Saleh's Tajik ethnicity rests on Afghan-Web (class low) only; Abdullah's Jamiat membership rests on
    # the BBC, Ariana News and Radio Azadi (news), so it stays
    assert full.loc["R02", "ethnicity"] == "Tajik" and weak.loc["R02", "ethnicity"] == "unknown"
    assert "jamiat" in full.loc["R04", "party"] and "jamiat" in weak.loc["R04", "party"]
    # Ghani's tribe rests on Munzinger (reference) as well as a low aggregator: kept
    assert weak.loc["R01", "tribe"] == "Ahmadzai"
    # the loaders judge a value weak per field and value, not per kind of home: Panjshir as Abdullah's
    # birthplace rests on a low site, but Panjshir as his family's origin on TOLOnews, so it stays
    assert weak.loc["R04", "birth_province"] == "Kabul|Panjshir"


def test_home_birth():
    r = cabinet.load_roster("republic-2021", home="birth").set_index("appointment_id")
    # Hamidi: born in Kandahar (English Wikipedia; her own account on Kabul Falling), besides 'from' and origin
    assert r.loc["R10", "province"] == "Kandahar"
    assert r.loc["R26", "province"] == "unknown"  # Samim: only 'from' Ghazni (the ISAF release)
    assert r.loc["R03", "province"] == "Daykundi"
    with pytest.raises(ValueError, match="home must be one of"):
        cabinet.load_roster("republic-2021", home="born")


def test_bad_fact_is_reported_with_file_line_column(tmp_path):
    import shutil

    for f in ("republic_appointees.csv", "republic_facts.csv", "sources.csv", "provinces.csv", "tribes.csv",
              "province_sources.csv", "tribe_sources.csv"):
        shutil.copy(DATA / f, tmp_path / f)
    text = (tmp_path / "republic_facts.csv").read_text(encoding="utf-8")
    (tmp_path / "republic_facts.csv").write_text(text.replace(",independent,", ",independant,", 1), encoding="utf-8")
    with pytest.raises(cabinet.DataError) as err:
        cabinet.rosters.republic.load_republic_roster(tmp_path / "republic_appointees.csv")
    msg = str(err.value)
    assert "republic_facts.csv" in msg and "party" in msg and "independant" in msg


def test_named_rosters():
    assert cabinet.rosters.roster_names() == ("taliban-2021", "republic-2021", "taliban-latest")
    assert len(cabinet.load_roster("taliban-2021")) == 33
    latest = max(cabinet.io.announcement_dates())
    assert len(cabinet.load_roster("taliban-latest")) == len(cabinet.load_roster(as_of=latest))
    assert cabinet.load_roster("2021-09-21").attrs["roster"] == "2021-09-21"
    with pytest.raises(ValueError, match=r"allowed: taliban-2021, republic-2021, taliban-latest, or a date"):
        cabinet.load_roster("republic-2020")


def test_taliban_specific_measures_refuse_the_republic():
    r = cabinet.load_roster("republic-2021")
    for f in (cabinet.claims, cabinet.helmandi_networks_gap):
        with pytest.raises(ValueError, match="does not apply to the Republic's cabinet"):
            f(r)
    # regional gaps make sense for any Afghan cabinet
    ws = cabinet.west_southwest_gap(r)
    assert len(ws) > 0


def _cli(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_cli_roster_names():
    code, out, _ = _cli("gaps", "--roster", "republic-2021", "--by", "ethnicity", "--format", "csv")
    assert code == 0
    t = pd.read_csv(io.StringIO(out))
    row = t[(t["group"] == "Pashtun")].iloc[0]
    # Pashtun 8 sure (R01 R06 R07 R10 R18 R19 R26 R31), + R04 disputed + 13 unknown
    assert (row["count"], row["count_max"], row["n"]) == (8, 8 + 1 + 13, 32)
    code, _, err = _cli("claims", "--roster", "republic-2021")
    assert code == 2 and "does not apply to the Republic" in err
    code, _, err = _cli("gaps", "--roster", "republic-2021", "--as-of", "2021-10-01", "--by", "region")
    assert code == 2 and "named --roster" in err


def test_every_analysis_that_applies_works_on_the_republic():
    r = cabinet.load_roster("republic-2021")
    # counts by region: Capital = Kabul (R18 Surobi, R29) ... the bounds add up to the roster
    t = cabinet.representation(r, "region", baseline="nsia_1398")
    assert t.loc[t["status"].isin(["group", "disputed", "unknown"]), "count"].sum() == 32
    assert len(cabinet.estimates(r, "ethnicity")) > 0
    assert len(cabinet.disproportionality(r, by="region", n_draws=200)) > 0
    # the top posts of the Republic: president, two vice presidents, and the heads of defence, interior,
    # foreign affairs, finance and intelligence (R05 R06 R07 R08 R29) = 1 + 2 + 5
    assert cabinet.representation(r, "ethnicity", weights="top")["n"].iloc[0] == 1 + 2 + 5
    with pytest.raises(ValueError, match="does not apply to the Republic"):
        cabinet.gap_estimates(r, gap="helmandi_networks")


def test_cli_charts_and_report_with_roster_names(tmp_path):
    code, out, err = _cli("charts", "--roster", "republic-2021", "--by", "ethnicity", "--out", str(tmp_path))
    assert code == 0, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["disproportionality_ethnicity.png", "gap_ethnicity.png"]
    code, _, err = _cli("report", "--roster", "republic-2021", "--as-of", "2022-01-01", "--out",
                        str(tmp_path / "r.html"))
    assert code == 2 and "named --roster" in err and not (tmp_path / "r.html").exists()
    code, _, err = _cli("charts", "--roster", "taliban-2021", "--by", "region", "--out", str(tmp_path))
    assert code == 2 and "leave out --by" in err


def test_validate_checks_the_republic_tables(tmp_path):
    import shutil

    for f in DATA.glob("*.csv"):
        shutil.copy(f, tmp_path / f.name)
    shutil.copy(DATA / "datapackage.json", tmp_path / "datapackage.json")
    summary = cabinet.validate([tmp_path / "republic_appointees.csv", tmp_path / "republic_facts.csv"])
    assert list(summary["rows"]) == [32, len(_rows("republic_facts.csv"))]
    with open(tmp_path / "republic_facts.csv", "a", encoding="utf-8") as fh:
        fh.write("R99,,,,,,Tajik,,,,,afghanweb-2014-saleh-bio,no,\n")
    with pytest.raises(cabinet.DataError) as err:
        cabinet.validate([tmp_path / "republic_facts.csv"])
    assert "R99" in str(err.value) and "republic_appointees" in str(err.value)
