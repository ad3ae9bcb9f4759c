"""
Every chart of the registry
===========================

The charts ``cabinet charts`` writes and ``cabinet report`` shows are the entries of one registry,
:data:`cabinet.report.CHARTS`: each names the function that draws it, the table it draws, the kinds
of roster it applies to, the height of its plot and its caption. This page draws every chart of the Taliban
cabinet of 7 September 2021 from that registry, each from its table built once, as the files and
the report do; a chart added with :func:`cabinet.report.charts.register_chart` appears here too.
"""

import matplotlib.pyplot as plt

from cabinet.plots import fit_height
from cabinet.report.charts import WIDTH, analysis, chart_tables, charts_for

charts = charts_for("taliban")
tables = chart_tables(analysis(), charts)
for chart in charts:
    # the chart lays out its own header and footer; the figure is made as tall as they and the plot need
    fig = plt.figure(figsize=(WIDTH, 5.0))
    chart.plot(tables[chart.name], ax=fig.add_subplot(), caption=True)
    fit_height(fig, chart.body[0])
    print(f"{chart.name}: {chart.caption['taliban']}")
