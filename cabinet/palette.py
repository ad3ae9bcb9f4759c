"""The visual language of the package, defined once: a colour and a name per entity, and the marks.

Every chart of :mod:`cabinet.plots`, both report pages (whose CSS variables
:func:`css_variables` writes from this table) and the documentation read the
same table, so an entity looks the same wherever it appears: the Taliban
cabinet of 2021 is the same crimson in every chart of both pages, the Doha
office the same sky blue in every waffle, "unknown" the same light grey.

Entities come in families (:data:`FAMILIES`): the rosters, the yardsticks a
roster is set against (the population, the movement's cadre pool), the two
states of a tag that is not a value (unknown, disputed), the regions, the
ethnic groups, the networks, and the parties and camps of earlier cabinets. Within a
family every pair of colours stays apart for readers with a colour-vision
deficiency: ``tests/test_palette.py`` simulates deuteranopia, protanopia and
tritanopia with colorspacious and checks the smallest distance in CAM02-UCS.
Colours are shared across families (there are more entities than colours a
reader can tell apart), but no chart draws two families by colour at once.

Three marks, one meaning each, explained in one legend style (:data:`MARKS`):

- **known**: what the sources establish, the loudest mark (a filled dot, a
  solid line, a filled square) in the entity's colour;
- **range**: how far the unknown and disputed tags could move it, a pale band
  of the same colour (:func:`tint`) from the known value to the largest
  possible one;
- **interval**: a statistical interval (95 %), a thin dark line with end caps.

The baseline (population share, published estimate) is an open diamond or a
grey band, never as loud as the known value.

This module imports nothing heavier than the standard library, so the report
and the docs can read it without matplotlib.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["FAMILIES", "ENTITIES", "MARKS", "Entity", "add_entity", "colour", "label", "short_label", "tint", "text_colour", "css_name",
           "contrast", "css_variables", "roster_key", "ROSTER_CYCLE", "UNKNOWN", "DISPUTED", "DISPUTED_HATCH",
           "BASELINE", "POOL", "INTERVAL", "TEXT", "MUTED", "GRID", "FONT_STACK"]


@dataclass(frozen=True)
class Entity:
    """One entity of the visual language: its family, its key in the data, its colour and its names."""

    family: str
    key: str
    colour: str
    label: str
    #: A short name for tight places (legends, narrow titles); the label when None.
    short: str | None = None


#: Text and rules of every chart and page.
TEXT = "#1F1F1F"
MUTED = "#595959"
GRID = "#E3E3E3"
#: The fonts the charts are laid out in, then what a reader's machine may have instead (the SVG names them all).
FONT_STACK = ("DejaVu Sans", "Bitstream Vera Sans", "Verdana", "Liberation Sans", "Arial", "Helvetica", "sans-serif")

_TABLE: dict[str, list[tuple]] = {
    # family: [(key, colour, label, short)]
    # the named rosters add themselves with their colours (cabinet.rosters.register_roster: add_entity)
    "roster": [
        ("roster", "#695A69", "a roster of your own", "roster"),
    ],
    "yardstick": [
        ("baseline", "#333333", "the baseline (population share or published estimate)", "baseline"),
        ("pool", "#1B9E77", "the movement's cadre pool before the takeover", "cadre pool"),
    ],
    "status": [
        ("unknown", "#BDBDBD", "unknown: no source states it", "unknown"),
        ("disputed", "#E6E6E6", "disputed: sources disagree", "disputed"),
    ],
    "region": [
        ("North", "#0072B2", "North", None),
        ("Capital", "#CC79A7", "Capital", None),
        ("East", "#009E73", "East", None),
        ("South", "#E69F00", "South", None),
        ("Southwest", "#D55E00", "Southwest", None),
        ("West", "#56B4E9", "West", None),
        # OCHA's eight regions (the ISAF regions take the colour of their commentary namesake, see colour())
        ("Northern", "#0072B2", "Northern", None),
        ("North Eastern", "#332288", "North Eastern", None),
        ("Central", "#CC79A7", "Central", None),
        ("Central Highland", "#7A1E10", "Central Highland", None),
        ("Eastern", "#009E73", "Eastern", None),
        ("South Eastern", "#5A4B5A", "South Eastern", None),
        ("Southern", "#E69F00", "Southern", None),
        ("Western", "#56B4E9", "Western", None),
    ],
    "ethnicity": [
        ("Pashtun", "#D55E00", "Pashtun", None),
        ("Tajik", "#0072B2", "Tajik", None),
        ("Hazara", "#009E73", "Hazara", None),
        ("Uzbek", "#E69F00", "Uzbek", None),
        ("Aimaq", "#56B4E9", "Aimaq", None),
        ("Turkmen", "#CC79A7", "Turkmen", None),
        ("Baloch", "#F0E442", "Baloch", None),
        ("Nuristani", "#332288", "Nuristani", None),
        ("Pashai", "#5A4B5A", "Pashai", None),
        ("Arab", "#7A1E10", "Arab", None),
        ("Other", "#A6E197", "Other", None),
    ],
    "network": [
        ("kandahari_leadership", "#E69F00", "Kandahari leadership", "Kandahari"),
        ("doha_office", "#56B4E9", "Doha political office", "Doha office"),
        ("haqqani", "#0072B2", "Haqqani network", "Haqqani"),
        ("peshawar_shura", "#CC79A7", "Peshawar shura", None),
        ("northern", "#009E73", "Northern commanders", "Northern"),
        ("helmandi_ishaqzai", "#D55E00", "Helmandi Ishaqzai", None),
        ("helmandi_alizai", "#F0E442", "Helmandi Alizai", None),
        ("mashhad_office", "#332288", "Mashhad office", None),
        ("other", "#4D4D4D", "Other network", "Other"),
    ],
    "party": [
        ("abdullah_camp", "#0072B2", "Abdullah's camp", None),
        ("ghani_team", "#E69F00", "Ghani's team", None),
        ("national_coalition", "#56B4E9", "National Coalition", None),
        ("jamiat", "#009E73", "Jamiat-e Islami", "Jamiat"),
        ("hezb_e_wahdat", "#CC79A7", "Hezb-e Wahdat", None),
        ("junbish", "#D55E00", "Junbish-e Milli", "Junbish"),
        ("basej_e_milli", "#332288", "Basej-e Milli", None),
        ("right_and_justice", "#7A1E00", "Right and Justice", None),
        ("afghan_millat", "#5A3C4B", "Afghan Millat", None),
        ("new_national_front", "#964B3C", "New National Front", None),
        ("karzai_family", "#F0E442", "Karzai family", None),
        ("northern_alliance", "#2020E0", "United Front (Northern Alliance)", "United Front"),
        ("pdpa", "#696978", "People's Democratic Party (PDPA)", "PDPA"),
        ("independent", "#A6E197", "Independent", None),
        ("other", "#9678FF", "Other party", None),
    ],
}

#: The families, in the order the docs list them.
FAMILIES = tuple(_TABLE)

#: family -> key -> :class:`Entity`.
ENTITIES: dict[str, dict[str, Entity]] = {
    fam: {key: Entity(fam, key, col, lab, short) for key, col, lab, short in rows} for fam, rows in _TABLE.items()
}

UNKNOWN = ENTITIES["status"]["unknown"].colour
DISPUTED = ENTITIES["status"]["disputed"].colour
#: The lines of the hatching that marks a disputed tag (the face is :data:`DISPUTED`).
DISPUTED_HATCH = "#6B6B6B"
BASELINE = ENTITIES["yardstick"]["baseline"].colour
POOL = ENTITIES["yardstick"]["pool"].colour
#: The statistical interval (95 %): a thin dark line with end caps.
INTERVAL = "#4D4D4D"

#: Colours for rosters beyond the named ones (a comparison of several files of your own), in turn.
ROSTER_CYCLE = ("#695A69", "#8C6D31", "#17A2B8", "#636363")

#: The three marks of every chart, with the words of their legend entries.
MARKS = {
    "known": "known (what the sources establish)",
    "range": "could be up to (if every unknown or disputed tag fell here)",
    "interval": "95% interval",
    "baseline": "baseline",
}

# The ISAF regional commands take the colour of the region of the same name.
_ALIASES = {("region", f"RC-{k}"): ("region", k) for k in ("North", "Capital", "East", "South", "Southwest", "West")}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def add_entity(family: str, key: str, colour: str, label: str, short: str | None = None) -> Entity:
    """Give an entity its colour and names (or change them): every chart and page then draws it so.

    A named roster adds itself when it is registered (:func:`cabinet.rosters.register_roster`).
    """
    if family not in ENTITIES:
        raise ValueError(f"unknown family {family!r}; allowed: {', '.join(FAMILIES)}")
    _rgb(colour)
    entity = Entity(family, str(key), colour.upper(), label, short)
    ENTITIES[family][str(key)] = entity
    return entity


def roster_key(name) -> str:
    """The entity of a roster name: a named roster, a later Taliban government, or a roster of your own.

    Examples
    --------
    >>> import cabinet  # the named rosters add their colours when registered
    >>> roster_key("taliban-latest"), roster_key("2022-05-01"), roster_key("taliban 2023-01-01"), roster_key("a.csv")
    ('taliban-latest', 'taliban-latest', 'taliban-latest', 'roster')
    """
    text = "" if name is None else str(name).strip()
    if text in ENTITIES["roster"]:
        return text
    if text == "taliban-later" or _DATE.match(text) or text.startswith("taliban "):
        return "taliban-latest"  # a government of a later date: the colour of the latest
    return "roster"


def _entity(family: str, key) -> Entity | None:
    fam = ENTITIES.get(family)
    if fam is None:
        raise ValueError(f"unknown family {family!r}; allowed: {', '.join(FAMILIES)}")
    if family == "roster":
        key = roster_key(key)
    family, key = _ALIASES.get((family, key), (family, key))
    return fam.get(str(key))


def colour(family: str, key, default: str | None = None) -> str:
    """The colour of an entity (hex). An entity not in the table gets ``default`` (or the unknown grey).

    Examples
    --------
    >>> import cabinet  # the named rosters add their colours when registered
    >>> colour("roster", "taliban-2021"), colour("network", "doha_office"), colour("region", "RC-West")
    ('#B2182B', '#56B4E9', '#56B4E9')
    """
    ent = _entity(family, key)
    return ent.colour if ent is not None else (default or UNKNOWN)


def label(family: str, key) -> str:
    """The name a reader sees for an entity's code (``abdullah_camp`` -> ``Abdullah's camp``); else the code.

    Examples
    --------
    >>> label("party", "abdullah_camp"), label("network", "haqqani"), label("ethnicity", "Tajik")
    ("Abdullah's camp", 'Haqqani network', 'Tajik')
    """
    ent = _entity(family, key) if family != "roster" else ENTITIES["roster"].get(str(key))
    return ent.label if ent is not None else str(key)


def short_label(family: str, key) -> str:
    """The short name of an entity for legends and narrow titles (its label when it has none)."""
    ent = _entity(family, key) if family != "roster" else ENTITIES["roster"].get(str(key))
    if ent is None:
        return str(key)
    return ent.short or ent.label


def _rgb(hex_colour: str) -> tuple[float, float, float]:
    h = hex_colour.lstrip("#")
    if len(h) != 6:
        raise ValueError(f"a colour must be #RRGGBB; got {hex_colour!r}")
    return tuple(int(h[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def _hex(rgb) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c * 255))):02X}" for c in rgb)


def _luminance(hex_colour: str) -> float:
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in _rgb(hex_colour)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str = "#FFFFFF") -> float:
    """WCAG 2.1 contrast ratio of two colours (1 to 21).

    Examples
    --------
    >>> round(contrast("#000000", "#FFFFFF"), 1), round(contrast("#595959"), 2)
    (21.0, 7.0)
    """
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def tint(hex_colour: str, amount: float = 0.3) -> str:
    """The colour mixed with white (``amount`` of the colour): the pale band of the *range* mark.

    Examples
    --------
    >>> tint("#B2182B", 0.3)
    '#E8BABF'
    """
    return _hex(tuple(1 - amount * (1 - c) for c in _rgb(hex_colour)))


def text_colour(hex_colour: str, background: str = "#FFFFFF", ratio: float = 4.5) -> str:
    """The colour darkened until text in it meets ``ratio`` against ``background`` (WCAG 2.1 AA: 4.5).

    Examples
    --------
    >>> text_colour("#E69F00")
    '#9C6C00'
    >>> text_colour("#B2182B")
    '#B2182B'
    """
    rgb = _rgb(hex_colour)
    for step in range(101):
        candidate = _hex(tuple(c * (1 - step / 100) for c in rgb))
        if contrast(candidate, background) >= ratio:
            return candidate
    return "#000000"


def _slug(text) -> str:
    return re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")


def css_variables(only=None) -> str:
    """The table as CSS custom properties, one per entity: ``--c-<family>-<key>`` (and ``-text``, readable).

    The report pages put these in their ``:root`` rule, so a swatch in a table
    is the colour the charts draw. ``only``: the entities' variables to write (as
    :func:`css_name` names them; the page of a user's roster writes those it uses, so
    it names no entity of the bundled data); None: every one.

    Examples
    --------
    >>> import cabinet  # the named rosters add their colours when registered
    >>> css = css_variables()
    >>> "--c-roster-taliban-2021:#B2182B" in css and "--c-network-doha-office:#56B4E9" in css
    True
    """
    parts = []
    for fam, ents in ENTITIES.items():
        for key, ent in ents.items():
            name = f"--c-{fam}-{_slug(key)}"
            if only is not None and name not in only:
                continue
            parts.append(f"{name}:{ent.colour}")
            parts.append(f"{name}-text:{text_colour(ent.colour)}")
    parts += [f"--c-text:{TEXT}", f"--c-muted:{MUTED}", f"--c-grid:{GRID}", f"--c-interval:{INTERVAL}",
              f"--c-disputed-hatch:{DISPUTED_HATCH}"]
    return ":root{" + ";".join(parts) + "}"


def css_name(family: str, key) -> str:
    """The CSS variable of an entity (as :func:`css_variables` names it), or '' for one not in the table."""
    ent = _entity(family, key)
    return f"--c-{ent.family}-{_slug(ent.key)}" if ent is not None else ""
