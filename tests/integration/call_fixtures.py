"""Helpers for the call tests: speech to play as a microphone, comparing
recordings with confab_wav_compare, waiting for call states."""

import json
import os
import shutil
import subprocess
import time

from confab_harness import SkipTest, check, wait_until


def make_speech(harness, name, text, voice="en"):
    """Writes `text` spoken by espeak-ng as a 48 kHz mono 16-bit WAV in the
    test folder and returns its path."""
    for program in ("espeak-ng", "sox"):
        if shutil.which(program) is None:
            raise SkipTest(f"{program} is not installed (packaging/install-deps.sh installs it)")
    raw = os.path.join(harness.tmp, f"{name}.raw.wav")
    path = os.path.join(harness.tmp, name)
    subprocess.run(["espeak-ng", "-v", voice, "-s", "150", "-w", raw, text], check=True)
    subprocess.run(["sox", raw, "-r", "48000", "-c", "1", "-b", "16", path, "norm", "-1"], check=True)
    return path


def wav_seconds(path):
    """Length of a 48 kHz mono 16-bit WAV in seconds (from its data size)."""
    return (os.path.getsize(path) - 44) / (48000 * 2)


def wav_compare(harness, reference, degraded, max_lag_ms=1000):
    result = subprocess.run(
        [harness.tool("confab_wav_compare"), reference, degraded, "--max-lag-ms", str(max_lag_ms)],
        capture_output=True, text=True, timeout=60,
    )
    check(result.returncode == 0, f"confab_wav_compare failed: {result.stderr}")
    return json.loads(result.stdout)


def calls(node):
    return node.ctl("calls")


def call_with(node, other):
    """This node's newest call with `other`, or None."""
    for call in calls(node):
        if call["peer"] == other.id:
            return call
    return None


def wait_call_state(node, other, state, timeout=10):
    """Waits until node's call with other is in `state`; returns it."""
    found = {}

    def reached():
        call = call_with(node, other)
        found["call"] = call
        return call is not None and call["state"] == state

    try:
        wait_until(reached, timeout, f"{node.name}'s call with {other.name} to be {state!r}")
    except AssertionError as error:
        raise AssertionError(f"{error}; last seen: {found.get('call')}") from error
    return found["call"]


def talk_for(seconds):
    time.sleep(seconds)
