"""Figure 1b: a cold command: ``cabinet claims`` and ``cabinet gaps --by region`` in a fresh process.

Ours: the console script ``cabinet`` beside the interpreter (as a user runs
it), each command in a fresh process. Baseline: ``python -c "import pandas,
scipy.stats"`` in a fresh process: the libraries every table with exact
probabilities needs. The three commands are interleaved (order alternating
from round to round) after two warm-up rounds; medians.
"""

from __future__ import annotations

from ._common import PYTHON, Result, fmt_runs, fmt_s, interleaved, median
from .bench_charts import cabinet_command

TARGET = 1.25
COMMANDS = {"cabinet claims": ["claims"], "cabinet gaps --by region": ["gaps", "--by", "region"]}


def run(quick: bool = False) -> list[Result]:
    repeat = 9 if quick else 21
    commands = {name: [*cabinet_command(), *args] for name, args in COMMANDS.items()}
    commands["baseline"] = [PYTHON, "-c", "import pandas, scipy.stats"]
    times = interleaved(commands, repeat, warmup=2)
    base = median(times["baseline"])
    results = []
    for name in COMMANDS:
        ours = median(times[name])
        results.append(Result(
            figure=f"{name} vs python -c 'import pandas, scipy.stats' (fresh process, wall)",
            ours=fmt_s(ours), baseline=fmt_s(base), ratio=ours / base, target=TARGET,
            notes=[f"median of {repeat} interleaved fresh-process runs each (after 2 warm-up rounds); "
                   f"ours {fmt_runs(times[name])}, baseline {fmt_runs(times['baseline'])}",
                   f"ours runs {' '.join(commands[name])}"],
        ))
    return results
