"""The desktop app on a real X server (Xvfb) with a window manager (openbox),
driven the way a user types (xdotool, through XTEST): echo cancellation is
turned off for headphones in Settings, from the keyboard.

In the window of a new profile the user opens Settings (Ctrl+,), presses
Alt+C on "Echo cancellation" and Enter for Save. The dialog closes, the main
window has the focus again, and the profile keeps the choice, which the
node's next call runs with.

Every wait is for a condition (a window, a file), with a deadline. Needs
xvfb-run, openbox and xdotool (exit code 77, skipped, without them).
"""

import configparser
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from desktop_session import WAIT_S, run_desktop_test, wait_for_active_window, window_alone, xdotool  # noqa: E402
from confab_harness import wait_until  # noqa: E402  (on the path desktop_session set)

ALICE_NAME = "Alice Headphones"
# Well past the press animation of a mnemonic's click.
CLICK_ANIMATION_S = 0.5


def saved_echo_cancellation(profile):
    """The profile's saved choice: True, False, or None before any save."""
    settings = configparser.ConfigParser()
    settings.read(os.path.join(profile, "settings.ini"), encoding="utf-8")
    value = settings.get("audio", "echoCancellation", fallback=None)
    return None if value is None else value == "true"


def main(harness, args):
    alice = harness.node("alice")
    window_alone(harness, args, alice, ALICE_NAME)
    main_title = f"{ALICE_NAME} — Confab"

    xdotool("key", "ctrl+comma")
    wait_for_active_window(lambda name: name.startswith("Settings"), "Settings to open")
    xdotool("key", "alt+c")
    # Qt clicks a check box by its mnemonic at the end of a 100 ms press
    # animation; an Enter before that would save it unchanged.
    time.sleep(CLICK_ANIMATION_S)
    xdotool("key", "Return")
    wait_for_active_window(lambda name: name.endswith(main_title), "Save to close Settings")
    wait_until(lambda: saved_echo_cancellation(alice.profile) is False, WAIT_S,
               "the profile to keep echo cancellation off")
    print("echo cancellation turned off in Settings from the keyboard, and saved")


if __name__ == "__main__":
    sys.exit(run_desktop_test(main, __doc__))
