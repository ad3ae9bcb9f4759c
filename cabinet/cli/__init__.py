"""The ``cabinet`` command line: one command per function of the package.

=============  ======================================================================
``commands``   the parser and the commands: validate, gaps, claims, indices, charts, report
``compare``    the ``compare`` command
``options``    the options every command shares, each defined once (``--roster``, ...)
``output``     how tables and errors are printed (table, CSV or JSON; exit statuses)
=============  ======================================================================
"""

from .commands import build_parser, main

__all__ = ["main", "build_parser"]
