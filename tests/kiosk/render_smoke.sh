#!/usr/bin/env bash
# Starts the real kiosk under Xvfb at three window sizes, checks that it draws its welcome
# screen (NHS-blue Start button present), that it ignores nothing but SIGTERM, and saves
# screenshots to the test artefact folder.
set -euo pipefail
BIN=$1 ASSETS=$2 ARTIFACTS=$3
mkdir -p "$ARTIFACTS"
# shellcheck source=../support/xvfb.sh
. "$(dirname "$0")/../support/xvfb.sh"
# shellcheck source=../support/wait.sh
. "$(dirname "$0")/../support/wait.sh"
for tool in Xvfb import convert; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool missing (./run deps installs it)"; exit 1; }
done
# Under the asan preset: Mesa and X11 keep allocations until exit, which LeakSanitizer would
# report as ours; address and UB checks stay on.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"
work=$(mktemp -d)
cleanup() { kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
cat >"$work/kiosk.toml" <<TOML
kiosk_id = "k-smoke"
secret = "3f1c9a0b7e6d5c4b3a29180716f5e4d3c2b1a09f8e7d6c5b4a3928171615f4e3"
aggregator_url = "http://127.0.0.1:9"
ward = "ward-7"
data_dir = "$work/data"
languages = ["en", "cy", "pl", "ro", "uk"]
TOML
failures=0
for size in 800x480 1280x800 1920x1080; do
  start_xvfb "$size" || { echo "FAIL: Xvfb did not start"; exit 1; }
  xvfb=$XVFB_PID
  "$BIN" --config "$work/kiosk.toml" --assets "$ASSETS" --windowed "$size" 2>"$work/kiosk-$size.log" &
  kiosk=$!
  shot="$ARTIFACTS/kiosk-welcome-$size.png"
  wait_drawn "$shot" || true # the share of the Start button's NHS blue, in BLUE
  blue=$BLUE
  if [ "${blue:-0}" -lt 10 ]; then
    echo "FAIL $size: welcome screen not drawn (blue share ${blue:-0}/1000)"; cat "$work/kiosk-$size.log"; failures=$((failures+1))
  else
    echo "ok $size: welcome screen drawn (blue share $blue/1000), screenshot $shot"
  fi
  [ -f "$work/data/outbox.db" ] || { echo "FAIL $size: no outbox.db in data_dir"; failures=$((failures+1)); }
  kill -TERM "$kiosk"
  if ! wait "$kiosk"; then echo "FAIL $size: kiosk did not exit cleanly on SIGTERM"; failures=$((failures+1)); fi
  kill "$xvfb" 2>/dev/null; wait "$xvfb" 2>/dev/null || true
done
[ "$failures" -eq 0 ] || { echo "$failures failures"; exit 1; }
