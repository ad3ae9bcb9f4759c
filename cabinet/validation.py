"""The one shared validator: reads a CSV file and checks it against the data package.

Every table, bundled or the user's own, goes through :func:`read_csv` and
:func:`check_table`. They collect every problem they find (a :class:`Problem`
per bad cell, row or header) rather than stopping at the first; the loaders
then raise one :class:`DataError` listing them all. Nothing is dropped: a row
that cannot be read is a problem, never skipped.

Values are normalised only in ways that cannot change their meaning, and every
normalisation is recorded: surrounding white space, the case of a categorical
value (``pashtun`` -> ``Pashtun``) and the spelling variants listed in the
data package itself (``Hilmand`` -> ``Helmand``, from ``provinces.csv``).
"""

from __future__ import annotations

import csv
import difflib
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import datapackage as dp
from .errors import Problem

__all__ = ["RawTable", "References", "read_csv", "check_table", "parse_candidates", "parse_sources", "sniff_delimiter"]

#: A cell that may start or end with white space: after a separator, quote or line start, or before one.
_PADDED = re.compile(r'(?:^|[,"])\s|\s[,"]|[^\S\r\n]\r?$', re.M)  # \s matches what str.isspace() does

#: Special tribe values that are not rows of tribes.csv.
TRIBE_SPECIAL = ("unknown", "not_applicable")


@dataclass
class RawTable:
    """A CSV file as read: header, rows of strings, and each row's first line number."""

    file: str
    header: list[str]
    rows: list[list[str]]
    lines: list[int]
    problems: list[Problem] = field(default_factory=list)
    padded: bool = True  # False when no cell can start or end with white space
    delimiter: str = ","  # the field separator found in the header line


@dataclass
class References:
    """What the foreign keys of a table may point at.

    ``provinces`` and ``tribes`` map every accepted spelling (case-folded) to the
    canonical name; ``sources`` is the set of source ids.
    """

    provinces: dict[str, str] | None = None
    tribes: dict[str, str] | None = None
    sources: set[str] | None = None
    province_names: list[str] = field(default_factory=list)
    tribe_names: list[str] = field(default_factory=list)


def _fold(value: str) -> str:
    return re.sub(r"[\s_\-]+", " ", value.strip().casefold())


def _closest(value: str, allowed, aliases: dict[str, str] | None = None) -> str | None:
    """The allowed value closest to ``value``; ``aliases`` maps folded variant spellings to allowed values."""
    allowed = [a for a in allowed if a]
    if not value or not allowed:
        return None
    folded = {_fold(a): a for a in allowed}
    for k, v in (aliases or {}).items():
        folded.setdefault(k, v)
    hit = difflib.get_close_matches(_fold(value), list(folded), n=1, cutoff=0.6)
    return folded[hit[0]] if hit else None


def _describe(allowed: list[str], limit: int = 40) -> str:
    if len(allowed) <= limit:
        return ", ".join(allowed)
    return ", ".join(allowed[:limit]) + f", ... ({len(allowed)} values)"


def read_csv(path, *, label: str | None = None) -> RawTable:
    """Read a CSV file into strings, keeping the line number of every row.

    Accepts UTF-8 with or without a byte-order mark and any line ending.
    Returns a :class:`RawTable`; problems that prevent reading (missing file,
    bytes that are not UTF-8, an empty file, a row with the wrong number of
    fields) are listed in ``RawTable.problems``, never raised.

    Parameters
    ----------
    path : str or os.PathLike
        The file.
    label : str, optional
        How to name the file in messages (default: the path as given).
    """
    file = label or str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        return RawTable(file, [], [], [], [Problem(file, None, None, None, "file not found")])
    except IsADirectoryError:
        return RawTable(file, [], [], [], [Problem(file, None, None, None, "is a directory, not a CSV file")])
    except OSError as exc:
        return RawTable(file, [], [], [], [Problem(file, None, None, None, f"cannot be read: {exc.strerror or exc}")])
    return read_csv_bytes(data, file)


def read_csv_bytes(data: bytes, file: str) -> RawTable:
    """Like :func:`read_csv` for bytes already in memory."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        bad = data[exc.start : exc.end + 3]
        return RawTable(
            file, [], [], [],
            [Problem(file, line, None, repr(bad)[2:-1],
                     f"bytes at offset {exc.start} are not valid UTF-8",
                     allowed="UTF-8 text (with or without a byte-order mark)")],
        )
    if not text.strip():
        return RawTable(file, [], [], [], [Problem(file, None, None, None, "file is empty; expected a header row")])
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return RawTable(file, [], [], [], [Problem(file, line, None, None, "file contains a NUL character; it is not a text CSV file")])
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True, delimiter=delimiter)
    rows: list[list[str]] = []
    lines: list[int] = []
    problems: list[Problem] = []
    header: list[str] = []
    start = 1
    append_row, append_line = rows.append, lines.append
    try:
        for record in reader:
            if not header:
                header = record
                start = reader.line_num + 1
                continue
            if not record or (len(record) == 1 and not record[0]):
                start = reader.line_num + 1
                continue  # a blank line is no row; nothing to lose
            append_row(record)
            append_line(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        problems.append(Problem(file, reader.line_num, None, None, f"cannot be parsed as CSV: {exc}",
                                allowed="RFC 4180 CSV: fields with commas, quotes or line breaks in double quotes"))
    padded = _PADDED.search(text if delimiter == "," else text.replace(delimiter, ",")) is not None
    return RawTable(file, header, rows, lines, problems, padded, delimiter)


def sniff_delimiter(text: str) -> str:
    """The field separator of a CSV text, read from its header line: ``,``, ``;`` or a tab.

    Spreadsheets in locales with a decimal comma (Excel in much of Europe) write
    ``;``-separated files; a header with no comma but a ``;`` or a tab is read
    with that separator.

    Examples
    --------
    >>> sniff_delimiter("name;region\\nA;North\\n")
    ';'
    >>> sniff_delimiter("name,region\\n")
    ','
    """
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    if "," in first:
        return ","
    for sep in (";", "\t"):
        if sep in first:
            return sep
    return ","


def parse_candidates(value: str) -> tuple[str, ...]:
    """Split a disputable cell into its candidates.

    Examples
    --------
    >>> parse_candidates("Kandahar|Uruzgan")
    ('Kandahar', 'Uruzgan')
    >>> parse_candidates("unknown")
    ()
    """
    if value is None or value.strip() in ("", dp.UNKNOWN):
        return ()
    return tuple(part.strip() for part in value.split(dp.CANDIDATE_SEP))


def parse_sources(value: str) -> tuple[tuple[str, ...], ...]:
    """Split a sources cell into one group of source ids per candidate.

    Examples
    --------
    >>> parse_sources("a;b|c")
    (('a', 'b'), ('c',))
    >>> parse_sources("")
    ()
    """
    if value is None or not value.strip():
        return ()
    return tuple(
        tuple(i.strip() for i in group.split(dp.LIST_SEP))
        for group in value.split(dp.CANDIDATE_SEP)
    )


class _Checker:
    """Column-wise checks of one table; collects problems and normalisations."""

    def __init__(self, name: str, raw: RawTable, refs: References):
        self.name = name
        self.raw = raw
        self.refs = refs
        self.schema = dp.resource(name)["schema"]
        self.problems: list[Problem] = list(raw.problems)
        self.normalised: list[dict] = []
        self.lines = pd.Series(raw.lines, dtype="int64")

    def problem(self, i, column, value, message, allowed=None, closest=None):
        line = int(self.lines.iloc[i]) if i is not None else 1
        self.problems.append(Problem(self.raw.file, line, column, value, message, allowed, closest))

    def note(self, i, column, old, new, why):
        self.normalised.append({"file": self.raw.file, "line": int(self.lines.iloc[i]), "column": column,
                                "original": old, "normalised": new, "reason": why})

    # --- header -------------------------------------------------------------
    def header(self) -> list[str]:
        expected = [f["name"] for f in self.schema["fields"]]
        header = [h.strip() for h in self.raw.header]
        for j, (h, raw_h) in enumerate(zip(header, self.raw.header)):
            if h != raw_h:
                self.normalised.append({"file": self.raw.file, "line": 1, "column": h, "original": raw_h,
                                        "normalised": h, "reason": "white space around a column name"})
        seen = set()
        for h in header:
            if h in seen:
                self.problems.append(Problem(self.raw.file, 1, h, h, "column appears more than once in the header",
                                             allowed="each column once"))
            seen.add(h)
        for h in header:
            if h not in expected:
                self.problems.append(Problem(self.raw.file, 1, h, h, f"unexpected column for table {self.name!r}",
                                             allowed=_describe(expected), closest=_closest(h, [e for e in expected if e not in header])))
        for e in expected:
            if e not in header:
                self.problems.append(Problem(self.raw.file, 1, e, None, f"required column {e!r} is missing from the header",
                                             allowed=_describe(expected)))
        return header

    # --- frame --------------------------------------------------------------
    def frame(self, header) -> pd.DataFrame:
        width = len(header)
        good_rows, good_lines = [], []
        for row, line in zip(self.raw.rows, self.raw.lines):
            if len(row) != width:
                self.problems.append(Problem(self.raw.file, line, None, None,
                                             f"row has {len(row)} fields but the header has {width}",
                                             allowed="one field per header column; quote fields that contain commas"))
            else:
                good_rows.append(row)
                good_lines.append(line)
        self.lines = pd.Series(good_lines, dtype="int64")
        keep = [j for j, h in enumerate(header) if header.index(h) == j]
        df = pd.DataFrame(good_rows, columns=range(width), dtype=object) if good_rows else pd.DataFrame(columns=range(width), dtype=object)
        df = df[keep]
        df.columns = [header[j] for j in keep]
        return df.reset_index(drop=True)

    # --- cells --------------------------------------------------------------
    def strip(self, df: pd.DataFrame) -> pd.DataFrame:
        if not self.raw.padded:
            return df  # no cell starts or ends with white space: nothing to strip
        for col in df.columns:
            s = df[col].astype(str)
            stripped = s.str.strip()
            changed = stripped.ne(s)
            for i in changed[changed].index:
                self.note(i, col, s[i], stripped[i], "white space around the value")
            df[col] = stripped
        return df

    def check_column(self, df: pd.DataFrame, f: dict) -> None:
        col = f["name"]
        s = df[col]
        cons = f.get("constraints", {})
        empty = s.eq("")
        if cons.get("required"):
            for i in empty[empty].index:
                self.problem(i, col, "", "value is required", allowed=self._allowed_text(f))
        present = ~empty
        typ = f.get("type", "string")
        if typ == "integer":
            ok = s.str.fullmatch(r"-?[0-9]+")
            for i in (present & ~ok)[present & ~ok].index:
                self.problem(i, col, s[i], "not a whole number", allowed="an integer such as 1234567 (no separators)")
            self._range(s, present & ok, f, "number")
        elif typ == "number":
            num = pd.to_numeric(s.where(present), errors="coerce")
            bad = present & (num.isna() | num.isin([float("inf"), float("-inf")]))
            for i in bad[bad].index:
                self.problem(i, col, s[i], "not a number", allowed="a decimal number such as 42 or 26.3")
            self._range(s, present & ~bad, f, "number")
        elif typ == "date":
            parsed = pd.to_datetime(s.where(present), format="%Y-%m-%d", errors="coerce")
            valid = present & parsed.notna() & s.str.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
            for i in (present & ~valid)[present & ~valid].index:
                self.problem(i, col, s[i], "not a valid date", allowed="an ISO 8601 date YYYY-MM-DD, e.g. 2021-09-07")
            self._range(s, valid, f, "date")
        if "pattern" in cons:
            ok = s.str.fullmatch(cons["pattern"])
            for i in (present & ~ok)[present & ~ok].index:
                self.problem(i, col, s[i], "does not have the required form", allowed=f"text matching {cons['pattern']}")
        if "enum" in cons:
            self._enum(df, f, present)
        if cons.get("unique"):
            dup = s.duplicated(keep=False) & present
            if dup.any():
                lines_of = self.lines.groupby(s.where(dup)).agg(list)
                for i in dup[dup].index:
                    others = [ln for ln in lines_of[s[i]] if ln != self.lines.iloc[i]]
                    shown = ", ".join(map(str, others[:5])) + (f" and {len(others) - 5} more" if len(others) > 5 else "")
                    self.problem(i, col, s[i], f"duplicate value (also on line {shown})",
                                 allowed="a value not used on any other row")

    def _range(self, s, mask, f, kind):
        cons = f.get("constraints", {})
        lo, hi = cons.get("minimum"), cons.get("maximum")
        if (lo is None and hi is None) or not mask.any():
            return
        if kind == "date":
            values = pd.to_datetime(s.where(mask), format="%Y-%m-%d", errors="coerce")
            lo_v = pd.Timestamp(lo) if lo is not None else None
            hi_v = pd.Timestamp(hi) if hi is not None else None
        else:
            values = pd.to_numeric(s.where(mask), errors="coerce")
            lo_v, hi_v = lo, hi
        bad = pd.Series(False, index=s.index)
        if lo_v is not None:
            bad |= mask & (values < lo_v)
        if hi_v is not None:
            bad |= mask & (values > hi_v)
        for i in bad[bad].index:
            self.problem(i, f["name"], s[i], "out of range",
                         allowed=f"from {lo if lo is not None else '-inf'} to {hi if hi is not None else 'inf'}")

    def _allowed_text(self, f):
        cons = f.get("constraints", {})
        if "enum" in cons:
            return _describe(cons["enum"])
        return None

    def _canonical(self, f, value: str):
        """Return (canonical, reason) for an enum value, or (None, None)."""
        allowed = f["constraints"]["enum"]
        if value in allowed:
            return value, None
        folded = {_fold(a): a for a in allowed}
        if _fold(value) in folded:
            return folded[_fold(value)], "letter case or separators of a category"
        if f["name"] == "province" and self.refs.provinces:
            hit = self.refs.provinces.get(_fold(value))
            if hit:
                return hit, "province spelling variant listed in provinces.csv"
        return None, None

    def _enum(self, df, f, present):
        col = f["name"]
        s = df[col]
        allowed = f["constraints"]["enum"]
        disputable = f.get("cabinet:disputable", False)
        for i in (present & ~s.isin(allowed))[present & ~s.isin(allowed)].index:
            value = s[i]
            parts = [value] if not disputable else [p.strip() for p in value.split(dp.CANDIDATE_SEP)]
            out = []
            bad = False
            for part in parts:
                canon, why = self._canonical(f, part)
                if canon is None:
                    bad = True
                    extra = " or several candidates separated by '|'" if disputable else ""
                    self.problem(i, col, part if len(parts) > 1 else value,
                                 "not an allowed value" + (" in a disputed cell" if len(parts) > 1 else ""),
                                 allowed=_describe(allowed) + extra, closest=_closest(part, allowed, self._variants(f)))
                else:
                    out.append(canon)
            if bad:
                continue
            if len(out) > 1:
                if dp.UNKNOWN in out:
                    self.problem(i, col, value, "'unknown' cannot be one candidate of a dispute",
                                 allowed="two or more known candidates, or 'unknown' alone")
                    continue
                if len(set(out)) != len(out):
                    self.problem(i, col, value, "a dispute names the same candidate twice",
                                 allowed="distinct candidates")
                    continue
            new = dp.CANDIDATE_SEP.join(out)
            if new != value:
                self.note(i, col, value, new, "; ".join(sorted({w for p in parts for _, w in [self._canonical(f, p)] if w})) or "candidate spacing")
                df.at[i, col] = new

    def _variants(self, f) -> dict[str, str]:
        if f["name"] == "province" and self.refs.provinces:
            return dict(self.refs.provinces)
        return {}

    # --- foreign keys and sources -------------------------------------------
    def tribes(self, df):
        if "tribe" not in df.columns or self.refs.tribes is None:
            return
        s = df["tribe"]
        fine = s.isin(list(TRIBE_SPECIAL) + self.refs.tribe_names + [""])
        for i in s[~fine].index:
            value = s[i]
            parts = [p.strip() for p in value.split(dp.CANDIDATE_SEP)]
            out = []
            for part in parts:
                if part in self.refs.tribe_names:
                    out.append(part)
                    continue
                hit = self.refs.tribes.get(_fold(part))
                if hit:
                    out.append(hit)
                else:
                    out = None
                    self.problem(i, "tribe", part, "tribe not listed in tribes.csv",
                                 allowed="a tribe of tribes.csv, 'unknown' or 'not_applicable'",
                                 closest=_closest(part, self.refs.tribe_names))
                    break
            if out is not None:
                new = dp.CANDIDATE_SEP.join(out)
                if new != value:
                    self.note(i, "tribe", value, new, "tribe spelling variant listed in tribes.csv")
                    df.at[i, "tribe"] = new

    def sources(self, df):
        fields = {f["name"]: f for f in self.schema["fields"]}
        src_cols = [n for n, f in fields.items() if f.get("cabinet:source_list")]
        known = self.refs.sources
        for col in src_cols:
            if col not in df.columns:
                continue
            s = df[col]
            # check each distinct cell once: a million rows cite few distinct source lists
            bad_cells = {}
            for cell in pd.unique(s[s.ne("")]):
                ids = [i.strip() for i in re.split(r"[|;]", cell)]
                bad = [i for i in ids if i == "" or (known is not None and i not in known)]
                if bad:
                    bad_cells[cell] = bad
            for i in s[s.isin(list(bad_cells))].index:
                for sid in bad_cells[s[i]]:
                    if sid == "":
                        self.problem(i, col, s[i], "empty source id (doubled or trailing separator)",
                                     allowed="source ids separated by ';', candidates' groups by '|'")
                    else:
                        self.problem(i, col, sid, "source id not listed in sources.csv",
                                     allowed="a source_id of sources.csv", closest=_closest(sid, sorted(known)))
        # every known tag cites a source, one group per candidate
        for name, f in fields.items():
            scol = f.get("cabinet:sources_field")
            if not scol or name not in df.columns or scol not in df.columns:
                continue
            value, srcs = df[name], df[scol]
            tagged = ~value.isin(["", dp.UNKNOWN, "not_applicable"])
            missing = tagged & srcs.eq("")
            for i in missing[missing].index:
                if name == "un_ref":
                    self.problem(i, scol, srcs[i], f"{name} {value[i]!r} has no source", allowed="source ids of sources.csv")
                else:
                    self.problem(i, scol, srcs[i], f"{name} is {value[i]!r} but no source is given",
                                 allowed=f"source ids of sources.csv (or set {name} to 'unknown')")
            if name == "un_ref":
                continue
            n_cand = value.str.count(r"\|") + 1 if f.get("cabinet:disputable") else pd.Series(1, index=value.index)
            n_groups = srcs.str.count(r"\|") + 1
            wrong = tagged & ~missing & n_cand.ne(n_groups)
            for i in wrong[wrong].index:
                self.problem(i, scol, srcs[i],
                             f"{name} has {n_cand[i]} candidate(s) but {n_groups[i]} group(s) of sources",
                             allowed="one ';'-separated group of source ids per candidate, groups separated by '|'")

    def inferred(self, df):
        if "inferred_fields" not in df.columns:
            return
        names = [f["name"] for f in self.schema["fields"]]
        s = df["inferred_fields"]
        items = s[s.ne("")].str.split(dp.LIST_SEP).explode().str.strip()
        for i, item in items[~items.isin(names)].items():
            self.problem(i, "inferred_fields", item, "not a column of this table",
                         allowed=_describe(names), closest=_closest(item, names))

    def keys(self, df):
        pk = self.schema.get("primaryKey", [])
        if len(pk) > 1 and all(c in df.columns for c in pk):
            dup = df.duplicated(subset=pk, keep=False)
            for i in dup[dup].index:
                key = ", ".join(f"{c}={df.at[i, c]!r}" for c in pk)
                self.problem(i, None, key, "duplicate primary key", allowed="each combination of " + ", ".join(pk) + " once")
        for fk in self.schema.get("foreignKeys", []):
            col = fk["fields"][0]
            target = fk["reference"]["resource"]
            if target == "provinces" and col in df.columns and self.refs.province_names and col != "province":
                s = df[col]
                for i in s[s.ne("") & ~s.isin(self.refs.province_names)].index:
                    self.problem(i, col, s[i], "province not in provinces.csv",
                                 allowed=_describe(self.refs.province_names), closest=_closest(s[i], self.refs.province_names))


def check_table(name: str, raw: RawTable, refs: References | None = None):
    """Check a table read by :func:`read_csv` against the data package.

    Parameters
    ----------
    name : str
        The table's name in ``datapackage.json`` (e.g. ``"appointees"``).
    raw : RawTable
        What :func:`read_csv` returned.
    refs : References, optional
        Targets of the foreign keys; checks against a missing target are skipped.

    Returns
    -------
    frame : pandas.DataFrame
        The table as strings, normalised (nothing dropped: a row with the wrong
        number of fields is a problem, and the table is then not usable).
    normalised : pandas.DataFrame
        One row per normalised cell: file, line, column, original, normalised, reason.
    problems : list of Problem
    """
    refs = refs or References()
    chk = _Checker(name, raw, refs)
    if not raw.header:
        frame = pd.DataFrame(columns=[f["name"] for f in chk.schema["fields"]])
        return frame, pd.DataFrame(chk.normalised), chk.problems
    header = chk.header()
    frame = chk.strip(chk.frame(header))
    for f in chk.schema["fields"]:
        if f["name"] in frame.columns:
            chk.check_column(frame, f)
    chk.tribes(frame)
    chk.sources(frame)
    chk.inferred(frame)
    chk.keys(frame)
    frame.attrs = {}
    cols = ["file", "line", "column", "original", "normalised", "reason"]
    order = {name: j for j, name in enumerate(f["name"] for f in chk.schema["fields"])}
    problems = sorted(chk.problems, key=lambda p: (p.line or 0, order.get(p.column, -1)))
    return frame, pd.DataFrame(chk.normalised, columns=cols), problems


def variants_map(names, variants_column) -> dict[str, str]:
    """Map every spelling (folded) to its canonical name, from a name_variants column."""
    out: dict[str, str] = {}
    for name, variants in zip(names, variants_column):
        out[_fold(name)] = name
        for v in str(variants or "").split(dp.LIST_SEP):
            if v.strip():
                out[_fold(v)] = name
    return out


def display_path(path) -> str:
    """A path as it should appear in messages: relative to the working folder when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)
