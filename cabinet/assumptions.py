"""What the unknowns most likely hold: estimates under stated assumptions, beside the bounds.

The verdicts and bounds of :func:`cabinet.representation` and :func:`cabinet.claims` never guess an
unknown tag. The estimates here do, each under an assumption named in every row:

``bounds``
    no assumption: the worst and the best case (the count runs from ``count`` to ``count_max``).
``like_known``
    an appointee of unknown tag is like the known appointees of his position class. The class's group
    shares are uncertain: a Dirichlet prior, Jeffreys' by default (1/2 on each of the ``K`` groups of
    the grouping; Beta(1/2, 1/2) for two), is updated by the class's known appointees, and the open
    appointees are drawn jointly from the posterior predictive (a Pólya urn; see
    :mod:`cabinet.predictive`). The first open appointee of a class with ``N`` known, ``n_g`` of them in
    group ``g``, is in ``g`` with probability ``(n_g + 1/2) / (N + K/2)``: never 0, never 1. A class
    with fewer than :data:`MIN_CLASS_KNOWN` known appointees is pooled with all known appointees. A
    disputed appointee is drawn only among his candidates: the dispute is a condition on the joint draw.
    The ``prior`` argument (``'jeffreys'``, ``'uniform'`` or a concentration) changes the prior, and
    every output names it.
``population``
    every open appointee is drawn independently from the baseline's shares (the population, or a
    published estimate); a disputed home is weighted by the population of its candidate *provinces*
    (born in Helmand or Kandahar: Helmand with probability pop(Helmand) / (pop(Helmand) +
    pop(Kandahar))).
``priors``
    an expert's judgement (see :mod:`cabinet.priors` for the format): each appointee the priors name is
    drawn independently from them; the others follow ``like_known``; the ``note`` column says how many.

A group's count is then exact: a Poisson-binomial sum (``scipy.stats.poisson_binom``) for the
independent appointees, convolved with the Dirichlet-multinomial count of each class's open appointees
(:func:`cabinet.predictive.urn_pmf`, beta-binomial in closed form for the unknown ones). A question that
needs the joint distribution of several groups (C6 when a region could still be empty) is computed by
seeded, vectorised Monte Carlo of the same model. Both are tested against each other where both apply.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .open_model import build_model, MIN_CLASS_KNOWN, TooManyStates
from .predictive import DEFAULT_PRIOR, PRIORS
from .priors import read_priors
from .representation import representation
from .baselines import geographic_baseline, POPULATION_BASELINES, population_by_province
from .gaps import HELMANDI_NETWORKS, helmandi_tags, OUTSIDE
from .group_counts import group_alternatives
from .groupings import own_roster, require_afghan, suggest, with_home
from .regions import HAZARAJAT
from .rosters import load_roster, require_taliban, takes_roster
from .tags import format_tag, parse_tag

__all__ = ["ASSUMPTIONS", "MIN_CLASS_KNOWN", "LEVEL", "GAPS", "PRIORS", "estimates", "gap_estimates",
           "probability_matrix", "read_priors", "probability_none", "draw_counts"]

ASSUMPTIONS = ("bounds", "like_known", "population", "priors")
#: Level of the interval of a count.
LEVEL = 0.90

COLUMNS = ["by", "group", "assumption", "count", "count_max", "n", "expected", "interval_low", "interval_high",
           "p_le_count", "method", "baseline", "prior", "note"]


def check_assumptions(assumptions) -> list[str]:
    if isinstance(assumptions, str):
        assumptions = [assumptions]
    out = list(assumptions)
    bad = [a for a in out if a not in ASSUMPTIONS]
    if bad or not out:
        raise ValueError(f"unknown assumption {bad[0] if bad else '(none)'!r}"
                         f"{suggest(bad[0], ASSUMPTIONS) if bad else ''}; allowed: {', '.join(ASSUMPTIONS)}")
    return out


def _province_share(baseline) -> pd.Series | None:
    """Population by province for a named population baseline (None for any other baseline)."""
    if isinstance(baseline, str) and baseline in POPULATION_BASELINES:
        return population_by_province(baseline)[0]
    return None


def probability_matrix(roster: pd.DataFrame, by, assumption: str, *, groups=None, baseline_share=None,
                       priors=None, scheme: str = "commentary", hazarajat: str = "core", prior=DEFAULT_PRIOR,
                       province_share=None) -> pd.DataFrame:
    """Each appointee's probability of being in each group, under one assumption.

    For a tag of one group per person the rows sum to 1; for plural membership (``A+B``) each entry is
    the probability of membership in that group. Under ``like_known`` an entry is the posterior
    predictive probability (see the module docstring): strictly between 0 and 1 for every candidate of
    an open tag. The rows are marginal: under ``like_known`` two open appointees of one class are not
    independent, and :func:`estimates` and :func:`cabinet.claim_probabilities` use their joint law.

    Parameters
    ----------
    roster : DataFrame
    by : str or list of str
        The grouping.
    assumption : {'like_known', 'population', 'priors'}
    groups : sequence of str, optional
        Every group an open tag can take (default: those the roster's tags name).
    baseline_share : mapping or Series, optional
        For ``population``: each group's share.
    priors : mapping, DataFrame or path, optional
        For ``priors``: see :mod:`cabinet.priors` (rows about other columns are left out).
    prior : {'jeffreys', 'uniform'} or float
        The Dirichlet prior of ``like_known`` (default Jeffreys, 1/2 on each group).
    province_share : Series, optional
        For ``population``: population by province, to weigh a disputed home by its candidate provinces.

    Returns
    -------
    pandas.DataFrame
        One row per appointee (the roster's index), one column per group; ``attrs["note"]`` says what
        was pooled or filled, ``attrs["prior"]`` names the prior, ``attrs["plural"]`` says whether
        membership is plural.

    Examples
    --------
    >>> import pandas as pd
    >>> toy = pd.DataFrame({"party": ["Red"] * 5 + ["unknown"], "position_class": ["minister"] * 6})
    >>> m = probability_matrix(toy, "party", "like_known", groups=["Red", "Blue"])
    >>> m.iloc[5].round(4).tolist()  # (5 + 1/2) / (5 + 1) and (0 + 1/2) / (5 + 1)
    [0.9167, 0.0833]
    """
    table = None
    if assumption == "priors" and priors is not None:
        table = read_priors(priors, roster, column=by if isinstance(by, str) else None)
    model = build_model(roster, by, assumption, groups=groups, baseline_share=baseline_share, priors=table,
                        prior=prior, scheme=scheme, hazarajat=hazarajat, province_share=province_share)
    frame = model.marginals()
    frame.index = roster.index
    frame.attrs["note"] = model.note
    frame.attrs["plural"] = model.plural
    frame.attrs["prior"] = model.prior
    return frame



def probability_none(p: np.ndarray) -> float:
    """Probability that none of independent appointees is in a group: the product of ``1 - p``."""
    return float(np.prod(1.0 - np.clip(np.asarray(p, dtype=float), 0.0, 1.0)))


def draw_counts(matrix: pd.DataFrame, n_draws: int = 100_000, seed: int = 0) -> np.ndarray:
    """Seeded Monte Carlo: counts per group in ``n_draws`` random resolutions of the unknowns.

    Each appointee's group is drawn from his row of the matrix (a categorical draw when the rows sum to 1,
    an independent draw per group under plural membership).

    Returns
    -------
    numpy.ndarray
        Shape ``(n_draws, n_groups)``.
    """
    rng = np.random.default_rng(seed)
    p = matrix.to_numpy(dtype=float)
    n, k = p.shape
    if matrix.attrs.get("plural"):
        counts = np.zeros((n_draws, k), dtype=np.int64)
        for j in range(k):
            counts[:, j] = (rng.random((n_draws, n)) < p[:, j]).sum(axis=1)
        return counts
    cum = np.cumsum(p, axis=1)
    cum[:, -1] = 1.0
    u = rng.random((n_draws, n))
    chosen = (u[:, :, None] > cum[None, :, :]).sum(axis=2)  # index of the group drawn, per draw and appointee
    offsets = np.arange(n_draws)[:, None] * k
    return np.bincount((chosen + offsets).ravel(), minlength=n_draws * k).reshape(n_draws, k)


@takes_roster("roster")
def estimates(roster: pd.DataFrame | None = None, by="region", *, assumptions=("bounds", "like_known", "population"),
              priors=None, baseline=None, scheme: str = "commentary", hazarajat: str = "core",
              level: float = LEVEL, method: str = "exact", n_draws: int = 100_000, seed: int = 0,
              home: str | None = None, prior=DEFAULT_PRIOR) -> pd.DataFrame:
    """Expected counts, intervals and probabilities per group under each assumption, beside the bounds.

    Parameters
    ----------
    roster : DataFrame, optional
        Default: the 33 of 7 September 2021.
    by, baseline, scheme, hazarajat, home
        As in :func:`cabinet.representation` (the first baseline block is used).
    assumptions : str or sequence of str
        Any of ``bounds``, ``like_known``, ``population``, ``priors`` (see the module docstring).
    priors : mapping, DataFrame or path, optional
        For ``priors``: see :mod:`cabinet.priors` (rows that name another column or a claim are left out).
    level : float
        Level of the interval of the count (default 0.90).
    method : {'exact', 'monte_carlo'}
        ``exact``: the exact distribution (Poisson-binomial and Dirichlet-multinomial; see the module
        docstring); ``monte_carlo``: ``n_draws`` seeded draws of the same model.
    prior : {'jeffreys', 'uniform'} or float
        The Dirichlet prior of ``like_known`` (and of ``priors`` for the people they do not name): Jeffreys'
        (1/2 on each group) by default, the uniform prior (1), or the concentration given.

    Returns
    -------
    pandas.DataFrame
        One row per group and assumption. Columns:

        - ``by``, ``group``, ``assumption``; ``count``, ``count_max``, ``n``: the bounds.
        - ``expected``: expected count under the assumption (NaN for ``bounds``).
        - ``interval_low``, ``interval_high``: the central ``level`` interval of the count (for
          ``bounds``: ``count`` and ``count_max``).
        - ``p_le_count``: the exact probability of a count this low under appointment in proportion to
          the baseline, averaged over the resolutions of the unknowns the assumption gives (for
          ``bounds``: NaN; see ``p_le_count`` and ``p_le_count_max`` of :func:`cabinet.representation`).
        - ``method``: ``exact``, ``monte_carlo`` or ``bounds``; ``baseline``: its label; ``prior``: the
          prior of ``like_known`` and ``priors`` (empty for the others); ``note``: what was pooled or filled.

        Every estimate lies within the bounds.

    Examples
    --------
    >>> import pandas as pd
    >>> toy = pd.DataFrame({"name": list("abcd"), "party": ["Red", "Red", "Blue", "unknown"],
    ...                     "position_class": ["minister"] * 4})
    >>> t = estimates(toy, "party", assumptions="like_known")  # Red with probability (2 + 1/2) / (3 + 1)
    >>> round(float(t.loc[t.group == "Red", "expected"].iloc[0]), 4)
    2.625
    >>> t["prior"].iloc[0]
    "Jeffreys' prior Beta(1/2, 1/2)"
    """
    roster = with_home(load_roster() if roster is None else roster, home)
    assumptions = check_assumptions(assumptions)
    check_method(method, level)
    table = representation(roster, by, baseline=baseline, scheme=scheme, hazarajat=hazarajat, adjust=None)
    first = table[table["baseline"].fillna("").astype(str) == str(table["baseline"].fillna("").iloc[0])]
    rows = first[first["status"] == "group"].set_index("group")
    groups = list(rows.index)
    shares = {g: float(v) for g, v in rows["baseline_share"].items()}
    frame = _estimate(roster, by, {g: [g] for g in groups}, groups,
                      bounds={g: (rows.at[g, "count"], rows.at[g, "count_max"]) for g in groups},
                      n=int(first["n"].iloc[0]), group_share=shares, target_share=shares,
                      province_share=_province_share(first["baseline"].iloc[0]), assumptions=assumptions,
                      priors=priors, prior=prior, scheme=scheme, hazarajat=hazarajat, level=level, method=method,
                      n_draws=n_draws, seed=seed)
    frame.insert(0, "by", by if isinstance(by, str) else " × ".join(by))
    frame["baseline"] = str(first["baseline_label"].iloc[0] or "")
    return frame[COLUMNS]


def check_method(method: str, level: float) -> None:
    if method not in ("exact", "monte_carlo"):
        raise ValueError(f"unknown method {method!r}; allowed: exact, monte_carlo")
    if not 0 < level < 1:
        raise ValueError(f"level must lie between 0 and 1; got {level!r}")


def _interval(pmf: np.ndarray, level: float) -> tuple[float, float]:
    """The central ``level`` interval of a count with this pmf (quantiles of the inverted cdf)."""
    cdf = np.cumsum(pmf)
    return (float(np.searchsorted(cdf, (1 - level) / 2 - 1e-12)),
            float(np.searchsorted(cdf, 1 - (1 - level) / 2 - 1e-12)))


def _estimate(roster, by, targets: dict, groups, *, bounds: dict, n: int, group_share: dict, target_share: dict,
              province_share, assumptions, priors, prior, scheme, hazarajat, level, method, n_draws, seed,
              alternatives=None) -> pd.DataFrame:
    """The rows of :func:`estimates` for the ``targets`` (label -> groups of ``by`` it joins)."""
    from scipy import stats

    has_base = any(pd.notna(v) for v in target_share.values())
    support = np.arange(n + 1)
    out = []
    for assumption in assumptions:
        if assumption == "bounds":
            for label in targets:
                out.append({"group": label, "assumption": "bounds", "expected": np.nan,
                            "interval_low": bounds[label][0], "interval_high": bounds[label][1], "p_le_count": np.nan,
                            "method": "bounds", "prior": "", "note": ""})
            continue
        if assumption == "population" and not has_base:
            for label in targets:
                out.append({"group": label, "assumption": assumption, "expected": np.nan, "interval_low": np.nan,
                            "interval_high": np.nan, "p_le_count": np.nan, "method": "", "prior": "",
                            "note": f"no population baseline for by={by!r}"})
            continue
        given = read_priors(priors, roster, column=by if isinstance(by, str) else None) \
            if assumption == "priors" and priors is not None else None
        model = build_model(roster, by, assumption, groups=groups, alternatives=alternatives,
                            baseline_share=pd.Series(group_share, dtype=float).fillna(0.0), priors=given, prior=prior,
                            province_share=province_share if assumption == "population" else None, scheme=scheme,
                            hazarajat=hazarajat)
        pmfs, used, notes = _pmfs(model, targets, method, n_draws, seed)
        for label, pmf in pmfs.items():
            lo, hi = _interval(pmf, level)
            p = float(target_share.get(label, np.nan))
            out.append({"group": label, "assumption": assumption, "expected": float((support * pmf).sum()),
                        "interval_low": lo, "interval_high": hi,
                        "p_le_count": float(np.sum(pmf * stats.binom.cdf(support, n, p))) if not np.isnan(p) else np.nan,
                        "method": used, "prior": model.prior, "note": "; ".join(filter(None, [model.note, notes]))})
    frame = pd.DataFrame(out)
    frame["count"] = frame["group"].map({k: v[0] for k, v in bounds.items()})
    frame["count_max"] = frame["group"].map({k: v[1] for k, v in bounds.items()})
    frame["n"] = n
    return frame


def _pmfs(model, targets: dict, method: str, n_draws: int, seed: int) -> tuple[dict, str, str]:
    """The count distribution of every target: exact, or by seeded Monte Carlo (asked for, or when the exact
    sum would be too long)."""
    n = model.n
    if method == "exact":
        try:
            return {label: model.pmf(gs) for label, gs in targets.items()}, "exact", ""
        except TooManyStates:
            note = "the exact sum is too long for this roster: seeded Monte Carlo"
    else:
        note = ""
    out = {}
    for label, gs in targets.items():
        hits, weights = model.draw_hits(gs, n_draws, seed)
        out[label] = np.bincount(hits, weights=weights, minlength=n + 1)[: n + 1] / weights.sum()
    return out, "monte_carlo", note


#: The named gaps :func:`gap_estimates` knows.
GAPS = ("west_southwest", "hazarajat", "helmandi_networks")


@takes_roster("roster")
def gap_estimates(roster: pd.DataFrame | None = None, gap: str = "west_southwest", *,
                  assumptions=("bounds", "like_known", "population"), priors=None, hazarajat: str = "core",
                  home: str | None = None, level: float = LEVEL, method: str = "exact", n_draws: int = 100_000,
                  seed: int = 0, prior=DEFAULT_PRIOR, baseline: str | None = None) -> pd.DataFrame:
    """:func:`estimates` for one of the three named gaps: its target group against everyone else.

    Parameters
    ----------
    gap : {'west_southwest', 'hazarajat', 'helmandi_networks'}
        The gap of :func:`cabinet.west_southwest_gap` (West and Southwest together),
        :func:`cabinet.hazarajat_gap` or :func:`cabinet.helmandi_networks_gap` (both networks together).
    hazarajat, home
        As in the gap functions.
    baseline : {'nsia_1398'} or None
        The gap's population (Helmand's share of it for the networks). None: the package's rosters
        get it; a roster of one's own (a file of any body, a frame made by hand) names it.
    Other parameters as in :func:`estimates`.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`estimates`, with ``gap`` first; rows for the target group and ``outside``.
        The west and southwest are estimated on the regions (a disputed home is weighted by the population of
        its candidate provinces under ``population``); the Helmandi networks on each appointee's network tag
        (an unknown network counts as open only where the home may be Helmand; the population baseline is
        Helmand's share, a proxy).

    Examples
    --------
    >>> t = gap_estimates(gap="hazarajat", assumptions=["bounds", "population"])
    >>> t[t.group == "Hazarajat"][["assumption", "interval_low", "interval_high"]].values.tolist()
    [['bounds', 0.0, 9.0], ['population', 0.0, 1.0]]
    """
    roster = with_home(load_roster() if roster is None else roster, home)
    if gap not in GAPS:
        raise ValueError(f"unknown gap {gap!r}{suggest(gap, GAPS)}; allowed: {', '.join(GAPS)}")
    if gap == "helmandi_networks":
        require_taliban(roster, "gap_estimates(gap='helmandi_networks')")
    if baseline not in (None, "nsia_1398"):
        raise ValueError(f"gap_estimates sets a gap against the NSIA 1398 population; baseline={baseline!r}; "
                         "allowed: 'nsia_1398' or None")
    if baseline is None and own_roster(roster):
        raise ValueError("gap_estimates sets a roster against Afghanistan's population; a roster of your own gets it "
                         "only when asked: give baseline='nsia_1398'")
    assumptions = check_assumptions(assumptions)
    check_method(method, level)
    kw = dict(assumptions=assumptions, priors=priors, level=level, method=method, n_draws=n_draws, seed=seed,
              prior=prior)
    if gap == "hazarajat":
        require_afghan(roster, ["province"], "gap_estimates")
        t = estimates(roster, "hazarajat", hazarajat=hazarajat, baseline="nsia_1398", **kw)
        t["group"] = t["group"].replace({"outside Hazarajat": OUTSIDE})
        target = HAZARAJAT
    else:
        if gap == "west_southwest":
            require_afghan(roster, ["province"], "gap_estimates")
            target, by, inside = "West and Southwest", "region", ["West", "Southwest"]
            base = geographic_baseline("region", scheme="commentary")
            group_share = {g: float(v) for g, v in base.share.items()}
            province = population_by_province("nsia_1398")[0]
            label = base.label
        else:
            require_afghan(roster, ["network", "province"], "gap_estimates")
            target, by, inside = "Helmandi networks", "_helmandi", ["in"]
            roster = roster.assign(_helmandi=[format_tag(tuple(dict.fromkeys(
                ("in",) if set(alt) & set(HELMANDI_NETWORKS) else (OUTSIDE,) for alt in parse_tag(v))))
                for v in helmandi_tags(roster)])
            share = float(geographic_baseline("province").share["Helmand"])
            group_share, province = {"in": share, OUTSIDE: 1 - share}, None
            label = "Helmand's share of the population (a proxy)"

        alternatives = group_alternatives(roster, by, scheme="commentary")
        groups = list(dict.fromkeys(list(group_share) + [g for a in alternatives for alt in a for g in alt]))
        targets = {target: inside, OUTSIDE: [g for g in groups if g not in inside]}
        hit = {lab: set(gs) for lab, gs in targets.items()}
        bounds = {lab: (float(sum(bool(a) and all(set(alt) & hit[lab] for alt in a) for a in alternatives)),
                        float(sum(not a or any(set(alt) & hit[lab] for alt in a) for a in alternatives)))
                  for lab in targets}
        share_in = sum(group_share.get(g, 0.0) for g in inside)
        t = _estimate(roster, by, targets, groups, bounds=bounds, n=len(roster), group_share=group_share,
                      target_share={target: share_in, OUTSIDE: 1 - share_in}, province_share=province,
                      scheme="commentary", hazarajat=hazarajat, alternatives=alternatives, **kw)
        t.insert(0, "by", gap)
        t["baseline"] = label
        t = t[COLUMNS]
    t["by"] = gap
    t.insert(0, "gap", gap)
    order = {target: 0, OUTSIDE: 1}
    return t.sort_values(["assumption", "group"], key=lambda s: s.map(order) if s.name == "group" else
                         s.map({a: i for i, a in enumerate(ASSUMPTIONS)}), kind="stable").reset_index(drop=True)
