"""The cache on disk of the bundled tables: used only for the bundled files as they are, never for one's own."""

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import cabinet
from cabinet.io import disk_cache
from cabinet.io.datapackage import data_dir


def _clear():
    from cabinet.io import _tables, loaders

    _tables._check_cached.cache_clear()
    _tables._references_cached.cache_clear()
    loaders._appointments_cached.cache_clear()


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("CABINET_CACHE_DIR", str(folder))
    _clear()
    yield folder
    _clear()


def test_a_bundled_table_is_kept_and_read_back_the_same(fresh_cache):
    first = cabinet.io.load_appointees()
    entries = sorted(p.name for p in fresh_cache.iterdir())
    assert any(n.startswith("appointments-") for n in entries) and any(n.startswith("table-") for n in entries)
    _clear()  # a fresh process in effect: only the disk remains
    again = cabinet.io.load_appointees()
    pd.testing.assert_frame_equal(first, again)
    assert sorted(p.name for p in fresh_cache.iterdir()) == entries  # read, not written again


def test_a_fresh_process_gives_the_same_output_with_and_without_the_cache(fresh_cache):
    env = {**os.environ, "CABINET_CACHE_DIR": str(fresh_cache)}
    script = "import cabinet; print(cabinet.claims()[['id', 'verdict', 'figure']].to_csv())"
    runs = [subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True).stdout
            for _ in range(2)]  # the first writes the cache, the second reads it
    off = subprocess.run([sys.executable, "-c", script], env={**env, "CABINET_CACHE_DIR": ""}, capture_output=True,
                         text=True, check=True).stdout
    assert runs[0] == runs[1] == off and any(fresh_cache.iterdir())


def test_ones_own_files_are_never_kept(fresh_cache, tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    for name in ("appointees.csv", "appointee_facts.csv", "sources.csv", "provinces.csv", "tribes.csv"):
        (mine / name).write_bytes((data_dir() / name).read_bytes())
    assert not disk_cache.is_bundled(mine / "appointees.csv") and disk_cache.is_bundled(data_dir() / "appointees.csv")
    cabinet.io.load_appointees(mine / "appointees.csv")
    assert not fresh_cache.exists() or not any(fresh_cache.iterdir())


def test_an_entry_that_cannot_be_read_is_written_again(fresh_cache):
    first = cabinet.io.load_appointees()
    for entry in fresh_cache.iterdir():
        entry.write_bytes(b"not a pickle")
    _clear()
    again = cabinet.io.load_appointees()
    pd.testing.assert_frame_equal(first, again)
    for entry in fresh_cache.iterdir():
        pickle.loads(entry.read_bytes())  # every entry is whole again


def test_an_empty_setting_turns_the_cache_off(monkeypatch, tmp_path):
    monkeypatch.setenv("CABINET_CACHE_DIR", "")
    assert disk_cache.cache_dir() is None
    assert disk_cache.cached("t", ("k",), lambda: 42) == 42


def test_a_value_not_to_keep_is_not_kept_and_the_key_names_the_file_state(fresh_cache):
    assert disk_cache.cached("t", ("a",), lambda: "bad", keep=lambda v: False) == "bad"
    assert not fresh_cache.exists() or not any(fresh_cache.iterdir())
    assert disk_cache.cached("t", ("a",), lambda: 1) == 1
    assert disk_cache.cached("t", ("a",), lambda: 2) == 1  # the same key: the value kept
    assert disk_cache.cached("t", ("b",), lambda: 2) == 2  # another state of the files: built again


def test_an_edited_bundled_file_is_checked_again(fresh_cache, monkeypatch, tmp_path):
    """The bundled folder moved to a scratch copy: a problem put into a table is found, not hidden by the cache."""
    folder = tmp_path / "data"
    folder.mkdir()
    for f in data_dir().iterdir():
        if f.is_file():
            (folder / f.name).write_bytes(f.read_bytes())
    monkeypatch.setattr("cabinet.io.datapackage.data_dir", lambda: folder)
    _clear()
    cabinet.io.load_appointees()  # kept
    text = (folder / "appointees.csv").read_text(encoding="utf-8").replace("2021-09-07", "2021-13-07", 1)
    (folder / "appointees.csv").write_text(text, encoding="utf-8")
    _clear()
    with pytest.raises(cabinet.DataError) as err:
        cabinet.io.load_appointees()
    assert "2021-13-07" in str(err.value)
