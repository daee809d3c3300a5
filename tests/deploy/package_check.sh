#!/usr/bin/env bash
# The Debian packages as a trust's IT team gets them: built by CPack, lintian clean of errors,
# the right files, dependencies computed from the binaries, units that systemd-analyze verifies,
# the aggregator's exposure at most 2.0, the packaged config and assets serving, the kiosk.toml
# that `kiosk add --config-out` writes driving a real `--sync-only` kiosk, and (as root on a
# machine without WardVoice installed) install, remove and purge with their maintainer scripts.
#
# Usage: package_check.sh BUILD_DIR WORK_DIR
set -euo pipefail
# shellcheck source=../support/wait.sh
. "$(dirname "$0")/../support/wait.sh"
BUILD=$(cd "$1" && pwd)
WORK=$2
rm -rf "$WORK"
mkdir -p "$WORK"
failures=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; failures=$((failures + 1)); }
check() { # check NAME COMMAND...
  local name=$1
  shift
  if "$@" >"$WORK/last.log" 2>&1; then ok "$name"; else bad "$name"; sed 's/^/     /' "$WORK/last.log" | head -30; fi
}

# kiosk_seen AGGREGATOR DB: within 20 s, a kiosk enrolled in DB has been heard from.
kiosk_seen() {
  local _
  for _ in $(seq 100); do
    "$1" kiosk list --db "$2" --json | grep -q '"last_seen_at": "' && return 0
    sleep 0.2
  done
  return 1
}

for tool in cpack lintian dpkg-deb systemd-analyze; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool missing (./run deps installs it)"; exit 77; }
done

# 1. build them (stripped copies of the binaries already built)
( cd "$BUILD" && cpack -G DEB -B "$WORK/packages" >"$WORK/cpack.log" 2>&1 ) || { cat "$WORK/cpack.log"; exit 1; }
VERSION=$(sed -nE 's/^CPACK_PACKAGE_VERSION:[A-Z]*=(.*)$/\1/p' "$BUILD/CMakeCache.txt" || true)
ARCH=$(dpkg --print-architecture)
AGG_DEB=$(ls "$WORK"/packages/wardvoice-aggregator_*_"$ARCH".deb)
KIOSK_DEB=$(ls "$WORK"/packages/wardvoice-kiosk_*_"$ARCH".deb)
check "file names are NAME_VERSION_ARCH.deb" bash -c "[[ \$(basename '$AGG_DEB') =~ ^wardvoice-aggregator_[0-9]+\.[0-9]+\.[0-9]+_${ARCH}\.deb$ ]] && [[ \$(basename '$KIOSK_DEB') =~ ^wardvoice-kiosk_[0-9]+\.[0-9]+\.[0-9]+_${ARCH}\.deb$ ]]"
: "${VERSION:=}"

# 2. lintian: no errors
check "lintian finds no errors" lintian --fail-on error "$AGG_DEB" "$KIOSK_DEB"

# 3. file lists, conffiles, computed dependencies
contents() { dpkg-deb -c "$1" | awk '{print $6}' | sed 's#^\./#/#'; }
contents "$AGG_DEB" >"$WORK/aggregator.files"
contents "$KIOSK_DEB" >"$WORK/kiosk.files"
for f in /usr/bin/wardvoice-aggregator /etc/wardvoice/aggregator.toml \
         /lib/systemd/system/wardvoice-aggregator.service \
         /lib/systemd/system/wardvoice-aggregator-backup.service \
         /lib/systemd/system/wardvoice-aggregator-backup.timer \
         /usr/share/wardvoice/web/index.html /usr/share/wardvoice/kiosk/questions.json \
         /usr/share/wardvoice/models/comments.wvm /usr/share/wardvoice/models/screen.wvs \
         /usr/share/doc/wardvoice-aggregator/copyright /usr/share/doc/wardvoice-aggregator/changelog.gz \
         /usr/share/doc/wardvoice-aggregator/deploy.md \
         /usr/share/doc/wardvoice-aggregator/examples/wardvoice.rules.yml; do
  grep -qxF "$f" "$WORK/aggregator.files" || { bad "aggregator package lacks $f"; }
done
for f in /usr/bin/wardvoice-kiosk /lib/systemd/system/wardvoice-kiosk.service \
         /lib/systemd/system/wardvoice-kiosk-sync.service /usr/share/wardvoice-kiosk/i18n/en.json \
         /usr/share/wardvoice-kiosk/kiosk/questions.json /usr/share/wardvoice-kiosk/models/screen.wvs \
         /usr/share/doc/wardvoice-kiosk/copyright /usr/share/doc/wardvoice-kiosk/deploy.md; do
  grep -qxF "$f" "$WORK/kiosk.files" || { bad "kiosk package lacks $f"; }
done
check "no kiosk.toml (a secret) in the kiosk package" bash -c "! grep -q '^/etc/' '$WORK/kiosk.files'"
check "nothing under /var in either package (made by postinst)" bash -c "! grep -q '^/var' '$WORK/aggregator.files' '$WORK/kiosk.files'"
check "aggregator.toml is a conffile" bash -c "dpkg-deb --ctrl-tarfile '$AGG_DEB' | tar -xO ./conffiles | grep -qx /etc/wardvoice/aggregator.toml"
AGG_DEPENDS=$(dpkg-deb -f "$AGG_DEB" Depends)
KIOSK_DEPENDS=$(dpkg-deb -f "$KIOSK_DEB" Depends)
check "aggregator depends on the libraries it links (dpkg-shlibdeps)" bash -c "grep -q 'libsqlite3-0' <<<'$AGG_DEPENDS' && grep -q 'libcurl4' <<<'$AGG_DEPENDS' && grep -q 'libsystemd0' <<<'$AGG_DEPENDS' && grep -q adduser <<<'$AGG_DEPENDS'"
check "kiosk depends on its libraries (espeak-ng and ALSA for read aloud) and cage" bash -c "grep -q 'libglfw3' <<<'$KIOSK_DEPENDS' && grep -q 'libsqlite3-0' <<<'$KIOSK_DEPENDS' && grep -q 'cage' <<<'$KIOSK_DEPENDS' && grep -q 'libespeak-ng1' <<<'$KIOSK_DEPENDS' && grep -q 'libasound2' <<<'$KIOSK_DEPENDS'"

# 4. the units: systemd-analyze verify (silent) in a root holding the packages and systemd's units
ROOT="$WORK/root"
mkdir -p "$ROOT/lib/systemd/system" "$ROOT/bin" "$ROOT/usr/bin"
cp -a /lib/systemd/system/. "$ROOT/lib/systemd/system/" 2>/dev/null || true
dpkg-deb -x "$AGG_DEB" "$ROOT"
dpkg-deb -x "$KIOSK_DEB" "$ROOT"
cp -L /bin/sh "$ROOT/bin/sh"
if command -v cage >/dev/null; then cp -L "$(command -v cage)" "$ROOT/usr/bin/cage"; fi
for unit in wardvoice-aggregator.service wardvoice-aggregator-backup.service \
            wardvoice-aggregator-backup.timer wardvoice-kiosk.service wardvoice-kiosk-sync.service; do
  if [ "$unit" = wardvoice-kiosk.service ] && [ ! -x "$ROOT/usr/bin/cage" ]; then
    echo "skip: cage is not installed here; $unit not verified"
    continue
  fi
  out=$(systemd-analyze verify --root="$ROOT" "$ROOT/lib/systemd/system/$unit" 2>&1) && rc=0 || rc=$?
  if [ $rc -eq 0 ] && [ -z "$out" ]; then ok "systemd-analyze verify $unit"; else bad "systemd-analyze verify $unit (rc $rc)"; echo "$out" | sed 's/^/     /'; fi
done
for unit in wardvoice-aggregator.service wardvoice-aggregator-backup.service wardvoice-kiosk-sync.service; do
  level=$(systemd-analyze security --offline=yes --root="$ROOT" "$ROOT/lib/systemd/system/$unit" 2>&1 \
          | sed -nE 's/.*Overall exposure level for [^:]*: ([0-9.]+).*/\1/p')
  if [ -n "$level" ] && awk -v l="$level" 'BEGIN { exit !(l <= 2.0) }'; then
    ok "exposure of $unit is $level (at most 2.0)"
  else
    bad "exposure of $unit is ${level:-unknown} (over 2.0)"
  fi
done
check "the aggregator unit is Type=notify, hardened, restarted on failure" bash -c "
  u='$ROOT/lib/systemd/system/wardvoice-aggregator.service'
  for k in Type=notify ProtectSystem=strict ReadWritePaths=/var/lib/wardvoice NoNewPrivileges=yes PrivateTmp=yes \
           ProtectHome=yes SystemCallFilter=@system-service CapabilityBoundingSet= Restart=on-failure \
           'ExecStart=/usr/bin/wardvoice-aggregator serve --config /etc/wardvoice/aggregator.toml'; do
    grep -qxF \"\$k\" \"\$u\" || { echo \"missing \$k\"; exit 1; }
  done
  grep -q '^RestrictAddressFamilies=' \"\$u\""

# 5. the packaged binary, config and assets, started as ExecStart starts them (paths moved into
#    the extracted root, a free port), serve the dashboard and take a kiosk
CONF="$WORK/aggregator.toml"
sed -e "s#/var/lib/wardvoice#$WORK/var#g" -e "s#\"/usr/share/wardvoice\"#\"$ROOT/usr/share/wardvoice\"#" \
    -e 's#^listen = .*#listen = "127.0.0.1:0"#' "$ROOT/etc/wardvoice/aggregator.toml" >"$CONF"
mkdir -p "$WORK/var"
AGG="$ROOT/usr/bin/wardvoice-aggregator"
"$AGG" serve --config "$CONF" >"$WORK/serve.out" 2>"$WORK/serve.log" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
port=$(wait_listening "$WORK/serve.out") || port=""
if [ -z "$port" ]; then
  bad "the packaged aggregator starts with the packaged config"; cat "$WORK/serve.log"
else
  ok "the packaged aggregator starts with the packaged aggregator.toml"
  check "it serves the dashboard from the packaged assets" bash -c "curl -sf http://127.0.0.1:$port/ | grep -qi '<html'"
  check "health answers" bash -c "curl -sf http://127.0.0.1:$port/api/v1/health | grep -q '\"ok\"'"
  # the shipped alerting rules parse, and every WardVoice metric they use is served
  curl -sf "http://127.0.0.1:$port/metrics" >"$WORK/metrics.txt" || true
  RULES="$ROOT/usr/share/doc/wardvoice-aggregator/examples/wardvoice.rules.yml"
  check "wardvoice.rules.yml is YAML with alert rules" python3 -c "
import sys, yaml
doc = yaml.safe_load(open(sys.argv[1]))
rules = [r for g in doc['groups'] for r in g['rules']]
assert len(rules) >= 4 and all('alert' in r and 'expr' in r for r in rules), rules
" "$RULES"
  for m in $(grep -o 'wardvoice_[a-z_]*' "$RULES" | sort -u); do
    grep -q "^$m[{ ]" "$WORK/metrics.txt" || grep -q "^# TYPE $m " "$WORK/metrics.txt" || bad "the rules use $m, which /metrics does not serve"
  done
  # a kiosk enrolled with --config-out runs from the file as written (sync only: no screen here)
  "$AGG" kiosk add --db "$WORK/var/wardvoice.db" --ward ward-7 --name "Ward 7 corridor" \
      --url "http://127.0.0.1:$port" --data-dir "$WORK/kiosk-data" --config-out "$WORK/kiosk.toml" >"$WORK/add.out"
  check "kiosk add --config-out writes kiosk.toml with mode 0600" bash -c "[ \$(stat -c %a '$WORK/kiosk.toml') = 600 ] && grep -q '^secret = \"[0-9a-f]\{64\}\"$' '$WORK/kiosk.toml'"
  check "kiosk add refuses to write over it" bash -c "! '$AGG' kiosk add --db '$WORK/var/wardvoice.db' --ward ward-7 --url http://x --config-out '$WORK/kiosk.toml'"
  "$ROOT/usr/bin/wardvoice-kiosk" --config "$WORK/kiosk.toml" --sync-only >"$WORK/kiosk.log" 2>&1 &
  kiosk=$!
  seen=""
  kiosk_seen "$AGG" "$WORK/var/wardvoice.db" && seen=yes
  kill "$kiosk" 2>/dev/null || true
  wait "$kiosk" 2>/dev/null || true
  if [ -n "$seen" ]; then ok "the packaged kiosk, --sync-only, reaches the aggregator with that kiosk.toml"; else bad "the --sync-only kiosk never reached the aggregator"; cat "$WORK/kiosk.log"; fi
  kill -TERM "$server"
  wait "$server" && ok "SIGTERM stops it cleanly" || bad "exit status after SIGTERM"
fi
trap - EXIT

# 6. install, remove, purge: only as root, and never where WardVoice is installed or has data
if [ "$(id -u)" -ne 0 ]; then
  echo "skip: install/remove/purge needs root"
elif dpkg-query -W wardvoice-aggregator >/dev/null 2>&1 || [ -e /var/lib/wardvoice ] || getent passwd wardvoice >/dev/null; then
  echo "skip: WardVoice is installed (or has data) on this machine; not touching it"
elif ! dpkg -i "$AGG_DEB" >"$WORK/dpkg-install.log" 2>&1; then
  bad "dpkg -i $(basename "$AGG_DEB")"; cat "$WORK/dpkg-install.log"
  dpkg -P wardvoice-aggregator >/dev/null 2>&1 || true
else
  ok "dpkg -i $(basename "$AGG_DEB")"
  check "postinst made the wardvoice system user" bash -c "getent passwd wardvoice | grep -q ':/var/lib/wardvoice:'"
  check "/var/lib/wardvoice is 0750 wardvoice:wardvoice" bash -c "[ \"\$(stat -c '%a %U %G' /var/lib/wardvoice)\" = '750 wardvoice wardvoice' ]"
  check "aggregator.toml is root:wardvoice 0640" bash -c "[ \"\$(stat -c '%a %U %G' /etc/wardvoice/aggregator.toml)\" = '640 root wardvoice' ]"
  # as the unit starts it: its user, its config (a free port on the command line)
  runuser -u wardvoice -- /usr/bin/wardvoice-aggregator serve --config /etc/wardvoice/aggregator.toml \
      --listen 127.0.0.1:0 >"$WORK/installed.out" 2>"$WORK/installed.log" &
  installed=$!
  port=$(wait_listening "$WORK/installed.out") || port=""
  check "the installed service's command serves as the wardvoice user" bash -c "[ -n '$port' ] && curl -sf http://127.0.0.1:$port/api/v1/health >/dev/null"
  # the kiosk package beside it: enrolled by the server's kiosk add --config-out, run as its
  # units run it (cage draws into an Xvfb screen: this machine has no DRM device)
  if dpkg-query -W wardvoice-kiosk >/dev/null 2>&1 || [ -e /var/lib/wardvoice-kiosk ] || [ -e /etc/wardvoice/kiosk.toml ]; then
    echo "skip: a WardVoice kiosk is installed here; not touching it"
  elif ! dpkg -i "$KIOSK_DEB" >"$WORK/dpkg-kiosk.log" 2>&1; then
    bad "dpkg -i $(basename "$KIOSK_DEB")"; cat "$WORK/dpkg-kiosk.log"
    dpkg -P wardvoice-kiosk >/dev/null 2>&1 || true
  else
    ok "dpkg -i $(basename "$KIOSK_DEB")"
    check "postinst made the wardvoice-kiosk user, in the display, input and audio groups this machine has" bash -c "
      getent passwd wardvoice-kiosk | grep -q ':/usr/sbin/nologin\$' || exit 1
      for g in video input render audio; do
        getent group \$g >/dev/null || continue
        id -nG wardvoice-kiosk | tr ' ' '\n' | grep -qx \$g || { echo \"not in \$g\"; exit 1; }
      done"
    check "/var/lib/wardvoice-kiosk is 0750 wardvoice-kiosk" bash -c "[ \"\$(stat -c '%a %U' /var/lib/wardvoice-kiosk)\" = '750 wardvoice-kiosk' ]"
    runuser -u wardvoice -- /usr/bin/wardvoice-aggregator kiosk add --db /var/lib/wardvoice/wardvoice.db \
        --ward ward-7 --name "Ward 7 corridor" --url "http://127.0.0.1:$port" \
        --config-out /var/lib/wardvoice/kiosk-ward-7.toml >/dev/null || true
    install -m 0640 -g wardvoice-kiosk /var/lib/wardvoice/kiosk-ward-7.toml /etc/wardvoice/kiosk.toml || true
    rm -f /var/lib/wardvoice/kiosk-ward-7.toml
    runuser -u wardvoice-kiosk -- /usr/bin/wardvoice-kiosk --config /etc/wardvoice/kiosk.toml --sync-only >"$WORK/installed-sync.log" 2>&1 &
    sync=$!
    seen=""
    kiosk_seen /usr/bin/wardvoice-aggregator /var/lib/wardvoice/wardvoice.db && seen=yes
    kill -TERM "$sync" 2>/dev/null || true
    wait "$sync" 2>/dev/null || true
    if [ -n "$seen" ]; then ok "wardvoice-kiosk-sync's command, as wardvoice-kiosk, reaches the aggregator"; else bad "the installed sync-only kiosk never reached the aggregator"; cat "$WORK/installed-sync.log"; fi
    if command -v Xvfb >/dev/null && command -v import >/dev/null; then
      # shellcheck source=../support/xvfb.sh
      . "$(dirname "$0")/../support/xvfb.sh"
      # 1024x768: the window wlroots opens on an X screen for cage's one output
      if start_xvfb 1024x768; then
        mkdir -p "$BUILD/test-artifacts/deploy"
        if command -v cage >/dev/null && command -v Xwayland >/dev/null; then
          # the unit's ExecStart, with wlroots drawing into the X screen instead of a DRM device
          how="under cage (its ExecStart), XWayland inside"
          runtime="$WORK/xdg-runtime"
          mkdir -p -m 0700 "$runtime"
          chown wardvoice-kiosk "$runtime"
          runuser -u wardvoice-kiosk -- env DISPLAY="$DISPLAY" XDG_RUNTIME_DIR="$runtime" WLR_BACKENDS=x11 \
              WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1 \
              /usr/bin/cage -d -- /usr/bin/wardvoice-kiosk --config /etc/wardvoice/kiosk.toml >"$WORK/installed-kiosk.log" 2>&1 &
        else
          how="directly on X (cage or Xwayland missing)"
          runuser -u wardvoice-kiosk -- env DISPLAY="$DISPLAY" /usr/bin/wardvoice-kiosk --config /etc/wardvoice/kiosk.toml >"$WORK/installed-kiosk.log" 2>&1 &
        fi
        gui=$!
        shot="$BUILD/test-artifacts/deploy/installed-kiosk-cage.png"
        wait_drawn "$shot" 60 || true
        blue=$BLUE
        if [ "${blue:-0}" -ge 10 ]; then ok "the installed kiosk, $how, draws its welcome screen from its packaged assets ($shot)"; else bad "the installed kiosk drew nothing (blue share ${blue:-0}/1000)"; cat "$WORK/installed-kiosk.log"; fi
        kill -TERM "$gui" 2>/dev/null || true
        wait "$gui" 2>/dev/null || true
        pkill -u wardvoice-kiosk 2>/dev/null || true # cage's XWayland, if it outlived cage
        kill "$XVFB_PID" 2>/dev/null || true
        wait "$XVFB_PID" 2>/dev/null || true
      fi
    fi
    check "dpkg -r wardvoice-kiosk keeps its outbox and kiosk.toml" bash -c "dpkg -r wardvoice-kiosk >/dev/null && [ -f /var/lib/wardvoice-kiosk/outbox.db ] && [ -f /etc/wardvoice/kiosk.toml ]"
    check "dpkg -P wardvoice-kiosk removes its user, outbox and kiosk.toml" bash -c "dpkg -P wardvoice-kiosk </dev/null >/dev/null && ! getent passwd wardvoice-kiosk >/dev/null && [ ! -e /var/lib/wardvoice-kiosk ] && [ ! -e /etc/wardvoice/kiosk.toml ]"
  fi
  kill -TERM "$installed" 2>/dev/null || true
  wait "$installed" 2>/dev/null || true
  check "the database is in /var/lib/wardvoice, owned by wardvoice" bash -c "[ \"\$(stat -c %U /var/lib/wardvoice/wardvoice.db)\" = wardvoice ]"
  check "the nightly backup command works as the wardvoice user" runuser -u wardvoice -- /usr/bin/wardvoice-aggregator backup --config /etc/wardvoice/aggregator.toml
  check "dpkg -r keeps the data and the user" bash -c "dpkg -r wardvoice-aggregator >/dev/null && [ -f /var/lib/wardvoice/wardvoice.db ] && getent passwd wardvoice >/dev/null && ls /var/lib/wardvoice/backups/wardvoice-*.db.sha256 >/dev/null"
  check "dpkg -P removes the user and the data, asking nothing" bash -c "dpkg -P wardvoice-aggregator </dev/null >/dev/null && ! getent passwd wardvoice >/dev/null && [ ! -e /var/lib/wardvoice ] && [ ! -e /etc/wardvoice/aggregator.toml ]"
fi

if [ "$failures" -gt 0 ]; then
  echo "$failures package checks failed"
  exit 1
fi
echo "all package checks passed"
