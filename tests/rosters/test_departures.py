"""The departures table: its contents counted by hand, and clear errors for bad rows."""

import csv
import io
import shutil

import pandas as pd
import pytest

import cabinet
from cabinet import DataError
from cabinet.io import datapackage as dp


def test_the_bundled_departures_by_hand():
    d = cabinet.rosters.load_departures()
    assert len(d) == 30 and list(d["departure_id"]) == [f"D{i:03d}" for i in range(1, 31)]
    # events counted from data/departures.csv: replaced D003 D007 D018; ended D009; dismissed D010 D028; died D019;
    # resigned D027; the other 22 are moves
    assert d["event"].value_counts().to_dict() == {"moved": 22, "replaced": 3, "dismissed": 2, "ended": 1, "died": 1,
                                                   "resigned": 1}
    assert (d["source_ids"] != "").all()
    # a move names the new post where the data hold it: D002 (Munir to Dar al-Ifta) and D030 (Abdul Bari Omar to
    # the power company) are the moves without, both to posts below the roster's level
    moves = d[d["event"] == "moved"]
    assert list(moves.loc[moves["next_appointment_id"] == "", "departure_id"]) == ["D002", "D030"]
    # dates read as the latest the sources allow: D004 D005 D008 D018 D021 D022 D028 D029 D030
    assert list(d.loc[d["date_inferred"] == "yes", "departure_id"]) == ["D004", "D005", "D008", "D018", "D021", "D022",
                                                                       "D028", "D029", "D030"]
    # departures that are our reading of the sources: D009 D016, and D028 (unnamed sources), D029 (identity), D030
    assert list(d.loc[d["inferred"] == "yes", "departure_id"]) == ["D009", "D016", "D028", "D029", "D030"]


def test_every_departure_source_names_a_source_of_the_package():
    known = set(cabinet.io.load_sources()["source_id"])
    cited = {s for cell in cabinet.rosters.load_departures()["source_ids"] for s in cell.split(";")}
    assert cited <= known and len(cited) >= 30


def _copy(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(dp.data_dir(), folder)
    return folder


def _edit(path, departure_id, **cells):
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    h = rows[0]
    for r in rows[1:]:
        if r[0] == departure_id:
            for col, value in cells.items():
                r[h.index(col)] = value
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def _problems(path):
    with pytest.raises(DataError) as info:
        cabinet.rosters.load_departures(path)
    return info.value.problems


def test_a_departure_naming_an_unknown_appointment(tmp_path):
    path = _copy(tmp_path) / "departures.csv"
    _edit(path, "D019", appointment_id="S34")  # D019 is data row 19: line 20
    [p] = _problems(path)
    assert (p.line, p.column, p.value) == (20, "appointment_id", "S34")
    assert p.file.endswith("departures.csv") and "D019" in p.message
    assert p.allowed == "an appointment_id of appointees.csv or later_appointments.csv"
    assert p.closest is not None  # a near id is suggested


def test_a_departure_dated_before_its_appointment(tmp_path):
    path = _copy(tmp_path) / "departures.csv"
    _edit(path, "D010", date="2021-09-20")  # L004 (Ibad) was announced on 2021-09-21
    [p] = _problems(path)
    assert (p.line, p.column, p.value) == (11, "date", "2021-09-20")
    assert p.allowed == "a date on or after 2021-09-21" and "L004" in p.message


def test_a_move_to_another_mans_post_or_without_a_move(tmp_path):
    path = _copy(tmp_path) / "departures.csv"
    _edit(path, "D013", next_appointment_id="L067")  # Badri leaves L061; L067 is Delawar's
    _edit(path, "D019", next_appointment_id="L072")  # a death names no next post
    problems = _problems(path)
    assert [(p.line, p.column, p.value) for p in problems] == [(14, "next_appointment_id", "L067"),
                                                               (20, "next_appointment_id", "L072")]
    assert "badri_hidayatullah" in problems[0].allowed and "'moved'" in problems[1].allowed


def test_a_departure_without_a_source(tmp_path):
    folder = _copy(tmp_path)
    links = (folder / "departure_sources.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (folder / "departure_sources.csv").write_text("".join(x for x in links if not x.startswith("D026,")),
                                                  encoding="utf-8")
    [p] = _problems(folder / "departures.csv")
    assert "D026" in p.value and "has no source" in p.message and p.file.endswith("departure_sources.csv")


def test_an_event_outside_the_codes(tmp_path):
    path = _copy(tmp_path) / "departures.csv"
    _edit(path, "D010", event="sacked")
    [p] = _problems(path)
    assert (p.line, p.column, p.value) == (11, "event", "sacked") and "dismissed" in p.allowed


def test_the_roster_reads_the_departures_it_is_given(tmp_path):
    folder = _copy(tmp_path)
    _edit(folder / "departures.csv", "D019", date="2025-06-30")  # Khalil Haqqani's death moved to mid-2025
    kwargs = dict(path=folder / "appointees.csv", later_path=folder / "later_appointments.csv")
    assert "haqqani_khalil_ur_rahman" in set(cabinet.load_roster(as_of="2025-01-01", **kwargs)["person_id"])
    assert "haqqani_khalil_ur_rahman" not in set(cabinet.load_roster(as_of="2025-06-30", **kwargs)["person_id"])
    assert pd.Timestamp("2025-06-30") in cabinet.change_dates(**kwargs)
