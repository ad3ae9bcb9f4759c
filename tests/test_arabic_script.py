"""Names in Arabic script (Pashto and Dari): drawn with glyphs, joined and right to left, in every format.

- Coverage: every character of the Pashto and Dari names and districts of
  tests/fixtures/hostile/arabic has a glyph in the charts' font, read from the font file's own
  ``cmap`` with fontTools (not through matplotlib), in the regular and the bold face the charts use.
- PNG: a word drawn by the charts' settings is pixel for pixel the reference drawing of its shaped
  form: the Arabic presentation forms (initial, medial, final) in visual order, forced left to right.
  Unshaped text (isolated letters, left to right) would differ.
- SVG: the words are text (not outlines), in logical order, in a font family that has the glyphs;
  a right-to-left name inside an English title is set apart, so the title keeps its direction.
- HTML: every Arabic-script name of the report is its own ``<bdi>``, and the page's font stack
  names a font with the glyphs.
- A character no font of the charts has (U+06CD, YEH WITH TAIL, is not in DejaVu Sans) is named in
  a warning, not drawn as a silent box.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import cabinet
from cabinet.plots import _style

fontTools = pytest.importorskip("fontTools.ttLib")

ARABIC = Path(__file__).parent / "fixtures" / "hostile" / "arabic"


def _texts(path: Path) -> list[str]:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    return [cell for row in rows[1:] for cell in row if cell != "unknown"]


def _letters(texts) -> set[str]:
    return {c for t in texts for c in t if unicodedata.category(c) not in ("Zs", "Cf", "Cc") and c not in "|"}


def _font_file(weight="normal") -> str:
    from matplotlib import font_manager

    return font_manager.findfont(font_manager.FontProperties(family=_style.FONT, weight=weight),
                                 fallback_to_default=False)


@pytest.mark.parametrize("weight", ["normal", "bold"])
def test_the_charts_font_has_every_pashto_and_dari_letter(weight):
    letters = _letters(_texts(ARABIC / "pashto_dari_council.csv"))
    assert any(unicodedata.bidirectional(c) == "AL" for c in letters)
    assert {"ځ", "ڼ", "ډ", "ټ", "ښ", "ړ", "ګ", "ې"} <= letters  # letters of Pashto alone
    cmap = fontTools.TTFont(_font_file(weight)).getBestCmap()
    assert sorted(f"U+{ord(c):04X}" for c in letters if ord(c) not in cmap) == []


def _draw(text: str, **kw) -> np.ndarray:
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from cabinet.report import charts

    with matplotlib.rc_context(charts._RC):
        fig = Figure(figsize=(2.0, 0.6), dpi=100)
        FigureCanvasAgg(fig)
        fig.text(0.05, 0.3, text, fontsize=20, **kw)
        fig.canvas.draw()
        return np.asarray(fig.canvas.buffer_rgba())[..., :3].copy()


def test_png_joins_the_letters_and_runs_right_to_left():
    # محمد: meem initial, hah medial, meem medial, dal final; drawn left to right: final dal first
    shaped = "\ufeaa\ufee4\ufea4\ufee3"
    reference = _draw("\u202d" + shaped + "\u202c")  # LEFT-TO-RIGHT OVERRIDE: the forms as they stand
    drawn = _draw("محمد")
    unshaped = _draw("\u202d\ufea9\ufee1\ufea1\ufee1\u202c")  # what no shaping draws: isolated letters
    assert (drawn < 128).any()
    assert np.array_equal(drawn, reference)
    assert not np.array_equal(drawn, unshaped)


def test_a_roster_in_arabic_script_is_drawn_without_boxes(tmp_path):
    from cabinet.report.charts import write_roster_charts

    roster = cabinet.load_user_roster(ARABIC / "pashto_dari_council.csv")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        written = write_roster_charts(roster, "district", tmp_path, formats=("png", "svg", "pdf"),
                                      baseline=str(ARABIC / "pashto_dari_baseline.csv"), n_draws=500)
    assert not [w for w in caught if "glyph" in str(w.message).lower() or "font" in str(w.message).lower()]
    assert set(written["format"]) == {"png", "svg", "pdf"}
    svg = (tmp_path / "gap_district.svg").read_text(encoding="utf-8")
    # text, not outlines: the districts as written (each set apart with its own direction), in a font with glyphs
    for district in ("کندهار", "ارزګان", "هرات"):
        assert f">\u2068{district}\u2069</text>" in svg
    assert "<path id=\"DejaVuSans" not in svg
    families = set(re.findall(r"font-family: ([^;\"]+)", svg))
    assert families and all(f.split(",")[0].strip(" '") == _style.FONT for f in families)
    # the title names a group in Arabic script inside an English sentence: the name is isolated, so the
    # sentence keeps its direction (left to right) and its words their order
    title = next(t for t in re.findall(r">([^<]*beyond chance[^<]*)</text>", svg))
    assert re.search("\u2068[^\u2069]+\u2069's", title), title


def test_a_letter_no_font_has_is_named_in_a_warning(tmp_path):
    from cabinet.report.charts import write_roster_charts

    roster = cabinet.load_user_roster(ARABIC / "yeh_with_tail.csv")
    has = any(0x06CD in fontTools.TTFont(f).getBestCmap() for f in _family_files())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        write_roster_charts(roster, "district", tmp_path, formats=("png",))
    said = [str(w.message) for w in caught if "U+06CD" in str(w.message)]
    if has:  # a fallback font with the letter is installed (fonts-noto-core): drawn, nothing to say
        assert not said
    else:
        assert len(said) == 1
        assert said[0].startswith("chart gap_district: no font of the charts (DejaVu Sans) has ۍ (U+06CD ARABIC "
                                  "LETTER YEH WITH TAIL); PNG and PDF draw it as a box")
        assert "fonts-noto-core" in said[0]
        assert not [w for w in caught if str(w.message).startswith("Glyph ")]  # said once, in our words


def _family_files():
    from matplotlib import font_manager

    return [font_manager.findfont(font_manager.FontProperties(family=f), fallback_to_default=False)
            for f in _style.font_family()]


def test_the_command_line_says_it_once(tmp_path):
    from cabinet.cli import main

    out, err = io.StringIO(), io.StringIO()
    code = main(["charts", "--roster", str(ARABIC / "yeh_with_tail.csv"), "--by", "district", "--out",
                 str(tmp_path), "--format", "png,svg"], out=out, err=err)
    assert code == 0
    lines = [line for line in err.getvalue().splitlines() if "U+06CD" in line]
    assert len(lines) == (0 if len(_style.font_family()) > 1 else 1)


def test_report_names_in_arabic_script_are_isolated_and_have_a_font(tmp_path):
    from cabinet.report import write_report
    from cabinet.report.context import _stylesheet

    names = [row[0] for row in csv.reader(open(ARABIC / "pashto_dari_council.csv", encoding="utf-8"))][1:]
    roster = cabinet.io.load_appointees().copy()
    roster.loc[: len(names) - 1, "name"] = names
    text = write_report(tmp_path / "r.html", generated=pd.Timestamp("2026-01-01"), roster=roster).read_text("utf-8")
    for name in names:
        assert f"<bdi>{name}</bdi>" in text
    assert text.count("<bdi>") >= len(names)
    stack = re.search(r"body\{[^}]*font:[^;}]*?px/[\d.]+ ([^}]+)\}", str(_stylesheet())).group(1)
    fonts = [f.strip().strip('"') for f in stack.split(",")]
    assert _style.FONT in fonts  # the font whose coverage the first test checks, with the glyphs of every name
    assert "Noto Sans Arabic" in fonts


def test_literal_isolates_right_to_left_text_only():
    assert _style._literal("Kandahar") == "Kandahar"
    assert _style._literal("کندهار") == "\u2068کندهار\u2069"
    assert _style._literal("$x$ کابل") == "\u2068\\$x\\$ کابل\u2069"
