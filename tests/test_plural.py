"""Plural membership (issue 19) and the senses of home (issue 12): hand counts on small rosters."""

import math

import pandas as pd
import pytest

import cabinet
from cabinet.representation import counting_note
from cabinet.tags import definite, format_tag, parse_tag, possible

# Five men: a (Kandahari leadership and Doha office), b (Haqqani), c (unknown), d (a dispute between sources:
# Doha or Haqqani), e (either both Doha and Haqqani, or Doha alone: Doha for certain)
NETWORKS = pd.DataFrame({
    "name": list("abcde"),
    "network": ["kandahari_leadership+doha_office", "haqqani", "unknown", "doha_office|haqqani",
                "doha_office+haqqani|doha_office"],
    "province": ["Kandahar", "Paktia", "Helmand", "Kabul", "Helmand"],
    "tribe": ["unknown"] * 5,
})


def test_the_tag_grammar():
    assert parse_tag("a+b|c") == (("a", "b"), ("c",))
    assert definite(parse_tag("a+b|a")) == ("a",) and possible(parse_tag("a+b|a")) == ("a", "b")
    assert format_tag(parse_tag("Paktia|Helmand+Paktia")) == "Paktia|Helmand+Paktia"


def test_a_person_counts_once_in_each_network_he_belongs_to():
    t = cabinet.representation(NETWORKS, "network").set_index("group")
    # by hand: doha_office sure for a and e; possible for d and the unknown c
    assert (t.at["doha_office", "count"], t.at["doha_office", "count_max"]) == (2, 4)
    assert (t.at["kandahari_leadership", "count"], t.at["kandahari_leadership", "count_max"]) == (1, 2)
    assert (t.at["haqqani", "count"], t.at["haqqani", "count_max"]) == (1, 4)  # b; d, e and c possible
    # a roster of one's own without a baseline lists its own groups only: no row for a network nobody is
    # known or disputed to be in (the codebook's helmandi_alizai, possible only for the unknown c)
    assert "helmandi_alizai" not in t.index
    # shares are against the number of persons and can sum to more than 100 %
    assert t.at["doha_office", "share"] == pytest.approx(2 / 5) and t.at["doha_office", "n"] == 5
    groups = t[t["status"] == "group"]
    assert groups["count"].sum() == 4  # a twice, b, e: more memberships than the 3 complete persons
    assert t.attrs.get("plural") or cabinet.representation(NETWORKS, "network").attrs["plural"]


def test_member_or_not_tests_per_network():
    p = 0.25
    t = cabinet.representation(NETWORKS, "network", baseline={"doha_office": p, "haqqani": p, "kandahari_leadership": p,
                                                               "peshawar_shura": p, "northern": p, "other": p,
                                                               "mashhad_office": p, "helmandi_ishaqzai": p,
                                                               "helmandi_alizai": p}).set_index("group")
    # each network: X ~ Binomial(5, p) persons in it
    cdf = sum(math.comb(5, i) * p**i * (1 - p) ** (5 - i) for i in range(3))
    assert t.at["doha_office", "p_le_count"] == pytest.approx(cdf)


def test_the_helmandi_gap_counts_a_member_of_two_networks():
    roster = NETWORKS.assign(network=["helmandi_alizai+kandahari_leadership", "haqqani", "unknown", "haqqani",
                                      "doha_office"])
    t = cabinet.helmandi_networks_gap(roster, baseline="population").set_index("group")
    both = "helmandi_ishaqzai+helmandi_alizai"
    # a is a Helmandi Alizai (and Kandahari); c's network is unknown and his home is Helmand: possible
    assert (t.at[both, "count"], t.at[both, "count_max"]) == (1, 2)
    assert (t.at["helmandi_alizai", "count"], t.at["helmandi_alizai", "count_max"]) == (1, 2)
    claims_like = t.at[both, "members"]
    assert claims_like == "a"


def test_senses_of_home():
    r = pd.DataFrame({"name": ["Muttaqi", "b"], "province": ["Helmand+Paktia", "Kabul"],
                      "birth_province": ["Helmand", "Kabul"], "origin_province": ["Paktia", "unknown"],
                      "stated_province": ["unknown", "Kabul"]})
    birth = cabinet.representation(r, "region", home="birth", baseline="nsia_1398").set_index("group")
    origin = cabinet.representation(r, "region", home="origin", baseline="nsia_1398").set_index("group")
    anyhow = cabinet.representation(r, "region", home="any", baseline="nsia_1398")
    default = cabinet.representation(r, "region", baseline="nsia_1398")
    assert birth.at["Southwest", "count"] == 1 and birth.at["East", "count"] == 0
    assert origin.at["East", "count"] == 1 and origin.at["Southwest", "count"] == 0
    # plural: Muttaqi in both, so 3 entries for 2 people, and the table says so
    assert anyhow.set_index("group").loc[["East", "Southwest"], "count"].tolist() == [1, 1]
    assert (anyhow.attrs["counts"], anyhow.attrs["n_entries"], anyhow.attrs["n_counted_more_than_once"]) == \
        ("memberships", 3, 1)
    assert "3 entries for 2 people; 1 of them counts in more than one row" in counting_note(anyhow)
    # by default a roster whose province is the union of the senses is counted by birth: one row each
    pd.testing.assert_frame_equal(default, birth.reset_index()[default.columns])
    assert (default.attrs["counts"], default.attrs["home"]) == ("people", "birth")
    # a province set by hand is counted as it stands
    mine = cabinet.representation(r.assign(province=["Kandahar", "Kabul"]), "region", baseline="nsia_1398").set_index("group")
    assert mine.at["South", "count"] == 1 and mine.attrs["home"] == ""
    r.attrs["home"] = "birth"
    recombined = cabinet.groupings.with_home(r.assign(province=r["birth_province"]), "any")
    assert recombined["province"].tolist() == ["Helmand+Paktia", "Kabul"]
    with pytest.raises(ValueError, match="birth_province"):
        cabinet.representation(r.drop(columns="birth_province"), "region", home="birth")
    gap = cabinet.west_southwest_gap(r, home="birth", baseline="nsia_1398").set_index("group")
    assert gap.at["West+Southwest", "count"] == 1 and "birth sense" in gap.at["West+Southwest", "definition"]


def test_the_waffle_splits_the_square_of_a_member_of_two_networks():
    import matplotlib.pyplot as plt
    from matplotlib.collections import PatchCollection

    from cabinet.plots import plot_network_waffle

    roster = NETWORKS.assign(network=["kandahari_leadership+doha_office", "haqqani", "unknown", "haqqani", "doha_office"])
    ax = plot_network_waffle(cabinet.representation(roster, "network"))
    rects = [p for c in ax.collections if isinstance(c, PatchCollection) for p in c.get_paths()]
    # 5 persons: a in two stripes, b, d, e whole, c grey: 6 rectangles for 5 squares
    assert len(rects) == 6
    from cabinet.plots import frame_texts

    # the counts: 6 memberships (a in two) for 5 people
    assert "memberships for 5 people: 1 belongs to more than one network" in frame_texts(ax)["counts"]
    plt.close("all")
