#!/usr/bin/env bash
# The build benchmark: generates a deterministic 10,000-file / ~100 MB site in a temporary folder, then measures
# with /usr/bin/time -v a cold build, a rebuild of the unchanged site, and a rebuild after one file changed, and,
# for comparison, hashing every file once (sha256sum). Prints a Markdown table for bench/README.md.
# Usage: bench/build/run.sh [work-folder]   (default: a new temporary folder, deleted at the end)
set -euo pipefail
cd "$(dirname "$0")/../.."
work=${1:-$(mktemp -d)}
[[ -n "${1:-}" ]] || trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
mkdir -p "$work"

dotnet build src/ServeStatic.Cli -c Release --nologo -v quiet >"$work/dotnet-build.log" || { cat "$work/dotnet-build.log" >&2; exit 1; }
cli=src/ServeStatic.Cli/bin/Release/net10.0/ServeStatic.Cli
rm -rf "$work/site" "$work/release"
python3 bench/build/generate_site.py "$work/site"
sync

# measure <label> <command...>: runs it under /usr/bin/time -v, prints "label | wall s | CPU s | peak RSS MB".
# CPU (user + system) is the steadier number on a machine shared with other work; wall time is what a user waits.
measure() {
    local label=$1
    shift
    /usr/bin/time -v "$@" >"$work/out.log" 2>"$work/time.log" || { cat "$work/out.log" "$work/time.log" >&2; exit 1; }
    local wall cpu rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; printf "%.1f", s }' "$work/time.log")
    cpu=$(awk -F': ' '/(User|System) time \(seconds\)/ { s += $2 } END { printf "%.1f", s }' "$work/time.log")
    rss=$(awk -F': ' '/Maximum resident set size/ { printf "%d", $2 / 1024 }' "$work/time.log")
    echo "| $label | $wall s | $cpu s | $rss MB |"
    grep -E '^built release' "$work/out.log" >&2 || true
}

echo "| step | wall time | CPU time (user + sys) | peak memory (RSS) |"
echo "| --- | ---: | ---: | ---: |"
measure "cold build (empty output folder)" "$cli" build "$work/site" --output "$work/release"
measure "rebuild, nothing changed" "$cli" build "$work/site" --output "$work/release"
printf '\n/* changed */\n' >>"$work/site/css/d00/css-00000.css"
measure "rebuild, one CSS file changed" "$cli" build "$work/site" --output "$work/release"
measure "baseline: sha256sum of every file" sh -c "find '$work/site' -type f -print0 | xargs -0 sha256sum >/dev/null"
echo
echo "content: $(find "$work/release/content" -type f | wc -l) files, $(du -sm "$work/release/content" | cut -f1) MB on disk; $(nproc) cores; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%Y-%m-%d)"
