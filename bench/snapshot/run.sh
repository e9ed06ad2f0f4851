#!/usr/bin/env bash
# Warm start and snapshot memory (bench/README.md, "Warm start and snapshot memory"): writes two synthetic releases into a
# temporary release folder and runs bench/snapshot/snapshot.cs on them in Release, twice: as a console app runs by default
# (workstation collector, concurrent; loops first compiled unoptimised), then as the Functions app runs
# (ConcurrentGarbageCollection=false and TieredCompilationQuickJitForLoops=false in its project: the same as
# DOTNET_gcConcurrent=0 and DOTNET_TC_QuickJitForLoops=0 here).
#   bench/snapshot/run.sh            # 10,000 assets
#   bench/snapshot/run.sh 200000     # a large site
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build -c Release bench/snapshot/snapshot.cs -o "$work/bin" > "$work/build.log" || { cat "$work/build.log"; exit 1; }
"$work/bin/ServeStatic.Bench.Snapshot" "$work" "${1:-10000}"
DOTNET_gcConcurrent=0 DOTNET_TC_QuickJitForLoops=0 "$work/bin/ServeStatic.Bench.Snapshot" "$work" "${1:-10000}"
