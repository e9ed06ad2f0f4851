#!/usr/bin/env bash
# Runs every test of the repository on a fresh machine: installs what the tests start (Azurite from npm, Chromium from apt;
# the Bicep compiler arrives as a NuGet package), builds every project, the Azure Functions app included, and runs every
# test project. A part a test needs that cannot start fails the run, saying why; nothing is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

echo "==> installing test tools (Azurite) from npm"
npm ci --prefix tests/tools --no-audit --no-fund --loglevel=error

# The browser test (tests/ServeStatic.Tests/Fingerprinting/BrowserRenderingTests.cs) needs a Chromium; it fails, never skips, without one.
if [[ -z "${SERVESTATIC_CHROMIUM:-}" ]] && ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null \
    && ! command -v google-chrome-stable >/dev/null && ! command -v google-chrome >/dev/null; then
    echo "==> installing chromium (Debian package) for the browser test"
    apt_get=(apt-get)
    (( $(id -u) == 0 )) || apt_get=(sudo apt-get)
    "${apt_get[@]}" update -qq
    DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y -qq --no-install-recommends chromium >/dev/null
fi

# The end-to-end tests run the published Functions app under a real Functions host: Core Tools' `func` where it is on
# PATH (the GitHub workflow installs it), else the host SERVESTATIC_FUNCTIONS_HOST names. Core Tools cannot be installed
# on this project's own machines; ../shared/functions-host is the same host built from its public source. Without
# either, those tests fail saying how to get one.
if [[ -z "${SERVESTATIC_FUNCTIONS_HOST:-}" ]] && ! command -v func >/dev/null && [[ -x ../shared/functions-host/start.sh ]]; then
    export SERVESTATIC_FUNCTIONS_HOST=$(cd ../shared/functions-host && pwd)
    echo "==> Functions host for the end-to-end tests: $SERVESTATIC_FUNCTIONS_HOST"
fi

echo "==> building ServeStatic.sln"
# Warnings are errors in every project of ours through Directory.Build.props (compiler, analyzers, NuGet, MSBuild).
# The Worker SDK also generates and builds a project of its own (obj/…/WorkerExtensions/WorkerExtensions.csproj, which
# our props do not reach). On a NuGet feed that lacks some old versions its dependencies name (this project's machines
# hold a partial copy of NuGet), restoring it warns NU1603 ("… was not found … resolved instead"): 4 warnings, each
# printed twice. nuget.org has every version named, so the GitHub build shows none. They are not ours to fix, and
# they are not hidden (that would also hide a real difference in what the host loads): the run says what they are.
build_log=$(mktemp)
dotnet build ServeStatic.sln -c Release --nologo -v quiet 2>&1 | tee "$build_log"
if grep -q 'WorkerExtensions.csproj : warning NU1603' "$build_log"; then
    echo "==> note: the NU1603 warnings above are the Worker SDK's generated WorkerExtensions project restoring from a NuGet feed"
    echo "    that lacks some old package versions (a newer one is used); none of our projects warns (docs/azure-functions.md, \"Building it\")"
fi
rm -f "$build_log"

echo "==> testing"
log=$(mktemp)
status=0
dotnet test ServeStatic.sln -c Release --no-build --nologo 2>&1 | tee "$log" || status=$?

# One closing line for the whole run, added up from each test project's summary line.
read -r passed failed skipped < <(awk '
    /(Passed|Failed)! +- Failed:/ {
        for (i = 1; i <= NF; i++) {
            if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1)
        }
    }
    END { print p+0, f+0, s+0 }' "$log")
rm -f "$log"
echo "Tests: $passed passed, $failed failed, $skipped skipped"
if (( skipped > 0 )); then
    echo "a skipped test is not a passed test: $skipped test(s) did not run" >&2
    status=1
fi
if (( passed == 0 )); then
    echo "no test ran" >&2
    status=1
fi
exit $status
