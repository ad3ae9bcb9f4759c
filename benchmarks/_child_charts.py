"""Child process of the charts and report benchmarks (run as a script, so only what it imports is timed).

    python benchmarks/_child_charts.py setup CAPTURE_DIR -- CABINET_ARGS...
    python benchmarks/_child_charts.py floor CAPTURE_DIR OUT_DIR
    python benchmarks/_child_charts.py phases -- CABINET_ARGS...

``setup`` runs ``cabinet CABINET_ARGS`` (e.g. ``charts --out DIR`` or
``report --out FILE``) in process with :meth:`matplotlib.figure.Figure.savefig`
wrapped: just before each figure is saved, the wrapper pickles it into
CAPTURE_DIR with the format, the keyword arguments of the call, whether it went
to a file or a buffer, and the rc settings in force that differ from those at
the start of the process (the ``rc_context`` of the charts). It also writes
``capture.json``: the third-party modules loaded at the end of the run (every
module of ``sys.modules`` whose file lies in a ``site-packages`` folder,
cabinet excluded, in the order they were loaded) and, for ``report``, the page
the run wrote (copied to ``page.html``). Not timed.

``floor`` is the floor of the benchmark: it imports those modules, loads the
pickled figures and saves each one as it was saved (same format, dpi, keyword
arguments and rc settings; to a file in OUT_DIR or to a fresh buffer), then
writes the captured page, if any, to OUT_DIR. It prints the time of its steps.

``phases`` runs the same command in process with timers around the steps,
for the breakdown: imports (``cabinet.cli``, ``cabinet.report.charts`` and
matplotlib's Figure and Agg canvas), analysis tables (``cabinet.report.charts.chart_tables``
or ``cabinet.report.page._inputs``; scipy is imported lazily there), building the
figures (``cabinet.report.charts.draw``), saving them (``Figure.savefig``) and the
rest (for the report: making the SVG fit the page, the template, writing).
"""

import io
import json
import os
import pickle
import sys
import time

START = time.perf_counter()


def _make_function(code, globals_, name, defaults, kwdefaults, closure):
    """Rebuild a function pickled by value (see :class:`_Pickler`)."""
    import builtins
    import marshal
    import types

    globals_ = dict(globals_)
    globals_.setdefault("__builtins__", builtins)
    cells = None if closure is None else tuple(types.CellType(v) for v in closure)
    f = types.FunctionType(marshal.loads(code), globals_, name, defaults, cells)
    f.__kwdefaults__ = kwdefaults
    return f


def _import(name):
    import importlib

    return importlib.import_module(name)


def _names(code):
    out = set(code.co_names)
    for c in code.co_consts:
        if hasattr(c, "co_names"):
            out |= _names(c)
    return out


class _Pickler(pickle.Pickler):
    """Pickles the package's own functions (closures and lambdas the charts hold, e.g. coordinate
    functions of captions) by value, with only the globals they use, so loading the figures needs no
    ``import cabinet``; modules are pickled as their names."""

    def reducer_override(self, obj):
        import marshal
        import types

        if isinstance(obj, types.ModuleType):
            return _import, (obj.__name__,)
        if isinstance(obj, types.FunctionType) and (
                "<locals>" in obj.__qualname__ or "<lambda>" in obj.__qualname__
                or str(getattr(obj, "__module__", "")).split(".")[0] == "cabinet"):
            used = {k: obj.__globals__[k] for k in _names(obj.__code__) if k in obj.__globals__}
            closure = None if obj.__closure__ is None else tuple(c.cell_contents for c in obj.__closure__)
            return _make_function, (marshal.dumps(obj.__code__), used, obj.__name__, obj.__defaults__,
                                    obj.__kwdefaults__, closure)
        return NotImplemented


def _dumps(obj) -> bytes:
    buf = io.BytesIO()
    _Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL).dump(obj)
    return buf.getvalue()


def _third_party():
    """Modules loaded from site-packages (cabinet excluded), in load order."""
    out = []
    for name, mod in list(sys.modules.items()):
        path = getattr(mod, "__file__", None) or ""
        if "site-packages" not in path and "dist-packages" not in path:
            continue
        if name.split(".")[0] in ("cabinet", "_virtualenv", "__editable__"):
            continue
        if name.split(".")[0].startswith("__editable__"):
            continue
        out.append(name)
    return out


def setup(capture_dir, cli_args):
    import matplotlib
    from matplotlib.figure import Figure

    rc_start = dict(matplotlib.rcParams)
    original = Figure.savefig
    count = [0]

    def recording_savefig(self, fname, *args, **kwargs):
        rc_now = dict(matplotlib.rcParams)
        rc = {k: v for k, v in rc_now.items() if rc_start.get(k) != v}
        fmt = kwargs.get("format")
        to_file = isinstance(fname, (str, os.PathLike))
        if fmt is None and to_file:
            fmt = os.path.splitext(os.fspath(fname))[1].lstrip(".") or None
        base = os.path.basename(os.fspath(fname)) if to_file else f"buffer{count[0]:02d}.{fmt}"
        # atomic writes save to a temporary name: keep the name of the file it becomes
        record = {"figure": _dumps(self), "args": args, "kwargs": kwargs, "format": fmt,
                  "to_file": to_file, "name": base, "rc": rc}
        with open(os.path.join(capture_dir, f"fig{count[0]:02d}.pickle"), "wb") as fh:
            pickle.dump(record, fh)
        count[0] += 1
        return original(self, fname, *args, **kwargs)

    Figure.savefig = recording_savefig
    from cabinet.cli import main

    out = io.StringIO()
    status = main(cli_args, out=out, err=sys.stderr)
    if status != 0:
        raise SystemExit(f"cabinet {' '.join(cli_args)} exited with {status}")
    info = {"modules": _third_party(), "figures": count[0], "page": None}
    if cli_args[0] == "report":
        page = cli_args[cli_args.index("--out") + 1]
        with open(page, encoding="utf-8") as src, open(os.path.join(capture_dir, "page.html"), "w",
                                                         encoding="utf-8", newline="\n") as dst:
            dst.write(src.read())
        info["page"] = "page.html"
    with open(os.path.join(capture_dir, "capture.json"), "w", encoding="utf-8") as fh:
        json.dump(info, fh)
    print(json.dumps({"figures": count[0], "modules": len(info["modules"]),
                      "top_level": sorted({m.split(".")[0] for m in info["modules"]})}))


def floor(capture_dir, out_dir):
    import importlib

    with open(os.path.join(capture_dir, "capture.json"), encoding="utf-8") as fh:
        info = json.load(fh)
    failed = []
    for name in info["modules"]:
        try:
            importlib.import_module(name)
        except Exception:  # a module only importable from inside its package's own import
            failed.append(name)
    import matplotlib

    t_import = time.perf_counter()
    records = []
    for i in range(info["figures"]):
        with open(os.path.join(capture_dir, f"fig{i:02d}.pickle"), "rb") as fh:
            record = pickle.load(fh)
        record["figure"] = pickle.loads(record["figure"])
        records.append(record)
    t_load = time.perf_counter()
    for r in records:
        target = os.path.join(out_dir, r["name"]) if r["to_file"] else io.BytesIO()
        with matplotlib.rc_context(r["rc"]):
            r["figure"].savefig(target, *r["args"], **r["kwargs"])
    t_save = time.perf_counter()
    own = sorted(m for m in sys.modules if m.split(".")[0] == "cabinet")
    if info["page"]:
        with open(os.path.join(capture_dir, info["page"]), encoding="utf-8") as fh:
            text = fh.read()
        with open(os.path.join(out_dir, "report.html"), "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    t_end = time.perf_counter()
    print(json.dumps({"imports": t_import - START, "load": t_load - t_import, "save": t_save - t_load,
                      "page": t_end - t_save, "failed_imports": failed, "cabinet_modules": own}))


def phases(cli_args):
    import matplotlib.figure
    from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: F401

    import cabinet.report.charts
    import cabinet.cli.commands

    t_import = time.perf_counter()
    spent = {"tables": 0.0, "build": 0.0, "save": 0.0}

    def timed(owner, attr, key):
        original = getattr(owner, attr)

        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                spent[key] += time.perf_counter() - start

        setattr(owner, attr, wrapper)

    timed(cabinet.report.charts, "draw", "build")
    timed(matplotlib.figure.Figure, "savefig", "save")
    if cli_args[0] == "report":  # the page's inputs hold its charts' tables: timed once, as a whole
        import cabinet.report.page

        timed(cabinet.report.page, "_inputs", "tables")
    else:
        timed(cabinet.report.charts, "chart_tables", "tables")
    status = cabinet.cli.commands.main(cli_args, out=io.StringIO(), err=sys.stderr)
    if status != 0:
        raise SystemExit(f"cabinet {' '.join(cli_args)} exited with {status}")
    total = time.perf_counter() - t_import
    print(json.dumps({"imports": t_import - START, **spent,
                      "other": total - spent["tables"] - spent["build"] - spent["save"]}))


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "setup":
        setup(sys.argv[2], sys.argv[sys.argv.index("--") + 1:])
    elif mode == "floor":
        floor(sys.argv[2], sys.argv[3])
    elif mode == "phases":
        phases(sys.argv[sys.argv.index("--") + 1:])
    else:
        raise SystemExit(f"unknown mode {mode!r}; allowed: setup, floor, phases")
