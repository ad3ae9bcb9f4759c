"""Errors and warnings raised by cabinet.

Every problem found in a data file is a :class:`Problem` naming the file, the
line, the column, the offending value and what is allowed. The loader collects
every problem in a file before it raises, so one :class:`DataError` lists them
all at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Problem", "DataError", "NormalisationWarning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one cell, row or file.

    Attributes
    ----------
    file : str
        Path of the file as given (or the resource name for in-memory data).
    line : int or None
        1-based physical line number in the file (the header is line 1);
        ``None`` for problems of the whole file.
    column : str or None
        Column name, ``None`` for problems of a whole row or file.
    value : str or None
        The offending value exactly as read.
    message : str
        What is wrong, in words.
    allowed : str or None
        What would be accepted.
    closest : str or None
        The closest allowed value, when one is close enough to suggest.
    """

    file: str
    line: int | None
    column: str | None
    value: str | None
    message: str
    allowed: str | None = None
    closest: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column is not None:
            where += f", column {self.column!r}"
        text = f"{where}: {self.message}"
        if self.value is not None:
            shown = self.value if len(self.value) <= 80 else self.value[:77] + "..."
            text += f" (got {shown!r})"
        if self.allowed:
            text += f"; allowed: {self.allowed}"
        if self.closest is not None:
            text += f"; did you mean {self.closest!r}?"
        return text


@dataclass
class DataError(ValueError):
    """Invalid data: carries every :class:`Problem` found, not just the first.

    ``str(error)`` lists them all, one per line. ``error.problems`` holds them
    for programs, and :meth:`to_frame` returns them as a tidy table.

    Parameters
    ----------
    problems : list of Problem
        Every problem found, in the order found.

    Examples
    --------
    >>> err = DataError([Problem("roster.csv", 3, "province", "Kandahr", "not an allowed value",
    ...                          closest="Kandahar")])
    >>> print(err)
    1 problem found:
      - roster.csv, line 3, column 'province': not an allowed value (got 'Kandahr'); did you mean 'Kandahar'?
    >>> err.to_frame()[["line", "column", "closest"]].values.tolist()
    [[3, 'province', 'Kandahar']]
    """

    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} found:"
        return "\n".join([head] + [f"  - {p}" for p in self.problems])

    def to_frame(self):
        """Return the problems as a DataFrame, one row per problem."""
        import pandas as pd

        cols = ["file", "line", "column", "value", "message", "allowed", "closest"]
        return pd.DataFrame([[getattr(p, c) for c in cols] for p in self.problems], columns=cols)


class NormalisationWarning(UserWarning):
    """A value was rewritten to its canonical form (e.g. ``Hilmand`` to ``Helmand``).

    The loader warns once per file and also lists every normalisation in
    ``DataFrame.attrs["normalised"]`` (one record per value: file, line, column,
    original, normalised, reason), so nothing is changed silently.
    """
