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

from desktop_session import (WAIT_S, run_desktop_test, start_app, start_app_on_new_profile,  # noqa: E402
                             wait_for_active_window, xdotool)
from confab_harness import check, wait_until  # noqa: E402  (on the path desktop_session set)

ALICE_NAME = "Alice Again"
SIZE = (900, 600)


def active_window_size():
    completed = xdotool("getactivewindow", "getwindowgeometry", "--shell", check_exit=False)
    fields = dict(line.split("=", 1) for line in completed.stdout.split() if "=" in line)
    return (int(fields["WIDTH"]), int(fields["HEIGHT"])) if "WIDTH" in fields else None


def main(harness, args):
    bob = harness.node("bob")
    bob.start()
    alice = harness.node("alice")
    app_args = ["--listen", "127.0.0.1:0", "--discovery", "off", "--peer", bob.address]
    _, first = start_app_on_new_profile(harness, args, alice, ALICE_NAME, app_args)
    wait_until(lambda: bob.connected_to(alice), WAIT_S, "Bob to connect to the window's node")
    main_title = f"{ALICE_NAME} — Confab"
    wait_for_active_window(lambda name: name.endswith(main_title), "the main window to have the focus")
    xdotool("key", "ctrl+f")
    xdotool("type", "--delay", "30", "bob")
    xdotool("key", "Tab")
    xdotool("key", "Return")
    xdotool("getactivewindow", "windowsize", str(SIZE[0]), str(SIZE[1]))
    wait_until(lambda: active_window_size() == SIZE, WAIT_S, f"the window to be {SIZE[0]}x{SIZE[1]}")
    xdotool("key", "ctrl+q")
    wait_until(lambda: first.poll() is not None, WAIT_S, "Ctrl+Q to end the app")
    check(first.returncode == 0, f"the app exited with {first.returncode}")
    print(f"left at {SIZE[0]}x{SIZE[1]} with Bob's conversation open; quit")

    start_app(harness, args, alice, app_args)
    wait_for_active_window(lambda name: name.endswith(main_title), "the restarted window to have the focus")
    wait_until(lambda: active_window_size() == SIZE, WAIT_S, f"the restarted window to be {SIZE[0]}x{SIZE[1]}")
    wait_until(lambda: bob.connected_to(alice), WAIT_S, "Bob to connect to the restarted node")
    xdotool("key", "ctrl+l")
    xdotool("type", "--delay", "30", "back again")
    xdotool("key", "Return")
    wait_until(lambda: any(m["direction"] == "in" and m["text"] == "back again" for m in bob.history(alice.id)),
               WAIT_S, "a line typed in the restarted window to reach Bob")
    print("restarted at the same size with Bob's conversation open")


if __name__ == "__main__":
    sys.exit(run_desktop_test(main, __doc__))
