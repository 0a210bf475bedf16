#!/usr/bin/env python3
"""Bad input closes exactly the offending link, is logged once, and changes
nothing else: after every attack A and B still exchange messages, and B's
link to A is never dropped."""

import re
import subprocess
import time

from confab_harness import check, run_test, wait_until

ATTACK_TIMEOUT_MS = 5000
# The victim gives up on a stalled handshake after 10 s.
SLOW_ATTACK_TIMEOUT_MS = 15000

# mode -> what A's log line must give as the reason
EXPECTED_REASONS = {
    "garbage": "not a Confab peer",
    "oversized-frame": "frame longer than the limit",
    "flip-bit": "failed authentication",
    "replay": "failed authentication",
    "impersonate": "different identity key",
    "truncated-handshake": "handshake timed out",
}


class Exchange:
    """Sends numbered messages both ways and checks that each one arrives."""

    def __init__(self, a, b):
        self.a = a
        self.b = b
        self.count = 0

    def both_ways(self, context):
        for sender, receiver in ((self.b, self.a), (self.a, self.b)):
            self.count += 1
            text = f"message {self.count} from {sender.name} ({context})"
            sender.send(receiver, text)
            got = receiver.wait_message(sender, timeout=5)
            check(got["text"] == text, f"{context}: {receiver.name} got {got['text']!r}, expected {text!r}")


def tool_address(stderr):
    """The address the tool connected from, as the victim logs it."""
    match = re.search(r"connected from (\S+)", stderr)
    check(match is not None, f"the hostile tool did not say where it connected from: {stderr!r}")
    return match.group(1)


def check_closed(mode, code, stdout, stderr):
    match = re.fullmatch(r"closed after (\d+) ms\n", stdout)
    check(code == 0 and match is not None,
          f"{mode}: the link was not closed (exit {code}, stdout {stdout!r}, stderr {stderr!r})")
    return int(match.group(1))


def check_logged_once(victim, log_offset, mode, address):
    """Exactly one 'closed:' line for the tool's link, giving the expected reason."""
    marker = f"(from {address}) closed:"

    def closed_lines():
        return [line for line in victim.log_since(log_offset).splitlines() if marker in line]

    lines = wait_until(closed_lines, 5, f"A to log why it closed the {mode} link")
    check(len(lines) == 1, f"{mode}: expected one log line for the link, got {lines!r}")
    check(EXPECTED_REASONS[mode] in lines[0], f"{mode}: log line {lines[0]!r} lacks {EXPECTED_REASONS[mode]!r}")
    return lines[0]


def check_impersonation_event(a, b):
    security = [e for e in a.events() if e["kind"] == "security"]
    matching = [e for e in security if b.id in e["detail"] and "different identity key" in e["detail"]]
    check(matching, f"A logged no security event about a different key for B; security events: {security!r}")
    print(f"  security event: {matching[-1]['detail']}")


def run_attack(harness, a, b, exchange, mode):
    log_offset = a.log_size()
    args = ["--connect", a.address, "--mode", mode, "--timeout-ms", ATTACK_TIMEOUT_MS]
    if mode == "impersonate":
        args += ["--claim-id", b.id]
    code, stdout, stderr = harness.run_hostile(*args)
    elapsed_ms = check_closed(mode, code, stdout, stderr)
    line = check_logged_once(a, log_offset, mode, tool_address(stderr))
    print(f"{mode}: closed after {elapsed_ms} ms; A logged: {line.strip()}")
    if mode == "impersonate":
        check_impersonation_event(a, b)
    exchange.both_ways(f"after {mode}")


def run_slow_attack_in_background(harness, a, exchange):
    """A stalled handshake must not hold anything up while it lasts."""
    log_offset = a.log_size()
    mode = "truncated-handshake"
    tool = harness.start_process(
        [harness.hostile, "--connect", a.address, "--mode", mode, "--timeout-ms", SLOW_ATTACK_TIMEOUT_MS],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    started = time.monotonic()
    rounds = 0
    # Keep talking for most of the victim's 10 s handshake timeout.
    while time.monotonic() - started < 6:
        exchange.both_ways(f"during {mode}")
        rounds += 1
    check(tool.poll() is None, f"{mode}: the link closed before the handshake timeout")
    stdout, stderr = tool.communicate(timeout=SLOW_ATTACK_TIMEOUT_MS / 1000 + 10)
    elapsed_ms = check_closed(mode, tool.returncode, stdout, stderr)
    line = check_logged_once(a, log_offset, mode, tool_address(stderr))
    print(f"{mode}: {rounds} exchanges while it stalled; closed after {elapsed_ms} ms; "
          f"A logged: {line.strip()}")
    check(elapsed_ms >= 9000, f"{mode}: closed after {elapsed_ms} ms, before the 10 s handshake timeout")
    exchange.both_ways(f"after {mode}")


def run_good(harness, a):
    code, stdout, stderr = harness.run_hostile("--connect", a.address, "--mode", "good",
                                               "--timeout-ms", ATTACK_TIMEOUT_MS)
    check(code == 0 and stdout == "delivered\n", f"good: exit {code}, stdout {stdout!r}, stderr {stderr!r}")
    match = re.search(r"handshake done as (\S+)", stderr)
    check(match is not None, f"good: the tool did not give its peer ID: {stderr!r}")
    got = a.wait_message(match.group(1))
    check(got["text"] == "hello from the hostile tool", f"A stored {got!r} from the tool")
    print("good: delivered, and A holds the message")


def main(harness):
    a = harness.node("alice").start()
    b = harness.node("bob").start(peers=[a.address])
    b.wait_connected(a)
    a.wait_connected(b)
    exchange = Exchange(a, b)
    exchange.both_ways("before the attacks")
    events_before = {e["seq"] for e in a.events()}

    for mode in ("garbage", "oversized-frame", "flip-bit", "replay", "impersonate"):
        run_attack(harness, a, b, exchange, mode)
    run_slow_attack_in_background(harness, a, exchange)
    run_good(harness, a)

    dropped = [e for e in a.events()
               if e["seq"] not in events_before and e["kind"] == "peer-disconnected" and e["peer"] == b.id]
    check(not dropped, f"A dropped its link to B during the attacks: {dropped!r}")
    check(a.connected_to(b) and b.connected_to(a), "A and B are no longer connected")
    print(f"{exchange.count} messages exchanged between A and B, link never dropped")
    for node in (a, b):
        check(node.stop() == 0, f"{node.name} did not exit cleanly")


if __name__ == "__main__":
    run_test(main)
