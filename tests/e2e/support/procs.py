"""Starting and ending child processes by their PID, and waiting for ports."""

from __future__ import annotations

import socket
import subprocess
import threading
import time
from pathlib import Path
from typing import IO


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    """Whether something accepts TCP connections on host:port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.2)
        return sock.connect_ex((host, port)) == 0


def wait_port(port: int, timeout: float, proc: subprocess.Popen | None = None) -> None:
    """Waits until 127.0.0.1:port accepts connections; fails early if `proc` died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if port_open(port):
            return
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{proc.args[0]} exited with {proc.returncode} before listening")
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


def stop(proc: subprocess.Popen | None, grace: float = 5.0) -> None:
    """Ends one process we started, by its PID: SIGTERM, then SIGKILL after `grace` seconds."""
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=grace)


def pump(stream: IO[bytes], log: Path) -> threading.Thread:
    """Copies a child's output to a log file on a daemon thread (so its pipe never fills)."""

    def run() -> None:
        with log.open("ab") as out:
            for line in iter(stream.readline, b""):
                out.write(line)
                out.flush()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread
