#!/bin/sh
# Multicast blocked: nftables drops mDNS on a, which still links to b by
# address. After the settling time a's status must say its announcements do
# not come back, and b's that mDNS finds nobody although a peer is linked.
set -eu
. "$(dirname "$0")/lib.sh"

nn_init
nn_bridge br0
nn_host a
nn_host b
nn_link a eth0 10.77.6.1/24 br0
nn_link b eth0 10.77.6.2/24 br0
command -v nft >/dev/null || { echo "SKIP: nft (nftables) is not installed" >&2; exit $NN_SKIP; }
ip netns exec "$(nn_ns a)" nft -f - <<'NFT'
table inet mdnsblock {
    chain in {
        type filter hook input priority 0; policy accept;
        udp dport 5353 drop
    }
    chain out {
        type filter hook output priority 0; policy accept;
        udp dport 5353 drop
    }
}
NFT
nn_start a embedded "$NN_WORK/p-a" --peer 10.77.6.2
nn_start b embedded
nn_wait_ready a
nn_wait_ready b
nn_wait_count a 1 10000 >/dev/null || nn_fail "a does not link to b by address"
diagnosis() {
    nn_ctl "$1" status | python3 -c 'import json,sys; print(json.load(sys.stdin)["network_diagnosis"])'
}
i=0
until diagnosis a | grep -q "multicast looks blocked"; do
    i=$((i + 1)); [ $i -lt 150 ] || nn_fail "a's status does not diagnose blocked multicast: '$(diagnosis a)'"; sleep 0.1
done
nn_log "a says: $(diagnosis a)"
diagnosis a | grep -q "never came back" || nn_fail "a should say its own announcements do not come back"
# b cannot tell which side drops multicast; it sees a linked peer mDNS never showed.
i=0
until diagnosis b | grep -q "mDNS finds nobody"; do
    i=$((i + 1)); [ $i -lt 50 ] || nn_fail "b's status does not say mDNS finds nobody: '$(diagnosis b)'"; sleep 0.1
done
nn_log "diagnosis: ok"
