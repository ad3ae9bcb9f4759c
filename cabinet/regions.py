"""Region schemes and the Hazarajat: which group a province (and district) falls in.

Three region schemes are available, all read from ``provinces.csv``:

``isaf``
    The ISAF Regional Commands after the June 2010 split (RC-Capital, RC-East,
    RC-North, RC-West, RC-South, RC-Southwest).
``ocha``
    The eight UN OCHA / UNAMA regions.
``commentary``
    The regions as Giustozzi's commentary reads them: West (Herat, Farah,
    Badghis, Ghor), Southwest (Helmand, Nimroz), and the other ISAF commands
    under plain names (Capital, East, North, South). It draws the same lines as
    ``isaf``; only the labels differ.

The Hazarajat has two definitions: ``core`` (Bamyan and Daykundi, counted in
every definition) and ``extended`` (the core plus the Hazara-majority districts
of neighbouring provinces listed in ``hazarajat_districts.csv``; an appointee
from such a province whose district is unknown may or may not be inside).
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from .io.reference_tables import load_hazarajat_districts, load_provinces
from .io import datapackage as dp
from ._spelling import fold_spelling
from .tags import ABROAD
from .io._tables import bundled_link_state, full_key

__all__ = ["SCHEMES", "HAZARAJAT_DEFINITIONS", "region_map", "region_of", "hazarajat_of",
           "HAZARAJAT", "OUTSIDE_HAZARAJAT"]

SCHEMES = ("isaf", "ocha", "commentary")
HAZARAJAT_DEFINITIONS = ("core", "extended")
HAZARAJAT = "Hazarajat"
OUTSIDE_HAZARAJAT = "outside Hazarajat"

_COMMENTARY_LABELS = {
    "RC-Capital": "Capital",
    "RC-East": "East",
    "RC-North": "North",
    "RC-West": "West",
    "RC-South": "South",
    "RC-Southwest": "Southwest",
}


def _check_scheme(scheme: str) -> str:
    if scheme not in SCHEMES:
        raise ValueError(f"unknown region scheme {scheme!r}; allowed: {', '.join(SCHEMES)}")
    return scheme


def region_map(scheme: str = "commentary", provinces: pd.DataFrame | None = None) -> pd.Series:
    """Province -> region under ``scheme``.

    Parameters
    ----------
    scheme : {'isaf', 'ocha', 'commentary'}
    provinces : DataFrame, optional
        A provinces table (default: the bundled one).

    Returns
    -------
    pandas.Series
        Indexed by province name, named ``region``.

    Examples
    --------
    >>> m = region_map("commentary")
    >>> m["Helmand"], m["Herat"], m["Kandahar"]
    ('Southwest', 'West', 'South')
    >>> region_map("isaf")["Nimroz"]
    'RC-Southwest'
    """
    _check_scheme(scheme)
    if provinces is None:  # the bundled table: the map is built once per state of its files
        return _bundled_map(scheme, provinces_state()).copy()
    return _map_of(scheme, provinces)


def provinces_state() -> tuple:
    """The state of the files :func:`cabinet.load_provinces` reads (the table, its sources, the reference tables)."""
    return full_key(dp.data_dir()), bundled_link_state("provinces")


@lru_cache(maxsize=16)
def _bundled_map(scheme: str, state) -> pd.Series:
    return _map_of(scheme, load_provinces())


def _map_of(scheme: str, prov: pd.DataFrame) -> pd.Series:
    if scheme == "ocha":
        values = prov["ocha_region"]
    elif scheme == "isaf":
        values = prov["isaf_command"]
    else:
        values = prov["isaf_command"].map(_COMMENTARY_LABELS)
    return pd.Series(list(values), index=list(prov["province"]), name="region")


def region_of(provinces: tuple[str, ...], scheme: str, mapping: pd.Series | None = None) -> tuple[str, ...]:
    """The distinct regions a tuple of candidate provinces falls in (order kept).

    A dispute between two provinces of the same region is no dispute about the region.

    Examples
    --------
    >>> region_of(("Kandahar", "Uruzgan"), "commentary")
    ('South',)
    >>> region_of(("Helmand", "Kandahar"), "commentary")
    ('Southwest', 'South')
    """
    mapping = region_map(scheme) if mapping is None else mapping
    out: list[str] = []
    for p in provinces:
        r = ABROAD if p == ABROAD else mapping[p]  # a home abroad is in no Afghan region
        if r not in out:
            out.append(r)
    return tuple(out)


def district_set(definition: str) -> dict[str, set[str]]:
    if definition == "core":
        return {}
    districts = load_hazarajat_districts()
    out: dict[str, set[str]] = {}
    for r in districts.itertuples():
        names = {fold_spelling(str(r.district))} | {fold_spelling(v) for v in str(r.name_variants or "").split(";") if v.strip()}
        out.setdefault(str(r.province), set()).update(names)
    return out


def hazarajat_of(province: tuple[str, ...], district: tuple[str, ...], definition: str = "core",
                 provinces: pd.DataFrame | None = None, districts: dict | None = None) -> tuple[str, ...]:
    """Whether an appointee's home lies in the Hazarajat, as candidate groups.

    Returns ``()`` when it cannot be told (province unknown), one group when it
    can, and both groups when the answer depends on a disputed or unknown value.

    Parameters
    ----------
    province, district : tuple of str
        Candidate provinces and districts (empty tuple = unknown).
    definition : {'core', 'extended'}
    provinces : DataFrame or dict, optional
        The provinces table, or a mapping of province to Hazarajat status.
    districts : dict, optional
        The Hazara districts of partial provinces (default: of ``definition``).

    Examples
    --------
    >>> hazarajat_of(("Bamyan",), ())
    ('Hazarajat',)
    >>> hazarajat_of(("Kandahar",), ())
    ('outside Hazarajat',)
    >>> hazarajat_of(("Ghazni",), (), definition="extended")
    ('Hazarajat', 'outside Hazarajat')
    """
    if definition not in HAZARAJAT_DEFINITIONS:
        raise ValueError(f"unknown Hazarajat definition {definition!r}; allowed: {', '.join(HAZARAJAT_DEFINITIONS)}")
    if isinstance(provinces, dict):  # province -> Hazarajat status, computed once by a caller in a loop
        status = provinces
    else:
        prov = load_provinces() if provinces is None else provinces
        status = dict(zip(prov["province"], prov["hazarajat"]))
    if districts is None:
        districts = district_set(definition)
    if not province:
        return ()
    out: list[str] = []
    for p in province:
        if p == ABROAD:  # a home abroad is not in the Hazarajat
            cands = [OUTSIDE_HAZARAJAT]
        elif status[p] == "core":
            cands = [HAZARAJAT]
        elif definition == "extended" and p in districts:
            if not district:
                cands = [HAZARAJAT, OUTSIDE_HAZARAJAT]
            else:
                cands = [HAZARAJAT if fold_spelling(d) in districts[p] else OUTSIDE_HAZARAJAT for d in district]
        else:
            cands = [OUTSIDE_HAZARAJAT]
        for c in cands:
            if c not in out:
                out.append(c)
    return tuple(out)
