#!/bin/sh
# File drops through a relay, on real hosts: a on bridge 1, c on bridge 2, b on
# both without IP forwarding, so a and c have no route to each other and only
# b can pass their drop on (docs/PROTOCOL.md, "Through a relay").
# Checks: while b passes no drops on (--relay-rate-kib 0) c's accepted drop
# waits and nothing goes through b; with b passing drops on, the file arrives
# whole (b2sum), no faster than b's cap; b killed -9 mid-drop and restarted,
# and the drop goes on from where it was; b's profile and logs never hold the
# file's bytes.
# Prints the figures as one JSON object on stdout.
set -eu
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/relay_lib.sh"

RATE_KIB=2048
SIZE_MIB=24

nn_init
nn_split

for h in a c; do nn_start $h embedded; done
nn_start b embedded "$NN_WORK/p-b" --relay-rate-kib 0
for h in a b c; do nn_wait_ready $h; done
nn_split_apart
nn_wait_count b 2 10000 >/dev/null || nn_fail "b does not see a and c"
a_id=$(nn_id_of a)
c_id=$(nn_id_of c)
nn_wait_route a "$c_id" relay 15000 >/dev/null || nn_fail "a does not learn that c is reachable through b"
nn_wait_route c "$a_id" relay 15000 >/dev/null || nn_fail "c does not learn that a is reachable through b"

# The file: random bytes with a marker, so b's profile can be searched for it.
marker="relayed-drop-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
src="$NN_WORK/sent"
mkdir -p "$src" "$NN_WORK/received"
python3 - "$src/big.bin" "$SIZE_MIB" "$marker" <<'EOF'
import os, sys
path, mib, marker = sys.argv[1], int(sys.argv[2]), sys.argv[3].encode()
with open(path, "wb") as out:
    for _ in range(mib):
        block = bytearray(os.urandom(1024 * 1024))
        block[4096:4096 + len(marker)] = marker
        out.write(block)
EOF
want=$(b2sum -l 256 "$src/big.bin" | cut -d' ' -f1)

drop=$(nn_ctl a send-file c "$src/big.bin" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
# transfer_field HOST FIELD: one field of HOST's entry for the drop.
transfer_field() {
    nn_ctl "$1" transfers | python3 -c '
import json, sys
for t in json.load(sys.stdin):
    if t["id"] == sys.argv[1]:
        v = t.get(sys.argv[2])
        print("" if v is None else v)
' "$drop" "$2"
}
start=$(now_ms)
until [ "$(transfer_field c state)" = offered ]; do
    [ $(($(now_ms) - start)) -lt 30000 ] || nn_fail "c never got a's offer through b"
    sleep 0.2
done
nn_ctl c accept "$drop" --to "$NN_WORK/received" >/dev/null

# b passes no drops on, so it does not offer to: c's accepted drop waits.
sleep 5
[ "$(nn_relay b files.forwarding)" = False ] || nn_fail "b says it passes drops on with --relay-rate-kib 0"
[ "$(nn_relay b files.connections)" = 0 ] || nn_fail "b passed a connection on with --relay-rate-kib 0"
[ "$(transfer_field c bytes_done)" = 0 ] || nn_fail "bytes arrived through a relay that passes none on"
[ "$(transfer_field c state)" = transferring ] || nn_fail "c's drop is '$(transfer_field c state)', not waiting"

# b restarted passing drops on, at most RATE_KIB KiB/s.
nn_stop b TERM
nn_start b embedded "$NN_WORK/p-b" --relay-rate-kib $RATE_KIB
nn_wait_ready b
start=$(now_ms)
until [ "$(transfer_field c bytes_done)" -ge $((SIZE_MIB * 1024 * 1024 / 3)) ]; do
    [ $(($(now_ms) - start)) -lt 120000 ] || nn_fail "a third of the drop has not arrived 120 s after b came back ($(transfer_field c bytes_done) bytes; c: $(transfer_field c problem))"
    sleep 0.2
done
first_ms=$(($(now_ms) - start))
[ "$(nn_relay b files.active)" -ge 1 ] || nn_fail "b does not list the connection it passes on"

# b killed -9 mid-drop and started again: the drop goes on where it was.
nn_stop b KILL
sleep 1 # what c had of the chunks in flight is written by now
done_before=$(transfer_field c bytes_done)
nn_start b embedded "$NN_WORK/p-b" --relay-rate-kib $RATE_KIB
nn_wait_ready b
start=$(now_ms)
nn_ctl c wait-transfer "$drop" --timeout 180 >/dev/null || nn_fail "the drop did not complete after b's restart (c: $(transfer_field c state), $(transfer_field c problem))"
rest_ms=$(($(now_ms) - start))
got=$(b2sum -l 256 "$NN_WORK/received/big.bin" | cut -d' ' -f1)
[ "$got" = "$want" ] || nn_fail "c's file differs from a's"
after_restart=$(nn_relay b files.bytes)
# b's second process passed on what was missing (both directions counted),
# not the whole drop again: at most the missing bytes, a chunk and the
# overhead of records and wants.
missing=$((SIZE_MIB * 1024 * 1024 - done_before))
[ "$after_restart" -ge "$missing" ] || nn_fail "b passed on $after_restart bytes after its restart, less than the $missing missing"
[ "$after_restart" -le $((missing + 2 * 1024 * 1024 + missing / 50)) ] || nn_fail "b passed on $after_restart bytes after its restart for $missing missing: the drop started over"
# The cap holds: the rest took at least what RATE_KIB allows, less the
# quarter second's burst.
min_ms=$(( (missing - RATE_KIB * 256) / (RATE_KIB * 1024 / 1000) ))
[ "$rest_ms" -ge "$min_ms" ] || nn_fail "the rest took $rest_ms ms through b, under the $min_ms ms its cap allows"

# What passing the rest on cost b's memory (its process since the restart).
eval "b_pid=\$NN_PID_b"
b_peak_kib=$(awk '/^VmHWM:/ {print $2}' "/proc/$b_pid/status")

# b cannot read what it passed on: its profile and logs never hold the marker.
if grep -r -a -q "$marker" "$NN_WORK/p-b" "$NN_WORK/b.log" "$NN_WORK/b.out"; then
    nn_fail "b's profile or log holds the relayed file's bytes"
fi

cat <<JSON
{"topology": "relay-split", "size_bytes": $((SIZE_MIB * 1024 * 1024)), "relay_rate_kib": $RATE_KIB, "first_third_ms": $first_ms, "bytes_before_kill": $done_before, "rest_after_restart_ms": $rest_ms, "relay_bytes_after_restart": $after_restart, "rest_kib_per_s": $((missing / 1024 * 1000 / (rest_ms + 1))), "relay_peak_rss_kib": $b_peak_kib}
JSON
nn_log "relay_files: ok"
