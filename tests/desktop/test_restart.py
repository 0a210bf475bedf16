"""The desktop app opens where it was left, on a real X server (Xvfb) with a
window manager (openbox), driven the way a user drives it (xdotool):

The user opens Bob's conversation from the keyboard, makes the window
900 by 600 and quits with Ctrl+Q. Started again on the same profile, the
window comes back at that size with Bob's conversation open: Ctrl+L and a
line typed reach Bob without choosing him again.

Every wait is for a condition (a window, a process, a node's state), with
a deadline. Needs xvfb-run, openbox and xdotool (exit code 77, skipped,
without them).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from desktop_session import (WAIT_S, dial_args, has_received, open_conversation, run_desktop_test,  # noqa: E402
                             start_app, type_line, wait_for_active_window, window_with_bob, xdotool)
from confab_harness import check, wait_until  # noqa: E402  (on the path desktop_session set)

ALICE_NAME = "Alice Again"
SIZE = (900, 600)


def active_window_size():
    completed = xdotool("getactivewindow", "getwindowgeometry", "--shell", check_exit=False)
    fields = dict(line.split("=", 1) for line in completed.stdout.split() if "=" in line)
    return (int(fields["WIDTH"]), int(fields["HEIGHT"])) if "WIDTH" in fields else None


def main(harness, args):
    alice, bob, first = window_with_bob(harness, args, ALICE_NAME)
    main_title = f"{ALICE_NAME} — Confab"
    wait_for_active_window(lambda name: name.endswith(main_title), "the main window to have the focus")
    open_conversation("bob")
    xdotool("getactivewindow", "windowsize", str(SIZE[0]), str(SIZE[1]))
    wait_until(lambda: active_window_size() == SIZE, WAIT_S, f"the window to be {SIZE[0]}x{SIZE[1]}")
    xdotool("key", "ctrl+q")
    wait_until(lambda: first.poll() is not None, WAIT_S, "Ctrl+Q to end the app")
    check(first.returncode == 0, f"the app exited with {first.returncode}")
    print(f"left at {SIZE[0]}x{SIZE[1]} with Bob's conversation open; quit")

    start_app(harness, args, alice, dial_args(bob))
    wait_for_active_window(lambda name: name.endswith(main_title), "the restarted window to have the focus")
    wait_until(lambda: active_window_size() == SIZE, WAIT_S, f"the restarted window to be {SIZE[0]}x{SIZE[1]}")
    wait_until(lambda: bob.connected_to(alice), WAIT_S, "Bob to connect to the restarted node")
    type_line("back again")
    wait_until(lambda: has_received(bob, alice, "back again"), WAIT_S,
               "a line typed in the restarted window to reach Bob")
    print("restarted at the same size with Bob's conversation open")


if __name__ == "__main__":
    sys.exit(run_desktop_test(main, __doc__))
