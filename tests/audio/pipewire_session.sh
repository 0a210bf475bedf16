#!/bin/sh
# Sourced by the sound-server tests and benchmarks: a private session bus,
# pipewire, wireplumber and pipewire-pulse with a null sink and a null source
# at 48 kHz (the defaults), all under a temporary folder ($WORK, with
# XDG_RUNTIME_DIR inside it) so nothing of the user's own session is touched.
# More null nodes can be added before the session starts (pw_add_node);
# files can be played into a source as a microphone (pw_feed) and what a sink
# plays recorded (pw_record_sink); a process run with HOME=DIR sees an ALSA
# device "confab" on a chosen sink and source (pw_alsa_home). Everything
# started with `start` is stopped on exit. Calls skip (exit 77) when PipeWire
# is not installed or cannot start.
SKIP=77

log() { echo "[$(date +%H:%M:%S.%3N)] $*" >&2; }
skip() { echo "SKIP: $*" >&2; exit $SKIP; }
fail() { log "FAIL: $*"; exit 1; }

for tool in dbus-daemon pipewire wireplumber pipewire-pulse pw-metadata pw-play pw-record pw-link python3; do
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

start() { # NAME COMMAND... : runs in the background; LAST_PID is its process
    name=$1
    shift
    "$@" >"$WORK/$name.log" 2>&1 &
    LAST_PID=$!
    PIDS="$LAST_PID $PIDS"
}

stop_pid() { # PID : SIGINT (pw-record then finishes its file) and wait for it
    kill -INT "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
}

wait_done() { # PID SECONDS : waits for a background process to end, for at most SECONDS;
    # its exit status, or 124 when it was still running (then it keeps running).
    deadline=$(($(date +%s) + $2))
    while kill -0 "$1" 2>/dev/null; do
        [ "$(date +%s)" -lt "$deadline" ] || return 124
        sleep 0.1
    done
    wait "$1"
}

pw_graph_state() { # what PipeWire's graph looked like, for a failure's log
    echo "---- pw-link -l" >&2
    pw-link -l >&2 2>&1 || true
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

pw_add_node() { # NAME MEDIA_CLASS : a null node, before pw_start_session
    # MEDIA_CLASS Audio/Sink is a speaker (record it with pw_record_sink),
    # Audio/Source/Virtual a microphone (feed it with pw_feed).
    cat >"$XDG_CONFIG_HOME/pipewire/pipewire.conf.d/confab-node-$1.conf" <<EOF
context.objects = [
    { factory = adapter
        args = {
            factory.name = support.null-audio-sink
            node.name = "$1"
            media.class = "$2"
            audio.rate = 48000
            audio.position = [ MONO ]
            object.linger = true
        }
    }
]
EOF
}

pw_alsa_home() { # DIR SINK SOURCE : ALSA device "confab" for processes with HOME=DIR
    mkdir -p "$1"
    cat >"$1/.asoundrc" <<EOF
pcm.confab {
    type pipewire
    playback_node "$2"
    capture_node "$3"
    hint {
        show on
        description "Confab test device ($2, $3)"
    }
}
EOF
}

# The player and the recorder stand in for hardware: they run at real-time
# priority where the system allows it, so a busy machine cannot starve them
# into gaps of their own.
if chrt -f 20 true 2>/dev/null; then
    AS_HARDWARE="chrt -f 20"
else
    AS_HARDWARE=""
fi

pw_feed() { # SOURCE FILE : plays mono FILE into SOURCE, as if spoken into it; FEED_PID
    # The session manager links players only to sinks, so the player starts
    # unlinked and the link into the source is made here.
    feed_port="feed-$1:output_MONO"
    # shellcheck disable=SC2086
    start "feed-$1" $AS_HARDWARE pw-play --target 0 -P "{ node.name = \"feed-$1\" }" "$2"
    FEED_PID=$LAST_PID
    feed_ready() { pw-link -o | grep -qx "$feed_port"; }
    wait_for "the player for $1" feed_ready || fail "pw-play into $1 did not start"
    pw-link "$feed_port" "$1:input_MONO" || fail "could not link the player into $1"
}

pw_record_sink() { # SINK FILE : records what SINK plays (its monitor) into FILE; RECORD_PID
    record_link="|-> record-$1:input_MONO"
    # shellcheck disable=SC2086
    start "record-$1" $AS_HARDWARE pw-record --target "$1" --rate 48000 --channels 1 \
        -P "{ node.name = \"record-$1\", stream.capture.sink = true }" "$2"
    RECORD_PID=$LAST_PID
    recording() { pw-link -l | grep -qF "$record_link"; }
    wait_for "the recorder of $1" recording || fail "pw-record did not connect to $1"
}

make_speech() { # FILE TEXT : a spoken sentence, 48 kHz mono 16-bit
    espeak-ng -w "$1.raw.wav" "$2" >/dev/null || fail "espeak-ng failed"
    sox "$1.raw.wav" -r 48000 -c 1 -b 16 "$1" norm -1 || fail "sox failed"
}
