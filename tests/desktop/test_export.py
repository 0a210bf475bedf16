"""Exporting a conversation from the desktop app on a real X server (Xvfb)
with a window manager (openbox), typed the way a user types (xdotool):

Bob (a headless confabd) writes to the window's node. The user opens Bob's
conversation from the keyboard (Ctrl+F, "bob", Tab, Enter), then Peer →
Export Conversation… with Alt+P and X. The save dialog takes the focus with
a file name suggested; the user types a path of their own and Enter. The
file then holds the conversation, readable by its owner only, and the
keyboard is back in the main window: a line typed there reaches Bob.

Every wait is for a condition (a window, a file, a node's state), with a
deadline. Needs xvfb-run, openbox and xdotool (exit code 77, skipped,
without them). --screenshot FILE.png saves the screen with the dialog open.
"""

import os
import stat
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from desktop_session import (WAIT_S, active_window_name, has_received, open_conversation,  # noqa: E402
                             run_desktop_test, save_screenshot, type_line, visible_window,
                             wait_for_active_window, window_with_bob, xdotool)
from confab_harness import check, wait_until  # noqa: E402  (on the path desktop_session set)

ALICE_NAME = "Alice Export"
BOBS_LINE = "Bring the maps, please"


def main(harness, args):
    alice, bob, _ = window_with_bob(harness, args, ALICE_NAME)
    bob.send(alice.id, BOBS_LINE)
    wait_until(lambda: any(m["text"] == BOBS_LINE and m["state"] == "delivered" for m in bob.history(alice.id)),
               WAIT_S, "Bob's message to reach the window")

    main_title = f"{ALICE_NAME} — Confab"
    wait_for_active_window(lambda name: name.endswith(main_title), "the main window to have the focus")
    open_conversation("bob")

    xdotool("key", "alt+p")
    xdotool("key", "x")
    dialog_title = "Export Conversation with bob"  # the name Bob's node announces
    wait_for_active_window(lambda name: name.startswith(dialog_title), "the export dialog to have the focus")
    if args.screenshot:
        save_screenshot(args.screenshot, visible_window(dialog_title), harness.tmp)

    target = os.path.join(harness.tmp, "exported", "bob-conversation.txt")
    os.makedirs(os.path.dirname(target))
    # The file name field has the focus, the suggested name in it selected.
    xdotool("key", "ctrl+a")
    xdotool("type", "--delay", "20", target)
    xdotool("key", "Return")
    wait_until(lambda: os.path.exists(target), WAIT_S, "the conversation to be saved where the user said")
    with open(target, encoding="utf-8") as exported:
        text = exported.read()
    check(text.startswith(f"Conversation between {ALICE_NAME} and bob\n"), f"the file starts {text[:80]!r}")
    check(f"  bob: {BOBS_LINE}\n" in text, f"Bob's line is not in the file:\n{text}")
    mode = stat.S_IMODE(os.stat(target).st_mode)
    check(mode & 0o077 == 0, f"the file is readable by others: mode {mode:o}")
    print(f"saved the conversation to a file of mode {mode:o}")

    wait_for_active_window(lambda name: name.endswith(main_title), "the main window to have the focus again")
    type_line("exported it")
    wait_until(lambda: has_received(bob, alice, "exported it"), WAIT_S, "a line typed after the export to reach Bob")
    check((active_window_name() or "").endswith(main_title), f"the keyboard went to {active_window_name()!r}")
    print("after the export the keyboard was back in the conversation")


if __name__ == "__main__":
    sys.exit(run_desktop_test(main, __doc__))
