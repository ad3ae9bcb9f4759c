"""The standard's reference validator (frictionless-py 5) and ours agree (issue 13).

- The bundled package: `frictionless validate data/datapackage.json` reports it valid, and so does
  `cabinet.validate()`.
- A corpus of broken and harmless files: each case changes one file of a copy of the package; the
  reference validator checks that resource (with its foreign keys into the rest of the package) and
  ours checks that file. Both must give the expected verdict.
- The rules of ours that Table Schema cannot state (codebook.md, "How the data are stored"): copies
  carrying one violation of each are accepted by the reference validator and rejected by ours, with
  exactly those problems. Two readings differ on purpose: white space only in a required cell, and a
  NUL character.
"""

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import cabinet
from cabinet import DataError
from cabinet.io import datapackage as dp

frictionless = pytest.importorskip("frictionless")


# --- the two validators ----------------------------------------------------------------------------


def reference_errors(folder: Path, resource: str | None = None) -> list[str]:
    """Error types the reference validator reports for one resource (or the whole package)."""
    package = frictionless.Package(str(folder / "datapackage.json"))
    report = package.get_resource(resource).validate() if resource else package.validate()
    return [e.type for e in report.errors] + [e.type for t in report.tasks for e in t.errors]


def our_problems(target: Path) -> list:
    try:
        cabinet.validate([target])
    except DataError as err:
        return err.problems
    return []


# --- editing a copy ----------------------------------------------------------------------------------


def rows_of(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def write_rows(path, rows, **kw):
    buf = io.StringIO()
    csv.writer(buf, lineterminator=kw.pop("lineterminator", "\n"), **kw).writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8", newline="")


def set_cell(column, value, where=None):
    """A mutation: set ``column`` of the first row matching ``where`` (a dict column -> value)."""
    def edit(path):
        rows = rows_of(path)
        h = rows[0]
        for r in rows[1:]:
            if all(r[h.index(c)] == v if v is not None else r[h.index(c)] != "" for c, v in (where or {}).items()):
                r[h.index(column)] = value
                break
        else:
            raise AssertionError(f"no row of {path.name} matches {where}")
        write_rows(path, rows)
    return edit


def duplicate_row(k=1):
    def edit(path):
        rows = rows_of(path)
        rows.insert(k + 1, list(rows[k]))
        write_rows(path, rows)
    return edit


def transform_rows(fn):
    def edit(path):
        write_rows(path, fn(rows_of(path)))
    return edit


def transform_bytes(fn):
    def edit(path):
        path.write_bytes(fn(path.read_bytes()))
    return edit


def drop_column(column):
    def fn(rows):
        j = rows[0].index(column)
        return [r[:j] + r[j + 1:] for r in rows]
    return transform_rows(fn)


def add_column(name):
    return transform_rows(lambda rows: [rows[0] + [name]] + [r + [""] for r in rows[1:]])


def swap_columns(a, b):
    def fn(rows):
        i, j = rows[0].index(a), rows[0].index(b)
        out = []
        for r in rows:
            r = list(r)
            r[i], r[j] = r[j], r[i]
            out.append(r)
        return out
    return transform_rows(fn)


def blank_line(path):
    text = path.read_text(encoding="utf-8")
    first, rest = text.split("\n", 2)[:2], text.split("\n", 2)[2]
    path.write_text("\n".join(first) + "\n\n" + rest, encoding="utf-8")


def short_row(path):
    rows = rows_of(path)
    rows[2] = rows[2][:-1]
    write_rows(path, rows)


def padded_notes(path):
    rows = rows_of(path)
    j = rows[0].index("notes")
    rows[1][j] = "  " + rows[1][j] + " "
    write_rows(path, rows)


def quote_all(path):
    write_rows(path, rows_of(path), quoting=csv.QUOTE_ALL)


def crlf(path):
    write_rows(path, rows_of(path), lineterminator="\r\n")


def reverse_rows(path):
    rows = rows_of(path)
    write_rows(path, rows[:1] + rows[1:][::-1])


def awkward_text(path):
    rows = rows_of(path)
    j = rows[0].index("note")
    rows[1][j] = 'He said "yes, of course";\nthen left. Kābul, کابل, 100 %'
    write_rows(path, rows)


F = "appointee_facts.csv"
BROKEN = {
    "enum: ethnicity not a code": (F, set_cell("ethnicity", "Pashtoon", {"ethnicity": None})),
    "enum: case of a code": (F, set_cell("ethnicity", "pashtun", {"ethnicity": "Pashtun"})),
    "enum: white space around a code": (F, set_cell("ethnicity", " Pashtun", {"ethnicity": "Pashtun"})),
    "enum: position class": ("appointees.csv", set_cell("position_class", "minster", {"position_class": "minister"})),
    "enum: kind": (F, set_cell("kind", "raised", {"kind": "from"})),
    "enum: inferred": (F, set_cell("inferred", "maybe")),
    "enum: source class": ("sources.csv", set_cell("class", "blog")),
    "enum and foreign key: province": (F, set_cell("province", "Atlantis", {"province": None})),
    "province spelling variant": (F, set_cell("province", "Hilmand", {"province": "Helmand"})),
    "foreign key: source id in facts": (F, set_cell("source_id", "no-such-source")),
    "foreign key: source id in a link table": ("province_sources.csv", set_cell("source_id", "no-such-source")),
    "foreign key: appointment id": ("later_facts.csv", set_cell("appointment_id", "L999")),
    "foreign key: tribe": (F, set_cell("tribe", "Martians", {"tribe": None})),
    "foreign key: copy_of": ("sources.csv", set_cell("copy_of", "no-such-source")),
    "foreign key: composite key of a link table": ("hazarajat_district_sources.csv", set_cell("district", "Nowhere")),
    "foreign key: tally source": ("published_tallies.csv", set_cell("source_id", "no-such-source")),
    "date: impossible day": ("appointees.csv", set_cell("announced", "2021-02-30")),
    "date: not a date": ("events.csv", set_cell("date", "7 September 2021")),
    "date: out of range": ("later_appointments.csv", set_cell("announced", "2031-01-05")),
    "enum: departure event": ("departures.csv", set_cell("event", "fired", {"event": "dismissed"})),
    "date: departure before the cabinet": ("departures.csv", set_cell("date", "2021-08-15")),
    "duplicate key: one post left twice": ("departures.csv", set_cell("appointment_id", "S17", {"appointment_id": "S11"})),
    "foreign key: departure source": ("departure_sources.csv", set_cell("source_id", "no-such-source")),
    "foreign key: departure of a link row": ("departure_sources.csv", set_cell("departure_id", "D999")),
    "pattern: appointment id": ("appointees.csv", set_cell("appointment_id", "S 01")),
    "pattern: UN reference": (F, set_cell("un_ref", "TAi.12", {"un_ref": None})),
    "pattern: inferred_fields": ("appointees.csv", set_cell("inferred_fields", "province")),
    "pattern: source date": ("sources.csv", set_cell("date", "September 2021")),
    "duplicate key: appointment id": ("appointees.csv", set_cell("appointment_id", "S01", {"appointment_id": "S02"})),
    "duplicate key: source id": ("sources.csv", duplicate_row(3)),
    "duplicate key: composite": ("province_sources.csv", duplicate_row(2)),
    "required value missing": (F, set_cell("source_id", "")),
    "integer: not a number": ("provinces.csv", set_cell("population_nsia_1398", "12,345")),
    "integer: period out of range": (F, set_cell("period_start", "1850")),
    "number: out of range": ("ethnic_estimates.csv", set_cell("share_high", "120")),
    "header: missing column": (F, drop_column("note")),
    "header: extra column": ("tribes.csv", add_column("region")),
    "header: columns out of order": ("events.csv", swap_columns("date", "description")),
    "row: a field missing": ("tribes.csv", short_row),
    "row: a blank line": ("event_sources.csv", blank_line),
    "file: separated by semicolons": ("tribe_sources.csv", transform_bytes(lambda b: b.replace(b",", b";"))),
    "file: not UTF-8": ("tribes.csv", transform_bytes(lambda b: b.replace("Durrani".encode(), b"Durr\xe4ni", 1))),
    "file: empty": ("events.csv", transform_bytes(lambda b: b"")),
    # the movement's cadre pool (issue 18)
    "enum: pool post type": ("movement_pool.csv", set_cell("post_type", "governor", {"post_type": "shadow_governor"})),
    "enum: pool dating": ("movement_pool.csv", set_cell("dating", "probably_before")),
    "pattern: pool id": ("movement_pool.csv", set_cell("pool_id", "P1")),
    "foreign key: pool id of a fact": ("movement_facts.csv", set_cell("pool_id", "P999")),
    "foreign key: province of a post": ("movement_pool.csv", set_cell("post_province", "Atlantis",
                                                                      {"post_province": None})),
    "integer: fighters not a number": ("movement_manpower.csv", set_cell("fighters_low", "about 55,000")),
}

HARMLESS = {
    "line endings CRLF": (F, crlf),
    "byte-order mark": ("appointees.csv", transform_bytes(lambda b: b"\xef\xbb\xbf" + b)),
    "every field quoted": ("later_facts.csv", quote_all),
    "commas, quotes, line breaks and other scripts in a note": (F, awkward_text),
    "white space around free text": ("appointees.csv", padded_notes),
    "rows in another order": ("later_facts.csv", reverse_rows),
    "empty optional cells": (F, set_cell("note", "")),
    "a date without leading zeros": ("events.csv", set_cell("date", "2021-9-7", {"date": "2021-09-07"})),
    "unchanged": ("sources.csv", lambda path: None),
}


def _case(tmp_path, file, mutate):
    folder = tmp_path / "data"
    shutil.copytree(dp.data_dir(), folder)
    mutate(folder / file)
    name = next(n for n in dp.resource_names() if dp.resource(n)["path"] == file)
    return reference_errors(folder, name), our_problems(folder / file)


@pytest.mark.parametrize("case", list(BROKEN))
def test_both_validators_reject_the_broken_file(tmp_path, case):
    ref, ours = _case(tmp_path, *BROKEN[case])
    assert ref, f"the reference validator accepted: {case}"
    assert ours, f"our validator accepted: {case} (the reference reported {ref})"
    for p in ours:  # and ours says where, as always
        assert p.file and (p.line is not None or p.column is not None or "empty" in p.message), str(p)


@pytest.mark.parametrize("case", list(HARMLESS))
def test_both_validators_accept_the_harmless_file(tmp_path, case):
    ref, ours = _case(tmp_path, *HARMLESS[case])
    assert not ref, f"the reference validator rejected {case}: {ref}"
    assert not ours, f"our validator rejected {case}: {[str(p) for p in ours]}"


def test_the_bundled_package_is_valid_for_both():
    assert reference_errors(dp.data_dir()) == []
    cabinet.validate()


def test_the_reference_command_line_reports_the_package_valid():
    exe = Path(sys.executable).with_name("frictionless")
    if not exe.is_file():
        pytest.skip("the frictionless command is not installed beside this Python")
    run = subprocess.run([str(exe), "validate", str(dp.data_dir() / "datapackage.json"), "--json"],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert json.loads(run.stdout)["valid"] is True


def test_the_rules_beyond_the_standard_are_the_only_differences(tmp_path):
    """One copy with one violation of each rule Table Schema cannot state: the reference accepts it,
    ours names each violation."""
    folder = tmp_path / "data"
    shutil.copytree(dp.data_dir(), folder)
    values = ["province", "district", "country", "ethnicity", "tribe", "network", "iran_aligned", "un_listed", "un_ref",
              "affiliation"]
    # 1. an appointment without a source for itself
    rows = rows_of(folder / F)
    h = rows[0]
    rows = [r for r in rows if not (r[h.index("appointment_id")] == "S05" and not any(r[h.index(v)] for v in values))]
    write_rows(folder / F, rows)
    # 2. an event without a source
    rows = rows_of(folder / "event_sources.csv")
    write_rows(folder / "event_sources.csv", [r for r in rows if r[0] != "press_conference"])
    # 2b. a departure without a source
    rows = rows_of(folder / "departure_sources.csv")
    write_rows(folder / "departure_sources.csv", [r for r in rows if r[0] != "D019"])
    # 3. a column-level source of the descriptor that sources.csv lacks
    desc = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    prov = next(r for r in desc["resources"] if r["name"] == "provinces")
    next(f for f in prov["schema"]["fields"] if f.get("cabinet:sources"))["cabinet:sources"].append("no-such-source")
    (folder / "datapackage.json").write_text(json.dumps(desc, indent=2), encoding="utf-8")

    assert reference_errors(folder) == []
    with pytest.raises(DataError) as info:
        cabinet.validate([folder])
    messages = [p.message for p in info.value.problems]
    assert any("'S05' has no source for itself" in m for m in messages), messages
    assert any("press_conference" in str(p.value) and "has no source" in p.message for p in info.value.problems)
    assert any("column-level source id" in m for m in messages), messages
    assert any("D019" in str(p.value) and "has no source" in p.message for p in info.value.problems)
    assert len(info.value.problems) == 4, [str(p) for p in info.value.problems]


def test_departures_name_known_appointments_beyond_the_standard(tmp_path):
    """5. A departure points at one of two appointments tables, which a foreign key cannot state: one naming
    no known appointment, one dated before its appointment, one moving to another man's appointment."""
    folder = tmp_path / "data"
    shutil.copytree(dp.data_dir(), folder)
    rows = rows_of(folder / "departures.csv")
    h = rows[0]
    for r in rows[1:]:
        if r[0] == "D010":
            r[h.index("appointment_id")] = "L999"
        if r[0] == "D020":
            r[h.index("date")] = "2021-09-08"  # L018 was announced on 2021-10-04
        if r[0] == "D025":
            r[h.index("next_appointment_id")] = "L078"  # Hamidullah Akhundzada's, not Fazl's
    write_rows(folder / "departures.csv", rows)
    assert reference_errors(folder) == []
    with pytest.raises(DataError) as info:
        cabinet.validate([folder])
    problems = {p.column: p for p in info.value.problems}
    assert len(info.value.problems) == 3 and set(problems) == {"appointment_id", "date", "next_appointment_id"}
    unknown = problems["appointment_id"]
    assert (unknown.value, unknown.line) == ("L999", 11)  # D010 is data row 10, line 11
    assert "appointees.csv or later_appointments.csv" in unknown.allowed
    assert unknown.file.endswith("departures.csv")
    assert (problems["date"].value, problems["date"].allowed) == ("2021-09-08", "a date on or after 2021-10-04")
    assert problems["next_appointment_id"].value == "L078" and "fazl_mohammad" in problems["next_appointment_id"].allowed


def test_a_place_abroad_names_no_afghan_province_beyond_the_standard(tmp_path):
    """6. A facts row with a country (a place abroad) and an Afghan province, and a place without its country:
    each column is valid alone, so the reference accepts them; ours names both."""

    def mutate(path):
        rows = rows_of(path)
        h = rows[0]
        abroad = [r for r in rows[1:] if r[h.index("country")]]
        abroad[0][h.index("province")] = "Paktia"
        abroad[1][h.index("country")] = ""
        write_rows(path, rows)

    ref, ours = _case(tmp_path, F, mutate)
    assert ref == [] and len(ours) == 2, [str(p) for p in ours]
    assert {p.column for p in ours} == {"province", "place"}
    assert all(p.file.endswith(F) and p.line and p.allowed for p in ours)


def test_one_persons_tags_agree_across_tables_beyond_the_standard(tmp_path):
    """4. One person, appointed twice, with a network on one appointment only: a rule across two tables."""
    folder = tmp_path / "data"
    shutil.copytree(dp.data_dir(), folder)
    later = cabinet.io.load_later_appointments()
    again = later.loc[later["person_id"].isin(cabinet.io.load_appointees()["person_id"]), "appointment_id"].iloc[0]
    rows = rows_of(folder / "later_facts.csv")
    h = rows[0]
    rows.append([{"appointment_id": again, "network": "northern", "source_id": rows[1][h.index("source_id")],
                  "inferred": "no"}.get(c, "") for c in h])
    write_rows(folder / "later_facts.csv", rows)
    assert reference_errors(folder) == []
    with pytest.raises(DataError) as info:
        cabinet.validate([folder])
    assert [p.column for p in info.value.problems] == ["network"], [str(p) for p in info.value.problems]
    assert "person" in info.value.problems[0].message


@pytest.mark.parametrize("what,mutate", [
    ("white space only in a required free-text cell", set_cell("name", "   ")),
    ("a NUL character", transform_bytes(lambda b: b.replace(b"Acting", b"Act\x00ing", 1))),
])
def test_documented_differences_of_reading(tmp_path, what, mutate):
    """Two readings differ on purpose (codebook.md): the standard accepts these, ours rejects them."""
    ref, ours = _case(tmp_path, "appointees.csv", mutate)
    assert not ref and ours, (what, ref, ours)
