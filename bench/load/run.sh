#!/usr/bin/env bash
# Load comparison on loopback, in one run and on the same files (bench/README.md, "Responder"):
#   servestatic serve (a release built by servestatic build, from its folder and from an Azurite container), the ceiling (bare Kestrel writing the same pre-built bytes
#   from a dictionary, bench/load/hosts.cs), ASP.NET Core UseStaticFiles, nginx with gzip_static, and servestatic serve of
#   the same site with site rules (1,000 redirects, 100 header rules for other paths: what rules cost an asset's answer).
# Every request sends Accept-Encoding: br, gzip. Prints a Markdown table of requests/s and p99 latency, with ratios to
# the ceiling, and the bytes each .NET server allocated per request: a startup hook (bench/load/AllocationHook) loaded
# into the unmodified server process writes GC.GetTotalAllocatedBytes to a file, read before and after each round. Needs wrk, nginx (apt-get install wrk nginx), python3 and the .NET SDK.
#   bench/load/run.sh                       # 10 s per measurement, 1 wrk thread, 32 connections, 3 rounds
#   DURATION=30s CONNECTIONS=64 bench/load/run.sh
#   SERVERS="0 1 5" bench/load/run.sh      # servestatic serve with and without site rules, and the ceiling
# Each server is first warmed on both files for TIER_WARMUP: .NET compiles hot code three times (quick, instrumented,
# optimised) and, with wrk holding one of two cores, reaches its final code only after about 15 s under load.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-3s}
TIER_WARMUP=${TIER_WARMUP:-20s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-1}
ROUNDS=${ROUNDS:-3}
BASE_PORT=${BASE_PORT:-18180}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# The GC every ASP.NET Core app (Web SDK) gets by default, for all three .NET hosts alike.
export DOTNET_gcServer=1

for tool in wrk nginx python3 dotnet curl; do
    command -v "$tool" >/dev/null || { echo "$tool is required (apt-get install wrk nginx)" >&2; exit 1; }
done

work=$(mktemp -d)
chmod 755 "$work"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

echo "==> writing the site (1 KB CSS, 100 KB JS) into $work/site" >&2
python3 - "$work/site" <<'PY'
import os, random, sys
root = sys.argv[1]
random.seed(7)
os.makedirs(f"{root}/css"); os.makedirs(f"{root}/js")
words = ["header", "nav", "item", "card", "button", "title", "list", "footer", "grid", "panel", "link", "icon"]
css = ""
while len(css) < 1024 - 60:
    css += f".{random.choice(words)}-{random.choice(words)} {{ margin: {random.randint(0, 32)}px; color: #{random.randrange(1 << 24):06x}; }}\n"
open(f"{root}/css/site.css", "w").write(css.ljust(1023) + "\n")
js = ""
while len(js) < 100 * 1024 - 120:
    a, b = random.choice(words), random.choice(words)
    js += f"export function {a}{random.randint(0, 999)}({b}, n) {{ return {b}.map(x => x * {random.randint(1, 99)} + n).filter(Boolean); }}\n"
open(f"{root}/js/app.js", "w").write(js.ljust(100 * 1024 - 1) + "\n")
PY

echo "==> building the CLI, the comparison hosts, the allocation hook and the release" >&2
dotnet build src/ServeStatic.Cli -c Release --nologo -v quiet >&2
cli=(dotnet src/ServeStatic.Cli/bin/Release/net10.0/ServeStatic.Cli.dll)
# Built here and run as dlls (not with dotnet run), so the hook below is loaded into the servers only, never the SDK.
hosts=$(dotnet build -c Release bench/load/hosts.cs 2>&1 | grep -oE -- '-> .*hosts\.dll' | sed 's/^-> //')
[[ -f "$hosts" ]] || { echo "building bench/load/hosts.cs failed" >&2; exit 1; }
dotnet build bench/load/AllocationHook -c Release --nologo -v quiet -o "$work/hook" >&2
# Starts a .NET server with the hook counting its allocations into $work/allocated.<index>.
# Started in the background, its exec makes $! the server's own pid, which the cleanup kills.
counted() { local index=$1; shift; SERVESTATIC_ALLOCATIONS_FILE="$work/allocated.$index" DOTNET_STARTUP_HOOKS="$work/hook/AllocationHook.dll" exec "$@"; }
allocated() { [[ -f "$work/allocated.$1" ]] && echo $((10#$(cat "$work/allocated.$1"))) || echo 0; }
"${cli[@]}" build "$work/site" -o "$work/release" >&2
# The same files with a servestatic.json of 1,000 exact redirects, two pattern redirects and 100 header rules for paths the
# files do not have: their responses are byte for byte the same, so any difference is what the rules cost.
cp -r "$work/site" "$work/ruled-site"
python3 - "$work/ruled-site/servestatic.json" <<'PY'
import json, sys
json.dump({
    "redirects": [{"from": f"/old/page-{i}.html", "to": "/css/site.css", "status": 301} for i in range(1000)]
        + [{"from": "/blog/*", "to": "/news/:splat"}, {"from": "/posts/:year/:slug", "to": "/news/:slug", "status": 302}],
    "headers": [{"glob": f"/section-{i}/**", "set": {"X-Section": str(i)}} for i in range(100)],
}, open(sys.argv[1], "w"), indent=1)
PY
"${cli[@]}" build "$work/ruled-site" -o "$work/ruled-release" >&2

echo "==> preparing nginx (gzip_static: .gz files beside the originals)" >&2
cp -r "$work/site" "$work/nginx-root"
find "$work/nginx-root" -type f -exec gzip -9 -k {} \;
mkdir -p "$work/nginx"
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes auto;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
$( [[ $(id -u) == 0 ]] && echo "user root;" )
events { worker_connections 4096; }
http {
    include /etc/nginx/mime.types;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi;
    uwsgi_temp_path $work/nginx/uwsgi;
    scgi_temp_path $work/nginx/scgi;
    server {
        listen 127.0.0.1:$((BASE_PORT + 3));
        root $work/nginx-root;
        gzip_static on;
        gzip_vary on;
        add_header Cache-Control "public, max-age=60";
    }
}
CONF

echo "==> starting Azurite and publishing the release to it (for servestatic serve from a blob container)" >&2
[[ -x tests/tools/node_modules/.bin/azurite-blob ]] || npm ci --prefix tests/tools --no-audit --no-fund --loglevel=error >&2
azurite_port=$((BASE_PORT + 10))
tests/tools/node_modules/.bin/azurite-blob --blobHost 127.0.0.1 --blobPort "$azurite_port" --location "$work/azurite" \
    --skipApiVersionCheck --loose --disableTelemetry --silent >"$work/azurite.log" 2>&1 & pids+=($!)
# Azurite's documented development account and key (public, the same in every Azurite).
azurite="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$azurite_port/devstoreaccount1;"
for _ in $(seq 1 120); do curl -s -o /dev/null "http://127.0.0.1:$azurite_port/" && break; sleep 0.5; done
"${cli[@]}" publish "$work/release" --connection-string "$azurite" --container site --create-container --activate >&2

echo "==> starting the six servers" >&2
counted 0 "${cli[@]}" serve "$work/release" --urls "http://127.0.0.1:$BASE_PORT" >"$work/servestatic.log" 2>&1 & pids+=($!)
counted 1 dotnet "$hosts" ceiling "$work/release" "http://127.0.0.1:$((BASE_PORT + 1))" >"$work/ceiling.log" 2>&1 & pids+=($!)
counted 2 dotnet "$hosts" staticfiles "$work/site" "http://127.0.0.1:$((BASE_PORT + 2))" >"$work/staticfiles.log" 2>&1 & pids+=($!)
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" & pids+=($!)
counted 4 "${cli[@]}" serve --connection-string "$azurite" --container site --urls "http://127.0.0.1:$((BASE_PORT + 4))" >"$work/servestatic-blob.log" 2>&1 & pids+=($!)
counted 5 "${cli[@]}" serve "$work/ruled-release" --urls "http://127.0.0.1:$((BASE_PORT + 5))" >"$work/servestatic-rules.log" 2>&1 & pids+=($!)

names=("servestatic serve" "ceiling (bare Kestrel, dictionary)" "UseStaticFiles" "nginx gzip_static" "servestatic serve, blob container (cached bodies)" "servestatic serve, 1,000 redirects + 100 header rules")
# SERVERS="0 1 5" measures only those (0 and 1 are needed for the ratios); all six are started either way.
read -ra servers <<< "${SERVERS:-0 1 2 3 4 5}"
for i in "${servers[@]}"; do
    url="http://127.0.0.1:$((BASE_PORT + i))/css/site.css"
    for _ in $(seq 1 600); do
        curl -s -o /dev/null "$url" && break
        sleep 0.5
    done
    curl -s -o /dev/null "$url" || { echo "${names[$i]} did not start; see $work/*.log" >&2; exit 1; }
done

# wrk prints latency as 812.00us, 1.23ms or 1.02s; in milliseconds:
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'; }

echo "==> warming each server on both files for $TIER_WARMUP" >&2
for i in "${servers[@]}"; do
    for path in /css/site.css /js/app.js; do
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"$TIER_WARMUP" -H 'Accept-Encoding: br, gzip' "http://127.0.0.1:$((BASE_PORT + i))$path" >/dev/null
    done
done

# Rounds interleave the servers, so a slow spell of this shared machine does not land on one of them; the best round counts.
declare -A rps p99 encoding bytes perrequest
for path in /css/site.css /js/app.js; do
    for i in "${servers[@]}"; do
        url="http://127.0.0.1:$((BASE_PORT + i))$path"
        encoding[$path,$i]=$(curl -s -o /dev/null -D - -H 'Accept-Encoding: br, gzip' "$url" | awk -F': ' 'tolower($1) == "content-encoding" { gsub("\r", "", $2); print $2 }')
        bytes[$path,$i]=$(curl -s -H 'Accept-Encoding: br, gzip' "$url" | wc -c)
        rps[$path,$i]=0
        perrequest[$path,$i]=-
    done
    for round in $(seq 1 "$ROUNDS"); do
        for i in "${servers[@]}"; do
            url="http://127.0.0.1:$((BASE_PORT + i))$path"
            wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H 'Accept-Encoding: br, gzip' "$url" >/dev/null
            before=$(allocated "$i")
            out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H 'Accept-Encoding: br, gzip' "$url")
            # The hook writes every 10 ms: wait for its last number of the round.
            sleep 0.05
            after=$(allocated "$i")
            r=$(awk '/^Requests\/sec/ { print $2 }' <<<"$out")
            l=$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")
            if [[ -f "$work/allocated.$i" ]]; then
                # Everything the process allocated during the round (its background polling included) over the requests.
                a=$(awk -v d=$((after - before)) -v n="$(awk '/requests in/ { print $1 }' <<<"$out")" 'BEGIN { printf "%.1f", d / n }')
                if [[ ${perrequest[$path,$i]} == - ]] || awk -v a="$a" -v b="${perrequest[$path,$i]}" 'BEGIN { exit !(a < b) }'; then
                    perrequest[$path,$i]=$a
                fi
            fi
            echo "    round $round $path ${names[$i]}: $r req/s, p99 $l ms, ${a:--} B allocated/request" >&2
            unset a
            if awk -v a="$r" -v b="${rps[$path,$i]}" 'BEGIN { exit !(a > b) }'; then
                rps[$path,$i]=$r
                p99[$path,$i]=$l
            fi
        done
    done
done

echo
echo "| file | server | encoding sent | body bytes | req/s | ÷ ceiling | p99 (ms) | ÷ ceiling | allocated B/request |"
echo "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
for path in /css/site.css /js/app.js; do
    for i in "${servers[@]}"; do
        ratio=$(awk -v a="${rps[$path,$i]}" -v b="${rps[$path,1]}" 'BEGIN { printf "%.2f", a / b }')
        latency=$(awk -v a="${p99[$path,$i]}" -v b="${p99[$path,1]}" 'BEGIN { printf "%.2f", a / b }')
        echo "| \`$path\` | ${names[$i]} | ${encoding[$path,$i]:-identity} | ${bytes[$path,$i]} | ${rps[$path,$i]} | $ratio | ${p99[$path,$i]} | $latency | ${perrequest[$path,$i]} |"
    done
done
echo
for path in /css/site.css /js/app.js; do
    echo "with site rules ÷ without, \`$path\`: $(awk -v a="${rps[$path,5]}" -v b="${rps[$path,0]}" 'BEGIN { printf "%.3f", a / b }')"
done
echo
echo "wrk $(wrk --version 2>&1 | awk 'NR == 1 { print $2 }'), $THREADS thread(s), $CONNECTIONS connections, best of $ROUNDS interleaved rounds of $DURATION, each after $WARMUP of warm-up, all after $TIER_WARMUP per server and file (allocations: the lowest round);" \
    "$(nginx -v 2>&1 | sed 's/^nginx version: //'); .NET $(dotnet --version) SDK; $(nproc) cores; $(date -u '+%Y-%m-%d %H:%M UTC')"
