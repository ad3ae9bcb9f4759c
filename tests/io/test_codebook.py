"""The codebook for people and datapackage.json must not drift apart."""

import re

from cabinet.io import datapackage as dp

WIDE = "wide form"


def _sections():
    text = (dp.data_dir() / "codebook.md").read_text(encoding="utf-8")
    parts = re.split(r"^## `([^`]+)`.*$", text, flags=re.M)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}, text


def test_every_table_has_a_section_and_no_extra_ones():
    sections, _ = _sections()
    assert set(sections) == {dp.resource(n)["path"] for n in dp.resource_names()} | {WIDE}


def _check(body, fields, where):
    documented = re.findall(r"^\| `([^`]+)` \|", body, flags=re.M)
    assert documented == [f["name"] for f in fields], where
    for f in fields:
        row = next(line for line in body.splitlines() if line.startswith(f"| `{f['name']}` |"))
        for value in f.get("constraints", {}).get("enum", []):
            assert f"`{value}`" in row, (where, f["name"], value)
        if f.get("cabinet:tag"):
            assert "disputable" in row, (where, f["name"])
        if f.get("cabinet:tag") == "plural":
            assert "plural" in row, (where, f["name"])


def test_every_column_and_category_is_documented():
    sections, _ = _sections()
    for name in dp.resource_names():
        _check(sections[dp.resource(name)["path"]], dp.resource(name)["schema"]["fields"], name)
    _check(sections[WIDE], dp.roster_schema()["fields"], WIDE)


def test_every_network_code_and_source_class_is_explained():
    _, text = _sections()
    for code in dp.enum("appointees", "network"):
        assert re.search(rf"^\| `{code}` \| \S", text, flags=re.M), code
    for cls in dp.field("sources", "class")["constraints"]["enum"]:
        assert re.search(rf"^\| `{cls}` \| \S", text, flags=re.M), cls


def test_the_loaded_columns_are_the_wide_form():
    assert dp.field_names("appointees") == [f["name"] for f in dp.roster_schema()["fields"]]
    assert dp.field_names("later_appointments") == dp.field_names("appointees")
    assert "source_ids" in dp.field_names("provinces") and "source_ids" not in dp.stored_field_names("provinces")
