#!/usr/bin/env python3
"""Swarm file-drop benchmark: one sender and N receivers (8 by default), each
a confabd in its own network namespace on one bridge, every host's link capped
at --rate-mbit (100 by default) in both directions with tc tbf, like a switch
port.

Goal: a drop of 1 GiB to 8 receivers finishes in at most 2.5 times the time
the same drop takes to one receiver.

- phase 1: `send-file r1 FILE`; seconds from the command until the sender sees
  the drop completed (the sender's hashing and the receiver's accept included).
- phase 2: the same file to every receiver at once, with
  `send-file r1 FILE --to r2 --to r3 ...` ("mode": "swarm"), or, when this
  confabctl does not take --to, one `send-file` per receiver issued back to
  back ("mode": "separate"); seconds until every receiver's drop completed.

Receivers accept each offer as it arrives (`transfers --json`, then `accept`).
Prints one JSON document: the seconds of each phase and their ratio against
the goal (a figure: nothing here passes or fails on speed), the bytes each
host's interface sent (tx_bytes; the sender in each phase, every receiver in
phase 2), whether each received file has the source's `b2sum -l 256`, and the
peak resident memory (VmHWM) of every confabd.

Needs root (ip netns, veth, bridge, tc). Peers find each other with built-in
mDNS inside the namespaces (--discovery embedded), or by address
(--discovery off: each node is given the addresses of the nodes started
before it). Namespaces, daemons and files are removed at the end, also after
an error or Ctrl-C (files are kept with --keep).

Usage: swarm_drop_bench.py --bin-dir DIR [--size-mib 1024] [--receivers 8]
                           [--rate-mbit 100] [--phases 1,2]
                           [--mode auto|swarm|separate] [--work DIR] [--keep]
"""

import argparse
import ctypes
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from file_drop_bench import peak_rss_kib  # noqa: E402

MIB = 1024 * 1024
PORT = 42042
SUBNET = "10.77.9"
GOAL_RATIO_MAX = 2.5
# A switch port: a few packets of burst, a queue of at most 20 ms.
TBF_BURST = "64kb"
TBF_LATENCY = "20ms"
POLL_S = 0.2

_PR_SET_PDEATHSIG = 1
try:
    _PRCTL = ctypes.CDLL(None, use_errno=True).prctl
except (OSError, AttributeError):
    _PRCTL = None


def _die_with_parent():
    """In the child before exec: the daemon dies with this script, even by SIGKILL."""
    if _PRCTL is not None:
        _PRCTL(_PR_SET_PDEATHSIG, signal.SIGKILL)


class BenchError(RuntimeError):
    pass


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def run(*command, check=True, **kwargs):
    done = subprocess.run([str(part) for part in command], capture_output=True, text=True, **kwargs)
    if check and done.returncode != 0:
        raise BenchError(f"{' '.join(map(str, command))} failed ({done.returncode}): {done.stderr.strip()}")
    return done


def parse_json_stream(text):
    """Every JSON object in text: one, one per line, or arrays of them."""
    decoder = json.JSONDecoder()
    values, position = [], 0
    while True:
        while position < len(text) and text[position].isspace():
            position += 1
        if position >= len(text):
            return values
        value, position = decoder.raw_decode(text, position)
        values.extend(value if isinstance(value, list) else [value])


def b2sum(path):
    return run("b2sum", "-l", "256", path).stdout.split()[0]


class Host:
    """One namespace with one link to the bridge, and a confabd in it."""

    def __init__(self, bed, name, index):
        self.bed = bed
        self.name = name
        self.ns = f"{bed.prefix}-{name}"
        self.address = f"{SUBNET}.{index + 1}"
        self.bridge_end = f"v{name}"
        self.profile = os.path.join(bed.work, "profiles", name)
        self.log_path = os.path.join(bed.work, "logs", f"{name}.log")
        self.out_path = os.path.join(bed.work, "logs", f"{name}.out")
        self.process = None
        self.id = None

    def create(self):
        run("ip", "netns", "add", self.ns)
        self.bed.namespaces.append(self.ns)
        run("ip", "-n", self.ns, "link", "set", "lo", "up")
        run("ip", "-n", self.bed.bridge_ns, "link", "add", self.bridge_end, "type", "veth",
            "peer", "name", "eth0", "netns", self.ns)
        run("ip", "-n", self.bed.bridge_ns, "link", "set", self.bridge_end, "master", "br0", "up")
        run("ip", "-n", self.ns, "addr", "add", f"{self.address}/24", "dev", "eth0")
        run("ip", "-n", self.ns, "link", "set", "eth0", "up")
        # Both directions: what the host sends (its eth0) and what the switch
        # port sends it (the bridge's end of the pair).
        for ns, dev in ((self.ns, "eth0"), (self.bed.bridge_ns, self.bridge_end)):
            run("tc", "-n", ns, "qdisc", "replace", "dev", dev, "root", "tbf", "rate", f"{self.bed.rate_mbit}mbit",
                "burst", TBF_BURST, "latency", TBF_LATENCY)

    def counters(self):
        """(tx_bytes, rx_bytes) of the host's eth0."""
        done = run("ip", "netns", "exec", self.ns, "cat", "/sys/class/net/eth0/statistics/tx_bytes",
                   "/sys/class/net/eth0/statistics/rx_bytes")
        tx, rx = done.stdout.split()
        return int(tx), int(rx)

    def start(self, discovery, peers):
        os.makedirs(self.profile, exist_ok=True)
        command = ["ip", "netns", "exec", self.ns, self.bed.confabd, "--profile", self.profile, "--name", self.name,
                   "--discovery", discovery, "--listen", f"{self.address}:{PORT}",
                   "--download-dir", os.path.join(self.bed.work, "downloads", self.name)]
        for peer in peers:
            command += ["--peer", f"{peer.address}:{PORT}"]
        env = dict(os.environ)
        # No D-Bus: the built-in mDNS, never an avahi-daemon outside the namespaces.
        env["DBUS_SYSTEM_BUS_ADDRESS"] = f"unix:path={self.bed.work}/no-bus"
        with open(self.out_path, "wb") as out, open(self.log_path, "ab") as err:
            self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env,
                                            preexec_fn=_die_with_parent)
        self.bed.processes.append(self.process)

    def wait_ready(self, timeout=15):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(f"confabd on {self.name} exited with {self.process.returncode}: {self.log_tail()}")
            with open(self.out_path) as out:
                line = out.readline()
            if line.endswith("\n"):
                fields = line.split()
                if fields[:2] != ["confabd", "ready"]:
                    raise BenchError(f"{self.name}: unexpected first line {line!r}")
                self.id = dict(field.split("=", 1) for field in fields[2:])["id"]
                return
            time.sleep(0.05)
        raise BenchError(f"confabd on {self.name} printed no ready line within {timeout} s")

    def log_tail(self, lines=15):
        try:
            with open(self.log_path, errors="replace") as f:
                return "".join(f.readlines()[-lines:])
        except OSError:
            return ""

    def ctl_raw(self, *args, timeout=60):
        return subprocess.run([self.bed.confabctl, "--profile", self.profile, "--json", *map(str, args)],
                              stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=timeout)

    def ctl(self, *args, timeout=60):
        done = self.ctl_raw(*args, timeout=timeout)
        if done.returncode != 0:
            raise BenchError(f"{self.name}: confabctl {' '.join(map(str, args))} -> {done.returncode}: "
                             f"{done.stdout.strip()} {done.stderr.strip()}")
        return json.loads(done.stdout)

    def connected(self):
        try:
            return {p["id"] for p in self.ctl("peers", timeout=10) if p.get("connected")}
        except (BenchError, ValueError, subprocess.TimeoutExpired):
            return set()


class TestBed:
    def __init__(self, args):
        self.prefix = f"cfsw{os.getpid()}"
        self.bridge_ns = f"{self.prefix}-br"
        self.rate_mbit = args.rate_mbit
        self.confabd = os.path.abspath(os.path.join(args.bin_dir, "confabd"))
        self.confabctl = os.path.abspath(os.path.join(args.bin_dir, "confabctl"))
        for binary in (self.confabd, self.confabctl):
            if not os.access(binary, os.X_OK):
                raise BenchError(f"{binary} is missing")
        if args.work:
            os.makedirs(args.work, exist_ok=True)
        self.work = tempfile.mkdtemp(prefix="confab-swarm-bench-", dir=args.work)
        for sub in ("profiles", "logs", "downloads", "received"):
            os.makedirs(os.path.join(self.work, sub))
        self.namespaces = []
        self.processes = []
        self.hosts = []

    def build(self, receivers):
        run("ip", "netns", "add", self.bridge_ns)
        self.namespaces.append(self.bridge_ns)
        run("ip", "-n", self.bridge_ns, "link", "set", "lo", "up")
        run("ip", "-n", self.bridge_ns, "link", "add", "br0", "type", "bridge", "mcast_snooping", "0")
        run("ip", "-n", self.bridge_ns, "link", "set", "br0", "up")
        self.hosts = [Host(self, "sender", 0)] + [Host(self, f"r{i}", i) for i in range(1, receivers + 1)]
        for host in self.hosts:
            host.create()
        return self.hosts[0], self.hosts[1:]

    def cleanup(self, keep):
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        deadline = time.monotonic() + 10
        for process in self.processes:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for ns in reversed(self.namespaces):
            subprocess.run(["ip", "netns", "del", ns], capture_output=True)
        if keep:
            log(f"kept {self.work}")
        else:
            shutil.rmtree(self.work, ignore_errors=True)


def wait_mesh(hosts, timeout=60):
    """Until every host lists every other as connected; returns the seconds it took."""
    start = time.monotonic()
    everyone = {h.id for h in hosts}
    pending = list(hosts)
    while pending:
        pending = [h for h in pending if not (everyone - {h.id}) <= h.connected()]
        if not pending:
            break
        if time.monotonic() - start > timeout:
            raise BenchError("peers not connected after %d s: %s" % (timeout, ", ".join(
                f"{h.name} sees {len(h.connected())} of {len(hosts) - 1}" for h in pending)))
        time.sleep(0.2)
    return time.monotonic() - start


class Acceptor(threading.Thread):
    """Accepts the first drop offered to `host` into `folder`."""

    def __init__(self, host, folder, start_time, stop):
        super().__init__(daemon=True)
        self.host, self.folder, self.start_time, self.stop = host, folder, start_time, stop
        self.drop_id = None
        self.accepted_after = None
        self.error = None

    def run(self):
        try:
            os.makedirs(self.folder, exist_ok=True)
            while not self.stop.is_set():
                offered = [t for t in self.host.ctl("transfers", timeout=30)
                           if t["direction"] == "in" and t["state"] == "offered"]
                if offered:
                    self.drop_id = offered[0]["id"]
                    self.host.ctl("accept", self.drop_id, "--to", self.folder)
                    self.accepted_after = time.monotonic() - self.start_time
                    return
                self.stop.wait(POLL_S)
        except Exception as error:  # noqa: BLE001 - reported by the main thread
            self.error = error


class Waiter(threading.Thread):
    """Waits on the sender until one drop ends."""

    def __init__(self, sender, drop_id, start_time, timeout):
        super().__init__(daemon=True)
        self.sender, self.drop_id, self.start_time, self.timeout = sender, drop_id, start_time, timeout
        self.seconds = None
        self.result = None

    def run(self):
        try:
            self.result = self.sender.ctl_raw("wait-transfer", self.drop_id, "--timeout", int(self.timeout),
                                              timeout=self.timeout + 30)
        except subprocess.TimeoutExpired as error:
            self.result = error
        self.seconds = time.monotonic() - self.start_time


def swarm_supported(bed):
    text = run(bed.confabctl, "help", "send-file", check=False)
    return "--to" in text.stdout + text.stderr


def send_drops(sender, receivers, path, mode):
    """Offers path to the receivers; returns (mode that ran, {receiver name: sender's drop id})."""
    by_id = {r.id: r for r in receivers}
    by_name = {r.name: r for r in receivers}
    if mode == "swarm":
        args = ["send-file", receivers[0].id, path]
        for r in receivers[1:]:
            args += ["--to", r.id]
        done = sender.ctl_raw(*args, timeout=600)
        if done.returncode == 2 and "--to" in done.stderr:
            log("this confabctl does not take --to: one send-file per receiver")
            mode = "separate"
        elif done.returncode != 0:
            raise BenchError(f"send-file --to failed ({done.returncode}): {done.stdout.strip()} {done.stderr.strip()}")
        else:
            drops = {}
            for drop in parse_json_stream(done.stdout):
                peer = by_id.get(drop.get("peer")) or by_name.get(drop.get("peer_name"))
                if peer is None:
                    raise BenchError(f"send-file --to answered a drop to an unknown peer: {drop}")
                drops[peer.name] = drop["id"]
            if len(drops) != len(receivers):
                raise BenchError(f"send-file --to answered {len(drops)} drops for {len(receivers)} receivers: "
                                 f"{done.stdout.strip()}")
            return mode, drops
    drops = {}
    for r in receivers:
        drops[r.name] = sender.ctl("send-file", r.id, path, timeout=600)["id"]
    return "separate", drops


def received_file(host, acceptor, name):
    """(the received file's path or None, the receiver's transfer object or {})."""
    drop = next((t for t in host.ctl("transfers") if t["id"] == acceptor.drop_id), None) or {}
    for candidate in drop.get("saved_as") or []:
        path = candidate if os.path.isabs(candidate) else os.path.join(acceptor.folder, candidate)
        if os.path.isfile(path):
            return path, drop
    path = os.path.join(acceptor.folder, name)
    return (path if os.path.isfile(path) else None), drop


def progress(sender, drops, stop, every_s=10.0):
    """Logs the sender's progress while a phase runs."""
    ids = set(drops.values())
    while not stop.wait(every_s):
        try:
            mine = [t for t in sender.ctl("transfers", timeout=10) if t["id"] in ids]
        except (BenchError, ValueError, subprocess.TimeoutExpired):
            continue
        done = sum(t["bytes_done"] for t in mine)
        total = sum(t["total_bytes"] for t in mine) or 1
        states = sorted({t["state"] for t in mine})
        log(f"  {100.0 * done / total:5.1f} % ({done // MIB} of {total // MIB} MiB), {'/'.join(states)}")


def run_phase(bed, label, sender, receivers, source, mode, timeout):
    """One drop of source to the receivers; returns the phase's figures."""
    size = os.path.getsize(source)
    folder = os.path.join(bed.work, "received", label)
    everyone = [sender] + receivers
    before = {h.name: h.counters() for h in everyone}
    stop = threading.Event()
    start = time.monotonic()
    acceptors = [Acceptor(r, os.path.join(folder, r.name), start, stop) for r in receivers]
    for a in acceptors:
        a.start()
    try:
        mode, drops = send_drops(sender, receivers, source, mode)
        log(f"{label}: {len(drops)} drop(s) offered ({mode}) after {time.monotonic() - start:.1f} s")
        waiters = {name: Waiter(sender, drop_id, start, timeout) for name, drop_id in drops.items()}
        for w in waiters.values():
            w.start()
        watcher = threading.Thread(target=progress, args=(sender, drops, stop), daemon=True)
        watcher.start()
        for w in waiters.values():
            while w.is_alive():
                w.join(0.5)
                for a in acceptors:
                    if a.error:
                        raise BenchError(f"{a.host.name} could not accept: {a.error}")
    finally:
        stop.set()
    seconds = time.monotonic() - start
    failed = {name: w.result for name, w in waiters.items()
              if not isinstance(w.result, subprocess.CompletedProcess) or w.result.returncode != 0}
    if failed:
        raise BenchError(f"{label}: drops did not complete: " + "; ".join(
            f"{name}: {getattr(r, 'stdout', '') or r} {getattr(r, 'stderr', '')}".strip()
            for name, r in failed.items()))
    after = {h.name: h.counters() for h in everyone}
    tx = {name: after[name][0] - before[name][0] for name in after}
    rx = {name: after[name][1] - before[name][1] for name in after}
    log(f"{label}: every drop completed after {seconds:.1f} s; checking the received files")

    want = b2sum(source)
    equal, from_others = {}, {}
    for r, a in zip(receivers, acceptors):
        path, drop = received_file(r, a, os.path.basename(source))
        equal[r.name] = path is not None and b2sum(path) == want
        if "bytes_from_others" in drop:
            from_others[r.name] = drop["bytes_from_others"]
        if path:
            os.remove(path)  # room for the next phase
    receiver_tx = {r.name: tx[r.name] for r in receivers}
    # The sender's interface from the first accept on: the file's bytes on
    # the wire, which the tbf cap bounds (before it, the sender hashes).
    first_accept = min(a.accepted_after for a in acceptors if a.accepted_after is not None)
    return mode, {
        "seconds": round(seconds, 2),
        "per_receiver_seconds": {name: round(w.seconds, 2) for name, w in sorted(waiters.items())},
        "accepted_after_seconds": {a.host.name: round(a.accepted_after, 2) for a in acceptors
                                   if a.accepted_after is not None},
        "goodput_mbit_per_s": round(size * len(receivers) * 8 / seconds / 1e6, 1),
        "sender_tx_bytes": tx[sender.name],
        "sender_tx_mbit_per_s": round(tx[sender.name] * 8 / seconds / 1e6, 1),
        "sender_tx_mbit_per_s_after_first_accept": round(tx[sender.name] * 8 / (seconds - first_accept) / 1e6, 1),
        "sender_tx_over_file": round(tx[sender.name] / size, 3),
        "receivers_tx_bytes": receiver_tx,
        "receivers_tx_total_bytes": sum(receiver_tx.values()),
        "receivers_rx_bytes": {r.name: rx[r.name] for r in receivers},
        # What each receiver's node says came from the other receivers (swarm).
        "receivers_bytes_from_others": from_others or None,
        "b2sum_equal": equal,
        "all_b2sum_equal": all(equal.values()),
        "peak_rss_kib": {h.name: peak_rss_kib(h.process.pid) for h in everyone},
    }


def make_source(path, size_mib):
    with open(path, "wb") as f:
        for _ in range(size_mib):
            f.write(os.urandom(MIB))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin-dir", required=True, help="folder with confabd and confabctl")
    parser.add_argument("--size-mib", type=int, default=1024)
    parser.add_argument("--receivers", type=int, default=8)
    parser.add_argument("--rate-mbit", type=int, default=100, help="each host's link, both directions")
    parser.add_argument("--phases", default="1,2", help="1, 2 or 1,2")
    parser.add_argument("--mode", choices=("auto", "swarm", "separate"), default="auto",
                        help="phase 2: send-file --to (swarm), one send-file per receiver, or swarm when supported")
    parser.add_argument("--discovery", choices=("embedded", "off"), default="embedded",
                        help="built-in mDNS in the namespaces, or addresses given with --peer")
    parser.add_argument("--work", help="where the files go (a disk: 1 GiB for the source and 1 GiB per receiver)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (profiles, logs)")
    args = parser.parse_args()
    phases = {int(p) for p in args.phases.split(",") if p.strip()}
    if not phases or not phases <= {1, 2} or not 1 <= args.receivers <= 200 or args.size_mib < 1:
        parser.error("--phases takes 1, 2 or 1,2; --receivers 1 to 200; --size-mib at least 1")
    if os.geteuid() != 0:
        print("swarm_drop_bench.py needs root (network namespaces, tc)", file=sys.stderr)
        return 77

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    bed = TestBed(args)
    try:
        sender, receivers = bed.build(args.receivers)
        source = os.path.join(bed.work, "payload.bin")
        log(f"writing {args.size_mib} MiB of random bytes")
        make_source(source, args.size_mib)
        size = os.path.getsize(source)

        started = []
        for host in bed.hosts:
            host.start(args.discovery, started if args.discovery == "off" else [])
            started.append(host)
        for host in bed.hosts:
            host.wait_ready()
        mesh_s = wait_mesh(bed.hosts)
        log(f"{len(bed.hosts)} nodes connected to each other after {mesh_s:.1f} s")

        ideal_s = size * 8 / (args.rate_mbit * 1e6)
        timeout = int(ideal_s * 3 * (args.receivers + 1) + 300)
        mode = args.mode
        if mode == "auto":
            mode = "swarm" if swarm_supported(bed) else "separate"
        report = {
            "benchmark": "swarm_drop",
            "goal": f"a drop to {args.receivers} receivers, each host's link capped at {args.rate_mbit} Mbit/s, "
                    f"finishes in at most {GOAL_RATIO_MAX}x the single-receiver time",
            "goal_ratio_max": GOAL_RATIO_MAX,
            "size_bytes": size,
            "receivers": args.receivers,
            "rate_mbit": args.rate_mbit,
            "shaping": f"tbf rate {args.rate_mbit}mbit burst {TBF_BURST} latency {TBF_LATENCY}, "
                       "both directions of every host's link",
            "discovery": args.discovery,
            "mesh_seconds": round(mesh_s, 2),
            "ideal_single_seconds": round(ideal_s, 2),
        }
        if 1 in phases:
            log(f"phase 1: {args.size_mib} MiB to r1")
            _, one = run_phase(bed, "phase1", sender, receivers[:1], source, "separate", timeout)
            one["within_cap"] = one["sender_tx_mbit_per_s_after_first_accept"] <= args.rate_mbit * 1.02
            report["phase1"] = one
        if 2 in phases:
            time.sleep(2)  # let the links go quiet between the phases
            wait_mesh(bed.hosts)
            log(f"phase 2: {args.size_mib} MiB to {args.receivers} receivers ({mode} asked)")
            mode, many = run_phase(bed, "phase2", sender, receivers, source, mode, timeout)
            report["mode"] = mode
            report["phase2"] = many
        if "phase1" in report and "phase2" in report:
            ratio = report["phase2"]["seconds"] / report["phase1"]["seconds"]
            report["ratio"] = round(ratio, 2)
            report["goal_met"] = ratio <= GOAL_RATIO_MAX
        report["peak_rss_kib"] = {h.name: peak_rss_kib(h.process.pid) for h in bed.hosts}
        print(json.dumps(report, indent=2))
        return 0
    except BenchError as error:
        log(f"error: {error}")
        for host in bed.hosts:
            tail = host.log_tail(8)
            if tail.strip():
                log(f"---- {host.name} (last lines)\n{tail}")
        return 1
    except KeyboardInterrupt:
        log("interrupted")
        return 130
    finally:
        bed.cleanup(args.keep)


if __name__ == "__main__":
    sys.exit(main())
