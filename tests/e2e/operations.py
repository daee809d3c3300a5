#!/usr/bin/env python3
"""WardVoice run as a trust's IT team runs it, with the real binary started exactly as its
systemd unit's ExecStart starts it (`serve --config FILE`):

- a config file with an unknown key is refused, naming the file and the key, and serves nothing;
- READY=1 reaches $NOTIFY_SOCKET once the port answers (Type=notify), STOPPING=1 on SIGTERM;
- GET /metrics is parsed by prometheus_client's own parser, and its counters move as
  submissions arrive (accepted, duplicate, rejected by reason, requests by route);
  other addresses need the token;
- every log line is one logfmt line with level and msg, and no comment text appears in any
  of them, at debug level;
- a backup taken while kiosks send, restored after the service stopped, holds every
  submission acknowledged before the backup began, each once; restore refuses while the
  server runs and refuses a damaged copy.

Usage: operations.py BIN_DIR WORK_DIR   (Debian's python3 with python3-prometheus-client)
"""
import hashlib, hmac, json, os, re, shutil, signal, socket, subprocess, sys, threading, time
import urllib.error, urllib.request, uuid

try:
    from prometheus_client.parser import text_string_to_metric_families
except ImportError:
    print("SKIP: python3-prometheus-client is not installed (./run deps installs it)")
    sys.exit(77)

BIN, WORK = sys.argv[1], sys.argv[2]
shutil.rmtree(WORK, ignore_errors=True)
os.makedirs(WORK)
AGG = os.path.join(BIN, "wardvoice-aggregator")
VAR = os.path.join(WORK, "var")
DB = os.path.join(VAR, "wardvoice.db")
BACKUPS = os.path.join(VAR, "backups")
TOKEN = "metrics-" + uuid.uuid4().hex
MARKER = "Quokka" + uuid.uuid4().hex[:10]  # in every comment; must be in no log line
failures = []


def check(name, cond, detail=""):
    print(("ok   " if cond else "FAIL ") + name + ("" if cond else "  " + str(detail)[:600]))
    if not cond:
        failures.append(name)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def other_local_address():
    """A non-loopback address of this machine, or None."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        s.connect(("10.255.255.255", 1))
        address = s.getsockname()[0]
    except OSError:
        return None
    finally:
        s.close()
    return None if address.startswith("127.") else address


PORT = free_port()
BASE = f"http://127.0.0.1:{PORT}"
CONFIG = os.path.join(WORK, "aggregator.toml")
with open(CONFIG, "w") as f:
    f.write(f"""# as /etc/wardvoice/aggregator.toml would be
listen = "0.0.0.0:{PORT}"
database = "{DB}"
log_level = "debug"
threads = 8
kiosk_rate = 100000
metrics_token = "{TOKEN}"
backup_dir = "{BACKUPS}"
backup_keep_daily = 7
""")

# 1. an unknown key stops start-up and names the file and the key
bad = os.path.join(WORK, "bad.toml")
with open(bad, "w") as f:
    f.write(f'database = "{os.path.join(WORK, "never.db")}"\nlisten = "127.0.0.1:{free_port()}"\nlog_levle = "debug"\n')
r = subprocess.run([AGG, "serve", "--config", bad], capture_output=True, text=True, timeout=20)
check("unknown key refused", r.returncode != 0 and "log_levle" in r.stderr and bad in r.stderr,
      f"rc={r.returncode} {r.stderr}")
check("a refused config creates no database", not os.path.exists(os.path.join(WORK, "never.db")))

os.makedirs(VAR)
creds = json.loads(subprocess.check_output([AGG, "kiosk", "add", "--db", DB, "--ward", "ward-7", "--json"]))

# wards get the names staff know them by; a bad id or name is refused and changes nothing
subprocess.check_output([AGG, "ward", "add", "--db", DB, "ward-7", "--name", "Ward 7 (elderly care)"])
subprocess.check_output([AGG, "ward", "add", "--db", DB, "--ward", "ward-7", "--name", "Ward 7, care of older people"])
bad_ward = subprocess.run([AGG, "ward", "add", "--db", DB, "ward 8", "--name", "Ward 8"], capture_output=True, text=True)
bad_name = subprocess.run([AGG, "ward", "add", "--db", DB, "ward-7", "--name", "x" * 81], capture_output=True, text=True)
named = json.loads(subprocess.check_output([AGG, "ward", "list", "--db", DB, "--json"]))
check("ward add names a ward, the last name given wins", named == [{"ward": "ward-7", "name": "Ward 7, care of older people"}], named)
check("ward add refuses a bad id and an overlong name", bad_ward.returncode != 0 and "identifier" in bad_ward.stderr
      and bad_name.returncode != 0 and "80 characters" in bad_name.stderr, bad_ward.stderr + bad_name.stderr)

# 2. started as the unit's ExecStart, with systemd's notification socket
notify_path = os.path.join(WORK, "notify.sock")
notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
notify.bind(notify_path)
notify.settimeout(30)
log_path = os.path.join(WORK, "serve.log")
log_file = open(log_path, "w")
env = dict(os.environ, NOTIFY_SOCKET=notify_path)
server = subprocess.Popen([AGG, "serve", "--config", CONFIG], stdout=subprocess.DEVNULL, stderr=log_file,
                          env=env)
try:
    message = notify.recv(4096).decode()
except socket.timeout:
    message = ""
check("READY=1 sent to NOTIFY_SOCKET", "READY=1" in message, message)
try:
    with urllib.request.urlopen(BASE + "/api/v1/ping", timeout=5) as resp:
        ready_answers = resp.status == 200
except OSError as e:
    ready_answers = False
check("the port answers when READY=1 has been sent", ready_answers)


def call(method, path, body=b"", secret=None, headers=None, base=BASE):
    ts = int(time.time())
    h = {"Content-Type": "application/json"}
    if secret is not False:
        message = f"{ts}\n{method}\n{path}\n{hashlib.sha256(body).hexdigest()}".encode()
        key = (secret or creds["secret"]).encode()
        h.update({"X-WardVoice-Kiosk": creds["kiosk_id"], "X-WardVoice-Timestamp": str(ts),
                  "X-WardVoice-Signature": hmac.new(key, message, hashlib.sha256).hexdigest()})
    h.update(headers or {})
    req = urllib.request.Request(base + path, data=body if method == "POST" else None, method=method, headers=h)
    try:
        with urllib.request.urlopen(req, timeout=20) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def submission(**overrides):
    s = {"id": str(uuid.uuid4()), "created_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
         "ward": "ward-7", "respondent": "patient", "topic": "discharge", "rating": 2,
         "answers": {"discharge.understood_medication": "partly"},
         "comment": f"{MARKER} nobody explained which tablets to stop taking", "language": "en"}
    s.update(overrides)
    return s


def batch(*subs):
    return json.dumps({"kiosk_id": creds["kiosk_id"], "submissions": list(subs)}).encode()


def metrics(headers=None, base=BASE):
    status, body = call("GET", "/metrics", secret=False, headers=headers, base=base)
    if status != 200:
        return status, {}
    samples = {}
    for family in text_string_to_metric_families(body.decode()):
        for s in family.samples:
            samples[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return status, samples


def value(samples, name, **labels):
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


try:
    # 3. metrics move as submissions arrive
    status, before = metrics()
    check("/metrics from loopback -> 200, parsed by prometheus_client", status == 200 and before, status)
    subs = [submission() for _ in range(5)]
    status, body = call("POST", "/api/v1/submissions", batch(*subs))
    check("5 submissions accepted", status == 200 and len(json.loads(body)["accepted"]) == 5, body)
    call("POST", "/api/v1/submissions", batch(subs[0]))
    call("POST", "/api/v1/submissions", batch(submission(rating=9), submission()))
    call("POST", "/api/v1/submissions", batch(submission()), secret="0" * 64)
    call("POST", "/api/v1/kiosk/heartbeat", json.dumps({"version": "1.0", "queue_depth": 3}).encode())
    call("GET", "/api/v1/no-such-route", secret=False)
    status, after = metrics()
    accepted = "wardvoice_submissions_accepted_total"
    check("accepted_total moved by 6", value(after, accepted) - value(before, accepted) == 6,
          (value(before, accepted), value(after, accepted)))
    check("duplicate_total moved by 1", value(after, "wardvoice_submissions_duplicate_total")
          - value(before, "wardvoice_submissions_duplicate_total") == 1)
    check("rejected_total{reason=rating_out_of_range} is 1",
          value(after, "wardvoice_submissions_rejected_total", reason="rating_out_of_range") == 1)
    check("rejected_total{reason=bad_signature} is 1",
          value(after, "wardvoice_submissions_rejected_total", reason="bad_signature") == 1)
    check("http_requests_total by route and status",
          value(after, "wardvoice_http_requests_total", route="/api/v1/submissions", status="200") >= 3
          and value(after, "wardvoice_http_requests_total", route="/api/v1/submissions", status="401") == 1
          and value(after, "wardvoice_http_requests_total", route="unmatched", status="404") == 1,
          {k: v for k, v in after.items() if k[0] == "wardvoice_http_requests_total"})
    check("request duration histogram counts them",
          value(after, "wardvoice_http_request_duration_seconds_count", route="/api/v1/submissions") >= 4
          and value(after, "wardvoice_http_request_duration_seconds_bucket", route="/api/v1/submissions",
                    le="+Inf") >= 4)
    check("kiosk online, queue depth from its heartbeat",
          value(after, "wardvoice_kiosks", state="online") == 1
          and value(after, "wardvoice_kiosk_queue_depth", kiosk=creds["kiosk_id"], ward="ward-7") == 3)
    check("database size reported", value(after, "wardvoice_db_size_bytes") > 4096)
    check("no backup yet", value(after, "wardvoice_backup_last_success_timestamp_seconds") == 0)
    check("alerts queue depth present", ("wardvoice_alerts_queue_depth", ()) in after)

    other = other_local_address()
    if other:
        status, _ = metrics(base=f"http://{other}:{PORT}")
        check("/metrics from another address without the token -> 403", status == 403, status)
        status, got = metrics(headers={"Authorization": "Bearer " + TOKEN}, base=f"http://{other}:{PORT}")
        check("/metrics from another address with the token -> 200", status == 200 and got, status)
        status, _ = metrics(headers={"Authorization": "Bearer wrong"}, base=f"http://{other}:{PORT}")
        check("/metrics with a wrong token -> 403", status == 403, status)
    else:
        print("skip: no non-loopback address here to test the metrics token from")

    # 4. a backup while kiosks send
    acked = []  # (time acknowledged, id)
    stop = threading.Event()
    errors = []

    def kiosk_load():
        while not stop.is_set():
            b = [submission() for _ in range(10)]
            try:
                status, body = call("POST", "/api/v1/submissions", batch(*b))
            except OSError as e:
                errors.append(str(e))
                continue
            now = time.monotonic()
            if status == 200:
                acked.extend((now, i) for i in json.loads(body)["accepted"])

    threads = [threading.Thread(target=kiosk_load) for _ in range(3)]
    for t in threads:
        t.start()
    time.sleep(1.5)
    backup_started = time.monotonic()
    r = subprocess.run([AGG, "backup", "--config", CONFIG], capture_output=True, text=True, timeout=120)
    backup_done = time.monotonic()
    time.sleep(0.5)
    stop.set()
    for t in threads:
        t.join()
    check("backup under load succeeds", r.returncode == 0, r.stderr)
    made = [f for f in os.listdir(BACKUPS) if f.endswith(".db")]
    check("one backup and its .sha256 in backup_dir", len(made) == 1 and os.path.exists(
        os.path.join(BACKUPS, made[0] + ".sha256")), os.listdir(BACKUPS))
    backup = os.path.join(BACKUPS, made[0]) if made else ""
    before_backup = [i for t, i in acked if t < backup_started]
    during = [i for t, i in acked if backup_started <= t <= backup_done]
    print(f"     {len(acked)} acknowledged under load, {len(before_backup)} before the backup began, "
          f"{len(during)} while it ran, {len(errors)} client errors")
    check("kiosks kept sending during the backup", len(during) > 0 and not errors, errors[:3])
    status, got = metrics()
    check("backup_last_success_timestamp_seconds set",
          abs(value(got, "wardvoice_backup_last_success_timestamp_seconds") - time.time()) < 120)

    r = subprocess.run([AGG, "restore", "--config", CONFIG, "--from", backup], capture_output=True, text=True,
                       timeout=60)
    check("restore refused while the server runs", r.returncode != 0 and "stop it first" in r.stderr, r.stderr)

    damaged = os.path.join(WORK, "damaged.db")
    shutil.copy(backup, damaged)
    shutil.copy(backup + ".sha256", damaged + ".sha256")
    with open(damaged, "r+b") as f:
        f.seek(os.path.getsize(damaged) // 2)
        f.write(b"\x00\x01\x02")
    # 5. the service stops: requests in flight finish, STOPPING=1
    server.send_signal(signal.SIGTERM)
    check("exits 0 on SIGTERM", server.wait(timeout=30) == 0)
    try:
        stopping = notify.recv(4096).decode()
    except socket.timeout:
        stopping = ""
    check("STOPPING=1 sent on SIGTERM", "STOPPING=1" in stopping, stopping)

    r = subprocess.run([AGG, "restore", "--config", CONFIG, "--from", damaged], capture_output=True, text=True,
                       timeout=60)
    check("a damaged copy is refused", r.returncode != 0 and "does not match" in r.stderr, r.stderr)
    r = subprocess.run([AGG, "restore", "--config", CONFIG, "--from", backup], capture_output=True, text=True,
                       timeout=120)
    check("restore of the good backup", r.returncode == 0 and "restored" in r.stdout, r.stdout + r.stderr)
    out = subprocess.run([AGG, "export", "--db", DB, "--format", "csv"], capture_output=True, text=True,
                         timeout=120)
    ids = [line.split(",", 1)[0] for line in out.stdout.splitlines()[1:] if line]
    missing = set(before_backup) - set(ids)
    check("every submission acknowledged before the backup began is restored",
          not missing and len(before_backup) > 0, f"{len(missing)} missing of {len(before_backup)}")
    check("each stored once", len(ids) == len(set(ids)))
    check("nothing acknowledged after the backup ended is in it (a point-in-time copy)",
          not ({i for t, i in acked if t > backup_done} & set(ids)))
finally:
    if server.poll() is None:
        server.kill()
        server.wait()
    log_file.close()

# 6. the log: one logfmt line per event, never a comment
PAIR = re.compile(r'([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|[^\s"=]+)(?:\s+|$)')
with open(log_path) as f:
    lines = [l.rstrip("\n") for l in f if l.strip()]
bad_lines = []
for line in lines:
    pos, keys = 0, []
    while pos < len(line):
        m = PAIR.match(line, pos)
        if not m:
            break
        keys.append(m.group(1))
        pos = m.end()
    if pos != len(line) or keys[:3] != ["ts", "level", "msg"]:
        bad_lines.append(line)
check(f"all {len(lines)} log lines are logfmt with ts, level, msg", lines and not bad_lines, bad_lines[:3])
check("request lines carry route, status and ms",
      any("msg=request" in l and "route=/api/v1/submissions" in l and "status=200" in l and " ms=" in l
          for l in lines))
check("no comment text in any log line (debug level)", not any(MARKER in l for l in lines),
      [l for l in lines if MARKER in l][:2])
check("no kiosk secret in any log line", not any(creds["secret"] in l for l in lines))

print(f"{len(failures)} failed" if failures else "all operations checks passed")
sys.exit(1 if failures else 0)
