"""Step 12 (issue 11, crash test): the real app binary is killed with SIGKILL at random moments
while it flushes queued owner actions to a faulty backend (5xx, 429, responses dropped after the
commit, latency), 50 times, with fresh actions queued before each launch (half the kills at a random moment
after the desk opened, half just after the backend applied one of them, mid-flush); then it runs to the
end, and the backend's audit log shows every action applied exactly once: 0 lost, 0 doubled.

The actions are queued through `mostrador-cli` on the app's data directory (the same outbox the
app's buttons write to); the app, not the CLI, sends them. It runs on its own backend and data
directory, beside the suite's app (one app per data directory)."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest

from support import procs
from support.backend import Backend, Timings

KILLS = int(os.environ.get("E2E_CRASH_KILLS", "50"))
SEED = int(os.environ.get("E2E_CRASH_SEED", str(int(time.time()))))
FAULTS = {
    "error_rate": 0.2,
    "rate_limit_rate": 0.1,
    "drop_after_commit_rate": 0.2,
    "latency_ms": 40,
}


def descendants(pid: int) -> list[int]:
    """The PIDs of `pid`'s children, grandchildren… (the WebKit processes of the app)."""
    out, todo = [], [pid]
    while todo:
        parent = todo.pop()
        try:
            children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
        except OSError:
            continue
        for child in map(int, children):
            out.append(child)
            todo.append(child)
    return out


def kill9(proc: subprocess.Popen) -> None:
    """SIGKILL to the app and to each of its descendants, by PID."""
    family = descendants(proc.pid)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    for pid in family:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


class Cli:
    """`mostrador-cli` on the crash test's data directory."""

    def __init__(self, binary: Path, data_dir: Path) -> None:
        self.binary, self.data_dir = binary, data_dir

    def run(self, *args: str) -> str:
        result = subprocess.run(
            [str(self.binary), "--data-dir", str(self.data_dir), *args],
            capture_output=True, text=True, timeout=60,
        )
        assert result.returncode == 0, f"mostrador-cli {args}: {result.stderr or result.stdout}"
        return result.stdout

    def outbox(self) -> list[dict]:
        return json.loads(self.run("outbox", "--json"))


@pytest.fixture
def crash_backend(workdir: Path, artifacts: Path):
    logs = artifacts / "crash"
    logs.mkdir(exist_ok=True)
    home = workdir / "crash"
    home.mkdir(exist_ok=True)
    server = Backend(
        Path(os.environ["E2E_BACKEND"]), home, logs, Timings((600, 1200), 1800, 3600)
    )
    server.start()
    yield server
    server.stop()


OPENED = "opening the order desk"


def wait_opened(app: subprocess.Popen, log: Path, count: int, run: int) -> None:
    """Waits until the log shows the desk opened `count` times (this launch's setup ran)."""
    deadline = time.monotonic() + 60
    while log.read_text(errors="replace").count(OPENED) < count:
        assert app.poll() is None, f"the app exited before opening its desk (run {run}); see {log}"
        assert time.monotonic() < deadline, f"run {run}: the desk never opened; see {log}"
        time.sleep(0.02)


def wait_sent(app: subprocess.Popen, backend: Backend, ids: set[str], timeout: float) -> None:
    """Waits until the backend applied one of `ids` (or `timeout`, or the app died)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and app.poll() is None:
        if applied_keys(backend) & ids:
            return
        time.sleep(0.03)


def applied_keys(backend: Backend) -> set[str]:
    """The orders with an owner transition or cancellation applied on the backend."""
    effects = backend.ok("GET", "/v1/admin/effects", admin=True)["effects"]
    return {e["order_id"] for e in effects if e["kind"] in ("transition", "cancellation")}


def start_app(data_dir: Path, log: Path) -> subprocess.Popen:
    env = dict(os.environ, MOSTRADOR_DATA_DIR=str(data_dir), RUST_LOG="info,zbus=warn")
    for var in ("MOSTRADOR_BACKEND_URL", "MOSTRADOR_DEMO_URL"):
        env.pop(var, None)
    out = log.open("ab")
    return subprocess.Popen([os.environ["E2E_APP"]], env=env, stdout=out, stderr=out)


def test_step12_kill_9_of_the_app_while_it_flushes_loses_and_doubles_nothing(
    crash_backend, workdir, artifacts, record
):
    rng = random.Random(SEED)
    print(f"crash test seed {SEED} (E2E_CRASH_SEED to replay), {KILLS} kills")
    backend = crash_backend
    data_dir = workdir / "crash" / "app-data"
    cli = Cli(Path(os.environ["E2E_CLI"]), data_dir)
    log = artifacts / "crash" / "app.log"
    log.unlink(missing_ok=True)
    log.touch()
    orders = [
        backend.create_order(
            fulfillment="pickup", payment={"method": "cash", "status": "unpaid"}
        )
        for _ in range(KILLS * 3)
    ]
    # The demo connection (its token kept with the desk, no keychain needed) and a first sync,
    # so every order is in the cache the actions are queued against.
    cli.run("--token", backend.token, "connect", "--demo", backend.url)
    cli.run("sync")
    backend.ok("PUT", "/v1/admin/faults", dict(FAULTS, seed=SEED), admin=True)

    queued: dict[str, str] = {}  # order id -> "transition" | "cancellation"
    interrupted = 0  # kills that left some queued action not yet applied
    fresh = iter(orders)
    started = time.monotonic()
    for kill in range(KILLS):
        this_round = set()
        for _ in range(rng.choice((1, 2, 3))):
            order = next(fresh)
            this_round.add(order["id"])
            if rng.random() < 0.3:
                cli.run("cancel", order["number"], "--reason", "Sin existencias", "--refund", "0")
                queued[order["id"]] = "cancellation"
            else:
                cli.run("advance", order["number"], "preparando")
                queued[order["id"]] = "transition"
        opened = log.read_text(errors="replace").count(OPENED)
        app = start_app(data_dir, log)
        try:
            # From the moment the desk is open (its sync loop starts flushing at once), a random
            # moment: before, during or after a send, its answer, or the outbox's update.
            wait_opened(app, log, opened + 1, kill)
            if rng.random() < 0.5:
                time.sleep(rng.uniform(0.0, 3.0))
            else:
                # Just after the backend applied one of this round's actions: the app is in
                # the middle of its flush (the answer on its way, the outbox not yet updated,
                # the next action not yet sent).
                wait_sent(app, backend, this_round, timeout=15)
                time.sleep(rng.uniform(0.0, 0.3))
            assert app.poll() is None, f"the app exited by itself (run {kill}); see {log}"
        finally:
            kill9(app)
        done = applied_keys(backend)
        if any(order_id not in done for order_id in queued):
            interrupted += 1
    killing_s = time.monotonic() - started
    # Actions the app itself sent between kills (the rest go out in the final run).
    sent_between_kills = len(applied_keys(backend) & set(queued))

    backend.ok("PUT", "/v1/admin/faults", {}, admin=True)
    app = start_app(data_dir, log)
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            pending = [a for a in cli.outbox() if a["state"] == "pending"]
            if not pending:
                break
            time.sleep(0.5)
        else:
            pytest.fail(f"{len(pending)} actions still queued after 90 s: {pending[:3]}")
    finally:
        family = descendants(app.pid)
        procs.stop(app)
        for pid in family:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    failed = [a for a in cli.outbox() if a["state"] == "failed"]
    lost, doubled = [], []
    for order_id, kind in queued.items():
        applied = [e for e in backend.effects(order_id) if e["kind"] == kind]
        if not applied:
            lost.append(order_id)
        elif len(applied) > 1:
            doubled.append((order_id, len(applied)))
    record("crash_kills", KILLS)
    record("crash_actions", len(queued))
    record("crash_killing_s", round(killing_s, 1))
    record("crash_kills_with_actions_unsent", interrupted)
    record("crash_actions_sent_between_kills", sent_between_kills)
    print(f"{KILLS} kill -9 of the app, {len(queued)} actions: {len(lost)} lost, "
          f"{len(doubled)} doubled, {len(failed)} failed; {sent_between_kills} sent by the app "
          f"between kills, {interrupted} kills left actions unapplied; killing took "
          f"{killing_s:.0f} s")
    assert (lost, doubled, failed) == ([], [], []), (
        f"lost {lost}, doubled {doubled}, failed {failed} (seed {SEED})"
    )
    assert sent_between_kills > 0, "the app never sent an action before it was killed"
    assert interrupted >= KILLS // 5, (
        f"only {interrupted} of {KILLS} kills caught the app with actions unsent: the test "
        "did not exercise crashes during a flush"
    )
