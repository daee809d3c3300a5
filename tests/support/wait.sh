# Sourced by the shell tests: waiting for what a started process shows.

# wait_listening LOG: the port an aggregator started with --listen 127.0.0.1:0 says it took
# ("listening 127.0.0.1:PORT" on stdout, or "listening on 127.0.0.1:PORT" in its log), within
# 10 s; prints the port, or fails.
wait_listening() {
  local log=$1 port _
  for _ in $(seq 100); do
    port=$(sed -nE 's/.*listening (on )?127\.0\.0\.1:([0-9]+).*/\2/p' "$log" 2>/dev/null | head -1)
    if [ -n "$port" ]; then
      echo "$port"
      return 0
    fi
    sleep 0.1
  done
  return 1
}

# wait_drawn SHOT [TRIES]: screenshots the X screen ($DISPLAY) into SHOT until at least 1% of it
# is the kiosk's NHS blue (#005EB8, its Start button), 0.25 s apart; sets BLUE (per 1000).
wait_drawn() {
  local shot=$1 tries=${2:-40} _
  BLUE=0
  for _ in $(seq "$tries"); do
    sleep 0.25
    import -window root "$shot" 2>/dev/null || continue
    BLUE=$(convert "$shot" -fill black +opaque "rgb(0,94,184)" -fill white -opaque "rgb(0,94,184)" \
             -format "%[fx:mean*1000]" info: 2>/dev/null | cut -d. -f1)
    [ "${BLUE:-0}" -ge 10 ] && return 0
  done
  return 1
}
