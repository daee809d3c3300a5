#!/usr/bin/env python3
"""An independent kiosk client written only from PROTOCOL.md (standard library only).

Starts a real aggregator, enrols a kiosk with the CLI, and checks the documented answer to
valid, duplicate, invalid, unsigned, stale, oversized and malformed requests, and to heartbeat
and config. Usage: independent_client.py BIN_DIR WORK_DIR
"""
import hashlib, hmac, json, os, socket, subprocess, sys, time, urllib.error, urllib.request, uuid

BIN, WORK = sys.argv[1], sys.argv[2]
os.makedirs(WORK, exist_ok=True)
DB = os.path.join(WORK, "independent.db")
if os.path.exists(DB):
    os.remove(DB)
AGG = os.path.join(BIN, "wardvoice-aggregator")
failures = []
checks = 0


def check(name, cond, detail=""):
    global checks
    checks += 1
    print(("ok   " if cond else "FAIL ") + name + ("" if cond else "  " + detail))
    if not cond:
        failures.append(name)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


creds = json.loads(subprocess.check_output([AGG, "kiosk", "add", "--db", DB, "--ward", "ward-7", "--json"]))
check("kiosk add --json prints exactly kiosk_id and secret", set(creds) == {"kiosk_id", "secret"}, str(creds))
check("secret is 32 bytes of hex", len(creds["secret"]) == 64 and int(creds["secret"], 16) >= 0)
port = free_port()
server = subprocess.Popen([AGG, "serve", "--db", DB, "--listen", f"127.0.0.1:{port}", "--quiet"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
BASE = f"http://127.0.0.1:{port}"
for _ in range(100):
    try:
        urllib.request.urlopen(BASE + "/api/v1/ping", timeout=1)
        break
    except OSError:
        time.sleep(0.05)


def call(method, path, body=b"", ts=None, secret=None, signed=True):
    ts = int(time.time()) if ts is None else ts
    headers = {"Content-Type": "application/json"}
    if signed:
        message = f"{ts}\n{method}\n{path}\n{hashlib.sha256(body).hexdigest()}".encode()
        key = (secret or creds["secret"]).encode()
        headers.update({"X-WardVoice-Kiosk": creds["kiosk_id"], "X-WardVoice-Timestamp": str(ts),
                        "X-WardVoice-Signature": hmac.new(key, message, hashlib.sha256).hexdigest()})
    req = urllib.request.Request(BASE + path, data=body if method == "POST" else None, method=method,
                                 headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.read(), dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, e.read(), dict(e.headers)


def submission(**overrides):
    s = {"id": str(uuid.uuid4()), "created_at": "2026-11-23T10:15:00Z", "ward": "ward-7",
         "respondent": "patient", "topic": "discharge", "rating": 2,
         "answers": {"discharge.understood_medication": "partly"},
         "comment": "Nobody explained which tablets to stop.", "language": "en"}
    s.update(overrides)
    return s


def batch(*subs):
    return json.dumps({"kiosk_id": creds["kiosk_id"], "submissions": list(subs)}).encode()


try:
    good = submission()
    status, body, _ = call("POST", "/api/v1/submissions", batch(good))
    answer = json.loads(body)
    check("valid -> 200 accepted", status == 200 and answer["accepted"] == [good["id"]], f"{status} {body}")

    status, body, _ = call("POST", "/api/v1/submissions", batch(good))
    answer = json.loads(body)
    check("same id again -> duplicate", status == 200 and answer["duplicate"] == [good["id"]]
          and answer["accepted"] == [], f"{status} {body}")

    bad = submission(rating=9)
    ok2 = submission()
    status, body, _ = call("POST", "/api/v1/submissions", batch(bad, ok2))
    answer = json.loads(body)
    check("invalid one rejected alone with its code",
          status == 200 and answer["accepted"] == [ok2["id"]]
          and answer["rejected"] == [{"id": bad["id"], "error": "rating_out_of_range",
                                      "detail": answer["rejected"][0].get("detail")}], f"{status} {body}")

    helped = submission(assisted=True, comment="")
    odd = submission(assisted="yes")
    status, body, _ = call("POST", "/api/v1/submissions", batch(helped, odd))
    answer = json.loads(body)
    check("assisted: true is taken; a non-boolean is bad_assisted, alone",
          status == 200 and answer["accepted"] == [helped["id"]]
          and [r["error"] for r in answer["rejected"]] == ["bad_assisted"], f"{status} {body}")

    status, body, _ = call("POST", "/api/v1/submissions", batch(submission()), signed=False)
    check("unsigned -> 401", status == 401 and json.loads(body)["error"] == "missing_auth", f"{status} {body}")

    status, body, _ = call("POST", "/api/v1/submissions", batch(submission()), secret="0" * 64)
    check("wrong secret -> 401 bad_signature", status == 401 and json.loads(body)["error"] == "bad_signature")

    status, body, _ = call("POST", "/api/v1/submissions", batch(submission()), ts=int(time.time()) - 400)
    j = json.loads(body)
    check("stale -> 401 stale_timestamp with server time",
          status == 401 and j["error"] == "stale_timestamp" and abs(j["server_time"] - time.time()) < 10, f"{body}")

    huge = json.dumps({"kiosk_id": creds["kiosk_id"], "submissions": [], "pad": "z" * (1024 * 1024)}).encode()
    status, body, _ = call("POST", "/api/v1/submissions", huge)
    check("over 1 MiB -> 413", status == 413, f"{status} {body[:200]}")

    status, body, _ = call("POST", "/api/v1/submissions", batch(*[submission() for _ in range(501)]))
    check("over 500 submissions -> 413", status == 413 and json.loads(body)["error"] == "too_many_submissions")

    status, body, _ = call("POST", "/api/v1/submissions", b"{\"kiosk_id\": ")
    check("malformed -> 400 with error and detail", status == 400 and set(json.loads(body)) >= {"error", "detail"})

    status, body, _ = call("POST", "/api/v1/kiosk/heartbeat", json.dumps({
        "kiosk_id": creds["kiosk_id"], "version": "indep-1", "queue_depth": 7, "oldest_queued_at": None,
        "last_sync_at": None, "uptime_s": 12}).encode())
    check("heartbeat -> 204", status == 204, f"{status} {body}")

    status, body, headers = call("GET", "/api/v1/kiosk/config")
    cfg = json.loads(body) if status == 200 else {}
    check("config -> ward, languages, questions, idle timeout, you-said-we-did, etag",
          status == 200 and cfg.get("ward") == "ward-7" and cfg.get("languages") and "questions" in cfg
          and "idle_timeout_s" in cfg and isinstance(cfg.get("you_said_we_did"), list) and cfg.get("etag"))
finally:
    server.terminate()
    server.wait(timeout=15)

listing = json.loads(subprocess.check_output([AGG, "kiosk", "list", "--db", DB, "--json"]))
check("kiosk list --json shows the heartbeat",
      listing[0]["kiosk_id"] == creds["kiosk_id"] and listing[0]["queue_depth"] == 7
      and listing[0]["version"] == "indep-1" and listing[0]["last_seen_at"], str(listing))
csv = subprocess.check_output([AGG, "export", "--db", DB, "--format", "csv"]).decode()
lines = csv.strip().splitlines()
check("export csv: header with id, one row per stored submission", lines[0].startswith("id,") and len(lines) == 4,
      csv[:300])
import csv as csvlib, io
rows = list(csvlib.DictReader(io.StringIO(csv)))
check("export csv: the assisted response says so, the others do not",
      sorted(r["assisted"] for r in rows) == ["false", "false", "true"]
      and next(r for r in rows if r["id"] == helped["id"])["assisted"] == "true", [r.get("assisted") for r in rows])
print(f"{checks - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
