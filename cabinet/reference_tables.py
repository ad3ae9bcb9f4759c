"""Loaders of the reference tables: sources, provinces, tribes, Hazarajat districts,
ethnic estimates, published tallies and dated events.

Each returns the table typed as ``datapackage.json`` says, with its sources
as a ``;``-separated ``sources`` column where the table has a link table.
"""

from __future__ import annotations

import pandas as pd

from ._tables import _folder_of, _full_key, _load, _sources_key


__all__ = [
    "load_sources",
    "load_provinces",
    "load_tribes",
    "load_hazarajat_districts",
    "load_ethnic_estimates",
    "load_published_tallies",
    "load_events",
]

def load_sources(path=None) -> pd.DataFrame:
    """Load the sources table: one row per public source cited in the data.

    Returns
    -------
    pandas.DataFrame
        Columns ``source_id``, ``title``, ``publisher``, ``date``, ``url``,
        ``class`` (official, sanctions, research, news, reference, low),
        ``copy_of`` (the source this one copies) and ``wire`` (the wire agency
        whose story it carries).

    Examples
    --------
    >>> src = load_sources()
    >>> src["source_id"].is_unique
    True
    """
    return _load("sources", path)


def load_provinces(path=None) -> pd.DataFrame:
    """Load the 34 provinces with their codes, region schemes and populations.

    Returns
    -------
    pandas.DataFrame
        Columns as in ``datapackage.json``: ``province``, ``name_variants``,
        ``iso_code``, ``ocha_pcode``, ``isaf_command``, ``ocha_region``,
        ``hazarajat``, ``population_nsia_1398``, ``population_nsia_1400``,
        ``nsia_1400_precision``, ``source_ids`` (joined from
        ``province_sources.csv``), ``notes``.

    Examples
    --------
    >>> prov = load_provinces()
    >>> len(prov), int(prov["population_nsia_1398"].sum())
    (34, 30725560)
    """
    return _load("provinces", path, _sources_key(_folder_of(path)))


def load_tribes(path=None) -> pd.DataFrame:
    """Load the tribes named in the roster and their confederations."""
    return _load("tribes", path, _sources_key(_folder_of(path)))


def load_hazarajat_districts(path=None) -> pd.DataFrame:
    """Load the Hazara-majority districts counted by the extended Hazarajat."""
    return _load("hazarajat_districts", path, _full_key(_folder_of(path)))


def load_ethnic_estimates(path=None) -> pd.DataFrame:
    """Load the published estimates of Afghanistan's ethnic composition.

    Returns
    -------
    pandas.DataFrame
        One row per (``estimate_id``, ``group``) with ``share_low`` and
        ``share_high`` in percent, ``year``, ``basis`` and ``source_ids``.
    """
    return _load("ethnic_estimates", path, _sources_key(_folder_of(path)))


def load_published_tallies(path=None) -> pd.DataFrame:
    """Load the tallies of the 33 that the press and analysts published."""
    return _load("published_tallies", path, _sources_key(_folder_of(path)))


def load_events(path=None) -> pd.DataFrame:
    """Load the dated events (announcement, commentary date, later waves)."""
    return _load("events", path, _sources_key(_folder_of(path)))
