"""Estimates under stated assumptions (issue 12, part 3): hand calculations, exact against Monte Carlo,
every estimate within the bounds, verdicts untouched."""

import io
import itertools
import math

import numpy as np
import pandas as pd
import pytest

import cabinet
from cabinet.assumptions import MIN_CLASS_KNOWN, estimates, gap_estimates, probability_matrix
from cabinet.cli import main


def toy():
    # 6 known ministers: Red 4, Blue 2; one unknown minister; one disputed Red|Green deputy minister
    return pd.DataFrame({
        "name": list("abcdefgh"),
        "party": ["Red", "Red", "Red", "Red", "Blue", "Blue", "unknown", "Red|Green"],
        "position_class": ["minister"] * 7 + ["deputy_minister"],
    })


def test_like_known_draws_an_unknown_from_the_known_of_his_class():
    m = probability_matrix(toy(), "party", "like_known", groups=["Red", "Blue", "Green"])
    # Jeffreys' prior Dirichlet(1/2, 1/2, 1/2) and the 6 known ministers (Red 4, Blue 2, Green 0): the posterior
    # predictive (n_g + 1/2) / (6 + 3/2)
    assert m.loc[6].tolist() == pytest.approx([4.5 / 7.5, 2.5 / 7.5, 0.5 / 7.5])
    # the disputed deputy minister: his class has fewer than MIN_CLASS_KNOWN known, so the pool of all
    # known (the same 6) decides between his candidates Red and Green: 4.5 against 0.5
    assert MIN_CLASS_KNOWN > 0
    assert m.loc[7].tolist() == pytest.approx([0.9, 0, 0.1])
    assert m.attrs["prior"] == "Jeffreys' prior Dirichlet(1/2, ..., 1/2) over 3 groups"
    t = estimates(toy(), "party", assumptions="like_known").set_index("group")
    assert t.at["Red", "expected"] == pytest.approx(4 + 0.6 + 0.9)


def test_population_and_priors():
    base = {"Red": 0.5, "Blue": 0.3, "Green": 0.2}
    m = probability_matrix(toy(), "party", "population", groups=list(base), baseline_share=pd.Series(base))
    assert m.loc[6].tolist() == pytest.approx([0.5, 0.3, 0.2])
    assert m.loc[7].tolist() == pytest.approx([0.5 / 0.7, 0, 0.2 / 0.7])
    priors = {"g": {"Blue": 0.9, "Green": 0.1}, "h": {"Green": 1.0}}
    m = probability_matrix(toy(), "party", "priors", groups=list(base), priors=priors)
    assert m.loc[6].tolist() == pytest.approx([0, 0.9, 0.1]) and m.loc[7].tolist() == pytest.approx([0, 0, 1])
    with pytest.raises(ValueError, match="not in the roster"):
        probability_matrix(toy(), "party", "priors", groups=list(base), priors={"zz": {"Red": 1}})


def test_priors_from_a_csv_file(tmp_path):
    path = tmp_path / "priors.csv"
    path.write_text("name,group,probability\ng,Blue,0.9\ng,Green,0.1\n", encoding="utf-8")
    t = estimates(toy(), "party", assumptions="priors", priors=path,
                  baseline={"Red": 0.5, "Blue": 0.3, "Green": 0.2}).set_index("group")
    assert t.at["Blue", "expected"] == pytest.approx(2.9)
    assert "follow like_known" in t.at["Blue", "note"]  # h, disputed, has no prior


def test_the_count_distribution_against_enumeration():
    roster = toy()
    base = {"Red": 0.5, "Blue": 0.3, "Green": 0.2}
    t = estimates(roster, "party", assumptions="population", baseline=base, level=0.9).set_index("group")
    # Red: 4 sure, g Red with 0.5, h Red with 5/7: enumerate the four cases
    pg, ph = 0.5, 0.5 / 0.7
    pmf = {4: (1 - pg) * (1 - ph), 5: pg * (1 - ph) + (1 - pg) * ph, 6: pg * ph}
    assert t.at["Red", "expected"] == pytest.approx(sum(k * v for k, v in pmf.items()))
    from scipy import stats

    mean_p = sum(v * stats.binom.cdf(k, 8, 0.5) for k, v in pmf.items())
    assert t.at["Red", "p_le_count"] == pytest.approx(mean_p, rel=1e-10)
    assert t.at["Red", "interval_low"] == 4 and t.at["Red", "interval_high"] == 6


def test_exact_and_monte_carlo_agree_within_monte_carlo_error():
    roster = cabinet.load_roster(as_of="2021-12-31", home="birth")  # one home per person: the draws are real
    exact = estimates(roster, "region", assumptions=["like_known", "population"])
    mc = estimates(roster, "region", assumptions=["like_known", "population"], method="monte_carlo",
                   n_draws=40_000, seed=3)
    n = exact["n"].iloc[0]
    se = np.sqrt(n / 4 / 40_000)  # the largest standard error a count of n Bernoulli draws can have
    assert np.all(np.abs(exact["expected"].to_numpy() - mc["expected"].to_numpy()) < 5 * se)
    p_exact, p_mc = exact["p_le_count"].to_numpy(), mc["p_le_count"].to_numpy()
    # untested rows (a home abroad has no population share) are untested by both methods
    assert np.array_equal(np.isnan(p_exact), np.isnan(p_mc))
    assert np.all(np.abs(p_exact - p_mc)[~np.isnan(p_exact)] < 0.01)


def test_every_estimate_lies_within_the_bounds():
    roster = cabinet.load_roster(as_of="2021-12-31")
    for by in ("region", "ethnicity", "network", "hazarajat"):
        t = estimates(roster, by)
        est = t[t["assumption"] != "bounds"].dropna(subset=["expected"])
        assert (est["expected"] >= est["count"] - 1e-9).all() and (est["expected"] <= est["count_max"] + 1e-9).all()
        assert (est["interval_low"] >= est["count"]).all() and (est["interval_high"] <= est["count_max"]).all()


def test_named_gaps_have_estimates():
    for gap in ("west_southwest", "hazarajat", "helmandi_networks"):
        t = gap_estimates(gap=gap)
        assert set(t["assumption"]) == {"bounds", "like_known", "population"}
        target = t[(t["group"] != "outside")]
        pop = target[target["assumption"] == "population"].iloc[0]
        assert pop["count"] <= pop["expected"] <= pop["count_max"]


def test_claim_probabilities_by_hand():
    t = cabinet.claim_probabilities().set_index(["id", "assumption"])
    verdicts = cabinet.claims().set_index("id")["verdict"]
    for cid, v in verdicts.items():  # bounds follow the verdict
        lo, hi = t.loc[(cid, "bounds"), ["probability_low", "probability_high"]]
        assert (lo, hi) == {"supported": (1, 1), "contradicted": (0, 0)}.get(v, (0, 1))
    # C3 in proportion to the population: each appointee other than Muttaqi whose birthplace is open is
    # outside the west and southwest with 1 - (his probability of it), independently: an unknown birthplace
    # with the region's population share, a disputed one with the population of the candidate provinces
    roster = cabinet.io.load_appointees()
    birth = cabinet.groupings.with_home(roster, "birth")
    from cabinet.baselines import geographic_baseline, population_by_province

    share = geographic_baseline("region").share
    pop = population_by_province("nsia_1398")[0]
    regions = cabinet.regions.region_map("commentary")
    prob = 1.0
    for pid, prov in zip(birth["person_id"], birth["province"]):
        alts = cabinet.tags.parse_tag(prov)
        if pid == "muttaqi_amir_khan" or len({regions.get(p, "abroad") for a in alts for p in a}) == 1:
            continue  # the exception, or a birth region that is known
        if not alts:
            prob *= 1 - share["West"] - share["Southwest"]
            continue
        # a birthplace abroad is in no region and has no share of Afghanistan's population
        inside = sum(pop.get(a[0], 0.0) for a in alts if regions.get(a[0]) in ("West", "Southwest"))
        prob *= 1 - inside / sum(pop.get(a[0], 0.0) for a in alts)
    assert t.loc[("C3", "population"), "probability"] == pytest.approx(prob, rel=1e-9)


def test_claim_probabilities_exact_against_monte_carlo():
    exact = cabinet.claim_probabilities(assumptions=["population"]).set_index("id")["probability"]
    mc = cabinet.claim_probabilities(assumptions=["population"], method="monte_carlo", n_draws=40_000,
                                     seed=1).set_index("id")["probability"]
    both = exact.notna()
    assert np.all(np.abs(exact[both] - mc[both]) < 5 * np.sqrt(0.25 / 40_000))


def test_verdicts_never_use_the_estimates():
    before = cabinet.claims()
    cabinet.claim_probabilities(assumptions=["like_known", "population"])
    pd.testing.assert_frame_equal(before, cabinet.claims())


def test_the_command_line():
    out, err = io.StringIO(), io.StringIO()
    assert main(["claims", "--assume", "like_known,population", "--format", "csv"], out=out, err=err) == 0, err.getvalue()
    t = pd.read_csv(io.StringIO(out.getvalue()))
    assert set(t["assumption"]) == {"like_known", "population"} and len(t) == 16
    assert t.loc[(t["id"] == "C2") & (t["assumption"] == "like_known"), "prior"].iloc[0] == \
        "Jeffreys' prior Beta(1/2, 1/2)"
    out, err = io.StringIO(), io.StringIO()
    assert main(["gaps", "--by", "region", "--assume", "bogus"], out=out, err=err) == 2
    assert "allowed: bounds, like_known, population, priors" in err.getvalue()
    out, err = io.StringIO(), io.StringIO()
    assert main(["claims", "--assume", "priors"], out=out, err=err) == 2 and "--priors FILE" in err.getvalue()


def test_more_than_64_open_appointees():
    from scipy import stats

    from cabinet.predictive import _PoissonBinomial

    rng = np.random.default_rng(0)
    p = rng.uniform(0.05, 0.95, 100)
    # scipy takes at most 64 probabilities: combine two halves it can take, independently of the code under test
    expected = np.convolve(stats.poisson_binom(p[:50]).pmf(np.arange(51)), stats.poisson_binom(p[50:]).pmf(np.arange(51)))
    got = _PoissonBinomial(np.concatenate([p, [1.0, 0.0]]))
    assert got.pmf(np.arange(1, 102)) == pytest.approx(expected, abs=1e-12)
    assert got.mean() == pytest.approx(1 + p.sum())
