#!/usr/bin/env python3
"""confabctl and confabd from a user's and a script's point of view: exit
codes, one clear line per error, JSON for every command, profile locking and
permissions, no secret in the log, messages edited and deleted for the peer
too, reactions and replies, pictures, the default-port fallback, and an
identity backed up on one profile and restored on another."""

import hashlib
import json
import os
import select
import socket
import stat
import struct
import subprocess
import time
import zlib

from confab_harness import (
    EXIT_FAILED,
    EXIT_NO_DAEMON,
    EXIT_OK,
    EXIT_TIMEOUT,
    EXIT_USAGE,
    check,
    free_port,
    run_test,
    wait_until,
)

DEFAULT_PORT = 42042


def check_one_line_error(result, code, context):
    check(result.returncode == code, f"{context}: expected exit {code}, got {result!r}")
    lines = result.stderr.strip().splitlines()
    check(len(lines) == 1, f"{context}: expected one line on stderr, got {result.stderr!r}")
    check(result.stdout == "", f"{context}: expected nothing on stdout, got {result.stdout!r}")
    return lines[0]


def check_no_daemon(harness):
    idle = harness.node("nobody")
    os.makedirs(idle.profile)
    for json_output in (False, True):
        line = check_one_line_error(idle.ctl_raw("status", json_output=json_output), EXIT_NO_DAEMON, "no daemon")
    print(f"no daemon -> exit 3: {line}")


def check_usage_errors(node):
    cases = [
        (),
        ("frobnicate",),
        ("send", "only-a-peer"),
        ("history",),
        ("history", "somebody", "--limit", "many"),
        ("wait-message", "--timeout", "-1"),
        ("status", "--bogus-option"),
        ("status", "extra"),
        ("history", "somebody", "--follow"),
        ("events", "--limit=0"),
        ("help", "frobnicate"),
    ]
    for args in cases:
        line = check_one_line_error(node.ctl_raw(*args), EXIT_USAGE, f"usage error {args!r}")
    print(f"usage errors -> exit 2, e.g.: {line}")
    line = check_one_line_error(node.ctl_raw("history", "somebody", "--follow"), EXIT_USAGE, "--follow")
    check("history" in line and "--limit N" in line,
          f"an option the command does not take: the error names neither the command nor its options: {line!r}")


def check_help(node):
    """--help, help COMMAND and COMMAND --help print to stdout and exit 0."""
    overview = node.ctl_raw("--help", json_output=False)
    check(overview.returncode == 0 and overview.stderr == "", f"--help: {overview!r}")
    for command in ("id", "send", "history", "wait-message", "events", "hangup", "calls"):
        check(f"\n  {command} " in overview.stdout, f"--help does not list {command}: {overview.stdout!r}")
    for args in (("help", "history"), ("history", "--help"), ("history", "somebody", "-h")):
        result = node.ctl_raw(*args, json_output=False)
        check(result.returncode == 0 and result.stderr == "", f"{args!r}: {result!r}")
        check("history PEER [--limit N]" in result.stdout and "--limit N" in result.stdout,
              f"{args!r} does not describe history: {result.stdout!r}")
    print("help: --help, help COMMAND and COMMAND --help exit 0")


def check_unknown_peer(node):
    for args in (("send", "nosuchpeer", "hello"), ("history", "nosuchpeer"), ("fingerprint", "nosuchpeer")):
        line = check_one_line_error(node.ctl_raw(*args), EXIT_FAILED, f"unknown peer {args!r}")
        check("confabctl peers" in line, f"{args!r}: the error does not point to 'confabctl peers': {line!r}")
    print(f"unknown peer -> exit 1: {line}")


def check_wait_timeout(node):
    started = time.monotonic()
    result = node.ctl_raw("wait-message", "--timeout", "1")
    elapsed = time.monotonic() - started
    check_one_line_error(result, EXIT_TIMEOUT, "wait-message with nothing to read")
    check(0.8 <= elapsed < 5, f"wait-message --timeout 1 returned after {elapsed:.2f} s")
    print(f"wait-message --timeout 1 with nothing -> exit 4 after {elapsed:.2f} s")


class EventFollower:
    """`confabctl --json events --follow`: the reply line, then one line per event."""

    def __init__(self, harness, node):
        self.process = harness.start_process(
            [harness.confabctl, "--profile", node.profile, "--json", "events", "--follow"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        self.buffer = b""

    def next_line(self, timeout):
        deadline = time.monotonic() + timeout
        fd = self.process.stdout.fileno()
        while b"\n" not in self.buffer:
            remaining = deadline - time.monotonic()
            check(remaining > 0, f"events --follow printed nothing within {timeout} s")
            readable, _, _ = select.select([fd], [], [], remaining)
            if readable:
                chunk = os.read(fd, 4096)
                check(chunk, f"events --follow ended early (exit {self.process.poll()})")
                self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return json.loads(line)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


def check_json_everywhere(harness, a, b):
    """Every command's --json output parses and has the documented shape."""
    follower = EventFollower(harness, a)
    check(isinstance(follower.next_line(10), list), "events --follow did not start with the event list")

    identity = a.ctl("id")
    check(identity["id"] == a.id and identity["fingerprint"], f"id: {identity!r}")
    status = a.ctl("status")
    check(status["listen"] == a.listen and status["connected_peers"] == 1, f"status: {status!r}")
    version = a.ctl("version")
    check(version == {"version": status["version"], "protocol_version": status["protocol_version"]},
          f"version: {version!r}")
    peers = a.ctl("peers")
    check([p["id"] for p in peers if p["connected"]] == [b.id], f"peers: {peers!r}")

    c = harness.node("carol").start()
    added = a.ctl("add-peer", c.address)
    check(added["address"] == c.address, f"add-peer: {added!r}")
    a.wait_connected(c)
    event = follower.next_line(10)
    check(event["kind"] == "peer-connected" and event["peer"] == c.id, f"events --follow: {event!r}")
    follower.stop()

    sent = b.ctl("send", a.id, "json everywhere")
    check(sent["direction"] == "out" and sent["state"] in ("sent", "delivered"), f"send: {sent!r}")
    got = a.ctl("wait-message", "--from", b.id, "--timeout", "5")
    check(got["id"] == sent["id"] and got["state"] == "read", f"wait-message: {got!r}")
    history = a.ctl("history", b.id, "--limit", "10")
    check([m["text"] for m in history] == ["json everywhere"], f"history: {history!r}")
    check(a.ctl("history", "--limit=10", b.id) == history, "history --limit=10 differs from --limit 10")
    check([m["text"] for m in a.ctl("history", b.id, "--limit=1")] == ["json everywhere"], "history --limit=1")
    events = a.ctl("events", "--limit", "10")
    check(any(e["kind"] == "peer-connected" for e in events), f"events: {events!r}")
    number_a = a.ctl("fingerprint", b.id)
    number_b = b.ctl("fingerprint", a.id)
    check(number_a["safety_number"] == number_b["safety_number"],
          f"the two sides see different safety numbers: {number_a!r} / {number_b!r}")
    check(c.stop() == 0, "carol did not exit cleanly")
    print("--json parses for id, status, peers, add-peer, send, wait-message, history, events, "
          "events --follow, fingerprint")


def check_presence(a, b):
    """status-set reaches the peer; a typo is refused in words."""
    def presence_of(node, peer):
        return next(p for p in node.ctl("peers") if p["id"] == peer.id)["presence"]

    check(presence_of(b, a) == "available", "a linked peer starts available")
    check(a.ctl("status-set", "busy") == {"presence": "busy"}, "status-set busy")
    check(a.ctl("status")["presence"] == "busy", "status after status-set busy")
    wait_until(lambda: presence_of(b, a) == "busy", 10, "bob to see alice busy")
    text = a.ctl_raw("status-set", "away", json_output=False)
    check(text.returncode == EXIT_OK and "away" in text.stdout, f"status-set away: {text!r}")
    wait_until(lambda: presence_of(b, a) == "away", 10, "bob to see alice away")
    line = check_one_line_error(a.ctl_raw("status-set", "asleep"), EXIT_FAILED, "status-set asleep")
    check("available, away or busy" in line, f"status-set asleep: {line!r}")
    check(a.ctl("status-set", "available")["presence"] == "available", "status-set available")
    wait_until(lambda: presence_of(b, a) == "available", 10, "bob to see alice available")
    print(f"status-set busy/away/available reach the peer; a typo -> exit 1: {line}")


def check_edit_and_delete(a, b):
    """A message edited, then deleted with confabctl changes on the peer's
    side too; what cannot be changed is refused in one line."""
    def copy_on(node, peer, message_id):
        return next((m for m in node.history(peer) if m["id"] == message_id), None)

    overview = a.ctl_raw("--help", json_output=False).stdout
    for usage in ("\n  edit MSGID TEXT ", "\n  delete MSGID "):
        check(usage in overview, f"--help does not list {usage.strip()!r}: {overview!r}")

    sent = a.send(b, "see you at 5")
    wait_until(lambda: copy_on(b, a, sent["id"]), 10, "bob to get the message")
    edited = a.ctl_raw("edit", sent["id"], "see", "you", "at", "6", json_output=False)
    check(edited.returncode == EXIT_OK and edited.stdout.startswith("Edited. "), f"edit: {edited!r}")
    wait_until(lambda: copy_on(b, a, sent["id"])["text"] == "see you at 6", 10, "bob to see the new text")
    copy = copy_on(b, a, sent["id"])
    check(copy["edited_ms"] is not None and copy["deleted_ms"] is None, f"bob's edited copy: {copy!r}")
    listing = b.ctl_raw("history", a.id, json_output=False).stdout
    check("see you at 6 (edited)" in listing, f"bob's history does not mark the edit: {listing!r}")

    deleted = a.ctl("delete", sent["id"])
    check(deleted["id"] == sent["id"] and deleted["text"] == "" and deleted["deleted_ms"] is not None,
          f"delete: {deleted!r}")
    wait_until(lambda: copy_on(b, a, sent["id"])["deleted_ms"] is not None, 10, "bob to see it deleted")
    copy = copy_on(b, a, sent["id"])
    check(copy["text"] == "", f"bob's deleted copy still has text: {copy!r}")
    listing = b.ctl_raw("history", a.id, json_output=False).stdout
    check("(deleted)" in listing and "see you at 6" not in listing,
          f"bob's history does not show the message deleted: {listing!r}")

    line = check_one_line_error(a.ctl_raw("edit", "xyz", "hi"), EXIT_FAILED, "edit of a malformed id")
    check("Not a message id: 'xyz'" in line, f"edit xyz: {line!r}")
    again = check_one_line_error(a.ctl_raw("delete", sent["id"]), EXIT_FAILED, "delete of a deleted message")
    check("deleted already" in again, f"delete twice: {again!r}")
    print(f"edit and delete reach the peer; a malformed id -> exit 1: {line}")


def check_react_and_reply(a, b):
    """B reacts to A's message and answers it with a quote, with confabctl;
    A's history shows both."""
    def copy_on(node, peer, message_id):
        return next((m for m in node.history(peer) if m["id"] == message_id), None)

    overview = a.ctl_raw("--help", json_output=False).stdout
    for usage in ("\n  react MSGID EMOJI ", "\n  send PEER TEXT [--reply-to MSGID]"):
        check(usage in overview, f"--help does not list {usage.strip()!r}: {overview!r}")

    sent = a.send(b, "lunch at 12?")
    wait_until(lambda: copy_on(b, a, sent["id"]), 10, "bob to get the message")
    reacted = b.ctl_raw("react", sent["id"], "👍", json_output=False)
    check(reacted.returncode == EXIT_OK and reacted.stdout.startswith("Reacted 👍 to "),
          f"react: {reacted!r}")
    wait_until(lambda: copy_on(a, b, sent["id"])["peer_reaction"] == "👍", 10,
               "alice to see bob's reaction")
    check(copy_on(a, b, sent["id"])["own_reaction"] == "", "alice reacted without being asked to")
    listing = a.ctl_raw("history", b.id, json_output=False).stdout
    check("lunch at 12?  (reactions: them 👍)" in listing,
          f"alice's history does not show the reaction: {listing!r}")

    reply = b.ctl("send", a.id, "at", "1", "rather", "--reply-to", sent["id"])
    check(reply["reply_to"] == sent["id"] and reply["text"] == "at 1 rather",
          f"send --reply-to: {reply!r}")
    wait_until(lambda: copy_on(a, b, reply["id"]), 10, "alice to get the reply")
    copy = copy_on(a, b, reply["id"])
    check(copy["reply_to"] == sent["id"] and copy["text"] == "at 1 rather",
          f"alice's copy of the reply: {copy!r}")
    listing = a.ctl_raw("history", b.id, json_output=False).stdout
    check('↩ "lunch at 12?" at 1 rather' in listing, f"alice's history does not show the quote: {listing!r}")

    taken_back = b.ctl_raw("react", sent["id"], "", json_output=False)
    check(taken_back.returncode == EXIT_OK and "taken back" in taken_back.stdout,
          f"react '': {taken_back!r}")
    wait_until(lambda: copy_on(a, b, sent["id"])["peer_reaction"] == "", 10, "alice to see the reaction go")

    line = check_one_line_error(b.ctl_raw("send", a.id, "hi", "--reply-to", "xyz"), EXIT_FAILED,
                                "send --reply-to a malformed id")
    check("Not a message id: 'xyz'" in line, f"send --reply-to xyz: {line!r}")
    too_long = check_one_line_error(b.ctl_raw("react", sent["id"], "👍" * 9), EXIT_FAILED,
                                    "react with a long emoji")
    check("one emoji" in too_long, f"react with nine emoji: {too_long!r}")
    print(f"react and send --reply-to reach the peer; a malformed id -> exit 1: {line}")


def png_file(path, side, seed):
    """Writes a real PNG of side x side pixels (grey levels from `seed`)."""
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + bytes((seed + x * y) % 256 for x in range(side)) for y in range(side))
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)  # 8-bit greyscale
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 0)) + \
        chunk(b"IEND", b"")
    with open(path, "wb") as out:
        out.write(data)
    return hashlib.sha256(data).hexdigest()


def check_avatar(harness, a, b):
    """avatar-set reaches the linked peer, and one that was offline on its
    next link; what is no picture or too large is refused in words."""
    def avatar_of(node, peer):
        return next(p for p in node.ctl("peers") if p["id"] == peer.id)["avatar_sha256"]

    check(avatar_of(b, a) is None and a.ctl("status")["avatar_sha256"] is None, "no picture at first")
    face = os.path.join(harness.tmp, "face.png")
    digest = png_file(face, 32, 1)
    set_reply = a.ctl("avatar-set", face)
    check(set_reply == {"avatar_sha256": digest, "bytes": os.path.getsize(face)}, f"avatar-set: {set_reply!r}")
    check(a.ctl("status")["avatar_sha256"] == digest, "status after avatar-set")
    wait_until(lambda: avatar_of(b, a) == digest, 10, "bob to get alice's picture")

    huge = os.path.join(harness.tmp, "huge.png")
    png_file(huge, 200, 7)  # stored uncompressed: 40 KB
    line = check_one_line_error(a.ctl_raw("avatar-set", huge), EXIT_FAILED, "avatar-set of 40 KB")
    check("16 KB" in line, f"avatar-set of 40 KB: {line!r}")
    notes = os.path.join(harness.tmp, "notes.txt")
    with open(notes, "w") as out:
        out.write("not a picture\n")
    line = check_one_line_error(a.ctl_raw("avatar-set", notes), EXIT_FAILED, "avatar-set of a text file")
    check("PNG or JPEG" in line, f"avatar-set of a text file: {line!r}")
    missing = check_one_line_error(a.ctl_raw("avatar-set", os.path.join(harness.tmp, "nope.png")), EXIT_FAILED,
                                   "avatar-set of a missing file")
    check("Cannot read" in missing, f"avatar-set of a missing file: {missing!r}")
    check(a.ctl("status")["avatar_sha256"] == digest, "a refused picture changed the one in force")

    text = a.ctl_raw("avatar-clear", json_output=False)
    check(text.returncode == EXIT_OK and "initials" in text.stdout, f"avatar-clear: {text!r}")
    wait_until(lambda: avatar_of(b, a) is None, 10, "bob to see alice's picture gone")

    # Bob is away while Alice picks a new picture: he gets it on his next link, and keeps it.
    check(b.stop() == 0, "bob did not exit cleanly")
    second = png_file(face, 24, 99)
    a.ctl("avatar-set", face)
    b.start(peers=[a.address])
    b.wait_connected(a)
    wait_until(lambda: avatar_of(b, a) == second, 10, "bob to get alice's new picture on his next link")
    print(f"avatar-set reaches the peer, also after it was offline; 40 KB / a text file -> exit 1: {line}")


def run_daemon_expecting_failure(harness, args):
    """Runs confabd that must refuse to start; returns its stderr."""
    try:
        completed = subprocess.run(
            [harness.confabd, *args], stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=10
        )
    except subprocess.TimeoutExpired as error:
        raise AssertionError(f"confabd {' '.join(args)} kept running instead of failing") from error
    check(completed.returncode != 0, f"confabd {' '.join(args)} exited with 0: {completed.stderr!r}")
    check("confabd ready" not in completed.stdout, f"confabd {' '.join(args)} reported ready")
    return completed.stderr.strip()


def check_profile_lock(harness, node):
    message = run_daemon_expecting_failure(
        harness, ["--profile", node.profile, "--listen", f"127.0.0.1:{free_port()}"])
    check("in use" in message, f"a second confabd on the profile says {message!r}")
    print(f"second confabd on the same profile: {message}")


def check_profile_secrets(node):
    key_path = os.path.join(node.profile, "identity.key")
    key_mode = stat.S_IMODE(os.stat(key_path).st_mode)
    dir_mode = stat.S_IMODE(os.stat(node.profile).st_mode)
    check(key_mode == 0o600, f"identity.key has mode {key_mode:o}, expected 600")
    check(dir_mode == 0o700, f"the profile folder has mode {dir_mode:o}, expected 700")
    with open(key_path, "rb") as key_file:
        key = key_file.read()
    log = node.log_text()
    for text in (key.hex(), key.hex().upper()):
        check(text not in log, f"{node.name}'s log contains the identity key")
    print(f"{node.name}: identity.key {key_mode:o}, profile {dir_mode:o}, key absent from the log")


def check_identity_backup(harness, alice):
    """Alice's identity, backed up and restored on a new profile, starts there
    with her ID; the backup file is private and never replaces a file, and
    neither the key nor the passphrase reaches a log."""
    passphrase = "correct horse battery staple"
    passphrase_file = os.path.join(harness.tmp, "passphrase.txt")
    with open(passphrase_file, "w", encoding="utf-8") as file:
        file.write(passphrase + "\n")
    backup = os.path.join(harness.tmp, "alice.backup")
    saved = alice.ctl("backup", backup, "--passphrase-file", passphrase_file, timeout=120)
    check(saved["id"] == alice.id and saved["file"] == backup and "backup" not in saved, f"backup said {saved}")
    mode = stat.S_IMODE(os.stat(backup).st_mode)
    check(mode == 0o600, f"the backup file has mode {mode:o}, expected 600")
    with open(backup, encoding="utf-8") as file:
        text = file.read()
    with open(os.path.join(alice.profile, "identity.key"), "rb") as key_file:
        key = key_file.read()
    check(text.startswith(f"Confab identity backup 1\nID: {alice.id}\n"), f"backup reads {text!r}")
    check(key.hex() not in text and passphrase not in text, "the backup holds the key or passphrase in clear")

    again = alice.ctl_raw("backup", backup, "--passphrase-file", passphrase_file)
    check_one_line_error(again, EXIT_FAILED, "backup over an existing file")
    check("exists already" in again.stderr, f"backup over a file says {again.stderr!r}")
    with open(backup, encoding="utf-8") as file:
        check(file.read() == text, "a refused backup changed the existing file")

    carol = harness.node("carol").start()
    carol_id = carol.id
    wrong = subprocess.run(
        [harness.confabctl, "--profile", carol.profile, "restore", backup],
        input="correct horse battery stapler\n", capture_output=True, text=True, timeout=120, check=False)
    check(wrong.returncode == EXIT_FAILED and "passphrase does not open" in wrong.stderr,
          f"a wrong passphrase gave {wrong.returncode}: {wrong.stderr!r}")
    # The passphrase on standard input, as a script gives it.
    right = subprocess.run(
        [harness.confabctl, "--profile", carol.profile, "--json", "restore", backup],
        input=passphrase + "\n", capture_output=True, text=True, timeout=120, check=False)
    check(right.returncode == 0, f"restore failed: {right.stderr!r}")
    restored = json.loads(right.stdout)
    check(restored["id"] == alice.id and restored["changed"] and restored["restart_needed"],
          f"restore said {restored}")
    check(carol.ctl("id")["id"] == carol_id, "the running node changed its ID before a restart")
    check(carol.stop() == 0, "carol did not exit cleanly")
    carol.id = None  # the harness checks that a restart keeps the ID; this one must not
    carol.start()
    check(carol.id == alice.id, f"after the restore carol starts as {carol.id}, not {alice.id}")
    kept = restored["replaced_key_file"]
    check(os.path.dirname(kept) == carol.profile and stat.S_IMODE(os.stat(kept).st_mode) == 0o600,
          f"the replaced key is kept as {kept}")
    for node in (alice, carol):
        log = node.log_text()
        check(passphrase not in log and key.hex() not in log, f"{node.name}'s log holds the passphrase or key")
    check(carol.stop() == 0, "carol did not exit cleanly")
    print(f"identity backup: {alice.id} restored on a new profile, which started with that ID")


def listening_socket(host, port):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind((host, port))
        sock.listen()
    except OSError:
        sock.close()
        raise
    return sock


def check_default_port_fallback(harness):
    try:
        blocker = listening_socket("0.0.0.0", DEFAULT_PORT)
    except OSError as error:
        print(f"SKIPPED the default-port check: cannot take port {DEFAULT_PORT} ourselves ({error})")
        return
    with blocker:
        node = harness.node("dave")
        node.start(listen=False)
        port = int(node.listen.rsplit(":", 1)[1])
        check(port != DEFAULT_PORT, f"dave reports listening on the taken port: {node.listen}")
        notice = f"Port {DEFAULT_PORT} is in use — using {port} instead"
        wait_until(lambda: notice in node.log_text(), 5, f"dave to log {notice!r}")
        check(node.stop() == 0, "dave did not exit cleanly")
    print(f"default port taken -> {notice!r}, ready on {node.listen}")


def check_explicit_port_taken(harness):
    with listening_socket("127.0.0.1", 0) as blocker:
        port = blocker.getsockname()[1]
        profile = os.path.join(harness.tmp, "erin")
        message = run_daemon_expecting_failure(harness, ["--profile", profile, "--listen", f"127.0.0.1:{port}"])
    check("in use" in message and str(port) in message, f"confabd on a taken --listen port says {message!r}")
    print(f"explicit --listen on a taken port: {message.splitlines()[-1]}")


def main(harness):
    check_no_daemon(harness)
    a = harness.node("alice").start()
    b = harness.node("bob").start(peers=[a.address])
    b.wait_connected(a)
    a.wait_connected(b)

    check_usage_errors(a)
    check_help(a)
    check_unknown_peer(a)
    check_wait_timeout(a)
    check_json_everywhere(harness, a, b)
    check_presence(a, b)
    check_edit_and_delete(a, b)
    check_react_and_reply(a, b)
    check_avatar(harness, a, b)
    check_profile_lock(harness, a)
    check_default_port_fallback(harness)
    check_explicit_port_taken(harness)
    check_identity_backup(harness, a)

    for node in (a, b):
        check(node.stop() == 0, f"{node.name} did not exit cleanly")
        check_profile_secrets(node)


if __name__ == "__main__":
    run_test(main)
