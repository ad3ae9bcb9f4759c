"""All disproportionality indices for one grouping of the roster, over the range the unknown tags allow.

An index needs one group per post. An appointee whose tag is unknown could
hold his post in any group of the baseline; one whose tag is disputed (or
who belongs to two groups at once: born in one region, family from
another) in any of his groups. Every way of settling those tags gives a
cabinet of the same size, and :func:`disproportionality` reports each index
over all of them, from its smallest to its largest value, with the
p-value at both ends, as every other table of the package reports counts.
The complete-case figure (only the appointees of one known group) sits
beside the range as a labelled extra column; it assumes the unknowns
resemble the known and is never the verdict.

How the range is found (``range_method``: ``enumeration``, ``vertices and greedy``,
``search``) is :mod:`cabinet.index_ranges`.

The p-value of an index falls as the index moves away from proportional, so
its range is the p-value at the two ends of the index's range. Each p-value
is exact when the possible random cabinets are few enough to enumerate
(``p_method``), and otherwise Monte Carlo with its standard error (see
:mod:`cabinet.null_distributions`). The null model, posts handed out
independently in proportion to the baseline, is a benchmark to measure the
cabinet against, not a model of how appointments are made (see
:mod:`cabinet.clustering` for clustered appointment).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .baselines import RESIDUAL_GROUP
from .index_ranges import RANGE_LIMIT, index_range
from .representation import representation
from .group_counts import group_alternatives
from .groupings import with_home
from .indices import _INDICES
from .null_distributions import _disproportionality_table, _expected, _INDEX_NAMES, _null_of, _p_values
from .rosters import load_roster, takes_roster
from .tags import possible
from .weights import apply_weights

__all__ = ["disproportionality", "candidates_from_table", "DISPROPORTIONALITY_COLUMNS"]

#: Columns of the table :func:`disproportionality` returns, in order.
DISPROPORTIONALITY_COLUMNS = [
    "by", "baseline", "baseline_label", "baseline_sources", "baseline_note", "index", "observed_min", "observed_max", "range_method", "n_resolutions",
    "expected", "expected_method", "p95", "p_min", "p_max", "p_min_se", "p_max_se", "p_method",
    "observed_complete", "expected_complete", "p_complete", "p_complete_se", "p_complete_method", "tail",
    "baseline_value", "n_seats", "n_known", "n_unknown", "n_several", "n_excluded", "n_draws", "seed", "reference",
]

# --- the table ----------------------------------------------------------------------------------------------


def _roster_candidates(roster: pd.DataFrame, by, scheme, hazarajat, groups: list[str], residual: bool):
    """Per appointee the positions of his candidate groups among ``groups``; None for one who sits out."""
    position = {g: i for i, g in enumerate(groups)}
    out: list[tuple[int, ...] | None] = []
    for alt in group_alternatives(roster, by, scheme=scheme, hazarajat=hazarajat):
        if not alt:
            out.append(())
            continue
        found: set[int] = set()
        for g in possible(alt):
            if g in position:
                found.add(position[g])
            elif residual:
                found.add(position[RESIDUAL_GROUP])
        out.append(tuple(sorted(found)) if found else None)
    return out


def _split_names(cell) -> list[str]:
    return [x.strip() for x in str(cell).split(";") if x.strip()] if isinstance(cell, str) else []


def candidates_from_table(block: pd.DataFrame) -> tuple[list, list[str], np.ndarray, str]:
    """The seat candidates of a :func:`cabinet.representation` block, read back from its counts and member lists.

    Returns ``(candidates, groups, shares, how)``: per appointee the positions of his candidate groups
    (as :func:`index_range` takes them), the groups with a baseline share and the shares. ``how`` is
    ``exact`` when the table names its members (disputed and plural appointees are then found by name),
    else ``bound``: each disputed appointee is taken as possibly in every group whose largest count
    exceeds its known count plus the unknowns, which can only widen the range. A table whose member
    lists are empty and whose counts include appointees in two groups at once cannot be read back: pass
    the roster to :func:`disproportionality` instead.
    """
    t = block.reset_index(drop=True)
    rows = t[t["status"].isin(["group", "residual"]) & t["baseline_share"].notna()]
    groups = [RESIDUAL_GROUP if s == "residual" else str(g) for g, s in zip(rows["group"], rows["status"])]
    shares = rows["baseline_share"].to_numpy(dtype=float)
    count = rows["count"].to_numpy(dtype=float)
    count_max = rows["count_max"].to_numpy(dtype=float)
    unknown_row, disputed_row = t[t["status"] == "unknown"], t[t["status"] == "disputed"]
    u = int(unknown_row["count"].sum())
    d = int(disputed_row["count"].sum())
    n = int(t["n"].iloc[0])
    if not all(float(x).is_integer() for x in np.concatenate([count, count_max])):
        raise ValueError("the disproportionality indices count whole posts; this table has weighted counts")
    has_names = "members" in t.columns and bool(_split_names(unknown_row["members"].iloc[0]) if u else True)
    members = {g: set(_split_names(m)) for g, m in zip(groups, rows.get("members", pd.Series([""] * len(rows))))}
    possible = {g: set(_split_names(m)) for g, m in zip(groups, rows.get("possible_members",
                                                                            pd.Series([""] * len(rows))))}
    disputed = _split_names(disputed_row["members"].iloc[0]) if d and "members" in t.columns else []
    seen: dict[str, int] = {}
    for g in groups:
        for name in members[g]:
            seen[name] = seen.get(name, 0) + 1
    plural = [name for name, times in seen.items() if times > 1 and name not in disputed]
    candidates: list = [()] * u
    fixed = count.copy()
    named = has_names and len(disputed) == d and (sum(count) + d + u - len(plural) * 0 >= 0)
    if named:
        for name in disputed + plural:
            pos = tuple(i for i, g in enumerate(groups) if name in members[g] or name in possible[g])
            for i, g in enumerate(groups):
                if name in members[g]:
                    fixed[i] -= 1
            candidates.append(pos)
        how = "exact"
    else:
        if count.sum() + d + u > n:
            raise ValueError("this table counts some appointees in two groups at once and names no members, so the "
                             "seats cannot be read back from it: pass the roster, cabinet.disproportionality(roster, "
                             "by=...)")
        slack = tuple(i for i in range(len(groups)) if count_max[i] - count[i] - u > 0)
        candidates += [slack] * d
        how = "bound" if d else "exact"
    for i, c in enumerate(fixed):
        candidates += [(i,)] * int(c)
    # known to be in a group the baseline has no share of (a home abroad, say): he sits out, and is counted as such
    outside = t[(t["status"] == "group") & t["baseline_share"].isna()]
    candidates += [None] * int(outside["count"].sum())
    return candidates, groups, shares, how


def _block(candidates, groups, shares, *, n_draws, seed, exact=None, limit=RANGE_LIMIT):
    """The rows of one baseline: the range of every index, its p-values, and the complete-case figures."""
    seated = [c for c in candidates if c is not None]
    v = np.asarray(shares, dtype=float)
    base = pd.Series(v, index=groups)
    n_seats = len(seated)
    if n_seats == 0:
        raise ValueError("no appointee can hold a post in a group of the baseline; nothing to measure")
    ranges = index_range(seated, v, limit=limit, seed=seed)
    null, enumerated = _null_of(n_seats, base, n_draws=n_draws, seed=seed, exact=exact)
    known = [c[0] for c in seated if len(c) == 1]
    complete = pd.Series(np.bincount(np.asarray(known, dtype=np.int64), minlength=len(groups)), index=groups)
    if len(known):
        cc, _ = _disproportionality_table(complete, base, n_draws=n_draws, seed=seed, exact=exact)
        cc = cc.set_index("index")
    rows = []
    for name in _INDEX_NAMES:
        func, two_sided, tail, reference = _INDICES[name]
        lo, hi, method, n_res = ranges[name]
        expected, expected_method = _expected(null, enumerated, name, n_seats, base)
        # the p-value falls as the index moves from proportional: its range is the p at the two ends
        far, near = (hi, lo) if tail == "upper" else (lo, hi)
        p, se, p_method = _p_values(null, enumerated, name, np.array([far, near]), tail, n_draws)
        rows.append({
            "index": name, "observed_min": lo, "observed_max": hi, "range_method": method,
            "n_resolutions": n_res, "expected": expected, "expected_method": expected_method,
            "p95": float(np.quantile(null[name].to_numpy(), 0.95)), "p_min": float(p[0]), "p_max": float(p[1]),
            "p_min_se": float(se[0]), "p_max_se": float(se[1]), "p_method": p_method,
            "observed_complete": float(cc.at[name, "observed"]) if len(known) else math.nan,
            "expected_complete": float(cc.at[name, "expected"]) if len(known) else math.nan,
            "p_complete": float(cc.at[name, "p_value"]) if len(known) else math.nan,
            "p_complete_se": float(cc.at[name, "p_se"]) if len(known) else math.nan,
            "p_complete_method": str(cc.at[name, "p_method"]) if len(known) else "",
            "tail": tail, "baseline_value": math.nan if two_sided else func(base),
            "n_seats": n_seats, "n_known": len(known), "n_unknown": sum(1 for c in seated if not c),
            "n_several": sum(1 for c in seated if len(c) > 1), "n_excluded": len(candidates) - n_seats,
            "n_draws": n_draws, "seed": seed, "reference": reference,
        })
    return pd.DataFrame(rows), null


@takes_roster("roster")
def disproportionality(roster: pd.DataFrame | None = None, by: str = "region", baseline=None, *,
                       scheme: str = "commentary", hazarajat: str = "core", weights="all",
                       n_draws: int = 100_000, seed: int = 0, home: str | None = None,
                       exact: bool | None = None) -> pd.DataFrame:
    """Every index of :mod:`cabinet.indices` for the cabinet against a baseline, over the range the unknowns allow.

    Each appointee holds one post. One of unknown tag could hold it in any
    group of the baseline; one of disputed tag, or in two groups at once
    (born in one region, family from another), in any of his groups. Each
    index is reported from its smallest to its largest value over every
    way of settling those tags (``observed_min`` .. ``observed_max``; how
    the range was found in ``range_method``, see the module docstring),
    with the p-value at both ends (``p_min`` .. ``p_max``). The complete
    cases (only appointees of one known group) give the labelled extra
    columns ``observed_complete`` and ``p_complete``: an estimate that
    assumes the unknowns resemble the known, never the verdict. The groups a
    published estimate does not name are counted together against its
    remainder (the ``residual`` row of :func:`cabinet.representation`); an
    appointee whose groups have no baseline share sits out (``n_excluded``).

    The p-values compare the cabinet with posts handed out independently in
    proportion to the baseline: a benchmark, not a model of how
    appointments are made (posts go to networks in blocks; see
    :func:`cabinet.clustering_sensitivity`).

    Parameters
    ----------
    roster, by, baseline, scheme, hazarajat, home
        As in :func:`cabinet.representation`; ``baseline`` must name a
        population or ethnic baseline, ``'all'``, or be a mapping.
    weights : {'all', 'ministers', 'top'} or str
        Which posts count (:func:`cabinet.apply_weights`); the indices count
        whole posts, so every weight must be 0 or 1.
    n_draws : int
        Random cabinets drawn for the Monte Carlo columns.
    seed : int
        Seed of the random draws (same seed, same result).
    exact : bool or None
        Enumerate the null distribution: None (default) when there are at
        most :data:`cabinet.null_distributions.EXACT_LIMIT` possible cabinets,
        True always, False never.

    Returns
    -------
    pandas.DataFrame
        One row per index (and per baseline when ``baseline='all'``), columns
        :data:`DISPROPORTIONALITY_COLUMNS`:

        - ``by``, ``baseline``, ``baseline_label``, ``baseline_sources``,
          ``baseline_note``: as in :func:`cabinet.representation`; ``index``.
        - ``observed_min``, ``observed_max``: the index over every way of
          settling the unknown and disputed tags; ``range_method``:
          ``enumeration``, ``vertices and greedy`` (both exact) or ``search``
          (the true range may be wider); ``n_resolutions``: how many distinct
          cabinets were enumerated.
        - ``expected``, ``expected_method``, ``p95``: the index under random
          appointment of ``n_seats`` posts (as in
          :func:`cabinet.null_distributions.disproportionality_table`).
        - ``p_min``, ``p_max``: the p-value at the end of the range farthest
          from and nearest to proportional; ``p_min_se``, ``p_max_se``: their
          Monte Carlo standard errors ``sqrt(p (1 - p) / n_draws)`` (0 when
          exact); ``p_method``: ``exact`` (the null enumerated) or
          ``monte_carlo``, where a p-value is ``(k + 1) / (n_draws + 1)``,
          never 0, and its floor reads "below ``1 / (n_draws + 1)``".
        - ``observed_complete``, ``expected_complete``, ``p_complete``,
          ``p_complete_se``, ``p_complete_method``: the same on the
          ``n_known`` appointees of one known group only.
        - ``tail``, ``baseline_value``, ``reference``: as in
          :func:`cabinet.null_distributions.disproportionality_table`.
        - ``n_seats``: appointees who hold a post in the measure;
          ``n_known``: of one known group; ``n_unknown``: of unknown tag;
          ``n_several``: disputed or in several groups; ``n_excluded``:
          appointees whose groups have no baseline share.
        - ``n_draws``, ``seed``.

        ``attrs["baselines"]``: baseline id -> the shares used (group -> share, a dict).

    See Also
    --------
    cabinet.representation : the counts, bounds and exact tests per group.
    cabinet.index_ranges.index_range : the range of the indices alone.

    Examples
    --------
    >>> from cabinet import disproportionality
    >>> table = disproportionality(by="region", n_draws=2_000, seed=0)
    >>> table["index"].tolist()[:3]
    ['loosemore_hanby', 'rose', 'gallagher']
    >>> lh = table.set_index("index").loc["loosemore_hanby"]
    >>> int(lh["n_seats"]), int(lh["n_known"] + lh["n_unknown"] + lh["n_several"])  # every appointee holds a post
    (33, 33)
    >>> bool(lh["observed_min"] <= lh["observed_complete"] <= lh["observed_max"]), lh["range_method"]
    (True, 'enumeration')
    >>> bool(0 < lh["p_min"] <= lh["p_max"] <= 1)
    True
    """
    roster = with_home(load_roster() if roster is None else roster, home)
    w = apply_weights(roster, weights)
    if not w.isin([0.0, 1.0]).all():
        bad = sorted(set(w[~w.isin([0.0, 1.0])].tolist()))[:5]
        raise ValueError(f"the disproportionality indices count whole posts: every weight must be 0 or 1; "
                         f"weights={weights!r} gives {bad}")
    roster = roster[w.to_numpy() == 1.0]
    table = representation(roster, by, scheme=scheme, baseline=baseline, hazarajat=hazarajat)
    if table["baseline_share"].isna().all():
        raise ValueError(f"no baseline for by={by!r}: pass baseline= (a mapping of group -> share)")
    blocks, shares = [], {}
    for name, block in table.groupby("baseline", sort=False):
        rows = block[block["status"].isin(["group", "residual"]) & block["baseline_share"].notna()]
        groups = [RESIDUAL_GROUP if s == "residual" else str(g) for g, s in zip(rows["group"], rows["status"])]
        v = rows["baseline_share"].to_numpy(dtype=float)
        residual = RESIDUAL_GROUP in groups
        candidates = _roster_candidates(roster, by, scheme, hazarajat, groups, residual)
        t, _ = _block(candidates, groups, v, n_draws=n_draws, seed=seed, exact=exact)
        t.insert(0, "baseline_note", block["baseline_note"].iloc[0])
        t.insert(0, "baseline_sources", block["baseline_sources"].iloc[0])
        t.insert(0, "baseline_label", block["baseline_label"].iloc[0])
        t.insert(0, "baseline", name)
        t.insert(0, "by", by if isinstance(by, str) else " × ".join(by))
        blocks.append(t)
        shares[name] = {str(g): float(x) for g, x in zip(groups, v)}  # plain metadata: a dict, not a Series
    out = pd.concat(blocks, ignore_index=True)[DISPROPORTIONALITY_COLUMNS]
    out["n_resolutions"] = out["n_resolutions"].astype("Int64")
    out.attrs["baselines"] = shares
    if "own_roster" in table.attrs:
        out.attrs["own_roster"] = table.attrs["own_roster"]  # the caption names a roster of one's own
    return out
