"""The fast CSV path (pandas' C parser) reads exactly what the csv module reads, or steps aside.

``cabinet.io.csv_files._read_fast`` is taken only when the bytes prove that the C
parser and :mod:`csv` agree on the file. These tests build files of every kind
of cell the two might read differently (quotes in every position, separators
and line breaks inside quoted cells, short and long rows, blank lines, white
space, carriage returns) and check that whenever the fast path answers, its
header, rows, line numbers and white-space flag equal those of the csv path,
and that it does answer on the plain files a long roster is made of.
"""

import csv
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from cabinet.io.csv_files import _padded, _read_fast, _with_line_numbers, read_csv_bytes

PLAIN = st.text(alphabet=st.sampled_from(list('ab ,"|') + ["é"]), max_size=6)
ODD = st.text(alphabet=st.sampled_from(list('ab ,;"\n\r\t|') + ["\u00a0", "é"]), max_size=6)
CELL = st.one_of(PLAIN, PLAIN, PLAIN, ODD)
ROW = st.lists(CELL, min_size=1, max_size=5)


ANSWERED: list[int] = []  # files on which the fast path answered, counted by the property test


def _csv_path(data: bytes):
    text = data.decode("utf-8-sig")
    delimiter = "," if "," in text.split("\n", 1)[0] or ";" not in text.split("\n", 1)[0] else ";"
    problems = []
    return _with_line_numbers(text, delimiter, problems), problems


def _encode(header, rows, *, quote_all, terminator):
    out = io.StringIO(newline="")
    out.write(",".join(header) + terminator)
    writer = csv.writer(out, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL, lineterminator=terminator)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _pad(data: bytes, width: int) -> bytes:
    """Enough plain rows to pass the fast path's minimum size."""
    filler = ",".join(["x"] * width).encode() + b"\n"
    return data + filler * (1100 // len(filler) + 1)


@settings(max_examples=600, deadline=None)
@given(width=st.integers(1, 4), rows=st.lists(ROW, min_size=1, max_size=8), quote_all=st.booleans(),
       terminator=st.sampled_from(["\n", "\r\n"]),
       raw_tail=st.one_of(st.just(""), st.sampled_from(["\n", "a,b\n", 'a"b,c\n', '"a"b,c\n', "a\n", "a,b,c,d,e,f\n",
                                                         "\n\n", 'x,"y\nz"\n'])))
def test_the_fast_path_reads_what_the_csv_module_reads(width, rows, quote_all, terminator, raw_tail):
    header = [f"h{j}" for j in range(width)]
    rows = [(r + [""] * width)[:width] if i % 4 != 3 else r for i, r in enumerate(rows)]  # mostly the header's width
    data = _pad(_encode(header, rows, quote_all=quote_all, terminator=terminator), width)
    data += raw_tail.encode()
    fast = _read_fast(data, "f.csv")
    if fast is None:
        return
    ANSWERED.append(1)
    (header_c, rows_c, lines_c, blank_c), problems = _csv_path(data)
    assert not problems and not blank_c
    assert fast.header == header_c
    assert fast.rows == rows_c
    assert list(fast.lines) == lines_c
    assert all(len(r) == width for r in rows_c)
    slow_padded = any(v != v.strip() for r in [header_c, *rows_c] for v in r)
    assert fast.padded or not slow_padded


def test_the_property_test_exercised_the_fast_path():
    """The property above is not vacuous: the fast path answered on a good share of its files."""
    assert len(ANSWERED) >= 60, len(ANSWERED)


def test_the_fast_path_answers_on_a_plain_long_file():
    rows = [[f"Person {i}", "Kandahar|Uruzgan", "Pashtun"] for i in range(200)]
    data = _encode(["name", "province", "ethnicity"], rows, quote_all=False, terminator="\n")
    fast = _read_fast(data, "f.csv")
    assert fast is not None and fast.frame is not None
    assert fast.rows == rows and list(fast.lines) == list(range(2, 202)) and fast.padded is False


def test_the_fast_path_answers_with_quoted_cells_and_doubled_quotes():
    rows = [[f"Person, {i}", 'said "hi"', ""] for i in range(100)]
    data = _encode(["name", "note", "empty"], rows, quote_all=False, terminator="\r\n")
    fast = _read_fast(data, "f.csv")
    assert fast is not None
    assert fast.rows == rows


def test_the_fast_path_steps_aside_where_only_the_csv_path_can_say_what_is_wrong():
    plain = _encode(["a", "b"], [["x", "y"]] * 300, quote_all=False, terminator="\n")
    assert _read_fast(plain, "f.csv") is not None
    for bad in (plain + b"x\n",            # a short row, which the C parser would fill with an empty cell
                plain + b"x,y,z\n",        # a long row
                plain + b'"x"y,z\n',        # text after a closing quote, which the C parser would glue on
                plain + b'x"y,z\n',         # a quote inside an unquoted cell
                plain + b"\nx,y\n",         # a blank line
                plain + b'"x\ny",z\n',      # a line break inside a quoted cell: line numbers must be counted
                plain + b"x,\xff\n",        # not UTF-8
                plain + b"x,\x00\n"):       # a NUL
        assert _read_fast(bad, "f.csv") is None, bad[-12:]
        assert read_csv_bytes(bad, "f.csv").frame is None


def test_white_space_flag():
    assert _padded(b"a,b\nx,y\n", ",") is False
    for padded in (b"a,b\n x,y\n", b"a,b\nx ,y\n", b"a,b\nx,y \r\n", b'a,b\n"x ",y\n', b"a;b\nx; y\n",
                   b"a,b\nx,\xc2\xa0y\n", b"a,b\nx,y\xe2\x80\x83\n", b"a,b\nx,y\t"):
        assert _padded(padded, ";" if b";" in padded else ","), padded
    assert _padded(b"a,b\nx y,z\xe2\x80\x94\n", ",") is False  # inner spaces and an em dash are no padding


def test_a_long_file_parsed_by_its_path_while_its_bytes_are_checked(tmp_path):
    """Files of _OVERLAP_BYTES or more are parsed in a thread during the byte checks; the result is the same, and a
    file the checks refuse still goes to the csv path, which names the line."""
    from cabinet.io.csv_files import _OVERLAP_BYTES, read_csv

    rows = [[f"Person {i}", "Kandahar|Uruzgan", 'said "hi", twice' if i % 7 == 0 else "Pashtun"] for i in range(160_000)]
    plain = _encode(["name", "province", "note"], rows, quote_all=False, terminator="\n")
    assert len(plain) > _OVERLAP_BYTES
    path = tmp_path / "long.csv"
    path.write_bytes(plain)
    raw = read_csv(path)
    assert raw.frame is not None and not raw.problems
    assert raw.rows[-1] == rows[-1] and raw.rows[7] == rows[7] and list(raw.lines[:2]) == [2, 3]
    path.write_bytes(plain + b"x,y\n")  # a short row: the csv path reads it, for the checker to name
    raw = read_csv(path)
    assert raw.frame is None and raw.rows[-1] == ["x", "y"] and raw.lines[-1] == len(rows) + 2
    path.write_bytes(plain + b'"x"y,z,w\n')  # text after a closing quote: a problem with its line
    raw = read_csv(path)
    assert raw.frame is None
    assert [(p.line, "cannot be parsed as CSV" in p.message) for p in raw.problems] == [(len(rows) + 2, True)]
