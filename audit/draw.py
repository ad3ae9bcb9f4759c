"""Draw a seeded random sample of the data package's facts for a reader to check against the sources.

Every fact is one value and one source: a tag of an appointee (``appointee_facts.csv``,
``later_facts.csv``), of a member of the Republic's cabinet (``republic_facts.csv``) or of the
movement's cadre pool (``movement_facts.csv``); a post as announced (a facts row that fills no
value cites the appointment or pool post itself); or a departure from a post
(``departures.csv`` with ``departure_sources.csv``). For each fact drawn the script prints the
person, the value, whether it is marked inferred, the note, and the source's title, publisher and
URL, so that a reader can open the page and say whether it states the value.

Usage (from the repository's root)::

    python audit/draw.py                  # 30 facts, seed 0, as Markdown
    python audit/draw.py -n 60 --seed 2026 --format csv > sample.csv

The same seed and the same data give the same sample. ``audit/README.md`` describes the audit
and records the result of the last one.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

DATA = Path(__file__).resolve().parent.parent / "data"

#: facts table -> (the table of posts its ids point to, the id column)
FACT_TABLES = {
    "appointee_facts.csv": ("appointees.csv", "appointment_id"),
    "later_facts.csv": ("later_appointments.csv", "appointment_id"),
    "republic_facts.csv": ("republic_appointees.csv", "appointment_id"),
    "movement_facts.csv": ("movement_pool.csv", "pool_id"),
}
#: columns of a facts table that describe a fact rather than hold its value
NOT_VALUES = {"appointment_id", "pool_id", "kind", "period_start", "period_end", "source_id", "inferred", "note"}
COLUMNS = ["table", "line", "id", "name", "field", "kind", "value", "inferred", "note",
           "source_id", "title", "publisher", "url", "class"]


def _read(name: str, data: Path) -> pd.DataFrame:
    return pd.read_csv(data / name, dtype=str, keep_default_na=False)


def collect_facts(data: Path = DATA) -> pd.DataFrame:
    """Every fact of the package as one row: table, line of the file, id, name, field, kind, value, source."""
    rows = []
    for table, (posts_table, key) in FACT_TABLES.items():
        facts = _read(table, data)
        posts = _read(posts_table, data).set_index(key)
        value_columns = [c for c in facts.columns if c not in NOT_VALUES]
        for i, fact in facts.iterrows():
            filled = [c for c in value_columns if fact[c] != ""]
            post = posts.loc[fact[key]]
            for field in filled or ["post"]:
                rows.append({
                    "table": table, "line": int(i) + 2, "id": fact[key], "name": post["name"],
                    "field": field, "kind": fact["kind"],
                    "value": fact[field] if filled else post["post"],
                    "inferred": fact["inferred"], "note": fact["note"], "source_id": fact["source_id"],
                })
    departures = _read("departures.csv", data).set_index("departure_id")
    names = pd.concat([_read(t, data) for t in ("appointees.csv", "later_appointments.csv", "republic_appointees.csv")])
    names = names.set_index("appointment_id")["name"]
    for i, link in _read("departure_sources.csv", data).iterrows():
        departure = departures.loc[link["departure_id"]]
        rows.append({
            "table": "departure_sources.csv", "line": int(i) + 2, "id": link["departure_id"],
            "name": names.get(departure["appointment_id"], ""), "field": "departure", "kind": "",
            "value": f"{departure['event']} on {departure['date']} (left {departure['appointment_id']})",
            "inferred": departure["inferred"], "note": departure["notes"], "source_id": link["source_id"],
        })
    sources = _read("sources.csv", data).set_index("source_id")[["title", "publisher", "url", "class"]]
    facts = pd.DataFrame(rows)
    return facts.join(sources, on="source_id")[COLUMNS]


def draw(n: int = 30, seed: int = 0, data: Path = DATA) -> pd.DataFrame:
    """A simple random sample of ``n`` facts without replacement, reproducible from ``seed``."""
    facts = collect_facts(data)
    if not 0 < n <= len(facts):
        raise SystemExit(f"draw.py: -n must be between 1 and {len(facts)} (the number of facts); got {n}")
    return facts.sample(n=n, random_state=seed).reset_index(drop=True)


def as_markdown(sample: pd.DataFrame) -> str:
    blocks = []
    for k, f in sample.iterrows():
        kind = f" ({f['kind']})" if f["kind"] else ""
        inferred = " [marked inferred]" if f["inferred"] == "yes" else ""
        blocks.append(
            f"{k + 1}. **{f['name']}** ({f['id']}, {f['table']} line {f['line']}): "
            f"{f['field']}{kind} = {f['value']}{inferred}\n"
            f"   - source: {f['title']} ({f['publisher']}; class {f['class']}): {f['url']}\n"
            + (f"   - note: {f['note']}\n" if f["note"] else "")
            + "   - verdict: stated / stated in part / silent / contradicted / page unavailable\n"
        )
    return "\n".join(blocks)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Draw a seeded random sample of facts to check against their sources.")
    parser.add_argument("-n", type=int, default=30, help="number of facts to draw (default 30)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--format", choices=["md", "csv"], default="md")
    args = parser.parse_args(argv)
    sample = draw(args.n, args.seed)
    if args.format == "md":
        sys.stdout.write(as_markdown(sample))
    else:  # for a spreadsheet: a cell that would run as a formula is neutralised, as in every CSV of the package
        from cabinet.io.fileio import csv_text

        sys.stdout.write(csv_text(sample))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
