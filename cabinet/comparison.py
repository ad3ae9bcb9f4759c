"""Two or more rosters side by side: counts, shares, their difference and an exact test per group.

:func:`compare` counts every roster the way :func:`cabinet.representation`
does (a person counts in each group he surely belongs to; ``count_max`` adds
everyone whose tag is unknown or whose dispute allows the group), then, for
every pair of rosters and every group, sets the group against the rest of
each roster in a 2x2 table and tests the difference with Fisher's exact test
(``scipy.stats.fisher_exact``; Boschloo's test, ``scipy.stats.boschloo_exact``,
on request). The unknowns are carried as bounds: the test is run at every
pair of counts the unknowns allow and the range of its p-value reported.
"""

from __future__ import annotations

import itertools
from functools import lru_cache
from typing import Mapping, Sequence

import numpy as np
import pandas as pd

from ._format import number as _num, percent as _pct, probability as _prob, probability_range as _prob_range
from .groupings import describes, vocabulary, with_home
from .group_counts import group_alternatives
from .tags import definite, possible

__all__ = ["compare", "finding", "TESTS", "COMPARE_COLUMNS"]

#: Exact tests :func:`compare` can run on each 2x2 table.
TESTS = ("fisher", "boschloo")

#: Columns of the table :func:`compare` returns, in order.
COMPARE_COLUMNS = [
    "by", "group", "status", "roster_a", "roster_b", "n_a", "n_b", "count_a", "count_max_a", "count_b",
    "count_max_b", "share_a", "share_max_a", "share_b", "share_max_b", "diff", "diff_min", "diff_max",
    "test", "p_value", "p_min", "p_max",
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

    from .rosters import load_roster

    if isinstance(given, pd.DataFrame):
        return given
    if not isinstance(given, (str, os.PathLike, pd.Timestamp)) and not hasattr(given, "isoformat"):
        raise TypeError(f"roster {name!r} is a {type(given).__name__}; allowed: a roster name, a date, a CSV file "
                        "or a pandas DataFrame")
    roster = load_roster(given, home=home)
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


def _counts(roster, by, scheme, hazarajat):
    """(count, count_max, n_unknown, n_disputed, group order) of one roster, as representation counts them."""
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
    count = {g: sure.get(g, 0) for g in order}
    count_max = {g: sure.get(g, 0) + maybe.get(g, 0) + unknown for g in order}
    return count, count_max, unknown, disputed, order


@lru_cache(maxsize=4096)
def _pvalue(test, a, n_a, b, n_b, alternative):
    """The exact test of one 2x2 table, once per table (the bounds of a comparison repeat many tables)."""
    from scipy import stats  # imported here: ``import cabinet`` loads no scipy

    table = np.array([[a, n_a - a], [b, n_b - b]])
    if test == "fisher":
        return float(stats.fisher_exact(table, alternative=alternative).pvalue)
    return float(stats.boschloo_exact(table, alternative=alternative).pvalue)


def compare(rosters, by="region", *, scheme: str = "commentary", hazarajat: str = "core", home: str | None = None,
            test: str = "fisher", alternative: str = "two-sided") -> pd.DataFrame:
    """Compare rosters group by group, with an exact test of each difference.

    Parameters
    ----------
    rosters : mapping or list
        A mapping of name -> roster, or a list of rosters; each roster is
        whatever :func:`cabinet.load_roster` takes: a name (``taliban-2021``,
        ``republic-2021``, ``taliban-latest``), a date, a CSV file or a
        DataFrame. In a list, a name is labelled as given, a file by its stem
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
        roster): ``scipy.stats.fisher_exact`` (default) or
        ``scipy.stats.boschloo_exact`` (more powerful, slower: one optimisation
        per table, and a table for every pair of counts the unknowns allow,
        so with many unknown tags it takes minutes).
    alternative : {"two-sided", "less", "greater"}
        Passed to the test; ``less`` asks whether roster a's share is lower.

    Returns
    -------
    pandas.DataFrame
        One row per pair of rosters and group, then per pair an ``unknown`` and
        (where any tag is disputed) a ``disputed`` row. Columns:

        - ``by``; ``group``; ``status``: ``group``, ``unknown`` or ``disputed``.
        - ``roster_a``, ``roster_b``: the names of the pair; ``n_a``, ``n_b``: their sizes.
        - ``count_a``, ``count_max_a`` (and ``_b``): persons surely in the group,
          and the largest count once unknown and disputed tags are resolved
          (the counting of :func:`cabinet.representation`; a person of plural
          membership counts in each group he surely belongs to). On the
          ``unknown``/``disputed`` rows: the persons whose tag is unknown/disputed.
        - ``share_a``, ``share_max_a`` (and ``_b``): the counts over ``n``.
        - ``diff``: ``share_a - share_b`` at the known counts; ``diff_min``,
          ``diff_max``: its range over every resolution of the unknowns
          (``share_a - share_max_b`` to ``share_max_a - share_b``).
        - ``test``: ``fisher`` or ``boschloo``; ``p_value``: the test at the
          known counts; ``p_min``, ``p_max``: the smallest and largest p-value
          over every pair of counts the unknowns allow (each computed).
          Empty on the ``unknown`` and ``disputed`` rows.

    Raises
    ------
    ValueError, TypeError
        On fewer than two rosters, an unknown test, alternative or roster
        name (the message lists what is allowed), or a grouping a roster lacks.

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"name": list("abcd"), "ethnicity": ["Pashtun"] * 3 + ["unknown"]})
    >>> b = pd.DataFrame({"name": list("efgh"), "ethnicity": ["Pashtun", "Tajik", "Tajik", "Hazara"]})
    >>> t = compare({"A": a, "B": b}, by="ethnicity", home=None)
    >>> row = t[t.group == "Pashtun"].iloc[0]
    >>> int(row.count_a), int(row.count_max_a), int(row.count_b), float(row["diff"])
    (3, 4, 1, 0.5)
    >>> round(float(row.p_value), 4)  # Fisher on [[3, 1], [1, 3]]: (16 + 1 + 16 + 1) / 70
    0.4857
    """
    if test not in TESTS:
        raise ValueError(f"unknown test {test!r}; allowed: {', '.join(TESTS)}")
    if alternative not in ("two-sided", "less", "greater"):
        raise ValueError(f"unknown alternative {alternative!r}; allowed: two-sided, less, greater")
    frames = _load(rosters, home)
    if not isinstance(by, str):
        raise ValueError(f"compare groups by one grouping at a time; got {by!r}")
    counted = {name: _counts(r, by, scheme, hazarajat) for name, r in frames.items()}
    universe = [g for g in vocabulary(by, scheme=scheme, hazarajat=hazarajat)
                if all(describes(r, by) for r in frames.values())]
    groups = list(universe)
    for c in counted.values():
        groups += [g for g in c[4] if g not in groups]
    cache: dict = {}
    rows = []
    for a, b in itertools.combinations(frames, 2):
        ca, cb = counted[a], counted[b]
        n_a, n_b = len(frames[a]), len(frames[b])
        base = {"by": by, "roster_a": a, "roster_b": b, "n_a": n_a, "n_b": n_b}
        for g in groups:
            lo_a, hi_a = ca[0].get(g, 0), ca[1].get(g, ca[2])
            lo_b, hi_b = cb[0].get(g, 0), cb[1].get(g, cb[2])
            ps = []
            for ka in range(lo_a, hi_a + 1):
                for kb in range(lo_b, hi_b + 1):
                    key = (ka, n_a, kb, n_b)
                    if key not in cache:
                        cache[key] = _pvalue(test, ka, n_a, kb, n_b, alternative)
                    ps.append(cache[key])
            rows.append({**base, "group": g, "status": "group", "count_a": lo_a, "count_max_a": hi_a,
                         "count_b": lo_b, "count_max_b": hi_b, "test": test,
                         "p_value": cache[(lo_a, n_a, lo_b, n_b)], "p_min": min(ps), "p_max": max(ps)})
        for status, j in (("unknown", 2), ("disputed", 3)):
            if status == "disputed" and not (ca[3] or cb[3]):
                continue
            rows.append({**base, "group": status, "status": status, "count_a": ca[j], "count_max_a": ca[j],
                         "count_b": cb[j], "count_max_b": cb[j], "test": "", "p_value": np.nan,
                         "p_min": np.nan, "p_max": np.nan})
    out = pd.DataFrame(rows)
    for s in ("a", "b"):
        out[f"share_{s}"] = out[f"count_{s}"] / out[f"n_{s}"]
        out[f"share_max_{s}"] = out[f"count_max_{s}"] / out[f"n_{s}"]
    out["diff"] = out["share_a"] - out["share_b"]
    out["diff_min"] = out["share_a"] - out["share_max_b"]
    out["diff_max"] = out["share_max_a"] - out["share_b"]
    for c in ("count_a", "count_max_a", "count_b", "count_max_b", "n_a", "n_b"):
        out[c] = out[c].astype("int64")
    out = out[COMPARE_COLUMNS].reset_index(drop=True)
    out.attrs["rosters"] = list(frames)
    out.attrs["labels"] = {name: str(r.attrs.get("roster_label") or name) for name, r in frames.items()}
    out.attrs["sources"] = {name: str(r.attrs.get("source_file", "")) for name, r in frames.items()}
    return out


def _in_group(by: str, group: str) -> str:
    if by == "ethnicity":
        return f"known to be {group}"
    if by == "region":
        return f"known to have a home in the {group} region"
    return f"known to be in {group}"


def finding(t: pd.DataFrame, labels: dict | None = None) -> str:
    """The finding of a :func:`compare` table in plain words: the largest known difference and its exact test.

    Built from the table's numbers only (for the first pair of rosters): the group whose known shares differ
    most, both counts, the p-value at the known counts and its range over the unknowns, and how many tags
    are unknown on each side.

    Parameters
    ----------
    t : DataFrame
        A table of :func:`compare`.
    labels : mapping, optional
        Roster name -> phrase (default: ``t.attrs["labels"]``, which :func:`compare` sets).

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"name": list("abcd"), "ethnicity": ["Pashtun"] * 3 + ["unknown"]})
    >>> b = pd.DataFrame({"name": list("efgh"), "ethnicity": ["Pashtun", "Tajik", "Tajik", "Hazara"]})
    >>> finding(compare({"A": a, "B": b}, by="ethnicity", home=None)).split(":")[0]
    '3 of the 4 in A (75.0%) are known to be Pashtun, against 1 of the 4 in B (25.0%)'
    """
    labels = dict(t.attrs.get("labels") or {}) if labels is None else dict(labels)
    g = t[t["status"] == "group"]
    g = g[(g["roster_a"] == g["roster_a"].iloc[0]) & (g["roster_b"] == g["roster_b"].iloc[0])]
    r = g.loc[g["diff"].abs().idxmax()]
    a, b = labels.get(r["roster_a"], r["roster_a"]), labels.get(r["roster_b"], r["roster_b"])
    by = str(r["by"])
    unknown = t[(t["status"] == "unknown") & (t["roster_a"] == r["roster_a"]) & (t["roster_b"] == r["roster_b"])].iloc[0]
    lead = (f"{_num(r['count_a'])} of the {_num(r['n_a'])} in {a} ({_pct(r['share_a'])}) are "
            f"{_in_group(by, r['group'])}, against {_num(r['count_b'])} of the {_num(r['n_b'])} in {b} "
            f"({_pct(r['share_b'])}): the largest difference the known {by} tags show.")
    if r["p_max"] < 0.05:
        test = (f"Fisher's exact test puts it beyond chance whatever the unknown tags are "
                f"(p {_prob_range(r['p_min'], r['p_max'])}).")
    elif r["p_min"] < 0.05:
        test = (f"At the known counts Fisher's exact test gives p = {_prob(r['p_value'])}; over the counts the "
                f"unknown tags allow, p lies between {_prob(r['p_min'])} and {_prob(r['p_max'])}, so the difference "
                "is not established until those tags are known.")
    else:
        test = (f"Fisher's exact test cannot tell it from chance (p between {_prob(r['p_min'])} and "
                f"{_prob(r['p_max'])}).")
    gaps = (f"The {by} is unknown for {_num(unknown['count_a'])} of the {_num(unknown['n_a'])} and for "
            f"{_num(unknown['count_b'])} of the {_num(unknown['n_b'])}.")
    return " ".join((lead, test, gaps))
