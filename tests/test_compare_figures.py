"""The figures of issue 24's comparison, index and clustering items, as README, notebooks and docs quote them.

Each number in the README's paragraph "How sure, and against what" is recomputed here from the package.
"""

import re
from pathlib import Path

import pytest

import cabinet

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _paragraph() -> str:
    match = re.search(r"\*\*How sure, and against what\.\*\*(.*?)\n\n", README, re.S)
    assert match, "the README paragraph on clustering, indices and the Republic is missing"
    return " ".join(match.group(1).split())


def test_readme_clustering_figures():
    text = _paragraph()
    h = cabinet.headline_sensitivity(icc=(0, 0.05, 0.1))
    p = {gap: rows.set_index("icc")["p_le_count"] for gap, rows in h.groupby("gap", sort=False)}
    west, hazarajat, helmand = (p[g] for g in h["gap"].unique())
    assert f"from {west[0.0]:.4f} to {west[0.05]:.3f} and {west[0.1]:.3f}" in text
    assert f"Hazarajat from {hazarajat[0.0]:.3f} to {hazarajat[0.05]:.3f} and {hazarajat[0.1]:.3f}" in text
    assert f"networks from {helmand[0.0]:.3f} to {helmand[0.05]:.3f} and {helmand[0.1]:.3f}" in text
    counts = h.groupby("gap", sort=False)["count"].first()
    assert (counts == 0).all() and "(0 of 33)" in text


def test_readme_index_figures():
    text = _paragraph()
    t = cabinet.disproportionality(by="region").set_index("index")  # the defaults: 100,000 draws, seed 0
    lh = t.loc["loosemore_hanby"]
    assert f"lies between {lh['observed_min']:.3f} and {lh['observed_max']:.3f}" in text
    assert f"({lh['observed_complete']:.3f} on the {int(lh['n_known'])} appointees of known region alone)" in text
    assert lh["p_method"] == "monte_carlo" and lh["p_min"] < 0.0001
    assert f"p from below 0.0001 to {lh['p_max']:.2f}" in text
    # quoted to two decimals: the Monte Carlo error cannot move the second decimal by more than one
    assert lh["p_max_se"] < 0.005


def test_readme_republic_figures():
    text = _paragraph()
    t = cabinet.compare(["taliban-2021", "republic-2021"], by="ethnicity")
    unknown = t[t["status"] == "unknown"].iloc[0]
    assert f"unknown for {int(unknown['count_b'])} of its {int(unknown['n_b'])} members" in text
    assert not (t["holds"] == "yes").any()
    assert "no ethnic group's share differs beyond chance after Holm's adjustment" in text


@pytest.mark.parametrize("name", ["08_compared_with_the_republic.ipynb", "06_the_commentarys_claims.ipynb"])
def test_notebook_prose_types_no_figure_of_these_items(name):
    """The notebooks print these figures from code: their markdown quotes none of them."""
    import json

    nb = json.loads((ROOT / "notebooks" / name).read_text(encoding="utf-8"))
    prose = " ".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    for figure in ("0.0014", "0.024", "0.067", "0.338", "0.529", "0.628", "0.401", "0.513", "0.232", "0.466"):
        assert figure not in prose, figure
