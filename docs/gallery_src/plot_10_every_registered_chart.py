"""
Every chart of the registry
===========================

The charts ``cabinet charts`` writes and ``cabinet report`` shows are the entries of one registry,
:data:`cabinet.report.CHARTS`: each names the function that draws it, the table it draws, the kinds
of roster it applies to, its size and its caption. This page draws every chart of the Taliban
cabinet of 7 September 2021 from that registry, each from its table built once, as the files and
the report do; a chart added with :func:`cabinet.report.charts.register_chart` appears here too.
"""

import matplotlib.pyplot as plt

from cabinet.report.charts import analysis, chart_tables, charts_for

charts = charts_for("taliban")
tables = chart_tables(analysis(), charts)
for chart in charts:
    fig = plt.figure(figsize=chart.size, layout="constrained")
    chart.plot(tables[chart.name], ax=fig.add_subplot(), caption=True)
    print(f"{chart.name}: {chart.caption['taliban']}")
