#!/usr/bin/env python3
"""A room's call between real confabd processes on 127.0.0.1 with file audio:
one member starts it and the others ring (one room call however many
members' invites ring for it), answer, and end up talking with every other
member under one room call id; mute acts on every link, silence and
unsilence on one member and on this side only; the one who started it
leaves and the others go on; `call ROOMNAME` is room-call and rejoins; a
node outside the room never rings and finds its members busy; a member who
declines does not ring again when others join; once a room's call is over,
calling the room again starts a new call that rings every member."""

import os
import wave

from call_fixtures import calls, make_speech
from confab_harness import check, run_test, wait_until

ROOM = "Call room"
# Every wait is on state the nodes report; the limits only bound a hang.
WAIT_S = 30


def looped_speech(harness, name, text, seconds=120):
    """espeak-ng speech over and over for `seconds`: audio that keeps
    flowing for as long as the test may take (the file device plays its
    input once, then silence)."""
    once = make_speech(harness, f"{name}-once.wav", text)
    with wave.open(once, "rb") as source:
        params = source.getparams()
        frames = source.readframes(source.getnframes())
    path = os.path.join(harness.tmp, f"{name}-says.wav")
    repeats = max(1, int(seconds * params.framerate * params.sampwidth / max(1, len(frames))) + 1)
    with wave.open(path, "wb") as out:
        out.setparams(params)
        out.writeframes(frames * repeats)
    return path


def links(node, room, state=None):
    """Node's calls that are links of ROOM's call and not ended (or in `state`)."""
    found = [c for c in calls(node) if c.get("room") == room and c["state"] != "ended"]
    return [c for c in found if state is None or c["state"] == state]


def link_with(node, other, room):
    return next((c for c in links(node, room) if c["peer"] == other.id), None)


def ended_with(node, other, room, call_id=None):
    """Node's newest ended link of ROOM's call (of that room call, if given)
    with other, or None."""
    return next((c for c in calls(node) if c.get("room") == room and c["peer"] == other.id
                 and c["state"] == "ended" and call_id in (None, c["room_call_id"])), None)


def wait_mesh(nodes, room, call_id=None, one_id=True):
    """Waits until every node is active with every other node in ROOM's call,
    all links with one room call id (unless one_id is False: someone rejoined
    with a new invitation); returns that id (the set of ids)."""
    seen = {}

    def complete():
        ids = set()
        for node in nodes:
            active = links(node, room, "active")
            seen[node.name] = [(c["peer"][:8], c["state"], c.get("room_call_id", "")[:8]) for c in links(node, room)]
            if sorted(c["peer"] for c in active) != sorted(o.id for o in nodes if o is not node):
                return None
            ids |= {c["room_call_id"] for c in active}
        if not one_id:
            return ids
        return ids.pop() if len(ids) == 1 else None

    try:
        found = wait_until(complete, WAIT_S, f"{[n.name for n in nodes]} to talk with each other", interval=0.2)
    except AssertionError as error:
        raise AssertionError(f"{error}; last seen: {seen}") from error
    check(call_id is None or not one_id or found == call_id, f"the room call id changed from {call_id} to {found}")
    return found


def wait_audio(node, other, room, more_than=0):
    """Waits until node has played more than `more_than` frames from other;
    returns how many."""
    def played():
        link = link_with(node, other, room)
        count = link["stats"]["frames_played"] if link and link["state"] == "active" else -1
        return count if count > more_than else None

    return wait_until(played, WAIT_S, f"{node.name} to play audio from {other.name}", interval=0.2)


def wait_level(node, other, room, heard):
    """Waits until node's link with other plays something (heard) or nothing."""
    def level():
        link = link_with(node, other, room)
        return link is not None and link["state"] == "active" and ((link["playback_level"] > 0) == heard)

    wait_until(level, WAIT_S, f"{node.name}'s playback level of {other.name} to be {'above 0' if heard else '0'}",
               interval=0.1)


def check_errors(alice, bob, dave, room):
    result = dave.ctl_raw("room-call", room)
    check(result.returncode != 0, f"room-call by a node outside the room: {result!r}")
    result = bob.ctl_raw("room-call", "no-room-by-this-name")
    check(result.returncode != 0 and "no-room-by-this-name" in result.stderr,
          f"room-call of an unknown room: {result!r}")
    result = alice.ctl_raw("silence", bob.id)
    check(result.returncode != 0, f"silence without a call: {result!r}")
    result = alice.ctl_raw("silence")
    check(result.returncode != 0, f"silence without a peer: {result!r}")


def ring_and_join(alice, bob, carol, dave, room):
    placed = alice.ctl("room-call", room)
    check(placed["room"] == room and placed["name"] == ROOM and placed["calls"] == 2, f"room-call: {placed}")
    outgoing = links(alice, room)
    check(len(outgoing) == 2 and all(c["direction"] == "outgoing" for c in outgoing), f"alice's links: {outgoing}")
    call_id = outgoing[0]["room_call_id"]
    check(all(c["room_call_id"] == call_id for c in outgoing), f"alice's links disagree: {outgoing}")

    for node in (bob, carol):
        wait_until(lambda n=node: [c for c in links(n, room, "incoming") if c["peer"] == alice.id],
                   WAIT_S, f"{node.name} to ring for alice's room call")
        ringing = link_with(node, alice, room)
        check(ringing["room_call_id"] == call_id and ringing["direction"] == "incoming", f"{node.name}: {ringing}")
    check(calls(dave) == [], f"dave, who is not in the room, has calls: {calls(dave)}")

    answered = bob.ctl("answer")  # no PEER: the room call is the one ringing call
    check(answered["peer"] == alice.id and answered.get("room") == room, f"bob's answer: {answered}")
    wait_until(lambda: (link_with(bob, alice, room) or {}).get("state") == "active", WAIT_S,
               "bob to be in the call with alice")
    # Bob, having joined, invites carol too: her room call rings with two links.
    wait_until(lambda: len(links(carol, room, "incoming")) == 2, WAIT_S, "carol to ring for alice and bob")
    check({c["room_call_id"] for c in links(carol, room)} == {call_id}, f"carol's links: {links(carol, room)}")
    shown = carol.ctl_raw("calls", json_output=False).stdout
    check(f"(room call {room[:8]})" in shown, f"calls as text: {shown!r}")

    carol.ctl("answer")  # both ringing links count as one call
    check(wait_mesh([alice, bob, carol], room) == call_id, "the mesh is not alice's room call")
    check(calls(dave) == [], f"dave rang: {calls(dave)}")
    for node in (alice, bob, carol):
        for other in (alice, bob, carol):
            if other is not node:
                wait_audio(node, other, room, more_than=25)
    print(f"alice, bob and carol talk with each other in room call {call_id[:8]}")
    return call_id


def mute_and_silence(alice, bob, carol, room):
    # Mute without PEER: one microphone for the whole room call.
    muted = alice.ctl("mute")
    check(muted["muted"], f"mute: {muted}")
    check(all(c["muted"] for c in links(alice, room)), f"mute left a link unmuted: {links(alice, room)}")
    alice.ctl("unmute")
    check(not any(c["muted"] for c in links(alice, room)), f"unmute left a link muted: {links(alice, room)}")

    # Silence bob for alice alone: alice still receives him, but plays nothing of him.
    wait_level(alice, bob, room, heard=True)
    silenced = alice.ctl("silence", bob.id)
    check(silenced["peer"] == bob.id and silenced["silenced"] is True, f"silence: {silenced}")
    check(link_with(alice, bob, room)["silenced"] is True, f"alice's link with bob: {link_with(alice, bob, room)}")
    check(link_with(alice, carol, room)["silenced"] is False,
          f"alice's link with carol: {link_with(alice, carol, room)}")
    check(link_with(carol, bob, room)["silenced"] is False, "silencing bob at alice's silenced him at carol's")
    check(link_with(bob, alice, room)["silenced"] is False, "silencing bob at alice's changed bob's side")
    wait_level(alice, bob, room, heard=False)
    before = link_with(alice, bob, room)["stats"]["frames_played"]
    wait_audio(alice, bob, room, more_than=before + 25)  # still decoded, only not mixed in
    wait_level(alice, carol, room, heard=True)
    check(link_with(alice, bob, room)["playback_level"] == 0,
          f"bob is heard while silenced: {link_with(alice, bob, room)}")

    unsilenced = alice.ctl("unsilence", bob.id)
    check(unsilenced["silenced"] is False, f"unsilence: {unsilenced}")
    check(link_with(alice, bob, room)["silenced"] is False, f"after unsilence: {link_with(alice, bob, room)}")
    wait_level(alice, bob, room, heard=True)
    print("mute acts on every link; silence and unsilence on bob, at alice's only")


def starter_leaves(alice, bob, carol, room, call_id):
    left = alice.ctl("hangup")
    check(left.get("room") == room, f"hangup: {left}")
    wait_until(lambda: not links(alice, room), WAIT_S, "alice to leave every link")
    for other in (bob, carol):
        mine = ended_with(alice, other, room, call_id)
        check(mine is not None and mine["end_reason"] == "hung up", f"alice's end with {other.name}: {mine}")
        wait_until(lambda o=other: link_with(o, alice, room) is None, WAIT_S, f"{other.name} to see alice leave")
        theirs = ended_with(other, alice, room, call_id)
        check(theirs["end_reason"] == "the other side hung up", f"{other.name}'s end with alice: {theirs}")
    check(wait_mesh([bob, carol], room) == call_id, "bob and carol's call changed id")
    for node, other in ((bob, carol), (carol, bob)):
        before = link_with(node, other, room)["stats"]["frames_played"]
        wait_audio(node, other, room, more_than=before + 50)
    print("alice left; bob and carol go on talking")


def rejoin_with_call(alice, bob, carol, dave, room, call_id):
    rejoined = alice.ctl("call", ROOM)  # no peer goes by the room's name: room-call
    check(rejoined["room"] == room and rejoined["calls"] == 2, f"call ROOMNAME: {rejoined}")
    # Bob and carol, in the call, take alice's new invitation at once.
    wait_mesh([alice, bob, carol], room, one_id=False)
    check(link_with(bob, carol, room)["room_call_id"] == call_id, "bob and carol's own link changed")
    print("call ROOMNAME rejoined the room call that went on")

    # Outside the room, dave finds alice busy, and the room call goes on.
    dave.ctl("call", alice.id)
    ended = wait_until(lambda: next((c for c in calls(dave) if c["peer"] == alice.id and c["state"] == "ended"), None),
                       WAIT_S, "dave's call to end")
    check(ended["end_reason"] == "the other side is busy", f"dave's call: {ended}")
    wait_mesh([alice, bob, carol], room, one_id=False)  # dave's call disturbed nothing
    print("dave, outside the room, finds alice busy")


def everyone_leaves(alice, bob, carol, room):
    for node in (alice, bob, carol):
        node.ctl_raw("hangup")  # the last one's links end when the one before it leaves
        wait_until(lambda n=node: not links(n, room), WAIT_S, f"{node.name} to leave")
    for node in (alice, bob, carol):
        check(not links(node, room), f"{node.name} still has links: {links(node, room)}")


def decline_stays_declined(alice, bob, carol, room, old_call_id):
    """Carol, who did not leave the last call herself, starts a new one; bob
    declines it, alice joins, and bob does not ring again."""
    placed = carol.ctl("room-call", room)
    check(placed["calls"] == 2, f"carol's room-call: {placed}")
    for node in (alice, bob):
        wait_until(lambda n=node: link_with(n, carol, room) and link_with(n, carol, room)["state"] == "incoming",
                   WAIT_S, f"{node.name} to ring for carol's room call")
    call_id = link_with(bob, carol, room)["room_call_id"]
    check(call_id != old_call_id, "a new room call reuses the old one's id")
    declined = bob.ctl("decline")
    check(declined["state"] == "ended" and declined["end_reason"] == "declined", f"decline: {declined}")
    alice.ctl("answer")
    wait_mesh([alice, carol], room, call_id)
    refused = wait_until(lambda: ended_with(alice, bob, room, call_id), WAIT_S, "alice's invite to bob to end")
    check(refused["end_reason"] == "the other side declined", f"alice's invite to bob: {refused}")
    check(not links(bob, room), f"bob rang again after declining: {links(bob, room)}")
    print("bob declined carol's room call and did not ring again when alice joined")
    alice.ctl("hangup")
    wait_until(lambda: not links(carol, room), WAIT_S, "carol's call to end when alice leaves")
    return call_id


def new_call_after_it_ended(alice, bob, carol, room, earlier_ids):
    """The room's call is over for everyone. Alice, who left it, calls the
    room again: no call runs there to rejoin, so this is a new call and every
    member online rings, bob too, although he declined the last one."""
    before = {c["call_id"] for c in calls(alice)}
    placed = alice.ctl("room-call", room)
    check(placed["calls"] == 2, f"alice's room-call: {placed}")

    def new_links():
        return [c for c in calls(alice) if c.get("room") == room and c["call_id"] not in before]

    def settled():
        mine = new_links()
        if any(c["state"] == "ended" for c in mine):
            return True
        return all((link_with(n, alice, room) or {}).get("state") == "incoming" for n in (bob, carol))

    wait_until(settled, WAIT_S, "bob and carol to ring for alice's new room call")
    mine = new_links()
    names = {bob.id: "bob", carol.id: "carol"}
    reused = {c["room_call_id"] for c in mine} & set(earlier_ids)
    ended = [(names.get(c["peer"], c["peer"]), c["end_reason"]) for c in mine if c["state"] == "ended"]
    check(not reused and not ended,
          f"alice's new room call took the id of an earlier one ({sorted(reused)}) and ended at once with "
          f"{ended}; its links: {[(names.get(c['peer']), c['state'], c['room_call_id']) for c in mine]}")
    print("a new room call after the last one ended rings every member")
    alice.ctl("hangup")
    for node in (bob, carol):
        wait_until(lambda n=node: not links(n, room), WAIT_S, f"{node.name} to stop ringing")


def main(harness):
    texts = {
        "alice": "This is Alice in the room. The quick brown fox jumps over the lazy dog. One, two, three.",
        "bob": "Hello, Bob here. I hear you loud and clear. Seven, eight, nine, ten, eleven.",
        "carol": "Carol speaking. The birch canoe slid on the smooth planks. Four, five, six.",
        "dave": "Dave, not in the room. Glue the sheet to the dark blue background.",
    }
    nodes = {}
    for name, text in texts.items():
        speech = looped_speech(harness, name, text)
        heard = os.path.join(harness.tmp, f"{name}-heard.wav")
        nodes[name] = harness.node(name).start(peers=[n.address for n in nodes.values()],
                                               extra_args=["--audio-in", speech, "--audio-out", heard])
    alice, bob, carol, dave = nodes.values()
    everyone = list(nodes.values())
    for i, a in enumerate(everyone):
        for b in everyone[i + 1:]:
            a.wait_connected(b, timeout=WAIT_S)
            b.wait_connected(a, timeout=WAIT_S)

    room = alice.ctl("room-create", ROOM, bob.id, carol.id)["id"]
    for node in (bob, carol):
        wait_until(lambda n=node: any(r["id"] == room for r in n.ctl("rooms")), WAIT_S, f"{node.name} to join the room")

    check_errors(alice, bob, dave, room)
    call_id = ring_and_join(alice, bob, carol, dave, room)
    mute_and_silence(alice, bob, carol, room)
    starter_leaves(alice, bob, carol, room, call_id)
    rejoin_with_call(alice, bob, carol, dave, room, call_id)
    everyone_leaves(alice, bob, carol, room)
    second_id = decline_stays_declined(alice, bob, carol, room, call_id)
    new_call_after_it_ended(alice, bob, carol, room, [call_id, second_id])

    for node in everyone:
        check(node.stop() == 0, f"{node.name} did not exit cleanly")


if __name__ == "__main__":
    run_test(main)
