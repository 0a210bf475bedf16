#!/bin/sh
# Real-time figures of Confab's audio path on a real sound server, printed as
# one JSON object: a private PipeWire session (tests/audio/pipewire_session.sh,
# no sound card needed), then
#   device: confab_audio_probe loops input to output on the PipeWire ALSA
#           device for BENCH_SECONDS (default 60): callbacks against the
#           count 48 kHz calls for, underruns, overruns and irregular blocks
#           per minute, the delay to the first callback and the longest gap
#           between two callbacks;
#   call:   two confabd in a call for BENCH_SECONDS, each on a microphone fed
#           with speech and a speaker of its own: the voice worker's playback
#           underruns and the sound server's glitches, per minute, and the
#           jitter buffer's delay and concealment at the end. Both sides'
#           stats are sampled every 250 ms during the call; from that time
#           series come, per side, the glitch episodes (count and per minute),
#           the longest recovery from one, and whether the call ever left the
#           "active" state (call_dropped).
# Two runs are meant to be compared:
#   idle (BENCH_LOAD unset): the goal is at most 1 playback underrun per
#           minute on each side, in a call that does not drop;
#   BENCH_LOAD=stress: stress-ng --cpu 2 keeps every core busy during the
#           probe and during the call; the goal is a call that never drops
#           and recovers within 1 s of each glitch (longest_recovery_ms).
# "load", "goal" and "met" in the JSON say which run it was and whether the
# goal was met; "loadavg_1min" (at the end of the call) shows how busy the
# machine was. These figures depend on how busy the machine is; the tests in
# tests/audio assert only that audio flows. Exits 77 when PipeWire is not
# installed or cannot start, or when BENCH_LOAD=stress and stress-ng is not
# installed (it is a benchmark tool, not one of Confab's dependencies).
#
# Environment: PROBE (confab_audio_probe), CONFABD, CONFABCTL (all required),
# BENCH_SECONDS, BENCH_LOAD (empty or "idle", or "stress"), BENCH_SERIES (a
# file to keep the call's time series in, one JSON object per sample and side).
set -eu

: "${PROBE:?set PROBE to the confab_audio_probe binary}"
: "${CONFABD:?set CONFABD}"
: "${CONFABCTL:?set CONFABCTL}"
SECONDS_TO_RUN=${BENCH_SECONDS:-60}
case ${BENCH_LOAD:-} in
"" | idle) LOAD=idle ;;
stress) LOAD="stress-ng --cpu 2" ;;
*)
    echo "BENCH_LOAD is '$BENCH_LOAD': leave it empty (idle) or set it to 'stress'" >&2
    exit 2
    ;;
esac
. "$(dirname "$0")/../audio/pipewire_session.sh"
for tool in espeak-ng sox; do
    command -v "$tool" >/dev/null 2>&1 || skip "$tool is not installed (packaging/install-deps.sh installs it)"
done
if [ "$LOAD" != idle ] && ! command -v stress-ng >/dev/null 2>&1; then
    skip "BENCH_LOAD=stress needs stress-ng, which is not installed (a benchmark tool only: apt-get install stress-ng)"
fi

# The CPU load of a loaded run: stress-ng on every core of a 2-core machine,
# for one run (the probe or the call) and a margin for its set-up. LOAD_LASTED
# becomes false should a run outlast its load.
LOAD_PID=""
LOAD_LASTED=true
load_start() { # NAME
    if [ "$LOAD" != idle ]; then
        # shellcheck disable=SC2086
        start "$1" $LOAD --timeout "$((SECONDS_TO_RUN + 10))s"
        LOAD_PID=$LAST_PID
        log "load: $LOAD"
    fi
}
load_stop() {
    if [ -n "$LOAD_PID" ]; then
        kill -0 "$LOAD_PID" 2>/dev/null || LOAD_LASTED=false
        kill -TERM "$LOAD_PID" 2>/dev/null || true
        wait "$LOAD_PID" 2>/dev/null || true
        LOAD_PID=""
    fi
}
for side in alice bob; do
    pw_add_node "$side-mic" Audio/Source/Virtual
    pw_add_node "$side-speaker" Audio/Sink
    pw_alsa_home "$WORK/$side-home" "$side-speaker" "$side-mic"
done
pw_start_session

# Speech for as long as the runs last: one sentence per side, repeated.
repeats=$((SECONDS_TO_RUN / 4 + 2))
make_speech "$WORK/alice-once.wav" "Alice here. I am on my way home now, and I will be there in a minute or more. \
Are you alone in the room?"
make_speech "$WORK/bob-once.wav" "Bob here. Many more men were marching over the mountain, and the moon rose over \
the lonely valley below."
for side in alice bob; do
    sox "$WORK/$side-once.wav" "$WORK/$side-says.wav" repeat "$repeats" || fail "sox failed"
done

# The device on its own: the default source fed with speech, looped to the default sink.
make_speech "$WORK/probe-once.wav" "Testing the sound card, one two three."
sox "$WORK/probe-once.wav" "$WORK/probe-says.wav" repeat "$repeats" || fail "sox failed"
pw_feed confab-null-source "$WORK/probe-says.wav"
load_start stress-probe
log "device: confab_audio_probe on 'pipewire' for $SECONDS_TO_RUN s"
"$PROBE" --input pipewire --output pipewire --seconds "$SECONDS_TO_RUN" >"$WORK/probe.json" 2>"$WORK/probe.log" ||
    fail "the probe could not run a stream on 'pipewire'"
load_stop
stop_pid "$FEED_PID"

# The call.
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
ctl() { # NODE ARGS...
    node=$1
    shift
    "$CONFABCTL" --profile "$WORK/$node" --json "$@"
}
field() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
a_port=$(port)
b_port=$(port)
device_args="--audio-input-device confab --audio-output-device confab --frame-ms 10 --discovery off"
load_start stress-call
# shellcheck disable=SC2086
start alice env HOME="$WORK/alice-home" "$CONFABD" --profile "$WORK/alice" --name alice \
    --listen "127.0.0.1:$a_port" $device_args
# shellcheck disable=SC2086
start bob env HOME="$WORK/bob-home" "$CONFABD" --profile "$WORK/bob" --name bob \
    --listen "127.0.0.1:$b_port" --peer "127.0.0.1:$a_port" $device_args
wait_for alice ctl alice status || fail "alice did not start"
wait_for bob ctl bob status || fail "bob did not start"
connected() { ctl alice peers | grep -q '"connected": *true'; }
wait_for "the link" connected || fail "alice and bob did not connect"
b_id=$(ctl bob id | field '["id"]')
ctl alice call "$b_id" >/dev/null
ringing() { ctl bob calls | grep -q '"state": *"incoming"'; }
wait_for "the incoming call" ringing || fail "bob's call never rang"
ctl bob answer >/dev/null
active() { ctl alice calls | grep -q '"state": *"active"' && ctl bob calls | grep -q '"state": *"active"'; }
wait_for "the call" active || fail "the call did not become active on both sides"
pw_feed alice-mic "$WORK/alice-says.wav"
pw_feed bob-mic "$WORK/bob-says.wav"
log "call: $SECONDS_TO_RUN s, both sides sampled every 250 ms"
# The time series: one JSON object per sample and side, {"t_ms", "side",
# "state", and the counters}; t_ms counts from the first sample. The samples
# keep to a 250 ms grid; one that comes late (a busy machine) is taken at
# once and the grid points it missed are skipped, so t_ms is always the time
# a sample was really taken.
python3 - "$CONFABCTL" "$WORK" "$SECONDS_TO_RUN" >"$WORK/series.jsonl" <<'PY'
import json
import subprocess
import sys
import time

ctl, work, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
period = 0.25
counters = ("playback_underruns", "device_glitches", "frames_concealed")
start = time.monotonic()
due = start
while due - start <= seconds + 1e-6:
    time.sleep(max(due - time.monotonic(), 0))
    taken = time.monotonic()
    asks = {side: subprocess.Popen([ctl, "--profile", f"{work}/{side}", "--json", "calls"],
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            for side in ("alice", "bob")}
    for side, ask in asks.items():
        out, _ = ask.communicate()
        sample = {"t_ms": round((taken - start) * 1000), "side": side, "state": None}
        try:
            calls = json.loads(out) if ask.returncode == 0 else []
        except ValueError:
            calls = []
        if calls:
            sample["state"] = calls[0].get("state")
            stats = calls[0].get("stats") or {}
            for key in counters:
                sample[key] = stats.get(key)
        print(json.dumps(sample), flush=True)
    due += period
    while due < time.monotonic():
        due += period
PY
ctl alice calls >"$WORK/alice-calls.json"
ctl bob calls >"$WORK/bob-calls.json"
load_stop
ctl alice hangup >/dev/null
if [ -n "${BENCH_SERIES:-}" ]; then
    cp "$WORK/series.jsonl" "$BENCH_SERIES"
fi

python3 - "$WORK" "$SECONDS_TO_RUN" "$LOAD" "$LOAD_LASTED" <<'PY'
import json
import os
import sys

work, seconds, load, load_lasted = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4] == "true"
probe = json.load(open(f"{work}/probe.json"))
minutes = probe["seconds"] / 60
device = {
    "seconds": probe["seconds"],
    "callbacks": probe["callbacks"],
    "expected_callbacks": probe["expected_callbacks"],
    "first_callback_ms": probe["first_callback_ms"],
    "max_callback_gap_ms": probe["max_callback_gap_ms"],
    "watchdog_tripped": probe["failed"],
    "input_latency_ms": probe.get("input_latency_ms"),
    "output_latency_ms": probe.get("output_latency_ms"),
}
probe["missed_callbacks"] = max(probe["expected_callbacks"] - probe["callbacks"], 0)
for key in ("underruns", "overruns", "input_underflows", "output_overflows", "irregular_blocks",
            "missed_callbacks"):
    device[key] = probe[key]
    device[key + "_per_minute"] = round(probe[key] / minutes, 2)

series = [json.loads(line) for line in open(f"{work}/series.jsonl")]
COUNTERS = ("playback_underruns", "device_glitches", "frames_concealed")


def episodes(samples):
    """Glitch episodes of one side's samples, as (start_ms, end_ms, ended) tuples.

    A sample "grew" when playback_underruns, device_glitches or
    frames_concealed is higher than in the sample before; the first sample is
    the baseline and never grows. An episode is a maximal stretch of
    consecutive samples that grew; the first sample that did not grow (a
    quiet sample) ends it. Its length, the recovery time, runs from the last
    quiet sample before it (audio last known clean) to the first quiet sample
    after it (known clean again): with samples every 250 ms, one lone glitch
    counts as about 500 ms, and the figure is never shorter than the episode
    really was. An episode still going at the last sample ends there (ended
    False). Samples without stats (the call not active, or no answer) are
    left out here; they make the call count as dropped.
    """
    with_stats = [s for s in samples if all(s.get(k) is not None for k in COUNTERS)]
    found = []
    quiet_ms = None  # the last quiet sample (or the baseline) before an episode
    in_episode = False
    for before, now in zip(with_stats, with_stats[1:]):
        grew = any(now[k] > before[k] for k in COUNTERS)
        if grew and not in_episode:
            in_episode = True
            quiet_ms = before["t_ms"]
        elif not grew and in_episode:
            in_episode = False
            found.append((quiet_ms, now["t_ms"], True))
    if in_episode:
        found.append((quiet_ms, with_stats[-1]["t_ms"], False))
    return found


sample_times = sorted({s["t_ms"] for s in series})
call = {
    "seconds": seconds,
    "sample_period_ms": 250,
    "samples": len(sample_times),
    "max_sample_gap_ms": max((b - a for a, b in zip(sample_times, sample_times[1:])), default=None),
}
for side in ("alice", "bob"):
    entry = json.load(open(f"{work}/{side}-calls.json"))[0]
    stats = entry.get("stats") or {}
    samples = [s for s in series if s["side"] == side]
    found = episodes(samples)
    call[side] = {
        "state": entry["state"],
        "audio_notice": entry.get("audio_notice"),
        "playback_underruns": stats.get("playback_underruns"),
        "playback_underruns_per_minute": round(stats.get("playback_underruns", 0) / (seconds / 60), 2),
        "device_glitches": stats.get("device_glitches"),
        "device_glitches_per_minute": round(stats.get("device_glitches", 0) / (seconds / 60), 2),
        "frames_played": stats.get("frames_played"),
        "frames_concealed": stats.get("frames_concealed"),
        "jitter_buffer_ms": stats.get("jitter_buffer_ms"),
        "jitter_ms": stats.get("jitter_ms"),
        "glitch_episodes": len(found),
        "glitch_episodes_per_minute": round(len(found) / (seconds / 60), 2),
        "longest_recovery_ms": max((end - begin for begin, end, _ in found), default=0),
        "glitch_at_end": bool(found) and not found[-1][2],
        "call_dropped": not samples or any(s["state"] != "active" for s in samples),
    }

sides = [call["alice"], call["bob"]]
if load == "idle":
    goal = "idle: the call does not drop and plays at most 1 playback underrun per minute on each side"
    met = all(not c["call_dropped"] and c["playback_underruns"] is not None
              and c["playback_underruns_per_minute"] <= 1 for c in sides)
else:
    goal = f"under {load}: the call never drops and recovers within 1000 ms of each glitch"
    met = load_lasted and all(not c["call_dropped"] and c["longest_recovery_ms"] <= 1000 for c in sides)
report = {
    "bench": "pipewire",
    "load": load,
    "load_lasted": load_lasted if load != "idle" else None,
    "loadavg_1min": round(os.getloadavg()[0], 2),
    "goal": goal,
    "met": met,
    "device": device,
    "call": call,
}
print(json.dumps(report, indent=2))
PY
