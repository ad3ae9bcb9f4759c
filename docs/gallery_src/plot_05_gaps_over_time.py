"""
The named gaps after September
==============================

Known and possible counts for the west and southwest, the Hazarajat and the Helmandi networks
as the later appointments of 2021 are added, one step per announcement.
"""

import matplotlib.pyplot as plt

from cabinet import plots

fig, ax = plt.subplots(figsize=(8, 5))
plots.plot_gaps_over_time(ax=ax, caption=True)
fig.tight_layout()
