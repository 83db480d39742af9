"""Another instance of the real app in its own environment (another data directory, another
session bus), through its own tauri-driver: for the steps that need a launch of their own."""

from __future__ import annotations

import contextlib
import os
import subprocess
from pathlib import Path
from typing import Iterator

from . import procs
from .app import App, start_session


@contextlib.contextmanager
def private_bus(log: Path) -> Iterator[str]:
    """A fresh D-Bus session bus with nothing on it (no keychain, no notification server);
    yields its address and ends the daemon by its PID."""
    proc = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=log.open("ab"),
        text=True,
    )
    try:
        address = proc.stdout.readline().strip()
        if not address:
            raise RuntimeError(f"dbus-daemon printed no address; see {log}")
        yield address
    finally:
        procs.stop(proc)


@contextlib.contextmanager
def launched(env: dict[str, str], log: Path, drop: tuple[str, ...] = ()) -> Iterator[App]:
    """The app under a tauri-driver whose environment is the suite's plus `env`, minus `drop`."""
    port, native = procs.free_port(), procs.free_port()
    full = dict(os.environ)
    full.setdefault("RUST_LOG", "info,zbus=warn,tracing=warn")
    for name in drop:
        full.pop(name, None)
    full.update(env)
    driver = subprocess.Popen(
        [os.environ["E2E_TAURI_DRIVER"], "--port", str(port), "--native-port", str(native)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=full,
    )
    procs.pump(driver.stdout, log)
    session = None
    try:
        procs.wait_port(port, timeout=20, proc=driver)
        session = start_session(f"http://127.0.0.1:{port}", Path(os.environ["E2E_APP"]))
        yield App(session, log.parent)
    finally:
        if session is not None:
            session.quit()
        procs.stop(driver)
