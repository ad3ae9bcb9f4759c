"""The codebook for people and datapackage.json must not drift apart."""

import re

from cabinet import datapackage as dp


def _sections():
    text = (dp.data_dir() / "codebook.md").read_text(encoding="utf-8")
    parts = re.split(r"^## `([^`]+)`.*$", text, flags=re.M)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}, text


def test_every_table_has_a_section_and_no_extra_ones():
    sections, _ = _sections()
    assert set(sections) == {dp.resource(n)["path"] for n in dp.resource_names()}


def test_every_column_and_category_is_documented():
    sections, _ = _sections()
    for name in dp.resource_names():
        body = sections[dp.resource(name)["path"]]
        documented = re.findall(r"^\| `([^`]+)` \|", body, flags=re.M)
        assert documented == dp.field_names(name), name
        for f in dp.resource(name)["schema"]["fields"]:
            row = next(line for line in body.splitlines() if line.startswith(f"| `{f['name']}` |"))
            for value in f.get("constraints", {}).get("enum", []):
                assert f"`{value}`" in row, (name, f["name"], value)
            if f.get("cabinet:disputable"):
                assert "disputable" in row, (name, f["name"])


def test_every_network_code_is_explained():
    _, text = _sections()
    for code in dp.enum("appointees", "network"):
        assert re.search(rf"^\| `{code}` \| \S", text, flags=re.M), code
