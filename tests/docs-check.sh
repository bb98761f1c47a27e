#!/usr/bin/env bash
# Checks once, in headless Chromium, that /docs (Scalar) renders and lists every route of
# /openapi/v1.json: starts the embedded server (fresh data file, free ports, no internet needed:
# Scalar's script is served by the app), dumps the rendered DOM and looks for each route's path.
# Installs Debian's chromium when it is missing (root). Prints "docs check: N routes, all listed".
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "chromium is missing and cannot be installed here"; exit 2; }
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

work=$(mktemp -d)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
port=$(free_port)
[ -x Api/bin/Debug/net10.0/Kinopio.Api ] || dotnet build Api -v quiet -nologo >/dev/null
Kinopio__DataPath="$work/kinopio.db" Kinopio__SiloPort=$(free_port) Kinopio__GatewayPort=$(free_port) \
  Api/bin/Debug/net10.0/Kinopio.Api --urls "http://127.0.0.1:$port" --contentRoot "$PWD/Api" >"$work/api.log" 2>&1 &
api=$!
trap 'kill $api 2>/dev/null; wait $api 2>/dev/null; [ -n "${KEEP_DOCS_CHECK:-}" ] || rm -rf "$work"' EXIT

for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break
  kill -0 $api 2>/dev/null || { echo "the server did not start:"; cat "$work/api.log"; exit 1; }
  sleep 0.5
done

curl -sf "http://127.0.0.1:$port/openapi/v1.json" >"$work/openapi.json"
python3 -c 'import json,sys; print("\n".join(sorted(json.load(open(sys.argv[1]))["paths"])))' "$work/openapi.json" >"$work/paths"

chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$work/chromium" --virtual-time-budget=15000 \
  --dump-dom "http://127.0.0.1:$port/docs/" 2>/dev/null >"$work/dom.html"

missing=0
while read -r path; do
  grep -qF -- "$path" "$work/dom.html" || { echo "not on the page: $path"; missing=$((missing + 1)); }
done <"$work/paths"
total=$(wc -l <"$work/paths")
if [ "$missing" -gt 0 ]; then
  echo "docs check: $missing of $total routes missing from /docs"
  exit 1
fi
echo "docs check: $total routes, all listed"
