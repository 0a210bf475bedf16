#!/bin/sh
# Relaying on real hosts: a on bridge 1, c on bridge 2, b on both with no
# IP forwarding, so a and c have no route to each other and only b can carry
# their messages (docs/PROTOCOL.md, "Relaying").
# Checks: a and c really have no IP route to each other; messages both ways
# with Delivered and Read receipts, seen by each sender; `route`/`via` on
# both ends; b's whole profile never holds the text; b killed -9 and
# restarted while 200 messages flow (none lost, none duplicated); c away while
# a sends, a gone before c returns, and c still gets everything from b; b's
# `forwarded` counter covers every envelope it had to pass on.
# Prints the figures as one JSON object on stdout.
set -eu
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/relay_lib.sh"

nn_init
nn_split

for h in a b c; do nn_start $h embedded; done
for h in a b c; do nn_wait_ready $h; done
nn_split_apart
nn_wait_count b 2 10000 >/dev/null || nn_fail "b does not see a and c"

a_id=$(nn_id_of a)
b_id=$(nn_id_of b)
c_id=$(nn_id_of c)

learn_ms=$(nn_wait_route a "$c_id" relay 15000) || nn_fail "a does not learn that c is reachable through b"
nn_wait_route c "$a_id" relay 15000 >/dev/null || nn_fail "c does not learn that a is reachable through b"
[ "$(nn_peer_field a "$c_id" via)" = "$b_id" ] || nn_fail "a reaches c via '$(nn_peer_field a "$c_id" via)', not b"
[ "$(nn_peer_field c "$a_id" via)" = "$b_id" ] || nn_fail "c reaches a via '$(nn_peer_field c "$a_id" via)', not b"
[ "$(nn_peer_field a "$b_id" route)" = direct ] || nn_fail "a does not reach b directly"
[ "$(nn_peer_field a "$c_id" connected)" = False ] || nn_fail "a claims a link to c"

# wait_state HOST PEER_ID MESSAGE_ID STATES TIMEOUT_MS: until the message is
# in one of STATES (comma-separated).
wait_state() {
    local start
    start=$(now_ms)
    until nn_ctl "$1" history "$2" --limit 1000 | python3 -c '
import json, sys
sys.exit(0 if any(m["id"] == sys.argv[1] and m["state"] in sys.argv[2].split(",") for m in json.load(sys.stdin)) else 1)
' "$3" "$4"; do
        [ $(($(now_ms) - start)) -lt "$5" ] || return 1
        sleep 0.1
    done
}

# A message each way, by name like any other peer; receipts come back sealed.
canary="canary-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
start=$(now_ms)
sent=$(nn_ctl a send c "$canary to c")
sent_id=$(echo "$sent" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
text=$(nn_ctl c wait-message --from "$a_id" --timeout 30 | python3 -c 'import json,sys; print(json.load(sys.stdin)["text"])') \
    || nn_fail "c did not receive a's message through b"
a_to_c_ms=$(($(now_ms) - start))
[ "$text" = "$canary to c" ] || nn_fail "c received '$text'"
# c's wait-message read it, so a Read receipt may overtake the Delivered one.
wait_state a "$c_id" "$sent_id" delivered,read 30000 || nn_fail "a never saw c's receipt"
wait_state a "$c_id" "$sent_id" read 30000 || nn_fail "a never saw that c read its message"
# The other way, a leaves the message unread at first: c must see exactly
# delivered (a's receipt sealed back through b), then read once a reads it
# (wait-message marks it read, which sends a Read receipt).
start=$(now_ms)
back_id=$(nn_send c a "$canary to a")
nn_wait_text a "$c_id" "$canary to a" 30000 >/dev/null || nn_fail "a did not receive c's message through b"
c_to_a_ms=$(($(now_ms) - start))
wait_state c "$a_id" "$back_id" delivered 30000 || nn_fail "c never saw a's Delivered receipt ('$(nn_message_state c "$a_id" "$back_id")')"
text=$(nn_ctl a wait-message --from "$c_id" --timeout 30 | python3 -c 'import json,sys; print(json.load(sys.stdin)["text"])') \
    || nn_fail "a cannot read c's message"
[ "$text" = "$canary to a" ] || nn_fail "a read '$text'"
wait_state c "$a_id" "$back_id" read 30000 || nn_fail "c never saw that a read its message ('$(nn_message_state c "$a_id" "$back_id")')"
# b is the only way between them and both are its neighbours: it passed on
# each message and the three receipts the senders saw (a's Read, c's
# Delivered and Read) to their recipient, never by flooding first.
[ "$(nn_relay b forwarded)" -ge 5 ] || nn_fail "b reports forwarded = $(nn_relay b forwarded) after carrying 2 messages and 3 receipts"

# The relay carried the canary sealed: nothing in its profile (database,
# write-ahead log, logs) holds it.
sleep 1
b_profile=$(cat "$NN_WORK/profile-b")
if grep -r -a -q "$canary" "$b_profile" "$NN_WORK/b.log" "$NN_WORK/b.out"; then
    nn_fail "b's profile or log holds relayed plaintext"
fi

# 200 messages a -> c while b is killed -9 and restarted: none lost, none twice.
total=200
i=1
while [ $i -le $total ]; do
    nn_ctl a send c "burst $i" >/dev/null
    if [ $i -eq 60 ]; then
        nn_stop b KILL
    fi
    if [ $i -eq 120 ]; then
        nn_start b embedded "$b_profile"
    fi
    i=$((i + 1))
done
nn_wait_ready b
start=$(now_ms)
until [ "$(nn_ctl c history "$a_id" --limit 1000 | python3 -c '
import json, sys
print(sum(1 for m in json.load(sys.stdin) if m["text"].startswith("burst ")))')" -ge $total ]; do
    [ $(($(now_ms) - start)) -lt 90000 ] || nn_fail "c has not received all $total messages 90 s after b came back"
    sleep 0.5
done
burst_ms=$(($(now_ms) - start))
nn_ctl c history "$a_id" --limit 1000 | python3 -c '
import collections, json, sys
texts = [m["text"] for m in json.load(sys.stdin) if m["text"].startswith("burst ")]
counts = collections.Counter(texts)
missing = [i for i in range(1, int(sys.argv[1]) + 1) if counts["burst %d" % i] == 0]
twice = [t for t, n in counts.items() if n > 1]
if missing or twice:
    print("missing %s, twice %s" % (missing[:10], twice[:10]), file=sys.stderr)
    sys.exit(1)
' $total || nn_fail "the burst through a restarted relay lost or duplicated messages"
# Messages 61 to 200 were sent after b was killed: its new process passed on
# each of them (its counters start again at 0).
b_forwarded_burst=$(nn_relay b forwarded)
[ "$b_forwarded_burst" -ge 140 ] || nn_fail "the restarted b reports forwarded = $b_forwarded_burst, fewer than the 140 messages sent after its restart"

# Store and forward: c away, a sends and exits, c comes back and gets it from b.
nn_stop c TERM
c_profile=$(cat "$NN_WORK/profile-c")
nn_wait_route a "$c_id" none 20000 >/dev/null || nn_fail "a still thinks c is reachable after it left"
held_before=$(nn_ctl b relay | python3 -c 'import json,sys; print(json.load(sys.stdin)["held"]["count"])')
for i in 1 2 3 4 5; do nn_ctl a send c "while away $i" >/dev/null; done
start=$(now_ms)
until [ "$(nn_ctl b relay | python3 -c 'import json,sys; print(json.load(sys.stdin)["held"]["count"])')" -ge $((held_before + 5)) ]; do
    [ $(($(now_ms) - start)) -lt 20000 ] || nn_fail "b does not hold a's messages for the absent c"
    sleep 0.2
done
relayed_state=$(nn_ctl a history "$c_id" --limit 1 | python3 -c 'import json,sys; print(json.load(sys.stdin)[-1]["state"])')
[ "$relayed_state" = relayed ] || nn_fail "a's message to the absent c is '$relayed_state', not relayed"
nn_stop a TERM
nn_start c embedded "$c_profile"
nn_wait_ready c
start=$(now_ms)
until [ "$(nn_ctl c history "$a_id" --limit 1000 | python3 -c '
import json, sys
print(sum(1 for m in json.load(sys.stdin) if m["text"].startswith("while away ")))')" -eq 5 ]; do
    [ $(($(now_ms) - start)) -lt 30000 ] || nn_fail "c did not get a's messages from b after coming back"
    sleep 0.2
done
stored_ms=$(($(now_ms) - start))
held_after=$(nn_ctl b relay | python3 -c 'import json,sys; print(json.load(sys.stdin)["held"]["count"])')
# The five it held for c were passed on when c came back.
b_forwarded=$(nn_relay b forwarded)
[ "$b_forwarded" -ge $((b_forwarded_burst + 5)) ] || nn_fail "b reports forwarded = $b_forwarded, not 5 more than the $b_forwarded_burst after the burst"

cat <<JSON
{"topology": "relay-split", "learn_route_ms": $learn_ms, "a_to_c_ms": $a_to_c_ms, "c_to_a_ms": $c_to_a_ms, "burst_messages": $total, "burst_done_after_restart_ms": $burst_ms, "stored_delivered_after_return_ms": $stored_ms, "held_while_away": $((held_before + 5)), "held_after_return": $held_after, "b_forwarded_after_restart": $b_forwarded}
JSON
nn_log "relay: ok"
