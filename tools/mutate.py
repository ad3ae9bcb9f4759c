"""Mutation testing of the statistics and counting modules: does a deliberate bug fail a test?

Run outside CI, from the repository root, with the project's virtualenv::

    python tools/mutate.py                                   # every module, its tests
    nice -n 10 python tools/mutate.py --every 8 --jobs 1 --equivalent benchmarks/mutation_equivalent.txt
                                                             # the sample docs/guide/testing.md reports
    python tools/mutate.py cabinet/exact_tests.py --limit 20 # one module, the first 20 mutants
    python tools/mutate.py --list                            # the mutants, without running them

Each mutant changes one thing in one module, the kinds of bug a test should catch:

- a comparison flipped (``<`` and ``<=``, ``>`` and ``>=``, ``==`` and ``!=``, ``in`` and ``not in``);
- ``min`` and ``max`` swapped;
- a whole-number constant moved by one (``0`` to ``1``, ``1`` to ``0`` and ``2``, ``k`` to ``k + 1``);
- ``and`` and ``or`` swapped.

For each mutant the module is rewritten in a scratch copy of the repository and the module's tests run there
(pytest, stopping at the first failure, in a process forked from one that has imported numpy, pandas, scipy,
statsmodels and matplotlib once; the property tests draw fewer examples, under the hypothesis profile
``mutation``); the mutant is *killed* when a test fails, *survives* when all pass,
and *timed out* after ``--timeout`` seconds (counted as killed: the bug changed the output enough to hang).
A mutant whose module cannot be imported is killed too. The report lists the survivors with their line, so
that each can be read: a survivor is either a missing test or an equivalent mutant (one that changes no
output, e.g. ``<=`` for ``<`` where the two sides can never be equal); ``--equivalent FILE`` takes a list of
those, one ``module:line:description`` per line, and leaves them out of the score.

The mutants are generated in a fixed order, so two runs test the same mutants; the report is written to
``--out`` (default ``benchmarks/mutation_report.txt``).
"""

from __future__ import annotations

import argparse
import ast
import itertools
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: The modules mutated, and the tests that speak for each (the fastest first: pytest stops at the first failure).
#: The statistics and counting modules: counts, exact tests and p-values, bounds, estimates and predictive
#: probabilities, claims, comparisons of rosters, the disproportionality indices with their ranges and nulls,
#: the movement's yardstick and the clustering sensitivity.
TARGETS = {
    "cabinet/exact_tests.py": ["tests/test_exact_tests.py", "tests/test_representation.py"],
    "cabinet/representation.py": ["tests/test_exact_tests.py", "tests/test_counting.py", "tests/test_plural.py",
                                  "tests/test_representation.py"],
    "cabinet/group_counts.py": ["tests/test_counting.py", "tests/test_exact_tests.py", "tests/test_plural.py"],
    "cabinet/gaps.py": ["tests/test_exact_tests.py", "tests/test_gaps_and_claims.py", "tests/test_plural.py"],
    "cabinet/claims.py": ["tests/test_gaps_and_claims.py", "tests/test_claims_text.py"],
    "cabinet/claim_likelihood.py": ["tests/test_claim_probabilities.py"],
    "cabinet/assumptions.py": ["tests/test_open_tags.py", "tests/test_assumptions.py"],
    "cabinet/predictive.py": ["tests/test_open_tags.py", "tests/test_claim_probabilities.py"],
    "cabinet/priors.py": ["tests/test_open_tags.py"],
    "cabinet/open_model.py": ["tests/test_open_tags.py"],
    "cabinet/comparison.py": ["tests/test_comparison.py"],
    "cabinet/table_tests.py": ["tests/test_comparison.py"],
    "cabinet/indices.py": ["tests/test_indices.py"],
    "cabinet/index_ranges.py": ["tests/test_indices.py"],
    "cabinet/null_distributions.py": ["tests/test_indices.py"],
    "cabinet/disproportionality.py": ["tests/test_indices.py"],
    "cabinet/movement_baselines.py": ["tests/rosters/test_movement.py", "tests/test_exact_tests.py"],
    "cabinet/yardsticks.py": ["tests/test_open_tags.py", "tests/rosters/test_movement.py"],
    "cabinet/clustering.py": ["tests/test_clustering.py"],
}

_FLIP = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq, ast.NotEq: ast.Eq,
         ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is}


def _docstring_nodes(tree) -> set:
    """Constant nodes that are docstrings (never mutated)."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
    return out


def mutants(source: str) -> list[tuple[int, str, object]]:
    """``(line, description, how)`` for every mutant of a module, in source order."""
    tree = ast.parse(source)
    skip = _docstring_nodes(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            for i, op in enumerate(node.ops):
                if type(op) in _FLIP:
                    new = _FLIP[type(op)].__name__
                    found.append((node.lineno, node.col_offset, f"{type(op).__name__} -> {new}", ("cmp", i)))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("min", "max"):
            other = "max" if node.func.id == "min" else "min"
            found.append((node.lineno, node.col_offset, f"{node.func.id} -> {other}", ("call", other)))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in (
                "minimum", "maximum") and isinstance(node.func.value, ast.Name) and node.func.value.id == "np":
            other = "maximum" if node.func.attr == "minimum" else "minimum"
            found.append((node.lineno, node.col_offset, f"np.{node.func.attr} -> np.{other}", ("attr", other)))
        elif isinstance(node, ast.BoolOp):
            new = "or" if isinstance(node.op, ast.And) else "and"
            found.append((node.lineno, node.col_offset, f"{type(node.op).__name__.lower()} -> {new}", ("bool",)))
        elif (isinstance(node, ast.Constant) and type(node.value) is int and id(node) not in skip
              and abs(node.value) < 10_000):
            for value in ([1] if node.value == 0 else [0, 2] if node.value == 1 else [node.value + 1]):
                found.append((node.lineno, node.col_offset, f"{node.value} -> {value}", ("const", value)))
    found.sort(key=lambda x: (x[0], x[1], x[2]))
    return [(line, f"col {col}: {desc}", (line, col, desc, how)) for line, col, desc, how in found]


class _Apply(ast.NodeTransformer):
    def __init__(self, line, col, desc, how):
        self.where, self.desc, self.how, self.done = (line, col), desc, how, False

    def _here(self, node):
        return not self.done and (node.lineno, node.col_offset) == self.where

    def visit_Compare(self, node):
        self.generic_visit(node)
        if self._here(node) and self.how[0] == "cmp":
            i = self.how[1]
            node.ops[i] = _FLIP[type(node.ops[i])]()
            self.done = True
        return node

    def visit_Call(self, node):
        self.generic_visit(node)
        if self._here(node) and self.how[0] == "call":
            node.func = ast.Name(id=self.how[1], ctx=ast.Load())
            self.done = True
        elif self._here(node) and self.how[0] == "attr":
            node.func.attr = self.how[1]
            self.done = True
        return node

    def visit_BoolOp(self, node):
        self.generic_visit(node)
        if self._here(node) and self.how[0] == "bool":
            node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
            self.done = True
        return node

    def visit_Constant(self, node):
        if self._here(node) and self.how[0] == "const" and type(node.value) is int:
            self.done = True
            return ast.copy_location(ast.Constant(self.how[1]), node)
        return node


def apply(source: str, spec) -> str:
    line, col, desc, how = spec
    tree = ast.parse(source)
    t = _Apply(line, col, desc, how)
    tree = t.visit(tree)
    if not t.done:
        raise RuntimeError(f"mutant not applied: line {line} {desc}")
    return ast.unparse(ast.fix_missing_locations(tree))


def _scratch() -> Path:
    """A copy of the repository (package, data, tests, the docs some tests read, configuration) to mutate without
    touching the work tree."""
    tmp = Path(tempfile.mkdtemp(prefix="cabinet-mutants-"))
    for name in ("cabinet", "data", "tests", "docs", "conftest.py", "pyproject.toml", "README.md"):
        src = ROOT / name
        if not src.exists():
            continue
        if src.is_dir():
            shutil.copytree(src, tmp / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(src, tmp / name)
    return tmp


def _preload() -> None:
    """Import the heavy libraries once, in the parent: each mutant's run forks from here and imports only cabinet."""
    import hypothesis  # noqa: F401
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot  # noqa: F401
    import numpy  # noqa: F401
    import pandas  # noqa: F401
    import pytest  # noqa: F401
    import scipy.stats  # noqa: F401
    import seaborn  # noqa: F401
    import statsmodels.stats.multitest  # noqa: F401
    import statsmodels.stats.proportion  # noqa: F401


def _fork_tests(scratch: Path, tests: list[str]) -> int:
    """Fork a child that runs ``tests`` in ``scratch`` (pytest, stopping at the first failure); its pid."""
    pid = os.fork()
    if pid == 0:  # the child: the scratch copy first on the path
        code = 1
        try:
            os.chdir(scratch)
            sys.path.insert(0, str(scratch))
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            import pytest

            code = pytest.main(["-x", "-q", "-p", "no:cacheprovider", "-p", "no:nbmake", "-o", "addopts=",
                                "-m", "not docs", *tests])
        finally:
            os._exit(int(code))
    return pid


def run(jobs: list[tuple[str, int, str, object]], scratches: list[Path], timeout: float) -> list[tuple]:
    """Run every mutant ``(module, line, description, spec)``, one per scratch copy at a time; the results."""
    originals = {m: (ROOT / m).read_text(encoding="utf-8") for m in dict.fromkeys(j[0] for j in jobs)}
    free = list(scratches)
    running: dict[int, tuple] = {}
    results = []
    queue = list(jobs)
    try:
        while queue or running:
            while queue and free:
                module, line, desc, spec = queue.pop(0)
                scratch = free.pop()
                for m, text in originals.items():  # only this mutant in this copy
                    (scratch / m).write_text(text, encoding="utf-8")
                (scratch / module).write_text(apply(originals[module], spec), encoding="utf-8")
                pid = _fork_tests(scratch, TARGETS[module])
                running[pid] = (module, line, desc, scratch, time.monotonic())
            time.sleep(0.2)
            for pid, (module, line, desc, scratch, start) in list(running.items()):
                done, status = os.waitpid(pid, os.WNOHANG)
                if not done and time.monotonic() - start > timeout:
                    os.kill(pid, 9)
                    os.waitpid(pid, 0)
                    state = "timeout"
                elif not done:
                    continue
                else:
                    state = "survived" if os.waitstatus_to_exitcode(status) == 0 else "killed"
                del running[pid]
                free.append(scratch)
                results.append((module, line, desc, state, time.monotonic() - start))
                print(f"{state:8s} {module}:{line}:{desc} ({time.monotonic() - start:.0f} s)", flush=True)
    finally:
        for pid in running:
            os.kill(pid, 9)
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", help="modules to mutate (default: every module of TARGETS)")
    parser.add_argument("--limit", type=int, default=None, help="at most this many mutants per module")
    parser.add_argument("--lines", default=None, help="only mutants on these lines, e.g. 120-180")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per mutant (default 600)")
    parser.add_argument("--list", action="store_true", help="list the mutants and stop")
    parser.add_argument("--equivalent", default=None, help="file of module:line:description of equivalent mutants")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "mutation_report.txt"))
    parser.add_argument("--every", type=int, default=1, help="test every k-th mutant (and every min/max swap)")
    parser.add_argument("--jobs", type=int, default=1, help="mutants run at once, each in its own copy")
    parser.add_argument("--only", default=None, help="file of module:line:description: run only these")
    args = parser.parse_args(argv)
    modules = args.modules or list(TARGETS)
    equivalent = set()
    if args.equivalent:
        for raw in Path(args.equivalent).read_text(encoding="utf-8").splitlines():
            if raw.strip() and not raw.startswith("#"):
                equivalent.add(raw.split(" #")[0].strip())
    only = None
    if args.only:
        only = {raw.strip() for raw in Path(args.only).read_text(encoding="utf-8").splitlines() if raw.strip()}
    jobs = []
    for module in modules:
        specs = mutants((ROOT / module).read_text(encoding="utf-8"))
        if args.lines:
            a, b = (int(x) for x in args.lines.split("-"))
            specs = [s for s in specs if a <= s[0] <= b]
        # a systematic sample: every k-th mutant, and every swap of min and max (the bug issue 24 names)
        specs = [s for i, s in enumerate(specs) if i % args.every == 0 or "min ->" in s[1] or "max ->" in s[1]]
        if args.limit is not None:
            specs = specs[:args.limit]
        specs = [s for s in specs if only is None or f"{module}:{s[0]}:{s[1]}" in only]
        jobs += [(module, line, desc, spec) for line, desc, spec in specs]
    # modules in turn (round robin), so that a run stopped early has tested every module alike
    by_module = {m: [j for j in jobs if j[0] == m] for m in modules}
    jobs = [j for group in itertools.zip_longest(*by_module.values()) for j in group if j is not None]
    if args.list:
        for module, line, desc, _ in jobs:
            print(f"{module}:{line}:{desc}")
        return 0
    scratches = [_scratch() for _ in range(args.jobs)]
    os.environ.update(HYPOTHESIS_PROFILE="mutation", PYTHONDONTWRITEBYTECODE="1", MPLBACKEND="Agg")
    _preload()
    try:
        # the tests must pass on the unmutated code in a scratch copy, or every mutant would count as killed
        tests = list(dict.fromkeys(t for m in dict.fromkeys(j[0] for j in jobs) for t in TARGETS[m]))
        _, status = os.waitpid(_fork_tests(scratches[0], tests), 0)
        if os.waitstatus_to_exitcode(status) != 0:
            print(f"the tests fail on the unmutated code in {scratches[0]}: {' '.join(tests)}", file=sys.stderr)
            return 1
        print(f"unmutated: {len(tests)} test files pass", flush=True)
        results = run(jobs, scratches, args.timeout)
    finally:
        for scratch in scratches:
            shutil.rmtree(scratch, ignore_errors=True)
    counted = [r for r in results if f"{r[0]}:{r[1]}:{r[2]}" not in equivalent]
    killed = sum(r[3] != "survived" for r in counted)
    lines = [f"mutants: {len(results)}; equivalent (left out): {len(results) - len(counted)}; "
             f"killed: {killed} of {len(counted)} ({100 * killed / max(1, len(counted)):.1f} %)"]
    for module in modules:
        mine = [r for r in counted if r[0] == module]
        if mine:
            k = sum(r[3] != "survived" for r in mine)
            lines.append(f"  {module}: {k} of {len(mine)} killed")
    lines.append("survivors:")
    lines += [f"  {r[0]}:{r[1]}:{r[2]}" for r in counted if r[3] == "survived"]
    text = "\n".join(lines) + "\n"
    Path(args.out).write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
