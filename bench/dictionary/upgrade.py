#!/usr/bin/env python3
"""Bytes of an upgrade from release N to N+1 (bench/README.md, "Dictionary transport"): for every file of the current
release whose content differs from the file of the same unhashed name in the release before it, its identity, br, gzip,
zstd and dcz (the delta against release N's version) sizes, then their totals. A file without a delta (it did not pay)
counts its smallest ordinary variant as its dcz bytes. Prints a Markdown table.
Usage: upgrade.py <release folder> <release N id> <label>"""
import json
import os
import re
import sys

HASH = re.compile(r"\.[0-9a-f]{10}(?=\.[^./]+$)")


def index(folder, release_id):
    with open(os.path.join(folder, "releases", release_id + ".json")) as f:
        return json.load(f)


def by_name(idx):
    """Asset per unhashed name; the fingerprinted copy when there are both (the URL a fingerprinted page references)."""
    assets = {}
    for asset in idx["assets"]:
        name = HASH.sub("", asset["path"])
        if name not in assets or asset["path"] != name:
            assets[name] = asset
    return assets


folder, previous_id, label = sys.argv[1], sys.argv[2], sys.argv[3]
with open(os.path.join(folder, "current")) as f:
    current_id = f.read().strip()
current = index(folder, current_id)
previous = by_name(index(folder, previous_id))
codecs = ["identity", "br", "gzip", "zstd"]
rows, totals = [], dict.fromkeys(codecs + ["dcz"], 0)
for name, asset in sorted(by_name(current).items()):
    before = previous.get(name)
    if before is None or before["sha256"] == asset["sha256"]:
        continue
    sizes = {v["encoding"]: v["size"] for v in asset["variants"] if v["encoding"] != "dcz"}
    sizes.setdefault("identity", asset["size"])
    deltas = [v["size"] for v in asset["variants"] if v["encoding"] == "dcz" and v.get("dictionary") == before["sha256"]]
    ordinary = min(sizes.values())
    row = {c: sizes.get(c) for c in codecs}
    row["dcz"] = deltas[0] if deltas else None
    for c in codecs:
        totals[c] += sizes.get(c, sizes["identity"])
    totals["dcz"] += deltas[0] if deltas else ordinary
    rows.append((asset["path"], row))


def cell(n):
    return "–" if n is None else f"{n:,}"


print(f"\n{label}: release {previous_id} → {current_id}, {len(rows)} changed files\n")
print("| file | identity | br | gzip | zstd | dcz |")
print("|---|---:|---:|---:|---:|---:|")
for path, row in rows:
    print(f"| `{path}` | " + " | ".join(cell(row[c]) for c in codecs + ["dcz"]) + " |")
print("| **total** | " + " | ".join(f"**{totals[c]:,}**" for c in codecs + ["dcz"]) + " |")
best = min(totals[c] for c in codecs)
print(f"\ndcz total is {totals['dcz'] / best:.1%} of the best ordinary encoding per file ({best:,} B); a file without a delta counts its smallest variant.")
