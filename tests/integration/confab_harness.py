"""Shared code for the integration tests: real confabd processes on
127.0.0.1, driven with confabctl --json, cleaned up whatever happens.

Every test script calls run_test(main); main receives a Harness. Each daemon
gets a temporary profile, a fixed port (so a restart keeps its address) and a
stderr log file that is printed when the test fails.
"""

import argparse
import atexit
import ctypes
import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback

READY_TIMEOUT_S = 10.0
STOP_TIMEOUT_S = 10.0
CTL_TIMEOUT_S = 30.0

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_NO_DAEMON = 3
EXIT_TIMEOUT = 4

# Exit code ctest reports as "skipped" (SKIP_RETURN_CODE in CMakeLists.txt).
EXIT_SKIP = 77


class TestFailure(AssertionError):
    """A check failed; the message says what was expected and what happened."""


class SkipTest(Exception):
    """The environment cannot run this test; the message says why."""


def check(condition, message):
    if not condition:
        raise TestFailure(message)


def wait_until(predicate, timeout, what, interval=0.05):
    """Polls predicate() until it returns something truthy; returns that value.
    Fails with `what` in the message when the deadline passes."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise TestFailure(f"timed out after {timeout:.1f} s waiting for {what}")
        time.sleep(interval)


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _die_with_parent():
    """Runs in the child before exec: if the test process dies (even by
    SIGKILL from a ctest timeout) the kernel kills the daemon too."""
    if _PRCTL is not None:
        _PRCTL(_PR_SET_PDEATHSIG, signal.SIGKILL)


_PR_SET_PDEATHSIG = 1
try:
    # Resolved once in the parent: the child only makes the call.
    _PRCTL = ctypes.CDLL(None, use_errno=True).prctl
except (OSError, AttributeError):
    _PRCTL = None


def _child_env():
    env = dict(os.environ)
    # The tests read the daemon's log lines, so nothing may reshape or mute them.
    for name in ("QT_LOGGING_RULES", "QT_MESSAGE_PATTERN", "QT_LOGGING_CONF"):
        env.pop(name, None)
    return env


class CtlResult:
    """The outcome of one confabctl run."""

    def __init__(self, args, returncode, stdout, stderr):
        self.args = [str(arg) for arg in args]
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr

    def json(self):
        try:
            return json.loads(self.stdout)
        except ValueError as error:
            raise TestFailure(
                f"confabctl {' '.join(self.args)} printed no valid JSON ({error}): {self.stdout!r}"
            ) from error

    def __repr__(self):
        return (
            f"confabctl {' '.join(self.args)} -> exit {self.returncode}, "
            f"stdout {self.stdout!r}, stderr {self.stderr!r}"
        )


class Node:
    """One confabd with its own profile, port and log file."""

    def __init__(self, harness, name, port=None):
        self.harness = harness
        self.name = name
        self.port = port if port is not None else free_port()
        self.profile = os.path.join(harness.tmp, name)
        self.log_path = os.path.join(harness.tmp, f"{name}.log")
        self.process = None
        self.ready = False
        self.id = None
        self.listen = None
        self._log_file = None
        self._stdout_buffer = b""

    # -- life cycle ---------------------------------------------------------

    def spawn(self, peers=(), extra_args=(), listen=True, discovery="off"):
        """Starts the daemon without waiting for it to be ready. LAN discovery
        is off by default: these tests must see only the peers they start and
        links made from --peer and remembered addresses, not nodes that other
        runs on the same network announce."""
        check(not self.running(), f"{self.name} is already running")
        args = [self.harness.confabd, "--profile", self.profile, "--name", self.name]
        if discovery:
            args += ["--discovery", discovery]
        if listen:
            args += ["--listen", f"127.0.0.1:{self.port}"]
        for peer in peers:
            args += ["--peer", peer]
        args += list(extra_args)
        self._log_file = open(self.log_path, "ab")
        self._log_file.write(f"=== {' '.join(args[1:])}\n".encode())
        self._log_file.flush()
        self._stdout_buffer = b""
        self.ready = False
        self.process = subprocess.Popen(
            args,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=self._log_file,
            env=_child_env(),
            preexec_fn=_die_with_parent,
        )
        self.harness.processes.append(self.process)
        return self

    def poll_ready(self, timeout=0.0):
        """Reads the ready line if it arrived within `timeout` seconds;
        returns True once ready. Fails if the daemon exits first."""
        if self.ready:
            return True
        deadline = time.monotonic() + timeout
        fd = self.process.stdout.fileno()
        while b"\n" not in self._stdout_buffer:
            remaining = max(0.0, deadline - time.monotonic())
            readable, _, _ = select.select([fd], [], [], remaining)
            if not readable:
                return False
            chunk = os.read(fd, 4096)
            if not chunk:
                code = self.process.wait(timeout=STOP_TIMEOUT_S)
                raise TestFailure(
                    f"{self.name} exited with {code} before it was ready; its log:\n{self.log_text()}"
                )
            self._stdout_buffer += chunk
        line = self._stdout_buffer.split(b"\n", 1)[0].decode()
        fields = line.split()
        check(
            len(fields) == 4 and fields[:2] == ["confabd", "ready"],
            f"{self.name}: unexpected first stdout line {line!r}",
        )
        values = dict(field.split("=", 1) for field in fields[2:])
        check(self.id in (None, values["id"]), f"{self.name}'s peer ID changed from {self.id} to {values['id']}")
        self.id = values["id"]
        self.listen = values["listen"]
        self.ready = True
        return True

    def start(self, peers=(), extra_args=(), listen=True, discovery="off"):
        """Starts the daemon and waits for its ready line."""
        self.spawn(peers, extra_args, listen, discovery)
        if not self.poll_ready(READY_TIMEOUT_S):
            raise TestFailure(f"{self.name} printed no ready line within {READY_TIMEOUT_S} s")
        return self

    def running(self):
        return self.process is not None and self.process.poll() is None

    def stop(self):
        """SIGTERM, then waits; returns the exit code."""
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            code = self.process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired as error:
            self.process.kill()
            self.process.wait()
            raise TestFailure(f"{self.name} did not exit within {STOP_TIMEOUT_S} s of SIGTERM") from error
        self._release()
        return code

    def kill(self):
        """SIGKILL, then waits."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self._release()

    def _release(self):
        if self.process.stdout:
            self.process.stdout.close()
        if self._log_file:
            self._log_file.close()
            self._log_file = None
        self.process = None

    # -- driving it ---------------------------------------------------------

    def ctl_raw(self, *args, json_output=True, timeout=CTL_TIMEOUT_S):
        """Runs confabctl on this node's profile; returns a CtlResult."""
        command = [self.harness.confabctl, "--profile", self.profile]
        if json_output:
            command.append("--json")
        command += [str(arg) for arg in args]
        completed = subprocess.run(
            command,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
            env=_child_env(),
        )
        return CtlResult(list(args), completed.returncode, completed.stdout, completed.stderr)

    def ctl(self, *args, timeout=CTL_TIMEOUT_S):
        """Runs confabctl --json and returns the parsed reply; fails on a
        non-zero exit."""
        result = self.ctl_raw(*args, timeout=timeout)
        check(result.returncode == EXIT_OK, f"{self.name}: {result!r}")
        return result.json()

    def send(self, peer, text):
        return self.ctl("send", peer.id if isinstance(peer, Node) else peer, text)

    def history(self, peer, limit=100000):
        return self.ctl("history", peer.id if isinstance(peer, Node) else peer, "--limit", limit)

    def wait_message(self, sender, timeout=5):
        """The oldest unread message from `sender` (marks it read)."""
        result = self.ctl_raw(
            "wait-message", "--from", sender.id if isinstance(sender, Node) else sender,
            "--timeout", timeout, timeout=timeout + 15,
        )
        check(result.returncode == EXIT_OK, f"{self.name}: no message arrived: {result!r}")
        return result.json()

    def connected_to(self, other):
        for peer in self.ctl("peers"):
            if peer["id"] == other.id:
                return peer["connected"]
        return False

    def wait_connected(self, other, timeout=10):
        wait_until(lambda: self.connected_to(other), timeout, f"{self.name} to connect to {other.name}")

    def wait_disconnected(self, other, timeout=10):
        wait_until(lambda: not self.connected_to(other), timeout, f"{self.name} to notice {other.name} is gone")

    def events(self, limit=1000):
        return self.ctl("events", "--limit", limit)

    # -- its log ------------------------------------------------------------

    def log_text(self):
        try:
            with open(self.log_path, "rb") as log:
                return log.read().decode("utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    def log_size(self):
        try:
            return os.path.getsize(self.log_path)
        except FileNotFoundError:
            return 0

    def log_since(self, offset):
        with open(self.log_path, "rb") as log:
            log.seek(offset)
            return log.read().decode("utf-8", errors="replace")

    @property
    def address(self):
        return f"127.0.0.1:{self.port}"


class Harness:
    """Owns the temporary folder and every process a test starts."""

    def __init__(self, bin_dir, hostile, tools_dir=None):
        self.tools_dir = tools_dir or os.path.dirname(hostile)
        self.confabd = os.path.join(bin_dir, "confabd")
        self.confabctl = os.path.join(bin_dir, "confabctl")
        self.hostile = hostile
        for path in (self.confabd, self.confabctl):
            if not os.access(path, os.X_OK):
                raise SystemExit(f"not an executable: {path}")
        self.tmp = tempfile.mkdtemp(prefix="confab-integration-")
        self.nodes = []
        self.processes = []
        atexit.register(self.cleanup)

    def node(self, name, port=None):
        node = Node(self, name, port)
        self.nodes.append(node)
        return node

    def tool(self, name):
        """Path of a test tool built next to confab_hostile_peer."""
        path = os.path.join(self.tools_dir, name)
        check(os.access(path, os.X_OK), f"test tool missing: {path}")
        return path

    def start_process(self, args, **kwargs):
        """A side process (the hostile peer, an event follower) that is killed at
        cleanup if it is still running."""
        process = subprocess.Popen(
            [str(arg) for arg in args], env=_child_env(), preexec_fn=_die_with_parent, **kwargs
        )
        self.processes.append(process)
        return process

    def run_hostile(self, *args, timeout=60):
        """Runs confab_hostile_peer to completion; returns (code, stdout, stderr)."""
        process = self.start_process(
            [self.hostile, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        stdout, stderr = process.communicate(timeout=timeout)
        return process.returncode, stdout, stderr

    def dump_logs(self):
        for node in self.nodes:
            print(f"----- {node.name} log ({node.log_path}) -----", file=sys.stderr)
            print(node.log_text(), file=sys.stderr)

    def cleanup(self):
        for process in self.processes:
            if process.poll() is None:
                process.kill()
            try:
                process.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                pass
            for stream in (process.stdout, process.stderr):
                if stream:
                    stream.close()
        self.processes = []
        if self.tmp and os.path.isdir(self.tmp):
            shutil.rmtree(self.tmp, ignore_errors=True)
        self.tmp = None


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bin-dir", required=True, help="folder holding confabd and confabctl")
    parser.add_argument("--hostile", required=True, help="path of confab_hostile_peer")
    parser.add_argument("--tools-dir", help="folder holding the test tools (confab_wav_compare, confab_udp_impair)")
    return parser.parse_args()


def run_test(main):
    """Runs main(harness); on failure prints the reason and every daemon log,
    and always stops every process the test started."""
    args = parse_args()
    # A SIGTERM (ctest, a user) unwinds like a failure, so cleanup still runs.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    harness = Harness(args.bin_dir, args.hostile, args.tools_dir)
    started = time.monotonic()
    try:
        main(harness)
    except SkipTest as skip:
        print(f"SKIPPED: {skip}")
        harness.cleanup()
        sys.exit(EXIT_SKIP)
    except BaseException:  # report anything, including Ctrl-C and timeouts
        traceback.print_exc()
        harness.dump_logs()
        harness.cleanup()
        sys.exit(1)
    harness.cleanup()
    print(f"PASSED in {time.monotonic() - started:.1f} s")
