"""The bell step's own world: a private session bus with a notification server that can press
buttons, an unlocked keyring, a PulseAudio with only a null sink and a recorder on its monitor,
and the app launched as a binary (no WebDriver: it must stay hidden). Every process is started
here and ended by its PID (`World.close`)."""

from __future__ import annotations

import array
import json
import math
import os
import shlex
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from support import procs

HERE = Path(__file__).parent
RATE = 8000  # recorder sample rate, mono s16le


class World:
    def __init__(
        self, root: Path, artifacts: Path, app: Path, backend_url: str, token: str,
        prefix: str = "bell",
    ):
        """`prefix` names this world's logs in the artifacts (one world per step)."""
        self.root = root
        self.prefix = prefix
        self.artifacts = artifacts
        self.app_bin = app
        self.procs: list[subprocess.Popen] = []
        self.home = root / "home"
        self.data = root / "app-data"
        self.runtime = root / "runtime"
        self.control = root / "control"
        self.record = artifacts / f"{self.prefix}-notifications.jsonl"
        self.audio = root / "ring.raw"
        for d in (self.home, self.data, self.runtime, self.control):
            d.mkdir(parents=True, exist_ok=True)
        self.runtime.chmod(0o700)
        self.record.write_text("")
        self.env = dict(os.environ)
        self.env.update(
            HOME=str(self.home),
            XDG_CONFIG_HOME=str(self.home / ".config"),
            XDG_DATA_HOME=str(self.home / ".local/share"),
            XDG_CACHE_HOME=str(self.home / ".cache"),
            XDG_RUNTIME_DIR=str(self.runtime),
            MOSTRADOR_DATA_DIR=str(self.data),
            MOSTRADOR_BACKEND_URL=backend_url,
            MOSTRADOR_BACKEND_TOKEN=token,
            PULSE_SINK="ring",
            RUST_LOG="info,zbus=warn,tracing=warn",
            NO_AT_BRIDGE="1",
        )
        self.app: subprocess.Popen | None = None
        self.recorder: subprocess.Popen | None = None
        self.recorder_started = 0.0
        self.foreign: set[str] = set()

    # ---- processes ------------------------------------------------------------------------

    def spawn(self, cmd: list[str], log: str, **kw) -> subprocess.Popen:
        out = (self.artifacts / log).open("ab")
        proc = subprocess.Popen(cmd, env=self.env, stdout=out, stderr=subprocess.STDOUT, **kw)
        self.procs.append(proc)
        return proc

    def start_services(self) -> None:
        self.foreign = self.all_visible_windows()
        bus = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE,
            env=self.env,
        )
        self.procs.append(bus)
        address = bus.stdout.readline().decode().strip()
        assert address, "dbus-daemon printed no address"
        self.env["DBUS_SESSION_BUS_ADDRESS"] = address
        server = subprocess.Popen(
            ["/usr/bin/python3", str(HERE / "notify_server.py"), str(self.record), str(self.control)],
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=(self.artifacts / f"{self.prefix}-notify-server.log").open("ab"),
        )
        self.procs.append(server)
        assert server.stdout.readline().strip() == b"ready", "the test notification server failed"
        keyring = subprocess.Popen(
            ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
            env=self.env,
            stdin=subprocess.PIPE,
            stdout=(self.artifacts / f"{self.prefix}-keyring.log").open("ab"),
            stderr=subprocess.STDOUT,
        )
        self.procs.append(keyring)
        keyring.stdin.write(b"test")
        keyring.stdin.close()
        self.wait_owner("org.freedesktop.secrets")
        self.spawn(
            [
                "pulseaudio",
                "--daemonize=no",
                "--exit-idle-time=-1",
                "--disallow-exit",
                "-n",
                "--load=module-native-protocol-unix",
                "--load=module-null-sink sink_name=ring",
                "--log-target=stderr",
            ],
            f"{self.prefix}-pulseaudio.log",
        )
        self.wait(lambda: self.run(["pactl", "info"]).returncode == 0, 15, "pulseaudio")

    def run(self, cmd: list[str]) -> subprocess.CompletedProcess:
        return subprocess.run(cmd, env=self.env, capture_output=True, timeout=10)

    def wait_owner(self, name: str) -> None:
        def owned() -> bool:
            out = self.run(
                [
                    "dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus",
                    "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner", f"string:{name}",
                ]
            )
            return b"boolean true" in out.stdout

        self.wait(owned, 15, name)

    @staticmethod
    def wait(ok, timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if ok():
                return
            time.sleep(0.05)
        raise AssertionError(f"{what}: not ready after {timeout} s")

    def launch(self, cmd: list[str] | None = None) -> subprocess.Popen:
        self.app = self.spawn(cmd or [str(self.app_bin), "--hidden"], f"{self.prefix}-app.log")
        return self.app

    def stop_app(self) -> None:
        procs.stop(self.app)
        self.app = None

    def close(self) -> None:
        for proc in reversed(self.procs):
            procs.stop(proc)

    # ---- the app's data ---------------------------------------------------------------------

    def db(self) -> sqlite3.Connection:
        """The app's state file: settings, the connection and the store live in its `kv`
        (the cache file `mostrador.db` keeps only what a resync rebuilds)."""
        return sqlite3.connect(self.data / "mostrador.state.db", timeout=5)

    def kv(self, key: str) -> str | None:
        if not (self.data / "mostrador.state.db").exists():
            return None
        try:
            with self.db() as conn:
                row = conn.execute("SELECT value FROM kv WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            return None
        return row[0] if row else None

    def set_settings(self, **patch) -> None:
        current = json.loads(self.kv("settings") or "{}")
        current.update(patch)
        with self.db() as conn:
            conn.execute(
                "INSERT INTO kv(key, value) VALUES ('settings', ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (json.dumps(current),),
            )

    def autostart_entry(self) -> Path:
        return self.home / ".config" / "autostart" / "Mostrador.desktop"

    def login_command(self) -> list[str]:
        """The Exec line of the autostart entry, as a session manager would run it at login."""
        for line in self.autostart_entry().read_text().splitlines():
            if line.startswith("Exec="):
                return shlex.split(line[len("Exec="):])
        raise AssertionError("the autostart entry has no Exec line")

    # ---- notifications ----------------------------------------------------------------------

    def notifications(self) -> list[dict]:
        return [json.loads(line) for line in self.record.read_text().splitlines() if line]

    def wait_notification(self, pred, timeout: float = 15.0) -> dict:
        found: list[dict] = []

        def seen() -> bool:
            found[:] = [n for n in self.notifications() if pred(n)]
            return bool(found)

        self.wait(seen, timeout, "notification")
        return found[0]

    def press(self, notification_id: int, action: str) -> None:
        (self.control / f"press-{notification_id}-{action}").touch()

    # ---- the window ---------------------------------------------------------------------------

    def all_visible_windows(self) -> set[str]:
        out = self.run(["xdotool", "search", "--onlyvisible", "--name", "^Mostrador$"])
        return set(out.stdout.decode().split())

    def visible_windows(self) -> list[str]:
        """This world's app's visible windows: the other steps' app (the WebDriver session)
        shares the display, so the windows shown before this world started are left out."""
        return sorted(self.all_visible_windows() - self.foreign)

    def screenshot(self, path: Path) -> None:
        """The whole virtual screen (the app's window once shown), to look at."""
        subprocess.run(["/usr/bin/import", "-window", "root", str(path)], env=self.env,
                       capture_output=True, timeout=20, check=False)

    # ---- audio --------------------------------------------------------------------------------

    def start_recording(self) -> None:
        out = self.audio.open("wb")
        self.recorder = subprocess.Popen(
            ["parec", "-d", "ring.monitor", "--format=s16le", f"--rate={RATE}", "--channels=1"],
            env=self.env,
            stdout=out,
            stderr=(self.artifacts / f"{self.prefix}-parec.log").open("ab"),
        )
        self.procs.append(self.recorder)
        # parec takes a moment to connect: date the first sample by the bytes that arrived.
        self.wait(lambda: self.audio.stat().st_size >= 2 * RATE // 10, 10, "the recorder")
        self.recorder_started = time.time() - self.audio.stat().st_size / (2 * RATE)

    def stop_recording(self) -> None:
        procs.stop(self.recorder)

    def loudness(self, window_s: float = 0.25) -> list[tuple[float, float]]:
        """(wall-clock time, RMS) per window of the recording."""
        samples = array.array("h")
        samples.frombytes(self.audio.read_bytes()[: (self.audio.stat().st_size // 2) * 2])
        n = int(RATE * window_s)
        out = []
        for i in range(0, len(samples) - n + 1, n):
            chunk = samples[i : i + n]
            rms = math.sqrt(sum(s * s for s in chunk) / n)
            out.append((self.recorder_started + i / RATE, rms))
        return out


def loud_between(levels: list[tuple[float, float]], start: float, end: float, floor: float) -> list:
    return [(t, r) for t, r in levels if start <= t < end and r > floor]


class WatchDesk:
    """A second desk of the shop: `mostrador-cli sync --watch` on its own data directory in
    Modo mostrador, whose bell is the lines it prints ("timbre: suena …", "timbre: silencio"),
    each stamped with the wall-clock time it was read."""

    def __init__(self, world: World, cli: Path, backend_url: str, token: str):
        self.world, self.cli, self.url, self.token = world, cli, backend_url, token
        self.data = world.root / "cli-data"
        self.data.mkdir(exist_ok=True)
        self.lines: list[tuple[float, str]] = []
        self.proc: subprocess.Popen | None = None

    def base(self) -> list[str]:
        return [str(self.cli), "--data-dir", str(self.data), "--token", self.token]

    def start(self, **settings) -> None:
        done = subprocess.run(
            [*self.base(), "connect", self.url], capture_output=True, text=True, timeout=60,
            env=self.world.env,
        )
        assert done.returncode == 0, f"mostrador-cli connect: {done.stderr}"
        state = sqlite3.connect(self.data / "mostrador.state.db", timeout=5)
        with state:
            row = state.execute("SELECT value FROM kv WHERE key = 'settings'").fetchone()
            current = json.loads(row[0]) if row else {}
            current.update(settings)
            state.execute(
                "INSERT INTO kv(key, value) VALUES ('settings', ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (json.dumps(current),),
            )
        state.close()
        self.proc = subprocess.Popen(
            [*self.base(), "sync", "--watch"], env=self.world.env,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )
        self.world.procs.append(self.proc)
        log = (self.world.artifacts / f"{self.world.prefix}-cli-watch.log").open("a")

        def read() -> None:
            for raw in iter(self.proc.stdout.readline, b""):
                line = raw.decode(errors="replace").rstrip()
                self.lines.append((time.time(), line))
                log.write(f"{time.time():.3f} {line}\n")
                log.flush()

        threading.Thread(target=read, daemon=True).start()

    def first(self, pred, after: float, timeout: float, what: str) -> float:
        """When the first line after `after` matching `pred` was read."""
        found: list[float] = []

        def seen() -> bool:
            found[:] = [t for t, line in list(self.lines) if t >= after and pred(line)]
            return bool(found)

        World.wait(seen, timeout, f"the watching desk: {what}")
        return found[0]

    def count(self, pred, start: float, end: float) -> int:
        return sum(1 for t, line in list(self.lines) if start <= t < end and pred(line))
