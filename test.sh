#!/usr/bin/env bash
# Runs every test of Kinopio.Orleans on a fresh machine: installs what the tests need (PostgreSQL
# for the cluster tests, Debian's aiosmtpd as the SMTP server of the password reset tests, when it
# is missing and we may install; tests/docs-check.sh installs chromium), builds, tests, and ends with the
# line "N passed, N failed" over every test project.
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v docker-compose >/dev/null || missing+=(docker-compose)
/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || missing+=(python3-aiosmtpd)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing ${missing[*]} for the tests..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
      || echo "Could not install ${missing[*]}: the tests that need it will say so (skipped, or failed naming it)."
  else
    echo "${missing[*]} missing and not installable here: the tests that need it will say so (skipped, or failed naming it)."
  fi
fi

# Build once, then run the test projects one after the other: the cluster tests start real
# processes and PostgreSQL, and should not share the 2 cores (or pick ports) with the other suite.
log=$(mktemp)
status=0
built=0
dotnet build Kinopio.Orleans.sln -v quiet -nologo && built=1 || status=1
if [ "$built" -eq 1 ]; then
  for project in tests/*/*.csproj; do
    dotnet test "$project" --no-build 2>&1 | tee -a "$log"
    [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  done
fi

# Checks that are scripts, each one test in the count below, its output shown when it fails:
# the API reference page in headless Chromium (~10 s; installs chromium when missing), the fuzz
# corpus (~30 s: thousands of malformed requests against the Debug build's server process, no 5xx,
# the contract's statuses, state unchanged), and the quick benchmark, which proves bench/run.sh
# still works on the Debug build just made (every row ran with zero errors; no timing is asserted).
script_passed=0 script_failed=0
script() {
  local name=$1; shift
  local out started
  out=$(mktemp)
  started=$(date +%s)
  if "$@" >"$out" 2>&1; then
    script_passed=$((script_passed + 1))
    echo "$name passed ($(( $(date +%s) - started )) s)"
  else
    script_failed=$((script_failed + 1)) status=1
    echo "$name FAILED ($(( $(date +%s) - started )) s); the end of its output:"
    tail -n 40 "$out"
  fi
  rm -f "$out"
}
if [ "$built" -eq 1 ]; then
  script "API reference page check" tests/docs-check.sh
  script "Fuzz corpus" /usr/bin/python3 tests/fuzz.py --configuration Debug
  script "Quick benchmark" bench/run.sh --quick --no-build --configuration Debug
fi

# VSTest closes each project with "Passed!  - Failed: F, Passed: P, Skipped: S, ...". A skipped
# test is named in the summary; in CI (CI=true) it is a failure: CI installs everything the tests need.
total() { grep -E '^(Passed|Failed)! +- ' "$log" | grep -oE "$1: +[0-9]+" | awk '{ sum += $2 } END { print sum + 0 }'; }
passed=$(( $(total Passed) + script_passed ))
failed=$(( $(total Failed) + script_failed ))
skipped=$(total Skipped)
if [ "$skipped" -gt 0 ]; then
  echo "Skipped tests ($skipped):"
  grep -E '^\s+Skipped ' "$log" | sed 's/^ */  /' || true
  if [ "${CI:-}" = "true" ]; then
    echo "In CI a skipped test counts as failed."
    failed=$((failed + skipped))
    status=1
  fi
fi
rm -f "$log"
if [ "$status" -ne 0 ] && [ "${failed:-0}" -eq 0 ]; then failed=1; fi
echo "${passed:-0} passed, ${failed:-0} failed"
exit "$status"
