#!/usr/bin/env python3
"""Messages to a peer that is offline are queued, and go out in order, and are
confirmed, once it is back on the same profile and port."""

from confab_harness import check, run_test, wait_until

TEXTS = ["first while you were away", "second while you were away", "third while you were away"]


def main(harness):
    a = harness.node("alice").start()
    b = harness.node("bob").start(peers=[a.address])
    b.wait_connected(a)
    a.wait_connected(b)

    check(a.stop() == 0, "A did not exit cleanly")
    # Until B has noticed, a send could still go to the dying link as "sent".
    b.wait_disconnected(a)

    queued = []
    for text in TEXTS:
        message = b.send(a, text)
        check(message["state"] == "queued", f"a message to an offline peer is {message['state']!r}")
        queued.append(message)
    states = [m["state"] for m in b.history(a)]
    check(states == ["queued"] * 3, f"B's history before A returns: {states!r}")

    a.start()  # same profile and port; B finds it at the remembered address
    wanted = [m["id"] for m in queued]

    def all_delivered():
        states = {m["id"]: m["state"] for m in b.history(a)}
        return all(states.get(i) == "delivered" for i in wanted)

    wait_until(all_delivered, 20, "B to see all 3 messages delivered")

    received = [a.wait_message(b) for _ in TEXTS]
    check([m["text"] for m in received] == TEXTS, f"A received {[m['text'] for m in received]!r}")
    check([m["id"] for m in received] == wanted, "A received different message ids than B queued")
    print(f"{len(received)} queued messages delivered in order")

    def all_read():
        states = {m["id"]: m["state"] for m in b.history(a)}
        return all(states.get(i) == "read" for i in wanted)

    wait_until(all_read, 10, "B to see all 3 messages read")
    for node in (a, b):
        check(node.stop() == 0, f"{node.name} did not exit cleanly")


if __name__ == "__main__":
    run_test(main)
