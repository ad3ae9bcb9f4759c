"""The commentary's claims, checked one by one against the data.

Giustozzi's RUSI commentary ("Russia and Iran: Disappointed Friends of the
Taliban?", 2021) read the list of 7 September 2021 as a message. Its checkable
statements are C1-C8, each an entry of :data:`CLAIMS` (its words, how it is
checked, and the tag column its open tags are about): a new claim is one
:func:`register_claim` call. :func:`claims` gives each a verdict:

``supported``
    the data, unknown tags included, can only agree with the claim;
``contradicted``
    at least one known, sourced value disagrees with it;
``undetermined``
    it turns on tags no source settles: the table then states the bound (the
    range the count can take) and names the appointees whose tags would decide.

A verdict never treats an unknown tag as known. Each claim is checked in the
commentary's own sense: C3 and C6 count home by birth ("born in Helmand") where
the roster records birthplaces. How likely each claim is under stated assumptions
about the unknown tags is :func:`cabinet.claim_likelihood.claim_probabilities`.

The claims are about the list of 7 September 2021. Given a government at a later
date (``cabinet.load_roster(as_of=...)``, ``--roster 2025-12-31``), they are
checked against that list all the same, and the table says so
(``attrs["checked_against"]``, and a :class:`FirstListNote` warning); given a
roster with appointments announced after that day, those are left out. "Earlier"
in C7 means announced before 21 September 2021.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, replace
from typing import Callable

import pandas as pd

from .gaps import HELMANDI_NETWORKS, hazarajat_gap, helmandi_networks_gap, west_southwest_gap
from .groupings import with_home
from .io.loaders import load_appointees, load_later_appointments
from .regions import HAZARAJAT
from .tags import ABROAD
from .group_counts import group_candidates
from .representation import representation
from .rosters import require_taliban, takes_roster
from .tags import parse_candidates
from ._format import probability as _prob
from .yardsticks import movement_predictive

VERDICTS = ("supported", "contradicted", "undetermined")



__all__ = ["claims", "CLAIMS", "Claim", "register_claim", "VERDICTS", "PEOPLE", "FIRST_LIST", "LATER_DATE",
           "FirstListNote", "first_list"]

#: The day the list the claims are about was announced.
FIRST_LIST = pd.Timestamp("2021-09-07")
#: The day of Sadr's and Zakir's appointments (C7): "earlier" means announced before it.
LATER_DATE = pd.Timestamp("2021-09-21")


class FirstListNote(UserWarning):
    """The roster given was not the list of 7 September 2021; the claims were checked against that list."""


@takes_roster("roster")
def first_list(roster: pd.DataFrame | None = None) -> tuple[pd.DataFrame, str]:
    """The list the claims are about, and a sentence when the roster given was another.

    A government at a date (a roster with ``attrs["as_of"]``, as :func:`cabinet.load_roster` gives it)
    is replaced by the list of 7 September 2021 (bundled data, same sense of home and ``exclude_weak``);
    a roster with appointments announced after 7 September 2021 keeps only the first list's rows.

    Examples
    --------
    >>> import cabinet
    >>> table, note = first_list(cabinet.load_roster(as_of="2025-12-31"))
    >>> len(table), note.startswith("the claims are about the list of 7 September 2021")
    (33, True)
    """
    if roster is None:
        return load_appointees(), ""
    if roster.attrs.get("as_of"):
        first = load_appointees(home=roster.attrs.get("home") or "any",
                                exclude_weak=bool(roster.attrs.get("exclude_weak", False)))
        return first, (f"the claims are about the list of 7 September 2021, so they are checked against it (the "
                       f"{len(first)} appointees of the bundled data), not against the government as of "
                       f"{roster.attrs['as_of']} ({len(roster)} members) that was given; to check your own copy of "
                       "the list, pass cabinet.load_appointees(path)")
    if "in_original_33" in roster.columns:
        later = ~roster["in_original_33"].astype(bool)
    elif "announced" in roster.columns:
        later = pd.to_datetime(roster["announced"], errors="coerce") > FIRST_LIST
    else:
        return roster, ""
    if not later.any():
        return roster, ""
    kept = roster[~later.to_numpy()]
    kept.attrs = dict(roster.attrs)
    return kept, (f"the claims are about the list of 7 September 2021: the {int(later.sum())} appointment(s) of the "
                  f"roster given that are not on it are left out ({len(kept)} checked)")

#: person_id of the people the claims name.
PEOPLE = {
    "muttaqi": "muttaqi_amir_khan",
    "baradar": "baradar_abdul_ghani",
    "sadr": "sadr_ibrahim",
    "zakir": "zakir_abdul_qayyum",
}


@dataclass(frozen=True)
class Claim:
    """A claim of the registry: its id and words, how it is checked, and what its open tags are about.

    ``check(roster, later, hazarajat, yardsticks)`` returns the claim's row of :func:`claims` (build it with
    :func:`claim_row`): ``roster`` is the list the claims are about, ``later`` the later appointments,
    ``hazarajat`` the Hazarajat definition and ``yardsticks`` whether to add the population and movement
    yardsticks (:data:`YARDSTICK_COLUMNS`) where the claim has them. ``column`` is the tag column whose open
    tags can decide it (None: sourced facts alone decide it, so no assumption about unknowns bears on it), and
    ``population`` whether a population share exists for that column. :mod:`cabinet.claim_likelihood`
    adds ``question`` (the claim as a question about open tags) and, where the probability is more than
    "nobody is in these groups", ``probability``.
    """

    id: str
    text: str
    check: Callable[..., dict]
    column: str | None = None
    population: bool = False
    question: Callable | None = None
    probability: Callable | None = None

    def __str__(self) -> str:
        return self.text


#: Claim id -> :class:`Claim`, in the order the claims are listed.
CLAIMS: dict[str, Claim] = {}


def register_claim(id: str, text: str, check, *, column: str | None = None, population: bool = False,
                   question=None, probability=None) -> Claim:
    """Add a claim (or replace the one of the same id): :func:`claims`, ``cabinet claims`` and the report list it.

    See :class:`Claim` for the arguments. A claim added by a user has no probability under an assumption
    unless it brings a ``question`` (see :mod:`cabinet.claim_likelihood`).
    """
    entry = Claim(str(id), str(text), check, column, bool(population), question, probability)
    CLAIMS[entry.id] = entry
    return entry


def attach_probability(id: str, question, probability=None) -> None:
    """Give a registered claim its question about open tags (and its own probability, where it has one)."""
    CLAIMS[id] = replace(CLAIMS[id], question=question, probability=probability)




COLUMNS = ["id", "claim", "verdict", "deciding", "unknown", "figure", "count", "count_max", "n"]


#: The two yardsticks of C4 and C6 (NaN for the other claims): the target's share of the population, with the
#: exact binomial probability of a count this low at the known and at the largest count; its share of the
#: movement's cadre pool (complete-case share, and the bounds the pool's unknowns allow), with the beta-binomial
#: predictive probability (:func:`cabinet.yardsticks.movement_predictive`) at the known and the largest count
#: of the cabinet's members outside the pool, and at the known count at the two ends of the pool's range.
YARDSTICK_COLUMNS = ["population_share", "p_le_population", "p_le_population_max", "movement_share",
                     "movement_share_low", "movement_share_high", "p_le_movement", "p_le_movement_max",
                     "p_le_movement_at_low", "p_le_movement_at_high"]


def _names(frame: pd.DataFrame, mask) -> str:
    return "; ".join(frame.loc[mask, "name"].astype(str))


def claim_row(cid, verdict, deciding="", unknown="", figure="", count=None, count_max=None, n=None) -> dict:
    """The row of :func:`claims` for claim ``cid`` (its words from :data:`CLAIMS`)."""
    if verdict not in VERDICTS:
        raise ValueError(f"verdict of {cid} must be one of {', '.join(VERDICTS)}; got {verdict!r}")
    return {"id": cid, "claim": CLAIMS[cid].text, "verdict": verdict, "deciding": deciding, "unknown": unknown,
            "figure": figure, "count": count, "count_max": count_max, "n": n}


def _c1(roster):
    n = len(roster)
    aff = roster["affiliation"]
    non = aff.str.split("|").apply(lambda c: "non_taliban" in c and len(c) == 1)
    unk = aff.eq("unknown") | aff.str.contains("|", regex=False)
    tal = n - int(non.sum()) - int(unk.sum())
    figure = f"{n} appointees; {tal} tagged Taliban, {int(non.sum())} non-Taliban, {int(unk.sum())} unknown or disputed"
    if n != 33 or non.any():
        return claim_row("C1", "contradicted", _names(roster, non), _names(roster, unk), figure, int(non.sum()), int((non | unk).sum()), n)
    if unk.any():
        return claim_row("C1", "undetermined", "", _names(roster, unk), figure, 0, int(unk.sum()), n)
    return claim_row("C1", "supported", f"all {n} tagged Taliban", "", figure, 0, 0, n)


def _known_and_possible(column: pd.Series, value: str):
    """Masks: the tag is known to be ``value``; it is unknown or a dispute that includes ``value``."""
    cands = column.apply(parse_candidates)
    known = cands.apply(lambda c: c == (value,))
    possible = cands.apply(lambda c: len(c) == 0 or (len(c) > 1 and value in c))
    return known, possible


def _c2(roster):
    n = len(roster)
    yes, maybe = _known_and_possible(roster["iran_aligned"], "yes")
    figure = (f"{int(yes.sum())} of {n} called Iran-aligned by a source; {int(maybe.sum())} without a profile "
              "that settles it ('no' means the cited profiles describe the person's ties and none calls them "
              "Iran-aligned: absence of evidence)")
    if yes.any():
        return claim_row("C2", "contradicted", _names(roster, yes), _names(roster, maybe), figure, int(yes.sum()), int((yes | maybe).sum()), n)
    if maybe.any():
        return claim_row("C2", "undetermined", "", _names(roster, maybe), figure, 0, int(maybe.sum()), n)
    return claim_row("C2", "supported", f"none of the {n}", "", figure, 0, 0, n)


def _p_range(row, tail="le") -> str:
    """The exact probability as the range the unknowns allow ("P = 0.011 to 0.76")."""
    lo, hi = (row["p_le_count"], row["p_le_count_max"]) if tail == "le" else (row["p_ge_count_max"], row["p_ge_count"])
    if pd.isna(lo):
        return "no test"
    if abs(hi - lo) < 5e-4:
        return f"P = {lo:.3f}"
    return f"P = {lo:.3f} to {hi:.3f}, as the unknowns are resolved"


def home_by_birth(roster):
    """The roster with home by birth, as C3 reads it; the roster's own home where it records no birthplace."""
    if "birth_province" in roster.columns:
        return with_home(roster, "birth"), "birth"
    return roster, roster.attrs.get("home", "any")


def _west_southwest(roster):
    """Masks of appointees known to be, and possibly, from the west or southwest (commentary regions)."""
    target = {"West", "Southwest"}
    cands = pd.Series(group_candidates(roster, "region", scheme="commentary"), index=roster.index)
    inside = cands.apply(lambda c: len(c) > 0 and set(c) <= target)
    maybe = cands.apply(lambda c: len(c) == 0 or (not set(c) <= target and bool(set(c) & target)))
    return inside, maybe


def _c3(roster):
    roster, sense = home_by_birth(roster)
    gap = west_southwest_gap(roster, separate=False, baseline="nsia_1398")  # the combined row is the one read
    row = gap[gap["group"] == "West+Southwest"].iloc[0]
    inside, maybe = _west_southwest(roster)
    muttaqi = roster["person_id"].eq(PEOPLE["muttaqi"])
    others_in = inside & ~muttaqi
    others_maybe = maybe & ~muttaqi
    figure = (f"home by {sense}: {int(row['count'])} of {int(row['n'])} known to come from the west or southwest, "
              f"up to {int(row['count_max'])} once unknown and disputed home provinces are resolved; population "
              f"share {row['baseline_share']:.1%} ({row['baseline_label']}), expected {row['expected']:.1f}; "
              f"probability of a count this low: {_p_range(row)}")
    deciding = _names(roster, inside | (maybe & muttaqi))
    if others_in.any():
        return claim_row("C3", "contradicted", _names(roster, others_in), _names(roster, others_maybe), figure,
                    int(row["count"]), int(row["count_max"]), int(row["n"]))
    if others_maybe.any():
        return claim_row("C3", "undetermined", deciding, _names(roster, others_maybe), figure,
                    int(row["count"]), int(row["count_max"]), int(row["n"]))
    return claim_row("C3", "supported", deciding or "nobody", "", figure, int(row["count"]), int(row["count_max"]), int(row["n"]))


def _yardsticks(gap: pd.DataFrame, target: str, predictive: pd.DataFrame, what: str) -> tuple[dict, str]:
    """The YARDSTICK_COLUMNS of a claim, and a sentence: the population row of the gap table, and the movement's
    pool from :func:`cabinet.yardsticks.movement_predictive`."""
    pop, mov = gap[gap["group"] == target].iloc[0], predictive.iloc[0]
    values = {"population_share": pop["baseline_share"], "p_le_population": pop["p_le_count"],
              "p_le_population_max": pop["p_le_count_max"], "movement_share": mov["pool_share"],
              "movement_share_low": mov["pool_share_low"], "movement_share_high": mov["pool_share_high"],
              "p_le_movement": mov["p_le_count"], "p_le_movement_max": mov["p_le_count_max"],
              "p_le_movement_at_low": mov["p_le_at_low"], "p_le_movement_at_high": mov["p_le_at_high"]}

    text = (f"two yardsticks for {what}: the population, {pop['baseline_share']:.1%}, against which the probability "
            f"of a count this low is P = {_prob(pop['p_le_count'])} at the known count and "
            f"{_prob(pop['p_le_count_max'])} at the largest count the unknown tags allow (binomial, {int(pop['n'])} "
            f"appointees); the movement's cadre pool before the takeover, {mov['pool_share']:.1%} of the "
            f"{int(mov['pool_in'] + mov['pool_out'])} members whose tag settles it ({mov['pool_share_low']:.1%} to "
            f"{mov['pool_share_high']:.1%} as the pool's unknowns are resolved), a share carried with its own "
            f"uncertainty ({mov['prior']}, beta-binomial predictive): leaving aside the {int(mov['n_shared'])} men "
            f"in both the pool and the cabinet, the probability that the cabinet's other {int(mov['n_new'])} hold "
            f"this few is P = {_prob(mov['p_le_count'])} at their known count ({int(mov['count_new'])}) and "
            f"{_prob(mov['p_le_count_max'])} at the largest their unknown tags allow ({int(mov['count_new_max'])}); "
            f"{_prob(mov['p_le_at_low'])} to {_prob(mov['p_le_at_high'])} at the known count as the pool's own "
            "unknowns are resolved")
    return values, text


def _c4(roster, gap=None):
    gap = helmandi_networks_gap(roster, baseline="population") if gap is None else gap
    both = "+".join(HELMANDI_NETWORKS)
    row = gap[gap["group"] == both].iloc[0]
    figure = (f"{int(row['count'])} of {int(row['n'])} known representatives of the Helmandi Ishaqzai or Alizai "
              f"networks, up to {int(row['count_max'])}; Ishaqzai or Alizai tribe members counted outside: "
              f"{row['tribe_members_elsewhere'] or 'none'}; proxy baseline {row['baseline_share']:.1%} "
              f"(Helmand's population share); probability of a count this low: {_p_range(row)}")
    if row["count"] > 0:
        return claim_row("C4", "contradicted", row["members"], row["possible_members"], figure,
                    int(row["count"]), int(row["count_max"]), int(row["n"]))
    if row["count_max"] > 0:
        names = "; ".join(x for x in [row["possible_members"]] + gap.loc[gap["group"] == "unknown", "members"].tolist() if x)
        return claim_row("C4", "undetermined", "", names, figure, int(row["count"]), int(row["count_max"]), int(row["n"]))
    return claim_row("C4", "supported", "nobody", "", figure, 0, 0, int(row["n"]))


def _c4_both(roster):
    gap = helmandi_networks_gap(roster, baseline="population")
    row = _c4(roster, gap)
    values, text = _yardsticks(gap, "+".join(HELMANDI_NETWORKS), movement_predictive(roster, "helmandi_networks"),
                               "the Helmandi networks")
    return {**row, "figure": f"{row['figure']}; {text}", **values}


def _c5(roster):
    ids = set(roster["person_id"])
    present = [k for k in ("sadr", "zakir") if PEOPLE[k] in ids]
    figure = "Sadr and Zakir among the 33: " + (", ".join(present) if present else "neither")
    if present:
        return claim_row("C5", "contradicted", ", ".join(present), "", figure, len(present), len(present), len(roster))
    return claim_row("C5", "supported", "neither Sadr nor Zakir is on the list", "", figure, 0, 0, len(roster))


def _c6(roster, hazarajat: str):
    roster, _ = home_by_birth(roster)  # as C3: home by birth where the roster records birthplaces
    # The premise first: the west and the southwest had no appointee (Muttaqi, the commentary's own exception
    # under C3, aside). Then every other region must have one, and the Hazarajat none.
    inside, maybe = _west_southwest(roster)
    muttaqi = roster["person_id"].eq(PEOPLE["muttaqi"])
    premise_broken = inside & ~muttaqi
    premise_open = maybe & ~muttaqi
    t = representation(roster, "region", scheme="commentary")
    t = t[t["status"] == "group"].set_index("group")
    others = [g for g in t.index if g not in ("West", "Southwest", ABROAD)]  # abroad is no Afghan region
    empty_known = [g for g in others if t.at[g, "count_max"] == 0]
    possibly_empty = [g for g in others if t.at[g, "count"] == 0]
    haz = hazarajat_gap(roster, definition=hazarajat, baseline="nsia_1398")
    hrow = haz[haz["group"] == HAZARAJAT].iloc[0]
    known = t["count"].astype(int)
    figure = ("known appointees per region: " + ", ".join(f"{g} {known[g]}" for g in t.index)
              + f"; from the west or southwest besides Muttaqi: {int(premise_broken.sum())} known, up to "
              f"{int((premise_broken | premise_open).sum())}; Hazarajat ({hazarajat} definition) "
              f"{int(hrow['count'])} known, up to {int(hrow['count_max'])}")
    n = int(hrow["n"])
    if premise_broken.any() or empty_known or hrow["count"] > 0:
        deciding = "; ".join(filter(None, [
            premise_broken.any() and f"from the west or southwest: {_names(roster, premise_broken)}",
            ", ".join(empty_known) and f"regions with no appointee: {', '.join(empty_known)}",
            hrow["members"] and f"from the Hazarajat: {hrow['members']}"]))
        return claim_row("C6", "contradicted", deciding, "", figure, int(hrow["count"]), int(hrow["count_max"]), n)
    if premise_open.any() or possibly_empty or hrow["count_max"] > 0:
        unknown_rows = haz[haz["group"].isin(["unknown", "disputed"])]["members"]
        unknown = "; ".join(x for x in list(unknown_rows) + [_names(roster, premise_open)] if x)
        unknown = "; ".join(dict.fromkeys(unknown.split("; "))) if unknown else ""
        deciding = f"regions with no known appointee: {', '.join(possibly_empty)}" if possibly_empty else \
            "every other region has a known appointee"
        return claim_row("C6", "undetermined", deciding, unknown, figure, int(hrow["count"]), int(hrow["count_max"]), n)
    return claim_row("C6", "supported", "every other region has a known appointee; nobody from the Hazarajat", "", figure, 0, 0, n)


def _c6_both(roster, hazarajat: str):
    row = _c6(roster, hazarajat)
    birth, _ = home_by_birth(roster)
    values, text = _yardsticks(west_southwest_gap(birth, separate=False, baseline="nsia_1398"), "West+Southwest",
                               movement_predictive(birth, "west_southwest"), "the west and southwest together")
    h = movement_predictive(birth, "hazarajat", hazarajat=hazarajat).iloc[0]
    text += (f"; the Hazarajat is {h['pool_share_low']:.1%} to {h['pool_share_high']:.1%} of the pool "
             f"({h['pool_share']:.1%} of the {int(h['pool_in'] + h['pool_out'])} members whose home settles it)")
    return {**row, "figure": f"{row['figure']}; {text}", **values}


def earlier_appointees(roster, later) -> pd.DataFrame:
    """The appointees announced before 21 September 2021: the first list and the later appointments before that day."""
    first = roster
    if "announced" in roster.columns:
        first = roster[~(pd.to_datetime(roster["announced"], errors="coerce") >= LATER_DATE).to_numpy()]
    return pd.concat([first, later[later["announced"] < LATER_DATE]], ignore_index=True)


def _c7(roster, later):
    sadr = later[later["person_id"] == PEOPLE["sadr"]]
    zakir = later[later["person_id"] == PEOPLE["zakir"]]
    date = LATER_DATE
    checks, unknown = [], []
    s_ok = (not sadr.empty and sadr["post"].str.contains("interior", case=False).any()
            and (sadr["announced"] == date).any())
    z_ok = (not zakir.empty and zakir["post"].str.contains("defen", case=False).any()
            and (zakir["announced"] == date).any())
    checks += [s_ok, z_ok]
    sadr_iran = parse_candidates(sadr["iran_aligned"].iloc[0]) if not sadr.empty else ()
    if sadr_iran == ("yes",):
        checks.append(True)
    elif "yes" in sadr_iran or not sadr_iran:
        unknown.append("whether a source calls Sadr Iran-aligned")
    else:
        checks.append(False)
    earlier = earlier_appointees(roster, later)
    earlier_yes, earlier_maybe = _known_and_possible(earlier["iran_aligned"], "yes")
    if earlier_yes.any():
        checks.append(False)
    elif earlier_maybe.any():
        unknown.append("whether any earlier appointee was Iran-aligned: " + _names(earlier, earlier_maybe))
    figure = (f"Sadr: {'; '.join(sadr['post'] + ' (' + sadr['announced'].dt.strftime('%Y-%m-%d') + ')') or 'not found'}; "
              f"Zakir: {'; '.join(zakir['post'] + ' (' + zakir['announced'].dt.strftime('%Y-%m-%d') + ')') or 'not found'}; "
              f"Sadr Iran-aligned: {'|'.join(sadr_iran) or 'unknown'}; earlier appointees called Iran-aligned: {int(earlier_yes.sum())}")
    deciding = "; ".join(filter(None, [_names(sadr, slice(None)) and "Ibrahim Sadr", _names(zakir, slice(None)) and "Abdul Qayum Zakir",
                                       _names(earlier, earlier_yes)]))
    if not all(checks):
        return claim_row("C7", "contradicted", deciding, "; ".join(unknown), figure)
    if unknown:
        return claim_row("C7", "undetermined", deciding, "; ".join(unknown), figure)
    return claim_row("C7", "supported", deciding, "", figure)


def _c8(roster):
    b = roster[roster["person_id"] == PEOPLE["baradar"]]
    pm = roster[roster["position_class"] == "prime_minister"]
    if b.empty:
        return claim_row("C8", "undetermined", "", "Baradar is not in the roster", "Baradar not found")
    cls = b["position_class"].iloc[0]
    figure = f"Baradar: {b['post'].iloc[0]} ({cls}); head of government: {', '.join(pm['name']) or 'none'}"
    if cls == "prime_minister":
        return claim_row("C8", "contradicted", b["name"].iloc[0], "", figure)
    if cls == "deputy_prime_minister" and not pm.empty:
        return claim_row("C8", "supported", f"{b['name'].iloc[0]} (deputy); {pm['name'].iloc[0]} (head)", "", figure)
    return claim_row("C8", "undetermined", b["name"].iloc[0], "", figure)


@takes_roster("roster")
def claims(roster: pd.DataFrame | None = None, later: pd.DataFrame | None = None, *,
           hazarajat: str = "core", yardsticks: bool = True) -> pd.DataFrame:
    """Check claims C1-C8 of the commentary.

    Parameters
    ----------
    roster : DataFrame, optional
        The appointees the claims are about (default: the 33 of 7 September
        2021, :func:`cabinet.load_appointees`), for instance a corrected copy.
        The claims are about that list: a government at a later date is
        replaced by it, and appointments announced after 7 September 2021 are
        left out (see :func:`first_list`); ``attrs["checked_against"]`` and a
        :class:`FirstListNote` warning then say so.
    later : DataFrame, optional
        Later appointments, for C7 (default: :func:`cabinet.load_later_appointments`).
    hazarajat : {'core', 'extended'}
        Hazarajat definition for C6.
    yardsticks : bool
        Add the population and movement yardsticks of C4 and C6 (default True). False leaves
        :data:`YARDSTICK_COLUMNS` empty (NaN) and their sentences out of ``figure``; the verdicts are
        the same, and the movement's cadre pool is not loaded (``cabinet claims`` without
        ``--yardsticks``).

    Returns
    -------
    pandas.DataFrame
        One row per claim. Columns: ``id``; ``claim`` (in our words);
        ``verdict`` (``supported``, ``contradicted`` or ``undetermined``);
        ``deciding`` (the appointees or facts that decide it); ``unknown`` (the
        appointees whose unknown or disputed tags keep it open); ``figure`` (the
        numbers behind the verdict, with baseline and exact probability where
        one applies); ``count``, ``count_max``, ``n`` (the bound, where the
        claim is a count). For C4 and C6 (NaN for the others) the two
        yardsticks of the target (the Helmandi networks; the west and
        southwest together, home by birth), also stated in ``figure``:
        ``population_share``, with ``p_le_population`` and
        ``p_le_population_max`` (the exact binomial probability of a count
        this low at the known count and at the largest count the unknown tags
        allow); ``movement_share`` (the target's share of the movement's cadre
        pool among members whose tag settles it), ``movement_share_low``,
        ``movement_share_high`` (the bounds the pool's unknowns allow), and
        ``p_le_movement``, ``p_le_movement_max`` (the beta-binomial predictive
        probability, under Jeffreys' prior for the pool's share, that the
        cabinet's members outside the pool hold this few, at their known and
        at their largest count; :func:`cabinet.yardsticks.movement_predictive`),
        ``p_le_movement_at_low``, ``p_le_movement_at_high`` (at the known
        count, with the pool's unknowns all outside and all inside).

    Examples
    --------
    >>> table = claims()
    >>> table["id"].tolist()
    ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8']
    >>> set(table["verdict"]) <= {"supported", "contradicted", "undetermined"}
    True
    """
    roster, note = resolve_list(roster, "claims C1-C8")
    rows = _rows(roster, later, hazarajat, yardsticks=bool(yardsticks))
    out = pd.DataFrame(rows, columns=COLUMNS + YARDSTICK_COLUMNS)
    out[YARDSTICK_COLUMNS] = out[YARDSTICK_COLUMNS].astype("float64")
    for c in ("count", "count_max", "n"):
        out[c] = out[c].astype("Int64")
    out.attrs["checked_against"] = note
    return out


def resolve_list(roster, what: str) -> tuple[pd.DataFrame, str]:
    """The list the claims are about (see :func:`first_list`), after refusing a roster of another kind; warns when
    the roster given was another."""
    if roster is not None:
        require_taliban(roster, what)
    roster, note = first_list(roster)
    if note:
        warnings.warn(note, FirstListNote, stacklevel=4)  # resolve_list, claims, its roster resolver, the caller
    return roster, note


def _rows(roster, later, hazarajat: str, *, yardsticks: bool) -> list[dict]:
    """The rows of :func:`claims` for the list ``roster`` (already resolved); without ``yardsticks`` C4 and C6
    leave out the two yardsticks (same verdicts)."""
    later = load_later_appointments() if later is None else later
    needed = ["person_id", "name", "post", "position_class", "province", "district", "tribe", "network",
              "iran_aligned", "affiliation"]
    missing = [c for c in needed if c not in roster.columns]
    if missing:
        raise ValueError(f"the claims need a roster in the format of data/appointees.csv; missing columns: "
                         f"{', '.join(missing)}")
    return [c.check(roster, later, hazarajat, yardsticks) for c in CLAIMS.values()]


def claim_verdicts(roster, later, hazarajat: str = "core") -> pd.Series:
    """The verdict of each claim (indexed by ``id``), as :func:`claims` gives it, without the yardsticks' work
    (``roster``: the list, already resolved)."""
    rows = _rows(roster, later, hazarajat, yardsticks=False)
    return pd.Series([r["verdict"] for r in rows], index=pd.Index([r["id"] for r in rows], name="id"), name="verdict")


# The commentary's claims, in our own words. C3 and C6 read home by birth; C4 the network through the Helmandi
# networks; C7 the earlier appointees and Sadr.
register_claim(
    "C1",
    "The cabinet announced in early September 2021 had 33 appointees and was no coalition: all were Taliban, none from the Karzai or Abdullah camps.",
    lambda roster, later, hazarajat, yardsticks: _c1(roster),
    column="affiliation", population=False)
register_claim(
    "C2",
    "None of Iran's allies and clients within the Taliban was among the 33.",
    lambda roster, later, hazarajat, yardsticks: _c2(roster),
    column="iran_aligned", population=False)
register_claim(
    "C3",
    "No appointee came from the west or southwest except Foreign Minister Amir Khan Muttaqi, born in Helmand.",
    lambda roster, later, hazarajat, yardsticks: _c3(roster),
    column="region", population=True)
register_claim(
    "C4",
    "The Ishaqzai and Alizai networks of Helmand, the movement's largest suppliers of fighters, had no representative.",
    lambda roster, later, hazarajat, yardsticks: _c4_both(roster) if yardsticks else _c4(roster),
    column="network", population=True)
register_claim(
    "C5",
    "Ibrahim Sadr and Abdul Qayum Zakir, the foremost commanders of the 2021 offensive, were left out of the 33.",
    lambda roster, later, hazarajat, yardsticks: _c5(roster),
    column=None, population=False)
register_claim(
    "C6",
    "West and southwest were the only regions without an appointee, apart from the Hazarajat, which had none either.",
    lambda roster, later, hazarajat, yardsticks: (_c6_both(roster, hazarajat) if yardsticks
                                                   else _c6(roster, hazarajat)),
    column="region", population=True)
register_claim(
    "C7",
    "Later, Sadr (close to Iran's Revolutionary Guards) became deputy interior minister, the first major pro-Iran figure in the executive, and Zakir deputy defence minister (both dated 21 September 2021).",
    lambda roster, later, hazarajat, yardsticks: _c7(roster, later),
    column="iran_aligned", population=False)
register_claim(
    "C8",
    "Mullah Baradar, who negotiated with the coalition, was sidelined: deputy, not head, of the government.",
    lambda roster, later, hazarajat, yardsticks: _c8(roster),
    column=None, population=False)
