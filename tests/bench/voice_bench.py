#!/usr/bin/env python3
"""Voice benchmark: two confabd on 127.0.0.1 call each other with file audio.

Prints one JSON document:
- latency: mouth-to-ear delay of a click train, file to file, at 5 ms (the
  low-delay mode), 10 ms and 20 ms frames (p50 / p95 / max over every click), by matching each click
  heard in B's recording to the click played into A's microphone, both placed
  on CLOCK_MONOTONIC with the file devices' stream origins; A's echo
  canceller on, or off with --echo-cancellation off (as with headphones);
- impairments: speech from espeak-ng through confab_udp_impair (random loss
  5 / 10 / 20 %, bursty Gilbert-Elliott loss of 10 % in bursts of 3, and
  20 +- 10 ms jitter, with and without 10 % loss) in front of B: frames
  concealed, recovered by FEC, by retransmission and by redundancy,
  jitter-buffer delay, what retransmission and redundancy cost A in
  bandwidth, and the speech-quality figures below; the 10 and 20 % loss runs
  again with --retransmit off --redundancy off (FEC alone) as the baseline.
  With 20 ms of delay the round trip is too long for retransmission, and
  redundancy takes over;
- cpu: both nodes' CPU time during an active call, against the same nodes idle
  (20 ms frames, or each --frame-ms given).

Speech quality: the aligned log-spectral distance (LSD, dB) between what A
played and what B recorded, over 20 ms frames where the speech is active,
next to the same figure for the unimpaired call in the same run (the codec's
own distortion), and the Pearson correlation of the 20 ms loudness
envelopes. LSD rises with every spectral error that concealment and late
frames cause, and unlike waveform SNR it does not punish the phase changes a
perceptual codec makes anyway.

Usage: voice_bench.py --bin-dir DIR --tools-dir DIR [--seconds S]
                      [--only latency|impairments|cpu] [--frame-ms 5|10|20]...
                      [--echo-cancellation on|off]
"""

import argparse
import json
import math
import os
import random
import shutil
import struct
import subprocess
import sys
import time
import wave

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "integration"))
from confab_harness import Harness, check, free_port, wait_until  # noqa: E402
from call_fixtures import call_with, make_speech, wait_call_state, wav_compare  # noqa: E402

RATE = 48000


def write_click_train(path, seconds, seed=7):
    """5 ms 1 kHz bursts, 150-250 ms apart (irregular, so no click can be
    matched to the wrong one); returns the onset sample of each."""
    rng = random.Random(seed)
    samples = [0] * int(seconds * RATE)
    onsets = []
    position = RATE // 2
    while position + RATE // 5 < len(samples):
        onsets.append(position)
        for n in range(RATE * 5 // 1000):
            window = math.sin(math.pi * n / (RATE * 5 / 1000))
            samples[position + n] = int(26000 * window * math.sin(2 * math.pi * 1000 * n / RATE))
        position += rng.randint(RATE * 150 // 1000, RATE * 250 // 1000)
    with wave.open(path, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(struct.pack(f"<{len(samples)}h", *samples))
    return onsets


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


class Pair:
    """Alice calls Bob; Bob may sit behind an impairing relay."""

    def __init__(self, harness, tag, mic_a, frame_ms, impair_args=None, recovery=True, echo_cancellation="on"):
        self.harness = harness
        self.relay = None
        self.heard_by_b = os.path.join(harness.tmp, f"{tag}-bob-heard.wav")
        silence = os.path.join(harness.tmp, "silence.wav")
        if not os.path.exists(silence):
            with wave.open(silence, "wb") as out:
                out.setnchannels(1)
                out.setsampwidth(2)
                out.setframerate(RATE)
                out.writeframes(b"\0\0" * RATE)
        self.a = harness.node(f"{tag}-alice")
        self.b = harness.node(f"{tag}-bob")
        switch = "on" if recovery else "off"
        recovery_args = ["--retransmit", switch, "--redundancy", switch]
        b_args = ["--audio-in", silence, "--audio-out", self.heard_by_b, *recovery_args]
        if impair_args is not None:
            relay_port = free_port()
            self.relay = harness.start_process(
                [harness.tool("confab_udp_impair"), "--listen", f"127.0.0.1:{relay_port}",
                 "--to", f"127.0.0.1:{self.b.port}", "--seed", "11", *impair_args],
                stdout=subprocess.PIPE, text=True)
            line = self.relay.stdout.readline()
            check("ready" in line, f"the relay did not start: {line!r}")
            b_args += ["--media-announce-port", str(relay_port)]
        a_args = ["--audio-in", mic_a, "--audio-out", os.path.join(harness.tmp, f"{tag}-alice-heard.wav"),
                  "--frame-ms", str(frame_ms), "--echo-cancellation", echo_cancellation, *recovery_args]
        self.a.start(extra_args=a_args)
        self.b.start(peers=[self.a.address], extra_args=b_args)
        self.a.wait_connected(self.b)
        if impair_args is not None:
            media_port = self.b.ctl("status")["media_port"]
            check(media_port == self.b.port, f"Bob's media port {media_port} is not the relay's target")

    def call(self):
        self.a.ctl("call", self.b.id)
        wait_call_state(self.b, self.a, "incoming")
        self.b.ctl("answer")
        self.call_a = wait_call_state(self.a, self.b, "active")
        self.call_b = wait_call_state(self.b, self.a, "active")

    def stats(self):
        return call_with(self.a, self.b), call_with(self.b, self.a)

    def hang_up(self):
        self.a.ctl("hangup")
        wait_call_state(self.b, self.a, "ended")

    def stop(self):
        for node in (self.a, self.b):
            node.stop()
        if self.relay:
            self.relay.terminate()
            self.relay.communicate(timeout=10)


def latency_run(harness, frame_ms, seconds, echo_cancellation):
    clicks = os.path.join(harness.tmp, f"clicks-{frame_ms}.wav")
    write_click_train(clicks, seconds)
    pair = Pair(harness, f"latency{frame_ms}", clicks, frame_ms, echo_cancellation=echo_cancellation)
    pair.call()
    time.sleep(seconds + 0.5)
    call_a, call_b = pair.stats()
    pair.hang_up()
    pair.stop()
    result = subprocess.run(
        [harness.tool("confab_voice_latency"), "--played", clicks, "--played-origin-ns", call_a["audio_origin_ns"],
         "--heard", pair.heard_by_b, "--heard-origin-ns", call_b["audio_origin_ns"],
         "--heard-offset-frames", str(call_b["audio_output_offset_frames"])],
        capture_output=True, text=True, timeout=120)
    check(result.returncode == 0, f"confab_voice_latency failed: {result.stderr}")
    figures = json.loads(result.stdout)
    figures["jitter_buffer_ms"] = call_b["stats"]["jitter_buffer_ms"]
    figures["echo_cancellation"] = echo_cancellation
    return figures


def impairment_run(harness, tag, speech, frame_ms, impair_args, seconds, recovery=True):
    pair = Pair(harness, tag, speech, frame_ms, impair_args, recovery)
    pair.call()
    time.sleep(seconds)
    call_a, call_b = pair.stats()
    pair.hang_up()
    pair.stop()
    stats = call_b["stats"]
    sender = call_a["stats"]
    # Played frames include those played from a retransmission.
    frames = max(1, stats["frames_played"] + stats["frames_concealed"] + stats["frames_recovered_fec"])
    quality = wav_compare(harness, speech, pair.heard_by_b)
    return {
        "impairment": " ".join(impair_args) or "none",
        "retransmission": call_b["retransmission"],
        "redundancy": call_b["redundancy"],
        "frames": frames,
        "frames_concealed_percent": round(100 * stats["frames_concealed"] / frames, 2),
        "frames_recovered_fec_percent": round(100 * stats["frames_recovered_fec"] / frames, 2),
        "frames_recovered_retransmit_percent": round(100 * stats["frames_recovered_retransmit"] / frames, 2),
        "frames_recovered_redundancy_percent": round(100 * stats["frames_recovered_redundancy"] / frames, 2),
        "frames_late": stats["frames_late"],
        "nacks_sent": stats["nacks_sent"],
        # What retransmission cost the sender: frames sent again, against
        # its frames sent, and the rate of the last second.
        "resent_percent_of_sent": round(100 * sender["frames_resent"] / max(1, sender["frames_sent"]), 2),
        "retransmit_kbps_last_second": sender["retransmit_kbps"],
        "redundancy_kbps_last_second": sender["redundancy_kbps"],
        "send_kbps_last_second": sender["send_kbps"],
        "loss_seen_percent": stats["loss_percent"],
        "jitter_buffer_ms": stats["jitter_buffer_ms"],
        "jitter_ms": stats["jitter_ms"],
        "lsd_db": quality["lsd_db"],
        "lsd_p95_db": quality["lsd_p95_db"],
        "envelope_correlation": quality["envelope_correlation"],
    }


def cpu_run(harness, speech, seconds, frame_ms):
    pair = Pair(harness, f"cpu{frame_ms}", speech, frame_ms)
    time.sleep(1.0)
    pids = [pair.a.process.pid, pair.b.process.pid]
    before = [cpu_seconds(pid) for pid in pids]
    time.sleep(seconds)
    idle = [(cpu_seconds(pid) - b) / seconds * 100 for pid, b in zip(pids, before)]
    pair.call()
    time.sleep(0.5)
    before = [cpu_seconds(pid) for pid in pids]
    time.sleep(seconds)
    busy = [(cpu_seconds(pid) - b) / seconds * 100 for pid, b in zip(pids, before)]
    pair.hang_up()
    pair.stop()
    return {
        "idle_percent_per_node": [round(x, 2) for x in idle],
        "in_call_percent_per_node": [round(x, 2) for x in busy],
        # Each node encodes one direction and decodes the other: a call's cost
        # on one machine is one node's figure.
        "per_call_percent_of_one_core": round(max(busy) - min(idle), 2),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin-dir", required=True)
    parser.add_argument("--tools-dir", required=True)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--only", choices=("latency", "impairments", "cpu"),
                        help="run one part of the benchmark")
    parser.add_argument("--frame-ms", type=int, action="append", choices=(5, 10, 20),
                        help="frame lengths of the latency runs (repeatable; default 5, 10 and 20) "
                             "and of the CPU runs (default 20)")
    parser.add_argument("--echo-cancellation", choices=("on", "off"), default="on",
                        help="the caller's echo canceller in the latency runs (off: as with headphones)")
    args = parser.parse_args()

    def wanted(part):
        return args.only in (None, part)

    for program in ("espeak-ng", "sox"):
        if shutil.which(program) is None:
            sys.exit(f"voice_bench: {program} is missing (packaging/install-deps.sh installs it)")

    harness = Harness(args.bin_dir, os.path.join(args.tools_dir, "confab_hostile_peer"), args.tools_dir)
    try:
        speech = make_speech(
            harness, "speech.wav",
            "The birch canoe slid on the smooth planks. Glue the sheet to the dark blue background. "
            "It is easy to tell the depth of a well. These days a chicken leg is a rare dish. "
            "Rice is often served in round bowls. The juice of lemons makes fine punch.")
        report = {"latency": {}, "impairments": [], "cpu": None}
        for frame_ms in (args.frame_ms or (5, 10, 20)) if wanted("latency") else ():
            report["latency"][f"frame_{frame_ms}ms"] = latency_run(harness, frame_ms, args.seconds,
                                                                        args.echo_cancellation)
        speech_seconds = (os.path.getsize(speech) - 44) / (RATE * 2) + 1.0
        for frame_ms in (20, 10) if wanted("impairments") else ():
            runs = []
            for impairment in ([], ["--loss", "5"], ["--loss", "10"], ["--loss", "20"],
                               ["--burst-loss", "10", "--burst-length", "3"], ["--delay", "20", "--jitter", "10"],
                               ["--delay", "20", "--jitter", "10", "--loss", "10"]):
                tag = f"f{frame_ms}-" + ("-".join(impairment).replace("--", "") or "clean")
                runs.append(impairment_run(harness, tag, speech, frame_ms, impairment, speech_seconds))
            for impairment in (["--loss", "10"], ["--loss", "20"], ["--delay", "20", "--jitter", "10", "--loss", "10"]):
                tag = f"f{frame_ms}-fec-only-" + "-".join(impairment).replace("--", "")
                runs.append(impairment_run(harness, tag, speech, frame_ms, impairment, speech_seconds, False))
            clean = runs[0]["lsd_db"]
            for run in runs:
                run["frame_ms"] = frame_ms
                run["lsd_over_clean_db"] = round(run["lsd_db"] - clean, 2)
            report["impairments"] += runs
        if wanted("cpu"):
            # "cpu" is the first frame length's run (20 ms unless --frame-ms says).
            cpu_frames = args.frame_ms or (20,)
            report["cpu_by_frame"] = {f"frame_{frame_ms}ms": cpu_run(harness, speech, args.seconds, frame_ms)
                                      for frame_ms in cpu_frames}
            report["cpu"] = report["cpu_by_frame"][f"frame_{cpu_frames[0]}ms"]
        report["goals"] = {
            "latency_p95_ms_at_10ms_frames": 40,
            "latency_p95_ms_at_5ms_frames": 25,
            "concealed_percent_at_10_percent_loss": 0.5,
            "concealed_percent_at_20_percent_loss": 1.5,
            "concealed_percent_at_10_percent_burst_loss": 2,
            "cpu_percent_per_call": 5,
        }
        print(json.dumps(report, indent=2))
    finally:
        harness.cleanup()


if __name__ == "__main__":
    main()
