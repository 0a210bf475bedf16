"""The desktop app on a real X server (Xvfb) with a window manager (openbox),
driven the way a user types (xdotool, through XTEST): a sent message is
corrected from the keyboard.

The user sends Bob a time, notices the mistake, presses Up in the empty
message box (the newest own message comes back into it, as in other
messengers), selects the text, types the right time and presses Enter: Bob's
copy changes and says it was edited, and no second message reaches him. The
message box then sends a new message as usual.

Every wait is for a condition (a window, a node's state), with a deadline.
Needs xvfb-run, openbox and xdotool (exit code 77, skipped, without them).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from desktop_session import (WAIT_S, has_received, open_conversation, run_desktop_test,  # noqa: E402
                             wait_for_active_window, window_with_bob, xdotool)
from confab_harness import check, wait_until  # noqa: E402  (on the path desktop_session set)

ALICE_NAME = "Alice Corrects"
WRONG = "Meet at the station at 5"
RIGHT = "Meet at the station at 6"
AFTER = "Bring an umbrella"


def incoming(bob, alice):
    return [m for m in bob.history(alice.id) if m["direction"] == "in"]


def main(harness, args):
    alice, bob, _ = window_with_bob(harness, args, ALICE_NAME)
    wait_for_active_window(lambda name: name.endswith(f"{ALICE_NAME} — Confab"),
                           "the main window to have the focus")
    open_conversation("bob")
    xdotool("type", "--delay", "30", WRONG)
    xdotool("key", "Return")
    wait_until(lambda: has_received(bob, alice, WRONG), WAIT_S, "the first message to reach Bob")

    xdotool("key", "Up")
    xdotool("key", "ctrl+a")
    xdotool("type", "--delay", "30", RIGHT)
    xdotool("key", "Return")
    wait_until(lambda: any(m["text"] == RIGHT and m["edited_ms"] is not None for m in incoming(bob, alice)),
               WAIT_S, "Bob's copy to be edited")
    print(f"Up, Ctrl+A and Enter edited Bob's copy: {RIGHT!r}, marked edited")

    xdotool("type", "--delay", "30", AFTER)
    xdotool("key", "Return")
    wait_until(lambda: has_received(bob, alice, AFTER), WAIT_S, "the next message to reach Bob")
    texts = [m["text"] for m in incoming(bob, alice)]
    check(texts == [RIGHT, AFTER], f"Bob holds {texts!r}, not the edited message and the next one")
    print(f"the message box sends as usual after the edit: Bob holds {texts!r}")


if __name__ == "__main__":
    sys.exit(run_desktop_test(main, __doc__))
