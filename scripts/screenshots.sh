#!/bin/sh
# Takes the README screenshots: two confabd nodes and a sample conversation,
# then the GUI under Xvfb on the same profile, one run per picture, each
# saved with QWidget::grab():
#
#   main-window.png       the conversation with Bob (light): a reply, reactions
#   main-window-dark.png  Carol is offline, a message waits in the queue (dark)
#   conversation-dark.png the conversation with Bob, its reply and reactions (dark)
#   main-window-2x.png    the same window at QT_SCALE_FACTOR=2 (high DPI)
#   room.png              the room "Design review" of the three, with a mention of Alice
#   room-dark.png         the same, dark
#   peer-details.png      Bob's details with the pair's safety number
#   key-warning.png       the banner after someone presented another key for Bob
#   key-warning-dark.png  the same, dark
#   settings.png          the settings dialog
#   identity-backup.png   Settings > Back Up: the passphrase typed once, asked again
#   incoming-call.png     Bob calls: the incoming-call dialog over the window
#   in-call.png           a call with Bob in progress (light)
#   search.png            "review" searched for in every conversation, the newest result opened
#   search-dark.png       the same, dark
#   first-run.png         the first start on a new profile
#   two-bobs.png          a second "Bob Builder" (a new identity) writes: the notice in its conversation
#   two-bobs-dark.png     the same, dark
#
# Needs a built tree (BUILD_DIR, default build: confab, confabd, confabctl and
# confab_hostile_peer), xvfb-run (packages xvfb xauth), and espeak-ng and sox
# for the voices of the call (the calls are real, with WAV files as sound cards).
set -eu
cd "$(dirname "$0")/.."

BUILD_DIR=${BUILD_DIR:-build}
OUT_DIR=${OUT_DIR:-docs/screenshots}
CONFABD="$BUILD_DIR/app/confabd"
CONFABCTL="$BUILD_DIR/app/confabctl"
CONFAB="$BUILD_DIR/app/confab"
HOSTILE="$BUILD_DIR/tests/tools/confab_hostile_peer"
for program in "$CONFABD" "$CONFABCTL" "$CONFAB" "$HOSTILE"; do
    [ -x "$program" ] || { echo "screenshots: $program is missing; build first" >&2; exit 1; }
done
command -v xvfb-run >/dev/null || { echo "screenshots: xvfb-run is missing (apt-get install xvfb xauth)" >&2; exit 1; }
for tool in espeak-ng sox; do
    command -v "$tool" >/dev/null || { echo "screenshots: $tool is missing (apt-get install $tool)" >&2; exit 1; }
done

WORK=$(mktemp -d)
PIDS=""
cleanup() {
    # start_node runs in $(...), a subshell: its nodes are known by their .pid files.
    for file in "$WORK"/*.pid; do
        [ -e "$file" ] && PIDS="$PIDS $(cat "$file")"
    done
    for pid in $PIDS; do kill "$pid" 2>/dev/null || true; done
    for pid in $PIDS; do wait_gone "$pid"; done
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM
export XDG_RUNTIME_DIR="$WORK/runtime"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
# The same look wherever the script runs.
export LANG=en_US.UTF-8 QT_QPA_PLATFORMTHEME=
unset LC_ALL

# start_node NAME DIR [PEER...]: runs confabd, waits until ready, prints its listen address.
start_node() {
    name=$1 dir=$2
    shift 2
    peer_args=""
    for peer in "$@"; do peer_args="$peer_args --peer $peer"; done
    # shellcheck disable=SC2086
    "$CONFABD" --profile "$dir" --name "$name" --listen 127.0.0.1:0 --discovery off $peer_args ${NODE_ARGS:-} \
        >"$dir.out" 2>"$dir.err" &
    PIDS="$PIDS $!"
    echo $! >"$dir.pid"
    for _ in $(seq 100); do
        if grep -q "confabd ready" "$dir.out" 2>/dev/null; then
            sed -n 's/.*listen=\([^ ]*\).*/\1/p' "$dir.out"
            return 0
        fi
        sleep 0.1
    done
    echo "screenshots: $name did not start" >&2
    cat "$dir.err" >&2
    exit 1
}

# wait_gone PID: waits (up to 5 s) for a process that is not this shell's child.
wait_gone() {
    for _ in $(seq 50); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
}

stop_node() {
    pid=$(cat "$1.pid")
    kill "$pid"
    wait_gone "$pid"
    rm -f "$1.pid" # stopped: not one for cleanup to stop again
}

# say FROM_DIR TO_NAME TEXT [QUOTED_ID]: retries until the peer is known (the link
# may still be coming up); a reply when QUOTED_ID is given. Sets LAST_ID.
say() {
    for _ in $(seq 100); do
        if out=$("$CONFABCTL" --profile "$1" send "$2" "$3" ${4:+--reply-to "$4"} 2>/dev/null); then
            LAST_ID=${out%% *}
            sleep 0.15
            return 0
        fi
        sleep 0.1
    done
    echo "screenshots: could not send to $2" >&2
    exit 1
}

# room_say FROM_DIR TEXT: a message to the room "Design review", once the node has joined it.
room_say() {
    for _ in $(seq 100); do
        if "$CONFABCTL" --profile "$1" room-send "Design review" "$2" >/dev/null 2>&1; then
            sleep 0.3
            return 0
        fi
        sleep 0.1
    done
    echo "screenshots: could not write to the room from $1" >&2
    exit 1
}

# voice OUT TEXT: a spoken WAV file, 48 kHz mono, for a node's microphone in calls.
voice() {
    espeak-ng -w "$WORK/spoken.wav" "$2"
    sox "$WORK/spoken.wav" -r 48000 -c 1 -b 16 "$1" norm -6 repeat 3
}
voice "$WORK/alice-voice.wav" "Hello Bob, can you hear me? The review moved to room two fourteen."
voice "$WORK/bob-voice.wav" "Yes, loud and clear. I will bring the printed mock-ups."

NODE_ARGS="--audio-in $WORK/bob-voice.wav --audio-out $WORK/bob-heard.wav"
BOB=$(start_node "Bob Builder" "$WORK/bob")
NODE_ARGS=""
BOB_ID=$(sed -n 's/.*ready id=\([^ ]*\).*/\1/p' "$WORK/bob.out")
CAROL=$(start_node "Carol Danvers" "$WORK/carol")
# The conversation is made with confabd on the GUI's profile, then the GUI opens that profile.
ALICE=$(start_node "Alice Liddell" "$WORK/alice" "$BOB" "$CAROL")
# Pictures for Bob and Alice (drawn portraits, 96x96 as the Settings make
# them); Carol has none, so her initials show.
"$CONFABCTL" --profile "$WORK/bob" avatar-set scripts/screenshot-pictures/bob.jpg >/dev/null
"$CONFABCTL" --profile "$WORK/alice" avatar-set scripts/screenshot-pictures/alice.png >/dev/null
say "$WORK/alice" "Bob Builder" "Hi Bob! Are we still on for the design review at three?"
say "$WORK/bob" "Alice Liddell" "Yes — room 2.14. I'll bring the printed mock-ups 🎨" "$LAST_ID"
say "$WORK/alice" "Bob Builder" "Great. The agenda is at https://example.org/design-review — could you add the build numbers?"
AGENDA=$LAST_ID
say "$WORK/bob" "Alice Liddell" "Sure: 20,000 messages/s between two nodes on loopback, p99 latency under 5 ms."
NUMBERS=$LAST_ID
say "$WORK/alice" "Bob Builder" "Impressive! See you at three."
# A reply (above) with reactions on both sides.
"$CONFABCTL" --profile "$WORK/bob" react "$AGENDA" "👍" >/dev/null
"$CONFABCTL" --profile "$WORK/alice" react "$NUMBERS" "🎉" >/dev/null
say "$WORK/carol" "Alice Liddell" "Lunch after the review, at the usual place?"
say "$WORK/alice" "Carol Danvers" "Yes! 12:30?"
# A room of the three, with a mention of Alice.
"$CONFABCTL" --profile "$WORK/alice" room-create "Design review" "Bob Builder" "Carol Danvers" >/dev/null
room_say "$WORK/bob" "Mock-ups are printed: twelve pages, on the table in 2.14."
room_say "$WORK/carol" "@Alice Liddell could you bring the projector adapter?"
room_say "$WORK/alice" "Will do. We start at three sharp."
sleep 0.5
stop_node "$WORK/carol"
sleep 0.5
say "$WORK/alice" "Carol Danvers" "I'll book a table for four."
sleep 0.5
stop_node "$WORK/alice"

mkdir -p "$OUT_DIR"
# gui NAME SCREEN [ARG...]: one GUI run on Alice's profile, saving OUT_DIR/NAME.png.
gui() {
    name=$1 screen=$2
    shift 2
    xvfb-run -a -s "-screen 0 ${screen}x24" "$CONFAB" --profile "$WORK/alice" \
        --listen "$ALICE" --discovery off --peer "$BOB" --screenshot "$OUT_DIR/$name.png" "$@"
}

# Bob stepped away from his desk: the list and the header say so.
"$CONFABCTL" --profile "$WORK/bob" status-set away >/dev/null
gui main-window 1280x800 --screenshot-peer "Bob Builder"
gui main-window-dark 1280x800 --palette dark --screenshot-peer "Carol Danvers"
gui conversation-dark 1280x800 --palette dark --screenshot-peer "Bob Builder"
QT_SCALE_FACTOR=2 gui main-window-2x 2560x1600 --screenshot-peer "Bob Builder"
gui room 1280x800 --screenshot-scene room --screenshot-peer "Design review"
gui room-dark 1280x800 --palette dark --screenshot-scene room --screenshot-peer "Design review"
gui peer-details 1280x800 --screenshot-scene details --screenshot-peer "Bob Builder"
gui search 1280x800 --screenshot-scene search --screenshot-search review --screenshot-peer "Bob Builder"
gui search-dark 1280x800 --palette dark --screenshot-scene search --screenshot-search review \
    --screenshot-peer "Bob Builder"
gui my-address 1280x800 --screenshot-scene my-address
gui my-address-dark 1280x800 --palette dark --screenshot-scene my-address
# A made-up home, so the default download folder shown is not this machine's.
HOME=/home/alice XDG_CONFIG_HOME="$WORK/config" XDG_CACHE_HOME="$WORK/cache" \
    gui settings 1280x800 --screenshot-scene settings
HOME=/home/alice XDG_CONFIG_HOME="$WORK/config" XDG_CACHE_HOME="$WORK/cache" \
    gui identity-backup 1280x800 --screenshot-scene identity-backup

# Calls, before the key warning below pauses Bob: the GUI's node speaks and
# hears through WAV files. retry_ctl DONE_FILE COMMAND...: Bob's confabctl,
# tried until it succeeds or the GUI has taken its picture.
retry_ctl() {
    done_file=$1
    shift
    for _ in $(seq 100); do
        [ -e "$done_file" ] && return 0
        "$CONFABCTL" --profile "$WORK/bob" "$@" >/dev/null 2>&1 && return 0
        sleep 0.3
    done
}
GUI_AUDIO="--audio-in $WORK/alice-voice.wav --audio-out $WORK/alice-heard.wav"
retry_ctl "$WORK/incoming.done" call "Alice Liddell" &
CALLER=$!
# shellcheck disable=SC2086
gui incoming-call 1280x800 --screenshot-scene incoming-call --screenshot-peer "Bob Builder" $GUI_AUDIO
touch "$WORK/incoming.done"
wait "$CALLER" || true
"$CONFABCTL" --profile "$WORK/bob" hangup >/dev/null 2>&1 || true
retry_ctl "$WORK/in-call.done" answer &
ANSWERER=$!
# shellcheck disable=SC2086
gui in-call 1280x800 --screenshot-scene in-call --screenshot-peer "Bob Builder" $GUI_AUDIO
touch "$WORK/in-call.done"
wait "$ANSWERER" || true

# Someone presents Bob's ID with another key: the GUI's node refuses it and warns.
# impersonate DONE_FILE: tries until the GUI has taken its picture.
impersonate() {
    for _ in $(seq 60); do
        [ -e "$1" ] && return 0
        "$HOSTILE" --connect "$ALICE" --mode impersonate --claim-id "$BOB_ID" --timeout-ms 2000 \
            >/dev/null 2>&1 || true
        sleep 0.5
    done
}
for variant in light dark; do
    suffix=""
    [ "$variant" = dark ] && suffix="-dark"
    impersonate "$WORK/warning$suffix.done" &
    IMPERSONATOR=$!
    gui "key-warning$suffix" 1280x800 --palette "$variant" --screenshot-scene warning
    touch "$WORK/warning$suffix.done"
    wait "$IMPERSONATOR" || true
done

# A profile that does not exist yet: the first-run dialog.
xvfb-run -a -s "-screen 0 1280x800x24" env USER=alice "$CONFAB" --profile "$WORK/new" --listen 127.0.0.1:0 \
    --discovery off --screenshot "$OUT_DIR/first-run.png" --screenshot-scene first-run

# Someone else calls itself Bob Builder too (Bob on a new laptop, or not):
# it links to the GUI's node and writes; its conversation says who is who.
BOB2=$(start_node "Bob Builder" "$WORK/bob2" "$ALICE")
BOB2_ID=$(sed -n 's/.*ready id=\([^ ]*\).*/\1/p' "$WORK/bob2.out")
for variant in light dark; do
    suffix=""
    [ "$variant" = dark ] && suffix="-dark"
    [ "$variant" = light ] && say "$WORK/bob2" "Alice Liddell" "Hi Alice, it's Bob on my new laptop. Same review at three?" &
    gui "two-bobs$suffix" 1280x800 --palette "$variant" --screenshot-peer "$BOB2_ID"
    wait
done
stop_node "$WORK/bob2"

echo "screenshots: wrote $(ls "$OUT_DIR" | tr '\n' ' ')"
