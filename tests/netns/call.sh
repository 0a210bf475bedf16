#!/bin/sh
# A voice call across the flat topology: hosts a and b on one bridge find each
# other with the built-in mDNS, a calls b with file audio (espeak-ng speech),
# b answers, and after the speech has played each recording must carry the
# other side's speech (confab_wav_compare). Prints the figures as JSON.
set -eu
. "$(dirname "$0")/lib.sh"

: "${WAV_COMPARE:?WAV_COMPARE must name confab_wav_compare}"
for program in espeak-ng sox; do
    command -v "$program" >/dev/null || { echo "SKIPPED: $program is not installed" >&2; exit 77; }
done
nn_init
nn_flat

speech() { # NAME TEXT
    espeak-ng -v en -s 150 -w "$NN_WORK/$1.raw.wav" "$2"
    sox "$NN_WORK/$1.raw.wav" -r 48000 -c 1 -b 16 "$NN_WORK/$1.wav" norm -1
}
speech a-says "This is host a calling across the bridge. One, two, three, four, five."
speech b-says "Host b answering. Six, seven, eight, nine, ten. Goodbye."

nn_start a embedded "" --audio-in "$NN_WORK/a-says.wav" --audio-out "$NN_WORK/a-heard.wav"
nn_start b embedded "" --audio-in "$NN_WORK/b-says.wav" --audio-out "$NN_WORK/b-heard.wav"
nn_wait_ready a
nn_wait_ready b
nn_wait_count a 1 10000 >/dev/null || nn_fail "a and b did not find each other"

field() { python3 -c "import json,sys; d=json.load(sys.stdin); print(d$1)"; }
b_id=$(nn_ctl b id | field '["id"]')
a_id=$(nn_ctl a id | field '["id"]')

state_of() { # HOST PEER_ID: state of HOST's call with PEER_ID
    nn_ctl "$1" calls | python3 -c "
import json, sys
for c in json.load(sys.stdin):
    if c['peer'] == '$2':
        print(c['state']); break
"
}
wait_state() { # HOST PEER_ID STATE
    i=0
    until [ "$(state_of "$1" "$2")" = "$3" ]; do
        i=$((i + 1)); [ $i -lt 200 ] || nn_fail "$1's call never became $3"; sleep 0.05
    done
}

t0=$(now_ms)
nn_ctl a call "$b_id" >/dev/null
wait_state b "$a_id" incoming
ring_ms=$(($(now_ms) - t0))
nn_ctl b answer >/dev/null
wait_state a "$b_id" active
answer_ms=$(($(now_ms) - t0))
sleep 6
stats=$(nn_ctl b calls)
nn_ctl a hangup >/dev/null
wait_state b "$a_id" ended

compare() { "$WAV_COMPARE" "$NN_WORK/$1.wav" "$NN_WORK/$2.wav" --max-lag-ms 1000; }
b_heard=$(compare a-says b-heard)
a_heard=$(compare b-says a-heard)
wrong=$(compare b-says b-heard)
python3 - "$b_heard" "$a_heard" "$wrong" "$stats" "$ring_ms" "$answer_ms" <<'PY'
import json, sys
b_heard, a_heard, wrong, stats = (json.loads(x) for x in sys.argv[1:5])
call = stats[0]["stats"]
figures = {
    "invite_to_ringing_ms": int(sys.argv[5]),
    "invite_to_active_ms": int(sys.argv[6]),
    "b_heard_a": b_heard, "a_heard_b": a_heard, "control_wrong_speech": wrong,
    "b_rtt_ms": call["rtt_ms"], "b_jitter_buffer_ms": call["jitter_buffer_ms"],
    "b_frames_concealed": call["frames_concealed"], "b_packets_rejected": call["packets_rejected"],
}
print(json.dumps(figures))
for name, result in (("b", b_heard), ("a", a_heard)):
    if result["envelope_correlation"] < 0.6:
        sys.exit(f"{name}'s recording does not carry the other side's speech: {result}")
if wrong["envelope_correlation"] >= 0.6:
    sys.exit(f"the comparison cannot tell the speakers apart: {wrong}")
if call["packets_rejected"] != 0:
    sys.exit(f"b rejected media datagrams: {call}")
PY
nn_log "call across the bridge: ok"
