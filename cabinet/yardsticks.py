"""The cabinet against the movement's pool: the exact draw from the pool, the pool's share with its own
uncertainty, and the three yardsticks side by side.

:func:`movement_draw` treats the roster as drawn from the cadre pool (the exact
hypergeometric test, over the resolutions of the unknowns that can occur);
:func:`movement_predictive` sets the cabinet's members who are not in the pool
against the pool's share of a named gap, carrying the pool's sampling
uncertainty (a beta-binomial posterior predictive); :func:`yardstick_table` sets
the cabinet's shares beside the pool's and the population's. The pool's make-up
as a baseline is :mod:`cabinet.movement_baselines`.
"""

from __future__ import annotations

import pandas as pd

from .rosters.movement import load_movement_pool
from .movement_baselines import _check, _pool_table, movement_baseline
from .predictive import _betabinom, DEFAULT_PRIOR, prior_alpha, prior_label
from .baselines import geographic_baseline
from .gaps import HELMANDI_NETWORKS, helmandi_tags
from .group_counts import group_alternatives
from .groupings import require_afghan, suggest, with_home
from .io.loaders import load_appointees
from .regions import HAZARAJAT
from .representation import representation
from .tags import parse_tag
from .rosters import takes_roster

__all__ = ["movement_draw", "movement_predictive", "yardstick_table", "DRAW_COLUMNS", "PREDICTIVE_COLUMNS",
           "YARDSTICK_COLUMNS", "MEASURES", "TARGETS"]

#: Columns of the table :func:`movement_draw` returns.
DRAW_COLUMNS = ["by", "scheme", "group", "status", "pool_count", "pool_count_max", "pool_n", "count", "count_max",
                "n", "n_not_in_pool", "p_le_min", "p_le_max", "p_ge_min", "p_ge_max", "test", "baseline",
                "baseline_label", "baseline_sources", "members"]


@takes_roster("roster")
def movement_draw(roster: pd.DataFrame | None = None, by: str = "region", *, scheme: str = "commentary",
                  hazarajat: str = "core", home: str = "any", pool: pd.DataFrame | None = None) -> pd.DataFrame:
    """The roster treated as drawn from the cadre pool: the exact hypergeometric test.

    Of the ``pool_n`` members of the pool, the ``n`` who are also in the roster
    (same ``person_id``) were drawn. For each group, with ``K`` pool members in
    it and ``k`` drawn members in it, ``X ~ Hypergeom(pool_n, K, n)``.
    Unknown and disputed tags make ``k`` range over ``count .. count_max``
    and the pool's count ``K`` over ``pool_count .. pool_count_max``; but the
    drawn men are pool members too, and a man's tag takes one value in both:
    ``K`` is the count ``R`` among the pool members who were not drawn plus
    ``k`` itself. The probabilities are the range over every resolution that
    can occur: ``p_le_min`` and ``p_le_max`` are the least and the largest
    ``P(X <= k)`` over ``k`` in ``count .. count_max`` and ``R`` in its own
    bounds, with ``K = R + k`` (and the same for ``p_ge``, ``P(X >= k)``).
    Roster members outside the pool are not drawn; ``n_not_in_pool`` counts
    them.

    Parameters
    ----------
    roster : DataFrame, optional
        Needs a ``person_id`` column (default: the 33 of 7 September 2021).
    by, scheme, hazarajat, home
        As in :func:`movement_baseline`.
    pool : DataFrame, optional
        The pool, one row per person in the wide form of
        :func:`cabinet.load_movement_pool` (default: the bundled pool with
        ``home``).

    Returns
    -------
    pandas.DataFrame
        One row per group, then ``disputed`` (if any) and ``unknown`` rows of
        the drawn; columns :data:`DRAW_COLUMNS`.

    Examples
    --------
    >>> t = movement_draw(by="region")
    >>> int(t["pool_n"].iloc[0]), int(t["n"].iloc[0]), int(t["n_not_in_pool"].iloc[0])
    (29, 9, 24)
    """
    _check(by)
    roster = load_appointees() if roster is None else roster
    if "person_id" not in roster.columns:
        raise ValueError("movement_draw matches the roster to the pool by person_id; this roster has no "
                         "'person_id' column")
    bundled = pool is None
    pool = load_movement_pool(home=home) if pool is None else pool
    inside = pool["person_id"].isin(set(roster["person_id"]))
    drawn = pool[inside].reset_index(drop=True)
    n_out = int((~roster["person_id"].drop_duplicates().isin(set(pool["person_id"]))).sum())
    if drawn.empty:
        raise ValueError("no member of the roster is in the movement's pool (matched by person_id): nothing was "
                         "drawn from it")
    # the bundled pool is counted once per state of its files
    tp = _pool_table(by, scheme, hazarajat, home, None if bundled else pool).set_index("group")
    td = _pool_table(by, scheme, hazarajat, home, drawn)
    big_n, n = int(tp["n"].iloc[0]), int(td["n"].iloc[0])
    base = movement_baseline(by, scheme=scheme, hazarajat=hazarajat, home=home)
    pool_lo = {g: int(v) for g, v in tp["count"].items()}
    pool_hi = {g: int(v) for g, v in tp["count_max"].items()}
    rows = []
    for r in td.to_dict("records"):
        row = {"by": by, "scheme": r["scheme"], "group": r["group"], "status": r["status"], "pool_n": big_n,
               "count": r["count"], "count_max": r["count_max"], "n": n, "n_not_in_pool": n_out,
               "members": r["members"], "baseline": base.name, "baseline_label": base.label,
               "baseline_sources": base.sources}
        if r["status"] == "group":
            k_lo, k_hi = pool_lo.get(r["group"], 0), pool_hi.get(r["group"], int(r["count_max"]))
            c_lo, c_hi = int(r["count"]), int(r["count_max"])
            row.update(pool_count=k_lo, pool_count_max=k_hi, test="hypergeometric",
                       **_draw_range(big_n, n, c_lo, c_hi, k_lo - c_lo, k_hi - c_hi))
        else:
            row.update(test="")
        rows.append(row)
    out = pd.DataFrame(rows, columns=DRAW_COLUMNS)
    out.attrs["not_in_pool"] = "; ".join(roster.loc[~roster["person_id"].isin(set(pool["person_id"])), "name"]
                                         .astype(str)) if "name" in roster.columns else ""
    return out


def _draw_range(big_n: int, n: int, c_lo: int, c_hi: int, r_lo: int, r_hi: int) -> dict:
    """The range of the hypergeometric probabilities over the resolutions that can occur: ``k`` drawn members in
    the group (``c_lo .. c_hi``) and ``R`` pool members outside the draw (``r_lo .. r_hi``), the pool's count
    being ``R + k`` (a man drawn from the pool is in the group in both or in neither)."""
    from scipy import stats

    le = [(float(stats.hypergeom.cdf(k, big_n, r_hi + k, n)), float(stats.hypergeom.cdf(k, big_n, r_lo + k, n)))
          for k in range(c_lo, c_hi + 1)]  # P(X <= k) falls as the pool's count rises: least at r_hi, most at r_lo
    ge = [(float(stats.hypergeom.sf(k - 1, big_n, r_lo + k, n)), float(stats.hypergeom.sf(k - 1, big_n, r_hi + k, n)))
          for k in range(c_lo, c_hi + 1)]
    return {"p_le_min": min(a for a, _ in le), "p_le_max": max(b for _, b in le),
            "p_ge_min": min(a for a, _ in ge), "p_ge_max": max(b for _, b in ge)}


#: The named gaps :func:`movement_predictive` knows, and the groups each joins.
TARGETS = ("west_southwest", "hazarajat", "helmandi_networks")
#: Columns of the table :func:`movement_predictive` returns.
PREDICTIVE_COLUMNS = ["target", "pool_n", "pool_in", "pool_out", "pool_open", "pool_share", "pool_share_low",
                      "pool_share_high", "prior", "n", "n_shared", "shared_count", "shared_count_max", "n_new",
                      "count_new", "count_new_max", "expected_new", "p_le_count", "p_le_count_max", "p_le_at_low",
                      "p_le_at_high", "p_le_min", "p_le_max", "home"]


def _target_status(frame: pd.DataFrame, target: str, hazarajat: str) -> list:
    """Per person: 1 surely in the target, 0 surely outside it, None open (unknown, or a dispute that decides)."""
    if target == "west_southwest":
        alts, inside = group_alternatives(frame, "region", scheme="commentary"), {"West", "Southwest"}
    elif target == "hazarajat":
        alts, inside = group_alternatives(frame, "hazarajat", hazarajat=hazarajat), {HAZARAJAT}
    else:
        alts, inside = [parse_tag(v) for v in helmandi_tags(frame)], set(HELMANDI_NETWORKS)
    out = []
    for a in alts:
        hits = [bool(set(alt) & inside) for alt in a]
        out.append(None if not a or (any(hits) and not all(hits)) else int(all(hits)))
    return out


@takes_roster("roster")
def movement_predictive(roster: pd.DataFrame | None = None, target: str = "west_southwest", *,
                        hazarajat: str = "core", home: str | None = None, prior=DEFAULT_PRIOR,
                        pool: pd.DataFrame | None = None) -> pd.DataFrame:
    """The cabinet against the movement's pool, with the pool's share uncertain: a beta-binomial predictive.

    The pool's share of a named gap is measured on few people (the members whose tag settles whether
    they are in it: 17 to 19 of the 29 on the bundled data), so it is an estimate, not a constant. Its
    posterior, from Jeffreys' prior Beta(1/2, 1/2) (or ``prior``), is Beta(1/2 + ``pool_in``, 1/2 +
    ``pool_out``). Some men sit in both the pool and the cabinet (``n_shared``): their tags are the same
    on both sides, so they are conditioned on rather than drawn twice. The question is whether the
    cabinet's other members (``n_new``) look like cadres of the movement: their count in the gap is,
    under that null, beta-binomial (``n_new``, 1/2 + ``pool_in``, 1/2 + ``pool_out``), the posterior
    predictive (Gelman et al., *Bayesian Data Analysis*, 3rd ed., 2013, sec. 2.1 and 6.3), and
    ``p_le_count`` is the probability of a count as low as theirs or lower: a posterior predictive
    p-value (Meng 1994; Gelman, Meng and Stern 1996).

    Why this rather than a two-sample test: the two samples overlap (a two-sample exact test would
    have to drop the shared men from one side, or count them twice), and the pool is the yardstick,
    not a second treatment; the beta-binomial keeps every pool member in the estimate of the share
    and every cabinet member in the comparison, once each.

    Unknown tags give ranges, never guesses: the cabinet's own unknowns move the count of the new
    members from ``count_new`` to ``count_new_max`` (``p_le_count`` to ``p_le_count_max``); the
    pool's unknowns move its counts (``p_le_at_low``: every open pool member outside the gap;
    ``p_le_at_high``: every one inside, the posterior then counted on the whole pool);
    ``p_le_min`` and ``p_le_max`` are the range over both.

    Parameters
    ----------
    roster : DataFrame, optional
        Needs ``person_id`` (default: the 33 of 7 September 2021).
    target : {'west_southwest', 'hazarajat', 'helmandi_networks'}
        The gap: the west and southwest together (commentary regions), the Hazarajat, or the two
        Helmandi networks together.
    hazarajat : {'core', 'extended'}
        Hazarajat definition.
    home : {'any', 'birth', 'origin', 'stated'} or None
        Sense of home of the roster and of the pool (None: the roster's own, for the pool ``any``).
    prior : {'jeffreys', 'uniform'} or float
        The Beta prior of the pool's share (the same concentration on both sides).
    pool : DataFrame, optional
        A pool in the form of :func:`cabinet.load_movement_pool` (default: the bundled pool).

    Returns
    -------
    pandas.DataFrame
        One row; columns :data:`PREDICTIVE_COLUMNS` (``pool_share``: ``pool_in / (pool_in + pool_out)``;
        ``pool_share_low``, ``pool_share_high``: the pool's bounds over its size; ``expected_new``: the
        expected count of the new members; ``shared_count``, ``shared_count_max``: the shared men in the
        gap; ``count_new``, ``count_new_max``: the new members in it).

    Examples
    --------
    >>> t = movement_predictive(target="helmandi_networks")
    >>> int(t["n_shared"].iloc[0]) + int(t["n_new"].iloc[0]) == int(t["n"].iloc[0])
    True
    >>> 0 < float(t["p_le_count"].iloc[0]) < 1
    True
    """
    if target not in TARGETS:
        raise ValueError(f"unknown target {target!r}{suggest(target, TARGETS)}; allowed: {', '.join(TARGETS)}")
    roster = with_home(load_appointees() if roster is None else roster, home)
    if "person_id" not in roster.columns:
        raise ValueError("movement_predictive matches the roster to the pool by person_id; this roster has no "
                         "'person_id' column")
    require_afghan(roster, ["network", "province"] if target == "helmandi_networks" else ["province"],
                   "movement_predictive")
    pool_home = roster.attrs.get("home") or "any"
    pool = load_movement_pool(home=pool_home) if pool is None else pool
    alpha = prior_alpha(prior)
    in_pool = set(pool["person_id"])
    people = roster.drop_duplicates("person_id").reset_index(drop=True)
    shared = people["person_id"].isin(in_pool).to_numpy()
    p_status = _target_status(pool, target, hazarajat)
    c_status = _target_status(people, target, hazarajat)
    pool_in, pool_out = sum(s == 1 for s in p_status), sum(s == 0 for s in p_status)
    pool_open, pool_n = sum(s is None for s in p_status), len(p_status)
    new = [s for s, sh in zip(c_status, shared) if not sh]
    old = [s for s, sh in zip(c_status, shared) if sh]
    n_new, lo, hi = len(new), sum(s == 1 for s in new), sum(s != 0 for s in new)

    def cdf(k: int, a_in: int, a_out: int) -> float:
        return float(_betabinom(n_new, alpha + a_in, alpha + a_out)[: k + 1].sum())

    low = (pool_in, pool_n - pool_in)  # every open pool member outside the gap
    high = (pool_in + pool_open, pool_n - pool_in - pool_open)  # every one inside
    a, b = alpha + pool_in, alpha + pool_out
    row = {"target": target, "pool_n": pool_n, "pool_in": pool_in, "pool_out": pool_out, "pool_open": pool_open,
           "pool_share": pool_in / (pool_in + pool_out) if pool_in + pool_out else float("nan"),
           "pool_share_low": pool_in / pool_n, "pool_share_high": (pool_in + pool_open) / pool_n,
           "prior": prior_label(prior, 2), "n": len(people), "n_shared": int(shared.sum()),
           "shared_count": sum(s == 1 for s in old), "shared_count_max": sum(s != 0 for s in old),
           "n_new": n_new, "count_new": lo, "count_new_max": hi, "expected_new": n_new * a / (a + b),
           "p_le_count": cdf(lo, pool_in, pool_out), "p_le_count_max": cdf(hi, pool_in, pool_out),
           "p_le_at_low": cdf(lo, *low), "p_le_at_high": cdf(lo, *high),
           "p_le_min": min(cdf(lo, *high), cdf(lo, pool_in, pool_out)),
           "p_le_max": max(cdf(hi, *low), cdf(hi, pool_in, pool_out)), "home": pool_home}
    return pd.DataFrame([row], columns=PREDICTIVE_COLUMNS)


#: Columns of the table :func:`yardstick_table` returns.
YARDSTICK_COLUMNS = ["by", "group", "measure", "share", "low", "high", "count", "count_max", "n", "label", "sources"]
#: The three measures of :func:`yardstick_table`, in drawing order.
MEASURES = ("cabinet", "movement", "population")


@takes_roster("roster")
def yardstick_table(roster: pd.DataFrame | None = None, *, by=("region", "network"), scheme: str = "commentary",
                    home: str | None = None) -> pd.DataFrame:
    """Cabinet, movement pool and population shares side by side, with the bounds of the unknowns.

    Parameters
    ----------
    roster : DataFrame, optional
        Default: the 33 of 7 September 2021.
    by : sequence of str
        Groupings the pool can describe (default region and network).
    scheme : str
        Region scheme.
    home : {'any', 'birth', 'origin', 'stated'} or None
        Sense of home of the roster (and of the pool: ``any`` when None).

    Returns
    -------
    pandas.DataFrame
        One row per grouping, group and measure (``cabinet``, ``movement``,
        ``population``; no population row where the package has no
        population figure, as for networks). Columns: ``by``, ``group``,
        ``measure``; ``share`` (cabinet: known count / n; movement: the
        pool's complete-case share; population: the NSIA 1398 share);
        ``low``, ``high`` (cabinet: known and largest possible count over n;
        movement: the pool's bounds; population: the share); ``count``,
        ``count_max``, ``n`` (cabinet and pool counts; NaN for population);
        ``label`` and ``sources`` of the yardstick.

    Examples
    --------
    >>> t = yardstick_table(by=["region"])
    >>> sorted(set(t["measure"]))
    ['cabinet', 'movement', 'population']
    """
    roster = with_home(load_appointees() if roster is None else roster, home)
    pool_home = roster.attrs.get("home") or "any"
    rows = []
    for grouping in ([by] if isinstance(by, str) else list(by)):
        _check(grouping)
        cab = representation(roster, grouping, scheme=scheme, adjust=None)
        cab = cab[cab["baseline"] == cab["baseline"].iloc[0]]
        pool = _pool_table(grouping, scheme, "core", pool_home).set_index("group")
        base = movement_baseline(grouping, scheme=scheme, home=pool_home)
        population = geographic_baseline(grouping, scheme=scheme) if grouping in ("province", "region",
                                                                               "hazarajat") else None
        for r in cab[cab["status"] == "group"].itertuples(index=False):
            n = float(r.n)
            rows.append((grouping, r.group, "cabinet", r.count / n, r.count / n, r.count_max / n, r.count,
                         r.count_max, n, "the roster", ""))
            p = pool.loc[r.group]
            rows.append((grouping, r.group, "movement", float(base.share[r.group]), float(base.low[r.group]),
                         float(base.high[r.group]), p["count"], p["count_max"], float(p["n"]), base.label,
                         base.sources))
            if population is not None and r.group in population.share.index:
                s = float(population.share[r.group])
                rows.append((grouping, r.group, "population", s, s, s, float("nan"), float("nan"), float("nan"),
                             population.label, population.sources))
    return pd.DataFrame(rows, columns=YARDSTICK_COLUMNS)
