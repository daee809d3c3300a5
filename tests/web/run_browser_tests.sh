#!/usr/bin/env bash
# Browser tests of the staff dashboard: a real aggregator with demo data, driven by headless
# Chromium through Playwright (npm's playwright-core, using Debian's /usr/bin/chromium).
# Usage: run_browser_tests.sh AGGREGATOR_BINARY BUILD_DIR ARTIFACT_DIR SEAL_VOLUNTEER_BINARY
set -euo pipefail
agg=$1 build=$2 artifacts=$3 seal=$4
here=$(cd "$(dirname "$0")" && pwd)

for tool in node npm /usr/bin/chromium; do
  if ! command -v "$tool" >/dev/null; then
    echo "SKIP: $tool is not installed (./run deps installs it)"
    exit 77
  fi
done

# playwright-core, pinned, installed once per build directory from the npm registry.
modules="$(cd "$build" && pwd)/web-test"
if [ ! -d "$modules/node_modules/playwright-core" ] || [ ! -f "$modules/node_modules/axe-core/axe.min.js" ]; then
  mkdir -p "$modules"
  cp "$here/package.json" "$modules/package.json"
  (cd "$modules" && npm install --no-audit --no-fund --silent >/dev/null)
fi

work=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

db="$work/wardvoice.db"
"$agg" demo-seed --db "$db" --days 730 >/dev/null
# the demo names its wards; staff rename one as they would
"$agg" ward add --db "$db" ward-7 --name "Ward 7, care of older people" >/dev/null
password="correct horse battery staple"
printf '%s\n' "$password" | "$agg" user add --db "$db" --name chair --role panel_chair --password-stdin >/dev/null
printf '%s\n' "$password" | "$agg" user add --db "$db" --name manager7 --role ward_manager --ward ward-7 --password-stdin >/dev/null
printf '%s\n' "$password" | "$agg" user add --db "$db" --name admin --role admin --password-stdin >/dev/null
printf '%s\n' "$password" | "$agg" user add --db "$db" --name patient --role panel_member --password-stdin >/dev/null
creds=$("$agg" kiosk add --db "$db" --ward ward-7 --name "test kiosk" --json)
# A kiosk taken out of service, for the fleet view.
retired=$("$agg" kiosk add --db "$db" --ward ward-9 --name "retired kiosk" --json | sed -E 's/.*"kiosk_id":"([^"]+)".*/\1/')
"$agg" kiosk revoke --db "$db" "$retired" >/dev/null

"$agg" keys init --key "$work/panel.key" >/dev/null
"$agg" serve --db "$db" --listen 127.0.0.1:0 --quiet --panel-key "$work/panel.key" >"$work/serve.log" 2>&1 &
server=$!
port=""
for _ in $(seq 1 100); do
  port=$(sed -nE 's/.*listening on 127\.0\.0\.1:([0-9]+).*/\1/p' "$work/serve.log" | head -1)
  [ -n "$port" ] && break
  sleep 0.1
done
if [ -z "$port" ]; then
  echo "the aggregator did not start:"; cat "$work/serve.log"; exit 1
fi

# Two years of comments: wait until the first theme model is active (it is fitted in the
# background after start-up, slower on a busy machine) so that the views have their themes.
token=$(curl -fsS -X POST -H 'Content-Type: application/json' \
  -d "{\"name\":\"chair\",\"password\":\"$password\"}" "http://127.0.0.1:$port/api/v1/login" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')
ready=""
for _ in $(seq 1 600); do
  if curl -fsS -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/themes/model" |
      grep -q '"active_model":[0-9]'; then
    ready=1
    break
  fi
  sleep 0.5
done
if [ -z "$ready" ]; then
  echo "the first theme model was not active within 5 minutes:"; cat "$work/serve.log"; exit 1
fi
curl -fsS -X POST -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/logout" >/dev/null || true

mkdir -p "$artifacts"
NODE_PATH="$modules/node_modules" node "$here/dashboard_test.mjs" \
  --url "http://127.0.0.1:$port" --artifacts "$artifacts" --password "$password" --kiosk "$creds" \
  --modules "$modules/node_modules" --seal "$seal"
