#!/bin/sh
# Split topology: a on bridge 1, c on bridge 2, b on both, no forwarding.
# Checks: b sees a and c (each once, though b has two interfaces); a and c
# never see each other.
set -eu
. "$(dirname "$0")/lib.sh"

mode=${1:-embedded}
nn_init
nn_split

for h in a b c; do nn_start $h "$mode"; done
for h in a b c; do nn_wait_ready $h; done
nn_wait_count b 2 5000 >/dev/null || nn_fail "b does not see a and c"
nn_wait_count a 1 5000 >/dev/null || nn_fail "a does not see b"
nn_wait_count c 1 5000 >/dev/null || nn_fail "c does not see b"
sleep 3
for pair in a:c c:a; do
    h=${pair%:*} other=${pair#*:}
    names=$(nn_connected "$h")
    [ "$names" = b ] || nn_fail "$h should see only b, sees: $(echo $names)"
    if nn_ctl "$h" peers | python3 -c '
import json, sys
sys.exit(0 if any(p.get("name") == sys.argv[1] and p.get("connected") for p in json.load(sys.stdin)) else 1)' "$other"; then
        nn_fail "$h is linked to $other"
    fi
done
# b has two interfaces: a and c must each list it exactly once.
for h in a c; do
    n=$(nn_ctl "$h" peers | python3 -c 'import json,sys; print(sum(1 for p in json.load(sys.stdin) if p.get("name") == "b"))')
    [ "$n" -eq 1 ] || nn_fail "$h lists b $n times"
done
nn_log "split $mode: ok"
