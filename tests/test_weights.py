"""Position weights from the field's conventions: weights='rank' and weights='prestige' (issue 27).

The expected values are read by hand: the prestige classes from Table H1 of the WhoGov online appendix
(Nyrup and Bramwell 2020; "Defense, Military & National Security", "Foreign Relations", "Government,
Interior & Home Affairs" and "Finance, Budget & Treasury" high; 27 portfolios medium, 11 low), the post
titles and position classes from data/appointees.csv and data/republic_appointees.csv, and the exact
probabilities by enumerating every way the posts could fall.
"""

import io
import itertools
import warnings
from pathlib import Path

import pandas as pd
import pytest

import cabinet
from cabinet.cli import main
from cabinet.weights import apply_weights, load_portfolio_prestige, portfolio_classes

ROOT = Path(__file__).resolve().parent.parent

# Table H1, by hand: the four high-prestige portfolios and a few of the others.
H1_HIGH = {"Defense, Military & National Security", "Foreign Relations", "Government, Interior & Home Affairs",
           "Finance, Budget & Treasury"}


def _classes_of(roster):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return portfolio_classes(roster).set_index("post")


def test_the_portfolio_table_is_table_h1():
    table = load_portfolio_prestige()
    assert len(table) == 42 and table["portfolio"].is_unique
    assert set(table.loc[table["prestige"] == "high", "portfolio"]) == H1_HIGH
    assert (table["prestige"] == "medium").sum() == 27 and (table["prestige"] == "low").sum() == 11
    prestige = table.set_index("portfolio")["prestige"]
    assert prestige["Justice & Legal Affairs"] == "medium" and prestige["Religion"] == "medium"
    assert prestige["Women"] == "low" and prestige["Sports"] == "low" and prestige["Without Portfolio"] == "low"
    assert table["url"].str.startswith("https://").all() and table["source"].str.contains("Table H1").all()


def test_every_bundled_post_title_has_a_portfolio_or_is_marked_unclassified():
    titles = set()
    for name in ("appointees", "republic_appointees", "later_appointments"):
        titles |= set(pd.read_csv(ROOT / "data" / f"{name}.csv")["post"])
    table = pd.read_csv(ROOT / "cabinet" / "post_portfolios.csv")
    assert set(table["post"]) == titles and table["post"].is_unique
    allowed = set(load_portfolio_prestige()["portfolio"]) | {"none", "unclassified"}
    assert set(table["portfolio"]) <= allowed
    assert table["basis"].str.len().gt(0).all()


def test_classes_of_named_bundled_posts():
    taliban = _classes_of(cabinet.load_roster())
    assert taliban.loc["Acting Minister of Foreign Affairs", "prestige"] == "high"
    assert taliban.loc["Acting Minister of Defence", "portfolio"] == "Defense, Military & National Security"
    assert taliban.loc["Acting Minister of Interior", "prestige"] == "high"
    assert taliban.loc["Acting Minister of Finance", "prestige"] == "high"
    # WhoGov's prestige belongs to the portfolio, whatever the rank: a deputy of a high portfolio is high
    assert taliban.loc["Acting Deputy Minister of Foreign Affairs", "prestige"] == "high"
    assert taliban.loc["Acting Minister of Justice", "prestige"] == "medium"
    assert taliban.loc["Acting Minister of Hajj and Religious Affairs", "portfolio"] == "Religion"
    assert taliban.loc["Acting Prime Minister", "prestige"] == "none"
    assert taliban.loc["Acting Minister of Mines and Petroleum", "prestige"] == "unclassified"
    republic = _classes_of(cabinet.load_roster("republic-2021"))
    assert republic.loc["Acting Minister of Women's Affairs", ["portfolio", "prestige"]].tolist() == ["Women", "low"]
    assert republic.loc["President", "prestige"] == "none"


def test_rank_weights_of_the_33_by_hand():
    roster = cabinet.load_roster()
    w = apply_weights(roster, "rank")
    by_post = dict(zip(roster["post"], w))
    assert by_post["Acting Prime Minister"] == 3 and by_post["Acting Minister of Justice"] == 3
    assert by_post["Acting Director of Intelligence"] == 2 and by_post["Acting Chief of Army Staff"] == 2
    assert by_post["Acting Deputy Minister of Defence"] == 1
    # 1 prime minister, 2 deputies and 19 ministers of 3; 3 agency heads and the army chief of 2; 7 deputies of 1
    assert w.sum() == 22 * 3 + 4 * 2 + 7 * 1


def test_prestige_weights_of_the_33_by_hand_and_the_unclassified_named():
    roster = cabinet.load_roster()
    with pytest.warns(UserWarning, match="6 of 33 posts have no prestige class") as caught:
        w = apply_weights(roster, "prestige")
    message = str(caught[0].message)
    assert "Acting Minister of Mines and Petroleum" in message and "Acting Head of Da Afghanistan Bank" in message
    # 12 high posts of 3, 12 medium of 2, 3 leaders of 3, 6 unclassified of 0
    assert w.sum() == 12 * 3 + 12 * 2 + 3 * 3
    assert (w == 0).sum() == 6


def _toy():
    # four posts, two camps; prestige by hand: A holds a high and a low post, B a medium and a low one
    return pd.DataFrame({"name": ["a", "b", "c", "d"], "camp": ["A", "A", "B", "B"],
                         "post": ["Minister of Foreign Affairs", "Minister of Sport", "Minister of Justice",
                                  "Minister of Youth"],
                         "prestige": ["High", "low", "medium", " LOW "]})


def _p_le(weights, in_group, p):
    """P(weighted count of the group <= observed), every post falling to the group with probability p."""
    observed = sum(w for w, g in zip(weights, in_group) if g)
    total = 0.0
    for draw in itertools.product([0, 1], repeat=len(weights)):
        if sum(w for w, d in zip(weights, draw) if d) <= observed:
            total += p ** sum(draw) * (1 - p) ** (len(draw) - sum(draw))
    return total


def test_a_users_prestige_column_weights_the_gap_exactly():
    toy = _toy()
    assert apply_weights(toy, "prestige").tolist() == [3.0, 1.0, 2.0, 1.0]
    t = cabinet.representation(toy, "camp", baseline={"A": 0.3, "B": 0.7}, weights="prestige").set_index("group")
    assert t.at["A", "count"] == 4 and t.at["B", "count"] == 3 and t.at["A", "n"] == 7
    assert t.at["A", "p_le_count"] == pytest.approx(_p_le([3, 1, 2, 1], [1, 1, 0, 0], 0.3))
    assert t.at["B", "p_le_count"] == pytest.approx(_p_le([3, 1, 2, 1], [0, 0, 1, 1], 0.7))
    assert t.at["A", "test"] == "weighted (exact)"


def test_a_users_portfolio_column_and_rank_weights_on_a_hand_made_roster():
    toy = pd.DataFrame({"name": list("abcd"), "camp": ["A", "B", "B", "B"],
                        "portfolio": ["foreign relations", "Women", "none", "Tourism"],
                        "position_class": ["minister", "deputy_minister", "prime_minister", "agency_head"]})
    assert apply_weights(toy, "prestige").tolist() == [3.0, 1.0, 3.0, 1.0]
    assert apply_weights(toy, "rank").tolist() == [3.0, 1.0, 3.0, 2.0]
    t = cabinet.representation(toy, "camp", baseline={"A": 0.5, "B": 0.5}, weights="rank").set_index("group")
    assert t.at["A", "count"] == 3 and t.at["B", "count"] == 6 and t.at["A", "n"] == 9
    assert t.at["A", "p_le_count"] == pytest.approx(_p_le([3, 1, 3, 2], [1, 0, 0, 0], 0.5))


def test_bad_prestige_and_portfolio_values_are_refused_with_the_row():
    with pytest.raises(ValueError, match=r"column 'prestige', row 2: 'hihg'.*did you mean 'high'"):
        apply_weights(pd.DataFrame({"name": ["a", "b"], "prestige": ["low", "hihg"]}), "prestige")
    with pytest.raises(ValueError, match=r"column 'portfolio', row 1: 'Foreign Relation'.*did you mean 'Foreign Relations'"):
        apply_weights(pd.DataFrame({"name": ["a"], "portfolio": ["Foreign Relation"]}), "prestige")
    with pytest.raises(ValueError, match="needs a 'prestige' column"):
        apply_weights(pd.DataFrame({"name": ["a"]}), "prestige")
    with pytest.raises(ValueError, match="weights='rank' knows the position classes"):
        apply_weights(pd.DataFrame({"name": ["a"], "position_class": ["sultan"]}), "rank")


def test_an_unknown_title_is_unclassified_reported_and_counts_zero():
    toy = pd.DataFrame({"name": ["a", "b"], "camp": ["A", "B"],
                        "post": ["Acting Minister of Finance", "Minister of Lighthouses"]})
    classes = portfolio_classes(toy)
    assert classes["prestige"].tolist() == ["high", "unclassified"]
    with pytest.warns(UserWarning, match=r"1 of 2 posts have no prestige class and count 0: Minister of Lighthouses"):
        w = apply_weights(toy, "prestige")
    assert w.tolist() == [3.0, 0.0]


def test_the_indices_refuse_rank_and_prestige_weights():
    with pytest.raises(ValueError, match=r"every weight must be 0 or 1; weights='rank' gives \[2.0, 3.0\]"):
        cabinet.disproportionality(by="region", weights="rank", n_draws=10)


def test_cli_gaps_with_rank_weights_says_it_counts_weighted_posts():
    out, err = io.StringIO(), io.StringIO()
    assert main(["gaps", "--by", "region", "--weights", "rank"], out=out, err=err) == 0
    assert "counts: weighted posts, 81 in all (--weights)" in out.getvalue()
    out, err = io.StringIO(), io.StringIO()
    assert main(["gaps", "--by", "region", "--weights", "prestige"], out=out, err=err) == 0
    assert "6 of 33 posts have no prestige class" in err.getvalue()
    assert "counts: weighted posts, 69 in all" in out.getvalue()
