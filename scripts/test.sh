#!/usr/bin/env bash
# Runs every test of the repository on a fresh machine: installs what the tests start (Azurite from npm, Chromium from apt;
# the Bicep compiler arrives as a NuGet package), builds every project, and runs every test project.
# The Azure Functions app is built too where its packages can be restored; where they cannot (this
# project's own machines), it is skipped with one line saying so, and for no other reason.
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

functions=src/ServeStatic.Functions/ServeStatic.Functions.csproj
solution=ServeStatic.sln
restore_log=$(mktemp)
if ! dotnet restore "$functions" >"$restore_log" 2>&1; then
    # Skip only when every restore error is a Functions worker package the registry does not have.
    errors=$(grep -E ': error ' "$restore_log" | sort -u || true)
    unexplained=$(grep -vE 'error NU110[123]: .*Microsoft\.Azure\.Functions\.Worker' <<<"$errors" | grep -vE 'error NU1102:   - Found' || true)
    if [[ -n "$errors" && -z "$unexplained" ]]; then
        echo "==> SKIPPED src/ServeStatic.Functions: the Azure Functions worker packages cannot be restored from this machine's NuGet feed ($(grep -oE 'Microsoft\.Azure\.Functions\.Worker(\.[A-Za-z]+)*' <<<"$errors" | sort -u | paste -sd, -)); the GitHub workflow builds it"
        solution=ServeStatic.Local.slnf
    else
        cat "$restore_log" >&2
        echo "restoring $functions failed for a reason other than missing Functions packages" >&2
        exit 1
    fi
fi
rm -f "$restore_log"

echo "==> building $solution"
# Warnings are errors in every project of ours through Directory.Build.props (compiler, analyzers, NuGet, MSBuild).
dotnet build "$solution" -c Release --nologo -v quiet

echo "==> testing"
log=$(mktemp)
status=0
dotnet test "$solution" -c Release --no-build --nologo 2>&1 | tee "$log" || status=$?

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
