#!/bin/sh
# A call through PortAudio's real device path: two confabd in a private
# PipeWire session (see pipewire_session.sh), each with a microphone and a
# speaker of its own (null nodes, reached as the ALSA device "confab"), call
# each other. Each microphone is fed a different sentence (espeak-ng, mostly
# voiced sounds: Opus keeps their waveform, where it only imitates hiss) and
# each speaker is recorded. Passes when the call is up on both sides and each
# recording holds the other side's sentence: audio flows end to end. It never
# judges how punctual the machine was (underruns, sound-server glitches):
# tests/bench/pipewire_bench.sh measures those.
# Environment: CONFABD, CONFABCTL, COMPARE (confab_wav_compare), all required.
# Exits 77 (skipped) when PipeWire is not installed or cannot start.
set -eu

: "${CONFABD:?set CONFABD}"
: "${CONFABCTL:?set CONFABCTL}"
: "${COMPARE:?set COMPARE to the confab_wav_compare binary}"
. "$(dirname "$0")/pipewire_session.sh"
for tool in espeak-ng sox; do
    command -v "$tool" >/dev/null 2>&1 || skip "$tool is not installed (packaging/install-deps.sh installs it)"
done
for side in alice bob; do
    pw_add_node "$side-mic" Audio/Source/Virtual
    pw_add_node "$side-speaker" Audio/Sink
    pw_alsa_home "$WORK/$side-home" "$side-speaker" "$side-mic"
done
pw_start_session
make_speech "$WORK/alice-says.wav" "Alice here. I am on my way home now, and I will be there in a minute or more. \
Are you alone in the room?"
make_speech "$WORK/bob-says.wav" "Bob here. Many more men were marching over the mountain, and the moon rose over \
the lonely valley below."

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
ctl() { # NODE ARGS...
    node=$1
    shift
    "$CONFABCTL" --profile "$WORK/$node" --json "$@"
}
field() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

a_port=$(port)
b_port=$(port)
device_args="--audio-input-device confab --audio-output-device confab --frame-ms 10 --discovery off"
# shellcheck disable=SC2086
start alice env HOME="$WORK/alice-home" "$CONFABD" --profile "$WORK/alice" --name alice \
    --listen "127.0.0.1:$a_port" $device_args
# shellcheck disable=SC2086
start bob env HOME="$WORK/bob-home" "$CONFABD" --profile "$WORK/bob" --name bob \
    --listen "127.0.0.1:$b_port" --peer "127.0.0.1:$a_port" $device_args
wait_for alice ctl alice status || fail "alice did not start"
wait_for bob ctl bob status || fail "bob did not start"
connected() { ctl alice peers | grep -q '"connected": *true'; }
wait_for "the link" connected || fail "alice and bob did not connect"

b_id=$(ctl bob id | field '["id"]')
ctl alice call "$b_id" >/dev/null
ringing() { ctl bob calls | grep -q '"state": *"incoming"'; }
wait_for "the incoming call" ringing || fail "bob's call never rang"
ctl bob answer >/dev/null
active() { ctl alice calls | grep -q '"state": *"active"' && ctl bob calls | grep -q '"state": *"active"'; }
wait_for "the call" active || fail "the call did not become active on both sides"

# Each side speaks its sentence once; the speakers are recorded from just
# before until a moment after (the jitter buffer and the sound server delay it).
pw_record_sink alice-speaker "$WORK/alice-heard.wav"
alice_recorder=$RECORD_PID
pw_record_sink bob-speaker "$WORK/bob-heard.wav"
bob_recorder=$RECORD_PID
pw_feed alice-mic "$WORK/alice-says.wav"
alice_feed=$FEED_PID
pw_feed bob-mic "$WORK/bob-says.wav"
bob_feed=$FEED_PID
log "both sides speak"
# The sentences take a few seconds. A player still going after
# FEED_DEADLINE_S (default 60) is stuck in the sound server (once, under heavy
# load, one never ended): it is stopped, and the recordings below decide
# whether the sentence got through. Only a player that failed fails the test.
for feed in "alice:$alice_feed" "bob:$bob_feed"; do
    side=${feed%%:*}
    pid=${feed#*:}
    status=0
    wait_done "$pid" "${FEED_DEADLINE_S:-60}" || status=$?
    case $status in
    0) ;;
    124)
        log "pw-play into $side-mic was still running after ${FEED_DEADLINE_S:-60} s; stopping it (the graph follows)"
        pw_graph_state
        kill -INT "$pid" 2>/dev/null || true
        wait_done "$pid" 5 >/dev/null 2>&1 || kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
        ;;
    *) fail "pw-play into $side-mic failed (exit $status)" ;;
    esac
done
sleep 2
stop_pid "$alice_recorder"
stop_pid "$bob_recorder"
ctl alice calls >"$WORK/alice-calls.json"
ctl bob calls >"$WORK/bob-calls.json"
ctl alice hangup >/dev/null

python3 - "$WORK/alice-calls.json" "$WORK/bob-calls.json" <<'PY'
import json
import sys

problems = []
for path in sys.argv[1:3]:
    call = json.load(open(path))[0]
    who = call["name"] + "'s peer"
    print(json.dumps({"side": who, "state": call["state"], "audio_device": call["audio_device"],
                      "audio_notice": call.get("audio_notice"), "stats": call.get("stats")}))
    if call["state"] != "active":
        problems.append(f"{who}: the call is {call['state']}")
for p in problems:
    print("FAIL:", p, file=sys.stderr)
sys.exit(1 if problems else 0)
PY

# Each recording must hold the other side's sentence.
for pair in alice:bob bob:alice; do
    listener=${pair%:*}
    speaker=${pair#*:}
    python3 "$(dirname "$0")/speech_heard.py" --compare "$COMPARE" "$WORK/$speaker-says.wav" \
        "$WORK/$listener-heard.wav" >"$WORK/$listener-hears-$speaker.json" ||
        fail "could not compare $listener's recording"
    printf '%s hears %s: %s\n' "$listener" "$speaker" "$(cat "$WORK/$listener-hears-$speaker.json")"
done
python3 - "$WORK" <<'PY'
import json
import sys

work = sys.argv[1]
problems = []
for listener, speaker in (("alice", "bob"), ("bob", "alice")):
    heard = json.load(open(f"{work}/{listener}-hears-{speaker}.json"))
    if not heard["aligned_share"] >= 0.6:
        problems.append(f"{speaker}'s sentence is not in what {listener}'s speaker played")
for p in problems:
    print("FAIL:", p, file=sys.stderr)
sys.exit(1 if problems else 0)
PY
log "PASS"
