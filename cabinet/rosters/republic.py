"""The Islamic Republic's last cabinet, as it stood on 14 August 2021.

The data package holds the cabinet the Taliban replaced in the form of the
2021 roster: ``republic_appointees.csv`` (identity and post, R01-R32, with
``announced`` the date each holder was in post since) and
``republic_facts.csv`` (one row per value and source). In place of the
Taliban factional ``network`` the facts carry ``party``: the political
parties, factions and camps the sources say a man belonged to (codes in
``data/codebook.md``; plural memberships allowed, as for networks).

:func:`load_republic_roster` returns the frame every analysis function takes:
the columns of :func:`cabinet.load_appointees` with

* ``party`` and ``party_sources`` added (memberships the sources date as ended
  before 2021, such as the PDPA of the 1980s, are left out of ``party``; they
  stay in the facts table);
* ``network`` set to ``not_applicable`` (the Taliban networks do not describe
  the Republic's ministers) and ``iran_aligned``, ``un_listed`` and
  ``affiliation`` left ``unknown`` (not researched for the Republic).

The loader reuses the private machinery of :mod:`cabinet.io.loaders` (the checks
of the data package, the facts-to-cells derivation) by import.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..io import datapackage as dp
from ..io import _tables as _T
from ..io import facts as _F
from ..errors import DataError
from ..io.csv_files import error_as_given
from ..io.user_files import TABLE_LOADERS

__all__ = ["load_republic_roster", "PARTY_CODES", "REPUBLIC_DATE"]

#: The day the roster describes: the eve of the fall of Kabul.
REPUBLIC_DATE = pd.Timestamp("2021-08-14")
#: A membership the sources date as ended before this year is not current on 14 August 2021.
_CURRENT_FROM = 2021

_TABLE = "republic_appointees"
_FACTS = "republic_facts"


def _party_codes() -> tuple[str, ...]:
    for f in dp.resource(_FACTS)["schema"]["fields"]:
        if f["name"] == "party":
            return tuple(f["constraints"]["enum"])
    raise ValueError("republic_facts has no party column in datapackage.json")  # pragma: no cover


#: The party codes of the codebook, in codebook order.
PARTY_CODES = _party_codes()


def _facts_for_cells(facts: pd.DataFrame) -> pd.DataFrame:
    """The Republic's facts in the columns of ``appointee_facts`` (``party`` in ``network``'s place)."""
    out = _F.with_abroad(facts).rename(columns={"party": "network"}).copy()
    for col in _F.FACT_VALUES:
        if col not in out.columns:
            out[col] = ""
    return out


def _current(facts: pd.DataFrame) -> pd.Series:
    """False for a party membership the source dates as ended before 2021 (the row is then left out)."""
    end = pd.to_numeric(facts["period_end"].replace("", None), errors="coerce")
    return ~(facts["network"].ne("") & end.lt(_CURRENT_FROM))


def _load(path: Path, home: str, exclude_weak: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The roster (plain ``attrs``) and the values normalised on reading it."""
    folder = path.parent
    refs_key = _T.full_key(_T.folder_of(path))
    ident, normalised, lines, _ = _T.checked_table(_TABLE, path, refs_key)
    facts_path = folder / dp.resource(_FACTS)["path"]
    if not facts_path.is_file():
        raise DataError([_F.missing_facts(path, _TABLE, _FACTS)])
    raw_facts, facts_norm, _, _ = _T.checked_table(_FACTS, facts_path, _T.facts_key(folder, _TABLE, path))
    facts = _facts_for_cells(raw_facts)
    _F.coverage_appointments(_TABLE, ident, facts, facts_path, lines)
    facts = facts[_current(facts)].reset_index(drop=True)
    long = pd.concat([_F.melt_facts(facts), _F.appointment_sources(facts)], ignore_index=True)
    long = long.sort_values("_row", kind="stable").reset_index(drop=True)
    long["field"] = long["field"].fillna("")
    if exclude_weak:
        info = _F.source_info(_T.folder_of(path))
        tagged = long["field"].ne("")
        weak = pd.Series(False, index=long.index)
        weak[tagged] = _F.weak_values(long[tagged], info)
        long = long[~weak]
    wide = _F.wide_from_facts(ident, long, home)
    wide["party"] = wide["network"]
    wide["party_sources"] = wide["network_sources"]
    wide["network"] = "not_applicable"
    wide["network_sources"] = ""
    wide["inferred_fields"] = [";".join("party" if c == "network" else c for c in s.split(";") if c)
                               for s in wide["inferred_fields"]]
    typed = _T.type_columns(dp.schema("appointees")["fields"], wide)
    typed["party"] = typed["party"].astype(object)
    typed["party_sources"] = typed["party_sources"].astype(object)
    cols = list(dp.field_names("appointees"))
    at = cols.index("network_sources") + 1
    typed = typed[cols[:at] + ["party", "party_sources"] + cols[at:]]
    typed.attrs = {"source_file": str(path), "table": _TABLE, "home": home, "exclude_weak": bool(exclude_weak),
                   "as_of": str(REPUBLIC_DATE.date()), "roster": "republic-2021"}
    return typed, pd.concat([normalised, facts_norm], ignore_index=True)


def load_republic_roster(path=None, *, home: str = "any", exclude_weak: bool = False) -> pd.DataFrame:
    """Load the Islamic Republic's last cabinet, as it stood on 14 August 2021.

    Parameters
    ----------
    path : str or os.PathLike, optional
        A ``republic_appointees.csv`` of a data package (default: the bundled
        one); its facts are read from ``republic_facts.csv`` beside it.
    home : {"any", "birth", "origin", "stated"}
        The sense of home in ``province`` and ``district``, as in
        :func:`cabinet.load_appointees`.
    exclude_weak : bool
        Default False. True leaves out every value that rests only on sources
        of class ``low``.

    Returns
    -------
    pandas.DataFrame
        One row per post holder (32), in the columns of
        :func:`cabinet.load_appointees` plus ``party`` (plural tag cell of
        :data:`PARTY_CODES`, memberships current in 2021) and
        ``party_sources``. ``network`` is ``not_applicable``; ``iran_aligned``,
        ``un_listed`` and ``affiliation`` are ``unknown``. ``announced`` is
        the date the holder was in post since. ``attrs["roster"]`` is
        ``"republic-2021"``.

    Raises
    ------
    ValueError
        On an unknown ``home``.
    DataError
        Listing every problem in the files (file, line, column, value, what
        is allowed).

    Examples
    --------
    >>> roster = load_republic_roster()
    >>> len(roster)
    32
    >>> roster.set_index("appointment_id").loc["R03", ["province", "ethnicity"]].tolist()
    ['Daykundi', 'Hazara']
    >>> roster.set_index("appointment_id").loc["R07", "party"]
    'right_and_justice'
    """
    _F.check_home(home)
    given = path
    path = Path(path) if path is not None else _T.bundled_path(_TABLE)
    try:
        out, normalised = _load(path, home, bool(exclude_weak))
    except DataError as err:  # files named as the user named them, not as resolved
        raise error_as_given(err, given) from None
    _T.announce_normalised(out, path, normalised, stacklevel=3)
    return out


def _load_facts_table(path=None) -> pd.DataFrame:
    """``republic_facts.csv`` checked against its schema and ``republic_appointees.csv`` (for ``cabinet validate``)."""
    p = Path(path) if path is not None else _T.bundled_path(_FACTS)
    frame = _T.load_table(_FACTS, p, _T.facts_key(p.parent, _TABLE))
    return frame


# ``cabinet validate`` loads each table of the package with the loader registered for it.
TABLE_LOADERS["republic_appointees"] = load_republic_roster
TABLE_LOADERS["republic_facts"] = _load_facts_table
