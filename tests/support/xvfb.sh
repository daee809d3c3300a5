# Sourced by the shell tests (and ./run demo): start_xvfb SIZE starts a virtual X screen on an
# explicit, unused display number and waits until it answers. Sets DISPLAY and XVFB_PID.
# Not -displayfd: its choice of :0 proved flaky on CI (the display it named refused the kiosk).
start_xvfb() {
  local size=$1 num tries
  num=$((400 + ($$ + RANDOM) % 400))
  for tries in 1 2 3 4 5 6 7 8; do
    num=$((num + 1))
    [ -e "/tmp/.X$num-lock" ] && continue
    Xvfb ":$num" -screen 0 "${size}x24" -nolisten tcp >/dev/null 2>&1 &
    XVFB_PID=$!
    local _
    for _ in $(seq 100); do
      # ours only while our server still runs: one that lost the display's lock to another
      # process exits at once, and the display that answers is then the other's
      kill -0 "$XVFB_PID" 2>/dev/null || break
      if DISPLAY=":$num" xdpyinfo >/dev/null 2>&1 && sleep 0.05 && kill -0 "$XVFB_PID" 2>/dev/null; then
        export DISPLAY=":$num"
        return 0
      fi
      sleep 0.05
    done
    kill "$XVFB_PID" 2>/dev/null; wait "$XVFB_PID" 2>/dev/null || true
  done
  echo "no X server would start (tried $tries display numbers)" >&2
  return 1
}
