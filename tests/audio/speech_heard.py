#!/usr/bin/env python3
"""Is a spoken REFERENCE in RECORDING? Prints one JSON line.

The reference (16-bit mono WAV) is cut into half-second chunks; each chunk
that holds speech is looked for in the recording on its own (the best lag
of confab_wav_compare, anywhere in the recording). Where the speech came
through, the chunks are found one after the other at about the same delay
(the jitter buffer may stretch or shrink it between chunks, and a glitch
costs a chunk or two); a different sentence gives chunks at scattered
delays. "aligned_share" is the share of speech chunks found with some
correlation within ALIGNED_MS of the delay of another such chunk at most
NEAR_CHUNKS away: about 1 when the speech is there, well below one half
when it is not. The waveform
correlations are printed too: about 1 through a plain loop, 0.4 to 0.9
through Opus, below 0.3 by chance.

usage: speech_heard.py --compare CONFAB_WAV_COMPARE REFERENCE RECORDING
"""
import argparse
import json
import math
import statistics
import struct
import subprocess
import tempfile
import wave

CHUNK_SECONDS = 0.5
SPEECH_RMS = 0.02  # of full scale: a chunk quieter than this is mostly pause
ALIGNED_MS = 150
NEAR_CHUNKS = 2
MIN_CORRELATION = 0.15


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--compare", required=True)
    parser.add_argument("reference")
    parser.add_argument("recording")
    args = parser.parse_args()

    with wave.open(args.reference, "rb") as ref:
        rate = ref.getframerate()
        if ref.getsampwidth() != 2 or ref.getnchannels() != 1:
            raise SystemExit("speech_heard.py: the reference must be 16-bit mono")
        frames = ref.readframes(ref.getnframes())
    with wave.open(args.recording, "rb") as rec:
        recording_seconds = rec.getnframes() / rec.getframerate()
    chunk_frames = int(CHUNK_SECONDS * rate)
    max_lag_ms = int((recording_seconds + CHUNK_SECONDS) * 1000)

    chunks = []
    with tempfile.TemporaryDirectory() as folder:
        for start in range(0, len(frames) // 2 - chunk_frames + 1, chunk_frames):
            data = frames[2 * start:2 * (start + chunk_frames)]
            samples = struct.unpack(f"<{chunk_frames}h", data)
            rms = math.sqrt(sum(s * s for s in samples) / chunk_frames) / 32768
            if rms < SPEECH_RMS:
                continue
            path = f"{folder}/chunk.wav"
            with wave.open(path, "wb") as out:
                out.setnchannels(1)
                out.setsampwidth(2)
                out.setframerate(rate)
                out.writeframes(data)
            result = subprocess.run([args.compare, path, args.recording, "--max-lag-ms", str(max_lag_ms)],
                                    check=True, capture_output=True, text=True)
            compared = json.loads(result.stdout)
            lag_ms = compared["lag_ms"]
            # Only a chunk wholly inside the recording counts: at the edges a
            # small overlap can correlate by chance.
            inside = 0 <= lag_ms <= (recording_seconds - CHUNK_SECONDS) * 1000
            chunks.append({"start_s": round(start / rate, 2), "delay_ms": round(lag_ms - 1000 * start / rate, 1),
                           "correlation": compared["correlation"] if inside else 0.0})
    found = [c["correlation"] >= MIN_CORRELATION for c in chunks]

    def agrees(i, j):
        return found[i] and found[j] and abs(chunks[i]["delay_ms"] - chunks[j]["delay_ms"]) <= ALIGNED_MS

    near = [j for j in range(-NEAR_CHUNKS, NEAR_CHUNKS + 1) if j != 0]
    aligned = [i for i in range(len(chunks)) if any(0 <= i + j < len(chunks) and agrees(i, i + j) for j in near)]
    print(json.dumps({
        "aligned_share": round(len(aligned) / len(chunks), 3) if chunks else 0.0,
        "median_delay_ms": statistics.median(c["delay_ms"] for c in chunks) if chunks else None,
        "median_correlation": round(statistics.median(c["correlation"] for c in chunks), 4) if chunks else 0.0,
        "chunks": chunks,
    }))


if __name__ == "__main__":
    main()
