"""What the unknowns most likely hold: estimates under stated assumptions, beside the bounds.

The verdicts and bounds of :func:`cabinet.representation` and :func:`cabinet.claims` never guess an
unknown tag. The estimates here do, each under an assumption named in every row:

``bounds``
    no assumption: the worst and the best case (the count runs from ``count`` to ``count_max``).
``like_known``
    an appointee of unknown tag is like the known appointees of his position class: his group is drawn
    from their distribution. A class with fewer than :data:`MIN_CLASS_KNOWN` known appointees is pooled
    with all known appointees. A disputed appointee is drawn only among his candidates, in proportion
    to the same distribution.
``population``
    the same, with the baseline's shares (the population, or a published estimate).
``priors``
    an expert's judgement: a mapping (or CSV of ``name,group,probability``; ``appointment_id`` or
    ``person_id`` may stand for ``name``) giving each appointee's probability of each group. Appointees
    the priors do not mention follow ``like_known``; the ``note`` column says how many.

Appointees are taken to be independent of one another. A group's count is then a sum of independent
Bernoulli variables, whose distribution is exact (``scipy.stats.poisson_binom``); a claim that no one
is in a target group holds with the product of the probabilities that each is not. A claim that needs
the joint distribution of several groups (C6 when a region could still be empty) is computed by seeded,
vectorised Monte Carlo. Both are tested against each other where both apply.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .group_counts import group_alternatives
from .representation import representation
from .tags import definite, possible

__all__ = ["ASSUMPTIONS", "MIN_CLASS_KNOWN", "LEVEL", "GAPS", "estimates", "gap_estimates", "probability_matrix",
           "read_priors", "probability_none", "draw_counts"]

ASSUMPTIONS = ("bounds", "like_known", "population", "priors")
#: A position class with fewer known appointees than this is pooled with all known appointees.
MIN_CLASS_KNOWN = 5
#: Level of the interval of a count.
LEVEL = 0.90

COLUMNS = ["by", "group", "assumption", "count", "count_max", "n", "expected", "interval_low", "interval_high",
           "p_le_count", "method", "baseline", "note"]


def _check_assumptions(assumptions) -> list[str]:
    if isinstance(assumptions, str):
        assumptions = [assumptions]
    out = list(assumptions)
    bad = [a for a in out if a not in ASSUMPTIONS]
    if bad or not out:
        from .groupings import suggest

        raise ValueError(f"unknown assumption {bad[0] if bad else '(none)'!r}"
                         f"{suggest(bad[0], ASSUMPTIONS) if bad else ''}; allowed: {', '.join(ASSUMPTIONS)}")
    return out


def read_priors(priors, roster: pd.DataFrame) -> dict[int, dict[str, float]]:
    """An expert's priors as ``{row position: {group: probability}}``.

    Parameters
    ----------
    priors : mapping, DataFrame or path
        ``{name or id: {group: probability}}``, or a table (or CSV file) with the columns
        ``name`` (or ``appointment_id`` / ``person_id``), ``group`` and ``probability``.
    roster : DataFrame

    Raises
    ------
    ValueError
        A person the roster does not hold, a probability outside [0, 1], a person's probabilities summing
        to more than 1 (beyond rounding).
    """
    if priors is None:
        return {}
    if not isinstance(priors, (Mapping, pd.DataFrame)):
        from .csv_files import display_path, read_csv

        raw = read_csv(priors, label=display_path(priors))
        if raw.problems:
            from .errors import DataError

            raise DataError(raw.problems)
        priors = pd.DataFrame(raw.rows, columns=[h.strip() for h in raw.header])
    if isinstance(priors, pd.DataFrame):
        key = next((c for c in ("appointment_id", "person_id", "name") if c in priors.columns), None)
        if key is None or not {"group", "probability"} <= set(priors.columns):
            raise ValueError("priors need the columns name (or appointment_id, person_id), group and probability")
        table: dict = {}
        for k, g, p in zip(priors[key], priors["group"], priors["probability"]):
            table.setdefault(str(k).strip(), {})[str(g).strip()] = float(str(p).replace(",", "."))
        priors = table
    index: dict[str, int] = {}
    for col in ("appointment_id", "person_id", "name"):
        if col in roster.columns:
            for pos, v in enumerate(roster[col].astype(str)):
                index.setdefault(v, pos)
    out: dict[int, dict[str, float]] = {}
    for who, dist in priors.items():
        if str(who) not in index:
            from .groupings import suggest

            raise ValueError(f"priors name {who!r}, who is not in the roster{suggest(str(who), list(index))}")
        dist = {str(g): float(p) for g, p in dict(dist).items()}
        if any(not 0 <= p <= 1 for p in dist.values()) or sum(dist.values()) > 1 + 1e-6:
            raise ValueError(f"priors for {who!r} must be probabilities in [0, 1] summing to at most 1; got {dist}")
        out[index[str(who)]] = dist
    return out


def _shares(weights: dict[str, float], groups) -> np.ndarray:
    q = np.array([max(0.0, float(weights.get(g, 0.0))) for g in groups])
    return q / q.sum() if q.sum() > 0 else np.full(len(groups), 1.0 / len(groups))


def probability_matrix(roster: pd.DataFrame, by, assumption: str, *, groups=None, baseline_share=None,
                       priors=None, scheme: str = "commentary", hazarajat: str = "core") -> pd.DataFrame:
    """Each appointee's probability of being in each group, under one assumption.

    For a tag of one group per person the rows sum to 1; for plural membership (``A+B``) each entry is
    the probability of membership in that group.

    Returns
    -------
    pandas.DataFrame
        One row per appointee (the roster's index), one column per group; ``attrs["note"]`` says what
        was pooled or filled.
    """
    alts = group_alternatives(roster, by, scheme=scheme, hazarajat=hazarajat)
    if groups is None:
        groups = list(dict.fromkeys(g for a in alts for g in possible(a)))
    groups = list(groups)
    col = {g: j for j, g in enumerate(groups)}
    n = len(alts)
    known = np.array([len(a) == 1 for a in alts])
    notes = []
    if assumption == "population":
        if baseline_share is None:
            raise ValueError(f"assumption 'population' needs a baseline for by={by!r}")
        base = {g: float(baseline_share.get(g, 0.0)) for g in groups}
        shares_of = lambda i: _shares(base, groups)  # noqa: E731
    elif assumption in ("like_known", "priors"):
        member = np.zeros((n, len(groups)))
        for i, a in enumerate(alts):
            if len(a) == 1:
                for g in a[0]:
                    member[i, col[g]] = 1.0
        classes = roster["position_class"].astype(str).to_numpy() if "position_class" in roster.columns else \
            np.array(["all"] * n)
        pooled = member[known].mean(axis=0) if known.any() else np.full(len(groups), 1.0 / max(1, len(groups)))
        by_class = {}
        small = []
        for c in dict.fromkeys(classes):
            mask = known & (classes == c)
            if mask.sum() >= MIN_CLASS_KNOWN:
                by_class[c] = member[mask].mean(axis=0)
            else:
                by_class[c] = pooled
                if (~known & (classes == c)).any():
                    small.append(c)
        if small:
            notes.append(f"classes with fewer than {MIN_CLASS_KNOWN} known appointees pooled with all known: "
                         f"{', '.join(small)}")
        shares_of = lambda i: by_class[classes[i]]  # noqa: E731
    else:
        raise ValueError(f"no probability matrix for assumption {assumption!r}")
    prior = read_priors(priors, roster) if assumption == "priors" else {}
    if assumption == "priors":
        missing = [i for i in range(n) if not known[i] and i not in prior]
        if missing:
            notes.append(f"{len(missing)} appointee(s) of open tag without a prior follow like_known")
    plural = any(len(x) > 1 for a in alts for x in a)
    out = np.zeros((n, len(groups)))
    for i, a in enumerate(alts):
        if len(a) == 1:
            for g in a[0]:
                out[i, col[g]] = 1.0
            continue
        q = shares_of(i)
        if i in prior:
            dist = prior[i]
            bad = [g for g in dist if g not in col]
            if bad:
                raise ValueError(f"priors give {bad[0]!r}, which is not a group of by={by!r}; groups: "
                                 f"{', '.join(groups)}")
            q = np.array([dist.get(g, 0.0) for g in groups])
            rest = 1 - q.sum()
            if rest > 1e-9:  # what the expert leaves open follows like_known over the other groups
                q = q + rest * np.where(q > 0, 0.0, 1.0) / max(1, (q == 0).sum())
        if not a:  # unknown
            out[i] = q if not plural else q  # plural: q holds each group's membership rate
            continue
        # disputed: only the candidates (for plural alternatives, a group held in every alternative is certain)
        sure = definite(a)
        cands = [g for g in possible(a)]
        alt_w = np.array([np.mean([q[col[g]] for g in alt]) for alt in a])
        alt_w = alt_w / alt_w.sum() if alt_w.sum() > 0 else np.full(len(a), 1.0 / len(a))
        for w_alt, alt in zip(alt_w, a):
            for g in alt:
                out[i, col[g]] += w_alt
        for g in sure:
            out[i, col[g]] = 1.0
        del cands
    frame = pd.DataFrame(out, index=roster.index, columns=groups)
    frame.attrs["note"] = "; ".join(notes)
    frame.attrs["plural"] = plural
    return frame


def probability_none(p: np.ndarray) -> float:
    """Probability that none of independent appointees is in a group: the product of ``1 - p``."""
    return float(np.prod(1.0 - np.clip(np.asarray(p, dtype=float), 0.0, 1.0)))


def draw_counts(matrix: pd.DataFrame, n_draws: int = 100_000, seed: int = 0) -> np.ndarray:
    """Seeded Monte Carlo: counts per group in ``n_draws`` random resolutions of the unknowns.

    Each appointee's group is drawn from his row of the matrix (a categorical draw when the rows sum to 1,
    an independent draw per group under plural membership).

    Returns
    -------
    numpy.ndarray
        Shape ``(n_draws, n_groups)``.
    """
    rng = np.random.default_rng(seed)
    p = matrix.to_numpy(dtype=float)
    n, k = p.shape
    if matrix.attrs.get("plural"):
        counts = np.zeros((n_draws, k), dtype=np.int64)
        for j in range(k):
            counts[:, j] = (rng.random((n_draws, n)) < p[:, j]).sum(axis=1)
        return counts
    cum = np.cumsum(p, axis=1)
    cum[:, -1] = 1.0
    u = rng.random((n_draws, n))
    chosen = (u[:, :, None] > cum[None, :, :]).sum(axis=2)  # index of the group drawn, per draw and appointee
    offsets = np.arange(n_draws)[:, None] * k
    return np.bincount((chosen + offsets).ravel(), minlength=n_draws * k).reshape(n_draws, k)


class _PoissonBinomial:
    """A sum of independent Bernoulli variables: ``scipy.stats.poisson_binom`` on the open appointees.

    Appointees with probability 0 or 1 only shift the count; scipy's distribution takes at most 64 shape
    parameters, so beyond 64 open appointees the pmf is built by convolving the Bernoulli pmfs.
    """

    def __init__(self, p):
        p = np.clip(np.asarray(p, dtype=float), 0.0, 1.0)
        self.sure = int(np.sum(p >= 1.0))
        self.open = p[(p > 0.0) & (p < 1.0)]
        if len(self.open) == 0:
            core = np.ones(1)
        elif len(self.open) <= 64:
            from scipy import stats

            core = stats.poisson_binom(self.open).pmf(np.arange(len(self.open) + 1))
        else:
            core = np.ones(1)
            for q in self.open:
                core = np.convolve(core, [1 - q, q])
        self._pmf = np.concatenate([np.zeros(self.sure), core])
        self._cdf = np.cumsum(self._pmf)

    def pmf(self, k):
        k = np.asarray(k)
        return np.where((k >= 0) & (k < len(self._pmf)), self._pmf[np.clip(k, 0, len(self._pmf) - 1)], 0.0)

    def mean(self):
        return self.sure + float(self.open.sum())

    def ppf(self, q):
        return float(np.searchsorted(self._cdf, q - 1e-12))


def _count_distribution(p_column: np.ndarray):
    return _PoissonBinomial(p_column)


def estimates(roster: pd.DataFrame | None = None, by="region", *, assumptions=("bounds", "like_known", "population"),
              priors=None, baseline=None, scheme: str = "commentary", hazarajat: str = "core",
              level: float = LEVEL, method: str = "exact", n_draws: int = 100_000, seed: int = 0,
              home: str | None = None) -> pd.DataFrame:
    """Expected counts, intervals and probabilities per group under each assumption, beside the bounds.

    Parameters
    ----------
    roster : DataFrame, optional
        Default: the 33 of 7 September 2021.
    by, baseline, scheme, hazarajat, home
        As in :func:`cabinet.representation` (the first baseline block is used).
    assumptions : str or sequence of str
        Any of ``bounds``, ``like_known``, ``population``, ``priors`` (see the module docstring).
    priors : mapping, DataFrame or path, optional
        For ``priors``: see :func:`read_priors`.
    level : float
        Level of the interval of the count (default 0.90).
    method : {'exact', 'monte_carlo'}
        ``exact`` uses the Poisson-binomial distribution (``scipy.stats.poisson_binom``);
        ``monte_carlo`` draws ``n_draws`` resolutions with ``seed``.

    Returns
    -------
    pandas.DataFrame
        One row per group and assumption. Columns:

        - ``by``, ``group``, ``assumption``; ``count``, ``count_max``, ``n``: the bounds.
        - ``expected``: expected count under the assumption (NaN for ``bounds``).
        - ``interval_low``, ``interval_high``: the central ``level`` interval of the count (for
          ``bounds``: ``count`` and ``count_max``).
        - ``p_le_count``: the exact probability of a count this low under appointment in proportion to
          the baseline, averaged over the resolutions of the unknowns the assumption gives (for
          ``bounds``: NaN; see ``p_le_count`` and ``p_le_count_max`` of :func:`cabinet.representation`).
        - ``method``: ``exact``, ``monte_carlo`` or ``bounds``; ``baseline``: its label; ``note``: what
          was pooled or filled.

        Every estimate lies within the bounds.

    Examples
    --------
    >>> import pandas as pd
    >>> toy = pd.DataFrame({"name": list("abcd"), "party": ["Red", "Red", "Blue", "unknown"],
    ...                     "position_class": ["minister"] * 4})
    >>> t = estimates(toy, "party", assumptions="like_known")  # the unknown is Red with probability 2/3
    >>> round(float(t.loc[t.group == "Red", "expected"].iloc[0]), 4)
    2.6667
    """
    from scipy import stats

    from .roster_over_time import load_roster

    from .groupings import with_home

    roster = with_home(load_roster() if roster is None else roster, home)
    assumptions = _check_assumptions(assumptions)
    if method not in ("exact", "monte_carlo"):
        raise ValueError(f"unknown method {method!r}; allowed: exact, monte_carlo")
    if not 0 < level < 1:
        raise ValueError(f"level must lie between 0 and 1; got {level!r}")
    table = representation(roster, by, baseline=baseline, scheme=scheme, hazarajat=hazarajat, adjust=None)
    first = table[table["baseline"].fillna("").astype(str) == str(table["baseline"].fillna("").iloc[0])]
    rows = first[first["status"] == "group"].set_index("group")
    groups = list(rows.index)
    n = int(first["n"].iloc[0])
    base_share = rows["baseline_share"]
    label = str(first["baseline_label"].iloc[0] or "")
    has_base = base_share.notna().any()
    out = []
    for assumption in assumptions:
        if assumption == "bounds":
            for g in groups:
                out.append({"group": g, "assumption": "bounds", "expected": np.nan,
                            "interval_low": rows.at[g, "count"], "interval_high": rows.at[g, "count_max"],
                            "p_le_count": np.nan, "method": "bounds", "note": ""})
            continue
        if assumption == "population" and not has_base:
            for g in groups:
                out.append({"group": g, "assumption": assumption, "expected": np.nan, "interval_low": np.nan,
                            "interval_high": np.nan, "p_le_count": np.nan, "method": "",
                            "note": f"no population baseline for by={by!r}"})
            continue
        matrix = probability_matrix(roster, by, assumption, groups=groups, baseline_share=base_share.fillna(0),
                                    priors=priors, scheme=scheme, hazarajat=hazarajat)
        draws = draw_counts(matrix, n_draws, seed) if method == "monte_carlo" else None
        for j, g in enumerate(groups):
            support = np.arange(n + 1)
            if draws is None:
                dist = _count_distribution(matrix[g].to_numpy())
                pmf = dist.pmf(support)
                expected = float(dist.mean())
                lo, hi = dist.ppf((1 - level) / 2), dist.ppf(1 - (1 - level) / 2)
            else:
                pmf = np.bincount(draws[:, j], minlength=n + 1)[: n + 1] / n_draws
                expected = float(draws[:, j].mean())
                lo, hi = np.quantile(draws[:, j], [(1 - level) / 2, 1 - (1 - level) / 2], method="inverted_cdf")
            p = float(base_share.to_numpy(dtype=float)[j])
            p_le = float(np.sum(pmf * stats.binom.cdf(support, n, p))) if not np.isnan(p) else np.nan
            out.append({"group": g, "assumption": assumption, "expected": expected, "interval_low": float(lo),
                        "interval_high": float(hi), "p_le_count": p_le, "method": method,
                        "note": matrix.attrs.get("note", "")})
    frame = pd.DataFrame(out)
    frame.insert(0, "by", by if isinstance(by, str) else " × ".join(by))
    frame["count"] = frame["group"].map(rows["count"])
    frame["count_max"] = frame["group"].map(rows["count_max"])
    frame["n"] = n
    frame["baseline"] = label
    return frame[COLUMNS]


#: The named gaps :func:`gap_estimates` knows.
GAPS = ("west_southwest", "hazarajat", "helmandi_networks")


def gap_estimates(roster: pd.DataFrame | None = None, gap: str = "west_southwest", *,
                  assumptions=("bounds", "like_known", "population"), priors=None, hazarajat: str = "core",
                  home: str | None = None, level: float = LEVEL, method: str = "exact", n_draws: int = 100_000,
                  seed: int = 0) -> pd.DataFrame:
    """:func:`estimates` for one of the three named gaps: its target group against everyone else.

    Parameters
    ----------
    gap : {'west_southwest', 'hazarajat', 'helmandi_networks'}
        The gap of :func:`cabinet.west_southwest_gap` (West and Southwest together),
        :func:`cabinet.hazarajat_gap` or :func:`cabinet.helmandi_networks_gap` (both networks together).
    hazarajat, home
        As in the gap functions.
    Other parameters as in :func:`estimates`.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`estimates`, with ``gap`` first; rows for the target group and ``outside``.

    Examples
    --------
    >>> t = gap_estimates(gap="hazarajat", assumptions=["bounds", "population"])
    >>> t[t.group == "Hazarajat"][["assumption", "interval_low", "interval_high"]].values.tolist()
    [['bounds', 0.0, 9.0], ['population', 0.0, 1.0]]
    """
    from .baselines import geographic_baseline
    from .gaps import HELMANDI_NETWORKS, OUTSIDE, _membership, helmandi_tags, west_southwest_gap  # noqa: F401
    from .groupings import require_afghan, with_home
    from .roster_over_time import load_roster
    from .regions import HAZARAJAT
    from .tags import parse_tag

    roster = with_home(load_roster() if roster is None else roster, home)
    if gap not in GAPS:
        from .groupings import suggest

        raise ValueError(f"unknown gap {gap!r}{suggest(gap, GAPS)}; allowed: {', '.join(GAPS)}")
    if gap == "helmandi_networks" and roster is not None:
        from .rosters import refuse_republic

        refuse_republic(roster, "gap_estimates(gap='helmandi_networks')")
    kw = dict(assumptions=assumptions, priors=priors, level=level, method=method, n_draws=n_draws, seed=seed)
    if gap == "hazarajat":
        require_afghan(roster, ["province"], "gap_estimates")
        t = estimates(roster, "hazarajat", hazarajat=hazarajat, **kw)
        t["group"] = t["group"].replace({"outside Hazarajat": OUTSIDE})
        target = HAZARAJAT
    elif gap == "west_southwest":
        require_afghan(roster, ["province"], "gap_estimates")
        target = "West and Southwest"
        alts = group_alternatives(roster, "region", scheme="commentary")
        share = float(geographic_baseline("region", scheme="commentary").share[["West", "Southwest"]].sum())
        frame = roster.assign(_gap=[_membership(a, ["West", "Southwest"], target) for a in alts])
        t = estimates(frame, "_gap", baseline={target: share, OUTSIDE: 1 - share}, **kw)
    else:
        require_afghan(roster, ["network", "province"], "gap_estimates")
        target = "Helmandi networks"
        frame = roster.assign(_gap=[_membership(parse_tag(v), HELMANDI_NETWORKS, target) if v != "unknown" else v
                                    for v in helmandi_tags(roster)])
        share = float(geographic_baseline("province").share["Helmand"])
        t = estimates(frame, "_gap", baseline={target: share, OUTSIDE: 1 - share}, **kw)
    t["by"] = gap
    t.insert(0, "gap", gap)
    order = {target: 0, OUTSIDE: 1}
    return t.sort_values(["assumption", "group"], key=lambda s: s.map(order) if s.name == "group" else
                         s.map({a: i for i, a in enumerate(ASSUMPTIONS)}), kind="stable").reset_index(drop=True)
