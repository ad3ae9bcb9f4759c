"""Reading and checking data: the data package's schema, CSV files, tables, facts and users' own files.

Everything here reads and checks files against ``datapackage.json``; nothing here analyses them.

=====================  =====================================================================
``datapackage``        the descriptor: tables, fields, separators, the bundled folder
``csv_files``          reading a CSV file's bytes, rows and header, with every problem found
``validation``         checking a table against its schema (types, patterns, foreign keys)
``wide_form``          the rules of a roster written in the wide form (its tags in its own cells)
``_tables``            the machinery under every loader: checking, typing, caching, sources joined
``facts``              the facts tables (one row per value and source) and their derivation
``reference_tables``   sources, provinces, tribes, districts, estimates, tallies, events
``loaders``            the appointments tables of the data package (the 33, the later ones)
``user_files``         :func:`validate` and rosters of any body (:func:`load_user_roster`)
``disk_cache``         the bundled tables as checked, kept on disk so a fresh process need not check them again
``fileio``             atomic writes, and :func:`spreadsheet_safe` for CSV opened in a spreadsheet
=====================  =====================================================================
"""

from .facts import load_facts, value_support
from .fileio import spreadsheet_safe
from .loaders import announcement_dates, load_appointees, load_later_appointments
from .reference_tables import (
    load_ethnic_estimates,
    load_events,
    load_hazarajat_districts,
    load_provinces,
    load_published_tallies,
    load_sources,
    load_tribes,
)
from .user_files import TABLE_LOADERS, is_appointees_header, load_user_roster, validate

__all__ = [
    "TABLE_LOADERS",
    "announcement_dates",
    "is_appointees_header",
    "load_appointees",
    "load_ethnic_estimates",
    "load_events",
    "load_facts",
    "load_hazarajat_districts",
    "load_later_appointments",
    "load_provinces",
    "load_published_tallies",
    "load_sources",
    "load_tribes",
    "load_user_roster",
    "spreadsheet_safe",
    "validate",
    "value_support",
]
