"""A cache on disk of the bundled tables as checked, so that a fresh process does not check them again.

Every loader checks a table against its schema before it hands it out; in one process the result is
kept in memory (:func:`functools.lru_cache`, keyed by each file's path, modification time and size).
A command run from the shell is a fresh process, and checking the bundled data package again each
time is most of what a quick command such as ``cabinet claims`` does. This module keeps the result
of checking a *bundled* table (a file of :func:`cabinet.io.datapackage.data_dir`) on disk, the way
Python keeps compiled modules in ``__pycache__``:

- only files of the bundled data package are kept, and only once they have passed every check: a
  file of one's own is always read and checked, and a table with a problem is never kept;
- an entry is used only for the same files in the same state (path, modification time and size of
  the table and of every file its checks read), the same schema (``datapackage.json``), the same
  source of the reading and checking modules (``cabinet/io``), pandas version and Python version: an
  edited table, an edited check or an upgraded library reads and checks the tables again;
- an entry that cannot be read is ignored and written again; entries are written atomically.

Where: ``$CABINET_CACHE_DIR`` if set (an empty value turns the cache off), else
``$XDG_CACHE_HOME/cabinet`` or ``~/.cache/cabinet``. ``cabinet validate`` never uses it: it checks
every file it is given.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import datapackage as dp
from .fileio import atomic_write_bytes

__all__ = ["cache_dir", "cached", "is_bundled"]

#: Raised by nothing; an entry's format. Bump it when what is stored changes.
_FORMAT = 1


def cache_dir() -> Path | None:
    """The folder of the cache, or None when ``CABINET_CACHE_DIR`` is set empty (the cache is off)."""
    given = os.environ.get("CABINET_CACHE_DIR")
    if given is not None:
        return Path(given) if given.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cabinet"


def is_bundled(path) -> bool:
    """Whether ``path`` is a file of the bundled data package."""
    try:
        return Path(path).resolve().parent == dp.data_dir().resolve()
    except OSError:
        return False


@lru_cache(maxsize=1)
def _code_version() -> str:
    """What the checks depend on beyond the tables: the schema, the reading and checking code, pandas, Python."""
    h = hashlib.sha256()
    for part in (str(_FORMAT), pd.__version__, sys.version):
        h.update(part.encode())
    here = Path(__file__).resolve().parent
    for source in [*sorted(here.glob("*.py")), dp.data_dir() / "datapackage.json"]:
        h.update(source.name.encode())
        h.update(source.read_bytes() if source.is_file() else b"")
    return h.hexdigest()


def _entry(kind: str, key) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    digest = hashlib.sha256(repr((kind, key, _code_version())).encode()).hexdigest()
    return folder / f"{kind}-{digest[:40]}.pickle"


def cached(kind: str, key, build, *, keep=lambda value: True):
    """``build()``, kept on disk under ``(kind, key)``.

    ``key`` must name every file the value depends on in its state (the stamps of
    :func:`cabinet.io._tables.file_state`); ``keep(value)`` says whether the value may be kept (a
    table with problems is not). Any failure to read or write the cache falls back to ``build()``.
    """
    entry = _entry(kind, key)
    if entry is not None and entry.is_file():
        try:
            with open(entry, "rb") as fh:
                return pickle.load(fh)
        except Exception:  # a truncated or foreign entry: built again below  # noqa: BLE001
            pass
    value = build()
    if entry is not None and keep(value):
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(entry, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:  # a read-only home or a full disk: the value is still returned
            pass
    return value
