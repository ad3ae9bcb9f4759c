"""representation(): every number against an independent calculation."""

import csv
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cabinet
from cabinet.io.datapackage import data_dir


def _binom_cdf(k, n, p):
    return sum(math.comb(n, i) * p**i * (1 - p) ** (n - i) for i in range(int(k) + 1))


def _population_from_file():
    with open(data_dir() / "provinces.csv", encoding="utf-8") as fh:
        return {r["province"]: int(r["population_nsia_1398"]) for r in csv.DictReader(fh)}


def _toy(provinces, **extra):
    n = len(provinces)
    data = {"name": [f"p{i}" for i in range(n)], "province": provinces, "district": ["unknown"] * n,
            "position_class": ["minister"] * n, "body": ["Ministry"] * n}
    data.update(extra)
    return pd.DataFrame(data)


def test_counts_add_up_to_the_roster_size_for_every_grouping():
    roster = cabinet.load_roster()
    for by in ("province", "region", "hazarajat", "ethnicity", "tribe", "confederation", "network", "position_class"):
        table = cabinet.representation(roster, by)
        for _, block in table.groupby("baseline", dropna=False):
            residual = block[block["status"] == "residual"]
            block = block[block["status"] != "residual"]
            if table.attrs["plural"]:  # a person in several groups counts in each: at least n
                assert block["count"].sum() >= len(roster) and (block["count_max"] <= len(roster)).all(), by
            else:
                assert block["count"].sum() == len(roster), by
            if len(residual):  # the residual row counts everyone surely in a group the estimate does not name
                named = set(block.loc[(block["status"] == "group") & block["baseline_share"].notna(), "group"])
                from cabinet.group_counts import group_alternatives

                alts = group_alternatives(roster, by)  # residual rows: the ethnic estimates (no home involved)
                surely = sum(bool(a) and all(set(x) - named for x in a) for a in alts)
                assert residual["count"].item() == surely
            assert (block["status"] == "unknown").sum() == 1, by


def test_west_southwest_baseline_is_the_population_share_summed_by_hand():
    pop = _population_from_file()
    west = ["Herat", "Farah", "Badghis", "Ghor"]
    southwest = ["Helmand", "Nimroz"]
    total = sum(pop.values())
    assert total == 30_725_560
    table = cabinet.representation(by="region", scheme="commentary").set_index("group")
    assert table.at["West", "baseline_share"] == pytest.approx(sum(pop[p] for p in west) / total, abs=1e-12)
    assert table.at["Southwest", "baseline_share"] == pytest.approx(sum(pop[p] for p in southwest) / total, abs=1e-12)


def test_zero_count_probability_is_one_minus_p_to_the_n():
    table = cabinet.representation(by="region", scheme="commentary").set_index("group")
    n = int(table["n"].iloc[0])
    p = table.at["West", "baseline_share"]
    assert table.at["West", "count"] == 0
    assert table.at["West", "p_le_count"] == pytest.approx((1 - p) ** n, rel=1e-12)


def test_probabilities_match_a_hand_binomial_sum():
    roster = _toy(["Kandahar"] * 5 + ["Kabul"] * 2 + ["Helmand"] + ["unknown"] * 2)
    base = {"Kandahar": 0.2, "Kabul": 0.5, "Helmand": 0.3}
    t = cabinet.representation(roster, "province", baseline=base).set_index("group")
    for g, p in base.items():
        assert t.at[g, "p_le_count"] == pytest.approx(_binom_cdf(t.at[g, "count"], 10, p), rel=1e-10)
        assert t.at[g, "p_le_count_max"] == pytest.approx(_binom_cdf(t.at[g, "count_max"], 10, p), rel=1e-10)
    assert t.at["Kabul", "count_max"] == 4  # 2 known + 2 unknown
    assert t.at["Kabul", "gap_pp"] == pytest.approx((0.2 - 0.5) * 100)
    assert t.at["Kabul", "ratio"] == pytest.approx(0.2 / 0.5)
    assert t.at["Kabul", "expected"] == pytest.approx(5.0)


def test_confidence_interval_is_clopper_pearson_from_count_and_count_max():
    from scipy.stats import beta

    roster = _toy(["Kandahar"] * 3 + ["Kabul"] * 6 + ["unknown"])
    t = cabinet.representation(roster, "province", baseline={"Kandahar": .5, "Kabul": .5}).set_index("group")
    k, kmax, n = 3, 4, 10
    assert t.at["Kandahar", "ci_low"] == pytest.approx(beta.ppf(0.025, k, n - k + 1))
    assert t.at["Kandahar", "ci_high"] == pytest.approx(beta.ppf(0.975, kmax + 1, n - kmax))


def test_disputed_tags_count_in_count_max_of_each_candidate_only():
    roster = _toy(["Kandahar|Helmand", "Kabul"])
    t = cabinet.representation(roster, "province", baseline={"Kandahar": .4, "Helmand": .3, "Kabul": .3}).set_index("group")
    assert t.at["Kandahar", "count"] == 0 and t.at["Kandahar", "count_max"] == 1
    assert t.at["Helmand", "count_max"] == 1 and t.at["Kabul", "count_max"] == 1
    assert t.at["disputed", "count"] == 1
    # a dispute inside one region is no dispute about the region
    r = cabinet.representation(_toy(["Kandahar|Uruzgan"]), "region").set_index("group")
    assert r.at["South", "count"] == 1


def test_hypergeometric_with_a_finite_pool():
    roster = _toy(["Kandahar"] * 3 + ["Kabul"] * 1)
    pool = {"Kandahar": 10, "Kabul": 30}
    t = cabinet.representation(roster, "province", pool=pool).set_index("group")
    # P(X <= 1) drawing 4 from 40 with 30 Kabul: hand sum of C(30,k) C(10,4-k) / C(40,4)
    hand = sum(math.comb(30, k) * math.comb(10, 4 - k) for k in range(2)) / math.comb(40, 4)
    assert t.at["Kabul", "p_le_count"] == pytest.approx(hand)
    assert t.at["Kabul", "test"] == "hypergeometric"


def test_weights_ministers_and_top():
    roster = cabinet.load_roster()
    n_min = roster["position_class"].isin(["prime_minister", "deputy_prime_minister", "minister"]).sum()
    t = cabinet.representation(roster, "region", weights="ministers")
    assert t["n"].iloc[0] == n_min
    top = cabinet.representation(roster, "region", weights="top")
    assert top["n"].iloc[0] == 8  # PM, 2 deputies, defence, interior, foreign, finance, intelligence


def test_nsia_1400_imputation_is_stated():
    t = cabinet.representation(by="province", baseline="nsia_1400")
    assert "Kapisa" in t["baseline_note"].iloc[0] and "inference" in t["baseline_note"].iloc[0]
    assert t.loc[t["status"] == "group", "baseline_share"].sum() == pytest.approx(1.0)


def test_ethnicity_defaults_to_every_estimate():
    t = cabinet.representation(by="ethnicity")
    ids = set(cabinet.io.load_ethnic_estimates()["estimate_id"])
    assert set(t["baseline"]) == ids and len(ids) >= 4


def test_errors_name_the_allowed_options():
    with pytest.raises(ValueError, match="allowed: province, region"):
        cabinet.representation(by="colour")
    with pytest.raises(ValueError, match="isaf, ocha, commentary"):
        cabinet.representation(by="region", scheme="nato")
    with pytest.raises(ValueError, match="all, ministers, top"):
        cabinet.representation(by="region", weights="heaviest")


def test_over_time_adds_later_appointments():
    t = cabinet.representation_over_time("region", dates=["2021-09-07", "2021-09-21"])
    sizes = t.groupby("as_of")["n"].first()
    assert sizes.iloc[0] == 33 and sizes.iloc[1] > 33


provinces = st.sampled_from(["Kabul", "Kandahar", "Helmand", "Herat", "Bamyan", "Paktia", "unknown", "Kandahar|Helmand"])


@settings(max_examples=40, deadline=None)
@given(st.lists(provinces, min_size=1, max_size=40), st.randoms(use_true_random=False))
def test_properties_any_roster(values, rnd):
    roster = _toy(values)
    t = cabinet.representation(roster, "region")
    assert t["count"].sum() == len(values)
    assert t["share"].sum() == pytest.approx(1.0)
    known = t[t["status"] == "group"]
    if (t.loc[t["status"] != "group", "count"] == 0).all():
        assert known["gap_pp"].sum() == pytest.approx(0.0, abs=1e-9)
    assert (t["count"] <= t["count_max"]).all()
    shuffled = roster.sample(frac=1, random_state=rnd.randint(0, 10**6)).reset_index(drop=True)
    t2 = cabinet.representation(shuffled, "region").set_index("group").sort_index()
    cols = ["count", "count_max", "share", "p_le_count", "p_le_count_max", "ci_low", "ci_high"]
    pd.testing.assert_frame_equal(t.set_index("group").sort_index()[cols], t2[cols])


# ---------------------------------------------------------------------------
# Fast paths (benchmarks/README.md): the same numbers as scipy.stats and statsmodels
# ---------------------------------------------------------------------------


def _bits(x):
    return np.asarray(x, dtype=float).view(np.int64)


def test_representation_with_every_weight_positive_equals_the_filtered_roster():
    # all weights positive: the roster is used as it is (no copy); the result must equal that of
    # a roster that went through the filter, including attrs and a non-default index
    roster = cabinet.load_roster(as_of="2021-12-31")
    roster.index = roster.index[::-1] + 1000
    weighted = roster.assign(w=1.0 + (np.arange(len(roster)) % 3))
    a = cabinet.representation(weighted, "region", weights="w")
    zero = weighted.assign(w=np.where(np.arange(len(roster)) % 5 == 0, 0.0, weighted["w"]))
    b = cabinet.representation(zero, "region", weights="w")
    c = cabinet.representation(zero[zero["w"] > 0], "region", weights="w")
    pd.testing.assert_frame_equal(b, c, check_exact=True)
    keys = ("as_of", "plural", "counts", "home", "n_counted_more_than_once")
    assert {k: a.attrs[k] for k in keys} == {k: b.attrs[k] for k in keys} == {
        "as_of": roster.attrs.get("as_of"), "plural": False, "counts": "people", "home": "birth",
        "n_counted_more_than_once": 0}
    assert b.attrs["n_people"] == b.attrs["n_entries"] == zero["w"].sum()  # weighted: the weights partition n
    assert a["n"].iloc[0] == weighted["w"].sum() and b["n"].iloc[0] == zero["w"].sum()


def test_a_large_roster_without_member_lists():
    rng = np.random.default_rng(5)
    provinces = np.array(["Kabul", "Kandahar", "Helmand", "Herat", "unknown", "Kandahar|Helmand"], dtype=object)
    big = pd.DataFrame({"name": [f"p{i}" for i in range(5000)], "province": provinces[rng.integers(0, 6, 5000)]})
    t = cabinet.representation(big, "region", baseline="nsia_1398").set_index("group")
    values, counts = np.unique(big["province"], return_counts=True)
    n = dict(zip(values, counts))
    assert t.at["South", "count"] == n["Kandahar"]
    assert t.at["Southwest", "count_max"] == n["Helmand"] + n["unknown"] + n["Kandahar|Helmand"]
    assert t.at["disputed", "count"] == n["Kandahar|Helmand"]
    assert (t["members"] == "").all() and (t["possible_members"] == "").all()
    assert t["p_le_count"].notna().sum() == 6


def test_every_baseline_is_a_block_of_its_own():
    """By ethnicity every named estimate of the population is a baseline: one block each, the table of that
    baseline alone."""
    t = cabinet.representation(by="ethnicity")
    names = list(dict.fromkeys(t["baseline"]))
    assert len(names) == 6 and len(t) == 6 * len(cabinet.representation(by="ethnicity", baseline=names[0]))
    assert list(t.index) == list(range(len(t)))
    for name in names:
        alone = cabinet.representation(by="ethnicity", baseline=name)
        pd.testing.assert_frame_equal(t[t["baseline"] == name].reset_index(drop=True), alone.reset_index(drop=True))
