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

import copy
from functools import lru_cache

import pandas as pd

from .baseline_type import Baseline
from .io._tables import bundled_path as _bundled, bundled_link_state as _bundled_link_stamp, file_state as _stamp
from .rosters.movement import pool_state as _pool_state, load_movement_pool
from .group_counts import group_alternatives
from .groupings import vocabulary
from .tags import definite, possible

__all__ = ["movement_baseline", "MOVEMENT_BASELINES", "MOVEMENT_GROUPINGS"]

#: Named movement baselines.
MOVEMENT_BASELINES = ("movement",)
#: Groupings the pool can describe.
MOVEMENT_GROUPINGS = ("province", "region", "hazarajat", "ethnicity", "tribe", "confederation", "network")
_NOT_OFFERED = {
    "movement_fighters": "the estimates of fighters in movement_manpower.csv are national totals, one network "
                         "(Haqqani, 2018) and one front (Badakhshan, 2015), with no figure by province or region, "
                         "so they are recorded but not offered as a baseline",
}


def _check(by, name: str = "movement") -> None:
    if name in _NOT_OFFERED:
        raise ValueError(f"baseline {name!r} is not offered: {_NOT_OFFERED[name]}; use baseline='movement' (the "
                         f"cadre pool) for by= {', '.join(MOVEMENT_GROUPINGS)}")
    if name not in MOVEMENT_BASELINES:
        raise ValueError(f"no movement baseline {name!r}; allowed: {', '.join(MOVEMENT_BASELINES)}")
    if not isinstance(by, str) or by not in MOVEMENT_GROUPINGS:
        raise ValueError(f"the movement baseline cannot describe by={by!r}: the cadre pool is described by "
                         f"{', '.join(MOVEMENT_GROUPINGS)} only")


def _state() -> tuple:
    """The state of the files the bundled pool's tables read: the pool's own, and the Hazarajat's districts."""
    return _pool_state(), _stamp(_bundled("hazarajat_districts")), _bundled_link_stamp("hazarajat_districts")


def _pool_table(by, scheme, hazarajat, home, pool=None) -> pd.DataFrame:
    """The pool counted like a roster, every group of the grouping (the columns of :func:`cabinet.representation`
    that the movement baseline reads: ``scheme``, ``group``, ``status``, ``count``, ``count_max``, ``n``,
    ``share_known``, ``members``).

    Counted here from :func:`cabinet.group_counts.group_alternatives` rather than by
    :func:`cabinet.representation`, which resolves baselines and so sits above this module. A member counts
    in a group he surely belongs to (``count``), could belong to (``count_max``, unknowns included), and is a
    complete case when his tag is known and undisputed (as in :func:`cabinet.representation`).
    """
    if pool is None:
        return _bundled_pool_table(by, scheme, hazarajat, home, _state()).copy()
    return _counted(pool, by, scheme, hazarajat)


@lru_cache(maxsize=64)
def _bundled_pool_table(by, scheme, hazarajat, home, state) -> pd.DataFrame:
    """:func:`_pool_table` of the bundled pool, once per state of its files (callers copy it)."""
    return _counted(load_movement_pool(home=home), by, scheme, hazarajat)


def _counted(pool: pd.DataFrame, by, scheme, hazarajat) -> pd.DataFrame:
    """The table of :func:`_pool_table` for the pool given."""
    alts = group_alternatives(pool, by, scheme=scheme, hazarajat=hazarajat)
    names = pool["name"].astype(str).tolist() if "name" in pool.columns else [""] * len(pool)
    n = len(alts)
    unknown = [i for i, a in enumerate(alts) if not a]
    disputed = [i for i, a in enumerate(alts) if len(a) > 1]
    complete = [a[0] for a in alts if len(a) == 1]  # known and undisputed (a plural member counts in each group)
    groups = list(dict.fromkeys([*vocabulary(by, scheme=scheme, hazarajat=hazarajat),
                                 *(g for a in alts for g in possible(a))]))
    rows = []
    for g in groups:
        sure = [i for i, a in enumerate(alts) if a and g in definite(a)]
        maybe = [i for i, a in enumerate(alts) if a and g in possible(a)]
        rows.append({"scheme": scheme, "group": g, "status": "group", "count": len(sure),
                     "count_max": len(maybe) + len(unknown), "n": n,
                     "share_known": sum(g in a for a in complete) / len(complete) if complete else float("nan"),
                     "members": "; ".join(names[i] for i in sure)})
    for status, who in (("disputed", disputed), ("unknown", unknown)):
        rows.append({"scheme": scheme, "group": status, "status": status, "count": len(who), "count_max": len(who),
                     "n": n, "share_known": float("nan"), "members": "; ".join(names[i] for i in who)})
    return pd.DataFrame(rows)


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
    base = _baseline_cached(by, scheme, hazarajat, home, name, _state())
    out = copy.copy(base)
    out.share, out.low, out.high = base.share.copy(), base.low.copy(), base.high.copy()
    return out


@lru_cache(maxsize=64)
def _baseline_cached(by, scheme, hazarajat, home, name, state) -> Baseline:
    """The baseline of :func:`movement_baseline`, once per state of the pool's files (callers copy it)."""
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


