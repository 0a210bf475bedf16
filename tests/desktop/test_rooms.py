"""A room made and used from the keyboard in the desktop app, on a real X
server (Xvfb) with a window manager (openbox), typed the way a user types
(xdotool):

Bob and Carol are headless confabd nodes linked to the window's node (Carol
writes first, so the window's title says it lists her). The user presses Ctrl+Shift+N, types the room's name, Tab to the people, Down
into the list and Space on each of Bob and Carol, and Enter makes the room:
Bob and Carol are in it. The keyboard is
in the room's message box then, so a line typed and Enter reaches both.
Bob's answer, shown in the open room, is read: Bob sees "read by 1".

Every wait is for a condition (a window, a node's state), with a deadline.
Needs xvfb-run, openbox and xdotool (exit code 77, skipped, without them).
--screenshot FILE.png saves the screen with the room open.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from desktop_session import (WAIT_S, active_window_name, run_desktop_test, save_screenshot,  # noqa: E402
                             wait_for_active_window, window_with_bob, xdotool)
from confab_harness import check, wait_until  # noqa: E402  (on the path desktop_session set)

ALICE_NAME = "Alice Rooms"
ROOM = "Launch crew"


def room_texts(node):
    result = node.ctl_raw("room-history", ROOM)
    return [m["text"] for m in result.json()] if result.returncode == 0 else []


def main(harness, args):
    alice, bob, _ = window_with_bob(harness, args, ALICE_NAME)
    carol = harness.node("carol").start(peers=[alice.address, bob.address])
    wait_until(lambda: carol.connected_to(alice), WAIT_S, "Carol to connect to the window's node")
    main_title = f"{ALICE_NAME} — Confab"
    # Carol's unread line in the title: the window lists her (and Bob, who was first).
    carol.send(alice.id, "hello from carol")
    wait_for_active_window(lambda name: name == f"(1) {main_title}", "the window to list Carol")

    xdotool("key", "ctrl+shift+n")
    wait_for_active_window(lambda name: name.startswith("New Room"), "the New Room dialog to have the focus")
    xdotool("type", "--delay", "30", ROOM)
    xdotool("key", "Tab")  # to the people: their filter, then Down into the list
    xdotool("key", "--delay", "100", "Down", "space", "Down", "space")
    xdotool("key", "Return")
    for node in (bob, carol):
        wait_until(lambda n=node: any(r["name"] == ROOM for r in n.ctl("rooms")), WAIT_S,
                   f"{node.name} to be in the room made from the dialog")
    print("Ctrl+Shift+N, a name, two people checked with Space, Enter: the room has Bob and Carol")

    wait_for_active_window(lambda name: name.endswith(main_title), "the main window to have the focus again")
    xdotool("type", "--delay", "30", "first line in the room")
    xdotool("key", "Return")
    for node in (bob, carol):
        wait_until(lambda n=node: "first line in the room" in room_texts(n), WAIT_S,
                   f"the line typed in the room to reach {node.name}")
    print("the keyboard was in the room's message box; the line reached both")

    sent = bob.ctl("room-send", ROOM, "got it, thanks")

    def bobs_message():
        return next((m for m in bob.ctl("room-history", ROOM) if m["id"] == sent["id"]), None)

    wait_until(lambda: bobs_message()["read_by"] >= 1, WAIT_S, "Bob to see his answer read in the open room")
    print("Bob's answer, shown in the open room, was read")
    if args.screenshot:
        save_screenshot(args.screenshot, [], harness.tmp)
    check((active_window_name() or "").endswith(main_title), f"the keyboard went to {active_window_name()!r}")


if __name__ == "__main__":
    sys.exit(run_desktop_test(main, __doc__))
