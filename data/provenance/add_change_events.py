"""Add one dated event per announcement date of the appointments from 2022 on (events.csv, event_sources.csv).

Each event states in words how many later_appointments.csv rows it dates (tests/test_loaders.py counts them)
and cites the sources of those appointments. Run from the repository root after integrate_later_changes.py;
it refuses to run twice.
"""

import csv
import io
from collections import defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"

WORDS = {
    "2022-09-20": "A new acting minister of education is named",
    "2022-10-18": "A new acting minister of higher education is named",
    "2022-11-19": "Latest day the sources allow for three appointments known from Administrative Office items "
                  "without a year (the heads of the National Examination Authority and of the Administrative "
                  "Office, a deputy minister of refugees)",
    "2022-12-22": "First dated report of a new acting agriculture minister in post",
    "2023-01-22": "The public works minister moves to labour and a new public works minister is introduced",
    "2023-03-21": "The finance minister is made head of the central bank",
    "2023-05-16": "A caretaker head of government is named while the prime minister is ill",
    "2023-05-31": "Latest day the sources allow for the new finance minister (May 2023)",
    "2024-05-28": "The health minister is replaced and the interior ministry's administrative deputy changes",
    "2024-07-06": "A decree moves the heads of mines, the central bank, the Red Crescent, the environmental "
                  "agency and the disaster authority",
    "2024-09-18": "A new head of the national statistics authority is introduced",
    "2025-01-09": "The former deputy prime minister is made refugees minister",
    "2025-08-14": "Latest day the sources allow for the swap of the communications and urban development ministers",
    "2026-01-08": "The ministers of water and energy and of rural rehabilitation swap posts",
    "2026-02-14": "The transport minister and the first deputy defence minister swap posts",
}


def read(name):
    with open(DATA / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def write(name, rows, fields):
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    tmp = DATA / (name + ".tmp")
    tmp.write_text(buf.getvalue(), encoding="utf-8")
    tmp.replace(DATA / name)


events, links = read("events.csv"), read("event_sources.csv")
assert not any(e["date"] >= "2022" for e in events), "already added"
later = [r for r in read("later_appointments.csv") if r["announced"] >= "2022"]
facts = read("later_facts.csv")
values = ("province", "district", "ethnicity", "tribe", "network", "iran_aligned", "un_listed", "un_ref", "affiliation")
own = defaultdict(list)  # the sources each appointment cites for itself
for f in facts:
    if not any(f[v] for v in values) and f["source_id"] not in own[f["appointment_id"]]:
        own[f["appointment_id"]].append(f["source_id"])
by_date = defaultdict(list)
for r in later:
    by_date[r["announced"]].append(r["appointment_id"])
assert set(by_date) == set(WORDS), set(by_date) ^ set(WORDS)
for date in sorted(by_date):
    eid = "appointments_" + date.replace("-", "")
    events.append({"event_id": eid, "date": date,
                   "description": f"{WORDS[date]} ({len(by_date[date])} in later_appointments.csv)."})
    for sid in dict.fromkeys(s for a in by_date[date] for s in own[a]):
        links.append({"event_id": eid, "source_id": sid})
write("events.csv", events, ["event_id", "date", "description"])
write("event_sources.csv", links, ["event_id", "source_id"])
