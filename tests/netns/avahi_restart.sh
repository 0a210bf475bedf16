#!/bin/sh
# confabd in Avahi mode survives its daemon restarting: while the daemon is
# gone, status says so; once it is back, the node publishes again and a node
# started afterwards finds it with no --peer.
set -eu
. "$(dirname "$0")/lib.sh"

nn_init
nn_bridge br0
nn_host a
nn_host b
nn_link a eth0 10.77.7.1/24 br0
nn_link b eth0 10.77.7.2/24 br0
nn_avahi a
nn_avahi b
nn_start b avahi
nn_wait_ready b
b_id=$(nn_ctl b id | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')

diagnosis() {
    nn_ctl b status | python3 -c 'import json,sys; print(json.load(sys.stdin)["network_diagnosis"])'
}
kill -TERM "$NN_AVAHI_PID_b"
wait "$NN_AVAHI_PID_b" 2>/dev/null || true
i=0
until diagnosis | grep -q "avahi-daemon went away"; do
    i=$((i + 1)); [ $i -lt 50 ] || nn_fail "b's status does not say the daemon went away: '$(diagnosis)'"; sleep 0.1
done
kill -0 "$NN_PID_b" || nn_fail "confabd on b exited with its daemon"
nn_avahi_daemon b
i=0
until [ -z "$(diagnosis)" ]; do
    i=$((i + 1)); [ $i -lt 100 ] || nn_fail "b still reports: '$(diagnosis)'"; sleep 0.1
done

out=$(ip netns exec "$(nn_ns a)" env DBUS_SYSTEM_BUS_ADDRESS="$(nn_bus a)" timeout 10 avahi-browse -rpt _confab._tcp)
echo "$out" | grep -a '^=' | grep -aq "\"id=$b_id\"" || nn_fail "b's service is not published again: $out"
nn_start a avahi
nn_wait_count a 1 5000 >/dev/null || nn_fail "a does not find b after b's daemon restarted"
nn_log "avahi restart: ok"
