"""Hostile input: random mutations of valid files either load exactly or raise DataError naming line and column.

Nothing else may escape: no KeyError, no UnicodeDecodeError, no pandas error.
"""

import csv
import io
import warnings

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cabinet
from cabinet import DataError, NormalisationWarning

DATA = cabinet.io.datapackage.data_dir()
# The 33 as a roster in the wide form a user would write (province and district as stated home).
_COLS = [c for c in cabinet.io.datapackage.field_names("appointees") if not c.startswith(("birth_", "origin_", "stated_"))]
_ROWS = list(csv.reader(io.StringIO(cabinet.io.load_appointees()[_COLS].to_csv(index=False, date_format="%Y-%m-%d"))))
HEADER, BODY = _ROWS[0], _ROWS[1:]
COL = {c: j for j, c in enumerate(HEADER)}
KNOWN_SOURCE = cabinet.io.load_sources()["source_id"].iloc[0]
FREE_TEXT = ["notes", "name_variants", "post", "body", "name"]

BENIGN = ["bom", "crlf", "quote_all", "whitespace", "comma_quote", "long_field", "newline_in_field", "variant"]
BREAKING = ["drop_column", "rename_column", "duplicate_column", "bad_province", "bad_ethnicity", "bad_source",
            "duplicate_id", "bad_date", "non_utf8", "empty_file"]


def _serialise(header, body, *, bom=False, crlf=False, quote_all=False) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n" if crlf else "\n", quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    w.writerow(header)
    w.writerows(body)
    return (("\ufeff" if bom else "") + buf.getvalue()).encode("utf-8")


def _line_of(body, k):
    """Physical line where data row k starts (header is line 1)."""
    return 2 + k + sum(cell.count("\n") for row in body[:k] for cell in row)


mutation = st.tuples(st.sampled_from(BENIGN + BREAKING), st.integers(0, len(BODY) - 1), st.integers(0, 10**6))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(mutation, min_size=1, max_size=3, unique_by=lambda m: m[0]))
def test_mutated_roster_loads_exactly_or_names_every_problem(tmp_path_factory, mutations):
    folder = tmp_path_factory.mktemp("m")
    header, body = list(HEADER), [list(r) for r in BODY]
    opts = {}
    expect = []          # (line, column) that a problem must name
    expect_norm = []     # (row index, column) that must be reported as normalised
    expect_value = {}    # (row index, column) -> value after loading
    raw_bytes = None
    kinds = {m[0] for m in mutations}
    # header mutations last, and a copy of a column only after any column is dropped
    order = {"drop_column": 1, "rename_column": 2, "duplicate_column": 3}
    for kind, k, seed in sorted(mutations, key=lambda m: order.get(m[0], 0)):
        if kind in ("bom", "crlf", "quote_all"):
            opts[kind] = True
        elif kind == "whitespace":
            col = FREE_TEXT[seed % len(FREE_TEXT)] if seed % 2 else "position_class"
            if body[k][COL[col]]:
                body[k][COL[col]] = "  " + body[k][COL[col]] + "\t"
                expect_norm.append((k, col))
        elif kind == "comma_quote":
            body[k][COL["notes"]] = 'He said "yes, of course", then left; 100% sure'
            expect_value[(k, "notes")] = body[k][COL["notes"]]
        elif kind == "long_field":
            body[k][COL["notes"]] = "x" * (10_000 + seed % 90_000)
            expect_value[(k, "notes")] = body[k][COL["notes"]]
        elif kind == "newline_in_field":
            body[k][COL["notes"]] = "first line\nsecond line"
            expect_value[(k, "notes")] = body[k][COL["notes"]]
        elif kind == "variant":
            if body[k][COL["province"]] in ("Helmand", "Kandahar", "Paktia"):
                variant = {"Helmand": "Hilmand", "Kandahar": "Qandahar", "Paktia": "Paktya"}[body[k][COL["province"]]]
                expect_value[(k, "province")] = body[k][COL["province"]]
                body[k][COL["province"]] = variant
                expect_norm.append((k, "province"))
        elif kind == "bad_province":
            body[k][COL["province"]], body[k][COL["province_sources"]] = "Atlantis", KNOWN_SOURCE
            expect.append((k, "province"))
        elif kind == "bad_ethnicity":
            body[k][COL["ethnicity"]], body[k][COL["ethnicity_sources"]] = "Martian", KNOWN_SOURCE
            expect.append((k, "ethnicity"))
        elif kind == "bad_source":
            body[k][COL["source_ids"]] = "no-such-source-" + str(seed)
            expect.append((k, "source_ids"))
        elif kind == "duplicate_id":
            other = (k + 1) % len(body)
            body[other][COL["appointment_id"]] = body[k][COL["appointment_id"]]
            expect += [(k, "appointment_id"), (other, "appointment_id")]
        elif kind == "bad_date":
            body[k][COL["announced"]] = ["yesterday", "2021-02-30", "07/09/2021", "2021-09-7x"][seed % 4]
            expect.append((k, "announced"))
        elif kind == "drop_column":
            col = ["province", "ethnicity", "post", "network"][seed % 4]
            j = header.index(col)
            header.pop(j)
            for row in body:
                row.pop(j)
            expect.append((None, col))
        elif kind == "rename_column":
            j = header.index("tribe")
            header[j] = "tribes"
            expect += [(None, "tribes"), (None, "tribe")]
        elif kind == "duplicate_column":
            # a second copy of a column that is still there (a dropped "notes" re-added is a move, not a copy)
            dup = "notes" if "notes" in header else "name"
            header.append(dup)
            for row in body:
                row.append("")
            expect.append((None, dup))
    data = _serialise(header, body, **opts)
    if "non_utf8" in kinds:
        cut = data.index(b"\n", data.index(b"\n") + 1) + 1  # start of line 3
        data = data[:cut] + b"S99,caf\xe9" + data[cut:]
        raw_bytes = True
    if "empty_file" in kinds:
        data = b""
    path = folder / "appointees.csv"
    for name in ("sources.csv", "provinces.csv", "tribes.csv"):
        (folder / name).write_bytes((DATA / name).read_bytes())
    path.write_bytes(data)

    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", NormalisationWarning)
            frame = cabinet.io.load_appointees(path)
    except DataError as err:
        problems = err.problems
        assert problems, "a DataError must name at least one problem"
        assert all(p.file.endswith("appointees.csv") for p in problems)
        if "empty_file" in kinds:
            assert any("empty" in p.message for p in problems)
            return
        if raw_bytes:
            assert any("UTF-8" in p.message and p.line == 3 for p in problems)
            return
        header_changed = kinds & {"drop_column", "rename_column", "duplicate_column"}
        for k, col in expect:
            if k is None:
                assert any(p.line == 1 and p.column == col for p in problems), (col, [str(p) for p in problems])
            elif col in header and not header_changed:
                line = _line_of(body, k)
                assert any(p.line == line and p.column == col for p in problems), (line, col, [str(p) for p in problems])
        for p in problems:
            assert p.line is None or p.line >= 1
        return
    # it loaded: then nothing breaking was done, and every value is as intended
    assert not (kinds & set(BREAKING)), kinds
    original = _unmutated(folder)
    assert len(frame) == len(original)
    norm = pd.DataFrame(frame.attrs["normalised"], columns=["file", "line", "column", "original", "normalised", "reason"])
    for k, col in expect_norm:
        assert ((norm["line"] == _line_of(body, k)) & (norm["column"] == col)).any(), (k, col)
    if expect_norm:
        assert caught, "normalisations must be announced with a warning"
    for (k, col), value in expect_value.items():
        assert frame.at[k, col] == value
    untouched = [c for c in frame.columns if c not in {c for _, c in expect_value} | {c for _, c in expect_norm}]
    pd.testing.assert_frame_equal(frame[untouched], original[untouched], check_dtype=False)


def _unmutated(folder):
    path = folder / "unmutated.csv"
    path.write_bytes(_serialise(HEADER, BODY))
    return cabinet.io.load_appointees(path)


def test_header_only_is_an_empty_roster_not_an_error(tmp_path):
    path = tmp_path / "appointees.csv"
    path.write_text(",".join(HEADER) + "\n", encoding="utf-8")
    frame = cabinet.io.load_appointees(path)
    assert len(frame) == 0 and list(frame.columns) == cabinet.io.datapackage.field_names("appointees")
    with pytest.raises(ValueError, match="empty"):
        cabinet.representation(frame, "region")


def test_a_million_row_roster(tmp_path):
    # Build a compact but valid 10^6-row roster and load it whole: nothing dropped, values exact.
    n = 1_000_000
    provinces = ["Kandahar", "Kabul", "Helmand", "unknown", "Paktia", "Kandahar|Uruzgan", "Herat", "Bamyan"]
    template = {c: "unknown" for c in HEADER}
    template.update(name_variants="", post="Minister", position_class="minister", body="Ministry",
                    announced="2021-09-07", district_sources="", ethnicity_sources="", tribe_sources="",
                    network_sources="", iran_aligned_sources="", un_ref="", un_sources="", affiliation="taliban",
                    affiliation_sources=KNOWN_SOURCE, source_ids=KNOWN_SOURCE, inferred_fields="", notes="")
    parts = []
    for p in provinces:
        row = dict(template, province=p,
                   province_sources="" if p == "unknown" else (f"{KNOWN_SOURCE}|{KNOWN_SOURCE}" if "|" in p else KNOWN_SOURCE))
        parts.append(",".join(row[c] if c not in ("appointment_id", "person_id", "name") else "{%s}" % c
                              for c in HEADER))
    path = tmp_path / "appointees.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(",".join(HEADER) + "\n")
        for i in range(n):
            fh.write(parts[i % 8].format(appointment_id=f"X{i}", person_id=f"p{i}", name=f"Person {i}") + "\n")
    frame = cabinet.io.load_appointees(path)
    assert len(frame) == n
    assert frame["person_id"].iloc[-1] == f"p{n - 1}"
    assert (frame["province"].value_counts()["Kandahar|Uruzgan"]) == n // 8
    table = cabinet.representation(frame, "region")
    assert table["count"].sum() == n
