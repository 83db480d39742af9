"""Fixtures of the end-to-end suite: one reference backend, one notification log and one real app
(through tauri-driver + WebKitWebDriver) shared by the steps, which run in file order.

Run it through scripts/e2e.sh: it sets up Xvfb, the session bus, dunst, dbus-monitor and the
keyring, and passes the paths below in the environment.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from support import procs  # noqa: E402
from support.app import App, snap, start_session  # noqa: E402
from support.backend import Backend, Timings  # noqa: E402
from support.links import Links  # noqa: E402
from support.notify import NotifyLog  # noqa: E402

# Short attention timings so step 6 sees every notice within a minute of wall-clock time. The
# auto-cancel is long on purpose: the other steps' pending orders must not be cancelled under
# them; step 6 reaches it by moving the backend's clock instead.
TIMINGS = Timings(reminders_after_s=(6, 12), warn_after_s=18, auto_cancel_after_s=600)

# How step 1 connects: "ajustes" types the URL and token in Ajustes as an owner would; "env"
# starts the app already connected (MOSTRADOR_BACKEND_URL / MOSTRADOR_BACKEND_TOKEN).
CONNECT = os.environ.get("E2E_CONNECT", "ajustes")


def _env_path(name: str) -> Path:
    value = os.environ.get(name)
    if not value:
        pytest.exit(f"{name} is not set: run the suite through scripts/e2e.sh", returncode=2)
    return Path(value)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """tests/e2e/artifacts: screenshots, logs and figures of this run."""
    path = _env_path("E2E_ARTIFACTS")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def workdir() -> Path:
    """The run's temporary directory (removed by scripts/e2e.sh)."""
    return _env_path("E2E_WORK")


@pytest.fixture(scope="session")
def backend(workdir: Path, artifacts: Path):
    """The reference backend, started with an admin token and short attention timings."""
    server = Backend(_env_path("E2E_BACKEND"), workdir, artifacts, TIMINGS)
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def notifications() -> NotifyLog:
    """What D-Bus saw of Notify calls (written by dbus-monitor, started by session.sh)."""
    return NotifyLog(_env_path("E2E_NOTIFY_LOG"))


@pytest.fixture(scope="session")
def opened_links(workdir: Path) -> Links:
    """A stand-in `xdg-open` first on the app's PATH, logging each URL the app hands to the
    system, and a stand-in phone/mail app registered for tel: and mailto: (step 8)."""
    return Links(workdir)


@pytest.fixture(scope="session")
def tauri_driver(backend: Backend, artifacts: Path, workdir: Path, opened_links: Links):
    """tauri-driver on free ports; the app inherits its environment (XDG dirs, DISPLAY, bus)."""
    port, native = procs.free_port(), procs.free_port()
    env = dict(os.environ)
    env["PATH"] = f"{opened_links.bin_dir}{os.pathsep}{env.get('PATH', '')}"
    env["E2E_OPEN_LOG"] = str(opened_links.log)
    env.setdefault("RUST_LOG", "info,zbus=warn,tracing=warn")
    env["MOSTRADOR_DATA_DIR"] = str(workdir / "app-data")
    if CONNECT == "env":
        env["MOSTRADOR_BACKEND_URL"], env["MOSTRADOR_BACKEND_TOKEN"] = backend.url, backend.token
    proc = subprocess.Popen(
        [str(_env_path("E2E_TAURI_DRIVER")), "--port", str(port), "--native-port", str(native)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
    )
    procs.pump(proc.stdout, artifacts / "app.log")
    try:
        procs.wait_port(port, timeout=20, proc=proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        procs.stop(proc)


@pytest.fixture(scope="session")
def seeded(backend: Backend) -> list[dict]:
    """Orders already on the backend before the app's first launch (none pending, so the first
    sync has nothing to ring about)."""
    return [
        backend.create_order(
            fulfillment="pickup", status="preparing", customer={"name": "Lucía Fernández"}
        ),
        backend.create_order(
            fulfillment="delivery", status="ready", customer={"name": "Tomás Herrera"}
        ),
        backend.create_order(
            fulfillment="parcel", status="shipped", customer={"name": "Valentina Rojas"}
        ),
    ]


@pytest.fixture(scope="session")
def shared() -> dict:
    """What one step hands the next (step 3 advances the order step 2 created)."""
    return {}


@pytest.fixture(scope="session")
def app(tauri_driver: str, backend: Backend, seeded: list[dict], artifacts: Path):
    """The real app, driven through WebDriver, launched after the seeded orders exist."""
    started = time.monotonic()
    driver = start_session(tauri_driver, _env_path("E2E_APP"))
    figures["webdriver_session_s"] = round(time.monotonic() - started, 3)
    try:
        yield App(driver, artifacts)
    finally:
        try:
            driver.quit()
        finally:
            (artifacts / "figures.json").write_text(json.dumps(figures, indent=2) + "\n")


# Figures measured by the steps (latency, timings), written to artifacts/figures.json.
figures: dict[str, object] = {}


@pytest.fixture
def record():
    """Records a figure for artifacts/figures.json."""
    return figures.__setitem__


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Step 8: screenshots after every step, passed or failed (see `App.snap`)."""
    outcome = yield
    report = outcome.get_result()
    if report.when != "call":
        return
    artifacts_dir = Path(os.environ.get("E2E_ARTIFACTS", "."))
    name = item.name.split("_")[1] + ("-end" if report.passed else "-FAILED")
    snap(item.funcargs.get("app"), artifacts_dir, name)


def pytest_terminal_summary(terminalreporter):
    """Prints the figures of this run (also in artifacts/figures.json)."""
    if figures:
        terminalreporter.write_sep("-", "e2e figures")
        for key, value in figures.items():
            terminalreporter.write_line(f"{key}: {value}")
