#!/bin/sh
# Peer exchange: no multicast at all (--discovery off); a and c only know b's
# address, b tells each about the other, and a and c link directly.
set -eu
. "$(dirname "$0")/lib.sh"

nn_init
nn_flat
nn_start b off
nn_wait_ready b
nn_start a off "$NN_WORK/p-a" --peer 10.77.0.2
nn_start c off "$NN_WORK/p-c" --peer 10.77.0.2
for h in a b c; do
    nn_wait_count $h 2 10000 >/dev/null || nn_fail "$h does not see both others: $(echo $(nn_connected $h))"
done
[ "$(nn_ctl a status | python3 -c 'import json,sys; print(json.load(sys.stdin)["discovery"])')" = static ] \
    || nn_fail "status does not report discovery=static"
nn_log "exchange: ok"
