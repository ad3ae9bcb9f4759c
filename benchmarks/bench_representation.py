"""Figure 3: ``representation()`` on synthetic rosters of 10^3 to 10^6 rows.

The rosters are built in memory with every column of ``data/appointees.csv``:

- ``appointment_id``, ``person_id`` and ``name`` are unique per row;
- ``province`` is drawn from the 34 provinces (80 % of rows), ``unknown``
  (12 %) and five disputed ``A|B`` values (8 %);
- the other tag columns (``post``, ``position_class``, ``body``,
  ``district``, ``ethnicity``, ``tribe``, ``network``, ...) are drawn from the
  values of the bundled 33;
- every ``*_sources`` column and ``source_ids`` hold one short source id, and
  ``name_variants``, ``un_ref``, ``notes`` are empty, so the frame's deep
  memory is not inflated by the long free-text cells of the real data.

Time: median of several runs of ``representation(df, by)`` against
``df.groupby("province").size()`` on the same frame, interleaved, for
``by="region"`` and ``by="province"`` at every size. At 10^6 rows, every other
grouping of :data:`cabinet.representation.BY` the synthetic roster supports
(:data:`GROUPINGS`: the Hazarajat core and extended, ethnicity against every
published estimate at once, tribe, confederation, network, position class) is
timed the same way against the same ``groupby``, interleaved with it.
Peak memory: :mod:`tracemalloc` around one call (frame built before tracing
starts; numpy and pandas report their buffers to tracemalloc), set against
``df.memory_usage(deep=True).sum()``.
"""

from __future__ import annotations

import gc
import math
import time
import tracemalloc

import numpy as np

from ._common import Result, fmt_runs, fmt_s, median

SIZES = (10**3, 10**4, 10**5, 10**6)
BY = ("region", "province")
RATIO_TARGET = 3.0
SLOPE_TARGET = 1.1
MEMORY_TARGET = 2.0

#: (label, by, keyword arguments) of the groupings timed at 10^6 rows beside region and province.
GROUPINGS = (
    ("hazarajat, core", "hazarajat", {"hazarajat": "core"}),
    ("hazarajat, extended", "hazarajat", {"hazarajat": "extended"}),
    ("ethnicity, baseline='all'", "ethnicity", {"baseline": "all"}),
    ("tribe", "tribe", {}),
    ("confederation", "confederation", {}),
    ("network", "network", {}),
    ("position_class", "position_class", {}),
)

DISPUTED = ("Kandahar|Uruzgan", "Helmand|Paktia", "Jowzjan|Faryab", "Zabul|Uruzgan", "Herat|Farah")


def synthetic_roster(n: int, seed: int = 0):
    """A roster of ``n`` rows with the appointees columns (see the module docstring)."""
    import pandas as pd

    from cabinet.io import load_appointees, load_provinces

    rng = np.random.default_rng(seed)
    real = load_appointees()
    provinces = list(load_provinces()["province"])
    values = provinces + ["unknown"] + list(DISPUTED)
    p = np.array([0.80 / len(provinces)] * len(provinces) + [0.12] + [0.08 / len(DISPUTED)] * len(DISPUTED))
    columns = {}
    for col in real.columns:
        if col == "appointment_id":
            columns[col] = np.array([f"R{i:07d}" for i in range(n)], dtype=object)
        elif col == "person_id":
            columns[col] = np.array([f"person_{i}" for i in range(n)], dtype=object)
        elif col == "name":
            columns[col] = np.array([f"Appointee {i}" for i in range(n)], dtype=object)
        elif col == "province":
            columns[col] = np.array(values, dtype=object)[rng.choice(len(values), size=n, p=p / p.sum())]
        elif col.endswith("_sources") or col == "source_ids":
            columns[col] = np.full(n, "aljazeera-20210907-profile-hasan-akhund", dtype=object)
        elif col in ("name_variants", "un_ref", "notes"):
            columns[col] = np.full(n, "", dtype=object)
        else:
            pool = real[col].to_numpy()
            columns[col] = pool[rng.integers(0, len(pool), size=n)]
    return pd.DataFrame(columns)


def _peak_bytes(func) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before = tracemalloc.get_traced_memory()[0]
        func()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return peak - before


def _slope(ns, ts) -> float:
    x, y = np.log10(np.asarray(ns, float)), np.log10(np.asarray(ts, float))
    return float(np.polyfit(x, y, 1)[0])


def _every_grouping(df, repeat: int) -> dict:
    """Times of :data:`GROUPINGS` and of the ``groupby`` baseline on ``df``, interleaved: name -> list of s."""
    from cabinet.representation import representation

    calls = {label: (lambda by=by, kw=kw: representation(df, by, **kw)) for label, by, kw in GROUPINGS}
    calls["groupby"] = lambda: df.groupby("province").size()
    for f in calls.values():  # warm-up: baselines and maps are cached after the first call
        f()
    names = list(calls)
    times = {name: [] for name in names}
    for i in range(repeat):
        for name in (names if i % 2 == 0 else names[::-1]):
            start = time.perf_counter()
            calls[name]()
            times[name].append(time.perf_counter() - start)
    return times


def run(quick: bool = False) -> list[Result]:
    from cabinet.representation import representation

    repeats = {10**3: 9, 10**4: 7, 10**5: 5, 10**6: 3} if quick else {10**3: 31, 10**4: 21, 10**5: 11, 10**6: 7}
    ours = {by: {} for by in BY}
    base = {}
    peaks = {by: {} for by in BY}
    deep = {}
    shallow = {}
    for n in SIZES:
        df = synthetic_roster(n)
        deep[n] = int(df.memory_usage(deep=True).sum())
        shallow[n] = int(df.memory_usage(deep=False).sum())
        for by in BY:  # warm-up: baselines and region maps are cached after the first call
            representation(df, by)
        df.groupby("province").size()
        t_ours = {by: [] for by in BY}
        t_base = []
        for _ in range(repeats[n]):
            for by in BY:
                start = time.perf_counter()
                representation(df, by)
                t_ours[by].append(time.perf_counter() - start)
            start = time.perf_counter()
            df.groupby("province").size()
            t_base.append(time.perf_counter() - start)
        base[n] = median(t_base)
        for by in BY:
            ours[by][n] = median(t_ours[by])
            peaks[by][n] = _peak_bytes(lambda: representation(df, by))
        peaks.setdefault("groupby", {})[n] = _peak_bytes(lambda: df.groupby("province").size())
        if n == SIZES[-1]:
            every = _every_grouping(df, repeats[n])
        del df
        gc.collect()

    big = SIZES[-1]
    results = []
    for by in BY:
        per_row = ", ".join(f"10^{int(math.log10(n))}: {fmt_s(ours[by][n])} ({ours[by][n] / n * 1e9:.0f} ns/row)"
                            for n in SIZES)
        base_row = ", ".join(f"10^{int(math.log10(n))}: {fmt_s(base[n])} ({base[n] / n * 1e9:.0f} ns/row)"
                             for n in SIZES)
        results.append(Result(
            figure=f"representation(by={by!r}) at 10^6 rows vs df.groupby('province').size()",
            ours=fmt_s(ours[by][big]), baseline=fmt_s(base[big]), ratio=ours[by][big] / base[big],
            target=RATIO_TARGET,
            notes=[f"median of {repeats[big]} interleaved runs at 10^6; all sizes: {per_row}",
                   f"groupby baseline: {base_row}",
                   "ratio at each size: " + ", ".join(f"10^{int(math.log10(n))}: {ours[by][n] / base[n]:.2f}x"
                                                    for n in SIZES)],
        ))
        slope_all = _slope(SIZES, [ours[by][n] for n in SIZES])
        slope_top = _slope(SIZES[-2:], [ours[by][n] for n in SIZES[-2:]])
        results.append(Result(
            figure=f"representation(by={by!r}) log-log slope of time vs rows, 10^5 to 10^6",
            ours=f"{slope_top:.3f}", baseline=f"{_slope(SIZES[-2:], [base[n] for n in SIZES[-2:]]):.3f} (groupby)",
            ratio=slope_top, target=SLOPE_TARGET, unit="",
            notes=[f"least-squares slope over 10^3..10^6: {slope_all:.3f} (fixed costs flatten it at small sizes; "
                   f"groupby: {_slope(SIZES, [base[n] for n in SIZES]):.3f})"],
        ))
        results.append(Result(
            figure=f"representation(by={by!r}) peak memory at 10^6 / roster memory (deep)",
            ours=f"{peaks[by][big] / 2**20:.1f} MiB", baseline=f"{deep[big] / 2**20:.1f} MiB",
            ratio=peaks[by][big] / deep[big], target=MEMORY_TARGET,
            notes=["peak = tracemalloc peak during one call minus traced memory before it; roster memory = "
                   "df.memory_usage(deep=True).sum()",
                   "peak at each size: " + ", ".join(f"10^{int(math.log10(n))}: {peaks[by][n] / 2**20:.2f} MiB "
                                                      f"({peaks[by][n] / deep[n]:.3f} of roster)" for n in SIZES),
                   f"groupby('province').size() peak at 10^6: {peaks['groupby'][big] / 2**20:.1f} MiB",
                   f"for scale: the roster's column arrays alone (memory_usage(deep=False)) are "
                   f"{shallow[big] / 2**20:.1f} MiB at 10^6, so the peak is {peaks[by][big] / shallow[big]:.2f} of that "
                   "(deep memory counts every cell's string object, shared or not)"],
        ))
    gb = median(every["groupby"])
    for label, by, kw in GROUPINGS:
        t = median(every[label])
        args = ", ".join([repr(by), *(f"{k}={v!r}" for k, v in kw.items())])
        results.append(Result(
            figure=f"representation(df, {args}) at 10^6 rows vs df.groupby('province').size()",
            ours=fmt_s(t), baseline=fmt_s(gb), ratio=t / gb, target=RATIO_TARGET,
            notes=[f"median of {repeats[big]} interleaved runs ({label}); ours {fmt_runs(every[label])}, "
                   f"groupby {fmt_runs(every['groupby'])}"],
        ))
    return results
