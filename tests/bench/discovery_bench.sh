#!/bin/sh
# Discovery benchmark (needs root: it builds network namespaces).
# Prints one JSON object: per mode, time from start to "peer visible"
# (p50/p95/max over NN_RUNS runs, default 20), message delivery time, time
# to "peer gone" after a clean exit, kill -9 and a vanished network; time
# from launching two nodes together to each one's link to the other; then
# idle CPU and RSS per node with 20 nodes (lan20).
# Usage: CONFABD=... CONFABCTL=... discovery_bench.sh [build dir]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
netns="$here/../netns"
if [ $# -ge 1 ]; then
    CONFABD="$1/app/confabd"
    CONFABCTL="$1/app/confabctl"
fi
: "${CONFABD:?set CONFABD or pass the build directory}"
: "${CONFABCTL:?set CONFABCTL or pass the build directory}"
export CONFABD CONFABCTL

results=""
run() {
    out=$(sh "$@" 2>"${TMPDIR:-/tmp}/discovery_bench.$$.log") || {
        echo "discovery_bench: '$*' failed:" >&2
        tail -n 20 "${TMPDIR:-/tmp}/discovery_bench.$$.log" >&2
    }
    line=$(echo "$out" | grep '^{' | tail -n 1)
    if [ "$line" = "" ] && [ "$(id -u)" -ne 0 ]; then
        echo "discovery_bench: needs root (network namespaces)" >&2
        exit 77
    fi
    [ -z "$line" ] || results="${results:+$results,
  }$line"
}
run "$netns/flat.sh" embedded
run "$netns/flat.sh" avahi
run "$netns/together.sh" embedded
run "$netns/together.sh" avahi
run "$netns/lan20.sh" embedded
rm -f "${TMPDIR:-/tmp}/discovery_bench.$$.log"
printf '{"benchmark": "discovery", "results": [\n  %s\n]}\n' "$results"
