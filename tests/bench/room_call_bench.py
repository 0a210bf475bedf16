#!/usr/bin/env python3
"""Room-call benchmark: confabd nodes on 127.0.0.1 in one room's call (a full
mesh of pairwise calls, each node mixing the others on its file audio device).

Prints one JSON document:
- room_call: 4 members at 20 ms frames. Each plays its own input: click
  markers, then espeak-ng speech, in turns (member i talks in turn i of every
  cycle and is silent otherwise, like people taking turns), so that each
  talker can be picked out of a listener's mix. For every listener and
  talker:
  - envelope_correlation: the Pearson correlation of the 20 ms log-energy
    envelopes (computed as confab_wav_compare does) of the talker's input
    and the listener's recording, over the frames of the call where no
    other talker's input sounds (their inputs are silent over everything
    that could arrive there with up to 250 ms of delay), with the talker's
    input placed on the recording's time line by the two file devices'
    stream origins and the output offset (from calls --json) and the delay
    within 0..400 ms that fits best (envelope_delay_ms);
    envelope_correlation_while_talking, the same over those frames where
    the talker's input is not silent (the shape of its syllables and
    clicks, not talk against silence);
  - envelope_correlation_whole_mix: confab_wav_compare of the same aligned
    stretch of the talker's input against the whole mix (lower by nature:
    the other two talkers are in it);
  - latency: the talker's clicks, mouth to ear, by confab_voice_latency as
    in the voice benchmark, counting only clicks where no other talker
    sounds (p50 / p95 / max);
  - link: the listener's figures of that link at the end (jitter buffer,
    concealment, loss);
  and per member its CPU time over the call (user + system from
  /proc/PID/stat over wall time, % of one core).
- two_party: the voice benchmark's own runs in the same session on the same
  machine: latency of a plain call with 20 ms frames (its click train) and
  CPU per node in a call; and latency_same_input_as_room_call, a plain call
  whose caller plays a room member's input (turns after seconds of silence,
  which Opus DTX sends as a gap), measured as in the room call (latency and
  envelope figures).
  latency_p95_over_two_party_ms is the worst room pair's p95 minus the
  voice benchmark's two-party p95 (the goal); ..._same_input_ms the same
  against the plain call with the room call's input.
- departure: 6 members, so one of them mixes (mixer; CPU per member, the
  mixer's and the others' mean, over ~8 s); the mixer hangs up; whether the
  other 5 stay active, agree on the next mixer (and how soon), and audio
  flows between it and each of them for another ~5 s (frames played and
  datagrams received per link; the others' direct links carry none).
- goals: every pair heard (envelope correlation at least the call test's
  threshold for "carries the other side's speech"), every pair's latency
  p95 within 20 ms of the two-party call's, the remaining members staying
  when the mixer leaves.

Figures are reported, not asserted: the exit code is 0 when the benchmark
ran; what the product did wrong is listed under "problems". Non-zero only
when the nodes could not be set up.

Usage: room_call_bench.py --bin-dir DIR --tools-dir DIR [--seconds S]
"""

import argparse
import itertools
import json
import math
import os
import random
import shutil
import subprocess
import sys
import time
import wave
from array import array

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "integration"))
sys.path.insert(0, HERE)
import voice_bench  # noqa: E402
from call_fixtures import make_speech, wav_compare  # noqa: E402
from confab_harness import Harness, check, wait_until  # noqa: E402
from test_call import MIN_ENVELOPE_CORRELATION  # noqa: E402

RATE = voice_bench.RATE
# The file device records what is played one 10 ms block after the
# microphone block it was called back with (core/audio/file_audio_device.h).
OUTPUT_BLOCK = RATE // 100
# confab_wav_compare's envelope frame.
FRAME = RATE // 50
# Mouth-to-ear delays considered when lining a talker up with a recording.
MAX_DELAY = int(0.4 * RATE)
DELAY_STEP = RATE // 200
# Another talker counts as silent at a moment of the recording when its
# input is silent over everything that could arrive then with a delay up to
# this.
MASK_DELAY = int(0.25 * RATE)
# A heard click is looked for this long after it could arrive at the earliest.
CLICK_WINDOW = int(0.3 * RATE)
# Each talker's turn: six clicks from 50 ms in, 150..200 ms apart, then
# speech from 1.35 s to 2.1 s (the last click is followed by at least 300 ms
# of silence, so no speech of its own lands in that click's window), then
# silence until the next talker's turn.
TURN = int(2.4 * RATE)
CLICKS_PER_TURN = 6
CLICK_SPACING_MS = (150, 200)
CLICK_START = RATE // 20
SPEECH_START = int(1.35 * RATE)
SPEECH_PIECE = int(0.75 * RATE)
FADE = RATE // 200
# Below this RMS (of 16-bit samples) an input counts as silent.
SILENT_RMS = 8.0

ROOM_CALL_MEMBERS = 4
DEPARTURE_MEMBERS = 6
DEPARTURE_BEFORE_S = 8.0
DEPARTURE_AFTER_S = 5.0
LATENCY_MARGIN_MS = 20.0

SENTENCES = [
    "The birch canoe slid on the smooth planks. Glue the sheet to the dark blue background. "
    "It is easy to tell the depth of a well. These days a chicken leg is a rare dish.",
    "Rice is often served in round bowls. The juice of lemons makes fine punch. "
    "The box was thrown beside the parked truck. The hogs were fed chopped corn and garbage.",
    "Four hours of steady work faced us. A large size in stockings is hard to sell. "
    "The boy was there when the sun rose. A rod is used to catch pink salmon.",
    "The source of the huge river is the clear spring. Kick the ball straight and follow through. "
    "Help the woman get back to her feet. A pot of tea helps to pass the evening.",
    "Smoky fires lack flame and heat. The soft cushion broke the man's fall. "
    "The salt breeze came across from the sea. The girl at the booth sold fifty bonds.",
    "The small pup gnawed a hole in the sock. The fish twisted and turned on the bent hook. "
    "Press the pants and sew a button on the vest. The swan dive was far short of perfect.",
]
VOICES = ["en", "en-us+f3", "en-gb-x-rp+m3", "en-029+f4", "en-gb-scotland", "en-us+m7"]


# -- audio files --------------------------------------------------------------

def read_wav(path):
    """A 48 kHz mono 16-bit WAV file's samples."""
    with wave.open(path, "rb") as source:
        check(source.getnchannels() == 1 and source.getsampwidth() == 2 and source.getframerate() == RATE,
              f"{path}: not 48 kHz mono 16-bit")
        data = source.readframes(source.getnframes())
    samples = array("h")
    samples.frombytes(data[: len(data) // 2 * 2])
    if sys.byteorder == "big":
        samples.byteswap()
    return samples


def write_wav(path, samples):
    data = array("h", samples)
    if sys.byteorder == "big":
        data.byteswap()
    with wave.open(path, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(data.tobytes())


def speech_pieces(speech):
    """SPEECH_PIECE-long stretches of `speech` that are mostly talk, faded in
    and out so the cuts do not click."""
    pieces = []
    for start in range(0, len(speech) - SPEECH_PIECE, SPEECH_PIECE):
        piece = speech[start:start + SPEECH_PIECE]
        if math.sqrt(sum(x * x for x in piece) / len(piece)) < 1500:
            continue
        for n in range(FADE):
            piece[n] = int(piece[n] * n / FADE)
            piece[-1 - n] = int(piece[-1 - n] * n / FADE)
        pieces.append(piece)
    check(pieces, "the speech has no loud stretch")
    return pieces


def add_click(samples, position):
    """voice_bench's click: a 5 ms 1 kHz burst."""
    length = RATE * 5 // 1000
    for n in range(length):
        window = math.sin(math.pi * n / length)
        samples[position + n] = int(26000 * window * math.sin(2 * math.pi * 1000 * n / RATE))


def compose_turns(harness, member, members, seconds):
    """Writes member's input (its clicks and speech in its turns, silence
    otherwise) and its click track alone; returns (input path, clicks path,
    click positions)."""
    speech = make_speech(harness, f"speech-{member}.wav", SENTENCES[member % len(SENTENCES)],
                         VOICES[member % len(VOICES)])
    pieces = speech_pieces(read_wav(speech))
    rng = random.Random(100 + member)
    total = int(seconds * RATE)
    samples = array("h", bytes(2 * total))
    clicks_only = array("h", bytes(2 * total))
    clicks = []
    turn_start = member * TURN
    piece = 0
    while turn_start + TURN <= total:
        position = turn_start + CLICK_START
        for _ in range(CLICKS_PER_TURN):
            add_click(samples, position)
            add_click(clicks_only, position)
            clicks.append(position)
            position += rng.randint(RATE * CLICK_SPACING_MS[0] // 1000, RATE * CLICK_SPACING_MS[1] // 1000)
        at = turn_start + SPEECH_START
        samples[at:at + SPEECH_PIECE] = pieces[piece % len(pieces)]
        piece += 1
        turn_start += members * TURN
    path = os.path.join(harness.tmp, f"member{member}-says.wav")
    clicks_path = os.path.join(harness.tmp, f"member{member}-clicks.wav")
    write_wav(path, samples)
    write_wav(clicks_path, clicks_only)
    return path, clicks_path, clicks


def continuous_speech(harness, member, seconds):
    """Speech without long pauses for `seconds` (the sentences over and over),
    so that audio keeps flowing: Opus sends next to nothing in silence."""
    speech = read_wav(make_speech(harness, f"long-speech-{member}.wav", SENTENCES[member % len(SENTENCES)],
                                  VOICES[member % len(VOICES)]))
    samples = array("h")
    while len(samples) < seconds * RATE:
        samples.extend(speech)
    path = os.path.join(harness.tmp, f"member{member}-talks.wav")
    write_wav(path, samples)
    return path


class Energy:
    """Sums of squares of a signal's prefixes: the mean power of any stretch
    in constant time, samples outside the signal counting as silence."""

    def __init__(self, samples):
        self.length = len(samples)
        self.sums = array("d", itertools.accumulate((x * x for x in samples), initial=0))

    def mean_square(self, start, end):
        a = min(max(start, 0), self.length)
        b = min(max(end, 0), self.length)
        return (self.sums[b] - self.sums[a]) / max(1, end - start)

    def silent(self, start, end):
        return self.mean_square(start, end) < SILENT_RMS * SILENT_RMS

    def log_energy(self, start, end):
        # As confab_wav_compare's envelope: dB of the mean power, full scale 1.
        return 10 * math.log10(self.mean_square(start, end) / (32768.0 * 32768.0) + 1e-10)


def pearson(a, b):
    n = len(a)
    if n < 3:
        return None
    mean_a = sum(a) / n
    mean_b = sum(b) / n
    cov = sum((x - mean_a) * (y - mean_b) for x, y in zip(a, b))
    var_a = sum((x - mean_a) ** 2 for x in a)
    var_b = sum((y - mean_b) ** 2 for y in b)
    if var_a <= 0 or var_b <= 0:
        return None
    return cov / math.sqrt(var_a * var_b)


def percent_of_core(cpu_before, cpu_after, wall_seconds):
    return round((cpu_after - cpu_before) / wall_seconds * 100, 2)


# -- driving nodes --------------------------------------------------------------

def soft_wait(predicate, timeout, interval=0.2):
    """Like wait_until, but returns None when the time is up: what the
    product does wrong is reported, not raised."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            return None
        time.sleep(interval)


def start_members(harness, tag, count, extra_args):
    """`count` nodes, each dialling the ones started before it, all linked."""
    nodes = []
    for index in range(count):
        node = harness.node(f"{tag}{index}")
        node.start(peers=[other.address for other in nodes], extra_args=extra_args(index))
        nodes.append(node)
    for a, b in itertools.combinations(nodes, 2):
        a.wait_connected(b, timeout=30)
        b.wait_connected(a, timeout=30)
    return nodes


def make_room(nodes, name):
    created = nodes[0].ctl("room-create", name, *[node.id for node in nodes[1:]])
    room = created["id"]
    for node in nodes[1:]:
        wait_until(lambda n=node: any(r["id"] == room for r in n.ctl("rooms")), 30,
                   f"{node.name} to join the room")
    return room


def room_links(node, room, state=None):
    """Node's calls that are links of ROOM's call and not ended (or in `state`)."""
    links = [c for c in node.ctl("calls") if c.get("room") == room and c["state"] != "ended"]
    return [c for c in links if state is None or c["state"] == state]


def mesh_complete(nodes, room):
    """Every node active with every other, all links of one room call; the
    links per node, or None."""
    links = {}
    call_ids = set()
    for node in nodes:
        active = room_links(node, room, "active")
        if sorted(c["peer"] for c in active) != sorted(o.id for o in nodes if o is not node):
            return None
        call_ids |= {c["room_call_id"] for c in active}
        links[node.name] = {c["peer"]: c for c in active}
    return links if len(call_ids) == 1 else None


def mesh_state(nodes, room):
    return {node.name: [{"peer": next((o.name for o in nodes if o.id == c["peer"]), c["peer"]),
                         "state": c["state"], "room_call_id": c.get("room_call_id"),
                         "end_reason": c.get("end_reason")}
                        for c in node.ctl("calls") if c.get("room") == room]
            for node in nodes}


def start_room_call(harness, nodes, room, problems, what):
    """The first node starts the room's call; the others, once ringing, all
    answer at once. Returns the links per node once the mesh is complete,
    else None (and says why in problems)."""
    started_at = time.monotonic()
    reply = nodes[0].ctl("room-call", room)
    if reply.get("calls") != len(nodes) - 1:
        problems.append(f"{what}: room-call reported {reply.get('calls')} calls for {len(nodes) - 1} members online")
    for node in nodes[1:]:
        ringing = soft_wait(lambda n=node: room_links(n, room, "incoming"), 30)
        if not ringing:
            problems.append(f"{what}: {node.name} never rang: {mesh_state(nodes, room)[node.name]}")
            return None, None
    answers = [harness.start_process([harness.confabctl, "--profile", node.profile, "--json", "answer"],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for node in nodes[1:]]
    for node, answer in zip(nodes[1:], answers):
        out, err = answer.communicate(timeout=60)
        if answer.returncode != 0:
            problems.append(f"{what}: answer on {node.name} exited {answer.returncode}: {err.strip()} {out.strip()}")
    links = soft_wait(lambda: mesh_complete(nodes, room), 60)
    if links is None:
        problems.append(f"{what}: the mesh did not complete within 60 s: {json.dumps(mesh_state(nodes, room))}")
        return None, None
    return links, round(time.monotonic() - started_at, 2)


# -- scenario A -----------------------------------------------------------------

class Member:
    def __init__(self, node, index, says, clicks_path, clicks, heard):
        self.node = node
        self.index = index
        self.says = says
        self.clicks_path = clicks_path
        self.clicks = clicks
        self.heard = heard
        self.input = read_wav(says)
        self.input_energy = Energy(self.input)
        self.origin_ns = None
        self.offset = None


def origin_of(links):
    """The file device's stream origin and output offset, the same on every
    link of a node's room call (they share its one device)."""
    origins = {(int(c["audio_origin_ns"]), c["audio_output_offset_frames"])
               for c in links.values() if "audio_origin_ns" in c and "audio_output_offset_frames" in c}
    return origins


def shift(listener, talker):
    """Where talker's input sample n lands in listener's call recording at
    zero delay: n + shift (both devices' origins on CLOCK_MONOTONIC)."""
    return round((talker.origin_ns - listener.origin_ns) * RATE / 1e9) - OUTPUT_BLOCK


def others_silent(listener, talker, members, start, end):
    """True when no member but listener and talker has input that could be
    heard in listener's recording over [start, end) (with a delay up to
    MASK_DELAY)."""
    for other in members:
        if other is listener or other is talker or other.origin_ns is None:
            continue
        s = shift(listener, other)
        if not other.input_energy.silent(start - s - MASK_DELAY, end - s):
            return False
    return True


def pair_envelope(listener, talker, members, recording, window):
    first, last = window
    s = shift(listener, talker)
    frames = [m for m in range(first, last - FRAME, FRAME)
              if others_silent(listener, talker, members, m, m + FRAME)]
    heard = {m: recording.log_energy(m, m + FRAME) for m in frames}
    best = (None, None)
    for delay in range(0, MAX_DELAY + 1, DELAY_STEP):
        usable = [m for m in frames if m - s - delay >= 0 and m - s - delay + FRAME <= len(talker.input)]
        said = [talker.input_energy.log_energy(m - s - delay, m - s - delay + FRAME) for m in usable]
        r = pearson(said, [heard[m] for m in usable])
        if r is not None and (best[0] is None or r > best[0]):
            best = (r, delay)
    correlation, delay = best
    # The stricter figure: only while the talker talks, so what counts is
    # the shape of its syllables and clicks, not talk against silence.
    talking = None
    if delay is not None:
        usable = [m for m in frames if m - s - delay >= 0 and m - s - delay + FRAME <= len(talker.input)
                  and not talker.input_energy.silent(m - s - delay, m - s - delay + FRAME)]
        talking = pearson([talker.input_energy.log_energy(m - s - delay, m - s - delay + FRAME) for m in usable],
                          [heard[m] for m in usable])
    return {
        "envelope_correlation": None if correlation is None else round(correlation, 3),
        "envelope_delay_ms": None if delay is None else round(delay * 1000 / RATE, 1),
        "solo_frames": len(frames),
        "envelope_correlation_while_talking": None if talking is None else round(talking, 3),
    }


def whole_mix(harness, listener, talker, segment, window):
    first, last = window
    s = shift(listener, talker)
    said = array("h", bytes(2 * (last - first)))
    for m in range(max(first, s), min(last, s + len(talker.input))):
        said[m - first] = talker.input[m - s]
    tag = f"m{listener.index}-hears-m{talker.index}"
    reference = os.path.join(harness.tmp, f"{tag}-said.wav")
    degraded = os.path.join(harness.tmp, f"{tag}-heard.wav")
    write_wav(reference, said)
    write_wav(degraded, segment[first:last])
    result = wav_compare(harness, reference, degraded, max_lag_ms=int(MAX_DELAY * 1000 / RATE))
    return {"envelope_correlation_whole_mix": result["envelope_correlation"], "whole_mix_lag_ms": result["lag_ms"]}


def pair_latency(harness, listener, talker, members, segment, window):
    """confab_voice_latency on the talker's clicks that land where nobody else
    sounds: the recording is kept only around those, silence elsewhere."""
    first, last = window
    s = shift(listener, talker)
    masked = array("h", bytes(2 * len(segment)))
    usable = 0
    for n in talker.clicks:
        m = n + s
        start, end = m - OUTPUT_BLOCK, m + CLICK_WINDOW
        if start < first or end > last or not others_silent(listener, talker, members, start, end):
            continue
        masked[start:end] = segment[start:end]
        usable += 1
    if usable == 0:
        return {"clicks_usable": 0}
    heard = os.path.join(harness.tmp, f"m{listener.index}-hears-m{talker.index}-clicks.wav")
    write_wav(heard, masked)
    result = subprocess.run(
        [harness.tool("confab_voice_latency"), "--played", talker.clicks_path,
         "--played-origin-ns", str(talker.origin_ns), "--heard", heard,
         "--heard-origin-ns", str(listener.origin_ns), "--heard-offset-frames", "0"],
        capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        return {"clicks_usable": usable, "error": result.stderr.strip()}
    figures = json.loads(result.stdout)
    figures["clicks_usable"] = usable
    return figures


def link_figures(link):
    stats = link.get("stats", {})
    frames = max(1, stats.get("frames_played", 0) + stats.get("frames_concealed", 0)
                 + stats.get("frames_recovered_fec", 0))
    return {
        "retransmission": link.get("retransmission"),
        "redundancy": link.get("redundancy"),
        "jitter_buffer_ms": stats.get("jitter_buffer_ms"),
        "jitter_ms": stats.get("jitter_ms"),
        "frames_concealed_percent": round(100 * stats.get("frames_concealed", 0) / frames, 2),
        "loss_percent": stats.get("loss_percent"),
        "rtt_ms": stats.get("rtt_ms"),
        "playback_underruns": stats.get("playback_underruns"),
        "device_glitches": stats.get("device_glitches"),
    }


def room_call_run(harness, seconds, problems):
    count = ROOM_CALL_MEMBERS
    # The inputs must outlast the wait for the mesh as well as the call.
    input_seconds = seconds + 40
    voices = [compose_turns(harness, i, count, input_seconds) for i in range(count)]
    heard = [os.path.join(harness.tmp, f"member{i}-heard.wav") for i in range(count)]
    nodes = start_members(harness, "member", count, lambda i: [
        "--audio-in", voices[i][0], "--audio-out", heard[i], "--frame-ms", "20"])
    members = [Member(node, i, *voices[i], heard[i]) for i, node in enumerate(nodes)]
    room = make_room(nodes, "Bench room")
    report = {"members": count, "frame_ms": 20, "seconds": seconds}

    links, mesh_seconds = start_room_call(harness, nodes, room, problems, "room call")
    if links is None:
        for node in nodes:
            node.stop()
        return report
    report["seconds_to_full_mesh"] = mesh_seconds
    mesh_ns = time.monotonic_ns()
    pids = [node.process.pid for node in nodes]
    cpu_before = [voice_bench.cpu_seconds(pid) for pid in pids]
    time.sleep(seconds)
    final = mesh_complete(nodes, room)
    hang_ns = time.monotonic_ns()
    cpu_after = [voice_bench.cpu_seconds(pid) for pid in pids]
    wall = (hang_ns - mesh_ns) / 1e9
    report["cpu_percent_per_member"] = [percent_of_core(b, a, wall) for b, a in zip(cpu_before, cpu_after)]
    if final is None:
        problems.append(f"room call: a link dropped during the call: {json.dumps(mesh_state(nodes, room))}")
        final = {node.name: {c["peer"]: c for c in room_links(node, room, "active")} for node in nodes}
    report["room_call_id"] = next(iter(next(iter(final.values())).values()), {}).get("room_call_id")
    for member in members:
        origins = origin_of(final[member.node.name])
        if len(origins) != 1:
            problems.append(f"room call: {member.node.name}'s links disagree on the audio origin: {origins}")
        if origins:
            member.origin_ns, member.offset = sorted(origins)[0]

    # Everyone leaves, the starter first; the others go on until they do.
    for node in nodes:
        # The last one's calls end when the one before it leaves.
        node.ctl_raw("hangup")
        if soft_wait(lambda n=node: not room_links(n, room), 15) is None:
            problems.append(f"room call: {node.name} still has links after hangup: "
                            f"{mesh_state(nodes, room)[node.name]}")
    for node in nodes:
        node.stop()

    pairs = []
    for listener in members:
        if listener.origin_ns is None:
            continue
        recording = read_wav(listener.heard)
        segment = recording[listener.offset:]
        energy = Energy(segment)
        # Half a second after the mesh was complete, to just before the hangup.
        first = max(0, round((mesh_ns - listener.origin_ns) * RATE / 1e9) - OUTPUT_BLOCK + RATE // 2)
        last = min(len(segment), round((hang_ns - listener.origin_ns) * RATE / 1e9) - OUTPUT_BLOCK - RATE // 10)
        for talker in members:
            if talker is listener or talker.origin_ns is None:
                continue
            pair = {"listener": listener.node.name, "talker": talker.node.name}
            pair.update(pair_envelope(listener, talker, members, energy, (first, last)))
            pair.update(whole_mix(harness, listener, talker, segment, (first, last)))
            pair["latency"] = pair_latency(harness, listener, talker, members, segment, (first, last))
            link = final.get(listener.node.name, {}).get(talker.node.id)
            if link is not None:
                pair["link"] = link_figures(link)
            pairs.append(pair)
    report["pairs"] = pairs
    correlations = [p["envelope_correlation"] for p in pairs]
    report["envelope_correlation_min"] = min((c for c in correlations if c is not None), default=None)
    p95s = [p["latency"].get("p95_ms") for p in pairs]
    p50s = sorted(p["latency"]["p50_ms"] for p in pairs if "p50_ms" in p["latency"])
    report["latency_p95_ms_worst_pair"] = max((x for x in p95s if x is not None), default=None)
    report["latency_p50_ms_median_pair"] = p50s[len(p50s) // 2] if p50s else None
    report["pairs_measured"] = len(pairs)
    report["pairs_expected"] = count * (count - 1)
    return report


# -- two-party baseline -----------------------------------------------------------

def same_input_latency_run(harness, seconds):
    """A plain call whose caller plays a room member's input (its turns:
    clicks and speech after seconds of silence), measured as in the room
    call: the same signal with one listener instead of a mix."""
    says, clicks_path, clicks = compose_turns(harness, 1, ROOM_CALL_MEMBERS, seconds + 20)
    pair = voice_bench.Pair(harness, "turns", says, 20)
    pair.call()
    active_ns = time.monotonic_ns()
    time.sleep(seconds)
    call_a, call_b = pair.stats()
    hang_ns = time.monotonic_ns()
    pair.hang_up()
    pair.stop()
    talker = Member(pair.a, "2p-caller", says, clicks_path, clicks, None)
    listener = Member(pair.b, "2p-callee", says, clicks_path, [], pair.heard_by_b)
    talker.origin_ns = int(call_a["audio_origin_ns"])
    listener.origin_ns = int(call_b["audio_origin_ns"])
    listener.offset = call_b["audio_output_offset_frames"]
    segment = read_wav(pair.heard_by_b)[listener.offset:]
    first = max(0, round((active_ns - listener.origin_ns) * RATE / 1e9) - OUTPUT_BLOCK + RATE // 2)
    last = min(len(segment), round((hang_ns - listener.origin_ns) * RATE / 1e9) - OUTPUT_BLOCK - RATE // 10)
    figures = pair_latency(harness, listener, talker, [listener, talker], segment, (first, last))
    figures["jitter_buffer_ms"] = call_b["stats"]["jitter_buffer_ms"]
    # The room call's envelope figures for one listener alone, to set them against.
    figures.update(pair_envelope(listener, talker, [listener, talker], Energy(segment), (first, last)))
    return figures


def two_party_run(harness, seconds):
    latency = voice_bench.latency_run(harness, 20, seconds)
    same_input = same_input_latency_run(harness, seconds)
    speech = continuous_speech(harness, 0, seconds * 3 + 10)
    cpu = voice_bench.cpu_run(harness, speech, seconds, 20)
    return {"latency": latency, "latency_same_input_as_room_call": same_input, "cpu": cpu}


# -- scenario B -----------------------------------------------------------------

def mixer_named(nodes, room):
    """The node every one of NODES names as the mixer on all its active
    links, or None while they disagree or none mixes."""
    named = {c.get("mixer") for n in nodes for c in room_links(n, room, "active")}
    if len(named) != 1:
        return None
    mixer_id = named.pop()
    return next((n for n in nodes if n.id == mixer_id), None)


def departure_run(harness, problems):
    count = DEPARTURE_MEMBERS
    speech = [continuous_speech(harness, i, 90) for i in range(count)]
    nodes = start_members(harness, "stayer", count, lambda i: ["--audio-in", speech[i], "--frame-ms", "20"])
    room = make_room(nodes, "Departure room")
    report = {"members": count}
    links, mesh_seconds = start_room_call(harness, nodes, room, problems, "departure")
    if links is None:
        for node in nodes:
            node.stop()
        return report
    report["seconds_to_full_mesh"] = mesh_seconds
    mixer = soft_wait(lambda: mixer_named(nodes, room), 20)
    if mixer is None:
        problems.append(f"departure: the {count} members did not agree on a mixer")
        for node in nodes:
            node.stop()
        return report
    report["mixer"] = mixer.name
    pids = [node.process.pid for node in nodes]
    cpu_before = [voice_bench.cpu_seconds(pid) for pid in pids]
    started = time.monotonic()
    time.sleep(DEPARTURE_BEFORE_S)
    cpu_after = [voice_bench.cpu_seconds(pid) for pid in pids]
    cpu = [percent_of_core(b, a, time.monotonic() - started) for b, a in zip(cpu_before, cpu_after)]
    report["cpu_percent_per_member_in_full_call"] = cpu
    report["cpu_percent_of_the_mixer"] = cpu[nodes.index(mixer)]
    others_cpu = [c for node, c in zip(nodes, cpu) if node is not mixer]
    report["cpu_percent_per_other_member_mean"] = round(sum(others_cpu) / len(others_cpu), 2)

    # The mixer leaves; the others must stay, and one of them take over.
    rest = [n for n in nodes if n is not mixer]
    mixer.ctl("hangup")
    left = soft_wait(lambda: not room_links(mixer, room), 20)
    gone = soft_wait(lambda: all(not any(c["peer"] == mixer.id for c in room_links(n, room)) for n in rest), 20)
    report["mixer_left"] = bool(left)
    report["others_saw_the_mixer_leave"] = bool(gone)
    report["end_reasons_seen_by_others"] = sorted({
        c.get("end_reason") for n in rest for c in n.ctl("calls")
        if c.get("room") == room and c["peer"] == mixer.id and c["state"] == "ended"})
    handover_started = time.monotonic()
    successor = soft_wait(lambda: mixer_named(rest, room), 20)
    report["next_mixer"] = successor.name if successor else None
    report["seconds_to_next_mixer"] = round(time.monotonic() - handover_started, 2) if successor else None

    def snapshot():
        return {n.name: {c["peer"]: c for c in room_links(n, room, "active")} for n in rest}

    before = snapshot()
    time.sleep(DEPARTURE_AFTER_S)
    after = snapshot()
    # Audio flows between the new mixer and each of the others, both ways;
    # the others' direct links carry none (the mixer passes it on).
    pairs = []
    for a, b in itertools.combinations(rest, 2):
        entry = {"pair": [a.name, b.name], "active": True, "through_mixer": successor not in (a, b),
                 "frames_played_in_window": [], "packets_received_in_window": []}
        for x, y in ((a, b), (b, a)):
            first, second = before[x.name].get(y.id), after[x.name].get(y.id)
            if first is None or second is None:
                entry["active"] = False
                continue
            entry["frames_played_in_window"].append(
                second["stats"]["frames_played"] - first["stats"]["frames_played"])
            entry["packets_received_in_window"].append(
                second["stats"]["packets_received"] - first["stats"]["packets_received"])
        pairs.append(entry)
    call_ids = {c["room_call_id"] for links_of in after.values() for c in links_of.values()}
    with_mixer = [f for p in pairs if not p["through_mixer"] for f in p["frames_played_in_window"]]
    # 20 ms frames: 50 a second; most of them must still be played.
    wanted = int(DEPARTURE_AFTER_S * 50 * 0.8)
    report["remaining_pairs"] = pairs
    report["remaining_pairs_active"] = sum(1 for p in pairs if p["active"])
    report["remaining_pairs_expected"] = len(pairs)
    report["one_room_call_id_remains"] = len(call_ids) == 1
    report["min_frames_played_per_link_with_the_mixer_in_window"] = min(with_mixer, default=0)
    report["max_frames_played_per_link_through_the_mixer_in_window"] = max(
        (f for p in pairs if p["through_mixer"] for f in p["frames_played_in_window"]), default=0)
    report["window_seconds"] = DEPARTURE_AFTER_S
    report["remaining_stay"] = (bool(left) and bool(gone) and successor is not None and len(call_ids) == 1
                                and all(p["active"] for p in pairs) and min(with_mixer, default=0) >= wanted)
    if not report["remaining_stay"]:
        problems.append(f"departure: the others did not all stay in the call: {json.dumps(mesh_state(nodes, room))}")
    for node in rest:
        node.ctl_raw("hangup")
    for node in nodes:
        node.stop()
    return report


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin-dir", required=True)
    parser.add_argument("--tools-dir", required=True)
    parser.add_argument("--seconds", type=float, default=20.0, help="length of the room call and of the baseline")
    args = parser.parse_args()
    for program in ("espeak-ng", "sox"):
        if shutil.which(program) is None:
            sys.exit(f"room_call_bench: {program} is missing (packaging/install-deps.sh installs it)")

    harness = Harness(args.bin_dir, os.path.join(args.tools_dir, "confab_hostile_peer"), args.tools_dir)
    problems = []
    try:
        report = {"room_call": room_call_run(harness, args.seconds, problems)}
        report["two_party"] = two_party_run(harness, args.seconds)
        report["departure"] = departure_run(harness, problems)

        room = report["room_call"]
        baseline_p95 = report["two_party"]["latency"]["p95_ms"]
        worst = room.get("latency_p95_ms_worst_pair")
        report["latency_p95_over_two_party_ms"] = None if worst is None else round(worst - baseline_p95, 1)
        same_p95 = report["two_party"]["latency_same_input_as_room_call"].get("p95_ms")
        report["latency_p95_over_two_party_same_input_ms"] = (
            None if worst is None or same_p95 is None else round(worst - same_p95, 1))
        pairs = room.get("pairs", [])
        complete = room.get("pairs_measured") == room.get("pairs_expected")
        report["goals"] = {
            "heard_threshold": MIN_ENVELOPE_CORRELATION,
            "every_pair_heard": complete and all(
                p["envelope_correlation"] is not None and p["envelope_correlation"] >= MIN_ENVELOPE_CORRELATION
                for p in pairs),
            "latency_margin_ms": LATENCY_MARGIN_MS,
            "every_pair_p95_within_margin_of_two_party": complete and all(
                p["latency"].get("p95_ms") is not None
                and p["latency"]["p95_ms"] <= baseline_p95 + LATENCY_MARGIN_MS for p in pairs),
            "remaining_members_stay_when_the_mixer_leaves": bool(report["departure"].get("remaining_stay")),
        }
        report["problems"] = problems
        print(json.dumps(report, indent=2))
    finally:
        harness.cleanup()


if __name__ == "__main__":
    main()
