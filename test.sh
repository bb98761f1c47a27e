#!/usr/bin/env bash
# Runs every test of Kinopio.Orleans on a fresh machine: installs what the tests need (PostgreSQL
# for the cluster tests, when it is missing and we may install), builds, tests, and ends with the
# line "N passed, N failed" over every test project.
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v docker-compose >/dev/null || missing+=(docker-compose)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing ${missing[*]} for the cluster tests..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
      || echo "Could not install ${missing[*]}: the tests that need it will say they were skipped."
  else
    echo "${missing[*]} missing and not installable here: the tests that need it will be skipped."
  fi
fi

log=$(mktemp)
dotnet test Kinopio.Orleans.sln 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# VSTest closes each project with "Passed!  - Failed: F, Passed: P, Skipped: S, ...".
total() { grep -E '^(Passed|Failed)! +- ' "$log" | grep -oE "$1: +[0-9]+" | awk '{ sum += $2 } END { print sum + 0 }'; }
passed=$(total Passed)
failed=$(total Failed)
rm -f "$log"
if [ "$status" -ne 0 ] && [ "${failed:-0}" -eq 0 ]; then failed=1; fi
echo "${passed:-0} passed, ${failed:-0} failed"
exit "$status"
