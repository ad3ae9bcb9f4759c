"""The exact tests and their multiplicity families (issue 24, items 9, 11, 15 and 18): every value against
statsmodels, scipy or a hand computation."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from statsmodels.stats.multitest import multipletests

import cabinet
from cabinet.exact_tests import _adjust, _Binomial, _FromPmf, adjust_family


def _toy(cells, column="camp"):
    return pd.DataFrame({"name": [f"p{i}" for i in range(len(cells))], column: cells})


# ---- item 9: the families adjusted ----------------------------------------------------------------------------

HAND = {  # three groups, each probability a range (known count .. largest possible count)
    "p_le_count": [0.004, 0.20, 0.51], "p_le_count_max": [0.03, 0.41, 0.93],
    "p_ge_count": [0.999, 0.90, 0.62], "p_ge_count_max": [0.98, 0.71, 0.09],
    "p_two_sided_min": [0.008, 0.38, 0.17], "p_two_sided_max": [0.06, 0.80, 1.0],
}


@pytest.mark.parametrize("method", ["holm", "bonferroni", "fdr_by"])
def test_both_tails_form_one_family_and_the_two_sided_p_is_adjusted(method):
    p = {k: np.array(v) for k, v in HAND.items()}
    out = _adjust(p, np.array([True, True, True]), method)
    low = multipletests(HAND["p_le_count"] + HAND["p_ge_count_max"], method=method)[1]
    high = multipletests(HAND["p_le_count_max"] + HAND["p_ge_count"], method=method)[1]
    np.testing.assert_allclose(out["p_le_count_adj"], low[:3])
    np.testing.assert_allclose(out["p_ge_count_max_adj"], low[3:])
    np.testing.assert_allclose(out["p_le_count_max_adj"], high[:3])
    np.testing.assert_allclose(out["p_ge_count_adj"], high[3:])
    np.testing.assert_allclose(out["p_two_sided_min_adj"], multipletests(HAND["p_two_sided_min"], method=method)[1])
    np.testing.assert_allclose(out["p_two_sided_max_adj"], multipletests(HAND["p_two_sided_max"], method=method)[1])
    # every adjusted range is a range: low end <= high end
    assert (out["p_le_count_adj"] <= out["p_le_count_max_adj"]).all()
    assert (out["p_two_sided_min_adj"] <= out["p_two_sided_max_adj"]).all()


def test_holm_over_six_one_sided_tests_by_hand():
    p = {k: np.array(v) for k, v in HAND.items()}
    out = _adjust(p, np.array([True, True, True]), "holm")
    # the lower ends: 0.004, 0.20, 0.51, 0.98, 0.71, 0.09 sorted: 0.004 (x6), 0.09 (x5), 0.20 (x4), ...
    assert out["p_le_count_adj"][0] == pytest.approx(6 * 0.004)
    assert out["p_ge_count_max_adj"][2] == pytest.approx(5 * 0.09)
    assert out["p_le_count_adj"][1] == pytest.approx(4 * 0.20)
    # the two-sided minimum: 0.008 (x3), 0.17 (x2), 0.38 (x1): 0.024, 0.34, 0.38 by rank
    assert out["p_two_sided_min_adj"].tolist() == pytest.approx([3 * 0.008, 0.38, 2 * 0.17])


def test_untested_rows_are_no_members_of_the_family():
    p = {k: np.array(v + [np.nan]) for k, v in HAND.items()}
    out = _adjust(p, np.array([True, False, True, False]), "holm")
    expected = multipletests([0.004, 0.51, 0.98, 0.09], method="holm")[1]
    assert out["p_le_count_adj"][[0, 2]].tolist() == pytest.approx(expected[:2].tolist())
    assert np.isnan(out["p_le_count_adj"][[1, 3]]).all()


def test_a_table_adjusts_both_tails_of_its_groups_with_statsmodels():
    roster = _toy(["Red"] * 6 + ["Blue"] * 2 + ["Green"] * 2 + ["unknown"])
    t = cabinet.representation(roster, "camp", baseline={"Red": 0.3, "Blue": 0.3, "Green": 0.4})
    g = t[t["status"] == "group"]
    low = multipletests(np.concatenate([g["p_le_count"], g["p_ge_count_max"]]), method="holm")[1]
    np.testing.assert_allclose(g["p_le_count_adj"], low[:3])
    two = multipletests(g["p_two_sided_max"], method="holm")[1]
    np.testing.assert_allclose(g["p_two_sided_max_adj"], two)
    assert t.loc[t["status"] != "group", ["p_le_count_adj", "p_two_sided_min_adj"]].isna().all().all()


def test_the_complement_of_a_gap_is_no_member_of_its_family():
    t = cabinet.hazarajat_gap().set_index("group")
    r = t.loc["Hazarajat"]
    # one target: the family is its two tails (and its one two-sided test, left as it is)
    holm = multipletests([r["p_le_count"], r["p_ge_count_max"]], method="holm")[1]
    assert r["p_le_count_adj"] == pytest.approx(holm[0]) and r["p_ge_count_max_adj"] == pytest.approx(holm[1])
    assert r["p_two_sided_min_adj"] == pytest.approx(r["p_two_sided_min"])
    assert t.loc["outside", ["p_le_count_adj", "p_ge_count_adj", "p_two_sided_min_adj"]].isna().all()
    # three targets in one family: West, Southwest and both together
    w = cabinet.west_southwest_gap()
    targets = w[w["target"]]
    low = multipletests(np.concatenate([targets["p_le_count"], targets["p_ge_count_max"]]), method="holm")[1]
    np.testing.assert_allclose(targets["p_le_count_adj"], low[:3])
    assert w.loc[w["group"] == "outside", "p_le_count_adj"].isna().all()


def test_adjust_family_keeps_the_blocks_of_two_baselines_apart():
    both = cabinet.hazarajat_gap(baseline="both")
    for name, block in both.groupby("baseline", sort=False):
        r = block[block["group"] == "Hazarajat"].iloc[0]
        holm = multipletests([r["p_le_count"], r["p_ge_count_max"]], method="holm")[1]
        assert r["p_le_count_adj"] == pytest.approx(holm[0]), name
    t = cabinet.representation(_toy(["Red", "Blue"]), "camp", baseline={"Red": .5, "Blue": .5})
    none = adjust_family(t.assign(adjust=""), [True, True, False])
    assert none[[c for c in none.columns if c.endswith("_adj")]].isna().all().all()


def test_benjamini_hochberg_is_refused_with_its_condition():
    with pytest.raises(ValueError, match="positively dependent"):
        cabinet.representation(by="region", adjust="fdr_bh")
    with pytest.raises(ValueError, match="allowed: holm, bonferroni, fdr_by"):
        cabinet.representation(by="region", adjust="hochberg")
