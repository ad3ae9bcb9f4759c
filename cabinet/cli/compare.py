"""The ``cabinet compare`` command: two or more named rosters side by side (see :func:`cabinet.compare`)."""

from __future__ import annotations
from ..rosters import roster_names, is_roster_name, load_roster
from . import options
from ..comparison import compare

#: Columns of the human-readable table when --columns is not given.
COMPACT = ["group", "roster_a", "roster_b", "count_a", "count_max_a", "n_a", "count_b", "count_max_b", "n_b",
           "diff", "diff_min", "diff_max", "p_value", "p_min", "p_max"]


def add_parser(sub) -> None:
    """Register ``compare`` on the sub-command parsers of ``cabinet``."""

    p = sub.add_parser("compare", help="rosters side by side: counts, shares, differences, exact tests",
                       description="One row per group and pair of rosters: known and largest counts, shares, the "
                                   "difference of shares and its range over the unknown tags, and Fisher's exact "
                                   "test of the difference with its p-value range. ROSTER: "
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
    table = compare(rosters, by=args.by, scheme=args.scheme, hazarajat=args.hazarajat, home=None, test=args.test)
    emit(table, args.format, out, columns=args.columns, command="compare")
    return 0


def _load(given: str, home: str, usage_error, duplicates: str = "refuse"):
    """``(name, roster)`` of one ROSTER argument: a CSV file when one exists at that path, else a roster name.

    A named roster and a file in the form of data/appointees.csv are loaded with the sense of home of
    ``--home``; a roster of any body keeps its own ``province`` column, if it has one.
    """
    import os


    if os.path.isfile(given):
        roster = load_roster(given, home=home, duplicates=duplicates)
        roster.attrs["roster_label"] = f"the roster of {os.path.basename(given)}"
        return given, roster
    if os.path.isdir(given):
        raise usage_error(f"roster {given!r} is a folder; allowed: {', '.join(roster_names())}, a date YYYY-MM-DD, "
                          "or a CSV file")
    if not is_roster_name(given):
        raise usage_error(f"unknown roster {given!r}: no such roster name and no such file; allowed: "
                          f"{', '.join(roster_names())}, a date YYYY-MM-DD on or after 2021-09-07, or a CSV file "
                          "of your own")
    return given, load_roster(given, home=home)
