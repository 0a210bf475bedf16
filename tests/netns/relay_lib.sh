# Helpers for the relaying tests on top of lib.sh: peer ids, what a node
# says about how it reaches a peer, message states, relay counters. Source
# lib.sh first.

nn_id_of() { # HOST: its peer id
    nn_ctl "$1" id | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'
}

# nn_peer_field HOST PEER_ID FIELD: one field of HOST's entry for PEER_ID
# ("" when not listed or null).
nn_peer_field() {
    nn_ctl "$1" peers | python3 -c '
import json, sys
for p in json.load(sys.stdin):
    if p.get("id") == sys.argv[1]:
        v = p.get(sys.argv[2])
        print("" if v is None else v)
' "$2" "$3"
}

# nn_wait_route HOST PEER_ID ROUTE TIMEOUT_MS: until HOST reaches PEER_ID by
# ROUTE (direct, relay, none); prints the milliseconds it took.
nn_wait_route() {
    local start
    start=$(now_ms)
    until [ "$(nn_peer_field "$1" "$2" route)" = "$3" ]; do
        [ $(($(now_ms) - start)) -lt "$4" ] || { nn_log "$1 reaches $2 by '$(nn_peer_field "$1" "$2" route)', not $3"; return 1; }
        sleep 0.1
    done
    echo $(($(now_ms) - start))
}

# nn_send HOST PEER TEXT: sends; prints the message id.
nn_send() {
    nn_ctl "$1" send "$2" "$3" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'
}

# nn_message_state HOST PEER_ID MESSAGE_ID: the state of one message in
# HOST's conversation with PEER_ID ("" when it is not there).
nn_message_state() {
    nn_ctl "$1" history "$2" --limit 1000 | python3 -c '
import json, sys
print(next((m["state"] for m in json.load(sys.stdin) if m["id"] == sys.argv[1]), ""))
' "$3"
}

# nn_wait_state HOST PEER_ID MESSAGE_ID STATES TIMEOUT_MS: until the message
# is in one of STATES (comma-separated); prints the milliseconds it took.
nn_wait_state() {
    local start
    start=$(now_ms)
    until nn_ctl "$1" history "$2" --limit 1000 | python3 -c '
import json, sys
sys.exit(0 if any(m["id"] == sys.argv[1] and m["state"] in sys.argv[2].split(",") for m in json.load(sys.stdin)) else 1)
' "$3" "$4"; do
        [ $(($(now_ms) - start)) -lt "$5" ] || { nn_log "$1: message $3 is '$(nn_message_state "$1" "$2" "$3")', not $4"; return 1; }
        sleep 0.1
    done
    echo $(($(now_ms) - start))
}

# nn_count_text HOST PEER_ID TEXT: how many messages in HOST's conversation
# with PEER_ID have exactly TEXT.
nn_count_text() {
    nn_ctl "$1" history "$2" --limit 1000 | python3 -c '
import json, sys
print(sum(1 for m in json.load(sys.stdin) if m["text"] == sys.argv[1]))
' "$3"
}

# nn_wait_text HOST PEER_ID TEXT TIMEOUT_MS: until HOST has a message with
# TEXT from PEER_ID (without reading it, so no Read receipt goes back);
# prints the milliseconds it took.
nn_wait_text() {
    local start
    start=$(now_ms)
    until [ "$(nn_count_text "$1" "$2" "$3")" -ge 1 ]; do
        [ $(($(now_ms) - start)) -lt "$4" ] || { nn_log "$1 has no message '$3' from $2"; return 1; }
        sleep 0.1
    done
    echo $(($(now_ms) - start))
}

# nn_relay HOST PATH: one value of `confabctl relay --json`, by a path of keys
# separated by dots (refused.quota, held.count).
nn_relay() {
    nn_ctl "$1" relay | python3 -c '
import json, sys
v = json.load(sys.stdin)
for key in sys.argv[1].split("."):
    v = v[key]
print(v)
' "$2"
}

# nn_split_apart: after nn_split, checks that the topology really keeps a and
# c apart while b, next door to both, is reachable (so the check can tell
# the difference).
nn_split_apart() {
    nn_no_route a 10.77.1.2 && nn_fail "a cannot even reach b"
    nn_no_route a 10.77.2.3 || nn_fail "a has an IP route to c"
    nn_no_route c 10.77.1.1 || nn_fail "c has an IP route to a"
}

# nn_no_route HOST ADDR: succeeds when HOST has no route to ADDR (the
# topology really keeps them apart); a refused or accepted connection fails.
nn_no_route() {
    ip netns exec "$(nn_ns "$1")" python3 -c '
import errno, socket, sys
s = socket.socket()
s.settimeout(2)
try:
    s.connect((sys.argv[1], int(sys.argv[2])))
except socket.timeout:
    sys.exit(0)
except OSError as e:
    sys.exit(0 if e.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH) else 1)
sys.exit(1)
' "$2" "$NN_PORT"
}

# nn_latency HOST PEER_ID TEXT: for the message with TEXT that HOST received
# from PEER_ID, the milliseconds from its sending to its storing (both stamps
# from this machine's clock, so polling adds nothing to the figure).
nn_latency() {
    nn_ctl "$1" history "$2" --limit 1000 | python3 -c '
import json, sys
m = next(m for m in json.load(sys.stdin) if m["text"] == sys.argv[1] and m["direction"] == "in")
print(m["stored_ms"] - m["sent_ms"])
' "$3"
}

# nn_hostile_start HOST NODE_ADDR NAME MODE [options]: confab_hostile_peer on
# HOST, linked to the node at NODE_ADDR, in the background (killed at cleanup;
# its pid in NN_PID_<NAME>); its JSON lines go to $NN_WORK/NAME.json.
nn_hostile_start() {
    local host addr name
    host=$1 addr=$2 name=$3
    shift 3
    ip netns exec "$(nn_ns "$host")" "$HOSTILE" --connect "$addr:$NN_PORT" --mode "$@" \
        >"$NN_WORK/$name.json" 2>>"$NN_WORK/hostile.log" &
    NN_PIDS="$NN_PIDS $!"
    eval "NN_PID_$name=$!"
}

# nn_hostile_id NAME: the peer id of a hostile peer started with
# nn_hostile_start in a mode that says who it is once linked (relay-sink,
# relay-blackhole); fails when it did not link within 10 s.
nn_hostile_id() {
    local t0
    t0=$(now_ms)
    until [ -s "$NN_WORK/$1.json" ]; do
        [ $(($(now_ms) - t0)) -lt 10000 ] || nn_fail "the hostile peer $1 did not link"
        sleep 0.1
    done
    head -n 1 "$NN_WORK/$1.json" | python3 -c 'import json,sys; print(json.load(sys.stdin)["self"])'
}
