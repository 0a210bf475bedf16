#!/bin/sh
# The split topology of relay.sh (a on bridge 1, c on bridge 2, b on both
# with no IP forwarding), with b started with `--relay off`: b announces
# Relay but not RelayCarrier, so nothing carries between a and c
# (docs/PROTOCOL.md, "Capabilities"; docs/CONTROL.md, `--relay`).
# Checks, while b does not carry: a's message to c stays queued (never sent,
# relayed or delivered), a sealed nothing, b holds and passed on nothing,
# and a does not list c as reachable through a relay. Then b restarts with
# its default (relaying on) on the same profile: the queued message is
# delivered, exactly once, and b counts what it forwarded.
# Prints the figures as one JSON object on stdout.
set -eu
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/relay_lib.sh"

nn_init
nn_split

nn_start a embedded
nn_start b embedded "" --relay off
nn_start c embedded
for h in a b c; do nn_wait_ready $h; done
b_profile=$(cat "$NN_WORK/profile-b")

nn_split_apart

nn_wait_count b 2 60000 >/dev/null || nn_fail "b does not see a and c"
a_id=$(nn_id_of a)
b_id=$(nn_id_of b)
c_id=$(nn_id_of c)
[ "$(nn_relay b carrying)" = False ] || nn_fail "b with --relay off says it carries for others"
[ "$(nn_relay a carrying)" = True ] || nn_fail "a carries nothing by default"

# b passes statements on even when it carries nothing, so a hears of c and
# can address it by name.
start=$(now_ms)
until [ -n "$(nn_peer_field a "$c_id" id)" ]; do
    [ $(($(now_ms) - start)) -lt 60000 ] || nn_fail "a never hears of c"
    sleep 0.2
done

tag=$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
sent=$(nn_ctl a send c "relay off $tag") || nn_fail "a cannot address c by name"
msg=$(echo "$sent" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
state=$(echo "$sent" | python3 -c 'import json,sys; print(json.load(sys.stdin)["state"])')
[ "$state" = queued ] || nn_fail "a's message to c is '$state' at once, not queued"

# For two of the queue's resend rounds (10 s each) nothing may carry it.
window_ms=25000
start=$(now_ms)
while [ $(($(now_ms) - start)) -lt $window_ms ]; do
    state=$(nn_message_state a "$c_id" "$msg")
    [ "$state" = queued ] || nn_fail "a's message to c is '$state' while b does not carry, not queued"
    # A route through a host that carries nothing is no way to c.
    [ "$(nn_peer_field a "$c_id" route)" != relay ] \
        || nn_fail "a lists c as reachable through a relay (via $(nn_peer_field a "$c_id" via)) while b does not carry"
    sleep 1
done
[ "$(nn_count_text c "$a_id" "relay off $tag")" -eq 0 ] || nn_fail "c has a's message although b does not carry"
# Nothing was sealed at a (it has no carrier to give it to), and b held and
# passed on nothing.
for key in sent forwarded flooded transmissions relayed_peers; do
    [ "$(nn_relay a $key)" -eq 0 ] || nn_fail "a reports $key = $(nn_relay a $key) with no carrier around"
done
for key in forwarded flooded transmissions held.count; do
    [ "$(nn_relay b $key)" -eq 0 ] || nn_fail "b with --relay off reports $key = $(nn_relay b $key)"
done

# b comes back with relaying on (the default).
nn_stop b TERM
nn_start b embedded "$b_profile"
nn_wait_ready b
[ "$(nn_relay b carrying)" = True ] || nn_fail "b restarted without --relay off does not carry"
start=$(now_ms)
nn_wait_route a "$c_id" relay 60000 >/dev/null || nn_fail "a does not reach c through b once b carries"
[ "$(nn_peer_field a "$c_id" via)" = "$b_id" ] || nn_fail "a reaches c via '$(nn_peer_field a "$c_id" via)', not b"
nn_wait_text c "$a_id" "relay off $tag" 60000 >/dev/null || nn_fail "c did not get the queued message once b carries"
nn_wait_state a "$c_id" "$msg" delivered 60000 >/dev/null || nn_fail "a never saw c's Delivered receipt"
delivered_ms=$(($(now_ms) - start))
[ "$(nn_count_text c "$a_id" "relay off $tag")" -eq 1 ] || nn_fail "c holds a's message more than once"
# The message and its receipt both went through b, each passed on to its
# recipient, b's neighbour.
[ "$(nn_relay b forwarded)" -ge 2 ] || nn_fail "b reports forwarded = $(nn_relay b forwarded), fewer than the message and its receipt"
[ "$(nn_relay a sent)" -ge 1 ] || nn_fail "a reports sent = $(nn_relay a sent) after its message went through b"

cat <<JSON
{"topology": "relay-off", "queued_window_ms": $window_ms, "delivered_after_restart_ms": $delivered_ms, "b_forwarded": $(nn_relay b forwarded), "a_sent": $(nn_relay a sent)}
JSON
nn_log "relay off: ok"
