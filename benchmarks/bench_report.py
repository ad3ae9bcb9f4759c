"""Figure 2b: ``cabinet report`` against the same figures saved plus the page written (see :mod:`benchmarks.bench_charts`)."""

from __future__ import annotations

from ._common import Result
from .bench_charts import run_report


def run(quick: bool = False) -> list[Result]:
    return run_report(quick)
