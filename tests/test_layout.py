"""The package's layout: a folder per layer, data flowing one way, no import cycle, internals kept inside (issues 14, 25).

Layers, from the bottom: the shared helpers (errors, tags, _format, _spelling, _docstrings), ``io/`` (reading and
checking), ``rosters/`` (every roster the package builds), the analysis (the modules at the top level), ``plots/``,
``report/`` and ``cli/``. A module imports only from its own layer or below. Modules are sized by topic, not by a
line count.
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "cabinet"

def _modules():
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def _imports(modules, *, top_level_only):
    """Edges module -> module of the package's own relative and absolute imports."""
    graph = {m: set() for m in modules}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        nodes = tree.body if top_level_only else list(ast.walk(tree))
        for node in nodes:
            if not isinstance(node, ast.ImportFrom):
                continue
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            subs = [f"{target}.{a.name}" for a in node.names if f"{target}.{a.name}" in modules]
            for t in subs or [target]:
                if t in modules and t != name:
                    graph[name].add(t)
    return graph


def _cycle(graph):
    """One import cycle as a list of modules, or None."""
    state = {}

    def visit(node, path):
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                return path[path.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt, path + [nxt])
                if found:
                    return found
        state[node] = "done"
        return None

    for start in sorted(graph):
        if start not in state:
            found = visit(start, [start])
            if found:
                return found
    return None


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


@pytest.mark.parametrize("top_level_only", [True, False], ids=["module-level", "with-function-level"])
def test_no_import_cycles(top_level_only):
    """Not even through the imports deferred into functions (which hide a cycle rather than remove it)."""
    graph = _imports(_modules(), top_level_only=top_level_only)
    assert _cycle(graph) is None, " -> ".join(_cycle(graph))


BOTTOM = {"cabinet.errors", "cabinet.tags", "cabinet._format", "cabinet._spelling", "cabinet._docstrings"}
LAYERS = ("bottom", "io", "rosters", "analysis", "plots", "report", "cli")


def _layer(module: str) -> str:
    if module in BOTTOM:
        return "bottom"
    parts = module.split(".")
    if len(parts) > 2 or (len(parts) == 2 and parts[1] in LAYERS):
        return parts[1] if parts[1] in LAYERS else "analysis"
    return "analysis"


def test_layers_are_named_from_the_folders():
    assert [_layer(m) for m in ("cabinet.tags", "cabinet.io.loaders", "cabinet.rosters", "cabinet.gaps",
                                "cabinet.plots._style", "cabinet.report.charts", "cabinet.cli.options")] == list(LAYERS)


def test_data_flows_one_way():
    """A module imports only from its own layer or a lower one (the package's own __init__, the API, aside)."""
    graph = _imports(_modules(), top_level_only=False)
    upward = sorted((m, t) for m, targets in graph.items() if m != "cabinet" for t in targets
                    if t != "cabinet" and LAYERS.index(_layer(t)) > LAYERS.index(_layer(m)))
    assert not upward, upward


def _private_imports() -> int:
    """The count of shared/hooks/before-stop: underscore names imported from another module or folder."""
    n = 0
    for path in PACKAGE.rglob("*.py"):
        cur = path.relative_to(PACKAGE.parent).with_suffix("").parts
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level and node.module:
                same_folder = node.level == 1 and len(cur) > 2
                n += sum(1 for a in node.names if a.name.startswith("_") and not a.name.startswith("__")
                         and not same_folder)
    return n


def test_private_names_stay_in_their_module_or_folder():
    assert _private_imports() < 40


def _deferred_imports():
    """Every import of the package's own modules, as (module, line, deferred into a function, reason comment)."""
    out = []
    for name, path in _modules().items():
        lines = path.read_text(encoding="utf-8").splitlines()
        tree = ast.parse("\n".join(lines))
        top = set()
        for node in tree.body:
            top.update(id(n) for n in ast.walk(node)) if isinstance(node, (ast.If, ast.Try)) else top.add(id(node))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level:
                before = lines[node.lineno - 2].strip() if node.lineno > 1 else ""
                reason = before.startswith("#") or "#" in lines[node.lineno - 1]
                out.append((name, node.lineno, id(node) not in top, reason))
    return out


def test_few_imports_are_deferred_and_each_says_why():
    """Own-package imports inside functions: under 20 %, each with the cold start that needs it in a comment."""
    found = _deferred_imports()
    deferred = [f for f in found if f[2]]
    assert len(deferred) < 0.2 * len(found), f"{len(deferred)} of {len(found)} own imports are deferred"
    silent = [(m, line) for m, line, _, reason in deferred if not reason]
    assert not silent, f"deferred imports without a comment saying why: {silent}"


def test_the_republic_is_named_in_at_most_three_modules():
    """A roster of another kind is an entry of the registries, not a special case spread through the package."""
    naming = [n for n, p in _modules().items() if "republic" in p.read_text(encoding="utf-8").lower()]
    assert len(naming) <= 3, naming
