#!/usr/bin/env bash
# Warm start and snapshot memory (bench/README.md, "Warm start and snapshot memory"): writes two synthetic releases into a
# temporary release folder and runs bench/snapshot/snapshot.cs on them in Release.
#   bench/snapshot/run.sh            # 10,000 assets
#   bench/snapshot/run.sh 200000     # a large site
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet run -c Release bench/snapshot/snapshot.cs -- "$work" "${1:-10000}"
