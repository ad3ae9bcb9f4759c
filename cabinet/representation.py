"""Representation tables: how many appointees each group has, against a baseline.

:func:`representation` is the heart of the package. It counts appointees per
group, keeping unknown and disputed tags visible as their own rows and as
bounds (``count`` to ``count_max``), sets the counts against a baseline, and
gives the exact one-sided probability of a count this low under appointment
in proportion to the baseline.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from .baselines import RESIDUAL_GROUP, Baseline, check_baseline, resolve_baseline
from .groupings import describes, factorized, foreign_values, resolve, suggest, vocabulary, with_home
from .loaders import announcement_dates, load_roster, load_tribes
from .regions import HAZARAJAT_DEFINITIONS, SCHEMES, _district_set, hazarajat_of, region_map
from .tags import definite, parse_tag, possible

__all__ = ["representation", "representation_over_time", "wide", "group_candidates", "group_alternatives", "BY", "WEIGHTS",
           "UNKNOWN_GROUP", "DISPUTED_GROUP", "COLUMNS", "apply_weights"]

#: Groupings :func:`representation` understands.
BY = ("province", "region", "hazarajat", "ethnicity", "tribe", "confederation", "network", "position_class")
#: Named weighting schemes (a column name of the roster is accepted too).
WEIGHTS = ("all", "ministers", "top")
UNKNOWN_GROUP = "unknown"
#: Joins the groups of a cross-tabulation (``by=[a, b]``).
CROSS_SEP = " × "
#: Position classes of the codebook (what ``weights='ministers'`` and ``'top'`` know).
POSITION_CLASSES = ("prime_minister", "deputy_prime_minister", "minister", "deputy_minister", "agency_head",
                    "military")
#: Multiplicity adjustments (``statsmodels.stats.multitest.multipletests`` methods), or None.
ADJUSTMENTS = ("holm", "fdr_bh", "bonferroni", None)
DISPUTED_GROUP = "disputed"

MINISTERS_AND_ABOVE = ("prime_minister", "deputy_prime_minister", "minister")
_TOP_BODY = re.compile(r"defen[cs]e|interior|foreign|finance|intelligence", re.I)

#: Rosters longer than this get no ``members`` lists (they would be longer than the table).
MEMBER_LIST_LIMIT = 1000

#: Columns of the table :func:`representation` returns, in order.
COLUMNS = [
    "by", "scheme", "weights", "group", "status", "count", "count_max", "n", "n_known", "share", "share_max",
    "share_known", "ci_low", "ci_high", "baseline", "baseline_label", "baseline_sources", "baseline_note",
    "baseline_share", "baseline_low", "baseline_high", "expected", "gap_pp", "ratio", "ratio_ci_low",
    "ratio_ci_high", "p_le_count", "p_le_count_max", "p_ge_count", "p_ge_count_max", "p_two_sided_min",
    "p_two_sided_max", "p_le_known", "p_ge_known", "adjust", "p_le_count_adj", "p_le_count_max_adj",
    "p_ge_count_adj", "p_ge_count_max_adj", "test", "members", "possible_members",
]


def _check_by(by, roster: pd.DataFrame | None = None, cache: dict | None = None):
    """Check ``by`` against the roster (see :mod:`cabinet.groupings`); return it."""
    if roster is None:
        if isinstance(by, str) and by in BY:
            return by
        raise ValueError(f"cannot group by {by!r}; allowed: {', '.join(BY)}, or a column of the roster")
    resolve(roster, by, cache)
    return by


def _known_classes(roster: pd.DataFrame, scheme: str) -> None:
    if "position_class" not in roster.columns:
        raise ValueError(f"weights={scheme!r} reads the 'position_class' column, which this roster lacks; give "
                         "a numeric weights column of the roster instead")
    bad = foreign_values(roster, "position_class", POSITION_CLASSES, limit=5)
    if bad:
        raise ValueError(f"weights={scheme!r} knows the position classes {', '.join(POSITION_CLASSES)}; this "
                         f"roster has others ({', '.join(map(repr, bad))}), which it would silently weigh 0: give "
                         "a numeric weights column of the roster instead")


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
        ``ministers`` and ``top`` need the codebook's position classes (and
        ``top`` a ``body`` column): on a roster with other classes they are
        refused rather than weigh the unknown classes 0.

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
        _known_classes(roster, weights)
        return roster["position_class"].isin(MINISTERS_AND_ABOVE).astype(float)
    if weights == "top":
        _known_classes(roster, weights)
        if "body" not in roster.columns:
            raise ValueError("weights='top' reads the 'body' column (the ministry or agency of each post), which "
                             "this roster lacks; give a numeric weights column of the roster instead")
        head = roster["position_class"].isin(["prime_minister", "deputy_prime_minister"])
        key = roster["position_class"].isin(["minister", "agency_head"]) & roster["body"].astype(str).str.contains(_TOP_BODY)
        return (head | key).astype(float)
    if isinstance(weights, str) and weights in roster.columns:
        w = pd.to_numeric(roster[weights], errors="coerce")
        if w.isna().any() or (w < 0).any() or not np.isfinite(w).all():
            bad = roster.loc[w.isna() | (w < 0), weights].head(3).tolist()
            raise ValueError(f"weights column {weights!r} must hold finite numbers >= 0; got e.g. {bad}")
        return w.astype(float)
    hint = suggest(weights, list(WEIGHTS) + list(map(str, roster.columns))) if isinstance(weights, str) else ""
    raise ValueError(f"unknown weights {weights!r}{hint}; allowed: {', '.join(WEIGHTS)} or a numeric column of "
                     "the roster")


def _check_tags(roster: pd.DataFrame, column: str, codes: np.ndarray, uniques) -> None:
    """One rule for CSV and DataFrame input: an empty or missing tag is an error, never a silent 'unknown'."""
    empty = [i for i, v in enumerate(uniques) if not str(v).strip()]
    bad = (codes < 0) | np.isin(codes, empty)
    if bad.any():
        rows = np.flatnonzero(bad)
        where = ", ".join(str(roster.index[i]) for i in rows[:5]) + (" ..." if len(rows) > 5 else "")
        raise ValueError(f"column {column!r} has {len(rows)} empty or missing value(s) (rows {where}); write "
                         "'unknown' where no source states the value")


def _codes_of(roster: pd.DataFrame, column: str, cache: dict | None = None) -> tuple[np.ndarray, list]:
    codes, uniques = factorized(roster, column, cache)
    _check_tags(roster, column, np.asarray(codes), list(uniques))
    return np.asarray(codes), [str(u) for u in uniques]


def _map_alternatives(alternatives, f) -> tuple[tuple[str, ...], ...]:
    """Map every value of every alternative through ``f`` (value -> candidate groups, ``()`` if unknown).

    A value that maps to several candidates splits its alternative in several; two alternatives that map to
    the same groups merge (a dispute between Kandahar and Uruzgan is no dispute about the region). A value
    that maps to nothing known makes the whole tag unknown.
    """
    out: list[tuple[str, ...]] = []
    for alt in alternatives:
        combos: list[tuple[str, ...]] = [()]
        for v in alt:
            mapped = f(v)
            if not mapped:
                return ()
            combos = [c + (m,) for c in combos for m in mapped]
        for c in combos:
            c = tuple(dict.fromkeys(c))
            if c not in out:
                out.append(c)
    return tuple(out)


def _factorized(roster: pd.DataFrame, by, *, scheme: str = "commentary", hazarajat: str = "core",
                cache: dict | None = None) -> tuple[np.ndarray, list[tuple[tuple[str, ...], ...]]]:
    """Codes of every appointee into the distinct tag values, and each value's alternatives.

    An alternative is a tuple of groups that hold together (plural membership, ``A+B``); several
    alternatives are a dispute (``A|B``); none is unknown (see :mod:`cabinet.tags`). Working on distinct
    values keeps the per-appointee work in numpy: a roster of a million rows has only a few dozen distinct
    provinces.
    """
    kind = resolve(roster, by, cache)
    if kind == "cross":
        parts = [_factorized(roster, b, scheme=scheme, hazarajat=hazarajat, cache=cache) for b in by]
        key = np.zeros(len(roster), dtype=np.int64)
        for codes, cands in parts:
            key = key * (len(cands) + 1) + codes
        codes, uniques = pd.factorize(key, sort=False)
        _, first = np.unique(codes, return_index=True)
        cands = []
        for u in range(len(uniques)):
            per_part = [pcands[pcodes[first[u]]] for pcodes, pcands in parts]
            if not all(per_part):
                cands.append(())  # unknown in any part: unknown in the cross-tabulation
                continue
            result = []
            for combo in itertools.product(*per_part):  # one alternative of every part
                groups = tuple(dict.fromkeys(CROSS_SEP.join(x) for x in itertools.product(*combo)))
                if groups not in result:
                    result.append(groups)
            cands.append(tuple(result))
        return np.asarray(codes), cands
    if kind == "column":
        codes, uniques = _codes_of(roster, by, cache)
        return codes, [parse_tag(v) for v in uniques]
    # derived from Afghan provinces or tribes
    if by == "hazarajat":
        if hazarajat not in HAZARAJAT_DEFINITIONS:
            raise ValueError(f"unknown Hazarajat definition {hazarajat!r}; allowed: {', '.join(HAZARAJAT_DEFINITIONS)}")
        pcodes, puniques = _codes_of(roster, "province", cache)
        if "district" in roster.columns and hazarajat != "core":  # the core Hazarajat is whole provinces
            dcodes, duniques = factorized(roster, "district", cache)
            dcodes = np.where(np.asarray(dcodes) < 0, len(duniques), dcodes)
            duniques = [str(u) for u in duniques] + ["unknown"]
        else:
            dcodes, duniques = np.zeros(len(roster), dtype=np.int64), ["unknown"]
        codes, pairs = pd.factorize(pcodes.astype(np.int64) * len(duniques) + np.asarray(dcodes), sort=False)
        from .loaders import load_provinces

        districts = _district_set(hazarajat)
        table = load_provinces()
        prov = dict(zip(table["province"], table["hazarajat"]))
        cands = []
        for pair in pairs:
            p, d = puniques[int(pair) // len(duniques)], duniques[int(pair) % len(duniques)]
            dists = possible(parse_tag(d))
            cands.append(_map_alternatives(parse_tag(p), lambda q: hazarajat_of((q,), dists, hazarajat, prov, districts)))
        return np.asarray(codes), cands
    if by == "region":
        if scheme not in SCHEMES:
            raise ValueError(f"unknown region scheme {scheme!r}; allowed: {', '.join(SCHEMES)}")
        codes, uniques = _codes_of(roster, "province", cache)
        mapping = region_map(scheme)
        return codes, [_map_alternatives(parse_tag(v), lambda q: (mapping[q],)) for v in uniques]
    # confederation
    codes, uniques = _codes_of(roster, "tribe", cache)
    tribes = load_tribes()
    conf = dict(zip(tribes["tribe"], tribes["confederation"]))
    conf["not_applicable"] = "not Pashtun"
    return codes, [_map_alternatives(parse_tag(v), lambda t: (conf[t],) if t in conf else ()) for v in uniques]


def group_alternatives(roster: pd.DataFrame, by, *, scheme: str = "commentary",
                       hazarajat: str = "core") -> list[tuple[tuple[str, ...], ...]]:
    """The alternatives of every appointee's groups (see :mod:`cabinet.tags`).

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.DataFrame({"province": ["Helmand", "Kandahar|Uruzgan", "unknown", "Helmand+Paktia"]})
    >>> group_alternatives(r, "region")
    [(('Southwest',),), (('South',),), (), (('Southwest', 'East'),)]
    """
    codes, cands = _factorized(roster, by, scheme=scheme, hazarajat=hazarajat)
    return [cands[c] for c in codes]


def group_candidates(roster: pd.DataFrame, by, *, scheme: str = "commentary",
                     hazarajat: str = "core") -> list[tuple[str, ...]]:
    """The candidate groups of every appointee: ``()`` unknown, one group known, more disputed or plural.

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.DataFrame({"province": ["Helmand", "Kandahar|Uruzgan", "unknown"]})
    >>> group_candidates(r, "region")
    [('Southwest',), ('South',), ()]
    """
    return [possible(a) for a in group_alternatives(roster, by, scheme=scheme, hazarajat=hazarajat)]


def _names(roster, mask) -> str:
    return "; ".join(roster.loc[mask, "name"].astype(str)) if "name" in roster.columns else ""


def representation(roster: pd.DataFrame | None = None, by="region", *, scheme: str = "commentary",
                   baseline=None, weights="all", hazarajat: str = "core", pool=None,
                   confidence: float = 0.95, adjust: str | None = "holm", home: str | None = None) -> pd.DataFrame:
    """Count appointees per group and set the counts against a baseline.

    Parameters
    ----------
    roster : DataFrame, optional
        From :func:`cabinet.load_roster`, :func:`cabinet.load_appointees` or
        :func:`cabinet.load_user_roster` (default: the 33 of 7 September 2021).
    by : str or list of str
        A column of the roster (read as tags: ``unknown``, one value, or
        candidates separated by ``|``), or ``region``, ``hazarajat`` or
        ``confederation``, derived from Afghan provinces and tribes when the
        roster has no column of that name (see :mod:`cabinet.groupings`). A
        list cross-tabulates: groups are joined with `` × ``.
    scheme : {'commentary', 'isaf', 'ocha'}
        Region scheme, for ``by='region'``.
    baseline : str, path, mapping, Series or None
        ``'nsia_1398'`` (default for province/region/hazarajat) or
        ``'nsia_1400'``; an ``estimate_id`` of the ethnic estimates or ``'all'``
        (default for ethnicity: one block per estimate); a CSV file of
        group,share (or population); or a mapping/Series of group -> share or
        count for any grouping. ``'movement'``: the movement's cadre pool
        before the takeover (:mod:`cabinet.movement_baselines`; province,
        region, hazarajat, ethnicity, tribe, confederation, network), every
        appointee tested binomially against the pool's shares, the pool's own
        unknowns in ``baseline_low``/``baseline_high``; for the exact
        hypergeometric test of the appointees drawn from the pool (those not
        in it left out) use :func:`cabinet.movement_draw`. Built-in baselines
        apply only to rosters whose groups they describe. A user's baseline
        is checked against the roster's groups first: every roster group
        needs a share, a baseline group that matches none is an error with
        the closest name, and anything rescaled is said in ``baseline_note``.
    weights : {'all', 'ministers', 'top'} or str
        Which posts count; see :func:`apply_weights`. Appointees of weight 0 are
        left out. Whole-number weights other than 0/1 get the exact
        distribution of the weighted count (each person drawn independently,
        the weights summed by convolution), not a binomial over weight units;
        non-integer weights give weighted counts and no probabilities.
    hazarajat : {'core', 'extended'}
        Hazarajat definition for ``by='hazarajat'``.
    pool : mapping or Series, optional
        Size of a finite pool per group (e.g. the members of a leadership body
        the appointees were drawn from). Then the probabilities are
        hypergeometric, and the baseline shares are the pool's shares.
    confidence : float
        Level of the Clopper-Pearson intervals for the share and the ratio.
    adjust : {'holm', 'fdr_bh', 'bonferroni'} or None
        Multiplicity adjustment of the one-sided probabilities across the
        tested groups of each block (``statsmodels.stats.multitest``).
    home : {'any', 'birth', 'origin', 'stated'} or None
        Which sense of home ``province``, ``region`` and ``hazarajat`` use
        (:func:`cabinet.groupings.with_home`); None (default): the roster's own
        ``province``, which the loaders give in the ``any`` sense.

    Returns
    -------
    pandas.DataFrame
        One row per group (and per baseline when several), then a ``disputed``
        and an ``unknown`` row, so ``count`` over the rows of status ``group``,
        ``disputed`` and ``unknown`` adds up to ``n`` for each baseline. Every
        group of the codebook (or of the baseline) has a row, zero counts
        included. For a published estimate that names only some groups, one
        more row of status ``residual`` counts every group it does not name.
        Columns:

        - ``by``, ``scheme``, ``weights``: the arguments.
        - ``group``; ``status``: ``group``, ``residual``, ``disputed`` or ``unknown``.
        - ``count``: appointees known to be in the group (weighted).
        - ``count_max``: the largest count possible once unknown and disputed
          tags are resolved.
        - ``n``: roster size after weighting; ``n_known``: those whose tag is
          known and undisputed (the complete cases).
        - ``share``, ``share_max``: ``count / n`` and ``count_max / n`` (the
          bounds); ``share_known``: the complete cases in the group over
          ``n_known`` (complete-case share).
        - ``ci_low``, ``ci_high``: exact (Clopper-Pearson) interval for the share,
          ``ci_low`` from ``count`` and ``ci_high`` from ``count_max``, so it
          covers every way of resolving the unknowns.
        - ``baseline``, ``baseline_label``, ``baseline_sources``, ``baseline_note``:
          which baseline, described, its source ids, and any imputation or rescaling.
        - ``baseline_share``, ``baseline_low``, ``baseline_high``: the group's
          share of the baseline (midpoint and range).
        - ``expected``: ``n * baseline_share``.
        - ``gap_pp``: ``(share - baseline_share) * 100``, percentage points.
        - ``ratio``: ``share / baseline_share``; ``ratio_ci_low``,
          ``ratio_ci_high``: ``ci_low`` and ``ci_high`` over the baseline share.
        - ``p_le_count``, ``p_le_count_max``: exact probability of a count this
          low or lower under appointment in proportion to the baseline, at the
          known count and at the largest possible count: the probability lies
          between them, whatever the unknowns are.
        - ``p_ge_count_max``, ``p_ge_count``: the same for a count this high or
          higher (over-representation), at the two bounds.
        - ``p_two_sided_min``, ``p_two_sided_max``: the range of the exact
          two-sided probability over every count the unknowns allow.
        - ``p_le_known``, ``p_ge_known``: complete-case one-sided
          probabilities (``count`` out of ``n_known``), labelled as such.
        - ``adjust``; ``p_le_count_adj``, ``p_le_count_max_adj``,
          ``p_ge_count_adj``, ``p_ge_count_max_adj``: the one-sided
          probabilities adjusted for the number of groups tested in the block.
        - ``test``: ``binomial``, ``hypergeometric``, ``weighted (exact)`` or empty.
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
    >>> t[["group", "count", "count_max", "n"]].head(2).to_string(index=False)
    '   group  count  count_max  n\\nKandahar    2.0        3.0  4\\n Helmand    1.0        2.0  4'
    >>> round(float(t.loc[t.group == "Helmand", "p_le_count"].iloc[0]), 4)  # P(X <= 1), X ~ Bin(4, .5) = 5/16
    0.3125
    """
    if roster is None:
        roster = load_roster()
    roster = with_home(roster, home)
    cache: dict = {}  # the distinct values of each column, computed once for every check below
    _check_by(by, roster, cache)
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must lie between 0 and 1; got {confidence!r}")
    if adjust not in ADJUSTMENTS:
        raise ValueError(f"unknown adjustment {adjust!r}; allowed: holm, fdr_bh, bonferroni, or None")
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
    unit = integer and bool(np.all(w == 1))
    n_total = float(w.sum())
    if not keep.all():
        cache.clear()  # the roster was filtered: its distinct values are computed again
    codes, alts = _factorized(roster, by, scheme=scheme, hazarajat=hazarajat, cache=cache)
    wu = np.bincount(codes, weights=w, minlength=len(alts))
    size = np.array([len(a) for a in alts])
    n_unknown = float(wu[size == 0].sum())
    n_disputed = float(wu[size > 1].sum())
    plural = any(len(a) > 1 for alt in alts for a in alt)
    counts: dict[str, float] = {}
    complete: dict[str, float] = {}
    known_units: dict[str, list[int]] = {}
    maybe_units: dict[str, list[int]] = {}
    for u, alt in enumerate(alts):
        sure = definite(alt)
        for g in sure:
            counts[g] = counts.get(g, 0.0) + float(wu[u])
            known_units.setdefault(g, []).append(u)
            if len(alt) == 1:  # a complete case: no unknown, no dispute
                complete[g] = complete.get(g, 0.0) + float(wu[u])
        for g in possible(alt):
            if g not in sure:
                maybe_units.setdefault(g, []).append(u)
    unknown_units = [u for u in range(len(alts)) if size[u] == 0]
    disputed_units = [u for u in range(len(alts)) if size[u] > 1]
    disputed_groups = list(dict.fromkeys(g for alt in alts if len(alt) > 1 for g in possible(alt)))
    list_names = "name" in roster.columns and len(roster) <= MEMBER_LIST_LIMIT
    names = roster["name"].astype(str).to_numpy() if list_names else None
    # per-person weights of each distinct tag value, for the exact distribution of a weighted count
    unit_weights = None
    if integer and not unit:
        unit_weights = pd.Series(w).groupby(codes).apply(lambda s: np.bincount(s.astype(np.int64))).to_dict()

    def members(units) -> str:
        if not list_names or not units:
            return ""
        return "; ".join(names[np.isin(codes, list(units))])

    universe = vocabulary(by, scheme=scheme, hazarajat=hazarajat) if describes(roster, by, cache) else ()
    roster_groups = list(counts) + disputed_groups
    pool_counts = _check_pool(pool, n_total) if pool is not None else None
    if pool_counts is not None:
        if not unit:
            raise ValueError("pool= needs every post to count one (weights='all' or 0/1 weights): the "
                             "hypergeometric test draws whole persons")
        baselines = [check_baseline(Baseline("pool", "finite pool of candidates (user-supplied)",
                                             pool_counts / pool_counts.sum(), sources="user"),
                                    roster_groups, universe)]
    else:
        baselines = [b if b is None else check_baseline(b, roster_groups, universe, residual_ok=b.residual is not None)
                     for b in resolve_baseline(by, baseline, scheme=scheme, hazarajat=hazarajat, roster=roster,
                                               cache=cache)]

    if plural:  # a person may be in several groups: a user's shares are membership rates, never rescaled
        baselines = [_as_rates(b) for b in baselines]
    # The rows of one block depend on the baseline only through the order of the groups, so the
    # counts and member lists of every group are computed once and reused by every block.
    rows_of: dict[str, tuple] = {}

    def group_row(g):
        if g not in rows_of:
            count = counts.get(g, 0.0)
            maybe = maybe_units.get(g, [])
            rows_of[g] = (count, count + n_unknown + float(wu[maybe].sum()),
                          members(known_units.get(g, [])), members(maybe), complete.get(g, 0.0))
        return rows_of[g]

    def residual_row(listed):
        outside = [g for g in counts if g not in listed]
        maybe = [u for u in disputed_units if any(g not in listed for g in possible(alts[u]))
                 and not any(g not in listed for g in definite(alts[u]))]
        units = list(dict.fromkeys(u for g in outside for u in known_units[g]))
        count = float(wu[units].sum()) if units else 0.0  # a person in two unnamed groups counts once
        whole = [u for u in units if size[u] == 1]
        return (RESIDUAL_GROUP, "residual", count, count + n_unknown + float(wu[maybe].sum()), members(units),
                members(maybe), float(wu[whole].sum()) if whole else 0.0)

    tail = []
    if n_disputed:
        tail.append((DISPUTED_GROUP, "disputed", n_disputed, n_disputed, members(disputed_units), "", np.nan))
    tail.append((UNKNOWN_GROUP, "unknown", n_unknown, n_unknown, members(unknown_units), "", np.nan))
    observed = sorted(counts, key=lambda g: -counts[g])
    scheme_value = scheme if by == "region" else (hazarajat if by == "hazarajat" else "")
    by_value = CROSS_SEP.join(by) if isinstance(by, (list, tuple)) else by
    context = _Context(n_total, integer, unit, pool_counts, confidence, adjust, n_unknown + n_disputed,
                       unit_weights, wu, unknown_units)
    blocks = []
    for base in baselines:
        listed = list(base.share.index) if base is not None else []
        groups = list(dict.fromkeys(listed + observed + disputed_groups + list(universe)))
        rows = [(g, "group", *group_row(g)) for g in groups]
        if base is not None and base.residual is not None:
            rows.append(residual_row(set(listed)))
        blocks.append(_block(rows + tail, base, context, by=by_value, scheme=scheme_value, weights=str(weights)))
    out = blocks[0] if len(blocks) == 1 else pd.concat(blocks, ignore_index=True)
    out.attrs["as_of"] = roster.attrs.get("as_of")
    out.attrs["plural"] = plural  # a person may count in several groups: counts can add up to more than n
    return out


def _as_rates(base):
    if base is None or base.rates is None or abs(float(base.rates.sum()) - 1) < 1e-9:
        return base
    note = ("membership is plural here (a person may be in several groups), so each share is read as the "
            "group's membership rate, as given, not rescaled to sum to 1")
    return Baseline(base.name, base.label, base.rates, sources=base.sources, note=note)


class _Context:
    """What every block of one table shares: sizes, weights, the test to use."""

    def __init__(self, n_total, integer, unit, pool_counts, confidence, adjust, n_open, unit_weights, wu,
                 unknown_units):
        self.n_total, self.integer, self.unit = n_total, integer, unit
        self.pool_counts, self.confidence, self.adjust = pool_counts, confidence, adjust
        self.n_known = n_total - n_open
        self.unit_weights, self.wu, self.unknown_units = unit_weights, wu, unknown_units


def _block(rows, base, ctx, *, by, scheme, weights) -> pd.DataFrame:
    """One block of the table of :func:`representation`: one row per group, then disputed and unknown.

    Every column is computed on numpy arrays and the frame is built once, in the order of
    :data:`COLUMNS`.
    """
    group, status, count, count_max, member_names, possible_names, complete = (list(x) for x in zip(*rows))
    complete = np.array(complete, dtype=float)
    n_total = ctx.n_total
    count = np.array(count, dtype=float)
    count_max = np.array(count_max, dtype=float)
    share = count / n_total
    share_max = count_max / n_total
    with np.errstate(divide="ignore", invalid="ignore"):
        share_known = np.where(np.isin(status, ["group", "residual"]), complete / ctx.n_known, np.nan)
    if base is not None:
        text = {"baseline": base.name, "baseline_label": base.label, "baseline_sources": base.sources,
                "baseline_note": base.note}
        keys = pd.Series(group, dtype=object)
        baseline_share = keys.map(base.share).to_numpy(dtype=float, copy=True)
        baseline_low = keys.map(base.low).to_numpy(dtype=float, copy=True)
        baseline_high = keys.map(base.high).to_numpy(dtype=float, copy=True)
        if base.residual is not None:
            res = np.array(status) == "residual"
            baseline_share[res], baseline_low[res], baseline_high[res] = base.residual
    else:
        text = dict.fromkeys(("baseline", "baseline_label", "baseline_sources", "baseline_note"), "")
        baseline_share, baseline_low, baseline_high = (np.full(len(group), np.nan) for _ in range(3))
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = share / baseline_share
    tested = np.isin(status, ["group", "residual"]) & ~np.isnan(baseline_share)
    p = _probabilities(count, count_max, complete, baseline_share, tested, group, ctx)
    ci_low, ci_high = _intervals(count, count_max, ctx.integer, n_total, ctx.confidence)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio_ci_low = ci_low / baseline_share
        ratio_ci_high = ci_high / baseline_share
    adjusted = _adjust(p, tested, ctx.adjust)
    columns = {
        "by": by, "scheme": scheme, "weights": weights, "group": group, "status": status,
        "count": count, "count_max": count_max, "n": int(n_total) if ctx.integer else n_total,
        "n_known": int(ctx.n_known) if ctx.integer else ctx.n_known,
        "share": share, "share_max": share_max, "share_known": share_known, "ci_low": ci_low, "ci_high": ci_high,
        **text,
        "baseline_share": baseline_share, "baseline_low": baseline_low, "baseline_high": baseline_high,
        "expected": n_total * baseline_share, "gap_pp": (share - baseline_share) * 100, "ratio": ratio,
        "ratio_ci_low": ratio_ci_low, "ratio_ci_high": ratio_ci_high,
        **p, "adjust": ctx.adjust or "", **adjusted,
        "members": member_names, "possible_members": possible_names,
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


_P_COLUMNS = ("p_le_count", "p_le_count_max", "p_ge_count", "p_ge_count_max", "p_two_sided_min",
              "p_two_sided_max", "p_le_known", "p_ge_known", "test")
_ADJ_COLUMNS = ("p_le_count", "p_le_count_max", "p_ge_count", "p_ge_count_max")


def _probabilities(count, count_max, complete, baseline_share, tested, group, ctx) -> dict:
    """The probability columns of one block (NaN and "" where not defined)."""
    out = {c: np.full(len(count), np.nan) for c in _P_COLUMNS if c != "test"}
    out["test"] = [""] * len(count)
    if not ctx.integer or not tested.any():
        return out
    n = int(ctx.n_total)
    n_known = int(ctx.n_known)
    if ctx.unit and ctx.pool_counts is None:
        return _binomial_block(out, count, count_max, complete, baseline_share, tested, n, n_known)
    for i in np.flatnonzero(tested):
        k, kmax, p = int(round(count[i])), int(round(count_max[i])), float(np.clip(baseline_share[i], 0, 1))
        if ctx.pool_counts is not None:
            size = int(ctx.pool_counts.sum())
            good = int(ctx.pool_counts.get(group[i], 0)) if group[i] in ctx.pool_counts.index else \
                int(round(p * size))
            dist = _hypergeom(size, good, n)
            name = "hypergeometric"
            known_dist = _hypergeom(size, good, n_known) if n_known else None
        elif ctx.unit:
            dist = _Binomial(n, p)
            name = "binomial"
            known_dist = _Binomial(n_known, p) if n_known else None
        else:
            dist = _WeightedCount(ctx.unit_weights, p)
            name = "weighted (exact)"
            known_dist = None
        out["p_le_count"][i] = dist.cdf(k)
        out["p_le_count_max"][i] = dist.cdf(kmax)
        out["p_ge_count"][i] = dist.sf(k)
        out["p_ge_count_max"][i] = dist.sf(kmax)
        out["p_two_sided_min"][i], out["p_two_sided_max"][i] = dist.two_sided_range(k, kmax)
        if known_dist is not None:
            kc = int(round(complete[i]))
            out["p_le_known"][i] = known_dist.cdf(kc)
            out["p_ge_known"][i] = known_dist.sf(kc)
        out["test"][i] = name
    return out


def _binomial_block(out, count, count_max, complete, baseline_share, tested, n, n_known) -> dict:
    """The probability columns of a block of whole persons: ``scipy.stats.binom`` on every group at once."""
    from scipy import stats

    idx = np.flatnonzero(tested)
    k, kmax, kc = (np.round(a[idx]) for a in (count, count_max, complete))
    p = np.clip(baseline_share[idx], 0, 1)
    out["p_le_count"][idx] = stats.binom.cdf(k, n, p)
    out["p_le_count_max"][idx] = stats.binom.cdf(kmax, n, p)
    out["p_ge_count"][idx] = stats.binom.sf(k - 1, n, p)
    out["p_ge_count_max"][idx] = stats.binom.sf(kmax - 1, n, p)
    if n_known:
        out["p_le_known"][idx] = stats.binom.cdf(kc, n_known, p)
        out["p_ge_known"][idx] = stats.binom.sf(kc - 1, n_known, p)
    for j, i in enumerate(idx):
        out["p_two_sided_min"][i], out["p_two_sided_max"][i] = _Binomial(n, float(p[j])).two_sided_range(
            int(k[j]), int(kmax[j]))
        out["test"][i] = "binomial"
    return out


@functools.lru_cache(maxsize=4096)
def _binomtest(k: int, n: int, p: float) -> float:
    """Two-sided exact binomial p-value, ``scipy.stats.binomtest`` (cached: blocks share counts and shares)."""
    from scipy import stats

    return float(stats.binomtest(k, n, p).pvalue)


def _adjust(p: dict, tested, method) -> dict:
    """Multiplicity-adjusted one-sided probabilities (``statsmodels.stats.multitest.multipletests``)."""
    out = {f"{c}_adj": np.full(len(tested), np.nan) for c in _ADJ_COLUMNS}
    if method is None:
        return out
    for c in _ADJ_COLUMNS:
        values = p[c]
        ok = tested & ~np.isnan(values)
        if ok.sum() == 0:
            continue
        import gc

        from statsmodels.stats.multitest import multipletests

        # statsmodels' Holm step calls gc.collect(), whose cost grows with every object alive (a roster of
        # millions of strings): freeze them out of the collector for the call.
        gc.freeze()
        try:
            out[f"{c}_adj"][ok] = multipletests(values[ok], method=method)[1]
        finally:
            gc.unfreeze()
    return out


class _Binomial:
    """Exact binomial tails and two-sided test from ``scipy.stats``."""

    def __init__(self, n, p):
        self.n, self.p = n, p

    def cdf(self, k):
        from scipy import stats

        return float(stats.binom.cdf(k, self.n, self.p))

    def sf(self, k):
        """P(X >= k)."""
        from scipy import stats

        return float(stats.binom.sf(k - 1, self.n, self.p))

    def two_sided(self, k):
        return _binomtest(int(k), int(self.n), float(self.p))

    def two_sided_range(self, lo, hi):
        # The two-sided (minimum-likelihood) p-value grows with the probability of the count, and the
        # binomial probabilities rise to the mode and fall after it: over [lo, hi] the smallest value
        # lies at an end and the largest at the count nearest the mode.
        mode = int(np.floor((self.n + 1) * self.p))
        near = {min(max(m, lo), hi) for m in (mode - 1, mode)}
        values = [self.two_sided(k) for k in {lo, hi} | near]
        return min(values), max(values)


class _FromPmf(_Binomial):
    """Tails and the two-sided (minimum-likelihood) probability of a distribution given by its pmf."""

    def __init__(self, pmf):
        self.pmf = np.clip(np.asarray(pmf, dtype=float), 0, None)
        self.pmf = self.pmf / self.pmf.sum()
        self._cdf = np.cumsum(self.pmf)

    def cdf(self, k):
        if k < 0:
            return 0.0
        return float(min(1.0, self._cdf[min(k, len(self.pmf) - 1)]))

    def sf(self, k):
        return float(min(1.0, max(0.0, 1.0 - (self.cdf(k - 1)))))

    def two_sided(self, k):
        if k < 0 or k >= len(self.pmf):
            return 0.0
        return float(min(1.0, self.pmf[self.pmf <= self.pmf[k] * (1 + 1e-7)].sum()))

    def two_sided_range(self, lo, hi):
        values = [self.two_sided(k) for k in range(lo, hi + 1)]
        return min(values), max(values)


def _hypergeom(total, good, draws):
    """Hypergeometric probabilities from ``scipy.stats.hypergeom``."""
    from scipy import stats

    return _FromPmf(stats.hypergeom.pmf(np.arange(draws + 1), total, good, draws))


class _WeightedCount(_FromPmf):
    """Exact distribution of a weighted count: each person independently in the group with probability p.

    The persons of weight ``v`` in the group number ``Binomial(m_v, p)`` (``scipy.stats.binom``), and the
    weighted count is the sum of ``v`` times each: the distributions are combined by convolution.
    """

    def __init__(self, unit_weights, p):
        from scipy import stats

        counts = np.zeros(1, dtype=np.int64)
        for bc in unit_weights.values():
            bc = np.asarray(bc)
            counts = np.pad(counts, (0, max(0, len(bc) - len(counts)))) + np.pad(bc, (0, max(0, len(counts) - len(bc))))
        pmf = np.ones(1)
        for v in np.flatnonzero(counts):
            if v == 0:
                continue
            m = int(counts[v])
            part = np.zeros(v * m + 1)
            part[::v] = stats.binom.pmf(np.arange(m + 1), m, p)
            pmf = np.convolve(pmf, part)
        super().__init__(pmf)


def _intervals(count, count_max, integer, n_total, confidence):
    """Clopper-Pearson ``ci_low`` (from ``count``) and ``ci_high`` (from ``count_max``); NaN if weighted."""
    if not integer:
        return np.full(len(count), np.nan), np.full(len(count), np.nan)
    n = int(n_total)
    lo, _ = _clopper_pearson(count, n, 1 - confidence)
    _, hi = _clopper_pearson(np.minimum(count_max, n), n, 1 - confidence)
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


def wide(table: pd.DataFrame, values=("baseline_share", "expected", "p_le_count", "p_le_count_max")) -> pd.DataFrame:
    """One row per group and one column per baseline and value: the blocks of ``baseline='all'`` side by side.

    Parameters
    ----------
    table : DataFrame
        From :func:`representation`.
    values : sequence of str
        Columns to spread, one per baseline, named ``<baseline>:<value>``.

    Returns
    -------
    pandas.DataFrame
        ``group``, ``status``, ``count``, ``count_max``, ``n`` (the same in every block), then the spread
        columns in the order of the baselines.

    Examples
    --------
    >>> t = wide(representation(by="ethnicity", baseline="all"))
    >>> [c for c in t.columns if c.startswith("cia_wfb_2010:")][:2]
    ['cia_wfb_2010:baseline_share', 'cia_wfb_2010:expected']
    """
    keys = ["group", "status", "count", "count_max", "n"]
    names = list(dict.fromkeys(table["baseline"].fillna("").astype(str)))
    first = table[table["baseline"].fillna("").astype(str) == names[0]][keys]
    groups = list(dict.fromkeys(table["group"]))
    out = pd.concat([first, table[~table["group"].isin(first["group"])][keys].drop_duplicates("group")],
                    ignore_index=True)
    out = out.set_index("group").loc[groups].reset_index()
    for name in names:
        block = table[table["baseline"].fillna("").astype(str) == name].set_index("group")
        for v in values:
            out[f"{name}:{v}" if name else v] = out["group"].map(block[v])
    return out


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
