"""The options the commands share, each defined once: its name, its values and its help.

Every command that takes a roster takes it with :func:`roster` and resolves it with
:func:`load` (the one resolver, :func:`cabinet.load_roster`), so ``--roster`` means the same
everywhere: a name of :data:`cabinet.ROSTERS`, a date, or a CSV file.
"""

from __future__ import annotations

import os

from .output import FORMATS, UsageError
from ..groupings import RESERVED, HOMES
from ..rosters import roster_names, check_as_of as check, is_roster_name, load_roster
from ..group_counts import BY
from ..baselines import BASELINES
from ..regions import SCHEMES, HAZARAJAT_DEFINITIONS

__all__ = ["roster", "as_of", "home", "merge_duplicates", "duplicates", "exclude_weak", "table_format", "columns", "by", "baseline", "scheme",
           "hazarajat", "draws", "load", "check_as_of", "is_named"]


def roster(p) -> None:

    p.add_argument("--roster", metavar="NAME|DATE|FILE",
                   help=f"a named roster ({', '.join(roster_names())}), a date YYYY-MM-DD (the Taliban government "
                        "as of that date), or your own roster CSV: the columns of data/appointees.csv, or any CSV "
                        "with a 'name' column and one column per tag (reserved column names: "
                        f"{', '.join(RESERVED)})")


def as_of(p) -> None:
    p.add_argument("--as-of", metavar="DATE", help="the government as of this date (YYYY-MM-DD, on or after 2021-09-07)")


def home(p, default=None) -> None:

    p.add_argument("--home", choices=HOMES, default=default,
                   help="which sense of home province: birth, origin, stated ('from'), or any (plural: a man born "
                        "in one province into a family from another counts in both). Default: birth where the "
                        "roster records birthplaces, so each person counts once; else the roster's province column")


def merge_duplicates(p) -> None:
    p.add_argument("--merge-duplicates", action="store_true",
                   help="a roster of any body that lists one person twice (the same name or person_id) with "
                        "tags that agree: merge the rows into one, and say so (default: refuse the roster)")


def duplicates(args) -> str:
    """The ``duplicates`` choice of :func:`cabinet.io.load_user_roster` that --merge-duplicates asks for."""

    return "merge" if getattr(args, "merge_duplicates", False) else "refuse"


def exclude_weak(p) -> None:
    p.add_argument("--exclude-weak", action="store_true",
                   help="leave out values that rest only on low-class sources (default: keep them, flagged)")


def table_format(p) -> None:
    p.add_argument("--format", default="table", choices=FORMATS, help="output format (default: table)")


def columns(p) -> None:
    p.add_argument("--columns", metavar="COLS",
                   help="columns of the table format: comma-separated names, or all (default: a compact set)")


def by(p, required=True, help=None) -> None:

    p.add_argument("--by", required=required, metavar="BY",
                   help=help or f"what to group by: a column of the roster, or {', '.join(BY)} (region, hazarajat and "
                                "confederation are derived from Afghan provinces and tribes when the roster has no "
                                "column of that name); several, comma-separated, cross-tabulate")


def baseline(p, help=None, many=False) -> None:
    """--baseline; ``many``: given once per grouping of --by, in its order (``cabinet report``)."""

    named = ", ".join(f"{n} ({b.label})" if n == "movement" else n for n, b in BASELINES.items())
    p.add_argument("--baseline", metavar="B", action="append" if many else "store",
                   help=help or f"{named}, an ethnic estimate id, 'all', or a CSV file of group,share (or "
                                "group,population); built-in baselines apply only to Afghan groups")


def scheme(p) -> None:

    p.add_argument("--scheme", default="commentary", choices=SCHEMES, help="region scheme (default: commentary)")


def hazarajat(p) -> None:

    p.add_argument("--hazarajat", default="core", choices=HAZARAJAT_DEFINITIONS, help="Hazarajat definition")


def draws(p, default: int, what: str) -> None:
    p.add_argument("--draws", type=int, default=default, help=f"{what} (default: {default})")
    p.add_argument("--seed", type=int, default=0, help="seed of the random draws (default: 0)")


def check_as_of(value):
    """An --as-of value as a date on or after 7 September 2021 (None stays None)."""

    return check(value, "--as-of")


def is_named(value) -> bool:
    """A name of :data:`cabinet.ROSTERS` or a date (2022-01-01) rather than a file."""

    return bool(value) and not os.path.exists(value) and is_roster_name(value)


def load(args, **kwargs):
    """The roster of --roster (a name, a date or a file) as of --as-of, through the one resolver."""

    given, when = getattr(args, "roster", None), check_as_of(getattr(args, "as_of", None))
    if when is not None and is_named(given):
        raise UsageError("--as-of does not combine with a named --roster; name the date itself: --roster YYYY-MM-DD")
    kwargs.setdefault("duplicates", duplicates(args))
    return load_roster(given, as_of=when, exclude_weak=getattr(args, "exclude_weak", False), **kwargs)
