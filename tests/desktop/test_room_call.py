"""A room's call started and left from the keyboard in the desktop app, on a
real X server (Xvfb) with a window manager (openbox), typed the way a user
types (xdotool):

Bob and Carol are headless confabd nodes with file audio, linked to the
window's node and to each other; the window's node has file audio too. The
user makes a room with both (Ctrl+Shift+N, as in test_rooms.py), which opens
it, and presses Ctrl+Shift+R (Room > Call Room): Bob and Carol ring for the
room's call. Both answer (confabctl answer): the window's node talks with
both. The room pane shows its call panel; the user presses its Leave Call
button with its key, Alt+L: the window's node leaves every link of the call,
and Bob and Carol go on talking with each other.

Every wait is for a condition (a window, a node's state), with a deadline.
Needs xvfb-run, openbox and xdotool (exit code 77, skipped, without them).
--screenshot FILE.png saves the screen while the three talk.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from desktop_session import (WAIT_S, active_window_name, dial_args, run_desktop_test,  # noqa: E402
                             save_screenshot, start_app_on_new_profile, wait_for_active_window, xdotool)
from confab_harness import check, wait_until  # noqa: E402  (on the path desktop_session set)

ALICE_NAME = "Alice Calls"
ROOM = "Stand-up"


def links(node, state=None):
    """Node's links of a room's call that have not ended (or are in `state`)."""
    found = [c for c in node.ctl("calls") if c.get("room") and c["state"] != "ended"]
    return [c for c in found if state is None or c["state"] == state]


def peers_in(node, state):
    return sorted(c["peer"] for c in links(node, state))


def audio_args(harness, node_name):
    """File audio: what the node hears goes to <tmp>/<name>-heard.wav."""
    return ["--audio-out", os.path.join(harness.tmp, f"{node_name}-heard.wav")]


def make_room_from_keyboard():
    """Ctrl+Shift+N, the room's name, Tab to the people, Space on each of the
    two listed, Enter: the room is made and opened."""
    xdotool("key", "ctrl+shift+n")
    wait_for_active_window(lambda name: name.startswith("New Room"), "the New Room dialog to have the focus")
    xdotool("type", "--delay", "30", ROOM)
    xdotool("key", "Tab")  # to the people: their filter, then Down into the list
    xdotool("key", "--delay", "100", "Down", "space", "Down", "space")
    xdotool("key", "Return")


def main(harness, args):
    bob = harness.node("bob").start(extra_args=audio_args(harness, "bob"))
    alice = harness.node("alice")
    _, app = start_app_on_new_profile(harness, args, alice, ALICE_NAME,
                                      [*dial_args(bob), *audio_args(harness, "alice")])
    wait_until(lambda: bob.connected_to(alice), WAIT_S, "Bob to connect to the window's node")
    carol = harness.node("carol").start(peers=[alice.address, bob.address], extra_args=audio_args(harness, "carol"))
    for node, other in ((carol, alice), (carol, bob)):
        wait_until(lambda n=node, o=other: n.connected_to(o), WAIT_S, f"{node.name} to connect to {other.name}")
    main_title = f"{ALICE_NAME} — Confab"
    # Carol's unread line in the title: the window lists her (and Bob, who was first).
    carol.send(alice.id, "hello from carol")
    wait_for_active_window(lambda name: name == f"(1) {main_title}", "the window to list Carol")

    make_room_from_keyboard()
    for node in (bob, carol):
        wait_until(lambda n=node: any(r["name"] == ROOM for r in n.ctl("rooms")), WAIT_S,
                   f"{node.name} to be in the room made from the dialog")
    wait_for_active_window(lambda name: name.endswith(main_title), "the main window to have the focus again")
    print("the room with Bob and Carol is made and open in the window")

    # Room > Call Room.
    xdotool("key", "ctrl+shift+r")
    for node in (bob, carol):
        wait_until(lambda n=node: any(c["peer"] == alice.id for c in links(n, "incoming")), WAIT_S,
                   f"{node.name} to ring for the room's call started with Ctrl+Shift+R")
    check(sorted(c["direction"] for c in links(alice)) == ["outgoing", "outgoing"],
          f"the window's node's links: {links(alice)}")
    print("Ctrl+Shift+R: Bob and Carol ring for the room's call")

    for node in (bob, carol):
        answered = node.ctl("answer")
        check(answered.get("room"), f"{node.name}'s answer is not of a room call: {answered}")
    everyone = {alice.id: alice, bob.id: bob, carol.id: carol}

    def mesh():
        return all(peers_in(node, "active") == sorted(i for i in everyone if i != node_id)
                   for node_id, node in everyone.items())

    wait_until(mesh, WAIT_S, "the window's node, Bob and Carol to talk with each other")
    call_ids = {c["room_call_id"] for node in everyone.values() for c in links(node)}
    check(len(call_ids) == 1, f"the links are of more than one room call: {call_ids}")
    print(f"both answered: the window's node has two active links (room call {next(iter(call_ids))[:8]})")
    if args.screenshot:
        save_screenshot(args.screenshot, [], harness.tmp)

    check(app.poll() is None, f"the desktop app exited with status {app.returncode}")
    check((active_window_name() or "").endswith(main_title), f"the keyboard went to {active_window_name()!r}")
    # The call panel's "&Leave Call" button, pressed with its mnemonic.
    xdotool("key", "alt+l")
    wait_until(lambda: not links(alice), WAIT_S, "Alt+L (Leave Call) to end the window's node's links")
    for node in (bob, carol):
        wait_until(lambda n=node: not any(c["peer"] == alice.id for c in links(n)), WAIT_S,
                   f"{node.name} to see the window's node leave")
    check(peers_in(bob, "active") == [carol.id], f"Bob's links after the window left: {links(bob)}")
    check(peers_in(carol, "active") == [bob.id], f"Carol's links after the window left: {links(carol)}")
    check({c["room_call_id"] for c in links(bob) + links(carol)} == call_ids,
          f"Bob and Carol's room call changed: {links(bob) + links(carol)}")
    print("Alt+L (Leave Call) left the call; Bob and Carol go on talking with each other")


if __name__ == "__main__":
    sys.exit(run_desktop_test(main, __doc__))
