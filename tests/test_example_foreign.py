"""The worked example of a real cabinet of another country: Kenya's cabinet secretaries of 27 October 2022.

``examples/kenya_2022`` holds the roster (tags from cited public pages, unknown and disputed where the pages
leave them so), its sources and two census baselines. These tests read the files with the csv module and
count by hand, compute the probabilities with scipy.stats directly, and check that nothing the package
writes about this roster speaks of Afghanistan.
"""

import collections
import csv
import io
import re
from pathlib import Path

import pandas as pd
import pytest
from scipy import stats

import cabinet
from cabinet.cli import main

HERE = Path(__file__).resolve().parents[1] / "examples" / "kenya_2022"
ROSTER = HERE / "cabinet.csv"
PROVINCES = HERE / "population_province.csv"
ETHNICITY = HERE / "population_ethnicity.csv"
NOMINEES = HERE / "nominees_2024.csv"
SOURCES = HERE / "sources.csv"

#: Words that must not appear in anything the package writes about a Kenyan roster.
AFGHAN = ("Afghan", "Taliban", "Kabul", "Hazara", "Pashtun", "7 September", "2021-09-07")


def rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    return main([str(a) for a in argv], out=out, err=err), out.getvalue(), err.getvalue()


def population(path):
    return {r["group"]: int(r["population"]) for r in rows(path)}


#: Each word at the start of a word or number ('27 September 2022' is a Kenyan date, not the bundled one).
AFGHAN_WORD = re.compile(r"(?<![0-9A-Za-z])(" + "|".join(map(re.escape, AFGHAN)) + ")", re.IGNORECASE)


def no_afghan_word(text, where):
    found = AFGHAN_WORD.search(text)
    assert found is None, f"{where} contains {found.group(0)!r}: ...{text[max(0, found.start() - 80):found.end() + 80]}..."


# --- the files ------------------------------------------------------------------------------------------

def test_roster_counts_by_hand():
    people = rows(ROSTER)
    assert len(people) == 22 and len({p["name"] for p in people}) == 22
    province = collections.Counter(p["former_province"] for p in people)
    assert province == {"Central": 5, "Rift Valley": 5, "Eastern": 4, "Western": 2, "Nyanza": 2, "Coast": 2,
                        "North Eastern": 1, "unknown": 1}
    ethnicity = collections.Counter(p["ethnicity"] for p in people)
    assert ethnicity["Luhya"] == 3 and ethnicity["unknown"] == 5
    assert sorted(v for v in ethnicity if "|" in v) == ["Kalenjin|Sengwer", "Mijikenda|Pokomo"]

    table = cabinet.representation(cabinet.load_user_roster(ROSTER), by="ethnicity").set_index("group")
    assert table.at["Luhya", "count"] == 3
    # Kalenjin: Chirchir known; at most he, Murkomen (Kalenjin|Sengwer) and the five unknown
    assert (table.at["Kalenjin", "count"], table.at["Kalenjin", "count_max"]) == (1, 7)
    assert table.at["disputed", "count"] == 2 and table.at["unknown", "count"] == 5


def test_every_stated_tag_has_its_source():
    people = {p["name"]: p for p in rows(ROSTER)}
    cited = rows(SOURCES)
    assert {c["person"] for c in cited} <= set(people)
    by_cell = collections.defaultdict(set)
    for c in cited:
        assert c["url"].startswith(("http://", "https://")) and c["quote"] and c["inferred"] in ("yes", "no")
        by_cell[(c["person"], c["column"])].add(c["value"])
    for name, p in people.items():
        for column in ("ethnicity", "county"):
            if p[column] == "unknown":
                assert not by_cell[(name, column)] - {"unknown"}, (name, column)
            else:  # one row per candidate value, so a dispute cites both pages
                assert by_cell[(name, column)] == set(p[column].split("|")), (name, column)
        urls = {c["url"] for c in cited if c["person"] == name and c["column"] == "ethnicity"}
        if p["source_ethnicity"] != "none":
            assert set(p["source_ethnicity"].split("|")) == urls, name


def test_baselines_add_up():
    prov = population(PROVINCES)
    assert len(prov) == 8 and sum(prov.values()) == 47_564_255
    shares = {g: v / sum(prov.values()) for g, v in prov.items()}
    assert sum(shares.values()) == pytest.approx(1.0, abs=1e-12)
    eth = population(ETHNICITY)
    assert len(eth) == 46 and sum(eth.values()) == 47_564_296  # the census total: 45 groups and the rest
    assert eth["Other"] == 47_564_296 - sum(v for g, v in eth.items() if g != "Other") == 655_913

    table = cabinet.representation(cabinet.load_user_roster(ROSTER), by="former_province", baseline=PROVINCES)
    groups = table[table["status"] == "group"].set_index("group")
    assert groups["baseline_share"].sum() == pytest.approx(1.0, abs=1e-12)
    for g, share in shares.items():
        assert groups.at[g, "baseline_share"] == pytest.approx(share, rel=1e-12)


def test_p_values_against_scipy():
    code, out, err = run("gaps", "--roster", ROSTER, "--by", "former_province", "--baseline", PROVINCES,
                         "--format", "csv")
    assert code == 0, err
    t = pd.read_csv(io.StringIO(out)).set_index("group")
    prov = population(PROVINCES)
    total = sum(prov.values())
    central, nairobi = prov["Central"] / total, prov["Nairobi"] / total
    # Central: 5 known of 22, 6 at most (Chirchir's province is unknown)
    assert t.at["Central", "p_ge_count"] == pytest.approx(stats.binom.sf(4, 22, central), rel=1e-9)
    assert t.at["Central", "p_ge_count_max"] == pytest.approx(stats.binom.sf(5, 22, central), rel=1e-9)
    assert t.at["Nairobi", "p_le_count"] == pytest.approx(stats.binom.pmf(0, 22, nairobi), rel=1e-9)
    assert t.at["Central", "p_ge_count"] == pytest.approx(0.1007, abs=5e-4)

    code, out, err = run("gaps", "--roster", ROSTER, "--by", "ethnicity", "--baseline", ETHNICITY, "--format", "csv")
    assert code == 0, err
    t = pd.read_csv(io.StringIO(out)).set_index("group")
    eth = population(ETHNICITY)
    luhya = eth["Luhya"] / sum(eth.values())
    assert t.at["Luhya", "p_ge_count"] == pytest.approx(stats.binom.sf(2, 22, luhya), rel=1e-9)
    # the Sengwer, not named by the census figures quoted, are counted against the rest of the population
    residual = t[t["status"] == "residual"]
    assert len(residual) == 1 and residual["baseline_share"].iloc[0] == pytest.approx(655_913 / 47_564_296)


def test_compare_leaves_out_the_people_both_rosters_hold():
    code, out, err = run("compare", ROSTER, NOMINEES, "--by", "ethnicity", "--format", "csv")
    assert code == 0, err
    t = pd.read_csv(io.StringIO(out)).set_index("group")
    shared = {p["name"] for p in rows(ROSTER)} & {p["name"] for p in rows(NOMINEES)}
    assert len(shared) == 9
    assert (t["n_shared"] == 9).all() and (t["n_a"] == 22 - 9).all() and (t["n_b"] == 20 - 9).all()
    # Luhya: Mudavadi, Namwamba, Nakhumicha of the 13 against Barasa and Oparanya of the 11
    assert (t.at["Luhya", "count_a"], t.at["Luhya", "count_b"]) == (3, 2)
    # complete cases: 8 of the 13 have a known ethnicity (the five unknown are not shared), all 11 of the other
    assert t.at["Luhya", "diff_complete"] == pytest.approx(3 / 8 - 2 / 11, abs=5e-4)
    assert t.at["Luhya", "p_complete"] == pytest.approx(stats.fisher_exact([[3, 8 - 3], [2, 11 - 2]])[1], rel=1e-9)


# --- nothing Afghan on any output -----------------------------------------------------------------------

def test_outputs_speak_only_of_kenya(tmp_path):
    outputs = {}
    for name, argv in {
        "validate": ("validate", ROSTER, NOMINEES),
        "gaps province": ("gaps", "--roster", ROSTER, "--by", "former_province", "--baseline", PROVINCES),
        "gaps ethnicity": ("gaps", "--roster", ROSTER, "--by", "ethnicity", "--baseline", ETHNICITY, "--format", "csv"),
        "gaps county": ("gaps", "--roster", ROSTER, "--by", "county"),
        "indices": ("indices", "--roster", ROSTER, "--by", "former_province", "--baseline", PROVINCES,
                    "--draws", "2000"),
        "compare": ("compare", ROSTER, NOMINEES, "--by", "ethnicity"),
        "charts": ("charts", "--roster", ROSTER, "--by", "former_province", "--baseline", PROVINCES,
                   "--out", tmp_path, "--format", "svg"),
    }.items():
        code, out, err = run(*argv)
        assert code == 0, (name, err)
        outputs[name] = out + err
    svgs = sorted(tmp_path.glob("*.svg"))
    assert [p.name for p in svgs] == ["disproportionality_former_province.svg", "gap_former_province.svg"]
    for p in svgs:
        text = p.read_text(encoding="utf-8")
        outputs[p.name] = text
        assert "Source: the roster given (cabinet.csv)" in re.sub(r"\s+", " ", text)
    for where, text in outputs.items():
        no_afghan_word(text, where)
    for p in HERE.iterdir():  # the example's own files
        no_afghan_word(p.read_text(encoding="utf-8"), p.name)


def test_readme_counts_of_known_unknown_and_disputed_tags():
    """The README's table of stated, inferred, unknown and disputed tags, counted from the files."""
    people = rows(ROSTER)
    cited = rows(SOURCES)
    inferred = {(c["person"], c["column"]) for c in cited if c["inferred"] == "yes"}

    def tally(column):
        out = collections.Counter()
        for p in people:
            value = p[column]
            if value == "unknown":
                out["unknown"] += 1
            elif "|" in value:
                out["disputed"] += 1
            elif column == "former_province" or (p["name"], column) in inferred:
                out["inferred"] += 1  # every former province is read from a county (or from 'central Kenya')
            else:
                out["stated"] += 1
        return out

    readme = re.sub(r"\s+", " ", (HERE / "README.md").read_text(encoding="utf-8"))
    for column in ("ethnicity", "county", "former_province"):
        t = tally(column)
        assert sum(t.values()) == 22
        row = re.search(rf"\| `{column}` \| (\d+) \| (\d+)[^|]* \| (\d+)[^|]* \| (\d+)", readme)
        assert row, column
        assert tuple(map(int, row.groups())) == (t["stated"], t["inferred"], t["unknown"], t["disputed"]), column
    kinds = collections.Counter(c["kind"] for c in cited if c["column"] == "county" and c["value"] != "unknown")
    assert (kinds["birth"], kinds["home"], kinds["from"]) == (6, 3, 11)
    assert "a birthplace for 6" in readme and "a home for 3" in readme and "for the other 11" in readme
    eth = population(ETHNICITY)
    listed = sum(v for g, v in eth.items() if g != "Other")
    assert f"The 45 groups hold {listed:,} people" in readme and f"`Other` ({eth['Other']:,})" in readme


# --- the guide page shows real output ---------------------------------------------------------------------

GUIDE = HERE.parents[1] / "docs" / "guide" / "own_cabinet.md"
SIZES = re.compile(r" \(\d+ kB\)|\d+ KiB")


def _lines(text):
    return [line.rstrip() for line in text.strip("\n").splitlines()]


def guide_blocks():
    text = GUIDE.read_text(encoding="utf-8")
    consoles = re.findall(r"```console\n\$ (cabinet [^\n]*)\n(.*?)```", text, re.S)
    python = re.findall(r"```python\n(.*?)```\n\n```text\n(.*?)```", text, re.S)
    return consoles, python


def test_guide_commands_print_what_the_guide_shows(tmp_path, monkeypatch):
    import contextlib
    import shlex

    monkeypatch.chdir(HERE.parents[1])  # the guide's commands run from the root of the repository
    consoles, python = guide_blocks()
    assert [shlex.split(c)[1] for c, _ in consoles] == ["validate", "gaps", "charts", "compare", "indices"]
    for command, shown in consoles:
        argv = shlex.split(command)[1:]
        if argv[0] == "charts":  # into a scratch folder, named 'figures' as in the guide; sizes vary with fonts
            out_dir = tmp_path / "figures"
            argv[argv.index("--out") + 1] = str(out_dir)
            code, out, err = run(*argv)
            assert code == 0, err
            got = SIZES.sub("", (out + err).replace(str(out_dir), "figures"))
            assert _lines(got) == _lines(SIZES.sub("", shown)), command
            continue
        code, out, err = run(*argv)
        assert code == 0, (command, err)
        assert _lines(out + err) == _lines(shown), command
    # the guide's sentences: Central's surplus turns on its one unknown; no index is far from random cabinets
    gaps = cabinet.representation(cabinet.load_user_roster(ROSTER), by="former_province", baseline=PROVINCES)
    central = gaps.set_index("group").loc["Central"]
    assert central["p_ge_count_max"] < 0.05 < central["p_ge_count"]
    code, out, err = run("indices", "--roster", ROSTER, "--by", "former_province", "--baseline", PROVINCES,
                         "--format", "csv")
    assert code == 0, err
    assert pd.read_csv(io.StringIO(out))["p_min"].min() > 0.05
    assert len(python) == 1
    code, shown = python[0]
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, str(GUIDE), "exec"), {})
    assert _lines(printed.getvalue()) == _lines(shown)


def test_write_charts_takes_the_roster_as_a_file_or_a_frame(tmp_path):
    """write_charts takes a roster of any body as the resolver does (a file or a DataFrame): the same files
    either way, the charts that fit any roster; without by= it says what it needs."""
    from cabinet.report import write_charts

    base = HERE / "population_province.csv"
    by_file = write_charts(tmp_path / "file", formats=("svg",), roster=str(HERE / "cabinet.csv"),
                           by="former_province", baseline=str(base))
    by_frame = write_charts(tmp_path / "frame", formats=("svg",), roster=cabinet.load_user_roster(HERE / "cabinet.csv"),
                            by="former_province", baseline=str(base))
    assert by_file["chart"].tolist() == by_frame["chart"].tolist() == ["gap_former_province",
                                                                       "disproportionality_former_province"]
    for a, b in zip(by_file["path"], by_frame["path"]):
        assert Path(a).read_bytes() == Path(b).read_bytes()
    with pytest.raises(ValueError, match="needs by="):
        write_charts(tmp_path / "x", roster=str(HERE / "cabinet.csv"))
