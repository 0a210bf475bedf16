#!/bin/sh
# Two people start Confab at about the same time: hosts a and b on one
# bridge, both nodes launched together, fresh profiles each run.
# Usage: together.sh embedded|avahi
# Measures, over NN_RUNS runs (default 20), the time from the launch to each
# node's first "peer-connected" event for the other (its event log's clock is
# the same wall clock as this script's). Checks that every run connects within
# 10 s; prints p50/p95/max as one JSON object on stdout (the goals, p95
# <= 1.5 s and median <= 1 s, are judged from these figures).
set -eu
. "$(dirname "$0")/lib.sh"

mode=${1:?usage: together.sh embedded|avahi}
runs=${NN_RUNS:-20}
nn_init
nn_bridge br0
nn_host a
nn_link a eth0 10.78.0.1/24 br0
nn_host b
nn_link b eth0 10.78.0.2/24 br0
if [ "$mode" = avahi ]; then
    nn_avahi a
    nn_avahi b
fi

# The wall-clock time of HOST's first peer-connected event.
connected_at() {
    nn_ctl "$1" events | python3 -c '
import json, sys
times = [e["at_ms"] for e in json.load(sys.stdin) if e.get("kind") == "peer-connected"]
print(min(times) if times else "")
'
}

: >"$NN_WORK/times"
i=1
while [ $i -le "$runs" ]; do
    launched=$(now_ms)
    nn_start a "$mode" "$NN_WORK/a-$i"
    nn_start b "$mode" "$NN_WORK/b-$i"
    nn_wait_ready a
    nn_wait_ready b
    for h in a b; do
        nn_wait_count $h 1 10000 >/dev/null || nn_fail "run $i: $h did not connect to the other within 10 s"
        at=$(connected_at $h)
        [ -n "$at" ] || nn_fail "run $i: $h lists the other as connected but logged no peer-connected event"
        echo $((at - launched)) >>"$NN_WORK/times"
        nn_log "run $i: $h connected $((at - launched)) ms after the launch"
    done
    nn_stop a TERM
    nn_stop b TERM
    i=$((i + 1))
done
set -- $(nn_percentiles <"$NN_WORK/times")
cat <<JSON
{"topology": "together", "mode": "$mode", "runs": $runs, "connected_ms": {"p50": $1, "p95": $2, "max": $3}}
JSON
nn_log "together $mode: ok"
