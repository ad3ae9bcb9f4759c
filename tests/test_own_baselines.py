"""Built-in Afghan baselines on a roster of one's own only when asked (issue 27).

council_of_sughd.csv is a council of another country (the regions of Sughd, Khatlon and Badakhshan) whose
ethnic labels happen to be values of the Afghan codebook (Tajik, Uzbek, Baloch, Turkmen, Arab): it must not
be tested against Afghanistan's ethnic estimates unless it names one.
"""

import io
import warnings
from pathlib import Path

import pandas as pd
import pytest

import cabinet
from cabinet.baselines import BaselineNote, baseline_names
from cabinet.cli import main

FIX = Path(__file__).resolve().parent / "fixtures" / "own_baselines"
SUGHD = FIX / "council_of_sughd.csv"
ESTIMATE = baseline_names("ethnicity")[0]  # the first published estimate of the codebook


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    return main([str(a) for a in argv], out=out, err=err), out.getvalue(), err.getvalue()


def test_a_roster_of_ones_own_with_afghan_labels_gets_counts_only_and_one_line_naming_the_baseline():
    with pytest.warns(BaselineNote) as caught:
        t = cabinet.representation(SUGHD, "ethnicity")
    assert len(caught) == 1
    note = str(caught[0].message)
    assert "\n" not in note and note == t.attrs["baseline_note"]
    assert "counts only, no test" in note and "look Afghan" in note and f"baseline={ESTIMATE!r}" in note
    assert t["baseline_share"].isna().all() and t["p_le_count"].isna().all()
    # its own groups only: no row of the codebook's other groups (Pashtun, Hazara...) with 0
    counts = t.set_index("group")["count"].to_dict()
    assert counts == {"Tajik": 2, "Uzbek": 2, "Baloch": 1, "Turkmen": 1, "Arab": 1, "unknown": 1}


def test_a_named_afghan_baseline_is_applied_when_asked():
    with warnings.catch_warnings():
        warnings.simplefilter("error", BaselineNote)  # asked: no note
        t = cabinet.representation(SUGHD, "ethnicity", baseline=ESTIMATE)
    tajik = t.set_index("group").loc["Tajik"]
    est = cabinet.io.load_ethnic_estimates()
    row = est[(est["estimate_id"] == ESTIMATE) & (est["group"] == "Tajik")].iloc[0]
    assert tajik["baseline_share"] == pytest.approx((row["share_low"] + row["share_high"]) / 200)  # percent
    assert "baseline_note" not in t.attrs


def test_foreign_labels_get_the_note_without_the_afghan_line():
    with pytest.warns(BaselineNote, match="counts only, no test") as caught:
        t = cabinet.representation(SUGHD, "province")
    assert "Afghan" not in str(caught[0].message)
    assert set(t["group"]) == {"Sughd", "Khatlon", "Badakhshan", "unknown"}


def test_a_frame_made_by_hand_with_afghan_provinces_is_a_roster_of_ones_own():
    frame = pd.read_csv(FIX / "afghan_provinces_by_hand.csv")
    with pytest.warns(BaselineNote, match="baseline='nsia_1398'"):
        t = cabinet.representation(frame, "province")
    assert t["baseline_share"].isna().all()
    with warnings.catch_warnings():
        warnings.simplefilter("error", BaselineNote)
        t = cabinet.representation(frame, "province", baseline="nsia_1398")
    assert t.set_index("group").at["Kabul", "baseline_share"] > 0


def test_the_bundled_roster_keeps_its_default_baselines():
    with warnings.catch_warnings():
        warnings.simplefilter("error", BaselineNote)
        t = cabinet.representation(cabinet.load_roster(), "ethnicity")
        r = cabinet.representation(cabinet.load_roster()[lambda d: d["position_class"] != "x"], "region")
    assert t["baseline_share"].notna().any() and r["baseline_share"].notna().any()


def test_the_named_gaps_ask_for_the_population_on_a_roster_of_ones_own():
    frame = pd.read_csv(FIX / "afghan_provinces_by_hand.csv")
    with pytest.raises(ValueError, match="give baseline='nsia_1398'"):
        cabinet.west_southwest_gap(frame)
    with pytest.raises(ValueError, match="give baseline='nsia_1398'"):
        cabinet.hazarajat_gap(frame)
    with pytest.raises(ValueError, match="give baseline='nsia_1398'"):
        cabinet.gap_estimates(frame, assumptions=("bounds",))
    with pytest.raises(ValueError, match="give baseline='population'"):
        cabinet.helmandi_networks_gap(frame.assign(network="unknown"))
    t = cabinet.west_southwest_gap(frame, baseline="nsia_1398")
    assert t["baseline_share"].notna().all() or t["status"].isin(["unknown", "disputed"]).any()


def test_disproportionality_needs_a_baseline_on_a_roster_of_ones_own():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", BaselineNote)
        with pytest.raises(ValueError, match="no baseline"):
            cabinet.disproportionality(SUGHD, "ethnicity")
    t = cabinet.disproportionality(SUGHD, "ethnicity", baseline={"Tajik": .4, "Uzbek": .3, "Baloch": .1,
                                                                 "Turkmen": .1, "Arab": .1}, n_draws=200)
    assert len(t)


def test_the_command_line_says_so_in_one_line():
    code, out, err = run("gaps", "--roster", SUGHD, "--by", "ethnicity", "--format", "csv")
    assert code == 0, err
    lines = [line for line in err.splitlines() if "counts only" in line]
    assert len(lines) == 1 and f"--baseline {ESTIMATE!r}" in lines[0]
    assert "0.42" not in out  # no Afghan share in the table
    code, out, err = run("gaps", "--roster", SUGHD, "--by", "ethnicity", "--baseline", ESTIMATE, "--format", "csv")
    assert code == 0 and "counts only" not in err
