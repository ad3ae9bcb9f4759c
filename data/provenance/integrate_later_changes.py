"""Bring the reviewed research on the Taliban government after 2021 into the data package.

Reads research/taliban_later/ (changes, facts, sources) and writes, once:
new rows of data/later_appointments.csv (L053...) and data/later_facts.csv,
data/departures.csv and data/departure_sources.csv, and new rows of data/sources.csv.
The review decisions (what was kept, dropped or re-coded, and why) are written out below.
Run from the repository root; it refuses to run twice.
"""

import csv
import io
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
RESEARCH = ROOT / "research" / "taliban_later"


def read(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def write(path, rows, fields):
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({f: r.get(f, "") for f in fields})
    tmp = path.with_suffix(".tmp")
    tmp.write_text(buf.getvalue(), encoding="utf-8")
    tmp.replace(path)


def header(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return next(csv.reader(fh))


changes = {c["change_id"]: c for c in read(RESEARCH / "changes.csv")}
appointees = read(DATA / "appointees.csv")
later = read(DATA / "later_appointments.csv")
assert not any(r["appointment_id"] == "L053" for r in later), "already integrated"
afacts = read(DATA / "appointee_facts.csv")
lfacts = read(DATA / "later_facts.csv")

# ---------------------------------------------------------------------------
# New appointments: (new id, change id, existing appointment the person last held or None,
# announced, inferred_fields, notes). Names and variants from the change rows.
# ---------------------------------------------------------------------------
NEW = [
    ("L053", "T001", None, ""),
    ("L054", "T003", None, ""),
    ("L055", "T005", "S10", "announced"),
    ("L056", "T006", None, "announced"),
    ("L057", "T007", "L051", "announced"),
    ("L058", "T008", None, "announced"),
    ("L059", "T009", "S15", "announced"),
    ("L060", "T010", None, "announced"),
    ("L061", "T011", "S07", ""),
    ("L062", "T013", "L018", ""),
    ("L063", "T014", "L038", "announced"),
    ("L064", "T017", "S29", ""),
    ("L065", "T018", "S32", ""),
    ("L066", "T019", "L061", ""),
    ("L067", "T020", "L022", ""),
    ("L068", "T021", "L052", ""),
    ("L069", "T022", "L020", "person_id"),
    ("L070", "T023", "L021", ""),
    ("L071", "T024", None, "announced"),
    ("L072", "T027", "L018", ""),
    ("L073", "T029", "L050", "announced"),
    ("L074", "T030", "S16", "announced"),
    ("L075", "T031", "S18", ""),
    ("L076", "T032", "S20", ""),
    ("L077", "T033", "S28", ""),
    ("L078", "T034", "S19", ""),
]

NOTES = {
    "L053": "Named acting education minister by the leader's order, announced by Mujahid on Tuesday 20 Sep 2022 "
            "(Reuters, Khaama, AP); until then head of the Kandahar provincial ulema council. Afghanistan "
            "International dates the list to Wednesday 21 Sep. Replaced Noorullah Munir (S11).",
    "L054": "Kabul Now: Mujahid announced that Nadim, until then governor of Kabul, replaced Abdul Baqi Haqqani "
            "(S10) on the leader's order; Kabul Now gives the month, Wikipedia (citing Pajhwok of that day) the "
            "day, 18 Oct 2022, which Afghan Biographies' end date of Haqqani's term (20221018) matches.",
    "L055": "The Administrative Office reports that its head introduced the former higher education minister as "
            "acting head of the National Examination Authority on Saturday 24 Rabi al-Thani, no year given; "
            "24 Rabi II 1444 fell on Saturday 19 Nov 2022, and AVA (30 Nov 2022) says he had been given another "
            "high post. The date is the introduction, so announced is inferred (the latest day the sources allow).",
    "L056": "No appointment notice found. The earliest Administrative Office item naming him its head is the "
            "ceremony of Saturday 24 Rabi II (19 Nov 2022 by calendar conversion); the office's items of Sep 2024 "
            "still name him. announced is the latest day the sources allow. His predecessor Ahmad Jan Ahmady (S25) "
            "has no recorded departure: no source names him leaving.",
    "L057": "An undated Administrative Office item reports the introduction of the 'former acting minister of "
            "agriculture and livestock', Mawlawi Abdul Rahman Rashid, as deputy minister of refugees by the "
            "leader's order. The item's number (1162) lies between items of Mar 2022 (1016) and Nov 2022 (1328); "
            "announced is the latest day of that bracket, an inference from the site's numbering.",
    "L058": "No appointment notice found. YJC reports the acting agriculture minister Ataullah Omari arriving in "
            "Maimana on Thursday 1 Jadi, no year given (1 Jadi 1401 = Thursday 22 Dec 2022); Radio Bamyan has "
            "him in post on 11 Mizan 1402 (3 Oct 2023). announced is the latest day the sources allow. That he "
            "succeeded Rashid (L051) rests on Rashid being called the former agriculture minister. Not shown to be "
            "the Attaullah Omari named a corps commander in Oct 2021.",
    "L059": "Ariana News (Dari, undated) reports Mujahid's announcement that Omari moved from Public Works to "
            "Labour and Social Affairs. The day is that of his successor's introduction at Public Works "
            "(Sunday 29 Jumada II, = 22 Jan 2023), so announced is the latest day the sources allow. "
            "His predecessor at Labour is not named in these sources.",
    "L060": "Ariana News (Dari, undated): Mohammad Esa Thani, until then deputy minister of energy and water, took "
            "Public Works. The Administrative Office reports his introduction on Sunday 29 Jumada II (22 Jan 2023 "
            "by calendar conversion); the ministry's own item is dated 31 Jan 2023. Not the same man as Mohammad "
            "Esa Akhund (S17/L023).",
    "L061": "Kabul Now: Mujahid announced in a Pashto tweet on Tuesday that the finance minister would head the "
            "central bank (Sputnik via UrduPoint reports the tweet on 22 Mar 2023, so Tuesday 21 Mar 2023). "
            "Reuters (via EconoTimes) names Haji Mohammad Idris (S24) as his predecessor.",
    "L062": "Named caretaker head of government by the leader's decree while Hasan Akhund (S01) was ill. Ariana "
            "(via AOP News) has the confirmation late on Tuesday 16 May 2023; The News (citing Khaama) says the "
            "decree came on Wednesday 17 May. Samaa and Daily Pakistan call it a resignation of Hasan Akhund; EFE "
            "(17 Jul 2023) says the leader did not accept one. Temporary: ended when Hasan Akhund resumed work on "
            "17 Jul 2023 (departure D009). He kept his deputy prime minister's post (L018) meanwhile.",
    "L063": "Named finance minister by the leader's decree (TOLOnews via The Frontier Post); he had been deputy "
            "minister for revenue and customs at Finance (TOLO, Etilaatroz), the deputy finance minister of L038. "
            "The sources give May 2023 only (Urdu Tahzeeb report of 31 May), so announced is the latest day the "
            "sources allow. Same decree: Abdul Qahir Idris made deputy for revenue and customs.",
    "L064": "Named health minister by the leader's decree announced by Mujahid on X on Tuesday 28 May 2024, "
            "replacing Qalandar Ibad (L004); until then deputy minister of interior (S29).",
    "L065": "Same decree of 28 May 2024 (Afghanistan International): moved from administrative deputy of the "
            "intelligence directorate (S32) to administrative deputy minister of interior. The source does not "
            "say he succeeded Noor Jalal.",
    "L066": "Announced by Mujahid on Saturday 6 Jul 2024 (Afghanistan International of 7 Jul and Reuters of 8 Jul "
            "both say Saturday): moved from the central bank (L061) to Mines and Petroleum, replacing Delawar.",
    "L067": "Same decree of 6 Jul 2024: moved from Mines and Petroleum (L022) to head the Afghan Red Crescent "
            "Society.",
    "L068": "Same decree of 6 Jul 2024: promoted from first deputy governor (L052) to acting governor of the "
            "central bank. Reuters: Noor Ahmad Agha is also known as Ahmad Zia Agha.",
    "L069": "Same decree of 6 Jul 2024. Amu says 'the former head of the Afghan Red Crescent Society' became head "
            "of the Environmental Protection Agency, without naming him; that head is Muti-ul Haq Khalis in Amu's "
            "Dari report of 2023, so person_id is an identification by post (listed in inferred_fields).",
    "L070": "Same decree of 6 Jul 2024 (Amu): moved from deputy head of the Red Crescent (L021) to lead the "
            "disaster management directorate. Whether the Ministry of Disaster Management had become an authority "
            "by then, and what became of its minister Mohammad Abbas Akhund (L024), is not established.",
    "L071": "The Administrative Office reports his introduction ceremony on 18 Sep 2024 and thanks the former "
            "director Dr Faqir Mohammad (L012); the decree may be a few days earlier, so announced is inferred. "
            "Etilaatroz (May 2023) had him made deputy finance minister for revenue and customs.",
    "L072": "Afghan Witness: Mujahid announced on X on 9 Jan 2025 that the leader made the former deputy prime "
            "minister caretaker refugees minister, after Khalil Haqqani's death; Ariana: he formally started on "
            "Saturday 18 Jan 2025. Afghan Witness reads the move as a demotion.",
    "L073": "Amu TV (undated) reports Mujahid's statement that Nomani and Najibullah Haqqani swapped ministries. "
            "Amu calls the reshuffling pattern nearly four years old and Noor Jalal health minister (a post from "
            "28 May 2024), so the change falls between mid-2024 and mid-Aug 2025; announced is the latest day, "
            "14 Aug 2025. A Mujahid post or a ministry item would settle the day.",
    "L074": "Same statement and date caveat as L073: moved from Communications (S16) to Urban Development and "
            "Housing. Amu says he is a cousin of Noor Jalal.",
    "L075": "Radio Azadi: Mujahid posted the decree on X on Thursday 18 Jadi 1404 (8 Jan 2026): Mansoor moves from "
            "Water and Energy (S18) to Rural Rehabilitation and Development (Insaf24 the same).",
    "L076": "Same decree of 8 Jan 2026: moves from Rural Rehabilitation (S20) to Water and Energy.",
    "L077": "Radio Azadi (14 Feb 2026): Mujahid announced on X, by the leader's decree, that Fazl, until then first "
            "deputy defence minister (S28), becomes minister of transport and civil aviation. Atlas Press and "
            "Voice of Emirates report the same. The announcement may be from the evening before.",
    "L078": "Same decree of 14 Feb 2026: the transport minister (S19) becomes first deputy minister of defence, "
            "the post Fazl left.",
}

VARIANTS = {
    "agha_habibullah": "Habibullah Agha;Sheikh al-Hadith Habibullah Agha",
    "nadim_neda_mohammad": "Nida Mohammad Nadim;Neda Mohammad",
    "anwar_noorul_haq": "Noor-ul-Haq Anwar;Nurul Haq Anwar",
    "omari_ataullah": "Attaullah Omari;Ataullah Omari",
    "thani_mohammad_esa": "Mohammad Esa Sani;Mohammad Isa Thani",
    "idris_abdul_qahir": "Abdul Qahar Idris",
}

# ---------------------------------------------------------------------------
# Departures. (id, appointment left, date, event, next appointment, date_inferred, inferred, sources, notes)
# ---------------------------------------------------------------------------
DEPARTURES = [
    ("D001", "S17", "2021-11-23", "moved", "L023", "no", "no", "asianage-20211123-27-new-members;ariana-20211123-27-appointments",
     "Shahabuddin Delawar took Mines and Petroleum and Esa Akhund became deputy minister of the same ministry "
     "(Asian Age); recorded so that the 2021 move follows the rule of the later ones."),
    ("D002", "S11", "2022-09-20", "moved", "", "no", "no",
     "afintl-20220921-agha-education;khaama-20220920-education-minister-replaced;budrigannews-20220920-reuters-education-reshuffle",
     "Replaced as education minister by Habibullah Agha (L053); Afghanistan International says he was made head "
     "of Dar al-Ifta, a post below the roster's level."),
    ("D003", "S10", "2022-10-18", "replaced", "", "no", "no",
     "kabulnow-202210-nadim-higher-education;afghanbios-abdul-baqi-haqqani;avapress-20221130-deputy-tribal-kabul-governor",
     "Replaced by Neda Mohammad Nadim (L054). AVA says he was given another high post without naming it; he "
     "reappears as head of the National Examination Authority (L055)."),
    ("D004", "L051", "2022-11-19", "moved", "L057", "yes", "no", "aop-nd-rashid-deputy-refugees",
     "Introduced as deputy refugees minister as the former agriculture minister; the date is the latest the item's "
     "numbering allows."),
    ("D005", "S15", "2023-01-22", "moved", "L059", "yes", "no",
     "ariananews-nd-omari-labour-sani-publicworks;aop-nd-thani-introduced-fa",
     "Moved from Public Works to Labour (Ariana); the day is his successor's introduction."),
    ("D006", "S07", "2023-03-21", "moved", "L061", "no", "no",
     "kabulnow-202303-badri-central-bank;urdupoint-20230322-sputnik-badri;econotimes-2023-reuters-badri-dab",
     "The finance minister made head of the central bank. Etilaatroz adds reports that he had resigned from "
     "Finance; his successor there is Nasir Akhund (L063)."),
    ("D007", "S24", "2023-03-21", "replaced", "", "no", "no", "econotimes-2023-reuters-badri-dab",
     "Reuters (via EconoTimes) names Haji Mohammad Idris as Badri's predecessor at the central bank; where he went "
     "is not reported."),
    ("D008", "L038", "2023-05-31", "moved", "L063", "yes", "no",
     "frontierpost-2023-nasir-akhund-finance;etilaatroz-202305-nasir-akhund-finance",
     "Deputy for revenue and customs made finance minister; Abdul Qahir Idris took the deputy post."),
    ("D009", "L062", "2023-07-17", "ended", "", "no", "yes",
     "efe-20230717-pm-resumes-work;kabulnow-202307-hassan-akhund-returns",
     "Hasan Akhund returned and resumed work as prime minister on Monday 17 Jul 2023 (deputy spokesman Bilal "
     "Karimi via EFE and Kabul Now); the end of Kabir's caretaker term is read from that return. No source dates "
     "his return to the political deputy's post, which he had kept (L018)."),
    ("D010", "L004", "2024-05-28", "dismissed", "", "no", "no",
     "afintl-20240528-health-minister;amu-2024-ebad-dismissed;afghanistantimes-202405-health-minister",
     "Removed by the leader's decree announced by Mujahid on X on Tuesday 28 May 2024; no reason given."),
    ("D011", "S29", "2024-05-28", "moved", "L064", "no", "no",
     "afintl-20240528-health-minister;amu-2024-ebad-dismissed;afghanistantimes-202405-health-minister",
     "The deputy interior minister made health minister."),
    ("D012", "S32", "2024-05-28", "moved", "L065", "no", "no", "afintl-20240528-health-minister",
     "Moved from the intelligence directorate to the interior ministry."),
    ("D013", "L061", "2024-07-06", "moved", "L066", "no", "no",
     "afintl-20240707-agha-central-bank;reuters-20240708-agha-central-bank;amu-202407-reshuffle-reassignments",
     "From the central bank to Mines and Petroleum."),
    ("D014", "L022", "2024-07-06", "moved", "L067", "no", "no",
     "afintl-20240707-agha-central-bank;amu-202407-reshuffle-reassignments",
     "From Mines and Petroleum to the Red Crescent."),
    ("D015", "L052", "2024-07-06", "moved", "L068", "no", "no",
     "afintl-20240707-agha-central-bank;reuters-20240708-agha-central-bank",
     "First deputy governor promoted to governor of the central bank."),
    ("D016", "L020", "2024-07-06", "moved", "L069", "no", "yes", "amu-202407-reshuffle-reassignments",
     "Amu's 'former head of the Red Crescent' is identified with Muti-ul Haq by post, not by name (see L069)."),
    ("D017", "L021", "2024-07-06", "moved", "L070", "no", "no", "amu-202407-reshuffle-reassignments",
     "From deputy head of the Red Crescent to the disaster management directorate."),
    ("D018", "L012", "2024-09-18", "replaced", "", "yes", "no", "aop-20240918-nsia-director",
     "Named as the former director at his successor's introduction on 18 Sep 2024; the decree may be earlier."),
    ("D019", "S13", "2024-12-11", "died", "", "no", "no",
     "aljazeera-20241211-khalil-haqqani-killed;hindustantimes-20241211-khalil-killed;nation-20241212-khalil-killed",
     "Killed in a suicide bombing inside the refugees ministry in Kabul on Wednesday 11 Dec 2024; Mujahid blamed "
     "Islamic State."),
    ("D020", "L018", "2025-01-09", "moved", "L072", "no", "no",
     "afghanwitness-2025-kabir-sidelined;ariananews-20250118-kabir-refugees;amu-202501-kabir-assumes-refugees",
     "The political deputy prime minister made refugees minister; later sources call him the former deputy prime "
     "minister. No successor as political deputy is named."),
    ("D021", "L050", "2025-08-14", "moved", "L073", "yes", "no", "amu-nd-nomani-haqqani-swap",
     "Swap with Najibullah Haqqani; the date is an upper bound (see L073)."),
    ("D022", "S16", "2025-08-14", "moved", "L074", "yes", "no", "amu-nd-nomani-haqqani-swap",
     "Swap with Nomani; the date is an upper bound (see L073)."),
    ("D023", "S18", "2026-01-08", "moved", "L075", "no", "no",
     "azadi-20260109-mansoor-yunus-swap;insaf24-20260108-energy-rural-swap", "Swap with Younus Akhundzada."),
    ("D024", "S20", "2026-01-08", "moved", "L076", "no", "no",
     "azadi-20260109-mansoor-yunus-swap;insaf24-20260108-energy-rural-swap", "Swap with Mansoor."),
    ("D025", "S28", "2026-02-14", "moved", "L077", "no", "no",
     "azadi-20260214-fazl-transport;atlaspress-2026-fazl-transport-ar;voiceofemirates-20260215-fazl-transport",
     "From first deputy defence minister to transport minister."),
    ("D026", "S19", "2026-02-14", "moved", "L078", "no", "no",
     "azadi-20260214-fazl-transport;atlaspress-2026-fazl-transport-ar;voiceofemirates-20260215-fazl-transport",
     "From transport minister to first deputy defence minister."),
]

# ---------------------------------------------------------------------------
# Facts on new people, as reviewed (research/taliban_later/facts.csv):
# kept: Habibullah Agha's ethnicity (Afghan Biographies), birthplace province and district (a Wikipedia copy,
#   kind birth as stated), his membership of Omar's circle (inferred from 'special adviser to Mullah Omar'),
#   his and Nadim's and Idris's Taliban affiliation;
# dropped: Nadim's 'based' Kandahar (where he ran a seminary is not a home); AFP's 'inner circle of the leader'
#   as a network code (the circle of Hibatullah is not one of the coded networks); the 'post' rows (evidence for
#   the appointments, cited there as rows without a value).
# ---------------------------------------------------------------------------
PERSON_FACTS = {
    "agha_habibullah": [
        dict(ethnicity="Pashtun", source_id="afghanbios-nd-habibullah-agha", inferred="no",
             note="Afghan Biographies gives his ethnic background as Pashtun."),
        dict(kind="birth", province="Kandahar", source_id="wikimirror-nd-habibullah-agha", inferred="no",
             note="A Wikipedia copy says he was born in Vach Bakhto, Shah Wali Kot district, Kandahar."),
        dict(kind="birth", district="Shah Wali Kot", source_id="wikimirror-nd-habibullah-agha", inferred="no",
             note="Same copy: born in Vach Bakhto village, Shah Wali Kot district."),
        dict(network="kandahari_leadership", source_id="wikimirror-nd-habibullah-agha", inferred="yes",
             note="The copy calls him a special adviser to Mullah Omar; read as membership of Omar's circle."),
        dict(affiliation="taliban", source_id="afghanbios-nd-habibullah-agha", inferred="no",
             note="Afghan Biographies: a judge under the first Taliban government."),
    ],
    "nadim_neda_mohammad": [
        dict(affiliation="taliban", source_id="wikipedia-nd-neda-mohammad", inferred="no",
             note="Wikipedia calls him a member of the Taliban and their governor of Nangarhar and Kabul."),
    ],
    "idris_abdul_qahir": [
        dict(affiliation="taliban", source_id="etilaatroz-202305-nasir-akhund-finance", inferred="no",
             note="Etilaatroz: all three men named in the May 2023 finance decree are Taliban members."),
    ],
}

COPIED = ("province", "district", "ethnicity", "tribe", "network", "affiliation")


def facts_of(appointment_id):
    rows = afacts if appointment_id.startswith("S") else lfacts + new_facts
    return [r for r in rows if r["appointment_id"] == appointment_id]


# A research source whose URL the package already lists is that source: cite the existing id.
_by_url = {s["url"]: s["source_id"] for s in read(DATA / "sources.csv")}
ALIAS = {s["source_id"]: _by_url[s["url"]] for s in read(RESEARCH / "sources.csv") if s["url"] in _by_url}
for c in changes.values():
    c["sources"] = ";".join(ALIAS.get(x, x) for x in c["sources"].split(";"))
DEPARTURES = [d[:7] + (";".join(ALIAS.get(x, x) for x in d[7].split(";")),) + d[8:] for d in DEPARTURES]
print("cited under their existing ids:", ALIAS)

ident = {r["appointment_id"]: r for r in appointees + later}
new_later, new_facts = [], []
fields_facts = header(DATA / "later_facts.csv")
for aid, cid, prev, inferred in NEW:
    c = changes[cid]
    pid = c["person_id"]
    if prev is not None:
        assert ident[prev]["person_id"] == pid, (aid, prev)
        name, variants = ident[prev]["name"], ident[prev]["name_variants"]
        extra = c["name"]
        if extra != name and extra not in variants.split(";"):
            variants = ";".join(v for v in (variants, extra) if v)
    else:
        name, variants = c["name"], VARIANTS.get(pid, "")
    row = dict(appointment_id=aid, person_id=pid, name=name, name_variants=variants, post=c["post"],
               position_class=c["position_class"], body=c["body"], announced=c["date"],
               inferred_fields=inferred, notes=NOTES[aid])
    new_later.append(row)
    ident[aid] = row
    for sid in c["sources"].split(";"):
        new_facts.append(dict(appointment_id=aid, source_id=sid, inferred="no"))
    if prev is not None:
        for f in facts_of(prev):
            if any(f.get(col) for col in COPIED):
                new_facts.append({k: f.get(k, "") for k in fields_facts} | {"appointment_id": aid})
    else:
        for f in PERSON_FACTS.get(pid, []):
            new_facts.append(dict(appointment_id=aid, **f))

for d in DEPARTURES:
    left = ident[d[1]]
    assert d[2] >= left["announced"], d
    if d[4]:
        assert ident[d[4]]["person_id"] == left["person_id"], d

fields_later = header(DATA / "later_appointments.csv")
write(DATA / "later_appointments.csv", later + new_later, fields_later)
write(DATA / "later_facts.csv", lfacts + new_facts, fields_facts)
write(DATA / "departures.csv",
      [dict(departure_id=d[0], appointment_id=d[1], date=d[2], event=d[3], next_appointment_id=d[4],
            date_inferred=d[5], inferred=d[6], notes=d[8]) for d in DEPARTURES],
      ["departure_id", "appointment_id", "date", "event", "next_appointment_id", "date_inferred", "inferred", "notes"])
write(DATA / "departure_sources.csv",
      [dict(departure_id=d[0], source_id=s) for d in DEPARTURES for s in d[7].split(";")],
      ["departure_id", "source_id"])

sources = read(DATA / "sources.csv")
known = {s["source_id"] for s in sources}
used = {f["source_id"] for f in new_facts} | {s for d in DEPARTURES for s in d[7].split(";")}
used |= {"ufuqnews-nd-mei-taliban-pashtun"}
for s in read(RESEARCH / "sources.csv"):
    if s["source_id"] in used and s["source_id"] not in known:
        sources.append(s)

write(DATA / "sources.csv", sources, header(DATA / "sources.csv"))
missing = used - {s["source_id"] for s in sources}
assert not missing, missing
print(f"{len(new_later)} appointments, {len(new_facts)} facts, {len(DEPARTURES)} departures")
