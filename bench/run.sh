#!/usr/bin/env bash
# Throughput of the embedded server on this machine: starts `dotnet run --project Api` on a fresh
# data file with the rate limit raised (a benchmark may raise it; users get the defaults), signs up
# one user, then drives each path with wrk for DURATION seconds over CONNECTIONS connections.
# Usage: bench/run.sh [DURATION=10] [CONNECTIONS=32]. Not part of the tests: speed is measured here, never asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
connections=${2:-32}
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
dotnet build Api -c Release -v q -nologo >/dev/null
Kinopio__DataPath="$work/kinopio.db" Kinopio__SiloPort=$((port + 1)) Kinopio__GatewayPort=$((port + 2)) \
  RateLimit__PermitsPerSecond=100000000 Logging__LogLevel__Default=Warning \
  dotnet Api/bin/Release/net10.0/Kinopio.Api.dll --urls "http://127.0.0.1:$port" >"$work/api.log" 2>&1 &
api=$!
trap 'kill $api 2>/dev/null; wait $api 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.5; done

base="http://127.0.0.1:$port"
key=$(curl -sf -X POST "$base/user/sign-up" -d '{"email":"bench@example.com","password":"correct horse"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["apiKey"])')
space=$(curl -sf -X POST "$base/space" -H "Authorization: $key" -d '{"name":"bench","privacy":"open"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
cat >"$work/patch.lua" <<LUA
wrk.method = "PATCH"
wrk.headers["Authorization"] = "$key"
wrk.body = '{"description":"benchmarked"}'
LUA

run() {
  local name=$1; shift
  local rps
  rps=$(wrk -t2 -c"$connections" -d"${duration}s" "$@" | awk '/Requests\/sec/ { print $2 }')
  printf '%-40s %10s req/s\n' "$name" "$rps"
}
echo "embedded mode (SQLite), ${duration}s per path, $connections connections, $(nproc) cores"
run "GET / (anonymous: the client address grain)" "$base/"
run "GET /user (one grain call)" -H "Authorization: $key" "$base/user"
run "GET /space/:id (user grain -> space grain)" -H "Authorization: $key" "$base/space/$space"
run "PATCH /user (one durable write)" -s "$work/patch.lua" "$base/user"
