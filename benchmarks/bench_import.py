"""Figure 1: ``import cabinet`` against bare ``import pandas``, each in a fresh interpreter."""

from __future__ import annotations

import json
import subprocess

from ._common import PYTHON, ROOT, Result, child_env, fmt_runs, fmt_s, interleaved, median

TARGET = 1.2
#: Modules ``import cabinet`` must not load (plotting and heavy statistics are imported when used).
HEAVY = ("scipy", "statsmodels", "matplotlib", "seaborn")


def heavy_modules_loaded() -> list[str]:
    """Which of :data:`HEAVY` a fresh ``import cabinet`` loads (checked in a child process)."""
    code = ("import sys, json, cabinet; "
            f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({list(HEAVY)!r}))))")
    out = subprocess.run([PYTHON, "-c", code], cwd=ROOT, env=child_env(), capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def importtime_top(n: int = 8) -> list[tuple[str, int]]:
    """The cabinet modules of ``python -X importtime -c 'import cabinet'`` by own (self) time, in µs."""
    proc = subprocess.run([PYTHON, "-X", "importtime", "-c", "import cabinet"], cwd=ROOT, env=child_env(),
                          capture_output=True, text=True, check=True)
    rows = []
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        parts = line[len("import time:"):].split("|")
        try:
            own = int(parts[0])
        except ValueError:
            continue
        name = parts[2].strip()
        if name.startswith("cabinet"):
            rows.append((name, own))
    return sorted(rows, key=lambda r: -r[1])[:n]


def run(quick: bool = False) -> list[Result]:
    repeat = 9 if quick else 21
    commands = {
        "cabinet": [PYTHON, "-c", "import cabinet"],
        "pandas": [PYTHON, "-c", "import pandas"],
    }
    times = interleaved(commands, repeat, warmup=2)
    ours, base = median(times["cabinet"]), median(times["pandas"])
    heavy = heavy_modules_loaded()
    res = Result(
        figure="import cabinet vs import pandas (fresh interpreter, wall)",
        ours=fmt_s(ours), baseline=fmt_s(base), ratio=ours / base, target=TARGET,
        notes=[f"median of {repeat} interleaved runs each (after 2 warm-up rounds); "
               f"cabinet {fmt_runs(times['cabinet'])}, pandas {fmt_runs(times['pandas'])}",
               "heavy modules loaded by `import cabinet`: " + (", ".join(heavy) if heavy else "none"),
               "largest own import times of cabinet modules (-X importtime): "
               + ", ".join(f"{m} {us / 1000:.1f} ms" for m, us in importtime_top(5))],
    )
    lazy = Result(
        figure="scipy/statsmodels/matplotlib/seaborn not loaded by import cabinet",
        ours=", ".join(heavy) if heavy else "none", baseline="none", ratio=float(len(heavy)), target=0,
        unit=" modules",
    )
    return [res, lazy]
