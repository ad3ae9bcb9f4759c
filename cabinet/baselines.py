"""Population baselines: what share of the country each group would get in proportion.

Named baselines
---------------
``nsia_1398``
    NSIA settled-population estimate for 1398 SH (2019-20), per province.
``nsia_1400``
    NSIA estimate for 1400 SH (2021-22). The press published no figure for
    Kapisa; it is imputed as its 1398 figure times the growth of the other 33
    provinces, and the table says so (an inference, never hidden).
an ``estimate_id`` of ``ethnic_estimates.csv``
    A published estimate of the ethnic composition (midpoint of its range).
``all``
    For ethnicity: every bundled estimate, one block each (a sensitivity table).

A user may pass a mapping or Series of group -> share (or counts) instead.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .loaders import load_ethnic_estimates, load_provinces
from .regions import HAZARAJAT, OUTSIDE_HAZARAJAT, _district_set, region_map

__all__ = ["POPULATION_BASELINES", "Baseline", "population_by_province", "geographic_baseline",
           "ethnic_baseline", "user_baseline", "baseline_names"]

POPULATION_BASELINES = ("nsia_1398", "nsia_1400")

_LABELS = {
    "nsia_1398": "NSIA settled population 1398 (2019-20)",
    "nsia_1400": "NSIA population estimate 1400 (2021-22)",
}


class Baseline:
    """Shares per group, with optional low/high bounds and provenance.

    Attributes
    ----------
    name : str
        Short id (``nsia_1398``, an ``estimate_id``, or ``user``).
    label : str
        Human-readable description naming the source.
    share, low, high : pandas.Series
        Indexed by group, on the 0-1 scale. ``low``/``high`` equal ``share``
        where the source gives a point figure.
    sources : str
        Source ids (``;``-separated) behind the figures.
    note : str
        Any imputation or assumption, in words ("" if none).
    """

    def __init__(self, name, label, share, low=None, high=None, sources="", note=""):
        self.name = name
        self.label = label
        self.share = pd.Series(share, dtype="float64")
        self.low = self.share.copy() if low is None else pd.Series(low, dtype="float64").reindex(self.share.index)
        self.high = self.share.copy() if high is None else pd.Series(high, dtype="float64").reindex(self.share.index)
        self.sources = sources
        self.note = note

    def __repr__(self):
        return f"Baseline({self.name!r}, {len(self.share)} groups)"


def population_by_province(baseline: str = "nsia_1398") -> tuple[pd.Series, str, str]:
    """Population per province under a named population baseline.

    Returns
    -------
    population : pandas.Series
        Indexed by province.
    sources : str
        Source ids behind the figures.
    note : str
        Imputations made (empty for ``nsia_1398``).

    Examples
    --------
    >>> pop, _, note = population_by_province("nsia_1398")
    >>> int(pop.sum())
    30725560
    """
    if baseline not in POPULATION_BASELINES:
        raise ValueError(f"unknown population baseline {baseline!r}; allowed: {', '.join(POPULATION_BASELINES)}")
    from . import datapackage as dp

    prov = load_provinces()
    column = "population_nsia_1398" if baseline == "nsia_1398" else "population_nsia_1400"
    sources = ";".join(dp.field("provinces", column).get("cabinet:sources", []))
    old = pd.Series(prov["population_nsia_1398"].astype("float64").to_numpy(), index=prov["province"])
    if baseline == "nsia_1398":
        return old, sources, ""
    new = pd.Series(prov["population_nsia_1400"].astype("float64").to_numpy(), index=prov["province"])
    missing = new[new.isna()].index.tolist()
    note = ""
    if missing:
        known = new.notna()
        growth = new[known].sum() / old[known].sum()
        new[missing] = old[missing] * growth
        note = (f"{', '.join(missing)}: no NSIA 1400 figure was published; imputed as the 1398 figure "
                f"x {growth:.4f}, the growth of the other provinces (an inference)")
    return new, sources, note


def geographic_baseline(by: str, *, scheme: str = "commentary", baseline: str = "nsia_1398",
                        hazarajat: str = "core") -> Baseline:
    """Population shares per province, region or Hazarajat status.

    For the extended Hazarajat the population of the Hazara districts of
    partial provinces is not published per district, so the share is given as
    bounds: ``low`` counts the core provinces only, ``high`` adds the whole
    population of every province holding a listed Hazara district; ``share``
    is the midpoint.

    Examples
    --------
    >>> b = geographic_baseline("region", scheme="commentary")
    >>> round(float(b.share["Southwest"]), 4)
    0.0521
    """
    pop, sources, note = population_by_province(baseline)
    total = pop.sum()
    label = _LABELS[baseline]
    if by == "province":
        return Baseline(baseline, label, pop / total, sources=sources, note=note)
    if by == "region":
        regions = region_map(scheme)
        share = (pop / total).groupby(regions.reindex(pop.index)).sum()
        return Baseline(baseline, label, share, sources=sources, note=note)
    if by == "hazarajat":
        prov = load_provinces()
        core = set(prov.loc[prov["hazarajat"] == "core", "province"])
        inside = pop[pop.index.isin(core)].sum() / total
        if hazarajat == "core":
            share = pd.Series({HAZARAJAT: inside, OUTSIDE_HAZARAJAT: 1 - inside})
            return Baseline(baseline, label, share, sources=sources, note=note)
        partial = set(_district_set("extended"))
        extra = pop[pop.index.isin(partial)].sum() / total
        low = pd.Series({HAZARAJAT: inside, OUTSIDE_HAZARAJAT: 1 - inside - extra})
        high = pd.Series({HAZARAJAT: inside + extra, OUTSIDE_HAZARAJAT: 1 - inside})
        mid = (low + high) / 2
        ext_note = ("extended Hazarajat: district populations are not published, so the share is bounded by "
                    "the core provinces alone (low) and the core plus the whole of every province with a listed "
                    "Hazara district (high); share is the midpoint")
        return Baseline(baseline, label, mid, low, high, sources=sources,
                        note="; ".join(x for x in (note, ext_note) if x))
    raise ValueError(f"no population baseline for by={by!r}; allowed: province, region, hazarajat")


def baseline_names(by: str) -> list[str]:
    """The named baselines available for grouping ``by``.

    Examples
    --------
    >>> baseline_names("region")
    ['nsia_1398', 'nsia_1400']
    """
    if by in ("province", "region", "hazarajat"):
        return list(POPULATION_BASELINES)
    if by == "ethnicity":
        return list(dict.fromkeys(load_ethnic_estimates()["estimate_id"])) + ["all"]
    return []


def ethnic_baseline(estimate_id: str) -> Baseline:
    """One published estimate of the ethnic composition as a :class:`Baseline`.

    Shares are the midpoints of the published ranges; ``low``/``high`` keep the
    range. Groups the estimate does not list are absent (their baseline is
    unknown, not zero).
    """
    est = load_ethnic_estimates()
    rows = est[est["estimate_id"] == estimate_id]
    if rows.empty:
        allowed = ", ".join(dict.fromkeys(est["estimate_id"]))
        raise ValueError(f"unknown ethnic estimate {estimate_id!r}; allowed: {allowed}, or 'all'")
    low = pd.Series(rows["share_low"].to_numpy() / 100, index=rows["group"])
    high = pd.Series(rows["share_high"].to_numpy() / 100, index=rows["group"])
    mid = (low + high) / 2
    note = ""
    if "Other" not in mid.index and mid.sum() < 1 - 1e-9:
        # The groups listed leave part of the population unassigned: keep it, labelled, as "Other".
        mid["Other"] = 1 - mid.sum()
        low["Other"] = max(0.0, 1 - high.sum())
        high["Other"] = max(0.0, 1 - low.drop("Other").sum())
        note = (f"the estimate lists {len(rows)} groups summing to {100 * (1 - mid['Other']):.1f}%; "
                "the remainder is shown as 'Other' (a residual, not a published figure)")
    sources = ";".join(sorted({s for cell in rows["source_ids"] for s in str(cell).split(";") if s}))
    first = rows.iloc[0]
    label = f"{first['label']} ({int(first['year'])}, {first['basis']})"
    return Baseline(estimate_id, label, mid, low, high, sources=sources, note=note)


def user_baseline(values, name: str = "user") -> Baseline:
    """A user's own baseline from a mapping or Series of group -> share or count.

    Values must be finite and non-negative, with a positive total; they are
    divided by their total, so counts and percentages work too.

    Examples
    --------
    >>> user_baseline({"a": 1, "b": 3}).share.to_dict()
    {'a': 0.25, 'b': 0.75}
    """
    if isinstance(values, Baseline):
        return values
    if not isinstance(values, (Mapping, pd.Series)):
        raise ValueError("a user baseline must be a mapping or pandas Series of group -> share")
    s = pd.Series(values, dtype="float64")
    if s.empty:
        raise ValueError("the baseline is empty; give at least one group with a share")
    if s.index.has_duplicates:
        raise ValueError(f"the baseline names a group twice: {sorted(set(s.index[s.index.duplicated()]))}")
    bad = s[~np.isfinite(s) | (s < 0)]
    if len(bad):
        raise ValueError(f"baseline shares must be finite and >= 0; got {bad.to_dict()}")
    if s.sum() <= 0:
        raise ValueError("baseline shares sum to 0; give at least one positive share")
    return Baseline(name, "user-supplied baseline", s / s.sum(), sources="user")
