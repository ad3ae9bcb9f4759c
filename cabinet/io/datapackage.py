"""The data package descriptor (``data/datapackage.json``) and where the data live.

``datapackage.json`` is the one source of truth for the schema: column names,
types, ``enum`` constraints, keys. Everything in cabinet that needs to know what
a column may hold asks this module, which reads the descriptor.

Two schemas exist for some tables. The *stored* schema (``resource(name)["schema"]``)
describes the CSV file in the data package: the appointment tables hold identity
and post only, their facts live in long tables (``appointee_facts``,
``later_facts``), and the source lists of the reference tables in link tables
(``province_sources``, ...). The *loaded* schema (:func:`schema`) describes the
frame a ``load_*`` function returns: for the appointment tables the wide form of
``cabinet:roster`` (one tag cell per tag column), for the reference tables the
stored columns plus ``source_ids``. :func:`field`, :func:`field_names` and
:func:`enum` answer about the loaded form.

The bundled data are found next to the installed package (``cabinet/data`` in
a wheel) or, in a source checkout, in the repository's top-level ``data/``.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources as _resources
from pathlib import Path

from ..tags import DISPUTE_SEP, LIST_SEP, PLURAL_SEP, UNKNOWN

__all__ = [
    "UNKNOWN",
    "CANDIDATE_SEP",
    "DISPUTE_SEP",
    "PLURAL_SEP",
    "LIST_SEP",
    "FACTS_TABLES",
    "schema",
    "stored_field_names",
    "link_table",
    "roster_schema",
    "data_dir",
    "descriptor",
    "resource",
    "resource_names",
    "field",
    "field_names",
    "enum",
    "sources_field",
]

#: The separator of a dispute under its older name (the tag grammar lives in :mod:`cabinet.tags`).
CANDIDATE_SEP = DISPUTE_SEP


#: The long facts table of each appointment table.
FACTS_TABLES = {"appointees": "appointee_facts", "later_appointments": "later_facts"}


def data_dir() -> Path:
    """Return the folder holding the bundled data package.

    Returns
    -------
    pathlib.Path
        ``cabinet/data`` inside an installed wheel, else ``<checkout>/data``.

    Examples
    --------
    >>> (data_dir() / "datapackage.json").is_file()
    True
    """
    packaged = _resources.files("cabinet").joinpath("data")
    if packaged.is_dir() and packaged.joinpath("datapackage.json").is_file():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parents[2] / "data"
    if (checkout / "datapackage.json").is_file():
        return checkout
    raise FileNotFoundError(
        "cabinet's bundled data were not found: neither cabinet/data (installed wheel) "
        f"nor {checkout} (source checkout) holds datapackage.json"
    )


@lru_cache(maxsize=1)
def descriptor() -> dict:
    """Return the parsed ``datapackage.json`` (cached; do not mutate it)."""
    with open(data_dir() / "datapackage.json", encoding="utf-8") as fh:
        return json.load(fh)


def resource_names() -> list[str]:
    """Names of the tables the data package describes, in descriptor order.

    Examples
    --------
    >>> "appointees" in resource_names()
    True
    """
    return [r["name"] for r in descriptor()["resources"]]


def resource(name: str) -> dict:
    """Return the descriptor of table ``name``.

    Raises
    ------
    ValueError
        If there is no such table; the message lists the tables there are.
    """
    for r in descriptor()["resources"]:
        if r["name"] == name:
            return r
    raise ValueError(f"no table {name!r} in the data package; allowed: {', '.join(resource_names())}")


def roster_schema() -> dict:
    """The wide form of an appointments table (``cabinet:roster`` in the descriptor).

    Examples
    --------
    >>> [f["name"] for f in roster_schema()["fields"]][8:10]
    ['birth_province', 'birth_province_sources']
    """
    return descriptor()["cabinet:roster"]


def link_table(name: str) -> str | None:
    """The link table holding the sources of table ``name`` (``province_sources`` for ``provinces``), if any.

    Examples
    --------
    >>> link_table("provinces")
    'province_sources'
    >>> link_table("sources") is None
    True
    """
    for r in descriptor()["resources"]:
        if r.get("cabinet:sources_of") == name:
            return r["name"]
    return None


@lru_cache(maxsize=None)
def _loaded_schema(name: str) -> dict:
    if name in FACTS_TABLES:
        return roster_schema()
    stored = resource(name)["schema"]
    if link_table(name) is None:
        return stored
    fields = list(stored["fields"])
    at = next((j for j, f in enumerate(fields) if f["name"] == "notes"), len(fields))
    src = {"name": "source_ids", "type": "string", "cabinet:source_list": True,
           "description": f"Source ids of the row, separated by ';' (from {link_table(name)}.csv)."}
    return {**stored, "fields": fields[:at] + [src] + fields[at:]}


def schema(name: str) -> dict:
    """The schema of the frame ``load_<name>()`` returns (see the module docstring).

    Examples
    --------
    >>> "network" in [f["name"] for f in schema("appointees")["fields"]]
    True
    >>> "network" in [f["name"] for f in resource("appointees")["schema"]["fields"]]
    False
    """
    resource(name)  # raises with the allowed names
    return _loaded_schema(name)


def stored_field_names(name: str) -> list[str]:
    """Column names of the CSV file of table ``name`` in the data package, in order."""
    return [f["name"] for f in resource(name)["schema"]["fields"]]


def field_names(name: str) -> list[str]:
    """Column names of the frame ``load_<name>()`` returns, in order."""
    return [f["name"] for f in schema(name)["fields"]]


def field(name: str, column: str) -> dict:
    """Return the schema of one column of the frame ``load_<name>()`` returns."""
    for f in schema(name)["fields"]:
        if f["name"] == column:
            return f
    raise ValueError(
        f"table {name!r} has no column {column!r}; allowed: {', '.join(field_names(name))}"
    )


def enum(name: str, column: str) -> list[str]:
    """The allowed values of a categorical column, as the descriptor lists them.

    Examples
    --------
    >>> enum("appointees", "position_class")[:2]
    ['prime_minister', 'deputy_prime_minister']
    """
    values = field(name, column).get("constraints", {}).get("enum")
    if values is None:
        raise ValueError(f"column {column!r} of table {name!r} has no enum constraint")
    return list(values)


def sources_field(name: str, column: str) -> str | None:
    """The column holding the source ids of ``column``, if it has one.

    Examples
    --------
    >>> sources_field("appointees", "province")
    'province_sources'
    """
    return field(name, column).get("cabinet:sources_field")
