"""Two or more rosters side by side: counts, shares, their difference and an exact test per group.

:func:`compare` counts every roster the way :func:`cabinet.representation`
does (a person counts in each group he surely belongs to; ``count_max`` adds
everyone whose tag is unknown or whose dispute allows the group), then, for
every pair of rosters and every group, sets the group against the rest of
each roster in a 2x2 table and tests the difference with Fisher's exact test
(``scipy.stats.fisher_exact``; Boschloo's test, ``scipy.stats.boschloo_exact``,
on request).

Three rules make the figures hold up:

- **Unknown tags give ranges.** The test is run at every pair of counts the
  unknown and disputed tags allow (each count between the known one and the
  largest; every such pair is attainable, since each open tag can fall in
  the group or out of it independently), and the smallest and largest
  p-value are reported. The complete-case figure (only the people whose
  membership of the group is known, in or out) sits beside it as a labelled
  extra column; it assumes the unknowns resemble the known and is never the
  verdict.
- **Overlapping rosters are not compared as if independent.** Fisher's test
  assumes two separate sets of people. When two rosters share people
  (matched by ``person_id``, else by ``name``), the shared people are left out
  of that pair and the test compares the people only in one roster with the
  people only in the other (``n_shared`` says how many were left out; the
  counts and ``n_a``/``n_b`` of the pair are of the people compared). When
  one roster lies wholly inside the other there is nobody to compare on one
  side, and :func:`compare` refuses with a sentence.
- **Many groups, one family.** The groups of one pair of rosters form one
  family; Holm's step-down adjustment controls the chance of any false
  finding in it. A group nobody in either roster can belong to (or everybody
  surely belongs to) has a zero margin, p = 1, and stays out of the family
  (Tarone 1990). Holm's adjusted p-value rises with every raw p-value, so
  adjusting the smallest and the largest raw p-values bounds each adjusted
  p-value over every resolution of the unknowns (``p_adj_min`` ..
  ``p_adj_max``). A difference is a finding (``holds`` = ``yes``) only when
  ``p_adj_max < alpha``: it holds whatever the unknown tags turn out to be.
"""

from __future__ import annotations

import itertools
from typing import Mapping, Sequence

import numpy as np
import pandas as pd

from ._format import number as _num, probability as _prob
from .groupings import describes, vocabulary, with_home
from .group_counts import group_alternatives
from .tags import definite, possible
from .table_tests import _fisher_all, _holm, _pvalue
from .rosters import load_roster

__all__ = ["compare", "finding", "shared_people", "TESTS", "COMPARE_COLUMNS", "HOLDS"]

#: Exact tests :func:`compare` can run on each 2x2 table.
TESTS = ("fisher", "boschloo")

#: Values of the ``holds`` column: the finding survives Holm's adjustment whatever the unknowns are, only for
#: some resolutions of them, or for none.
HOLDS = ("yes", "depends", "no")

#: Columns of the table :func:`compare` returns, in order.
COMPARE_COLUMNS = [
    "by", "group", "status", "roster_a", "roster_b", "n_shared", "n_a", "n_b", "count_a", "count_max_a", "count_b",
    "count_max_b", "share_a", "share_max_a", "share_b", "share_max_b", "diff_min", "diff_max", "known_a", "known_b",
    "share_complete_a", "share_complete_b", "diff_complete", "test", "alternative", "p_min", "p_max", "p_complete",
    "adjust", "m_tests", "p_adj_min", "p_adj_max", "p_adj_complete", "holds",
]


def _label(given, i: int) -> str:
    """The name of a roster given in a list: a roster name as typed, a file by its stem, a frame by its name."""
    import os

    if isinstance(given, pd.DataFrame):
        return str(given.attrs.get("roster") or f"roster {i + 1}")
    if isinstance(given, (str, os.PathLike)) and os.path.isfile(given):
        return os.path.splitext(os.path.basename(given))[0]
    if isinstance(given, (str, os.PathLike)) or hasattr(given, "isoformat"):
        return str(given)
    return f"roster {i + 1}"  # not a roster: its error names it by its place, never by its contents


def _resolve(given, name: str, home):
    """One roster of :func:`compare` through the one resolver; an error names the roster, never prints a frame."""
    import os

    if isinstance(given, pd.DataFrame):
        return given
    if not isinstance(given, (str, os.PathLike, pd.Timestamp)) and not hasattr(given, "isoformat"):
        raise TypeError(f"roster {name!r} is a {type(given).__name__}; allowed: a roster name, a date, a CSV file "
                        "or a pandas DataFrame")
    roster = load_roster(given, home=home or "any")
    if isinstance(given, (str, os.PathLike)) and os.path.isfile(given) and "roster_label" not in roster.attrs:
        roster.attrs["roster_label"] = f"the roster of {os.path.basename(given)}"
    return roster


def _load(rosters, home):
    if isinstance(rosters, Mapping):
        items = [(str(n), _resolve(r, str(n), home)) for n, r in rosters.items()]
    elif isinstance(rosters, (str, bytes, pd.DataFrame)) or not isinstance(rosters, Sequence):
        raise TypeError("rosters must be a mapping of name -> roster, or a list of rosters (each a name, a date, a "
                        f"CSV file or a DataFrame); got one {type(rosters).__name__}")
    else:
        labels = [_label(r, i) for i, r in enumerate(rosters)]
        items = [(n, _resolve(r, n, home)) for n, r in zip(labels, rosters)]
    if len(items) < 2:
        raise ValueError(f"compare needs at least two rosters; got {len(items)}")
    names = [n for n, _ in items]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        raise ValueError(f"roster names must differ; repeated: {', '.join(dup)}")
    out = {}
    for name, frame in items:
        if not isinstance(frame, pd.DataFrame):
            raise TypeError(f"roster {name!r} is a {type(frame).__name__}; allowed: a pandas DataFrame")
        if len(frame) == 0:
            raise ValueError(f"roster {name!r} is empty; nothing to count")
        out[name] = with_home(frame, home)  # None: the counting default (home by birth, one row per person)
    return out


def _identity(a: pd.DataFrame, b: pd.DataFrame) -> str | None:
    """The column that tells who a person is in both rosters: ``person_id``, else ``name``; None if neither."""
    for column in ("person_id", "name"):
        if column in a.columns and column in b.columns:
            return column
    return None


def shared_people(a: pd.DataFrame, b: pd.DataFrame) -> tuple[str | None, list[str]]:
    """The people two rosters share: ``(column, sorted ids)``, matched by ``person_id``, else by ``name``.

    ``column`` is None (and the list empty) when the rosters have neither column in common, so nobody can
    be matched.

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"name": ["x", "y", "z"]})
    >>> b = pd.DataFrame({"name": ["z", "w", "y"]})
    >>> shared_people(a, b)
    ('name', ['y', 'z'])
    """
    column = _identity(a, b)
    if column is None:
        return None, []
    ids = set(a[column].astype(str)) & set(b[column].astype(str))
    ids.discard("")
    return column, sorted(ids)


def _counts(roster, by, scheme, hazarajat):
    """Per group: persons surely in it, persons who may be (unknown included), persons known to be in or out.

    Returns ``(count, count_max, known, n_unknown, n_disputed, group order)``; ``known[g]`` is the number
    of persons whose membership of ``g`` is settled (surely in, or surely out: a tag known, or a dispute
    between other groups), the complete cases of group ``g``.
    """
    alts = group_alternatives(roster, by, scheme=scheme, hazarajat=hazarajat)
    sure: dict[str, int] = {}
    maybe: dict[str, int] = {}
    unknown = disputed = 0
    order: list[str] = []
    for alt in alts:
        if not alt:
            unknown += 1
            continue
        if len(alt) > 1:
            disputed += 1
        d = definite(alt)
        for g in d:
            sure[g] = sure.get(g, 0) + 1
        for g in possible(alt):
            if g not in order:
                order.append(g)
            if g not in d:
                maybe[g] = maybe.get(g, 0) + 1
    n = len(alts)
    count = {g: sure.get(g, 0) for g in order}
    count_max = {g: sure.get(g, 0) + maybe.get(g, 0) + unknown for g in order}
    known = {g: n - maybe.get(g, 0) - unknown for g in order}
    return count, count_max, known, unknown, disputed, order


def _subsets(frames: dict, a: str, b: str) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """The people of rosters a and b that the pair compares: all of them, or those not shared."""
    column, ids = shared_people(frames[a], frames[b])
    if not ids:
        return frames[a], frames[b], 0
    fa, fb = frames[a], frames[b]
    only_a = fa[~fa[column].astype(str).isin(ids)]
    only_b = fb[~fb[column].astype(str).isin(ids)]
    if len(only_a) == 0 or len(only_b) == 0:
        inner, outer = (a, b) if len(only_a) == 0 else (b, a)
        raise ValueError(f"roster {inner!r} lies wholly inside roster {outer!r} (they share all {len(ids)} people of "
                         f"{inner!r}, matched by {column}); the shared people cannot be compared with themselves and "
                         "nobody is left on one side, so there is nothing to test: compare each with a roster it "
                         "does not contain")
    return only_a, only_b, len(ids)


def compare(rosters, by="region", *, scheme: str = "commentary", hazarajat: str = "core", home: str | None = None,
            test: str = "fisher", alternative: str = "two-sided", alpha: float = 0.05) -> pd.DataFrame:
    """Compare rosters group by group, with an exact test of each difference adjusted over the groups.

    Parameters
    ----------
    rosters : mapping or list
        A mapping of name -> roster, or a list of rosters; each roster is
        whatever :func:`cabinet.load_roster` takes: a name of
        :data:`cabinet.ROSTERS`, a date, a CSV file or a DataFrame. In a list, a name is labelled as given, a file by its stem
        (``kenya_2023.csv``: ``kenya_2023``) and a frame by its
        ``attrs["roster"]`` or its place (``roster 2``). Every pair is
        compared, in the order given.
    by : str
        A grouping :func:`cabinet.representation` understands (``region``,
        ``ethnicity``, ``province``, ``tribe``...) or any column the rosters share.
    scheme, hazarajat : str
        Region scheme and Hazarajat definition, as in :func:`cabinet.representation`.
    home : {"any", "birth", "origin", "stated"} or None
        The sense of home for ``province``, ``region`` and ``hazarajat``.
        None (default): home by birth on a roster that records birthplaces,
        so each person counts once (:func:`cabinet.groupings.counting_home`),
        else the roster's own ``province``.
    test : {"fisher", "boschloo"}
        The exact test of each 2x2 table (group against the rest of each
        roster, roster a in the first row): ``scipy.stats.fisher_exact``
        (default) or ``scipy.stats.boschloo_exact`` (more powerful, slower:
        one optimisation per table, and a table for every pair of counts the
        unknowns allow, so with many unknown tags it takes minutes). A table
        with a zero margin has p = 1 by definition (see Notes).
    alternative : {"two-sided", "less", "greater"}
        Passed to the test; ``less`` asks whether roster a's share is lower.
    alpha : float
        The level at which ``holds`` reads the adjusted p-values (default 0.05).

    Returns
    -------
    pandas.DataFrame
        One row per pair of rosters and group, then per pair an ``unknown`` and
        (where any tag is disputed) a ``disputed`` row. Columns:

        - ``by``; ``group``; ``status``: ``group``, ``unknown`` or ``disputed``.
        - ``roster_a``, ``roster_b``: the names of the pair.
        - ``n_shared``: people in both rosters, left out of this pair's counts
          and test (0 when the rosters share nobody).
        - ``n_a``, ``n_b``: the people compared on each side (the whole
          roster, or those not shared).
        - ``count_a``, ``count_max_a`` (and ``_b``): persons surely in the group,
          and the largest count once unknown and disputed tags are resolved
          (the counting of :func:`cabinet.representation`; a person of plural
          membership counts in each group he surely belongs to). On the
          ``unknown``/``disputed`` rows: the persons whose tag is unknown/disputed.
        - ``share_a``, ``share_max_a`` (and ``_b``): the counts over ``n``: the
          range of the share.
        - ``diff_min``, ``diff_max``: the range of ``share_a - share_b`` over
          every resolution of the unknowns (``share_a - share_max_b`` to
          ``share_max_a - share_b``).
        - ``known_a``, ``known_b``: the complete cases of the group, persons
          whose membership of it is settled (surely in or surely out).
        - ``share_complete_a``, ``share_complete_b``, ``diff_complete``: the
          complete-case shares (``count / known``) and their difference; an
          estimate that assumes the unknowns resemble the known, not a bound.
        - ``test``; ``alternative``.
        - ``p_min``, ``p_max``: the smallest and largest p-value over every
          pair of counts the unknowns allow (each table computed: exact
          enumeration).
        - ``p_complete``: the test on the complete cases (NaN when a side has none).
        - ``adjust``: ``holm``; ``m_tests``: the size of the family (the
          groups of this pair that can be tested).
        - ``p_adj_min``, ``p_adj_max``: Holm's adjustment of ``p_min`` and of
          ``p_max`` over the family: bounds of the adjusted p-value over
          every resolution of the unknowns (not always attained together).
          ``p_adj_complete``: Holm's adjustment of ``p_complete``.
        - ``holds``: ``yes`` when ``p_adj_max < alpha`` (a difference beyond
          chance after adjustment, whatever the unknowns are), ``depends``
          when only ``p_adj_min < alpha``, ``no`` otherwise.

        The numeric test columns are empty (NaN) and ``holds`` is ``""`` on
        the ``unknown`` and ``disputed`` rows. ``attrs``: ``rosters``,
        ``labels``, ``sources``, ``shared`` (pair -> the ids left out) and
        ``alpha``.

    Raises
    ------
    ValueError, TypeError
        On fewer than two rosters, an unknown test, alternative or roster
        name (the message lists what is allowed), a grouping a roster lacks,
        or a roster that lies wholly inside another.

    Notes
    -----
    Overlap: rosters that share people are not two independent samples, as
    Fisher's test needs; the pair compares the people not shared (``n_shared``).

    Zero margins: Fisher's test of a table whose group column is all 0 (or
    all members) is 1, as no table with those margins is more extreme;
    ``scipy.stats.boschloo_exact`` returns NaN there, and :func:`compare`
    uses p = 1 for every test, so the range of p comes from the tables that
    can be tested and a degenerate one adds p = 1.

    References
    ----------
    Fisher, R. A. (1935). The logic of inductive inference. *JRSS* 98(1), 39-82.
    Boschloo, R. D. (1970). Raised conditional level of significance for the
    2x2-table. *Statistica Neerlandica* 24(1), 1-35. Holm, S. (1979). A simple
    sequentially rejective multiple test procedure. *Scand. J. Statist.* 6(2),
    65-70. Tarone, R. E. (1990). A modified Bonferroni method for discrete
    data. *Biometrics* 46(2), 515-522.

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"name": list("abcd"), "ethnicity": ["Pashtun"] * 3 + ["unknown"]})
    >>> b = pd.DataFrame({"name": list("efgh"), "ethnicity": ["Pashtun", "Tajik", "Tajik", "Hazara"]})
    >>> t = compare({"A": a, "B": b}, by="ethnicity", home=None)
    >>> row = t[t.group == "Pashtun"].iloc[0]
    >>> int(row.count_a), int(row.count_max_a), int(row.count_b), float(row.diff_min), float(row.diff_max)
    (3, 4, 1, 0.5, 0.75)
    >>> round(float(row.p_max), 4)  # Fisher on [[3, 1], [1, 3]]: (16 + 1 + 16 + 1) / 70
    0.4857
    >>> round(float(row.p_min), 4)  # the unknown a Pashtun: [[4, 0], [1, 3]], (5 + 5) / 70
    0.1429
    >>> float(row.share_complete_a), round(float(row.p_complete), 4)  # complete cases: [[3, 0], [1, 3]]
    (1.0, 0.1429)
    """
    if test not in TESTS:
        raise ValueError(f"unknown test {test!r}; allowed: {', '.join(TESTS)}")
    if alternative not in ("two-sided", "less", "greater"):
        raise ValueError(f"unknown alternative {alternative!r}; allowed: two-sided, less, greater")
    if not (isinstance(alpha, (int, float)) and 0 < alpha < 1):
        raise ValueError(f"alpha must be a number between 0 and 1; got {alpha!r}")
    frames = _load(rosters, home)
    if not isinstance(by, str):
        raise ValueError(f"compare groups by one grouping at a time; got {by!r}")
    whole = {name: _counts(r, by, scheme, hazarajat) for name, r in frames.items()}
    universe = [g for g in vocabulary(by, scheme=scheme, hazarajat=hazarajat)
                if all(describes(r, by) for r in frames.values())]
    groups = list(universe)
    for c in whole.values():
        groups += [g for g in c[5] if g not in groups]
    rows = []
    shared: dict = {}
    for a, b in itertools.combinations(frames, 2):
        fa, fb, n_shared = _subsets(frames, a, b)
        if n_shared:
            shared[(a, b)] = shared_people(frames[a], frames[b])[1]
            ca, cb = _counts(fa, by, scheme, hazarajat), _counts(fb, by, scheme, hazarajat)
        else:
            ca, cb = whole[a], whole[b]
        n_a, n_b = len(fa), len(fb)
        base = {"by": by, "roster_a": a, "roster_b": b, "n_shared": n_shared, "n_a": n_a, "n_b": n_b}
        block = []
        for g in groups:
            lo_a, hi_a, k_a = ca[0].get(g, 0), ca[1].get(g, ca[3]), ca[2].get(g, n_a - ca[3])
            lo_b, hi_b, k_b = cb[0].get(g, 0), cb[1].get(g, cb[3]), cb[2].get(g, n_b - cb[3])
            ps: list[float]
            if test == "fisher":
                ps = [float(x) for x in _fisher_all(n_a, n_b, alternative)[lo_a:hi_a + 1, lo_b:hi_b + 1].ravel()]
            else:
                ps = [_pvalue(test, x, n_a, y, n_b, alternative)
                      for x in range(lo_a, hi_a + 1) for y in range(lo_b, hi_b + 1)]
            complete = (_pvalue(test, lo_a, k_a, lo_b, k_b, alternative) if k_a and k_b else np.nan)
            # testable at some resolution: a margin that is not zero (Tarone 1990)
            tested = hi_a + hi_b > 0 and lo_a + lo_b < n_a + n_b
            block.append({**base, "group": g, "status": "group", "count_a": lo_a, "count_max_a": hi_a,
                          "count_b": lo_b, "count_max_b": hi_b, "known_a": k_a, "known_b": k_b, "test": test,
                          "alternative": alternative, "p_min": min(ps), "p_max": max(ps), "p_complete": complete,
                          "_tested": tested})
        family = [r for r in block if r["_tested"]]
        for col, src in (("p_adj_min", "p_min"), ("p_adj_max", "p_max")):
            for r, q in zip(family, _holm([r[src] for r in family])):
                r[col] = q
        cc = [r for r in family if not np.isnan(r["p_complete"])]
        for r, q in zip(cc, _holm([r["p_complete"] for r in cc])):
            r["p_adj_complete"] = q
        for r in block:
            tested = r.pop("_tested")
            r["adjust"] = "holm"
            r["m_tests"] = len(family)
            for col in ("p_adj_min", "p_adj_max"):
                r.setdefault(col, 1.0 if not tested else np.nan)
            r.setdefault("p_adj_complete", np.nan if np.isnan(r["p_complete"]) else 1.0)
            r["holds"] = ("yes" if r["p_adj_max"] < alpha else "depends" if r["p_adj_min"] < alpha else "no")
        rows += block
        for status, j in (("unknown", 3), ("disputed", 4)):
            if status == "disputed" and not (ca[4] or cb[4]):
                continue
            rows.append({**base, "group": status, "status": status, "count_a": ca[j], "count_max_a": ca[j],
                         "count_b": cb[j], "count_max_b": cb[j], "known_a": n_a - ca[j], "known_b": n_b - cb[j],
                         "test": "", "alternative": "", "p_min": np.nan, "p_max": np.nan, "p_complete": np.nan,
                         "adjust": "", "m_tests": len(family), "p_adj_min": np.nan, "p_adj_max": np.nan,
                         "p_adj_complete": np.nan, "holds": ""})
    out = pd.DataFrame(rows)
    for s in ("a", "b"):
        out[f"share_{s}"] = out[f"count_{s}"] / out[f"n_{s}"]
        out[f"share_max_{s}"] = out[f"count_max_{s}"] / out[f"n_{s}"]
        known = out[f"known_{s}"].where(out[f"known_{s}"] > 0)
        out[f"share_complete_{s}"] = (out[f"count_{s}"] / known).where(out["status"] == "group")
    out["diff_min"] = out["share_a"] - out["share_max_b"]
    out["diff_max"] = out["share_max_a"] - out["share_b"]
    out["diff_complete"] = out["share_complete_a"] - out["share_complete_b"]
    for c in ("n_shared", "count_a", "count_max_a", "count_b", "count_max_b", "n_a", "n_b", "known_a", "known_b",
              "m_tests"):
        out[c] = out[c].astype("int64")
    out = out[COMPARE_COLUMNS].reset_index(drop=True)
    out.attrs["rosters"] = list(frames)
    out.attrs["labels"] = {name: str(r.attrs.get("roster_label") or name) for name, r in frames.items()}
    out.attrs["sources"] = {name: str(r.attrs.get("source_file", "")) for name, r in frames.items()}
    out.attrs["shared"] = shared
    out.attrs["alpha"] = alpha
    return out


def _side(count, count_max, n) -> str:
    return (f"{_num(count)} of {_num(n)}" if count == count_max
            else f"{_num(count)} to {_num(count_max)} of {_num(n)}")


def _group_text(r, a: str, b: str) -> str:
    return (f"{r['group']} ({_side(r['count_a'], r['count_max_a'], r['n_a'])} in {a} against "
            f"{_side(r['count_b'], r['count_max_b'], r['n_b'])} in {b}; adjusted p between "
            f"{_prob(r['p_adj_min'])} and {_prob(r['p_adj_max'])})")


def finding(t: pd.DataFrame, labels: dict | None = None) -> str:
    """The finding of a :func:`compare` table in plain words, for its first pair of rosters.

    Only differences that hold after Holm's adjustment over the groups, whatever the unknown tags are
    (``holds == "yes"``), are stated as findings; the groups whose verdict turns on the unknown tags
    (``depends``) are named as open. No group is picked for being the largest difference. The sentence
    also says how many tags are unknown on each side and, for rosters that share people, that the
    shared people were left out.

    Parameters
    ----------
    t : DataFrame
        A table of :func:`compare`.
    labels : mapping, optional
        Roster name -> phrase (default: ``t.attrs["labels"]``, which :func:`compare` sets).

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"name": [f"a{i}" for i in range(10)], "camp": ["x"] * 9 + ["unknown"]})
    >>> b = pd.DataFrame({"name": [f"b{i}" for i in range(10)], "camp": ["y"] * 8 + ["x", "unknown"]})
    >>> print(finding(compare({"A": a, "B": b}, by="camp", home=None)))
    Between A and B the share of a camp group differs beyond chance (Fisher's exact test, Holm's
    adjustment over the 2 groups that can be tested, at the 0.05 level, whatever the unknown tags are)
    for x (9 to 10 of 10 in A against 1 to 2 of 10 in B; adjusted p between 2.38×10⁻⁴ and 0.0110);
    y (0 to 1 of 10 in A against 8 to 9 of 10 in B; adjusted p between 2.38×10⁻⁴ and 0.0110).
    Counting only the people whose tag is known (complete cases, which assume the unknowns resemble
    them, an estimate and not a verdict), x differs (9 of 9 against 1 of 9, adjusted p = 8.23×10⁻⁴);
    y differs (0 of 9 against 8 of 9, adjusted p = 8.23×10⁻⁴). The camp is unknown for 1 of the 10
    and for 1 of the 10.
    """
    labels = dict(t.attrs.get("labels") or {}) if labels is None else dict(labels)
    alpha = float(t.attrs.get("alpha", 0.05))
    g = t[t["status"] == "group"]
    ra, rb = g["roster_a"].iloc[0], g["roster_b"].iloc[0]
    pair = t[(t["roster_a"] == ra) & (t["roster_b"] == rb)]
    g = pair[pair["status"] == "group"]
    a, b = labels.get(ra, ra), labels.get(rb, rb)
    first = g.iloc[0]
    by = str(first["by"])
    test = "Fisher's exact test" if first["test"] == "fisher" else "Boschloo's exact test"
    m = int(first["m_tests"])
    how = (f"({test}, Holm's adjustment over the {m} groups that can be tested, at the {alpha:g} level, "
           "whatever the unknown tags are)")
    yes, open_ = g[g["holds"] == "yes"], g[g["holds"] == "depends"]
    parts = []
    if n_shared := int(first["n_shared"]):
        parts.append(f"The two rosters share {_num(n_shared)} people; they are left out, and the test compares the "
                     f"{_num(first['n_a'])} only in {a} with the {_num(first['n_b'])} only in {b}.")
    if len(yes):
        parts.append(f"Between {a} and {b} the share of a {by} group differs beyond chance {how} for "
                     + "; ".join(_group_text(r, a, b) for _, r in yes.iterrows()) + ".")
    else:
        parts.append(f"No {by} group's share differs between {a} and {b} beyond chance {how}.")
    if len(open_):
        names = ", ".join(str(x) for x in open_["group"])
        parts.append(f"For {names} the unknown tags could still decide it: over the counts they allow, the adjusted "
                     f"p-value may fall below {alpha:g} or rise to {_prob(open_['p_adj_max'].max())}.")
    cc = g[g["p_adj_complete"] < alpha]
    parts.append("Counting only the people whose tag is known (complete cases, which assume the unknowns resemble "
                 "them, an estimate and not a verdict), "
                 + ("; ".join(f"{r['group']} differs ({_num(r['count_a'])} of {_num(r['known_a'])} against "
                              f"{_num(r['count_b'])} of {_num(r['known_b'])}, adjusted p = "
                              f"{_prob(r['p_adj_complete'])})" for _, r in cc.iterrows())
                    if len(cc) else "no group differs after adjustment" + ("" if len(yes) else " either")) + ".")
    unknown = pair[pair["status"] == "unknown"].iloc[0]
    parts.append(f"The {by} is unknown for {_num(unknown['count_a'])} of the {_num(unknown['n_a'])} and for "
                 f"{_num(unknown['count_b'])} of the {_num(unknown['n_b'])}.")
    return " ".join(parts)
