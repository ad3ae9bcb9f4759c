"""Run the benchmarks of issues 7 and 16 and print every figure as a ratio against a baseline of the same run.

Usage (from the repository root)::

    .venv/bin/python -m benchmarks            # full run (25 minutes on a shared 2-core machine)
    .venv/bin/python -m benchmarks --quick    # fewer repetitions, validation up to 10^5 rows
    .venv/bin/python -m benchmarks --suite    # also time the whole test suite (slow)
    .venv/bin/python -m benchmarks --no-fail  # report only; exit 0 even if a target is missed
    .venv/bin/python -m benchmarks --only import,null   # a subset

Exit status: 0 when every target is met (or ``--no-fail``), 1 when one is missed.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import traceback

from . import (bench_charts, bench_cold, bench_estimates, bench_import, bench_null, bench_report,
               bench_representation, bench_suite, bench_validation)
from ._common import Result, ensure_bytecode, machine

#: Figure name (for ``--only``) -> module with ``run(quick) -> list[Result]``, in the order they run.
FIGURES = {
    "import": bench_import,
    "cold": bench_cold,
    "charts": bench_charts,
    "report": bench_report,
    "validation": bench_validation,
    "representation": bench_representation,
    "estimates": bench_estimates,
    "null": bench_null,
    "suite": bench_suite,
}


def markdown_table(results) -> str:
    lines = ["| figure | ours | baseline | ratio | target | met? |", "|---|---|---|---|---|---|"]
    for r in results:
        lines.append(f"| {r.figure} | {r.ours} | {r.baseline} | {r.ratio_text()} | {r.target_text()} | {r.met_text()} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions and a shorter loop reference")
    parser.add_argument("--suite", action="store_true", help="also time the whole test suite (slow)")
    parser.add_argument("--no-fail", action="store_true", help="exit 0 even when a target is missed")
    parser.add_argument("--only", default="", help="comma-separated subset of: " + ", ".join(FIGURES))
    parser.add_argument("--json", metavar="PATH", help="also write the results as JSON")
    args = parser.parse_args(argv)

    names = [n.strip() for n in args.only.split(",") if n.strip()] or [n for n in FIGURES if n != "suite"]
    unknown = [n for n in names if n not in FIGURES]
    if unknown:
        parser.error(f"unknown figure(s) {', '.join(unknown)}; allowed: {', '.join(FIGURES)}")
    if args.suite and "suite" not in names:
        names.append("suite")

    info = machine()
    info["bytecode"] = ensure_bytecode()
    print("machine: " + "; ".join(f"{k} {v}" for k, v in info.items()), flush=True)
    print("command: " + " ".join([sys.executable, "-m", "benchmarks", *(argv if argv is not None else sys.argv[1:])]),
          flush=True)
    results = []
    for name in names:
        start = time.perf_counter()
        print(f"\n== {name} ...", flush=True)
        try:
            got = FIGURES[name].run(quick=args.quick)
        except Exception:  # one broken figure must not lose the others: report it as missed
            traceback.print_exc()
            got = [Result(figure=f"{name}: the benchmark failed (traceback above)", ours="-", baseline="-",
                          ratio=None, target=None, failed=True)]
        for r in got:
            print(f"  {r.figure}: ours {r.ours}, baseline {r.baseline}, ratio {r.ratio_text()} "
                  f"(target {r.target_text()}): {r.met_text()}")
            for note in r.notes:
                print(f"      {note}")
        print(f"  ({time.perf_counter() - start:.0f} s)", flush=True)
        results.extend(got)

    print("\n" + markdown_table(results))
    missed = [r for r in results if r.met is False]
    print(f"\n{len(results) - len(missed)} of {len(results)} figures meet their target"
          + (f"; missed: {', '.join(r.figure for r in missed)}" if missed else ""))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump({"machine": info, "quick": args.quick,
                       "results": [{"figure": r.figure, "ours": r.ours, "baseline": r.baseline, "ratio": r.ratio,
                                    "target": r.target, "kind": r.kind, "met": r.met, "notes": r.notes}
                                   for r in results]}, fh, indent=2, ensure_ascii=False)
    return 1 if missed and not args.no_fail else 0


if __name__ == "__main__":
    raise SystemExit(main())
