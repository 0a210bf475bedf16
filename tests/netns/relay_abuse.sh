#!/bin/sh
# Relayed envelopes a node must refuse, sent by hostile peers to live nodes
# (docs/PROTOCOL.md, "Receiving", "Opening", "Refusals"). Topology as in
# relay.sh: a on bridge 1, c on bridge 2, b on both (the relay, with a 2 MiB
# store), no IP forwarding; hostile peers link to b from bridge 1 (h) and to
# c from bridge 2 (g).
# Checks, each refused without closing the link, counted, and never stored:
# - forged senders and a tampered header, at their recipient c;
# - expired envelopes and ones claiming to live too long, at the relay b;
# - an envelope replayed after its delivery, at b, at c, and at b again after
#   b was killed -9 and restarted (the seen-set is on disk);
# - three flooding origins: each fills only its own quota (200 envelopes or
#   1 MiB), the third meets the total limit, and a's messages still go through.
# Refusals are logged at most once every 10 s per node; the counters keep
# the rest. Prints the figures as one JSON object on stdout.
set -eu
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/relay_lib.sh"
: "${HOSTILE:?set HOSTILE to the confab_hostile_peer binary}"

store_mb=2
nn_init
nn_bridge br1
nn_bridge br2
for h in a b c h g; do nn_host $h; done
nn_link a eth0 10.77.1.1/24 br1
nn_link b eth0 10.77.1.2/24 br1
nn_link b eth1 10.77.2.2/24 br2
nn_link c eth0 10.77.2.3/24 br2
nn_link h eth0 10.77.1.9/24 br1
nn_link g eth0 10.77.2.9/24 br2
ip netns exec "$(nn_ns b)" sysctl -q -w net.ipv4.ip_forward=0

nn_start a embedded
nn_start b embedded "" --relay-store-mb $store_mb
nn_start c embedded
for h in a b c; do nn_wait_ready $h; done
a_id=$(nn_id_of a)
b_id=$(nn_id_of b)
c_id=$(nn_id_of c)
b_profile=$(cat "$NN_WORK/profile-b")
c_profile=$(cat "$NN_WORK/profile-c")
nn_wait_route a "$c_id" relay 60000 >/dev/null || nn_fail "a does not learn that c is reachable through b"
nn_wait_route c "$a_id" relay 60000 >/dev/null || nn_fail "c does not learn that a is reachable through b"
tag=$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')

# hostile FROM_HOST NODE_ADDR REPORT MODE [options]: runs one attack; its JSON
# report goes to $NN_WORK/REPORT.json. The link must stay up: a refusal is
# not a protocol error.
hostile() {
    local from addr report
    from=$1 addr=$2 report=$3
    shift 3
    ip netns exec "$(nn_ns "$from")" "$HOSTILE" --connect "$addr:$NN_PORT" --timeout-ms 20000 --mode "$@" \
        >"$NN_WORK/$report.json" 2>>"$NN_WORK/hostile.log" || nn_fail "the hostile peer's $report run failed (exit $?)"
    [ "$(report "$report" closed)" = False ] || nn_fail "the node closed the link during $report"
}
report() { # REPORT KEY
    python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$NN_WORK/$1.json" "$2"
}
# expect_relay HOST PATH VALUE WHAT: until a counter of `confabctl relay`
# reaches VALUE (the node may still be reading what was sent); more fails.
expect_relay() {
    local start got
    start=$(now_ms)
    while :; do
        got=$(nn_relay "$1" "$2")
        [ "$got" != "$3" ] || return 0
        [ "$got" -lt "$3" ] && [ $(($(now_ms) - start)) -lt 10000 ] || nn_fail "$4: $1 reports $2 = $got, not $3"
        sleep 0.1
    done
}
# stored HOST TABLE REPORT: how many of the routing ids a run sent are in
# HOST's table relay_envelopes (held for others) or relay_seen (the seen-set).
stored() {
    python3 -c '
import json, sqlite3, sys
ids = [bytes.fromhex(i) for i in json.load(open(sys.argv[3]))["routing_ids"]]
db = sqlite3.connect("file:%s/confab.db?mode=ro" % sys.argv[1], uri=True)
print(sum(db.execute("SELECT COUNT(*) FROM %s WHERE routing_id = ?" % sys.argv[2], (i,)).fetchone()[0] for i in ids))
' "$(cat "$NN_WORK/profile-$1")" "$2" "$NN_WORK/$3.json"
}
# refusal_times HOST: at_ms of HOST's relay-refused events, oldest first.
refusal_times() {
    nn_ctl "$1" events --limit 1000 | python3 -c '
import json, sys
for t in sorted(e["at_ms"] for e in json.load(sys.stdin) if e["kind"] == "relay-refused"):
    print(t)
'
}
refusals_logged() { refusal_times "$1" | wc -l; }
# expect_refusals HOST N WHAT: until HOST has logged N refusals; more fails.
expect_refusals() {
    local start got
    start=$(now_ms)
    while :; do
        got=$(refusals_logged "$1")
        [ "$got" -ne "$2" ] || return 0
        [ "$got" -lt "$2" ] && [ $(($(now_ms) - start)) -lt 5000 ] || nn_fail "$3: $1 logged $got refusals, not $2"
        sleep 0.1
    done
}
last_refusal() { nn_ctl "$1" events --limit 1000 | python3 -c '
import json, sys
e = [e for e in json.load(sys.stdin) if e["kind"] == "relay-refused"]
print(max(e, key=lambda e: e["at_ms"])["detail"] if e else "")
'; }
# wait_log_window HOST: until HOST would log a refusal again (10 s after its last).
wait_log_window() {
    last=$(refusal_times "$1" | tail -n 1)
    [ -n "$last" ] || return 0
    while [ $(($(now_ms) - last)) -lt 10300 ]; do sleep 0.2; done
}
not_in_profile() { # HOST TEXT WHAT
    if grep -r -a -q "$2" "$(cat "$NN_WORK/profile-$1")" "$NN_WORK/$1.log" "$NN_WORK/$1.out"; then
        nn_fail "$3: $1's profile or log holds '$2'"
    fi
}

for counter in invalid expired replay quota; do
    expect_relay b refused.$counter 0 "before any attack"
    expect_relay c refused.$counter 0 "before any attack"
done
c_delivered=$(nn_relay c delivered)

# 1. At the recipient: a sender named but not the sealer (its id with our
# key; its real key sealed with ours), and a header altered after sealing.
hostile g 10.77.2.3 forged_id relay-forged-id --to "$c_id" --claim-id "$a_id" --count 5 --text "forged-id-$tag"
hostile g 10.77.2.3 forged_key relay-forged-key --to "$c_id" --claim-id "$a_id" --count 5 --text "forged-key-$tag"
hostile g 10.77.2.3 tampered relay-tampered --to "$c_id" --count 5 --text "tampered-$tag"
# Refused on opening, each is still confirmed (so no relay offers it again
# for a day), but never recorded as seen (a genuine one could still open).
for r in forged_id forged_key tampered; do
    # (counted until c is quiet for 1 s: on a busy machine some may come later)
    [ "$(report $r custody)" -ge 1 ] || nn_fail "c confirmed none of the $r envelopes"
    [ "$(stored c relay_seen $r)" -eq 0 ] || nn_fail "c recorded a $r envelope as seen"
done
expect_relay c refused.invalid 15 "forged senders and a tampered header"
expect_relay c delivered "$c_delivered" "forged senders and a tampered header"
for text in forged-id forged-key tampered; do not_in_profile c "$text-$tag" "a refused envelope"; done
[ "$(nn_count_text c "$a_id" "forged-id-$tag #1")" -eq 0 ] || nn_fail "c shows a forged message as a's"
expect_refusals c 1 "15 refusals in a burst"
last_refusal c | grep -q "forged sender" || nn_fail "c's refusal says '$(last_refusal c)'"

# 2. At the relay: expired, and living longer than any sealer may set.
hostile h 10.77.1.2 expired relay-expired --to "$c_id" --count 5 --text "expired-$tag"
hostile h 10.77.1.2 too_long relay-too-long --to "$c_id" --count 5 --text "too-long-$tag"
expect_relay b refused.expired 5 "expired envelopes"
expect_relay b refused.invalid 5 "envelopes that claim to live too long"
for r in expired too_long; do
    [ "$(report $r custody)" -eq 0 ] || nn_fail "b confirmed custody of a $r envelope"
    [ "$(stored b relay_envelopes $r)" -eq 0 ] || nn_fail "b holds a $r envelope"
    [ "$(stored b relay_seen $r)" -eq 0 ] || nn_fail "b recorded a $r envelope as seen"
done
expect_relay b held.count 0 "after refusing expired envelopes"
expect_refusals b 1 "10 refusals in a burst"
last_refusal b | grep -q "expired" || nn_fail "b's refusal says '$(last_refusal b)'"

# 3. Replays of a delivered envelope: at the relay, at the recipient, and at
# the relay again after it was killed -9 (its seen-set survives).
wait_log_window b
hostile h 10.77.1.2 replay relay-replay --to "$c_id" --count 5 --text "replay-$tag" --save "$NN_WORK/replay.env"
[ "$(report replay receipted)" = True ] || nn_fail "the first copy was not delivered"
replay_receipt_ms=$(report replay receipt_ms)
h_id=$(report replay self)
expect_relay b refused.replay 5 "an envelope replayed after delivery"
[ "$(report replay custody)" -eq 5 ] || nn_fail "b answered $(report replay custody) of 5 replays with custody"
[ "$(stored b relay_envelopes replay)" -eq 0 ] || nn_fail "b still holds the delivered envelope"
[ "$(nn_count_text c "$h_id" "replay-$tag")" -eq 1 ] || nn_fail "c does not show the replayed message exactly once"
expect_refusals b 2 "a replay burst 10 s later"
last_refusal b | grep -q "delivered already" || nn_fail "b's refusal says '$(last_refusal b)'"
wait_log_window c
hostile g 10.77.2.3 replay_c relay-resend --load "$NN_WORK/replay.env" --count 3
expect_relay c refused.replay 3 "a delivered envelope replayed to its recipient"
[ "$(report replay_c custody)" -eq 3 ] || nn_fail "c answered $(report replay_c custody) of 3 replays with custody"
expect_refusals c 2 "a replay burst 10 s later"
last_refusal c | grep -q "delivered already" || nn_fail "c's refusal says '$(last_refusal c)'"
nn_stop b KILL
nn_start b embedded "$b_profile" --relay-store-mb $store_mb
nn_wait_ready b
nn_wait_route a "$c_id" relay 60000 >/dev/null || nn_fail "a does not reach c again after b's restart"
nn_wait_route c "$a_id" relay 60000 >/dev/null || nn_fail "c does not reach a again after b's restart"
wait_log_window b
hostile h 10.77.1.2 replay_restart relay-resend --load "$NN_WORK/replay.env" --count 3
expect_relay b refused.replay 3 "a replay after b's restart"
[ "$(report replay_restart custody)" -eq 3 ] || nn_fail "b answered $(report replay_restart custody) of 3 replays with custody"
[ "$(nn_count_text c "$h_id" "replay-$tag")" -eq 1 ] || nn_fail "c shows the message again after b's restart"
expect_relay c refused.replay 3 "a replay after b's restart (c must not see it)"

# 4. Disk use, whatever peers send: floods that pass through b to a sink
# (g, a hostile peer that takes everything addressed to it) never stay in
# b's store, but b writes them all; its profile stays within the store limit
# and a few MiB (the database's write-ahead log is cut back after checkpoints).
nn_hostile_start g 10.77.2.2 sink relay-sink --timeout-ms 120000
sink_id=$(nn_hostile_id sink)
passed=0
t0=$(now_ms)
for r in 1 2 3; do
    hostile h 10.77.1.2 pass_$r relay-flood --to "$sink_id" --count 300 --size 65280
    passed=$((passed + $(report pass_$r custody)))
done
pass_ms=$(($(now_ms) - t0))
kill "$NN_PID_sink" 2>/dev/null || true
wait "$NN_PID_sink" 2>/dev/null || true
[ "$passed" -ge 100 ] || nn_fail "only $passed envelopes passed through b to the sink"
# Something written after a checkpoint, so the log gets cut back.
sleep 2
msg=$(nn_send a c "after the pass-through $tag")
nn_wait_state a "$c_id" "$msg" delivered 30000 >/dev/null || nn_fail "a's message did not get through after the pass-through"
sleep 2
pass_profile_bytes=$(du -sb "$b_profile" | cut -f1)
pass_wal_bytes=$(stat -c %s "$b_profile/confab.db-wal" 2>/dev/null || echo 0)
seen_rows=$(python3 -c '
import sqlite3, sys
print(sqlite3.connect("file:%s/confab.db?mode=ro" % sys.argv[1], uri=True).execute("SELECT COUNT(*) FROM relay_seen").fetchone()[0])
' "$b_profile")
[ "$pass_profile_bytes" -le $(((store_mb + 6) * 1048576)) ] \
    || nn_fail "b's profile takes $pass_profile_bytes bytes after $passed envelopes passed through (WAL $pass_wal_bytes)"

# 5. Flooding origins, each a fresh identity: 250 small envelopes meet the
# count quota, 30 of the largest class the byte quota, 30 more the total.
wait_log_window b
logged_before=$(refusals_logged b)
quota_before=$(nn_relay b refused.quota)
hostile h 10.77.1.2 flood_count relay-flood --count 250 --size 512
hostile h 10.77.1.2 flood_bytes relay-flood --count 30 --size 65280
hostile h 10.77.1.2 flood_total relay-flood --count 30 --size 65280
check_quotas() {
    nn_ctl b relay >"$NN_WORK/relay-b.json"
    python3 - "$NN_WORK" "$quota_before" <<'PY'
import json, sys
work, quota_before = sys.argv[1], int(sys.argv[2])
relay = json.load(open(work + "/relay-b.json"))
quotas = relay["quotas"]
use = {o["origin"]: o for o in relay["held_by_origin"]}
runs = {name: json.load(open("%s/%s.json" % (work, name))) for name in ("flood_count", "flood_bytes", "flood_total")}
problems = []
large = 51 + 65280  # header and sealed part, as held
for name, run in runs.items():
    held = use.get(run["self"], {"count": 0, "bytes": 0})
    if held["count"] != run["custody"]:
        problems.append("%s: b holds %d but confirmed custody of %d" % (name, held["count"], run["custody"]))
    if held["count"] > quotas["per_origin_messages"] or held["bytes"] > quotas["per_origin_bytes"]:
        problems.append("%s: b holds %s, over the per-origin quota" % (name, held))
    if held["count"] >= run["sent"]:
        problems.append("%s: nothing of %d was refused" % (name, run["sent"]))
# Each met the limit it was made for, not another one.
if use.get(runs["flood_count"]["self"], {}).get("count") != quotas["per_origin_messages"]:
    problems.append("flood_count did not fill the count quota")
if use.get(runs["flood_bytes"]["self"], {}).get("bytes", 0) + large <= quotas["per_origin_bytes"]:
    problems.append("flood_bytes did not fill the byte quota")
total = relay["held"]["bytes"]
if total > quotas["total_bytes"]:
    problems.append("b holds %d bytes, over its limit of %d" % (total, quotas["total_bytes"]))
if total + large <= quotas["total_bytes"]:
    problems.append("flood_total did not meet the total limit (%d of %d held)" % (total, quotas["total_bytes"]))
refused = sum(r["sent"] - r["custody"] for r in runs.values())
if relay["refused"]["quota"] - quota_before != refused:
    problems.append("b counted %d refusals over quota, the floods had %d refused" % (relay["refused"]["quota"] - quota_before, refused))
print("; ".join(problems))
PY
}
# (b may still be counting the last refusals when the floods end.)
t0=$(now_ms)
until problems=$(check_quotas) && [ -z "$problems" ]; do
    [ $(($(now_ms) - t0)) -lt 10000 ] || nn_fail "b's quotas did not hold: $problems"
    sleep 0.2
done
for r in flood_count flood_bytes flood_total; do
    [ "$(stored b relay_envelopes $r)" -eq "$(report $r custody)" ] || nn_fail "b holds envelopes of $r it refused"
    [ "$(stored b relay_seen $r)" -eq "$(report $r custody)" ] || nn_fail "b recorded envelopes of $r it refused as seen"
done
expect_refusals b $((logged_before + 1)) "floods 10 s later"
last_refusal b | grep -q "quota" || nn_fail "b's refusal says '$(last_refusal b)'"
held_bytes=$(nn_relay b held.bytes)
profile_bytes=$(du -sb "$b_profile" | cut -f1)
db_bytes=$(stat -c %s "$b_profile/confab.db")
wal_bytes=$(stat -c %s "$b_profile/confab.db-wal" 2>/dev/null || echo 0)
# b passed the floods on to its other carriers: what a now holds from b.
a_holds_for_b=$(nn_ctl a relay | python3 -c '
import json, sys
r = json.load(sys.stdin)
print(json.dumps(next(({"count": o["count"], "bytes": o["bytes"]} for o in r["held_by_origin"] if o["origin"] == sys.argv[1]), {})))
' "$b_id")
# Others still get through the full relay: a's messages reach c, receipted.
t0=$(now_ms)
for i in 1 2 3 4 5; do echo "$(nn_send a c "after the flood $i $tag")" >>"$NN_WORK/after-flood"; done
while read -r msg; do
    nn_wait_state a "$c_id" "$msg" delivered 30000 >/dev/null || nn_fail "a's message did not get through the flooded relay"
done <"$NN_WORK/after-flood"
after_flood_ms=$(($(now_ms) - t0))
t0=$(now_ms)
until [ "$(nn_relay b held.bytes)" = "$held_bytes" ]; do
    [ $(($(now_ms) - t0)) -lt 10000 ] || nn_fail "b holds $(nn_relay b held.bytes) bytes after a's messages went through, not $held_bytes"
    sleep 0.2
done

# Refusals were logged at most once every 10 s on each node.
for host in b c; do
    refusal_times $host | python3 -c '
import sys
t = [int(x) for x in sys.stdin.read().split()]
close = [b - a for a, b in zip(t, t[1:]) if b - a < 9000]  # (event stamps lag a loaded node)
sys.exit(1 if close else 0)
' || nn_fail "$host logged refusals less than 10 s apart"
    lines=$(grep -c "warning: refused" "$NN_WORK/$host.log" || true)
    [ "$lines" -eq "$(refusals_logged $host)" ] || nn_fail "$host has $lines refusal log lines and $(refusals_logged $host) events"
done

# 6. A forged envelope that a relay carries (it cannot tell): c refuses it,
# and b offers it again while it holds it. Measured, not judged.
invalid_before=$(nn_relay c refused.invalid)
hostile h 10.77.1.2 forged_relayed relay-forged-id --to "$c_id" --claim-id "$a_id" --count 1 --text "forged-relayed-$tag"
sleep 10
reoffered=$(($(nn_relay c refused.invalid) - invalid_before))
[ "$reoffered" -ge 1 ] || nn_fail "c never saw the forged envelope that b carried"
not_in_profile c "forged-relayed-$tag" "a forged envelope carried by b"

cat <<JSON
{"topology": "relay-abuse", "refused_at_c": {"forged_or_tampered": 15, "replay": 3}, "refused_at_b": {"expired": 5, "too_long": 5, "replay_before_restart": 5, "replay_after_restart": 3, "quota_floods": $(($(nn_relay b refused.quota) - quota_before))}, "replay_first_copy_receipt_ms": $replay_receipt_ms, "flood_held": {"count_quota": $(report flood_count custody), "byte_quota": $(report flood_bytes custody), "total_limit": $(report flood_total custody)}, "b_held_bytes": $held_bytes, "b_store_limit_bytes": $((store_mb * 1048576)), "b_profile_bytes": {"total": $profile_bytes, "db": $db_bytes, "wal": $wal_bytes}, "a_holds_for_b": $a_holds_for_b, "after_flood_5_delivered_ms": $after_flood_ms, "refusal_log_lines": {"b": $(refusals_logged b), "c": $(refusals_logged c)}, "forged_carried_refusals_at_c_in_10s": $reoffered, "pass_through": {"envelopes": $passed, "mib": $((passed * 65331 / 1048576)), "ms": $pass_ms, "b_profile_bytes": $pass_profile_bytes, "b_wal_bytes": $pass_wal_bytes, "b_seen_rows": $seen_rows}}
JSON
nn_log "relay abuse: ok"
