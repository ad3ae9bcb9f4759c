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


def test_the_claim_probabilities_quoted_in_the_readme():
    t = cabinet.claim_probabilities(assumptions=["population"]).set_index("id")["probability"]
    m = re.search(r"C3 holds with probability ([\d.]+) and C6 with ([\d.]+)", README)
    assert m, "the README quotes C3 and C6 under the population assumption"
    assert (m.group(1), m.group(2)) == (f"{t['C3']:.2f}", f"{t['C6']:.2f}")


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


def test_the_two_yardsticks_quoted_for_c4_and_c6():
    """The README's figures for C4 and C6 against the population and the movement's pool (issue 18)."""
    c = cabinet.claims().set_index("id")
    text = " ".join(README.split("**Two yardsticks for C4 and C6.**", 1)[1].split("\n\n", 1)[0].split())
    for cid, start in (("C4", "For C4"), ("C6", "For C6")):
        part = text.split(start, 1)[1]
        r = c.loc[cid]
        shares = f"{100 * r['population_share']:.1f} % of the population and {100 * r['movement_share_low']:.1f} % " \
                 f"to {100 * r['movement_share_high']:.1f} % of the pool ({100 * r['movement_share']:.1f} %"
        assert shares in part, (cid, shares)
        assert f"P = {r['p_le_movement_at_low']:.3f} to {r['p_le_movement_at_high']:.3f} across the pool's range" \
            in part, cid
        assert f"P = {r['p_le_population']:.3f} against the population" in part, cid


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
