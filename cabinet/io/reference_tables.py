"""Loaders of the reference tables: sources, provinces, tribes, Hazarajat districts,
ethnic estimates, published tallies and dated events.

Each returns the table typed as ``datapackage.json`` says, with its sources
as a ``;``-separated ``sources`` column where the table has a link table.
"""

from __future__ import annotations

import pandas as pd

from ._tables import folder_of, full_key, load_table, sources_key


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
    return load_table("sources", path)


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
    return load_table("provinces", path, sources_key(folder_of(path)))


def load_tribes(path=None) -> pd.DataFrame:
    """Load the tribes named in the roster and their confederations.

    Parameters
    ----------
    path : str or os.PathLike, optional
        A ``tribes.csv`` of the same form (default: the bundled one). Its
        folder's ``tribe_sources.csv`` supplies ``source_ids``.

    Returns
    -------
    pandas.DataFrame
        One row per tribe: ``tribe``, ``name_variants`` (``;``-separated),
        ``confederation`` (Durrani, Ghilzai, ...), ``source_ids`` and ``notes``.

    Examples
    --------
    >>> tribes = load_tribes().set_index("tribe")
    >>> tribes.loc[["Ishaqzai", "Alizai"], "confederation"].tolist()  # the Helmandi networks' tribes
    ['Durrani', 'Durrani']
    """
    return load_table("tribes", path, sources_key(folder_of(path)))


def load_hazarajat_districts(path=None) -> pd.DataFrame:
    """Load the Hazara-majority districts counted by the extended Hazarajat.

    Parameters
    ----------
    path : str or os.PathLike, optional
        A ``hazarajat_districts.csv`` of the same form (default: the bundled
        one), with its ``hazarajat_district_sources.csv`` beside it.

    Returns
    -------
    pandas.DataFrame
        One row per district outside Bamyan and Daykundi: ``province``,
        ``district``, ``name_variants``, ``source_ids`` and ``notes``.

    Examples
    --------
    >>> districts = load_hazarajat_districts()
    >>> sorted(districts["province"].unique())
    ['Ghazni', 'Ghor', 'Maidan Wardak', 'Parwan', 'Uruzgan']
    """
    return load_table("hazarajat_districts", path, full_key(folder_of(path)))


def load_ethnic_estimates(path=None) -> pd.DataFrame:
    """Load the published estimates of Afghanistan's ethnic composition.

    Parameters
    ----------
    path : str or os.PathLike, optional
        An ``ethnic_estimates.csv`` of the same form (default: the bundled
        one), with its ``ethnic_estimate_sources.csv`` beside it.

    Returns
    -------
    pandas.DataFrame
        One row per (``estimate_id``, ``group``) with ``share_low`` and
        ``share_high`` in percent, ``label``, ``year``, ``basis``,
        ``source_ids`` and ``notes``.

    Examples
    --------
    >>> est = load_ethnic_estimates()
    >>> cia = est[est["estimate_id"] == "cia_wfb_2010"]
    >>> cia.loc[cia["group"] == "Pashtun", "share_low"].item(), float(cia["share_low"].sum())  # 42+27+9+9+4+3+2+4
    (42.0, 100.0)
    """
    return load_table("ethnic_estimates", path, sources_key(folder_of(path)))


def load_published_tallies(path=None) -> pd.DataFrame:
    """Load the tallies that the press and analysts published of a cabinet's make-up.

    Parameters
    ----------
    path : str or os.PathLike, optional
        A ``published_tallies.csv`` of the same form (default: the bundled one).

    Returns
    -------
    pandas.DataFrame
        One row per published count: ``tally_id``, ``roster`` (the roster it counts,
        e.g. ``taliban-2021``), ``dimension``, ``group``, ``count``,
        ``of_total``, ``source_id`` and ``notes``. ``tests/io/test_published_tallies.py``
        checks each against the bounds of the roster it counts.

    Examples
    --------
    >>> t = load_published_tallies()
    >>> regions = t[t["tally_id"].str.startswith("prothomalo_region")]
    >>> regions["count"].tolist(), int(regions["of_total"].iloc[0])  # 15 + 10 + 5 + 3 = 33
    ([15, 10, 5, 3], 33)
    """
    return load_table("published_tallies", path, sources_key(folder_of(path)))


def load_events(path=None) -> pd.DataFrame:
    """Load the dated events (announcement, commentary date, later waves).

    Parameters
    ----------
    path : str or os.PathLike, optional
        An ``events.csv`` of the same form (default: the bundled one), with
        its ``event_sources.csv`` beside it.

    Returns
    -------
    pandas.DataFrame
        One row per event: ``event_id``, ``date`` (datetime), ``description``
        and ``source_ids``.

    Examples
    --------
    >>> events = load_events().set_index("event_id")
    >>> str(events.loc["press_conference", "date"].date())
    '2021-09-07'
    """
    return load_table("events", path, sources_key(folder_of(path)))
