#!/usr/bin/env python3
"""Rooms between real confabd processes on 127.0.0.1: a room made by one
member reaches the others, its messages reach every member with receipts
back, a member that was away catches up from a member other than the sender,
and a removed member gets nothing said after its removal."""

from confab_harness import check, run_test, wait_until

ROOM = "Field team"


def room_named(node, name=ROOM):
    for room in node.ctl("rooms"):
        if room["name"] == name:
            return room
    return None


def texts(node, room=ROOM):
    return [m["text"] for m in node.ctl("room-history", room, "--limit", 1000)]


def wait_texts(node, wanted, timeout=20):
    wait_until(lambda: all(t in texts(node) for t in wanted), timeout,
               f"{node.name} to hold {wanted!r}")


def main(harness):
    alice = harness.node("alice").start()
    bob = harness.node("bob").start(peers=[alice.address])
    carol = harness.node("carol").start(peers=[alice.address, bob.address])
    for a, b in ((alice, bob), (alice, carol), (bob, carol)):
        a.wait_connected(b)
        b.wait_connected(a)

    # A typo gets a sentence, not a room.
    typo = alice.ctl_raw("room-create", ROOM, "nobody-by-that-name")
    check(typo.returncode != 0 and "nobody-by-that-name" in typo.stderr, f"room with an unknown peer: {typo!r}")

    created = alice.ctl("room-create", ROOM, bob.id, carol.id)
    check(created["admin"] and len(created["members"]) == 3, f"created: {created!r}")
    for node in (bob, carol):
        wait_until(lambda n=node: room_named(n) is not None, 10, f"{node.name} to join the room")
        joined = room_named(node)
        check(not joined["admin"] and joined["id"] == created["id"], f"{node.name}'s room: {joined!r}")

    sent = alice.ctl("room-send", ROOM, "hello, team")
    wait_texts(bob, ["hello, team"])
    wait_texts(carol, ["hello, team"])

    def alice_message():
        return next(m for m in alice.ctl("room-history", ROOM) if m["id"] == sent["id"])

    wait_until(lambda: alice_message()["delivered_to"] == 2, 10, "alice to see her message delivered to both")
    check(bob.ctl("room-read", ROOM)["marked"] == 1, "bob marks one message read")
    wait_until(lambda: alice_message()["read_by"] == 1, 10, "alice to see bob read it")
    readers = {r["peer"]: r["state"] for r in alice_message()["receipts"]}
    check(readers == {bob.id: "read", carol.id: "delivered"}, f"receipts: {readers!r}")
    print("a message reached both members; receipts: delivered to 2, read by 1")

    # history takes a room where no peer goes by its name; a mention is marked.
    via_history = [m["text"] for m in bob.ctl("history", ROOM)]
    check(via_history == texts(bob), f"history ROOM: {via_history!r}")
    bob.ctl("room-send", ROOM, "@Alice have a look")
    wait_texts(alice, ["@Alice have a look"])
    mention = next(m for m in alice.ctl("room-history", ROOM) if m["text"] == "@Alice have a look")
    check(mention["mentions_you"], f"a mention of alice: {mention!r}")
    shown = alice.ctl_raw("history", ROOM, json_output=False).stdout
    check("@Alice have a look  (mentions you)" in shown, f"history ROOM as text: {shown!r}")
    print("history ROOM shows the room; a mention of alice is marked")

    # Carol is away while bob talks; then bob goes too, and carol catches up
    # from alice, who did not send those messages.
    check(carol.stop() == 0, "carol did not exit cleanly")
    away = [f"while carol was away {i}" for i in range(3)]
    for text in away:
        bob.ctl("room-send", ROOM, text)
    wait_texts(alice, away)
    check(bob.stop() == 0, "bob did not exit cleanly")
    carol.start()
    carol.wait_connected(alice)
    wait_texts(carol, away)
    print("carol caught up with bob's 3 messages from alice while bob was offline")

    # Alice removes carol; what follows never reaches her, and she knows she is out.
    bob.start()
    bob.wait_connected(alice)
    removed = alice.ctl("room-remove", ROOM, carol.id)
    check(carol.id not in [m["peer"] for m in removed["members"]], f"after removal: {removed!r}")
    wait_until(lambda: room_named(carol)["left"], 10, "carol to learn she was removed")
    alice.ctl("room-send", ROOM, "after carol left")
    wait_texts(bob, ["after carol left"])
    check("after carol left" not in texts(carol), "carol received a message sent after her removal")
    refused = carol.ctl_raw("room-send", ROOM, "still here?")
    check(refused.returncode != 0 and "no longer a member" in refused.stderr, f"removed member sends: {refused!r}")
    print("a removed member received nothing new and cannot send")

    for node in (alice, bob, carol):
        check(node.stop() == 0, f"{node.name} did not exit cleanly")


if __name__ == "__main__":
    run_test(main)
