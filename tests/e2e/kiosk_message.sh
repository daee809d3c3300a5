#!/usr/bin/env bash
# End to end: a panel chair publishes "you said, we did" through the staff API, and the real
# kiosk binary (under Xvfb) fetches its config and shows the message on the welcome screen.
# Usage: kiosk_message.sh AGGREGATOR KIOSK ASSETS ARTIFACT_DIR
set -euo pipefail
# shellcheck source=../support/wait.sh
. "$(dirname "$0")/../support/wait.sh"
agg=$1 kiosk=$2 assets=$3 artifacts=$4
mkdir -p "$artifacts"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"
work=$(mktemp -d)
cleanup() { kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

db="$work/wardvoice.db"
password="correct horse battery staple"
printf '%s\n' "$password" | "$agg" user add --db "$db" --name chair --role panel_chair --password-stdin >/dev/null
creds=$("$agg" kiosk add --db "$db" --ward ward-7 --name "e2e kiosk" --json)
kid=$(sed -E 's/.*"kiosk_id":"([^"]+)".*/\1/' <<<"$creds")
secret=$(sed -E 's/.*"secret":"([^"]+)".*/\1/' <<<"$creds")

"$agg" serve --db "$db" --listen 127.0.0.1:0 --quiet --assets "$assets" >"$work/serve.log" 2>&1 &
port=$(wait_listening "$work/serve.log") || { echo "FAIL: aggregator did not start"; cat "$work/serve.log"; exit 1; }
base="http://127.0.0.1:$port"

token=$(curl -sf -X POST "$base/api/v1/login" -H 'Content-Type: application/json' \
  -d "{\"name\":\"chair\",\"password\":\"$password\"}" | sed -E 's/.*"token":"([0-9a-f]+)".*/\1/')
message="You said the hand gel ran out. We now check every dispenser each shift."
status=$(curl -s -o "$work/publish.json" -w '%{http_code}' -X POST "$base/api/v1/you-said-we-did" \
  -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d "{\"text\":\"$message\",\"wards\":[\"ward-7\"]}")
[ "$status" = 201 ] || { echo "FAIL: publish answered $status: $(cat "$work/publish.json")"; exit 1; }

cat >"$work/kiosk.toml" <<TOML
kiosk_id = "$kid"
secret = "$secret"
aggregator_url = "$base"
ward = "ward-7"
data_dir = "$work/data"
languages = ["en", "cy"]
TOML
# shellcheck source=../support/xvfb.sh
. "$(dirname "$0")/../support/xvfb.sh"
start_xvfb 1280x800 || { echo "FAIL: Xvfb did not start"; exit 1; }
WARDVOICE_UI_TRACE="$work/trace.json" "$kiosk" --config "$work/kiosk.toml" --assets "$assets" \
  --windowed 1280x800 2>"$work/kiosk.log" &
shown=0
for _ in $(seq 80); do
  sleep 0.25
  if grep -qF "you_said_we_did:$message" "$work/trace.json" 2>/dev/null; then shown=1; break; fi
done
if [ "$shown" -ne 1 ]; then
  echo "FAIL: the kiosk never showed the message"; cat "$work/kiosk.log"; exit 1
fi
sleep 0.5
import -window root "$artifacts/kiosk-you-said-we-did.png"
echo "ok: the ward-7 kiosk shows the published message; screenshot $artifacts/kiosk-you-said-we-did.png"
grep -qF "$message" "$work/data/config-cache.json" || { echo "FAIL: message not in the config cache"; exit 1; }
echo "ok: the message is in the kiosk's config cache for offline restarts"
