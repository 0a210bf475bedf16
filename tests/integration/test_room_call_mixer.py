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

import base64
import os
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


def aligned_reference(harness, speech, talker_origin_ns, listener_origin_ns):
    """The talker's input from the moment the listener's recording begins:
    the two file devices started at their own moments."""
    with wave.open(speech, "rb") as source:
        params = source.getparams()
        skip = max(0, (listener_origin_ns - talker_origin_ns) * params.framerate // 1_000_000_000)
        source.setpos(min(skip, params.nframes))
        frames = source.readframes(params.nframes)
    path = os.path.join(harness.tmp, "talker-aligned.wav")
    with wave.open(path, "wb") as out:
        out.setparams(params)
        out.writeframes(frames)
    return path


def main(harness):
    speech = looped_speech(harness, "talker", "This is the talker of a big room. The quick brown fox jumps over "
                                              "the lazy dog. One, two, three, four, five.")
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

    talker_link = next(c for c in links(listener, room, "active") if c["peer"] == talker.id)
    talker_origin = int(next(c for c in links(talker, room, "active"))["audio_origin_ns"])
    listener_origin = int(talker_link["audio_origin_ns"])
    for node in rest:
        node.ctl_raw("hangup")
    for node in nodes:
        check(node.stop() == 0, f"{node.name} did not exit cleanly")

    reference = aligned_reference(harness, speech, talker_origin, listener_origin)
    heard = wav_compare(harness, reference, os.path.join(harness.tmp, f"{listener.name}-heard.wav"))
    print(f"{listener.name} heard: {heard}")
    check(heard["envelope_correlation"] >= MIN_ENVELOPE_CORRELATION,
          f"{listener.name}'s recording does not carry the talker's speech: {heard}")
    unrelated = make_speech(harness, "control.wav", "Somebody else entirely, reading a different sentence slowly.")
    other = wav_compare(harness, unrelated, os.path.join(harness.tmp, f"{listener.name}-heard.wav"))
    check(other["envelope_correlation"] < MIN_ENVELOPE_CORRELATION,
          f"the comparison cannot tell the talker from other speech: {other}")


if __name__ == "__main__":
    run_test(main)
