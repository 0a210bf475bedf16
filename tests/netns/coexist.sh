#!/bin/sh
# The embedded responder shares UDP 5353 with an avahi-daemon running on the
# same host: both nodes link, and the local daemon resolves both services.
set -eu
. "$(dirname "$0")/lib.sh"

nn_init
nn_bridge br0
nn_host a
nn_host b
nn_link a eth0 10.77.8.1/24 br0
nn_link b eth0 10.77.8.2/24 br0
nn_avahi a
nn_start a embedded
nn_start b embedded
nn_wait_ready a
nn_wait_ready b
nn_wait_count a 1 5000 >/dev/null || nn_fail "a and b did not link"
out=$(ip netns exec "$(nn_ns a)" env DBUS_SYSTEM_BUS_ADDRESS="$(nn_bus a)" timeout 10 avahi-browse -rpt _confab._tcp)
for ip in 10.77.8.1 10.77.8.2; do
    echo "$out" | grep -a '^=' | grep -aq ";$ip;42042;" || nn_fail "the local avahi-daemon does not resolve $ip: $out"
done
grep -q "cannot open UDP port" "$NN_WORK/a.log" && nn_fail "a could not share port 5353"
nn_log "coexist: ok"
