"""cabinet: who holds power in Afghanistan's 2021 Taliban caretaker government.

The bundled data package holds the 33 appointees announced on 7 September
2021, the later appointments and the departures from posts to the latest date
the sources allow (February 2026), each tag with its sources; the
functions here measure how far the cabinet is from the population and test
the claims of Giustozzi's RUSI commentary. Plotting lives in
:mod:`cabinet.plots`, imported only when used.
"""

from .errors import DataError, NormalisationWarning, Problem
from .fileio import spreadsheet_safe
from .loaders import (
    announcement_dates,
    load_appointees,
    load_ethnic_estimates,
    load_events,
    load_facts,
    load_hazarajat_districts,
    load_later_appointments,
    load_provinces,
    load_published_tallies,
    load_sources,
    load_tribes,
    value_support,
)
from .user_files import load_user_roster, validate

from .departures import change_dates, load_departures
from .roster_over_time import load_roster
from .republic import load_republic_roster
from .rosters import ROSTER_NAMES, load_named_roster
from .representation import representation, representation_over_time
from .gaps import hazarajat_gap, helmandi_networks_gap, west_southwest_gap
from .claim_likelihood import claim_probabilities
from .claims import claims
from .assumptions import estimates, gap_estimates
from .disproportionality import disproportionality
from .clustering import clustering_sensitivity, headline_sensitivity
from .comparison import compare
from .movement import load_movement_manpower, load_movement_pool
from .movement_baselines import movement_baseline
from .yardsticks import movement_draw, movement_predictive, yardstick_table
from .indices import (
    dhondt,
    effective_number,
    gallagher,
    golosov,
    lijphart,
    loosemore_hanby,
    rae,
    rose,
    sainte_lague,
)

__version__ = "0.2.0"


def __getattr__(name):
    # Plotting pulls in matplotlib: load it only when asked for (cabinet.plots, cabinet.charts).
    if name in ("plots", "charts"):
        import importlib

        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "DataError",
    "NormalisationWarning",
    "Problem",
    "announcement_dates",
    "change_dates",
    "load_departures",
    "load_appointees",
    "load_ethnic_estimates",
    "load_events",
    "load_facts",
    "load_hazarajat_districts",
    "load_later_appointments",
    "load_provinces",
    "load_published_tallies",
    "load_roster",
    "load_sources",
    "load_tribes",
    "load_user_roster",
    "validate",
    "value_support",
    "load_republic_roster",
    "ROSTER_NAMES",
    "load_named_roster",
    "compare",
    "representation",
    "representation_over_time",
    "west_southwest_gap",
    "hazarajat_gap",
    "helmandi_networks_gap",
    "claims",
    "claim_probabilities",
    "estimates",
    "gap_estimates",
    "disproportionality",
    "clustering_sensitivity",
    "headline_sensitivity",
    "loosemore_hanby",
    "rose",
    "gallagher",
    "rae",
    "sainte_lague",
    "dhondt",
    "lijphart",
    "effective_number",
    "golosov",
    "load_movement_pool",
    "load_movement_manpower",
    "movement_baseline",
    "movement_draw",
    "yardstick_table",
    "movement_predictive",
    "spreadsheet_safe",
]
