"""What the command line prints: tables, CSV or JSON, and errors in its own words.

Every command prints the table of the Python function it calls. ``--format
table`` (the default) shows a compact set of columns and says how many more
there are; ``csv`` and ``json`` keep every column. CSV is written for
spreadsheets: every text cell quoted, and a cell that would run as a formula
neutralised (:func:`cabinet.fileio.spreadsheet_safe`). Counts print as integers,
and an error message names the command-line flag (``--baseline FILE``) where
the Python message names the argument (``baseline=``).
"""

from __future__ import annotations
from ..groupings import suggest
from ..io.fileio import csv_text
from ..representation import counting_note
from ..rosters import ARGUMENT_PREFIX

__all__ = [
    "FORMATS",
    "UsageError",
    "cli_words",
]

FORMATS = ("table", "csv", "json")


#: Columns of the human-readable table when --columns is not given (csv and json keep every column).
_COMPACT = {
    "gaps": ["baseline", "group", "status", "count", "count_max", "n", "share", "baseline_share", "expected",
             "p_le_count", "p_le_count_max", "p_ge_count_max", "p_ge_count", "can_reject", "test"],
    "claims": ["id", "verdict", "count", "count_max", "n", "figure"],
    "estimates": ["group", "assumption", "count", "count_max", "n", "expected", "interval_low", "interval_high",
                  "p_le_count", "method", "prior"],
    "claim_probabilities": ["id", "assumption", "probability", "probability_low", "probability_high", "method",
                            "verdict", "prior"],
    "indices": ["baseline", "index", "observed_min", "observed_max", "expected", "p_min", "p_max", "p_method",
                "observed_complete", "p_complete", "n_seats", "n_unknown", "n_several"],
    "compare": ["group", "roster_a", "roster_b", "n_shared", "count_a", "count_max_a", "n_a", "count_b", "count_max_b",
                "n_b", "diff_min", "diff_max", "diff_complete", "p_min", "p_max", "p_complete", "p_adj_min",
                "p_adj_max", "holds"],
}


_INTEGER = ("count", "count_max", "n", "n_known")


class UsageError(Exception):
    """A bad argument value: exit status 2."""


#: Library argument names, as a command-line user knows them.
_CLI_WORDS = (("baseline=", "--baseline "), ("adjust=", "--adjust "), ("weights=", "--weights "), ("by=", "--by "), ("home=", "--home "),
              ("scheme=", "--scheme "), ("hazarajat=", "--hazarajat "), ("pool=", "--pool "),
              ("a mapping or Series of group -> share", "a CSV file of group,share"),
              ("pass your own baseline", "pass --baseline FILE"),
              ("give your own baseline, a CSV file of group,share", "give your own with --baseline FILE"),
              ("use home=None", "leave out --home"),
              ("cabinet.representation(roster, by=COLUMN, baseline=...)", "cabinet gaps --by COLUMN --baseline FILE"))


def cli_words(message: str) -> str:
    """A library message in the words of the command line (``--baseline FILE``, not ``baseline=``).

    Examples
    --------
    >>> cli_words("no named baseline 'x' for by='region'")
    "no named baseline 'x' for --by 'region'"
    """
    message = ARGUMENT_PREFIX.sub("", message)  # the command line names its own options
    for lib, cli in _CLI_WORDS:
        message = message.replace(lib, cli)
    return message


def _columns(frame, spec, command):
    if spec == "all" or frame.empty:
        return frame
    if spec:
        wanted = [c.strip() for c in spec.split(",") if c.strip()]
        bad = [c for c in wanted if c not in frame.columns]
        if bad:
            raise UsageError(f"--columns: no column {bad[0]!r}{suggest(bad[0], frame.columns)}; allowed: "
                             f"{', '.join(frame.columns)}, or all")
        return frame[wanted]
    if command == "gaps_wide":
        return frame[[c for c in frame.columns if ":" not in c or c.endswith((":baseline_share", ":p_le_count"))]]
    compact = _COMPACT.get(command)
    if compact is None:
        return frame
    return frame[[c for c in compact if c in frame.columns]]


def _integers(frame):
    """Counts as integers when every count is whole (unweighted tables)."""
    frame = frame.copy()
    for c in _INTEGER:
        if c in frame.columns:
            values = frame[c]
            if values.notna().all() and (values.astype(float) % 1 == 0).all():
                frame[c] = values.astype("int64")
    return frame


def _emit(frame, fmt: str, out, *, columns=None, command=None) -> None:
    import pandas as pd

    frame = _integers(frame)
    if fmt == "csv":  # for spreadsheets: no cell a spreadsheet would run as a formula (cabinet.fileio)

        out.write(csv_text(frame))
    elif fmt == "json":
        out.write(frame.to_json(orient="records", date_format="iso", indent=2, force_ascii=False))
        out.write("\n")
    else:
        shown = _columns(frame, columns, command)
        if "baseline" in shown.columns and shown["baseline"].nunique() <= 1:
            shown = shown.drop(columns="baseline")  # one baseline: named below the table
        with pd.option_context("display.max_rows", None, "display.max_columns", None,
                               "display.width", 200, "display.max_colwidth", 60, "display.precision", 3):
            out.write(shown.to_string(index=False))
            out.write("\n")
        if "baseline_label" in frame.columns:
            labels = [x for x in dict.fromkeys(frame["baseline_label"].fillna("")) if x]
            for label in labels:
                out.write(f"baseline: {label}\n")
            notes = [x for x in dict.fromkeys(frame["baseline_note"].fillna("")) if x] if "baseline_note" in frame else []
            for note in notes:
                out.write(f"note: {note}\n")
        _power_lines(frame, out)
        _counting_lines(frame, out)
        hidden = [c for c in frame.columns if c not in shown.columns]
        if hidden:
            out.write(f"({len(hidden)} more columns: --columns all, --columns NAME,NAME or --format csv or json)\n")


_HOME_WORDS = {"birth": "home by birth", "origin": "home by family origin", "stated": "home where a source says 'from'",
               "any": "home in any sense (birth, family origin or 'from')"}


def _power_lines(frame, out) -> None:
    """Below a representation table: the groups for which no count, not even 0, is unusual enough to reject."""
    if "can_reject" not in frame.columns or "p_le_floor" not in frame.columns:
        return
    rows = frame[frame["can_reject"].eq(False).fillna(False).astype(bool)]
    for r in rows.drop_duplicates(["group", "p_le_floor"]).itertuples(index=False):
        out.write(f"cannot reject: {r.group} ({100 * float(r.baseline_share):.1f}% of the baseline): even none of "
                  f"{r.n} would have P = {float(r.p_le_floor):.3f}, not below 0.05; no test of a count this low "
                  f"can reject for it\n")


def _counting_lines(frame, out) -> None:
    """Below a representation table: what its rows count (people, or memberships and how many count twice)."""
    attrs = frame.attrs
    if attrs.get("counts") is None:
        return
    home = _HOME_WORDS.get(str(attrs.get("home") or ""), "")
    if attrs["counts"] == "people" and attrs.get("weighted"):
        out.write(f"counts: weighted posts, {attrs.get('n_people')} in all (--weights), each person in one row"
                  + (f" ({home})" if home else "") + "\n")
    elif attrs["counts"] == "people":
        out.write(f"counts: {attrs.get('n_people')} people, each in one row" + (f" ({home})" if home else "") + "\n")
    else:
        out.write("counts" + (f" ({home})" if home else "") + ": " + counting_note(frame) + "\n")
