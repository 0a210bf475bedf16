#!/usr/bin/env python3
"""File drops between two confabd: a folder tree and a file arrive whole
(BLAKE2b-256 equal, as `b2sum -l 256` prints it), with empty folders and
modification times and never an executable bit; a taken name gets
"name (1)"; declines and cancels end the drop on both sides and leave no
partial file; a receiver killed with SIGKILL mid-transfer and a sender
killed the same way both resume, the receiver keeping every chunk it had
verified (at most one chunk it had written is fetched again)."""

import os
import stat

from confab_harness import check, run_test, wait_until
from drop_fixtures import CHUNK, MIB, b2, offer, transfer_of, tree, verified_chunks, wait_state, wait_transfer, write

# Senders run at this rate in the kill tests, so there is time to kill mid-transfer.
SLOW_KIB_PER_S = 4096


def check_tree_and_folder(harness, downloads):
    """Nothing the drops wrote is outside the download folder; no partial file remains."""
    partials = [p for p in tree(downloads) if ".confab-" in p]
    check(not partials, f"partial files left behind: {partials}")


def folder_and_file(harness, a, b, source, downloads):
    photos = os.path.join(source, "photos")
    big = os.urandom(5 * MIB + 12345)  # six chunks, the last one short
    files = {
        "photos/2026/beach.jpg": (big, 1_700_000_000_123_456_789),
        "photos/2026/empty.txt": (b"", 1_600_000_000_000_000_000),
        "photos/readme.md": (b"hello\n" * 1000, 1_650_000_000_000_000_000),
        "notes.txt": (b"one file on its own\n", 1_690_000_000_000_000_000),
    }
    for rel, (data, mtime) in files.items():
        write(os.path.join(source, rel), data, mtime)
    os.chmod(os.path.join(source, "photos/readme.md"), 0o755)  # must not arrive executable
    os.makedirs(os.path.join(photos, "empty folder"))
    os.utime(os.path.join(photos, "2026"), ns=(1_680_000_000_000_000_000,) * 2)

    transfer_id = offer(a, b, photos, os.path.join(source, "notes.txt"))
    offered = transfer_of(b, transfer_id)
    check(offered["files"] == 4 and offered["folders"] == 3, f"offer counts: {offered}")
    check(sorted(offered["names"]) == ["notes.txt", "photos"], f"offer names: {offered['names']}")
    check(offered["total_bytes"] == sum(len(d) for d, _ in files.values()), f"offer size: {offered}")

    accepted = b.ctl("accept", transfer_id[:10])
    check(accepted["state"] == "transferring", f"accept answered {accepted}")
    done = wait_transfer(b, transfer_id)
    wait_transfer(a, transfer_id)
    check(sorted(done["saved_as"]) == ["notes.txt", "photos"], f"saved as {done['saved_as']}")

    for rel, (data, mtime) in files.items():
        path = os.path.join(downloads, rel)
        check(os.path.isfile(path), f"{rel} did not arrive")
        check(b2(path) == b2(os.path.join(source, rel)), f"{rel} arrived different")
        check(os.stat(path).st_mtime_ns == mtime, f"{rel}: mtime {os.stat(path).st_mtime_ns}, sent {mtime}")
        mode = stat.S_IMODE(os.stat(path).st_mode)
        check(mode & 0o111 == 0, f"{rel} arrived executable ({oct(mode)})")
    check(os.path.isdir(os.path.join(downloads, "photos/empty folder")), "the empty folder did not arrive")
    check(os.stat(os.path.join(downloads, "photos/2026")).st_mtime_ns == 1_680_000_000_000_000_000,
          "photos/2026 lost its modification time")
    check_tree_and_folder(harness, downloads)
    print(f"folder drop: {len(files)} files, empty folder and mtimes arrived; b2sum equal")

    # The same file again: it never replaces the first one.
    again = offer(a, b, os.path.join(source, "notes.txt"))
    b.ctl("accept", again)
    done = wait_transfer(b, again)
    check(done["saved_as"] == ["notes (1).txt"], f"second notes.txt saved as {done['saved_as']}")
    check(done["blake2b_256"] == b2(os.path.join(source, "notes.txt")),
          f"the hash shown ({done['blake2b_256']}) is not what b2sum -l 256 gives")
    print("a taken name became 'notes (1).txt'; the hash shown matches b2sum -l 256")


def decline_and_cancel(harness, a, b, source, downloads):
    declined = offer(a, b, os.path.join(source, "notes.txt"))
    b.ctl("decline", declined)
    wait_state(a, declined, "declined")

    cancelled = offer(a, b, os.path.join(source, "notes.txt"))
    a.ctl("cancel", cancelled)
    wait_state(b, cancelled, "cancelled")
    refused = b.ctl_raw("accept", cancelled)
    check(refused.returncode == 1, f"accepting a cancelled drop: {refused!r}")
    check_tree_and_folder(harness, downloads)
    print("declined and cancelled drops ended on both sides")


def kill_receiver_mid_transfer(harness, a, b, source, downloads):
    data = os.urandom(24 * MIB)
    path = os.path.join(source, "big.bin")
    write(path, data)
    transfer_id = offer(a, b, path)
    b.ctl("accept", transfer_id)
    wait_until(lambda: transfer_of(b, transfer_id)["bytes_done"] >= 4 * MIB, 60,
               "the receiver to hold 4 MiB")
    b.kill()
    verified = verified_chunks(os.path.join(b.profile, "confab.db"), transfer_id)
    partials = [p for p in tree(downloads) if p.endswith(".part")]
    check(len(partials) == 1, f"one partial file expected after the kill, found {partials}")
    with open(os.path.join(downloads, partials[0]), "rb") as f:
        written = f.read()
    unrecorded = [i for i in range(len(data) // CHUNK)
                  if i not in verified and written[i * CHUNK:(i + 1) * CHUNK] == data[i * CHUNK:(i + 1) * CHUNK]]
    check(len(unrecorded) <= 1, f"chunks written but not recorded (fetched again): {unrecorded}")
    check(len(verified) >= 4, f"only {len(verified)} chunks were recorded before the kill")
    b.start(peers=[a.address], extra_args=["--download-dir", downloads])
    done = wait_transfer(b, transfer_id)
    check(b2(os.path.join(downloads, done["saved_as"][0])) == b2(path), "big.bin arrived different")
    print(f"receiver killed holding {len(verified)} verified chunks; {len(unrecorded)} written chunk(s) "
          f"fetched again; resumed and arrived whole")


def kill_sender_mid_transfer(harness, a, b, source, downloads):
    path = os.path.join(source, "big2.bin")
    write(path, os.urandom(24 * MIB))
    transfer_id = offer(a, b, path)
    b.ctl("accept", transfer_id)
    wait_until(lambda: transfer_of(b, transfer_id)["bytes_done"] >= 4 * MIB, 60,
               "the receiver to hold 4 MiB")
    a.kill()
    held = transfer_of(b, transfer_id)["bytes_done"]
    a.start(extra_args=["--send-rate-kib", str(SLOW_KIB_PER_S)])
    done = wait_transfer(b, transfer_id)
    check(b2(os.path.join(downloads, done["saved_as"][0])) == b2(path), "big2.bin arrived different")
    print(f"sender killed when the receiver held {held} bytes; resumed after its restart")


def main(harness):
    source = os.path.join(harness.tmp, "source")
    downloads = os.path.join(harness.tmp, "downloads")
    a = harness.node("alice").start(extra_args=["--send-rate-kib", str(SLOW_KIB_PER_S)])
    b = harness.node("bob").start(peers=[a.address], extra_args=["--download-dir", downloads])
    b.wait_connected(a)

    if not os.environ.get("ONLY_KILL"):
        folder_and_file(harness, a, b, source, downloads)
        decline_and_cancel(harness, a, b, source, downloads)
    kill_receiver_mid_transfer(harness, a, b, source, downloads)
    kill_sender_mid_transfer(harness, a, b, source, downloads)
    check_tree_and_folder(harness, downloads)
    outside = [p for p in tree(harness.tmp) if p.startswith("..")]
    check(not outside, f"something was written outside the test folder: {outside}")


if __name__ == "__main__":
    run_test(main)
