#!/usr/bin/env bash
# The Functions-host benchmark (bench/README.md, "Functions host"): src/ServeStatic.Functions against an empty function
# (bench/functions/EmptyFunction: ASP.NET Core integration, one catch-all function writing a fixed 863-byte body, the
# size of the sample site's Brotli /css/app.css), both published and run under the same Functions host.
#   1. Throughput: req/s and p99 with wrk on /css/app.css (Accept-Encoding: br, gzip), in interleaved rounds A B A B ….
#   2. Cold start: from starting the host process to the first 200 on a path (curl every 20 ms), in interleaved rounds,
#      for the empty function, the app with its packaged release (samples/site) and the app pointed at a 10,000-asset
#      release (bench/build/generate_site.py, built once with --fingerprint), each published plain (JIT) and ReadyToRun.
# Prints Markdown tables: medians with min–max over the rounds, and ratios to the empty function (the median of each
# round's ratio: both sides of a ratio ran in the same round, so a slow spell of a shared machine touches both; even
# rounds run in reverse order).
#
#   bench/functions/run.sh [work-folder]     # the work folder keeps the 10,000-asset site and release between runs
#   ROUNDS=5 COLD_ROUNDS=7 DURATION=10s bench/functions/run.sh
#   READY_TO_RUN=0 bench/functions/run.sh    # JIT publishes only
#   PUBLISH=0 bench/functions/run.sh WORK    # measure again the apps an earlier run published into WORK
#
# The host: $SERVESTATIC_FUNCTIONS_HOST (a folder with start.sh, as ../shared/functions-host; its README says how to get
# one), default ../shared/functions-host. Needs wrk and curl (apt-get install wrk curl), python3 and the .NET SDK.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${ROUNDS:-5}
COLD_ROUNDS=${COLD_ROUNDS:-5}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-3s}
TIER_WARMUP=${TIER_WARMUP:-20s}
CONNECTIONS=${CONNECTIONS:-16}
READY_TO_RUN=${READY_TO_RUN:-1}
PUBLISH=${PUBLISH:-1}
BASE_PORT=${BASE_PORT:-17300}
COLD_TIMEOUT_SECONDS=${COLD_TIMEOUT_SECONDS:-120}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

host=${SERVESTATIC_FUNCTIONS_HOST:-../shared/functions-host}
[[ -x $host/start.sh ]] || {
    echo "no Functions host at '$host': set SERVESTATIC_FUNCTIONS_HOST to a folder with start.sh (see ../shared/functions-host/README.md)" >&2
    exit 1
}
host=$(cd "$host" && pwd)
for tool in wrk curl python3 dotnet; do
    command -v "$tool" >/dev/null || { echo "$tool is required (apt-get install wrk curl)" >&2; exit 1; }
done

keep=${1:-}
work=${keep:-$(mktemp -d)}
mkdir -p "$work"
work=$(cd "$work" && pwd)
pids=()
stop_all() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    pids=()
}
trap 'stop_all; [[ -n $keep ]] || rm -rf "$work"' EXIT
loads=("$(cut -d' ' -f1-3 /proc/loadavg)")

# publish <project> <folder> [extra publish arguments…]
publish() {
    local project=$1 folder=$2
    shift 2
    if [[ $PUBLISH == 0 && -f $folder/functions.metadata ]]; then
        echo "==> using the earlier publish of $project in $folder" >&2
        return
    fi
    echo "==> publishing $project to $folder $*" >&2
    rm -rf "$folder"
    # The Worker SDK's generated WorkerExtensions project prints NU1603 warnings that are not ours (issue 12, item 2).
    dotnet publish "$project" -c Release -o "$folder" --nologo -v quiet "$@" >"$work/publish.log" 2>&1 \
        || { cat "$work/publish.log" >&2; exit 1; }
}
modes=(jit)
publish bench/functions/EmptyFunction "$work/jit/empty"
publish src/ServeStatic.Functions "$work/jit/app"
if [[ $READY_TO_RUN == 1 ]]; then
    modes+=(r2r)
    # ReadyToRun needs a runtime identifier; framework-dependent, as the JIT publish (the Crossgen2 pack comes from NuGet).
    r2r=(-r linux-x64 --self-contained false -p:PublishReadyToRun=true)
    publish bench/functions/EmptyFunction "$work/r2r/empty" "${r2r[@]}"
    publish src/ServeStatic.Functions "$work/r2r/app" "${r2r[@]}"
fi

echo "==> the 10,000-asset release (generated and built once per work folder)" >&2
if [[ ! -f $work/release10k/current ]]; then
    rm -rf "$work/site10k" "$work/release10k"
    python3 bench/build/generate_site.py "$work/site10k" >&2
    dotnet run --project src/ServeStatic.Cli -c Release -- build "$work/site10k" --output "$work/release10k" --fingerprint >"$work/build10k.log" 2>&1 \
        || { cat "$work/build10k.log" >&2; exit 1; }
fi
# An HTML page keeps its name under --fingerprint: the first one of the site.
path10k=/html/d00/html-00000.html

# start_host <app folder> <port> <log> [VAR=value…]: the host in the background; its pid is the last of pids.
start_host() {
    local app=$1 port=$2 log=$3
    shift 3
    env "$@" "$host/start.sh" "$app" "$port" >"$log" 2>&1 &
    pids+=($!)
}

# stop_host: SIGTERM to the last host started (it stops its worker), and wait for it.
stop_host() {
    local pid=${pids[-1]}
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    unset 'pids[-1]'
}

# wait_200 <url> <seconds>: polls every 20 ms until the url answers 200; fails after <seconds>.
wait_200() {
    local url=$1 deadline=$((SECONDS + $2))
    until [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$url") == 200 ]]; do
        ((SECONDS < deadline)) || return 1
        sleep 0.02
    done
}

# wrk prints latency as 812.00us, 1.23ms or 1.02s; in milliseconds:
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'; }

# stats <format> <numbers…>: "median|min|max" printed with <format> (median of an even count: the mean of the middle two).
stats() {
    local format=$1
    shift
    printf '%s\n' "$@" | sort -g | awk -v f="$format" '{ v[NR] = $1 } END {
        m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf f "|" f "|" f, m, v[1], v[NR] }'
}
# median <numbers…>: a ratio's median, two decimals.
median() { stats %.2f "$@" | cut -d'|' -f1; }
# ratios <a…> -- <b…>: each a_i / b_i.
ratios() {
    local a=() b=() in_b=0 x i
    for x in "$@"; do
        if [[ $x == -- ]]; then in_b=1; elif ((in_b)); then b+=("$x"); else a+=("$x"); fi
    done
    for i in "${!a[@]}"; do awk -v a="${a[$i]}" -v b="${b[$i]}" 'BEGIN { printf "%.3f\n", a / b }'; done
}
# cell <format> <numbers…>: "median (min–max)".
cell() { stats "$@" | awk -F'|' '{ printf "%s (%s–%s)", $1, $2, $3 }'; }

echo "==> throughput: starting both apps (JIT publish) under the host" >&2
names=(empty app)
for i in 0 1; do
    start_host "$work/jit/${names[$i]}" $((BASE_PORT + i)) "$work/throughput-${names[$i]}.log"
    wait_200 "http://127.0.0.1:$((BASE_PORT + i))/css/app.css" "$COLD_TIMEOUT_SECONDS" \
        || { echo "${names[$i]} did not answer 200; see $work/throughput-${names[$i]}.log" >&2; exit 1; }
done
for i in 0 1; do
    url="http://127.0.0.1:$((BASE_PORT + i))/css/app.css"
    bytes[$i]=$(curl -s -H 'Accept-Encoding: br, gzip' "$url" | wc -c)
    echo "    warming ${names[$i]} for $TIER_WARMUP (${bytes[$i]} bytes a response)" >&2
    wrk -t1 -c"$CONNECTIONS" -d"$TIER_WARMUP" -H 'Accept-Encoding: br, gzip' "$url" >/dev/null
done
declare -A rps p99
for round in $(seq 1 "$ROUNDS"); do
    # Even rounds reverse the order, so neither side always runs right after the other.
    for i in $( ((round % 2)) && echo 0 1 || echo 1 0); do
        url="http://127.0.0.1:$((BASE_PORT + i))/css/app.css"
        wrk -t1 -c"$CONNECTIONS" -d"$WARMUP" -H 'Accept-Encoding: br, gzip' "$url" >/dev/null
        out=$(wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency -H 'Accept-Encoding: br, gzip' "$url")
        grep -q 'Non-2xx' <<<"$out" && { echo "${names[$i]} answered other than 2xx under load:" >&2; echo "$out" >&2; exit 1; }
        rps[$i]+=" $(awk '/^Requests\/sec/ { print $2 }' <<<"$out")"
        p99[$i]+=" $(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")"
        echo "    round $round ${names[$i]}: $(awk '/^Requests\/sec/ { print $2 }' <<<"$out") req/s, p99 $(awk '$1 == "99%" { print $2 }' <<<"$out")" >&2
    done
done
stop_all
loads+=("$(cut -d' ' -f1-3 /proc/loadavg)")

# Cold start: each case is "label|mode|app folder|path|VAR=value…"; every round starts each case once, in this order.
cases=()
for mode in "${modes[@]}"; do
    cases+=("empty function|$mode|$work/$mode/empty|/css/app.css|"
        "app, sample site|$mode|$work/$mode/app|/css/app.css|"
        "app, 10,000 assets|$mode|$work/$mode/app|$path10k|ServeStatic__Folder__Path=$work/release10k")
done
# The app's start-up settings (ConcurrentGarbageCollection and TieredCompilationQuickJitForLoops false in its project) put
# back to the runtime's defaults for one case: the environment overrides the worker's runtimeconfig.json, and the host
# (started with the same environment) runs with these defaults anyway.
cases+=("app, 10,000 assets, runtime defaults|jit|$work/jit/app|$path10k|ServeStatic__Folder__Path=$work/release10k DOTNET_gcConcurrent=1 DOTNET_TC_QuickJitForLoops=1")
declare -A cold
echo "==> cold start: ${#cases[@]} cases × $COLD_ROUNDS rounds (host start → first 200)" >&2
for round in $(seq 1 "$COLD_ROUNDS"); do
    for c in $( ((round % 2)) && echo "${!cases[@]}" || echo "${!cases[@]}" | tr ' ' '\n' | tac); do
        IFS='|' read -r label mode app path settings <<<"${cases[$c]}"
        port=$((BASE_PORT + 10 + c))
        log="$work/cold-$c-$round.log"
        started=$(date +%s%N)
        # shellcheck disable=SC2086 # settings is zero or more VAR=value words
        start_host "$app" "$port" "$log" $settings
        wait_200 "http://127.0.0.1:$port$path" "$COLD_TIMEOUT_SECONDS" \
            || { echo "$label ($mode) gave no 200 on $path within $COLD_TIMEOUT_SECONDS s; see $log" >&2; exit 1; }
        ms=$((($(date +%s%N) - started) / 1000000))
        stop_host
        cold[$c]+=" $ms"
        echo "    round $round $label ($mode): $ms ms" >&2
    done
done
loads+=("$(cut -d' ' -f1-3 /proc/loadavg)")

echo
echo "### Throughput: \`/css/app.css\`, Accept-Encoding: br, gzip"
echo
echo "| function | body bytes | req/s | ÷ empty | p99 (ms) | ÷ empty |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
for i in 0 1; do
    # shellcheck disable=SC2086
    echo "| ${names[$i]} | ${bytes[$i]} | $(cell %.0f ${rps[$i]}) | $(median $(ratios ${rps[$i]} -- ${rps[0]})) | $(cell %.1f ${p99[$i]}) | $(median $(ratios ${p99[$i]} -- ${p99[0]})) |"
done
echo
echo "### Cold start: host process start → first 200 (ms)"
echo
echo "| case | publish | path | ms | ÷ empty function | ÷ same case, JIT |"
echo "| --- | --- | --- | ---: | ---: | ---: |"
for c in "${!cases[@]}"; do
    IFS='|' read -r label mode app path settings <<<"${cases[$c]}"
    empty=$(((c / 3) * 3))
    jit=$((c % 3))
    # The runtime-defaults case (the last) against the JIT empty function and the JIT app with its own settings.
    ((c < 3 * ${#modes[@]})) || { empty=0; jit=2; }
    # shellcheck disable=SC2086
    echo "| $label | $([[ $mode == r2r ]] && echo ReadyToRun || echo JIT) | \`$path\` | $(cell %.0f ${cold[$c]}) | $(median $(ratios ${cold[$c]} -- ${cold[$empty]})) | $(median $(ratios ${cold[$c]} -- ${cold[$jit]})) |"
done
echo
echo "(For \"runtime defaults\", the last column is ÷ \"app, 10,000 assets\" with the app's own start-up settings.)"
echo
echo "wrk $(wrk --version 2>&1 | awk 'NR == 1 { print $2 }'), 1 thread, $CONNECTIONS connections, $ROUNDS interleaved rounds of $DURATION (each after $WARMUP of warm-up, all after $TIER_WARMUP per app);" \
    "cold start: $COLD_ROUNDS interleaved rounds, polled every 20 ms; host: $host; .NET $(dotnet --version) SDK; $(nproc) cores;" \
    "load average (1, 5, 15 min) at the start: ${loads[0]}, after throughput: ${loads[1]}, at the end: ${loads[2]}; $(date -u '+%Y-%m-%d %H:%M UTC')"
