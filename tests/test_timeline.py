"""gaps_over_time counts the four gaps from one factorisation of the appointments: checked by hand on the
bundled data, and against the full gap functions run on the roster of every change date."""

import pandas as pd
import pytest

from cabinet.timeline import GAPS, gaps_over_time


def _at(t, date):
    rows = t[t["as_of"] == pd.Timestamp(date)].set_index("gap")
    return {g: (rows.at[g, "count"], rows.at[g, "count_max"]) for g in GAPS}, int(rows["n"].iloc[0])


def test_the_33_by_hand():
    values, n = _at(gaps_over_time(["2021-09-07"]), "2021-09-07")
    assert n == 33
    # Home counted by birth, as every table counts it (tests/test_counting.py has the 33's birthplaces by hand).
    # West+Southwest (Herat, Farah, Badghis, Ghor; Helmand, Nimroz): nobody surely; possibly Muttaqi
    # (born in Helmand or Paktia), Hamidullah Akhundzada (Helmand or Kandahar) and the 9 of unknown birthplace
    assert values["West+Southwest"] == (0.0, 11.0)
    # Core Hazarajat (Bamyan, Daykundi): only the 9 of unknown birthplace may be
    assert values["Core Hazarajat"] == (0.0, 9.0)
    # Helmandi networks: no network tag is Helmandi; an unknown network is open where home may be Helmand:
    # Hamidullah Akhundzada and five of unknown province (Jawad Tajmir is haqqani): 6
    assert values["Helmandi networks"] == (0.0, 6.0)
    # Pashtun: 19 surely, Muttaqi (Pashtun|Tajik) possibly, 10 unknown: at most 30, at least 19;
    # so non-Pashtun at least 33 - 30 = 3 (Hanafi, Hanafi Khalid, Fitrat) and at most 33 - 19 = 14
    assert values["Non-Pashtun"] == (3.0, 14.0)


def test_a_death_by_hand():
    t = gaps_over_time(["2024-09-18", "2024-12-11"])
    before, n_before = _at(t, "2024-09-18")
    after, n_after = _at(t, "2024-12-11")
    # on 2024-12-11 Khalil Haqqani (S13: Paktia, Pashtun, haqqani) died, and nobody was appointed:
    # one fewer in the government; he was surely outside every group and surely Pashtun, so every
    # count and bound of the four gaps stays as it was (non-Pashtun bounds are n less the Pashtun ones)
    assert n_after == n_before - 1
    assert after == before


def test_every_change_date_as_the_gap_functions_count_it():
    from cabinet import change_dates, load_roster, representation
    from cabinet.gaps import HELMANDI_NETWORKS, hazarajat_gap, helmandi_networks_gap, west_southwest_gap

    t = gaps_over_time()
    dates = change_dates()
    assert list(dict.fromkeys(t["as_of"])) == dates
    both = "+".join(HELMANDI_NETWORKS)
    for d in dates:
        roster = load_roster(as_of=d)
        wsw = west_southwest_gap(roster, separate=False).set_index("group")
        haz = hazarajat_gap(roster, definition="core").set_index("group")
        helm = helmandi_networks_gap(roster).set_index("group")
        eth = representation(roster, "ethnicity", baseline="cia_wfb_2010").set_index("group")
        n = len(roster)
        expected = {
            "West+Southwest": (wsw.at["West+Southwest", "count"], wsw.at["West+Southwest", "count_max"]),
            "Core Hazarajat": (haz.at["Hazarajat", "count"], haz.at["Hazarajat", "count_max"]),
            "Helmandi networks": (helm.at[both, "count"], helm.at[both, "count_max"]),
            "Non-Pashtun": (n - eth.at["Pashtun", "count_max"], n - eth.at["Pashtun", "count"]),
        }
        values, n_t = _at(t, d)
        assert n_t == n, d
        assert values == {g: (float(c), float(m)) for g, (c, m) in expected.items()}, d


def test_a_date_before_the_announcement_is_refused():
    with pytest.raises(ValueError, match="2021-09-07"):
        gaps_over_time(["2021-09-01"])
