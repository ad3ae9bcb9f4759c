"""Reading CSV files as strings, keeping every row's line number.

The first step of the shared validator (:mod:`cabinet.validation`): a file is
read into a :class:`RawTable` of strings, and anything that prevents reading it
(a missing file, bytes that are not UTF-8, a row that cannot be parsed) is
recorded as a problem, never raised. ``,``-, ``;``- and tab-separated files
are read, with or without a byte-order mark.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Problem


__all__ = [
    "RawTable",
    "read_csv",
    "read_csv_bytes",
    "sniff_delimiter",
    "display_path",
]

#: A cell that may start or end with white space: after a separator, quote or line start, or before one.
_PADDED = re.compile(r'(?:^|[,"])\s|\s[,"]|[^\S\r\n]\r?$', re.M)  # \s matches what str.isspace() does


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
    blank_lines: list[int] = field(default_factory=list)


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
    blank: list[int] = []
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
                blank.append(start)
                start = reader.line_num + 1
                continue  # a blank line is no row; nothing to lose
            append_row(record)
            append_line(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        problems.append(Problem(file, reader.line_num, None, None, f"cannot be parsed as CSV: {exc}",
                                allowed="RFC 4180 CSV: fields with commas, quotes or line breaks in double quotes"))
    padded = _PADDED.search(text if delimiter == "," else text.replace(delimiter, ",")) is not None
    return RawTable(file, header, rows, lines, problems, padded, delimiter, blank)


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


def display_path(path) -> str:
    """A path as it should appear in messages: relative to the working folder when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)
