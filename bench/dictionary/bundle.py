#!/usr/bin/env python3
"""Writes a site with one large JavaScript bundle for the dictionary-transport benchmark: an HTML page and js/bundle.js
of FUNCTIONS functions (about 350 KB), deterministic; version V > 0 changes function V and leaves every other as it was.
Usage: bundle.py <folder> <version>"""
import os
import random
import sys

FUNCTIONS = 2400


def word(rng):
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(5, 11)))


def bundle(version):
    lines = []
    for i in range(FUNCTIONS):
        rng = random.Random(i)  # one generator per function: a changed function leaves the others as they were
        name, a, b = word(rng), word(rng), word(rng)
        if i == version and version > 0:
            body = f'const {word(rng)} = {a}.map((x) => x * {version}); return "v{version}" + {b} + {a}.length;'
        else:
            body = f'if ({a} > {rng.randint(0, 999)}) return {b}.{word(rng)}({a}); return {a} * {rng.randint(1, 999)} + "{word(rng)}";'
        lines.append(f"export function {name}{i}({a}, {b}) {{ {body} }}\n")
    return "".join(lines)


folder, version = sys.argv[1], int(sys.argv[2])
os.makedirs(os.path.join(folder, "js"), exist_ok=True)
with open(os.path.join(folder, "index.html"), "w") as f:
    f.write('<!doctype html><html lang="en"><title>bundle</title><script type="module" src="/js/bundle.js"></script></html>\n')
with open(os.path.join(folder, "js", "bundle.js"), "w") as f:
    f.write(bundle(version))
