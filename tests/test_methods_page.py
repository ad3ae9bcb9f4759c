"""The methods page a referee reads: every topic issue 24 asks for is there, with its reference."""

from pathlib import Path

import pytest

PAGE = (Path(__file__).resolve().parent.parent / "docs" / "guide" / "methods.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("heading,reference", [
    ("## The null model is a benchmark", "not a model of how appointments are made"),
    ("## Exact tests and intervals", "Clopper and Pearson"),
    ("## Families adjusted", "Holm"),
    ("## Unknown and disputed tags: bounds", "Manski"),
    ("## Comparing rosters", "Tarone"),
    ("## The movement's yardstick", "Meng"),
    ("## Clustered appointment", "Skellam"),
    ("## Claims under stated assumptions", "Jeffreys"),
    ("## Position weights", "Nyrup and Bramwell"),
])
def test_the_methods_page_covers_each_topic_with_its_reference(heading, reference):
    assert heading in PAGE
    section = PAGE.split(heading, 1)[1].split("\n## ", 1)[0]
    assert reference in section
    # every author-year cited in a section is in the reference list
    assert reference.split()[0] in PAGE.split("## References", 1)[1]


def test_the_methods_page_types_no_figure_of_the_data():
    """The page gives rules; the figures come from the code (notebooks, command line), not typed here."""
    import re
    body = PAGE.split("## References", 1)[0]
    body = re.sub(r"`[^`]*`", "", body)                      # code spans
    body = re.sub(r"\b(1[89]\d\d|20\d\d)\b", "", body)        # years of the references
    body = re.sub(r"\b\d+ September\b", "", body)           # the date of the list
    numbers = re.findall(r"\d+(?:\.\d+)?", body)
    # formulas ((1 - p)^n, (k + 1)/(n + 1), Beta(1/2, 1/2), 2x2), notebook 6, and the icc settings 0.05 and 0.1
    allowed = {"0", "1", "2", "6", "0.05", "0.1"}
    assert set(numbers) <= allowed, set(numbers) - allowed
