"""A file drop accepted from the keyboard in the desktop app on a real X
server (Xvfb) with a window manager (openbox), typed the way a user types
(xdotool):

Bob (a headless confabd) offers the window's node a file with confabctl
send-file. The user opens Bob's conversation from the keyboard (Ctrl+F,
"bob", Tab, Enter), goes back from the message box to the conversation
(Shift+Tab), to the offer's card (End) and accepts it with Enter. The file
is then in the download folder, byte for byte, and Bob's node says the
drop completed.

Every wait is for a condition (a window, a file, a node's state), with a
deadline. Needs xvfb-run, openbox and xdotool (exit code 77, skipped,
without them). --screenshot FILE.png saves the screen with the offer shown.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from desktop_session import (WAIT_S, dial_args, open_conversation, run_desktop_test,  # noqa: E402
                             save_screenshot, start_app_on_new_profile, wait_for_active_window, xdotool)
from confab_harness import check, wait_until  # noqa: E402  (on the path desktop_session set)

ALICE_NAME = "Alice Files"


def state_of(node, transfer_id):
    for transfer in node.ctl("transfers"):
        if transfer["id"] == transfer_id:
            return transfer["state"]
    return None


def main(harness, args):
    downloads = os.path.join(harness.tmp, "alice-downloads")
    os.makedirs(downloads)
    bob = harness.node("bob")
    bob.start()
    alice = harness.node("alice")
    start_app_on_new_profile(harness, args, alice, ALICE_NAME, [*dial_args(bob), "--download-dir", downloads])
    wait_until(lambda: bob.connected_to(alice), WAIT_S, "Bob to connect to the window's node")

    content = os.urandom(300 * 1024 + 7)
    source = os.path.join(harness.tmp, "minutes.pdf")
    with open(source, "wb") as out:
        out.write(content)
    sent = bob.ctl("send-file", alice.id, source)
    wait_until(lambda: state_of(alice, sent["id"]) == "offered", WAIT_S, "the offer to reach the window's node")

    main_title = f"{ALICE_NAME} — Confab"
    wait_for_active_window(lambda name: name.endswith(main_title), "the main window to have the focus")
    open_conversation("bob")
    xdotool("key", "shift+Tab")  # from the message box back to the conversation
    xdotool("key", "End")  # the newest row: the offer's card
    if args.screenshot:
        save_screenshot(args.screenshot, [], harness.tmp)
    check(state_of(alice, sent["id"]) == "offered", "the drop was accepted before the user said so")
    xdotool("key", "Return")

    received = os.path.join(downloads, "minutes.pdf")
    wait_until(lambda: state_of(alice, sent["id"]) == "completed", WAIT_S, "Enter on the card to fetch the file")
    with open(received, "rb") as arrived:
        check(arrived.read() == content, "the received file differs from the one sent")
    wait_until(lambda: state_of(bob, sent["id"]) == "completed", WAIT_S, "Bob's node to see the drop completed")
    print(f"accepted from the keyboard: {len(content)} bytes arrived in the download folder")


if __name__ == "__main__":
    sys.exit(run_desktop_test(main, __doc__))
