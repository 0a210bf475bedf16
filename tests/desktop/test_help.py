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

from desktop_session import (WAIT_S, active_window_name, run_desktop_test, save_screenshot,  # noqa: E402
                             start_app_on_new_profile, visible_window, wait_for_active_window, xdotool)
from confab_harness import check, wait_until  # noqa: E402  (on the path desktop_session set)

ALICE_NAME = "Alice Help"


def main(harness, args):
    bob = harness.node("bob")
    bob.start()
    alice = harness.node("alice")
    start_app_on_new_profile(harness, args, alice, ALICE_NAME,
                             ["--listen", "127.0.0.1:0", "--discovery", "off", "--peer", bob.address])
    wait_until(lambda: bob.connected_to(alice), WAIT_S, "Bob to connect to the window's node")
    main_title = f"{ALICE_NAME} — Confab"
    wait_for_active_window(lambda name: name.endswith(main_title), "the main window to have the focus")
    xdotool("key", "ctrl+f")
    xdotool("type", "--delay", "30", "bob")
    xdotool("key", "Tab")
    xdotool("key", "Return")

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

    xdotool("key", "ctrl+l")
    xdotool("type", "--delay", "30", "after the help")
    xdotool("key", "Return")
    wait_until(lambda: any(m["direction"] == "in" and m["text"] == "after the help" for m in bob.history(alice.id)),
               WAIT_S, "a line typed after the help to reach Bob")
    check((active_window_name() or "").endswith(main_title), f"the keyboard went to {active_window_name()!r}")


if __name__ == "__main__":
    sys.exit(run_desktop_test(main, __doc__))
