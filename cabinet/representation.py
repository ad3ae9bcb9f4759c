"""Representation tables: how many appointees each group has, against a baseline.

:func:`representation` is the heart of the package. It counts appointees per
group, keeping unknown and disputed tags visible as their own rows and as
bounds (``count`` to ``count_max``), sets the counts against a baseline, and
gives the exact one-sided probability of a count this low under appointment
in proportion to the baseline.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from .baselines import Baseline, ethnic_baseline, geographic_baseline, user_baseline
from .loaders import announcement_dates, load_roster, load_tribes
from .regions import HAZARAJAT_DEFINITIONS, SCHEMES, _district_set, hazarajat_of, region_map
from .validation import parse_candidates

__all__ = ["representation", "representation_over_time", "group_candidates", "BY", "WEIGHTS",
           "UNKNOWN_GROUP", "DISPUTED_GROUP", "COLUMNS", "apply_weights"]

#: Groupings :func:`representation` understands.
BY = ("province", "region", "hazarajat", "ethnicity", "tribe", "confederation", "network", "position_class")
#: Named weighting schemes (a column name of the roster is accepted too).
WEIGHTS = ("all", "ministers", "top")
UNKNOWN_GROUP = "unknown"
DISPUTED_GROUP = "disputed"

MINISTERS_AND_ABOVE = ("prime_minister", "deputy_prime_minister", "minister")
_TOP_BODY = re.compile(r"defen[cs]e|interior|foreign|finance|intelligence", re.I)

#: Rosters longer than this get no ``members`` lists (they would be longer than the table).
MEMBER_LIST_LIMIT = 1000

#: Columns of the table :func:`representation` returns, in order.
COLUMNS = [
    "by", "scheme", "weights", "group", "status", "count", "count_max", "n", "share", "share_max",
    "ci_low", "ci_high", "baseline", "baseline_label", "baseline_sources", "baseline_note",
    "baseline_share", "baseline_low", "baseline_high", "expected", "gap_pp", "ratio",
    "p_le_count", "p_le_count_max", "test", "members", "possible_members",
]


def _check_by(by: str, roster: pd.DataFrame | None = None) -> str:
    if by in BY or (roster is not None and by in roster.columns):
        return by
    raise ValueError(f"cannot group by {by!r}; allowed: {', '.join(BY)}, or a column of the roster")


def apply_weights(roster: pd.DataFrame, weights="all") -> pd.Series:
    """The weight of every appointee under a weighting scheme.

    Parameters
    ----------
    roster : DataFrame
    weights : {'all', 'ministers', 'top'} or str
        ``all``: every post counts one. ``ministers``: prime minister, deputy
        prime ministers and ministers count one, others zero. ``top``: the
        prime minister, the deputy prime ministers, and the heads (not the
        deputies) of defence, interior, foreign affairs, finance and
        intelligence. Any other string names a numeric column of the roster.

    Returns
    -------
    pandas.Series
        Non-negative weights aligned with ``roster``.

    Examples
    --------
    >>> from cabinet import load_roster
    >>> int(apply_weights(load_roster(), "top").sum())
    8
    """
    if weights is None or weights == "all":
        return pd.Series(1.0, index=roster.index)
    if weights == "ministers":
        return roster["position_class"].isin(MINISTERS_AND_ABOVE).astype(float)
    if weights == "top":
        head = roster["position_class"].isin(["prime_minister", "deputy_prime_minister"])
        key = roster["position_class"].isin(["minister", "agency_head"]) & roster["body"].astype(str).str.contains(_TOP_BODY)
        return (head | key).astype(float)
    if isinstance(weights, str) and weights in roster.columns:
        w = pd.to_numeric(roster[weights], errors="coerce")
        if w.isna().any() or (w < 0).any() or not np.isfinite(w).all():
            bad = roster.loc[w.isna() | (w < 0), weights].head(3).tolist()
            raise ValueError(f"weights column {weights!r} must hold finite numbers >= 0; got e.g. {bad}")
        return w.astype(float)
    raise ValueError(f"unknown weights {weights!r}; allowed: {', '.join(WEIGHTS)} or a numeric column of the roster")


def _factorized(roster: pd.DataFrame, by: str, *, scheme: str = "commentary",
                hazarajat: str = "core") -> tuple[np.ndarray, list[tuple[str, ...]]]:
    """Codes of every appointee into the distinct tag values, and each value's candidate groups.

    Working on distinct values keeps the per-appointee work in numpy: a roster
    of a million rows has only a few dozen distinct provinces.
    """
    _check_by(by, roster)
    if by == "hazarajat":
        if hazarajat not in HAZARAJAT_DEFINITIONS:
            raise ValueError(f"unknown Hazarajat definition {hazarajat!r}; allowed: {', '.join(HAZARAJAT_DEFINITIONS)}")
        dcol = roster["district"] if "district" in roster.columns else pd.Series("unknown", index=roster.index)
        key = roster["province"].astype(str) + "\x1f" + dcol.astype(str)
    else:
        column = {"region": "province", "confederation": "tribe"}.get(by, by)
        key = roster[column].astype(str)
    codes, uniques = pd.factorize(key, sort=False)
    if (codes < 0).any():
        raise ValueError(f"column for by={by!r} has missing values; use 'unknown'")
    uniques = list(uniques)
    if by == "region":
        if scheme not in SCHEMES:
            raise ValueError(f"unknown region scheme {scheme!r}; allowed: {', '.join(SCHEMES)}")
        mapping = region_map(scheme)
        cands = [tuple(dict.fromkeys(mapping[p] for p in parse_candidates(v))) for v in uniques]
    elif by == "hazarajat":
        from .loaders import load_provinces

        districts = _district_set(hazarajat)
        prov = load_provinces()
        cands = []
        for v in uniques:
            p, d = v.split("\x1f")
            cands.append(hazarajat_of(parse_candidates(p), parse_candidates(d), hazarajat, prov, districts))
    elif by == "confederation":
        tribes = load_tribes()
        conf = dict(zip(tribes["tribe"], tribes["confederation"]))
        cands = []
        for v in uniques:
            if v == "not_applicable":
                cands.append(("not Pashtun",))
                continue
            groups = [conf.get(t, "unknown") for t in parse_candidates(v)]
            cands.append(() if not groups or "unknown" in groups else tuple(dict.fromkeys(groups)))
    elif by == "position_class":
        cands = [(v,) for v in uniques]
    elif by == "tribe":
        cands = [("not_applicable",) if v == "not_applicable" else parse_candidates(v) for v in uniques]
    else:
        cands = [parse_candidates(v) for v in uniques]
    return np.asarray(codes), cands


def group_candidates(roster: pd.DataFrame, by: str, *, scheme: str = "commentary",
                     hazarajat: str = "core") -> list[tuple[str, ...]]:
    """The candidate groups of every appointee: ``()`` unknown, one group known, more disputed.

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.DataFrame({"province": ["Helmand", "Kandahar|Uruzgan", "unknown"]})
    >>> group_candidates(r, "region")
    [('Southwest',), ('South',), ()]
    """
    codes, cands = _factorized(roster, by, scheme=scheme, hazarajat=hazarajat)
    return [cands[c] for c in codes]


def _resolve_baseline(by, baseline, scheme, hazarajat) -> list[Baseline | None]:
    if baseline is None:
        if by in ("province", "region", "hazarajat"):
            return [geographic_baseline(by, scheme=scheme, hazarajat=hazarajat)]
        if by == "ethnicity":
            return _resolve_baseline(by, "all", scheme, hazarajat)
        return [None]
    if isinstance(baseline, Baseline):
        return [baseline]
    if isinstance(baseline, (Mapping, pd.Series)):
        return [user_baseline(baseline)]
    if isinstance(baseline, str):
        if by in ("province", "region", "hazarajat"):
            return [geographic_baseline(by, scheme=scheme, baseline=baseline, hazarajat=hazarajat)]
        if by == "ethnicity":
            from .loaders import load_ethnic_estimates

            if baseline == "all":
                return [ethnic_baseline(e) for e in dict.fromkeys(load_ethnic_estimates()["estimate_id"])]
            return [ethnic_baseline(baseline)]
        raise ValueError(f"no named baseline for by={by!r}; pass a mapping or Series of group -> share")
    raise ValueError("baseline must be a name, a mapping or Series of group -> share, or None")


def _names(roster, mask) -> str:
    return "; ".join(roster.loc[mask, "name"].astype(str)) if "name" in roster.columns else ""


def representation(roster: pd.DataFrame | None = None, by: str = "region", *, scheme: str = "commentary",
                   baseline=None, weights="all", hazarajat: str = "core", pool=None,
                   confidence: float = 0.95) -> pd.DataFrame:
    """Count appointees per group and set the counts against a baseline.

    Parameters
    ----------
    roster : DataFrame, optional
        From :func:`cabinet.load_roster` or :func:`cabinet.load_appointees`
        (default: the 33 of 7 September 2021).
    by : {'province', 'region', 'hazarajat', 'ethnicity', 'tribe', 'confederation', 'network', 'position_class'} or str
        A grouping, or the name of any column of the roster (read like a tag
        column: ``unknown``, one value, or candidates separated by ``|``).
    scheme : {'commentary', 'isaf', 'ocha'}
        Region scheme, for ``by='region'``.
    baseline : str, mapping, Series or None
        ``'nsia_1398'`` (default for province/region/hazarajat) or
        ``'nsia_1400'``; an ``estimate_id`` of the ethnic estimates or ``'all'``
        (default for ethnicity: one block per estimate); or a mapping/Series of
        group -> share for any grouping. ``None`` for groupings without a
        population baseline leaves the baseline columns empty.
    weights : {'all', 'ministers', 'top'} or str
        Which posts count; see :func:`apply_weights`. Appointees of weight 0 are
        left out; non-integer weights give weighted counts and no probabilities.
    hazarajat : {'core', 'extended'}
        Hazarajat definition for ``by='hazarajat'``.
    pool : mapping or Series, optional
        Size of a finite pool per group (e.g. the members of a leadership body
        the appointees were drawn from). Then the probabilities are
        hypergeometric, and the baseline shares are the pool's shares.
    confidence : float
        Level of the Clopper-Pearson interval for the share.

    Returns
    -------
    pandas.DataFrame
        One row per group (and per baseline when several), then a ``disputed``
        and an ``unknown`` row, so ``count`` adds up to ``n`` for each baseline.
        Columns:

        - ``by``, ``scheme``, ``weights``: the arguments.
        - ``group``: group name; ``status`` is ``group``, ``disputed`` or ``unknown``.
        - ``count``: appointees known to be in the group (weighted).
        - ``count_max``: the largest count possible once unknown and disputed
          tags are resolved.
        - ``n``: roster size after weighting.
        - ``share``, ``share_max``: ``count / n`` and ``count_max / n``.
        - ``ci_low``, ``ci_high``: exact (Clopper-Pearson) interval for the share,
          ``ci_low`` from ``count`` and ``ci_high`` from ``count_max``, so it
          covers every way of resolving the unknowns.
        - ``baseline``, ``baseline_label``, ``baseline_sources``, ``baseline_note``:
          which baseline, described, its source ids and any imputation.
        - ``baseline_share``, ``baseline_low``, ``baseline_high``: the group's
          share of the baseline (midpoint and range).
        - ``expected``: ``n * baseline_share``.
        - ``gap_pp``: ``(share - baseline_share) * 100``, percentage points.
        - ``ratio``: ``share / baseline_share``.
        - ``p_le_count``, ``p_le_count_max``: exact one-sided probability of a
          count this low or lower under appointment in proportion to the
          baseline (binomial; hypergeometric with ``pool``), for ``count`` and
          for ``count_max``.
        - ``test``: ``binomial``, ``hypergeometric`` or empty.
        - ``members``: names known to be in the group; ``possible_members``:
          names whose disputed tag could put them in it (the unknown row lists
          the names whose tag is unknown). Empty for rosters longer than
          ``MEMBER_LIST_LIMIT`` (1,000).

    Examples
    --------
    >>> import pandas as pd
    >>> toy = pd.DataFrame({"name": ["a", "b", "c", "d"],
    ...                     "province": ["Kandahar", "Kandahar", "Helmand", "unknown"],
    ...                     "position_class": ["minister"] * 4})
    >>> t = representation(toy, "province", baseline={"Kandahar": .5, "Helmand": .5})
    >>> t[["group", "count", "count_max", "n"]].to_string(index=False)
    '   group  count  count_max  n\\nKandahar    2.0        3.0  4\\n Helmand    1.0        2.0  4\\n unknown    1.0        1.0  4'
    >>> round(float(t.loc[t.group == "Helmand", "p_le_count"].iloc[0]), 4)  # P(X <= 1), X ~ Bin(4, .5) = 5/16
    0.3125
    """
    if roster is None:
        roster = load_roster()
    _check_by(by, roster)
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must lie between 0 and 1; got {confidence!r}")
    w_all = apply_weights(roster, weights).to_numpy(dtype=float)
    keep = w_all > 0
    if keep.all():
        w = w_all  # every appointee counts: no copy of the roster (it can be millions of rows)
    else:
        roster = roster.loc[keep]
        w = w_all[keep]
    if len(roster) == 0:
        raise ValueError("the roster is empty (after weighting); nothing to count")
    integer = bool(np.all(np.equal(np.mod(w, 1), 0)))
    n_total = float(w.sum())
    codes, cands = _factorized(roster, by, scheme=scheme, hazarajat=hazarajat)
    wu = np.bincount(codes, weights=w, minlength=len(cands))
    size = np.array([len(c) for c in cands])
    n_unknown = float(wu[size == 0].sum())
    n_disputed = float(wu[size > 1].sum())
    counts: dict[str, float] = {}
    known_units: dict[str, list[int]] = {}
    for u, c in enumerate(cands):
        if len(c) == 1:
            counts[c[0]] = counts.get(c[0], 0.0) + float(wu[u])
            known_units.setdefault(c[0], []).append(u)
    unknown_units = [u for u in range(len(cands)) if size[u] == 0]
    disputed_units = [u for u in range(len(cands)) if size[u] > 1]
    maybe_units: dict[str, list[int]] = {}
    for u in disputed_units:
        for g in dict.fromkeys(cands[u]):
            maybe_units.setdefault(g, []).append(u)
    disputed_groups = list(dict.fromkeys(g for c in cands if len(c) > 1 for g in c))
    list_names = "name" in roster.columns and len(roster) <= MEMBER_LIST_LIMIT
    names = roster["name"].astype(str).to_numpy() if list_names else None

    def members(units) -> str:
        if not list_names or not units:
            return ""
        return "; ".join(names[np.isin(codes, list(units))])

    pool_counts = _check_pool(pool, n_total) if pool is not None else None
    if pool_counts is not None:
        baselines = [Baseline("pool", "finite pool of candidates (user-supplied)",
                              pool_counts / pool_counts.sum(), sources="user")]
    else:
        baselines = _resolve_baseline(by, baseline, scheme, hazarajat)

    # The rows of one block depend on the baseline only through the order of the groups, so the
    # counts and member lists of every group are computed once and reused by every block.
    rows_of: dict[str, tuple] = {}

    def group_row(g):
        if g not in rows_of:
            count = counts.get(g, 0.0)
            maybe = maybe_units.get(g, [])
            rows_of[g] = (count, count + n_unknown + float(wu[maybe].sum()),
                          members(known_units.get(g, [])), members(maybe))
        return rows_of[g]

    tail = []  # the disputed and unknown rows: (group, status, count, count_max, members, possible_members)
    if n_disputed:
        tail.append((DISPUTED_GROUP, "disputed", n_disputed, n_disputed, members(disputed_units), ""))
    tail.append((UNKNOWN_GROUP, "unknown", n_unknown, n_unknown, members(unknown_units), ""))
    observed = sorted(counts, key=lambda g: -counts[g])
    scheme_value = scheme if by == "region" else (hazarajat if by == "hazarajat" else "")
    blocks = []
    for base in baselines:
        groups = list(dict.fromkeys(list(base.share.index if base is not None else []) + observed + disputed_groups))
        rows = [(g, "group", *group_row(g)) for g in groups] + tail
        blocks.append(_block(rows, base, n_total, integer, pool_counts, confidence,
                             by=by, scheme=scheme_value, weights=str(weights)))
    out = blocks[0] if len(blocks) == 1 else pd.concat(blocks, ignore_index=True)
    out.attrs["as_of"] = roster.attrs.get("as_of")
    return out


def _block(rows, base, n_total, integer, pool_counts, confidence, *, by, scheme, weights) -> pd.DataFrame:
    """One block of the table of :func:`representation`: one row per group, then disputed and unknown.

    Every column is computed on numpy arrays and the frame is built once, in the order of
    :data:`COLUMNS`.
    """
    group, status, count, count_max, member_names, possible = (list(x) for x in zip(*rows))
    count = np.array(count, dtype=float)
    count_max = np.array(count_max, dtype=float)
    share = count / n_total
    share_max = count_max / n_total
    if base is not None:
        text = {"baseline": base.name, "baseline_label": base.label, "baseline_sources": base.sources,
                "baseline_note": base.note}
        keys = pd.Series(group, dtype=object)
        baseline_share = keys.map(base.share).to_numpy(dtype=float)
        baseline_low = keys.map(base.low).to_numpy(dtype=float)
        baseline_high = keys.map(base.high).to_numpy(dtype=float)
    else:
        text = dict.fromkeys(("baseline", "baseline_label", "baseline_sources", "baseline_note"), "")
        baseline_share, baseline_low, baseline_high = (np.full(len(group), np.nan) for _ in range(3))
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = share / baseline_share
    is_group = np.array([s == "group" for s in status])
    p_low, p_high, test = _probabilities(count, count_max, baseline_share, is_group, integer, n_total, group,
                                         pool_counts)
    ci_low, ci_high = _intervals(count, count_max, integer, n_total, confidence)
    columns = {
        "by": by, "scheme": scheme, "weights": weights, "group": group, "status": status,
        "count": count, "count_max": count_max, "n": int(n_total) if integer else n_total,
        "share": share, "share_max": share_max, "ci_low": ci_low, "ci_high": ci_high,
        **text,
        "baseline_share": baseline_share, "baseline_low": baseline_low, "baseline_high": baseline_high,
        "expected": n_total * baseline_share, "gap_pp": (share - baseline_share) * 100, "ratio": ratio,
        "p_le_count": p_low, "p_le_count_max": p_high, "test": test,
        "members": member_names, "possible_members": possible,
    }
    return pd.DataFrame(columns, index=pd.RangeIndex(len(group)), columns=COLUMNS)


def _check_pool(pool, n_total) -> pd.Series:
    if not isinstance(pool, (Mapping, pd.Series)):
        raise ValueError("pool must be a mapping or Series of group -> number of candidates")
    s = pd.Series(pool, dtype="float64")
    if s.empty or (s < 0).any() or not np.isfinite(s).all() or not np.equal(np.mod(s, 1), 0).all():
        raise ValueError(f"pool sizes must be whole numbers >= 0; got {s.to_dict()}")
    if s.sum() < n_total:
        raise ValueError(f"the pool ({int(s.sum())}) is smaller than the number of posts ({n_total:g})")
    return s


def _probabilities(count, count_max, baseline_share, is_group, integer, n_total, group, pool_counts):
    """``p_le_count``, ``p_le_count_max`` and ``test`` of one block (NaN and "" where not defined)."""
    p_low = np.full(len(count), np.nan)
    p_high = np.full(len(count), np.nan)
    test = [""] * len(count)
    ok = is_group & ~np.isnan(baseline_share)
    if not integer or not ok.any():
        return p_low, p_high, test
    n = int(n_total)
    k, kmax = count[ok], count_max[ok]
    if pool_counts is None:
        p = np.clip(baseline_share[ok], 0, 1)
        p_low[ok] = _binom_cdf(k, n, p)
        p_high[ok] = _binom_cdf(kmax, n, p)
        name = "binomial"
    else:
        size = int(pool_counts.sum())
        groups = pd.Series([g for g, keep in zip(group, ok) if keep], dtype=object)
        good = groups.map(pool_counts).fillna(0).astype(int).to_numpy()
        p_low[ok] = _hypergeom_cdf(k, size, good, n)
        p_high[ok] = _hypergeom_cdf(kmax, size, good, n)
        name = "hypergeometric"
    for i in np.flatnonzero(ok):
        test[i] = name
    return p_low, p_high, test


def _intervals(count, count_max, integer, n_total, confidence):
    """Clopper-Pearson ``ci_low`` (from ``count``) and ``ci_high`` (from ``count_max``); NaN if weighted."""
    if not integer:
        return np.full(len(count), np.nan), np.full(len(count), np.nan)
    n = int(n_total)
    lo, _ = _clopper_pearson(count, n, 1 - confidence)
    _, hi = _clopper_pearson(count_max, n, 1 - confidence)
    return np.nan_to_num(lo, nan=0.0), np.nan_to_num(hi, nan=1.0)


def _binom_cdf(k, n, p):
    """Exact binomial CDF, ``scipy.stats.binom.cdf``, as a float array."""
    from scipy import stats

    return np.asarray(stats.binom.cdf(k, n, p), dtype=float)


def _hypergeom_cdf(k, total, good, draws):
    """Exact hypergeometric CDF, ``scipy.stats.hypergeom.cdf``, as a float array."""
    from scipy import stats

    return np.asarray(stats.hypergeom.cdf(k, total, good, draws), dtype=float)


def _clopper_pearson(count, nobs, alpha):
    """Exact (Clopper-Pearson) interval from ``statsmodels.stats.proportion.proportion_confint``."""
    from statsmodels.stats.proportion import proportion_confint

    lo, hi = proportion_confint(np.asarray(count, dtype=float), nobs, alpha=alpha, method="beta")
    return np.asarray(lo, dtype=float), np.asarray(hi, dtype=float)


def representation_over_time(by: str = "region", dates=None, **kwargs) -> pd.DataFrame:
    """:func:`representation` of the government at each of several dates.

    Parameters
    ----------
    by : str
        As in :func:`representation`.
    dates : list of dates, optional
        Default: every date on which appointments were announced in 2021.
    **kwargs
        Passed to :func:`representation` (``scheme``, ``baseline``, ``weights``, ...);
        ``path``/``later_path`` are passed to :func:`cabinet.load_roster`.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`representation` with an ``as_of`` date column first.
    """
    path = kwargs.pop("path", None)
    later_path = kwargs.pop("later_path", None)
    if dates is None:
        dates = announcement_dates(path, later_path)
    blocks = []
    for d in dates:
        roster = load_roster(as_of=d, path=path, later_path=later_path)
        t = representation(roster, by, **kwargs)
        t.insert(0, "as_of", pd.Timestamp(roster.attrs["as_of"]))
        blocks.append(t)
    return pd.concat(blocks, ignore_index=True)
