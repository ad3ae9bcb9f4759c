"""Figure 3b: loading and validating rosters of 10^4, 10^5, 2x10^5 and 10^6 rows, against ``pandas.read_csv``.

The wide form's ratio is a figure at every size (issue 28: at most 2x ``read_csv`` at each), the
roster of any body's at the largest.

Two files per size are written once to a temporary folder (not timed):

- a roster of any body, for :func:`cabinet.load_user_roster`: a unique
  ``name`` and six tag columns: ``province`` (the 34 names of
  ``data/provinces.csv``, 10 % ``unknown``, 5 % ``A|B``), ``ethnicity``,
  ``party``, ``body``, ``gender`` and ``term`` (a few values each, some
  ``unknown`` and ``A|B`` cells); no empty cell;
- a roster in the wide form, for :func:`cabinet.io.load_appointees` and
  ``cabinet validate``: the rows of ``cabinet.io.load_appointees()`` repeated,
  with unique ``appointment_id`` and ``person_id``, the long free-text cells
  (``notes``, ``name_variants``) emptied and each ``*_sources`` cell (and
  ``source_ids``) cut to the first source id of each of its ``|``-groups (one
  group per alternative of a disputed tag, which the wide form requires), so
  that 10^6 rows stay a few hundred MB. It is loaded once at 10^4 before any
  timing, to check it is valid.

Time, in process: each loader against ``pandas.read_csv(path, dtype=str,
keep_default_na=False)`` on the same file, interleaved, medians. Every
``functools.lru_cache`` of the package's modules (``cabinet.io._tables``,
``cabinet.io.loaders`` ...; the cache of checked tables and of reference tables)
is cleared before each call of ours, so every call reads and checks the file
(and the bundled reference tables) again. Fresh processes: ``cabinet validate
FILE`` (the console script) against ``python -c "import pandas;
pandas.read_csv(FILE, dtype=str, keep_default_na=False)"``, interleaved.

Slope: log-log slope of time against rows from 10^4 to 10^6 (the two
endpoints; least squares over the three sizes in the notes). Peak memory:
:mod:`tracemalloc` around one call of each loader (caches cleared first), as
for ``representation()``, against the loaded frame's
``memory_usage(deep=True).sum()``.

``--quick`` stops at 10^5 rows and says so in every figure. On this shared
machine a size is not measured when one call of ours is projected (linearly
from the size below) above :data:`MAX_CALL_SECONDS` or its peak above
:data:`MAX_PEAK_BYTES`, and the figures then say at which size they are; a
peak is not traced where the traced call would exceed the budget (tracemalloc
slows the call down; the factor is measured at 10^4). At a size where ours
takes long, fewer interleaved pairs are run (:data:`SIZE_SECONDS`).
"""

from __future__ import annotations

import gc
import math
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

from ._common import PYTHON, Result, fmt_runs, fmt_s, interleaved, median
from .bench_charts import cabinet_command
from .bench_representation import _peak_bytes, _slope

SIZES = (10**4, 10**5, 2 * 10**5, 10**6)
#: Sizes at which the wide form's ratio is a figure of its own (issue 28: at most 2x read_csv at each).
WIDE_SIZES = SIZES
RATIO_TARGET = 2.0
SLOPE_TARGET = 1.1
MEMORY_TARGET = 3.0
#: Budget of one call of ours: a larger size whose call is projected (linearly) above it is not
#: measured, and the figures say so; a peak is traced only where the traced call stays under it.
MAX_CALL_SECONDS = 300.0
#: Interleaved pairs at one size stop once ours has taken this long in all (at least one pair).
SIZE_SECONDS = 60.0
#: A larger size whose peak memory is projected (linearly) above this is not measured (a shared machine).
MAX_PEAK_BYTES = 8 * 2**30


def clear_caches() -> list[str]:
    """Clear every ``lru_cache`` of the loaded cabinet modules; return their names."""
    cleared = []
    for name, mod in sorted(sys.modules.items()):
        if mod is None or name.split(".")[0] != "cabinet":
            continue
        for attr, obj in list(vars(mod).items()):
            if callable(getattr(obj, "cache_clear", None)) and getattr(obj, "__module__", None) == name:
                obj.cache_clear()
                cleared.append(f"{name}.{attr}")
    return cleared


def _user_roster(n: int, path: Path, seed: int = 0) -> None:
    import pandas as pd

    from cabinet.io import load_provinces

    rng = np.random.default_rng(seed)
    provinces = list(load_provinces()["province"])

    def column(values, unknown=0.1, disputed=0.05):
        values = np.asarray(values, dtype=object)
        out = values[rng.integers(0, len(values), size=n)]
        u = rng.random(n)
        out[u < unknown] = "unknown"
        pick = (u >= unknown) & (u < unknown + disputed)
        other = values[rng.integers(0, len(values), size=int(pick.sum()))]
        out[pick] = [f"{a}|{b}" if a != b else a for a, b in zip(out[pick], other)]
        return out

    frame = pd.DataFrame({
        "name": [f"Member {i}" for i in range(n)],
        "province": column(provinces),
        "ethnicity": column(["Pashtun", "Tajik", "Hazara", "Uzbek", "Turkmen", "Baloch", "Nuristani"]),
        "party": column(["Green", "Blue", "Red", "Independent"], unknown=0.05, disputed=0.02),
        "body": column(["cabinet", "council", "court", "governorship"], unknown=0.0, disputed=0.0),
        "gender": column(["man", "woman"], unknown=0.02, disputed=0.0),
        "term": column(["first", "second", "third"], unknown=0.1, disputed=0.0),
    })
    frame.to_csv(path, index=False, lineterminator="\n")


def _cut_sources(cell: str) -> str:
    return "|".join(g.split(";")[0] for g in cell.split("|")) if cell else cell


def _wide_roster(n: int, path: Path) -> None:
    import pandas as pd

    from cabinet.io import load_appointees

    real = load_appointees()
    rows = real.iloc[np.arange(n) % len(real)].reset_index(drop=True)
    rows["appointment_id"] = [f"A{i:07d}" for i in range(n)]
    rows["person_id"] = [f"{p}_{i}" for i, p in enumerate(rows["person_id"])]
    for col in ("notes", "name_variants"):
        rows[col] = ""
    for col in [c for c in rows.columns if c.endswith("_sources") or c == "source_ids"]:
        rows[col] = rows[col].astype(str).map(_cut_sources)
    rows.to_csv(path, index=False, date_format="%Y-%m-%d", lineterminator="\n")
    del pd


def _read_csv(path):
    import pandas as pd

    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _timed(func) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def run(quick: bool = False) -> list[Result]:
    from cabinet.io import load_appointees, load_user_roster

    sizes = SIZES[:2] if quick else SIZES
    repeats = ({10**3: 5, 10**4: 5, 10**5: 3} if quick else {10**3: 7, 10**4: 7, 10**5: 5, 2 * 10**5: 5, 10**6: 3})
    proc_repeat = 3 if quick else 5
    loaders = {"load_user_roster": load_user_roster, "load_appointees": load_appointees}
    ours = {k: {} for k in loaders}
    base = {k: {} for k in loaders}
    runs = {k: {} for k in loaders}
    peaks = {k: {} for k in loaders}
    frame_mem = {k: {} for k in loaders}
    file_mb = {k: {} for k in loaders}
    skipped = {k: {} for k in loaders}  # size -> projected (seconds, peak bytes) of one call, over the budget
    slowdown = {k: 1.0 for k in loaders}  # traced call / untraced median, measured
    cleared: list[str] = []
    with tempfile.TemporaryDirectory(prefix="cabinet-bench-validation-") as tmp:
        files = {}
        checked = False
        for n in sizes:
            files[n] = {}
            for k, write in (("load_user_roster", _user_roster), ("load_appointees", _wide_roster)):
                done = sorted(ours[k])
                if done:  # linear projection from the largest size measured
                    projected = ours[k][done[-1]] * n / done[-1]
                    mem = max(peaks[k].items())
                    projected_mem = mem[1] * n / mem[0]
                    if projected > MAX_CALL_SECONDS or projected_mem > MAX_PEAK_BYTES or skipped[k]:
                        skipped[k][n] = (projected, projected_mem)
                        continue
                files[n][k] = Path(tmp, f"{k}_{n}.csv")
                write(n, files[n][k])
                file_mb[k][n] = files[n][k].stat().st_size / 1e6
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                if not checked:  # valid before timing (raises DataError otherwise)
                    for k, load in loaders.items():
                        load(files[n][k])
                    checked = True
                for k, path in files[n].items():
                    load = loaders[k]
                    t_ours, t_base = [], []
                    frame = None
                    for i in range(repeats[n]):
                        gc.collect()
                        for side in (("ours", "base") if i % 2 == 0 else ("base", "ours")):
                            if side == "ours":
                                cleared = clear_caches()
                                start = time.perf_counter()
                                frame = load(path)
                                t_ours.append(time.perf_counter() - start)
                            else:
                                t_base.append(_timed(lambda: _read_csv(path)))
                        if sum(t_ours) > SIZE_SECONDS:
                            break  # a slow size: fewer interleaved pairs (the notes give the runs)
                    ours[k][n], base[k][n] = median(t_ours), median(t_base)
                    runs[k][n] = (t_ours, t_base)
                    frame_mem[k][n] = int(frame.memory_usage(deep=True).sum())
                    del frame
                    clear_caches()
                    gc.collect()
                    if n == min(sizes) or ours[k][n] * slowdown[k] <= MAX_CALL_SECONDS:
                        start = time.perf_counter()
                        peaks[k][n] = _peak_bytes(lambda: load(path))
                        traced = time.perf_counter() - start
                        slowdown[k] = max(slowdown[k], traced / ours[k][n])
                        clear_caches()
                        gc.collect()
        wide = [n for n in sizes if "load_appointees" in files.get(n, {})]
        cli_n = wide[-1]
        target_file = str(files[cli_n]["load_appointees"])
        commands = {"validate": [*cabinet_command(), "validate", target_file],
                    "read_csv": [PYTHON, "-c", "import sys, pandas; pandas.read_csv(sys.argv[1], dtype=str, "
                                               "keep_default_na=False)", target_file]}
        slow = ours["load_appointees"][cli_n] > MAX_CALL_SECONDS / 10
        cli = interleaved(commands, 1 if slow else proc_repeat, warmup=0 if slow else 1)

    def exp(n):
        power = int(math.floor(math.log10(n)))
        lead = round(n / 10**power)
        return f"10^{power}" if lead == 1 else f"{lead}x10^{power}"

    quick_note = ["--quick: STOPPED AT 10^5 ROWS (the targets are set at 10^4, 10^5, 2x10^5 and 10^6)"] if quick else []
    results = []
    k = "load_appointees"
    for n in sorted(ours[k])[:-1]:  # the wide form at each size below the largest (the largest follows)
        results.append(Result(
            figure=f"load_appointees(path) at {exp(n)} rows vs pandas.read_csv(path, dtype=str) (wide-form appointees "
                   "roster)",
            ours=fmt_s(ours[k][n]), baseline=fmt_s(base[k][n]), ratio=ours[k][n] / base[k][n], target=RATIO_TARGET,
            notes=[*quick_note,
                   f"median of {len(runs[k][n][0])} interleaved runs at {exp(n)}; ours {fmt_runs(runs[k][n][0])}, "
                   f"read_csv {fmt_runs(runs[k][n][1])}; file {file_mb[k][n]:.1f} MB",
                   "lru caches cleared before every call of ours"],
        ))
    for k in loaders:
        measured = sorted(ours[k])
        big = measured[-1]
        skip_note = [f"NOT MEASURED AT {exp(n)} ROWS: one call projected at {fmt_s(t)} and a peak of "
                     f"{m / 2**30:.1f} GiB (linear from {exp(big)}), over the budget of {MAX_CALL_SECONDS:.0f} s "
                     f"a call or {MAX_PEAK_BYTES / 2**30:.0f} GiB on this shared machine; the figure is at {exp(big)}"
                     for n, (t, m) in skipped[k].items()]
        what = ("roster of any body (name + 6 tag columns)" if k == "load_user_roster"
                else "wide-form appointees roster")
        results.append(Result(
            figure=f"{k}(path) at {exp(big)} rows vs pandas.read_csv(path, dtype=str) ({what})",
            ours=fmt_s(ours[k][big]), baseline=fmt_s(base[k][big]), ratio=ours[k][big] / base[k][big],
            target=RATIO_TARGET,
            notes=[*quick_note, *skip_note,
                   f"median of {len(runs[k][big][0])} interleaved runs at {exp(big)}; ours {fmt_runs(runs[k][big][0])}, "
                   f"read_csv {fmt_runs(runs[k][big][1])}; file {file_mb[k][big]:.1f} MB",
                   "all sizes: " + ", ".join(f"{exp(n)}: {fmt_s(ours[k][n])} vs {fmt_s(base[k][n])} "
                                             f"({ours[k][n] / base[k][n]:.2f}x, {file_mb[k][n]:.1f} MB)"
                                             for n in measured),
                   "lru caches cleared before every call of ours: " + ", ".join(cleared)],
        ))
        slope = _slope([measured[0], big], [ours[k][measured[0]], ours[k][big]])
        results.append(Result(
            figure=f"{k} log-log slope of time vs rows, {exp(measured[0])} to {exp(big)}",
            ours=f"{slope:.3f}", baseline=f"{_slope([measured[0], big], [base[k][measured[0]], base[k][big]]):.3f} "
                                         "(read_csv)",
            ratio=slope, target=SLOPE_TARGET, unit="",
            notes=[*quick_note, *skip_note,
                   f"least-squares slope over {', '.join(exp(n) for n in measured)}: "
                   f"{_slope(measured, [ours[k][n] for n in measured]):.3f} (read_csv "
                   f"{_slope(measured, [base[k][n] for n in measured]):.3f})",
                   "time per row: " + ", ".join(f"{exp(n)}: {ours[k][n] / n * 1e6:.2f} µs" for n in measured)],
        ))
        peak_n = max(peaks[k])
        results.append(Result(
            figure=f"{k} peak memory at {exp(peak_n)} rows / loaded frame memory (deep)",
            ours=f"{peaks[k][peak_n] / 2**20:.1f} MiB", baseline=f"{frame_mem[k][peak_n] / 2**20:.1f} MiB",
            ratio=peaks[k][peak_n] / frame_mem[k][peak_n], target=MEMORY_TARGET,
            notes=[*quick_note, *skip_note,
                   *([f"PEAK NOT TRACED AT {exp(big)}: one call takes {fmt_s(ours[k][big])} untraced, and tracemalloc "
                      f"slowed it {slowdown[k]:.1f}x where traced; the figure is at {exp(peak_n)}"]
                     if peak_n != big else []),
                   "peak = tracemalloc peak during one call (caches cleared) minus traced memory before it; "
                   "frame memory = memory_usage(deep=True).sum() of the frame returned",
                   "all sizes traced: " + ", ".join(f"{exp(n)}: {peaks[k][n] / 2**20:.1f} MiB "
                                                    f"({peaks[k][n] / frame_mem[k][n]:.2f}x)" for n in sorted(peaks[k]))],
        ))
    v, r = median(cli["validate"]), median(cli["read_csv"])
    results.append(Result(
        figure=f"cabinet validate FILE at {exp(cli_n)} rows (wide form) vs python reading it with pandas.read_csv "
               "(fresh processes)",
        ours=fmt_s(v), baseline=fmt_s(r), ratio=v / r, target=RATIO_TARGET,
        notes=[*quick_note,
               *([f"NOT MEASURED AT 10^6 ROWS (see load_appointees above); the figure is at {exp(cli_n)}"]
                 if cli_n != SIZES[-1] and not quick else []),
               f"median of {len(cli['validate'])} interleaved fresh-process runs each; validate "
               f"{fmt_runs(cli['validate'])}, read_csv {fmt_runs(cli['read_csv'])}; file "
               f"{file_mb['load_appointees'][cli_n]:.1f} MB"],
    ))
    return results
