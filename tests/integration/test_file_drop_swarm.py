#!/usr/bin/env python3
"""One drop to four receivers at once (`send-file PEER PATH --to PEER ...`),
real confabd processes on 127.0.0.1, all linked with each other. The sender
sends slowly, so the receivers pass chunks on among themselves: every file
arrives whole (BLAKE2b-256 equal), most of what the receivers verified came
from each other (bytes_from_others), and the sender shows each drop
completed. A receiver that is killed with SIGKILL mid-drop and started again
in a second drop still completes, and the others complete without it."""

import os

from confab_harness import check, run_test, wait_until
from drop_fixtures import MIB, b2, transfer_of, wait_state, wait_transfer, write

RECEIVERS = 4
# The sender's rate for each drop: slow enough that chunks reach the other
# receivers from each other long before the sender would get to them.
SENDER_KIB_PER_S = 2048
FILE_MIB = 32
WAIT_S = 120


def send_to_all(sender, receivers, *paths):
    """send-file to the first receiver with --to for the others; the drop ids, in receiver order."""
    extra = []
    for receiver in receivers[1:]:
        extra += ["--to", receiver.id]
    sent = sender.ctl("send-file", receivers[0].id, *paths, *extra)
    check(isinstance(sent, list) and len(sent) == len(receivers), f"send-file answered {sent}")
    check([t["peer"] for t in sent] == [r.id for r in receivers], f"drops not in receiver order: {sent}")
    ids = [t["id"] for t in sent]
    check(len(set(ids)) == len(ids), f"two receivers share a drop id: {ids}")
    for receiver, transfer_id in zip(receivers, ids):
        wait_state(receiver, transfer_id, "offered")
    return ids


def main(harness):
    source = os.path.join(harness.tmp, "source")
    path = os.path.join(source, "big.bin")
    write(path, os.urandom(FILE_MIB * MIB + 4321))
    expected = b2(path)

    sender = harness.node("sender").start(extra_args=["--send-rate-kib", str(SENDER_KIB_PER_S)])
    receivers = []
    for index in range(RECEIVERS):
        downloads = os.path.join(harness.tmp, f"downloads{index}")
        receivers.append(harness.node(f"receiver{index}").start(
            peers=[sender.address] + [r.address for r in receivers], extra_args=["--download-dir", downloads]))
        receivers[-1].downloads = downloads
    nodes = [sender] + receivers
    for i, a in enumerate(nodes):
        for b in nodes[i + 1:]:
            a.wait_connected(b, timeout=WAIT_S)
            b.wait_connected(a, timeout=WAIT_S)

    ids = send_to_all(sender, receivers, path)
    for receiver, transfer_id in zip(receivers, ids):
        receiver.ctl("accept", transfer_id)
    total = 0
    from_others = 0
    for receiver, transfer_id in zip(receivers, ids):
        drop = wait_transfer(receiver, transfer_id, timeout=WAIT_S)
        check_arrived(receiver, drop, expected)
        total += drop["total_bytes"]
        from_others += drop["bytes_from_others"]
        print(f"{receiver.name}: {drop['bytes_from_others']} of {drop['total_bytes']} bytes from other receivers")
    # Alone, the sender would have sent every byte to every receiver: at its
    # slow rate, the receivers get most of them from each other instead.
    check(from_others * 3 > total, f"only {from_others} of {total} bytes came from other receivers")
    for transfer_id in ids:
        wait_state(sender, transfer_id, "completed", timeout=WAIT_S)
    print(f"{RECEIVERS} receivers complete, b2sum equal; {from_others} of {total} bytes passed on among them")

    # One receiver dies mid-drop and comes back: it resumes, and the rest go on.
    ids = send_to_all(sender, receivers, path)
    for receiver, transfer_id in zip(receivers, ids):
        receiver.ctl("accept", transfer_id)
    victim, victim_id = receivers[-1], ids[-1]
    wait_until(lambda: (transfer_of(victim, victim_id) or {}).get("bytes_done", 0) >= 2 * MIB, WAIT_S,
               f"{victim.name} to hold 2 MiB")
    victim.kill()
    for receiver, transfer_id in zip(receivers[:-1], ids[:-1]):
        check_arrived(receiver, wait_transfer(receiver, transfer_id, timeout=WAIT_S), expected)
    victim.start(peers=[n.address for n in nodes if n is not victim])
    check_arrived(victim, wait_transfer(victim, victim_id, timeout=WAIT_S), expected)
    for transfer_id in ids:
        wait_state(sender, transfer_id, "completed", timeout=WAIT_S)
    print(f"{victim.name} killed mid-drop: the others completed without it, and it resumed after its restart")


def check_arrived(receiver, drop, expected):
    got = os.path.join(receiver.downloads, drop["saved_as"][0])
    check(b2(got) == expected, f"{receiver.name}: {drop['saved_as'][0]} arrived different")
    check(drop["blake2b_256"] == expected, f"{receiver.name} shows the hash {drop['blake2b_256']}")


if __name__ == "__main__":
    run_test(main)
