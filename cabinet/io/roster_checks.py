"""Checks of a roster as a roster: each person once, one spelling per value, one value per person.

:func:`cabinet.io.load_user_roster` runs them on every roster of any body (and so does
``cabinet validate``):

- **the same person twice** (the same name, ignoring case and spacing, or the same ``person_id``
  or ``id``): refused, since he would be counted twice; with ``duplicates="merge"``
  (``--merge-duplicates``) rows that agree are merged into one, and the roster says so in a sentence
  (``attrs["merged"]``) and a :class:`~cabinet.errors.NormalisationWarning`;
- **conflicting tags for one person** (two rows of one person with different known values of a tag):
  an error naming both rows, whatever ``duplicates`` says (a dispute between sources is written
  ``A|B`` on one row);
- **values that differ only in case or spacing** in a tag column (``Central`` and ``central``): an
  error on each row of the rarer spelling, with "did you mean" and the commoner one.
"""

from __future__ import annotations

import re

import pandas as pd

from ..errors import Problem

__all__ = ["DUPLICATES", "check_people_rows", "check_spellings", "identity_columns"]

#: What :func:`check_people_rows` does with a person listed twice.
DUPLICATES = ("refuse", "merge")

#: Columns that identify a person rather than tag him.
_IDS = ("person_id", "id")

_UNKNOWN = "unknown"


def identity_columns(frame: pd.DataFrame) -> list[str]:
    """The columns of ``frame`` that identify a person (``name`` and any id column), not tags."""
    return ["name", *[c for c in _IDS if c in frame.columns]]


def _key(value: str) -> str:
    """A value with case and every white space ignored: ``'North  East'`` and ``'northeast'`` meet."""
    return "".join(str(value).split()).casefold()


def _persons(frame: pd.DataFrame) -> list[list[int]]:
    """Groups of row positions that are one person (same name or same id), each of two rows or more."""
    parent = list(range(len(frame)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    keys = [("name", frame["name"].map(_name_key))]
    keys += [(c, frame[c].astype(str)) for c in _IDS if c in frame.columns]
    for col, values in keys:
        first: dict[str, int] = {}
        for i, v in enumerate(values.to_numpy()):
            if col != "name" and v == _UNKNOWN:
                continue
            if v in first:
                parent[find(i)] = find(first[v])
            else:
                first[v] = i
    groups: dict[int, list[int]] = {}
    for i in range(len(frame)):
        groups.setdefault(find(i), []).append(i)
    return [g for g in groups.values() if len(g) > 1]


def _name_key(value) -> str:
    return " ".join(str(value).split()).casefold()


def _shared_id(frame: pd.DataFrame, i: int, j: int) -> str | None:
    """The id column two rows share a known value of, or None."""
    for c in _IDS:
        if c in frame.columns and str(frame[c].iat[i]) == str(frame[c].iat[j]) != _UNKNOWN:
            return c
    return None


def _why(frame: pd.DataFrame, i: int, j: int) -> str:
    for c in _IDS:
        if c in frame.columns and str(frame[c].iat[i]) == str(frame[c].iat[j]) != _UNKNOWN:
            return f"the same {c} {str(frame[c].iat[i])!r}"
    return f"the same name {frame['name'].iat[j]!r}"


def check_people_rows(frame: pd.DataFrame, lines, label: str, duplicates: str = "refuse"):
    """(roster with each person once, problems, sentences): the checks of the same person twice.

    ``lines`` are the file's line numbers of the rows (the header is line 1). Rows of one person whose
    known tags agree are refused (``duplicates="refuse"``) or merged into the first, known values
    filling unknown ones (``"merge"``); rows whose known tags differ are a problem naming both lines.
    """
    if duplicates not in DUPLICATES:
        raise ValueError(f"duplicates={duplicates!r}; allowed: {', '.join(map(repr, DUPLICATES))}")
    tags = [c for c in frame.columns if c not in identity_columns(frame)]
    problems: list[Problem] = []
    sentences: list[str] = []
    drop: list[int] = []
    out = frame.copy()
    for group in _persons(frame):
        first = group[0]
        conflicts: list[Problem] = []
        for col in tags:
            seen: dict[str, int] = {}
            for i in group:
                v = str(frame[col].iat[i])
                if v == _UNKNOWN or v in seen:
                    continue
                if seen:
                    (w, j), = list(seen.items())[:1]
                    conflicts.append(Problem(
                        label, int(lines[i]), col, v,
                        f"conflicting {col} for one person ({_why(frame, j, i)} as line {int(lines[j])}): {w!r} "
                        f"on line {int(lines[j])}, {v!r} on line {int(lines[i])}",
                        allowed="one row per person; a dispute between sources is written 'A|B' on that row"))
                seen[v] = i
        conflict = bool(conflicts)
        names = {_name_key(frame["name"].iat[i]) for i in group}
        if conflict and len(names) > 1:
            # one id on rows of different names whose tags disagree: two people given one id, not one person
            for i in group[1:]:
                c = _shared_id(frame, first, i)
                if c is not None:
                    problems.append(Problem(
                        label, int(lines[i]), c, str(frame[c].iat[i]), "duplicate id",
                        allowed=f"a value not used on any other row (line {int(lines[first])} gives it to "
                                f"{str(frame['name'].iat[first])!r}, with other tags)"))
                else:
                    problems.extend(p for p in conflicts if p.line == int(lines[i]))
        else:
            problems.extend(conflicts)
        if conflict:
            continue
        if duplicates == "refuse":
            for i in group[1:]:
                problems.append(Problem(
                    label, int(lines[i]), "name", str(frame["name"].iat[i]),
                    f"the same person as line {int(lines[first])} ({_why(frame, first, i)}): listed twice, he "
                    "would be counted twice",
                    allowed="one row per person, or duplicates='merge' (--merge-duplicates) to merge rows that "
                            "agree"))
            continue
        for col in tags:
            known = [str(frame[col].iat[i]) for i in group if str(frame[col].iat[i]) != _UNKNOWN]
            if known:
                out.at[out.index[first], col] = known[0]
        drop.extend(group[1:])
        sentences.append(f"{frame['name'].iat[first]} is listed on lines "
                         f"{', '.join(str(int(lines[i])) for i in group)} ({_why(frame, first, group[1])}); "
                         "merged into one row")
    if drop:
        out = out.drop(index=out.index[drop]).reset_index(drop=True)
    return out, problems, sentences


def check_spellings(frame: pd.DataFrame, lines, label: str) -> list[Problem]:
    """Problems for tag values that differ only in case or spacing from another value of their column."""
    problems: list[Problem] = []
    for col in [c for c in frame.columns if c not in identity_columns(frame)]:
        cells = frame[col].astype(str).to_numpy()
        spellings: dict[str, dict[str, int]] = {}
        for cell in cells:
            for v in filter(None, (p.strip() for p in re.split(r"[|+]", cell))):
                if v != _UNKNOWN:
                    spellings.setdefault(_key(v), {}).setdefault(v, 0)
                    spellings[_key(v)][v] += 1
        for forms in spellings.values():
            if len(forms) < 2:
                continue
            best = max(forms, key=lambda f: forms[f])  # the commonest; the first seen on a tie
            for j, cell in enumerate(cells):
                for v in (p.strip() for p in re.split(r"[|+]", cell)):
                    if v in forms and v != best:
                        problems.append(Problem(
                            label, int(lines[j]), col, v,
                            f"{v!r} differs from {best!r} only in case or spacing: did you mean {best!r}? (as "
                            "written they count as two groups)",
                            allowed=f"one spelling per value in column {col!r}", closest=best))
    return problems
