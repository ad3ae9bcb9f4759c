"""The open tags of a roster under one assumption: who is known, who is open, and how an open tag is drawn.

:func:`build_model` reads a roster's alternatives for one grouping and gives each appointee one of
three laws:

- **sure**: his tag is known (one alternative);
- **fixed**: he is drawn among his candidates from fixed shares, independently of everyone else
  (``population``: the baseline's shares, a disputed home weighted by the population of the
  candidate *provinces*; ``priors``: the expert's probabilities);
- **source**: he is drawn from the posterior predictive of the known appointees of his source (his
  position class, or all known appointees when the class has fewer than
  :data:`cabinet.assumptions.MIN_CLASS_KNOWN` known), jointly with the other open appointees of the
  source (:mod:`cabinet.predictive`): ``like_known``, and ``priors`` for the people the priors do not
  mention.

:class:`OpenModel` then gives the exact distribution of how many appointees land in a set of groups
(:meth:`OpenModel.pmf`, each appointee with his own set if need be), each appointee's marginal
probabilities (:meth:`OpenModel.marginals`), and seeded Monte Carlo draws of the whole roster
(:meth:`OpenModel.draw`).

Groupings with plural membership (``A+B``: two networks) are read one target at a time: an appointee
is in the target if any group he holds is, and under ``like_known`` the share of the target in a
source has the prior Beta(alpha, alpha).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .predictive import DEFAULT_PRIOR, TooManyStates, _betabinom, _PoissonBinomial, draw_urn, prior_alpha, prior_label, urn_pmf
from .tags import definite, parse_tag, possible
from .group_counts import group_alternatives

__all__ = ["OpenModel", "build_model", "province_weights"]

#: A position class with fewer known appointees than this is pooled with all known appointees.
MIN_CLASS_KNOWN = 5
_POOLED = "(all known appointees)"


@dataclass
class OpenModel:
    """The roster's appointees under one assumption (see the module docstring)."""

    groups: list[str]
    alternatives: list
    plural: bool
    law: list[str]  # per person: "sure", "fixed" or "source"
    allowed: list[np.ndarray]  # per person: candidate groups (all True for unknown)
    fixed: dict[int, np.ndarray]  # exclusive: shares over groups; plural: membership rates (unknown)
    fixed_alts: dict[int, list[tuple[float, tuple[str, ...]]]]  # plural disputed: weighted alternatives
    source_of: dict[int, str]
    known_of: dict[str, np.ndarray]  # source -> membership matrix of its known appointees (rows x groups)
    alpha: float
    prior: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.alternatives)

    @property
    def note(self) -> str:
        return "; ".join(self.notes)

    def _mask(self, groups) -> np.ndarray:
        wanted = set(groups)
        return np.array([g in wanted for g in self.groups], dtype=bool)

    def _hits(self, hit) -> list[np.ndarray]:
        """Per person, the boolean mask of the groups he counts in."""
        if isinstance(hit, np.ndarray) and hit.ndim == 1 and hit.dtype == bool:
            return [hit] * self.n
        if isinstance(hit, (set, frozenset)) or (isinstance(hit, (list, tuple))
                                                  and all(isinstance(g, str) for g in hit)):
            mask = self._mask(hit)  # one collection of group names: everyone's target
            return [mask] * self.n
        return [h if isinstance(h, np.ndarray) else self._mask(h) for h in hit]

    def _sure_hit(self, i: int, h: np.ndarray) -> bool:
        return bool(any(h[self.groups.index(g)] for g in self.alternatives[i][0]))

    def _plural_status(self, i: int, h: np.ndarray):
        """Plural reading: 1 if every alternative has a group in the target, 0 if none has, None if open."""
        alts = self.alternatives[i]
        if not alts:
            return None
        inside = [any(h[self.groups.index(g)] for g in alt) for alt in alts]
        return 1 if all(inside) else (0 if not any(inside) else None)

    def _fixed_p(self, i: int, h: np.ndarray) -> float:
        if not self.plural:
            return float(self.fixed[i][h].sum())
        if i in self.fixed_alts:
            return float(sum(w for w, alt in self.fixed_alts[i] if any(h[self.groups.index(g)] for g in alt)))
        return float(min(1.0, self.fixed[i][h].sum()))

    def pmf(self, hit) -> np.ndarray:
        """Exact distribution of the number of appointees in their hit groups (``pmf[c]``, c = 0 .. n).

        ``hit`` is a collection of group names (everyone's target), a boolean mask over :attr:`groups`,
        or a list of one such mask (or collection) per appointee.

        Raises
        ------
        TooManyStates
            When the exact sum over the joint predictive would be too long (use :meth:`draw`).
        """
        hits = self._hits(hit)
        shift, fixed_p = 0, []
        by_source: dict[str, list[int]] = {}
        for i in range(self.n):
            if self.law[i] == "sure":
                shift += self._sure_hit(i, hits[i]) if not self.plural else self._plural_status(i, hits[i]) == 1
            elif self.law[i] == "fixed":
                status = self._plural_status(i, hits[i]) if self.plural else None
                if status is not None:
                    shift += status
                else:
                    fixed_p.append(self._fixed_p(i, hits[i]))
            else:
                by_source.setdefault(self.source_of[i], []).append(i)
        out = np.zeros(shift + 1)
        out[shift] = 1.0
        if fixed_p:
            pb = _PoissonBinomial(np.array(fixed_p))
            out = np.convolve(out, pb.pmf(np.arange(len(fixed_p) + 1)))
        for s, people in by_source.items():
            out = np.convolve(out, self._source_pmf(s, people, hits))
        full = np.zeros(self.n + 1)
        full[: min(len(out), self.n + 1)] = out[: self.n + 1]
        return full

    def _source_pmf(self, s: str, people: list[int], hits: list[np.ndarray]) -> np.ndarray:
        known = self.known_of[s]
        if not self.plural:
            beta = self.alpha + known.sum(axis=0)
            return urn_pmf(beta, [self.allowed[i] for i in people], [hits[i] for i in people])
        # plural: one target; a person is in it if any group he holds is (one with no target never counts, and an
        # open tag informs no share here, so he drops out)
        people = [i for i in people if hits[i].any()]
        if not people:
            return np.ones(1)
        targets = {hits[i].tobytes() for i in people}
        if len(targets) > 1:
            raise NotImplementedError("plural tags with a different target per appointee")
        h = hits[people[0]]
        inside = int((known[:, h].any(axis=1)).sum()) if len(known) else 0
        a, b = self.alpha + inside, self.alpha + (len(known) - inside)
        sure = sum(self._plural_status(i, h) == 1 for i in people)
        m = sum(self._plural_status(i, h) is None for i in people)
        part = np.zeros(sure + 1)
        part[sure] = 1.0
        return np.convolve(part, _betabinom(m, a, b))

    def probability_none(self, hit) -> float:
        """Probability that no appointee lands in his hit groups (exact)."""
        return float(self.pmf(hit)[0])

    def marginals(self) -> pd.DataFrame:
        """Each appointee's probability of each group (rows sum to 1 for a tag of one group per person)."""
        out = np.zeros((self.n, len(self.groups)))
        by_source: dict[str, list[int]] = {}
        for i in range(self.n):
            if self.law[i] == "sure":
                for g in self.alternatives[i][0]:
                    out[i, self.groups.index(g)] = 1.0
            elif self.law[i] == "fixed":
                if not self.plural:
                    out[i] = self.fixed[i]
                elif i in self.fixed_alts:
                    for w, alt in self.fixed_alts[i]:
                        for g in alt:
                            out[i, self.groups.index(g)] += w
                    for g in definite(self.alternatives[i]):
                        out[i, self.groups.index(g)] = 1.0
                else:
                    out[i] = self.fixed[i]
            else:
                by_source.setdefault(self.source_of[i], []).append(i)
        none = np.zeros(len(self.groups), dtype=bool)
        for s, people in by_source.items():
            done: dict[tuple, np.ndarray] = {}
            for i in people:
                key = self.alternatives[i]  # two people with the same alternatives in one source are exchangeable
                if key not in done:
                    row = np.zeros(len(self.groups))
                    for j in np.flatnonzero(self.allowed[i]):
                        if self.plural:
                            h = np.zeros(len(self.groups), dtype=bool)
                            h[j] = True
                            status = self._plural_status(i, h)
                            row[j] = status if status is not None else self._source_pmf(s, [i], [h] * self.n)[1]
                            continue
                        hits = [none] * self.n
                        hits[i] = np.arange(len(self.groups)) == j
                        row[j] = urn_pmf(self.alpha + self.known_of[s].sum(axis=0), [self.allowed[p] for p in people],
                                         [hits[p] for p in people])[1]
                    done[key] = row
                out[i] = done[key]
        return pd.DataFrame(out, columns=self.groups)

    def draw_hits(self, hit, n_draws: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
        """Seeded Monte Carlo of the count :meth:`pmf` gives exactly: counts ``(n_draws,)`` and weights."""
        hits = self._hits(hit)
        if not self.plural:
            chosen, weights = self.draw(n_draws, seed)
            targets = np.stack(hits, axis=0)  # person x group
            return targets[np.arange(self.n)[None, :], chosen].sum(axis=1), weights
        rng = np.random.default_rng(seed)
        count = np.zeros(n_draws, dtype=np.int64)
        by_source: dict[str, list[int]] = {}
        for i in range(self.n):
            status = self._plural_status(i, hits[i]) if self.law[i] != "sure" else int(self._plural_status(i, hits[i]) == 1)
            if status is not None:
                count += int(status)
            elif self.law[i] == "fixed":
                count += rng.random(n_draws) < self._fixed_p(i, hits[i])
            else:
                by_source.setdefault(self.source_of[i], []).append(i)
        for s, people in by_source.items():
            people = [i for i in people if hits[i].any()]  # as in pmf: no target, no count
            if len({hits[i].tobytes() for i in people}) > 1:
                raise NotImplementedError("plural tags with a different target per appointee")
            known, h = self.known_of[s], hits[people[0]]
            inside = int(known[:, h].any(axis=1).sum()) if len(known) else 0
            theta = rng.beta(self.alpha + inside, self.alpha + len(known) - inside, size=n_draws)
            count += rng.binomial(len(people), theta)
        return count, np.ones(n_draws)

    def draw(self, n_draws: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
        """Seeded Monte Carlo of the whole roster: group index ``(n_draws, n)`` and importance weights.

        Only for groupings of one group per person. Weighted averages over the draws estimate what
        :meth:`pmf` computes exactly (see :func:`cabinet.predictive.draw_urn`).
        """
        if self.plural:
            raise NotImplementedError("Monte Carlo draws of plural tags")
        rng = np.random.default_rng(seed)
        chosen = np.zeros((n_draws, self.n), dtype=np.int64)
        weights = np.ones(n_draws)
        by_source: dict[str, list[int]] = {}
        for i in range(self.n):
            if self.law[i] == "sure":
                chosen[:, i] = self.groups.index(self.alternatives[i][0][0])
            elif self.law[i] == "fixed":
                cum = np.cumsum(self.fixed[i])
                cum[-1] = 1.0
                chosen[:, i] = np.minimum(np.searchsorted(cum, rng.random(n_draws), side="right"),
                                          int(np.flatnonzero(self.fixed[i] > 0).max()))
            else:
                by_source.setdefault(self.source_of[i], []).append(i)
        for s, people in by_source.items():
            z, w = draw_urn(self.alpha + self.known_of[s].sum(axis=0), [self.allowed[i] for i in people], n_draws, rng)
            chosen[:, people] = z
            weights *= w
        return chosen, weights


def province_weights(roster: pd.DataFrame, by, population: pd.Series, *, scheme: str = "commentary",
                     hazarajat: str = "core") -> dict[int, list[tuple[float, tuple[str, ...]]]]:
    """For each appointee whose home province is disputed: his group alternatives weighted by the
    population of the candidate provinces (a birthplace in Helmand or Kandahar is Helmand with
    probability pop(Helmand) / (pop(Helmand) + pop(Kandahar))).

    A candidate that is a set of provinces (``Helmand+Paktia``) weighs the mean of their populations; a
    candidate province the population table does not hold (abroad) leaves the appointee out (he is
    then weighted by his candidate groups' shares).

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.DataFrame({"province": ["Helmand|Kandahar"], "district": ["unknown"]})
    >>> w = province_weights(r, "region", pd.Series({"Helmand": 1.0, "Kandahar": 3.0}))
    >>> w[0]
    [(0.25, ('Southwest',)), (0.75, ('South',))]
    """
    if "province" not in roster.columns:
        return {}
    out: dict[int, list[tuple[float, tuple[str, ...]]]] = {}
    rows, owners, weights = [], [], []
    for i, cell in enumerate(roster["province"].astype(str)):
        alts = parse_tag(cell)
        if len(alts) < 2 or any(p not in population.index for alt in alts for p in alt):
            continue
        for alt in alts:
            row = {"province": "+".join(alt)}
            if "district" in roster.columns:
                row["district"] = roster["district"].iloc[i]
            rows.append(row)
            owners.append(i)
            weights.append(float(np.mean([population[p] for p in alt])))
    if not rows:
        return {}
    mapped = group_alternatives(pd.DataFrame(rows), by, scheme=scheme, hazarajat=hazarajat)
    for i, w, alts in zip(owners, weights, mapped):
        entry = out.setdefault(i, [])
        for alt in alts:  # a province whose districts decide the group splits its weight evenly
            entry.append((w / len(alts), tuple(alt)))
    for i, entry in out.items():
        merged: dict[tuple[str, ...], float] = {}
        for w, alt in entry:
            merged[alt] = merged.get(alt, 0.0) + w
        total = sum(merged.values())
        out[i] = [(w / total, alt) for alt, w in merged.items()] if total > 0 else []
    return {i: e for i, e in out.items() if e}


def build_model(roster: pd.DataFrame, by, assumption: str, *, groups=None, alternatives=None, baseline_share=None,
                province_share=None, priors=None, prior=DEFAULT_PRIOR, scheme: str = "commentary",
                hazarajat: str = "core") -> OpenModel:
    """The :class:`OpenModel` of ``roster`` grouped ``by`` under ``assumption``.

    Parameters
    ----------
    groups : sequence of str, optional
        Every group an open tag can take (default: the groups the alternatives name); groups the
        alternatives name are added.
    alternatives : list, optional
        The alternatives of every appointee (default: :func:`cabinet.group_counts.group_alternatives`).
    baseline_share : mapping or Series, optional
        For ``population``: the share of each group.
    province_share : Series, optional
        For ``population``: population by province, to weigh a disputed home (see :func:`province_weights`).
    priors : dict, optional
        For ``priors``: ``{row position: {group: probability}}`` (:func:`cabinet.priors.read_priors`).
    prior : str or float
        The Dirichlet prior of ``like_known`` (:func:`cabinet.predictive.prior_alpha`).
    """
    alts = list(alternatives) if alternatives is not None else group_alternatives(roster, by, scheme=scheme,
                                                                                   hazarajat=hazarajat)
    groups = list(dict.fromkeys(list(groups or []) + [g for a in alts for g in possible(a)]))
    k = len(groups)
    col = {g: j for j, g in enumerate(groups)}
    n = len(alts)
    plural = any(len(x) > 1 for a in alts for x in a)
    alpha = prior_alpha(prior)
    known = [len(a) == 1 for a in alts]
    notes: list[str] = []
    law = ["sure" if known[i] else "" for i in range(n)]
    allowed = []
    for a in alts:
        mask = np.zeros(k, dtype=bool)
        for g in (possible(a) if a else groups):
            mask[col[g]] = True
        allowed.append(mask)
    membership = np.zeros((n, k), dtype=bool)
    for i, a in enumerate(alts):
        if len(a) == 1:
            for g in a[0]:
                membership[i, col[g]] = True
    classes = (roster["position_class"].astype(str).to_numpy() if "position_class" in roster.columns
               else np.array(["all"] * n))
    source_of: dict[int, str] = {}
    known_of: dict[str, np.ndarray] = {_POOLED: membership[np.array(known, dtype=bool)] if n else membership}
    for c in dict.fromkeys(classes):
        mask = np.array(known, dtype=bool) & (classes == c)
        if mask.sum() >= MIN_CLASS_KNOWN:
            known_of[c] = membership[mask]
    fixed: dict[int, np.ndarray] = {}
    fixed_alts: dict[int, list[tuple[float, tuple[str, ...]]]] = {}

    def source(i: int) -> str:
        return classes[i] if classes[i] in known_of else _POOLED

    def predictive_mean(i: int) -> np.ndarray:
        counts = known_of[source(i)].sum(axis=0)
        if plural:
            return (alpha + counts) / (2 * alpha + len(known_of[source(i)]))
        return (alpha + counts) / (k * alpha + counts.sum())

    if assumption == "population":
        if baseline_share is None:
            raise ValueError(f"assumption 'population' needs a baseline for by={by!r}")
        base = np.array([max(0.0, float(pd.Series(baseline_share).get(g, 0.0))) for g in groups])
        weighted = province_weights(roster, by, province_share, scheme=scheme, hazarajat=hazarajat) \
            if province_share is not None and isinstance(by, (str, list)) and _from_province(by) else {}
        for i, a in enumerate(alts):
            if known[i]:
                continue
            law[i] = "fixed"
            if i in weighted:
                if plural:
                    fixed_alts[i] = weighted[i]
                    continue
                q = np.zeros(k)
                for w, alt in weighted[i]:
                    q[col[alt[0]]] += w
                fixed[i] = q
            elif plural and a:
                alt_w = np.array([np.mean([base[col[g]] for g in alt]) for alt in a])
                alt_w = alt_w / alt_w.sum() if alt_w.sum() > 0 else np.full(len(a), 1.0 / len(a))
                fixed_alts[i] = list(zip(alt_w.tolist(), a))
            else:
                q = base * allowed[i]
                fixed[i] = q / q.sum() if q.sum() > 0 else allowed[i] / allowed[i].sum()
                if plural:
                    fixed[i] = base.copy()  # membership rates of an unknown
    elif assumption in ("like_known", "priors"):
        given = priors or {}
        if assumption == "priors":
            open_without = [i for i in range(n) if not known[i] and i not in given]
            if open_without:
                notes.append(f"{len(open_without)} appointee(s) of open tag without a prior follow like_known")
        for i, a in enumerate(alts):
            if known[i]:
                continue
            if assumption == "priors" and i in given:
                dist = given[i]
                bad = [g for g in dist if g not in col]
                if bad:
                    raise ValueError(f"priors give {bad[0]!r}, which is not a group of by={by!r}; groups: "
                                     f"{', '.join(groups)}")
                q = np.array([dist.get(g, 0.0) for g in groups])
                rest = 1.0 - q.sum()
                if rest > 1e-9:  # what the expert leaves open follows like_known over the groups he does not name
                    spread = predictive_mean(i) * (q == 0)
                    q = q + rest * (spread / spread.sum() if spread.sum() > 0 else (q == 0) / max(1, (q == 0).sum()))
                law[i] = "fixed"
                if plural:
                    if a:
                        alt_w = np.array([np.mean([q[col[g]] for g in alt]) for alt in a])
                        alt_w = alt_w / alt_w.sum() if alt_w.sum() > 0 else np.full(len(a), 1.0 / len(a))
                        fixed_alts[i] = list(zip(alt_w.tolist(), a))
                    else:
                        fixed[i] = q
                else:
                    q = q * allowed[i]
                    fixed[i] = q / q.sum() if q.sum() > 0 else allowed[i] / allowed[i].sum()
                continue
            law[i] = "source"
            source_of[i] = source(i)
        small = list(dict.fromkeys(classes[i] for i in source_of if source_of[i] == _POOLED))
        if small:
            notes.append(f"classes with fewer than {MIN_CLASS_KNOWN} known appointees pooled with all known: "
                         f"{', '.join(small)}")
    else:
        raise ValueError(f"no probability model for assumption {assumption!r}")
    label = prior_label(prior, 2 if plural else k) if assumption in ("like_known", "priors") else ""
    if plural and label:
        label += " on each group's share"
    return OpenModel(groups, alts, plural, law, allowed, fixed, fixed_alts, source_of, known_of, alpha, label, notes)


def _from_province(by) -> bool:
    """True for groupings derived from the home province (where a disputed home has candidate provinces)."""
    parts = by if isinstance(by, list) else [by]
    return all(p in ("province", "region", "hazarajat") for p in parts)


__all__ += ["MIN_CLASS_KNOWN", "TooManyStates"]
