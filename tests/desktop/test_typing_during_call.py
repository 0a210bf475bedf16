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

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from desktop_session import (WAIT_S, active_window_name, run_desktop_test, save_screenshot,  # noqa: E402
                             open_conversation, start_app_on_new_profile, visible_window,
                             wait_for_active_window, xdotool)
from confab_harness import check, wait_until  # noqa: E402  (on the path desktop_session set)

ALICE_NAME = "Alice Desk"
TYPED_BEFORE = "See you at"
TYPED_AFTER = "three"


def words(text):
    return " ".join(text.split())


def call_state(node):
    calls = node.ctl("calls")
    return calls[0]["state"] if calls else None


def main(harness, args):
    bob = harness.node("bob")
    bob.start(extra_args=["--audio-out", os.path.join(harness.tmp, "bob-heard.wav")])

    # Alice: the desktop app on a new profile, given a name.
    alice = harness.node("alice")
    status, _ = start_app_on_new_profile(
        harness, args, alice, ALICE_NAME,
        ["--listen", "127.0.0.1:0", "--discovery", "off", "--peer", bob.address,
         "--audio-out", os.path.join(harness.tmp, "alice-heard.wav")])
    # 1. The first-run dialog took the name given; Enter accepted it.
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
    open_conversation("bob")
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


if __name__ == "__main__":
    sys.exit(run_desktop_test(main, __doc__))
