"""
The visual language: one colour per entity
==========================================

Every chart and both report pages take their colours from one table, :mod:`cabinet.palette`: each
roster, yardstick, region, ethnic group, network and party has one colour wherever it appears, and
the colours of a family stay apart for readers with a colour-vision deficiency (the test suite
simulates deuteranopia, protanopia and tritanopia). The report pages read the same table as CSS
variables (:func:`cabinet.palette.css_variables`).
"""

import matplotlib.pyplot as plt

from cabinet import palette

families = [f for f in palette.FAMILIES if f != "region"] + ["region"]
fig, axes = plt.subplots(1, 2, figsize=(9, 7.5))
for ax, group in zip(axes, (families[:4], families[4:])):
    y = 0
    for family in group:
        ax.text(0, y, family.capitalize(), fontsize=10, fontweight="bold", va="center")
        y -= 1
        for key, entity in palette.ENTITIES[family].items():
            ax.add_patch(plt.Rectangle((0, y - 0.35), 0.7, 0.7, facecolor=entity.colour, edgecolor="#BDBDBD",
                                       linewidth=0.5))
            ax.text(1.0, y, f"{entity.short or entity.label}  {entity.colour}", fontsize=8.5, va="center")
            y -= 0.85
        y -= 0.4
    ax.set_xlim(0, 9)
    ax.set_ylim(y, 1)
    ax.set_axis_off()
fig.suptitle("One colour per entity, in every chart and page", x=0.02, ha="left", fontweight="bold")
