"""The cabinet against the movement's pool: the exact draw from the pool, and the three yardsticks side by side.

:func:`movement_draw` treats the roster as drawn from the cadre pool (the exact
hypergeometric test, over the bounds the unknowns allow); :func:`yardstick_table`
sets the cabinet's shares beside the pool's and the population's. The pool's
make-up as a baseline is :mod:`cabinet.movement_baselines`.
"""

from __future__ import annotations

import pandas as pd

from .rosters.movement import load_movement_pool
from .movement_baselines import _check, _pool_table, movement_baseline

__all__ = ["movement_draw", "yardstick_table", "DRAW_COLUMNS", "YARDSTICK_COLUMNS", "MEASURES"]

#: Columns of the table :func:`movement_draw` returns.
DRAW_COLUMNS = ["by", "scheme", "group", "status", "pool_count", "pool_count_max", "pool_n", "count", "count_max",
                "n", "n_not_in_pool", "p_le_min", "p_le_max", "p_ge_min", "p_ge_max", "test", "baseline",
                "baseline_label", "baseline_sources", "members"]


def movement_draw(roster: pd.DataFrame | None = None, by: str = "region", *, scheme: str = "commentary",
                  hazarajat: str = "core", home: str = "any") -> pd.DataFrame:
    """The roster treated as drawn from the cadre pool: the exact hypergeometric test.

    Of the ``pool_n`` members of the pool, the ``n`` who are also in the roster
    (same ``person_id``) were drawn. For each group, with ``K`` pool members in
    it and ``k`` drawn members in it, ``X ~ Hypergeom(pool_n, K, n)``;
    unknown and disputed tags make ``K`` range over ``pool_count ..
    pool_count_max`` and ``k`` over ``count .. count_max``, and the
    probabilities are the range over those: ``p_le_min = P(X <= count)`` at
    ``K = pool_count_max`` and ``p_le_max = P(X <= count_max)`` at ``K =
    pool_count`` (and the mirror for ``p_ge``). Roster members outside the
    pool are not drawn; ``n_not_in_pool`` counts them.

    Parameters
    ----------
    roster : DataFrame, optional
        Needs a ``person_id`` column (default: the 33 of 7 September 2021).
    by, scheme, hazarajat, home
        As in :func:`movement_baseline`.

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
    from scipy import stats

    from .io.loaders import load_appointees

    _check(by)
    roster = load_appointees() if roster is None else roster
    if "person_id" not in roster.columns:
        raise ValueError("movement_draw matches the roster to the pool by person_id; this roster has no "
                         "'person_id' column")
    pool = load_movement_pool(home=home)
    inside = pool["person_id"].isin(set(roster["person_id"]))
    drawn = pool[inside].reset_index(drop=True)
    n_out = int((~roster["person_id"].drop_duplicates().isin(set(pool["person_id"]))).sum())
    if drawn.empty:
        raise ValueError("no member of the roster is in the movement's pool (matched by person_id): nothing was "
                         "drawn from it")
    tp = _pool_table(by, scheme, hazarajat, home).set_index("group")  # the bundled pool, counted once per file state
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
            k_lo, k_hi = pool_lo[r["group"]], pool_hi[r["group"]]
            c_lo, c_hi = int(r["count"]), int(r["count_max"])
            row.update(pool_count=k_lo, pool_count_max=k_hi, test="hypergeometric",
                       p_le_min=float(stats.hypergeom.cdf(c_lo, big_n, k_hi, n)),
                       p_le_max=float(stats.hypergeom.cdf(c_hi, big_n, k_lo, n)),
                       p_ge_min=float(stats.hypergeom.sf(c_hi - 1, big_n, k_lo, n)),
                       p_ge_max=float(stats.hypergeom.sf(c_lo - 1, big_n, k_hi, n)))
        else:
            row.update(test="")
        rows.append(row)
    out = pd.DataFrame(rows, columns=DRAW_COLUMNS)
    out.attrs["not_in_pool"] = "; ".join(roster.loc[~roster["person_id"].isin(set(pool["person_id"])), "name"]
                                         .astype(str)) if "name" in roster.columns else ""
    return out


#: Columns of the table :func:`yardstick_table` returns.
YARDSTICK_COLUMNS = ["by", "group", "measure", "share", "low", "high", "count", "count_max", "n", "label", "sources"]
#: The three measures of :func:`yardstick_table`, in drawing order.
MEASURES = ("cabinet", "movement", "population")


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
    from .baselines import geographic_baseline
    from .groupings import with_home
    from .io.loaders import load_appointees
    from .representation import representation

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
