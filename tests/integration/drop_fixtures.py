"""Helpers for the file-drop tests: files and their BLAKE2b-256 (what
`b2sum -l 256` prints), folder trees, waiting for a drop's state, and the
verified chunks a receiver has recorded."""

import hashlib
import os
import sqlite3

from confab_harness import check, wait_until

MIB = 1024 * 1024
CHUNK = MIB


def b2(path):
    digest = hashlib.blake2b(digest_size=32)
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(MIB), b""):
            digest.update(block)
    return digest.hexdigest()


def write(path, data, mtime=None):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    if mtime is not None:
        os.utime(path, ns=(mtime, mtime))


def tree(root):
    """Every path under root (relative), folders with a trailing slash."""
    found = set()
    for folder, dirs, files in os.walk(root):
        rel = os.path.relpath(folder, root)
        for d in dirs:
            found.add(os.path.normpath(os.path.join(rel, d)) + "/")
        for f in files:
            found.add(os.path.normpath(os.path.join(rel, f)))
    return found


def partials(root):
    """The hidden partial files under root."""
    return sorted(p for p in tree(root) if ".confab-" in p)


def transfer_of(node, transfer_id):
    for t in node.ctl("transfers"):
        if t["id"] == transfer_id:
            return t
    return None


def wait_state(node, transfer_id, state, timeout=30):
    wait_until(lambda: (transfer_of(node, transfer_id) or {}).get("state") == state, timeout,
               f"{node.name} to see drop {transfer_id[:8]} {state}")
    return transfer_of(node, transfer_id)


def wait_transfer(node, transfer_id, timeout=60):
    result = node.ctl_raw("wait-transfer", transfer_id, "--timeout", timeout, timeout=timeout + 15)
    check(result.returncode == 0, f"{node.name}: the drop did not complete: {result!r}")
    return result.json()


def offer(sender, receiver, *paths):
    sent = sender.ctl("send-file", receiver.id, *paths)
    check(sent["direction"] == "out" and len(sent["id"]) == 32, f"send-file answered {sent}")
    wait_state(receiver, sent["id"], "offered")
    return sent["id"]


def verified_chunks(database, transfer_id):
    connection = sqlite3.connect(database, timeout=5)
    try:
        rows = connection.execute("SELECT verified FROM transfer_files WHERE transfer_id = ?",
                                  (bytes.fromhex(transfer_id),)).fetchall()
    finally:
        connection.close()
    return {i for (bits,) in rows for i in range(len(bits) * 8) if bits[i // 8] >> (i % 8) & 1}
