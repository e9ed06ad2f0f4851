#!/usr/bin/env bash
# The build benchmark (bench/README.md, "Build"). Generates a deterministic 10,000-file / 99 MB site (57 MB of text), then
# measures with /usr/bin/time (user + system CPU of the command and its children, wall time, peak RSS), in ROUNDS rounds
# whose order turns each round so a slow spell of the machine does not land on one tool:
#   - servestatic build: cold (empty output folder), then again with nothing changed;
#   - the Python ServeStatic CLI, `servestatic --compress` (gzip level 9 + Brotli quality 11), with gzip only, and with none;
#   - `dotnet publish` of a minimal ASP.NET Core app with MapStaticAssets (bench/build/MapStaticAssetsApp) whose wwwroot
#     is the site: its default compression (gzip at build, Brotli at publish), with gzip only, with none, and again with
#     nothing changed.
# A tool's CPU for gzip is its median with gzip only minus its median with none; for Brotli, its default's minus gzip only.
# Then, once: a rebuild after one CSS file changed, sha256sum of every file, our CPU per codec (bench/build/codecs.cs)
# and the output sizes per tool and codec (bench/build/sizes.py). Prints Markdown tables for bench/README.md.
# Needs: apt-get install python3-brotli python3-asgiref; a copy of the source of Archmonger/ServeStatic (GitHub)
# in SERVESTATIC_PY (its src/ goes on PYTHONPATH; nothing is installed from PyPI).
# Usage: SERVESTATIC_PY=path/to/ServeStatic bench/build/run.sh [work-folder]   (ROUNDS=3; default folder: temporary)
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
rounds=${ROUNDS:-3}
python_servestatic=$(cd "${SERVESTATIC_PY:?set SERVESTATIC_PY to a copy of Archmonger/ServeStatic}" && pwd)/src
/usr/bin/python3 -c 'import brotli, asgiref' || { echo "apt-get install python3-brotli python3-asgiref" >&2; exit 1; }
work=${1:-$(mktemp -d)}
[[ -n "${1:-}" ]] || trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
mkdir -p "$work"
work=$(cd "$work" && pwd)

dotnet build src/ServeStatic.Cli -c Release --nologo -v quiet >"$work/dotnet-build.log" || { cat "$work/dotnet-build.log" >&2; exit 1; }
cli=$repo/src/ServeStatic.Cli/bin/Release/net10.0/ServeStatic.Cli
site=$work/site
rm -rf "$site" "$work/release" "$work/python-out" "$work/msa"
python3 bench/build/generate_site.py "$site"
text_mb=$(find "$site" -type f -not \( -name '*.png' -o -name '*.jpg' -o -name '*.webp' -o -name '*.woff2' \) -printf '%s\n' | awk '{ s += $1 } END { printf "%.1f", s / 1e6 }')
mkdir -p "$work/msa"
cp bench/build/MapStaticAssetsApp/MapStaticAssetsApp.csproj bench/build/MapStaticAssetsApp/Program.cs "$work/msa/"
cp -r "$site" "$work/msa/wwwroot"
(cd "$work/msa" && dotnet restore --nologo -v quiet >/dev/null)
sync

times=$work/times.tsv
: >"$times"
# measure <label> <command...>: one run under /usr/bin/time; appends "label user sys wall rss-MB" to times.tsv.
measure() {
    local label=$1
    shift
    /usr/bin/time -f '%U %S %e %M' -o "$work/time.txt" "$@" >"$work/out.log" 2>&1 || { cat "$work/out.log" >&2; exit 1; }
    echo "$label $(awk '{ printf "%s %s %s %d", $1, $2, $3, $4 / 1024 }' "$work/time.txt")" | tee -a "$times" >&2
}

ours() {
    rm -rf "$work/release"
    measure ours-cold "$cli" build "$site" --output "$work/release"
    measure ours-unchanged "$cli" build "$site" --output "$work/release"
}

python_cli() {
    local label=$1
    shift
    rm -rf "$work/python-out"
    measure "$label" env PYTHONPATH="$python_servestatic" /usr/bin/python3 -m servestatic.cli --compress --no-zstd -q "$@" "$site" "$work/python-out"
}
python_all() {
    python_cli python-none --no-gzip --no-brotli
    python_cli python-gzip --no-brotli
    python_cli python-default
}

publish() {
    local label=$1
    shift
    (cd "$work/msa" && rm -rf bin obj/Release out &&
        measure "$label" dotnet publish -c Release -o out --no-restore -nodeReuse:false -p:UseSharedCompilation=false "$@")
}
publish_all() {
    publish msa-none -p:EnableDefaultCompressionFormats=false
    publish msa-gzip -p:EnableDefaultCompressionFormats=false -p:BuildCompressionFormats=gzip
    publish msa-default
    (cd "$work/msa" && measure msa-unchanged dotnet publish -c Release -o out --no-restore -nodeReuse:false -p:UseSharedCompilation=false)
}

tools=(ours python_all publish_all)
echo "$(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M UTC')" | tee "$work/machine.txt" >&2
for ((round = 0; round < rounds; round++)); do
    for ((i = 0; i < ${#tools[@]}; i++)); do
        "${tools[(i + round) % ${#tools[@]}]}"
    done
done
echo "load average after the rounds: $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%H:%M UTC')" | tee -a "$work/machine.txt" >&2

python3 bench/build/sizes.py "$work/release" "$work/python-out" "$work/msa/out/wwwroot" >"$work/sizes.md"
dotnet run -c Release bench/build/codecs.cs -- "$site" >"$work/codecs.md"
printf '\n/* changed */\n' >>"$site/css/d00/css-00000.css"
measure ours-one-css-changed "$cli" build "$site" --output "$work/release"
measure sha256sum sh -c "find '$site' -type f -print0 | xargs -0 sha256sum >/dev/null"

echo
cat "$work/machine.txt"
echo "site: 10,000 files, $text_mb MB of text"
echo
# Medians per label; a codec's CPU is the difference of two medians of the same tool (same rounds).
python3 - "$times" "$text_mb" <<'EOF'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    label, user, system, wall, rss = line.split()
    rows.setdefault(label, []).append((float(user) + float(system), float(wall), int(rss)))
text_mb = float(sys.argv[2])
median = lambda label, i: statistics.median(r[i] for r in rows[label])
print("| command | runs | CPU s (user + sys), median (min–max) | wall s, median | peak RSS MB | CPU s per MB of text |")
print("| --- | ---: | ---: | ---: | ---: | ---: |")
for label, runs in rows.items():
    cpu = [r[0] for r in runs]
    print(f"| {label} | {len(runs)} | {median(label, 0):.1f} ({min(cpu):.1f}–{max(cpu):.1f}) | {median(label, 1):.1f} | {max(r[2] for r in runs)} | {median(label, 0) / text_mb:.2f} |")
print()
print("| tool | codec | CPU s | CPU s per MB of text |")
print("| --- | --- | ---: | ---: |")
for tool in ("python", "msa"):
    for codec, with_it, without in (("gzip", "gzip", "none"), ("br", "default", "gzip")):
        cpu = median(f"{tool}-{with_it}", 0) - median(f"{tool}-{without}", 0)
        print(f"| {tool} | {codec} ({with_it} − {without}) | {cpu:.1f} | {cpu / text_mb:.2f} |")
EOF
echo
cat "$work/codecs.md"
echo
cat "$work/sizes.md"
