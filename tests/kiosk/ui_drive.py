#!/usr/bin/env python3
"""Drives the real kiosk binary under Xvfb like a person: taps with synthetic mouse events
(xdotool) where the kiosk says its controls are (WARDVOICE_UI_TRACE), walks a full submission
at 800x480, 1280x800 and 1920x1080, checks the outbox row, and saves a screenshot of every screen
in every shipped language. Usage: ui_drive.py KIOSK_BIN ASSETS_DIR ARTIFACTS_DIR [--part flow|languages|formats | --kill9 N]
"""
import hashlib, json, os, sqlite3, subprocess, sys, tempfile, time

BIN, ASSETS, ARTIFACTS = sys.argv[1:4]
KILL9 = int(sys.argv[5]) if len(sys.argv) > 5 and sys.argv[4] == "--kill9" else 0
# --part flow|languages|formats runs one group of sections (ctest runs the three side by side)
PART = sys.argv[5] if len(sys.argv) > 5 and sys.argv[4] == "--part" else None
PARTS = {"0": "flow", "1": "flow", "1b": "flow", "2": "flow", "2b": "flow", "2c": "flow",
         "2d": "flow", "2j": "flow", "3a": "flow", "3": "flow", "4": "flow",
         "1c": "languages", "1d": "languages", "5": "languages",
         "2g": "formats", "2h": "formats", "2i": "formats", "2f": "formats", "2e": "formats",
         "4b": "formats", "2k": "formats"}
if PART is not None and PART not in PARTS.values():
    sys.exit(f"ui_drive: no part {PART!r}; the parts are flow, languages and formats")


def wanted(section):
    return PART is None or PARTS[section] == PART
os.makedirs(ARTIFACTS, exist_ok=True)
os.environ.setdefault("ASAN_OPTIONS", "detect_leaks=0")
SECRET = "3f1c9a0b7e6d5c4b3a29180716f5e4d3c2b1a09f8e7d6c5b4a3928171615f4e3"
LANGS = ["en", "cy", "pl", "ro", "uk", "pt", "es", "lt", "it", "tr"]
failures = []
checks = 0


def check(name, cond, detail=""):
    global checks
    checks += 1
    print(("ok   " if cond else "FAIL ") + name + ("" if cond else "  " + str(detail)), flush=True)
    if not cond:
        failures.append(name)


def visible_bottom(s, it):
    """Where the person stops seeing `it`: the bottom of the window for the pinned bar's buttons
    (Start over, Back and the forward button, and the review screen's Send above them), else the
    top of that bar or of the "more below" band, whichever is higher."""
    bar = [i["y"] for i in s["items"] if i["id"] in ("back", "startover")]
    pinned = [i for i in s["items"] if (bar and abs(i["y"] - bar[0]) < 2)  # the bar's forward button too
              or (s["screen"] == "review" and i["id"] == "send")]
    if not pinned or it in pinned:
        return s["height"]
    return min([i["y"] for i in pinned] + [i["y"] for i in s["items"] if i["id"] == "more_below"])


class Kiosk:
    next_display = 300 + os.getpid() % 300
    def __init__(self, size, interval=20, work=None, extra=""):
        self.size = size
        self.work = work or tempfile.mkdtemp(prefix="wv_ui_")
        self.trace = os.path.join(self.work, "trace.json")
        if os.path.exists(self.trace):
            os.remove(self.trace)  # a killed predecessor's last frame is not this kiosk's
        config = os.path.join(self.work, "kiosk.toml")
        with open(config, "w") as f:
            f.write(f'kiosk_id = "k-ui"\nsecret = "{SECRET}"\naggregator_url = "http://127.0.0.1:9"\n'
                    f'ward = "ward-7"\ndata_dir = "{self.work}/data"\nlanguages = {json.dumps(LANGS)}\n'
                    f'submit_interval_s = {interval}\n{extra}')
        self.env = None
        for attempt in range(5):
            # an explicit, unused display number: -displayfd's choice of :0 proved flaky here
            num = Kiosk.next_display
            Kiosk.next_display += 1
            if os.path.exists(f"/tmp/.X{num}-lock"):
                continue
            self.display = f":{num}"
            self.xvfb = subprocess.Popen(["Xvfb", self.display, "-screen", "0", f"{size}x24", "-nolisten", "tcp"],
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            env = dict(os.environ, DISPLAY=self.display, WARDVOICE_UI_TRACE=self.trace)
            for _ in range(100):
                if subprocess.run(["xdpyinfo"], env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL).returncode == 0:
                    self.env = env
                    break
                time.sleep(0.05)
            if self.env:
                break
            self.xvfb.kill()
            self.xvfb.wait()
        if not self.env:
            raise RuntimeError("no X server would start")
        self.proc = subprocess.Popen([BIN, "--config", config, "--assets", ASSETS, "--windowed", size],
                                     env=self.env, stderr=open(os.path.join(self.work, "kiosk.log"), "w"))
        self.state(timeout=10)

    def state(self, timeout=5.0, after=0):
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                with open(self.trace) as f:
                    s = json.load(f)
                shown = (s["screen"], s.get("question", 0))
                if shown != getattr(self, "shown", None):
                    self.shown, self.shown_at = shown, time.time()
                if s["frame"] > after:
                    return s
            except (OSError, ValueError):
                pass
            time.sleep(0.05)
        raise TimeoutError(f"no frame after {after} at {self.size}")

    def wait_screen(self, name, timeout=5.0):
        deadline = time.time() + timeout
        while time.time() < deadline:
            s = self.state()
            if s["screen"] == name:
                time.sleep(0.15)  # let the last frames of the transition land
                return self.state()
            time.sleep(0.05)
        raise TimeoutError(f"screen {name} never came at {self.size}; last {self.state()['screen']}")

    def xdo(self, *args):
        subprocess.run(["xdotool", *args], env=self.env, check=True)

    def tap(self, item_id):
        # a person reads a new screen before tapping: the kiosk ignores taps in its first 300 ms
        self.state()
        wait = 0.35 - (time.time() - self.shown_at)
        if wait > 0:
            time.sleep(wait)
        for _ in range(30):
            s = self.state()
            items = [i for i in s["items"] if i["id"] == item_id]
            if not items and any(i["id"] == "key:done" for i in s["items"]):
                # the keyboard has the whole (short) screen: Done brings back the rest
                self.tap("key:done")
                continue
            if not items:
                raise KeyError(f"{item_id} not on screen {s['screen']} at {self.size}")
            it = items[0]
            cx, cy = int(it["x"] + it["w"] / 2), int(it["y"] + it["h"] / 2)
            if it["y"] >= 0 and it["y"] + it["h"] <= visible_bottom(s, it):
                self.xdo("mousemove", str(cx), str(cy), "click", "1")
                self.state(after=s["frame"])
                time.sleep(0.1)
                return
            # below the fold: scroll the page as a person would with the wheel
            self.xdo("mousemove", str(int(s["width"] / 2)), str(int(s["height"] / 2)), "click",
                     "5" if it["y"] > 0 else "4")
            self.state(after=s["frame"])
        raise TimeoutError(f"could not bring {item_id} into view")

    def key_to(self, item_id):
        """Keyboard only (arrows, then Space), as a switch-access device would drive it."""
        unfocused = 0
        for _ in range(40):
            s = self.state()
            target = [i for i in s["items"] if i["id"] == item_id]
            if not target:
                raise KeyError(f"{item_id} not on screen {s['screen']}")
            t = target[0]
            focused = [i for i in s["items"] if i["focused"]]
            if focused and focused[0]["id"] == item_id:
                self.xdo("key", "space")
                self.state(after=s["frame"])
                time.sleep(0.15)
                return
            if not focused:  # focus may start from where the last screen's was: try both ways
                key = "Down" if unfocused % 2 == 0 else "Up"
                unfocused += 1
            else:
                f = focused[0]
                if abs(f["y"] - t["y"]) > 2:
                    key = "Down" if t["y"] > f["y"] else "Up"
                else:
                    key = "Right" if t["x"] > f["x"] else "Left"
            before = focused[0]["id"] if focused else None
            self.xdo("key", key)
            # wait until this key has moved the focus: a kiosk slowed by load may take a few
            # frames, and a second press sent meanwhile would move it twice
            deadline = time.time() + (5 if focused else 1)
            while self.focused() == before and time.time() < deadline:
                time.sleep(0.02)
        raise TimeoutError(f"keyboard never reached {item_id}")

    def focused(self):
        s = self.state()
        f = [i["id"] for i in s["items"] if i["focused"]]
        return f[0] if f else None

    def tab_to(self, item_id, press="Return"):
        """Tab (or Shift+Tab) and one activation key only: what a two-switch access device sends."""
        for _ in range(80):
            s = self.state()
            if (not any(i["id"] == item_id for i in s["items"])
                    and any(i["id"] == "key:done" for i in s["items"])):
                self.tab_to("key:done", press)  # the keyboard has the screen: Done first
                continue
            if not any(i["id"] == item_id for i in s["items"]):
                raise KeyError(f"{item_id} not on screen {s['screen']}")
            if self.focused() == item_id:
                self.xdo("key", press)
                self.state(after=s["frame"])
                time.sleep(0.15)
                return
            before = self.focused()
            self.xdo("key", "Tab")
            # wait until this Tab has moved the focus to a control, so that no press is ever
            # still pending (the kiosk may be slow under load: a frame at a time)
            deadline = time.time() + 5
            while self.focused() in (before, None) and time.time() < deadline:
                time.sleep(0.02)
        raise TimeoutError(f"Tab never reached {item_id}")

    def comment_chars(self):
        """Characters in the comment being written (from the trace; never its text)."""
        return self.state().get("comment_chars", -1)

    def shot(self, name):
        subprocess.run(["import", "-window", "root", os.path.join(ARTIFACTS, name)], env=self.env, check=False)

    def outbox(self):
        db = sqlite3.connect(os.path.join(self.work, "data", "outbox.db"))
        rows = [json.loads(p) for (p,) in db.execute("SELECT payload FROM outbox ORDER BY seq")]
        db.close()
        return rows

    def close(self):
        self.proc.terminate()
        code = self.proc.wait(timeout=15)
        self.xvfb.terminate()
        self.xvfb.wait(timeout=10)
        return code


def to_comment(k, lang, respondent="patient", topic="discharge", rating=1):
    """Taps from the welcome screen to the comment screen, skipping the topic's questions."""
    k.wait_screen("welcome"); k.tap(lang)
    k.wait_screen("rating"); k.tap(f"rating.{rating}")
    k.wait_screen("more"); k.tap("more")
    k.wait_screen("respondent"); k.tap(f"respondent.{respondent}")
    k.wait_screen("topic"); k.tap(f"topic.{topic}")
    while k.state()["screen"] == "question":
        k.tap("skip")
    k.wait_screen("comment")


# What the trace lists that is not a touch target (text, pictures, cues).
NOT_TARGETS = ("question_text:", "chosen:", "icon:", "notice:", "comment_shown:", "sending_in:",
               "more_below", "you_said", "progress:", "help_now", "sticky_title:", "choice_title:",
               "join.consent_text")
TARGET_PX = 12 / 25.4 * 133 - 0.5   # 12 mm at a 7-inch 800x480 panel's 133 pixels per inch
GAP_PX = 2 / 25.4 * 133 - 0.5       # 2 mm


def target_problems(s, dialog=False):
    """Every control wholly in sight must be at least 12 mm each way, with 2 mm to the next
    (a dialog's controls: all of them, over whatever is behind)."""
    shown = [i for i in s["items"] if not i["id"].startswith(NOT_TARGETS) and i["h"] > 0
             and (dialog or (i["y"] >= 0 and i["y"] + i["h"] <= visible_bottom(s, i) + 1))]
    problems = [f'{i["id"]} {i["w"]:.0f}x{i["h"]:.0f}' for i in shown
                if i["w"] < TARGET_PX or i["h"] < TARGET_PX]
    for n, a in enumerate(shown):
        for b in shown[n + 1:]:
            apart = max(b["x"] - (a["x"] + a["w"]), a["x"] - (b["x"] + b["w"]),
                        b["y"] - (a["y"] + a["h"]), a["y"] - (b["y"] + b["h"]))
            if 0 <= apart < GAP_PX:
                problems.append(f'{a["id"]} and {b["id"]} {apart:.0f} px apart')
    return problems


def full_submission(k, lang, shots=None):
    def step(screen):
        s = k.wait_screen(screen)
        if shots:
            k.shot(f"{shots}-{screen}{'-' + str(step.n) if screen == 'question' else ''}.png")
        small = target_problems(s)
        check(f"{k.size} {lang}: every target on {screen} is 12 mm with 2 mm between", not small, small)
        return s
    step.n = 0
    step("welcome"); k.tap(lang)
    step("rating"); k.tap("rating.2")
    step("more"); k.tap("more")
    step("respondent"); k.tap("respondent.carer")
    step("topic"); k.tap("topic.discharge")
    while k.wait_screen("question") if k.state()["screen"] == "question" else False:
        step.n += 1
        s = step("question")
        asked = [i["id"] for i in s["items"] if i["id"].startswith("question_text:")]
        if lang == "en" and step.n == 1:
            check(f"{k.size}: a carer is asked about the patient, not about themselves",
                  asked == ["question_text:Do you know who to call if there is a problem after the patient goes home?"],
                  asked)
        answers = [i["id"] for i in s["items"] if i["id"] not in ("skip", "back", "startover", "large", "contrast")
                   and not i["id"].startswith(("question_text:", "chosen:"))]
        k.tap(answers[0])
        time.sleep(0.1)
        if k.state()["screen"] != "question":
            break
    s = step("comment")
    # Every control of the comment screen is wholly in view before anyone types: on a short
    # screen the keyboard waits for a tap on the box rather than showing half of itself.
    cut = [i["id"] for i in s["items"] if i["y"] < 0 or i["y"] + i["h"] > s["height"]]
    check(f"{k.size} {lang}: comment screen has nothing below the fold before typing", not cut, cut)
    k.tap("chip.1")
    once = k.comment_chars()
    k.tap("chip.1")  # a second tap on the same phrase (a double tap, or later) adds nothing
    check(f"{k.size} {lang}: a quick phrase tapped twice is in the comment once",
          once > 0 and k.comment_chars() == once, (once, k.comment_chars()))
    if not any(i["id"].startswith("key:") for i in k.state()["items"]):
        k.tap("comment.box")  # a short screen: the keyboard comes with a tap on the box
        check(f"{k.size} {lang}: tapping the box brings the keyboard",
              any(i["id"].startswith("key:") for i in k.state()["items"]))
    for key in (("key:о", "key:к") if lang == "uk" else ("key:o", "key:k")):
        k.tap(key)
    # Once typing has begun, space and backspace are in view without scrolling, at every size.
    s = k.state()
    for key in ("key:space", "key:backspace"):
        it = [i for i in s["items"] if i["id"] == key]
        check(f"{k.size} {lang}: {key} in view after typing",
              bool(it) and it[0]["y"] >= 0 and it[0]["y"] + it[0]["h"] <= s["height"],
              str(it[0] if it else "missing"))
    if shots:
        k.shot(f"{shots}-comment-typed.png")
    k.tap("next")
    step("review"); k.tap("send")
    step("thankyou")


def kill9_test(rounds):
    """Kill -9 the kiosk at random moments of submissions: the outbox must open cleanly every
    time and hold every submission whose thank-you screen was shown, and nothing twice."""
    import random
    rng = random.Random(1234)
    work = tempfile.mkdtemp(prefix="wv_kill9_")
    thanked = 0
    sent = 0
    for n in range(rounds):
        k = Kiosk("800x480", interval=0, work=work)
        try:
            k.wait_screen("welcome"); k.tap("en")
            k.wait_screen("rating"); k.tap("rating.1")
            k.wait_screen("more"); k.tap("more")
            k.wait_screen("respondent"); k.tap("respondent.patient")
            k.wait_screen("topic"); k.tap("topic.general")
            while k.state()["screen"] == "question":
                k.tap("skip")
            k.wait_screen("comment"); k.tap("chip.1"); k.tap("next")
            k.wait_screen("review")
            s = k.state()
            send = [i for i in s["items"] if i["id"] == "send"][0]
            moment = rng.random()
            if moment >= 0.2:  # one round in five dies on the review screen, before Send
                time.sleep(max(0.0, 0.35 - (time.time() - k.shown_at)))  # past the tap guard
                k.xdo("mousemove", str(int(send["x"] + send["w"] / 2)), str(int(send["y"] + send["h"] / 2)))
                clicker = subprocess.Popen(["xdotool", "click", "1"], env=k.env)  # do not wait for it
                sent += 1
                time.sleep(rng.uniform(0.0, 0.012) if moment < 0.6 else rng.uniform(0.012, 0.06))
            k.proc.kill()  # SIGKILL, mid-submission or just after
            k.proc.wait(timeout=10)
            if moment >= 0.2:
                clicker.wait()
            with open(k.trace) as f:
                if json.load(f)["screen"] == "thankyou":
                    thanked += 1
        finally:
            if k.proc.poll() is None:
                k.proc.kill()
                k.proc.wait()
            k.xvfb.terminate()
            k.xvfb.wait(timeout=10)
        db = sqlite3.connect(os.path.join(work, "data", "outbox.db"))
        ok = db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = db.execute("SELECT count(*), count(DISTINCT id) FROM outbox").fetchone()
        db.close()
        if not ok or rows[0] < thanked or rows[0] != rows[1] or rows[0] > sent:
            check(f"kill -9 round {n + 1}", False, f"integrity {ok}, rows {rows}, thanked {thanked}, sent {sent}")
            return
    check(f"kill -9 x{rounds}: outbox intact every time; {thanked} thanked <= {rows[0]} rows <= {sent} sent; "
          "no duplicates", True)


if KILL9:
    kill9_test(KILL9)
    print(f"{checks - len(failures)} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)


def walk_to_comment_box(k):
    """From welcome to the comment screen by taps, with the keyboard open."""
    k.tap("en")
    k.wait_screen("rating"); k.tap("rating.5")
    k.wait_screen("more"); k.tap("more")
    k.wait_screen("respondent"); k.tap("respondent.visitor")
    k.wait_screen("topic"); k.tap("topic.visiting_hours")
    while k.state()["screen"] == "question":
        k.tap("no")
        time.sleep(0.2)
    k.wait_screen("comment")
    k.tap("comment.box")


def hidden_controls(s):
    """Controls below the fold: under the pinned bar, the "more below" band or the window's
    edge (the keyboard may scroll what is above it away, by design)."""
    return [i["id"] for i in s["items"] if i["id"] not in ("large", "contrast", "more_below")
            and not i["id"].startswith(("sending_in:", "choice_title:", "you_said", "progress:", "help_now",
                                        "question_text:", "notice:", "comment_shown:", "chosen:",
                                        "icon:", "sticky_title:"))
            and i["y"] + i["h"] > visible_bottom(s, i) + 1]


# 0. Walking away: the "are you still there?" countdown, then everything unsent is forgotten.
if wanted("0"):  # part "flow"
    k = Kiosk("800x480", extra="idle_timeout_s = 15\n")
    try:
        walk_to_comment_box(k)
        for key in ("key:s", "key:e", "key:c", "key:r", "key:e", "key:t"):
            k.tap(key)
        check("idle: the typed letters are in the draft", k.comment_chars() == 6, k.comment_chars())
        walked_away = time.time()
        s = k.state()
        while not s["idle_warning"] and time.time() - walked_away < 25:
            time.sleep(0.25)
            s = k.state()
        check("idle: the countdown appears after idle_timeout_s without a touch",
              s["idle_warning"] and 13 <= time.time() - walked_away <= 20, time.time() - walked_away)
        check("idle: the countdown offers 'I'm still here'", any(i["id"] == "still" for i in s["items"]))
        dialog = dict(s, items=[i for i in s["items"] if i["id"] == "still"])
        check("idle: 'I'm still here' is 12 mm", dialog["items"] and not target_problems(dialog, True),
              target_problems(dialog, True))
        k.shot("idle-warning-800x480.png")
        # "I'm still here": the same screen, the words kept, and taps work again
        k.tap("still")
        s = k.state()
        check("idle: 'I'm still here' keeps the screen and the draft",
              not s["idle_warning"] and s["screen"] == "comment" and k.comment_chars() == 6,
              (s["idle_warning"], s["screen"], k.comment_chars()))
        k.tap("key:s")
        check("idle: after the dialog closes, taps reach the screen again", k.comment_chars() == 7,
              k.comment_chars())
        walked_away = time.time()
        while not k.state()["idle_warning"] and time.time() - walked_away < 25:
            time.sleep(0.25)
        s = k.wait_screen("welcome", timeout=15)
        check("idle: back to welcome about 10 s later", 22 <= time.time() - walked_away <= 32,
              time.time() - walked_away)
        walk_to_comment_box(k)
        k.shot("idle-next-person-comment-800x480.png")
        check("idle: the next person's comment box is empty (the half-typed words are gone)",
              k.comment_chars() == 0, k.comment_chars())
        check("idle: nothing of it reached the outbox", k.outbox() == [], k.outbox())
    except Exception as e:
        check("idle", False, repr(e))
    finally:
        k.close()


# 1. A full submission at each size, checked in the outbox.
if wanted("1"):  # part "flow"
    for size, large in (("800x480", False), ("1280x800", False), ("1920x1080", False),
                        ("1920x1080", True)):
        k = Kiosk(size)
        try:
            if large:
                k.wait_screen("welcome"); k.tap("large")
                size = size + " larger text"
            full_submission(k, "en", shots=f"ui-{size.replace(' ', '-')}")
            rows = k.outbox()
            check(f"{size}: one row in the outbox", len(rows) == 1, rows)
            if rows:
                r = rows[0]
                check(f"{size}: row holds what was tapped",
                      r["respondent"] == "carer" and r["topic"] == "discharge" and r["rating"] == 2
                      and r["language"] == "en" and r["comment"] == "Clear instructions, thank youok"
                      and r["answers"].get("discharge.who_to_call") == "yes", r)
            k.tap("done")
            k.wait_screen("welcome")
            check(f"{size}: next person starts from a clean welcome", k.state()["screen"] == "welcome")
        except Exception as e:  # a screen that never came is a failure, with the reason
            check(f"{size}: walk-through", False, repr(e))
        finally:
            check(f"{size}: clean exit on SIGTERM", k.close() == 0)


# 1b. One tap: a rating alone is a whole response, sent when "tell us more?" goes unanswered
#     (rating_send_s) or at once with "Send my answer now". The language is chosen on welcome.
if wanted("1b"):  # part "flow"
    k = Kiosk("800x480", interval=0, extra="rating_send_s = 3\n")
    try:
        k.wait_screen("welcome"); k.tap("ro")
        k.wait_screen("rating"); k.tap("rating.1")
        s = k.wait_screen("more")
        counts = [i["id"] for i in s["items"] if i["id"].startswith("sending_in:")]
        k.shot("ui-more-ro-800x480.png")
        check("one tap: 'tell us more?' counts down to sending the rating",
              bool(counts) and int(counts[0].split(":")[1]) in (2, 3), counts)
        time.sleep(1.1)
        later = [i["id"] for i in k.state()["items"] if i["id"].startswith("sending_in:")]
        check("one tap: the countdown is redrawn each second", bool(later) and later != counts, (counts, later))
        k.wait_screen("thankyou", timeout=8)
        rows = k.outbox()
        check("one tap: the rating alone is sent when no one answers, in the language chosen on welcome",
              len(rows) == 1 and rows[0]["rating"] == 1 and rows[0]["language"] == "ro"
              and rows[0]["respondent"] == "other" and rows[0]["comment"] == ""
              and not rows[0].get("answers"), rows)
        k.tap("done")
        k.wait_screen("welcome"); k.tap("start")
        k.wait_screen("rating"); k.tap("rating.6")
        k.wait_screen("more"); k.tap("send")
        k.wait_screen("thankyou")
        time.sleep(3.5)
        rows = k.outbox()
        check("one tap: 'Send my answer now' sends it at once, and once",
              len(rows) == 2 and rows[1]["rating"] == 6 and rows[1]["language"] == "en", rows)
        # staff or family helping a patient: recorded as an assisted response, the patient's own
        k.tap("done")
        k.wait_screen("welcome"); k.tap("uk")
        k.wait_screen("rating"); k.tap("rating.2")
        k.wait_screen("more"); k.tap("more")
        k.wait_screen("respondent"); k.tap("respondent.helping")
        k.wait_screen("topic"); k.tap("skip")
        k.wait_screen("comment"); k.tap("next")
        k.wait_screen("review"); k.tap("send")
        k.wait_screen("thankyou")
        rows = k.outbox()
        check("helping someone: sent as the patient's answers, marked assisted; the others are not",
              len(rows) == 3 and rows[2].get("assisted") is True and rows[2]["respondent"] == "patient"
              and not rows[0].get("assisted") and not rows[1].get("assisted"), rows)
    except Exception as e:
        check("one tap", False, repr(e))
    finally:
        k.close()


# 1c. Larger text at 800x480 in every language: every screen fits, or says "more below" and
#     scrolls by a finger's drag (a drag that starts on a button presses nothing).
if wanted("1c"):  # part "languages"
    for lang in LANGS:
        k = Kiosk("800x480", interval=0)
        try:
            k.wait_screen("welcome")
            k.tap("large")
            time.sleep(0.3)
            def fits(screen):
                s = k.wait_screen(screen)
                time.sleep(0.2)
                s = k.state()
                cut = hidden_controls(s)
                cue = any(i["id"] == "more_below" for i in s["items"])
                check(f"larger text {lang}: {screen} fits, or says more is below", not cut or cue, cut)
                small = target_problems(s)
                check(f"larger text {lang}: every target on {screen} is 12 mm with 2 mm between",
                      not small, small)
                k.shot(f"large-{lang}-{screen}{'-' + str(s.get('question', 0)) if screen == 'question' else ''}-800x480.png")
                return s
            fits("welcome"); k.tap(lang)
            fits("rating"); k.tap("rating.3")
            fits("more"); k.tap("more")
            fits("respondent"); k.tap("respondent.visitor")
            fits("topic"); k.tap("topic.discharge")
            while k.state()["screen"] == "question":
                fits("question"); k.tap("yes")
                time.sleep(0.35)
            s = fits("comment")
            if not any(i["id"].startswith("key:") for i in s["items"]):
                k.tap("comment.box")
                s = fits("comment")
            def drag_up(x, y, distance=160):
                k.xdo("mousemove", str(x), str(y), "mousedown", "1")
                for moved in range(10, distance + 1, 10):
                    k.xdo("mousemove", str(x), str(y - moved))
                    time.sleep(0.02)
                k.xdo("mouseup", "1")
                time.sleep(0.4)
                return k.state()
            # The keyboard makes this screen scroll: a finger that slides 20 px on a key (less than
            # the key is tall, so it is released on the same key) scrolls and types nothing.
            keys = [i for i in s["items"] if i["id"].startswith("key:") and len(i["id"]) == 5
                    and 100 < i["y"] + i["h"] / 2 < s["height"] - 100]
            check(f"larger text {lang}: letter keys in view", bool(keys), [i["id"] for i in s["items"]])
            if keys:
                key = keys[-1]
                cx, cy = int(key["x"] + key["w"] / 2), int(key["y"] + key["h"] / 2)
                k.xdo("mousemove", str(cx), str(cy), "mousedown", "1")
                for dy in (5, 10, 15, 20):
                    k.xdo("mousemove", str(cx), str(cy + dy))
                    time.sleep(0.03)
                k.xdo("mouseup", "1")
                time.sleep(0.4)
                if any(i["id"] == "key:done" for i in s["items"]):
                    # the keyboard has the whole screen, which does not scroll: a finger that
                    # wobbles on a key (a tremor) types it, once
                    check(f"larger text {lang}: a finger that slides 20 px on a key types it once",
                          k.state()["screen"] == "comment" and k.comment_chars() == 1, k.comment_chars())
                else:
                    check(f"larger text {lang}: a drag that starts on a key types nothing",
                          k.state()["screen"] == "comment" and k.comment_chars() == 0, k.comment_chars())
            k.tap("next")
            s = fits("review")
            drags = 0
            while any(i["id"] == "more_below" for i in s["items"]) and drags < 6:
                s = drag_up(400, 300)
                drags += 1
            if drags:
                check(f"larger text {lang}: dragging the review up reaches its end and sends nothing",
                      s["screen"] == "review" and k.outbox() == []
                      and not any(i["id"] == "more_below" for i in s["items"]), (s["screen"], drags, k.outbox()))
                k.shot(f"large-{lang}-review-dragged-800x480.png")
            k.tap("send")
            k.wait_screen("thankyou")
            rows = k.outbox()
            check(f"larger text {lang}: sent as chosen", len(rows) == 1 and rows[0]["language"] == lang
                  and rows[0]["rating"] == 3 and rows[0]["respondent"] == "visitor", rows)
        except Exception as e:
            check(f"larger text {lang}", False, repr(e))
        finally:
            k.close()


# 1d. A Lithuanian-speaking visitor at a 7-inch kiosk, with larger text: the rating, then a
#     comment typed on the screen's keys (a capital, ą č ę ė į š ų ū ž, a space), sent; the comment
#     stored is byte for byte what was tapped.
if wanted("1d"):  # part "languages"
    k = Kiosk("800x480", interval=0)
    try:
        k.wait_screen("welcome"); k.tap("large")
        to_comment(k, "lt", "visitor", "visiting_hours", 2)
        k.tap("comment.box")
        time.sleep(0.4)
        typed = "Ačiū ąčęėįšųūž"
        for c in typed:
            if c == " ":
                k.tap("key:space")
            elif c != c.lower():
                k.tap("key:shift"); k.tap("key:" + c)
            else:
                k.tap("key:" + c)
        s = k.state()
        check("Lithuanian: every letter tapped is in the comment", k.comment_chars() == len(typed),
              k.comment_chars())
        k.shot("lt-typed-large-800x480.png")
        k.tap("next")  # Done, then Next: as a person would
        k.wait_screen("review"); k.tap("send")
        k.wait_screen("thankyou")
        rows = k.outbox()
        check("Lithuanian: stored byte for byte as tapped",
              len(rows) == 1 and rows[0].get("comment", "").encode() == typed.encode()
              and rows[0]["language"] == "lt" and rows[0]["respondent"] == "visitor", rows)
    except Exception as e:
        check("Lithuanian at 800x480", False, repr(e))
    finally:
        k.close()


# 2. Lock-down: the close button does nothing; a 5 s corner hold and the right PIN exit.
if wanted("2"):  # part "flow"
    k = Kiosk("1280x800", extra=f'admin_pin_sha256 = "{hashlib.sha256(b"2468").hexdigest()}"\n')
    try:
        k.tap("start")
        k.xdo("key", "Escape")
        k.xdo("key", "alt+F4")
        time.sleep(0.3)
        check("Escape and Alt-F4 ignored", k.proc.poll() is None and k.state()["screen"] == "rating")
        k.tap("startover")

        def open_pad():
            k.xdo("mousemove", "10", "10", "mousedown", "1")
            time.sleep(5.4)
            k.xdo("mouseup", "1")
            deadline = time.time() + 5
            while time.time() < deadline and not any(i["id"] == "pin:OK" for i in k.state()["items"]):
                time.sleep(0.1)

        open_pad()
        for key in ("pin:1", "pin:3", "pin:5", "pin:7", "pin:OK"):
            k.tap(key)
        time.sleep(0.5)
        check("wrong PIN does not exit", k.proc.poll() is None)
        if any(i["id"] == "pin:cancel" for i in k.state()["items"]):
            k.tap("pin:cancel")
        k.tap("start")
        check("after the PIN pad closes, taps reach the screen again",
              k.wait_screen("rating")["screen"] == "rating")
        k.tap("startover")
        k.wait_screen("welcome")
        open_pad()
        for key in ("pin:2", "pin:4", "pin:6", "pin:8"):
            k.tap(key)
        s = k.state()
        ok = [i for i in s["items"] if i["id"] == "pin:OK"][0]
        k.xdo("mousemove", str(int(ok["x"] + ok["w"] / 2)), str(int(ok["y"] + ok["h"] / 2)), "click", "1")
        check("right PIN exits cleanly", k.proc.wait(timeout=10) == 0)
    except Exception as e:
        check("admin exit", False, repr(e))
    finally:
        if k.proc.poll() is None:
            k.proc.kill()
        k.xvfb.terminate()
        k.xvfb.wait(timeout=10)


# 2b. Double taps: the second tap of a double tap lands on the next screen, unseen; it must not
#     choose anything there (a double tap on Start chose Cymraeg, on "Good" answered question 1).
if wanted("2b"):  # part "flow"
    k = Kiosk("800x480")
    try:
        def double_tap(item_id, gap_ms=180):
            s = k.state()
            it = [i for i in s["items"] if i["id"] == item_id][0]
            cx, cy = int(it["x"] + it["w"] / 2), int(it["y"] + it["h"] / 2)
            k.xdo("mousemove", str(cx), str(cy), "click", "--repeat", "2", "--delay", str(gap_ms), "1")
            time.sleep(0.6)
            return k.state()["screen"]
        k.wait_screen("welcome")
        check("double tap on Start shows the rating screen and rates nothing",
              double_tap("start") == "rating", k.state()["screen"])
        # "Poor" sits where the next screen has "Send my answer now" at 800x480: the second tap
        # must not send an answer the person never saw
        after = double_tap("rating.4")
        check("double tap on Poor shows 'tell us more?' and sends nothing",
              after == "more" and k.outbox() == [], (after, k.outbox()))
        k.tap("more")
        k.wait_screen("respondent")
        after = double_tap("respondent.patient")
        check("double tap on A patient shows the topics, none chosen", after == "topic", after)
        after = double_tap("topic.discharge")
        check("double tap on a topic shows its question 1, unanswered", after == "question", after)
        while k.state()["screen"] == "question":
            k.tap("no")
            time.sleep(0.35)
        k.wait_screen("comment"); k.tap("next")
        k.wait_screen("review"); k.tap("send")
        k.wait_screen("thankyou")
        rows = k.outbox()
        check("double taps: every answer stored is the one tapped on purpose",
              len(rows) == 1 and rows[0]["rating"] == 4 and rows[0]["language"] == "en"
              and rows[0]["respondent"] == "patient" and rows[0]["topic"] == "discharge"
              and len(rows[0]["answers"]) > 0 and all(v == "no" for v in rows[0]["answers"].values()), rows)
    except Exception as e:
        check("double taps", False, repr(e))
    finally:
        k.close()


# 2c. A long comment at 800x480, typed on a physical keyboard: the box grows and wraps, keeps its
#     end in view, and what was typed is what is stored, byte for byte.
if wanted("2c"):  # part "flow"
    k = Kiosk("800x480")
    try:
        to_comment(k, "en", "visitor", "general", 4)
        box_before = [i for i in k.state()["items"] if i["id"] == "comment.box"][0]
        k.tab_to("comment.box")
        typed = ("Nurses were kind but the discharge letter came late, and nobody told us which "
                 "tablets to stop or when to see the GP again. The ward was clean; the car park "
                 "cost far too much for a week of visits. Please fix the letters first. At night the "
                 "machines beeped for hours and my mother could not sleep; the staff were too busy "
                 "to turn them off. Food was cold twice, but the tea trolley was a joy.")
        k.xdo("type", "--delay", "15", typed)
        deadline = time.time() + 20
        while k.comment_chars() < len(typed) and time.time() < deadline:
            time.sleep(0.1)
        s = k.state()
        if any(i["id"] == "key:done" for i in s["items"]):
            k.shot("comment-long-typing-800x480.png")
            k.tab_to("key:done")  # the keyboard had the screen: the box has it back
            time.sleep(0.3)
            s = k.state()
        box = [i for i in s["items"] if i["id"] == "comment.box"][0]
        k.shot("comment-long-800x480.png")
        check("long comment: the box grows with the text", box["h"] > box_before["h"] * 1.4,
              (box_before["h"], box["h"]))
        check("long comment: the box stays within the screen", box["y"] >= 0 and box["y"] < s["height"], box)
        k.tab_to("next")
        k.wait_screen("review"); k.tap("send")
        k.wait_screen("thankyou")
        rows = k.outbox()
        check("long comment: stored exactly as typed", len(rows) == 1 and rows[0]["comment"] == typed,
              rows[0]["comment"] if rows else rows)
    except Exception as e:
        check("long comment", False, repr(e))
    finally:
        k.close()


# 2d. The keyboard as a person meets it at 800x480, in Welsh, Polish, English and Ukrainian: after
#     a tap on the box its bottom row is wholly in view before anything is typed, a capital
#     first letter can be typed, and a key tapped right after a layer switch types what was
#     drawn there. Taps here go exactly where the last frame drew the key, without scrolling.
if wanted("2d"):  # part "flow"
    for lang, first, punct, word in (("cy", "key:n", "key:'", "key:a"), ("pl", "key:n", "key:'", "key:ą"),
                                     ("en", "key:n", "key:'", "key:a"), ("uk", "key:н", "key:7", "key:а")):
        k = Kiosk("800x480")
        try:
            def strict_tap(item_id):
                s = k.state()
                its = [i for i in s["items"] if i["id"] == item_id]
                if not its:
                    raise KeyError(f"{item_id} not on screen {s['screen']}")
                it = its[0]
                if it["y"] < 0 or it["y"] + it["h"] > s["height"]:
                    raise AssertionError(f"{item_id} is not wholly in view: {it}")
                k.xdo("mousemove", str(int(it["x"] + it["w"] / 2)), str(int(it["y"] + it["h"] / 2)), "click", "1")
                k.state(after=s["frame"])
                time.sleep(0.12)
            to_comment(k, lang)
            if not any(i["id"].startswith("key:") for i in k.state()["items"]):
                k.tap("comment.box")
            time.sleep(0.5)
            s = k.state()
            bottom = [i for i in s["items"] if i["id"] in ("key:shift", "key:layer", "key:space", "key:backspace")]
            check(f"keyboard {lang}: the bottom row is wholly in view before typing",
                  len(bottom) == 4 and all(i["y"] >= 0 and i["y"] + i["h"] <= s["height"] for i in bottom),
                  [(i["id"], i["y"], i["h"]) for i in bottom])
            strict_tap("key:shift")
            strict_tap("key:" + first[4:].upper())
            # the keyboard has scrolled the question away: it stays in sight in a band at the top
            s = k.state()
            sticky = [i for i in s["items"] if i["id"].startswith("sticky_title:")]
            check(f"keyboard {lang}: the question stays in sight while typing",
                  len(sticky) == 1 and 0 <= sticky[0]["y"] < s["height"] / 3 and len(sticky[0]["id"]) > 20,
                  [i["id"] for i in s["items"] if not i["id"].startswith("key:")])
            strict_tap("key:layer")
            strict_tap(punct)
            strict_tap("key:layer")
            strict_tap(word)
            expected = {"cy": "N'a", "pl": "N'ą", "en": "N'a", "uk": "Н7а"}[lang]
            deadline = time.time() + 3
            while k.comment_chars() < 3 and time.time() < deadline:
                time.sleep(0.05)
            k.tap("next")
            k.wait_screen("review"); k.tap("send")
            k.wait_screen("thankyou")
            rows = k.outbox()
            check(f"keyboard {lang}: a capital first letter and a key right after a layer switch are typed as drawn",
                  len(rows) == 1 and rows[0]["comment"] == expected, rows[0]["comment"] if rows else rows)
        except Exception as e:
            check(f"keyboard {lang}", False, repr(e))
        finally:
            k.close()


# 2j. A key shows the moment it is tapped, even on a busy machine: with every core kept busy,
#     letters tapped quickly each show in the first frame drawn after their tap (a letter that
#     shows late is tapped again: "Stafff"), and what was tapped is exactly what is sent.
if wanted("2j"):  # part "flow"
    frames_log = os.path.join(tempfile.mkdtemp(prefix="wv_frames_"), "frames.jsonl")
    os.environ["WARDVOICE_UI_FRAMES"] = frames_log
    hogs = []
    k = None
    try:
        k = Kiosk("800x480", interval=0)
        walk_to_comment_box(k)
        k.wait_screen("comment")
        time.sleep(0.5)
        word = "wardstaff"
        keys = {i["id"]: i for i in k.state()["items"] if i["id"].startswith("key:")}
        check("echo: the keyboard is open with every letter",
              all(f"key:{c}" in keys for c in word), sorted(keys))
        def shown_frames():
            with open(frames_log) as f:
                return [json.loads(line) for line in f if line.strip()]
        base = shown_frames()[-1]["taps_ended"]
        hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"])
                for _ in range(2 * (os.cpu_count() or 2))]
        time.sleep(0.5)
        tapped_at = []
        for c in word:
            key = keys[f"key:{c}"]
            tapped_at.append(time.time() * 1000)  # before xdotool starts: an upper bound
            k.xdo("mousemove", str(int(key["x"] + key["w"] / 2)), str(int(key["y"] + key["h"] / 2)),
                  "click", "1")
            time.sleep(0.08)  # a quick typist: about twelve taps a second
        deadline = time.time() + 20
        while k.comment_chars() < len(word) and time.time() < deadline:
            time.sleep(0.05)
        frames = shown_frames()
        late, latencies = [], []
        for n in range(1, len(word) + 1):
            first = next((f for f in frames if f["taps_ended"] >= base + n), None)
            if first is None or first["comment_chars"] < n:
                late.append((n, first))
            shown = next((f for f in frames if f["comment_chars"] >= n), None)
            if shown:
                latencies.append(shown["t_ms"] - tapped_at[n - 1])
        check(f"echo under load: each of {len(word)} letters shows in the first frame drawn after its tap",
              not late and len(latencies) == len(word), late)
        check("echo under load: never more letters shown than taps made",
              all(f["comment_chars"] <= max(0, f["taps_ended"] - base) for f in frames if f["taps_ended"] >= base),
              [(f["taps_ended"] - base, f["comment_chars"]) for f in frames][-20:])
        for h in hogs:
            h.kill()
        hogs = []
        latencies.sort()
        if latencies:
            print(f"info echo under load ({len(word)} taps, {2 * (os.cpu_count() or 2)} busy processes): "
                  f"tap (xdotool started) to letter on screen median {latencies[len(latencies) // 2]:.0f} ms, "
                  f"max {latencies[-1]:.0f} ms", flush=True)
        k.tap("next")
        k.wait_screen("review")
        k.tap("send")
        k.wait_screen("thankyou")
        rows = k.outbox()
        check("echo under load: the comment sent is exactly the letters tapped",
              len(rows) == 1 and rows[0].get("comment") == word, rows)
    except Exception as e:
        check("echo under load", False, repr(e))
    finally:
        for h in hogs:
            h.kill()
        os.environ.pop("WARDVOICE_UI_FRAMES", None)
        if k:
            k.close()


# 3a. Switch access: Tab and Return only. Each new screen must start with the focus on its own
#     first control, and Shift+Tab must go backwards round the ring.
if wanted("3a"):  # part "flow"
    k = Kiosk("800x480")
    try:
        first = {"welcome": "start", "rating": "rating.1", "more": "more", "respondent": "respondent.patient",
                 "topic": "topic.discharge", "review": "send"}
        k.wait_screen("welcome")
        check("switch: welcome starts focused on Start", k.focused() == "start", k.focused())
        k.xdo("key", "shift+Tab")
        deadline = time.time() + 2
        while k.focused() == "start" and time.time() < deadline:
            time.sleep(0.02)
        check("switch: Shift+Tab from the first control goes round to the last (high contrast)",
              k.focused() == "contrast", k.focused())
        k.tab_to("pl")
        for screen, item in (("rating", "rating.2"), ("more", "more"), ("respondent", "respondent.carer"),
                             ("topic", "topic.infection_control")):
            k.wait_screen(screen)
            check(f"switch: {screen} starts focused on its first control", k.focused() == first[screen],
                  k.focused())
            k.tab_to(item)
        while k.state()["screen"] == "question":
            k.tab_to("yes")
        k.wait_screen("comment")
        k.tab_to("chip.1")
        k.tab_to("comment.box")  # Return on the box opens the keyboard on this short screen
        k.tab_to(next(i["id"] for i in k.state()["items"] if i["id"].startswith("key:")))
        s = k.state()
        key = [i for i in s["items"] if i["id"] == k.focused()][0]
        check("switch: the key reached by Tab is scrolled into view at 800x480",
              key["y"] >= 0 and key["y"] + key["h"] <= s["height"], key)
        k.tab_to("next")
        k.wait_screen("review")
        check("switch: review starts focused on Send", k.focused() == first["review"], k.focused())
        k.tab_to("send")
        k.wait_screen("thankyou")
        rows = k.outbox()
        check("switch only: a full submission", len(rows) == 1 and rows[0]["respondent"] == "carer"
              and rows[0]["topic"] == "infection_control" and rows[0]["rating"] == 2
              and rows[0]["language"] == "pl" and rows[0]["comment"] != "", rows)
    except Exception as e:
        check("switch only", False, repr(e))
    finally:
        k.close()


# 3. The whole flow by keyboard alone.
if wanted("3"):  # part "flow"
    k = Kiosk("1280x800")
    try:
        for screen, item in (("welcome", "cy"), ("rating", "rating.4"), ("more", "more"),
                             ("respondent", "respondent.visitor"), ("topic", "topic.visiting_hours")):
            k.wait_screen(screen)
            k.key_to(item)
        while k.state()["screen"] == "question":
            k.key_to("no")
        k.wait_screen("comment")
        k.key_to("chip.2")
        k.key_to("next")
        k.wait_screen("review")
        k.key_to("send")
        k.wait_screen("thankyou")
        rows = k.outbox()
        check("keyboard only: a full submission", len(rows) == 1 and rows[0]["respondent"] == "visitor"
              and rows[0]["topic"] == "visiting_hours" and rows[0]["rating"] == 4 and rows[0]["language"] == "cy"
              and all(v == "no" for v in rows[0]["answers"].values()) and len(rows[0]["answers"]) == 2, rows)
    except Exception as e:
        check("keyboard only", False, repr(e))
    finally:
        k.close()


# 4. A comment that would raise a safeguarding alert: the review screen says where to get help
#    now (built-in words, or the ward's own from [help_now]) and Send still sends it.
if wanted("4"):  # part "flow"
    for size, lang, words, own in (("800x480", "en", "I want to end my life", None),
                                   ("1280x800", "pl", "Chce umrzec", "Prosze porozmawiac z siostra oddzialowa")):
        extra = f'[help_now]\n{lang} = "{own}"\n' if own else ""
        k = Kiosk(size, interval=0, extra=extra)
        try:
            to_comment(k, lang, topic="general", rating=5)
            if not any(i["id"].startswith("key:") for i in k.state()["items"]):
                k.tap("comment.box")
            k.xdo("type", "--delay", "40", words)
            deadline = time.time() + 5
            while k.comment_chars() < len(words) and time.time() < deadline:
                time.sleep(0.05)
            k.tap("next")
            s = k.wait_screen("review")
            box = [i for i in s["items"] if i["id"] == "help_now"]
            send = [i for i in s["items"] if i["id"] == "send"]
            check(f"{size} {lang}: the review screen shows where to get help now", bool(box), [i["id"] for i in s["items"]])
            check(f"{size} {lang}: the help box and Send are both in view",
                  bool(box) and bool(send) and all(i["y"] >= 0 and i["y"] + i["h"] <= s["height"] for i in box + send),
                  (box, send))
            k.shot(f"help-now-{lang}-{size}.png")
            k.tap("send")
            k.wait_screen("thankyou")
            rows = k.outbox()
            check(f"{size} {lang}: the comment is sent as typed", len(rows) == 1 and rows[0]["comment"] == words, rows)
            k.tap("done")
            to_comment(k, lang, topic="general", rating=1)
            if not any(i["id"].startswith("key:") for i in k.state()["items"]):
                k.tap("comment.box")
            k.xdo("type", "--delay", "40", "Lovely staff 07700 900123")
            time.sleep(0.8)
            k.tap("next")
            s = k.wait_screen("review")
            check(f"{size} {lang}: an ordinary comment shows no help box",
                  not any(i["id"] == "help_now" for i in s["items"]))
            shown = [i["id"] for i in s["items"] if i["id"].startswith("comment_shown:")]
            tag = {"en": "[phone number]", "pl": "[numer telefonu]"}[lang]
            check(f"{size} {lang}: the review hides the phone number, and says so in the person's language",
                  len(shown) == 1 and tag in shown[0] and "900123" not in shown[0], shown)
        except Exception as e:
            check(f"help now {size} {lang}", False, repr(e))
        finally:
            k.close()


# 2g. Read aloud (espeak-ng, to ALSA's null device here): the speaker button reads the screen
#     from its top in the person's language, each new screen interrupts the last, the control
#     the focus moves to is read, and it ends with the person. Without a device, no button.
if wanted("2g"):  # part "formats"
    k = Kiosk("800x480", extra='speech_device = "null"\n')
    try:
        s = k.wait_screen("welcome")
        check("read aloud: a speaker button with a sound device", any(i["id"] == "speak" for i in s["items"]))
        k.tap("speak")
        time.sleep(0.8)
        s = k.state()
        check("read aloud: the welcome screen is read, and sound reaches the device",
              s["read_aloud"] and "Tell us how we are doing" in s["speech_text"] and s["speech_samples"] > 10000,
              (s["read_aloud"], s["speech_text"][:80], s["speech_samples"]))
        k.tap("cy")
        s = k.wait_screen("rating")
        time.sleep(0.8)
        s = k.state()
        check("read aloud: a new screen is read in the person's language, question and answers",
              s["speech_text"].startswith("Yn gyffredinol") and "Da iawn" in s["speech_text"]
              and "Ddim yn gwybod" in s["speech_text"], s["speech_text"])
        before = s["speech_samples"]
        k.xdo("key", "Tab")
        time.sleep(0.6)
        s = k.state()
        focused = [i["id"] for i in s["items"] if i["focused"]]
        check("read aloud: the control the focus moves to is read",
              focused == ["rating.2"] and s["speech_text"] == "Da" and s["speech_samples"] > before,
              (focused, s["speech_text"]))
        # the keyboard's keys too, as the focus reaches each: a letter, then Shift in words
        k.tap("rating.2")
        k.wait_screen("more"); k.tap("more")
        k.wait_screen("respondent"); k.tap("respondent.patient")
        k.wait_screen("topic"); k.tap("topic.general")
        while k.state()["screen"] == "question":
            k.tap("skip")
        k.wait_screen("comment")
        k.tap("comment.box")
        time.sleep(0.5)
        heard = {}
        for _ in range(40):
            k.xdo("key", "Tab")
            time.sleep(0.35)
            s = k.state()
            focused = [i["id"] for i in s["items"] if i["focused"]]
            if focused and focused[0] in ("key:w", "key:shift"):
                heard[focused[0]] = s["speech_text"]
            if len(heard) == 2:
                break
        check("read aloud: each key is read as the focus reaches it, in Welsh",
              heard == {"key:w": "w", "key:shift": "Priflythyren"}, heard)
        k.tap("startover")
        time.sleep(0.4)
        k.tap("startover.yes")  # a rating was chosen: it asks first
        s = k.wait_screen("welcome")
        time.sleep(0.3)
        check("read aloud: the next person starts without it", not k.state()["read_aloud"])
    except Exception as e:
        check("read aloud", False, repr(e))
    finally:
        k.close()
    k = Kiosk("800x480", extra='speech_device = "none"\n')
    try:
        s = k.wait_screen("welcome")
        check("read aloud: no sound device, no speaker button", not any(i["id"] == "speak" for i in s["items"]))
    except Exception as e:
        check("read aloud off", False, repr(e))
    finally:
        k.close()


# 2h. The children's version (audience = "children"): faces and simple words, the same six FFT
#     answers in the return. Read aloud says the words the screen shows.
if wanted("2h"):  # part "formats"
    k = Kiosk("800x480", interval=0, extra='audience = "children"\nspeech_device = "null"\n')
    try:
        k.wait_screen("welcome")
        k.tap("speak")
        time.sleep(0.6)
        said = k.state()["speech_text"]
        check("children: the welcome screen in a child's words", said.startswith("Tell us about your time here"), said)
        k.tap("pl")
        k.wait_screen("rating")
        time.sleep(0.6)
        said = k.state()["speech_text"]
        check("children: 'How was your time on the ward?' with simple answers, in Polish",
              said.startswith("Jak ci było na oddziale?") and "Super" in said and "Tak sobie" in said, said)
        k.shot("ui-children-rating-pl-800x480.png")
        s = k.state()
        check("children: every target on the faces is 12 mm with 2 mm between",
              not target_problems(s), target_problems(s))
        k.tap("rating.1")
        k.wait_screen("more"); k.tap("send")
        k.wait_screen("thankyou")
        rows = k.outbox()
        check("children: 'Super' is returned as the FFT's very good (1)",
              len(rows) == 1 and rows[0]["rating"] == 1 and rows[0]["language"] == "pl", rows)
    except Exception as e:
        check("children", False, repr(e))
    finally:
        k.close()


# 2i. Easy read: a toggle on the welcome screen (and easy_read in kiosk.toml for every person):
#     short plain sentences, a picture with every choice; it ends with the person.
if wanted("2i"):  # part "formats"
    k = Kiosk("800x480", interval=0, extra='speech_device = "null"\n')
    try:
        k.wait_screen("welcome")
        k.tap("easy")
        k.tap("speak")
        check("easy read: turned on for this person", k.state()["easy_read"] is True)
        k.tap("uk")
        k.wait_screen("rating")
        time.sleep(0.6)
        said = k.state()["speech_text"]
        check("easy read: the FFT question in plain words, in Ukrainian", said.startswith("Тут було добре чи погано?"), said)
        k.tap("rating.4")
        k.wait_screen("more"); k.tap("more")
        s = k.wait_screen("respondent")
        pictured = sorted(i["id"][5:] for i in s["items"] if i["id"].startswith("icon:"))
        check("easy read: a picture with every choice of who is answering",
              pictured == sorted(["respondent.patient", "respondent.visitor", "respondent.carer",
                                  "respondent.other", "respondent.helping"]), pictured)
        k.shot("ui-easy-read-respondent-uk-800x480.png")
        check("easy read: every target on who is answering is 12 mm with 2 mm between",
              not target_problems(s), target_problems(s))
        k.tap("respondent.patient")
        s = k.wait_screen("topic")
        check("easy read: and with every topic", len([i for i in s["items"] if i["id"].startswith("icon:topic.")]) == 4)
        k.shot("ui-easy-read-topic-uk-800x480.png")
        check("easy read: every target on the topics is 12 mm with 2 mm between",
              not target_problems(s), target_problems(s))
        k.tap("topic.infection_control")
        s = k.wait_screen("question")
        check("easy read: yes and no have a tick and a cross",
              {"icon:yes", "icon:no"} <= {i["id"] for i in s["items"]}, [i["id"] for i in s["items"]])
        # a whole submission in easy read, read aloud on: every question, then the comment
        while k.state()["screen"] == "question":
            k.tap("yes")
            time.sleep(0.4)
        k.wait_screen("comment")
        k.tap("comment.box")
        time.sleep(0.4)
        for key in ("key:о", "key:к"):  # Cyrillic
            k.tap(key)
        k.tap("next")
        s = k.wait_screen("review")
        check("easy read: the review in plain words", k.state()["speech_text"].startswith("Усе правильно?"),
              k.state()["speech_text"][:60])
        k.tap("send")
        k.wait_screen("thankyou")
        rows = k.outbox()
        check("easy read: sent as chosen, the plain words mapped to the FFT's",
              len(rows) == 1 and rows[0]["rating"] == 4 and rows[0]["respondent"] == "patient"
              and rows[0]["topic"] == "infection_control" and rows[0]["comment"] == "ок"
              and rows[0]["language"] == "uk"
              and set(rows[0]["answers"].values()) == {"yes"}, rows)
        k.tap("done")
        k.wait_screen("welcome")
        time.sleep(0.3)
        s = k.state()
        check("easy read: the next person starts without it (and without read aloud)",
              s["easy_read"] is False and s["read_aloud"] is False, (s["easy_read"], s["read_aloud"]))
    except Exception as e:
        check("easy read", False, repr(e))
    finally:
        k.close()


# 2k. Joining the panel at 800x480: each page's keyboard has the whole screen (its 12 mm keys and
#     the bars do not fit together), its Done key brings back Next, every target on every page is
#     12 mm, and what was typed is sealed: the name is nowhere in the outbox's files.
if wanted("2k"):  # part "formats"
    import base64
    key = base64.b64encode(bytes(range(1, 33))).decode()
    k = Kiosk("800x480", interval=0, extra=f'panel_public_key = "{key}"\n')
    try:
        def type_keys(text):
            for c in text:
                if c == " ":
                    k.tap("key:space")
                elif c.isupper():
                    k.tap("key:shift"); k.tap("key:" + c)
                elif c == "@":
                    k.tap("key:layer"); k.tap("key:@"); k.tap("key:layer")
                else:
                    k.tap("key:" + c)
        k.wait_screen("welcome"); k.tap("en")
        k.wait_screen("rating"); k.tap("rating.1")
        k.wait_screen("more"); k.tap("send")
        k.wait_screen("thankyou"); k.tap("join")
        s = k.wait_screen("join_consent")
        check("join: every target on the consent page is 12 mm with 2 mm between",
              not target_problems(s), target_problems(s))
        k.tap("join.agree")
        typed = ["Ann Smithson", "ann@example.org", "mornings"]
        for page, text in enumerate(typed):
            s = k.wait_screen("join_details")
            time.sleep(0.4)
            s = k.state()
            k.shot(f"join-{page + 1}-800x480.png")
            check(f"join page {page + 1}: the keyboard has the whole screen, with Done",
                  any(i["id"] == "key:done" for i in s["items"])
                  and not any(i["id"] in ("next", "back", "large") for i in s["items"]),
                  [i["id"] for i in s["items"] if not i["id"].startswith("key:")])
            check(f"join page {page + 1}: every target is 12 mm with 2 mm between",
                  not target_problems(s), target_problems(s))
            type_keys(text)
            k.tap("join.send" if page == 2 else "next")  # Done first: tap() does as a person would
        s = k.wait_screen("thankyou")
        check("join: thanked for offering to join", s["screen"] == "thankyou")
        db = sqlite3.connect(os.path.join(k.work, "data", "outbox.db"))
        sealed = db.execute("SELECT count(*) FROM panel_outbox").fetchone()[0]
        db.close()
        files = [os.path.join(k.work, "data", f) for f in os.listdir(os.path.join(k.work, "data"))
                 if f.startswith("outbox.db")]
        leaked = [f for f in files if any(t.encode() in open(f, "rb").read() for t in typed[:2])]
        check("join: one sealed record, and no name or address in the outbox's files",
              sealed == 1 and not leaked, (sealed, leaked))
    except Exception as e:
        check("join at 800x480", False, repr(e))
    finally:
        k.close()


# 2f. Start over asks first once something is chosen ("No" keeps it all), and sits at the other
#     end of the bar from the button that goes on.
if wanted("2f"):  # part "formats"
    k = Kiosk("800x480", interval=0)
    try:
        k.wait_screen("welcome"); k.tap("cy")
        k.wait_screen("rating"); k.tap("rating.2")
        k.wait_screen("more"); k.tap("more")
        s = k.wait_screen("respondent")
        bar = {i["id"]: i for i in s["items"] if i["id"] in ("startover", "back", "skip")}
        check("start over: Back stands between Start over and Skip",
              len(bar) == 3 and bar["startover"]["x"] < bar["back"]["x"] < bar["skip"]["x"], bar)
        k.tap("startover")
        time.sleep(0.4)
        s = k.state()
        ids = [i["id"] for i in s["items"]]
        check("start over: asks first, in the person's language", "startover.yes" in ids and "startover.no" in ids, ids)
        dialog = dict(s, items=[i for i in s["items"] if i["id"] in ("startover.yes", "startover.no")])
        check("start over: both answers 12 mm with 2 mm between",
              len(dialog["items"]) == 2 and not target_problems(dialog, True), target_problems(dialog, True))
        k.shot("ui-startover-cy-800x480.png")
        k.tap("startover.no")
        time.sleep(0.3)
        k.tap("respondent.carer")
        k.wait_screen("topic")
        k.tap("back")
        s = k.wait_screen("respondent")
        marked = [i["id"] for i in s["items"] if i["id"].startswith("chosen:")]
        check("back: the answer given before is marked, and only it", marked == ["chosen:respondent.carer"], marked)
        k.shot("ui-back-chosen-cy-800x480.png")
        k.tap("back")
        s = k.wait_screen("rating")
        marked = [i["id"] for i in s["items"] if i["id"].startswith("chosen:")]
        check("back: the rating given before is marked", marked == ["chosen:rating.2"], marked)
        k.tap("rating.2")
        k.wait_screen("more"); k.tap("more")
        k.wait_screen("respondent"); k.tap("respondent.carer")
        k.wait_screen("topic")
        k.tap("startover")
        time.sleep(0.4)
        k.tap("startover.yes")
        k.wait_screen("welcome")
        time.sleep(3)
        check("start over: 'Yes' clears everything and sends nothing", k.outbox() == [], k.outbox())
        k.tap("start")
        k.wait_screen("rating")
        k.tap("startover")  # nothing chosen yet: nothing to ask about
        k.wait_screen("welcome", timeout=3)
        check("start over: with nothing chosen it does not ask", k.state()["screen"] == "welcome")
    except Exception as e:
        check("start over", False, repr(e))
    finally:
        k.close()


# 2e. What one person chose for themselves ends with them: larger text and high contrast are
#     off again for the next person, and the contrast button says when it is on.
if wanted("2e"):  # part "formats"
    k = Kiosk("800x480")
    try:
        k.wait_screen("welcome")
        k.tap("large")
        k.tap("contrast")
        time.sleep(0.3)
        s = k.state()
        check("a11y: larger text and high contrast turn on", s.get("large_text") is True
              and s.get("high_contrast") is True, {x: s.get(x) for x in ("large_text", "high_contrast")})
        k.shot("a11y-on-800x480.png")
        k.tap("start")
        s = k.wait_screen("rating")
        check("a11y: they stay on for the person who chose them", s.get("large_text") is True
              and s.get("high_contrast") is True)
        k.tap("startover")
        k.wait_screen("welcome")
        time.sleep(0.3)
        s = k.state()
        check("a11y: the next person starts with standard text and colours", s.get("large_text") is False
              and s.get("high_contrast") is False, {x: s.get(x) for x in ("large_text", "high_contrast")})
    except Exception as e:
        check("a11y reset", False, repr(e))
    finally:
        k.close()


# 4b. "Help us choose": the ward's choices (from the cached config, as a kiosk restarted
# offline has them) come after the comment in the person's language, and alone from welcome.
if wanted("4b"):  # part "formats"
    work = tempfile.mkdtemp(prefix="wv_ui_")
    os.makedirs(os.path.join(work, "data"))
    with open(os.path.join(work, "data", "config-cache.json"), "w") as f:
        json.dump({"choices": [
            {"id": 41, "title": {"en": "Hand gel by every bed", "cy": "Gel dwylo wrth bob gwely"}},
            {"id": 42, "title": {"en": "Letters home on the day you leave"}}],
            "progress": [{"id": 40, "said": {"en": "Quieter nights", "cy": "Nosweithiau tawelach"},
                          "doing": {"en": "Lights dimmed at 10 pm", "cy": "Goleuadau wedi'u pylu am 10 pm"},
                          "status": "in_progress"}]}, f)
    k = Kiosk("800x480", interval=0, work=work)
    try:
        s = k.wait_screen("welcome")
        check("choose: the welcome screen offers to help choose",
              any(i["id"] == "help_choose" for i in s["items"]))
        check("choose: the welcome screen says what the ward is doing about an earlier choice",
              any(i["id"] == "progress:Quieter nights | Lights dimmed at 10 pm | in_progress" for i in s["items"]),
              [i["id"] for i in s["items"]])
        k.shot("ui-welcome-progress-800x480.png")
        to_comment(k, "cy")
        k.tap("next")
        s = k.wait_screen("choose")
        titles = [i["id"][len("choice_title:"):] for i in s["items"] if i["id"].startswith("choice_title:")]
        check("choose: the choices in Welsh, English where the ward wrote no Welsh",
              titles == ["Gel dwylo wrth bob gwely", "Letters home on the day you leave"], titles)
        cut = [i["id"] for i in s["items"] if i["id"].startswith("choice:") and (i["y"] < 0 or i["y"] + i["h"] > s["height"])]
        check("choose: every choice in view at 800x480", not cut, cut)
        k.shot("ui-choose-cy-800x480.png")
        k.tap("choice:41")
        k.wait_screen("review"); k.tap("send")
        k.wait_screen("thankyou"); k.tap("done")
        k.wait_screen("welcome"); k.tap("help_choose")
        k.wait_screen("choose"); k.tap("choice:42")
        k.wait_screen("thankyou")
        rows = k.outbox()
        check("choose: the vote travels with the submission, and alone from welcome",
              [(r.get("priority_vote"), r["language"], r["rating"]) for r in rows] == [(41, "cy", 1), (42, "en", None)],
              rows)
    except Exception as e:
        check("choose", False, repr(e))
    finally:
        k.close()


# 5. Every screen in every language, for people to look at.
if wanted("5"):  # part "languages"
    k = Kiosk("1280x800", interval=0)
    try:
        for lang in LANGS:
            full_submission(k, lang, shots=f"tour-{lang}")
            k.tap("done")
        check("tour: ten submissions, one per language", [r["language"] for r in k.outbox()] == LANGS)
    except Exception as e:
        check("tour", False, repr(e))
    finally:
        k.close()


print(f"{checks - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
