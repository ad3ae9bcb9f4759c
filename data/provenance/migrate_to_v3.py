"""One-off conversion of the data package from the wide form of version 0.2.0 to the long form (data model v3).

Reads the wide tables as they were at version 0.2.0 (kept in tests/fixtures/v0.2.0) and the reference
tables of data/, and writes:

- appointees.csv, later_appointments.csv: identity and post columns, inferred_fields restricted to them, notes;
- appointee_facts.csv, later_facts.csv: one row per (appointment, value, source); a row with no value
  cites a source for the appointment itself (the old source_ids);
- <table>_sources link tables for the ';'-lists of source ids of the reference tables.

Every province and district of version 0.2.0 becomes kind `from` (stated): the kind had not been re-read.
Run from the repository root: python tools/migrate_to_v3.py
"""

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OLD = ROOT / "tests" / "fixtures" / "v0.2.0"
DATA = ROOT / "data"

IDENTITY = ["appointment_id", "person_id", "name", "name_variants", "post", "position_class", "body", "announced"]
FACT_COLUMNS = ["appointment_id", "kind", "province", "district", "ethnicity", "tribe", "network", "iran_aligned",
                "un_listed", "un_ref", "affiliation", "period_start", "period_end", "source_id", "inferred", "note"]
TAGS = [("province", "province_sources"), ("district", "district_sources"), ("ethnicity", "ethnicity_sources"),
        ("tribe", "tribe_sources"), ("network", "network_sources"), ("iran_aligned", "iran_aligned_sources"),
        ("un_listed", "un_sources"), ("affiliation", "affiliation_sources")]


def read(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def write(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: r.get(k, "") for k in header})


def ids(cell):
    return [i for i in cell.split(";") if i]


def convert_appointments(name):
    rows = read(OLD / f"{name}.csv")
    identity, facts = [], []
    for r in rows:
        inferred = [c for c in r["inferred_fields"].split(";") if c]
        keep = [c for c in inferred if c in IDENTITY + ["notes"]]
        identity.append({**{c: r[c] for c in IDENTITY}, "inferred_fields": ";".join(keep), "notes": r["notes"]})
        yes_sources = []
        for col, scol in TAGS:
            value = r[col]
            if value in ("unknown", "not_applicable", ""):
                continue
            groups = r[scol].split("|")
            cands = value.split("|")
            assert len(groups) == len(cands), (r["appointment_id"], col)
            for cand, group in zip(cands, groups):
                for sid in ids(group):
                    fact = {"appointment_id": r["appointment_id"], col: cand, "source_id": sid,
                            "inferred": "yes" if col in inferred else "no"}
                    if col in ("province", "district"):
                        fact["kind"] = "from"
                    facts.append(fact)
                if col == "un_listed" and cand == "yes":
                    yes_sources = ids(group)
        if r["un_ref"]:
            assert yes_sources, r["appointment_id"]
            for sid in yes_sources:
                facts.append({"appointment_id": r["appointment_id"], "un_ref": r["un_ref"], "source_id": sid,
                              "inferred": "yes" if "un_ref" in inferred else "no"})
        for sid in ids(r["source_ids"]):
            facts.append({"appointment_id": r["appointment_id"], "source_id": sid, "inferred": "no"})
    return identity, facts


def split_sources(name, key):
    path = DATA / f"{name}.csv"
    rows = read(path)
    header = list(rows[0].keys()) if rows else []
    links = []
    for r in rows:
        for sid in ids(r.pop("source_ids")):
            links.append({**{k: r[k] for k in key}, "source_id": sid})
    write(path, [h for h in header if h != "source_ids"], rows)
    return links


def main():
    if not (DATA / "provinces.csv").is_file():
        sys.exit("run from a checkout")
    ident_cols = IDENTITY + ["inferred_fields", "notes"]
    for name, facts_name in (("appointees", "appointee_facts"), ("later_appointments", "later_facts")):
        identity, facts = convert_appointments(name)
        write(DATA / f"{name}.csv", ident_cols, identity)
        write(DATA / f"{facts_name}.csv", FACT_COLUMNS, facts)
    for name, key, link in (("provinces", ["province"], "province_sources"),
                            ("tribes", ["tribe"], "tribe_sources"),
                            ("hazarajat_districts", ["province", "district"], "hazarajat_district_sources"),
                            ("ethnic_estimates", ["estimate_id", "group"], "ethnic_estimate_sources"),
                            ("events", ["event_id"], "event_sources")):
        if not (DATA / f"{link}.csv").exists():
            write(DATA / f"{link}.csv", key + ["source_id"], split_sources(name, key))


if __name__ == "__main__":
    main()
