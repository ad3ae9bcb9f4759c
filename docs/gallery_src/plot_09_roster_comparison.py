"""
Against what? The Republic's last cabinet
=========================================

The Taliban cabinet of 7 September 2021 beside the cabinet it replaced, the Islamic Republic's as it
stood on 14 August 2021: each roster's known share of every ethnic group, and a bar up to the largest
share the unknown tags allow. The title states the largest known difference and what Fisher's exact
test says of it over every count the unknowns allow.
"""

import matplotlib.pyplot as plt

import cabinet
from cabinet import plots

table = cabinet.compare(["taliban-2021", "republic-2021"], by="ethnicity")
fig, ax = plt.subplots(figsize=(8, 5.5))
plots.plot_roster_comparison(table, ax=ax, caption=True)
plots.fit_height(fig, 3.4)  # the figure as tall as the chart's words plus 3.4 in of plot
