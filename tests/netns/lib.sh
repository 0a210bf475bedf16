# Shared helpers for the network-namespace test bed. Source it, then call
# nn_init. Every namespace, daemon and temp file is removed on exit, also
# when a check fails. Needs root; without it the test is skipped (exit 77).
# Bridges live in a namespace of their own: the host network is untouched.

NN_SKIP=77
NN_PORT=42042

nn_log() { echo "[$(date +%H:%M:%S.%3N)] $*" >&2; }
nn_fail() { nn_log "FAIL: $*"; exit 1; }

nn_require() {
    local probe
    if [ "$(id -u)" -ne 0 ]; then
        echo "SKIP: network namespace tests need root (ip netns, veth, bridges)" >&2
        exit $NN_SKIP
    fi
    probe="nnprobe$$"
    if ! ip netns add "$probe" 2>/dev/null; then
        echo "SKIP: 'ip netns add' does not work here (no network namespace support?)" >&2
        exit $NN_SKIP
    fi
    ip netns del "$probe"
    : "${CONFABD:?set CONFABD to the confabd binary}"
    : "${CONFABCTL:?set CONFABCTL to the confabctl binary}"
}

# nn_init: unique names per run so parallel runs never collide.
nn_init() {
    nn_require
    NN_ID="cf$$$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')"
    NN_WORK=$(mktemp -d "/tmp/$NN_ID.XXXX")
    NN_BR="$NN_ID-br"
    NN_PIDS=""
    NN_NETNS=""
    trap nn_cleanup EXIT
    trap 'exit 1' INT TERM
    ip netns add "$NN_BR"
    NN_NETNS="$NN_BR"
    ip -n "$NN_BR" link set lo up
}

nn_cleanup() {
    status=$?
    local pid i ns log
    for pid in $NN_PIDS; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in $NN_PIDS; do
        # Give each a moment, then make sure.
        i=0
        while kill -0 "$pid" 2>/dev/null && [ $i -lt 20 ]; do sleep 0.1; i=$((i + 1)); done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    for ns in $NN_NETNS; do
        ip netns del "$ns" 2>/dev/null || true
    done
    if [ $status -ne 0 ] && [ $status -ne $NN_SKIP ]; then
        for log in "$NN_WORK"/*.log; do
            [ -f "$log" ] || continue
            echo "---- $log (last lines)" >&2
            tail -n 15 "$log" >&2
        done
    fi
    rm -rf "$NN_WORK"
    exit $status
}

nn_bridge() { # NAME
    ip -n "$NN_BR" link add "$1" type bridge mcast_snooping 0
    ip -n "$NN_BR" link set "$1" up
}

nn_ns() { echo "$NN_ID-$1"; }

nn_host() { # HOST
    local ns
    ns=$(nn_ns "$1")
    ip netns add "$ns"
    NN_NETNS="$NN_NETNS $ns"
    ip -n "$ns" link set lo up
}

nn_link() { # HOST IFNAME ADDR/PREFIX BRIDGE
    local ns peer
    ns=$(nn_ns "$1")
    peer="v$1$2"
    ip -n "$NN_BR" link add "$peer" type veth peer name "$2" netns "$ns"
    ip -n "$NN_BR" link set "$peer" master "$4" up
    ip -n "$ns" addr add "$3" dev "$2"
    ip -n "$ns" link set "$2" up
}

nn_avahi() { # HOST [INTERFACES]
    local dir ns i
    dir="$NN_WORK/avahi-$1"
    mkdir -p "$dir"
    cat >"$dir/dbus.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path=$dir/bus</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow own="*"/>
    <allow send_destination="*"/>
    <allow receive_sender="*"/>
  </policy>
</busconfig>
CONF
    cat >"$dir/avahi.conf" <<CONF
[server]
host-name=confab-$1
use-ipv4=yes
use-ipv6=no
allow-interfaces=${2:-eth0}
ratelimit-interval-usec=0
[wide-area]
enable-wide-area=no
[publish]
publish-workstation=no
publish-hinfo=no
CONF
    ns=$(nn_ns "$1")
    ip netns exec "$ns" dbus-daemon --config-file="$dir/dbus.conf" --nofork --nopidfile >"$NN_WORK/dbus-$1.log" 2>&1 &
    NN_PIDS="$NN_PIDS $!"
    i=0
    while [ ! -S "$dir/bus" ]; do
        i=$((i + 1)); [ $i -lt 50 ] || nn_fail "dbus-daemon for $1 did not start"; sleep 0.1
    done
    nn_avahi_daemon "$1"
}

# nn_avahi_daemon HOST: (re)starts avahi-daemon on the host's existing bus;
# sets NN_AVAHI_PID_<HOST>.
nn_avahi_daemon() {
    local dir ns i
    dir="$NN_WORK/avahi-$1"
    ns=$(nn_ns "$1")
    ip netns exec "$ns" unshare -m --propagation private sh -c \
        "mount -t tmpfs tmpfs /run && mkdir -p /run/avahi-daemon && exec env DBUS_SYSTEM_BUS_ADDRESS=unix:path=$dir/bus avahi-daemon -f $dir/avahi.conf --no-chroot --no-drop-root --no-rlimits" \
        >>"$NN_WORK/avahi-$1.log" 2>&1 &
    NN_PIDS="$NN_PIDS $!"
    eval "NN_AVAHI_PID_$1=$!"
    i=0
    until DBUS_SYSTEM_BUS_ADDRESS="unix:path=$dir/bus" dbus-send --system --print-reply --dest=org.freedesktop.Avahi / \
        org.freedesktop.Avahi.Server.GetState >/dev/null 2>&1; do
        i=$((i + 1)); [ $i -lt 100 ] || nn_fail "avahi-daemon for $1 did not start"; sleep 0.1
    done
}

nn_bus() { # HOST: the D-Bus address for the host's avahi, or nothing
    [ -S "$NN_WORK/avahi-$1/bus" ] && echo "unix:path=$NN_WORK/avahi-$1/bus" || echo "unix:path=$NN_WORK/no-bus"
}

# nn_start HOST MODE [PROFILE] [confabd options]: starts confabd, sets NN_PID_<HOST>.
nn_start() {
    local host mode profile pid
    host=$1; mode=$2; profile=${3:-$NN_WORK/p-$1}
    if [ $# -ge 3 ]; then shift 3; else shift $#; fi
    mkdir -p "$profile"
    echo "$profile" >"$NN_WORK/profile-$host"
    ip netns exec "$(nn_ns "$host")" env DBUS_SYSTEM_BUS_ADDRESS="$(nn_bus "$host")" \
        "$CONFABD" --profile "$profile" --name "$host" --discovery "$mode" "$@" \
        >>"$NN_WORK/$host.out" 2>>"$NN_WORK/$host.log" &
    pid=$!
    NN_PIDS="$NN_PIDS $pid"
    eval "NN_PID_$host=$pid"
}

nn_stop() { # HOST [SIGNAL]
    local pid
    eval "pid=\$NN_PID_$1"
    kill "-${2:-TERM}" "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

nn_ctl() { # HOST command...
    local host
    host=$1; shift
    "$CONFABCTL" --profile "$(cat "$NN_WORK/profile-$host")" --json "$@"
}

# Names of the connected peers of HOST, one a line.
nn_connected() {
    nn_ctl "$1" peers 2>/dev/null | python3 -c '
import json, sys
try:
    peers = json.load(sys.stdin)
except ValueError:
    sys.exit(0)
for p in peers:
    if p.get("connected"):
        print(p.get("name"))
'
}

nn_count() { nn_connected "$1" | wc -l; }

now_ms() { date +%s%3N; }

# nn_wait_count HOST N TIMEOUT_MS: waits until HOST has N connected peers;
# prints the milliseconds it took; fails after the timeout.
nn_wait_count() {
    local start c
    start=$(now_ms)
    while :; do
        c=$(nn_count "$1")
        [ "$c" -eq "$2" ] && { echo $(($(now_ms) - start)); return 0; }
        [ $(($(now_ms) - start)) -lt "$3" ] || { nn_log "$1 has $c connected peers, wanted $2"; return 1; }
        sleep 0.05
    done
}

# nn_wait_ready HOST: until the control socket answers.
nn_wait_ready() {
    local i
    i=0
    until nn_ctl "$1" status >/dev/null 2>&1; do
        i=$((i + 1)); [ $i -lt 100 ] || nn_fail "confabd on $1 did not start"; sleep 0.05
    done
}

# Percentiles of numbers on stdin: prints "p50 p95 max".
nn_percentiles() {
    python3 -c '
import math, sys
v = sorted(int(x) for x in sys.stdin.read().split())
pick = lambda q: v[max(0, math.ceil(q * len(v)) - 1)]  # nearest rank
print(pick(0.5), pick(0.95), v[-1])
'
}

# nn_split: a on bridge br1 (10.77.1.1), c on br2 (10.77.2.3), and b on both
# (10.77.1.2, 10.77.2.2) without IP forwarding: a and c cannot reach each other.
nn_split() {
    local h
    nn_bridge br1
    nn_bridge br2
    for h in a b c; do nn_host $h; done
    nn_link a eth0 10.77.1.1/24 br1
    nn_link b eth0 10.77.1.2/24 br1
    nn_link b eth1 10.77.2.2/24 br2
    nn_link c eth0 10.77.2.3/24 br2
    ip netns exec "$(nn_ns b)" sysctl -q -w net.ipv4.ip_forward=0
}

nn_flat() { # three hosts a b c on one bridge
    local n h
    nn_bridge br0
    n=1
    for h in a b c; do
        nn_host $h
        nn_link $h eth0 "10.77.0.$n/24" br0
        n=$((n + 1))
    done
}
