"""Shared helpers of the benchmarks: timing, results, machine description."""

from __future__ import annotations

import math
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


@dataclass
class Result:
    """One figure: our time against a baseline measured in the same run.

    ``kind`` says how ``ratio`` is read against ``target``:

    - ``"max"``: ``ratio`` must be at most ``target`` (a slowdown factor or slope).
    - ``"min"``: ``ratio`` must be at least ``target`` (a speed-up).
    - ``"abs_max"``: ``ours`` (absolute seconds) must be below ``target``; no baseline.
    - ``"info"``: reported only, no target.
    """

    figure: str
    ours: str
    baseline: str
    ratio: float | None
    target: float | None
    kind: str = "max"
    unit: str = "x"
    notes: list[str] = field(default_factory=list)
    failed: bool = False  # a correctness check failed (always a miss)

    @property
    def met(self) -> bool | None:
        if self.failed:
            return False
        if self.kind == "info" or self.target is None:
            return None
        value = self.ratio
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return False
        if self.kind == "max":
            return value <= self.target
        if self.kind == "min":
            return value >= self.target
        if self.kind == "abs_max":
            return value < self.target
        raise ValueError(self.kind)

    def ratio_text(self) -> str:
        if self.ratio is None:
            return "-"
        if self.kind == "abs_max":
            return f"{self.ratio:.1f} s"
        if self.unit == "x":
            return f"{self.ratio:.2f}x" if self.ratio < 100 else f"{self.ratio:.0f}x"
        if float(self.ratio).is_integer():
            return f"{int(self.ratio)}{self.unit}"
        return f"{self.ratio:.3f}{self.unit}"

    def target_text(self) -> str:
        if self.target is None or self.kind == "info":
            return "-"
        if self.kind == "abs_max":
            return f"< {self.target:g} s"
        sign = "<=" if self.kind == "max" else ">="
        unit = "x" if self.unit == "x" else self.unit
        return f"{sign} {self.target:g}{unit}"

    def met_text(self) -> str:
        return {True: "yes", False: "NO", None: "-"}[self.met]


def median(values) -> float:
    return float(statistics.median(values))


def fmt_s(seconds: float) -> str:
    """Seconds in a readable unit."""
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds * 1e6:.1f} µs"


def fmt_runs(values) -> str:
    return "[" + ", ".join(fmt_s(v) for v in values) + "]"


def ensure_bytecode() -> str:
    """Compile the package's bytecode once, as the first import on a user's machine leaves it.

    With ``PYTHONDONTWRITEBYTECODE`` set (as on some CI machines) no import writes ``.pyc``
    files, so every timed process would compile cabinet's modules from source while the
    third-party packages it is compared with load theirs precompiled. Returns a note for the
    machine line.
    """
    import compileall

    compileall.compile_dir(str(ROOT / "cabinet"), quiet=1)
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        return "PYTHONDONTWRITEBYTECODE set: cabinet's bytecode compiled beforehand (python -m compileall)"
    return "cabinet's bytecode compiled beforehand (python -m compileall)"


def child_env(**extra) -> dict:
    """The environment of a timed child process: ours, unchanged (OPENBLAS_* kept), plus ``extra``."""
    env = dict(os.environ)
    env.update(extra)
    return env


def time_subprocess(argv, *, cwd=None, env=None) -> float:
    """Wall time of one child process, in seconds; raises if it fails."""
    start = time.perf_counter()
    proc = subprocess.run(argv, cwd=cwd or ROOT, env=env or child_env(), capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"benchmark child failed ({proc.returncode}): {' '.join(map(str, argv))}\n{proc.stderr}")
    return elapsed


def interleaved(commands: dict, repeat: int, *, warmup: int = 1, cwd=None, env=None) -> dict:
    """Run every command ``repeat`` times, alternating between them; return name -> list of seconds.

    ``warmup`` untimed rounds come first (page cache, .pyc files). The order inside a round
    alternates from round to round so neither side always runs first.
    """
    names = list(commands)
    for _ in range(warmup):
        for name in names:
            time_subprocess(commands[name], cwd=cwd, env=env)
    times = {name: [] for name in names}
    for i in range(repeat):
        order = names if i % 2 == 0 else names[::-1]
        for name in order:
            times[name].append(time_subprocess(commands[name], cwd=cwd, env=env))
    return times


def machine() -> dict:
    """The machine and software the figures were measured on."""
    info = {"nproc": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}
    try:
        info["nproc"] = int(subprocess.run(["nproc"], capture_output=True, text=True, check=True).stdout.strip())
    except (OSError, subprocess.CalledProcessError, ValueError):
        pass
    model = ""
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout
        for line in out.splitlines():
            if line.startswith("Model name"):
                model = line.split(":", 1)[1].strip()
                break
    except (OSError, subprocess.CalledProcessError):
        pass
    info["cpu"] = model or platform.processor() or "unknown"
    import numpy
    import pandas

    info["numpy"] = numpy.__version__
    info["pandas"] = pandas.__version__
    for name in ("matplotlib", "scipy", "statsmodels"):
        try:
            info[name] = __import__(name).__version__
        except ImportError:  # pragma: no cover
            info[name] = "absent"
    info["openblas_env"] = ", ".join(f"{k}={v}" for k, v in sorted(os.environ.items()) if k.startswith("OPENBLAS_"))
    return info
