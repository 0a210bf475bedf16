#!/usr/bin/env python3
"""File-drop benchmark: two confabd on 127.0.0.1, against scp and libsodium in
the same run.

Prints one JSON document with, for one large file (--size-mib, 1024 by
default) and for many small files (--small-files of 4 KiB, 10,000 by
default):
- confab: seconds from `send-file` to the sender seeing the drop completed
  (the offer's hashing, the receiver's accept and its final check included),
  MB/s, and each node's peak resident memory (VmHWM);
- chat: while the large drop runs, a message every 100 ms from the sender to
  the receiver; latency = the receiver's stored_ms minus the sender's (one
  machine, one clock), p50/p99/max;
- scp: the same data copied by scp through a private sshd on 127.0.0.1 with
  its own host key (Debian openssh-server), or the reason it could not run;
- libsodium: confab_drop_pipeline_baseline in both modes (the issue's
  secretstream pipeline, and exactly the passes a drop makes, one thread);
- the ratios the goals are stated in: confab / scp, confab / design passes,
  small files / one file of the same total size;
- the file system's own share: a plain copy of the small files and of the
  one file (read, create with O_EXCL, write, close, rename, in one Python
  loop), the least any receiver of these files spends on this disk.

Figures only: nothing here passes or fails on speed.

Usage: file_drop_bench.py --bin-dir DIR --tools-dir DIR [--size-mib N]
                          [--small-files N] [--work DIR]
"""

import argparse
import getpass
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "integration"))
from confab_harness import Harness, check, free_port  # noqa: E402
from drop_fixtures import MIB, b2, wait_state  # noqa: E402

SMALL_FILE_BYTES = 4096


def make_large(path, size_mib):
    with open(path, "wb") as f:
        for _ in range(size_mib):
            f.write(os.urandom(MIB))


def make_small(folder, count):
    os.makedirs(folder)
    per_folder = 500  # like a real tree, not one flat folder
    for i in range(count):
        sub = os.path.join(folder, f"part{i // per_folder:03d}")
        os.makedirs(sub, exist_ok=True)
        with open(os.path.join(sub, f"file{i:05d}.bin"), "wb") as f:
            f.write(os.urandom(SMALL_FILE_BYTES))


def folder_bytes(folder):
    return sum(os.path.getsize(os.path.join(d, name)) for d, _, files in os.walk(folder) for name in files)


def peak_rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def percentiles(samples):
    if not samples:
        return None
    ordered = sorted(samples)

    def at(p):
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))]

    return {"samples": len(ordered), "p50": at(0.50), "p99": at(0.99), "max": ordered[-1]}


class ChatProbe(threading.Thread):
    """Sends a message every 100 ms from `sender` to `receiver` until stopped."""

    def __init__(self, sender, receiver):
        super().__init__(daemon=True)
        self.sender, self.receiver = sender, receiver
        self.texts = []
        self.stop = threading.Event()

    def run(self):
        n = 0
        while not self.stop.is_set():
            text = f"latency probe {n}"
            self.sender.send(self.receiver, text)
            self.texts.append(text)
            n += 1
            self.stop.wait(0.1)

    def latencies_ms(self):
        sent = {m["text"]: m["stored_ms"] for m in self.sender.history(self.receiver) if m["direction"] == "out"}
        got = {m["text"]: m["stored_ms"] for m in self.receiver.history(self.sender) if m["direction"] == "in"}
        return [got[t] - sent[t] for t in self.texts if t in sent and t in got]


def confab_drop(a, b, path, downloads, probe_chat=False):
    """Sends `path` from a to b; b accepts into `downloads`. Seconds to completed."""
    os.makedirs(downloads, exist_ok=True)
    probe = ChatProbe(a, b) if probe_chat else None
    start = time.monotonic()
    sent = a.ctl("send-file", b.id, path)
    wait_state(b, sent["id"], "offered", timeout=600)
    b.ctl("accept", sent["id"], "--to", downloads)
    if probe:
        probe.start()
    done = a.ctl_raw("wait-transfer", sent["id"], "--timeout", 3600, timeout=3700)
    seconds = time.monotonic() - start
    if probe:
        probe.stop.set()
        probe.join()
    check(done.returncode == 0, f"the drop did not complete: {done!r}")
    chat = percentiles(probe.latencies_ms()) if probe else None
    return seconds, chat


class PrivateSshd:
    """sshd on 127.0.0.1 with its own host key, config and authorized key."""

    def __init__(self, work):
        self.work = work
        self.port = free_port()
        self.process = None
        self.reason = None
        sshd = shutil.which("sshd") or "/usr/sbin/sshd"
        if not os.path.exists(sshd):
            self.reason = "sshd not installed (Debian openssh-server)"
            return
        os.makedirs(work, exist_ok=True)
        for key in ("host", "client"):
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", os.path.join(work, key)], check=True)
        shutil.copy(os.path.join(work, "client.pub"), os.path.join(work, "authorized_keys"))
        config = os.path.join(work, "sshd_config")
        with open(config, "w") as f:
            f.write(f"Port {self.port}\nListenAddress 127.0.0.1\nHostKey {work}/host\n"
                    f"AuthorizedKeysFile {work}/authorized_keys\nPidFile {work}/sshd.pid\n"
                    "UsePAM no\nStrictModes no\nPermitRootLogin prohibit-password\n"
                    "PasswordAuthentication no\n"
                    # scp speaks SFTP to the server since OpenSSH 9.0.
                    "Subsystem sftp internal-sftp\n")
        os.makedirs("/run/sshd", exist_ok=True)  # its privilege-separation folder
        self.process = subprocess.Popen([sshd, "-D", "-f", config, "-E", os.path.join(work, "sshd.log")])
        time.sleep(0.5)
        if self.process.poll() is not None:
            self.reason = "sshd did not start: " + open(os.path.join(work, "sshd.log")).read()[-300:]
            self.process = None

    def copy(self, source, target):
        """Seconds scp takes to copy `source` (a file or folder) to `target`."""
        start = time.monotonic()
        done = subprocess.run(["scp", "-q", "-r", "-P", str(self.port), "-i", os.path.join(self.work, "client"),
                               "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no",
                               "-o", "UserKnownHostsFile=/dev/null",
                               source, f"{getpass.getuser()}@127.0.0.1:{target}"], capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"scp failed: {done.stderr.strip()[-300:]}; sshd: "
                               + open(os.path.join(self.work, "sshd.log")).read()[-300:])
        return time.monotonic() - start

    def close(self):
        if self.process:
            self.process.terminate()
            self.process.wait()


def plain_copy(source, target):
    """Seconds a bare copy of `source` (a file or folder) into `target` takes."""
    start = time.monotonic()
    if os.path.isfile(source):
        walk = [(os.path.dirname(source), [], [os.path.basename(source)])]
        source = os.path.dirname(source)
    else:
        walk = os.walk(source)
    for folder, _, names in walk:
        into = os.path.join(target, os.path.relpath(folder, source))
        os.makedirs(into, exist_ok=True)
        for name in names:
            with open(os.path.join(folder, name), "rb") as f:
                data = f.read()
            partial = os.path.join(into, "." + name + ".part")
            fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            os.write(fd, data)
            os.close(fd)
            os.rename(partial, os.path.join(into, name))
    seconds = time.monotonic() - start
    shutil.rmtree(target)
    return seconds


def baseline(tools_dir, mode, source, target):
    out = subprocess.run([os.path.join(tools_dir, "confab_drop_pipeline_baseline"), "--mode", mode,
                          "--input", source, "--output", target], check=True, capture_output=True, text=True)
    os.remove(target)
    return json.loads(out.stdout)


def mb_per_s(size, seconds):
    return round(size / 1e6 / seconds, 1) if seconds else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin-dir", required=True)
    parser.add_argument("--tools-dir", required=True, help="the build's tests/bench folder")
    parser.add_argument("--size-mib", type=int, default=1024)
    parser.add_argument("--small-files", type=int, default=10000)
    parser.add_argument("--work", help="where the data goes (a disk, not tmpfs, for honest figures)")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="confab-drop-bench-", dir=args.work)
    harness = Harness(args.bin_dir, hostile=None, tools_dir=args.tools_dir)
    sshd = PrivateSshd(os.path.join(work, "ssh"))
    try:
        large = os.path.join(work, "large.bin")
        small = os.path.join(work, "small")
        make_large(large, args.size_mib)
        make_small(small, args.small_files)
        large_bytes = os.path.getsize(large)
        small_bytes = folder_bytes(small)
        same_size = os.path.join(work, "same-size.bin")
        make_large(same_size, max(1, small_bytes // MIB))

        a = harness.node("alice").start()
        b = harness.node("bob").start(peers=[a.address])
        b.wait_connected(a)
        received = os.path.join(work, "received")
        large_s, chat = confab_drop(a, b, large, os.path.join(received, "large"), probe_chat=True)
        check(b2(os.path.join(received, "large", "large.bin")) == b2(large), "the large file arrived different")
        small_s, _ = confab_drop(a, b, small, os.path.join(received, "small"))
        same_s, _ = confab_drop(a, b, same_size, os.path.join(received, "same"))
        memory = {"sender_peak_kib": peak_rss_kib(a.process.pid), "receiver_peak_kib": peak_rss_kib(b.process.pid)}
        shutil.rmtree(received)

        report = {
            "large": {"bytes": large_bytes, "confab_seconds": round(large_s, 3),
                      "confab_mb_per_s": mb_per_s(large_bytes, large_s)},
            "small": {"files": args.small_files, "bytes": small_bytes, "confab_seconds": round(small_s, 3),
                      "one_file_same_size_seconds": round(same_s, 3),
                      "small_over_one_file": round(small_s / same_s, 2)},
            "chat_during_large_ms": chat,
            "memory": memory,
        }
        design = baseline(args.tools_dir, "design", large, os.path.join(work, "baseline.out"))
        report["libsodium"] = {"design_passes": design,
                               "secretstream": baseline(args.tools_dir, "libsodium", large,
                                                        os.path.join(work, "baseline.out"))}
        report["large"]["confab_over_design_passes"] = round(design["seconds"] / large_s, 2)
        copy_small = plain_copy(small, os.path.join(work, "copy-small"))
        copy_one = plain_copy(same_size, os.path.join(work, "copy-one"))
        report["small"]["plain_copy"] = {"small_seconds": round(copy_small, 3), "one_file_seconds": round(copy_one, 3),
                                         "small_over_one_file": round(copy_small / copy_one, 2)}
        report["small"]["small_over_plain_copy"] = round(small_s / copy_small, 2)
        if sshd.reason:
            report["scp"] = {"skipped": sshd.reason}
        else:
            target = os.path.join(work, "scp")
            os.makedirs(target)
            try:
                scp_large = sshd.copy(large, target)
                scp_small = sshd.copy(small, target)
            except RuntimeError as failure:
                report["scp"] = {"skipped": str(failure)}
                print(json.dumps(report, indent=2))
                return
            report["scp"] = {"large_seconds": round(scp_large, 3), "large_mb_per_s": mb_per_s(large_bytes, scp_large),
                             "small_seconds": round(scp_small, 3)}
            report["large"]["confab_over_scp"] = round(scp_large / large_s, 2)
            report["small"]["confab_over_scp"] = round(scp_small / small_s, 2)
        print(json.dumps(report, indent=2))
    finally:
        sshd.close()
        harness.cleanup()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
