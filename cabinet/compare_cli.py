"""The ``cabinet compare`` command: two or more named rosters side by side (see :func:`cabinet.compare`)."""

from __future__ import annotations

#: Columns of the human-readable table when --columns is not given.
COMPACT = ["group", "roster_a", "roster_b", "count_a", "count_max_a", "n_a", "count_b", "count_max_b", "n_b",
           "diff", "diff_min", "diff_max", "p_value", "p_min", "p_max"]


def add_parser(sub, formats, homes, schemes, hazarajat_definitions) -> None:
    """Register ``compare`` on the sub-command parsers of ``cabinet``."""
    from .rosters import ROSTER_NAMES

    p = sub.add_parser("compare", help="rosters side by side: counts, shares, differences, exact tests",
                       description="One row per group and pair of rosters: known and largest counts, shares, the "
                                   "difference of shares and its range over the unknown tags, and Fisher's exact "
                                   "test of the difference with its p-value range. ROSTER: "
                                   f"{', '.join(ROSTER_NAMES)}, or a date YYYY-MM-DD (the Taliban government as "
                                   "of that date).")
    p.add_argument("rosters", nargs="+", metavar="ROSTER", help="two or more roster names")
    p.add_argument("--by", required=True, metavar="BY", help="region, ethnicity, province, tribe, ... or a column")
    p.add_argument("--scheme", default="commentary", choices=schemes, help="region scheme (default: commentary)")
    p.add_argument("--hazarajat", default="core", choices=hazarajat_definitions, help="Hazarajat definition")
    p.add_argument("--home", choices=homes, default="any", help="sense of home for province and region (default: any)")
    p.add_argument("--test", default="fisher", choices=["fisher", "boschloo"], help="exact test (default: fisher)")
    p.add_argument("--format", default="table", choices=formats, help="output format (default: table)")
    p.add_argument("--columns", metavar="COLS",
                   help="columns of the table format: comma-separated names, or all (default: a compact set)")


def run(args, out, emit, usage_error) -> int:
    """Run ``cabinet compare``."""
    from .comparison import compare
    from .rosters import ROSTER_NAMES, is_roster_name

    bad = [r for r in args.rosters if not is_roster_name(r)]
    if bad:
        raise usage_error(f"unknown roster {bad[0]!r}; allowed: {', '.join(ROSTER_NAMES)}, or a date YYYY-MM-DD "
                          "on or after 2021-09-07")
    if len(args.rosters) < 2:
        raise usage_error("compare needs at least two rosters, e.g. cabinet compare taliban-2021 republic-2021 "
                          "--by ethnicity")
    table = compare(list(args.rosters), by=args.by, scheme=args.scheme, hazarajat=args.hazarajat, home=args.home,
                    test=args.test)
    emit(table, args.format, out, columns=args.columns, command="compare")
    return 0


def named_charts(args, out, formats, progress, usage_error) -> int:
    """``cabinet charts --roster NAME``: every chart for a Taliban roster; the charts that fit any roster for the Republic's."""
    import pandas as pd

    from .charts import write_charts, write_roster_charts
    from .rosters import load_named_roster, taliban_as_of

    if args.as_of is not None:
        raise usage_error("--as-of does not combine with a named --roster; name the date itself: --roster YYYY-MM-DD")
    if args.roster == "republic-2021":
        roster = load_named_roster("republic-2021", home=args.home or "any", exclude_weak=args.exclude_weak)
        groupings = [args.by] if args.by else ["region", "ethnicity", "party"]
        written = pd.concat([write_roster_charts(roster, by, args.out, formats=formats, progress=progress,
                                                 baseline=args.baseline) for by in groupings], ignore_index=True)
    else:
        if args.by is not None:
            raise usage_error("--by draws a roster of another body; for a Taliban roster every chart is drawn: leave "
                              "out --by")
        written = write_charts(args.out, formats=formats, as_of=taliban_as_of(args.roster), progress=progress,
                               home=args.home or "any", exclude_weak=args.exclude_weak)
    total = int(written["bytes"].sum())
    out.write(f"wrote {len(written)} file(s), {written['chart'].nunique()} chart(s), {total / 1024:.0f} KiB, "
              f"to {args.out}\n")
    return 0


def report_as_of(args, usage_error):
    """The ``as_of`` of ``cabinet report --roster NAME`` (the report is about the Taliban government)."""
    from .rosters import taliban_as_of

    if args.roster == "republic-2021":
        raise usage_error("the report is about the Taliban government (the commentary's claims, its networks) and "
                          "compares it with the Republic's last cabinet in its section 'Against what?'; for the "
                          "Republic's own tables and charts use 'cabinet gaps --roster republic-2021 --by ...' and "
                          "'cabinet charts --roster republic-2021', and 'cabinet compare taliban-2021 republic-2021 "
                          "--by ...'")
    if args.as_of is not None:
        raise usage_error("--as-of does not combine with a named --roster; name the date itself: --roster YYYY-MM-DD")
    when = taliban_as_of(args.roster)
    return None if when is None else str(when.date())
