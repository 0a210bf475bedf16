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

log() { echo "[$(date +%H:%M:%S.%3N)] $*" >&2; }
skip() { echo "SKIP: $*" >&2; exit $SKIP; }
fail() { log "FAIL: $*"; exit 1; }

for tool in dbus-daemon pipewire wireplumber pipewire-pulse pw-metadata python3; do
    command -v "$tool" >/dev/null 2>&1 || skip "$tool is not installed (packaging/install-deps.sh installs it)"
done

WORK=$(mktemp -d -t confab-pw.XXXXXX)
PIDS=""
cleanup() {
    status=$?
    for pid in $PIDS; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in $PIDS; do
        i=0
        while kill -0 "$pid" 2>/dev/null && [ $i -lt 30 ]; do sleep 0.1; i=$((i + 1)); done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    if [ $status -ne 0 ]; then
        for f in "$WORK"/*.log; do
            [ -f "$f" ] || continue
            echo "---- $(basename "$f") (last lines)" >&2
            tail -n 20 "$f" >&2
        done
    fi
    rm -rf "$WORK"
    exit $status
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# Everything the daemons read or write lives in the temporary folder.
export XDG_RUNTIME_DIR="$WORK/run"
export XDG_CONFIG_HOME="$WORK/config"
export XDG_STATE_HOME="$WORK/state"
export XDG_DATA_HOME="$WORK/data"
export PIPEWIRE_RUNTIME_DIR="$XDG_RUNTIME_DIR"
export PULSE_RUNTIME_PATH="$XDG_RUNTIME_DIR/pulse"
unset PIPEWIRE_REMOTE PULSE_SERVER DISPLAY WAYLAND_DISPLAY
mkdir -p "$XDG_RUNTIME_DIR" "$XDG_CONFIG_HOME/pipewire/pipewire.conf.d" "$XDG_STATE_HOME" "$XDG_DATA_HOME"
chmod 700 "$XDG_RUNTIME_DIR"

# A sink and a source that need no hardware; the graph runs at 48 kHz so the
# ALSA plugin never resamples.
cat >"$XDG_CONFIG_HOME/pipewire/pipewire.conf.d/confab-null-devices.conf" <<'EOF'
context.properties = {
    default.clock.rate = 48000
    default.clock.allowed-rates = [ 48000 ]
}
context.objects = [
    { factory = adapter
        args = {
            factory.name = support.null-audio-sink
            node.name = "confab-null-sink"
            node.description = "Confab test sink"
            media.class = "Audio/Sink"
            audio.rate = 48000
            audio.position = [ MONO ]
            priority.session = 2000
            object.linger = true
        }
    }
    { factory = adapter
        args = {
            factory.name = support.null-audio-sink
            node.name = "confab-null-source"
            node.description = "Confab test source"
            media.class = "Audio/Source/Virtual"
            audio.rate = 48000
            audio.position = [ MONO ]
            priority.session = 2000
            object.linger = true
        }
    }
]
EOF

start() { # NAME COMMAND...
    name=$1
    shift
    "$@" >"$WORK/$name.log" 2>&1 &
    PIDS="$! $PIDS"
}

wait_for() { # WHAT CHECK... : polls for up to 10 s
    what=$1
    shift
    i=0
    until "$@" >/dev/null 2>&1; do
        i=$((i + 1))
        [ $i -le 100 ] || return 1
        sleep 0.1
    done
    log "$what ready"
}

export DBUS_SESSION_BUS_ADDRESS="unix:path=$XDG_RUNTIME_DIR/bus"
start dbus dbus-daemon --session --nofork --nopidfile --address="$DBUS_SESSION_BUS_ADDRESS"
wait_for "session bus" test -S "$XDG_RUNTIME_DIR/bus" || skip "the session dbus-daemon did not start"

start pipewire pipewire
wait_for pipewire test -S "$XDG_RUNTIME_DIR/pipewire-0" || skip "pipewire did not start (see its log above)"
start wireplumber wireplumber
start pipewire-pulse pipewire-pulse
wait_for pipewire-pulse test -S "$XDG_RUNTIME_DIR/pulse/native" || skip "pipewire-pulse did not start"

# wireplumber has done its job once it chose the null nodes as defaults.
defaults_chosen() {
    pw-metadata 0 default.audio.sink | grep -q confab-null-sink &&
        pw-metadata 0 default.audio.source | grep -q confab-null-source
}
wait_for "default sink and source" defaults_chosen || skip "wireplumber did not pick the null sink and source"

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
