#!/usr/bin/env python3
"""The output sizes of the build benchmark (bench/README.md, "Build"), per tool and codec: how many compressed files each
tool wrote and their total bytes, then the same totals over the files that every tool compressed with that codec, so the
tools are compared at the same input. Usage: sizes.py <servestatic release folder> <python servestatic output>
<dotnet publish wwwroot>"""
import json
import os
import sys

CODECS = [("br", ".br", ".br"), ("gzip", ".gz", ".gz"), ("zstd", None, None)]


def ours(release):
    with open(os.path.join(release, "current")) as f:
        release_id = f.read().strip()
    with open(os.path.join(release, "releases", release_id + ".json")) as f:
        index = json.load(f)
    sizes = {codec: {} for codec, *_ in CODECS}
    for asset in index["assets"]:
        for variant in asset["variants"]:
            if variant["encoding"] in sizes:
                sizes[variant["encoding"]][asset["path"]] = variant["size"]
    return sizes


def beside(root):
    """Compressed files written next to their originals as <name>.br / <name>.gz, keyed by the original's URL path."""
    sizes = {codec: {} for codec, *_ in CODECS}
    for folder, _, names in os.walk(root):
        for name in names:
            for codec, suffix, _ in CODECS:
                if suffix and name.endswith(suffix):
                    path = "/" + os.path.relpath(os.path.join(folder, name[: -len(suffix)]), root)
                    sizes[codec][path] = os.path.getsize(os.path.join(folder, name))
    return sizes


def main():
    tools = {"servestatic build": ours(sys.argv[1]), "Python servestatic --compress": beside(sys.argv[2]), "dotnet publish (MapStaticAssets)": beside(sys.argv[3])}
    print("| codec | tool | files compressed | bytes | files every tool compressed | their bytes |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for codec, *_ in CODECS:
        present = [sizes[codec] for sizes in tools.values() if sizes[codec]]
        common = set.intersection(*(set(sizes) for sizes in present)) if present else set()
        for tool, sizes in tools.items():
            files = sizes[codec]
            if files:
                print(f"| {codec} | {tool} | {len(files)} | {sum(files.values()):,} | {len(common)} | {sum(files[p] for p in common):,} |")


if __name__ == "__main__":
    main()
