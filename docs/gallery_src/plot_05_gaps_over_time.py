"""
The named gaps after September
==============================

Known and possible counts for the west and southwest, the Hazarajat, the Helmandi networks and the
non-Pashtun appointees from 7 September 2021 to the latest date in the data, one step per date on
which the government changed (an appointment announced or a post left).
"""

import matplotlib.pyplot as plt

from cabinet import plots

fig, ax = plt.subplots(figsize=(8, 5))
plots.plot_gaps_over_time(ax=ax, caption=True)
plots.fit_height(fig, 3.6)  # the figure as tall as the chart's words plus 3.6 in of plot
