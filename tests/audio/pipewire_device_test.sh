#!/bin/sh
# PortAudioDevice against a real sound server without a sound card: a private
# session bus, pipewire, wireplumber and pipewire-pulse with a null sink and a
# null source at 48 kHz, all under a temporary XDG_RUNTIME_DIR so nothing of
# the user's own session is touched. confab_audio_probe then runs a loopback
# stream on the PipeWire ALSA device for PROBE_SECONDS (default 10) and the
# test checks its JSON: the stream must not fail or underrun, and the callback
# must have run at least 98 % of the times 48 kHz in blocks of 480 frames
# calls for. Exits 77 (skipped) when PipeWire is not installed or cannot start.
#
# Environment: PROBE (the confab_audio_probe binary, required), PROBE_DEVICE
# (PortAudio device name, default "pipewire"), PROBE_SECONDS.
set -eu

SKIP=77
: "${PROBE:?set PROBE to the confab_audio_probe binary}"
DEVICE=${PROBE_DEVICE:-pipewire}
SECONDS_TO_RUN=${PROBE_SECONDS:-10}
. "$(dirname "$0")/pipewire_session.sh"
pw_start_session

log "running $PROBE on '$DEVICE' for $SECONDS_TO_RUN s"
"$PROBE" --list >"$WORK/devices.json" 2>"$WORK/probe-list.log" || fail "confab_audio_probe --list failed"
status=0
"$PROBE" --input "$DEVICE" --output "$DEVICE" --seconds "$SECONDS_TO_RUN" >"$WORK/probe.json" 2>"$WORK/probe.log" ||
    status=$?
cat "$WORK/probe.json"
[ $status -eq 0 ] || fail "the probe could not run a stream on '$DEVICE' (exit $status)"

python3 - "$WORK/probe.json" <<'EOF'
import json
import sys

r = json.load(open(sys.argv[1]))
problems = []
if r["failed"]:
    problems.append("the stream failed (error, end or a callback gap over 500 ms)")
if r["underruns"] > 0:
    problems.append(f'{r["underruns"]} output underruns')
if r["overruns"] > 0:
    problems.append(f'{r["overruns"]} input overruns')
if r["callbacks"] < 0.98 * r["expected_callbacks"]:
    problems.append(f'{r["callbacks"]} callbacks, expected {r["expected_callbacks"]} (short by more than 2 %)')
if r["warning"]:
    problems.append("a direction did not open: " + r["warning"])
for p in problems:
    print("FAIL:", p, file=sys.stderr)
sys.exit(1 if problems else 0)
EOF

# A device name that does not exist is refused, and the message names the
# devices that do.
status=0
"$PROBE" --input no-such-microphone --output "$DEVICE" --seconds 1 >"$WORK/wrong-name.json" 2>/dev/null || status=$?
cat "$WORK/wrong-name.json"
[ $status -eq 1 ] || fail "a wrong device name was not refused (exit $status)"
grep -q "no-such-microphone" "$WORK/wrong-name.json" && grep -q "'$DEVICE'" "$WORK/wrong-name.json" ||
    fail "the error for a wrong device name does not name it and the existing devices"

# The checks above must be able to fail: a callback that blocks for 700 ms
# has to show up as underruns and trip the watchdog.
log "running $PROBE with one callback stalled for 700 ms"
"$PROBE" --input "$DEVICE" --output "$DEVICE" --seconds 3 --stall-ms 700 >"$WORK/stall.json" 2>"$WORK/stall.log" ||
    fail "the probe could not run the stalled stream"
cat "$WORK/stall.json"
python3 - "$WORK/stall.json" <<'EOF'
import json
import sys

r = json.load(open(sys.argv[1]))
problems = []
if not r["failed"]:
    problems.append("a 700 ms stall did not make failed() true")
if r["underruns"] == 0:
    problems.append("a 700 ms stall reported no output underrun")
for p in problems:
    print("FAIL:", p, file=sys.stderr)
sys.exit(1 if problems else 0)
EOF
log "PASS"
