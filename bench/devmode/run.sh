#!/usr/bin/env bash
# Development mode's memory with a large file: serves a site folder holding one 200 MB text file with
# `servestatic serve <site>`, rewrites the file N times (different bytes each time), waits for each rebuild, fetches
# the file once, and prints the server's resident memory after each step and its peak (VmRSS, VmHWM from /proc).
# Usage: bench/devmode/run.sh [edits] [size-MB]   (default 4 edits of a 200 MB file)
set -euo pipefail
cd "$(dirname "$0")/../.."
edits=${1:-4}
size_mb=${2:-200}
work=$(mktemp -d)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
server=
trap '[[ -n "$server" ]] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT

dotnet build src/ServeStatic.Cli -c Release --nologo -v quiet >"$work/dotnet-build.log" || { cat "$work/dotnet-build.log" >&2; exit 1; }
cli=src/ServeStatic.Cli/bin/Release/net10.0/ServeStatic.Cli
mkdir "$work/site"
echo "<h1>home</h1>" >"$work/site/index.html"

# write <seed>: a text file of size_mb MB whose every line carries the seed, so each edit is new bytes.
write() {
    python3 - "$work/site/data.csv" "$size_mb" "$1" <<'PY'
import sys
path, size, seed = sys.argv[1], int(sys.argv[2]) * 1000 * 1000, sys.argv[3]
line = f"{seed},0123456789,abcdefghijklmnopqrstuvwxyz,the quick brown fox jumps over the lazy dog\n".encode()
block = line * (1 << 14)
with open(path, "wb") as f:
    written = 0
    while written < size:
        chunk = block[: size - written]
        f.write(chunk)
        written += len(chunk)
PY
}

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
write 0
"$cli" serve "$work/site" --urls "http://127.0.0.1:$port" >"$work/server.log" 2>&1 &
server=$!

# wait_for_releases <n>: until the log shows n releases served.
wait_for_releases() {
    for _ in $(seq 1 600); do
        (( $(grep -c 'Serving release' "$work/server.log" || true) >= $1 )) && return 0
        kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
        sleep 0.5
    done
    cat "$work/server.log" >&2
    exit 1
}

# sample <label>: fetches the file (identity) and prints the server's resident and peak memory.
sample() {
    local got
    got=$(curl -s -o /dev/null -w '%{size_download}' "http://127.0.0.1:$port/data.csv")
    [[ "$got" == $(( size_mb * 1000 * 1000 )) ]] || { echo "fetched $got bytes" >&2; exit 1; }
    sleep 2
    local rss hwm
    rss=$(awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$server/status")
    hwm=$(awk '/VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$server/status")
    echo "| $1 | $rss MB | $hwm MB |"
}

echo "| after | resident (VmRSS) | peak so far (VmHWM) |"
echo "| --- | ---: | ---: |"
wait_for_releases 1
sample "start ($size_mb MB file built)"
for edit in $(seq 1 "$edits"); do
    write "$edit"
    wait_for_releases $(( edit + 1 ))
    sample "edit $edit"
done
echo
echo "$(nproc) cores; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%Y-%m-%d)"
