"""The package's layout: small modules, data flowing one way, no import cycles (issue 14)."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "cabinet"
LIMIT = 500


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


def test_data_flows_one_way():
    """Loaders never import the analysis, and the analysis never imports plots, the report or the CLI."""
    graph = _imports(_modules(), top_level_only=False)
    loaders = {"cabinet.loaders", "cabinet._tables", "cabinet.facts", "cabinet.reference_tables",
               "cabinet.user_files", "cabinet.validation", "cabinet.csv_files", "cabinet.wide_form", "cabinet.tags",
               "cabinet.datapackage"}
    outputs = {m for m in graph if m.startswith(("cabinet.plots", "cabinet.report", "cabinet.cli", "cabinet.charts"))}
    analysis = {"cabinet.representation", "cabinet.gaps", "cabinet.claims", "cabinet.assumptions",
                "cabinet.indices", "cabinet.null_distributions", "cabinet.baselines", "cabinet.exact_tests",
                "cabinet.group_counts", "cabinet.weights", "cabinet.disproportionality", "cabinet.timeline",
                "cabinet.index_ranges", "cabinet.clustering", "cabinet.table_tests", "cabinet.comparison"}
    for m in loaders:
        assert not graph[m] & (analysis | outputs), (m, graph[m] & (analysis | outputs))
    for m in analysis:
        assert not graph[m] & outputs, (m, graph[m] & outputs)


def test_no_module_over_500_lines_unless_it_says_why():
    long = {}
    for name, path in _modules().items():
        text = path.read_text(encoding="utf-8")
        n = text.count("\n")
        if n > LIMIT:
            doc = ast.get_docstring(ast.parse(text)) or ""
            if "500 lines" not in doc:
                long[name] = n
    assert not long, f"modules over {LIMIT} lines whose docstring does not say why: {long}"
