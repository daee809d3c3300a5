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

# "Help us choose": a free item for ward 7, offered to its patients with a Welsh title.
api() { # METHOD PATH BODY -> the answer's body; fails the test on a status over 299
  local code
  code=$(curl -s -o "$work/api.json" -w '%{http_code}' -X "$1" "$base$2" \
    -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "$3")
  [ "$code" -lt 300 ] || { echo "FAIL: $1 $2 answered $code: $(cat "$work/api.json")"; exit 1; }
  cat "$work/api.json"
}
meeting=$(api POST /api/v1/meetings "{\"held_on\":\"$(date -u -d tomorrow +%F)\",\"title\":\"Panel\"}" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
item=$(api POST "/api/v1/meetings/$meeting/items" '{"title":"Hand gel","wards":["ward-7"]}' |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["items"][0]["id"])')
welsh="Gel dwylo wrth bob gwely"
api PUT /api/v1/wards/ward-7/choices \
  "{\"choices\":[{\"item\":$item,\"title\":{\"en\":\"Hand gel by every bed\",\"cy\":\"$welsh\"}}]}" >/dev/null

cat >"$work/kiosk.toml" <<TOML
kiosk_id = "$kid"
secret = "$secret"
aggregator_url = "$base"
ward = "ward-7"
data_dir = "$work/data"
languages = ["cy", "en"]
TOML
# shellcheck source=../support/xvfb.sh
. "$(dirname "$0")/../support/xvfb.sh"
start_xvfb 1280x800 || { echo "FAIL: Xvfb did not start"; exit 1; }
WARDVOICE_UI_TRACE="$work/trace.json" "$kiosk" --config "$work/kiosk.toml" --assets "$assets" \
  --windowed 1280x800 2>"$work/kiosk.log" &
shown=0
for _ in $(seq 80); do
  sleep 0.25
  if grep -qF "you_said_we_did:$message" "$work/trace.json" 2>/dev/null &&
     grep -qF '"help_choose"' "$work/trace.json"; then shown=1; break; fi
done
if [ "$shown" -ne 1 ]; then
  echo "FAIL: the kiosk never showed the message"; cat "$work/kiosk.log"; exit 1
fi
sleep 0.5
import -window root "$artifacts/kiosk-you-said-we-did.png"
echo "ok: the ward-7 kiosk shows the published message; screenshot $artifacts/kiosk-you-said-we-did.png"
grep -qF "$message" "$work/data/config-cache.json" || { echo "FAIL: message not in the config cache"; exit 1; }
echo "ok: the message is in the kiosk's config cache for offline restarts"

# The welcome screen (in Welsh, the kiosk's first language) offers to help choose; a tap on
# the choice reaches the aggregator's tally once.
tap() { # ITEM_ID: taps the control where the kiosk's trace says it is
  python3 - "$work/trace.json" "$1" <<'PY'
import json, subprocess, sys, time
path, wanted = sys.argv[1:3]
for _ in range(100):
    try:
        items = [i for i in json.load(open(path))["items"] if i["id"] == wanted]
    except ValueError:
        items = []
    if items:
        time.sleep(0.4)  # a person reads a new screen before tapping it
        i = items[0]
        subprocess.run(["xdotool", "mousemove", str(int(i["x"] + i["w"] / 2)), str(int(i["y"] + i["h"] / 2)),
                        "click", "1"], check=True)
        sys.exit(0)
    time.sleep(0.1)
sys.exit(f"{wanted} never came on screen")
PY
}
tap help_choose || { echo "FAIL: no 'help us choose' on the welcome screen"; exit 1; }
for _ in $(seq 40); do
  grep -qF "choice_title:$welsh" "$work/trace.json" 2>/dev/null && break
  sleep 0.1
done
grep -qF "choice_title:$welsh" "$work/trace.json" || { echo "FAIL: the choice is not shown in Welsh"; exit 1; }
import -window root "$artifacts/kiosk-choose-cy.png"
echo "ok: the kiosk offers the ward's choice in Welsh; screenshot $artifacts/kiosk-choose-cy.png"
tap "choice:$item" || { echo "FAIL: could not tap the choice"; exit 1; }
votes=0
for _ in $(seq 50); do
  votes=$(sqlite3 "$db" "SELECT count(*) FROM submissions WHERE priority_vote = $item" 2>/dev/null || echo 0)
  [ "$votes" = 1 ] && break
  sleep 0.2
done
[ "$votes" = 1 ] || { echo "FAIL: the vote did not reach the aggregator (votes=$votes)"; exit 1; }
tally=$(api GET /api/v1/wards/ward-7/choices "")
python3 -c 'import json, sys; c = json.loads(sys.argv[1])["choices"][0]; sys.exit(0 if c["votes"] == "fewer than 5" else 1)' "$tally" ||
  { echo "FAIL: the tally is not suppressed: $tally"; exit 1; }
echo "ok: one tap, one vote in the ward's tally (shown as fewer than 5)"
