"""The desktop app on a real X server (Xvfb) with a window manager (openbox),
driven the way a user types (xdotool, through XTEST): each conversation keeps
its own draft.

The user starts a message to Bob and, before sending it, opens Carol's
conversation from the keyboard: the message box is empty there, and what is
typed and sent reaches Carol alone, without Bob's words. Back in Bob's
conversation the unsent text is there again, the cursor at its end: the user
finishes the sentence and presses Enter, and Bob gets the whole of it.

Every wait is for a condition (a window, a node's state), with a deadline.
Needs xvfb-run, openbox and xdotool (exit code 77, skipped, without them).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from desktop_session import (WAIT_S, has_received, open_conversation, run_desktop_test,  # noqa: E402
                             wait_for_active_window, window_with_bob, xdotool)
from confab_harness import check, wait_until  # noqa: E402  (on the path desktop_session set)

ALICE_NAME = "Alice Drafts"
TO_BOB_BEGUN = "The slides are almost"
TO_BOB_ENDED = "done"
TO_CAROL = "Lunch at noon?"


def main(harness, args):
    alice, bob, _ = window_with_bob(harness, args, ALICE_NAME)
    carol = harness.node("carol").start(peers=[alice.address, bob.address])
    wait_until(lambda: carol.connected_to(alice), WAIT_S, "Carol to connect to the window's node")
    main_title = f"{ALICE_NAME} — Confab"
    wait_for_active_window(lambda name: name.endswith(main_title), "the main window to have the focus")

    open_conversation("bob")
    xdotool("type", "--delay", "30", TO_BOB_BEGUN)
    open_conversation("carol")
    xdotool("type", "--delay", "30", TO_CAROL)
    xdotool("key", "Return")
    wait_until(lambda: has_received(carol, alice, TO_CAROL), WAIT_S, "the line typed to Carol to reach her")
    print(f"Carol's conversation started empty: she got {TO_CAROL!r} alone")

    open_conversation("bob")
    xdotool("type", "--delay", "30", f" {TO_BOB_ENDED}")
    xdotool("key", "Return")
    whole = f"{TO_BOB_BEGUN} {TO_BOB_ENDED}"
    wait_until(lambda: has_received(bob, alice, whole), WAIT_S, "the finished draft to reach Bob")
    check(not any(m["direction"] == "in" and m["text"] != whole for m in bob.history(alice.id)),
          "Bob got something other than the finished draft")
    print(f"Bob's draft waited in his conversation: he got {whole!r}")


if __name__ == "__main__":
    sys.exit(run_desktop_test(main, __doc__))
