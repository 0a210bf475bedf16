"""What the desktop tests share: a virtual X server (Xvfb) with a window
manager (openbox), keys typed through XTEST (xdotool), waiting for windows,
screenshots, and the desktop app started on a node's profile.

A test's run() calls run_desktop_test(main, description), which runs the
script again inside xvfb-run, sets up the harness and reports the result.
Needs xvfb-run, openbox and xdotool (exit code 77, skipped, without them).
"""

import argparse
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "integration"))

from confab_harness import EXIT_SKIP, Harness, TestFailure, wait_until  # noqa: E402

WAIT_S = 20.0
INSIDE = "CONFAB_DESKTOP_INSIDE_XVFB"
WINDOW_MANAGER_LOG = "window-manager.log"


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
    log = open(os.path.join(harness.tmp, WINDOW_MANAGER_LOG), "ab")
    openbox = harness.start_process(["openbox", "--sm-disable"], stdout=log, stderr=log)

    # Once openbox manages the screen it announces its desktops (EWMH).
    def managed():
        if openbox.poll() is not None:
            raise TestFailure(f"openbox exited with status {openbox.returncode} (see {WINDOW_MANAGER_LOG})")
        completed = xdotool("get_num_desktops", check_exit=False)
        return completed.returncode == 0 and completed.stdout.strip() not in ("", "0")

    wait_until(managed, WAIT_S, "openbox to manage the screen")


def start_app(harness, args, node, extra_args):
    """The desktop app on `node`'s profile, with the real X11 platform plugin,
    the same look everywhere, and a login name that is not any name given.
    Its output goes to <tmp>/<node>-gui.log; returns its process."""
    os.environ.update({"QT_QPA_PLATFORM": "xcb", "QT_QPA_PLATFORMTHEME": "", "USER": "desktop-tester",
                       "LANG": "en_US.UTF-8"})
    os.environ.pop("LC_ALL", None)
    log = open(os.path.join(harness.tmp, f"{node.name}-gui.log"), "ab")
    return harness.start_process([os.path.join(args.bin_dir, "confab"), "--profile", node.profile, *extra_args],
                          stdout=log, stderr=log)


def start_app_on_new_profile(harness, args, node, name, extra_args):
    """start_app on a new profile, given `name` with --name: Enter accepts
    the first-run dialog. Returns the node's status once it answers
    confabctl (node.id is set), and the app's process."""
    process = start_app(harness, args, node, ["--name", name, *extra_args])
    wait_for_active_window(lambda title: title == "Welcome to Confab", "the first-run dialog to have the focus")
    xdotool("key", "Return")

    def answering():
        result = node.ctl_raw("status")
        return result.json() if result.returncode == 0 else None

    status = wait_until(answering, WAIT_S, "the window's node to answer confabctl")
    node.id = status["id"]
    return status, process


def window_alone(harness, args, node, name):
    """start_app_on_new_profile for `name`, with no peers and discovery
    off, once its main window has the focus; returns the app's process."""
    _, process = start_app_on_new_profile(harness, args, node, name, ["--listen", "127.0.0.1:0", "--discovery", "off"])
    wait_for_active_window(lambda title: title.endswith(f"{name} — Confab"), "the main window to have the focus")
    return process


def dial_args(peer):
    """The app's options for a test: any free port, no discovery, dialing `peer`."""
    return ["--listen", "127.0.0.1:0", "--discovery", "off", "--peer", peer.address]


def window_with_bob(harness, args, name):
    """Bob, a headless confabd, and the desktop app on a new profile called
    `name` that dials him; returns (alice, bob, the app's process) once they
    are linked."""
    bob = harness.node("bob")
    bob.start()
    alice = harness.node("alice")
    _, process = start_app_on_new_profile(harness, args, alice, name, dial_args(bob))
    wait_until(lambda: bob.connected_to(alice), WAIT_S, "Bob to connect to the window's node")
    return alice, bob, process


def open_conversation(name):
    """From the keyboard: Ctrl+F, the name, Tab to the list (which selects
    the first peer shown) and Enter to the message box."""
    xdotool("key", "ctrl+f")
    xdotool("type", "--delay", "30", name)
    xdotool("key", "Tab")
    xdotool("key", "Return")


def type_line(text):
    """Ctrl+L to the message box, the text, and Enter."""
    xdotool("key", "ctrl+l")
    xdotool("type", "--delay", "30", text)
    xdotool("key", "Return")


def has_received(node, sender, text):
    """Whether `node` holds `text` from `sender`."""
    return any(m["direction"] == "in" and m["text"] == text for m in node.history(sender.id))


def parse_args(description):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--bin-dir", required=True, help="folder holding confab, confabd and confabctl")
    parser.add_argument("--screenshot", help="save the screen at the test's main moment to this PNG")
    return parser.parse_args()


def run_desktop_test(main, description):
    """Runs main(harness, args) inside a virtual X server with a window
    manager; returns the exit code (0 passed, 1 failed, 77 skipped)."""
    args = parse_args(description)
    missing = [tool for tool in ("xvfb-run", "openbox", "xdotool") if shutil.which(tool) is None]
    if missing:
        print(f"SKIPPED: missing {', '.join(missing)}")
        return EXIT_SKIP
    if os.environ.get(INSIDE) != "1":
        # Again, inside a virtual X server of its own. -noreset: without it
        # the server resets when its last client leaves, and a client that
        # connects meanwhile (openbox while xdotool polls) is turned away.
        command = ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24 -noreset",
                   "env", f"{INSIDE}=1", sys.executable, "-B", os.path.abspath(sys.argv[0]), *sys.argv[1:]]
        return subprocess.run(command, check=False).returncode

    harness = Harness(args.bin_dir, hostile="", tools_dir=args.bin_dir)
    runtime = os.path.join(harness.tmp, "runtime")
    os.makedirs(runtime, mode=0o700)
    os.environ["XDG_RUNTIME_DIR"] = runtime
    started = time.monotonic()
    try:
        start_window_manager(harness)
        main(harness, args)
    except BaseException:  # report anything, including Ctrl-C and timeouts
        import traceback
        traceback.print_exc()
        harness.dump_logs()
        for name in sorted(os.listdir(harness.tmp)) if harness.tmp else []:
            if name.endswith("-gui.log") or name == WINDOW_MANAGER_LOG:
                print(f"----- {name} -----", file=sys.stderr)
                with open(os.path.join(harness.tmp, name), "rb") as text:
                    print(text.read().decode("utf-8", errors="replace"), file=sys.stderr)
        harness.cleanup()
        return 1
    harness.cleanup()
    print(f"PASSED in {time.monotonic() - started:.1f} s")
    return 0
