"""The movement's own yardstick: the cadre pool before the takeover as a baseline.

Two ways of setting a roster against the pool are offered.

``baseline="movement"`` (every representation function, the named gaps, the
charts, the report and the CLI's ``--baseline movement``)
    The pool's make-up as shares: the cabinet is compared with the binomial
    test against the share of each group in the pool, exactly as against a
    population share. The pool's own unknowns are carried as bounds: the
    share of a group ranges from its known count (``baseline_low``) to its
    count plus every pool member whose tag is unknown or disputed and could
    put him in the group (``baseline_high``), over the pool size; the point
    share (``baseline_share``, the one the test uses) is the complete-case
    share, the group's share among pool members whose tag is known and
    undisputed, raised to ``baseline_low`` where members whose disputed tag
    surely includes the group would put it below. Every cabinet member
    counts, whether he is in the pool or not: the question is whether the
    cabinet looks like the movement's leadership.

:func:`movement_draw`
    The cabinet treated as drawn from the pool: the exact hypergeometric test
    (``scipy.stats.hypergeom``) of how many of the pool's members of a group
    were among those of the pool who entered the roster. Only roster members
    who are in the pool (same ``person_id``) are drawn; the others are not in
    the urn, and the table says how many they are (``n_not_in_pool``). The
    unknown tags of the pool and of the drawn are carried as bounds: the
    probabilities are the range over every way of resolving them.

The estimates of fighters (``movement_manpower.csv``) are not offered as a
baseline: the sources give national totals, one network (Haqqani, 2018) and
one front (Badakhshan, 2015), and no figure by province or region, so no
grouping of the package can be set against them. ``baseline="movement_fighters"``
is refused with that reason.
"""

from __future__ import annotations

import pandas as pd

from .baselines import Baseline
from .movement import load_movement_pool

__all__ = ["movement_baseline", "movement_draw", "yardstick_table", "MOVEMENT_BASELINES", "MOVEMENT_GROUPINGS",
           "DRAW_COLUMNS", "YARDSTICK_COLUMNS", "MEASURES"]

#: Named movement baselines.
MOVEMENT_BASELINES = ("movement",)
#: Groupings the pool can describe.
MOVEMENT_GROUPINGS = ("province", "region", "hazarajat", "ethnicity", "tribe", "confederation", "network")
_NOT_OFFERED = {
    "movement_fighters": "the estimates of fighters in movement_manpower.csv are national totals, one network "
                         "(Haqqani, 2018) and one front (Badakhshan, 2015), with no figure by province or region, "
                         "so they are recorded but not offered as a baseline",
}
#: Columns of the table :func:`movement_draw` returns.
DRAW_COLUMNS = ["by", "scheme", "group", "status", "pool_count", "pool_count_max", "pool_n", "count", "count_max",
                "n", "n_not_in_pool", "p_le_min", "p_le_max", "p_ge_min", "p_ge_max", "test", "baseline",
                "baseline_label", "baseline_sources", "members"]


def _check(by, name: str = "movement") -> None:
    if name in _NOT_OFFERED:
        raise ValueError(f"baseline {name!r} is not offered: {_NOT_OFFERED[name]}; use baseline='movement' (the "
                         f"cadre pool) for by= {', '.join(MOVEMENT_GROUPINGS)}")
    if name not in MOVEMENT_BASELINES:
        raise ValueError(f"no movement baseline {name!r}; allowed: {', '.join(MOVEMENT_BASELINES)}")
    if not isinstance(by, str) or by not in MOVEMENT_GROUPINGS:
        raise ValueError(f"the movement baseline cannot describe by={by!r}: the cadre pool is described by "
                         f"{', '.join(MOVEMENT_GROUPINGS)} only")


def _pool_table(by, scheme, hazarajat, home, pool=None) -> pd.DataFrame:
    """The pool counted like a roster: one block, every group of the grouping."""
    from .representation import representation

    pool = load_movement_pool(home=home) if pool is None else pool
    t = representation(pool, by, scheme=scheme, hazarajat=hazarajat, adjust=None)
    if t["baseline"].nunique() > 1:
        t = t[t["baseline"] == t["baseline"].iloc[0]]
    return t.reset_index(drop=True)


def movement_baseline(by: str, *, scheme: str = "commentary", hazarajat: str = "core", home: str = "any",
                      name: str = "movement") -> Baseline:
    """The cadre pool's make-up as a :class:`~cabinet.baselines.Baseline` (see the module docstring).

    Parameters
    ----------
    by : {'province', 'region', 'hazarajat', 'ethnicity', 'tribe', 'confederation', 'network'}
    scheme, hazarajat : str
        As in :func:`cabinet.representation`.
    home : {'any', 'birth', 'origin', 'stated'}
        The sense of home of the pool's members.
    name : str
        ``'movement'``; ``'movement_fighters'`` is refused with the reason.

    Returns
    -------
    Baseline
        ``share``: complete-case share (within the bounds); ``low``: known count / pool size;
        ``high``: (known count + unknown or disputed members who could be in
        the group) / pool size.

    Raises
    ------
    ValueError
        For a grouping the pool cannot describe (the message lists the
        allowed ones), or a baseline name not offered.

    Examples
    --------
    >>> b = movement_baseline("region")
    >>> round(float(b.low["Southwest"]), 4), round(float(b.high["Southwest"]), 4)  # 2 of 29 known; up to 2 + 12
    (0.069, 0.4828)
    """
    _check(by, name)
    t = _pool_table(by, scheme, hazarajat, home)
    groups = t[t["status"] == "group"].set_index("group")
    n = int(t["n"].iloc[0])
    n_open = int(t.loc[t["status"].isin(["unknown", "disputed"]), "count"].sum())
    low = groups["count"] / n
    high = groups["count_max"] / n
    # a member whose disputed or plural tag surely includes the group counts in ``low`` but is no complete case:
    # the complete-case share is then kept within the bounds
    share = groups["share_known"].fillna((low + high) / 2).clip(lower=low, upper=high)
    pool = load_movement_pool(home=home)
    column = {"region": "province", "hazarajat": "province", "confederation": "tribe"}.get(by, by)
    sources = ";".join(dict.fromkeys(s for cell in list(pool["source_ids"]) + list(pool[f"{column}_sources"])
                                     for s in str(cell).replace("|", ";").split(";") if s))
    label = (f"the movement's cadre pool before the takeover ({n} people: leadership council, deputy leaders, "
             f"commissions, shadow governors and commanders as last reported before 15 August 2021)")
    note = (f"{n_open} of the {n} pool members have an unknown or disputed {column}; the share is the complete-case "
            "share (pool members whose tag is known and undisputed), bounded by the known count (low) and the "
            "known count plus every open member who could be in the group (high), over the pool size")
    return Baseline(name, label, share, low, high, sources=sources, note=note)


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

    from .loaders import load_appointees

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
    tp = _pool_table(by, scheme, hazarajat, home, pool).set_index("group")
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
    from .loaders import load_appointees
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
