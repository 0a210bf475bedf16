#!/bin/sh
# Rooms on real hosts: five hosts a..e on one bridge, each with its own
# confabd, finding each other by discovery (docs/PROTOCOL.md, "Rooms").
# Checks:
# - a makes a room with the four others and all five list it, same members;
# - a message from a reaches every other member once, a sees it delivered to
#   4, then read by the 2 that marked it read;
# - e is away while b talks, then b goes too: e, back, gets b's messages from
#   a, c or d, still as b signed them;
# - a removes d: d learns it is out, what a says next never reaches d, and d's
#   node holds nothing that opens a captured copy of it: no chain of the new
#   epoch, and none of the keys in d's database decrypts the message's wire
#   bytes taken from a's database (while a's own grant of the same chain
#   does, so the attempt itself is sound);
# - b is promoted; the network is cut in two ({a,c,e} and {b,d}); a removes
#   c while b adds d back and renames the room; once the network is whole
#   again every member lists the same members, admins and name, c knows it is
#   out, and a message from b reaches the members and not c.
# Every node runs with --relay off: nothing holds sealed envelopes for an
# absent member, so e's catch-up is the room's own (summaries compared with
# whichever member it meets), and a cut network is really cut.
# MODE (embedded or avahi) picks the discovery. Prints the figures as one
# JSON object on stdout.
set -eu
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/relay_lib.sh"

mode=${1:-embedded}
hosts="a b c d e"
# A cut link is noticed within about this long (pings every third of it).
DEAD_AFTER_MS=5000

nn_init
nn_bridge br0
nn_bridge br1
n=1
for h in $hosts; do
    nn_host $h
    nn_link $h eth0 "10.77.0.$n/24" br0
    n=$((n + 1))
done
if [ "$mode" = avahi ]; then
    for h in $hosts; do nn_avahi $h; done
fi

start_node() { # HOST
    nn_start "$1" "$mode" "$NN_WORK/p-$1" --dead-after-ms "$DEAD_AFTER_MS" --relay off
}

for h in $hosts; do start_node $h; done
for h in $hosts; do nn_wait_ready $h; done
for h in $hosts; do
    nn_wait_count $h 4 30000 >/dev/null || nn_fail "$h does not see the four others"
done
: >"$NN_WORK/ids"
for h in $hosts; do echo "$h $(nn_id_of $h)" >>"$NN_WORK/ids"; done
idof() { awk -v h="$1" '$1 == h { print $2 }' "$NN_WORK/ids"; }
a_id=$(idof a) b_id=$(idof b) c_id=$(idof c) d_id=$(idof d) e_id=$(idof e)
sorted_ids() { for h in "$@"; do idof $h; done | sort | paste -sd, -; }

# Conditions on what the nodes' control sockets say. `q COND ARGS` checks
# once (exit 0 or 1) and prints what it saw; `q --wait MS COND ARGS` polls
# (one Python process for the whole wait, so a loaded machine does not slow
# the polling down) and prints the milliseconds it took, or what it saw last
# on stderr when the time is up.
cat >"$NN_WORK/q.py" <<'PY'
import json, os, subprocess, sys, time

work, ctl_bin = os.environ["NN_WORK"], os.environ["CONFABCTL"]

def ctl(host, *args):
    with open("%s/profile-%s" % (work, host)) as f:
        profile = f.read().strip()
    out = subprocess.run([ctl_bin, "--profile", profile, "--json", *args],
                         capture_output=True, text=True, timeout=30)
    if out.returncode != 0:
        raise RuntimeError("%s: %s" % (" ".join(args), out.stderr.strip()))
    return json.loads(out.stdout)

def view(host, room):
    """name|sorted member ids|sorted admin ids|in or left; "absent" when not listed."""
    r = next((r for r in ctl(host, "rooms") if room in (r["id"], r["name"])), None)
    if r is None:
        return "absent"
    members = sorted(m["peer"] for m in r["members"])
    admins = sorted(m["peer"] for m in r["members"] if m["admin"])
    return "%s|%s|%s|%s" % (r["name"], ",".join(members), ",".join(admins), "left" if r["left"] else "in")

def history(host, room):
    return ctl(host, "room-history", room, "--limit", "1000")

def count(host, room, text, sender=None):
    return sum(1 for m in history(host, room) if m["text"] == text and (sender is None or m["sender"] == sender))

def message(host, room, msg):
    return next((m for m in history(host, room) if m["id"] == msg), None)

def cond_views(room, wanted, *hosts):          # every host's view is WANTED
    seen = {h: view(h, room) for h in hosts}
    return all(v == wanted for v in seen.values()), seen

def cond_left(room, host):                      # HOST knows it is out
    v = view(host, room)
    return v.endswith("|left"), v

def cond_has(room, sender, hosts, *texts):     # HOSTS (a,b) hold each TEXT from SENDER exactly once
    seen = {h: [count(h, room, t, sender) for t in texts] for h in hosts.split(",")}
    return all(c == 1 for cs in seen.values() for c in cs), seen

def cond_lacks(room, host, text):               # HOST holds no message with TEXT
    c = count(host, room, text)
    return c == 0, c

def cond_field(room, host, msg, field, value):  # a field of one message of HOST's
    m = message(host, room, msg)
    got = None if m is None else str(m[field])
    return got == value, got

def cond_routes(want, host, *ids):              # HOST reaches each of IDS by route WANT
    routes = {p.get("id"): p.get("route") for p in ctl(host, "peers")}
    got = [routes.get(i) for i in ids]
    return all(r == want for r in got), got

def cond_partitioned(left, right, ids):        # no host of one side reaches the other
    hosts = dict(l.split() for l in open(ids))
    seen = {}
    for side, other in ((left, right), (right, left)):
        for h in side.split(","):
            seen[h] = cond_routes("none", h, *(hosts[o] for o in other.split(",")))[1]
    return all(r == "none" for rs in seen.values() for r in rs), seen

def show(room, host, msg, field):               # prints one field of a message
    m = message(host, room, msg)
    return True, None if m is None else m[field]

def latency(room, hosts, sender, *texts):       # stored_ms - sent_ms, the largest on HOSTS
    ms = [m["stored_ms"] - m["sent_ms"] for h in hosts.split(",") for m in history(h, room)
          if m["sender"] == sender and m["text"] in texts]
    return True, max(ms)

def roomid(room, host):                         # the id of the room with that name
    return True, next(r["id"] for r in ctl(host, "rooms") if room in (r["id"], r["name"]))

def msgid(room, host, text):                    # the id of HOST's message with TEXT
    return True, next(m["id"] for m in history(host, room) if m["text"] == text)

def stored(room, host, sender, *texts):         # when HOST stored the last of them
    return True, max(m["stored_ms"] for m in history(host, room) if m["sender"] == sender and m["text"] in texts)

def receipts(room, host, msg):
    m = message(host, room, msg)
    return True, ",".join(sorted("%s=%s" % (r["peer"], r["state"]) for r in m["receipts"]))

def send_wait(limit, room, host, text, field, value):
    """Sends TEXT from HOST, then polls until the message's FIELD (on HOST)
    is VALUE; prints the message id and the milliseconds from the send."""
    start = time.monotonic()
    msg = ctl(host, "room-send", room, text)["id"]
    while True:
        try:
            ok, seen = cond_field(room, host, msg, field, value)
        except Exception as e:  # a busy node or machine: try again until the time is up
            ok, seen = False, "error: %r" % e
        if ok:
            print(msg, int((time.monotonic() - start) * 1000))
            return 0
        if (time.monotonic() - start) * 1000 > int(limit):
            print("%s's message %s has %s %s, not %s" % (host, msg, field, seen, value), file=sys.stderr)
            print(msg, -1)
            return 1
        time.sleep(0.05)

def main(argv):
    if argv[0] == "send-wait":
        return send_wait(*argv[1:])
    wait, actions = None, []
    while argv[0].startswith("--"):
        if argv[0] == "--wait":
            wait = int(argv[1])
        elif argv[0] == "--do":   # HOST|COMMAND|ARG...: run first, on the clock
            actions.append(argv[1].split("|"))
        argv = argv[2:]
    name, args = argv[0], argv[1:]
    fn = globals().get("cond_" + name) or globals()[name]
    start = time.monotonic()
    for host, *command in actions:
        if host == "!":           # !|SHELL COMMAND: a change to the network
            subprocess.run(command[0], shell=True, check=True)
        else:
            ctl(host, *command)
    while True:
        try:
            ok, seen = fn(*args)
        except Exception as e:  # a busy node or machine: try again until the time is up
            ok, seen = False, "error: %r" % e
            if wait is None and time.monotonic() - start < 10:
                time.sleep(0.2)
                continue
        if ok and wait is None:
            print(seen)
            return 0
        if ok:
            print(int((time.monotonic() - start) * 1000))
            return 0
        if wait is None or (time.monotonic() - start) * 1000 > wait:
            print("%s %s: saw %s" % (name, " ".join(args), seen), file=sys.stderr)
            return 1
        time.sleep(0.05)

sys.exit(main(sys.argv[1:]))
PY
q() { NN_WORK="$NN_WORK" python3 "$NN_WORK/q.py" "$@"; }

tag=$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')

# 1. a makes the room; every member lists it, with the same five members.
name="Rooms $tag"
want="$name|$(sorted_ids $hosts)|$a_id|in"
join_ms=$(q --wait 30000 --do "a|room-create|$name|$b_id|$c_id|$d_id|$e_id" views "$name" "$want" $hosts) \
    || nn_fail "not every member lists the room with its five members"
room=$(q roomid "$name" a)
nn_log "all five list room $room after $join_ms ms"

# 2. A message from a reaches all once; receipts come back.
m1_text="hello room $tag"
sent=$(q send-wait 30000 "$room" a "$m1_text" delivered_to 4) || nn_fail "a never sees its message delivered to 4"
m1=${sent% *} delivered_ms=${sent#* }
q --wait 30000 has "$room" "$a_id" b,c,d,e "$m1_text" >/dev/null || nn_fail "not every member holds a's room message once"
m1_latency_ms=$(q latency "$room" b,c,d,e "$a_id" "$m1_text")
q field "$room" a "$m1" other_members 4 >/dev/null || nn_fail "a's message does not count 4 other members"
q field "$room" a "$m1" read_by 0 >/dev/null || nn_fail "a's message is read before anyone read it"
read_ms=$(q --wait 30000 --do "b|room-read|$room" --do "c|room-read|$room" field "$room" a "$m1" read_by 2) \
    || nn_fail "a never sees its message read by 2"
receipts=$(q receipts "$room" a "$m1")
want_receipts=$(printf '%s=read\n%s=read\n%s=delivered\n%s=delivered\n' "$b_id" "$c_id" "$d_id" "$e_id" | sort | paste -sd, -)
[ "$receipts" = "$want_receipts" ] || nn_fail "a's receipts are $receipts, not $want_receipts"
nn_log "a's message was stored by all four $m1_latency_ms ms after sending at the latest; a saw delivered_to 4 after $delivered_ms ms, read_by 2 $read_ms ms after room-read"

# 3. e away while b talks; b gone before e comes back: e catches up from a,
# c or d.
nn_stop e TERM
for i in 1 2 3; do
    nn_ctl b room-send "$room" "while e was away $i $tag" >/dev/null || nn_fail "b cannot send to the room"
done
q --wait 30000 has "$room" "$b_id" a,c,d "while e was away 1 $tag" "while e was away 2 $tag" "while e was away 3 $tag" >/dev/null \
    || nn_fail "a, c and d do not hold b's three messages"
nn_stop b TERM
kill -0 "$NN_PID_b" 2>/dev/null && nn_fail "b is still running"
t0=$(now_ms)
start_node e
nn_wait_ready e
q --wait 60000 has "$room" "$b_id" e "while e was away 1 $tag" "while e was away 2 $tag" "while e was away 3 $tag" >/dev/null \
    || nn_fail "e did not get b's three messages from a, c or d"
caught_ms=$(($(q stored "$room" e "$b_id" "while e was away 1 $tag" "while e was away 2 $tag" "while e was away 3 $tag") - t0))
# None of it came as sealed envelopes held for e.
[ "$(nn_relay e delivered)" -eq 0 ] || nn_fail "e opened $(nn_relay e delivered) sealed envelopes: relays held messages for it"
nn_log "e caught up with b's 3 messages, b offline: stored $caught_ms ms after e was started again"

start_node b
nn_wait_ready b
for h in $hosts; do
    nn_wait_count $h 4 30000 >/dev/null || nn_fail "$h does not see the four others after b and e came back"
done

# 4. a removes d; what a says next never reaches d, and d cannot open it.
m2_text="after d was removed $tag"
removal_ms=$(q --wait 30000 --do "a|room-remove|$room|$d_id" --do "a|room-send|$room|$m2_text" left "$room" d) \
    || nn_fail "d does not learn it was removed"
m2=$(q msgid "$room" a "$m2_text")
q views "$room" "$name|$(sorted_ids a b c e)|$a_id|in" a >/dev/null || nn_fail "a's room after removing d is wrong"
q --wait 30000 has "$room" "$a_id" b,c,e "$m2_text" >/dev/null || nn_fail "not every remaining member holds a's message sent after d's removal"
q --wait 30000 field "$room" a "$m2" delivered_to 3 >/dev/null || nn_fail "a never sees its message after the removal delivered to 3"
q field "$room" a "$m2" other_members 3 >/dev/null || nn_fail "a's message after the removal does not count 3 other members"
refused=$(nn_ctl d room-send "$room" "still here? $tag" 2>&1) && nn_fail "the removed d could still send: $refused"

# The captured copy: the wire bytes as a stored them, tried against every
# key d's database holds (WHEN: "removed", d may hold no chain of another
# member from the new epoch on; "readded", d is a member again and may).
cat >"$NN_WORK/captured.py" <<'PY'
import ctypes, hashlib, os, sqlite3, struct, sys

a_db, d_db, room_hex, msg_hex, text, d_id, first_hex, when = sys.argv[1:]
sodium = ctypes.CDLL("libsodium.so.23")
if sodium.sodium_init() < 0:
    sys.exit("libsodium does not start")

def fail(why):
    print(why, file=sys.stderr)
    sys.exit(1)

def db(path):
    return sqlite3.connect("file:%s?mode=ro" % path, uri=True, timeout=10)

def blake(key, label):
    return hashlib.blake2b(label, key=key, digest_size=32).digest()

def message_key(chain_key):
    return blake(chain_key, b"confab room message key")

def next_chain_key(chain_key):
    return blake(chain_key, b"confab room chain key")

def aead_open(key, ad, ciphertext):
    out = ctypes.create_string_buffer(max(1, len(ciphertext)))
    out_len = ctypes.c_ulonglong(0)
    ok = sodium.crypto_aead_chacha20poly1305_ietf_decrypt(
        out, ctypes.byref(out_len), None, ciphertext, ctypes.c_ulonglong(len(ciphertext)),
        ad, ctypes.c_ulonglong(len(ad)), bytes(12), key)
    return out.raw[:out_len.value] if ok == 0 else None

# The wire bytes (docs/PROTOCOL.md, "Room message").
a = db(a_db)
row = a.execute("SELECT wire, sender, epoch, key_id, chain_index FROM room_messages WHERE hex(id) = ?",
                (msg_hex.upper(),)).fetchone()
if row is None:
    fail("a's database has no message %s" % msg_hex)
wire, sender, epoch, key_id, index = bytes(row[0]), row[1], row[2], row[3], row[4]
if wire[0] != 1 or wire[1:17].hex() != room_hex or wire[17:33].hex() != msg_hex:
    fail("the wire bytes do not start with version 1, the room and the message id")
w_epoch, w_key_id, w_index, length = struct.unpack(">IIII", wire[53:69])
if (w_epoch, w_key_id, w_index) != (epoch, key_id, index):
    fail("the wire header says epoch %d key %d index %d, the row %d %d %d"
         % (w_epoch, w_key_id, w_index, epoch, key_id, index))
ad, ciphertext = wire[:65], wire[69:69 + length]
if text.encode() in wire:
    fail("the wire bytes hold the text in the clear")
first_epoch = a.execute("SELECT epoch FROM room_messages WHERE hex(id) = ?", (first_hex.upper(),)).fetchone()[0]
if epoch <= first_epoch:
    fail("the message after the removal is in epoch %d, the first message was in %d" % (epoch, first_epoch))

def opens(chain_key, at, tried):
    """Tries chain_key (the chain key of index `at`) on the message: the
    message keys of every index from `at` to a few past the message's."""
    ck = chain_key
    for _ in range(max(0, index - at) + 8):
        tried[0] += 1
        plain = aead_open(message_key(ck), ad, ciphertext)
        if plain is not None:
            return plain
        ck = next_chain_key(ck)
    return None

def body_of(plain):
    kind, _, n = struct.unpack(">BQI", plain[:13])
    return kind, plain[13:13 + n]

# The attempt is sound: a's grant of this chain to a member opens it (kept
# from the first pass, in case a no longer holds it later).
grants = a.execute("SELECT member, first_index, chain_key FROM room_key_grants"
                   " WHERE epoch = ? AND key_id = ?", (epoch, key_id)).fetchall()
if d_id in (g[0] for g in grants):
    fail("a handed d the chain of the epoch of its removal")
kept = "%s/grant-%s" % (os.path.dirname(os.path.dirname(a_db)), msg_hex)
if when == "removed":
    if not grants:
        fail("a's database holds no grant of the chain %d/%d" % (epoch, key_id))
    with open(kept, "w") as f:
        f.write("%d %s" % (grants[0][1], bytes(grants[0][2]).hex()))
with open(kept) as f:
    control_index, control_key = f.read().split()
control = opens(bytes.fromhex(control_key), int(control_index), [0])
if control is None or body_of(control) != (1, text.encode()):
    fail("a's own grant does not open its message: the decryption attempt is wrong")

d = db(d_db)
chains = d.execute("SELECT sender, epoch, key_id, first_index, next_index, chain_key, skipped"
                   " FROM room_chains WHERE hex(room_id) = ?", (room_hex.upper(),)).fetchall()
for c_sender, c_epoch, c_key_id, *_ in chains:
    if (c_sender, c_epoch, c_key_id) == (sender, epoch, key_id):
        fail("d holds the chain of the message sent after its removal")
    if when == "removed" and c_sender != d_id and c_epoch >= epoch:
        fail("d holds %s's chain of epoch %d, not older than the new epoch %d" % (c_sender, c_epoch, epoch))
held = d.execute("SELECT decrypted, body FROM room_messages WHERE hex(id) = ?", (msg_hex.upper(),)).fetchone()
if held is not None and (held[0] or held[1]):
    fail("d decrypted the message sent after its removal")
# Every key d holds: chain keys (its readers' and its own), skipped message
# keys, and the chain keys it handed out.
tried = [0]
keys = 0
for _, _, _, first_index, next_index, chain_key, skipped in chains:
    keys += 1
    if opens(bytes(chain_key), min(next_index, index), tried) is not None:
        fail("a chain key in d's database opens the message")
    skipped = bytes(skipped)
    for at in range(0, len(skipped) - 35, 36):
        keys += 1
        tried[0] += 1
        if aead_open(skipped[at + 4:at + 36], ad, ciphertext) is not None:
            fail("a skipped message key in d's database opens the message")
for first_index, chain_key in d.execute("SELECT first_index, chain_key FROM room_key_grants").fetchall():
    keys += 1
    if opens(bytes(chain_key), min(first_index, index), tried) is not None:
        fail("a key d handed out opens the message")
if keys == 0:
    fail("d's database holds no keys at all: nothing was tried")
print('{"new_epoch": %d, "d_held_the_wire": %s, "d_keys": %d, "d_attempts": %d}'
      % (epoch, "true" if held is not None else "false", keys, tried[0]))
PY
captured() { # WHEN
    python3 "$NN_WORK/captured.py" "$NN_WORK/p-a/confab.db" "$NN_WORK/p-d/confab.db" "$room" "$m2" "$m2_text" "$d_id" "$m1" "$1"
}
captured=$(captured removed) || nn_fail "the captured copy check failed"
if grep -r -a -q "$m2_text" "$NN_WORK/p-d" "$NN_WORK/d.log" "$NN_WORK/d.out"; then
    nn_fail "d's profile or log holds the text sent after its removal"
fi
q lacks "$room" d "$m2_text" >/dev/null || nn_fail "d's history shows a's message sent after its removal"
nn_log "d knows it was removed after $removal_ms ms; a's next message is not in its history; captured copy: $captured"

# 5. Two admins change the membership while the network is cut in two.
nn_ctl a room-promote "$room" "$b_id" >/dev/null || nn_fail "a cannot promote b"
q --wait 30000 views "$room" "$name|$(sorted_ids a b c e)|$(sorted_ids a b)|in" a b c e >/dev/null \
    || nn_fail "not every member sees b promoted"
[ "$(nn_ctl b room "$room" | python3 -c 'import json,sys; print(json.load(sys.stdin)["admin"])')" = True ] \
    || nn_fail "b does not know it is an admin"

cut="ip -n $NN_BR link set vbeth0 master br1 && ip -n $NN_BR link set vdeth0 master br1"
cut_ms=$(q --wait 30000 --do "!|$cut" partitioned a,c,e b,d "$NN_WORK/ids") || nn_fail "the two halves still reach each other"
nn_no_route a 10.77.0.2 || nn_fail "a still has an IP route to b after the cut"
nn_log "the network is cut in two ({a,c,e} and {b,d}); every host sees it after $cut_ms ms"

new_name="Renamed $tag"
nn_ctl a room-remove "$room" "$c_id" >/dev/null || nn_fail "a cannot remove c"
nn_ctl b room-invite "$room" "$d_id" >/dev/null || nn_fail "b cannot add d back"
nn_ctl b room-rename "$room" "$new_name" >/dev/null || nn_fail "b cannot rename the room"
q views "$room" "$name|$(sorted_ids a b e)|$(sorted_ids a b)|in" a >/dev/null || nn_fail "a's room after removing c is wrong"
q views "$room" "$new_name|$(sorted_ids a b c d e)|$(sorted_ids a b)|in" b >/dev/null || nn_fail "b's room after adding d is wrong"
# Each half takes its own admin's change.
q --wait 30000 left "$room" c >/dev/null || nn_fail "c does not learn its removal from a"
q --wait 30000 views "$room" "$name|$(sorted_ids a b e)|$(sorted_ids a b)|in" e >/dev/null || nn_fail "e does not take a's removal of c"
q --wait 30000 views "$room" "$new_name|$(sorted_ids a b c d e)|$(sorted_ids a b)|in" d >/dev/null || nn_fail "d does not take b's changes"
q partitioned a,c,e b,d "$NN_WORK/ids" >/dev/null || nn_fail "the halves reached each other before the network was healed"

heal="ip -n $NN_BR link set vbeth0 master br0 && ip -n $NN_BR link set vdeth0 master br0"
want="$new_name|$(sorted_ids a b d e)|$(sorted_ids a b)|in"
converge_ms=$(q --wait 90000 --do "!|$heal" views "$room" "$want" a b d e) \
    || nn_fail "the members did not converge on one membership and name"
q left "$room" c >/dev/null || nn_fail "c thinks it is a member again after the merge"
nn_log "every member agrees $converge_ms ms after the network healed: $want"

# The merged room works: b's next message reaches a, d and e; c gets nothing.
m3_text="after the merge $tag"
merged_message_ms=$(q --wait 60000 --do "b|room-send|$room|$m3_text" has "$room" "$b_id" a,d,e "$m3_text") \
    || nn_fail "not every member holds b's message after the merge"
q lacks "$room" c "$m3_text" >/dev/null || nn_fail "the removed c holds b's message after the merge"
q lacks "$room" d "$m2_text" >/dev/null || nn_fail "d, added back, reads a message said while it was out"
readded=$(captured readded) || nn_fail "d, added back, holds a key to a message said while it was out"

cat <<JSON
{"topology": "rooms-flat", "mode": "$mode", "hosts": 5, "all_joined_ms": $join_ms, "message_stored_after_sending_max_ms": $m1_latency_ms, "delivered_to_4_ms": $delivered_ms, "read_by_2_after_read_ms": $read_ms, "catch_up_without_sender_ms": $caught_ms, "removal_known_ms": $removal_ms, "captured_copy": $captured, "captured_copy_after_readded": $readded, "partition_noticed_ms": $cut_ms, "converged_after_heal_ms": $converge_ms, "message_after_merge_ms": $merged_message_ms}
JSON
nn_log "rooms $mode: ok"
