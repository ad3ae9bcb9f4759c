"""The one shared validator: reads a CSV file and checks it against the data package.

Every table, bundled or the user's own, goes through :func:`read_csv` and
:func:`check_table`. They collect every problem they find (a :class:`Problem`
per bad cell, row or header) rather than stopping at the first; the loaders
then raise one :class:`DataError` listing them all. Nothing is dropped: a row
that cannot be read is a problem, never skipped.

Two forms are checked:

* a **table of the data package** (``appointees.csv`` holding identity and
  post, ``appointee_facts.csv``, ``provinces.csv``, ``sources.csv``, ...) is
  checked exactly as the Frictionless reference validator checks it (header
  in schema order, types, ``enum``, ``pattern``, ``unique``, primary and
  foreign keys), so the two accept and reject the same files; only harmless
  white space around free text and numbers is removed (and reported);
* a **roster in the wide form** (one row per appointment, one tag cell per
  tag column, as :func:`cabinet.load_appointees` returns it, or a user's own
  roster) is checked more leniently: columns in any order, optional columns
  left out, spelling variants normalised (``Hilmand`` -> ``Helmand``), and
  the tag-cell grammar (see :mod:`cabinet.tags`).

Values are normalised only in ways that cannot change their meaning, and every
normalisation is recorded. Reading a file into strings is
:mod:`cabinet.io.csv_files`; the tag grammar is :mod:`cabinet.tags`.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import datapackage as dp
from ..errors import Problem
from .csv_files import RawTable
from .._spelling import closest_value as _closest, describe_values as _describe, fold_spelling as _fold
from .wide_form import _WideFormRules, _factorize


#: The tag columns of the wide form that record a kind of home.
KIND_COLUMNS = tuple(f"{k}_{c}" for k in ("birth", "origin", "stated") for c in ("province", "district"))


@dataclass
class References:
    """What the foreign keys of a table may point at.

    ``provinces`` and ``tribes`` map every accepted spelling (case-folded) to the
    canonical name; ``sources`` is the set of source ids. ``tables`` holds the
    already checked tables of the data package by name (strings), for the
    foreign keys of the stored tables.
    """

    provinces: dict[str, str] | None = None
    tribes: dict[str, str] | None = None
    sources: set[str] | None = None
    province_names: list[str] = field(default_factory=list)
    tribe_names: list[str] = field(default_factory=list)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)


def is_wide(header) -> bool:
    """Whether a header is that of an appointments table in the wide form (it has tag columns)."""
    tags = {f["name"] for f in dp.roster_schema()["fields"] if f.get("cabinet:tag")}
    return bool(tags & {h.strip() for h in header})


def _integer(value: str) -> bool:
    try:
        int(value)
        return True
    except ValueError:
        return False


def _number(value: str) -> bool:
    try:
        x = float(value)
    except ValueError:
        return False
    return x == x and x not in (float("inf"), float("-inf"))


def _per_value(s: pd.Series, test) -> pd.Series:
    """``test`` of every cell as a boolean Series, computed once per distinct value (a long table repeats its values)."""
    codes, uniques = _factorize(s.to_numpy())
    results = np.fromiter(map(test, uniques), dtype=bool, count=len(uniques))  # truth of each result
    return pd.Series(results[codes] if len(uniques) else np.zeros(len(s), dtype=bool), index=s.index)


def _all_fullmatch(pattern: re.Pattern, values) -> np.ndarray:
    """Whether each of ``values`` is text matching ``pattern`` in full (one C-level pass when all are text)."""
    try:
        return np.fromiter(map(pattern.fullmatch, values), dtype=bool, count=len(values))
    except TypeError:  # a cell that is not text
        return np.fromiter((isinstance(v, str) and pattern.fullmatch(v) is not None for v in values), dtype=bool,
                           count=len(values))


def _as_float(value) -> float:
    """``float(value)``, or NaN for a value that is no number (such cells are outside the mask judged)."""
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")


def _iso_date(value) -> bool:
    """A valid calendar date written YYYY-MM-DD."""
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        return False
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _date(value: str):
    try:
        return _dt.datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        return None


class _Checker(_WideFormRules):
    """Column-wise checks of one table; collects problems and normalisations."""

    def __init__(self, name: str, raw: RawTable, refs: References, wide: bool):
        self.name = name
        self.raw = raw
        self.refs = refs
        self.wide = wide
        self.schema = dp.roster_schema() if wide else dp.resource(name)["schema"]
        self.fields = {f["name"]: f for f in self.schema["fields"]}
        self.problems: list[Problem] = list(raw.problems)
        self.normalised: list[dict] = []
        self.lines = pd.Series(raw.lines, dtype="int64")
        self.bad: set[tuple[int, str]] = set()  # cells with a problem already
        #: Empty cells as the fast reader found them, by column (None: a column without any); only for
        #: columns still as read (a column that strip() changes is dropped).
        self.empty: dict[str, np.ndarray | None] = {}
        #: ``pd.factorize`` of columns, once each (see ``_column_codes``); a column is dropped when a cell is changed.
        self.codes: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def problem(self, i, column, value, message, allowed=None, closest=None):
        line = int(self.lines.iloc[i]) if i is not None else 1
        if i is not None and column is not None:
            self.bad.add((i, column))
        self.problems.append(Problem(self.raw.file, line, column, value, message, allowed, closest))

    def note(self, i, column, old, new, why):
        self.normalised.append({"file": self.raw.file, "line": int(self.lines.iloc[i]), "column": column,
                                "original": old, "normalised": new, "reason": why})

    # --- header -------------------------------------------------------------
    def header(self) -> list[str]:
        expected = [f["name"] for f in self.schema["fields"]]
        file = self.raw.file
        if not self.wide and self.raw.delimiter != ",":
            shown = {";": "';'", "\t": "tabs"}[self.raw.delimiter]
            self.problems.append(Problem(file, 1, None, None, f"fields are separated by {shown}",
                                         allowed="fields separated by ',' (the data package's dialect)"))
        header = [h.strip() for h in self.raw.header]
        for h, raw_h in zip(header, self.raw.header):
            if h != raw_h:
                if self.wide:
                    self.normalised.append({"file": file, "line": 1, "column": h, "original": raw_h,
                                            "normalised": h, "reason": "white space around a column name"})
                else:
                    self.problems.append(Problem(file, 1, h, raw_h, "white space around a column name",
                                                 allowed=_describe(expected)))
        seen = set()
        for h in header:
            if h in seen:
                self.problems.append(Problem(file, 1, h, h, "column appears more than once in the header",
                                             allowed="each column once"))
            seen.add(h)
        for h in header:
            if h not in expected:
                self.problems.append(Problem(file, 1, h, h, f"unexpected column for table {self.name!r}",
                                             allowed=_describe(expected), closest=_closest(h, [e for e in expected if e not in header])))
        required = [f["name"] for f in self.schema["fields"]
                    if not self.wide or f.get("constraints", {}).get("required")]
        for e in required:
            if e not in header:
                self.problems.append(Problem(file, 1, e, None, f"required column {e!r} is missing from the header",
                                             allowed=_describe(expected)))
        if not self.wide and set(header) == set(expected) and len(header) == len(expected) and header != expected:
            self.problems.append(Problem(file, 1, None, ",".join(header), "columns are not in the order of the schema",
                                         allowed=",".join(expected)))
        if not self.wide:
            for line in self.raw.blank_lines:
                self.problems.append(Problem(file, line, None, "", "blank row",
                                             allowed="no blank lines between the rows of a data package table"))
        return header

    # --- frame --------------------------------------------------------------
    def frame(self, header) -> pd.DataFrame:
        width = len(header)
        keep = [j for j, h in enumerate(header) if header.index(h) == j]
        if self.raw.frame is not None:  # read by the fast path: every row is as wide as the header
            self.lines = pd.Series(np.asarray(self.raw.lines, dtype=np.int64), dtype="int64")
            df = self.raw.frame[keep]
            df.columns = [header[j] for j in keep]
            if self.raw.empty is not None:
                self.empty = {header[j]: self.raw.empty.get(j) for j in keep}
            return df.reset_index(drop=True)
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
        df = pd.DataFrame(good_rows, columns=range(width), dtype=object) if good_rows else pd.DataFrame(columns=range(width), dtype=object)
        df = df[keep]
        df.columns = [header[j] for j in keep]
        return df.reset_index(drop=True)

    # --- cells --------------------------------------------------------------
    def _constrained(self, f) -> bool:
        """A column whose values the standard compares exactly (enum, pattern, foreign key, date)."""
        cons = f.get("constraints", {})
        if "enum" in cons or "pattern" in cons or f.get("type") == "date":
            return True
        return any(f["name"] in fk["fields"] for fk in self.schema.get("foreignKeys", []))

    def strip(self, df: pd.DataFrame) -> pd.DataFrame:
        if not self.raw.padded:
            return df  # no cell starts or ends with white space: nothing to strip
        for col in df.columns:
            s = df[col].astype(str)
            # strip each distinct value once: a long roster repeats its values
            values = pd.unique(s.to_numpy())
            padded = [v for v in values if v != v.strip()]
            if not padded:
                continue
            fixes = {v: v.strip() for v in padded}
            changed = s.isin(padded)
            stripped = s.where(~changed, s.map(fixes))
            f = self.fields.get(col)
            if not self.wide and f is not None and self._constrained(f):
                for i in changed[changed].index:
                    self.problem(i, col, s[i], "white space around the value",
                                 allowed=self._allowed_text(f) or "the value without surrounding spaces",
                                 closest=stripped[i] if stripped[i] else None)
                continue
            for i in changed[changed].index:
                self.note(i, col, s[i], stripped[i], "white space around the value")
            df[col] = stripped
            self.empty.pop(col, None)  # a cell of white space only is now empty
            self.codes.pop(col, None)
        return df

    def check_column(self, df: pd.DataFrame, f: dict) -> None:
        col = f["name"]
        s = df[col]
        cons = f.get("constraints", {})
        if col in self.empty:  # the fast reader found the empty cells as it read
            mask = self.empty[col]
            empty = pd.Series(mask if mask is not None else np.zeros(len(s), dtype=bool), index=s.index)
        else:
            empty = s.eq("")
        if cons.get("required"):
            for i in empty[empty].index:
                self.problem(i, col, "", "value is required", allowed=self._allowed_text(f))
        present = ~empty
        typ = f.get("type", "string")
        if typ == "integer":
            ok = _per_value(s, _integer)
            for i in (present & ~ok)[present & ~ok].index:
                self.problem(i, col, s[i], "not a whole number", allowed="an integer such as 1234567 (no separators)")
            self._range(s, present & ok, f, "number")
        elif typ == "number":
            ok = _per_value(s, _number)
            for i in (present & ~ok)[present & ~ok].index:
                self.problem(i, col, s[i], "not a number", allowed="a decimal number such as 42 or 26.3")
            self._range(s, present & ok, f, "number")
        elif typ == "date":
            valid = present & _per_value(s, _iso_date)
            for i in (present & ~valid)[present & ~valid].index:
                d = _date(s[i])  # what the standard reads as a date: 2021-9-7 too
                if d is None:
                    self.problem(i, col, s[i], "not a valid date", allowed="an ISO 8601 date YYYY-MM-DD, e.g. 2021-09-07")
                else:
                    self.note(i, col, s[i], d.isoformat(), "date written without leading zeros")
                    df.at[i, col] = d.isoformat()
                    self.codes.pop(col, None)
                    valid[i] = True
            s = df[col]
            self._range(s, valid, f, "date")
        factorized = None
        if "pattern" in cons:
            pattern = re.compile(cons["pattern"])
            # each distinct value once; a unique column keeps its factorisation for the duplicates below
            factorized = codes, uniques = _factorize(s.to_numpy())
            ok = pd.Series(_all_fullmatch(pattern, uniques)[codes] if len(uniques) else np.zeros(len(s), dtype=bool),
                           index=s.index)
            for i in (present & ~ok)[present & ~ok].index:
                self.problem(i, col, s[i], "does not have the required form", allowed=f"text matching {cons['pattern']}")
        if "enum" in cons:
            if self.wide and f.get("cabinet:tag"):
                self._tag_enum(df, f, present)
            else:
                self._enum(df, f, present)
        if cons.get("unique"):
            if factorized is not None and "enum" not in cons:  # no cell changed since the factorisation
                codes = factorized[0]
                dup = pd.Series(np.bincount(codes, minlength=len(factorized[1]))[codes] > 1, index=s.index) & present
            else:
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
        # each distinct value once (a long table repeats its values); only the cells in mask are judged
        codes, uniques = _factorize(s.to_numpy())
        distinct = pd.Series(uniques, dtype=object)
        if kind == "date":
            values = pd.to_datetime(distinct, format="%Y-%m-%d", errors="coerce")
            lo_v = pd.Timestamp(lo) if lo is not None else None
            hi_v = pd.Timestamp(hi) if hi is not None else None
        else:
            values = pd.to_numeric(distinct.map(_as_float), errors="coerce")
            lo_v, hi_v = lo, hi
        out = np.zeros(len(uniques), dtype=bool)
        if lo_v is not None:
            out |= (values < lo_v).to_numpy()
        if hi_v is not None:
            out |= (values > hi_v).to_numpy()
        bad = mask & pd.Series(out[codes] if len(uniques) else np.zeros(len(s), dtype=bool), index=s.index)
        for i in bad[bad].index:
            self.problem(i, f["name"], s[i], "out of range",
                         allowed=f"from {lo if lo is not None else '-inf'} to {hi if hi is not None else 'inf'}")

    def _allowed_text(self, f):
        cons = f.get("constraints", {})
        if "enum" in cons:
            return _describe(cons["enum"])
        if "pattern" in cons:
            return f"text matching {cons['pattern']}"
        return None

    def _canonical(self, f, value: str):
        """Return (canonical, reason) for an enum value, or (None, None)."""
        allowed = f["constraints"]["enum"]
        if value in allowed:
            return value, None
        if not self.wide:
            return None, None  # a table of the data package holds canonical values only
        folded = {_fold(a): a for a in allowed}
        if _fold(value) in folded:
            return folded[_fold(value)], "letter case or separators of a category"
        if f["name"].endswith("province") and self.refs.provinces:
            hit = self.refs.provinces.get(_fold(value))
            if hit:
                return hit, "province spelling variant listed in provinces.csv"
        return None, None

    def _variants(self, f) -> dict[str, str]:
        if f["name"].endswith("province") and self.refs.provinces:
            return dict(self.refs.provinces)
        return {}

    def _enum(self, df, f, present):
        col = f["name"]
        s = df[col]
        allowed = f["constraints"]["enum"]
        codes, uniques = self._column_codes(df, col)  # each distinct value once
        known = set(allowed)
        outside = np.fromiter((u not in known for u in uniques), dtype=bool, count=len(uniques))
        not_allowed = pd.Series(outside[codes] if len(uniques) else np.zeros(len(s), dtype=bool), index=s.index)
        for i in (present & not_allowed)[present & not_allowed].index:
            if (i, col) in self.bad:
                continue
            value = s[i]
            canon, why = self._canonical(f, value)
            if canon is None:
                self.problem(i, col, value, "not an allowed value", allowed=_describe(allowed),
                             closest=_closest(value, allowed, self._variants(f)))
            else:
                self.note(i, col, value, canon, why)
                df.at[i, col] = canon
                self.codes.pop(col, None)

    # --- the tag-cell grammar (wide form) -----------------------------------
    # --- keys ---------------------------------------------------------------
    def countries(self, df):
        """A place abroad (a ``country``) names no Afghan province or district; a ``place`` needs its country."""
        if "country" not in df.columns:
            return
        abroad = df["country"].ne("")
        for col in ("province", "district"):
            if col not in df.columns:
                continue
            for i in np.flatnonzero((abroad & df[col].ne("")).to_numpy()).tolist():
                self.problem(i, col, df[col].iloc[i],
                             f"the row names a place abroad (country {df['country'].iloc[i]!r}) and an Afghan "
                             f"{col}; a place is in one country",
                             allowed=f"an empty {col} where country is given (the place abroad goes in 'place'), "
                                     "or an empty country (Afghanistan)")
        if "place" in df.columns:
            for i in np.flatnonzero((~abroad & df["place"].ne("")).to_numpy()).tolist():
                self.problem(i, "place", df["place"].iloc[i], "a place abroad needs its country",
                             allowed="a country of the codebook's list in 'country' (an Afghan place goes in "
                                     "province and district)")

    def keys(self, df):
        pk = self.schema.get("primaryKey", [])
        if len(pk) > 1 and all(c in df.columns for c in pk):
            dup = df.duplicated(subset=pk, keep=False)
            for i in dup[dup].index:
                key = ", ".join(f"{c}={df.at[i, c]!r}" for c in pk)
                self.problem(i, None, key, "duplicate primary key", allowed="each combination of " + ", ".join(pk) + " once")
        if self.wide:
            return
        for fk in self.schema.get("foreignKeys", []):
            cols = fk["fields"]
            if not all(c in df.columns for c in cols):
                continue
            target = fk["reference"].get("resource") or self.name
            tcols = fk["reference"]["fields"]
            tframe = df if target == self.name else self.refs.tables.get(target)
            if tframe is None or not all(c in tframe.columns for c in tcols):
                continue
            present = df[cols].ne("").all(axis=1)
            known = set(map(tuple, tframe[tcols].astype(str).itertuples(index=False, name=None)))
            keys = list(df[cols].astype(str).itertuples(index=False, name=None))
            tpath = dp.resource(target)["path"] if target in dp.resource_names() else target
            for i in present[present].index:
                if keys[i] in known or any((i, c) in self.bad for c in cols):
                    continue
                if len(cols) == 1:
                    value = keys[i][0]
                    choices = sorted(v[0] for v in known)
                    what = "source id" if target == "sources" else tcols[0].replace("_", " ")
                    self.problem(i, cols[0], value, f"{what} not listed in {tpath}",
                                 allowed=f"a {tcols[0]} of {tpath}", closest=_closest(value, choices))
                else:
                    shown = ", ".join(f"{c}={v!r}" for c, v in zip(cols, keys[i]))
                    self.problem(i, None, shown, f"no row of {tpath} has {shown}",
                                 allowed=f"a combination of {', '.join(tcols)} listed in {tpath}")


def check_table(name: str, raw: RawTable, refs: References | None = None):
    """Check a table read by :func:`read_csv` against the data package.

    Parameters
    ----------
    name : str
        The table's name in ``datapackage.json`` (e.g. ``"appointees"``). An
        appointments table (``appointees``, ``later_appointments``) whose header
        has tag columns is checked in the wide form (``cabinet:roster``).
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
    wide = name in dp.FACTS_TABLES and is_wide(raw.header)
    chk = _Checker(name, raw, refs, wide)
    cols = ["file", "line", "column", "original", "normalised", "reason"]
    if not raw.header:
        frame = pd.DataFrame(columns=[f["name"] for f in chk.schema["fields"]])
        return frame, pd.DataFrame(chk.normalised, columns=cols), chk.problems
    header = chk.header()
    frame = chk.strip(chk.frame(header))
    for f in chk.schema["fields"]:
        if f["name"] in frame.columns:
            chk.check_column(frame, f)
    chk.tribes(frame)
    chk.sources(frame)
    chk.inferred(frame)
    chk.homes(frame)
    chk.countries(frame)
    chk.keys(frame)
    frame.attrs = {}
    order = {n: j for j, n in enumerate(f["name"] for f in chk.schema["fields"])}
    problems = sorted(chk.problems, key=lambda p: (p.line or 0, order.get(p.column, -1)))
    return frame, pd.DataFrame(chk.normalised, columns=cols), problems


def misfits(name: str, raw: RawTable, columns) -> list[Problem]:
    """The problems of ``columns`` alone when ``raw`` is checked as table ``name`` in its stored form.

    For telling apart tables that share a header (the appointments tables of
    the package): the columns whose
    definitions differ between them (the form of ``appointment_id``, the
    allowed ``position_class``, the range of ``announced``) say which table
    the rows belong to. No reference table is consulted.
    """
    columns = set(columns)
    chk = _Checker(name, raw, References(), False)
    frame = chk.frame([h.strip() for h in raw.header])
    order = [f["name"] for f in chk.schema["fields"]]
    for col in order:
        if col in columns and col in frame.columns:
            chk.check_column(frame, chk.fields[col])
    found = [p for p in chk.problems if p.column in columns and (p.line or 0) > 1]
    return sorted(found, key=lambda p: (p.line or 0, order.index(str(p.column))))


def variants_map(names, variants_column) -> dict[str, str]:
    """Map every spelling (folded) to its canonical name, from a name_variants column."""
    out: dict[str, str] = {}
    for name, variants in zip(names, variants_column):
        out[_fold(name)] = name
        for v in str(variants or "").split(dp.LIST_SEP):
            if v.strip():
                out[_fold(v)] = name
    return out
