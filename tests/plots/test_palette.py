"""The visual language (cabinet.palette): colour-blind safe within each family, readable text, one table for all.

The simulation of colour-vision deficiency is colorspacious's (Machado et al. 2009, at full severity);
distances are measured in CAM02-UCS, where about 1 is a just noticeable difference.
"""

import itertools
import re

import numpy as np
import pytest

from cabinet import palette

colorspacious = pytest.importorskip("colorspacious", reason="the test extra installs colorspacious")

#: Smallest CAM02-UCS distance allowed between two colours drawn in one chart, for every kind of vision.
MIN_DISTANCE = 10.0
VISIONS = (None, "deuteranomaly", "protanomaly", "tritanomaly")
#: What every family is drawn on or beside: the white page, the unknown grey and the disputed face.
ANCHORS = ("#FFFFFF", palette.UNKNOWN, palette.DISPUTED)


def _rgb(h):
    h = h.lstrip("#")
    return np.array([int(h[i:i + 2], 16) for i in (0, 2, 4)]) / 255


def _ucs(hex_colours, vision):
    rgb = np.array([_rgb(h) for h in hex_colours])
    if vision is not None:
        rgb = np.clip(colorspacious.cspace_convert(rgb, {"name": "sRGB1+CVD", "cvd_type": vision, "severity": 100},
                                                   "sRGB1"), 0, 1)
    return colorspacious.cspace_convert(rgb, "sRGB1", "CAM02-UCS")


def closest_pair(colours, anchors=ANCHORS):
    """(distance, vision, a, b): the closest two colours of a family (or a colour and an anchor) under any vision."""
    allc = list(anchors) + list(colours)
    worst = (np.inf, None, None, None)
    for vision in VISIONS:
        pts = _ucs(allc, vision)
        for i, j in itertools.combinations(range(len(allc)), 2):
            if i < len(anchors) and j < len(anchors):
                continue
            d = float(np.linalg.norm(pts[i] - pts[j]))
            if d < worst[0]:
                worst = (d, vision or "normal", allc[i], allc[j])
    return worst


def _families():
    out = {}
    for fam, ents in palette.ENTITIES.items():
        if fam in ("status", "yardstick"):
            continue
        colours = list(dict.fromkeys(e.colour for e in ents.values()))
        if fam == "roster":  # drawn with the yardsticks (the yardsticks chart: cabinet, pool, population)
            colours += [palette.BASELINE, palette.POOL]
        if fam == "region":  # the commentary's six and OCHA's eight are never drawn together
            commentary = [ents[k].colour for k in ("North", "Capital", "East", "South", "Southwest", "West")]
            out["region (commentary)"] = commentary
            colours = [e.colour for k, e in ents.items() if k not in ("North", "Capital", "East", "South",
                                                                       "Southwest", "West")]
            fam = "region (OCHA)"
        out[fam] = colours
    return out


@pytest.mark.parametrize("family", list(_families()))
def test_every_family_is_colour_blind_safe(family):
    colours = _families()[family]
    assert len(colours) == len(set(colours)), f"{family}: two entities share a colour"
    d, vision, a, b = closest_pair(colours)
    assert d >= MIN_DISTANCE, f"{family}: {a} and {b} are {d:.1f} apart under {vision}"


def test_the_check_can_fail():
    """Blue and purple that people with deuteranopia confuse are caught (8.3 apart), as is a colour beside itself."""
    d, vision, _, _ = closest_pair(["#0072B2", "#6A3D9A"], anchors=())
    assert d < MIN_DISTANCE and vision == "deuteranomaly"
    # seaborn's own colour-blind palette, used by the charts before: green and grey merge under deuteranopia
    d, *_ = closest_pair(["#029e73", "#949494"], anchors=())
    assert d < MIN_DISTANCE


def test_known_colours_of_rosters_are_readable_as_marks():
    """The rosters' known marks, the yardsticks and the interval stand out from the white page (WCAG 1.4.11 asks
    3:1 of the graphics a reader needs)."""
    for key in palette.ENTITIES["roster"]:
        assert palette.contrast(palette.colour("roster", key)) >= 3.0
    assert palette.contrast(palette.POOL) >= 3.0
    assert palette.contrast(palette.BASELINE) >= 4.5
    assert palette.contrast(palette.INTERVAL) >= 4.5


@pytest.mark.parametrize("hex_colour", sorted({e.colour for f in palette.ENTITIES.values() for e in f.values()}))
def test_text_in_an_entity_colour_meets_aa(hex_colour):
    out = palette.text_colour(hex_colour)
    assert palette.contrast(out) >= 4.5
    # hue kept: darkening only scales the channels
    rgb, dark = _rgb(hex_colour), _rgb(out)
    nz = rgb > 0.05
    if nz.sum() >= 2:
        ratios = dark[nz] / rgb[nz]
        assert np.ptp(ratios) < 0.05


def test_contrast_by_hand():
    # WCAG's example values: white on black 21:1, #777777 on white 4.48:1
    assert palette.contrast("#FFFFFF", "#000000") == pytest.approx(21.0)
    assert palette.contrast("#777777") == pytest.approx(4.48, abs=0.01)


def test_css_variables_hold_every_entity():
    css = palette.css_variables()
    declared = dict(re.findall(r"(--c-[a-z0-9-]+):(#[0-9A-F]{6})", css))
    for fam, ents in palette.ENTITIES.items():
        for key, ent in ents.items():
            name = palette.css_name(fam, key)
            assert declared[name] == ent.colour
            assert palette.contrast(declared[name + "-text"]) >= 4.5


def test_names_for_codes():
    assert palette.label("party", "ghani_team") == "Ghani's team"
    assert palette.label("network", "kandahari_leadership") == "Kandahari leadership"
    assert palette.label("party", "not_a_code") == "not_a_code"
    assert palette.colour("region", "RC-South") == palette.colour("region", "South")
    with pytest.raises(ValueError, match="unknown family"):
        palette.colour("planet", "Mars")


def test_roster_names_map_to_their_entity():
    assert palette.colour("roster", "taliban-2021") != palette.colour("roster", "republic-2021")
    assert palette.colour("roster", "2023-01-01") == palette.colour("roster", "taliban-latest")
    assert palette.colour("roster", "examples/council.csv") == palette.colour("roster", "roster")
