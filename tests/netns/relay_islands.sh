#!/bin/sh
# Three islands of three hosts joined by two bridge hosts, each bridge host
# with one interface on each of two islands (the laptop on two Wi-Fi
# networks): island 1 — ba — island 2 — bb — island 3. No host forwards IP,
# so only Confab's relaying joins the islands.
# Checks: every host lists every other exactly once (a bridge host is one
# peer on both of its islands, never two), directly or through relays, via
# the next host on the shortest path and with its length in hops; every host
# messages a host on another island and gets a Delivered receipt; a host
# that is the only way between two of them counts their message and its
# receipt as forwarded.
# MODE (embedded or avahi) picks the discovery. Prints the figures as one
# JSON object on stdout.
set -eu
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/relay_lib.sh"

mode=${1:-embedded}
islanders="i1a i1b i1c i2a i2b i2c i3a i3b i3c"
hosts="$islanders ba bb"
nn_init
for b in 1 2 3; do nn_bridge br$b; done
for h in $hosts; do
    nn_host $h
    ip netns exec "$(nn_ns $h)" sysctl -q -w net.ipv4.ip_forward=0
done
n=1
for h in $islanders; do
    island=$(echo $h | cut -c2)
    nn_link $h eth0 10.77.$island.$n/24 br$island
    n=$((n + 1))
done
nn_link ba eth0 10.77.1.100/24 br1
nn_link ba eth1 10.77.2.100/24 br2
nn_link bb eth0 10.77.2.200/24 br2
nn_link bb eth1 10.77.3.200/24 br3

# Who shares a bridge with whom: the graph the routes must follow.
cat >"$NN_WORK/links" <<LINKS
br1 i1a i1b i1c ba
br2 i2a i2b i2c ba bb
br3 i3a i3b i3c bb
LINKS

if [ "$mode" = avahi ]; then
    for h in $islanders; do nn_avahi $h; done
    nn_avahi ba eth0,eth1
    nn_avahi bb eth0,eth1
fi
start=$(now_ms)
for h in $hosts; do nn_start $h "$mode"; done
for h in $hosts; do nn_wait_ready $h; done
: >"$NN_WORK/ids"
for h in $hosts; do echo "$h $(nn_id_of $h)" >>"$NN_WORK/ids"; done
idof() { awk -v h="$1" '$1 == h { print $2 }' "$NN_WORK/ids"; }

nn_no_route i1a 10.77.1.2 && nn_fail "i1a cannot even reach i1b"
nn_no_route i1a 10.77.2.4 || nn_fail "island 1 has an IP route to island 2"
nn_no_route i1a 10.77.3.7 || nn_fail "island 1 has an IP route to island 3"
nn_no_route i3c 10.77.2.100 || nn_fail "island 3 has an IP route to ba"

# Every host's view against the graph: the shortest path's length in hops,
# its first host as `via`; one entry per peer, and one per name.
check_routes() {
    for h in $hosts; do nn_ctl $h peers >"$NN_WORK/peers-$h.json"; done
    python3 - "$NN_WORK" <<'PY'
import collections, json, sys
work = sys.argv[1]
ids = dict(line.split() for line in open(work + "/ids"))
graph = collections.defaultdict(set)
for line in open(work + "/links"):
    members = line.split()[1:]
    for a in members:
        graph[a].update(m for m in members if m != a)

def paths_from(src):
    # distance and the set of possible first hops on shortest paths
    dist, first = {src: 0}, {src: set()}
    frontier = [src]
    while frontier:
        nxt = []
        for u in frontier:
            for v in sorted(graph[u]):
                if v not in dist:
                    dist[v] = dist[u] + 1
                    first[v] = {v} if u == src else set(first[u])
                    nxt.append(v)
                elif dist[v] == dist[u] + 1 and u != src:
                    first[v] |= first[u]
        frontier = nxt
    return dist, first

problems = []
for host in ids:
    peers = json.load(open("%s/peers-%s.json" % (work, host)))
    dist, first = paths_from(host)
    for other in ids:
        if other == host:
            continue
        by_id = [p for p in peers if p.get("id") == ids[other]]
        by_name = [p for p in peers if p.get("name") == other]
        if len(by_id) != 1 or len(by_name) != 1:
            problems.append("%s lists %s %d times by id, %d by name" % (host, other, len(by_id), len(by_name)))
            continue
        p = by_id[0]
        if dist[other] == 1:
            ok = p.get("route") == "direct" and p.get("connected") is True
            want = "direct"
        else:
            vias = {ids[v] for v in first[other]}
            ok = (p.get("route") == "relay" and p.get("via") in vias and p.get("hops") == dist[other]
                  and p.get("connected") is False)
            want = "relay via %s, %d hops" % ("/".join(sorted(first[other])), dist[other])
        if not ok:
            names = {v: k for k, v in ids.items()}
            problems.append("%s->%s: %s via %s hops %s connected %s, wanted %s" % (
                host, other, p.get("route"), names.get(p.get("via"), p.get("via")), p.get("hops"),
                p.get("connected"), want))
    strangers = [p.get("name") for p in peers if p.get("id") not in ids.values()]
    if strangers:
        problems.append("%s lists unknown peers %s" % (host, strangers))
print("; ".join(problems))
PY
}
while :; do
    check_ms=$(now_ms)
    problems=$(check_routes)
    [ -n "$problems" ] || break
    [ $((check_ms - start)) -lt 90000 ] || nn_fail "routes across the islands are wrong: $problems"
    sleep 0.3
done
routes_ms=$((check_ms - start))

# Every host writes to someone on another island, all at once.
tag=$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
pairs="i1a:i3a i1b:i2b i1c:i3c i2a:i1a i2b:i3b i2c:i1c i3a:i1b i3b:i2a i3c:i1a ba:i3b bb:i1b"
t0=$(now_ms)
: >"$NN_WORK/sent"
for pair in $pairs; do
    from=${pair%:*} to=${pair#*:}
    echo "$from $to $(nn_send $from $to "islands $tag from $from to $to")" >>"$NN_WORK/sent"
done
while read -r from to msg; do
    nn_wait_text $to "$(idof $from)" "islands $tag from $from to $to" 60000 >/dev/null \
        || nn_fail "$to did not receive $from's message"
done <"$NN_WORK/sent"
delivered_ms=$(($(now_ms) - t0))
latencies=$(while read -r from to msg; do
    nn_latency $to "$(idof $from)" "islands $tag from $from to $to"
done <"$NN_WORK/sent" | nn_percentiles)
while read -r from to msg; do
    nn_wait_state $from "$(idof $to)" "$msg" delivered 60000 >/dev/null \
        || nn_fail "$from never saw $to's Delivered receipt"
    [ "$(nn_count_text $to "$(idof $from)" "islands $tag from $from to $to")" -eq 1 ] \
        || nn_fail "$to holds $from's message more than once"
done <"$NN_WORK/sent"
receipts_ms=$(($(now_ms) - t0))

# Who had to carry what: a host without which a pair has no path at all (a
# bridge host here) passed on its message and, the other way, its Delivered
# receipt. Routes were right before the messages went, so each was passed
# along a route (or to its recipient): `forwarded` counts them all.
for h in $hosts; do echo "$h $(nn_relay $h forwarded) $(nn_relay $h flooded)"; done >"$NN_WORK/counters"
python3 - "$NN_WORK" >"$NN_WORK/carried.json" <<'PY' || nn_fail "a relay's forwarded counter misses what it carried"
import collections, sys
work = sys.argv[1]
graph = collections.defaultdict(set)
for line in open(work + "/links"):
    members = line.split()[1:]
    for a in members:
        graph[a].update(m for m in members if m != a)

def connected(src, dst, without):
    seen, stack = {src}, [src]
    while stack:
        for v in graph[stack.pop()]:
            if v != without and v not in seen:
                seen.add(v)
                stack.append(v)
    return dst in seen

need = collections.Counter()
for line in open(work + "/sent"):
    src, dst, _ = line.split()
    for h in graph:
        if h not in (src, dst) and not connected(src, dst, h):
            need[h] += 2  # the message and its receipt
problems = []
summary = []
for line in open(work + "/counters"):
    host, forwarded, flooded = line.split()
    summary.append('"%s": {"forwarded": %s, "flooded": %s, "carried_at_least": %d}' % (host, forwarded, flooded, need[host]))
    if int(forwarded) < need[host]:
        problems.append("%s forwarded %s, fewer than the %d it had to carry" % (host, forwarded, need[host]))
if problems:
    print("; ".join(problems), file=sys.stderr)
    sys.exit(1)
print("{" + ", ".join(summary) + "}")
PY
carried=$(cat "$NN_WORK/carried.json")

cat <<JSON
{"topology": "relay-islands", "mode": "$mode", "hosts": 11, "all_routes_right_from_start_ms": $routes_ms, "messages": $(echo $pairs | wc -w), "message_ms": {"p50": $(echo $latencies | cut -d' ' -f1), "max": $(echo $latencies | cut -d' ' -f3)}, "all_delivered_seen_ms": $delivered_ms, "all_receipts_seen_ms": $receipts_ms, "relay_counters": $carried}
JSON
nn_log "relay islands $mode: ok"
