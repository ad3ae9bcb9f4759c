"""Headlines that find the story on any roster (issue 27): never a remainder row, never a file path."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from scipy.stats import binom  # noqa: E402

import cabinet  # noqa: E402
from cabinet import plots  # noqa: E402

# a hand-made council of 24 by sect: 6 Shia, 12 Sunni Arab, 4 Kurd, 2 unknown; no one of 'Other'
SECTS = ["Shia"] * 6 + ["Sunni Arab"] * 12 + ["Kurd"] * 4 + ["unknown"] * 2
BASE = {"Shia": 0.62, "Sunni Arab": 0.18, "Kurd": 0.18, "Other": 0.02}


def _title(t):
    fig, ax = plt.subplots()
    try:
        plots.plot_region_gap(t, ax=ax)
        return ax.get_title(loc="left").replace("\n", " ")
    finally:
        plt.close(fig)


def test_the_headline_tells_the_gap_that_holds_not_the_empty_remainder(tmp_path):
    roster = pd.DataFrame({"name": [f"p{i}" for i in range(24)], "sect": SECTS})
    base = tmp_path / "iraq_census_estimate.csv"
    base.write_text("group,share\n" + "".join(f"{g},{s}\n" for g, s in BASE.items()), encoding="utf-8")
    t = cabinet.representation(roster, "sect", baseline=str(base))
    title = _title(t)
    # both gaps hold whatever the 2 unknowns are, even Bonferroni over both tails of the 4 groups:
    # Shia at most 8 of 24 against 62 %, Sunni Arab at least 12 of 24 against 18 %
    assert binom.cdf(8, 24, 0.62) * 8 < 0.05 and binom.sf(11, 24, 0.18) * 8 < 0.05
    # the gap that holds: Shia 62 % - 8/24 = 28.7 points, Sunni Arab 12/24 - 18 % = 32 points: the larger told
    assert 12 / 24 - 0.18 > 0.62 - 8 / 24
    assert title.startswith("Sunni Arab: 12 of 24 appointees known (up to 14 possible) against 18.0% of the "
                            "baseline")
    assert "Other" not in title and str(tmp_path) not in title and ".csv" not in title


def test_no_gap_beyond_chance_is_said_so():
    roster = pd.DataFrame({"name": list("ABCDEF"), "camp": ["N", "N", "S", "S", "S", "unknown"]})
    t = cabinet.representation(roster, "camp", baseline={"N": 0.5, "S": 0.5})
    assert binom.cdf(2, 6, 0.5) > 0.05 and binom.sf(2, 6, 0.5) > 0.05  # neither tail is unusual
    assert _title(t).startswith("No gap beyond chance; the largest, ")
