"""Regenerate the table sections of data/codebook.md from data/datapackage.json.

The prose before the first table section is kept as written; everything from the first
``## `...`.csv`` heading on is rewritten: python data/provenance/write_codebook.py
"""

import json
import re
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent  # data/, the parent of this folder


def allowed(f):
    cons = f.get("constraints", {})
    parts = []
    if "enum" in cons:
        parts.append(", ".join(f"`{v}`" for v in cons["enum"]))
    if "pattern" in cons:
        parts.append(f"matches `{cons['pattern']}`")
    if "minimum" in cons or "maximum" in cons:
        parts.append(f"from {cons.get('minimum', '')} to {cons.get('maximum', '')}")
    if f.get("cabinet:tag") == "plural":
        parts.append("plural (`+`)")
    if f.get("cabinet:tag"):
        parts.append("disputable")
    if cons.get("required"):
        parts.append("required")
    return "; ".join(parts)


def table(fields):
    lines = ["| column | type | meaning | allowed values |", "|---|---|---|---|"]
    for f in fields:
        desc = f.get("description", "").replace("|", "\\|")
        lines.append(f"| `{f['name']}` | {f.get('type', 'string')} | {desc} | {allowed(f)} |")
    return "\n".join(lines)


def main():
    d = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    old = (DATA / "codebook.md").read_text(encoding="utf-8")
    head = re.split(r"^## `", old, maxsplit=1, flags=re.M)[0].rstrip() + "\n"
    out = [head]
    for r in d["resources"]:
        s = r["schema"]
        out.append(f"## `{r['path']}`: {r['title']}\n\n{r['description']}\n")
        if s.get("primaryKey"):
            out.append("Primary key: " + ", ".join(f"`{k}`" for k in s["primaryKey"]) + ".\n")
        fks = [fk for fk in s.get("foreignKeys", [])]
        if fks:
            shown = "; ".join(f"{', '.join(fk['fields'])} -> `{(fk['reference'].get('resource') or r['name'])}`"
                              f" ({', '.join(fk['reference']['fields'])})" for fk in fks)
            out.append(f"Foreign keys: {shown}.\n")
        out.append(table(s["fields"]) + "\n")
    w = d["cabinet:roster"]
    out.append(f"## `wide form`: {w['title']}\n\n{w['description']}\n")
    out.append(table(w["fields"]) + "\n")
    (DATA / "codebook.md").write_text("\n".join(out), encoding="utf-8")


if __name__ == "__main__":
    main()
