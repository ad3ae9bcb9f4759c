"""Figure 1b: a cold command: ``cabinet claims`` and ``cabinet gaps --by region`` in a fresh process.

Ours: the console script ``cabinet`` beside the interpreter (as a user runs
it), each command in a fresh process. Baseline: ``python -c "import pandas,
scipy.stats"`` in a fresh process: the libraries every table with exact
probabilities needs. The three commands are interleaved (order alternating
from round to round) after two warm-up rounds; medians.
"""

from __future__ import annotations

import json
import subprocess

from ._common import PYTHON, ROOT, Result, child_env, fmt_runs, fmt_s, interleaved, median
from .bench_charts import cabinet_command

TARGET = 1.25
COMMANDS = {"cabinet claims": ["claims"], "cabinet gaps --by region": ["gaps", "--by", "region"]}


_BREAKDOWN = """
import io, json, sys, time
t0 = time.perf_counter()
import cabinet.cli.commands
t1 = time.perf_counter()
status = cabinet.cli.commands.main(json.loads(sys.argv[1]), out=io.StringIO())
t2 = time.perf_counter()
heavy = sorted({m.split('.')[0] for m in sys.modules} & {'scipy', 'statsmodels', 'matplotlib', 'seaborn', 'shapely'})
print(json.dumps({'status': status, 'import_cli': t1 - t0, 'command': t2 - t1, 'modules': len(sys.modules),
                  'heavy': heavy}))
"""

_BASE_MODULES = "import sys, pandas, scipy.stats; print(len(sys.modules))"


def _breakdown(args) -> dict:
    """One in-process run of the command with timers (after interpreter start-up), for the notes."""
    out = subprocess.run([PYTHON, "-c", _BREAKDOWN, json.dumps(args)], cwd=ROOT, env=child_env(),
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(quick: bool = False) -> list[Result]:
    repeat = 9 if quick else 21
    commands = {name: [*cabinet_command(), *args] for name, args in COMMANDS.items()}
    commands["baseline"] = [PYTHON, "-c", "import pandas, scipy.stats"]
    times = interleaved(commands, repeat, warmup=2)
    base = median(times["baseline"])
    base_modules = int(subprocess.run([PYTHON, "-c", _BASE_MODULES], cwd=ROOT, env=child_env(), capture_output=True,
                                      text=True, check=True).stdout.strip())
    results = []
    for name in COMMANDS:
        ours = median(times[name])
        b = _breakdown(COMMANDS[name])
        results.append(Result(
            figure=f"{name} vs python -c 'import pandas, scipy.stats' (fresh process, wall)",
            ours=fmt_s(ours), baseline=fmt_s(base), ratio=ours / base, target=TARGET,
            notes=[f"median of {repeat} interleaved fresh-process runs each (after 2 warm-up rounds); "
                   f"ours {fmt_runs(times[name])}, baseline {fmt_runs(times['baseline'])}",
                   f"ours runs {' '.join(commands[name])}",
                   f"breakdown (one run, after interpreter start-up): import cabinet.cli {fmt_s(b['import_cli'])}, "
                   f"the command {fmt_s(b['command'])} (imports it triggers included); modules loaded at the end: "
                   f"{b['modules']} (baseline: {base_modules}); of scipy, statsmodels, matplotlib, seaborn, shapely: "
                   f"{', '.join(b['heavy']) or 'none'}"],
        ))
    return results
