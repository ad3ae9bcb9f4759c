"""Figure 2: ``cabinet charts`` (all charts, png) against a bare matplotlib script, fresh processes.

Ours: ``write_charts(tmp, formats=("png",))`` in a fresh interpreter. Baseline:
a script that imports numpy, pandas and the plotting libraries the charts load
(matplotlib; seaborn if it were loaded) and saves as many simple figures as
there are charts, with the same sizes, dpi and format. Both are timed as whole
processes, interleaved, so imports count on both sides. A second, untimed
series of runs breaks both sides down into imports, analysis tables and
drawing plus saving.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

from ._common import PYTHON, ROOT, Result, child_env, fmt_runs, fmt_s, interleaved, median

TARGET = 1.5
CHILD = Path(__file__).resolve().parent / "_child_charts.py"


def _json_run(argv, env) -> dict:
    out = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(quick: bool = False) -> list[Result]:
    from cabinet.charts import _DPI, _FIGSIZE, CHARTS

    repeat = 3 if quick else 7
    phase_repeat = 1 if quick else 3
    env = child_env(MPLBACKEND="Agg")
    with tempfile.TemporaryDirectory(prefix="cabinet-bench-") as tmp:
        ours_dir, bare_dir = Path(tmp, "ours"), Path(tmp, "bare")
        ours_dir.mkdir()
        bare_dir.mkdir()
        # which libraries the charts load: the bare script imports the same plotting ones
        loaded = _json_run([PYTHON, str(CHILD), "ours", str(ours_dir)], env)["modules"]
        plotting = [m for m in ("matplotlib", "seaborn") if m in loaded]
        n_files = len(list(ours_dir.glob("*.png")))
        figures = [[name, *_FIGSIZE.get(name, (8.0, 5.0))] for name in CHARTS]
        assert n_files == len(figures), (n_files, figures)
        spec = json.dumps({"modules": plotting, "figures": figures, "dpi": _DPI})
        commands = {
            "ours": [PYTHON, str(CHILD), "ours", str(ours_dir)],
            "bare": [PYTHON, str(CHILD), "bare", str(bare_dir), spec],
        }
        times = interleaved(commands, repeat, warmup=1, env=env)
        phases = {"ours": [], "bare": []}
        for _ in range(phase_repeat):
            phases["ours"].append(_json_run([PYTHON, str(CHILD), "phases", str(ours_dir)], env))
            phases["bare"].append(_json_run(commands["bare"], env))
    ours, base = median(times["ours"]), median(times["bare"])

    def ph(side, key):
        return fmt_s(median([p[key] for p in phases[side]]))

    return [Result(
        figure=f"cabinet charts: {len(figures)} png charts vs bare script saving {len(figures)} simple figures",
        ours=fmt_s(ours), baseline=fmt_s(base), ratio=ours / base, target=TARGET,
        notes=[f"median of {repeat} interleaved fresh-process runs each (imports included on both sides); "
               f"ours {fmt_runs(times['ours'])}, bare {fmt_runs(times['bare'])}",
               f"bare script imports numpy, pandas, {', '.join(plotting)}; same figure sizes, dpi {_DPI}, png",
               "libraries loaded by write_charts: " + ", ".join(loaded),
               f"breakdown (median of {phase_repeat}, after interpreter start-up): ours: imports "
               f"{ph('ours', 'imports')}, analysis tables {ph('ours', 'tables')} (scipy imported lazily here), "
               f"drawing+saving {ph('ours', 'draw_save')}; bare: imports {ph('bare', 'imports')}, "
               f"drawing+saving {ph('bare', 'draw_save')}"],
    )]
