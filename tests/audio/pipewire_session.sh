#!/bin/sh
# Sourced by the sound-server tests: a private session bus, pipewire,
# wireplumber and pipewire-pulse with a null sink and a null source at 48 kHz,
# all under a temporary folder ($WORK, with XDG_RUNTIME_DIR inside it) so
# nothing of the user's own session is touched. Everything started with
# `start` is stopped on exit. Calls skip (exit 77) when PipeWire is not
# installed or cannot start.
SKIP=77

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

pw_start_session() {
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

}
