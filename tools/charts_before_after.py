"""Small copies of every chart the package writes, for the docs' before-and-after page.

    python tools/charts_before_after.py after     # the charts of this version
    python tools/charts_before_after.py before    # run in a checkout of an earlier version

Writes ``docs/_static/charts/<label>/<kind>/<chart>.png``: every chart of ``cabinet charts`` (the
Taliban cabinet of 7 September 2021) and of ``cabinet charts --roster republic-2021``, drawn by the
package, then scaled to 100 dots to the inch and reduced to 128 colours so that the page stays
small. The "before" copies of docs/charts_before_after.md were made from commit 1ed881f (the
version before issue 26).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
ROSTERS = {"taliban": None, "republic": "republic-2021"}
SCALE = 100 / 150  # the package writes PNG at 150 dots to the inch


def main(label: str) -> None:
    from cabinet.report import write_charts

    for kind, roster in ROSTERS.items():
        out = ROOT / "docs" / "_static" / "charts" / label / kind
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            written = write_charts(tmp, formats=("png",), roster=roster)
            for path in written["path"]:
                image = Image.open(path).convert("RGB")
                size = (round(image.width * SCALE), round(image.height * SCALE))
                small = image.resize(size, Image.Resampling.LANCZOS).quantize(colors=128, method=Image.Quantize.MEDIANCUT)
                small.save(out / Path(path).name, optimize=True)
                print(out / Path(path).name)


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in ("before", "after"):
        raise SystemExit("usage: python tools/charts_before_after.py before|after")
    main(sys.argv[1])
