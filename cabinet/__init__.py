"""cabinet: who holds power in Afghanistan's 2021 Taliban caretaker government.

The bundled data package holds the 33 appointees announced on 7 September
2021, the later appointments and the departures from posts to the latest date
the sources allow (February 2026), each tag with its sources; the
functions here measure how far the cabinet is from the population and test
the claims of Giustozzi's RUSI commentary.

The names here are the public API (:data:`__all__`). The folders hold the rest:
:mod:`cabinet.io` (reading and checking the data: every table's loader),
:mod:`cabinet.rosters` (the registry of rosters), :mod:`cabinet.indices` (the
disproportionality indices), :mod:`cabinet.plots` and :mod:`cabinet.report`
(charts and the report; they import matplotlib and are loaded when first used).
"""

from . import indices, io, rosters
from .errors import DataError, NormalisationWarning, Problem
from .io import load_user_roster, validate
from .rosters import ROSTERS, change_dates, load_roster
from .representation import representation, representation_over_time
from .gaps import hazarajat_gap, helmandi_networks_gap, west_southwest_gap
from .claim_likelihood import claim_probabilities
from .claims import claims
from .assumptions import estimates, gap_estimates
from .disproportionality import disproportionality
from .clustering import clustering_sensitivity, headline_sensitivity
from .comparison import compare
from .movement_baselines import movement_baseline
from .yardsticks import movement_draw, movement_predictive, yardstick_table

def _version() -> str:
    """The version of this copy of the package: its installed metadata, or in a source checkout its pyproject.toml.

    An editable install's metadata is a snapshot taken when it was installed; the checkout's
    ``pyproject.toml`` is what that metadata is made from, so a checkout reads it directly.
    """
    from pathlib import Path

    project = Path(__file__).resolve().parent.parent / "pyproject.toml"
    if project.is_file():
        import tomllib

        meta = tomllib.loads(project.read_text(encoding="utf-8")).get("project", {})
        if meta.get("name") == "afghan-cabinet":
            return str(meta["version"])
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("afghan-cabinet")
    except PackageNotFoundError:  # a copy of the folder on the path, neither installed nor a checkout
        return "0+unknown"


__version__ = _version()

#: Names kept for one release (removed in 0.4.0): name -> (module, attribute, what to use instead).
_DEPRECATED = {
    "load_appointees": ("cabinet.io.loaders", "load_appointees",
                        "cabinet.load_roster('taliban-2021') for the roster, or cabinet.io.load_appointees(path) for "
                        "the table"),
    **rosters.DEPRECATED_NAMES,  # the loaders of named rosters of earlier versions
    "charts": ("cabinet.report", "charts", "cabinet.report (write_charts, CHARTS)"),
    **{name: ("cabinet.io", name, f"cabinet.io.{name}") for name in (
        "announcement_dates", "load_ethnic_estimates", "load_events", "load_facts", "load_hazarajat_districts",
        "load_later_appointments", "load_provinces", "load_published_tallies", "load_sources", "load_tribes",
        "value_support")},
    **{name: ("cabinet.rosters", name, f"cabinet.rosters.{name}") for name in (
        "load_departures", "load_movement_pool", "load_movement_manpower")},
    **{name: ("cabinet.indices", name, f"cabinet.indices.{name}") for name in (
        "dhondt", "effective_number", "gallagher", "golosov", "lijphart", "loosemore_hanby", "rae", "rose",
        "sainte_lague")},
}


def __getattr__(name):
    import importlib

    # Plotting pulls in matplotlib: load it only when asked for (cabinet.plots, cabinet.report).
    if name in ("plots", "report"):
        return importlib.import_module(f"{__name__}.{name}")
    if name in ("write_charts", "write_report"):
        return getattr(importlib.import_module(f"{__name__}.report"), name)
    if name in _DEPRECATED:
        import warnings

        module, attr, instead = _DEPRECATED[name]
        warnings.warn(f"cabinet.{name} is deprecated and will be removed in 0.4.0; use {instead}",
                      DeprecationWarning, stacklevel=2)
        value = getattr(importlib.import_module(module), attr)
        return value() if name == "ROSTER_NAMES" else value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | {"plots", "report", "write_charts", "write_report"})


__all__ = [
    # errors
    "DataError",
    "NormalisationWarning",
    "Problem",
    # rosters and data
    "ROSTERS",
    "load_roster",
    "load_user_roster",
    "change_dates",
    "validate",
    # representation and the named gaps
    "representation",
    "representation_over_time",
    "west_southwest_gap",
    "hazarajat_gap",
    "helmandi_networks_gap",
    "compare",
    "disproportionality",
    # the commentary's claims and estimates under assumptions
    "claims",
    "claim_probabilities",
    "estimates",
    "gap_estimates",
    "clustering_sensitivity",
    "headline_sensitivity",
    # the movement's own yardstick
    "movement_baseline",
    "movement_draw",
    "movement_predictive",
    "yardstick_table",
    # output (loaded when first used: matplotlib)
    "write_charts",
    "write_report",
]
