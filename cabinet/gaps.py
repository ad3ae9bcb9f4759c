"""The three named gaps of the commentary: west/southwest, the Hazarajat, the Helmandi networks.

Each function classifies every appointee as inside the target group, outside
it, or undecided (unknown or disputed tags), then hands the classification to
:func:`cabinet.representation` so the counts, bounds and exact probabilities
are computed in one place. The returned table has one row per target group,
then ``outside``, ``disputed`` (when any) and ``unknown`` rows, with the
columns of :func:`cabinet.representation` plus:

- ``target``: True for the rows of the gap itself.
- ``definition``: in words, who counts as inside.
- ``p_le_count_at_low``, ``p_le_count_at_high``: the exact probability of the
  known count at the low and high ends of the baseline range (equal to
  ``p_le_count`` when the baseline is a point figure).

The ``*_adj`` columns are adjusted over the target rows alone (both tails of
each, and the two-sided probabilities; see :func:`cabinet.representation`):
``outside`` is the complement of a target, the same test read the other
way, so it is no member of the family and its ``*_adj`` columns are empty.

Two yardsticks. Every gap takes ``baseline="movement"``: the target group's
share of the movement's cadre pool before the takeover
(:mod:`cabinet.movement_baselines`), the complete-case share with the pool's
unknowns as ``baseline_low`` .. ``baseline_high``. ``baseline="both"`` stacks
the population table and the movement table, told apart by the ``baseline``
column (the population's name first, then ``movement``); the columns are the
same, so the default output (population only) is unchanged.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from .baselines import geographic_baseline
from .exact_tests import adjust_family
from .groupings import own_roster, require_afghan, with_home
from .rosters import load_roster, takes_roster
from .regions import HAZARAJAT
from .group_counts import group_alternatives
from .representation import representation
from .rosters import require_taliban
from .tags import format_tag, parse_tag, possible
from .baseline_type import Baseline
from .movement_baselines import _state, movement_baseline
from .rosters.movement import load_movement_pool

__all__ = ["west_southwest_gap", "hazarajat_gap", "helmandi_networks_gap", "helmandi_tags", "HELMANDI_NETWORKS",
           "OUTSIDE"]

OUTSIDE = "outside"
HELMANDI_NETWORKS = ("helmandi_ishaqzai", "helmandi_alizai")
_GROUP = "_gap_group"


def _key(label: str) -> str:
    """A combined label ("West+Southwest") as one group of a tag cell, where '+' means plural."""
    return label.replace("+", " & ")


def _unkey(table: pd.DataFrame) -> pd.DataFrame:
    table["group"] = table["group"].str.replace(" & ", "+", regex=False)
    return table


def _membership(alternatives, targets, label) -> str:
    """Tag cell: in the target (any target group in the alternative) or ``outside``, per alternative."""
    return format_tag(tuple(dict.fromkeys((label,) if set(alt) & set(targets) else (OUTSIDE,)
                                          for alt in alternatives)))


def _p_at(count, n, p):
    from scipy import stats

    if pd.isna(p) or pd.isna(count):
        return np.nan
    return float(stats.binom.cdf(count, n, p))


def _finish(table: pd.DataFrame, targets, definition: str) -> pd.DataFrame:
    table = table.copy()
    table.insert(4, "target", table["group"].isin(targets))
    table.insert(5, "definition", definition)
    integer = float(table["n"].iloc[0]).is_integer()
    table["p_le_count_at_low"] = [
        _p_at(c, int(n), p) if integer else np.nan for c, n, p in zip(table["count"], table["n"], table["baseline_low"])
    ]
    table["p_le_count_at_high"] = [
        _p_at(c, int(n), p) if integer else np.nan for c, n, p in zip(table["count"], table["n"], table["baseline_high"])
    ]
    order = {g: i for i, g in enumerate(list(targets) + [OUTSIDE, "disputed", "unknown"])}
    table = table.sort_values("group", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)
    # The family of the multiplicity adjustment: the target rows. The outside row is the complement of a
    # target, the same test read the other way; in the family it would double the target's adjusted p.
    return adjust_family(table, table["target"] & table["baseline_share"].notna())


def _given(share: dict, low: dict | None = None, high: dict | None = None):
    """The shares a gap is tested against: a mapping, or with the range the pool's unknowns allow.

    A range is handed on as a :class:`~cabinet.baseline_type.Baseline`, so that the probabilities are taken
    over it as over the roster's own unknowns (:func:`cabinet.representation`).
    """
    if low is None or high is None:
        return share

    return Baseline("given", "", pd.Series(share), low=pd.Series(low), high=pd.Series(high), sources="user")


def _asked(roster: pd.DataFrame, baseline, what: str, default: str = "nsia_1398"):
    """The baseline of a named gap: as given, else ``default`` for the package's rosters; a roster of one's own
    (a file of any body, a frame made by hand) gets Afghanistan's population only when it names it."""
    if baseline is not None:
        return baseline
    if own_roster(roster):
        raise ValueError(f"{what} sets a roster against Afghanistan's population; a roster of your own gets it only "
                         f"when asked: give baseline={default!r} (or 'nsia_1400', 'movement')")
    return default


def _with_groups(roster: pd.DataFrame, values: list[str]) -> pd.DataFrame:
    out = roster.copy()
    out[_GROUP] = values
    return out


def _both(gap, roster, **kwargs) -> pd.DataFrame:
    """The gap against the population (the function's default), then against the movement's pool."""
    asked = "population" if gap is helmandi_networks_gap else "nsia_1398"
    population = gap(roster, baseline=asked, **kwargs)
    movement = gap(roster, baseline="movement", **kwargs)
    return pd.concat([population, movement], ignore_index=True)


def _movement_gap(gap, by: str, roster: pd.DataFrame, **kwargs):
    """The movement baseline of ``by`` and, per target row, the pool's (share, low, high) under ``gap``.

    The gap itself is run on the cadre pool: ``share`` is the pool's complete-case share of the
    target, ``low`` its known count and ``high`` its largest possible count, over the pool size.
    """
    home = roster.attrs.get("home") or "any"
    bounds = _pool_bounds(gap, home, tuple(sorted(kwargs.items())), _state())
    return movement_baseline(by, home=home), dict(bounds)


@lru_cache(maxsize=32)
def _pool_bounds(gap, home: str, kwargs: tuple, state) -> dict:
    """The pool's (share, low, high) per target row of ``gap``, once per state of the pool's files."""
    pool = load_movement_pool(home=home)
    t = gap(pool, home=home, **dict(kwargs))  # the pool in the sense of home of the roster
    n = t["n"].astype(float)
    return {g: (min(max(float(s), float(lo)), float(hi)) if pd.notna(s) else float((lo + hi) / 2), float(lo),
                float(hi))  # the complete-case share, kept within the bounds (as movement_baseline does)
            for g, s, lo, hi in zip(t["group"], t["share_known"], t["count"] / n, t["count_max"] / n)}


@takes_roster("roster")
def west_southwest_gap(roster: pd.DataFrame | None = None, *, baseline: str | None = None,
                       weights="all", separate: bool = True, home: str | None = None) -> pd.DataFrame:
    """How many appointees come from the west and southwest (commentary regions).

    West is Herat, Farah, Badghis and Ghor; southwest is Helmand and Nimroz
    (ISAF Regional Commands West and Southwest after 2010).

    Parameters
    ----------
    roster : DataFrame, optional
        Default: the 33 of 7 September 2021.
    baseline : {'nsia_1398', 'nsia_1400', 'movement', 'both'} or None
        Population baseline (None: ``'nsia_1398'`` for the package's rosters; a
        roster of one's own names it); ``'movement'``: the share of the movement's cadre
        pool from the west and southwest (pool unknowns as bounds);
        ``'both'``: the ``nsia_1398`` table, then the movement table.
    weights : str
        As in :func:`cabinet.representation`.
    separate : bool
        If True (default), report West and Southwest as two target rows and add
        a combined ``West+Southwest`` row; if False, only the combined row.
    home : {'any', 'birth', 'origin', 'stated'} or None
        Which sense of home province counts (see :func:`cabinet.groupings.with_home`);
        None: home by birth where the roster records birthplaces (each person
        then counts once), else the roster's own ``province``.

    Returns
    -------
    pandas.DataFrame
        See the module docstring.

    Examples
    --------
    >>> import pandas as pd
    >>> toy = pd.DataFrame({"name": ["a", "b", "c"], "province": ["Helmand", "Kabul", "unknown"],
    ...                     "district": ["unknown"] * 3, "position_class": ["minister"] * 3})
    >>> t = west_southwest_gap(toy, baseline="nsia_1398")  # a frame of one's own names its baseline
    >>> t.loc[t.group == "West+Southwest", ["count", "count_max"]].values.tolist()
    [[1.0, 2.0]]
    """
    if baseline == "both":
        return _both(west_southwest_gap, roster, weights=weights, separate=separate, home=home)
    roster = with_home(load_roster() if roster is None else roster, home)
    require_afghan(roster, ["province"], "west_southwest_gap")
    baseline = _asked(roster, baseline, "west_southwest_gap")
    alts = group_alternatives(roster, "region", scheme="commentary")
    targets = ["West", "Southwest"]
    if baseline == "movement":
        base, bounds = _movement_gap(west_southwest_gap, "region", roster, separate=True)
    else:
        base, bounds = geographic_baseline("region", scheme="commentary", baseline=baseline), None
    tables = []  # type: ignore[var-annotated]  # list of DataFrames
    combos = ([["West"], ["Southwest"]] if separate else []) + [targets]
    for combo in combos:
        label = "+".join(combo)
        values = [_membership(a, combo, _key(label)) for a in alts]
        share, low, high = bounds[label] if bounds else (float(base.share[combo].sum()),) * 3
        t = _unkey(representation(_with_groups(roster, values), _GROUP,
                                  baseline=_given({_key(label): share, OUTSIDE: 1 - share},
                                                  *(({_key(label): low, OUTSIDE: 1 - high},
                                                     {_key(label): high, OUTSIDE: 1 - low}) if bounds else ())),
                                  weights=weights))
        t["baseline"], t["baseline_label"] = base.name, base.label
        t["baseline_sources"], t["baseline_note"] = base.sources, base.note
        t["baseline_low"] = t["group"].map({label: low, OUTSIDE: 1 - high})
        t["baseline_high"] = t["group"].map({label: high, OUTSIDE: 1 - low})
        tables.append(t[t["group"] == label] if len(tables) < len(combos) - 1 else t)
    out = pd.concat(tables, ignore_index=True)
    out["by"] = "region"
    out["scheme"] = "commentary"
    definition = (f"home province ({roster.attrs.get('home', 'any')} sense) in Herat, Farah, Badghis or Ghor (West) "
                  "or Helmand or Nimroz (Southwest)")
    labels = (targets if separate else []) + ["West+Southwest"]
    return _finish(out, labels, definition)


@takes_roster("roster")
def hazarajat_gap(roster: pd.DataFrame | None = None, *, definition: str = "core",
                  baseline: str | None = None, weights="all", home: str | None = None) -> pd.DataFrame:
    """How many appointees come from the Hazarajat.

    Parameters
    ----------
    roster : DataFrame, optional
    definition : {'core', 'extended'}
        ``core``: Bamyan and Daykundi. ``extended``: also the Hazara-majority
        districts of neighbouring provinces (``hazarajat_districts.csv``); an
        appointee from such a province whose district is unknown is undecided.
        Its population share is a range (district populations are not
        published): see :func:`cabinet.baselines.geographic_baseline`.
    baseline : {'nsia_1398', 'nsia_1400', 'movement', 'both'} or None
        None: ``'nsia_1398'`` for the package's rosters (a roster of one's own
        names it). ``'movement'``: the Hazarajat's share of the movement's cadre pool
        (pool unknowns as bounds); ``'both'``: the ``nsia_1398`` table, then
        the movement table.
    weights : str
    home : {'any', 'birth', 'origin', 'stated'} or None
        Which sense of home counts; None: home by birth where the roster
        records birthplaces, else the roster's own ``province``.

    Returns
    -------
    pandas.DataFrame
        See the module docstring.

    Examples
    --------
    >>> t = hazarajat_gap()
    >>> row = t[t["group"] == "Hazarajat"].iloc[0]
    >>> int(row["count"]), int(row["count_max"]), int(row["n"])  # none known; the 9 of unknown birthplace could be
    (0, 9, 33)
    """
    if baseline == "both":
        return _both(hazarajat_gap, roster, definition=definition, weights=weights, home=home)
    roster = with_home(load_roster() if roster is None else roster, home)
    require_afghan(roster, ["province"], "hazarajat_gap")
    baseline = _asked(roster, baseline, "hazarajat_gap")
    t = representation(roster, "hazarajat", hazarajat=definition, baseline=baseline, weights=weights)
    t["group"] = t["group"].replace({"outside Hazarajat": OUTSIDE})
    text = ("home province Bamyan or Daykundi" if definition == "core" else
            "home province Bamyan or Daykundi, or a listed Hazara-majority district of a neighbouring province")
    return _finish(t, [HAZARAJAT], text)


def helmandi_tags(roster: pd.DataFrame) -> list[str]:
    """Each appointee's tag for the Helmandi networks: the network(s) he is in, ``outside``, or open.

    A sourced membership decides (plural: a man in a Helmandi network and another is in the Helmandi
    one); an unknown network is open only when his home may be Helmand, and ``outside`` otherwise.

    Examples
    --------
    >>> import pandas as pd
    >>> helmandi_tags(pd.DataFrame({"network": ["helmandi_alizai+kandahari_leadership", "unknown", "unknown"],
    ...                             "province": ["Helmand", "Helmand", "Kabul"]}))
    ['helmandi_alizai', 'helmandi_ishaqzai|helmandi_alizai|outside', 'outside']
    """
    values = []
    for net, prov in zip(roster["network"].astype(str), roster["province"].astype(str)):
        nets = parse_tag(net)
        provs = possible(parse_tag(prov))
        if nets:
            values.append(format_tag(tuple(dict.fromkeys(
                tuple(g for g in alt if g in HELMANDI_NETWORKS) or (OUTSIDE,) for alt in nets))))
        elif not provs or "Helmand" in provs:
            values.append("|".join(HELMANDI_NETWORKS + (OUTSIDE,)))
        else:
            values.append(OUTSIDE)
    return values


@takes_roster("roster")
def helmandi_networks_gap(roster: pd.DataFrame | None = None, *, baseline=None, weights="all",
                          home: str | None = None) -> pd.DataFrame:
    """How many appointees represent the Ishaqzai and Alizai networks of Helmand.

    Who counts. A representative of a Helmandi network is an appointee whose
    *network* tag is ``helmandi_ishaqzai`` or ``helmandi_alizai``: a source ties
    the person to Helmand and its Taliban fronts. Tribe alone does not count:
    the commentary itself separates the Helmandi networks from members of the
    same tribes elsewhere (an Ishaqzai from Kandahar is not their
    representative; see Giustozzi's RUSI commentary, claim C4 of
    :data:`cabinet.claims.CLAIMS`). Membership is plural: a man of a Helmandi
    network who also belongs to another network is a representative. Such tribe members are listed in ``tribe_members_elsewhere``. An appointee
    whose network is unknown counts as a *possible* representative only if his
    home province may be Helmand (unknown, or Helmand among the candidates);
    an unknown network with a known home elsewhere is counted outside.

    Parameters
    ----------
    roster : DataFrame, optional
    baseline : float, mapping or None
        The networks' weight to compare with. Default: Helmand's share of the
        NSIA 1398 population for the two networks together (a proxy that
        understates their weight among Taliban fighters, which the commentary
        says is the largest of any group; no sourced figure of that weight
        exists); a roster of one's own asks for it with ``'population'``. A float sets the combined share; a mapping may give one
        share per network (keys ``helmandi_ishaqzai``, ``helmandi_alizai``).
        ``'movement'``: each network's share of the movement's cadre pool
        before the takeover (pool unknowns as ``baseline_low`` ..
        ``baseline_high``), the yardstick the commentary itself uses;
        ``'both'``: the population proxy table, then the movement table.
    weights : str
    home : {'any', 'birth', 'origin', 'stated'} or None
        Which sense of home decides whether an unknown network may be Helmandi;
        None: the roster's own ``province`` (on a loaded roster, home in any
        sense: a man whose family or birthplace may be in Helmand).

    Returns
    -------
    pandas.DataFrame
        See the module docstring; plus ``tribe_members_elsewhere`` on the target rows.

    Examples
    --------
    >>> t = helmandi_networks_gap()
    >>> both = t[t["group"] == "helmandi_ishaqzai+helmandi_alizai"].iloc[0]
    >>> int(both["count"]), int(both["count_max"])  # none known; the 6 of disputed network could be
    (0, 6)
    """
    if isinstance(baseline, str) and baseline == "both":
        return _both(helmandi_networks_gap, roster, weights=weights, home=home)
    # The home here only says whether an unknown network may be Helmandi; it is not counted. The roster's
    # own province (the plural union of the senses, on a loaded roster) unless a sense is asked for.
    roster = load_roster() if roster is None else roster
    roster = roster if home is None else with_home(roster, home)
    require_taliban(roster, "helmandi_networks_gap")
    require_afghan(roster, ["network", "province"], "helmandi_networks_gap")
    if baseline is None and own_roster(roster):
        raise ValueError("helmandi_networks_gap sets the networks against Helmand's share of Afghanistan's population; "
                         "a roster of your own gets it only when asked: give baseline='population' (or 'movement', "
                         "a share, or a mapping of network -> share)")
    if isinstance(baseline, str) and baseline == "population":
        baseline = None
    values = helmandi_tags(roster)
    pop = geographic_baseline("province", baseline="nsia_1398")
    bounds = None
    if isinstance(baseline, str) and baseline == "movement":
        base, bounds = _movement_gap(helmandi_networks_gap, "network", roster)
        per = {g: bounds[g][0] for g in HELMANDI_NETWORKS}
        combined = bounds["+".join(HELMANDI_NETWORKS)][0]
        label = base.label + ": the networks' share of the pool"
    elif isinstance(baseline, str):
        raise ValueError(f"unknown baseline {baseline!r} for the Helmandi networks; allowed: None or 'population' "
                         "(Helmand's population share), 'movement', 'both', a share, or a mapping of network -> share")
    elif baseline is None:
        combined = float(pop.share["Helmand"])
        label = f"{pop.label}: Helmand's share of the population (proxy for the networks' weight)"
        per = {}  # type: ignore[var-annotated]  # network -> share
    elif isinstance(baseline, (int, float)):
        combined, label, per = float(baseline), "user-supplied share for the two networks together", {}
    else:
        per = {k: float(v) for k, v in dict(baseline).items()}
        unknown_keys = set(per) - set(HELMANDI_NETWORKS)
        if unknown_keys:
            raise ValueError(f"unknown network(s) in baseline: {sorted(unknown_keys)}; allowed: {', '.join(HELMANDI_NETWORKS)}")
        combined, label = sum(per.values()), "user-supplied share per network"
    if not 0 <= combined <= 1:
        raise ValueError(f"the networks' baseline share must lie between 0 and 1; got {combined}")
    work = _with_groups(roster, values)
    both = "+".join(HELMANDI_NETWORKS)
    rows = []
    tables: dict = {}  # one table per distinct baseline: both networks usually read the same one
    for g in HELMANDI_NETWORKS:
        # every network a roster group may hold
        shares = {h: per[h] for h in HELMANDI_NETWORKS if h in per} if g in per else None
        key = tuple(shares.items()) if shares is not None else None
        if key not in tables:
            given = None
            if shares is not None:
                rest = {OUTSIDE: max(0.0, 1 - sum(shares.values()))}
                given = _given({**shares, **rest}, *(({**{h: bounds[h][1] for h in shares}, OUTSIDE: 1 - bounds[both][2]},
                                                      {**{h: bounds[h][2] for h in shares}, OUTSIDE: 1 - bounds[both][1]})
                                                     if bounds else ()))
            tables[key] = representation(work, _GROUP, baseline=given, weights=weights)
        t = tables[key]
        rows.append(t[t["group"] == g])
    merged = [_membership(parse_tag(v), HELMANDI_NETWORKS, _key(both)) if v != "unknown" else v for v in values]
    t = _unkey(representation(_with_groups(roster, merged), _GROUP,
                              baseline=_given({_key(both): combined, OUTSIDE: 1 - combined},
                                              *(({_key(both): bounds[both][1], OUTSIDE: 1 - bounds[both][2]},
                                                 {_key(both): bounds[both][2], OUTSIDE: 1 - bounds[both][1]})
                                                if bounds else ())),
                              weights=weights))
    rows.append(t)
    out = pd.concat(rows, ignore_index=True)
    out["by"] = "network"
    out.loc[out["baseline_share"].notna(), "baseline_label"] = label
    out.loc[out["baseline_share"].notna(), "baseline_sources"] = pop.sources if baseline is None else "user"
    out["baseline_low"], out["baseline_high"] = out["baseline_share"], out["baseline_share"]
    if baseline is None:
        out["baseline"] = pop.name
    if bounds is not None:
        has = out["baseline_share"].notna()
        out["baseline"], out.loc[has, "baseline_sources"] = base.name, base.sources
        out.loc[has, "baseline_note"] = base.note
        low = {g: b[1] for g, b in bounds.items()}
        high = {g: b[2] for g, b in bounds.items()}
        both_label = "+".join(HELMANDI_NETWORKS)
        low[OUTSIDE], high[OUTSIDE] = 1 - bounds[both_label][2], 1 - bounds[both_label][1]
        out.loc[has, "baseline_low"] = out.loc[has, "group"].map(low)
        out.loc[has, "baseline_high"] = out.loc[has, "group"].map(high)
    tribes = roster["tribe"].astype(str)
    elsewhere = {}
    for tribe, g in (("Ishaqzai", "helmandi_ishaqzai"), ("Alizai", "helmandi_alizai")):
        mask = tribes.apply(lambda ts, tribe=tribe: tribe in possible(parse_tag(ts))) & \
            (pd.Series(values, index=roster.index) == OUTSIDE)
        elsewhere[g] = "; ".join(roster.loc[mask, "name"].astype(str))
    elsewhere[both] = "; ".join(x for x in elsewhere.values() if x)
    out["tribe_members_elsewhere"] = out["group"].map(elsewhere).fillna("")
    definition = ("network tag helmandi_ishaqzai or helmandi_alizai (a source ties the person to Helmand's "
                  "Taliban networks); an unknown network counts as possible only with a possibly Helmandi home")
    return _finish(out, list(HELMANDI_NETWORKS) + [both], definition)
