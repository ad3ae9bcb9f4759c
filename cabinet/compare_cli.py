"""The ``cabinet compare`` command: two or more named rosters side by side (see :func:`cabinet.compare`)."""

from __future__ import annotations

#: Columns of the human-readable table when --columns is not given.
COMPACT = ["group", "roster_a", "roster_b", "n_shared", "count_a", "count_max_a", "n_a", "count_b", "count_max_b",
           "n_b", "diff_min", "diff_max", "diff_complete", "p_min", "p_max", "p_complete", "p_adj_min", "p_adj_max",
           "holds"]


def add_parser(sub, formats, homes, schemes, hazarajat_definitions) -> None:
    """Register ``compare`` on the sub-command parsers of ``cabinet``."""
    from .rosters import ROSTER_NAMES

    p = sub.add_parser("compare", help="rosters side by side: counts, shares, differences, exact tests",
                       description="One row per group and pair of rosters: known and largest counts, shares, the "
                                   "difference of shares and its range over the unknown tags, Fisher's exact test of "
                                   "the difference with its p-value range, Holm's adjustment over the groups of the "
                                   "pair, whether the difference holds whatever the unknowns are (holds), and the "
                                   "complete-case figures. Rosters that share people are compared on the people not "
                                   "shared (n_shared says how many were left out). ROSTER: "
                                   f"{', '.join(ROSTER_NAMES)}, a date YYYY-MM-DD (the Taliban government as "
                                   "of that date), or a CSV file of your own: a roster in the form of "
                                   "data/appointees.csv, or of any body (a name column and one column per tag, as "
                                   "'cabinet gaps --roster FILE' reads it), labelled by its file name.")
    p.add_argument("rosters", nargs="+", metavar="ROSTER", help="two or more roster names or CSV files")
    p.add_argument("--by", required=True, metavar="BY", help="region, ethnicity, province, tribe, ... or a column")
    p.add_argument("--scheme", default="commentary", choices=schemes, help="region scheme (default: commentary)")
    p.add_argument("--hazarajat", default="core", choices=hazarajat_definitions, help="Hazarajat definition")
    p.add_argument("--home", choices=homes, default=None,
                   help="sense of home for province and region (default: birth, so each person counts once)")
    p.add_argument("--test", default="fisher", choices=["fisher", "boschloo"], help="exact test (default: fisher)")
    p.add_argument("--alternative", default="two-sided", choices=["two-sided", "less", "greater"],
                   help="alternative of the test; less: the first roster's share is lower (default: two-sided)")
    p.add_argument("--alpha", type=float, default=0.05, help="level at which 'holds' reads the adjusted p (default 0.05)")
    p.add_argument("--format", default="table", choices=formats, help="output format (default: table)")
    p.add_argument("--columns", metavar="COLS",
                   help="columns of the table format: comma-separated names, or all (default: a compact set)")


def run(args, out, emit, usage_error) -> int:
    """Run ``cabinet compare``."""
    from .comparison import compare

    if len(args.rosters) < 2:
        raise usage_error("compare needs at least two rosters, e.g. cabinet compare taliban-2021 republic-2021 "
                          "--by ethnicity")
    rosters = {}
    for given in args.rosters:
        name, roster = _load(given, args.home, usage_error)
        if name in rosters:
            raise usage_error(f"roster {name!r} is named twice; give each roster once")
        rosters[name] = roster
    table = compare(rosters, by=args.by, scheme=args.scheme, hazarajat=args.hazarajat, home=None, test=args.test,
                    alternative=args.alternative, alpha=args.alpha)
    emit(table, args.format, out, columns=args.columns, command="compare")
    return 0


def _load(given: str, home: str, usage_error):
    """``(name, roster)`` of one ROSTER argument: a CSV file when one exists at that path, else a roster name.

    A named roster and a file in the form of data/appointees.csv are loaded with the sense of home of
    ``--home``; a roster of any body keeps its own ``province`` column, if it has one.
    """
    import os

    from .groupings import choose_home
    from .rosters import ROSTER_NAMES, is_roster_name, load_named_roster

    if os.path.isfile(given):
        from .user_files import _is_appointees_header, _load_roster_file, load_user_roster

        roster = choose_home(_load_roster_file(given, home=home or "any"), home) if _is_appointees_header(given) \
            else load_user_roster(given)
        roster.attrs["roster_label"] = f"the roster of {os.path.basename(given)}"
        return given, roster
    if os.path.isdir(given):
        raise usage_error(f"roster {given!r} is a folder; allowed: {', '.join(ROSTER_NAMES)}, a date YYYY-MM-DD, "
                          "or a CSV file")
    if not is_roster_name(given):
        raise usage_error(f"unknown roster {given!r}: no such roster name and no such file; allowed: "
                          f"{', '.join(ROSTER_NAMES)}, a date YYYY-MM-DD on or after 2021-09-07, or a CSV file "
                          "of your own")
    return given, choose_home(load_named_roster(given, home=home or "any"), home)


def named_charts(args, out, formats, progress, usage_error) -> int:
    """``cabinet charts --roster NAME``: every chart of a Taliban roster, or of the Republic's (:data:`REPUBLIC_CHARTS`).

    With ``--by``, the Republic's roster is drawn by that column instead (gap and disproportionality charts).
    """
    import pandas as pd

    from .charts import write_charts, write_roster_charts
    from .rosters import load_named_roster

    if args.as_of is not None:
        raise usage_error("--as-of does not combine with a named --roster; name the date itself: --roster YYYY-MM-DD")
    if args.roster == "republic-2021" and args.by:
        from .groupings import choose_home

        roster = choose_home(load_named_roster("republic-2021", home=args.home or "any", exclude_weak=args.exclude_weak),
                             args.home)
        written = pd.concat([write_roster_charts(roster, args.by, args.out, formats=formats, progress=progress,
                                                 baseline=args.baseline)], ignore_index=True)
    else:
        if args.by is not None:
            raise usage_error("--by draws a roster of another body; for a Taliban roster every chart is drawn: leave "
                              "out --by")
        written = write_charts(args.out, formats=formats, roster=args.roster, progress=progress,
                               home=args.home, exclude_weak=args.exclude_weak)
    total = int(written["bytes"].sum())
    out.write(f"wrote {len(written)} file(s), {written['chart'].nunique()} chart(s), {total / 1024:.0f} KiB, "
              f"to {args.out}\n")
    return 0
