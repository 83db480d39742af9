"""Step 11 (issue 11, item 10): a second launch of the app on the same data directory hands over
to the first and exits, so there is one sync loop and one scheduler; the first window is shown.
A launch on another data directory (a demo profile) is an instance of its own."""

from __future__ import annotations

import os
import subprocess
import time

from support.expect import expected


def visible_windows() -> list[str]:
    found = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--name", "^Mostrador$"],
        capture_output=True, text=True, timeout=10,
    )
    return found.stdout.split()


def window_pid(window: str) -> int | None:
    found = subprocess.run(
        ["xdotool", "getwindowpid", window], capture_output=True, text=True, timeout=10
    )
    return int(found.stdout) if found.stdout.strip().isdigit() else None


def test_step11_a_second_launch_focuses_the_first_and_exits(app, workdir, artifacts):
    log = artifacts / "app.log"  # the first instance's log (tauri-driver's output)
    before = log.read_text(errors="replace").count("a second launch: showing this window")
    windows = visible_windows()
    env = dict(os.environ, MOSTRADOR_DATA_DIR=str(workdir / "app-data"), RUST_LOG="info,zbus=warn")
    started = time.monotonic()
    proc = subprocess.Popen(
        [os.environ["E2E_APP"]], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    out, err = proc.communicate(timeout=60)
    second = subprocess.CompletedProcess(proc.args, proc.returncode, out, err)
    took = time.monotonic() - started
    (artifacts / "second-instance.log").write_text(second.stdout + second.stderr)
    assert second.returncode == expected("step11", 0, 1), (
        f"the second launch exits cleanly after handing over: {second.returncode}"
    )
    assert "opening the order desk" not in second.stderr, (
        "the second launch never opens the database nor starts a sync loop"
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        text = log.read_text(errors="replace")
        if text.count("a second launch: showing this window") > before:
            break
        time.sleep(0.1)
    else:
        raise AssertionError("the first instance was not told about the second launch")
    # xdotool lists the windows in focus order, which the hand-over changes, and WebKitGTK's
    # helper windows come and go (and a window hidden to the tray is not listed before): what
    # matters is that the first instance's window is shown and none is the second launch's.
    after: list[str] = []
    deadline = time.monotonic() + 10
    while not after and time.monotonic() < deadline:  # the hand-over raises it again
        after = visible_windows()
        time.sleep(0.2)
    assert after, f"the first instance's window is shown (before: {windows}, after: none)"
    owners = {w: window_pid(w) for w in after}
    assert proc.pid not in owners.values(), (
        f"no window of the second launch (pid {proc.pid}): {owners}"
    )
    assert app.driver.current_url.startswith("tauri://localhost"), "the first app still runs"
    print(f"second launch handed over and exited in {took:.2f} s")
