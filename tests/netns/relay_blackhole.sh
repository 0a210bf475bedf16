#!/bin/sh
# A relay that swallows what it carries, one hop beyond the sender's only
# neighbour: a—r1—r2—r3—d in a chain (each pair on a bridge of its own, no IP
# forwarding), and x, a hostile peer on r1's bridge to r2, that claims to be
# next to everyone r1 tells it of, confirms custody of every envelope and
# passes nothing on. r1's best route to d is then through x, and unflagged
# copies a floods would still go to x.
# Checks (docs/PROTOCOL.md, "Custody and retries", "Forwarding"):
# - r1 routes to d through x (the black hole is really on the path);
# - a's message reaches d anyway, exactly once, with a Delivered receipt: no
#   receipt within the delivery timeout makes a seal it afresh, flagged, and
#   every carrier floods it on, around x;
# - d's answer, and a's next message while they talk, go flagged at once;
# - r1 passed envelopes along its route (into x), and flooded.
# Prints the figures as one JSON object on stdout.
set -eu
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/relay_lib.sh"
: "${HOSTILE:?set HOSTILE to the confab_hostile_peer binary}"

nn_init
for h in a r1 r2 r3 d x; do
    nn_host $h
    ip netns exec "$(nn_ns $h)" sysctl -q -w net.ipv4.ip_forward=0
done
for k in 1 2 3 4; do nn_bridge br$k; done
nn_link a eth0 10.77.1.1/24 br1
nn_link r1 eth0 10.77.1.2/24 br1
nn_link r1 eth1 10.77.2.2/24 br2
nn_link x eth0 10.77.2.9/24 br2
nn_link r2 eth0 10.77.2.3/24 br2
nn_link r2 eth1 10.77.3.3/24 br3
nn_link r3 eth0 10.77.3.4/24 br3
nn_link r3 eth1 10.77.4.4/24 br4
nn_link d eth0 10.77.4.5/24 br4

for h in a r1 r2 r3 d; do nn_start $h embedded; done
for h in a r1 r2 r3 d; do nn_wait_ready $h; done
a_id=$(nn_id_of a)
d_id=$(nn_id_of d)
nn_no_route a 10.77.4.5 || nn_fail "a has an IP route to d"

# The black hole links to r1 and lies about its neighbours from then on.
nn_hostile_start x 10.77.2.2 x relay-blackhole --timeout-ms 200000
x_id=$(nn_hostile_id x)

nn_wait_route a "$d_id" relay 60000 >/dev/null || nn_fail "a does not learn that d is reachable"
nn_wait_route d "$a_id" relay 60000 >/dev/null || nn_fail "d does not learn that a is reachable"
t0=$(now_ms)
until [ "$(nn_peer_field r1 "$d_id" via)" = "$x_id" ]; do
    [ $(($(now_ms) - t0)) -lt 30000 ] || nn_fail "r1 does not route to d through the black hole (via $(nn_peer_field r1 "$d_id" via))"
    sleep 0.1
done
[ "$(nn_peer_field a "$d_id" via)" = "$(nn_id_of r1)" ] || nn_fail "a does not route to d through r1"

tag=$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
# deliver FROM FROM_ID TO TO_ID TEXT: until FROM sees TEXT Delivered and TO
# holds it once; sets took_ms (send to receipt seen).
deliver() {
    local t0 msg
    t0=$(now_ms)
    msg=$(nn_send $1 $3 "$5")
    nn_wait_state $1 "$4" "$msg" delivered 90000 >/dev/null ||
        nn_fail "$1's message to $3 was not delivered around the black hole"
    took_ms=$(($(now_ms) - t0))
    [ "$(nn_count_text $3 "$2" "$5")" -eq 1 ] || nn_fail "$3 does not hold $1's message exactly once"
}
deliver a "$a_id" d "$d_id" "around the hole $tag 1"
first_ms=$took_ms
deliver d "$d_id" a "$a_id" "around the hole $tag answer"
answer_ms=$took_ms
deliver a "$a_id" d "$d_id" "around the hole $tag 2"
second_ms=$took_ms

r1_forwarded=$(nn_relay r1 forwarded)
r1_flooded=$(nn_relay r1 flooded)
[ "$r1_forwarded" -ge 1 ] || nn_fail "r1 never passed anything along its route (into the black hole)"
[ "$r1_flooded" -ge 1 ] || nn_fail "r1 never flooded: the message did not go around the black hole"
kill "$NN_PID_x" 2>/dev/null || true
wait "$NN_PID_x" 2>/dev/null || true

cat <<JSON
{"topology": "relay-blackhole", "first_delivered_ms": $first_ms, "answer_delivered_ms": $answer_ms, "second_delivered_ms": $second_ms, "r1_forwarded": $r1_forwarded, "r1_flooded": $r1_flooded}
JSON
nn_log "relay black hole: ok"
