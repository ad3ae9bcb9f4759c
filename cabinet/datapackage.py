"""The data package descriptor (``data/datapackage.json``) and where the data live.

``datapackage.json`` is the one source of truth for the schema: column names,
types, ``enum`` constraints, keys. Everything in cabinet that needs to know what
a column may hold asks this module, which reads the descriptor.

The bundled data are found next to the installed package (``cabinet/data`` in
a wheel) or, in a source checkout, in the repository's top-level ``data/``.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources as _resources
from pathlib import Path

__all__ = [
    "UNKNOWN",
    "CANDIDATE_SEP",
    "LIST_SEP",
    "data_dir",
    "descriptor",
    "resource",
    "resource_names",
    "field",
    "field_names",
    "enum",
    "sources_field",
]

#: The value every tag column uses for "no source states it".
UNKNOWN = "unknown"
#: Separates the candidates of a disputed value (``Kandahar|Uruzgan``).
CANDIDATE_SEP = "|"
#: Separates the items of a list cell (``src_a;src_b``).
LIST_SEP = ";"


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
    checkout = Path(__file__).resolve().parent.parent / "data"
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


def field_names(name: str) -> list[str]:
    """Column names of table ``name`` in schema order."""
    return [f["name"] for f in resource(name)["schema"]["fields"]]


def field(name: str, column: str) -> dict:
    """Return the schema of one column of table ``name``."""
    for f in resource(name)["schema"]["fields"]:
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
