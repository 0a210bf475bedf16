"""The desktop app on a real X server (Xvfb) with a window manager (openbox),
driven the way a user types (xdotool, through XTEST): presence and typing.

The user opens Bob's conversation and types without sending: Bob, a headless
node, sees the window's user typing, and no longer once the text is deleted.
Then, from the keyboard, File → Status → Busy (Alt+F, T, B): Bob sees the user
busy and the window's node says so to confabctl. File → Status → Available
undoes it. Bob says he is away: the window's node lists him away.

Every wait is for a condition (a window, a node's state), with a deadline.
Needs xvfb-run, openbox and xdotool (exit code 77, skipped, without them).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from desktop_session import (WAIT_S, open_conversation, run_desktop_test,  # noqa: E402
                             wait_for_active_window, window_with_bob, xdotool)
from confab_harness import check, wait_until  # noqa: E402  (on the path desktop_session set)

ALICE_NAME = "Alice Presence"
DRAFT = "I think"


def as_seen_by(node, peer):
    """`peer` as `node` lists it."""
    return next(p for p in node.ctl("peers") if p["id"] == peer.id)


def choose_status(letter):
    """File → Status → the entry whose mnemonic is `letter`, from the keyboard."""
    xdotool("key", "alt+f")
    xdotool("key", "t")
    xdotool("key", letter)


def main(harness, args):
    alice, bob, _ = window_with_bob(harness, args, ALICE_NAME)
    main_title = f"{ALICE_NAME} — Confab"
    wait_for_active_window(lambda name: name.endswith(main_title), "the main window to have the focus")

    open_conversation("bob")
    xdotool("type", "--delay", "30", DRAFT)
    wait_until(lambda: as_seen_by(bob, alice)["typing"], WAIT_S, "Bob to see the user typing")
    print("Bob sees the window's user typing")
    for _ in DRAFT:
        xdotool("key", "BackSpace")
    wait_until(lambda: not as_seen_by(bob, alice)["typing"], WAIT_S, "Bob to see the typing stop")
    print("the text deleted, Bob no longer sees typing")

    choose_status("b")
    wait_until(lambda: as_seen_by(bob, alice)["presence"] == "busy", WAIT_S, "Bob to see the user busy")
    check(alice.ctl("status")["presence"] == "busy", "the window's node does not say busy")
    print("File → Status → Busy: Bob sees the user busy")
    choose_status("a")
    wait_until(lambda: as_seen_by(bob, alice)["presence"] == "available", WAIT_S,
               "Bob to see the user available again")
    print("File → Status → Available: Bob sees the user available")

    bob.ctl("status-set", "away")
    wait_until(lambda: as_seen_by(alice, bob)["presence"] == "away", WAIT_S, "the window's node to list Bob away")
    print("Bob said he is away: the window's node lists him away")


if __name__ == "__main__":
    sys.exit(run_desktop_test(main, __doc__))
