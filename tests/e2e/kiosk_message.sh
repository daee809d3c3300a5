#!/usr/bin/env bash
# End to end: a panel chair publishes "you said, we did" through the staff API, and the real
# kiosk binary (under Xvfb) fetches its config and shows the message on the welcome screen; a
# patient votes among the ward's choices, then offers to join the patient and carer panel: the
# contact typed on the on-screen keyboard arrives sealed, only a chair opens it, and it is gone
# after the retention period.
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
printf '%s\n' "$password" | "$agg" user add --db "$db" --name manager7 --role ward_manager --ward ward-7 --password-stdin >/dev/null
printf '%s\n' "$password" | "$agg" user add --db "$db" --name patient --role panel_member --password-stdin >/dev/null
"$agg" keys init --key "$work/panel.key" >/dev/null
creds=$("$agg" kiosk add --db "$db" --ward ward-7 --name "e2e kiosk" --json)
kid=$(sed -E 's/.*"kiosk_id":"([^"]+)".*/\1/' <<<"$creds")
secret=$(sed -E 's/.*"secret":"([^"]+)".*/\1/' <<<"$creds")

"$agg" serve --db "$db" --listen 127.0.0.1:0 --quiet --assets "$assets" --panel-key "$work/panel.key" \
  >"$work/serve.log" 2>&1 &
port=$(wait_listening "$work/serve.log") || { echo "FAIL: aggregator did not start"; cat "$work/serve.log"; exit 1; }
base="http://127.0.0.1:$port"

login() { # NAME -> a bearer token
  curl -sf -X POST "$base/api/v1/login" -H 'Content-Type: application/json' \
    -d "{\"name\":\"$1\",\"password\":\"$password\"}" | sed -E 's/.*"token":"([0-9a-f]+)".*/\1/'
}
token=$(login chair)
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
panel_send_delay_min_s = 1
panel_send_delay_max_s = 2
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
# with the day it was published, in the person's language (Welsh, the kiosk's first)
welsh_months=(Ionawr Chwefror Mawrth Ebrill Mai Mehefin Gorffennaf Awst Medi Hydref Tachwedd Rhagfyr)
day="$(date -u +%-d) ${welsh_months[$(( $(date -u +%-m) - 1 ))]} $(date -u +%Y)"
grep -qF "you_said_we_did_day:$day" "$work/trace.json" ||
  { echo "FAIL: the message's day '$day' is not shown"; grep -o 'you_said_we_did_day:[^"]*' "$work/trace.json"; exit 1; }
echo "ok: under a heading, with its day in Welsh ($day)"
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

# Joining the panel, from the thank-you screen: the invitation, the consent text, then name,
# e-mail and best time typed on the on-screen keyboard (in Welsh, the person's language).
screen_is() { # NAME: waits for the kiosk's trace to show that screen
  for _ in $(seq 60); do
    grep -qF "\"screen\": \"$1\"" "$work/trace.json" 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}
type_text() { # TEXT: taps each character's key, with shift and the ?123 layer as a person would
  python3 - "$work/trace.json" "$1" <<'PY'
import json, subprocess, sys, time
path, text = sys.argv[1:3]
def items():
    for _ in range(50):
        try:
            s = json.load(open(path))
            return s["frame"], {i["id"]: i for i in s["items"]}
        except ValueError:
            time.sleep(0.05)
    sys.exit("no trace")
def tap(i):
    frame = items()[0]
    subprocess.run(["xdotool", "mousemove", str(int(i["x"] + i["w"] / 2)), str(int(i["y"] + i["h"] / 2)),
                    "click", "1"], check=True)
    for _ in range(100):  # the next frame is drawn: the key was taken
        if items()[0] > frame:
            break
        time.sleep(0.02)
    time.sleep(0.25)
for ch in text:
    key = "key:space" if ch == " " else "key:" + ch
    for attempt in range(4):
        frame, shown = items()
        if key in shown:
            tap(shown[key])
            break
        if ch.isupper() and "key:" + ch.lower() in shown:
            tap(shown["key:shift"])
        else:
            tap(shown["key:layer"])  # the other layer (digits and @)
    else:
        sys.exit(f"no key for {ch!r}")
PY
}
screen_is thankyou || { echo "FAIL: no thank-you screen after the vote"; exit 1; }
grep -qF '"join"' "$work/trace.json" || { echo "FAIL: the thank-you screen does not invite to join the panel"; exit 1; }
tap join || exit 1
screen_is join_consent || { echo "FAIL: no consent screen"; exit 1; }
sleep 0.4
import -window root "$artifacts/kiosk-join-consent-cy.png"
tap join.agree || exit 1
screen_is join_details || { echo "FAIL: no details screen"; exit 1; }
name="Ann Jones" email="ann.j@ex.cy" best="Bore"
type_text "$name" || { echo "FAIL: could not type the name"; exit 1; }
tap next || exit 1  # one field a page: the e-mail next
screen_is join_details && sleep 0.4
type_text "$email" || { echo "FAIL: could not type the e-mail"; exit 1; }
tap next || exit 1
sleep 0.4
type_text "$best" || { echo "FAIL: could not type the best time"; exit 1; }
sleep 0.3
import -window root "$artifacts/kiosk-join-details-cy.png"
tap join.send || exit 1
screen_is thankyou || { echo "FAIL: not thanked for offering"; cat "$work/kiosk.log"; exit 1; }
echo "ok: a volunteer typed name, e-mail and best time on the kiosk in Welsh; screenshots kiosk-join-*-cy.png"
contains() { # FILE... : true when any holds the typed e-mail or name, byte for byte
  for f in "$@"; do
    [ -e "$f" ] || continue
    if grep -qaF -e "$email" -e "$name" "$f"; then echo "$f"; return 0; fi
  done
  return 1
}
if f=$(contains "$work"/data/outbox.db*); then echo "FAIL: $f holds the volunteer's contact in the clear"; exit 1; fi
waiting=$(sqlite3 "$work/data/outbox.db" "SELECT count(*) FROM panel_outbox" 2>/dev/null || echo "?")
echo "ok: the kiosk's outbox ($waiting sealed record(s) waiting) does not hold the typed e-mail or name"
arrived=0
for _ in $(seq 100); do
  arrived=$(sqlite3 "$db" "SELECT count(*) FROM panel_volunteers" 2>/dev/null || echo 0)
  [ "$arrived" = 1 ] && break
  sleep 0.2
done
[ "$arrived" = 1 ] || { echo "FAIL: the volunteer never reached the aggregator"; cat "$work/kiosk.log"; exit 1; }
[ "$(sqlite3 "$work/data/outbox.db" "SELECT count(*) FROM panel_outbox")" = 0 ] ||
  { echo "FAIL: the delivered record is still in the kiosk's outbox"; exit 1; }
if f=$(contains "$db" "$db-wal" "$db-shm" "$work"/data/outbox.db*); then
  echo "FAIL: $f holds the volunteer's contact in the clear"; exit 1
fi
echo "ok: the volunteer arrived sealed: neither database holds the typed e-mail or name"
day=$(sqlite3 "$db" "SELECT day FROM panel_volunteers")
[ "$day" = "$(date -u +%F)" ] || { echo "FAIL: stored with '$day', not the day alone"; exit 1; }
seen=$(api GET /api/v1/panel-volunteers "")
python3 - "$seen" "$name" "$email" "$best" <<'PY' || { echo "FAIL: the chair does not see the volunteer: $seen"; exit 1; }
import json, sys
seen, name, email, best = sys.argv[1:5]
v = json.loads(seen)["volunteers"]
assert len(v) == 1 and v[0]["ward"] == "ward-7", v
assert (v[0]["name"], v[0]["contact"], v[0]["best_time"]) == (name, email, best), v
assert "submission" not in json.dumps(v), v
PY
echo "ok: the chair opens the volunteer: name, e-mail and best time exactly as typed"
for who in manager7 patient; do
  code=$(curl -s -o /dev/null -w '%{http_code}' "$base/api/v1/panel-volunteers" -H "Authorization: Bearer $(login "$who")")
  [ "$code" = 403 ] || { echo "FAIL: $who got $code for the volunteers"; exit 1; }
done
echo "ok: a ward manager and a panel member are refused (403)"
sqlite3 "$db" "UPDATE panel_volunteers SET day = date('now', '-181 days')"
seen=$(api GET /api/v1/panel-volunteers "")
python3 -c 'import json, sys; sys.exit(0 if json.loads(sys.argv[1])["volunteers"] == [] else 1)' "$seen" ||
  { echo "FAIL: a volunteer past the retention period is still shown: $seen"; exit 1; }
[ "$(sqlite3 "$db" "SELECT count(*) FROM panel_volunteers")" = 0 ] ||
  { echo "FAIL: a volunteer past the retention period is still stored"; exit 1; }
echo "ok: gone after the retention period (180 days)"
