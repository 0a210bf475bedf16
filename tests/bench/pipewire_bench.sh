#!/bin/sh
# Real-time figures of Confab's audio path on a real sound server, printed as
# one JSON object: a private PipeWire session (tests/audio/pipewire_session.sh,
# no sound card needed), then
#   device: confab_audio_probe loops input to output on the PipeWire ALSA
#           device for BENCH_SECONDS (default 60): callbacks against the
#           count 48 kHz calls for, underruns, overruns and irregular blocks
#           per minute, the delay to the first callback and the longest gap
#           between two callbacks;
#   call:   two confabd in a call for BENCH_SECONDS, each on a microphone fed
#           with speech and a speaker of its own: the voice worker's playback
#           underruns and the sound server's glitches, per minute, and the
#           jitter buffer's delay and concealment at the end.
# These depend on how busy the machine is; the tests in tests/audio assert
# only that audio flows. Exits 77 when PipeWire is not installed or cannot
# start.
#
# Environment: PROBE (confab_audio_probe), CONFABD, CONFABCTL (all required),
# BENCH_SECONDS.
set -eu

: "${PROBE:?set PROBE to the confab_audio_probe binary}"
: "${CONFABD:?set CONFABD}"
: "${CONFABCTL:?set CONFABCTL}"
SECONDS_TO_RUN=${BENCH_SECONDS:-60}
. "$(dirname "$0")/../audio/pipewire_session.sh"
for tool in espeak-ng sox; do
    command -v "$tool" >/dev/null 2>&1 || skip "$tool is not installed (packaging/install-deps.sh installs it)"
done
for side in alice bob; do
    pw_add_node "$side-mic" Audio/Source/Virtual
    pw_add_node "$side-speaker" Audio/Sink
    pw_alsa_home "$WORK/$side-home" "$side-speaker" "$side-mic"
done
pw_start_session

# Speech for as long as the runs last: one sentence per side, repeated.
repeats=$((SECONDS_TO_RUN / 4 + 2))
make_speech "$WORK/alice-once.wav" "Alice here. I am on my way home now, and I will be there in a minute or more. \
Are you alone in the room?"
make_speech "$WORK/bob-once.wav" "Bob here. Many more men were marching over the mountain, and the moon rose over \
the lonely valley below."
for side in alice bob; do
    sox "$WORK/$side-once.wav" "$WORK/$side-says.wav" repeat "$repeats" || fail "sox failed"
done

# The device on its own: the default source fed with speech, looped to the default sink.
make_speech "$WORK/probe-once.wav" "Testing the sound card, one two three."
sox "$WORK/probe-once.wav" "$WORK/probe-says.wav" repeat "$repeats" || fail "sox failed"
pw_feed confab-null-source "$WORK/probe-says.wav"
log "device: confab_audio_probe on 'pipewire' for $SECONDS_TO_RUN s"
"$PROBE" --input pipewire --output pipewire --seconds "$SECONDS_TO_RUN" >"$WORK/probe.json" 2>"$WORK/probe.log" ||
    fail "the probe could not run a stream on 'pipewire'"
stop_pid "$FEED_PID"

# The call.
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
pw_feed alice-mic "$WORK/alice-says.wav"
pw_feed bob-mic "$WORK/bob-says.wav"
log "call: $SECONDS_TO_RUN s"
sleep "$SECONDS_TO_RUN"
ctl alice calls >"$WORK/alice-calls.json"
ctl bob calls >"$WORK/bob-calls.json"
ctl alice hangup >/dev/null

python3 - "$WORK" "$SECONDS_TO_RUN" <<'PY'
import json
import sys

work, seconds = sys.argv[1], float(sys.argv[2])
probe = json.load(open(f"{work}/probe.json"))
minutes = probe["seconds"] / 60
device = {
    "seconds": probe["seconds"],
    "callbacks": probe["callbacks"],
    "expected_callbacks": probe["expected_callbacks"],
    "first_callback_ms": probe["first_callback_ms"],
    "max_callback_gap_ms": probe["max_callback_gap_ms"],
    "watchdog_tripped": probe["failed"],
}
probe["missed_callbacks"] = max(probe["expected_callbacks"] - probe["callbacks"], 0)
for key in ("underruns", "overruns", "input_underflows", "output_overflows", "irregular_blocks",
            "missed_callbacks"):
    device[key] = probe[key]
    device[key + "_per_minute"] = round(probe[key] / minutes, 2)

call = {"seconds": seconds}
for side in ("alice", "bob"):
    entry = json.load(open(f"{work}/{side}-calls.json"))[0]
    stats = entry.get("stats") or {}
    call[side] = {
        "state": entry["state"],
        "audio_notice": entry.get("audio_notice"),
        "playback_underruns": stats.get("playback_underruns"),
        "playback_underruns_per_minute": round(stats.get("playback_underruns", 0) / (seconds / 60), 2),
        "device_glitches": stats.get("device_glitches"),
        "device_glitches_per_minute": round(stats.get("device_glitches", 0) / (seconds / 60), 2),
        "frames_played": stats.get("frames_played"),
        "frames_concealed": stats.get("frames_concealed"),
        "jitter_buffer_ms": stats.get("jitter_buffer_ms"),
        "jitter_ms": stats.get("jitter_ms"),
    }
print(json.dumps({"bench": "pipewire", "device": device, "call": call}, indent=2))
PY
