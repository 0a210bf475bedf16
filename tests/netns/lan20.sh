#!/bin/sh
# lan20: NN_HOSTS hosts (default 20) on one bridge, embedded mDNS (pass
# "avahi" for a daemon per host). Checks every node lists all others within
# 5 s, then reports idle CPU and RSS per node as JSON (goal: <= 40 MB, ~0 %).
set -eu
. "$(dirname "$0")/lib.sh"

mode=${1:-embedded}
hosts=${NN_HOSTS:-20}
idle_s=${NN_IDLE_SECONDS:-10}
nn_init
nn_bridge br0
i=1
while [ $i -le "$hosts" ]; do
    nn_host "h$i"
    nn_link "h$i" eth0 "10.77.5.$i/24" br0
    [ "$mode" = avahi ] && nn_avahi "h$i"
    i=$((i + 1))
done

start=$(now_ms)
i=1
while [ $i -le "$hosts" ]; do nn_start "h$i" "$mode"; i=$((i + 1)); done
want=$((hosts - 1))
i=1
while [ $i -le "$hosts" ]; do
    left=$((5000 - ($(now_ms) - start)))
    [ $left -gt 0 ] || left=1
    nn_wait_count "h$i" "$want" "$left" >/dev/null || nn_fail "h$i does not list $want peers within 5 s"
    i=$((i + 1))
done
all_ms=$(($(now_ms) - start))
nn_log "all $hosts nodes list $want peers after $all_ms ms"

# Idle: CPU ticks over the idle period and resident memory, per node.
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
sleep 3
pids=""
i=1
while [ $i -le "$hosts" ]; do eval "pids=\"\$pids \$NN_PID_h$i\""; i=$((i + 1)); done
before=""
for pid in $pids; do before="$before $(ticks "$pid")"; done
sleep "$idle_s"
hz=$(getconf CLK_TCK)
report=$(
    set -- $before
    for pid in $pids; do
        t0=$1; shift
        t1=$(ticks "$pid")
        rss=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")
        echo "$((t1 - t0)) $rss"
    done | python3 -c '
import json, sys
hz, seconds, total_ms, mode = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
rows = [tuple(map(int, line.split())) for line in sys.stdin if line.strip()]
cpu = [100.0 * t / hz / seconds for t, _ in rows]
rss = [kb / 1024.0 for _, kb in rows]
print(json.dumps({"topology": "lan20", "mode": mode, "nodes": len(rows), "all_visible_ms": total_ms,
                  "idle_seconds": seconds, "cpu_percent": {"mean": round(sum(cpu) / len(cpu), 3), "max": round(max(cpu), 3)},
                  "rss_mb": {"mean": round(sum(rss) / len(rss), 1), "max": round(max(rss), 1)}}))
' "$hz" "$idle_s" "$all_ms" "$mode"
)
echo "$report"
echo "$report" | python3 -c '
import json, sys
r = json.load(sys.stdin)
sys.exit(0 if r["rss_mb"]["max"] <= 40 and r["cpu_percent"]["mean"] <= 1.0 else 1)' \
    || nn_fail "idle nodes use too much: $report"
nn_log "lan20 $mode: ok"
