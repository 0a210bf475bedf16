#!/usr/bin/env python3
"""Managing peers from a script: rename, block, unblock and remove-peer with
confabctl, in words and in JSON, against two real confabd on 127.0.0.1. A
block keeps the peer out until it is lifted; errors are one line that says
what to do."""

import time

from confab_harness import EXIT_FAILED, EXIT_USAGE, check, run_test, wait_until


def one_line_error(result, code, context):
    check(result.returncode == code, f"{context}: expected exit {code}, got {result!r}")
    lines = result.stderr.strip().splitlines()
    check(len(lines) == 1 and result.stdout == "", f"{context}: expected one line on stderr, got {result!r}")
    return lines[0]


def text(node, *args):
    result = node.ctl_raw(*args, json_output=False)
    check(result.returncode == 0 and result.stderr == "", f"{args!r}: {result!r}")
    return result.stdout


def peer_line(node, other):
    for line in text(node, "peers").splitlines():
        if line.startswith(other.id):
            return line
    raise AssertionError(f"{node.name}'s peers do not list {other.name}")


def check_rename(a, b):
    renamed = a.ctl("rename", b.id, "The", "Builder")
    check(renamed["name"] == "The Builder" and renamed["nickname"] == "The Builder"
          and renamed["announced_name"] == "bob", f"rename --json: {renamed!r}")
    # The nickname names the peer in every command, and the list shows both names.
    check(a.ctl("history", "the builder") == [], "history by nickname")
    line = peer_line(a, b)
    check("The Builder (bob)" in line, f"peers does not show the nickname and the announced name: {line!r}")
    said = text(a, "rename", b.id, "")
    check("name they announce" in said, f"rename to \"\" says {said!r}")
    check(a.ctl("rename", b.id, "Builder")["name"] == "Builder", "rename again")
    print(f"rename: {said.strip()}")


def check_block(a, b):
    said = text(a, "block", "builder")
    check(f"confabctl unblock {b.id}" in said, f"block does not say how to undo it: {said!r}")
    b.wait_disconnected(a)
    line = peer_line(a, b)
    check(" blocked " in line, f"peers does not show the block: {line!r}")
    blocked = [p for p in a.ctl("peers") if p["id"] == b.id][0]
    check(blocked["blocked"] is True and blocked["blocked_ms"] > 0 and not blocked["connected"],
          f"peers --json: {blocked!r}")

    refused = one_line_error(a.ctl_raw("send", "builder", "hello?"), EXIT_FAILED, "send to a blocked peer")
    check(f"confabctl unblock {b.id}" in refused, f"the refusal does not say how to unblock: {refused!r}")

    # Bob writes meanwhile: nothing reaches Alice, and Bob keeps it queued.
    sent = b.send(a, "while blocked")
    time.sleep(3)  # his dialer keeps trying all the while
    check(a.history(b) == [], f"Alice stored what a blocked peer sent: {a.history(b)!r}")
    check(not a.connected_to(b), "a blocked peer got a link")

    said = text(a, "unblock", b.id[:10])
    check("Unblocked Builder" in said, f"unblock says {said!r}")
    a.wait_connected(b, timeout=15)
    wait_until(lambda: [m["id"] for m in a.history(b)] == [sent["id"]], 10,
               "Bob's queued message to arrive after the unblock")
    print(f"block: {refused}")


def check_remove(a, b):
    removed = a.ctl("remove-peer", "builder")
    check(removed == {"peer": b.id, "name": "Builder", "messages_removed": 1, "still_blocked": False},
          f"remove-peer --json: {removed!r}")
    check(a.history(b) == [], "the conversation survived remove-peer")
    # Bob is still running: he links again and is a new peer with nothing of before.
    a.wait_connected(b, timeout=15)
    again = [p for p in a.ctl("peers") if p["id"] == b.id][0]
    check(again["nickname"] == "" and again["name"] == "bob", f"after remove-peer: {again!r}")

    a.ctl("block", b.id)
    said = text(a, "remove-peer", b.id)
    check("stay blocked" in said, f"remove-peer of a blocked peer says {said!r}")
    check(peer_line(a, b).split()[1] == "blocked", "a removed blocked peer is no longer listed as blocked")
    print(f"remove-peer: {said.strip()}")


def check_errors(a):
    for args in (("rename", "nosuchpeer", "x"), ("unblock", "nosuchpeer"), ("remove-peer", "nosuchpeer"),
                 ("block", "nosuchpeer")):
        line = one_line_error(a.ctl_raw(*args), EXIT_FAILED, f"{args!r}")
        check("confabctl peers" in line, f"{args!r}: {line!r}")
    line = one_line_error(a.ctl_raw("rename", "somebody"), EXIT_USAGE, "rename without NAME")
    check("rename PEER NAME" in line, f"rename without NAME says {line!r}")
    line = one_line_error(a.ctl_raw("block", a.id), EXIT_FAILED, "block itself")
    print(f"errors: {line}")


def main(harness):
    a = harness.node("alice").start()
    b = harness.node("bob").start(peers=[a.address])
    a.wait_connected(b)
    b.wait_connected(a)
    check_rename(a, b)
    check_block(a, b)
    check_remove(a, b)
    check_errors(a)
    for node in (a, b):
        check(node.stop() == 0, f"{node.name} did not exit cleanly")


if __name__ == "__main__":
    run_test(main)
