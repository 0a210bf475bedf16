"""Files sent to a room's members from the keyboard in the desktop app, on a
real X server (Xvfb) with a window manager (openbox), typed the way a user
types (xdotool):

Bob and Carol are headless confabd nodes linked to the window's node. The
user makes a room with both (Ctrl+Shift+N, its name, Space on each, Enter),
which opens it; Ctrl+Shift+O there opens the file dialog named for the room
(not the one for a peer), the user types a file's path and presses Enter.
Bob and Carol are each offered the file in a drop of their own; once they
accept, each holds it byte for byte, and the window's node says both drops
completed.

Every wait is for a condition (a window, a file, a node's state), with a
deadline. Needs xvfb-run, openbox and xdotool (exit code 77, skipped,
without them). --screenshot FILE.png saves the screen once the offers went
out, with the status bar saying to whom.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from desktop_session import (WAIT_S, run_desktop_test, save_screenshot, wait_for_active_window,  # noqa: E402
                             window_with_bob, xdotool)
from confab_harness import check, wait_until  # noqa: E402  (on the path desktop_session set)

ALICE_NAME = "Alice Room Files"
ROOM = "Survey team"
FILE_NAME = "site-plan.pdf"


def offer_from(node, sender):
    """The drop named FILE_NAME that `sender` offered `node`, if any."""
    return next((t for t in node.ctl("transfers")
                 if t["peer"] == sender.id and t["direction"] == "in" and FILE_NAME in t["names"]), None)


def state_of(node, transfer_id):
    return next((t["state"] for t in node.ctl("transfers") if t["id"] == transfer_id), None)


def main(harness, args):
    alice, bob, _ = window_with_bob(harness, args, ALICE_NAME)
    carol = harness.node("carol").start(peers=[alice.address, bob.address])
    wait_until(lambda: carol.connected_to(alice), WAIT_S, "Carol to connect to the window's node")
    main_title = f"{ALICE_NAME} — Confab"
    # Carol writes first, so the window lists her before the dialog opens.
    carol.send(alice.id, "ready when you are")
    wait_for_active_window(lambda name: name == f"(1) {main_title}", "the window to list Carol")

    xdotool("key", "ctrl+shift+n")
    wait_for_active_window(lambda name: name.startswith("New Room"), "the New Room dialog to have the focus")
    xdotool("type", "--delay", "30", ROOM)
    xdotool("key", "Tab")
    xdotool("key", "--delay", "100", "Down", "space", "Down", "space")
    xdotool("key", "Return")
    for node in (bob, carol):
        wait_until(lambda n=node: any(r["name"] == ROOM for r in n.ctl("rooms")), WAIT_S,
                   f"{node.name} to be in the room")
    wait_for_active_window(lambda name: name.endswith(main_title), "the main window with the room open")

    content = os.urandom(200 * 1024 + 3)
    source = os.path.join(harness.tmp, FILE_NAME)
    with open(source, "wb") as out:
        out.write(content)
    xdotool("key", "ctrl+shift+o")
    wait_for_active_window(lambda name: ROOM in name, "the file dialog named for the room to have the focus")
    xdotool("type", "--delay", "20", source)
    xdotool("key", "Return")

    offers = {}
    for node in (bob, carol):
        wait_until(lambda n=node: offer_from(n, alice) is not None, WAIT_S, f"the file to be offered to {node.name}")
        offers[node.name] = offer_from(node, alice)
    print("Ctrl+Shift+O in the room, a path typed, Enter: the file was offered to Bob and Carol")
    wait_for_active_window(lambda name: name.endswith(main_title), "the main window to have the focus again")
    if args.screenshot:
        save_screenshot(args.screenshot, [], harness.tmp)

    for node in (bob, carol):
        os.makedirs(os.path.join(harness.tmp, f"{node.name}-got"))
        node.ctl("accept", offers[node.name]["id"], "--to", os.path.join(harness.tmp, f"{node.name}-got"))
    for node in (bob, carol):
        transfer_id = offers[node.name]["id"]
        wait_until(lambda n=node, i=transfer_id: state_of(n, i) == "completed", WAIT_S,
                   f"the file to reach {node.name}")
        with open(os.path.join(harness.tmp, f"{node.name}-got", FILE_NAME), "rb") as arrived:
            check(arrived.read() == content, f"the file {node.name} received differs from the one sent")
    sent = [t for t in alice.ctl("transfers") if t["direction"] == "out" and FILE_NAME in t["names"]]
    check(sorted(t["peer"] for t in sent) == sorted([bob.id, carol.id]),
          f"the window's node sent the file to {[t['peer'] for t in sent]}, not to Bob and Carol once each")
    wait_until(lambda: all(state_of(alice, t["id"]) == "completed" for t in sent), WAIT_S,
               "the window's node to see both drops completed")
    print(f"both accepted: {len(content)} bytes arrived at Bob and at Carol")


if __name__ == "__main__":
    sys.exit(run_desktop_test(main, __doc__))
