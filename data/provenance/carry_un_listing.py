"""Read UN 1988 listing on the day of the appointments of 2022 to September 2024 from the list copies.

The copies of the UN consolidated list dated 20 March 2020 and 26 September 2024 bracket every
appointment announced between those dates. Where both copies give the same status (and reference) for a
man, the status on the day of such an appointment is read from them, as the 2021 rows are (an inference
from continuity, so `inferred` is yes). Appointments after 26 September 2024 have no later copy and stay
unknown. Run from the repository root after integrate_later_changes.py; it refuses to run twice.
"""

import csv
import io
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
COPIES = ("un-consolidated-20200320-xml", "un-consolidated-20240926-xml")
FIRST, LAST = "2020-03-20", "2024-09-26"


def read(name):
    with open(DATA / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


appointees, later = read("appointees.csv"), read("later_appointments.csv")
afacts, lfacts = read("appointee_facts.csv"), read("later_facts.csv")
person = {r["appointment_id"]: r["person_id"] for r in appointees + later}
assert not any(f["appointment_id"] >= "L053" and f["un_listed"] for f in lfacts), "already done"

# status and reference per person from the two copies, over every appointment of 2021
status = {}
for f in afacts + [f for f in lfacts if f["appointment_id"] < "L053"]:
    if f["source_id"] in COPIES and (f["un_listed"] or f["un_ref"]):
        field = "un_listed" if f["un_listed"] else "un_ref"
        status.setdefault(person[f["appointment_id"]], {}).setdefault((field, f["source_id"]), set()).add(f[field])

added = []
for r in later:
    if r["appointment_id"] < "L053" or not (FIRST <= r["announced"] <= LAST):
        continue
    got = status.get(r["person_id"], {})
    for field in ("un_listed", "un_ref"):
        values = [got.get((field, c), set()) for c in COPIES]
        if all(len(v) == 1 for v in values) and values[0] == values[1]:
            value = next(iter(values[0]))
            for c in COPIES:
                row = {k: "" for k in lfacts[0]}
                row.update(appointment_id=r["appointment_id"], source_id=c, inferred="yes", **{field: value})
                row["note"] = (f"The UN list copies of 20 Mar 2020 and 26 Sep 2024 both give {field} {value}; "
                               f"status on {r['announced']} is read from the bracket.")
                added.append(row)
buf = io.StringIO()
w = csv.DictWriter(buf, fieldnames=list(lfacts[0]), lineterminator="\n")
w.writeheader()
w.writerows(lfacts + added)
tmp = DATA / "later_facts.csv.tmp"
tmp.write_text(buf.getvalue(), encoding="utf-8")
tmp.replace(DATA / "later_facts.csv")
print(f"{len(added)} rows for {len({a['appointment_id'] for a in added})} appointments")
