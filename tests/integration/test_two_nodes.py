#!/usr/bin/env python3
"""Two nodes on 127.0.0.1: a message arrives in under a second, its state goes
delivered then read, and everything survives a restart of both nodes, which
find each other again from their remembered addresses."""

import json
import subprocess
import time

from confab_harness import check, run_test, wait_until

MAX_LATENCY_S = 1.0


def message_state(node, peer, message_id):
    for message in node.history(peer):
        if message["id"] == message_id:
            return message["state"]
    return None


def wait_state(node, peer, message_id, state, timeout=5):
    wait_until(
        lambda: message_state(node, peer, message_id) == state,
        timeout,
        f"{node.name}'s message {message_id} to become {state!r}",
    )


def send_and_time(harness, sender, receiver, text):
    """Sends while the receiver waits for it; returns the message as sent, as
    received, and the wall-clock seconds from send to receipt. The figure is an
    upper bound: it includes both confabctl start-ups."""
    started = time.monotonic()
    waiter = harness.start_process(
        [harness.confabctl, "--profile", receiver.profile, "--json", "wait-message",
         "--from", sender.id, "--timeout", "5"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    sent = sender.send(receiver, text)
    stdout, stderr = waiter.communicate(timeout=20)
    elapsed = time.monotonic() - started
    check(waiter.returncode == 0, f"wait-message failed ({waiter.returncode}): {stderr}")
    received = json.loads(stdout)
    return sent, received, elapsed


def main(harness):
    a = harness.node("alice").start()
    b = harness.node("bob").start(peers=[a.address])
    b.wait_connected(a)
    a.wait_connected(b)

    # 1. Latency, measured while A already waits for the message.
    sent, received, elapsed = send_and_time(harness, b, a, "hello alice")
    check(received["text"] == "hello alice", f"A received {received!r}")
    check(received["id"] == sent["id"], "A received a different message id than B sent")
    check(received["direction"] == "in" and received["peer"] == b.id, f"bad incoming view {received!r}")
    store_delay_ms = received["stored_ms"] - sent["sent_ms"]
    print(f"latency send -> wait-message returned: {elapsed * 1000:.0f} ms "
          f"(stored_ms - sent_ms: {store_delay_ms} ms)")
    check(elapsed < MAX_LATENCY_S, f"message took {elapsed:.3f} s, more than {MAX_LATENCY_S} s")
    # wait-message marked it read, and the Read receipt travels back to B.
    wait_state(b, a, sent["id"], "read")

    # 2. Delivered before it is read, read after wait-message.
    second = b.send(a, "are you there?")
    check(second["state"] in ("sent", "delivered"), f"a message to a connected peer is {second['state']!r}")
    wait_state(b, a, second["id"], "delivered")
    check(a.wait_message(b)["text"] == "are you there?", "A got the wrong second message")
    wait_state(b, a, second["id"], "read")

    # 3. Both histories survive a clean restart of both nodes.
    for node in (a, b):
        code = node.stop()
        check(code == 0, f"{node.name} exited with {code} after SIGTERM")
    # Same profiles and ports (start() checks the peer IDs stay the same); no
    # --peer this time, so both must use the remembered addresses.
    a.start()
    b.start()
    for node, peer, direction in ((a, b, "in"), (b, a, "out")):
        texts = [(m["text"], m["direction"]) for m in node.history(peer)]
        check(texts == [("hello alice", direction), ("are you there?", direction)],
              f"{node.name}'s history after the restart is {texts!r}")

    # 4. A reply from A reaches B over the re-established link.
    started = time.monotonic()
    a.wait_connected(b, timeout=15)
    print(f"link re-established {time.monotonic() - started:.2f} s after the restart")
    reply = a.send(b, "yes, back again")
    got = b.wait_message(a)
    check(got["text"] == "yes, back again" and got["id"] == reply["id"], f"B received {got!r}")
    wait_state(a, b, reply["id"], "read")

    for node in (a, b):
        check(node.stop() == 0, f"{node.name} did not exit cleanly")


if __name__ == "__main__":
    run_test(main)
