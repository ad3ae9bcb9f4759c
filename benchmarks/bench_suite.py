"""Figure 5: wall time of the whole test suite, notebooks included (absolute by nature)."""

from __future__ import annotations

import re
import subprocess
import time

from ._common import PYTHON, ROOT, Result, child_env

TARGET_S = 180.0


def run(quick: bool = False) -> list[Result]:
    argv = [PYTHON, "-m", "pytest", "-q"]
    start = time.perf_counter()
    proc = subprocess.run(argv, cwd=ROOT, env=child_env(MPLBACKEND="Agg"), capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    tail = [line for line in proc.stdout.strip().splitlines() if line.strip()][-1:] or ["(no output)"]
    summary = tail[0].strip("= ")
    failed = proc.returncode != 0
    notes = [f"`MPLBACKEND=Agg {PYTHON} -m pytest -q` from {ROOT}: {summary} (exit {proc.returncode})"]
    if failed:
        notes += [line for line in proc.stdout.splitlines() if re.match(r"^(FAILED|ERROR) ", line)][:10]
    return [Result(
        figure="whole test suite, notebooks included (wall, one run)",
        ours=f"{elapsed:.1f} s", baseline="-", ratio=elapsed, target=TARGET_S, kind="abs_max", notes=notes,
        failed=failed,  # a failing suite is not a result to time
    )]
