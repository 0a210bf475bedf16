#!/usr/bin/env python3
"""A room call of six real confabd processes on 127.0.0.1: above four members
one member mixes. Every member names the same mixer (the lowest id); the
others send their voice to it alone, and it passes everyone else's on. Only
one member talks (the highest id), so what another member hears can only
have come through the mixer: that member's link with the talker plays
nothing while its link with the mixer plays the talker's speech. Then the
mixer leaves: the five others stay in the call, agree on the next mixer and
hear the talker through it. At the end the listener's recording carries the
talker's speech."""

import array
import base64
import math
import os
import statistics
import wave

from call_fixtures import make_speech, wav_compare
from confab_harness import check, run_test, wait_until
from test_call import MIN_ENVELOPE_CORRELATION
from test_room_call import links, looped_speech, wait_mesh

MEMBERS = 6
# Every wait is on state the nodes report; the limits only bound a hang.
WAIT_S = 60
# How long each arrangement is watched for audio.
LISTEN_S = 4
# The listener's recording is compared with the talker's phrase in windows
# this long (shorter than the phrase), starting every WINDOW_STEP_S, those
# louder than this RMS (of full scale 32768; silence is 0, the speech about
# 3000).
WINDOW_S = 2.0
WINDOW_STEP_S = 0.5
SPEECH_RMS = 300


def arranged(nodes, room, mixer):
    """Every node active with every other in NODES and naming MIXER on each
    link, with via_mixer on exactly the links a mixer carries."""
    for node in nodes:
        active = links(node, room, "active")
        if sorted(c["peer"] for c in active) != sorted(o.id for o in nodes if o is not node):
            return False
        for call in active:
            if call.get("mixer") != mixer.id:
                return False
            if call.get("via_mixer") != (node is not mixer and call["peer"] != mixer.id):
                return False
    return True


def arrangement(nodes, room):
    """What each node reports of its links, for a failure message."""
    names = {n.id: n.name for n in nodes}
    return {node.name: [(names.get(c["peer"], c["peer"][:8]), c["state"], names.get(c.get("mixer"), c.get("mixer")),
                         c.get("via_mixer")) for c in links(node, room)]
            for node in nodes}


def wait_arranged(nodes, room, mixer, what):
    try:
        wait_until(lambda: arranged(nodes, room, mixer), WAIT_S, what)
    except AssertionError as error:
        raise AssertionError(f"{error}; last seen: {arrangement(nodes, room)}") from error


def played(node, peer, room):
    call = next(c for c in links(node, room, "active") if c["peer"] == peer.id)
    return call["stats"]["frames_played"]


def heard_through(mixer, talker, listener, room, what):
    """While the talker talks, the listener plays audio from the mixer and
    none from the talker directly."""
    direct, mixed = played(listener, talker, room), played(listener, mixer, room)
    wait_until(lambda: played(listener, mixer, room) >= mixed + LISTEN_S * 25, WAIT_S,
               f"{listener.name} to hear {talker.name} through {mixer.name} ({what})")
    direct_now = played(listener, talker, room)
    check(direct_now <= direct + 2,
          f"{talker.name} sent to {listener.name} directly while {mixer.name} mixes ({what}): "
          f"{direct} then {direct_now} frames")
    print(f"{what}: {listener.name} hears {talker.name} through {mixer.name}")


def read_wav(path):
    with wave.open(path, "rb") as source:
        return source.getparams(), source.readframes(source.getnframes())


def write_wav(path, params, frames):
    with wave.open(path, "wb") as out:
        out.setparams(params)
        out.writeframes(frames)
    return path


def loud(frames):
    """Whether 16-bit mono samples are loud enough to be speech, not silence."""
    samples = array.array("h", frames)
    return bool(samples) and math.sqrt(sum(x * x for x in samples) / len(samples)) > SPEECH_RMS


def windowed_match(harness, phrase, recording, tag):
    """The median envelope correlation of the recording's loud windows with
    `phrase`, each window aligned on its own. The talker says its phrase over
    and over, so a window of the recording finds its place in two of it.
    One alignment for the whole recording would not do: the delay through
    two jitter buffers and a handover changes while it runs, more so on a
    loaded machine."""
    phrase_params, phrase_frames = read_wav(phrase)
    twice = write_wav(os.path.join(harness.tmp, f"{tag}-twice.wav"), phrase_params, phrase_frames * 2)
    phrase_ms = 1000 * phrase_params.nframes // phrase_params.framerate
    params, frames = read_wav(recording)
    width = int(WINDOW_S * params.framerate) * params.sampwidth
    step = int(WINDOW_STEP_S * params.framerate) * params.sampwidth
    scores = []
    for start in range(0, len(frames) - width + 1, step):
        window = frames[start:start + width]
        if not loud(window):
            continue  # before the call, or while the mixer changed
        path = write_wav(os.path.join(harness.tmp, f"{tag}-window.wav"), params, window)
        scores.append(round(wav_compare(harness, twice, path, max_lag_ms=phrase_ms + 50)["envelope_correlation"], 3))
    check(len(scores) >= 3, f"only {len(scores)} windows of {recording} hold sound")
    return statistics.median(scores), scores


def main(harness):
    speech = looped_speech(harness, "talker", "This is the talker of a big room. The quick brown fox jumps over "
                                              "the lazy dog. One, two, three, four, five.")
    phrase = os.path.join(harness.tmp, "talker-once.wav")  # what looped_speech repeats
    nodes = []
    for index in range(MEMBERS):
        args = ["--frame-ms", "20", "--audio-out", os.path.join(harness.tmp, f"member{index}-heard.wav")]
        nodes.append(harness.node(f"member{index}").start(peers=[n.address for n in nodes], extra_args=args))
    for i, a in enumerate(nodes):
        for b in nodes[i + 1:]:
            a.wait_connected(b, timeout=WAIT_S)
            b.wait_connected(a, timeout=WAIT_S)
    # Ids decide who mixes, compared as bytes (their base32 text sorts
    # digits before letters); only the highest talks (its daemon restarts
    # with the speech as its microphone).
    nodes.sort(key=lambda n: base64.b32decode(n.id.upper()))
    talker = nodes[-1]
    check(talker.stop() == 0, "the talker did not exit cleanly")
    talker.start(peers=[n.address for n in nodes[:-1]],
                 extra_args=["--frame-ms", "20", "--audio-in", speech,
                             "--audio-out", os.path.join(harness.tmp, "talker-heard.wav")])
    for other in nodes[:-1]:
        talker.wait_connected(other, timeout=WAIT_S)
        other.wait_connected(talker, timeout=WAIT_S)

    room = nodes[0].ctl("room-create", "Big room", *[n.id for n in nodes[1:]])["id"]
    for node in nodes[1:]:
        wait_until(lambda n=node: any(r["id"] == room for r in n.ctl("rooms")), WAIT_S,
                   f"{node.name} to join the room")
    check(talker.ctl("room-call", room)["calls"] == MEMBERS - 1, "the room call did not invite every member")
    for node in nodes[:-1]:
        wait_until(lambda n=node: links(n, room, "incoming"), WAIT_S, f"{node.name} to ring")
        node.ctl("answer")
    wait_mesh(nodes, room)

    first, second, listener = nodes[0], nodes[1], nodes[-2]
    wait_arranged(nodes, room, first, f"everyone to name {first.name} the mixer")
    print(f"{MEMBERS} members: {first.name} mixes")
    heard_through(first, talker, listener, room, "first mixer")

    first.ctl("hangup")
    rest = nodes[1:]
    wait_until(lambda: not links(first, room), WAIT_S, f"{first.name} to leave")
    wait_arranged(rest, room, second, f"the other {len(rest)} to stay and name {second.name} the mixer")
    print(f"{first.name} left: {second.name} mixes for the other {len(rest)}")
    heard_through(second, talker, listener, room, "after the mixer left")

    for node in rest:
        node.ctl_raw("hangup")
    for node in nodes:
        check(node.stop() == 0, f"{node.name} did not exit cleanly")

    recording = os.path.join(harness.tmp, f"{listener.name}-heard.wav")
    heard, scores = windowed_match(harness, phrase, recording, "talker")
    print(f"{listener.name} heard the talker: median envelope correlation {heard:.3f} over windows {scores}")
    check(heard >= MIN_ENVELOPE_CORRELATION, f"{listener.name}'s recording does not carry the talker's speech")
    unrelated = make_speech(harness, "control.wav", "Somebody else entirely, reading a different sentence slowly.")
    other, scores = windowed_match(harness, unrelated, recording, "control")
    print(f"control (other speech): median {other:.3f} over windows {scores}")
    check(other < MIN_ENVELOPE_CORRELATION, "the comparison cannot tell the talker from other speech")


if __name__ == "__main__":
    run_test(main)
