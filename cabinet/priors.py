"""An expert's priors about open tags: reading them, and choosing the rows that bear on one question.

A priors table gives, for an appointee, the probability of each group. It can be a mapping
``{name or id: {group: probability}}``, a DataFrame, or a CSV file with the columns

``name`` (or ``appointment_id``, ``person_id``)
    who the row is about;
``group``
    a group of the column the row is about;
``probability``
    between 0 and 1; a person's probabilities about one column sum to at most 1 (what they leave
    open follows ``like_known`` over the groups they do not name);
``column`` (optional)
    the tag column the row is about: ``region``, ``iran_aligned``, ``network``, ``affiliation``,
    ``hazarajat``, or any column a grouping reads;
``claim`` (optional)
    the claim the row is about (``C1`` to ``C8``; see :func:`cabinet.claim_probabilities`).

A row that names a column applies to every question about that column; a row that names a claim
applies to that claim only; a row that names neither applies wherever its groups are groups of the
question. One file can so hold priors about several columns, for instance::

    name,column,group,probability
    Ahmad Jan Ahmady,region,East,0.6
    Ahmad Jan Ahmady,region,South,0.4
    Rahmatullah Najib,iran_aligned,yes,0.1

A mistake (a person not in the roster, a probability outside [0, 1], probabilities over 1, a group
the column does not have, a claim that does not exist) is refused with the file, line, column and
value and what is allowed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
from .errors import DataError, Problem
from .groupings import suggest
from .io.csv_files import display_path, read_csv

__all__ = ["PriorRow", "prior_rows", "read_priors", "KEYS"]

#: The columns that can say who a row is about, in the order they are looked for.
KEYS = ("appointment_id", "person_id", "name")


@dataclass(frozen=True)
class PriorRow:
    """One row of a priors table."""

    who: str
    group: str
    probability: float
    column: str = ""
    claim: str = ""
    where: str = ""  # "priors.csv, line 3" or "priors, row 'x'", for messages


def prior_error(where: str, column: str | None, value, message: str, allowed: str | None = None):
    file, _, line = where.partition(", line ")
    return DataError([Problem(file, int(line) if line.isdigit() else None, column,
                              None if value is None else str(value), message, allowed)])


def prior_rows(priors) -> list[PriorRow]:
    """Every row of a priors table (mapping, DataFrame or CSV path), checked for form.

    Raises
    ------
    cabinet.errors.DataError
        A missing column, a probability that is not a number in [0, 1], an empty name or group;
        the message names the file, line and column.

    Examples
    --------
    >>> [r.probability for r in prior_rows({"Ahmad Jan Ahmady": {"East": 0.6, "South": 0.4}})]
    [0.6, 0.4]
    """
    if priors is None:
        return []
    label, lines = "priors", None
    if isinstance(priors, Mapping):
        rows = []
        for who, dist in priors.items():
            if not isinstance(dist, Mapping):
                raise ValueError(f"priors: the value for {who!r} must be a mapping of group -> probability; "
                                 f"got {dist!r}")
            for g, p in dist.items():
                rows.append({"name": who, "group": g, "probability": p})
        frame = pd.DataFrame(rows, columns=["name", "group", "probability"])
    elif isinstance(priors, pd.DataFrame):
        frame = priors
    else:
        label = display_path(priors)
        raw = read_csv(priors, label=label)
        if raw.problems:
            raise DataError(raw.problems)
        frame = pd.DataFrame(raw.rows, columns=[h.strip() for h in raw.header])
        lines = list(raw.lines)
    key = next((c for c in KEYS if c in frame.columns), None)
    missing = [c for c in ("group", "probability") if c not in frame.columns]
    if key is None or missing:
        need = ([] if key is not None else ["name (or appointment_id, person_id)"]) + missing
        raise prior_error(label, None, None, f"priors need the column(s) {', '.join(need)}",
                     "name (or appointment_id, person_id), group, probability, and optionally column, claim")
    out = []
    for pos, (idx, r) in enumerate(frame.iterrows()):
        where = f"{label}, line {lines[pos]}" if lines is not None else f"{label}, row {idx!r}"
        who, group = str(r[key]).strip(), str(r["group"]).strip()
        if not who or who == "nan":
            raise prior_error(where, key, r[key], "who the prior is about is empty", "a name, person_id or appointment_id")
        if not group or group == "nan":
            raise prior_error(where, "group", r["group"], "the group is empty", "a group of the column")
        try:
            p = float(str(r["probability"]).strip().replace(",", "."))
        except ValueError:
            p = float("nan")
        if not 0.0 <= p <= 1.0:
            raise prior_error(where, "probability", r["probability"], "not a probability", "a number from 0 to 1")
        column = str(r["column"]).strip() if "column" in frame.columns and pd.notna(r["column"]) else ""
        claim = str(r["claim"]).strip().upper() if "claim" in frame.columns and pd.notna(r["claim"]) else ""
        out.append(PriorRow(who, group, p, column, claim, where))
    return out


def applicable(rows: list[PriorRow], *, column: str | None = None, claim: str | None = None,
               groups=None) -> list[PriorRow]:
    """The rows that bear on a question about ``column`` (and ``claim``): rows naming that claim, rows
    naming that column, and rows naming neither whose group is one of ``groups``."""
    out = []
    for r in rows:
        if r.claim:
            if claim is not None and r.claim == claim:
                out.append(r)
        elif r.column:
            if column is not None and r.column == column:
                out.append(r)
        elif groups is None or r.group in set(groups):
            out.append(r)
    return out


def read_priors(priors, roster: pd.DataFrame, *, column: str | None = None, claim: str | None = None,
                groups=None, skip_absent: bool = False) -> dict[int, dict[str, float]]:
    """An expert's priors as ``{row position: {group: probability}}`` for one question.

    Parameters
    ----------
    priors : mapping, DataFrame, path, or list of :class:`PriorRow`
        See the module docstring for the format.
    roster : DataFrame
        The appointees of the question (rows are matched by ``appointment_id``, ``person_id`` or ``name``).
    column, claim : str, optional
        The question: rows about another column or claim are left out (see :func:`applicable`).
    groups : sequence of str, optional
        The groups of the question: a row that names the column or claim with another group is refused.
    skip_absent : bool
        Leave out rows about people the roster does not hold (else they are refused).

    Raises
    ------
    cabinet.errors.DataError
        A person the roster does not hold, a group the question does not have, a person's
        probabilities summing to more than 1 (beyond rounding).

    Examples
    --------
    >>> import pandas as pd
    >>> roster = pd.DataFrame({"name": ["a", "b"], "region": ["East", "unknown"]})
    >>> read_priors({"b": {"South": 0.5, "East": 0.5}}, roster)
    {1: {'South': 0.5, 'East': 0.5}}
    """
    rows = priors if isinstance(priors, list) else prior_rows(priors)
    rows = applicable(rows, column=column, claim=claim, groups=None)
    index: dict[str, int] = {}
    for col in KEYS:
        if col in roster.columns:
            for pos, v in enumerate(roster[col].astype(str)):
                index.setdefault(v, pos)
    known = set(groups) if groups is not None else None
    out: dict[int, dict[str, float]] = {}
    where_of: dict[int, str] = {}
    for r in rows:
        if r.who not in index:
            if skip_absent:
                continue

            raise prior_error(r.where, "name", r.who, "the priors name someone who is not in the roster"
                         + suggest(r.who, list(index)))
        if known is not None and r.group not in known:
            if not (r.claim or r.column):
                continue  # a row naming neither applies only where its group is a group of the question

            raise prior_error(r.where, "group", r.group, f"not a group of {r.claim or r.column}" + suggest(r.group, known),
                         ", ".join(map(str, groups)))
        pos = index[r.who]
        out.setdefault(pos, {})[r.group] = r.probability
        where_of[pos] = r.where
    for pos, dist in out.items():
        if sum(dist.values()) > 1 + 1e-6:
            raise prior_error(where_of[pos], "probability", f"{sum(dist.values()):g}",
                         f"the probabilities for {roster.iloc[pos][next(c for c in KEYS if c in roster.columns)]!r}"
                         " sum to more than 1", "probabilities summing to at most 1")
    return out
