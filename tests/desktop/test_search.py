"""Searching messages in the desktop app on a real X server (Xvfb) with a
window manager (openbox), typed the way a user types (xdotool):

Bob (a headless confabd) sends an old message and, after it, more than a
page of newer ones. In the window, the user presses Ctrl+Shift+F, types
the start of a word in the old message, Down and Enter: Bob's conversation
opens, which Bob sees as his messages read. (That it opens at the old
message is checked by the offscreen GUI test, tests/gui/search_test.cpp.)
Escape twice ends the search; Ctrl+L and a line typed then reach Bob, so
the keyboard came back to the conversation and the window kept it.

Every wait is for a condition (a window, a node's state), with a deadline.
Needs xvfb-run, openbox and xdotool (exit code 77, skipped, without them).
--screenshot FILE.png saves the screen with the result open.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from desktop_session import (WAIT_S, active_window_name, has_received, run_desktop_test,  # noqa: E402
                             save_screenshot, type_line, wait_for_active_window, window_with_bob, xdotool)
from confab_harness import check, wait_until  # noqa: E402  (on the path desktop_session set)

ALICE_NAME = "Alice Search"
OLD_TEXT = "The zeppelin lands at noon"
NEWER = 260  # more than the conversation's first page of 200


def state_at_bob(bob, alice_id, text):
    return next((m["state"] for m in bob.history(alice_id) if m["text"] == text), None)


def main(harness, args):
    alice, bob, _ = window_with_bob(harness, args, ALICE_NAME)
    bob.send(alice.id, OLD_TEXT)
    for i in range(NEWER):
        bob.send(alice.id, f"later note {i}")
    newest = f"later note {NEWER - 1}"
    wait_until(lambda: state_at_bob(bob, alice.id, newest) == "delivered", WAIT_S,
               "Bob's messages to reach the window")
    check(state_at_bob(bob, alice.id, OLD_TEXT) == "delivered", "the old message was read before the search")

    # "(261) Alice Search — Confab" while Bob's messages are unread.
    main_title = f"{ALICE_NAME} — Confab"
    wait_for_active_window(lambda name: name.endswith(main_title), "the main window to have the focus")
    xdotool("key", "ctrl+shift+f")
    xdotool("type", "--delay", "30", "zepp")
    xdotool("key", "Down")
    xdotool("key", "Return")
    wait_until(lambda: state_at_bob(bob, alice.id, OLD_TEXT) == "read", WAIT_S,
               "Bob's conversation to open (and his messages to be read) after Enter on the result")
    print("Enter on the result opened Bob's conversation")
    if args.screenshot:
        save_screenshot(args.screenshot, [], harness.tmp)
    check((active_window_name() or "").endswith(main_title), f"the keyboard went to {active_window_name()!r}")

    xdotool("key", "Escape")
    xdotool("key", "Escape")
    type_line("found it")
    wait_until(lambda: has_received(bob, alice, "found it"), WAIT_S, "a line typed after the search to reach Bob")
    check((active_window_name() or "").endswith(main_title), f"the keyboard went to {active_window_name()!r}")
    print("Escape twice ended the search; what was typed then reached Bob")


if __name__ == "__main__":
    sys.exit(run_desktop_test(main, __doc__))
