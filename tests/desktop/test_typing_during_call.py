"""The desktop app on a real X server (Xvfb) with a window manager (openbox),
driven the way a user types (xdotool, through XTEST):

1. A new profile started with --name offers that name in the first-run
   dialog; Enter accepts it and the node runs under it (Qt's X11 plugin must
   not take --name for itself).
2. The user opens Bob's conversation from the keyboard and types a message.
   With Space held down, Bob (a headless confabd) calls. The ringing dialog
   appears; the user lets go of Space, types the rest and presses Enter: the
   message reaches Bob and the call still rings on both sides. Ctrl+Shift+A
   then answers it.

Every wait is for a condition (a window, a node's state), with a deadline.
Needs xvfb-run, openbox and xdotool (exit code 77, skipped, without them).
--screenshot FILE.png saves the screen while the call rings (needs xwd and
xwininfo, and netpbm's xwdtopnm, pnmpaste and pnmtopng).
"""

import argparse
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "integration"))

from confab_harness import EXIT_SKIP, Harness, TestFailure, check, wait_until  # noqa: E402

WAIT_S = 20.0
INSIDE = "CONFAB_DESKTOP_INSIDE_XVFB"
ALICE_NAME = "Alice Desk"
TYPED_BEFORE = "See you at"
TYPED_AFTER = "three"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bin-dir", required=True, help="folder holding confab, confabd and confabctl")
    parser.add_argument("--screenshot", help="save the screen while the call rings to this PNG")
    return parser.parse_args()


def xdotool(*args, check_exit=True):
    completed = subprocess.run(["xdotool", *args], capture_output=True, text=True, timeout=30)
    if check_exit and completed.returncode != 0:
        raise TestFailure(f"xdotool {' '.join(args)} failed: {completed.stderr.strip()}")
    return completed


def active_window_name():
    completed = xdotool("getactivewindow", "getwindowname", check_exit=False)
    return completed.stdout.strip() if completed.returncode == 0 else None


def visible_window(title_pattern):
    completed = xdotool("search", "--onlyvisible", "--name", title_pattern, check_exit=False)
    return completed.stdout.split() if completed.returncode == 0 else []


def wait_for_active_window(predicate, what):
    def matching():
        name = active_window_name()
        return name if name is not None and predicate(name) else None

    return wait_until(matching, WAIT_S, what)


def words(text):
    return " ".join(text.split())


def call_state(node):
    calls = node.ctl("calls")
    return calls[0]["state"] if calls else None


def save_screenshot(path, windows, workdir):
    """The screen as a PNG. Xvfb's root image leaves Qt's dialogs black
    (the old ringing dialog too), so each of `windows` is grabbed on its own
    and pasted over it where it is."""
    for tool in ("xwd", "xwininfo", "xwdtopnm", "pnmpaste", "pnmtopng"):
        if shutil.which(tool) is None:
            print(f"no screenshot: {tool} is missing")
            return

    def grab(window, pnm):
        with open(pnm, "wb") as out:
            xwd = subprocess.Popen(["xwd", "-silent", *(["-id", window] if window else ["-root"])],
                                   stdout=subprocess.PIPE)
            subprocess.run(["xwdtopnm"], stdin=xwd.stdout, stdout=out, stderr=subprocess.DEVNULL, check=True)
            xwd.stdout.close()
            xwd.wait()

    screen = os.path.join(workdir, "screen.pnm")
    grab(None, screen)
    for window in windows:
        info = subprocess.run(["xwininfo", "-id", window], capture_output=True, text=True, check=True).stdout
        corner = {key: line.split(":")[1].strip() for line in info.splitlines()
                  for key in ("X", "Y") if line.strip().startswith(f"Absolute upper-left {key}:")}
        part = os.path.join(workdir, "window.pnm")
        grab(window, part)
        pasted = os.path.join(workdir, "pasted.pnm")
        with open(pasted, "wb") as out:
            subprocess.run(["pnmpaste", part, corner["X"], corner["Y"], screen], stdout=out,
                           stderr=subprocess.DEVNULL, check=True)
        os.replace(pasted, screen)
    with open(screen, "rb") as pnm, open(path, "wb") as png:
        subprocess.run(["pnmtopng"], stdin=pnm, stdout=png, stderr=subprocess.DEVNULL, check=True)
    print(f"screenshot: {path}")


def start_window_manager(harness):
    harness.start_process(["openbox", "--sm-disable"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # Once openbox manages the screen it announces its desktops (EWMH).
    def managed():
        completed = xdotool("get_num_desktops", check_exit=False)
        return completed.returncode == 0 and completed.stdout.strip() not in ("", "0")

    wait_until(managed, WAIT_S, "openbox to manage the screen")


def main(harness, args):
    start_window_manager(harness)

    bob = harness.node("bob")
    bob.start(extra_args=["--audio-out", os.path.join(harness.tmp, "bob-heard.wav")])

    # Alice: the desktop app on a new profile, given a name.
    alice = harness.node("alice")
    gui_log = open(os.path.join(harness.tmp, "alice-gui.log"), "wb")
    # The real X11 platform plugin, the same look everywhere, and a login
    # name that is not the one given.
    os.environ.update({"QT_QPA_PLATFORM": "xcb", "QT_QPA_PLATFORMTHEME": "", "USER": "desktop-tester",
                       "LANG": "en_US.UTF-8"})
    os.environ.pop("LC_ALL", None)
    harness.start_process(
        [os.path.join(args.bin_dir, "confab"), "--profile", alice.profile, "--name", ALICE_NAME,
         "--listen", "127.0.0.1:0", "--discovery", "off", "--peer", bob.address,
         "--audio-out", os.path.join(harness.tmp, "alice-heard.wav")],
        stdout=gui_log, stderr=gui_log)

    # 1. The first-run dialog, with the name given; Enter accepts it.
    wait_for_active_window(lambda name: name == "Welcome to Confab", "the first-run dialog to have the focus")
    xdotool("key", "Return")
    def answering():
        result = alice.ctl_raw("status")
        return result.json() if result.returncode == 0 else None

    status = wait_until(answering, WAIT_S, "the window's node to answer confabctl")
    alice.id = status["id"]
    check(status["name"] == ALICE_NAME,
          f"the node runs as {status['name']!r}, not as {ALICE_NAME!r} given with --name")
    print(f"first run: the node runs as {status['name']!r}")

    # 2. Bob's conversation, opened from the keyboard: Ctrl+F, "bob", Tab to
    # the list (which selects him), Enter to the message box.
    wait_until(lambda: any(peer["id"] == bob.id and peer["connected"] for peer in alice.ctl("peers")),
               WAIT_S, "the window's node to connect to Bob")
    # The app's name once, at the end: "Alice Desk — Confab".
    main_title = f"{ALICE_NAME} — Confab"
    wait_for_active_window(lambda name: name == main_title, "the main window to have the focus")
    xdotool("key", "ctrl+f")
    xdotool("type", "--delay", "30", "bob")
    xdotool("key", "Tab")
    xdotool("key", "Return")
    xdotool("type", "--delay", "30", TYPED_BEFORE)

    # Space goes down; Bob calls; the dialog appears.
    xdotool("keydown", "space")
    bob.ctl("call", alice.id)
    wait_until(lambda: call_state(alice) == "incoming", WAIT_S, "the call to ring at the window")
    dialog = wait_until(lambda: visible_window("^Incoming call"), WAIT_S, "the incoming-call dialog")
    print(f"the dialog is up (window {dialog[0]}); the active window is {active_window_name()!r}")

    # The user lets go of Space, types on and presses Enter.
    xdotool("keyup", "space")
    xdotool("type", "--delay", "30", TYPED_AFTER)
    xdotool("key", "Return")

    def sent():
        return any(message["direction"] == "in" and words(message["text"]) == f"{TYPED_BEFORE} {TYPED_AFTER}"
                   for message in bob.history(alice.id))

    wait_until(lambda: sent() or call_state(alice) != "incoming", WAIT_S,
               "the message to reach Bob or the call to stop ringing")
    check(call_state(alice) == "incoming", f"the keys typed changed the call: it is {call_state(alice)!r}")
    check(sent(), "the message did not reach Bob")
    check(call_state(bob) == "ringing", f"Bob's call is {call_state(bob)!r}, not ringing")
    active = active_window_name()
    check(active == main_title, f"the keyboard went to {active!r}")
    print(f"typed on: the message reached Bob and the call still rings; the active window is {active!r}")
    if args.screenshot:
        save_screenshot(args.screenshot, dialog, harness.tmp)

    # Answered on purpose: Ctrl+Shift+A.
    xdotool("key", "ctrl+shift+a")
    wait_until(lambda: call_state(alice) == "active", WAIT_S, "Ctrl+Shift+A to answer the call")
    print("Ctrl+Shift+A answered the call")
    bob.ctl("hangup")
    wait_until(lambda: call_state(alice) in (None, "ended"), WAIT_S, "the call to end")


def run():
    args = parse_args()
    missing = [tool for tool in ("xvfb-run", "openbox", "xdotool") if shutil.which(tool) is None]
    if missing:
        print(f"SKIPPED: missing {', '.join(missing)}")
        return EXIT_SKIP
    if os.environ.get(INSIDE) != "1":
        # Again, inside a virtual X server of its own.
        command = ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24",
                   "env", f"{INSIDE}=1", sys.executable, "-B", os.path.abspath(__file__), *sys.argv[1:]]
        return subprocess.run(command, check=False).returncode

    harness = Harness(args.bin_dir, hostile="", tools_dir=args.bin_dir)
    runtime = os.path.join(harness.tmp, "runtime")
    os.makedirs(runtime, mode=0o700)
    os.environ["XDG_RUNTIME_DIR"] = runtime
    started = time.monotonic()
    try:
        main(harness, args)
    except BaseException:  # report anything, including Ctrl-C and timeouts
        import traceback
        traceback.print_exc()
        harness.dump_logs()
        log = os.path.join(harness.tmp, "alice-gui.log") if harness.tmp else None
        if log and os.path.exists(log):
            print("----- the window's log -----", file=sys.stderr)
            with open(log, "rb") as text:
                print(text.read().decode("utf-8", errors="replace"), file=sys.stderr)
        harness.cleanup()
        return 1
    harness.cleanup()
    print(f"PASSED in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(run())
