#!/bin/sh
# A call through PortAudio's real device path: two confabd in a private
# PipeWire session (null sink and source, see pipewire_session.sh), both on the
# "pipewire" device, call each other for CALL_SECONDS (default 10). Passes when
# both sides played audio the whole time with no underrun of the voice worker,
# no glitch reported by the sound server and no device error.
# Environment: CONFABD, CONFABCTL (required), CALL_SECONDS. Exits 77 (skipped)
# when PipeWire is not installed or cannot start.
set -eu

: "${CONFABD:?set CONFABD}"
: "${CONFABCTL:?set CONFABCTL}"
CALL_SECONDS=${CALL_SECONDS:-10}
DEVICE=pipewire
. "$(dirname "$0")/pipewire_session.sh"
pw_start_session

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
ctl() { # NODE ARGS...
    node=$1
    shift
    "$CONFABCTL" --profile "$WORK/$node" --json "$@"
}
field() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

a_port=$(port)
b_port=$(port)
device_args="--audio-input-device $DEVICE --audio-output-device $DEVICE --frame-ms 10 --discovery off"
# shellcheck disable=SC2086
start alice "$CONFABD" --profile "$WORK/alice" --name alice --listen "127.0.0.1:$a_port" $device_args
# shellcheck disable=SC2086
start bob "$CONFABD" --profile "$WORK/bob" --name bob --listen "127.0.0.1:$b_port" --peer "127.0.0.1:$a_port" \
    $device_args
wait_for alice ctl alice status || fail "alice did not start"
wait_for bob ctl bob status || fail "bob did not start"
connected() { ctl alice peers | grep -q '"connected": *true'; }
wait_for "the link" connected || fail "alice and bob did not connect"

b_id=$(ctl bob id | field '["id"]')
ctl alice call "$b_id" >/dev/null
ringing() { ctl bob calls | grep -q '"state": *"incoming"'; }
wait_for "the incoming call" ringing || fail "bob's call never rang"
ctl bob answer >/dev/null
log "in a call for $CALL_SECONDS s"
sleep "$CALL_SECONDS"
ctl alice calls >"$WORK/alice-calls.json"
ctl bob calls >"$WORK/bob-calls.json"
ctl alice hangup >/dev/null

python3 - "$WORK/alice-calls.json" "$WORK/bob-calls.json" "$CALL_SECONDS" <<'PY'
import json
import sys

seconds = float(sys.argv[3])
problems = []
for path in sys.argv[1:3]:
    call = json.load(open(path))[0]
    who = call["name"] + "'s peer"
    stats = call.get("stats")
    print(json.dumps({"side": who, "state": call["state"], "audio_device": call["audio_device"],
                      "audio_notice": call.get("audio_notice"), "stats": stats}))
    if call["state"] != "active" or stats is None:
        problems.append(f"{who}: the call is {call['state']}")
        continue
    if call.get("audio_notice"):
        problems.append(f"{who}: device problem: {call['audio_notice']}")
    if stats["playback_underruns"] > 0:
        problems.append(f"{who}: {stats['playback_underruns']} playback underruns")
    if stats["device_glitches"] > 0:
        problems.append(f"{who}: {stats['device_glitches']} sound-server underflows/overflows")
    # The null source is silent, so most frames are DTX; the reports still flow.
    if stats["packets_received"] < seconds * 0.5:
        problems.append(f"{who}: only {stats['packets_received']} datagrams received")
for p in problems:
    print("FAIL:", p, file=sys.stderr)
sys.exit(1 if problems else 0)
PY
log "PASS"
