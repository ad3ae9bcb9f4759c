"""Representation tables: how many appointees each group has, against a baseline.

:func:`representation` is the heart of the package. It counts appointees per
group, keeping unknown and disputed tags visible as their own rows and as
bounds (``count`` to ``count_max``), sets the counts against a baseline, and
gives the exact one-sided probability of a count this low under appointment
in proportion to the baseline.

Which group each appointee may belong to is :mod:`cabinet.group_counts`; the
weights of posts :mod:`cabinet.weights`; the exact probabilities and their
adjustment :mod:`cabinet.exact_tests`.

The module runs over 500 lines because the docstring of :func:`representation`
documents every column of its table, what the rows count and the null model,
for readers of the API reference.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from .baselines import RESIDUAL_GROUP, Baseline, BaselineNote, check_baseline, no_baseline_note, resolve_baseline
from .groupings import describes, own_roster, vocabulary, with_home
from .rosters import load_roster, takes_roster
from .tags import ABROAD, definite, possible
from .exact_tests import ALPHA, _adjust, _check_pool, _ends, _intervals, _probabilities, check_adjust
from .group_counts import BY, CROSS_SEP, _check_by, _factorized, group_alternatives, group_candidates
from .weights import WEIGHTS, apply_weights
from .rosters.departures import change_dates


__all__ = ["representation", "representation_over_time", "wide", "group_candidates", "group_alternatives", "BY",
           "WEIGHTS", "UNKNOWN_GROUP", "DISPUTED_GROUP", "COLUMNS", "apply_weights", "counting_note"]

#: The rows of the appointees whose tag is unknown, and of those whose tag is disputed.
UNKNOWN_GROUP = "unknown"
DISPUTED_GROUP = "disputed"

#: Rosters longer than this get no ``members`` lists (they would be longer than the table).
MEMBER_LIST_LIMIT = 1000

#: Columns of the table :func:`representation` returns, in order.
COLUMNS = [
    "by", "scheme", "weights", "group", "status", "count", "count_max", "n", "n_known", "share", "share_max",
    "share_known", "ci_low", "ci_high", "baseline", "baseline_label", "baseline_sources", "baseline_note",
    "baseline_share", "baseline_low", "baseline_high", "expected", "gap_pp", "ratio", "ratio_ci_low",
    "ratio_ci_high", "p_le_count", "p_le_count_max", "p_ge_count", "p_ge_count_max", "p_two_sided_min",
    "p_two_sided_max", "p_le_known", "p_ge_known", "p_le_floor", "can_reject", "adjust", "p_le_count_adj", "p_le_count_max_adj",
    "p_ge_count_adj", "p_ge_count_max_adj", "p_two_sided_min_adj", "p_two_sided_max_adj", "test", "members",
    "possible_members",
]


@takes_roster("roster")
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
        list cross-tabulates: groups are joined with ``" × "``.
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
        apply only to rosters whose groups they describe, and to a roster
        of one's own (a file of any body, a frame made by hand) only when
        named: by default it gets counts and no test, with a
        :class:`~cabinet.baselines.BaselineNote` (also in
        ``attrs["baseline_note"]``) saying how to ask for a baseline, and
        naming the built-in one when its values are the codebook's. A user's baseline
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
    adjust : {'holm', 'bonferroni', 'fdr_by'} or None
        Multiplicity adjustment across the tested groups of each block
        (``statsmodels.stats.multitest``): Holm (1979) by default, valid
        under any dependence between the groups' counts, as Bonferroni and
        Benjamini-Yekutieli (``fdr_by``) are. Benjamini-Hochberg
        (``'fdr_bh'``) is refused: it needs independent or positively
        dependent tests, and the counts of one roster are multinomial,
        negatively dependent.
    home : {'any', 'birth', 'origin', 'stated'} or None
        Which sense of home ``province``, ``region`` and ``hazarajat`` use
        (:func:`cabinet.groupings.with_home`). None (default): home by birth
        on the bundled rosters and on any roster in the form of
        ``data/appointees.csv`` that records birthplaces, since a man has one
        birthplace and a count by birth puts each person in one row; the
        roster's own ``province`` otherwise (a roster of one sense of home, or
        a ``province`` column set by hand). ``'any'`` counts a man born in one
        province into a family from another in both (plural, see below).

    Returns
    -------
    pandas.DataFrame
        One row per group (and per baseline when several), then a ``disputed``
        and an ``unknown`` row. When every tag holds one value or a dispute
        (the default for every grouping but ``network``), each person is
        counted in exactly one of these rows: ``count`` over the rows of
        status ``group``, ``disputed`` and ``unknown`` adds up to ``n`` for
        each baseline. When membership is plural (``network``, ``party``,
        ``home='any'``, a user's ``A+B`` cells) a person counts in every group
        he surely belongs to, and in ``disputed`` besides when his sources
        disagree about another: the rows then count memberships, not people,
        and ``attrs`` says so (below; :func:`counting_note` gives the
        sentence the command line and the charts print). Every group of the
        codebook (or of the baseline) has a row, zero counts included. For a
        published estimate that names only some groups, one more row of
        status ``residual`` counts every group it does not name: it is a sum
        of other rows, left out of the partition.

        ``attrs``: ``counts`` (``'people'`` or ``'memberships'``),
        ``n_people`` (the roster size), ``n_entries`` (``count`` summed over
        the ``group``, ``disputed`` and ``unknown`` rows of one block),
        ``n_counted_more_than_once`` (people counted in more than one of
        those rows), ``plural`` (whether any tag holds several groups at
        once), ``home`` (the sense of home counted; empty when ``by`` does not
        read homes or the roster has one sense) and ``as_of``.

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
        - ``ci_low``, ``ci_high``: exact (Clopper-Pearson, 1934) interval at
          level ``confidence`` for the group's appointment probability: the
          chance that a post goes to a member of the group, in a model where
          the roster is one draw of ``n`` independent posts. It is not an
          interval for the group's share of the population (the baseline
          says that), and the roster's own share is no estimate with error: it
          is known, up to the unknown tags. ``ci_low`` comes from ``count``
          and ``ci_high`` from ``count_max``, so the interval covers every way
          of resolving the unknowns.
        - ``baseline``, ``baseline_label``, ``baseline_sources``, ``baseline_note``:
          which baseline, described, its source ids, and any imputation or rescaling.
        - ``baseline_share``, ``baseline_low``, ``baseline_high``: the group's
          share of the baseline (midpoint or complete-case share, and range).
        - ``expected``: ``n * baseline_share``.
        - ``gap_pp``: ``(share - baseline_share) * 100``, percentage points.
        - ``ratio``: ``share / baseline_share`` (NaN where the baseline share
          is 0: no ratio to nothing); ``ratio_ci_low``, ``ratio_ci_high``: the
          Clopper-Pearson interval over the baseline's range, ``ci_low`` over
          ``baseline_high`` and ``ci_high`` over ``baseline_low`` (``inf``
          where the baseline's range reaches 0: no upper bound).
        - ``p_le_count``, ``p_le_count_max``: exact probability of a count this
          low or lower under appointment in proportion to the baseline (the
          null model: ``n`` independent draws, each a member of the group with
          the baseline share), at the ends of every range the data leave
          open: ``p_le_count`` at the known count and, where the baseline is a
          range, its high end; ``p_le_count_max`` at the largest possible count
          and the baseline's low end. The probability lies between them,
          whatever the unknowns are. A baseline share of 0 at one end of a
          range gives one end, never a point value.
        - ``p_ge_count_max``, ``p_ge_count``: the same for a count this high or
          higher (over-representation): ``p_ge_count_max`` at the largest
          count and the low share, ``p_ge_count`` at the known count and the
          high share.
        - ``p_two_sided_min``, ``p_two_sided_max``: the range of the exact
          two-sided (minimum-likelihood) probability over every count the
          unknowns allow (and, for a baseline given as a range, over its ends,
          41 shares between them and the share of each possible count).
        - ``p_le_known``, ``p_ge_known``: complete-case one-sided
          probabilities (``count`` out of ``n_known``), labelled as such; for
          a baseline given as a range, at its end least favourable to a
          finding.
        - ``p_le_floor``: the smallest probability a count this low can have
          in a roster of ``n``: a count of 0, at the baseline's high end.
          ``can_reject``: whether it is below 0.05. False for a group so small
          that even none of ``n`` would not be unusual (a share of 5 % in 33:
          ``0.95 ** 33 = 0.18``): no test of under-representation can reject
          for it, and the command line and the charts say so beside it.
        - ``adjust``; ``p_le_count_adj``, ``p_le_count_max_adj``,
          ``p_ge_count_adj``, ``p_ge_count_max_adj``: the one-sided
          probabilities adjusted over one family holding both tails of every
          group tested in the block (``2 m`` tests for ``m`` groups);
          ``p_two_sided_min_adj``, ``p_two_sided_max_adj``: the two-sided
          probabilities adjusted over the ``m`` groups. The ends of each range
          are adjusted together, so every resolution's adjusted value lies
          between them. The ``residual`` row is a test of its own and a
          member of the family; the ``disputed`` and ``unknown`` rows are not
          tested.
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
    >>> print(t[["group", "count", "count_max", "n"]].head(2).to_string(index=False))
       group  count  count_max  n
    Kandahar    2.0        3.0  4
     Helmand    1.0        2.0  4
    >>> round(float(t.loc[t.group == "Helmand", "p_le_count"].iloc[0]), 4)  # P(X <= 1), X ~ Bin(4, .5) = 5/16
    0.3125
    """
    if roster is None:
        roster = load_roster()
    # a roster of any body (a file of one's own, a frame made by hand), not one the package built: its charts name
    # its file, never the bundled 33 (cabinet.groupings.own_roster)
    own = {"file": str(roster.attrs.get("source_file", ""))} if own_roster(roster) else None
    roster = with_home(roster, home)
    cache: dict = {}  # the distinct values of each column, computed once for every check below
    _check_by(by, roster, cache)
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must lie between 0 and 1; got {confidence!r}")
    check_adjust(adjust)
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

    # the codebook's groups (each listed, with 0 where none is counted) for a roster they describe; a roster of
    # one's own lists only its own groups unless a baseline is asked for
    counts_only = baseline is None and pool is None and own_roster(roster)
    universe = vocabulary(by, scheme=scheme, hazarajat=hazarajat) \
        if describes(roster, by, cache) and not counts_only else ()
    roster_groups = list(counts) + disputed_groups
    abroad_home = bool(universe) and by in ("province", "region")

    def fitted(b):
        # A home abroad is in no Afghan province or region: a population baseline gives it no share, so its row
        # is counted and not tested (not a group the baseline lacks); a pool baseline may give it one.
        if not abroad_home:
            return check_baseline(b, roster_groups, universe, residual_ok=b.residual is not None)
        groups = roster_groups if ABROAD in b.share.index else [g for g in roster_groups if g != ABROAD]
        return check_baseline(b, groups, tuple(universe) + (ABROAD,) if ABROAD in b.share.index else universe,
                              residual_ok=b.residual is not None)
    pool_counts = _check_pool(pool, n_total) if pool is not None else None
    if pool_counts is not None:
        if not unit:
            raise ValueError("pool= needs every post to count one (weights='all' or 0/1 weights): the "
                             "hypergeometric test draws whole persons")
        baselines = [check_baseline(Baseline("pool", "finite pool of candidates (user-supplied)",
                                             pool_counts / pool_counts.sum(), sources="user"),
                                    roster_groups, universe)]
    else:
        baselines = [b if b is None else fitted(b)
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
        # In the residual whatever his dispute resolves to when every alternative holds an unnamed group (a man
        # disputed between two unnamed groups is surely in it); possibly when some alternative does.
        def unnamed(alt):
            return any(g not in listed for g in alt)

        units = [u for u in range(len(alts)) if size[u] and all(unnamed(a) for a in alts[u])]
        maybe = [u for u in disputed_units if u not in units and any(unnamed(a) for a in alts[u])]
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
    if own is not None:
        out.attrs["own_roster"] = own["file"]  # for the charts' caption: not the bundled roster
    out.attrs["plural"] = plural  # a person may count in several groups: counts can add up to more than n
    out.attrs.update(_counting(alts, wu, size, n_total, roster.attrs.get("home") if _home_matters(by) else None))
    if roster.attrs.get("roster"):  # which roster: the charts draw it in its colour (cabinet.palette)
        out.attrs["roster"] = roster.attrs["roster"]
    if counts_only:
        # a roster of one's own: counts only unless a baseline is asked for, and one line saying how
        out.attrs["baseline_note"] = no_baseline_note(roster, by, cache)
        warnings.warn(out.attrs["baseline_note"], BaselineNote, stacklevel=3)  # past the roster resolver: the caller's line
    out.attrs["weighted"] = not bool(np.all((w == 0) | (w == 1)))  # n is a sum of weights, not of people
    return out


def _home_matters(by) -> bool:
    parts = by if isinstance(by, (list, tuple)) else [by]
    return any(b in ("province", "region", "hazarajat", "district") for b in parts)


def _counting(alts, wu, size, n_total, home) -> dict:
    """What the rows count, as plain values for ``attrs``: people (a partition of ``n``) or memberships.

    A person counts in every group he surely belongs to, in ``disputed`` if his sources disagree, and in
    ``unknown`` if no source gives the value: one row for most, several for a member of several groups.
    """
    rows = np.array([len(definite(alt)) + (1 if len(alt) > 1 else 0) + (1 if not alt else 0) for alt in alts])
    twice = float(wu[rows > 1].sum())
    entries = float((wu * rows).sum())
    integer = all(float(x).is_integer() for x in (twice, entries, n_total))
    num = (lambda x: int(x)) if integer else float
    return {"counts": "memberships" if twice else "people", "n_people": num(n_total), "n_entries": num(entries),
            "n_counted_more_than_once": num(twice), "home": home or ""}


def counting_note(table: pd.DataFrame) -> str:
    """One sentence saying what the rows of a :func:`representation` table count, for print and charts.

    Empty when the rows partition the roster (each person in one row); otherwise it says that
    memberships are counted and how many people count more than once.

    Examples
    --------
    >>> import pandas as pd
    >>> t = representation(pd.DataFrame({"name": ["a", "b"], "network": ["haqqani+doha_office", "haqqani"]}),
    ...                    "network")
    >>> counting_note(t)
    'Memberships, not people, are counted: 3 entries for 2 people; 1 of them counts in more than one row.'
    """
    attrs = table.attrs
    if attrs.get("counts") != "memberships":
        return ""
    twice = attrs.get("n_counted_more_than_once")
    return (f"Memberships, not people, are counted: {attrs.get('n_entries')} entries for {attrs.get('n_people')} "
            f"people; {twice} of them count{'s' if twice == 1 else ''} in more than one row.")


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
        # no ratio to a share of 0 (a plug-in share of 0 says nothing of how far above it the roster is)
        ratio = np.where(baseline_share > 0, share / baseline_share, np.nan)
    tested = np.isin(status, ["group", "residual"]) & ~np.isnan(baseline_share)
    p = _probabilities(count, count_max, complete, baseline_share, tested, group, ctx, baseline_low, baseline_high)
    ci_low, ci_high = _intervals(count, count_max, ctx.integer, n_total, ctx.confidence)
    _, lo_share, hi_share = _ends(baseline_share, baseline_low, baseline_high)
    with np.errstate(divide="ignore", invalid="ignore"):
        # over the baseline's range too: the low end of the interval over the high share, the high end over
        # the low share (inf where the low share is 0 and the interval's high end is not: no upper bound)
        ratio_ci_low = np.where(hi_share > 0, ci_low / hi_share, np.nan)
        ratio_ci_high = np.where(lo_share > 0, ci_high / lo_share, np.where(ci_high > 0, np.inf, np.nan))
        ratio_ci_low = np.where(np.isnan(baseline_share), np.nan, ratio_ci_low)
        ratio_ci_high = np.where(np.isnan(baseline_share), np.nan, ratio_ci_high)
    p["can_reject"] = pd.array([None if np.isnan(x) else bool(x < ALPHA) for x in p["p_le_floor"]], dtype="boolean")
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
        Default: every date on which the government changed, appointments
        announced and posts left, from 2021 to the latest date in the data
        (:func:`cabinet.change_dates`).
    **kwargs
        Passed to :func:`representation` (``scheme``, ``baseline``, ``weights``, ...);
        ``path``/``later_path`` are passed to :func:`cabinet.load_roster`.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`representation` with an ``as_of`` date column first.

    Examples
    --------
    >>> t = representation_over_time("region", dates=["2021-09-07", "2021-09-21"])
    >>> t.loc[t["group"] == "West", "n"].tolist()  # the 33, then 33 + the 17 announced on 21 September
    [33, 50]
    """
    path = kwargs.pop("path", None)
    later_path = kwargs.pop("later_path", None)
    if dates is None:
        dates = change_dates(path, later_path)
    blocks = []
    for d in dates:
        roster = load_roster(as_of=d, path=path, later_path=later_path)
        t = representation(roster, by, **kwargs)
        t.insert(0, "as_of", pd.Timestamp(roster.attrs["as_of"]))
        blocks.append(t)
    return pd.concat(blocks, ignore_index=True)
