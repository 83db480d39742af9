"""The reference backend as a child process, with its store API and its admin (test control) API."""

from __future__ import annotations

import json
import select
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import procs

TOKEN = "e2e-store-token"
ADMIN_TOKEN = "e2e-admin-token"


@dataclass(frozen=True)
class Timings:
    """The store's attention schedule, in seconds after an order's creation."""

    reminders_after_s: tuple[int, int]
    warn_after_s: int
    auto_cancel_after_s: int


def first_line(proc: subprocess.Popen, timeout: float) -> str:
    """The first line a child prints, or '' if it prints none within `timeout` (or exits)."""
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    return proc.stdout.readline().decode().strip() if ready else ""


class HttpError(AssertionError):
    """A response that was not the 2xx a helper expected."""


class Backend:
    """One reference backend on 127.0.0.1, stoppable and restartable on the same port and DB."""

    def __init__(
        self,
        binary: Path,
        workdir: Path,
        logdir: Path,
        timings: Timings,
        name: str = "backend",
        extra_args: tuple[str, ...] = (),
    ) -> None:
        self.binary = binary
        self.db = workdir / f"{name}.db"
        self.log = logdir / f"{name}.log"
        self.timings = timings
        self.extra_args = extra_args
        self.port = 0
        self.proc: subprocess.Popen | None = None

    token = TOKEN

    @property
    def url(self) -> str:
        """The base URL the app connects to."""
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        """Starts it (on the port it had before, if any) and waits for `listening on`."""
        t = self.timings
        cmd = [
            str(self.binary),
            "--listen",
            f"127.0.0.1:{self.port}",
            "--db",
            str(self.db),
            "--token",
            TOKEN,
            "--admin-token",
            ADMIN_TOKEN,
            "--reminders-after-s",
            ",".join(str(s) for s in t.reminders_after_s),
            "--warn-after-s",
            str(t.warn_after_s),
            "--auto-cancel-after-s",
            str(t.auto_cancel_after_s),
            "--heartbeat-s",
            "5",
            *self.extra_args,
        ]
        # A restart may meet the old socket for a moment: try a few times.
        for attempt in range(20):
            self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            line = first_line(self.proc, timeout=20)
            if line.startswith("listening on http://"):
                self.port = int(line.rsplit(":", 1)[1])
                procs.pump(self.proc.stdout, self.log)
                return
            procs.stop(self.proc)
            with self.log.open("a") as out:
                out.write(f"start attempt {attempt} failed: {line}\n")
            time.sleep(0.25)
        raise RuntimeError(f"reference backend did not start; see {self.log}")

    def stop(self) -> None:
        """Ends it by its PID (SIGTERM: connections drop, the DB stays)."""
        procs.stop(self.proc)
        self.proc = None

    # ---- HTTP -------------------------------------------------------------------------------

    def call(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        admin: bool = False,
        key: str | None = None,
    ) -> tuple[int, Any]:
        """One request; returns (status, decoded JSON or None). Never raises on 4xx/5xx."""
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.url + path, data=data, method=method)
        req.add_header("Authorization", f"Bearer {ADMIN_TOKEN if admin else TOKEN}")
        if data is not None:
            req.add_header("Content-Type", "application/json")
        if key is not None:
            req.add_header("Idempotency-Key", key)
        try:
            with urllib.request.urlopen(req, timeout=10) as resp:
                status, raw = resp.status, resp.read()
        except urllib.error.HTTPError as err:
            status, raw = err.code, err.read()
        return status, (json.loads(raw) if raw else None)

    def ok(self, method: str, path: str, body: Any = None, **kw: Any) -> Any:
        """A request that must succeed; its JSON body."""
        status, payload = self.call(method, path, body, **kw)
        if not 200 <= status < 300:
            raise HttpError(f"{method} {path} answered {status}: {payload}")
        return payload

    # ---- admin (test control) ---------------------------------------------------------------

    def create_order(self, **fields: Any) -> dict:
        """`POST /v1/admin/orders`: the backend fills what is not given."""
        return self.ok("POST", "/v1/admin/orders", fields, admin=True, key=str(uuid.uuid4()))

    def advance_clock(self, seconds: int) -> dict:
        """`POST /v1/admin/clock`: moves the backend's clock (auto-cancel follows it)."""
        return self.ok("POST", "/v1/admin/clock", {"advance_s": seconds}, admin=True)

    def effects(self, order_id: str) -> list[dict]:
        """`GET /v1/admin/effects?order_id=`: every effect applied to the order, in order."""
        return self.ok("GET", f"/v1/admin/effects?order_id={order_id}", admin=True)["effects"]

    # ---- store API --------------------------------------------------------------------------

    def order(self, order_id: str) -> dict:
        """`GET /v1/orders/{id}` with the store token."""
        return self.ok("GET", f"/v1/orders/{order_id}")

    def wait_order(self, order_id: str, predicate, timeout: float = 15.0) -> dict:
        """Polls the backend's order until `predicate(order)` holds; fails with the last state."""
        deadline = time.monotonic() + timeout
        order = self.order(order_id)
        while not predicate(order):
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"backend order {order_id} never reached the expected state in {timeout} s; "
                    f"last: status={order['status']} history={order['history']}"
                )
            time.sleep(0.2)
            order = self.order(order_id)
        return order
