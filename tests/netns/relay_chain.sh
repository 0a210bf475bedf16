#!/bin/sh
# Relaying along a chain of 5 hosts h1—h2—h3—h4—h5: each host shares a
# bridge only with its neighbours and forwards no IP, so h1 and h5 have no
# route to each other and every message between them crosses three relays.
# Checks: every host reaches every other, directly (its neighbours) or through
# relays, via the neighbour on the way and with hops = the number of links
# between them (docs/PROTOCOL.md, "Routes"); messages both ways h1 <-> h5 with
# Delivered receipts; each relay in the middle counts as forwarded every
# envelope that crossed it. Prints the figures as one JSON object on stdout.
set -eu
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/relay_lib.sh"

n=5
nn_init
i=1
while [ $i -le $n ]; do
    nn_host h$i
    ip netns exec "$(nn_ns h$i)" sysctl -q -w net.ipv4.ip_forward=0
    i=$((i + 1))
done
# Bridge k joins h_k and h_{k+1}.
k=1
while [ $k -lt $n ]; do
    nn_bridge br$k
    nn_link h$k eth1 10.77.$k.$k/24 br$k
    nn_link h$((k + 1)) eth0 10.77.$k.$((k + 1))/24 br$k
    k=$((k + 1))
done

start=$(now_ms)
i=1
while [ $i -le $n ]; do nn_start h$i embedded; i=$((i + 1)); done
i=1
while [ $i -le $n ]; do
    nn_wait_ready h$i
    eval "id_$i=\$(nn_id_of h$i)"
    i=$((i + 1))
done

# (h2, next door, is reachable: the check can tell the difference.)
nn_no_route h1 10.77.1.2 && nn_fail "h1 cannot even reach h2"
nn_no_route h1 10.77.4.5 || nn_fail "h1 has an IP route to h5"
nn_no_route h5 10.77.1.1 || nn_fail "h5 has an IP route to h1"

# h1 learns the far end through h2, four links away.
nn_wait_route h1 "$id_5" relay 60000 >/dev/null || nn_fail "h1 does not learn that h5 is reachable"
learn_ms=$(($(now_ms) - start))
nn_wait_route h5 "$id_1" relay 60000 >/dev/null || nn_fail "h5 does not learn that h1 is reachable"
learn_back_ms=$(($(now_ms) - start))

# What every host says about every other, once the routes have settled: in
# a chain the best route is the only one, so anything else is wrong.
check_routes() {
    local i ids
    ids=""
    i=1
    while [ $i -le $n ]; do
        nn_ctl h$i peers >"$NN_WORK/peers-$i.json"
        eval "ids=\"\$ids \$id_$i\""
        i=$((i + 1))
    done
    python3 - "$NN_WORK" $ids <<'PY'
import json, sys
work, ids = sys.argv[1], sys.argv[2:]
n = len(ids)
problems = []
for i in range(n):
    peers = json.load(open("%s/peers-%d.json" % (work, i + 1)))
    for j in range(n):
        if i == j:
            continue
        dist = abs(i - j)
        if dist == 1:
            want = ("direct", None, None, True)
        else:
            want = ("relay", ids[i + 1 if j > i else i - 1], dist, False)
        found = [p for p in peers if p.get("id") == ids[j]]
        if len(found) != 1:
            problems.append("h%d lists h%d %d times" % (i + 1, j + 1, len(found)))
            continue
        p = found[0]
        got = (p.get("route"), p.get("via"), p.get("hops"), p.get("connected"))
        if got != want:
            problems.append("h%d->h%d: %s, wanted %s" % (i + 1, j + 1, got, want))
print("; ".join(problems))
PY
}
settle_start=$(now_ms)
while :; do
    check_ms=$(now_ms)
    problems=$(check_routes)
    [ -n "$problems" ] || break
    [ $((check_ms - settle_start)) -lt 30000 ] || nn_fail "routes in the chain are wrong: $problems"
    sleep 0.2
done
routes_ms=$((check_ms - start))
[ "$(nn_peer_field h1 "$id_5" hops)" = 4 ] || nn_fail "h1 counts $(nn_peer_field h1 "$id_5" hops) hops to h5"

# Messages both ways, by name, with Delivered receipts through three relays.
# The message figure is exact (both stamps from this machine's clock); the
# receipt is seen by polling the sender, so its figure is an upper bound.
tag=$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
# one_way FROM FROM_ID TO TO_ID: sets ow_ms (latency) and ow_receipt_ms.
one_way() {
    local t0 msg
    t0=$(now_ms)
    msg=$(nn_send $1 $3 "chain $tag $1 to $3")
    nn_wait_state $1 "$4" "$msg" delivered 30000 >/dev/null || nn_fail "$1 never saw $3's Delivered receipt"
    ow_receipt_ms=$(($(now_ms) - t0))
    [ "$(nn_count_text $3 "$2" "chain $tag $1 to $3")" -eq 1 ] || nn_fail "$3 does not hold $1's message exactly once"
    ow_ms=$(nn_latency $3 "$2" "chain $tag $1 to $3")
}
one_way h1 "$id_1" h5 "$id_5"
fwd_ms=$ow_ms fwd_receipt_ms=$ow_receipt_ms
one_way h5 "$id_5" h1 "$id_1"
back_ms=$ow_ms back_receipt_ms=$ow_receipt_ms

# For comparison, the same over one direct link.
one_way h1 "$id_1" h2 "$id_2"
direct_ms=$ow_ms direct_receipt_ms=$ow_receipt_ms

# A few more each way, sent together: none lost, none twice.
burst=10
t0=$(now_ms)
b=1
while [ $b -le $burst ]; do
    nn_ctl h1 send h5 "chain $tag burst $b" >/dev/null
    nn_ctl h5 send h1 "chain $tag burst $b" >/dev/null
    b=$((b + 1))
done
count_burst() { # HOST PEER_ID
    nn_ctl "$1" history "$2" --limit 1000 | python3 -c '
import collections, json, sys
texts = [m["text"] for m in json.load(sys.stdin) if m["direction"] == "in" and m["text"].startswith(sys.argv[1])]
c = collections.Counter(texts)
print(-1 if any(v > 1 for v in c.values()) else len(c))
' "chain $tag burst "
}
until [ "$(count_burst h5 "$id_1")" -eq $burst ] && [ "$(count_burst h1 "$id_5")" -eq $burst ]; do
    [ "$(count_burst h5 "$id_1")" -ge 0 ] && [ "$(count_burst h1 "$id_5")" -ge 0 ] || nn_fail "a burst message arrived twice"
    [ $(($(now_ms) - t0)) -lt 60000 ] || nn_fail "the burst did not arrive: h5 has $(count_burst h5 "$id_1"), h1 has $(count_burst h1 "$id_5")"
    sleep 0.2
done
burst_ms=$(($(now_ms) - t0))

# h2, h3 and h4 each passed on both single messages and their Delivered
# receipts (seen by the senders) and all 20 burst messages: 24 envelopes at
# least (the burst's receipts may be batched). Each went along the known
# route (or to the recipient itself), so `forwarded` counts it; flooding
# would only add copies.
for i in 2 3 4; do
    [ "$(nn_relay h$i forwarded)" -ge $((2 + 2 + 2 * burst)) ] \
        || nn_fail "h$i reports forwarded = $(nn_relay h$i forwarded), fewer than the $((2 + 2 + 2 * burst)) envelopes that crossed it"
done

cat <<JSON
{"topology": "relay-chain", "hosts": $n, "learn_route_h1_h5_from_start_ms": $learn_ms, "learn_route_h5_h1_from_start_ms": $learn_back_ms, "all_routes_right_from_start_ms": $routes_ms, "hops_h1_h5": 4, "h1_to_h5_ms": $fwd_ms, "h1_to_h5_receipt_seen_ms": $fwd_receipt_ms, "h5_to_h1_ms": $back_ms, "h5_to_h1_receipt_seen_ms": $back_receipt_ms, "h1_to_h2_direct_ms": $direct_ms, "h1_to_h2_direct_receipt_seen_ms": $direct_receipt_ms, "burst_each_way": $burst, "burst_all_seen_ms": $burst_ms, "forwarded": {"h2": $(nn_relay h2 forwarded), "h3": $(nn_relay h3 forwarded), "h4": $(nn_relay h4 forwarded)}, "flooded": {"h2": $(nn_relay h2 flooded), "h3": $(nn_relay h3 flooded), "h4": $(nn_relay h4 flooded)}}
JSON
nn_log "relay chain: ok"
