"""Writing files: atomically, and CSV that a spreadsheet opens as data, never as formulas.

Atomic writes: a crash leaves the old file or none, never half a file.

CSV for spreadsheets: every CSV the package writes goes through
:func:`spreadsheet_safe` (the one place that neutralises formulas), so a name
such as ``=HYPERLINK(...)`` in a user's roster reaches Excel or LibreOffice as
text, never as a formula that runs.
"""

from __future__ import annotations

import csv
import os
import re
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas is imported where a frame is written, not when the module loads
    import pandas as pd

__all__ = ["atomic_write_bytes", "atomic_write_text", "atomic_path", "spreadsheet_safe", "csv_text",
           "FORMULA_START"]

#: A cell that begins with one of these is read by a spreadsheet as a formula (OWASP, "CSV Injection"):
#: equals, plus, minus, at, tab and carriage return.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

#: Text that a spreadsheet reads as a plain number (``-0.5``, ``+3``, ``1e-3``): left as it is.
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\Z")


def _neutral(value):
    """One cell made safe: text that begins with a formula character gets a leading ``'``; anything else is kept."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _NUMBER.match(value):
        return "'" + value
    return value


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells a spreadsheet reads as text, never as a formula.

    The OWASP rule against CSV injection: a text cell (or column name) that
    begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
    leading single quote ``'``, which Excel, LibreOffice and Google Sheets
    read as "this cell is text". Numbers are never touched: a numeric column
    stays numeric (``-0.5`` stays ``-0.5``), and neither does text that is a
    plain number (``"-0.5"`` in a text column). Every other cell is kept as it
    is. Every CSV the command line writes goes through this function; call it
    before ``DataFrame.to_csv`` when you write a table of the package for a
    spreadsheet yourself (:func:`csv_text` does both, quoting every text cell as
    well, so a separator inside a cell never starts a new one).

    Parameters
    ----------
    frame : pandas.DataFrame

    Returns
    -------
    pandas.DataFrame
        Same shape, index and dtypes of the numeric columns; text cells
        neutralised. ``frame`` is not changed.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"name": ["=1+2", "@SUM(A1)", "Ali", "-0.5"], "gap": [-0.5, 0.2, 1.0, 0.0]})
    >>> spreadsheet_safe(t)["name"].tolist()
    ["'=1+2", "'@SUM(A1)", 'Ali', '-0.5']
    >>> spreadsheet_safe(t)["gap"].tolist()
    [-0.5, 0.2, 1.0, 0.0]
    """
    import pandas as pd

    out = frame.copy()
    for j in range(out.shape[1]):
        col = out.iloc[:, j]
        if pd.api.types.is_numeric_dtype(col.dtype) or pd.api.types.is_datetime64_any_dtype(col.dtype):
            continue
        values = col.to_numpy(dtype=object)
        cells = [_neutral(v) for v in values]
        if any(a is not b for a, b in zip(cells, values)):
            out.isetitem(j, pd.Series(cells, index=out.index, dtype=object))  # type: ignore[arg-type]
    out.columns = [_neutral(c) for c in out.columns]
    return out


def csv_text(frame, **to_csv) -> str:
    """``frame`` as CSV text for a spreadsheet: :func:`spreadsheet_safe`, every text cell quoted, ``\\n`` line ends.

    Quoting every text cell (OWASP's second rule) keeps a ``,`` or ``;`` inside
    a cell from starting a new cell in a spreadsheet that splits on either.

    Examples
    --------
    >>> import pandas as pd
    >>> print(csv_text(pd.DataFrame({"group": ["+cmd|calc", "North"], "gap": [-0.5, 1.0]})), end="")
    "group","gap"
    "'+cmd|calc",-0.5
    "North",1.0
    """
    to_csv = {"index": False, "lineterminator": "\n", "quoting": csv.QUOTE_NONNUMERIC, **to_csv}
    return spreadsheet_safe(frame).to_csv(**to_csv)


@contextmanager
def atomic_path(path, suffix: str | None = None):
    """Yield a temporary path beside ``path``; on success it replaces ``path``.

    The temporary file lives in the same folder, so the final
    :func:`os.replace` is atomic on POSIX and Windows. On any exception the
    temporary file is removed and ``path`` is left as it was.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> with atomic_path(target) as tmp:
    ...     _ = tmp.write_text("hello")
    >>> target.read_text()
    'hello'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=suffix or path.suffix or ".tmp")
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def atomic_write_bytes(path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically and return the path."""
    with atomic_path(path) as tmp:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    return Path(path)


def atomic_write_text(path, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` atomically (UTF-8, ``\\n`` line endings)."""
    return atomic_write_bytes(path, text.encode(encoding))
