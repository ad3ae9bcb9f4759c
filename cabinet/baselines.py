"""Population baselines: what share of the country each group would get in proportion.

Named baselines
---------------
``nsia_1398``
    NSIA settled-population estimate for 1398 SH (2019-20), per province.
``nsia_1400``
    NSIA estimate for 1400 SH (2021-22). The press published no figure for
    Kapisa; it is imputed as its 1398 figure times the growth of the other 33
    provinces, and the table says so (an inference, never hidden).
an ``estimate_id`` of ``ethnic_estimates.csv``
    A published estimate of the ethnic composition (midpoint of its range).
``all``
    For ethnicity: every bundled estimate, one block each (a sensitivity table).

A user may pass a mapping or Series of group -> share (or counts) instead.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

import numpy as np
import pandas as pd

from .baseline_type import Baseline
from .io.reference_tables import load_ethnic_estimates, load_provinces
from .regions import HAZARAJAT, OUTSIDE_HAZARAJAT, district_set, provinces_state, region_map
from .io import datapackage as dp
from .io._tables import bundled_path, bundled_link_state, file_state
from .errors import DataError, Problem
from .io.csv_files import display_path, read_csv
from .groupings import describes, own_roster, suggest, DERIVED, foreign_values
from .movement_baselines import movement_baseline

__all__ = ["POPULATIONS", "POPULATION_BASELINES", "BASELINES", "Population", "NamedBaseline", "register_population",
           "register_baseline", "Baseline", "population_by_province", "geographic_baseline",
           "ethnic_baseline", "user_baseline", "baseline_names", "read_baseline_csv", "resolve_baseline",
           "check_baseline", "RESIDUAL_GROUP", "BaselineNote", "no_baseline_note"]

class BaselineNote(UserWarning):
    """A roster of one's own counted without a baseline: the one line saying how to ask for one."""


#: The row that counts every group a published estimate does not name.
RESIDUAL_GROUP = "groups not named by the estimate"


@dataclass(frozen=True)
class Population:
    """A population per province: a column of ``provinces.csv`` (a census or an official estimate)."""

    name: str
    #: The column of ``provinces.csv`` holding it.
    column: str
    #: What it is, naming its publisher.
    label: str
    #: Where a province lacks a figure: the population whose figure, times the growth of the other
    #: provinces, stands in for it (None: no imputation).
    impute_from: str | None = None
    #: The note of such an imputation (``{provinces}``, ``{growth}``).
    impute_note: str = ""


#: Name -> :class:`Population`: the population baselines by province, region and Hazarajat.
POPULATIONS: dict[str, Population] = {}
#: The same registry under its former name.
POPULATION_BASELINES = POPULATIONS


@dataclass(frozen=True)
class NamedBaseline:
    """A baseline a user names (``baseline="nsia_1398"``, ``--baseline movement``)."""

    name: str
    #: ``build(by, scheme=..., hazarajat=..., home=...)`` -> :class:`Baseline`.
    build: Callable[..., Baseline]
    label: str
    #: The groupings (``by``) it describes.
    groupings: tuple[str, ...]
    #: Whether it describes Afghan groups (provinces, ethnic groups...): then it is refused on a roster
    #: whose groups are others.
    afghan: bool = True


#: Name -> :class:`NamedBaseline`, in the order they are listed. The published ethnic estimates are named by
#: their ``estimate_id`` in ``ethnic_estimates.csv`` (and ``all``: every one of them), read from the data.
BASELINES: dict[str, NamedBaseline] = {}

#: The groupings a population per province describes.
GEOGRAPHIC = ("province", "region", "hazarajat")


def register_baseline(name: str, build, label: str, groupings, *, afghan: bool = True) -> NamedBaseline:
    """Add a named baseline (or replace one of the same name); :func:`resolve_baseline` then knows it.

    Examples
    --------
    >>> _ = register_baseline("toy_even", lambda by, **kw: Baseline("toy_even", "even shares",
    ...                       pd.Series({"A": 0.5, "B": 0.5})), "even shares", ["camp"], afghan=False)
    >>> "toy_even" in baseline_names("camp")
    True
    >>> del BASELINES["toy_even"]
    """
    entry = NamedBaseline(name, build, label, tuple(groupings), afghan)
    BASELINES[name] = entry
    return entry


def register_population(name: str, column: str, label: str, *, impute_from: str | None = None,
                        impute_note: str = "") -> Population:
    """Add a population baseline (a column of ``provinces.csv``): every function and command then offers it
    by province, region and Hazarajat."""
    entry = Population(name, column, label, impute_from, impute_note)
    POPULATIONS[name] = entry

    def build(by, *, scheme="commentary", hazarajat="core", home="any"):
        return geographic_baseline(by, scheme=scheme, baseline=name, hazarajat=hazarajat)

    register_baseline(name, build, label, GEOGRAPHIC)
    return entry


def population_by_province(baseline: str = "nsia_1398") -> tuple[pd.Series, str, str]:
    """Population per province under a named population baseline.

    Returns
    -------
    population : pandas.Series
        Indexed by province.
    sources : str
        Source ids behind the figures.
    note : str
        Imputations made (empty for ``nsia_1398``).

    Examples
    --------
    >>> pop, _, note = population_by_province("nsia_1398")
    >>> int(pop.sum())
    30725560
    """
    if baseline not in POPULATIONS:
        raise ValueError(f"unknown population baseline {baseline!r}; allowed: {', '.join(POPULATIONS)}")

    prov = load_provinces()
    entry = POPULATIONS[baseline]
    sources = ";".join(dp.field("provinces", entry.column).get("cabinet:sources", []))
    pop = pd.Series(prov[entry.column].astype("float64").to_numpy(), index=prov["province"])
    missing = pop[pop.isna()].index.tolist()
    note = ""
    if missing and entry.impute_from is not None:
        base, _, _ = population_by_province(entry.impute_from)
        known = pop.notna()
        growth = pop[known].sum() / base[known].sum()
        pop[missing] = base[missing] * growth
        note = entry.impute_note.format(provinces=", ".join(missing), growth=growth)
    return pop, sources, note


def geographic_baseline(by: str, *, scheme: str = "commentary", baseline: str = "nsia_1398",
                        hazarajat: str = "core") -> Baseline:
    """Population shares per province, region or Hazarajat status.

    For the extended Hazarajat the population of the Hazara districts of
    partial provinces is not published per district, so the share is given as
    bounds: ``low`` counts the core provinces only, ``high`` adds the whole
    population of every province holding a listed Hazara district; ``share``
    is the midpoint.

    Examples
    --------
    >>> b = geographic_baseline("region", scheme="commentary")
    >>> round(float(b.share["Southwest"]), 4)
    0.0521
    """
    base = _geographic_cached(by, scheme, baseline, hazarajat, _geographic_state())
    out = copy.copy(base)
    out.share, out.low, out.high = base.share.copy(), base.low.copy(), base.high.copy()
    return out


def _geographic_state() -> tuple:
    """The state of the files a geographic baseline reads: the provinces, and the Hazarajat's districts."""

    return provinces_state(), file_state(bundled_path("hazarajat_districts")), bundled_link_state("hazarajat_districts")


@lru_cache(maxsize=64)
def _geographic_cached(by: str, scheme: str, baseline: str, hazarajat: str, state) -> Baseline:
    """:func:`geographic_baseline`, once per state of its files (callers copy it)."""
    pop, sources, note = population_by_province(baseline)
    total = pop.sum()
    label = POPULATIONS[baseline].label
    if by == "province":
        return Baseline(baseline, label, pop / total, sources=sources, note=note)
    if by == "region":
        regions = region_map(scheme)
        share = (pop / total).groupby(regions.reindex(pop.index)).sum()
        return Baseline(baseline, label, share, sources=sources, note=note)
    if by == "hazarajat":
        prov = load_provinces()
        core = set(prov.loc[prov["hazarajat"] == "core", "province"])
        inside = pop[pop.index.isin(core)].sum() / total
        if hazarajat == "core":
            share = pd.Series({HAZARAJAT: inside, OUTSIDE_HAZARAJAT: 1 - inside})
            return Baseline(baseline, label, share, sources=sources, note=note)
        partial = set(district_set("extended"))
        extra = pop[pop.index.isin(partial)].sum() / total
        low = pd.Series({HAZARAJAT: inside, OUTSIDE_HAZARAJAT: 1 - inside - extra})
        high = pd.Series({HAZARAJAT: inside + extra, OUTSIDE_HAZARAJAT: 1 - inside})
        mid = (low + high) / 2
        ext_note = ("extended Hazarajat: district populations are not published, so the share is bounded by "
                    "the core provinces alone (low) and the core plus the whole of every province with a listed "
                    "Hazara district (high); share is the midpoint")
        return Baseline(baseline, label, mid, low, high, sources=sources,
                        note="; ".join(x for x in (note, ext_note) if x))
    raise ValueError(f"no population baseline for by={by!r}; allowed: province, region, hazarajat")


def baseline_names(by: str) -> list[str]:
    """The named baselines available for grouping ``by``.

    Examples
    --------
    >>> baseline_names("region")
    ['nsia_1398', 'nsia_1400', 'movement']
    """
    named = [n for n, b in BASELINES.items() if by in b.groupings]
    if by == "ethnicity":
        return list(dict.fromkeys(load_ethnic_estimates()["estimate_id"])) + ["all"] + named
    return named


def ethnic_baseline(estimate_id: str) -> Baseline:
    """One published estimate of the ethnic composition as a :class:`Baseline`.

    Shares are the midpoints of the published ranges; ``low``/``high`` keep the
    range. Groups the estimate does not list are absent (their baseline is
    unknown, not zero).
    """
    est = load_ethnic_estimates()
    rows = est[est["estimate_id"] == estimate_id]
    if rows.empty:
        allowed = ", ".join(dict.fromkeys(est["estimate_id"]))
        raise ValueError(f"unknown ethnic estimate {estimate_id!r}; allowed: {allowed}, or 'all'")
    low = pd.Series(rows["share_low"].to_numpy() / 100, index=rows["group"])
    high = pd.Series(rows["share_high"].to_numpy() / 100, index=rows["group"])
    mid = (low + high) / 2
    # Every group the estimate does not name (and its own catch-all "Other") forms one residual row,
    # tested against the rest of the population: appointees of any unlisted group count in it.
    listed = [g for g in mid.index if g != "Other"]
    rest = (max(0.0, 1 - float(mid[listed].sum())), max(0.0, 1 - float(high[listed].sum())),
            max(0.0, 1 - float(low[listed].sum())))
    if "Other" in mid.index:
        note = (f"the estimate's 'Other' ({100 * float(mid['Other']):.1f}%) and every group it does not name are "
                f"counted together in the row {RESIDUAL_GROUP!r}, against the rest of the population "
                f"({100 * rest[0]:.1f}%)")
    else:
        note = (f"the estimate names {len(listed)} groups summing to {100 * (1 - rest[0]):.1f}%; every other group "
                f"is counted in the row {RESIDUAL_GROUP!r}, against the remainder (a residual, not a published "
                "figure)")
    mid, low, high = mid[listed], low[listed], high[listed]
    sources = ";".join(sorted({s for cell in rows["source_ids"] for s in str(cell).split(";") if s}))
    first = rows.iloc[0]
    label = f"{first['label']} ({int(first['year'])}, {first['basis']})"
    return Baseline(estimate_id, label, mid, low, high, sources=sources, note=note, residual=rest)


def user_baseline(values, name: str = "user") -> Baseline:
    """A user's own baseline from a mapping or Series of group -> share or count.

    Values must be finite and non-negative, with a positive total; they are
    divided by their total, so counts and percentages work too.

    Examples
    --------
    >>> user_baseline({"a": 1, "b": 3}).share.to_dict()
    {'a': 0.25, 'b': 0.75}
    """
    if isinstance(values, Baseline):
        return values
    if not isinstance(values, (Mapping, pd.Series)):
        raise ValueError("a user baseline must be a mapping or pandas Series of group -> share")
    s = pd.Series(values, dtype="float64")
    if s.empty:
        raise ValueError("the baseline is empty; give at least one group with a share")
    if s.index.has_duplicates:
        raise ValueError(f"the baseline names a group twice: {sorted(set(s.index[s.index.duplicated()]))}")
    bad = s[~np.isfinite(s) | (s < 0)]
    if len(bad):
        raise ValueError(f"baseline shares must be finite and >= 0; got {bad.to_dict()}")
    if s.sum() <= 0:
        raise ValueError("baseline shares sum to 0; give at least one positive share")
    total = float(s.sum())
    kind = getattr(values, "attrs", {}).get("value_column", "share")
    note = ""
    if kind in ("population", "count"):
        note = f"figures read as {kind} (total {total:,.0f}) and divided by their total"
    elif abs(total - 1) > 1e-6 and abs(total - 100) <= 1e-6:
        note = "figures read as percentages (total 100) and divided by 100"
    elif abs(total - 1) > 1e-6:
        note = f"shares summed to {total:g}, not 1; each was divided by the total"
    label = "user-supplied baseline"
    source_file = getattr(values, "attrs", {}).get("source_file")
    if source_file:
        label += f" ({source_file})"
    out = Baseline(name, label, s / total, sources="user", note=note)
    if kind not in ("population", "count") and (s <= 1).all():
        out.rates = s  # membership rates as given, for plural tags (a person in several groups)
    return out


#: Column names a baseline file may use for its figures: shares (or percentages) or population counts.
BASELINE_VALUE_COLUMNS = ("share", "percent", "population", "count")


def _number(text: str, decimal_comma: bool) -> float:
    t = text.strip().replace("\u00a0", "").replace(" ", "")
    if t.endswith("%"):
        t = t[:-1]
    if decimal_comma and "," in t:
        t = t.replace(".", "").replace(",", ".")
    return float(t)


def read_baseline_csv(path) -> pd.Series:
    """Read a baseline file: a header ``group,share`` (or ``percent``, ``population``, ``count``), one row per group.

    Files as spreadsheets write them are accepted: a byte-order mark, ``;`` or
    tab as the separator, and a decimal comma in a ``;``-separated file
    (``0,25``). Figures are divided by their total by :func:`check_baseline`,
    so shares, percentages and population counts all work.

    Raises
    ------
    cabinet.DataError
        Naming file, line, column, value and what is allowed: a missing file,
        a wrong header, a row without a figure, a figure that is not a number,
        a negative figure, a group named twice.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "pop.csv"
    >>> _ = p.write_text("group;population\\nNorth;1.200,5\\nSouth;800\\n", encoding="utf-8")
    >>> read_baseline_csv(p).to_dict()
    {'North': 1200.5, 'South': 800.0}
    """

    label = display_path(path)
    raw = read_csv(path, label=label)
    problems = list(raw.problems)
    header = [h.strip().casefold() for h in raw.header]
    if not problems and (len(header) < 2 or header[0] != "group" or header[1] not in BASELINE_VALUE_COLUMNS):
        problems.append(Problem(label, 1, None, raw.delimiter.join(raw.header),
                                "a baseline file needs the columns group and a figure",
                                allowed="a header 'group,share' (or percent, population, count), then one row per group"))
    if problems:
        raise DataError(problems)
    value_column = raw.header[1].strip()
    decimal_comma = raw.delimiter != ","
    values: dict[str, float] = {}
    first_line: dict[str, int] = {}
    for line, row in zip(raw.lines, raw.rows):
        if len(row) < 2 or not row[0].strip():
            problems.append(Problem(label, line, None, raw.delimiter.join(row), "row needs a group and a figure",
                                    allowed=f"group{raw.delimiter}{value_column}"))
            continue
        group = row[0].strip()
        try:
            value = _number(row[1], decimal_comma)
        except ValueError:
            hint = " (this file is comma-separated, so write the decimal point as '.')" if "," in row[1] else ""
            problems.append(Problem(label, line, value_column, row[1], f"not a number{hint}",
                                    allowed="a number such as 0.25, 25 or 1200000"))
            continue
        if not np.isfinite(value) or value < 0:
            problems.append(Problem(label, line, value_column, row[1], "figure must be finite and >= 0",
                                    allowed="a number >= 0"))
            continue
        if group in values:
            problems.append(Problem(label, line, "group", group,
                                    f"group named twice (first on line {first_line[group]})",
                                    allowed="each group on one row"))
            continue
        values[group] = value
        first_line[group] = line
    if problems:
        raise DataError(problems)
    out = pd.Series(values, dtype="float64")
    out.attrs["source_file"] = label
    out.attrs["value_column"] = value_column
    return out


def _looks_like_path(value: str) -> bool:
    import os

    return any(sep in value for sep in ("/", "\\", os.sep)) or "." in value


def no_baseline_note(roster: pd.DataFrame, by, cache: dict | None = None) -> str:
    """The one line for a roster of one's own counted without a baseline: how to ask for one.

    When the roster's values for ``by`` are all values of the codebook (it looks Afghan: ``Tajik``,
    ``Uzbek``, ``Baloch``; province names), the line says so and names the built-in baseline to ask
    for; it is never applied unasked.

    Examples
    --------
    >>> import pandas as pd
    >>> no_baseline_note(pd.DataFrame({"name": ["A"], "camp": ["North"]}), "camp")[:46]
    "'camp': counts only, no test (no baseline give"
    """
    what = by if isinstance(by, str) else " × ".join(map(str, by))
    line = (f"{what!r}: counts only, no test (no baseline given); to test them give baseline=FILE, a CSV file of "
            "group,share, or a mapping of group -> share")
    if isinstance(by, str) and describes(roster, by, cache):
        names = [n for n in baseline_names(by) if not n.startswith("movement") and n != "all"]
        if names:
            line += (f". Its values look Afghan (the codebook's); Afghanistan's built-in baseline is applied only "
                     f"when asked: baseline={names[0]!r}")
    return line


def resolve_baseline(by, baseline, *, scheme: str = "commentary", hazarajat: str = "core",
                     roster: pd.DataFrame | None = None, cache: dict | None = None) -> list[Baseline | None]:
    """The baseline(s) for a grouping: built-in names, ``'all'``, a file, a mapping or Series, or None.

    A built-in baseline applies only to a roster it describes
    (:func:`cabinet.groupings.describes`): asked for by name on another
    roster, it is refused; by default such a roster gets no baseline.
    A string with a ``.`` or a path separator is read as a file
    (:func:`read_baseline_csv`); a file that does not exist is named as such.
    """
    from pathlib import Path


    fits = roster is None or describes(roster, by, cache)
    if baseline is None:
        if not fits or not isinstance(by, str) or (roster is not None and own_roster(roster)):
            return [None]  # a roster of one's own: a built-in baseline only when asked for by name
        if by in ("province", "region", "hazarajat"):
            return [geographic_baseline(by, scheme=scheme, hazarajat=hazarajat)]
        if by == "ethnicity":
            return resolve_baseline(by, "all", scheme=scheme, hazarajat=hazarajat, roster=roster, cache=cache)
        return [None]
    if isinstance(baseline, str) and baseline.startswith("movement"):
        # the movement's cadre pool (cabinet.movement_baselines): the pool's own unknowns as low/high

        if not fits:
            raise ValueError(f"the movement baseline describes the cadre pool by Afghan provinces, ethnic groups, "
                             f"tribes and networks; this roster's groups for by={by!r} are others: give your own "
                             "baseline, a CSV file of group,share")
        home = roster.attrs.get("home", "any") if roster is not None else "any"
        return [movement_baseline(by, scheme=scheme, hazarajat=hazarajat, home=home or "any", name=baseline)]
    if isinstance(baseline, Baseline):
        return [baseline]
    if isinstance(baseline, (Mapping, pd.Series)):
        return [user_baseline(baseline)]
    if isinstance(baseline, Path) or (isinstance(baseline, str) and _looks_like_path(baseline)):
        if not Path(baseline).is_file():
            raise ValueError(f"baseline file {str(baseline)!r} not found (a baseline is a CSV file of group,share, "
                             f"or one of the named baselines: {', '.join(_all_names())})")
        return [user_baseline(read_baseline_csv(baseline), name=Path(baseline).name)]
    if isinstance(baseline, str):
        names = baseline_names(by) if isinstance(by, str) else []
        if baseline not in names:

            allowed = ", ".join(names) if names else "none"
            raise ValueError(f"no named baseline {baseline!r} for by={by!r}{suggest(baseline, names)}; named "
                             f"baselines for this grouping: {allowed}; or give a CSV file of group,share")
        if not fits and (baseline not in BASELINES or BASELINES[baseline].afghan):
            what = "Afghanistan's provinces" if by in ("province", "region", "hazarajat") else \
                "Afghanistan's ethnic groups"

            assert roster is not None  # a roster the baseline does not fit
            column = DERIVED.get(by, by) if by not in roster.columns else by
            bad = foreign_values(roster, column, (), cache=cache) if column in roster.columns else []
            raise ValueError(f"the built-in baseline {baseline!r} describes {what}; this roster's {column!r} "
                             f"column holds other groups (e.g. {', '.join(map(repr, bad[:3]))}): give your own "
                             f"baseline, a CSV file of group,share")
        if baseline in BASELINES:
            home = roster.attrs.get("home", "any") if roster is not None else "any"
            return [BASELINES[baseline].build(by, scheme=scheme, hazarajat=hazarajat, home=home or "any")]
        if baseline == "all":
            return [ethnic_baseline(e) for e in dict.fromkeys(load_ethnic_estimates()["estimate_id"])]
        return [ethnic_baseline(baseline)]
    raise ValueError("baseline must be a name, a CSV file, a mapping or Series of group -> share, or None")


def _all_names() -> list[str]:
    return list(POPULATIONS) + baseline_names("ethnicity")


def check_baseline(base: Baseline, groups, universe=(), *, residual_ok: bool = False) -> Baseline:
    """Check a baseline against the roster's groups before anything is computed.

    Parameters
    ----------
    base : Baseline
    groups : sequence of str
        The groups of the roster: every known group and every candidate of a
        disputed tag.
    universe : sequence of str
        Every group the grouping can hold (the codebook's categories), or
        empty when only the roster's own groups are known.
    residual_ok : bool
        True for a published estimate that lists only some groups: roster
        groups it does not list go to its residual row instead of being an
        error.

    Raises
    ------
    ValueError
        A baseline group that matches no group (with the closest name), a
        roster group the baseline lacks, no overlap at all.

    Returns
    -------
    Baseline
        ``base`` itself, or a copy whose ``note`` says what was rescaled.
    """

    groups = [g for g in dict.fromkeys(groups)]
    known = set(groups) | set(universe)
    names = list(base.share.index)
    missing = [g for g in groups if g not in base.share.index]
    silent = [g for g in universe if g not in base.share.index and g not in groups]
    if missing and not residual_ok and "Other" in base.share.index and "Other" not in groups:
        # A user's baseline with an 'Other' share: every group it does not name is counted against it.
        listed = [g for g in names if g != "Other"]
        rest = float(base.share["Other"])
        note = (f"groups the baseline does not name ({', '.join(map(repr, missing))}) are counted together in the "
                f"row {RESIDUAL_GROUP!r}, against its 'Other' share")
        base = Baseline(base.name, base.label, base.share[listed], base.low[listed], base.high[listed], base.sources,
                        "; ".join(x for x in (base.note, note) if x), (rest, float(base.low["Other"]),
                                                                       float(base.high["Other"])))
        return check_baseline(base, groups, universe, residual_ok=True)
    unmatched = [b for b in names if b not in known]
    if groups and not set(names) & set(groups) and not (universe and set(names) <= set(universe)):
        raise ValueError(f"the baseline ({base.label}) shares no group with the roster: baseline groups "
                         f"{', '.join(map(repr, names[:6]))}; roster groups {', '.join(map(repr, groups[:6]))}")
    problems = []
    for b in unmatched:
        if universe:  # the grouping's groups are known: a name outside them is a mistake
            problems.append(f"baseline group {b!r} is not a group of this grouping{suggest(b, list(universe))}")
        elif suggest(b, missing):  # a near miss of a roster group the baseline lacks: a typo
            problems.append(f"baseline group {b!r} matches no group of the roster{suggest(b, missing)}")
    zero = [b for b in unmatched if not universe and not suggest(b, missing)]
    if missing and not residual_ok:
        problems.append(f"the baseline gives no share for the roster's group(s) {', '.join(map(repr, missing))} "
                        "(give each a share; 0 is allowed)")
    if problems:
        raise ValueError(f"baseline {base.name!r} does not fit the roster: " + "; ".join(problems))
    if zero or (silent and not residual_ok):
        note = "; ".join(x for x in (
            zero and f"no appointee is in the baseline's group(s) {', '.join(map(repr, zero))} (counted as 0)",
            silent and not residual_ok and f"the baseline gives no share for {', '.join(map(repr, silent[:8]))}"
            f"{' and others' if len(silent) > 8 else ''}, where no appointee is known to be: their rows "
            "carry no test") if x)
        base = Baseline(base.name, base.label, base.share, base.low, base.high, base.sources,
                        "; ".join(x for x in (base.note, note) if x), base.residual)
    return base


def _movement(by, *, scheme="commentary", hazarajat="core", home="any"):
    # deferred: the pool's baseline reads the pool and the cabinet tables; most baselines never need it

    return movement_baseline(by, scheme=scheme, hazarajat=hazarajat, home=home)


# The registry: one entry per named baseline, in the order they are listed. A third census is one more
# register_population call with its column of provinces.csv.
register_population("nsia_1398", "population_nsia_1398", "NSIA settled population 1398 (2019-20)")
register_population("nsia_1400", "population_nsia_1400", "NSIA population estimate 1400 (2021-22)",
                    impute_from="nsia_1398",
                    impute_note="{provinces}: no NSIA 1400 figure was published; imputed as the 1398 figure x "
                                "{growth:.4f}, the growth of the other provinces (an inference)")
register_baseline("movement", _movement, "the movement's cadre pool before the takeover",
                  ("province", "region", "hazarajat", "ethnicity", "tribe", "confederation", "network"))
