"""Bring the re-reading of the sources (research rounds r33a, r33b, rla, rlb) into the facts tables.

Run once from the repository root, after tools/migrate_to_v3.py. For each appointment and field
(province, district, ethnicity, tribe, network):

- a source the round re-read for that field replaces what the tables held from that source for that
  field: its rows, each with the kind of fact the source states (birth, origin, from; member for
  networks), the period of a dated membership, whether the code is our reading (inferred) and a note
  on what the source says. A place the source gives only as where he lived, worked or was raised
  (kind `based`) is no home: it is dropped here and kept in the research notes;
- a source the tables cited that the round found not to name the person, or not to state the value,
  is dropped (REMOVE, with the reason);
- facts the round recorded but that we do not take (SKIP, with the reason) stay out;
- every other fact stays as it was: places of earlier readings keep kind `from`, except those of a
  sanctions list, which states a place of birth in a field of its own (kind `birth`).

District names are written in one spelling per place (SPELLING); the source's own spelling is kept
in the note where it differs. The facts of a person appointed twice are united, so that both
appointments carry the same personal facts.
"""

import csv
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
STAGING = Path("/work/staging")
ROUNDS = ("r33a", "r33b", "rla", "rlb")
FIELDS = ("province", "district", "ethnicity", "tribe", "network")
COLUMNS = ["appointment_id", "kind", "province", "district", "ethnicity", "tribe", "network", "iran_aligned",
           "un_listed", "un_ref", "affiliation", "period_start", "period_end", "source_id", "inferred", "note"]

#: One spelling per district (variants of the sources -> the spelling the tables use).
SPELLING = {
    "Nad-e-Ali": "Nad Ali", "Panjwayi": "Panjwai", "Arghistan": "Arghestan", "Shahjoe": "Shahjoy",
    "Shajoie": "Shahjoy", "Shajoy": "Shahjoy", "Dehrawad": "Deh Rawood", "Dehrawood": "Deh Rawood",
    "Deh Rahwod": "Deh Rawood", "Charchno": "Char Chino", "Caher Cineh": "Char Chino", "Tirin Kot": "Tirinkot",
    "Yaftali Pain": "Yaftal-e Sufla (Lower Yaftal)",
}

#: Appointments matched to a UN entry by name and career, not by a source: every fact drawn from the
#: UN entry stays an inference (it falls if the identification falls).
UN_IDENTITY_INFERRED = {"S16", "L029", "L030", "L040"}

#: Tribe names in the spelling of tribes.csv.
TRIBES = {"Nurzai": "Noorzai"}

#: Facts of the rounds not taken, with the reason.
SKIP = {
    ("S21", "network", None): "two ties, not memberships: a reposted blog profile ('closely linked to the Haqqani "
                              "network') and Taand (one of the emir's closest companions); neither states membership",
    ("S22", "province", "globaldigitalspot-2021-gitmo-cabinet"): "the page names Shahjoy, a district of Zabul, and "
                              "puts it in Uruzgan: its district agrees with every other source, its province is a slip",
    ("L004", "network", "hindustantimes-20210924-non-inclusive"): "one blanket sentence on six appointees, with no "
                              "evidence, against descriptions of a physician with no Taliban background",
    ("L005", "network", "hindustantimes-20210924-non-inclusive"): "as for L004",
    ("L006", "network", "hindustantimes-20210924-non-inclusive"): "as for L004",
    ("L004", "province", "rahapress-20210921-rest-of-cabinet"): "the sentence garbles who replaced whom and puts "
                              "Panjshir beside his name; EFE calls him a Pashtun; no second source",
    ("L035", "network", None): "the article names 'Gul Zarin Kochi', a September appointee; that he is the head of "
                              "Kuchi affairs of 23 November is itself unsourced, and a faction label is no membership",
    ("L042", "network", None): "a non-Taliban politician: no source places him in a Taliban network",
    ("L052", "network", None): "the Taliban military council is a central body of the movement, not a faction",
}
#: Finer skips: (appointment, field, value, source).
SKIP_VALUE = {
    ("L045", "network", "peshawar_shura", "iswnews-20230507-mullah-shirin"): "the source places the leadership "
        "council he sat on in Peshawar; it does not name the Peshawar regional shura, and four sources name the "
        "Quetta shura",
}

#: Sources the tables cited that do not name the person or do not state the value.
REMOVE = {
    ("S05", "province", "samaa-202109-ethnicity-not-concept"): "calls Paktia the Haqqani network's stronghold "
        "without placing him",
    ("S06", "ethnicity", "usip-202109-five-questions"): "a cabinet-wide count that names nobody",
    ("S07", "ethnicity", "usip-202109-five-questions"): "a cabinet-wide count that names nobody",
    ("S08", "ethnicity", "afghanpeacewatch-20200605-khost-province"): "a tribe list for Khost that does not name him",
    ("S08", "ethnicity", "pashtunvalley-201103-khost-province"): "a tribe list for Khost that does not name him",
    ("S17", "network", "samaa-202109-ethnicity-not-concept"): "says only that he is from Kandahar city; no network",
    ("L023", "network", "samaa-202109-ethnicity-not-concept"): "the same page: from Kandahar city, no network",
    ("S20", "province", "ufuqnews-nd-mei-taliban-pashtun"): "lists the post among officials from Kandahar, not the man",
    ("S20", "province", "irafnews-nd-mei-ethnic-composition"): "reports the same study: the post, not the man",
    ("S23", "network", "entrepreneurpaths-20210916-shadows"): "speaks of 'the intelligence chief' and never names him",
    ("L001", "network", None): "describes a Panjshiri businessman; no source places him in a Taliban network",
    ("L002", "network", None): "describes a Baghlan businessman; no Taliban network",
    ("L003", "network", None): "describes a trader from Sar-e Pol; no Taliban network",
    ("L007", "network", "afghanbios-2020-hezb-e-walayat"): "a pro-Iran splinter 'believed to include supporters of "
        "Sadr': a tie to Iran, not membership of the Mashhad office",
    ("L007", "network", "islamabadtelegraph-202303-saddar-ibrahim"): "calls him an IRGC asset in Helmand: a tie, not "
        "membership of the Mashhad office",
    ("L037", "ethnicity", "nps-nd-ethnic-genealogies"): "says the Andar are a Ghilzai sub-tribe and names no person",
    ("L041", "province", "alain-2016-akhtar-mansour"): "is about his father, Akhtar Mansour; it does not name him",
    ("L041", "ethnicity", "alain-2016-akhtar-mansour"): "is about his father; it does not name him",
    ("L041", "tribe", "alain-2016-akhtar-mansour"): "is about his father; it does not name him",
}


def read(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def write(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: r.get(k, "") for k in header})


def period(text):
    text = (text or "").strip()
    if not text:
        return "", ""
    m = re.fullmatch(r"(\d{4})?\s*(-)?\s*(\d{4})?", text)
    if not m:
        raise ValueError(text)
    a, dash, b = m.groups()
    if not dash:
        return a, a
    return a or "", b or ""


def skipped(r):
    key = (r["subject_id"], r["field"])
    for k in ((*key, r["source_id"]), (*key, None)):
        if k in SKIP and SKIP[k]:
            return SKIP[k]
    return SKIP_VALUE.get((*key, r["value"], r["source_id"]))


def removed(aid, field, sid):
    return REMOVE.get((aid, field, sid)) or REMOVE.get((aid, field, None))


def main():
    sources = read(DATA / "sources.csv")
    by_url = {s["url"]: s["source_id"] for s in sources}
    known = {s["source_id"] for s in sources}
    sanctions = {s["source_id"] for s in sources if s["class"] == "sanctions"}
    staged_sources, rename = {}, {}
    for d in ROUNDS:
        for s in read(STAGING / d / "sources.csv"):
            if s["url"] in by_url and s["source_id"] not in known:
                rename[s["source_id"]] = by_url[s["url"]]  # the same page under another id
                continue
            staged_sources[s["source_id"]] = s
    staged = []
    for d in ROUNDS:
        for r in read(STAGING / d / "facts.csv"):
            r["source_id"] = rename.get(r["source_id"], r["source_id"])
            staged.append(r)
    reread = {(r["subject_id"], r["field"], r["source_id"]) for r in staged}

    new_sources = []
    for facts_name in ("appointee_facts", "later_facts"):
        rows = read(DATA / f"{facts_name}.csv")
        kept = []
        for r in rows:
            aid = r["appointment_id"]
            field = next((f for f in FIELDS if r[f]), None)
            if field is not None:
                if (aid, field, r["source_id"]) in reread or removed(aid, field, r["source_id"]):
                    continue
                if field == "district":
                    r["district"] = SPELLING.get(r["district"], r["district"])
                if field in ("province", "district") and r["kind"] == "from" and r["source_id"] in sanctions:
                    r["kind"] = "birth"  # a sanctions list states a place of birth (its own field)
            kept.append(r)
        ids = {r["appointment_id"] for r in rows}
        added = []
        for s in staged:
            if s["subject_id"] not in ids or s["field"] not in FIELDS:
                continue
            if s["kind"] == "based" or skipped(s) or removed(s["subject_id"], s["field"], s["source_id"]):
                continue
            value = TRIBES.get(s["value"], s["value"]) if s["field"] == "tribe" else s["value"]
            note = s["evidence"].strip()
            if s["field"] == "district" and value in SPELLING:
                note = (note + f" (spelled '{value}' in the source)").strip()
                value = SPELLING[value]
            start, end = period(s["period"]) if s["field"] == "network" else ("", "")
            inferred = s["inferred"].strip() == "yes" or (
                s["subject_id"] in UN_IDENTITY_INFERRED and s["source_id"].startswith("un-"))
            fact = {"appointment_id": s["subject_id"], s["field"]: value, "source_id": s["source_id"],
                    "inferred": "yes" if inferred else "no", "note": note,
                    "period_start": start, "period_end": end}
            if s["field"] in ("province", "district"):
                fact["kind"] = s["kind"]
            added.append(fact)
            if s["source_id"] not in known:
                new_sources.append(s["source_id"])
        # tagged rows first (in file order: kept, then the re-read ones), appointment sources stay where they were
        out = []
        for aid in dict.fromkeys(r["appointment_id"] for r in rows):
            out += [r for r in kept if r["appointment_id"] == aid and any(r[f] for f in COLUMNS[2:11])]
            out += [r for r in added if r["appointment_id"] == aid]
            out += [r for r in kept if r["appointment_id"] == aid and not any(r[f] for f in COLUMNS[2:11])]
        write(DATA / f"{facts_name}.csv", COLUMNS, out)

    unite_people()

    for sid in dict.fromkeys(new_sources):
        s = staged_sources[sid]
        sources.append({"source_id": sid, "title": s["title"], "publisher": s["publisher"], "date": s["date"],
                        "url": s["url"], "class": s["class"], "copy_of": "", "wire": s.get("wire", "")})
        known.add(sid)
    write(DATA / "sources.csv", list(sources[0].keys()), sources)


def unite_people():
    """Give every appointment of a person appointed twice the union of the person's facts."""
    tables = {n: read(DATA / f"{n}.csv") for n in ("appointees", "later_appointments")}
    person = {r["appointment_id"]: r["person_id"] for t in tables.values() for r in t}
    facts = {n: read(DATA / f"{n}.csv") for n in ("appointee_facts", "later_facts")}
    personal = {}
    for rows in facts.values():
        for r in rows:
            if any(r[f] for f in FIELDS):
                key = tuple(r[c] for c in COLUMNS[1:13]) + (r["source_id"],)
                personal.setdefault(person[r["appointment_id"]], {}).setdefault(key, r)
    twice = {p for p in personal if sum(1 for v in person.values() if v == p) > 1}
    for name, rows in facts.items():
        out = []
        for aid in dict.fromkeys(r["appointment_id"] for r in rows):
            mine = [r for r in rows if r["appointment_id"] == aid]
            p = person[aid]
            if p in twice:
                have = {tuple(r[c] for c in COLUMNS[1:13]) + (r["source_id"],) for r in mine}
                extra = [{**r, "appointment_id": aid} for k, r in personal[p].items() if k not in have]
                tagged = [r for r in mine if any(r[f] for f in COLUMNS[2:11])]
                rest = [r for r in mine if not any(r[f] for f in COLUMNS[2:11])]
                mine = tagged + extra + rest
            out += mine
        write(DATA / f"{name}.csv", COLUMNS, out)


if __name__ == "__main__":
    main()
