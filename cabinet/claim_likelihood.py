"""How likely each claim is under stated assumptions about the unknown tags.

:func:`claims` gives each claim's verdict on what the sources state, with the
bounds the unknown tags allow; :func:`claim_probabilities` gives, beside those
bounds, the probability that the claim holds under each assumption of
:mod:`cabinet.assumptions` (like the known, population shares, priors), exactly
(Poisson-binomial) or by seeded Monte Carlo.
"""

from __future__ import annotations

import pandas as pd

from .io.loaders import load_appointees, load_later_appointments
from .representation import representation
from .rosters import refuse_republic
from .claims import PEOPLE, _birth, _verdicts
from .tags import ABROAD

__all__ = [
    "claim_probabilities",
    "PROBABILITY_COLUMNS",
]

PROBABILITY_COLUMNS = ["id", "assumption", "probability", "probability_low", "probability_high", "method", "verdict",
                       "note"]


def _no_one_in(frame: pd.DataFrame, by, targets, assumption, mask=None, *, priors=None, method="exact",
               n_draws=100_000, seed=0, hazarajat="core", groups=None):
    """Probability that no appointee of ``frame[mask]`` is in any of ``targets``, and the note of the matrix."""
    import numpy as np

    from .assumptions import draw_counts, probability_matrix, probability_none

    if groups is None:
        groups = _universe(frame, by, hazarajat)
    matrix = probability_matrix(frame, by, assumption, priors=priors, hazarajat=hazarajat, groups=groups,
                                baseline_share=_population_shares(by, hazarajat) if assumption == "population" else None)
    if mask is not None:
        matrix = matrix.loc[mask.to_numpy() if hasattr(mask, "to_numpy") else mask]
    cols = [c for c in matrix.columns if c in set(targets)]
    if not cols or matrix.empty:
        return 1.0, matrix.attrs.get("note", "")
    if method == "exact" or matrix.attrs.get("plural"):
        return probability_none(matrix[cols].sum(axis=1).clip(upper=1).to_numpy()), matrix.attrs.get("note", "")
    counts = draw_counts(matrix, n_draws, seed)
    hit = counts[:, [list(matrix.columns).index(c) for c in cols]].sum(axis=1)
    return float(np.mean(hit == 0)), matrix.attrs.get("note", "")


def _universe(frame, by, hazarajat):
    """Every group an unknown appointee could be in: the codebook's, or the roster's own."""
    from .groupings import vocabulary
    from .regions import HAZARAJAT, OUTSIDE_HAZARAJAT, region_map

    if isinstance(by, list):
        regions = list(dict.fromkeys(region_map("commentary"))) + [ABROAD]  # a home abroad: no Afghan region
        return [f"{r} × {h}" for r in regions for h in (HAZARAJAT, OUTSIDE_HAZARAJAT)]
    t = representation(frame, by, hazarajat=hazarajat, adjust=None)
    return list(dict.fromkeys(list(vocabulary(by, hazarajat=hazarajat)) + list(t.loc[t["status"] == "group", "group"])))


def _population_shares(by, hazarajat):
    """The population baseline for an assumption in proportion to the population (None where there is none)."""
    from .baselines import geographic_baseline

    if by == "_helmandi":  # the gap's own proxy: Helmand's share of the population
        share = float(geographic_baseline("province").share["Helmand"])
        return pd.Series({"in": share, "outside": 1 - share})

    if by == "region":
        return geographic_baseline("region", scheme="commentary").share
    if by == "hazarajat":
        return geographic_baseline("hazarajat", hazarajat=hazarajat).share
    if isinstance(by, list) and by == ["region", "hazarajat"]:
        from .baselines import population_by_province
        from .io.loaders import load_provinces
        from .regions import HAZARAJAT, OUTSIDE_HAZARAJAT, region_map

        pop, _, _ = population_by_province("nsia_1398")
        prov = load_provinces().set_index("province")
        regions = region_map("commentary")
        # by province: the core Hazarajat provinces (district populations are not published)
        key = [f"{regions[p]} × {HAZARAJAT if prov.at[p, 'hazarajat'] == 'core' else OUTSIDE_HAZARAJAT}"
               for p in pop.index]
        return (pop / pop.sum()).groupby(key).sum()
    raise ValueError(f"no population baseline for {by!r}")


def claim_probabilities(roster: pd.DataFrame | None = None, later: pd.DataFrame | None = None, *,
                        assumptions=("bounds", "like_known", "population"), priors=None, hazarajat: str = "core",
                        method: str = "exact", n_draws: int = 100_000, seed: int = 0) -> pd.DataFrame:
    """How likely each claim is to hold, under each assumption about the unknowns.

    The verdicts of :func:`claims` stay three-valued and never use these figures; this table sits beside
    them. Under ``bounds`` the probability is not estimated: ``probability_low`` and ``probability_high``
    are 1 and 1 for a supported claim, 0 and 0 for a contradicted one, 0 and 1 for an undetermined one.
    Under the other assumptions (see :mod:`cabinet.estimates`) the probability is exact where the claim
    says that no appointee is in a group (a product over independent appointees), and seeded Monte Carlo
    otherwise (C6 while a region could still be empty).

    Claims that no assumption touches (C5, C8: posts and names, all sourced) have probability 1 or 0.
    A claim whose facts rest on another column than the one assumed (C1: affiliation; C2, C7: Iran
    alignment; C3, C6: home by birth and region; C4: network) uses that column.

    Returns
    -------
    pandas.DataFrame
        One row per claim and assumption: ``id``, ``assumption``, ``probability`` (NaN under ``bounds``),
        ``probability_low``, ``probability_high``, ``method`` (``bounds``, ``exact``, ``monte_carlo`` or
        ``sourced``), ``verdict`` (of :func:`claims`, for reference) and ``note``.

    Examples
    --------
    >>> t = claim_probabilities(assumptions=["bounds", "like_known"])
    >>> t[t.id == "C5"]["probability_high"].tolist()
    [1.0, 1.0]
    """
    from .assumptions import _check_assumptions

    roster = load_appointees() if roster is None else roster
    refuse_republic(roster, "claim_probabilities (C1-C8)")
    later = load_later_appointments() if later is None else later
    assumptions = _check_assumptions(assumptions)
    verdicts = _verdicts(roster, later, hazarajat)
    rows = []
    kw = dict(priors=priors, method=method, n_draws=n_draws, seed=seed, hazarajat=hazarajat)
    muttaqi = roster["person_id"].eq(PEOPLE["muttaqi"])
    birth, _ = _birth(roster)
    for assumption in assumptions:
        for cid, verdict in verdicts.items():
            if assumption == "bounds":
                lo, hi = {"supported": (1.0, 1.0), "contradicted": (0.0, 0.0)}.get(verdict, (0.0, 1.0))
                rows.append([cid, assumption, float("nan"), lo, hi, "bounds", verdict, ""])
                continue
            if cid in ("C5", "C8") or verdict != "undetermined":
                p = {"supported": 1.0, "contradicted": 0.0}.get(verdict, float("nan"))
                rows.append([cid, assumption, p, p, p, "sourced", verdict,
                             "decided by sourced values; no unknown bears on it"])
                continue
            if assumption == "population" and cid in ("C1", "C2", "C7"):
                rows.append([cid, assumption, float("nan"), float("nan"), float("nan"), "", verdict,
                             "no population share exists for this tag"])
                continue
            p, note = _claim_probability(cid, roster, later, birth, muttaqi, assumption, kw)
            rows.append([cid, assumption, p, p, p, method, verdict, note])
    return pd.DataFrame(rows, columns=PROBABILITY_COLUMNS)


def _claim_probability(cid, roster, later, birth, muttaqi, assumption, kw):
    import numpy as np

    from .gaps import OUTSIDE, helmandi_tags

    if cid == "C1":
        return _no_one_in(roster, "affiliation", ["non_taliban"], assumption, **kw)
    if cid == "C2":
        return _no_one_in(roster, "iran_aligned", ["yes"], assumption, **kw)
    if cid == "C3":
        return _no_one_in(birth, "region", ["West", "Southwest"], assumption, ~muttaqi, **kw)
    if cid == "C4":
        frame = roster.assign(_helmandi=[
            "|".join(dict.fromkeys("in" if x != OUTSIDE else x for x in v.split("|"))) if v != "unknown" else v
            for v in helmandi_tags(roster)])
        return _no_one_in(frame, "_helmandi", ["in"], assumption, **kw)
    if cid == "C6":
        by = ["region", "hazarajat"]
        groups = None
        p_wsw, note = _no_one_in(roster, by, [f"{r} × {h}" for r in ("West", "Southwest") for h in
                                               ("Hazarajat", "outside Hazarajat")], assumption, ~muttaqi, **kw)
        p_haz, _ = _no_one_in(roster, by, [f"{r} × Hazarajat" for r in ("Capital", "East", "North", "South")],
                              assumption, **kw)
        t = representation(roster, "region", scheme="commentary")
        t = t[(t["status"] == "group") & ~t["group"].isin(["West", "Southwest", ABROAD])]  # abroad: no region
        if (t["count"] >= 1).all():
            return p_wsw * p_haz, note
        # a region could still be empty: the joint distribution, by Monte Carlo
        from .assumptions import draw_counts, probability_matrix

        matrix = probability_matrix(roster, by, assumption, priors=kw["priors"], hazarajat=kw["hazarajat"],
                                    groups=groups, baseline_share=_population_shares(by, kw["hazarajat"])
                                    if assumption == "population" else None)
        counts = draw_counts(matrix, kw["n_draws"], kw["seed"])
        cols = list(matrix.columns)
        others_ok = np.ones(len(counts), dtype=bool)
        for region in t["group"]:
            idx = [j for j, c in enumerate(cols) if c.startswith(f"{region} × ")]
            others_ok &= counts[:, idx].sum(axis=1) >= 1
        return float(np.mean(others_ok)) * p_wsw * p_haz, note + "; regions that could be empty: Monte Carlo"
    if cid == "C7":
        date = pd.Timestamp("2021-09-21")
        earlier = pd.concat([roster, later[later["announced"] < date]], ignore_index=True)
        sadr = later[later["person_id"] == PEOPLE["sadr"]]
        p_none, note = _no_one_in(earlier, "iran_aligned", ["yes"], assumption, **kw)
        if sadr.empty:
            return 0.0, "Sadr is not among the later appointments"
        both = pd.concat([earlier, sadr.iloc[[0]]], ignore_index=True)
        mask = pd.Series([False] * len(earlier) + [True])
        p_not_yes, _ = _no_one_in(both, "iran_aligned", ["yes"], assumption, mask, **kw)
        return p_none * (1 - p_not_yes), note
    raise ValueError(f"no estimate for claim {cid!r}")
