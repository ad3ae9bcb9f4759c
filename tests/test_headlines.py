"""Headlines that find the story on any roster (issue 27): cabinet.headlines.headline, checked by hand.

Every p-value below is computed here with scipy (binomial tails) and statsmodels (Holm over the family of
both tails of every group, as cabinet.representation documents), not read from the package.
"""

import dataclasses
from pathlib import Path

import pandas as pd
import pytest
from scipy.stats import binom
from statsmodels.stats.multitest import multipletests

import cabinet
from cabinet.headlines import Headline, baseline_name, headline

FIX = Path(__file__).resolve().parent / "fixtures" / "headlines"
IRAQ_BASE = {"Shia": 0.62, "Sunni Arab": 0.18, "Kurd": 0.18, "Other": 0.02}


def holm(counts, n, base, unknown=0):
    """Hand-computed Holm-adjusted tails per group: (le at known, le at max, ge at known, ge at max)."""
    groups = list(base)
    le = [binom.cdf(counts[g], n, base[g]) for g in groups]
    le_max = [binom.cdf(counts[g] + unknown, n, base[g]) for g in groups]
    ge = [binom.sf(counts[g] - 1, n, base[g]) for g in groups]
    ge_max = [binom.sf(counts[g] + unknown - 1, n, base[g]) for g in groups]
    m = len(groups)
    low = multipletests(le + ge_max, method="holm")[1]  # the ends most favourable to a gap, adjusted together
    high = multipletests(le_max + ge, method="holm")[1]  # the ends least favourable
    return {g: (low[i], high[i], high[m + i], low[m + i]) for i, g in enumerate(groups)}


def test_the_iraq_like_case_tells_shia_not_the_empty_other():
    roster = cabinet.load_roster(FIX / "iraq_like_2022.csv")
    t = cabinet.representation(roster, "sect", baseline=str(FIX / "iraq_like_sects.csv"))
    h = headline(t)
    counts = {"Shia": 10, "Sunni Arab": 8, "Kurd": 6, "Other": 0}
    adj = holm(counts, 24, IRAQ_BASE)
    # no adjusted tail reaches 0.05 (Shia's 10 of 24 against 62 %: 0.276 after Holm over 8 tails) ...
    assert min(min(v) for v in adj.values()) > 0.05
    # ... so the largest gap is told: Shia 62 % - 10/24 = 20.3 points; Sunni Arab 8/24 - 18 % = 15.3; Other 2
    assert (h.group, h.direction, h.count, h.count_max, h.n, h.share) == ("Shia", "under", 10, 10, 24, 0.62)
    assert h.p_min == pytest.approx(adj["Shia"][0]) and h.p_max == pytest.approx(adj["Shia"][1])
    assert h.p_max == pytest.approx(0.2762, abs=1e-4)
    assert not h.holds and not h.significant and h.adjust == "holm"
    assert h.sentence == ("Shia: 10 of 24 appointees known (up to 10 possible) against 62.0% of the baseline "
                          "(iraq_like_sects): the largest gap, and no gap is beyond chance")
    assert "Other" not in h.sentence and str(FIX) not in h.sentence and ".csv" not in h.sentence


def test_three_times_the_roster_the_shia_gap_holds_whatever_the_unknowns_are():
    sects = ["Shia"] * 28 + ["Sunni Arab"] * 24 + ["Kurd"] * 18 + ["unknown"] * 2
    roster = pd.DataFrame({"name": [f"m{i}" for i in range(72)], "sect": sects})
    t = cabinet.representation(roster, "sect", baseline=IRAQ_BASE)
    h = headline(t)
    adj = holm({"Shia": 28, "Sunni Arab": 24, "Kurd": 18, "Other": 0}, 72, IRAQ_BASE, unknown=2)
    # even if both unknowns are Shia, 30 of 72 against 62 % is too few after Holm; Sunni Arab's 24 of 72
    # against 18 % holds too, but its gap is smaller: 62 % - 30/72 = 20.3 points against 24/72 - 18 % = 15.3
    assert adj["Shia"][1] < 0.05 and adj["Sunni Arab"][2] < 0.05
    assert 0.62 - 30 / 72 > 24 / 72 - 0.18
    assert (h.group, h.direction, h.count, h.count_max, h.holds, h.significant) == ("Shia", "under", 28, 30,
                                                                                   True, True)
    assert (h.p_min, h.p_max) == (pytest.approx(adj["Shia"][0]), pytest.approx(adj["Shia"][1]))
    assert h.sentence.startswith("Shia: 28 of 72 appointees known (up to 30 possible) against 62.0% of the "
                                 "baseline (user-supplied baseline): too few whatever the unknowns are (p = ")
    assert h.sentence.endswith(", Holm)")


def test_of_two_gaps_that_hold_the_larger_is_told():
    # 6 Shia, 12 Sunni Arab, 4 Kurd, 2 unknown in 24
    sects = ["Shia"] * 6 + ["Sunni Arab"] * 12 + ["Kurd"] * 4 + ["unknown"] * 2
    roster = pd.DataFrame({"name": [f"p{i}" for i in range(24)], "sect": sects})
    h = headline(cabinet.representation(roster, "sect", baseline=IRAQ_BASE))
    adj = holm({"Shia": 6, "Sunni Arab": 12, "Kurd": 4, "Other": 0}, 24, IRAQ_BASE, unknown=2)
    assert adj["Shia"][1] < 0.05 and adj["Sunni Arab"][2] < 0.05  # both hold whatever the unknowns are
    # at the end that holds: Shia 62 % - 8/24 = 28.7 points, Sunni Arab 12/24 - 18 % = 32.0 points
    assert 12 / 24 - 0.18 > 0.62 - 8 / 24
    assert (h.group, h.direction, h.holds, h.count, h.count_max) == ("Sunni Arab", "over", True, 12, 14)
    assert (h.p_min, h.p_max) == (pytest.approx(adj["Sunni Arab"][3]), pytest.approx(adj["Sunni Arab"][2]))
    assert "too many whatever the unknowns are" in h.sentence


def test_a_gap_that_depends_on_the_unknowns_says_so_and_an_empty_group_is_not_told_as_too_many():
    # A: 1 known of 20, 8 unknown; B: 11 known; C: none known, 2 % of the baseline
    camps = ["A"] + ["B"] * 11 + ["unknown"] * 8
    roster = pd.DataFrame({"name": [f"x{i}" for i in range(20)], "camp": camps})
    base = {"A": 0.40, "B": 0.58, "C": 0.02}
    h = headline(cabinet.representation(roster, "camp", baseline=base))
    adj = holm({"A": 1, "B": 11, "C": 0}, 20, base, unknown=8)
    # nothing holds whatever the unknowns are
    assert all(adj[g][1] >= 0.05 and adj[g][2] >= 0.05 for g in base)
    # C would be 'too many' only if all 8 unknowns were C (p tiny), but none of C is known: not a story
    assert adj["C"][3] < adj["A"][0] < 0.05
    assert (h.group, h.direction, h.holds, h.significant) == ("A", "under", False, True)
    assert (h.p_min, h.p_max) == (pytest.approx(adj["A"][0]), pytest.approx(adj["A"][1]))
    assert "too few only if the unknown and disputed tags fall outside the group" in h.sentence


def test_a_remainder_row_is_never_the_story():
    roster = pd.DataFrame({"name": list("ABCDEFGHIJ"), "camp": ["North"] * 10})
    for remainder in ("Other", "rest", "Others"):
        h = headline(cabinet.representation(roster, "camp", baseline={"North": 0.2, remainder: 0.8}))
        # the remainder's 0 of 10 against 80 % is the larger gap (p = 0.2 ** 10), North's 10 of 10 is told
        assert binom.cdf(0, 10, 0.8) < binom.sf(9, 10, 0.2)
        assert h.group == "North" and h.direction == "over" and remainder not in h.sentence


def test_the_residual_row_of_an_estimate_is_never_the_story():
    t = cabinet.representation(cabinet.load_roster(), "ethnicity")
    assert (t["status"] == "residual").any()
    h = headline(t)
    assert h.group in set(t.loc[t["status"] == "group", "group"]) and "not named" not in h.sentence


def test_a_population_baseline_is_named_by_its_label():
    t = cabinet.representation(cabinet.load_roster(), "region")
    h = headline(t)
    assert h.baseline == "NSIA settled population 1398 (2019-20)"
    assert "of the population (NSIA settled population 1398 (2019-20))" in h.sentence


def test_without_a_baseline_the_largest_group_is_told():
    roster = pd.DataFrame({"name": list("ABCDE"), "camp": ["N", "N", "N", "S", "unknown"]})
    h = headline(cabinet.representation(roster, "camp"))
    assert (h.group, h.direction, h.holds, h.baseline) == ("N", None, False, "")
    assert h.sentence == "N: 3 of 5 appointees known (up to 4 possible); no baseline to compare with"


def test_the_baseline_of_a_file_is_named_by_its_stem_never_its_path():
    assert baseline_name(pd.DataFrame({"baseline_label": ["user-supplied baseline (/a/b/kenya_2019.csv)"]})) \
        == "kenya_2019"
    assert baseline_name(pd.DataFrame({"baseline_label": ["C:\\data\\kenya.csv"]})) == "kenya"
    assert baseline_name(pd.DataFrame({"x": [1]})) == "the baseline"


def test_the_headline_is_frozen_and_a_table_without_the_columns_is_refused():
    h = headline(cabinet.representation(pd.DataFrame({"name": ["A"], "c": ["x"]}), "c"))
    assert isinstance(h, Headline)
    with pytest.raises(dataclasses.FrozenInstanceError):
        h.group = "y"  # type: ignore[misc]
    with pytest.raises(ValueError, match="lacks 'status', 'count'"):
        headline(pd.DataFrame({"group": ["x"]}))


def test_the_gap_chart_takes_its_title_from_the_headline():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from cabinet import plots

    roster = cabinet.load_roster(FIX / "iraq_like_2022.csv")
    t = cabinet.representation(roster, "sect", baseline=str(FIX / "iraq_like_sects.csv"))
    fig, ax = plt.subplots()
    try:
        plots.plot_region_gap(t, ax=ax)
        title = " ".join(ax.get_title(loc="left").split())
    finally:
        plt.close(fig)
    # the chart's title tells the headline's group in plain words: Shia, not the 'Other' row at 0
    h = headline(t)
    assert h.group == "Shia" and "Shia" in title and "Other" not in title
