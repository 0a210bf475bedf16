#!/bin/sh
# Flat topology: hosts a, b, c on one bridge, no --peer anywhere.
# Usage: flat.sh embedded|avahi
# Checks: they find each other and exchange a message in each of NN_RUNS runs
# (default 20); a clean exit, a crash and a vanished network are noticed; a
# restarted node comes back. Prints the figures as one JSON object on stdout:
# discovery p95 against its goal (1.5 s) is reported there, never asserted,
# because a loaded machine must not fail the test.
set -eu
. "$(dirname "$0")/lib.sh"

mode=${1:?usage: flat.sh embedded|avahi}
runs=${NN_RUNS:-20}
p95_goal_ms=1500
nn_init
nn_flat
if [ "$mode" = avahi ]; then
    for h in a b c; do nn_avahi $h; done
fi

nn_start b "$mode"
nn_start c "$mode"
nn_wait_ready b
nn_wait_ready c
nn_wait_count b 1 5000 >/dev/null || nn_fail "b and c did not find each other"

# Each run is a fresh identity on a, so nothing remembered helps it.
: >"$NN_WORK/times"
i=1
while [ $i -le "$runs" ]; do
    # A new address too: b and c still redial the last run's a by address.
    ip -n "$(nn_ns a)" addr flush dev eth0
    ip -n "$(nn_ns a)" addr add "10.77.0.$((100 + i))/24" dev eth0
    nn_start a "$mode" "$NN_WORK/a-$i"
    ms=$(nn_wait_count a 2 10000) || nn_fail "run $i: a did not find b and c within 10 s"
    echo "$ms" >>"$NN_WORK/times"
    nn_log "run $i: a sees b and c after $ms ms"
    if [ $i -lt "$runs" ]; then
        nn_stop a TERM
    fi
    i=$((i + 1))
done
set -- $(nn_percentiles <"$NN_WORK/times")
p50=$1 p95=$2 worst=$3

for h in b c; do
    nn_wait_count $h 2 5000 >/dev/null || nn_fail "$h does not see both others"
done
grep -q "$( [ "$mode" = avahi ] && echo 'Using avahi-daemon' || echo 'built-in')" "$NN_WORK/a.log" \
    || nn_fail "a's log does not say which discovery it uses"
[ "$(nn_ctl a status | python3 -c 'import json,sys; print(json.load(sys.stdin)["discovery"])')" = "$mode" ] \
    || nn_fail "status does not report discovery=$mode"

# A message from a to b, by ID: b knows one "a" per run.
a_id=$(nn_ctl a id | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
start=$(now_ms)
nn_ctl a send b "hello from a" >/dev/null
text=$(nn_ctl b wait-message --from "$a_id" --timeout 30 | python3 -c 'import json,sys; print(json.load(sys.stdin)["text"])') \
    || { nn_ctl a peers >&2; nn_ctl a history b >&2; nn_fail "b did not receive a's message"; }
message_ms=$(($(now_ms) - start))
[ "$text" = "hello from a" ] || nn_fail "b received '$text'"

# Presence: goodbye, reappearance, crash.
# Times count from the signal, so a slow shutdown counts too.
t0=$(now_ms)
nn_stop a TERM
nn_wait_count b 1 10000 >/dev/null || nn_fail "b still lists a 10 s after a clean exit"
goodbye_ms=$(($(now_ms) - t0))
t0=$(now_ms)
nn_start a "$mode" "$NN_WORK/a-$runs"
nn_wait_count b 2 10000 >/dev/null || nn_fail "b does not see a again after its restart"
back_ms=$(($(now_ms) - t0))
sleep 1
t0=$(now_ms)
nn_stop a KILL
nn_wait_count b 1 15000 >/dev/null || nn_fail "b still lists a 15 s after it was killed"
crash_ms=$(($(now_ms) - t0))
# A host that vanishes without its kernel closing the links (cable pulled):
# only link liveness can notice.
nn_start a "$mode" "$NN_WORK/a-$runs"
nn_wait_count b 2 10000 >/dev/null || nn_fail "b does not see a again after its second restart"
t0=$(now_ms)
ip -n "$(nn_ns a)" link set eth0 down
nn_wait_count b 1 15000 >/dev/null || nn_fail "b still lists a 15 s after its network vanished"
vanish_ms=$(($(now_ms) - t0))

cat <<JSON
{"topology": "flat", "mode": "$mode", "runs": $runs, "discovery_ms": {"p50": $p50, "p95": $p95, "max": $worst}, "message_ms": $message_ms, "goodbye_ms": $goodbye_ms, "reappear_ms": $back_ms, "crash_ms": $crash_ms, "vanish_ms": $vanish_ms, "discovery_p95_goal_ms": $p95_goal_ms, "discovery_p95_goal_met": $([ "$p95" -le "$p95_goal_ms" ] && echo true || echo false)}
JSON
nn_log "flat $mode: ok"
