#!/usr/bin/env python3
"""Nothing acknowledged is ever lost: while A sends continuously, B is killed
with SIGKILL and restarted at random moments. Afterwards every message A
counts as delivered is in B's history exactly once, and B's database is
consistent, both right after a kill and after a clean stop."""

import collections
import os
import random
import sqlite3
import time

from confab_harness import check, run_test, wait_until

MIN_KILLS = 8
SETTLE_TIMEOUT_S = 30


def integrity(database_path):
    connection = sqlite3.connect(database_path, timeout=5)
    try:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        connection.close()


class ChaosLoop:
    """Sends from A without pause while B is killed and restarted on a
    random schedule. Single-threaded: each step is one send plus, when due,
    one change of B's state."""

    def __init__(self, a, b, rng):
        self.a = a
        self.b = b
        self.rng = rng
        self.sent = []
        self.kills = 0
        self.kills_while_starting = 0
        self.state = "up"
        self.due = time.monotonic() + rng.uniform(0.1, 0.8)
        self.database = os.path.join(b.profile, "confab.db")

    def run(self):
        while self.kills < MIN_KILLS or self.state != "up":
            message = self.a.send(self.b, f"kill9 message {len(self.sent)}")
            self.sent.append(message["id"])
            self.step(time.monotonic())

    def kill_b(self):
        self.b.kill()
        self.kills += 1
        # The state a crash leaves behind must already be consistent.
        result = integrity(self.database)
        check(result == "ok", f"B's database after kill -9 #{self.kills}: integrity_check says {result!r}")

    def step(self, now):
        if self.state == "up" and now >= self.due:
            self.kill_b()
            self.state = "down"
            self.due = now + self.rng.uniform(0.0, 0.4)
        elif self.state == "down" and now >= self.due:
            self.b.spawn()
            self.state = "starting"
            # Now and then, kill it again before it is even ready (start-up
            # takes a few tens of milliseconds).
            self.due = now + self.rng.uniform(0.0, 0.05) if self.rng.random() < 0.4 else float("inf")
        elif self.state == "starting":
            if self.b.poll_ready(0):
                self.state = "up"
                self.due = now + self.rng.uniform(0.1, 1.0)
            elif now >= self.due:
                self.kill_b()
                self.kills_while_starting += 1
                self.state = "down"
                self.due = now + self.rng.uniform(0.0, 0.3)


def main(harness):
    seed = int(os.environ.get("CONFAB_KILL9_SEED", time.time_ns() % 1_000_000))
    print(f"random seed {seed} (set CONFAB_KILL9_SEED to repeat)")
    a = harness.node("alice").start()
    b = harness.node("bob").start(peers=[a.address])
    b.wait_connected(a)

    loop = ChaosLoop(a, b, random.Random(seed))
    started = time.monotonic()
    loop.run()
    print(f"sent {len(loop.sent)} messages in {time.monotonic() - started:.1f} s while killing B "
          f"{loop.kills} times ({loop.kills_while_starting} of them during start-up)")

    # Settle: B is up again; every message must end up confirmed.
    def undelivered():
        return [m for m in a.history(b) if m["state"] not in ("delivered", "read")]

    settle_started = time.monotonic()
    wait_until(lambda: not undelivered(), SETTLE_TIMEOUT_S, "all of A's messages to be delivered", interval=0.25)
    print(f"all delivered {time.monotonic() - settle_started:.1f} s after the last restart")

    a_history = a.history(b)
    b_history = b.history(a)
    delivered = {m["id"] for m in a_history if m["state"] in ("delivered", "read")}
    b_ids = [m["id"] for m in b_history]
    duplicates = [i for i, n in collections.Counter(b_ids).items() if n > 1]
    duplicate_texts = [t for t, n in collections.Counter(m["text"] for m in b_history).items() if n > 1]
    print(f"A: {len(a_history)} sent, {len(delivered)} delivered; B: {len(b_history)} stored, "
          f"{len(duplicates)} duplicate ids, {len(duplicate_texts)} duplicate texts")

    check(len(a_history) == len(loop.sent), f"A stored {len(a_history)} messages, sent {len(loop.sent)}")
    missing = delivered - set(b_ids)
    check(not missing, f"{len(missing)} messages A counts as delivered are not in B's history: {sorted(missing)[:5]}")
    check(not duplicates, f"B stored some messages twice: {duplicates[:5]}")
    check(not duplicate_texts, f"B holds the same text under two ids: {duplicate_texts[:5]}")
    unknown = set(b_ids) - set(loop.sent)
    check(not unknown, f"B holds messages A never sent: {sorted(unknown)[:5]}")

    for node in (a, b):
        check(node.stop() == 0, f"{node.name} did not exit cleanly")
    for node in (a, b):
        result = integrity(os.path.join(node.profile, "confab.db"))
        check(result == "ok", f"{node.name}'s database after a clean stop: integrity_check says {result!r}")
    print("integrity_check: ok for both databases")


if __name__ == "__main__":
    run_test(main)
