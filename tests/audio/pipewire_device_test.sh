#!/bin/sh
# PortAudioDevice against a real sound server without a sound card: a private
# PipeWire session (see pipewire_session.sh) whose default source is fed
# with speech and whose default sink is recorded. confab_audio_probe runs a
# loopback stream (input copied to output) on the PipeWire ALSA device for
# PROBE_SECONDS (default 8), and the test checks that audio flows end to end:
# the stream ran, and the speech fed to the source came out of the sink.
# It never judges how punctual the machine was (underruns, callback counts,
# gaps): tests/bench/pipewire_bench.sh measures those. Exits 77 (skipped)
# when PipeWire is not installed or cannot start.
#
# Environment: PROBE (the confab_audio_probe binary, required), COMPARE
# (confab_wav_compare, required), PROBE_DEVICE (PortAudio device name,
# default "pipewire"), PROBE_SECONDS.
set -eu

: "${PROBE:?set PROBE to the confab_audio_probe binary}"
: "${COMPARE:?set COMPARE to the confab_wav_compare binary}"
DEVICE=${PROBE_DEVICE:-pipewire}
SECONDS_TO_RUN=${PROBE_SECONDS:-8}
. "$(dirname "$0")/pipewire_session.sh"
for tool in espeak-ng sox; do
    command -v "$tool" >/dev/null 2>&1 || skip "$tool is not installed (packaging/install-deps.sh installs it)"
done
pw_start_session

make_speech "$WORK/speech.wav" "Testing the sound card. I am on my way home now, and I will be there \
in a minute or more."
"$PROBE" --list >"$WORK/devices.json" 2>"$WORK/probe-list.log" || fail "confab_audio_probe --list failed"

# Once the probe's stream is in the graph, the sink is recorded and the
# speech played into the source, all while the probe loops one to the other.
log "running $PROBE on '$DEVICE' for $SECONDS_TO_RUN s"
"$PROBE" --input "$DEVICE" --output "$DEVICE" --seconds "$SECONDS_TO_RUN" >"$WORK/probe.json" 2>"$WORK/probe.log" &
probe_pid=$!
PIDS="$probe_pid $PIDS"
streaming() { pw-link -l | grep -q "ALSA Capture:input" && pw-link -l | grep -q "ALSA Playback:output"; }
wait_for "the probe's stream" streaming || fail "the probe's stream did not appear in the graph"
pw_record_sink confab-null-sink "$WORK/heard.wav"
pw_feed confab-null-source "$WORK/speech.wav"
status=0
wait "$probe_pid" || status=$?
cat "$WORK/probe.json"
[ $status -eq 0 ] || fail "the probe could not run a stream on '$DEVICE' (exit $status)"
stop_pid "$RECORD_PID"
stop_pid "$FEED_PID"

python3 - "$WORK/probe.json" <<'EOF'
import json
import sys

r = json.load(open(sys.argv[1]))
problems = []
if r["callbacks"] == 0:
    problems.append("the stream never called back")
if r["warning"]:
    problems.append("a direction did not open: " + r["warning"])
for p in problems:
    print("FAIL:", p, file=sys.stderr)
sys.exit(1 if problems else 0)
EOF

# The speech went source -> PortAudio input -> callback -> PortAudio output
# -> sink, delayed by the sound server.
python3 "$(dirname "$0")/speech_heard.py" --compare "$COMPARE" "$WORK/speech.wav" "$WORK/heard.wav" \
    >"$WORK/heard.json" || fail "could not compare the recording with the speech"
cat "$WORK/heard.json"
python3 - "$WORK/heard.json" <<'EOF'
import json
import sys

if not json.load(open(sys.argv[1]))["aligned_share"] >= 0.6:
    print("FAIL: the speech fed to the source is not in what the sink played", file=sys.stderr)
    sys.exit(1)
EOF

# A device name that does not exist is refused, and the message names the
# devices that do.
status=0
"$PROBE" --input no-such-microphone --output "$DEVICE" --seconds 1 >"$WORK/wrong-name.json" 2>/dev/null || status=$?
cat "$WORK/wrong-name.json"
[ $status -eq 1 ] || fail "a wrong device name was not refused (exit $status)"
grep -q "no-such-microphone" "$WORK/wrong-name.json" && grep -q "'$DEVICE'" "$WORK/wrong-name.json" ||
    fail "the error for a wrong device name does not name it and the existing devices"

# A callback that blocks for 700 ms is reported, however punctual the rest
# was: as underruns, and by the watchdog.
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
