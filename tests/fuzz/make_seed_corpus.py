#!/usr/bin/env python3
"""Writes the seed corpora in corpus/<target>/ from the byte layouts in
docs/PROTOCOL.md. Rerun after a wire format change; commit the output."""

import hashlib
import pathlib
import shutil
import struct

ROOT = pathlib.Path(__file__).resolve().parent / "corpus"


def frame(payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + payload


def tlv(field_type: int, value: bytes) -> bytes:
    return struct.pack(">BH", field_type, len(value)) + value


def handshake(name: bytes = b"Al", port: int = 8080) -> bytes:
    out = tlv(1, struct.pack(">H", 1)) + tlv(2, bytes([0x11] * 20)) + tlv(3, bytes([0x22] * 32))
    if name:
        out += tlv(4, name)
    if port:
        out += tlv(5, struct.pack(">H", port))
    return out


def envelope(kind: int, body: bytes, recipient_type: int = 1, version: int = 1) -> bytes:
    return (
        bytes([version, kind])
        + bytes(range(0x00, 0x10))
        + bytes(range(0xA0, 0xB4))
        + bytes([recipient_type])
        + bytes(range(0xC0, 0xD4))
        + struct.pack(">QI", 1700000000000, len(body))
        + body
    )


def receipt(state: int, ids: list) -> bytes:
    return struct.pack(">BH", state, len(ids)) + b"".join(ids)


CALL_ID = bytes(range(0x00, 0x10))
CALL_SETUP = (
    tlv(1, bytes([0x5A] * 32)) + tlv(2, struct.pack(">I", 0x01020304)) + tlv(3, struct.pack(">BBI", 1, 20, 32000))
)


def call_signal(kind: int, fields: bytes = b"") -> bytes:
    return bytes([kind]) + CALL_ID + fields


def media_datagram(kind: int, plaintext_size: int, counter: int = 7) -> bytes:
    return struct.pack(">BIQ", kind, 0x01020304, counter) + bytes([0xEE] * (plaintext_size + 16))


AUDIO_PLAINTEXT = struct.pack(">IB", 960, 1) + bytes([0xFC, 0xFF, 0xFE])
REPORT_PLAINTEXT = struct.pack(">IIIBHH", 1000, 900, 10, 3, 25, 400)


TEXT = envelope(1, b"hi")
RECEIPT = envelope(2, receipt(1, [bytes(range(16)), bytes([0xFF] * 16)]))

ROUTING_ID = bytes(range(0x10, 0x20))
ACKNOWLEDGED = bytes(range(0x80, 0x90))
SEAL_OVERHEAD = 96


def relayed(
    sealed_size: int = 512,
    hops: int = 7,
    acknowledged: bytes = b"",
    version: int = 1,
    flags: int = -1,
    sealed_length: int = -1,
) -> bytes:
    """A relayed envelope: routing header, then `sealed_size` opaque bytes."""
    if flags < 0:
        flags = 1 if acknowledged else 0
    if sealed_length < 0:
        sealed_length = sealed_size
    return (
        bytes([version, flags])
        + ROUTING_ID
        + bytes(range(0xC0, 0xD4))
        + bytes([hops])
        + struct.pack(">Q", 1700086400000)
        + acknowledged
        + struct.pack(">I", sealed_length)
        + bytes((0x55 + i) & 0xFF for i in range(sealed_size))
    )


def custody(ids: list) -> bytes:
    return bytes([len(ids)]) + b"".join(ids)


def statement_entry(hops: int = 0, name: bytes = b"Al", name_length: int = -1) -> bytes:
    """One Reachability entry; the key and signature are not genuine (the
    signed seeds come from fuzz_relay_seeds)."""
    if name_length < 0:
        name_length = len(name)
    return (
        bytes([hops])
        + bytes(range(0xA0, 0xB4))
        + bytes(range(0x20, 0x40))
        + struct.pack(">QQI", 1700000000000, 1700001800000, 3)
        + bytes([name_length])
        + name
        + bytes(range(0x80, 0xC0))
    )


def reachability(entries: list) -> bytes:
    return bytes([len(entries)]) + b"".join(entries)


def sealed_content(inner: bytes, size: int, length: int = -1) -> bytes:
    """The plaintext of a seal: sender key, envelope length, envelope, zeros to `size`."""
    if length < 0:
        length = len(inner)
    out = bytes(range(0x40, 0x60)) + struct.pack(">I", length) + inner
    return out + bytes(max(0, size - len(out)))


MIB = 1 << 20
TRANSFER_ID = bytes(range(0x00, 0x10))


def blake2b256(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=32).digest()


def drop_name(name: bytes, length: int = -1) -> bytes:
    if length < 0:
        length = len(name)
    return struct.pack(">H", length) + name


def file_offer(
    names: list, files: int = 2, folders: int = 1, manifest_length: int = 211, version: int = 1, name_count: int = -1
) -> bytes:
    if name_count < 0:
        name_count = len(names)
    return (
        bytes([version])
        + TRANSFER_ID
        + struct.pack(">QII", 1048580, files, folders)
        + blake2b256(MANIFEST)
        + struct.pack(">IB", manifest_length, name_count)
        + b"".join(drop_name(name) for name in names)
    )


def file_answer(answer: int, reason: int = 0) -> bytes:
    return bytes([1]) + TRANSFER_ID + bytes([answer, reason])


def manifest_folder(path: bytes, mtime_ns: int = 1700000000000000000, kind: int = 2) -> bytes:
    return struct.pack(">BH", kind, len(path)) + path + struct.pack(">q", mtime_ns)


def manifest_file(path: bytes, content: bytes, chunk_size: int = MIB, mtime_ns: int = 1700000000123456789) -> bytes:
    """A File entry with the real hashes of `content`."""
    chunks = [content[i : i + chunk_size] for i in range(0, len(content), chunk_size)]
    listed = chunks if len(chunks) >= 2 else []
    return (
        manifest_folder(path, mtime_ns, kind=1)
        + struct.pack(">Q", len(content))
        + blake2b256(content)
        + b"".join(blake2b256(chunk) for chunk in listed)
    )


def manifest(entries: list, chunk_size: int = MIB, count: int = -1, version: int = 1) -> bytes:
    if count < 0:
        count = len(entries)
    return struct.pack(">BII", version, chunk_size, count) + b"".join(entries)


# The example of docs/PROTOCOL.md ("Manifest").
MANIFEST = manifest(
    [
        manifest_folder(b"photos"),
        manifest_file(b"photos/a.txt", b"abc"),
        manifest_file(b"big.bin", bytes(MIB + 1), mtime_ns=-1000000000),
    ]
)
OFFER = file_offer([b"photos", b"big.bin"])
SMALL_CHUNKS = 64 * 1024

RELAYED = relayed()
CUSTODY = custody([ROUTING_ID])
REACHABILITY = reachability([statement_entry()])

ROOM_ID = bytes(range(0x10, 0x20))
ROOM_SIGNATURE = bytes(range(0xC0, 0x100))


def room_change(
    kind: int, parents: int, body: bytes, version: int = 1, room: bytes = ROOM_ID, parent_count: int = -1
) -> bytes:
    """A membership change; `parents` hashes follow the count. The signature is not genuine."""
    if parent_count < 0:
        parent_count = parents
    return (
        bytes([version, kind])
        + room
        + bytes(range(0x20, 0x40))
        + struct.pack(">QB", 1700000000000, parent_count)
        + b"".join(bytes([0x40 + i]) * 32 for i in range(parents))
        + body
        + ROOM_SIGNATURE
    )


def room_name(name: bytes) -> bytes:
    return bytes([len(name)]) + name


ROOM_MEMBER = bytes(range(0xA0, 0xC0))
ROOM_CREATE = room_change(1, 0, room_name(b"Caf\xc3\xa9"))
ROOM_ADD = room_change(2, 2, ROOM_MEMBER)


def room_message(ciphertext_size: int, version: int = 1, length: int = -1) -> bytes:
    if length < 0:
        length = ciphertext_size
    return (
        bytes([version])
        + ROOM_ID
        + bytes(range(0x00, 0x10))
        + bytes(range(0xA0, 0xB4))
        + struct.pack(">IIII", 7, 0xDEADBEEF, 0x01020304, length)
        + bytes((0x50 + i) & 0xFF for i in range(ciphertext_size))
        + ROOM_SIGNATURE
    )


def room_content(kind: int, body: bytes, length: int = -1) -> bytes:
    if length < 0:
        length = len(body)
    return struct.pack(">BQI", kind, 1700000000000, length) + body


def room_batch(changes: list, count: int = -1) -> bytes:
    """Selector byte 0 of fuzz_room_sync, then the batch."""
    if count < 0:
        count = len(changes)
    return b"\x00" + ROOM_ID + struct.pack(">H", count) + b"".join(struct.pack(">H", len(c)) + c for c in changes)


def room_sender_key(first_index: int = 256) -> bytes:
    """Selector byte 1 of fuzz_room_sync, then the sender key."""
    return b"\x01" + ROOM_ID + struct.pack(">III", 3, 0xA1B2C3D4, first_index) + bytes(range(0xE0, 0x100))


def room_chain(sender: int, contiguous: int, extras: list, extra_count: int = -1) -> bytes:
    if extra_count < 0:
        extra_count = len(extras)
    return (
        bytes([sender]) * 20
        + struct.pack(">IIIB", 2, 0x01020304, contiguous, extra_count)
        + b"".join(struct.pack(">I", e) for e in extras)
    )


def room_summary(heads: int, chains: list, chain_count: int = -1) -> bytes:
    """Selector byte 2 of fuzz_room_sync, then the summary."""
    if chain_count < 0:
        chain_count = len(chains)
    return (
        b"\x02"
        + ROOM_ID
        + bytes([heads])
        + b"".join(bytes([0x40 + i]) * 32 for i in range(heads))
        + struct.pack(">H", chain_count)
        + b"".join(chains)
    )


def room_receipt(body: bytes, room: bytes = ROOM_ID) -> bytes:
    """Selector byte 3 of fuzz_room_sync, then the room id and the receipt."""
    return b"\x03" + room + body


ROOM_RECEIPT = room_receipt(receipt(2, [bytes(range(16)), bytes([0xFF] * 16)]))
ROOM_SUMMARY = room_summary(1, [room_chain(0xA0, 10, [12, 13, 0x10000]), room_chain(0xB0, 0, [])])


CORPORA = {
    "fuzz_frame_decoder": {
        # u8 k | k chunk-size codes | stream (see fuzz_frame_decoder.cpp)
        "byte-by-byte": b"\x00\x00" + frame(b"abc") + frame(b"\x01") + frame(b"hello"),
        "one-shot": b"\x00\xff" + frame(b"abc") + frame(bytes(300)),
        "mixed-chunks": b"\x02\x00\x06\x02" + frame(b"x" * 20) + frame(b"y") + b"\x00\x00",
        "partial-tail": b"\x00\x03" + frame(b"abcd") + b"\x00\x00\x01",
        "empty-frame": b"\x00\x01" + frame(b"a") + b"\x00\x00\x00\x00" + frame(b"b"),
        "too-large": b"\x00\x04" + frame(b"a") + b"\x00\x01\x00\x00" + b"zz",
        "max-size-header": b"\x00\xff\x00\x00\xff\xff" + b"q" * 16,
    },
    "fuzz_handshake_payload": {
        "full": handshake(),
        "minimal": handshake(name=b"", port=0),
        "unknown-field": tlv(9, b"future") + handshake(),
        "reordered": tlv(5, b"\x1f\x90") + tlv(3, bytes([0x22] * 32)) + tlv(1, b"\x00\x01") + tlv(2, bytes(20)),
        "duplicate": handshake() + tlv(1, b"\x00\x02"),
        "missing": tlv(1, b"\x00\x01"),
        "bad-length": handshake(port=0) + tlv(5, b"\x01"),
        "bad-utf8": handshake(name=b"\xc0\xaf"),
        "truncated": handshake()[:-3],
        "capabilities": handshake() + tlv(7, struct.pack(">I", 3)),
        "bad-capabilities": handshake() + tlv(7, b"\x00\x03"),
    },
    "fuzz_envelope": {
        "text": TEXT,
        "text-empty": envelope(1, b""),
        "text-utf8": envelope(1, "h\u00e9 \u20ac \U0001F600".encode()),
        "receipt": RECEIPT,
        "group": envelope(1, b"room", recipient_type=2),
        "bad-version": envelope(1, b"hi", version=2),
        "bad-kind": envelope(10, b"hi"),
        "file-offer": envelope(3, OFFER),
        "file-answer": envelope(4, file_answer(7, 1)),
        "bad-file-offer": envelope(3, b"hi"),
        "bad-file-answer": envelope(4, file_answer(1, 1)),
        "bad-utf8": envelope(1, b"\xed\xa0\x80"),
        "bad-receipt": envelope(2, receipt(1, [])),
        "trailing": TEXT + b"\x00",
        "truncated": TEXT[:40],
    },
    "fuzz_link_message": {
        "envelope": b"\x01" + TEXT,
        "envelope-receipt": b"\x01" + RECEIPT,
        "ping": b"\x02" + bytes(range(1, 9)),
        "pong": b"\x03" + bytes(range(1, 9)),
        "goodbye": b"\x04\x02",
        "bad-goodbye": b"\x04\x07",
        "short-ping": b"\x02\x01\x02",
        "unknown-type": b"\x0a\x00",
        "empty-envelope": b"\x01",
        "relay-envelope": b"\x07" + RELAYED,
        "reachability": b"\x08" + REACHABILITY,
        "relay-custody": b"\x09" + CUSTODY,
        "empty-custody": b"\x09",
        "avatar-none": b"\x0c",
        "avatar-png": b"\x0c\x89PNG\r\n\x1a\n" + bytes(24),
        "avatar-jpeg": b"\x0c\xff\xd8\xff\xe0" + bytes(16),
        "avatar-gif": b"\x0cGIF89a" + bytes(8),
    },
    "fuzz_relay_envelope": {
        "header-512": RELAYED,
        "receipt-512": relayed(hops=3, acknowledged=ACKNOWLEDGED),
        "header-2048": relayed(sealed_size=2048, hops=1),
        "bad-version": relayed(version=2),
        "bad-flags": relayed(flags=2),
        "hop-limit-0": relayed(hops=0),
        "hop-limit-8": relayed(hops=8),
        "not-a-size-class": relayed(sealed_size=513),
        "huge-length": relayed(sealed_size=0, sealed_length=0xFFFFFFFF),
        "short-sealed": relayed(sealed_size=100, sealed_length=512),
        "receipt-truncated": relayed(acknowledged=ACKNOWLEDGED)[:55],
        "trailing": RELAYED + b"\x00",
        "custody": CUSTODY,
        "custody-full": custody([bytes([i]) * 16 for i in range(64)]),
        "custody-bad-count": custody([]),
    },
    "fuzz_reachability": {
        "one": REACHABILITY,
        "withdrawn": reachability([statement_entry(hops=255, name=b"")]),
        "several": reachability([statement_entry(hops=h, name=b"n" * (h * 10)) for h in range(7)]),
        "longest-name": reachability([statement_entry(name=b"x" * 64)]),
        "utf8-name": reachability([statement_entry(name="\u00c9lise \u20ac".encode())]),
        "bad-count": bytes([33]) + statement_entry(),
        "bad-hops": reachability([statement_entry(hops=7)]),
        "long-name": reachability([statement_entry(name=b"x" * 65)]),
        "bad-utf8": reachability([statement_entry(name=b"\xed\xa0\x80")]),
        "truncated": REACHABILITY[:100],
        "trailing": REACHABILITY + b"\x00",
    },
    "fuzz_room_change": {
        "create": ROOM_CREATE,
        "add": ROOM_ADD,
        "remove": room_change(3, 1, ROOM_MEMBER),
        "promote": room_change(4, 1, ROOM_MEMBER),
        "rename": room_change(5, 1, room_name(b"New name")),
        "eight-parents": room_change(2, 8, ROOM_MEMBER),
        "longest-name": room_change(1, 0, room_name("\U0001F600".encode() * 16)),
        "bad-version": room_change(1, 0, room_name(b"r"), version=2),
        "bad-kind": room_change(6, 1, ROOM_MEMBER),
        "create-with-parent": room_change(1, 1, room_name(b"r")),
        "add-without-parents": room_change(2, 0, ROOM_MEMBER),
        "nine-parents": room_change(2, 9, ROOM_MEMBER),
        "empty-name": room_change(1, 0, room_name(b"")),
        "long-name": room_change(5, 1, room_name(b"x" * 65)),
        "bad-utf8": room_change(1, 0, room_name(b"\xed\xa0\x80")),
        "control-name": room_change(1, 0, room_name(b"a\x0ab")),
        "c1-name": room_change(1, 0, room_name(b"a\xc2\x85")),
        "truncated": ROOM_ADD[:100],
        "trailing": ROOM_CREATE + b"\x00",
    },
    "fuzz_room_message": {
        "message": room_message(20),
        "smallest": room_message(16),
        "larger": room_message(1000),
        "too-large": room_message(0, length=40001),
        "shorter-than-tag": room_message(15),
        "bad-version": room_message(20, version=2),
        "truncated": room_message(20)[:60],
        "trailing": room_message(20) + b"\x00",
        "content-text": room_content(1, b"hi"),
        "content-empty": room_content(1, b""),
        "content-utf8": room_content(1, "h\u00e9 \u20ac \U0001F600".encode()),
        "content-bad-utf8": room_content(1, b"\xed\xa0\x80"),
        "content-bad-kind": room_content(3, b"hi"),
        "content-too-large": room_content(1, b"", length=60001),
        "content-trailing": room_content(1, b"hi") + b"\x00",
    },
    "fuzz_room_sync": {
        "batch-one": room_batch([ROOM_CREATE]),
        "batch-two": room_batch([ROOM_CREATE, ROOM_ADD]),
        "batch-other-room": room_batch([room_change(2, 1, ROOM_MEMBER, room=bytes(16))]),
        "batch-bad-change": room_batch([ROOM_CREATE[:-1]]),
        "batch-bad-count": room_batch([], count=257),
        "batch-truncated": room_batch([ROOM_CREATE, ROOM_ADD])[:-5],
        "sender-key": room_sender_key(),
        "sender-key-short": room_sender_key()[:-1],
        "summary": ROOM_SUMMARY,
        "summary-no-chains": room_summary(2, []),
        "summary-bad-heads": room_summary(17, []),
        "summary-bad-chains": room_summary(1, [], chain_count=1025),
        "summary-bad-extra-count": room_summary(1, [room_chain(0xA0, 0, [1], extra_count=65)]),
        "summary-extra-at-contiguous": room_summary(1, [room_chain(0xA0, 5, [5])]),
        "summary-extras-descending": room_summary(1, [room_chain(0xA0, 5, [9, 8])]),
        "summary-trailing": ROOM_SUMMARY + b"\x00",
        "receipt": ROOM_RECEIPT,
        "receipt-delivered": room_receipt(receipt(1, [bytes(range(0x30, 0x40))])),
        "receipt-most-ids": room_receipt(receipt(1, [struct.pack(">H", i) * 8 for i in range(1024)])),
        "receipt-too-many-ids": room_receipt(receipt(1, [bytes(16)] * 1025)),
        "receipt-no-ids": room_receipt(receipt(1, [])),
        "receipt-bad-state": room_receipt(receipt(3, [bytes(16)])),
        "receipt-missing-id": room_receipt(struct.pack(">BH", 1, 2) + bytes(16)),
        "receipt-room-only": room_receipt(b""),
        "receipt-short-room": ROOM_RECEIPT[:12],
        "receipt-trailing": ROOM_RECEIPT + b"\x00",
    },
    "fuzz_sealed_content": {
        "text": sealed_content(TEXT, 512 - SEAL_OVERHEAD),
        "receipt": sealed_content(RECEIPT, 512 - SEAL_OVERHEAD),
        "no-padding": sealed_content(TEXT, 36 + len(TEXT)),
        "empty-envelope": sealed_content(b"", 64),
        "bad-padding": sealed_content(TEXT, 512 - SEAL_OVERHEAD)[:-1] + b"\x01",
        "bad-length": sealed_content(TEXT, 200, length=300),
        "bad-envelope": sealed_content(TEXT[:40], 512 - SEAL_OVERHEAD),
        "truncated": sealed_content(TEXT, 512 - SEAL_OVERHEAD)[:35],
    },
    "fuzz_file_offer": {
        "offer": OFFER,
        "offer-most-names": file_offer([bytes([0x61 + i]) + "\u20ac".encode() * 84 + b"xy" for i in range(16)]),
        "offer-utf8": file_offer(["h\u00e9 \u20ac \U0001F600".encode()], files=1, folders=0),
        "bad-count": file_offer([b"a"], files=0, folders=0),
        "too-many-names": file_offer([b"n"] * 17),
        "long-name": file_offer([b"x" * 256]),
        "bad-utf8": file_offer([b"\xed\xa0\x80"]),
        "huge-manifest": file_offer([b"a"], manifest_length=0xFFFFFFFF),
        "truncated": OFFER[:80],
        "trailing": OFFER + b"\x00",
        "accept": file_answer(1),
        "failed": file_answer(7, 1),
        "decline-refused": file_answer(2, 6),
        "bad-answer": file_answer(8),
        "bad-reason": file_answer(1, 1),
        "stop-reason": file_answer(3, 7),
    },
    "fuzz_file_manifest": {
        "manifest": MANIFEST,
        "small-chunks": manifest(
            [manifest_folder(b"d"), manifest_file(b"d/f", bytes(range(256)) * 1000, SMALL_CHUNKS)], SMALL_CHUNKS
        ),
        "empty-file": manifest([manifest_file(b"empty", b"")]),
        "exact-chunks": manifest([manifest_file(b"two", bytes(2 * SMALL_CHUNKS), SMALL_CHUNKS)], SMALL_CHUNKS),
        "bad-chunk-size": manifest([manifest_folder(b"d")], chunk_size=3 * SMALL_CHUNKS),
        "bad-count": manifest([manifest_folder(b"d")], count=1000001),
        "claims-many": manifest([manifest_folder(b"d")], count=1000000),
        "bad-kind": manifest([manifest_folder(b"d", kind=3)]),
        "bad-utf8": manifest([manifest_folder(b"\xc0\xaf")]),
        "duplicate": manifest([manifest_folder(b"a"), manifest_file(b"a", b"abc")]),
        "huge-size": manifest([manifest_folder(b"f", kind=1) + struct.pack(">Q", 2**64 - 1) + bytes(96)]),
        "short-hashes": MANIFEST[:-1],
        "trailing": MANIFEST + b"\x00",
    },
    "fuzz_transfer_record": {
        "hello": b"\x01\x01",
        "hello-resume": b"\x01\x00",
        "manifest-part": b"\x02" + struct.pack(">I", 0) + MANIFEST,
        "want": b"\x03" + struct.pack(">HIIIIII", 2, 1, 0, 1, 2, 0, 2),
        "chunk": b"\x04" + struct.pack(">II", 1, 0) + b"abc",
        "done": b"\x05",
        "stop": b"\x06\x07",
        "swarm": b"\x07\x02"
        + bytes(range(0x01, 0x15))
        + bytes(range(0xA0, 0xB0))
        + bytes(range(0x21, 0x35))
        + bytes(range(0xB0, 0xC0)),
        "have": b"\x08" + struct.pack(">HIIIIII", 2, 2, 1, 1, 1, 0, 1),
        "swarm-bad-count": b"\x07\x10" + bytes(36 * 16),
        "swarm-short": b"\x07\x01" + bytes(range(0x01, 0x15)) + bytes(range(0xA0, 0xAF)),
        "have-empty-range": b"\x08" + struct.pack(">HIII", 1, 1, 0, 0),
        "bad-type": b"\x09",
        "hello-swarm": b"\x01\x03",
        "swarm-none": b"\x07\x00",
        "bad-flags": b"\x01\x04",
        "want-empty-range": b"\x03" + struct.pack(">HIII", 1, 1, 0, 0),
        "want-bad-count": b"\x03" + struct.pack(">H", 0),
        "want-past-u32": b"\x03" + struct.pack(">HIII", 1, 1, 0xFFFFFFFF, 2),
        "empty-chunk": b"\x04" + struct.pack(">II", 1, 0),
        "bad-reason": b"\x06\x09",
    },
    "fuzz_call_signal": {
        "invite": call_signal(1, CALL_SETUP),
        "accept": call_signal(3, CALL_SETUP),
        "ringing": call_signal(2),
        "hangup": call_signal(7),
        "timeout": call_signal(8),
        "unknown-field": call_signal(7, tlv(9, b"future")),
        "media-features": call_signal(3, CALL_SETUP + tlv(4, b"\x00\x00\x00\x01")),
        "bad-features": call_signal(3, CALL_SETUP + tlv(4, b"\x01")),
        "reordered": call_signal(1, CALL_SETUP[-9:] + CALL_SETUP[:-9]),
        "duplicate": call_signal(1, CALL_SETUP + tlv(2, b"\x00\x00\x00\x01")),
        "missing": call_signal(3, tlv(2, b"\x00\x00\x00\x01")),
        "unexpected": call_signal(6, tlv(1, bytes(32))),
        "bad-codec": call_signal(1, CALL_SETUP[:-9] + tlv(3, struct.pack(">BBI", 1, 40, 32000))),
        "bad-length": call_signal(1, tlv(2, b"\x01\x02")),
        "unknown-kind": call_signal(9),
        "truncated": call_signal(1, CALL_SETUP)[:-2],
    },
    "fuzz_media_packet": {
        "audio-datagram": media_datagram(1, 60),
        "report-datagram": media_datagram(2, 17),
        "largest-audio": media_datagram(1, 1280),
        "audio-plaintext": AUDIO_PLAINTEXT,
        "report-plaintext": REPORT_PLAINTEXT,
        "bad-flags": struct.pack(">IB", 960, 0x80) + b"\x01",
        "bad-loss": REPORT_PLAINTEXT[:12] + b"\x65" + REPORT_PLAINTEXT[13:],
        "bad-kind": media_datagram(9, 60),
        "nack-datagram": media_datagram(3, 9),
        "nack-plaintext": struct.pack(">BII", 2, 960, 1440),
        "largest-nack": struct.pack(">B", 16) + struct.pack(">16I", *range(0, 16 * 480, 480)),
        "bad-nack-count": struct.pack(">BII", 3, 960, 1440),
        "retransmitted-audio": struct.pack(">IB", 960, 2) + bytes([0xFC, 0xFF, 0xFE]),
        "redundant-audio": struct.pack(">IBHH", 960, 4, 480, 3) + bytes([0xFC, 0x01, 0x02, 0xFC, 0xFF, 0xFE]),
        "bad-redundancy": struct.pack(">IBHH", 960, 4, 0, 3) + bytes([0xFC, 0x01, 0x02, 0xFC]),
        "short-report": media_datagram(2, 16),
        "truncated": media_datagram(1, 60)[:20],
        "too-large": media_datagram(1, 1380),
        "levels-datagram": media_datagram(4, 19),
        "levels-plaintext": struct.pack(">BQBQB", 2, 0x0102030405060708, 200, 0x1112131415161718, 0),
        "bad-levels-count": struct.pack(">BQB", 2, 0x0102030405060708, 200),
        "leave-out-datagram": media_datagram(5, 9),
        "leave-out-plaintext": struct.pack(">BQ", 1, 0x0102030405060708),
        "leave-out-nobody": b"\x00",
    },
}


def main() -> None:
    for target, seeds in CORPORA.items():
        directory = ROOT / target
        shutil.rmtree(directory, ignore_errors=True)
        directory.mkdir(parents=True)
        for name, data in seeds.items():
            (directory / name).write_bytes(data)


if __name__ == "__main__":
    main()
