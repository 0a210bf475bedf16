"""The desktop app on a real X server (Xvfb) with a window manager (openbox),
driven the way a user types (xdotool, through XTEST): an identity backed up
on one machine is restored in the window, which restarts with that ID.

Carol, a headless node, saves her identity with `confabctl backup`. In the
window of a new profile the user opens Settings (Ctrl+,), Restore (Alt+O),
types the backup's path into the file chooser and the passphrase into the
passphrase dialog, and answers "Restart Now" with Enter. The window's Confab
exits and starts again by itself, now with Carol's ID; the key it had is
kept in its profile folder.

Every wait is for a condition (a window, a process, a node's state), with a
deadline. Needs xvfb-run, openbox and xdotool (exit code 77, skipped,
without them).
"""

import glob
import os
import signal
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from desktop_session import WAIT_S, run_desktop_test, wait_for_active_window, window_alone, xdotool  # noqa: E402
from confab_harness import check, wait_until  # noqa: E402  (on the path desktop_session set)

ALICE_NAME = "Alice Restore"
PASSPHRASE = "violet harbour lantern"
# Stretching the passphrase takes about a second, more on a busy machine.
RESTORE_WAIT_S = 60.0


def lock_holder(profile):
    """The process that holds the profile (its lock file names it), or None."""
    try:
        with open(os.path.join(profile, "confab.lock"), encoding="ascii") as lock:
            pid = int(lock.read().strip() or 0)
    except (OSError, ValueError):
        return None
    return pid if pid > 0 and os.path.exists(f"/proc/{pid}") else None


def main(harness, args):
    carol = harness.node("carol")
    carol.start()
    passphrase_file = os.path.join(harness.tmp, "passphrase.txt")
    with open(passphrase_file, "w", encoding="utf-8") as file:
        file.write(PASSPHRASE + "\n")
    backup = os.path.join(harness.tmp, "carol.backup")
    carol.ctl("backup", backup, "--passphrase-file", passphrase_file, timeout=RESTORE_WAIT_S)
    check(carol.stop() == 0, "carol did not exit cleanly")

    alice = harness.node("alice")
    first = window_alone(harness, args, alice, ALICE_NAME)
    alice_id = alice.id
    main_title = f"{ALICE_NAME} — Confab"

    xdotool("key", "ctrl+comma")
    wait_for_active_window(lambda name: name.startswith("Settings"), "Settings to open")
    xdotool("key", "alt+o")
    wait_for_active_window(lambda name: name.startswith("Restore Identity Backup"), "the file chooser to open")
    xdotool("type", "--delay", "5", backup)
    xdotool("key", "Return")
    # Not the file chooser ("Restore Identity Backup"): the dialog after it.
    wait_for_active_window(lambda name: name.split(" — ")[0] == "Restore Identity", "the passphrase dialog to open")
    xdotool("type", "--delay", "5", PASSPHRASE)
    xdotool("key", "Return")
    wait_until(lambda: visible_question(), RESTORE_WAIT_S, "Confab to offer a restart")
    wait_for_active_window(lambda name: name.startswith("Identity Restored"), "the question to have the focus")
    xdotool("key", "Return")

    wait_until(lambda: first.poll() is not None, WAIT_S, "the first Confab to exit")
    check(first.returncode == 0, f"the first Confab exited with {first.returncode}")
    alice.id = None  # the same profile answers with another ID from now on
    try:
        def restarted_as_carol():
            result = alice.ctl_raw("id")
            return result.returncode == 0 and result.json()["id"] == carol.id

        wait_until(restarted_as_carol, WAIT_S, "Confab to start again with Carol's ID")
        wait_for_active_window(lambda name: name.endswith(main_title), "the new window to have the focus")
        kept = glob.glob(os.path.join(alice.profile, "identity-replaced-*.key"))
        check(len(kept) == 1, f"the replaced key should be kept once, found {kept}")
        print(f"restored Carol's identity {carol.id} in the window (it was {alice_id}); Confab restarted with it")
    finally:
        # Started by the first Confab, not by this test: stopped by its lock.
        pid = lock_holder(alice.profile)
        if pid is not None and pid != first.pid:
            os.kill(pid, signal.SIGTERM)
            wait_until(lambda: lock_holder(alice.profile) is None, WAIT_S, "the restarted Confab to exit")


def visible_question():
    completed = xdotool("search", "--onlyvisible", "--name", "^Identity Restored", check_exit=False)
    return completed.returncode == 0 and completed.stdout.strip() != ""


if __name__ == "__main__":
    sys.exit(run_desktop_test(main, __doc__))
