"""The range of every disproportionality index over the ways the unknown and disputed tags can be settled.

Each appointee holds one post: in his one known group, in any of his groups
when his tag is disputed or plural, in any group when it is unknown.
:func:`index_range` gives each index's smallest and largest value over every
such cabinet; :func:`cabinet.disproportionality` reports them.

How the range is found (``range_method``):

- ``enumeration``: every attainable vector of seat counts is listed (the
  appointees with the same candidate groups are interchangeable, so the
  vectors are the sums of the ways each such class can split) when there
  are at most :data:`RANGE_LIMIT` of them, and the index computed on each.
  Exact.
- ``vertices and greedy``: otherwise, for each way of settling the disputes,
  the unknown appointees are placed by two exact rules. The largest value of
  an index that is convex in the seat counts (Loosemore-Hanby, Gallagher,
  Rae, Sainte-Laguë, D'Hondt, Lijphart, and the sum of squared shares behind
  the effective number) lies at a vertex of the set of attainable cabinets:
  every unknown in one group. The smallest value of an index that is a sum
  of convex terms, one per group (Loosemore-Hanby, Rae, Gallagher,
  Sainte-Laguë, the sum of squares), is reached by placing the unknowns one
  at a time where the index grows least (marginal allocation, exact for
  separable convex objectives: Gross 1956, Fox 1966); for the two indices
  that are a largest term (D'Hondt, Lijphart) by placing each where the
  term after it is smallest. The effective number is one over the sum of
  squared shares: its smallest value at a vertex, its largest by marginal
  allocation on the sum of squares; Rose's index is one less
  Loosemore-Hanby. Exact, and checked against enumeration by the tests.
- ``search``: Golosov's index, which is neither, and any case with too many
  ways of settling the disputes to list them: the best of the vertices, the
  greedy placements and a local search that moves one appointee at a time.
  The true range can be wider than a search finds.
"""

from __future__ import annotations

import math

import numpy as np

from .null_distributions import _INDEX_NAMES, _compositions, _statistics_matrix

__all__ = ["index_range", "RANGE_LIMIT"]

#: Largest number of attainable seat-count vectors listed one by one for the range of an index.
RANGE_LIMIT = 500_000

#: Ways of settling the disputes listed in full before the search samples them.
_DISPUTE_LIMIT = 5_000

# indices convex in the seat counts (largest value at a vertex) whose smallest value an exact greedy rule finds;
# the effective number (1 / sum of squares) too, the other way round, and Rose mirrors Loosemore-Hanby
_CONVEX = {"loosemore_hanby", "gallagher", "rae", "sainte_lague", "dhondt", "lijphart"}


# --- who may hold which seat --------------------------------------------------------------------------------


def _seat_classes(candidates: list, k: int) -> tuple[np.ndarray, dict, int]:
    """``(fixed, classes, n_unknown)``: the seats of the appointees of one known group, the others by their groups.

    ``candidates`` holds per appointee a tuple of group positions: one (known), several (disputed or
    plural), ``()`` unknown (any group). ``classes`` maps a tuple of positions to how many appointees
    may hold their seat in exactly those groups (the unknown under the tuple of every group).
    """
    fixed = np.zeros(k, dtype=np.int64)
    classes: dict = {}
    unknown = 0
    everyone = tuple(range(k))
    for c in candidates:
        if len(c) == 1:
            fixed[c[0]] += 1
            continue
        if not c:
            unknown += 1
            c = everyone
        classes[c] = classes.get(c, 0) + 1
    return fixed, classes, unknown


def _splits(m: int, groups: tuple, k: int) -> np.ndarray:
    """Every way ``m`` interchangeable appointees can hold their seats in ``groups``, as k-vectors."""
    parts = _compositions(m, len(groups))
    out = np.zeros((len(parts), k), dtype=np.int64)
    out[:, list(groups)] = parts
    return out


def _n_vectors_bound(classes: dict) -> int:
    """An upper bound on the attainable seat-count vectors: the product of each class's splits."""
    total = 1
    for groups, m in classes.items():
        total *= math.comb(m + len(groups) - 1, len(groups) - 1)
    return total


def _minkowski(fixed: np.ndarray, classes: dict, limit: int) -> np.ndarray | None:
    """Every attainable seat-count vector (distinct rows), or None when there would be more than ``limit``."""
    k = len(fixed)
    current = fixed[None, :]
    for groups, m in sorted(classes.items(), key=lambda item: (len(item[0]), item[1])):
        splits = _splits(m, groups, k)
        if len(current) * len(splits) > 4 * limit:
            return None
        current = np.unique((current[:, None, :] + splits[None, :, :]).reshape(-1, k), axis=0)
        if len(current) > limit:
            return None
    return current


def _values(counts: np.ndarray, v: np.ndarray, names) -> dict:
    n = counts.sum(axis=1, keepdims=True)
    return _statistics_matrix(counts / n, v, names)


# --- the search when there are too many vectors -------------------------------------------------------------


def _greedy(bases: np.ndarray, free: int, v: np.ndarray, score) -> np.ndarray:
    """Place ``free`` unknown appointees one at a time, each where ``score(counts, group)`` is smallest."""
    current = bases.copy()
    rows = np.arange(len(current))
    for _ in range(free):
        choice = score(current)
        current[rows, choice] += 1
    return current


def _greedy_rules(n: int, v: np.ndarray, name: str, sign: int):
    """The placing rule of :func:`_greedy` for one index (``sign=1`` smallest, ``-1`` largest)."""
    k = len(v)
    eye = np.eye(k, dtype=np.int64)

    def by_index(current):
        trial = current[:, None, :] + eye[None, :, :]  # (rows, k choices, k groups)
        values = _statistics_matrix((trial / n).reshape(-1, k), v, [name])[name].reshape(len(current), k)
        values = np.where(np.isnan(values), np.inf, values)
        return np.argmin(sign * values, axis=1)

    if name == "dhondt" and sign == 1:
        def next_ratio(current):
            with np.errstate(divide="ignore"):
                ratio = np.where(v > 0, (current + 1) / n / np.where(v > 0, v, 1), np.inf)
            return np.argmin(ratio, axis=1)
        return next_ratio
    if name == "lijphart" and sign == 1:
        def next_deviation(current):
            return np.argmin((current + 1) / n - v, axis=1)
        return next_deviation
    return by_index


def _local_search(start: np.ndarray, movable: np.ndarray, v: np.ndarray, name: str, sign: int, steps: int = 200):
    """Move one unknown appointee at a time (from a group he was placed in to another) while the index improves."""
    k = len(v)
    n = start.sum()
    best = start.copy()
    placed = movable.copy()
    score = sign * _statistics_matrix(best[None, :] / n, v, [name])[name][0]
    for _ in range(steps):
        moves = [(i, j) for i in range(k) if placed[i] > 0 for j in range(k) if j != i]
        if not moves:
            break
        trial = np.repeat(best[None, :], len(moves), axis=0)
        for r, (i, j) in enumerate(moves):
            trial[r, i] -= 1
            trial[r, j] += 1
        vals = sign * _statistics_matrix(trial / n, v, [name])[name]
        vals = np.where(np.isnan(vals), np.inf, vals)
        r = int(np.argmin(vals))
        if not vals[r] < score - 1e-15:
            break
        i, j = moves[r]
        best, score = trial[r], vals[r]
        placed = placed.copy()
        placed[i] -= 1
        placed[j] += 1
    return best


def _search(fixed: np.ndarray, classes: dict, unknown: int, v: np.ndarray, names, seed: int):
    """Per index ``(min, max, method)`` when the vectors are too many to list (see the module docstring)."""
    k = len(fixed)
    everyone = tuple(range(k))
    disputes = {g: m for g, m in classes.items() if g != everyone}
    unknown = classes.get(everyone, 0)  # the unknown, and anyone whose candidates are every group
    sampled = _n_vectors_bound(disputes) > _DISPUTE_LIMIT
    if sampled:  # too many ways to settle the disputes: a seeded sample of them
        rng = np.random.default_rng(seed)
        bases = np.tile(fixed, (_DISPUTE_LIMIT, 1))
        for g, m in disputes.items():
            for _ in range(m):
                bases[np.arange(_DISPUTE_LIMIT), rng.choice(np.asarray(g), size=_DISPUTE_LIMIT)] += 1
        bases = np.unique(bases, axis=0)
    else:
        listed = _minkowski(fixed, disputes, _DISPUTE_LIMIT)
        assert listed is not None  # the bound above guarantees it
        bases = listed
    n = int(fixed.sum() + sum(classes.values()))
    eye = np.eye(k, dtype=np.int64)
    vertices = (bases[:, None, :] + unknown * eye[None, :, :]).reshape(-1, k)
    vertex_bases = np.repeat(bases, k, axis=0)
    out = {}
    for name in names:
        ends = []
        for sign in (1, -1):  # 1: the smallest value, -1: the largest
            placed = _greedy(bases, unknown, v, _greedy_rules(n, v, name, sign))
            cands, cand_bases = np.vstack([vertices, placed]), np.vstack([vertex_bases, bases])
            vals = sign * _values(cands, v, [name])[name]
            vals = np.where(np.isnan(vals), np.inf, vals)
            best = int(np.argmin(vals))
            value = sign * float(vals[best])
            if name == "golosov" or sampled:  # no exact rule: improve by moving unknown appointees
                moved = _local_search(cands[best], cands[best] - cand_bases[best], v, name, sign)
                value = float(_values(moved[None, :], v, [name])[name][0])
            ends.append(value)
        exact = not sampled and (name in _CONVEX or name == "effective_number")
        out[name] = (ends[0], ends[1], "vertices and greedy" if exact else "search")
    return out


def index_range(candidates: list, v: np.ndarray, *, names=None, limit: int = RANGE_LIMIT, seed: int = 0) -> dict:
    """Each index's smallest and largest value over every way of settling the open tags.

    Parameters
    ----------
    candidates : list of tuple of int
        Per appointee, the positions (into ``v``) of the groups he may hold
        his post in: one for a known tag, several for a dispute or plural
        membership, ``()`` for an unknown tag (any group).
    v : array of float
        The baseline shares, in the same positions.
    names : list of str, optional
        The indices (default the nine of :mod:`cabinet.indices`).
    limit : int
        Enumerate when there are at most this many attainable seat-count vectors.
    seed : int
        Seed of the search's sampling of disputes, when there are too many to list.

    Returns
    -------
    dict
        index name -> ``(min, max, method, n_resolutions)``; ``method`` is
        ``enumeration``, ``vertices and greedy`` or ``search`` (see the module
        docstring), ``n_resolutions`` the number of distinct seat-count
        vectors when enumerated (else None).

    Examples
    --------
    Two appointees in A, one unknown, against a baseline of A 0.5, B 0.5:
    the unknown in A gives 3 of 3 (Loosemore-Hanby 0.5), in B 2 of 3 (1/6).

    >>> import numpy as np
    >>> r = index_range([(0,), (0,), ()], np.array([0.5, 0.5]), names=["loosemore_hanby"])
    >>> lo, hi, method, n = r["loosemore_hanby"]
    >>> round(lo, 4), hi, method, n
    (0.1667, 0.5, 'enumeration', 2)
    """
    names = list(_INDEX_NAMES if names is None else names)
    v = np.asarray(v, dtype=float)
    fixed, classes, unknown = _seat_classes(candidates, len(v))
    vectors = _minkowski(fixed, classes, limit) if _n_vectors_bound(classes) <= 50 * limit else None
    if vectors is not None:
        values = _values(vectors, v, names)
        return {name: (float(np.nanmin(values[name])), float(np.nanmax(values[name])), "enumeration", len(vectors))
                for name in names}
    # rose is 1 - loosemore_hanby: its range is the mirror of LH's
    inner = [x for x in names if x != "rose"] + (["loosemore_hanby"] if "rose" in names and
                                                   "loosemore_hanby" not in names else [])
    found = _search(fixed, classes, unknown, v, inner, seed)
    out = {name: (*found[name], None) for name in names if name in found}
    if "rose" in names:
        lo, hi, method = found["loosemore_hanby"]
        out["rose"] = (1.0 - hi, 1.0 - lo, method, None)
    return {name: out[name] for name in names}
