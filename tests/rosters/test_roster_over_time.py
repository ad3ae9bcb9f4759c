"""The government as of any date, departures applied, against hand counts from the CSV files.

Every expected number below is counted by hand from data/appointees.csv, data/later_appointments.csv and
data/departures.csv (the ids are written out), not computed by the package.
"""

import pandas as pd
import pytest

import cabinet
from cabinet.timeline import gaps_over_time

#: Men out of the roster on 2025-12-31 (every post they held left), with the departure:
#: Mujahid S30 (D027, resigned), Haji Mohammad Idris S24 (D007), Ibad L004 (D010, dismissed),
#: Faqir L012 (D018), Khalil Haqqani S13 (D019, killed), Stanikzai S27 (D028, dismissed),
#: Abdul Bari Omar L005 (D030, to the power company). Munir S11 left in 2022 (D002) and is back from
#: 2025-09-14 (L080).
GONE_BY_2025 = {"mujahid_zabihullah", "idris_haji_mohammad", "ibad_qalandar", "faqir_mohammad",
                "haqqani_khalil_ur_rahman", "stanikzai_sher_mohammad_abbas", "omar_abdul_bari"}
#: Men first appointed from 2022 on: L079 Farahi, L053 Agha, L054 Nadim, L056 Anwar, L058 Ataullah Omari,
#: L060 Thani, L071 Abdul Qahir Idris, L082 Saeed. The other new rows (L055, L057, L059, L061-L070, L072-L078,
#: L080, L081) are men already in the data.
NEW_PEOPLE = {"farahi_hayatullah_muhajir", "agha_habibullah", "nadim_neda_mohammad", "anwar_noorul_haq",
              "omari_ataullah", "thani_mohammad_esa", "idris_abdul_qahir", "saeed_sakhaullah"}


def _row(roster, pid):
    return roster.set_index("person_id").loc[pid]


@pytest.mark.parametrize("as_of,expected", [
    ("2021-12-31", 84),            # the 2021 roster, before any change of 2022 on
    ("2022-08-21", 84 + 1 - 1),    # Farahi in, Mujahid out (D027)
    ("2022-09-20", 84 + 2 - 2),    # Agha in, Munir out (D002)
    ("2022-10-18", 84 + 3 - 3),    # Nadim in, Abdul Baqi Haqqani out (D003)
    ("2022-11-19", 84 + 4 - 2),    # Anwar in; Abdul Baqi Haqqani back (L055), Rashid moves (L057)
    ("2023-06-01", 84 + 6 - 3),    # + Ataullah Omari, Thani; - Haji Mohammad Idris (D007); Kabir counts once
    ("2024-12-10", 84 + 7 - 5),    # + Abdul Qahir Idris; - Ibad (D010), Faqir (D018)
    ("2024-12-11", 84 + 7 - 6),    # - Khalil Haqqani, killed that day (D019)
    ("2025-05-09", 84 + 7 - 7),    # - Stanikzai (D028)
    ("2025-09-07", 84 + 7 - 8),    # - Abdul Bari Omar (D030)
    ("2025-09-14", 84 + 8 - 7),    # + Saeed; Munir back (L080); Abdul Malik moves (D029)
    ("2025-12-31", 84 + 8 - 7),
    ("2026-02-14", 84 + 8 - 7),    # 2026: two swaps (D023-D026)
])
def test_roster_size_by_hand(as_of, expected):
    assert len(cabinet.load_roster(as_of=as_of)) == expected


def test_who_is_in_and_out_as_of_2025_12_31():
    before = set(cabinet.load_roster(as_of="2021-12-31")["person_id"])
    after = set(cabinet.load_roster(as_of="2025-12-31")["person_id"])
    assert after == (before - GONE_BY_2025) | NEW_PEOPLE
    assert set(cabinet.load_roster(as_of="2025-12-31").attrs["departed"]) == GONE_BY_2025


def test_a_man_killed_is_gone_from_that_day():
    assert "haqqani_khalil_ur_rahman" in set(cabinet.load_roster(as_of="2024-12-10")["person_id"])
    assert "haqqani_khalil_ur_rahman" not in set(cabinet.load_roster(as_of="2024-12-11")["person_id"])


def test_a_man_who_moves_carries_his_current_post():
    # Badri: finance (S07), central bank from 2023-03-21 (L061), mines from 2024-07-06 (L066)
    for as_of, aid in [("2023-03-20", "S07"), ("2023-03-21", "L061"), ("2024-07-05", "L061"), ("2024-07-06", "L066")]:
        assert _row(cabinet.load_roster(as_of=as_of), "badri_hidayatullah")["appointment_id"] == aid, as_of
    badri = _row(cabinet.load_roster(as_of="2025-12-31"), "badri_hidayatullah")
    assert badri["appointments"] == 3 and badri["posts"].count(";") == 2 and badri["in_original_33"]


def test_a_temporary_post_ends_and_the_man_keeps_the_post_he_held():
    # Kabir: political deputy PM (L018, 2021-10-04); caretaker PM 2023-05-16 (L062) to 2023-07-17 (D009);
    # refugees minister from 2025-01-09 (L072), leaving the deputy's post (D020)
    expected = [("2023-05-15", "L018"), ("2023-06-01", "L062"), ("2023-07-17", "L018"), ("2025-01-09", "L072")]
    for as_of, aid in expected:
        assert _row(cabinet.load_roster(as_of=as_of), "kabir_abdul")["appointment_id"] == aid, as_of


def test_the_2021_move_of_esa_akhund_is_unchanged():
    # S17 minister of mines, moved down to deputy minister (L023) on 2021-11-23 (D001): he stays, with the new post
    roster = cabinet.load_roster(as_of="2021-11-23")
    esa = _row(roster, "akhund_mohammad_esa")
    assert esa["appointment_id"] == "L023" and esa["position_class"] == "deputy_minister"


@pytest.mark.parametrize("as_of,pm,dpm", [
    ("2021-12-31", 1, 3),  # Hasan Akhund; Baradar S02, Hanafi S03, Kabir L018
    ("2023-06-01", 2, 2),  # Hasan Akhund (ill, not replaced) and Kabir the caretaker L062; Baradar, Hanafi
    ("2023-08-01", 1, 3),  # the caretaker term ended on 2023-07-17 (D009): Kabir back on L018
    ("2025-12-31", 1, 2),  # Kabir refugees minister from 2025-01-09; no new political deputy named
])
def test_prime_ministers_and_deputies_by_hand(as_of, pm, dpm):
    counts = cabinet.load_roster(as_of=as_of)["position_class"].value_counts()
    assert counts.get("prime_minister", 0) == pm and counts.get("deputy_prime_minister", 0) == dpm


@pytest.mark.parametrize("as_of,expected", [
    ("2024-12-10", {"haqqani_khalil_ur_rahman", "kharoti_arsala", "rashid_abdul_rahman"}),  # S13, L015, L057
    ("2024-12-11", {"kharoti_arsala", "rashid_abdul_rahman"}),
    # Kharoti (L015) is kept at Refugees: his later moves are undated (NOTES), so not rows
    ("2025-12-31", {"kabir_abdul", "kharoti_arsala", "rashid_abdul_rahman"}),  # + L072
])
def test_the_refugees_ministry_by_hand(as_of, expected):
    roster = cabinet.load_roster(as_of=as_of)
    assert set(roster.loc[roster["body"] == "Ministry of Refugees and Repatriation", "person_id"]) == expected


def test_pashtuns_and_unknowns_by_hand_2025():
    before = cabinet.load_roster(as_of="2021-12-31")["ethnicity"].value_counts()
    after = cabinet.load_roster(as_of="2025-12-31")["ethnicity"].value_counts()
    # Pashtun: + Agha (Afghan Biographies); - Ibad, Khalil Haqqani, Stanikzai, Mujahid (all Pashtun in the 2021
    # data); Munir (Pashtun) left and is back
    assert after["Pashtun"] == before["Pashtun"] + 1 - 4
    # unknown: + Farahi, Nadim, Anwar, Ataullah Omari, Thani, Abdul Qahir Idris, Saeed; - Haji Mohammad Idris, Faqir
    assert after["unknown"] == before["unknown"] + 7 - 2
    # Hazara: - Abdul Bari Omar (D030)
    assert after["Hazara"] == before["Hazara"] - 1
    assert after.sum() == 85  # counts add up to the roster size


def test_a_date_after_the_last_change_is_allowed_and_says_so():
    last = cabinet.load_roster(as_of="2026-02-14")
    later = cabinet.load_roster(as_of="2030-01-01")
    assert later.attrs["data_last_date"] == "2026-02-14" and later.attrs["as_of"] == "2030-01-01"
    pd.testing.assert_frame_equal(later, last, check_like=False)


def test_change_dates_hold_departure_only_dates_and_end_at_the_last():
    dates = cabinet.change_dates()
    announced = cabinet.io.announcement_dates()
    assert dates == sorted(dates) and set(announced) <= set(dates)
    # dates on which a post was left and nothing announced: 2023-07-17 (D009), 2024-12-11 (D019),
    # 2025-05-09 (D028) and 2025-09-07 (D030)
    assert set(dates) - set(announced) == {pd.Timestamp(x) for x in ("2023-07-17", "2024-12-11", "2025-05-09",
                                                                     "2025-09-07")}
    assert dates[-1] == pd.Timestamp("2026-02-14")


def test_the_timeline_covers_the_latest_date():
    t = gaps_over_time()
    assert t["as_of"].max() == pd.Timestamp("2026-02-14")
    assert pd.Timestamp("2024-12-11") in set(t["as_of"])
    last = t[t["as_of"] == t["as_of"].max()]
    assert last["n"].eq(85).all()
    killed = t[t["as_of"] == pd.Timestamp("2024-12-11")]
    assert killed["n"].eq(85).all()  # 86 the day before, Khalil Haqqani gone
    over = cabinet.representation_over_time("ethnicity", dates=["2021-12-31", "2025-12-31"], baseline="cia_wfb_2010")
    assert set(over["as_of"]) == {pd.Timestamp("2021-12-31"), pd.Timestamp("2025-12-31")}
    # the residual row sums groups the estimate does not name (a man disputed between two of them is surely in
    # it): it lies outside the partition, which adds up to the roster's size
    partition = over[over["status"] != "residual"]
    assert partition.groupby("as_of")["count"].sum().tolist() == [84, 85]


def test_a_roster_of_ones_own_without_departures_keeps_everybody():
    # the tables of version 0.2.0 have no departures.csv beside them: nobody leaves
    from pathlib import Path

    folder = Path(__file__).resolve().parents[1] / "fixtures" / "v0.2.0"
    roster = cabinet.load_roster(as_of="2021-12-31", path=folder / "appointees.csv",
                                 later_path=folder / "later_appointments.csv")
    assert roster.attrs["departed"] == []


def test_the_gaps_chart_dates_its_axis_by_year_to_the_latest_date():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from cabinet import plots

    t = gaps_over_time()
    fig, ax = plt.subplots(figsize=(8, 5))
    plots.plot_gaps_over_time(t, ax=ax)
    bottom = ax.child_axes[-1]
    labels = [x.get_text() for x in bottom.get_xticklabels()]
    # 32 dates from 2021-09-07 to 2026-02-14: one tick a year, not one per date
    assert labels == ["2022", "2023", "2024", "2025", "2026"]
    # the last step is drawn and the lines stop there: the axis ends at the last change, not months after it
    import matplotlib.dates as mdates
    assert mdates.num2date(bottom.get_xlim()[1]).date() == pd.Timestamp("2026-02-14").date()
    plt.close(fig)
