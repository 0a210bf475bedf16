#!/bin/sh
# Two nodes with separate profiles on one host (one namespace, two ports) and
# one node on another host: every node lists each other identity exactly once.
set -eu
. "$(dirname "$0")/lib.sh"

mode=${1:-embedded}
nn_init
nn_bridge br0
nn_host a
nn_host b
nn_link a eth0 10.77.3.1/24 br0
nn_link b eth0 10.77.3.2/24 br0
if [ "$mode" = avahi ]; then
    nn_avahi a
    nn_avahi b
fi
# a2 runs in a's namespace: nn_ns maps host names to namespaces, so alias it.
nn_start a "$mode" "$NN_WORK/p-a" --listen 0.0.0.0:42042
ip netns exec "$(nn_ns a)" env DBUS_SYSTEM_BUS_ADDRESS="$(nn_bus a)" \
    "$CONFABD" --profile "$NN_WORK/p-a2" --name a2 --discovery "$mode" --listen 0.0.0.0:42043 \
    >"$NN_WORK/a2.out" 2>"$NN_WORK/a2.log" &
NN_PIDS="$NN_PIDS $!"
echo "$NN_WORK/p-a2" >"$NN_WORK/profile-a2"
nn_start b "$mode"
for h in a a2 b; do nn_wait_ready $h; done
for h in a a2 b; do
    nn_wait_count $h 2 5000 >/dev/null || nn_fail "$h does not see the two others"
done
sleep 2
for h in a a2 b; do
    total=$(nn_ctl "$h" peers | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
    [ "$total" -eq 2 ] || nn_fail "$h lists $total entries, wanted exactly 2: $(nn_ctl "$h" peers)"
done
nn_log "same host $mode: ok"
