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


# A session bus with no service directories: nothing on it can be started on demand (the
# standard session config would D-Bus-activate gnome-keyring and dunst from /usr/share).
BARE_BUS = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


@contextlib.contextmanager
def private_bus(log: Path) -> Iterator[str]:
    """A fresh D-Bus session bus with nothing on it and nothing activatable (no keychain, no
    notification server); yields its address and ends the daemon by its PID."""
    config = log.with_suffix(".conf")
    config.write_text(BARE_BUS)
    proc = subprocess.Popen(
        ["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address=1"],
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
        # tauri-driver proxies to WebKitWebDriver, which may start listening a moment later.
        procs.wait_port(native, timeout=20, proc=driver)
        session = start_session(f"http://127.0.0.1:{port}", Path(os.environ["E2E_APP"]))
        yield App(session, log.parent)
    finally:
        if session is not None:
            session.quit()
        procs.stop(driver)
