"""No figure typed by hand in the prose of the notebooks about the claims (issue 24, item 12).

Notebook 7 once said that C3 held "about one time in four" while the package computed 0.105. The
notebooks on the claims, the assumptions and the movement's yardstick now print every figure from the
code; their prose may name dates, claim ids, notebooks and the size of the list (checked against the
data), and nothing else that is a number.
"""

import json
import re
from pathlib import Path

import pytest

import cabinet

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
ABOUT_CLAIMS = ["06_the_commentarys_claims.ipynb", "07_what_the_unknowns_most_likely_hold.ipynb",
                "09_against_the_movement.ipynb"]
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
#: What the prose may say with digits: code spans, dates, claim ids, a notebook's number, a year.
ALLOWED = [r"`[^`]*`", rf"\b\d{{1,2}} ({MONTHS}) \d{{4}}\b", r"\bC\d\b", r"^# \d+\.", r"\bnotebooks? \d+\b",
           r"\b20\d\d\b"]
#: Figures in words: "one time in four", "about one", "half", ...
WORDS = (r"(?i)\b(one time|times? in|about (one|two|three|four|five|a third|a quarter)|half|twice|a third|a quarter"
         r"|(one|two|three) in (two|three|four|five|ten)|(two|three|four|five|six|seven|eight|nine|ten) of the)\b")


def _prose(name):
    nb = json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"]


def _strip(text):
    for pattern in ALLOWED:
        text = re.sub(pattern, "", text, flags=re.M)
    return text


@pytest.mark.parametrize("name", ABOUT_CLAIMS)
def test_no_figure_typed_in_the_prose(name):
    size = str(len(cabinet.io.load_appointees()))
    for text in _prose(name):
        left = _strip(text)
        numbers = [n for n in re.findall(r"\d+(?:[.,]\d+)?\s*%?", left) if n.strip() != size]
        assert not numbers, (name, numbers, text[:200])
        assert not re.search(WORDS, left), (name, re.search(WORDS, left).group(0), text[:200])
    # the one number allowed is the size of the list, which the data must give
    assert size == "33"


def test_the_checker_catches_what_it_must():
    assert re.findall(r"\d+(?:[.,]\d+)?\s*%?", _strip("holds with probability 0.105 (18.0 %)"))
    assert re.search(WORDS, _strip("would hold only about one time in four"))
    assert not re.findall(r"\d", _strip("announced on 7 September 2021 (C7, notebook 6) `x = 3`"))
