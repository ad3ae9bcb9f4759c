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
#: Long text columns left out of the human-readable table (csv and json keep them).
_WIDE = ("baseline_label", "baseline_sources", "baseline_note", "members", "possible_members", "reference", "claim")


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
        wide = [c for c in _WIDE if c in frame.columns]
        shown = frame.drop(columns=wide)
        with pd.option_context("display.max_rows", None, "display.max_columns", None,
                               "display.width", 250, "display.max_colwidth", 70, "display.precision", 4):
            out.write(shown.to_string(index=False))
            out.write("\n")
        if wide:
            out.write(f"(not shown: {', '.join(wide)}; use --format csv or json for every column)\n")


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


def _as_of_2021(as_of):
    """Check an --as-of value: a real date in 2021 (the data cover 2021)."""
    if as_of is None:
        return None
    from .loaders import _parse_date

    when = _parse_date(as_of, "--as-of")
    if when.year != 2021:
        raise UsageError(f"--as-of must be a date in 2021 (the data cover 2021); got {as_of}")
    return when


def _roster(args):
    from .loaders import load_roster

    as_of = getattr(args, "as_of", None)
    _as_of_2021(as_of)
    path = getattr(args, "roster", None)
    if path is not None:
        from .loaders import _is_appointees_header, load_user_roster

        if not _is_appointees_header(path):
            if as_of is not None:
                raise UsageError("--as-of needs a roster in the format of data/appointees.csv (with announcement dates)")
            return load_user_roster(path)
    return load_roster(as_of=as_of, path=path)


def _baseline_arg(value):
    """A baseline name, or a CSV file of group,share."""
    if value is None:
        return None
    from pathlib import Path

    if value.endswith(".csv") or Path(value).is_file():
        return _read_baseline_csv(value)
    return value


def _read_baseline_csv(path):
    import pandas as pd

    from .errors import DataError, Problem
    from .validation import read_csv

    raw = read_csv(path)
    problems = list(raw.problems)
    if not problems and [h.strip() for h in raw.header[:2]] != ["group", "share"]:
        problems.append(Problem(str(path), 1, None, ",".join(raw.header), "a baseline file needs the columns group,share",
                                allowed="a header 'group,share' then one row per group"))
    values = {}
    for line, row in zip(raw.lines, raw.rows):
        if problems and not values and line == 1:
            break
        if len(row) < 2:
            problems.append(Problem(str(path), line, None, ",".join(row), "row needs a group and a share"))
            continue
        try:
            values[row[0].strip()] = float(row[1])
        except ValueError:
            problems.append(Problem(str(path), line, "share", row[1], "not a number", allowed="a number such as 0.25"))
    if problems:
        raise DataError(problems)
    return pd.Series(values)


def _cmd_gaps(args, out) -> int:
    from .representation import representation

    table = representation(_roster(args), args.by, scheme=args.scheme, baseline=_baseline_arg(args.baseline),
                           weights=args.weights, hazarajat=args.hazarajat)
    _emit(table, args.format, out)
    return 0


def _cmd_claims(args, out) -> int:
    from .claims import claims
    from .loaders import load_later_appointments

    roster = _roster(args) if args.roster else None
    later = load_later_appointments()
    when = _as_of_2021(args.as_of)
    if when is not None:
        later = later[later["announced"] <= when]
    _emit(claims(roster, later, hazarajat=args.hazarajat), args.format, out)
    return 0


def _cmd_indices(args, out) -> int:
    from .disproportionality import disproportionality

    table = disproportionality(_roster(args), args.by, _baseline_arg(args.baseline), scheme=args.scheme,
                               hazarajat=args.hazarajat, weights=args.weights, n_draws=args.draws, seed=args.seed)
    _emit(table, args.format, out)
    return 0


def _appointees_form(args, command):
    """Charts and the report draw Afghan regions, networks and claims: they need the appointees form."""
    if args.roster:
        from .loaders import _is_appointees_header

        if not _is_appointees_header(args.roster):
            raise UsageError(f"{command} needs a roster in the form of data/appointees.csv (see data/codebook.md); "
                             "for a roster of another body use 'cabinet gaps' or 'cabinet indices'")


def _is_appointees(path) -> bool:
    from .loaders import _is_appointees_header

    return _is_appointees_header(path)


def _cmd_charts(args, out) -> int:
    from .charts import FORMATS, write_charts

    formats = [f.strip().lower() for f in args.format.split(",") if f.strip()]
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise UsageError(f"unknown chart format(s) {', '.join(bad) or '(none)'}; allowed: {', '.join(FORMATS)}, "
                         "comma-separated")
    _as_of_2021(args.as_of)

    def progress(line):
        out.write(line.rstrip("\n") + "\n")
        out.flush()

    if args.by is not None or (args.roster and not _is_appointees(args.roster)):
        # a roster of any body: the charts that fit any grouping (gap and disproportionality)
        from .charts import write_roster_charts

        if args.by is None:
            raise UsageError("charts for a roster of another body (not in the form of data/appointees.csv) need "
                             "--by COLUMN (a column of your --roster) and, to compare with a population, "
                             "--baseline FILE")
        written = write_roster_charts(_roster(args), args.by, args.out, formats=formats, progress=progress,
                                      baseline=_baseline_arg(args.baseline))
    else:
        written = write_charts(args.out, formats=formats, as_of=args.as_of, progress=progress, path=args.roster)
    total = int(written["bytes"].sum())
    out.write(f"wrote {len(written)} file(s), {written['chart'].nunique()} chart(s), {total / 1024:.0f} KiB, "
              f"to {args.out}\n")
    return 0


def _cmd_report(args, out) -> int:
    from .report import write_report

    _as_of_2021(args.as_of)
    _appointees_form(args, "report")
    roster = None
    if args.roster:
        from .loaders import load_appointees

        roster = load_appointees(args.roster)
    path = write_report(args.out, as_of=args.as_of, roster=roster)
    out.write(f"wrote {path} ({path.stat().st_size / 1024:.0f} KiB)\n")
    return 0


COMMANDS = {"validate": _cmd_validate, "gaps": _cmd_gaps, "claims": _cmd_claims, "indices": _cmd_indices,
            "charts": _cmd_charts, "report": _cmd_report}


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

    from .regions import HAZARAJAT_DEFINITIONS, SCHEMES
    from .representation import BY

    def common(p, by=True, baseline=True):
        if by:
            p.add_argument("--by", required=True, metavar="BY",
                           help=f"what to group appointees by: {', '.join(BY)}, or a column of your --roster")
        p.add_argument("--scheme", default="commentary", choices=SCHEMES, help="region scheme (default: commentary)")
        p.add_argument("--hazarajat", default="core", choices=HAZARAJAT_DEFINITIONS, help="Hazarajat definition")
        if baseline:
            p.add_argument("--baseline", metavar="B",
                           help="nsia_1398, nsia_1400, an ethnic estimate id, 'all', or a CSV file of group,share")
            p.add_argument("--weights", default="all", metavar="W",
                           help="all, ministers, top, or a numeric column of the roster (default: all)")
        p.add_argument("--as-of", metavar="DATE", help="the government as of this date of 2021 (YYYY-MM-DD)")
        p.add_argument("--roster", metavar="PATH",
                       help="your own roster CSV: the columns of data/appointees.csv, or any CSV with a 'name' "
                            "column and one column per tag")
        p.add_argument("--format", default="table", choices=FORMATS, help="output format (default: table)")

    common(sub.add_parser("gaps", help="representation table: counts, bounds, baseline, exact probabilities",
                          description="One row per group: known count, largest possible count, share, baseline "
                                      "share, expected count, gap, ratio and exact one-sided probabilities."))
    common(sub.add_parser("claims", help="the commentary's claims C1-C8 with verdicts",
                          description="Verdict (supported, contradicted, undetermined) for each claim of the RUSI "
                                      "commentary, with the appointees that decide it and what is unknown."),
           by=False, baseline=False)
    p = sub.add_parser("indices", help="disproportionality indices with their values under random appointment",
                       description="Loosemore-Hanby, Rose, Gallagher, Rae, Sainte-Lague, D'Hondt, Lijphart, "
                                   "effective number and Golosov, with expected value and 95th percentile under "
                                   "random appointment.")
    common(p)
    p.add_argument("--draws", type=int, default=100_000, help="random cabinets drawn (default: 100000)")
    p.add_argument("--seed", type=int, default=0, help="seed of the random draws (default: 0)")

    p = sub.add_parser("charts", help="regenerate every chart",
                       description="Write every chart (region gap, province map, ethnicity, network waffle, gaps "
                                   "over time, disproportionality) atomically; the same data give identical files.")
    p.add_argument("--out", default="reports/figures", metavar="DIR", help="output folder (default: reports/figures)")
    p.add_argument("--format", default="png", metavar="FORMATS", help="comma-separated: png, svg, pdf (default: png)")
    p.add_argument("--as-of", metavar="DATE", help="the government as of this date of 2021 (YYYY-MM-DD)")
    p.add_argument("--roster", metavar="PATH",
                   help="your own roster: in the form of data/appointees.csv (every chart), or of any body (a "
                        "'name' column and one column per tag; then give --by)")
    p.add_argument("--by", metavar="COLUMN",
                   help="draw the gap and disproportionality charts of this grouping (needed for a roster of "
                        "another body; the Afghan map, waffle and timeline are drawn only for the bundled form)")
    p.add_argument("--baseline", metavar="FILE", help="with --by: a CSV file of group,share to compare with")

    p = sub.add_parser("report", help="write the HTML report (one self-contained file)",
                       description="Write findings, claims, gap tables, charts and the sourced roster as one "
                                   "self-contained HTML file, atomically.")
    p.add_argument("--out", default="reports/report.html", metavar="FILE",
                   help="output file (default: reports/report.html)")
    p.add_argument("--as-of", metavar="DATE", help="the government as of this date of 2021 (YYYY-MM-DD)")
    p.add_argument("--roster", metavar="PATH", help="your own roster, in the form of data/appointees.csv")
    return parser


def main(argv=None, out=None, err=None) -> int:
    """Run the command line; return the exit status (never raises on bad input)."""
    from .errors import DataError

    out = out or sys.stdout
    err = err or sys.stderr
    parser = build_parser()
    import contextlib

    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
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
    except Exception as exc:  # no traceback reaches a user: name the failure and ask for a report
        err.write(f"cabinet {args.command}: unexpected error: {type(exc).__name__}: {exc}\n"
                  "This is a bug in cabinet; please report it with the command you ran.\n")
        return 70


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
