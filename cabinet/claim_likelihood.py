"""How likely each claim is under stated assumptions about the unknown tags.

:func:`claims` gives each claim's verdict on what the sources state, with the
bounds the unknown tags allow; :func:`claim_probabilities` gives, beside those
bounds, the probability that the claim holds under each assumption of
:mod:`cabinet.assumptions` (like the known, population shares, priors), exactly
or by seeded Monte Carlo.

Every claim with an open tag is a statement that nobody (of a set of appointees)
is in a set of groups, sometimes with more: C6 says that one man (Muttaqi, the
commentary's own exception) may be from the southwest but not from the
Hazarajat, and everyone else from neither; C7 that nobody appointed earlier was
Iran-aligned *and* that Sadr was. Each is computed on the joint distribution of
the appointees' tags: one man has one home, so the probability that he is from
neither of two places is one minus the two, never the product of two
probabilities computed on the same man.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .io.loaders import load_later_appointments
from .io.reference_tables import load_provinces
from .claims import CLAIMS, PEOPLE, home_by_birth, earlier_appointees, resolve_list, claim_verdicts, attach_probability
from .baselines import geographic_baseline, population_by_province
from .gaps import HELMANDI_NETWORKS, helmandi_tags, OUTSIDE
from .groupings import suggest, vocabulary
from .predictive import DEFAULT_PRIOR, prior_alpha, TooManyStates
from .regions import HAZARAJAT, OUTSIDE_HAZARAJAT, region_map
from .tags import ABROAD, format_tag, parse_candidates, parse_tag
from .assumptions import check_assumptions, check_method
from .group_counts import group_alternatives
from .io import datapackage as dp
from .open_model import build_model
from .priors import prior_error, KEYS, prior_rows, read_priors
from .representation import representation
from .rosters import takes_roster

__all__ = [
    "claim_probabilities",
    "PROBABILITY_COLUMNS",
    "CLAIM_COLUMNS",
]

PROBABILITY_COLUMNS = ["id", "assumption", "probability", "probability_low", "probability_high", "method", "verdict",
                       "prior", "note"]



def claim_columns() -> dict[str, str]:
    """The tag column each claim's open tags are about (its :class:`cabinet.claims.Claim` entry's ``column``):
    what a row of a priors file may name in its ``column`` (C3 and C6 read the home region by birth; C4 the
    network, through the Helmandi networks)."""
    return {cid: c.column for cid, c in CLAIMS.items() if c.column is not None}


def _values(column: str) -> list[str]:
    enum = (dp.field("appointees", column).get("constraints") or {}).get("enum") or []
    return [v for v in enum if v != "unknown"]


class _Question:
    """One claim as a question about open tags: the appointees, their alternatives, the groups an open tag can
    take, the groups each appointee must stay out of, and the baseline for ``population``."""

    def __init__(self, cid, frame, by, hits, *, groups, alternatives=None, shares=None, province=None,
                 prior_groups=None, prior_map=None, hazarajat="core"):
        self.cid, self.frame, self.by, self.hits, self.hazarajat = cid, frame, by, hits, hazarajat
        self.sadr = False  # C7: Sadr's own tag is open
        self.groups, self.alternatives, self.shares, self.province = groups, alternatives, shares, province
        self.prior_groups = prior_groups if prior_groups is not None else groups  # what a priors row may name
        self.prior_map = prior_map  # maps a priors row's groups to the question's groups (None: as they are)


def _cells(hazarajat: str) -> list[str]:
    """Every region x Hazarajat cell some province can be in, and the cell of a home abroad (no Afghan region)."""
    provinces = load_provinces()["province"].tolist()
    frame = pd.DataFrame({"province": provinces, "district": ["unknown"] * len(provinces)})
    alts = group_alternatives(frame, ["region", "hazarajat"], hazarajat=hazarajat)
    return list(dict.fromkeys(g for a in alts for alt in a for g in alt))


def _population_shares(by, hazarajat):
    """The population baseline for an assumption in proportion to the population (None where there is none)."""
    if by == "_helmandi":  # the gap's own proxy: Helmand's share of the population
        share = float(geographic_baseline("province").share["Helmand"])
        return pd.Series({"in": share, "outside": 1 - share})
    if by == "region":
        return geographic_baseline("region", scheme="commentary").share
    if by == "hazarajat":
        return geographic_baseline("hazarajat", hazarajat=hazarajat).share
    if isinstance(by, list) and by == ["region", "hazarajat"]:
        pop, _, _ = population_by_province("nsia_1398")
        prov = load_provinces().set_index("province")
        regions = region_map("commentary")
        # by province: the core Hazarajat provinces (district populations are not published)
        key = [f"{regions[p]} × {HAZARAJAT if prov.at[p, 'hazarajat'] == 'core' else OUTSIDE_HAZARAJAT}"
               for p in pop.index]
        return (pop / pop.sum()).groupby(key).sum()
    raise ValueError(f"no population baseline for {by!r}")


class QuestionInput:
    """What the question of each claim is built from: the list, the later appointments, the Hazarajat definition,
    and what several claims share (home by birth, the population by province), computed once."""

    def __init__(self, roster, later, hazarajat: str):
        self.roster, self.later, self.hazarajat = roster, later, hazarajat
        self._birth: pd.DataFrame | None = None
        self._province: pd.Series | None = None

    @property
    def birth(self) -> pd.DataFrame:
        if self._birth is None:
            self._birth = home_by_birth(self.roster)[0]
        return self._birth

    @property
    def province(self) -> pd.Series:
        if self._province is None:
            self._province = population_by_province("nsia_1398")[0]
        return self._province

    @property
    def muttaqi(self) -> np.ndarray:
        return self.roster["person_id"].eq(PEOPLE["muttaqi"]).to_numpy()


_WSW = {"West", "Southwest"}


def _q_c1(i: QuestionInput) -> _Question:
    return _Question("C1", i.roster, "affiliation", [{"non_taliban"}] * len(i.roster), groups=_values("affiliation"))


def _q_c2(i: QuestionInput) -> _Question:
    return _Question("C2", i.roster, "iran_aligned", [{"yes"}] * len(i.roster), groups=_values("iran_aligned"))


def _q_c3(i: QuestionInput) -> _Question:
    return _Question("C3", i.birth, "region", [set() if m else _WSW for m in i.muttaqi],
                     groups=list(vocabulary("region")), shares=_population_shares("region", i.hazarajat),
                     province=i.province)


def _q_c4(i: QuestionInput) -> _Question:
    helmandi = i.roster.assign(_helmandi=[format_tag(tuple(dict.fromkeys(
        ("in",) if set(alt) & set(HELMANDI_NETWORKS) else (OUTSIDE,) for alt in parse_tag(v))))
        for v in helmandi_tags(i.roster)])
    return _Question("C4", helmandi, "_helmandi", [{"in"}] * len(i.roster), groups=["in", OUTSIDE],
                     shares=_population_shares("_helmandi", i.hazarajat), prior_groups=list(vocabulary("network")),
                     prior_map=lambda d: _two_way(d, HELMANDI_NETWORKS))


def _q_c6(i: QuestionInput) -> _Question:
    cells = _cells(i.hazarajat)
    haz = {c for c in cells if c.endswith(f" × {HAZARAJAT}")}
    either = haz | {c for c in cells if c.split(" × ")[0] in _WSW}
    region_of = {c: c.split(" × ")[0] for c in cells}
    cell_share = _population_shares(["region", "hazarajat"], i.hazarajat)
    return _Question("C6", i.birth, ["region", "hazarajat"], [haz if m else either for m in i.muttaqi], groups=cells,
                     shares=cell_share, province=i.province, prior_groups=list(vocabulary("region")) + cells,
                     prior_map=lambda d: _split_regions(d, region_of, cell_share), hazarajat=i.hazarajat)


def _q_c7(i: QuestionInput) -> _Question:
    # C7 reads the appointees announced before 21 September 2021; Sadr joins them only when his own tag is open
    # (a known tag of his is a fact of the claim, not evidence about the earlier appointees)
    earlier = earlier_appointees(i.roster, i.later)
    sadr = i.later[i.later["person_id"] == PEOPLE["sadr"]].iloc[:1]
    sadr_open = not sadr.empty and parse_candidates(sadr["iran_aligned"].iloc[0]) != ("yes",)
    frame = pd.concat([earlier, sadr], ignore_index=True) if sadr_open else earlier
    q = _Question("C7", frame, "iran_aligned", [{"yes"}] * len(earlier) + [set()] * sadr_open,
                  groups=_values("iran_aligned"))
    q.sadr = sadr_open
    return q


def _questions(roster, later, hazarajat: str) -> dict:
    """The claims that have a question about open tags (:attr:`cabinet.claims.Claim.question`), each as a
    :class:`_Question`."""
    i = QuestionInput(roster, later, hazarajat)
    return {cid: c.question(i) for cid, c in CLAIMS.items() if c.question is not None}


def _two_way(dist: dict, inside) -> dict:
    """A prior over networks as a prior over in/outside the Helmandi networks."""
    p_in = sum(p for g, p in dist.items() if g in set(inside))
    p_out = sum(p for g, p in dist.items() if g not in set(inside))
    return {g: p for g, p in (("in", p_in), (OUTSIDE, p_out)) if p > 0 or g in {"in"} & set(dist)}


def _split_regions(dist: dict, region_of: dict, cell_share: pd.Series) -> dict:
    """A prior over regions as a prior over region x Hazarajat cells, each region's probability split in
    proportion to the population of its cells (a cell named as such is kept)."""
    out: dict[str, float] = {}
    for g, p in dist.items():
        if g in region_of:
            out[g] = out.get(g, 0.0) + p
            continue
        cells = [c for c, r in region_of.items() if r == g]
        w = np.array([float(cell_share.get(c, 0.0)) for c in cells])
        w = w / w.sum() if w.sum() > 0 else np.full(len(cells), 1.0 / len(cells))
        for c, x in zip(cells, w):
            out[c] = out.get(c, 0.0) + p * x
    return out


def _check_priors(rows, questions: dict, roster, later) -> None:
    """Refuse a priors row that can bear on no claim: an unknown claim or column, a person in neither roster, or
    (naming neither) a group no claim's column has."""
    claim_cols = claim_columns()
    columns = sorted(set(claim_cols.values()))
    people = set()
    for frame in (roster, later):
        for col in KEYS:
            if col in frame.columns:
                people |= set(frame[col].astype(str))
    for r in rows:
        if r.claim and r.claim not in claim_cols:
            allowed = ", ".join(claim_cols)
            why = "no unknown tag bears on it" if r.claim in CLAIMS else "no such claim"
            raise prior_error(r.where, "claim", r.claim, f"{why}: a prior cannot apply to it", allowed)
        if r.column and r.column not in columns:
            raise prior_error(r.where, "column", r.column, "no claim reads this column", ", ".join(columns))
        if r.who not in people:
            raise prior_error(r.where, "name", r.who, "the priors name someone who is in neither the list of 7 September "
                         "2021 nor the later appointments" + suggest(r.who, sorted(people)))
        if not r.claim and not r.column and not any(r.group in set(q.prior_groups) for q in questions.values()):
            raise prior_error(r.where, "group", r.group, "a group of no claim's column (name the column or the claim)",
                         "; ".join(f"{c}: {', '.join(map(str, q.prior_groups[:8]))}" for c, q in questions.items()))


def _model(q: _Question, assumption: str, prior_rows_, prior):
    given = None
    if assumption == "priors" and prior_rows_:
        given = read_priors(prior_rows_, q.frame, column=claim_columns()[q.cid], claim=q.cid, groups=q.prior_groups,
                            skip_absent=True)
        if q.prior_map is not None:
            given = {i: q.prior_map(d) for i, d in given.items()}
    return build_model(q.frame, q.by, assumption, groups=q.groups, alternatives=q.alternatives,
                       baseline_share=q.shares if assumption == "population" else None,
                       province_share=q.province if assumption == "population" else None, priors=given, prior=prior,
                       hazarajat=q.hazarajat)


def _none(model, hits, method: str, n_draws: int, seed: int) -> tuple[float, str, str]:
    """P(no appointee in his hit groups): exact, or by seeded Monte Carlo (asked for, or when the exact sum would
    be too long; plural tags are always exact)."""
    if method == "exact" or model.plural:
        try:
            return model.probability_none(hits), "exact", ""
        except TooManyStates:
            pass
        except NotImplementedError:
            return float("nan"), "", "plural tags with a different target per appointee: not computed"
    counts, weights = model.draw_hits(hits, n_draws, seed)
    note = "" if method == "monte_carlo" else "the exact sum is too long for this roster: seeded Monte Carlo"
    return float(np.sum(weights * (counts == 0)) / np.sum(weights)), "monte_carlo", note


@takes_roster("roster")
def claim_probabilities(roster: pd.DataFrame | None = None, later: pd.DataFrame | None = None, *,
                        assumptions=("bounds", "like_known", "population"), priors=None, prior=DEFAULT_PRIOR,
                        hazarajat: str = "core", method: str = "exact", n_draws: int = 100_000,
                        seed: int = 0) -> pd.DataFrame:
    """How likely each claim is to hold, under each assumption about the unknowns.

    The verdicts of :func:`claims` stay three-valued and never use these figures; this table sits beside
    them. Under ``bounds`` the probability is not estimated: ``probability_low`` and ``probability_high``
    are 1 and 1 for a supported claim, 0 and 0 for a contradicted one, 0 and 1 for an undetermined one.
    Under the other assumptions (see :mod:`cabinet.assumptions`) the probability is computed on the joint
    distribution of the open tags: exactly (``like_known``: the Dirichlet-multinomial posterior predictive
    of the known appointees, under Jeffreys' prior unless ``prior`` says otherwise; ``population``: each
    open appointee independently in proportion to the population, a disputed home weighted by its
    candidate provinces), or by seeded Monte Carlo of the same model (C6 while a region could still be
    empty, or ``method="monte_carlo"``).

    Claims that no assumption touches (C5, C8: posts and names, all sourced) have probability 1 or 0.
    A claim whose facts rest on another column than the one assumed (C1: affiliation; C2, C7: Iran
    alignment; C3, C6: home by birth and region; C4: network) uses that column. The claims are about the
    list of 7 September 2021, whatever roster is given (see :func:`cabinet.claims.first_list`).

    Parameters
    ----------
    roster, later : DataFrame, optional
        As in :func:`cabinet.claims`.
    assumptions : str or sequence of str
        Any of ``bounds``, ``like_known``, ``population``, ``priors``.
    priors : mapping, DataFrame or path, optional
        For ``priors``: an expert's probabilities (:mod:`cabinet.priors`). A row may name the ``column`` it
        is about (:data:`CLAIM_COLUMNS`: ``affiliation``, ``iran_aligned``, ``region``, ``network``) or the
        ``claim``; a row naming neither applies to every claim whose column has its group. A prior over
        regions applies to C6 split over each region's Hazarajat and other provinces in proportion to their
        population; a prior over networks applies to C4 as the probability of a Helmandi network.
    prior : {'jeffreys', 'uniform'} or float
        The Dirichlet prior of ``like_known`` (default: Jeffreys', 1/2 on each group of the claim's column).
    hazarajat : {'core', 'extended'}
        Hazarajat definition for C6.
    method : {'exact', 'monte_carlo'}
    n_draws, seed : int
        Monte Carlo draws and their seed.

    Returns
    -------
    pandas.DataFrame
        One row per claim and assumption: ``id``, ``assumption``, ``probability`` (NaN under ``bounds``),
        ``probability_low``, ``probability_high``, ``method`` (``bounds``, ``exact``, ``monte_carlo`` or
        ``sourced``), ``verdict`` (of :func:`claims`, for reference), ``prior`` (the prior of ``like_known``
        and ``priors``) and ``note``.

    Examples
    --------
    >>> t = claim_probabilities(assumptions=["bounds", "like_known"])
    >>> t[t.id == "C5"]["probability_high"].tolist()
    [1.0, 1.0]
    >>> p = t[(t.id == "C2") & (t.assumption == "like_known")]["probability"].iloc[0]
    >>> bool(0 < p < 1)
    True
    """
    roster, _ = resolve_list(roster, "claim_probabilities (C1-C8)")
    later = load_later_appointments() if later is None else later
    assumptions = check_assumptions(assumptions)
    check_method(method, 0.5)
    prior_alpha(prior)
    verdicts = claim_verdicts(roster, later, hazarajat)
    questions = _questions(roster, later, hazarajat)
    rows_ = prior_rows(priors) if priors is not None else []
    _check_priors(rows_, questions, roster, later)
    out = []
    for assumption in assumptions:
        for cid, verdict in verdicts.items():
            if assumption == "bounds":
                lo, hi = {"supported": (1.0, 1.0), "contradicted": (0.0, 0.0)}.get(verdict, (0.0, 1.0))
                out.append([cid, assumption, float("nan"), lo, hi, "bounds", verdict, "", ""])
                continue
            entry = CLAIMS[str(cid)]
            if entry.question is None or verdict != "undetermined":
                p = {"supported": 1.0, "contradicted": 0.0}.get(verdict, float("nan"))
                out.append([cid, assumption, p, p, p, "sourced", verdict, "",
                            "decided by sourced values; no unknown bears on it"])
                continue
            if assumption == "population" and not entry.population:
                out.append([cid, assumption, float("nan"), float("nan"), float("nan"), "", verdict, "",
                            "no population share exists for this tag"])
                continue
            p, used, label, note = _claim_probability(questions[cid], roster, assumption, rows_, prior, method,
                                                      n_draws, seed)
            out.append([cid, assumption, p, p, p, used, verdict, label, note])
    table = pd.DataFrame(out, columns=PROBABILITY_COLUMNS)
    table.attrs["prior"] = prior
    table.attrs["n"] = len(roster)
    return table


def _claim_probability(q: _Question, roster, assumption, rows_, prior, method, n_draws, seed):
    """(probability, method, prior label, note) of one claim under one assumption."""
    model = _model(q, assumption, rows_, prior)
    label = model.prior
    own = CLAIMS[q.cid].probability
    if own is not None:
        return own(q, model, roster, method, n_draws, seed)
    p, used, note = _none(model, q.hits, method, n_draws, seed)
    return p, used, label, "; ".join(filter(None, [model.note, note]))


def _c7(q: _Question, model, roster, method, n_draws, seed):
    """C7: nobody earlier Iran-aligned, and Sadr (when his tag is open) Iran-aligned:
    P(none earlier) - P(none earlier and Sadr not)."""
    p_none, used, note = _none(model, q.hits, method, n_draws, seed)
    if not q.sadr:
        return p_none, used, model.prior, "; ".join(filter(None, [model.note, note]))
    hits_all = q.hits[:-1] + [{"yes"}]
    p_both, _, _ = _none(model, hits_all, method, n_draws, seed)
    return max(0.0, p_none - p_both), used, model.prior, "; ".join(filter(None, [model.note, note]))


def _c6(q: _Question, model, roster, method, n_draws, seed):
    """C6: nobody but Muttaqi from the west or southwest, nobody from the Hazarajat, and every other region with
    an appointee. While every other region has a known appointee the last part holds for sure and the rest is
    exact; otherwise the joint distribution by seeded Monte Carlo."""
    t = representation(q.frame, "region", scheme="commentary")
    others = t[(t["status"] == "group") & ~t["group"].isin(["West", "Southwest", ABROAD])]  # abroad: no region
    if (others["count"] >= 1).all():
        p, used, note = _none(model, q.hits, method, n_draws, seed)
        return p, used, model.prior, "; ".join(filter(None, [model.note, note]))
    if model.plural:
        return float("nan"), "", model.prior, "a region could be empty and the tags are plural: not computed"
    chosen, weights = model.draw(n_draws, seed)
    hits = np.stack([model._mask(h) for h in q.hits], axis=0)
    ok = ~hits[np.arange(model.n)[None, :], chosen].any(axis=1)
    for region in others["group"]:
        cols = np.array([g.split(" × ")[0] == region for g in model.groups])
        ok &= cols[chosen].any(axis=1)
    p = float(np.sum(weights * ok) / np.sum(weights))
    return p, "monte_carlo", model.prior, "; ".join(filter(None, [model.note, "a region could be empty: the joint "
                                                                               "distribution by Monte Carlo"]))


for _cid, _question, _probability in (("C1", _q_c1, None), ("C2", _q_c2, None), ("C3", _q_c3, None),
                                       ("C4", _q_c4, None), ("C6", _q_c6, _c6), ("C7", _q_c7, _c7)):
    attach_probability(_cid, _question, _probability)

#: The tag column each claim's open tags are about, as registered when the package was imported
#: (:func:`claim_columns` reads the registry as it is now).
CLAIM_COLUMNS = claim_columns()
