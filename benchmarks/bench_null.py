"""Figure 4: the random-appointment Monte Carlo against its Python-loop reference.

``null_distribution(33, baseline, n_draws=100_000, seed=0)`` with the NSIA
1398 regional baseline of the commentary scheme (six regions, the package's
default for ``by="region"``) against ``_null_distribution_loop`` with the same
arguments. The loop takes minutes at 10^5 draws, so it is timed on 10^4 draws
(2,000 with ``--quick``) and scaled linearly to 10^5; the output says so.
Both use the same generator and chunking, so the loop's draws are the first
rows of the vectorised result: they are checked equal to 1e-12, and a full
vectorised run on the loop's number of draws is checked equal as well.
"""

from __future__ import annotations

import time

import numpy as np

from ._common import Result, fmt_runs, fmt_s, median

TARGET = 50.0
N_SEATS = 33
N_DRAWS = 100_000
SEED = 0


def _baseline() -> dict:
    from cabinet.baselines import geographic_baseline

    return geographic_baseline("region", scheme="commentary").share.to_dict()


def run(quick: bool = False) -> list[Result]:
    from cabinet.null_distributions import _null_distribution_loop, null_distribution

    baseline = _baseline()
    loop_draws = 2_000 if quick else N_DRAWS
    fast_repeat = 5 if quick else 9
    loop_repeat = 1 if quick else 3

    null_distribution(N_SEATS, baseline, n_draws=1_000, seed=SEED)  # warm-up
    fast_times, full = [], None
    for _ in range(fast_repeat):
        start = time.perf_counter()
        full = null_distribution(N_SEATS, baseline, n_draws=N_DRAWS, seed=SEED)
        fast_times.append(time.perf_counter() - start)
    loop_times, loop = [], None
    for _ in range(loop_repeat):
        start = time.perf_counter()
        loop = _null_distribution_loop(N_SEATS, baseline, n_draws=loop_draws, seed=SEED)
        loop_times.append(time.perf_counter() - start)

    # same result for the same seed, to 1e-12
    same_prefix = np.allclose(full.iloc[:loop_draws].to_numpy(), loop.to_numpy(), rtol=0, atol=1e-12)
    small = null_distribution(N_SEATS, baseline, n_draws=loop_draws, seed=SEED)
    same_small = (list(small.columns) == list(loop.columns)
                  and np.allclose(small.to_numpy(), loop.to_numpy(), rtol=0, atol=1e-12))
    ok = bool(same_prefix and same_small)

    fast = median(fast_times)
    scaled = loop_draws != N_DRAWS
    loop_scaled = median(loop_times) * N_DRAWS / loop_draws
    loop_note = (f"loop: MEASURED ON {loop_draws:,} DRAWS and scaled linearly x{N_DRAWS // loop_draws} "
                 f"(median of {loop_repeat}: {fmt_runs(loop_times)})" if scaled else
                 f"loop: measured on the same 10^5 draws, median of {loop_repeat} runs {fmt_runs(loop_times)}")
    return [Result(
        figure=f"null_distribution({N_SEATS}, regions, n_draws=10^5) speed-up over the Python loop",
        ours=fmt_s(fast), baseline=fmt_s(loop_scaled) + (f" (scaled from {loop_draws:,} draws)" if scaled else ""),
        ratio=loop_scaled / fast, target=TARGET, kind="min", failed=not ok,
        notes=[f"vectorised: median of {fast_repeat} runs at 10^5 draws {fmt_runs(fast_times)}",
               loop_note,
               f"equal to 1e-12 for seed {SEED}: loop vs first {loop_draws:,} rows of the 10^5 run: {same_prefix}; "
               f"loop vs null_distribution(n_draws={loop_draws:,}): {same_small}"],
    )]
