"""The README's promises: two quick-start commands, CI runs the second, and the completeness figures hold."""

import re
from pathlib import Path

import pandas as pd
import pytest

import cabinet

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _quick_start_lines():
    section = re.search(r"^## Quick start$(.*?)^## ", README, re.M | re.S).group(1)
    block = re.search(r"```bash\n(.*?)```", section, re.S).group(1)
    return [line for line in block.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def test_quick_start_is_two_commands_setup_plus_charts_and_setup_plus_tests():
    first, second = _quick_start_lines()
    assert "venv" in first and "cabinet charts" in first and "cabinet report" in first
    assert "venv" in second and "pytest" in second and "'.[test,docs]'" in second


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "lines[1]" in ci and "README.md" in ci


def _table_after(heading):
    part = README.split(heading, 1)[1]
    rows = re.findall(r"^\| `(\w+)` \| (\d+) \| (\d+) \| (\d+) \| (\d+) \|$", part.split("\n\n", 2)[1], re.M)
    return {r[0]: tuple(map(int, r[1:])) for r in rows}


def _later_of_2021():
    later = cabinet.io.load_later_appointments()
    return later[later["announced"] <= "2021-12-31"]


def _later_from_2022():
    later = cabinet.io.load_later_appointments()
    return later[later["announced"] > "2021-12-31"]


@pytest.mark.parametrize("heading,loader", [
    ("The 33 appointees of 7 September 2021:", cabinet.io.load_appointees),
    (r"The (\d+) later appointments of 2021:", _later_of_2021),
    (r"The (\d+) appointments from 2022 on \(", _later_from_2022),
    (r"The movement's cadre pool \((\d+) people\):", cabinet.rosters.load_movement_pool),
])
def test_completeness_figures_match_the_data(heading, loader):
    from cabinet.tags import split_tag

    frame = loader()
    match = re.search(heading, README)
    assert match, heading
    if match.groups():
        assert int(match.group(1)) == len(frame)
    heading = match.group(0)
    table = _table_after(heading)
    # every kind of home is counted apart, as well as the home the loaders give by default
    assert {"birth_province", "origin_province", "stated_province", "province", "network"} <= set(table), heading
    for col, (known, disputed, unknown, inferred) in table.items():
        s = frame[col]
        assert (s == "unknown").sum() == unknown, col
        assert s.map(lambda v: len(split_tag(v)) > 1).sum() == disputed, col
        assert len(s) - unknown - disputed == known, col
        assert frame["inferred_fields"].str.split(";").apply(lambda x: col in x).sum() == inferred, col
    line = re.search(r"Network memberships: (\d+) memberships of (\d+) people; (\d+) in two or more networks\.",
                     README.split(heading, 1)[1])
    assert line, heading
    per_person = frame["network"].map(lambda v: sum(len(alt) for alt in split_tag(v)))
    assert tuple(map(int, line.groups())) == (per_person.sum(), (per_person > 0).sum(), (per_person > 1).sum())


def test_the_departures_table_matches_the_data():
    part = README.split("The 30 departures (`departures.csv`), by event", 1)[1]
    rows = re.findall(r"^\| `(\w+)` \| (\d+) \| (\d+) \| (\d+) \|$", part.split("\n\n", 2)[1], re.M)
    table = {r[0]: tuple(map(int, r[1:])) for r in rows}
    d = cabinet.rosters.load_departures()
    assert set(table) == set(cabinet.rosters.departures.EVENTS)  # every event code, used or not
    for event, (n, date_inferred, inferred) in table.items():
        sub = d[d["event"] == event]
        assert (len(sub), (sub["date_inferred"] == "yes").sum(), (sub["inferred"] == "yes").sum()) == \
            (n, date_inferred, inferred), event
    assert sum(n for n, _, _ in table.values()) == len(d) == 30


def test_the_roster_size_quoted_for_2025():
    m = re.search(r"As of 31 December 2025 the roster has (\d+) members: (\d+) at the\s+end of 2021, (\w+) men "
                  r"appointed since, (\w+) gone", README)
    assert m
    words = {"five": 5, "six": 6, "seven": 7, "eight": 8}
    n, n2021, new, gone = int(m.group(1)), int(m.group(2)), words[m.group(3)], words[m.group(4)]
    assert n == len(cabinet.load_roster(as_of="2025-12-31")) and n2021 == len(cabinet.load_roster(as_of="2021-12-31"))
    assert n == n2021 + new - gone


def test_the_claims_summary_matches_claims():
    table = cabinet.claims().set_index("id")
    for cid, r in table.iterrows():
        row = re.search(rf"^\| {cid} \| [^|]+ \| (\w+)(.*)\|$", README, re.M)
        assert row and row.group(1) == r["verdict"], cid
        bound = re.search(r"(\d+) known, up to (\d+)", row.group(2))
        if r["verdict"] == "undetermined" and not pd.isna(r["count_max"]):
            # the figures themselves, not only the verdict word: "0 known, up to 7"
            assert bound, cid
            assert (int(bound.group(1)), int(bound.group(2))) == (r["count"], r["count_max"]), cid
        probability = re.search(r"P = ([\d.]+) to ([\d.]+)", row.group(2))
        if probability:
            assert f"P = {probability.group(1)} to {probability.group(2)}" in r["figure"], cid


def test_changelog_package_and_data_package_share_one_version():
    from cabinet.io.datapackage import descriptor

    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    newest = re.search(r"^## (\d+\.\d+\.\d+) ", changelog, re.M).group(1)
    assert newest == cabinet.__version__ == descriptor()["version"]
    assert f"version {cabinet.__version__}." in README


def _paragraph(start: str) -> str:
    """The README paragraph that begins with ``start``, its lines joined."""
    text = README.split(start, 1)[1].split("\n\n", 1)[0]
    return " ".join((start + text).split())


def test_the_claim_probabilities_quoted_in_the_readme():
    """Every figure of the paragraph comes from claim_probabilities (issue 24, item 12): the paragraph is
    rebuilt from the code and must read the same."""
    t = cabinet.claim_probabilities(assumptions=["like_known", "population"])
    lk = t[t["assumption"] == "like_known"].set_index("id")["probability"]
    pop = t[t["assumption"] == "population"].set_index("id")["probability"]
    expected = (
        "Beside the verdicts, `cabinet.claim_probabilities()` (or `cabinet claims --assume like_known,population`) "
        "says how likely each open claim is under stated assumptions about the unknowns (notebook 7 explains "
        "them). If appointees of unknown tag resemble the known ones of their rank, the known ones' shares "
        "carried with their uncertainty (Jeffreys' prior, `--prior` to change it), "
        f"C2 holds with probability {lk['C2']:.2f}, C3 with {lk['C3']:.2f}, C4 with {lk['C4']:.2f}, C6 with "
        f"{lk['C6']:.2f} and C7 with {lk['C7']:.2f}; if their homes follow the population, C3 holds with "
        f"probability {pop['C3']:.2f} and C6 with {pop['C6']:.2f}. The verdicts never use these figures.")
    assert _paragraph("Beside the verdicts, `cabinet.claim_probabilities()`") == expected
    assert "Jeffreys" in t.set_index(["id", "assumption"]).at[("C2", "like_known"), "prior"]


def test_the_yardsticks_quoted_in_the_readme():
    """The paragraph on the two yardsticks, rebuilt from claims() and movement_predictive() (issue 24, items 3
    and 12): the shares, the pool's bounds, and the probabilities at the known and at the largest count."""
    from cabinet._format import probability as _prob

    c = cabinet.claims().set_index("id")
    c4, c6 = c.loc["C4"], c.loc["C6"]
    pool = cabinet.rosters.load_movement_pool()
    birth = cabinet.groupings.with_home(cabinet.io.load_appointees(), "birth")
    m4 = cabinet.movement_predictive(target="helmandi_networks").iloc[0]
    m6 = cabinet.movement_predictive(birth, target="west_southwest").iloc[0]
    assert (c6["p_le_movement"], c4["p_le_movement"]) == (m6["p_le_count"], m4["p_le_count"])

    def pct(x):
        return f"{100 * x:.1f} %"

    expected = (
        "**Two yardsticks for C4 and C6.** The commentary measures the Helmandi networks, the west and the "
        "southwest against their weight in the movement, not in the population. `baseline=\"movement\"` sets "
        "the cabinet against the movement's cadre pool on the eve of the takeover "
        f"({len(pool)} people: leadership council, deputy leaders, commissions, shadow governors and commanders "
        "whose post a source places before 15 August 2021), with the pool's own unknowns as bounds. The pool's "
        "shares rest on few members, so `cabinet.movement_predictive()` carries their uncertainty: the cabinet's "
        f"members who are not in the pool ({m4['n_new']} of the {m4['n']}; the {m4['n_shared']} who sit in both "
        "are taken as they are, not counted twice) are set against a beta-binomial posterior predictive of the "
        "pool's share (Jeffreys' prior). "
        f"For C4 the two Helmandi networks are {pct(c4['population_share'])} of the population and "
        f"{pct(c4['movement_share_low'])} to {pct(c4['movement_share_high'])} of the pool "
        f"({pct(c4['movement_share'])} of the {m4['pool_in'] + m4['pool_out']} members whose network settles it). "
        f"The probability of a count as low as the cabinet's is P = {_prob(c4['p_le_population'])} against the "
        f"population at the known count and {_prob(c4['p_le_population_max'])} at the largest count the unknown "
        f"tags allow; against the pool it is P = {_prob(c4['p_le_movement'])} at the known count and "
        f"{_prob(c4['p_le_movement_max'])} at the largest. "
        f"For C6, counting home by birth, the west and southwest are {pct(c6['population_share'])} of the "
        f"population and {pct(c6['movement_share_low'])} to {pct(c6['movement_share_high'])} of the pool "
        f"({pct(c6['movement_share'])} of the {m6['pool_in'] + m6['pool_out']} members whose birthplace settles "
        f"it): P = {_prob(c6['p_le_population'])} to {_prob(c6['p_le_population_max'])} against the population, "
        f"and P = {_prob(c6['p_le_movement'])} to {_prob(c6['p_le_movement_max'])} against the pool. Against "
        "the movement, too, the open tags decide: most shadow governors are known by name and post only. "
        "`cabinet.claims()` gives these figures as columns; notebook 9 walks through them.")
    assert _paragraph("**Two yardsticks for C4 and C6.**") == expected


def test_completeness_of_the_republic_roster_matches_the_data():
    from cabinet.tags import split_tag

    frame = cabinet.load_roster("republic-2021")
    heading = "The Republic's last cabinet, as it stood on 14 August 2021"
    part = README.split(heading, 1)[1]
    rows = re.findall(r"^\| `(\w+)` \| (\d+) \| (\d+) \| (\d+) \| (\d+) \|$", part.split("Party memberships", 1)[0], re.M)
    table = {r[0]: tuple(map(int, r[1:])) for r in rows}
    assert {"birth_province", "origin_province", "stated_province", "province", "ethnicity", "tribe", "party"} <= set(table)
    for col, (known, disputed, unknown, inferred) in table.items():
        s = frame[col]
        assert (s == "unknown").sum() == unknown, col
        assert s.map(lambda v: len(split_tag(v)) > 1).sum() == disputed, col
        assert len(s) - unknown - disputed == known, col
        assert frame["inferred_fields"].str.split(";").apply(lambda x: col in x).sum() == inferred, col
    line = re.search(r"Party memberships: (\d+) memberships of (\d+) people; (\d+) in two or more\.", part)
    per_person = frame["party"].map(lambda v: sum(len(alt) for alt in split_tag(v)))
    assert line and tuple(map(int, line.groups())) == (per_person.sum(), (per_person > 0).sum(), (per_person > 1).sum())
    assert "What would settle the open values" in part.split("Party memberships", 1)[1][:2000]


def _flat_readme():
    return " ".join(README.split())


def test_the_power_figure_quoted_in_the_readme():
    # "5.2 % of 33: P = 0.171 at a count of 0": the Southwest of the default region table
    t = cabinet.representation(by="region").set_index("group").loc["Southwest"]
    m = re.search(r"\(([\d.]+) % of (\d+): P = ([\d.]+) at a count of 0, in `p_le_floor`\)", _flat_readme())
    assert m and m.groups() == (f"{100 * t['baseline_share']:.1f}", str(int(t["n"])), f"{t['p_le_floor']:.3f}")
    assert not t["can_reject"]


def test_the_readme_states_the_last_date_searched_and_the_last_change():
    searched = set(re.findall(r"searched to (\d{4}-\d{2}-\d{2})", README))
    assert len(searched) == 1  # one date, stated the same everywhere
    last = cabinet.load_roster(as_of="2030-01-01").attrs["data_last_date"]
    assert min(searched) >= last
    m = re.search(r"the latest\s+change they date is that of (\d{1,2} \w+ \d{4})", README)
    assert m and pd.Timestamp(m.group(1)) == pd.Timestamp(last) == cabinet.change_dates()[-1]
