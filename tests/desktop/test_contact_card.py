"""The desktop app on a real X server (Xvfb) with a window manager (openbox),
driven the way a user types (xdotool, through XTEST): contact text adds a
peer and trusts its key at once.

Carol, a headless node the window's node has never met, prints her contact
text (`confabctl contact-card`). The user opens Add Peer with Ctrl+N, pastes
it (typed here) and presses Enter: Carol is linked and listed as verified,
without a safety number being compared. Then File > My Address opens from
the keyboard (Alt+F, M) and Escape closes it, back to the main window.

Every wait is for a condition (a window, a node's state), with a deadline.
Needs xvfb-run, openbox and xdotool (exit code 77, skipped, without them).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from desktop_session import WAIT_S, run_desktop_test, wait_for_active_window, window_alone, xdotool  # noqa: E402
from confab_harness import check, wait_until  # noqa: E402  (on the path desktop_session set)

ALICE_NAME = "Alice Contact"


def carol_as_seen_by(alice, carol):
    for peer in alice.ctl("peers"):
        if peer["id"] == carol.id:
            return peer
    return None


def main(harness, args):
    carol = harness.node("carol")
    carol.start()
    card = carol.ctl("contact-card")["contact_card"]
    check(card.startswith("confab:"), f"Carol's contact text looks wrong: {card!r}")
    alice = harness.node("alice")
    window_alone(harness, args, alice, ALICE_NAME)
    main_title = f"{ALICE_NAME} — Confab"

    xdotool("key", "ctrl+n")
    wait_for_active_window(lambda name: name.startswith("Add Peer"), "the Add Peer dialog to have the focus")
    xdotool("type", "--delay", "5", card)
    xdotool("key", "Return")
    wait_for_active_window(lambda name: name.endswith(main_title), "the main window to have the focus again")

    def verified():
        peer = carol_as_seen_by(alice, carol)
        return peer is not None and peer["connected"] and peer["verified"]

    wait_until(verified, WAIT_S, "Carol to be linked and verified from her contact text")
    print("Carol, added from her contact text, is linked and verified")

    xdotool("key", "alt+f")
    xdotool("key", "m")
    wait_for_active_window(lambda name: name.startswith("My Address"), "My Address to open from the keyboard")
    xdotool("key", "Escape")
    wait_for_active_window(lambda name: name.endswith(main_title), "Escape to close My Address")
    print("File > My Address opened with Alt+F, M and closed with Escape")


if __name__ == "__main__":
    sys.exit(run_desktop_test(main, __doc__))
