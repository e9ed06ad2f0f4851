#!/usr/bin/env bash
# The dictionary-transport benchmark (bench/README.md, "Dictionary transport"). Builds release N and N+1 of two sites
# into one release folder each, with --fingerprint, and prints per changed file and in total the bytes of the upgrade
# with identity, br, gzip, zstd and dcz (bench/dictionary/upgrade.py):
#   (a) samples/site, release N+1 with one stylesheet rule added (css/base.css) and one JS function changed (js/app.js);
#   (b) a page and one ~350 KB JS bundle (bench/dictionary/bundle.py), release N+1 with one function changed.
# Then the build-time cost of the deltas: building N+1 of (b) and of (a) into a copy of the folder holding N, with
# --dictionary-releases 3 against 0, paired by farm-bench (RUNS pairs, default 5), with the load average before and after.
# Usage: bench/dictionary/run.sh [work-folder]   (default: temporary)
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
runs=${RUNS:-5}
work=${1:-$(mktemp -d)}
[[ -n "${1:-}" ]] || trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
mkdir -p "$work"
work=$(cd "$work" && pwd)
dotnet build src/ServeStatic.Cli -c Release --nologo -v quiet >"$work/dotnet-build.log" || { cat "$work/dotnet-build.log" >&2; exit 1; }
cli=$repo/src/ServeStatic.Cli/bin/Release/net10.0/ServeStatic.Cli

build() { "$cli" build "$1" --output "$2" --fingerprint --release-id "$3" >/dev/null; }

# (a) the sample site
rm -rf "$work/a" && mkdir -p "$work/a" && cp -r samples/site "$work/a/site"
build "$work/a/site" "$work/a/release" n
cp -r "$work/a/release" "$work/a/release-n"
printf '\n.site-footer small { letter-spacing: 0.02em; }\n' >>"$work/a/site/css/base.css"
python3 - "$work/a/site/js/app.js" <<'PY'
import sys
path = sys.argv[1]
text = open(path).read()
changed = text.replace("function sortTrails(trails, by) {\n", "function sortTrails(trails, by) {\n  if (!Array.isArray(trails)) return [];\n", 1)
assert changed != text, "js/app.js no longer has sortTrails"
open(path, "w").write(changed)
PY
build "$work/a/site" "$work/a/release" n1
python3 bench/dictionary/upgrade.py "$work/a/release" n "(a) samples/site"

# (b) one large bundle
rm -rf "$work/b" && mkdir -p "$work/b"
python3 bench/dictionary/bundle.py "$work/b/site" 0
build "$work/b/site" "$work/b/release" n
cp -r "$work/b/release" "$work/b/release-n"
python3 bench/dictionary/bundle.py "$work/b/site" 1
build "$work/b/site" "$work/b/release" n1
python3 bench/dictionary/upgrade.py "$work/b/release" n "(b) one large bundle"

# Build-time cost: N+1 into a fresh copy of the folder holding N, with and without deltas.
for s in b a; do
    echo
    echo "build time of N+1 of ($s), --dictionary-releases 3 (A) vs 0 (B); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    step="rm -rf $work/$s/t && cp -r $work/$s/release-n $work/$s/t && $cli build $work/$s/site --output $work/$s/t --fingerprint --release-id n1 --dictionary-releases"
    farm-bench -n "$runs" --timeout 1200 --vs "sh -c '$step 0 >/dev/null'" -- sh -c "$step 3 >/dev/null"
    echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
done
