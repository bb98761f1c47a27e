#!/usr/bin/env bash
# The benchmark of issue 9, one command from a fresh clone: builds the Api (and Silo) in Release,
# starts the server itself (embedded on a fresh SQLite file, or --cluster: two Silos + one Api on a
# throwaway PostgreSQL), seeds users through the API and measures every row with wrk.
# Writes bench/results/<date>.md and <date>-growth.svg. Speed is measured here, never asserted:
# the exit code only says whether every row ran. `bench/run.sh --help` lists the options;
# `bench/run.sh --quick` is the CI check (well under 2 minutes).
# The driver is bench/bench.py (Python 3 standard library), the load script bench/wrk/rotate.lua.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk >/dev/null
fi
exec python3 -B bench/bench.py "$@"
