"""Child process of the charts benchmark (run as a script, so only what it imports is timed).

    python benchmarks/_child_charts.py ours OUT_DIR
    python benchmarks/_child_charts.py phases OUT_DIR
    python benchmarks/_child_charts.py bare OUT_DIR SPEC_JSON

``ours`` writes every chart of ``cabinet charts`` as png with
:func:`cabinet.charts.write_charts` and prints the plotting and statistics
libraries it found loaded. ``phases`` does what ``write_charts`` does step by
step and prints the time of each step (imports, analysis tables, drawing and
saving), for the breakdown in the output. ``bare`` imports the plotting
libraries the charts use (SPEC_JSON: ``{"modules": [...], "figures": [[name,
width, height], ...], "dpi": ...}``) plus numpy and pandas, and saves the same
number of simple figures (a line, a title, two axis labels) of the same
sizes, dpi and format; it prints the time of its two steps.
"""

import json
import sys
import time

START = time.perf_counter()


def _loaded():
    return sorted({m.split(".")[0] for m in sys.modules} & {"matplotlib", "seaborn", "scipy", "statsmodels"}
                  | ({"scipy.stats"} & set(sys.modules)))


def ours(out_dir):
    from cabinet.charts import write_charts

    write_charts(out_dir, formats=("png",))
    print(json.dumps({"modules": _loaded()}))


def phases(out_dir):
    import os

    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: F401
    from matplotlib.figure import Figure  # noqa: F401

    from cabinet import charts

    t_import = time.perf_counter()
    tables = charts._tables(None)
    t_tables = time.perf_counter()
    with matplotlib.rc_context(charts._RC):
        for name in charts.CHARTS:
            fig = charts._draw(name, tables[name])
            fig.savefig(os.path.join(out_dir, f"{name}.png"), format="png", dpi=charts._DPI,
                        metadata=dict(charts._METADATA["png"]), bbox_inches="tight", pad_inches=0.15)
    t_draw = time.perf_counter()
    print(json.dumps({"imports": t_import - START, "tables": t_tables - t_import, "draw_save": t_draw - t_tables,
                      "modules": _loaded()}))


def bare(out_dir, spec_json):
    import os

    spec = json.loads(spec_json)
    import numpy as np
    import pandas as pd  # noqa: F401  (imported on both sides)

    for name in spec["modules"]:
        __import__(name)
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    t_import = time.perf_counter()
    x = np.linspace(0, 1, 50)
    for i, (name, width, height) in enumerate(spec["figures"]):
        fig = Figure(figsize=(width, height), dpi=spec["dpi"])
        FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        ax.plot(x, x ** (i + 1))
        ax.set_title(f"figure {name}")
        ax.set_xlabel("x")
        ax.set_ylabel("y")
        fig.savefig(os.path.join(out_dir, f"{name}.png"), format="png", dpi=spec["dpi"])
    print(json.dumps({"imports": t_import - START, "draw_save": time.perf_counter() - t_import}))


if __name__ == "__main__":
    if sys.argv[1] == "ours":
        ours(sys.argv[2])
    elif sys.argv[1] == "phases":
        phases(sys.argv[2])
    else:
        bare(sys.argv[2], sys.argv[3])
