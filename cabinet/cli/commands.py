"""The ``cabinet`` command line.

Every command prints tables (``--format table``, the default), CSV or JSON with
the same columns as the Python functions. Errors in the data or in the
arguments print a clear message and exit with status 1 (bad data, missing
file) or 2 (bad usage); no traceback reaches the user. How tables and errors are printed
is :mod:`cabinet.cli.output`.
"""

from __future__ import annotations

import argparse
import sys

from . import compare as _compare_cli, options
from .output import UsageError, _emit, cli_words
from ..io import datapackage as dp
from ..io.csv_files import read_header
from ..io.user_files import appointments_table, is_appointees_header, load_user_roster, validate
from ..groupings import with_home
from ..representation import representation, wide
from ..claim_likelihood import claim_probabilities
from ..claims import FirstListNote, claims, first_list
from ..disproportionality import disproportionality
from ..io.datapackage import resource_names
from ..errors import DataError
from ..assumptions import estimates
from ..rosters import ROSTERS, require_taliban, roster_kind
from ..io.loaders import load_appointees
from .. import __version__

__all__ = ["main", "build_parser"]


def _user_rosters(paths, table):
    """Files among ``paths`` that hold a roster of any body (a ``name`` column, no table of the package)."""
    from pathlib import Path


    if table is not None:
        return []
    names = {dp.resource(n)["path"] for n in dp.resource_names()}
    found = []
    for p in paths or []:
        p = Path(p)
        if p.is_file() and p.name not in names:
            header = {h.strip() for h in read_header(p).header}

            tables = any(set(dp.stored_field_names(n)) <= header for n in dp.resource_names())
            if "name" in header and not tables and not is_appointees_header(p):
                found.append(p)
    return found


def _cmd_validate(args, out) -> int:

    users = _user_rosters(args.paths, args.table)
    for path in users:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            frame = load_user_roster(path, duplicates=options.duplicates(args))
        for sentence in frame.attrs.get("merged", ()):
            out.write(f"{path}: {sentence}\n")
        out.write(f"valid: {path}, a roster of any body: {len(frame)} data rows below its header line, tag columns "
                  f"{', '.join(c for c in frame.columns if c != 'name') or '(none)'}\n")
    rest = [p for p in (args.paths or []) if p not in {str(u) for u in users} and p not in users]
    if users and not rest:
        return 0
    summary = validate(rest or None, table=args.table)
    for r in summary.itertuples():
        if r.note:  # how a file's table was recognised, and what a table checked on its own was not checked for
            out.write(f"{r.note!s}\n")
    rows = int(summary["rows"].sum())
    normalised = int(summary["normalised"].sum())
    by_table = {r.table: r.rows for r in summary.itertuples()}
    extra = ""
    if "appointees" in by_table:
        extra = f" ({by_table['appointees']} appointees"  # type: ignore[str-bytes-safe]  # row counts, not bytes
        if "later_appointments" in by_table:
            extra += f", {by_table['later_appointments']} later appointments"  # type: ignore[str-bytes-safe]  # row counts
        if "sources" in by_table:
            extra += f", {by_table['sources']} sources"  # type: ignore[str-bytes-safe]  # row counts
        extra += ")"
    note = f"; {normalised} value(s) normalised" if normalised else ""
    files = len(summary)
    below = "below their header lines" if files != 1 else "below its header line"
    out.write(f"valid: {files} file{'s' if files != 1 else ''}, {rows} data row{'s' if rows != 1 else ''} "
              f"{below}{extra}{note}\n")
    return 0


def _baseline_arg(value):
    """A baseline name or a CSV file (read by :func:`cabinet.baselines.resolve_baseline`)."""
    return value


def _by_arg(value):
    parts = [p.strip() for p in value.split(",") if p.strip()]
    return parts if len(parts) > 1 else (parts[0] if parts else value)


def _cmd_gaps(args, out) -> int:

    roster = with_home(options.load(args), args.home)
    if args.assume:

        if args.weights != "all":
            raise UsageError("--assume estimates count persons: leave out --weights")
        table = estimates(roster, _by_arg(args.by), assumptions=_assumptions(args), priors=args.priors,
                          baseline=_baseline_arg(args.baseline), scheme=args.scheme, hazarajat=args.hazarajat,
                          method=args.method, n_draws=args.draws, seed=args.seed, prior=args.prior)
        _emit(table, args.format, out, columns=args.columns, command="estimates")
        return 0
    table = representation(roster, _by_arg(args.by), scheme=args.scheme, baseline=_baseline_arg(args.baseline),
                           weights=args.weights, hazarajat=args.hazarajat,
                           adjust=None if args.adjust == "none" else args.adjust)
    if args.wide:
        table = wide(table)
    _emit(table, args.format, out, columns=args.columns, command="gaps_wide" if args.wide else "gaps")
    return 0


def _assumptions(args):
    names = [a.strip() for a in args.assume.split(",") if a.strip()]
    if args.priors and "priors" not in names:
        names.append("priors")
    if "priors" in names and not args.priors:
        raise UsageError("--assume priors needs --priors FILE (name,group,probability, and optionally column or "
                         "claim)")
    return names


def _cmd_claims(args, out) -> int:
    import warnings

    roster = options.load(args) if args.roster else None
    note = ""
    if roster is not None:
        require_taliban(roster, "claims C1-C8")
        roster, note = first_list(roster)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FirstListNote)  # said once, below
        if args.assume:
            table = claim_probabilities(roster, assumptions=_assumptions(args), priors=args.priors, prior=args.prior,
                                        hazarajat=args.hazarajat, method=args.method, n_draws=args.draws,
                                        seed=args.seed)
        else:  # the yardsticks of C4 and C6 (the cadre pool) only when asked, or when every column is written
            table = claims(roster, hazarajat=args.hazarajat,
                           yardsticks=args.yardsticks or args.format != "table" or bool(args.columns))
    if note:
        note = note[0].upper() + note[1:] + "."
        if args.format == "table":
            import textwrap

            out.write(textwrap.fill(note, width=100) + "\n")
        else:  # the output stays a table of the claims; main() writes the warning to stderr
            warnings.warn(note, FirstListNote, stacklevel=1)
    if args.assume:
        _emit(table, args.format, out, columns=args.columns, command="claim_probabilities")
        return 0
    if args.format != "table" or args.columns:
        _emit(table, args.format, out, columns=args.columns, command="claims")
        return 0
    import textwrap

    for r in table.itertuples():  # one paragraph per claim: the figure is a sentence, not a cell
        bound = f" ({r.count!s} to {r.count_max!s} of {r.n!s})" if r.n is not None and str(r.n) != "<NA>" else ""
        out.write(f"{r.id!s} {r.verdict!s}{bound}: {r.claim!s}\n")
        out.write(textwrap.fill(str(r.figure), width=100, initial_indent="    ", subsequent_indent="    ") + "\n")
    out.write("(the population and movement yardsticks of C4 and C6: --yardsticks; every column: --format csv or "
              "json, or --columns all)\n" if not args.yardsticks else "(every column: --format csv or json, or --columns "
              "all)\n")
    return 0


def _cmd_indices(args, out) -> int:


    table = disproportionality(with_home(options.load(args), args.home), _by_arg(args.by), _baseline_arg(args.baseline),
                               scheme=args.scheme, hazarajat=args.hazarajat, weights=args.weights,
                               n_draws=args.draws, seed=args.seed)
    _emit(table, args.format, out, columns=args.columns, command="indices")
    return 0


def _appointees_form(args, command):
    """Charts and the report draw Afghan regions, networks and claims: they need the appointees form."""
    if args.roster:
        if not is_appointees_header(args.roster):
            raise UsageError(f"{command} needs a roster in the form of data/appointees.csv (see data/codebook.md); "
                             "for a roster of another body use 'cabinet gaps' or 'cabinet indices'")
        table = appointments_table(args.roster)
        if table != "appointees":
            bundled = [entry for entry in ROSTERS.values() if entry.table == table]
            raise UsageError(f"{args.roster} holds the {table} table, not a roster of the Taliban government: "
                             f"{command} draws the Taliban government's {'page' if command == 'report' else 'charts'}"
                             + (f"; --roster {bundled[0].name} draws {bundled[0].label} from the bundled data"
                                if bundled else "")
                             + "; 'cabinet gaps --roster FILE' measures this file's own rows")


def _cmd_charts(args, out) -> int:
    # deferred: matplotlib and seaborn, which the cold start of 'cabinet claims' (benchmarks/bench_cold.py) never loads
    from ..report.charts import FORMATS, write_charts, write_roster_charts

    formats = [f.strip().lower() for f in args.format.split(",") if f.strip()]
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise UsageError(f"unknown chart format(s) {', '.join(bad) or '(none)'}; allowed: {', '.join(FORMATS)}, "
                         "comma-separated")
    options.check_as_of(args.as_of)

    def progress(line):
        out.write(line.rstrip("\n") + "\n")
        out.flush()

    named = options.is_named(args.roster)
    if named and args.as_of is not None:
        raise UsageError("--as-of does not combine with a named --roster; name the date itself: --roster YYYY-MM-DD")
    if args.by is not None or (args.roster and not named and not is_appointees_header(args.roster)):
        # a grouping of one's own, or a roster of any body: the charts that fit any grouping (gap, disproportionality)

        if args.by is None:
            raise UsageError("charts for a roster of another body (not in the form of data/appointees.csv) need "
                             "--by COLUMN (a column of your --roster) and, to compare with a population, "
                             "--baseline FILE")
        if named and roster_kind(args.roster) == "taliban":
            raise UsageError("--by draws a roster of another body; for a Taliban roster every chart is drawn: leave "
                             "out --by")
        written = write_roster_charts(options.load(args, home=args.home), args.by, args.out,
                                      formats=formats, progress=progress, baseline=_baseline_arg(args.baseline))
    elif named:
        written = write_charts(args.out, formats=formats, roster=args.roster, progress=progress,
                               home=args.home, exclude_weak=args.exclude_weak)
    else:
        _appointees_form(args, "charts")
        written = write_charts(args.out, formats=formats, as_of=args.as_of, progress=progress, path=args.roster,
                               home=args.home, exclude_weak=args.exclude_weak)
    total = int(written["bytes"].sum())
    out.write(f"wrote {len(written)} file(s), {written['chart'].nunique()} chart(s), {total / 1024:.0f} KiB, "
              f"to {args.out}\n")
    return 0


def _cmd_report(args, out) -> int:
    # deferred: matplotlib and seaborn, which the cold start of 'cabinet claims' (benchmarks/bench_cold.py) never loads
    from ..report.page import write_report

    options.check_as_of(args.as_of)
    if args.by is not None:
        # a roster of any body, by groupings of its own: its page (cabinet.report.own_page)
        if not args.roster:
            raise UsageError("--by writes the page of a roster of your own: give it with --roster FILE")
        if args.as_of is not None:
            raise UsageError("--as-of does not combine with --by: the page describes the roster as the file gives it")
        path = write_report(args.out, roster=options.load(args, home=args.home), by=args.by, baseline=args.baseline,
                            home=args.home, exclude_weak=args.exclude_weak)
        out.write(f"wrote {path} ({path.stat().st_size / 1024:.0f} KiB)\n")
        return 0
    if args.baseline:
        raise UsageError("--baseline goes with --by: name the column(s) of your roster it is set against")
    roster = None
    if options.is_named(args.roster):
        if args.as_of is not None:
            raise UsageError("--as-of does not combine with a named --roster; name the date itself: --roster "
                             "YYYY-MM-DD")
        roster = args.roster
    elif args.roster:
        _appointees_form(args, "report")  # the page draws Afghan regions, networks and claims

        roster = load_appointees(args.roster)
    path = write_report(args.out, as_of=args.as_of, roster=roster, home=args.home,
                        exclude_weak=args.exclude_weak)
    out.write(f"wrote {path} ({path.stat().st_size / 1024:.0f} KiB)\n")
    return 0


COMMANDS = {"validate": _cmd_validate, "gaps": _cmd_gaps, "claims": _cmd_claims, "indices": _cmd_indices,
            "charts": _cmd_charts, "report": _cmd_report,
            "compare": lambda args, out: _compare_cli.run(args, out, _emit, UsageError)}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``cabinet`` command."""
    parser = argparse.ArgumentParser(
        prog="cabinet",
        description="Measure who holds power in Afghanistan's 2021 Taliban caretaker government.",
    )

    parser.add_argument("--version", action="version", version=f"cabinet {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    p = sub.add_parser("validate", help="check the bundled data package or the given files",
                       description="Check data files against data/datapackage.json. Exit 0 with a one-line "
                                   "summary when valid, 1 with every problem listed when not.")
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="CSV files (recognised by name, e.g. appointees.csv, or else by their header) or folders "
                        "holding a data package; default: the bundled data")

    p.add_argument("--table", choices=resource_names(), help="treat every PATH as this table")
    options.merge_duplicates(p)

    def common(p, by=True, baseline=True, claims=False, assume=False):
        """The options of the commands that print a table of one roster."""
        if by:
            options.by(p)
        if not claims:
            options.scheme(p)
        options.hazarajat(p)
        if not claims:
            options.home(p)
        if baseline:
            options.baseline(p)
            p.add_argument("--weights", default="all", metavar="W",
                           help="all, ministers, top, rank (ministers and above 3, agency heads 2, deputies 1), prestige "
                                "(WhoGov's portfolio prestige: high 3, medium 2, low 1), or a numeric column of the "
                                "roster (default: all)")
        if not claims:
            options.as_of(p)
        options.roster(p)
        options.merge_duplicates(p)
        options.exclude_weak(p)
        options.table_format(p)
        options.columns(p)
        if assume:
            options.draws(p, 100_000, "Monte Carlo draws for --method monte_carlo")
            p.add_argument("--assume", metavar="A",
                           help="estimates beside the bounds under assumptions about the unknowns, comma-separated: "
                                "bounds, like_known, population, priors (see cabinet.assumptions)")
            p.add_argument("--priors", metavar="FILE",
                           help="your priors: a CSV of name,group,probability (name may be person_id or "
                                "appointment_id); an optional column 'column' names the tag column a row is about "
                                "(region, iran_aligned, network, affiliation, ...) and 'claim' the claim (C1-C4, "
                                "C6, C7), so one file can hold priors about several columns")
            p.add_argument("--prior", default="jeffreys", metavar="P",
                           help="the Dirichlet prior of like_known (and of priors, for the people they do not "
                                "name): jeffreys (1/2 on each group, the default), uniform (1), or a positive "
                                "number")
            p.add_argument("--method", default="exact", choices=["exact", "monte_carlo"],
                           help="exact (default) or seeded Monte Carlo")

    p = sub.add_parser("gaps", help="representation table: counts, bounds, baseline, exact probabilities",
                       description="One row per group: known count, largest possible count, share, baseline "
                                   "share, expected count, gap, ratio and exact probabilities, each probability "
                                   "at both ends of the range the unknown tags allow.")
    common(p, assume=True)
    p.add_argument("--adjust", default="holm", metavar="{holm,bonferroni,fdr_by,none}",
                   help="multiplicity adjustment of the *_adj columns (default: holm; both tails of every group "
                        "in one family). fdr_bh (Benjamini-Hochberg) is refused: it needs independent or "
                        "positively dependent tests, and the counts of one roster are negatively dependent")
    p.add_argument("--wide", action="store_true",
                   help="one row per group and one column per baseline (for --baseline all)")
    p = sub.add_parser("claims", help="the commentary's claims C1-C8 with verdicts",
                          description="Verdict (supported, contradicted, undetermined) for each claim of the RUSI "
                                      "commentary, with the appointees that decide it and what is unknown. "
                                      "The claims are about the list of 7 September 2021 and are read in the "
                                      "commentary's own regions; C7 uses every later appointment ('earlier' means "
                                      "announced before 21 September 2021). Given a later roster or date, the "
                                      "claims are still checked against the list of 7 September 2021, and the "
                                      "output says so.")
    common(p, by=False, baseline=False, claims=True, assume=True)
    p.add_argument("--yardsticks", action="store_true",
                   help="add the population and movement yardsticks of C4 and C6 to their figures (always in csv "
                        "and json); the cadre pool is loaded only then")
    p = sub.add_parser("indices", help="disproportionality indices with their values under random appointment",
                       description="Loosemore-Hanby, Rose, Gallagher, Rae, Sainte-Lague, D'Hondt, Lijphart, "
                                   "effective number and Golosov, each over the range the unknown and disputed tags "
                                   "allow (observed_min to observed_max) with its p-value at both ends (exact when "
                                   "the random cabinets are few enough to list, else Monte Carlo with its standard "
                                   "error), the complete-case value beside it, and the expected value and 95th "
                                   "percentile under random appointment (a benchmark, not a model of how posts are "
                                   "given).")
    common(p)
    options.draws(p, 100_000, "random cabinets drawn")

    p = sub.add_parser("charts", help="regenerate every chart",
                       description="Write every chart that applies to the roster (cabinet.report.CHARTS) "
                                   "atomically; the same data give identical files. A roster of any body with --by "
                                   "draws the charts that fit any grouping (gap, disproportionality).")
    p.add_argument("--out", default="reports/figures", metavar="DIR", help="output folder (default: reports/figures)")
    p.add_argument("--format", default="png", metavar="FORMATS", help="comma-separated: png, svg, pdf (default: png)")
    options.as_of(p)
    options.roster(p)
    options.merge_duplicates(p)
    options.by(p, required=False, help="draw the gap and disproportionality charts of this grouping (needed for a "
                                       "roster of another body; the Afghan map, waffle and timeline are drawn only "
                                       "for the bundled form)")
    options.baseline(p, help="with --by: a CSV file of group,share to compare with")
    options.home(p)
    options.exclude_weak(p)

    _compare_cli.add_parser(sub)

    p = sub.add_parser("report", help="write the HTML report (one self-contained file)",
                       description="Write findings, claims, gap tables, charts and the sourced roster as one "
                                   "self-contained HTML file, atomically. A roster of another kind than the "
                                   "Taliban government's (--roster NAME) gets the page of its kind. A roster of any "
                                   "body with --by (and --baseline) gets a page of its own groupings.")
    p.add_argument("--out", default="reports/report.html", metavar="FILE",
                   help="output file (default: reports/report.html)")
    options.as_of(p)
    options.roster(p)
    options.merge_duplicates(p)
    options.by(p, required=False, help="write the page of a roster of any body: the column(s) of your --roster to "
                                       "group by, comma-separated, one section each (findings, gap table and chart)")
    options.baseline(p, many=True, help="with --by: a CSV file of group,share (or group,population) per grouping, "
                                        "given once per grouping in the order of --by ('none': no baseline for "
                                        "that grouping); a built-in baseline applies only when named")
    options.home(p)
    options.exclude_weak(p)
    return parser


def main(argv=None, out=None, err=None) -> int:
    """Run the command line; return the exit status (never raises on bad input)."""

    out = out or sys.stdout
    err = err or sys.stderr
    parser = build_parser()
    import contextlib

    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    import warnings

    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            code = COMMANDS[args.command](args, out)
        said = set()
        for w in caught:  # plain messages: no source path, no line of code, no .attrs; each once
            message = str(w.message).replace("; see .attrs['normalised']", " (cabinet validate FILE lists them)")
            if message not in said:
                said.add(message)
                err.write(f"cabinet {args.command}: warning: {cli_words(message)}\n")
        return code
    except DataError as exc:
        err.write(f"cabinet {args.command}: invalid data\n{exc}\n")
        err.writelines(f"{note}\n" for note in getattr(exc, "__notes__", ()))
        return 1
    except UsageError as exc:
        err.write(f"cabinet {args.command}: {exc}\n")
        return 2
    except ValueError as exc:
        err.write(f"cabinet {args.command}: {cli_words(str(exc))}\n")
        return 2
    except KeyError as exc:
        err.write(f"cabinet {args.command}: the roster or baseline has no {exc.args[0]!r}, which this command "
                  "needs; check the --by column, the --baseline groups and the roster's columns\n")
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
