#!/usr/bin/env python3
"""Publishes a _confab._tcp service with python3-zeroconf until killed."""
import signal
import socket
import sys

from zeroconf import IPVersion, ServiceInfo, Zeroconf

address, port, name = sys.argv[1], int(sys.argv[2]), sys.argv[3]
zc = Zeroconf(interfaces=[address], ip_version=IPVersion.V4Only)
info = ServiceInfo("_confab._tcp.local.", f"{name}._confab._tcp.local.",
                   addresses=[socket.inet_aton(address)], port=port,
                   properties={"v": "1", "name": name}, server="zc-test.local.")
zc.register_service(info)
print("registered", flush=True)
signal.sigwait([signal.SIGTERM, signal.SIGINT])
zc.unregister_service(info)
zc.close()
