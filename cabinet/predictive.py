"""The posterior predictive of open tags: what the known appointees say about the unknown ones.

Under the ``like_known`` assumption (:mod:`cabinet.assumptions`) the group shares ``theta`` of a
source of appointees (a position class, or all known appointees) are unknown. The prior is a
Dirichlet distribution with the same concentration ``alpha`` on each of the ``K`` groups of the
grouping: by default Jeffreys' prior, ``alpha = 1/2`` (Beta(1/2, 1/2) for two groups; Jeffreys
1946), or the uniform prior, ``alpha = 1`` (Bayes-Laplace), or any positive ``alpha`` the user
states. The known appointees of the source update it to Dirichlet(``alpha + n_1, ..., alpha + n_K``)
(``n_g`` known appointees in group ``g``), and the open appointees of the source are drawn *jointly*
from the posterior predictive: a Pólya urn, whose counts are Dirichlet-multinomial (Gelman et al.,
*Bayesian Data Analysis*, 3rd ed., 2013, sec. 2.1, 3.4 and ch. 23). The first open appointee is in group
``g`` with probability ``(alpha + n_g) / (K alpha + N)``, strictly between 0 and 1 whatever the
known appointees show; each draw then adds to the urn, so two unknown appointees of one class are
not independent.

A disputed appointee (sources name several candidates) is in one of his candidate groups: that is an
observation, and it enters as a condition on the urn. The probability of an event is then the
probability of the event and of every disputed appointee landing among his candidates, over the
probability of the latter: both are sums over a Pólya urn, computed exactly by
:func:`urn_pmf`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from fractions import Fraction
from numbers import Real

import numpy as np

__all__ = ["PRIORS", "DEFAULT_PRIOR", "prior_alpha", "prior_label", "prior_words", "urn_pmf", "draw_urn",
           "TooManyStates"]

#: Named priors: the concentration ``alpha`` of the symmetric Dirichlet prior on each group.
PRIORS = {"jeffreys": 0.5, "uniform": 1.0}
#: The prior the package uses unless told otherwise.
DEFAULT_PRIOR = "jeffreys"
#: The exact computation gives up (and the caller falls back to seeded Monte Carlo) beyond this many states.
MAX_STATES = 200_000


class TooManyStates(RuntimeError):
    """The exact sum over the urn would visit more than :data:`MAX_STATES` states."""


def prior_alpha(prior=DEFAULT_PRIOR) -> float:
    """The concentration ``alpha`` of a prior given by name (``jeffreys``, ``uniform``) or as a number.

    Examples
    --------
    >>> prior_alpha("jeffreys"), prior_alpha("uniform"), prior_alpha(0.25)
    (0.5, 1.0, 0.25)
    """
    if isinstance(prior, str):
        key = prior.strip().lower()
        if key in PRIORS:
            return PRIORS[key]
        try:
            value = float(key)
        except ValueError:
            raise ValueError(f"unknown prior {prior!r}; allowed: {', '.join(PRIORS)}, or a positive number "
                             "(the Dirichlet concentration on each group)") from None
    elif isinstance(prior, Real) and not isinstance(prior, bool):
        value = float(prior)
    else:
        raise ValueError(f"unknown prior {prior!r}; allowed: {', '.join(PRIORS)}, or a positive number")
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"the prior's concentration must be a positive number; got {prior!r}")
    return value


def _fraction(alpha: float) -> str:
    f = Fraction(alpha).limit_denominator(100)
    return str(f) if abs(float(f) - alpha) < 1e-12 else f"{alpha:g}"


def prior_label(prior, k: int) -> str:
    """The prior in words, as every output names it.

    Examples
    --------
    >>> prior_label("jeffreys", 2)
    "Jeffreys' prior Beta(1/2, 1/2)"
    >>> prior_label("jeffreys", 6)
    "Jeffreys' prior Dirichlet(1/2, ..., 1/2) over 6 groups"
    >>> prior_label(1, 3)
    'uniform prior Dirichlet(1, ..., 1) over 3 groups'
    """
    alpha = prior_alpha(prior)
    name = {0.5: "Jeffreys' prior ", 1.0: "uniform prior "}.get(alpha, "prior ")
    a = _fraction(alpha)
    if k == 2:
        return f"{name}Beta({a}, {a})"
    return f"{name}Dirichlet({a}, ..., {a}) over {k} groups"


def prior_words(prior=DEFAULT_PRIOR) -> str:
    """The prior in a few words, whatever the number of groups.

    Examples
    --------
    >>> prior_words("jeffreys"), prior_words(2)
    ("Jeffreys' prior (1/2 on each group)", 'a Dirichlet prior (2 on each group)')
    """
    alpha = prior_alpha(prior)
    name = {0.5: "Jeffreys' prior", 1.0: "the uniform prior"}.get(alpha, "a Dirichlet prior")
    return f"{name} ({_fraction(alpha)} on each group)"


def _betabinom(m: int, a: float, b: float) -> np.ndarray:
    """pmf of BetaBinomial(m, a, b) over 0..m (a point mass where one weight is 0)."""
    out = np.zeros(m + 1)
    if a <= 0:
        out[0] = 1.0
        return out
    if b <= 0:
        out[m] = 1.0
        return out
    from scipy import stats

    return stats.betabinom.pmf(np.arange(m + 1), m, a, b)


def urn_pmf(beta, allowed, hits) -> np.ndarray:
    """Exact pmf of the number of people whose group lies in their hit set, from a Pólya urn.

    Parameters
    ----------
    beta : array of K positive floats
        The urn's initial weights (the posterior Dirichlet parameters).
    allowed : sequence of boolean arrays of length K
        Each person's candidate groups (all True for an unknown person).
    hits : sequence of boolean arrays of length K
        The groups in which each person counts (a person can have his own).

    Returns
    -------
    numpy.ndarray
        ``pmf[c]`` for ``c = 0 .. len(allowed)``: the probability that ``c`` people land in their hit
        set, given that everyone lands among his candidates.

    Raises
    ------
    TooManyStates
        When the exact sum would visit more than :data:`MAX_STATES` states.

    Notes
    -----
    The people whose candidates are every group and who share one hit set (the bulk, in practice the
    unknown appointees) are summed in closed form: given the urn after the others, their count is
    beta-binomial. The others are summed state by state, a state being the number of draws that went
    to each *atom* (the groups no candidate or hit set tells apart).

    Examples
    --------
    >>> import numpy as np
    >>> everyone = np.ones(2, dtype=bool)
    >>> urn_pmf([0.5, 0.5], [everyone] * 2, [np.array([True, False])] * 2).round(4).tolist()
    [0.375, 0.25, 0.375]
    """
    beta = np.asarray(beta, dtype=float)
    k = len(beta)
    allowed = [np.asarray(a, dtype=bool) for a in allowed]
    hits = [np.asarray(h, dtype=bool) & a for h, a in zip(hits, allowed)]
    n = len(allowed)
    free = [i for i in range(n) if allowed[i].all()]
    common = Counter(hits[i].tobytes() for i in free).most_common(1)
    bulk_key = common[0][0] if common else None
    bulk = [i for i in free if hits[i].tobytes() == bulk_key]
    in_bulk = set(bulk)
    rest = [i for i in range(n) if i not in in_bulk]
    bulk_hit = hits[bulk[0]] if bulk else np.zeros(k, dtype=bool)
    sets = [allowed[i] for i in rest] + [hits[i] for i in rest] + [bulk_hit]
    _, atom_of = np.unique(np.stack(sets, axis=1), axis=0, return_inverse=True)
    atom_of = np.asarray(atom_of).ravel()
    n_atoms = int(atom_of.max()) + 1
    atom_beta = np.bincount(atom_of, weights=beta, minlength=n_atoms)
    beta0 = float(beta.sum())

    def atoms(mask):
        return sorted({int(a) for a in atom_of[mask]})

    states: dict[tuple[tuple[int, ...], int], float] = {((0,) * n_atoms, 0): 1.0}
    for t, i in enumerate(rest):
        hit_atoms = set(atoms(hits[i]))
        moves = [(a, int(a in hit_atoms)) for a in atoms(allowed[i])]
        new: dict[tuple[tuple[int, ...], int], float] = defaultdict(float)
        for (counts, h), p in states.items():
            for a, hit in moves:
                q = p * (atom_beta[a] + counts[a]) / (beta0 + t)
                if q > 0.0:
                    c = list(counts)
                    c[a] += 1
                    new[(tuple(c), h + hit)] += q
        states = new
        if len(states) > MAX_STATES:
            raise TooManyStates(f"more than {MAX_STATES} states")
    z = sum(states.values())
    pmf = np.zeros(n + 1)
    m, t = len(bulk), len(rest)
    target = atoms(bulk_hit)
    cache: dict[int, np.ndarray] = {}
    for (counts, h), p in states.items():
        if m == 0:
            pmf[h] += p
            continue
        s = sum(counts[a] for a in target)
        if s not in cache:
            a_t = sum(atom_beta[a] for a in target) + s
            cache[s] = _betabinom(m, a_t, beta0 + t - a_t)
        pmf[h:h + m + 1] += p * cache[s]
    return pmf / z


def draw_urn(beta, allowed, n_draws: int, rng) -> tuple[np.ndarray, np.ndarray]:
    """Seeded Monte Carlo of the same urn: group indices ``(n_draws, people)`` and importance weights.

    The shares are drawn from Dirichlet(``beta``), each person's group from the shares restricted to
    his candidates, and each draw weighs the probability that everyone landed among his candidates
    (self-normalised importance sampling: weighted averages over the draws estimate the conditional
    probabilities :func:`urn_pmf` computes exactly).
    """
    beta = np.asarray(beta, dtype=float)
    theta = rng.dirichlet(beta, size=n_draws)
    weights = np.ones(n_draws)
    chosen = np.zeros((n_draws, len(allowed)), dtype=np.int64)
    for j, a in enumerate(allowed):
        a = np.asarray(a, dtype=bool)
        restricted = theta * a
        mass = restricted.sum(axis=1)
        weights *= mass
        cum = np.cumsum(restricted, axis=1) / np.where(mass > 0, mass, 1.0)[:, None]
        cum[:, -1] = 1.0
        u = rng.random(n_draws)
        chosen[:, j] = (u[:, None] > cum).sum(axis=1)
    return chosen, weights


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

    def pmf(self, k):
        k = np.asarray(k)
        return np.where((k >= 0) & (k < len(self._pmf)), self._pmf[np.clip(k, 0, len(self._pmf) - 1)], 0.0)

    def mean(self):
        return self.sure + float(self.open.sum())
