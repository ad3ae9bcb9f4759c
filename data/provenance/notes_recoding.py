"""Write the section of data/NOTES.md that records the re-coding of data model v3 (run from the root).

For every appointment whose home, ethnicity, tribe or networks changed against version 0.2.0: the
values before and now, each value with its kind and sources, and what one source states for it; then
the values the tables no longer hold, with the reason (tools/integrate_rereading.py).
"""

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import cabinet  # noqa: E402
from cabinet.loaders import load_facts  # noqa: E402
from integrate_rereading import REMOVE, SKIP, SKIP_VALUE, SPELLING  # noqa: E402

HEADING = "# Re-reading of the sources: kinds of home and network memberships"
FIELDS = ("province", "district", "ethnicity", "tribe", "network")
KIND = {"birth": "born", "origin": "family origin", "from": "stated only as 'from'", "member": "member",
        "stated": "stated"}

INTRO = """This section records what the tables hold since data model v3 (the facts tables) and what changed
against version 0.2.0; where a person's section above says "In the table", it describes version 0.2.0.
The tables now hold every place as the kind of fact its source states: where a man was born
(`birth`), where his family or tribe comes from (`origin`), or only that he is "from" a place (`from`).
A place where he lived, fought, studied or was raised is no home and is not in the tables; where it
explains a disagreement it is mentioned below. A dispute (`A|B`) remains only where sources disagree
about the same kind of fact. Network memberships are plural: every membership a source states is a
fact, and a man counts in each network he belongs to.

Rules applied throughout:

- Where the UN 1988 list entry gives two or more places of birth, each is a `birth` fact of the same
  source. The entry presents them as alternatives, so the birthplace stays disputed; the 2024 copy of
  the list prints only the first place of birth for most such entries while their last-update dates
  are unchanged, so it does not settle them.
- A seat on the Taliban leadership council (Rahbari, Quetta or "Supreme" council) is coded
  `kandahari_leadership`, marked inferred unless the source names the Rahbari or Quetta shura.
- A businessman or technocrat whom no source places in a Taliban faction has no membership: his
  network is `unknown`, not `other`.
- A source that names only a post, or names someone else (a father, "the intelligence chief"), is no
  source for the man.
- District names are written in one spelling per place: """ + ", ".join(
    f"{k} as {v}" for k, v in SPELLING.items()) + """. The spelling of a source is in the fact's note where it differs.
- For four appointments (S16, L029, L030, L040) the link between the appointee and a UN entry rests on
  name and career; every fact drawn from that entry is marked inferred.
"""


def old_rows():
    out = {}
    for t in ("appointees", "later_appointments"):
        with open(ROOT / "tests" / "fixtures" / "v0.2.0" / f"{t}.csv", encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                out[r["appointment_id"]] = r
    return out


def main():
    old = old_rows()
    new = {r["appointment_id"]: r for f in (cabinet.load_appointees, cabinet.load_later_appointments)
           for r in f().to_dict("records")}
    facts = load_facts()
    src = cabinet.load_sources().set_index("source_id")
    lines = [HEADING, "", INTRO]
    for aid, row in new.items():
        before = old[aid]
        changed = [f for f in FIELDS if before[f] != row[f] or (f in ("province", "district") and
                   (row[f"birth_{f}"] != "unknown" or row[f"origin_{f}"] != "unknown"))]
        changed = [f for f in changed if not (before[f] == row[f] == "unknown")]
        if not changed:
            continue
        lines += [f"## {aid} {row['name']}", ""]
        mine = facts[facts["appointment_id"] == aid]
        for f in changed:
            now = row[f] if f not in ("province", "district") else (
                "; ".join(f"{k} `{row[f'{k}_{f}']}`" for k in ("birth", "origin", "stated")
                          if row[f"{k}_{f}"] != "unknown") or "`unknown`")
            lines.append(f"- **{f}**: before `{before[f]}`; now {now if f in ('province', 'district') else '`' + now + '`'}.")
            sub = mine[mine["field"] == f]
            for (kind, value), g in sub.groupby(["kind", "value"], sort=False):
                ids = ", ".join(dict.fromkeys(g["source_id"]))
                classes = "/".join(dict.fromkeys(g["source_class"]))
                note = next((n for n in g["note"] if n), "")
                inferred = " (our reading)" if g["inferred"].all() else ""
                lines.append(f"  - {KIND.get(kind, kind)} {value}{inferred} [{classes}]: {ids}." +
                             (f" {note}" if note else ""))
        dropped = [(k, why) for k, why in list(REMOVE.items()) + list(SKIP.items()) if k[0] == aid and why]
        dropped += [((a, f, s), why) for (a, f, v, s), why in SKIP_VALUE.items() if a == aid]
        for (a, f, s), why in dropped:
            who = f"`{s}`" if s else "its sources"
            lines.append(f"  - Not taken for {f}: {who}, which {why}." if s else f"  - Not taken for {f}: {why}.")
        lines.append("")
    path = ROOT / "data" / "NOTES.md"
    text = path.read_text(encoding="utf-8")
    if HEADING in text:
        text = text[: text.index(HEADING)].rstrip() + "\n"
    path.write_text(text.rstrip() + "\n\n\n" + "\n".join(lines).rstrip() + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
