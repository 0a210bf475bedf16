#!/bin/sh
# Interop with mDNS software we did not write.
# a: confabd with the embedded responder (no daemon in its namespace).
# b: avahi-daemon; avahi-browse must resolve a's service with its TXT, and a
#    service published with avahi-publish must show in a's peers.
# c: python3-zeroconf publishes a service; it must show in a's peers too.
# The failed connections behind the foreign services are logged once each.
set -eu
. "$(dirname "$0")/lib.sh"

nn_init
nn_bridge br0
n=1
for h in a b c; do
    nn_host $h
    nn_link $h eth0 "10.77.4.$n/24" br0
    n=$((n + 1))
done
nn_avahi b
nn_start a embedded
nn_wait_ready a
a_id=$(nn_ctl a id | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')

bus=$(nn_bus b)
out=$(ip netns exec "$(nn_ns b)" env DBUS_SYSTEM_BUS_ADDRESS="$bus" timeout 10 avahi-browse -rpt _confab._tcp) \
    || nn_fail "avahi-browse failed"
line=$(echo "$out" | grep -a '^=' | grep -a "\"id=$a_id\"" | head -n 1)
[ -n "$line" ] || nn_fail "avahi-browse did not resolve a's service: $out"
echo "$line" | grep -aq ';10.77.4.1;42042;' || nn_fail "wrong address or port: $line"
protocol=$(nn_ctl a version | python3 -c 'import json,sys; print(json.load(sys.stdin)["protocol_version"])')
echo "$line" | grep -aq "\"v=$protocol\"" || nn_fail "no protocol version $protocol in TXT: $line"
echo "$line" | grep -aq '"name=a"' || nn_fail "no display name in TXT: $line"
nn_log "avahi-browse resolved: $line"

ip netns exec "$(nn_ns b)" env DBUS_SYSTEM_BUS_ADDRESS="$bus" \
    avahi-publish -s "Avahi stranger" _confab._tcp 4242 "v=1" "name=stranger" >"$NN_WORK/publish.log" 2>&1 &
NN_PIDS="$NN_PIDS $!"
# Debian's python3-zeroconf lives with the system interpreter.
zc_python=${NN_ZEROCONF_PYTHON:-/usr/bin/python3}
strangers="Avahi stranger"
addresses=10.77.4.2:4242
if "$zc_python" -c 'import zeroconf' 2>/dev/null; then
    ip netns exec "$(nn_ns c)" "$zc_python" "$(dirname "$0")/zeroconf_publish.py" 10.77.4.3 4343 "Zeroconf stranger" \
        >"$NN_WORK/zeroconf.log" 2>&1 &
    NN_PIDS="$NN_PIDS $!"
    strangers="$strangers:Zeroconf stranger"
    addresses="$addresses 10.77.4.3:4343"
else
    nn_log "python3-zeroconf is not installed: skipping that part (packaging/install-deps.sh installs it)"
fi

listed() { # INSTANCE
    nn_ctl a peers | python3 -c '
import json, sys
sys.exit(0 if any(p.get("instance") == sys.argv[1] and not p.get("connected") and p.get("source")
                  for p in json.load(sys.stdin)) else 1)' "$1"
}
IFS=:
for instance in $strangers; do
    i=0
    until listed "$instance"; do
        i=$((i + 1)); [ $i -lt 100 ] || nn_fail "a does not list '$instance': $(nn_ctl a peers)"; sleep 0.1
    done
done
unset IFS
# Let the dialer retry a few times: the failure must still be logged once.
sleep 4
for address in $addresses; do
    n=$(grep -c "cannot reach $address" "$NN_WORK/a.log" || true)
    [ "$n" -eq 1 ] || nn_fail "the failure to reach $address is logged $n times"
done
kill -0 "$NN_PID_a" || nn_fail "confabd on a died"
nn_ctl a status >/dev/null || nn_fail "a stopped answering"
nn_log "interop: ok"
