"""Which group each appointee may belong to, for any grouping.

A tag cell gives alternatives (``A|B``: one holds) of sets (``A+B``: all
hold). :func:`group_alternatives` maps each appointee's cell to the groups of
the chosen grouping (a province to its region under a scheme, a tribe to its
confederation, ...), and the counting in :func:`cabinet.representation` rests on
it: a person counts in each group he surely belongs to, and up to the bound in
each group he may belong to.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from .groupings import factorized, resolve
from .io.reference_tables import load_provinces, load_tribes
from .regions import HAZARAJAT_DEFINITIONS, SCHEMES, district_set as _district_set, hazarajat_of, region_map
from .tags import ABROAD, parse_tag, possible


__all__ = [
    "BY",
    "group_alternatives",
    "group_candidates",
]

#: Groupings :func:`representation` understands.
BY = ("province", "region", "hazarajat", "ethnicity", "tribe", "confederation", "network", "position_class")


#: Joins the groups of a cross-tabulation (``by=[a, b]``).
CROSS_SEP = " × "


def _check_by(by, roster: pd.DataFrame | None = None, cache: dict | None = None):
    """Check ``by`` against the roster (see :mod:`cabinet.groupings`); return it."""
    if roster is None:
        if isinstance(by, str) and by in BY:
            return by
        raise ValueError(f"cannot group by {by!r}; allowed: {', '.join(BY)}, or a column of the roster")
    resolve(roster, by, cache)
    return by


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
        districts = _district_set(hazarajat)
        table = load_provinces()
        prov = dict(zip(table["province"], table["hazarajat"]))
        if "district" in roster.columns and hazarajat != "core":  # the core Hazarajat is whole provinces
            dcodes, duniques = _district_codes(roster, pcodes, puniques, districts, prov, cache)
        else:
            dcodes, duniques = np.zeros(len(roster), dtype=np.int64), ["unknown"]
        codes, pairs = pd.factorize(pcodes.astype(np.int64) * len(duniques) + np.asarray(dcodes), sort=False)
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
        # a home abroad is in no Afghan region: its own group
        return codes, [_map_alternatives(parse_tag(v), lambda q: (ABROAD,) if q == ABROAD else (mapping[q],))
                       for v in uniques]
    # confederation
    codes, uniques = _codes_of(roster, "tribe", cache)
    tribes = load_tribes()
    conf = dict(zip(tribes["tribe"], tribes["confederation"]))
    conf["not_applicable"] = "not Pashtun"
    return codes, [_map_alternatives(parse_tag(v), lambda t: (conf[t],) if t in conf else ()) for v in uniques]


def _district_codes(roster, pcodes, puniques, districts, prov, cache):
    """Codes of the district column (its last code: unknown), factorised only where it can matter.

    The district decides only for a home that may lie in a province with listed Hazara-majority districts
    (and not wholly in the Hazarajat); elsewhere every row gets the code of ``unknown``, which gives the same
    groups. A long roster then factorises a fraction of its districts rather than all of them.
    """
    if cache is not None and "district" in cache:
        dcodes, duniques = cache["district"]
        return np.where(np.asarray(dcodes) < 0, len(duniques), dcodes), [str(u) for u in duniques] + ["unknown"]
    needs = np.array([any(q in districts and prov.get(q) != "core" for q in possible(parse_tag(p)))
                      for p in puniques] + [True], dtype=bool)  # the last: a missing province (code -1)
    rows = needs[np.where(pcodes < 0, len(puniques), pcodes)]
    if rows.all():
        dcodes, duniques = factorized(roster, "district", cache)
        return np.where(np.asarray(dcodes) < 0, len(duniques), dcodes), [str(u) for u in duniques] + ["unknown"]
    sub, duniques = pd.factorize(roster["district"].to_numpy()[rows], sort=False)
    dcodes = np.full(len(roster), len(duniques), dtype=np.int64)
    dcodes[rows] = np.where(sub < 0, len(duniques), sub)
    return dcodes, [str(u) for u in duniques] + ["unknown"]


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
