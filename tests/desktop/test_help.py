"""The Help menu of the desktop app on a real X server (Xvfb) with a window
manager (openbox), typed the way a user types (xdotool):

F1 opens Keyboard Shortcuts with the focus; Escape closes it and gives the
keyboard back to the main window. Alt+H then A opens About Confab, whose
Close button has the focus, so Enter closes it. Ctrl+L and a line typed then
reach Bob: the keyboard is where the user left it.

Every wait is for a condition (a window, a node's state), with a deadline.
Needs xvfb-run, openbox and xdotool (exit code 77, skipped, without them).
--screenshot FILE.png saves the screen with About open.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from desktop_session import (WAIT_S, active_window_name, has_received, open_conversation,  # noqa: E402
                             run_desktop_test, save_screenshot, type_line, visible_window,
                             wait_for_active_window, window_with_bob, xdotool)
from confab_harness import check, wait_until  # noqa: E402  (on the path desktop_session set)

ALICE_NAME = "Alice Help"


def main(harness, args):
    alice, bob, _ = window_with_bob(harness, args, ALICE_NAME)
    main_title = f"{ALICE_NAME} — Confab"
    wait_for_active_window(lambda name: name.endswith(main_title), "the main window to have the focus")
    open_conversation("bob")

    xdotool("key", "F1")
    wait_for_active_window(lambda name: name.startswith("Keyboard Shortcuts"),
                           "the list of shortcuts to have the focus after F1")
    xdotool("key", "Escape")
    wait_for_active_window(lambda name: name.endswith(main_title), "the main window to have the focus again")
    print("F1 opened the shortcuts; Escape closed them")

    xdotool("key", "alt+h")
    xdotool("key", "a")
    wait_for_active_window(lambda name: name.startswith("About Confab"), "About Confab to have the focus")
    if args.screenshot:
        save_screenshot(args.screenshot, visible_window("About Confab"), harness.tmp)
    xdotool("key", "Return")
    wait_for_active_window(lambda name: name.endswith(main_title), "Enter to close About Confab")
    print("Alt+H, A opened About Confab; Enter closed it")

    type_line("after the help")
    wait_until(lambda: has_received(bob, alice, "after the help"), WAIT_S, "a line typed after the help to reach Bob")
    check((active_window_name() or "").endswith(main_title), f"the keyboard went to {active_window_name()!r}")


if __name__ == "__main__":
    sys.exit(run_desktop_test(main, __doc__))
