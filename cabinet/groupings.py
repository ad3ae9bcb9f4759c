"""Which groupings a roster supports, and which built-in vocabularies and baselines describe it.

The package knows Afghan groupings: provinces, the regions and the Hazarajat
derived from them, the ethnic, network and position-class codes of the
codebook, and the tribes of ``tribes.csv`` with their confederations. A
user's roster of another body may have columns with the same names and other
values. The rules, applied everywhere (library, CLI, charts):

1. **A column of the roster is always read as the user's column.** ``by`` may
   name any column; its values are tags (``unknown``, one value, or candidates
   separated by ``|``).
2. **A derived grouping** (``region`` and ``hazarajat`` from ``province``,
   ``confederation`` from ``tribe``) is computed only when the roster has no
   column of that name, and only when the column it is derived from holds
   Afghan values; otherwise :func:`resolve` refuses with a sentence that says
   why and what to do.
3. **A built-in vocabulary or baseline** (the 34 provinces and the NSIA
   population, the ethnic codes and the published ethnic estimates, the
   network codes, ...) applies only when every value of the column belongs to
   it: :func:`describes`. A roster it does not describe gets no built-in zero
   rows and no built-in baseline; a named built-in baseline is refused.
"""

from __future__ import annotations

import difflib
from functools import lru_cache

import pandas as pd

from .io import datapackage as dp
from .tags import ABROAD, parse_tag, possible, format_tag
from .regions import region_map, HAZARAJAT, OUTSIDE_HAZARAJAT
from .io.reference_tables import load_tribes

__all__ = ["DERIVED", "RESERVED", "HOMES", "COUNTING_HOME", "factorized", "resolve", "describes", "own_roster", "vocabulary",
           "foreign_values", "suggest", "with_home", "counting_home", "choose_home", "province_set_by_hand",
           "require_afghan"]

#: Groupings derived from another column, and the column each is derived from.
DERIVED = {"region": "province", "hazarajat": "province", "confederation": "tribe"}
#: Grouping names with a built-in meaning (documented in the README and ``cabinet gaps --help``).
RESERVED = ("province", "region", "hazarajat", "ethnicity", "tribe", "confederation", "network", "position_class")


def suggest(value: str, allowed) -> str:
    """``"; did you mean 'X'?"`` for the closest allowed value (case-insensitive), or ``""``.

    Examples
    --------
    >>> suggest("Ethnicity", ["ethnicity", "province"])
    "; did you mean 'ethnicity'?"
    """
    allowed = [str(a) for a in allowed]
    folded = {a.casefold(): a for a in allowed}
    if str(value).casefold() in folded:
        return f"; did you mean {folded[str(value).casefold()]!r}?"
    hit = difflib.get_close_matches(str(value).casefold(), list(folded), n=1, cutoff=0.6)
    return f"; did you mean {folded[hit[0]]!r}?" if hit else ""


@lru_cache(maxsize=None)
def _enum(column: str) -> tuple[str, ...]:
    f = dp.field("appointees", column)
    values = (f.get("constraints") or {}).get("enum") or []
    # 'abroad' is a home value, not a province: a grouping shows it only where a roster holds it
    return tuple(v for v in values if v not in (dp.UNKNOWN, ABROAD))


def vocabulary(by: str, *, scheme: str = "commentary", hazarajat: str = "core") -> tuple[str, ...]:
    """The groups a built-in grouping knows, in codebook order (``()`` for other columns).

    Examples
    --------
    >>> vocabulary("region")
    ('Capital', 'East', 'North', 'West', 'South', 'Southwest')
    >>> "helmandi_alizai" in vocabulary("network")
    True
    """
    if by == "region":

        return tuple(dict.fromkeys(region_map(scheme)))
    if by == "hazarajat":

        return (HAZARAJAT, OUTSIDE_HAZARAJAT)
    if by == "confederation":

        return tuple(dict.fromkeys(load_tribes()["confederation"])) + ("not Pashtun",)
    if by == "tribe":

        return tuple(load_tribes()["tribe"]) + ("not_applicable",)
    if by in ("province", "ethnicity", "network", "position_class"):
        return _enum(by)
    return ()


def _source_vocabulary(by: str) -> tuple[str, ...]:
    """The values the column behind ``by`` must hold for the built-in grouping to apply."""
    return allowed_values(DERIVED.get(by, by))


def allowed_values(column: str) -> tuple[str, ...]:
    """The values a roster's ``column`` may hold for the built-in groupings (a home ``abroad`` included)."""
    values = vocabulary(column)
    return values + (ABROAD,) if column == "province" else values


def factorized(roster: pd.DataFrame, column: str, cache: dict | None = None):
    """``pandas.factorize`` of a column, computed once per call chain when a ``cache`` dict is passed.

    A roster can hold millions of rows and only a few dozen distinct values: every check that reads the
    distinct values (of :func:`resolve`, :func:`describes`, the baselines and the counting) shares one pass.
    """
    if cache is not None and column in cache:
        return cache[column]
    codes, uniques = pd.factorize(roster[column], sort=False)
    result = (codes, list(uniques))
    if cache is not None:
        cache[column] = result
    return result


def foreign_values(roster: pd.DataFrame, column: str, allowed, limit: int = 3, cache: dict | None = None) -> list[str]:
    """Up to ``limit`` candidate values of ``roster[column]`` outside ``allowed`` (distinct, in order)."""
    allowed = set(allowed)
    out: list[str] = []
    for value in (str(u) for u in factorized(roster, column, cache)[1]):
        for c in possible(parse_tag(value)):
            if c not in allowed and c not in out:
                out.append(c)
                if len(out) >= limit:
                    return out
    return out


def own_roster(roster: pd.DataFrame) -> bool:
    """Whether a roster is a user's own (a file of any body, a frame made by hand), not one the package built.

    The package's loaders of its own tables (the bundled rosters by name or date, a copy of
    ``data/appointees.csv``, the last cabinet before 2021, the cadre pool) record ``exclude_weak`` in
    ``attrs``, which pandas keeps through filtering and copying. A user's roster gets a built-in
    Afghan baseline only when it asks for one by name, never by default (issue 27).

    Examples
    --------
    >>> import pandas as pd
    >>> own_roster(pd.DataFrame({"name": ["A"], "ethnicity": ["Tajik"]}))
    True
    """
    return "exclude_weak" not in roster.attrs


def describes(roster: pd.DataFrame, by, cache: dict | None = None) -> bool:
    """Whether the built-in vocabulary of ``by`` (and so its built-in baselines) describes the roster.

    True for a built-in grouping whose column (or source column, for a derived
    grouping the roster does not carry itself) holds only values of the
    codebook; False for any other column, or for a column with other values.

    Examples
    --------
    >>> import pandas as pd
    >>> describes(pd.DataFrame({"province": ["Helmand", "unknown"]}), "region")
    True
    >>> describes(pd.DataFrame({"province": ["Gauteng"]}), "province")
    False
    """
    if not isinstance(by, str) or by not in RESERVED:
        return False
    if by in DERIVED and by in roster.columns:
        return False  # the user's own column of that name
    column = DERIVED.get(by, by)
    if column not in roster.columns:
        return False
    return not foreign_values(roster, column, _source_vocabulary(by), limit=1, cache=cache)


def resolve(roster: pd.DataFrame, by, cache: dict | None = None) -> str:
    """Check that ``by`` can group ``roster``; return ``'column'`` or ``'derived'``.

    Raises
    ------
    ValueError
        With a sentence naming the problem and what to do: an unknown column
        (with the closest column name), a derived grouping whose source column
        is missing or holds values that are not Afghan.
    """
    if isinstance(by, (list, tuple)):
        if not by:
            raise ValueError("by= is an empty list; name one or more groupings")
        for b in by:
            resolve(roster, b, cache)
        return "cross"
    if not isinstance(by, str):
        raise ValueError(f"by must be a column name or a list of them; got {by!r}")
    if by in roster.columns:
        return "column"
    if by in DERIVED:
        source = DERIVED[by]
        what = {"region": "regions of Afghan provinces", "hazarajat": "the Hazarajat of Afghan provinces",
                "confederation": "confederations of the tribes in tribes.csv"}[by]
        if source not in roster.columns:
            raise ValueError(f"by={by!r} derives {what} from a {source!r} column, which this roster lacks; "
                             f"group by a column of the roster ({', '.join(map(str, roster.columns))})")
        bad = foreign_values(roster, source, _source_vocabulary(by), cache=cache)
        if bad:
            raise ValueError(f"by={by!r} derives {what} from the {source!r} column, but this roster's {source!r} "
                             f"holds values that are not in the codebook (e.g. {', '.join(map(repr, bad))}); "
                             f"add your own {by!r} column to the roster, or group by {source!r} with your own "
                             f"baseline")
        return "derived"
    allowed = list(map(str, roster.columns))
    hint = suggest(by, allowed + list(DERIVED))
    raise ValueError(f"cannot group by {by!r}: the roster has no such column{hint}; allowed: "
                     f"{', '.join(RESERVED)} (built-in groupings, where the roster has their columns), or any "
                     f"column of the roster ({', '.join(allowed)})")


#: Senses of "home": where a source says he was born, where his family is from, where a source only says he
#: is "from", or any of them (the default: plural when they differ).
HOMES = ("any", "birth", "origin", "stated")


#: The sense of home counted when none is asked for. A man has one birthplace, so home by birth puts each
#: person in one place (or a dispute, or unknown): a count by birth partitions the roster. Home in any sense
#: is plural (born in Helmand, family from Paktia: two homes) and counts some people twice. The commentary
#: reads home by birth too ("Muttaqi, born in Helmand").
COUNTING_HOME = "birth"


def _tag_set(value) -> frozenset:
    return frozenset(frozenset(alt) for alt in parse_tag(value))


def counting_home(roster: pd.DataFrame) -> str | None:
    """The sense of home :func:`with_home` counts when ``home=None``: ``'birth'``, or None (the roster's own).

    Home by birth (:data:`COUNTING_HOME`) when the roster's ``province`` is home in any sense as the loaders
    give it (``attrs["home"]`` is ``any`` or missing, and every cell is the union of the ``birth_``,
    ``origin_`` and ``stated_province`` cells) and at least one birthplace is known. Otherwise the
    roster's own ``province``: a roster loaded in one sense, a roster of one sense of home (no
    ``birth_province`` column, or no birthplace known), or a ``province`` column set by hand, which is
    counted as it stands.

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.DataFrame({"province": ["Helmand+Paktia"], "birth_province": ["Helmand"],
    ...                   "origin_province": ["Paktia"], "stated_province": ["unknown"]})
    >>> counting_home(r), counting_home(r.assign(province="Kabul"))
    ('birth', None)
    """
    if roster.attrs.get("home") not in (None, "any") or roster.attrs.get("home_chosen") \
            or "birth_province" not in roster.columns:
        return None  # a sense chosen (with_home(roster, "any") included), or none to choose from
    distinct = _distinct_homes(roster)
    if not any(parse_tag(v) for v in distinct["birth_province"]):
        return None
    if province_set_by_hand(roster, distinct):
        return None  # the user's own column
    return COUNTING_HOME


def _distinct_homes(roster: pd.DataFrame) -> pd.DataFrame:
    """The distinct combinations of ``province`` and the ``<home>_province`` columns, as text (one row each).

    Duplicates go first, on the columns as they are, so that a roster of a million rows converts a few
    hundred rows to text, not a million."""
    cols = ["province", *[f"{k}_province" for k in HOMES[1:] if f"{k}_province" in roster.columns]]
    return roster[cols].drop_duplicates().astype(object).astype(str).drop_duplicates()


def province_set_by_hand(roster: pd.DataFrame, distinct: pd.DataFrame | None = None) -> bool:
    """Whether a roster's ``province`` differs from the union of its ``birth_``, ``origin_`` and
    ``stated_province`` cells: set by hand, not as the loaders give it (it is then counted as it stands).
    ``distinct``: the roster's distinct home combinations, when the caller has them."""
    kinds = [f"{k}_province" for k in HOMES[1:] if f"{k}_province" in roster.columns]
    if not kinds or roster.attrs.get("home") not in (None, "any"):
        return False
    if distinct is None:
        distinct = _distinct_homes(roster)
    return any(_tag_set(row[0]) != _tag_set(combine_kinds(row[1:]))
               for row in distinct.itertuples(index=False, name=None))


def with_home(roster: pd.DataFrame, home: str | None) -> pd.DataFrame:
    """The roster with ``province`` and ``district`` in the chosen sense of home.

    ``birth``, ``origin`` or ``stated`` read the ``<home>_province`` and ``<home>_district`` columns;
    ``any`` is their plural union (the loaders' default ``province``). ``None`` is the sense counted by
    default, :func:`counting_home`: home by birth on a roster whose ``province`` is the loaders' plural
    union, so that a count puts each person in one group; the roster's own ``province`` otherwise (a
    roster of one sense of home, or a ``province`` set by hand). ``attrs["home"]`` records the sense, and
    ``attrs["home_chosen"]`` that ``'any'`` was asked for (so that it is counted as asked).

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.DataFrame({"province": ["Helmand+Paktia"], "birth_province": ["Helmand"],
    ...                   "birth_district": ["Nad Ali"]})
    >>> with_home(r, "birth")["province"].tolist()
    ['Helmand']
    """
    if home is None:
        sense = counting_home(roster)
        return roster if sense is None else with_home(roster, sense)
    if home not in HOMES:
        raise ValueError(f"unknown home {home!r}{suggest(home, HOMES)}; allowed: {', '.join(HOMES)}")
    kinds = [k for k in HOMES[1:] if f"{k}_province" in roster.columns]
    if home == "any":
        if not kinds or roster.attrs.get("home", "any") == "any":
            # the roster's province is already home in any sense (or its only sense): marked as chosen, so
            # that the counting default (home by birth) leaves it as it is
            out = roster.copy(deep=False)
            out.attrs.update(home=home, home_chosen=True)
            return out
        out = roster.copy()
        for level in ("province", "district"):
            cols = [f"{k}_{level}" for k in kinds if f"{k}_{level}" in roster.columns]
            out[level] = [combine_kinds(values) for values in zip(*(roster[c].astype(str) for c in cols))] \
                if cols else "unknown"
        out.attrs.update(home=home, home_chosen=True)
        return out
    column = f"{home}_province"
    if column not in roster.columns:
        raise ValueError(f"home={home!r} reads the {column!r} column, which this roster lacks; a roster of your "
                         f"own has one sense of home, its 'province' column: use home=None")
    out = roster.copy()
    out["province"] = roster[column]
    dcol = f"{home}_district"
    out["district"] = roster[dcol] if dcol in roster.columns else "unknown"
    out.attrs.update(home=home)
    return out


def choose_home(roster: pd.DataFrame, home: str | None) -> pd.DataFrame:
    """The roster in the sense of home asked for, kept as asked; None leaves it to the counting default.

    A loaded roster's ``province`` is home in any sense; :func:`with_home` with ``None`` counts it by birth.
    A sense named here is marked as chosen, so that every count made on the roster afterwards uses it.
    """
    return roster if home is None else with_home(roster, home)


def combine_kinds(values) -> str:
    """Home in any sense from the birth, origin and stated cells: every place that holds in some sense.

    Disputes stay disputes: one alternative of each sense, combined.

    Examples
    --------
    >>> combine_kinds(["Paktia|Helmand", "Paktia", "unknown"])
    'Paktia|Helmand+Paktia'
    """
    import itertools


    parts = [parse_tag(v) for v in values]
    parts = [p for p in parts if p]
    out: list[tuple[str, ...]] = []
    for combo in itertools.product(*parts) if parts else []:
        alt = tuple(dict.fromkeys(g for a in combo for g in a))
        if alt not in out:
            out.append(alt)
    # an alternative that contains another adds nothing certain: keep both (the places differ)
    return format_tag(tuple(out))


def require_afghan(roster: pd.DataFrame, columns, what: str) -> None:
    """Refuse, with a sentence, a roster whose columns do not hold the codebook's Afghan values."""
    for column in columns:
        if column not in roster.columns:
            raise ValueError(f"{what} reads the {column!r} column of a roster in the form of data/appointees.csv; "
                             f"this roster lacks it. For a roster of another body use "
                             f"cabinet.representation(roster, by=COLUMN, baseline=...)")
        bad = foreign_values(roster, column, allowed_values(column))
        if bad:
            raise ValueError(f"{what} measures an Afghan gap: it needs the codebook's values in {column!r}, and this "
                             f"roster has others (e.g. {', '.join(map(repr, bad))}). For a roster of another body "
                             f"use cabinet.representation(roster, by={column!r}, baseline=...)")
