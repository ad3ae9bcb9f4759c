"""The rules of the wide form that the Table Schema standard cannot state.

A roster in the wide form (one row per appointment, one tag cell per tag
column, as :func:`cabinet.load_appointees` returns it, or a user's own roster)
is checked beyond its schema: every value of a tag cell is allowed (a dispute
``A|B``, plural ``A+B`` only where the column allows it), every tagged cell has
one group of sources per alternative and every source id is listed, the
``inferred_fields`` name columns of the table, and ``province`` and
``district`` follow from the ``birth_``, ``origin_`` and ``stated_`` columns.
:class:`cabinet.io.validation._Checker` inherits these rules.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from . import datapackage as dp
from .._spelling import closest_value, describe_values, fold_spelling
from ..tags import format_tag, split_tag, union_tags


#: Special tribe values that are not rows of tribes.csv.
TRIBE_SPECIAL = ("unknown", "not_applicable")


def _factorize(values) -> tuple[np.ndarray, np.ndarray]:
    """``pd.factorize(values, use_na_sentinel=False)``: codes, and the distinct values in order of first appearance.

    Cells read from a file are never missing, and pandas' own check for missing
    values (``use_na_sentinel=False`` looks at every cell first) costs as much
    as the numbering: it is left to the rare array that has one (a code of -1).
    """
    values = np.asarray(values, dtype=object)
    codes, uniques = pd.factorize(values)
    if len(codes) and codes.min() < 0:
        codes, uniques = pd.factorize(values, use_na_sentinel=False)
    return codes, np.asarray(uniques, dtype=object)


def _distinct_rows(columns) -> tuple[np.ndarray, np.ndarray]:
    """Number the distinct combinations of cells of several columns: (codes, first).

    ``columns`` holds, per column, its cells or ``pd.factorize`` of them
    (``use_na_sentinel=False``). ``codes[i]`` numbers row ``i``'s combination,
    in order of first appearance (as ``drop_duplicates`` keeps them), and
    ``first[k]`` is the first row holding combination ``k``. One hash per
    cell of each column and integer arithmetic after that, rather than a
    tuple of Python objects per row.

    Examples
    --------
    >>> codes, first = _distinct_rows([["a", "b", "a", "a"], ["x", "y", "x", "z"]])
    >>> codes.tolist(), first.tolist()
    ([0, 1, 0, 2], [0, 1, 3])
    """
    key = None
    size = 1
    for col in columns:
        codes, uniques = col if isinstance(col, tuple) else _factorize(col)
        n = max(len(uniques), 1)
        if key is None:
            key, size = np.asarray(codes, dtype=np.int64), n
            continue
        if size * n >= 2**62:  # keep the mixed-radix key within int64: renumber what is combined so far
            key, seen = pd.factorize(key)
            size = max(len(seen), 1)
        key = key * n + codes
        size *= n
    if key is None or not len(key):
        return np.zeros(0 if key is None else len(key), dtype=np.int64), np.zeros(0, dtype=np.int64)
    codes, uniques = pd.factorize(key)  # numbered in order of first appearance
    first = np.empty(len(uniques), dtype=np.int64)
    first[codes[::-1]] = np.arange(len(codes) - 1, -1, -1)  # the last write for each code is its first row
    return codes, first


class _WideFormRules:
    """Checks of tag cells, their sources and the kinds of home (a mixin of the validator's checker)."""

    #: ``pd.factorize`` of columns by name (set by the checker; see ``_column_codes``).
    codes: dict[str, tuple[np.ndarray, np.ndarray]]

    def _tag_values(self, f):
        """(allowed values, canonicaliser) of a tag column."""
        if f["name"] == "tribe":
            names = list(self.refs.tribe_names)

            def canon(v):
                if v in names or v in TRIBE_SPECIAL:
                    return v, None
                hit = (self.refs.tribes or {}).get(fold_spelling(v))
                return (hit, "tribe spelling variant listed in tribes.csv") if hit else (None, None)

            return names + list(TRIBE_SPECIAL), canon, "a tribe of tribes.csv, 'unknown' or 'not_applicable'"
        allowed = f["constraints"]["enum"]
        return allowed, (lambda v: self._canonical(f, v)), describe_values(allowed)

    def _tag_enum(self, df, f, present):
        col = f["name"]
        s = df[col]
        allowed, canon, allowed_text = self._tag_values(f)
        plural_ok = f.get("cabinet:tag") == "plural" or col in ("province", "district")
        fixed: dict[str, str] = {}
        errors: dict[str, list] = {}
        codes, uniques = self._column_codes(df, col)
        allowed_set = set(allowed)
        # each distinct value once; present cells are the non-empty ones
        number = {v: k for k, v in enumerate(uniques) if v != "" and v not in allowed_set}
        for value in number:
            alts = split_tag(value)
            problems, out = [], []
            for alt in alts:
                vals = []
                for part in alt:
                    c, _ = canon(part) if part else (None, None)
                    if c is None:
                        problems.append((part if len(alts) > 1 or len(alt) > 1 else value,
                                         "not an allowed value" + (" in a tag cell with several values" if (len(alts) > 1 or len(alt) > 1) else ""),
                                         allowed_text + (" or several separated by '|' (a dispute)" + (" or '+' (all hold)" if plural_ok else "")),
                                         closest_value(part, allowed, self._variants(f))))
                    else:
                        vals.append(c)
                out.append(vals)
            if not problems:
                flat = [v for alt in out for v in alt]
                if any(len(alt) > 1 for alt in out) and not plural_ok:
                    problems.append((value, f"{col} holds one value per person: '+' (plural) is not allowed",
                                     "one value, or alternatives separated by '|' (a dispute)", None))
                elif len(flat) > 1 and (set(flat) & set(TRIBE_SPECIAL)):
                    special = sorted(set(flat) & set(TRIBE_SPECIAL))[-1]
                    problems.append((value, f"{special!r} cannot be one candidate of a dispute or combined with other values",
                                     f"known values, or {special!r} alone", None))
                elif any(len(set(alt)) != len(alt) for alt in out):
                    problems.append((value, "a tag cell names the same value twice within one alternative",
                                     "distinct values", None))
                elif len({frozenset(a) for a in out}) != len(out):
                    problems.append((value, "a dispute names the same alternative twice", "distinct alternatives", None))
            if problems:
                errors[value] = problems
                continue
            new = format_tag(out)
            if new != value:
                fixed[value] = new
        def rows_of(values):
            return np.flatnonzero(np.isin(codes, [number[v] for v in values])).tolist() if values else []

        for i in rows_of(errors):
            for value, message, allowed_msg, closest in errors[s[i]]:
                self.problem(i, col, value, message, allowed=allowed_msg, closest=closest)
        for i in rows_of(fixed):
            old = s[i]
            reasons = sorted({r for alt in split_tag(old) for p in alt for _, r in [canon(p)] if r})
            self.note(i, col, old, fixed[old], "; ".join(reasons) or "spacing in a tag cell")
            df.at[i, col] = fixed[old]
        if fixed:
            self.codes.pop(col, None)

    def tribes(self, df):
        if not self.wide or "tribe" not in df.columns or self.refs.tribes is None:
            return
        s = df["tribe"]
        self._tag_enum(df, {**self.fields["tribe"], "constraints": {"enum": []}}, s.ne(""))

    def _column_codes(self, df, col) -> tuple[np.ndarray, np.ndarray]:
        """``pd.factorize`` of a column (codes, distinct values in order of first appearance), once per column.

        Kept in ``self.codes``; whatever changes a cell of ``df`` drops its column from there.
        """
        if col not in self.codes:
            self.codes[col] = _factorize(df[col].to_numpy())
        return self.codes[col]

    # --- sources ------------------------------------------------------------
    def sources(self, df):
        """Source-id lists of the wide form: ids of sources.csv, one group per alternative."""
        if not self.wide:
            return
        known = self.refs.sources
        for col in [n for n, f in self.fields.items() if f.get("cabinet:source_list") and n in df.columns]:
            s = df[col]
            codes, uniques = self._column_codes(df, col)
            bad_cells = {}
            for cell in uniques:  # each distinct cell once
                if cell == "":
                    continue
                ids = [i.strip() for i in re.split(r"[|;]", cell)]
                bad = [i for i in ids if i == "" or (known is not None and i not in known)]
                if bad:
                    bad_cells[cell] = bad
            if not bad_cells:
                continue
            bad_codes = [k for k, cell in enumerate(uniques) if cell in bad_cells]
            for i in np.flatnonzero(np.isin(codes, bad_codes)).tolist():
                for sid in bad_cells[s[i]]:
                    if sid == "":
                        self.problem(i, col, s[i], "empty source id (doubled or trailing separator)",
                                     allowed="source ids separated by ';', alternatives' groups by '|'")
                    else:
                        self.problem(i, col, sid, "source id not listed in sources.csv",
                                     allowed="a source_id of sources.csv", closest=closest_value(sid, sorted(known)))
        for name, f in self.fields.items():
            scol = f.get("cabinet:sources_field")
            if not scol or name not in df.columns or scol not in df.columns:
                continue
            # few distinct pairs even in a long roster: each pair once, in order of first appearance (in
            # Python: a handful of pairs costs less than the pandas operations a column would take)
            codes, first = _distinct_rows([self._column_codes(df, name), self._column_codes(df, scol)])
            values, sources = df[name].to_numpy()[first], df[scol].to_numpy()[first]
            for j, (v, src) in enumerate(zip(values.tolist(), sources.tolist())):
                if v in ("", dp.UNKNOWN, "not_applicable"):
                    continue
                missing = src == ""
                n_alt, n_groups = v.count("|") + 1, src.count("|") + 1
                if not missing and (n_alt == n_groups or name == "un_ref"):
                    continue
                for i in np.flatnonzero(codes == j).tolist():
                    if missing and name == "un_ref":
                        self.problem(i, scol, src, f"{name} {v!r} has no source", allowed="source ids of sources.csv")
                    elif missing:
                        self.problem(i, scol, src, f"{name} is {v!r} but no source is given",
                                     allowed=f"source ids of sources.csv (or set {name} to 'unknown')")
                    else:
                        self.problem(i, scol, src,
                                     f"{name} has {n_alt} alternative(s) but {n_groups} group(s) of sources",
                                     allowed="one ';'-separated group of source ids per alternative, groups separated by '|'")

    def inferred(self, df):
        if "inferred_fields" not in df.columns:
            return
        if not self.wide:
            return  # the stored tables state the allowed columns as a pattern
        names = [f["name"] for f in self.schema["fields"]]
        allowed = set(names)
        s = df["inferred_fields"]
        bad = {}  # each distinct cell once: a long roster repeats its cells
        for cell in pd.unique(s.to_numpy()):
            if cell:
                wrong = [item.strip() for item in cell.split(dp.LIST_SEP) if item.strip() not in allowed]
                if wrong:
                    bad[cell] = wrong
        if not bad:
            return
        for i in s.index[s.isin(list(bad))]:
            for item in bad[s[i]]:
                self.problem(i, "inferred_fields", item, "not a column of this table",
                             allowed=describe_values(names), closest=closest_value(item, names))

    def homes(self, df):
        """In the wide form, province and district must follow from the birth_, origin_ and stated_ columns."""
        if not self.wide:
            return
        for what in ("province", "district"):
            kinds = [f"{k}_{what}" for k in ("birth", "origin", "stated")]
            if what not in df.columns or not any(k in df.columns for k in kinds):
                continue
            cols = [what] + [k for k in kinds if k in df.columns]
            # each distinct combination once, in order of first appearance
            codes, first = _distinct_rows([self._column_codes(df, c) for c in cols])
            distinct = df[cols].iloc[first].fillna("")
            for k, key in enumerate(distinct.itertuples(index=False)):
                row = dict(zip(cols, key))
                cells = {k: split_tag(row.get(k, dp.UNKNOWN) or dp.UNKNOWN) for k in kinds}
                senses = {"any": format_tag(union_tags(*cells.values()))}
                senses.update({k.split("_")[0]: format_tag(cells[k]) for k in kinds})
                given = format_tag(split_tag(row[what] or dp.UNKNOWN))
                if given in senses.values():
                    continue
                for i in np.flatnonzero(codes == k).tolist():
                    self.problem(i, what, row[what],
                                 f"{what} does not follow from {', '.join(k for k in kinds if k in df.columns)}",
                                 allowed=f"{senses['any']!r} (home any), or the birth, origin or stated value alone")
