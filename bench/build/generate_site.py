#!/usr/bin/env python3
"""Writes a deterministic synthetic site for the build benchmark: 10,000 files, about 100 MB,
a realistic mix of text (HTML, CSS, JS, JSON, SVG, source maps) and already-compressed binaries
(PNG, JPEG, WebP, WOFF2). Usage: generate_site.py <folder>"""
import os
import random
import sys

SEED = 20261123
FILES = 10_000
SCALE = 0.55  # brings the total to about 100 MB

# (extension, share of files, min size, max size, kind)
MIX = [
    ("html", 0.28, 3_000, 24_000, "html"),
    ("css", 0.12, 1_000, 30_000, "css"),
    ("js", 0.18, 1_000, 60_000, "js"),
    ("json", 0.05, 2_000, 80_000, "json"),
    ("map", 0.02, 20_000, 160_000, "json"),
    ("svg", 0.03, 500, 12_000, "svg"),
    ("txt", 0.04, 50, 900, "text"),
    ("png", 0.10, 2_000, 60_000, "binary"),
    ("jpg", 0.10, 10_000, 90_000, "binary"),
    ("webp", 0.05, 5_000, 40_000, "binary"),
    ("woff2", 0.03, 15_000, 70_000, "binary"),
]

HEADERS = {"png": b"\x89PNG\r\n\x1a\n", "jpg": b"\xff\xd8\xff\xe0", "webp": b"RIFF\0\0\0\0WEBPVP8 ", "woff2": b"wOF2\0\1\0\0"}


def words(rng, vocabulary, count):
    return " ".join(rng.choice(vocabulary) for _ in range(count))


def text_of(kind, size, rng, vocabulary):
    parts = []
    length = 0
    i = 0
    while length < size:
        i += 1
        if kind == "html":
            chunk = f'<section class="s{i % 17}"><h2 id="h{i}">{words(rng, vocabulary, 4)}</h2>\n<p>{words(rng, vocabulary, rng.randint(20, 60))}.</p>\n<a href="/p/{rng.randint(0, 9999)}.html">{words(rng, vocabulary, 2)}</a></section>\n'
        elif kind == "css":
            chunk = f".{rng.choice(vocabulary)}-{i % 50} {{ margin: {rng.randint(0, 40)}px {rng.randint(0, 40)}px; color: #{rng.randrange(16**6):06x}; display: {rng.choice(['flex', 'grid', 'block', 'inline-block'])}; }}\n"
        elif kind == "js":
            name = rng.choice(vocabulary)
            chunk = f"export function {name}{i}(value, options = {{}}) {{\n  const {name} = options.{rng.choice(vocabulary)} ?? {rng.randint(0, 999)};\n  if (value > {name}) return `{words(rng, vocabulary, 5)}`;\n  return value + {rng.randint(1, 99)};\n}}\n"
        elif kind == "json":
            chunk = f'{{"id": {rng.randint(0, 10**6)}, "name": "{words(rng, vocabulary, 3)}", "tags": ["{rng.choice(vocabulary)}", "{rng.choice(vocabulary)}"], "score": {rng.random():.4f}}},\n'
        elif kind == "svg":
            chunk = f'<path d="M{rng.randint(0, 500)} {rng.randint(0, 500)} L{rng.randint(0, 500)} {rng.randint(0, 500)} Z" fill="#{rng.randrange(16**6):06x}"/>\n'
        else:
            chunk = words(rng, vocabulary, 10) + "\n"
        parts.append(chunk)
        length += len(chunk)
    body = "".join(parts)[:size]
    if kind == "json":
        body = "[" + body.rstrip(",\n") + "]"
    elif kind == "svg":
        body = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 500 500">\n' + body + "</svg>\n"
    return body.encode("utf-8")


def main():
    root = sys.argv[1]
    rng = random.Random(SEED)
    syllables = ["ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "ve", "da", "zu", "en", "or", "il", "an", "th"]
    vocabulary = ["".join(rng.choice(syllables) for _ in range(rng.randint(1, 4))) for _ in range(3000)]
    total = 0
    counts = [round(share * FILES) for _, share, *_ in MIX]
    counts[0] += FILES - sum(counts)
    n = 0
    for (extension, _, low, high, kind), count in zip(MIX, counts):
        for i in range(count):
            folder = os.path.join(root, kind if kind != "binary" else "assets", f"d{n % 50:02d}")
            os.makedirs(folder, exist_ok=True)
            # Sizes skew small, as in real sites: most files near the low end, a few large.
            size = int((low + (high - low) * rng.random() ** 2) * SCALE)
            if kind == "binary":
                data = HEADERS[extension] + rng.randbytes(size)
            else:
                data = text_of(kind, size, rng, vocabulary)
            path = os.path.join(folder, f"{extension}-{i:05d}.{extension}")
            with open(path, "wb") as f:
                f.write(data)
            os.utime(path, (1_700_000_000, 1_700_000_000))
            total += len(data)
            n += 1
    print(f"{n} files, {total / 1e6:.1f} MB in {root}")


if __name__ == "__main__":
    main()
