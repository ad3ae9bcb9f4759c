"""The ``cabinet`` command line.

Every command prints tables (``--format table``, the default), CSV or JSON with
the same columns as the Python functions. Errors in the data or in the
arguments print a clear message and exit with status 1 (bad data, missing
file) or 2 (bad usage); no traceback reaches the user.
"""

from __future__ import annotations

import argparse
import sys

__all__ = ["main", "build_parser"]

FORMATS = ("table", "csv", "json")


class UsageError(Exception):
    """A bad argument value: exit status 2."""


def _emit(frame, fmt: str, out) -> None:
    import pandas as pd

    if fmt == "csv":
        out.write(frame.to_csv(index=False, lineterminator="\n"))
    elif fmt == "json":
        out.write(frame.to_json(orient="records", date_format="iso", indent=2, force_ascii=False))
        out.write("\n")
    else:
        with pd.option_context("display.max_rows", None, "display.max_columns", None,
                               "display.width", 200, "display.max_colwidth", 60):
            out.write(frame.to_string(index=False))
            out.write("\n")


def _cmd_validate(args, out) -> int:
    from .loaders import validate

    summary = validate(args.paths or None, table=args.table)
    rows = int(summary["rows"].sum())
    normalised = int(summary["normalised"].sum())
    by_table = {r.table: r.rows for r in summary.itertuples()}
    extra = ""
    if "appointees" in by_table:
        extra = f" ({by_table['appointees']} appointees"
        if "later_appointments" in by_table:
            extra += f", {by_table['later_appointments']} later appointments"
        if "sources" in by_table:
            extra += f", {by_table['sources']} sources"
        extra += ")"
    note = f"; {normalised} value(s) normalised" if normalised else ""
    out.write(f"valid: {len(summary)} table(s), {rows} rows{extra}{note}\n")
    return 0


COMMANDS = {"validate": _cmd_validate}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``cabinet`` command."""
    parser = argparse.ArgumentParser(
        prog="cabinet",
        description="Measure who holds power in Afghanistan's 2021 Taliban caretaker government.",
    )
    from . import __version__

    parser.add_argument("--version", action="version", version=f"cabinet {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    p = sub.add_parser("validate", help="check the bundled data package or the given files",
                       description="Check data files against data/datapackage.json. Exit 0 with a one-line "
                                   "summary when valid, 1 with every problem listed when not.")
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="CSV files (recognised by name, e.g. appointees.csv) or folders holding a data package; "
                        "default: the bundled data")
    from .datapackage import resource_names

    p.add_argument("--table", choices=resource_names(), help="treat every PATH as this table")
    return parser


def main(argv=None, out=None, err=None) -> int:
    """Run the command line; return the exit status (never raises on bad input)."""
    from .errors import DataError

    out = out or sys.stdout
    err = err or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        return COMMANDS[args.command](args, out)
    except DataError as exc:
        err.write(f"cabinet {args.command}: invalid data\n{exc}\n")
        return 1
    except UsageError as exc:
        err.write(f"cabinet {args.command}: {exc}\n")
        return 2
    except (ValueError, KeyError) as exc:
        err.write(f"cabinet {args.command}: {exc}\n")
        return 2
    except OSError as exc:
        name = f" {exc.filename}" if getattr(exc, "filename", None) else ""
        err.write(f"cabinet {args.command}: cannot read or write{name}: {exc.strerror or exc}\n")
        return 1
    except KeyboardInterrupt:
        err.write("interrupted\n")
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
