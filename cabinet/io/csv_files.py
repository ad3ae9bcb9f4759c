"""Reading CSV files as strings, keeping every row's line number.

The first step of the shared validator (:mod:`cabinet.io.validation`): a file is
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
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import DataError, Problem


__all__ = [
    "RawTable",
    "read_csv",
    "read_csv_bytes",
    "read_header",
    "sniff_delimiter",
    "display_path",
    "as_given",
    "error_as_given",
]

@dataclass
class RawTable:
    """A CSV file as read: header, rows of strings, and each row's first line number.

    A file read by the fast path also has ``frame``: its rows as a frame of
    strings (columns numbered from 0, every row as wide as the header), from
    which ``rows`` is made only when asked for.
    """

    file: str
    header: list[str]
    _rows: list[list[str]] | None
    lines: Sequence[int]
    problems: list[Problem] = field(default_factory=list)
    padded: bool = True  # False when no cell can start or end with white space
    delimiter: str = ","  # the field separator found in the header line
    blank_lines: list[int] = field(default_factory=list)
    frame: pd.DataFrame | None = None
    #: The fast path's empty cells: column number -> mask of rows (columns without empty cells are left out).
    empty: dict[int, np.ndarray] | None = None

    @property
    def rows(self) -> list[list[str]]:
        if self._rows is None:
            self._rows = self.frame.to_numpy().tolist() if self.frame is not None else []
        return self._rows


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
        before = os.stat(path)
        data = Path(path).read_bytes()
    except FileNotFoundError:
        return RawTable(file, [], [], [], [Problem(file, None, None, None, "file not found")])
    except IsADirectoryError:
        return RawTable(file, [], [], [], [Problem(file, None, None, None, "is a directory, not a CSV file")])
    except OSError as exc:
        return RawTable(file, [], [], [], [Problem(file, None, None, None, f"cannot be read: {exc.strerror or exc}")])
    return _read_bytes(data, file, (os.fspath(path), before))


def read_header(path, *, label: str | None = None) -> RawTable:
    """The header of a CSV file without reading its rows (the whole file when the header is quoted).

    For deciding what a file holds before reading it: a roster of 10^6 rows
    need not be read to learn its columns.
    """
    try:
        with open(path, "rb") as fh:
            head = fh.read(1 << 16)
    except OSError:
        return read_csv(path, label=label)
    end = head.find(b"\n")
    if end < 0 or b'"' in head[:end]:
        return read_csv(path, label=label)
    return read_csv_bytes(head[: end + 1], label or str(path))


def read_csv_bytes(data: bytes, file: str) -> RawTable:
    """Like :func:`read_csv` for bytes already in memory."""
    return _read_bytes(data, file, None)


def _read_bytes(data: bytes, file: str, source) -> RawTable:
    """:func:`read_csv_bytes`; ``source`` is (path, ``os.stat`` before reading) when the bytes are a file's."""
    fast = _read_fast(data, file, source)
    if fast is not None:
        return fast
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
    problems: list[Problem] = []
    try:
        records = list(reader)
    except csv.Error as exc:
        problems.append(Problem(file, reader.line_num, None, None, f"cannot be parsed as CSV: {exc}",
                                allowed="RFC 4180 CSV: fields with commas, quotes or line breaks in double quotes"))
        records = None
    if records is not None and _one_line_each(records, text):
        # every record is one line and none is blank: record i starts on line i + 1
        header, rows = records[0], records[1:]
        lines: list[int] | range = range(2, len(records) + 1)
        blank: list[int] = []
    else:
        header, rows, lines, blank = _with_line_numbers(text, delimiter, problems)
    return RawTable(file, header, rows, lines, problems, _padded(data, delimiter), delimiter, blank)


def _read_fast(data: bytes, file: str, source=None) -> RawTable | None:
    """Read with pandas' C parser when the file can be shown to read exactly as :mod:`csv` reads it; else None.

    The C parser is several times faster than :mod:`csv` on long files, but it
    fills a short row with empty cells, reads ``"ab"cd`` as ``abcd`` and skips
    blank lines, where the validator must report each. So the fast path is
    taken only when the bytes prove that none of this happens: every record is
    one line (as many records as line breaks), the separators outside quoted
    cells are exactly one fewer than the header's columns on every line (so no
    row is short or long), and every quote opens a cell, closes one or is
    doubled inside one. Anything else (and any file that is not UTF-8, holds a
    NUL, or has a quote in its header) takes the :mod:`csv` path, which
    reports each problem with its line.

    ``source`` (path, ``os.stat`` taken before the bytes were read) lets the
    C parser read the file by its path, as ``pandas.read_csv(path)`` does,
    which on long files measured faster with pandas 3.1 than parsing the same
    bytes from memory (see benchmarks/README.md); that is done only while the
    file is still as it was read (same size, modification time and inode,
    checked after the parse), else the bytes in memory are parsed.
    """
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    if len(body) < 1024 or b"\x00" in body:
        return None  # short files gain nothing; NULs are reported by the csv path
    end = body.find(b"\n")
    first = body if end < 0 else body[:end]
    if b'"' in first:
        return None
    try:
        header_line = first.decode("utf-8").rstrip("\r")
    except UnicodeDecodeError:
        return None
    delimiter = sniff_delimiter(header_line)
    header = header_line.split(delimiter)
    width = len(header)
    if width < 2:
        return None  # a one-column file may hold a line of one empty cell, which the csv path reads as blank
    sep = delimiter.encode()
    by_path = (source is not None and isinstance(source[0], str) and "://" not in source[0]
               and _unchanged(source, len(data)))
    encoding = "utf-8-sig" if len(body) < len(data) else "utf-8"
    buf = np.frombuffer(body, dtype=np.uint8)
    # A long file is parsed by its path in a thread while its bytes are checked here: the C parser works
    # without the GIL, so the checks cost little time of their own (its frame is dropped if they fail).
    pool = future = None
    if by_path and len(body) >= _OVERLAP_BYTES:
        from concurrent.futures import ThreadPoolExecutor

        pool = ThreadPoolExecutor(max_workers=1)
        future = pool.submit(_parse, source[0], delimiter, width, encoding)
    try:
        checked = _checked_bytes(body, buf, sep, width)
        if checked is None:
            return None
        records, opening, closing = checked
        padded = _padded_outside_quotes(body, sep, opening, closing)
        frame = None
        if future is not None:
            try:
                frame = future.result()
            except (ValueError, UnicodeDecodeError, pd.errors.ParserError, OSError):
                frame = None
        elif by_path:
            try:
                frame = _parse(source[0], delimiter, width, encoding)
            except (ValueError, UnicodeDecodeError, pd.errors.ParserError, OSError):
                frame = None
    finally:
        if pool is not None:
            pool.shutdown(wait=True)
    if frame is not None and not _unchanged(source, len(data)):
        frame = None  # the file changed while it was parsed: parse the bytes that were checked
    if frame is None:
        try:
            frame = _parse(io.BytesIO(body), delimiter, width, "utf-8")
        except (ValueError, UnicodeDecodeError, pd.errors.ParserError):
            return None
    if len(frame) != records - 1:
        return None
    empty = {}
    for j in range(width):
        mask = frame[j].to_numpy() == ""
        if mask.any():
            empty[j] = mask
    del buf
    return RawTable(file, header, None, range(2, records + 1), [], padded, delimiter, [], frame, empty)


#: Files at least this long are parsed in a thread while their bytes are checked (:func:`_read_fast`).
_OVERLAP_BYTES = 1 << 22


def _checked_bytes(body: bytes, buf: np.ndarray, sep: bytes, width: int):
    """(records, opening quotes, closing quotes) when the bytes read the same by pandas and :mod:`csv`; else None.

    Every record one line (no lone carriage return, no blank line), every
    quote where a cell opens or closes, and as many separators outside quoted
    cells as the header's columns call for on every line.
    """
    breaks = _positions(buf, (10,))
    newlines = len(breaks)
    if b"\r" in body and body.count(b"\r") != newlines:
        return None
    records = newlines + (0 if body.endswith(b"\n") else 1)
    gaps = np.diff(breaks)
    if (gaps == 1).any() or ((gaps == 2) & (buf[breaks[:-1] + 1] == 13)).any():
        return None  # blank lines: a line break just after another ("\n\n" or "\n\r\n")
    quoted = _quoted_spans(body, sep)
    if quoted is None:
        return None
    opening, closing = quoted
    inside = sum(body.count(sep, a, b) for a, b in zip(opening.tolist(), closing.tolist()))
    if body.count(sep) - inside != records * (width - 1):
        return None
    return records, opening, closing


#: Bytes scanned at a time by :func:`_positions`: temporaries of this size are reused rather than allocating
#: (and faulting in) arrays as large as the file.
_CHUNK = 1 << 20


def _positions_by_chunk(buf: np.ndarray, values: tuple[int, ...]):
    """Yield, a chunk of ``buf`` at a time, the offsets of the bytes equal to one of ``values`` (in order).

    The comparisons go into buffers of one chunk, reused: on a file of hundreds
    of MB, fresh temporaries as large as the file cost more in page faults
    than the comparisons themselves.
    """
    hit = np.empty(min(len(buf), _CHUNK), dtype=bool)
    one = np.empty_like(hit)
    for start in range(0, len(buf), _CHUNK):
        view = buf[start : start + _CHUNK]
        h, o = hit[: len(view)], one[: len(view)]
        np.equal(view, values[0], out=h)
        for v in values[1:]:
            np.equal(view, v, out=o)
            np.logical_or(h, o, out=h)
        idx = np.flatnonzero(h)
        if len(idx):
            yield idx + start


def _positions(buf: np.ndarray, values: tuple[int, ...]) -> np.ndarray:
    """The offsets in ``buf`` (bytes as uint8) of every byte equal to one of ``values``, in order.

    Same as ``np.flatnonzero(np.isin(buf, values))``, without temporaries as large as ``buf``.
    """
    found = list(_positions_by_chunk(buf, values))
    return np.concatenate(found) if found else np.zeros(0, dtype=np.intp)


def _parse(src, delimiter: str, width: int, encoding: str) -> pd.DataFrame:
    """The rows below the header as strings, by pandas' C parser (columns numbered from 0).

    No missing values: an empty cell reads as ``""`` (the fast path then finds
    them with one comparison per column).
    """
    return pd.read_csv(src, sep=delimiter, header=None, skiprows=1, names=range(width), dtype=object,
                       keep_default_na=False, na_filter=False, skip_blank_lines=False, engine="c", quotechar='"',
                       doublequote=True, escapechar=None, comment=None, skipinitialspace=False, compression=None,
                       encoding=encoding)


def _unchanged(source, size: int) -> bool:
    """Whether the file ``source`` names is still the one whose ``size`` bytes were read (same stat)."""
    path, before = source
    try:
        now = os.stat(path)
    except OSError:
        return False
    return (now.st_size == before.st_size == size and now.st_mtime_ns == before.st_mtime_ns
            and now.st_ino == before.st_ino and now.st_dev == before.st_dev)


def _quoted_spans(body: bytes, sep: bytes) -> tuple[np.ndarray, np.ndarray] | None:
    """The offsets of the quotes that open and close quoted cells; None when a quote is misplaced.

    A doubled quote inside a cell counts as a closing quote followed by an
    opening one. None sends the file to the csv path, which reports the
    misplaced quote.
    """
    buf = np.frombuffer(body, dtype=np.uint8)
    q = _positions(buf, (34,))
    if not len(q):
        return q, q
    if len(q) % 2:
        return None
    opening, closing = q[0::2], q[1::2]
    boundary = np.frombuffer(sep + b"\r\n", dtype=np.uint8)
    before = buf[opening - 1]  # the header holds no quote, so no quote is the file's first byte
    # an opening quote follows a separator, a line break or the quote that closed a doubled pair
    ok_open = np.isin(before, boundary) | ((before == 34) & np.isin(opening - 1, closing))
    after_idx = closing + 1
    after = np.where(after_idx < len(buf), buf[np.minimum(after_idx, len(buf) - 1)], 10)
    # a closing quote precedes a separator, a line break, the end, or the quote that reopens a doubled pair
    ok_close = np.isin(after, boundary) | ((after == 34) & np.isin(after_idx, opening))
    if not (ok_open.all() and ok_close.all()):
        return None
    return opening, closing


def _one_line_each(records: list[list[str]], text: str) -> bool:
    """Whether no record spans several lines and none is blank (the common case: line numbers need no count)."""
    if not records or [] in records or [""] in records:
        return False
    newlines = text.count("\n")
    if text.count("\r") not in (0, newlines):
        return False  # lone carriage returns: count lines the slow way
    return len(records) == newlines + (0 if text.endswith("\n") else 1)


def _with_line_numbers(text: str, delimiter: str, problems: list[Problem]):
    """Read record by record, keeping the first line of each and the blank lines."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True, delimiter=delimiter)
    rows: list[list[str]] = []
    lines: list[int] = []
    blank: list[int] = []
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
    except csv.Error:
        pass  # already reported by the first pass, with its line
    return header, rows, lines, blank


#: ASCII characters ``str.isspace()`` accepts, other than the line breaks.
_ASCII_SPACE = (b" ", b"\t", b"\x0b", b"\x0c", b"\x1c", b"\x1d", b"\x1e", b"\x1f")
#: The characters ``str.isspace()`` accepts beyond ASCII, in UTF-8 (U+0085, U+00A0, U+1680, U+2000-200A,
#: U+2028, U+2029, U+202F, U+205F, U+3000); each pattern starts with a literal, so the search is fast.
_SPACE_BEYOND_ASCII = (re.compile(rb"\xc2[\x85\xa0]"), re.compile(rb"\xe1\x9a\x80"),
                       re.compile(rb"\xe2\x80[\x80-\x8a\xa8\xa9\xaf]"), re.compile(rb"\xe2\x81\x9f"),
                       re.compile(rb"\xe3\x80\x80"))


def _padded(data: bytes, delimiter: str) -> bool:
    """Whether some cell may start or end with white space (True when unsure; False lets the checker skip stripping).

    A cell starts or ends with white space only where a white space character
    touches a separator, a quote, a line break or an end of the file: one pass
    over the bytes finds every space and tab and looks at its neighbours. Any
    other white space (ASCII control spaces, or white space beyond ASCII)
    anywhere counts as a maybe.
    """
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    if not body:
        return False
    if any(c in body for c in _ASCII_SPACE[2:]):
        return True  # rare control white space: let the checker look
    buf = np.frombuffer(body, dtype=np.uint8)
    spaces = np.flatnonzero((buf == 32) | (buf == 9))
    if len(spaces):
        if spaces[0] == 0 or spaces[-1] == len(buf) - 1:
            return True
        edges = np.frombuffer(delimiter.encode() + b'"\r\n', dtype=np.uint8)
        if np.isin(buf[spaces - 1], edges).any() or np.isin(buf[spaces + 1], edges).any():
            return True
    if int(buf.max()) < 0x80:
        return False  # ASCII only: no other white space
    return any(p.search(body) for p in _SPACE_BEYOND_ASCII)


def _padded_outside_quotes(body: bytes, sep: bytes, opening: np.ndarray, closing: np.ndarray) -> bool:
    """Like :func:`_padded` for a file whose quoted cells are known (the fast path), and exact about them.

    :func:`_padded` takes a space beside a separator inside a quoted cell
    (``"Kabul, Afghanistan"``) for a maybe; here a space counts only where it
    touches a separator or line break outside quoted cells, the quote that
    opens a cell (space after it) or the quote that closes one (space before
    it). A quote of a doubled pair (``""``) is text of its cell, not an edge.
    Other white space (ASCII control spaces, white space beyond ASCII)
    anywhere still counts as a maybe.
    """
    if not body:
        return False
    if any(c in body for c in _ASCII_SPACE[2:]):
        return True  # rare control white space: let the checker look
    buf = np.frombuffer(body, dtype=np.uint8)
    edge = np.zeros(256, dtype=bool)
    edge[list(sep + b"\r\n")] = True

    def outside(pos):
        """Which of the offsets ``pos`` lie outside quoted cells (a cell's text lies strictly between its quotes)."""
        if not len(opening):
            return np.ones(len(pos), dtype=bool)
        k = np.searchsorted(opening, pos, side="right") - 1
        return (k < 0) | (pos >= closing[np.maximum(k, 0)])

    any_space = False
    for spaces in _positions_by_chunk(buf, (32, 9)):  # a chunk at a time: a long file has millions of spaces
        any_space = True
        if spaces[0] == 0 or spaces[-1] == len(buf) - 1:
            return True
        for pos in (spaces - 1, spaces + 1):
            hit = pos[edge[buf[pos]]]
            if len(hit) and outside(hit).any():
                return True
    if any_space:
        if len(opening):
            # a cell's own quotes: one not part of a doubled pair, with a space just inside it
            doubled_open = np.isin(opening - 1, closing)  # reopens after a closing quote: a doubled pair
            doubled_close = np.isin(closing + 1, opening)
            cell_open = opening[~doubled_open]
            cell_close = closing[~doubled_close]
            if np.isin(buf[cell_open + 1], (32, 9)).any() or np.isin(buf[cell_close - 1], (32, 9)).any():
                return True
    if body.isascii():
        return False  # ASCII only: no other white space
    return any(p.search(body) for p in _SPACE_BEYOND_ASCII)


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
    """A path as it should appear in messages: as given, never rewritten into a chain of ``..``.

    A relative path is shown as it is. An absolute path is shown relative to
    the working folder only when it lies inside it (the package resolves the
    files it reads, so ``roster.csv`` given in the working folder comes back
    as ``roster.csv``, and the bundled ``data/appointees.csv`` of a clone as
    that); any other absolute path is shown whole. :func:`as_given` puts back
    the form the user gave for the files of the folder they named.

    Examples
    --------
    >>> import os
    >>> display_path("data/appointees.csv")
    'data/appointees.csv'
    >>> display_path(os.path.join(os.getcwd(), "roster.csv"))
    'roster.csv'
    >>> display_path("/no/such/folder/roster.csv")
    '/no/such/folder/roster.csv'
    """
    text = os.fspath(path)
    if not os.path.isabs(text):
        return text
    try:
        rel = os.path.relpath(text)
    except ValueError:  # another drive (Windows)
        return text
    if rel == os.pardir or rel.startswith(os.pardir + os.sep) or os.path.isabs(rel):
        return text
    return rel


def as_given(problems, given) -> list[Problem]:
    """``problems`` with the files of the folder of ``given`` named as the user named that folder.

    The loaders read files by their resolved paths (one cache entry per
    file, however it is named); a message about the file the user named, or
    a file beside it (its facts table, its sources), should name it the way
    the user did: ``../shared/roster.csv`` stays that, ``/tmp/x/roster.csv``
    too. Problems of other files (the bundled reference tables) are kept.
    """
    given_text = os.fspath(given)
    folder_shown = os.path.dirname(given_text)
    try:
        folder = os.path.realpath(os.path.dirname(os.path.abspath(given_text)))
    except (OSError, ValueError):
        return list(problems)
    out = []
    for p in problems:
        label = p.file
        try:
            real = os.path.realpath(os.path.abspath(label))
        except (OSError, ValueError, TypeError):
            out.append(p)
            continue
        if os.path.dirname(real) != folder:
            out.append(p)
            continue
        shown = os.path.join(folder_shown, os.path.basename(real)) if folder_shown else os.path.basename(real)
        if shown == label:
            out.append(p)
            continue
        message, allowed = p.message, p.allowed
        if os.path.dirname(label):  # a path with folders: the same text in the sentence means the same file
            message = message.replace(label, shown)
            allowed = allowed.replace(label, shown) if allowed else allowed
        out.append(Problem(shown, p.line, p.column, p.value, message, allowed, p.closest))
    return out


def error_as_given(err, given):
    """A :class:`~cabinet.errors.DataError` like ``err`` whose files are named as in :func:`as_given` (notes kept)."""
    if given is None:
        return err
    out = DataError(as_given(err.problems, given))
    for note in getattr(err, "__notes__", ()):
        out.add_note(note)
    return out
