"""
A chart of your own roster
==========================

The plots draw any table of :func:`cabinet.representation`, including one computed on a roster
of another body. Here the invented nine-member council of the repository's
``examples/council.csv`` is set against the population of its districts. The chart reads counts,
bounds and probabilities from the table, so it shows the numbers of the table printed above it.
"""

import matplotlib.pyplot as plt

import cabinet
from cabinet import plots

# The gallery runs from docs/gallery_src; from the repository root the path is examples/council.csv.
council = cabinet.load_user_roster("../../examples/council.csv")
table = cabinet.representation(council, by="district",
                               baseline={"North": 0.45, "Centre": 0.35, "South": 0.20})
print(table[["group", "status", "count", "count_max", "baseline_share", "p_le_count"]].to_string(index=False))

fig, ax = plt.subplots(figsize=(8, 4))
plots.plot_region_gap(table, ax=ax, caption=True)
plots.fit_height(fig, 2.4)  # the figure as tall as the chart's words plus 2.4 in of plot
