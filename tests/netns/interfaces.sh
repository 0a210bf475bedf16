#!/bin/sh
# Interfaces that come and go: a starts with its only interface down; once
# it comes up (with an address), a finds b without a restart; the status
# diagnosis says there is no interface while there is none.
set -eu
. "$(dirname "$0")/lib.sh"

mode=${1:-embedded}
nn_init
nn_bridge br0
nn_host a
nn_host b
nn_link a eth0 10.77.9.1/24 br0
nn_link b eth0 10.77.9.2/24 br0
ip -n "$(nn_ns a)" link set eth0 down
nn_start b "$mode"
nn_start a "$mode"
nn_wait_ready a
nn_wait_ready b
diagnosis() {
    nn_ctl a status | python3 -c 'import json,sys; print(json.load(sys.stdin)["network_diagnosis"])'
}
diagnosis | grep -q "no network interface" || nn_fail "a does not say it has no interface: '$(diagnosis)'"
sleep 1
ip -n "$(nn_ns a)" link set eth0 up
nn_wait_count a 1 5000 >/dev/null || nn_fail "a does not find b after its interface came up"
grep -q "mDNS interfaces: eth0" "$NN_WORK/a.log" || nn_fail "a's log does not show the new interface"
nn_log "interfaces: ok"
