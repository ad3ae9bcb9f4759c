"""The ``cabinet compare`` command: two or more named rosters side by side (see :func:`cabinet.compare`)."""

from __future__ import annotations
from ..rosters import roster_names, is_roster_name, load_roster
from . import options
from ..comparison import compare
from ..groupings import choose_home

#: Columns of the human-readable table when --columns is not given.
COMPACT = ["group", "roster_a", "roster_b", "n_shared", "count_a", "count_max_a", "n_a", "count_b", "count_max_b",
           "n_b", "diff_min", "diff_max", "diff_complete", "p_min", "p_max", "p_complete", "p_adj_min", "p_adj_max",
           "holds"]


def add_parser(sub) -> None:
    """Register ``compare`` on the sub-command parsers of ``cabinet``."""

    p = sub.add_parser("compare", help="rosters side by side: counts, shares, differences, exact tests",
                       description="One row per group and pair of rosters: known and largest counts, shares, the "
                                   "difference of shares and its range over the unknown tags, Fisher's exact test of "
                                   "the difference with its p-value range, Holm's adjustment over the groups of the "
                                   "pair, whether the difference holds whatever the unknowns are (holds), and the "
                                   "complete-case figures. Rosters that share people are compared on the people not "
                                   "shared (n_shared says how many were left out). ROSTER: "
                                   f"{', '.join(roster_names())}, a date YYYY-MM-DD (the Taliban government as "
                                   "of that date), or a CSV file of your own: a roster in the form of "
                                   "data/appointees.csv, or of any body (a name column and one column per tag, as "
                                   "'cabinet gaps --roster FILE' reads it), labelled by its file name.")
    p.add_argument("rosters", nargs="+", metavar="ROSTER", help="two or more roster names or CSV files")
    options.by(p, help="region, ethnicity, province, tribe, ... or a column")
    options.scheme(p)
    options.hazarajat(p)
    options.home(p)
    options.merge_duplicates(p)
    p.add_argument("--test", default="fisher", choices=["fisher", "boschloo"], help="exact test (default: fisher)")
    p.add_argument("--alternative", default="two-sided", choices=["two-sided", "less", "greater"],
                   help="alternative of the test; less: the first roster's share is lower (default: two-sided)")
    p.add_argument("--alpha", type=float, default=0.05, help="level at which 'holds' reads the adjusted p (default 0.05)")
    options.table_format(p)
    options.columns(p)


def run(args, out, emit, usage_error) -> int:
    """Run ``cabinet compare``."""

    if len(args.rosters) < 2:
        raise usage_error(f"compare needs at least two rosters, e.g. cabinet compare {' '.join(roster_names()[:2])} "
                          "--by ethnicity")
    rosters = {}
    for given in args.rosters:
        name, roster = _load(given, args.home, usage_error, options.duplicates(args))
        if name in rosters:
            raise usage_error(f"roster {name!r} is named twice; give each roster once")
        rosters[name] = roster
    table = compare(rosters, by=args.by, scheme=args.scheme, hazarajat=args.hazarajat, home=None, test=args.test,
                    alternative=args.alternative, alpha=args.alpha)
    emit(table, args.format, out, columns=args.columns, command="compare")
    return 0


def _load(given: str, home: str, usage_error, duplicates: str = "refuse"):
    """``(name, roster)`` of one ROSTER argument: a CSV file when one exists at that path, else a roster name.

    A named roster and a file in the form of data/appointees.csv are loaded with the sense of home of
    ``--home``; a roster of any body keeps its own ``province`` column, if it has one.
    """
    import os


    if os.path.isfile(given):
        roster = choose_home(load_roster(given, home=home or "any", duplicates=duplicates), home)
        roster.attrs["roster_label"] = f"the roster of {os.path.basename(given)}"
        return given, roster
    if os.path.isdir(given):
        raise usage_error(f"roster {given!r} is a folder; allowed: {', '.join(roster_names())}, a date YYYY-MM-DD, "
                          "or a CSV file")
    if not is_roster_name(given):
        raise usage_error(f"unknown roster {given!r}: no such roster name and no such file; allowed: "
                          f"{', '.join(roster_names())}, a date YYYY-MM-DD on or after 2021-09-07, or a CSV file "
                          "of your own")
    return given, choose_home(load_roster(given, home=home or "any"), home)
