#!/usr/bin/env bash
# Blob-storage measurements (bench/README.md, "Blob storage"): starts Azurite from tests/tools on a free loopback port with
# its data in a temporary folder, then runs bench/blob/blob.cs (publish to an empty and to a populated container; warm
# start from a folder and from the container).
#   bench/blob/run.sh            # 10,000 assets
#   bench/blob/run.sh 2000       # fewer
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
assets=${1:-10000}
azurite=tests/tools/node_modules/.bin/azurite-blob
[[ -x $azurite ]] || npm ci --prefix tests/tools --no-audit --no-fund --loglevel=error

work=$(mktemp -d)
log="$work/azurite.log"
"$azurite" --blobHost 127.0.0.1 --blobPort 0 --location "$work/azurite" --skipApiVersionCheck --loose --disableTelemetry >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 600); do
    port=$(grep -oE 'listens on http://127\.0\.0\.1:[0-9]+' "$log" | grep -oE '[0-9]+$' || true)
    [[ -n $port ]] && break
    sleep 0.1
done
[[ -n ${port:-} ]] || { cat "$log" >&2; echo "Azurite did not start" >&2; exit 1; }
key='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='
connection="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$port/devstoreaccount1;"
dotnet run -c Release bench/blob/blob.cs -- "$connection" "$work" "$assets"
