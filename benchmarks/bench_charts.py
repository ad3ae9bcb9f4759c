"""Figures 2 and 2b: ``cabinet charts`` and ``cabinet report`` against the very same figures saved, fresh processes.

Ours: the command end to end in a fresh process (the console script
``cabinet`` beside the interpreter: ``cabinet charts --out DIR`` writes every
chart as png at 150 dpi, the default; ``cabinet report --out FILE`` writes the
page with its charts inline as SVG).

Floor: a fresh interpreter that imports every third-party module the command
had loaded, loads the figures the command saves (pickled by a setup run of the
command, just before each was saved, with its format, keyword arguments and rc
settings) and saves them again the same way; for the report it then writes the
page the setup run produced. What the command spends above the floor is ours:
the analysis tables, building the figures, and (report) fitting the SVG into
the page and rendering the template.

Both sides are timed as whole processes, interleaved. A second series of runs
breaks both sides down (see :mod:`benchmarks._child_charts`).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from ._common import PYTHON, ROOT, Result, child_env, fmt_runs, fmt_s, interleaved, median

TARGET = 1.5
CHILD = Path(__file__).resolve().parent / "_child_charts.py"


def cabinet_command() -> list[str]:
    """The console script ``cabinet`` of this interpreter's environment (as a user runs it)."""
    script = Path(sys.executable).parent / "cabinet"
    if script.is_file():
        return [str(script)]
    return [PYTHON, "-c", "import sys; from cabinet.cli import main; raise SystemExit(main(sys.argv[1:]))"]


def _json_run(argv, env) -> dict:
    out = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"benchmark child failed ({out.returncode}): {' '.join(map(str, argv))}\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _same_files(ours_dir: Path, floor_dir: Path) -> bool:
    """Whether the floor wrote the same bytes as the command (the floor keeps the temporary names of atomic writes)."""
    ours = sorted(p.read_bytes() for p in ours_dir.iterdir())
    floor = sorted(p.read_bytes() for p in floor_dir.iterdir())
    return ours == floor


def _figure(command: str, quick: bool) -> Result:
    repeat = 3 if quick else 5
    phase_repeat = 1 if quick else 2
    env = child_env(MPLBACKEND="Agg")
    with tempfile.TemporaryDirectory(prefix="cabinet-bench-") as tmp:
        tmp = Path(tmp)
        capture, ours_dir, floor_dir = tmp / "capture", tmp / "ours", tmp / "floor"
        for d in (capture, ours_dir, floor_dir):
            d.mkdir()
        out = str(ours_dir / "report.html") if command == "report" else str(ours_dir)
        cli_args = [command, "--out", out]
        setup = _json_run([PYTHON, str(CHILD), "setup", str(capture), "--", *cli_args], env)
        written = sorted(p.name for p in ours_dir.iterdir())
        commands = {
            "ours": [*cabinet_command(), *cli_args],
            "floor": [PYTHON, str(CHILD), "floor", str(capture), str(floor_dir)],
        }
        times = interleaved(commands, repeat, warmup=1, env=env)
        same = _same_files(ours_dir, floor_dir) if command == "charts" else None
        phases = {"ours": [], "floor": []}
        for _ in range(phase_repeat):
            phases["ours"].append(_json_run([PYTHON, str(CHILD), "phases", "--", *cli_args], env))
            phases["floor"].append(_json_run(commands["floor"], env))
    ours, base = median(times["ours"]), median(times["floor"])

    def ph(side, key):
        return fmt_s(median([p[key] for p in phases[side]]))

    failed = phases["floor"][-1]["failed_imports"]
    own = phases["floor"][-1]["cabinet_modules"]
    what = (f"cabinet charts --out DIR ({setup['figures']} figures saved: {', '.join(written)})"
            if command == "charts" else f"cabinet report --out FILE ({setup['figures']} inline charts)")
    extra = ", writing the page" if command == "report" else ""
    return Result(
        figure=(f"cabinet charts ({setup['figures']} png) vs floor saving the same pickled figures"
                if command == "charts" else
                f"cabinet report ({setup['figures']} inline SVG charts) vs floor saving the same figures + the page"),
        ours=fmt_s(ours), baseline=fmt_s(base), ratio=ours / base, target=TARGET,
        notes=[f"ours: {' '.join(['cabinet', *cli_args[:2]])} ... in a fresh process; {what}",
               f"floor: a fresh interpreter importing the {setup['modules']} third-party modules the command "
               f"loaded (packages: {', '.join(setup['top_level'])}), loading the {setup['figures']} figures pickled "
               f"just before the command saved them, saving each with the same format, keyword arguments and rc "
               f"settings{extra}" + (f"; {len(failed)} module(s) not importable on their own: {', '.join(failed)}"
                                     if failed else ""),
               ("the floor loaded no cabinet module" if not own else
                f"the floor loaded cabinet modules to unpickle the figures: {', '.join(own)}"),
               *([f"floor's files byte-identical to the command's: {same}"] if same is not None else []),
               f"median of {repeat} interleaved fresh-process runs each; ours {fmt_runs(times['ours'])}, "
               f"floor {fmt_runs(times['floor'])}",
               f"breakdown (median of {phase_repeat}, after interpreter start-up): ours: imports "
               f"{ph('ours', 'imports')}, analysis tables {ph('ours', 'tables')} (scipy imported lazily here), "
               f"building the figures {ph('ours', 'build')}, saving them {ph('ours', 'save')}, the rest "
               f"{ph('ours', 'other')}" + (" (SVG fitted into the page, template, writing)" if command == "report"
                                            else "") +
               f"; floor: imports {ph('floor', 'imports')}, loading the pickles {ph('floor', 'load')}, saving "
               f"{ph('floor', 'save')}" + (f", writing the page {ph('floor', 'page')}" if command == "report" else "")],
    )


def run(quick: bool = False) -> list[Result]:
    """Figure 2: ``cabinet charts``."""
    return [_figure("charts", quick)]


def run_report(quick: bool = False) -> list[Result]:
    """Figure 2b: ``cabinet report``."""
    return [_figure("report", quick)]
