#!/usr/bin/env bash
# The README's screenshot of the sample site (docs/images/sample-site.png): serves samples/site with the CLI and has
# headless Chromium (Debian's chromium, which scripts/test.sh installs) photograph its home page at 1200x800.
#   scripts/screenshot-sample.sh [output.png]
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-docs/images/sample-site.png}")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
dotnet run --project src/ServeStatic.Cli -- serve samples/site --urls "http://127.0.0.1:$port" > /dev/null &
server=$!
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 1 300); do
  curl -fs -o /dev/null "http://127.0.0.1:$port/.servestatic/health" && break
  sleep 1
done
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1200,800 --screenshot="$out" "http://127.0.0.1:$port/" 2>/dev/null
echo "wrote $out"
