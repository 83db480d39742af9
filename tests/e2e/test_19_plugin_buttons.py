"""Step 19 (issue 16): the notification buttons of Windows, macOS and the phones, run on Linux.

Those platforms draw a notice's buttons through the notification plugin's action types
(src-tauri/src/plugin_buttons.rs: Windows toast buttons, macOS actions, iOS categories, Android
actions), and the plugin reports a press through its `on_action`. None of them can be built
here, so `MOSTRADOR_PLUGIN_BUTTONS=1` sends this Linux build the same way: the registration,
the press and what follows are the code those platforms run; only the plugin's last hop
(D-Bus here, WinRT or the Notification Center there) differs. In its own world (a private
session bus with the test notification server that presses buttons, its own backend):
- a new order's notification carries "Preparar" and "Abrir", drawn by the plugin;
- pressing "Preparar" moves the order to Preparando on the backend exactly once, the window
  still hidden, and a new notification says "#N → Preparando" and offers "Listo";
- pressing "Abrir" on that one brings the hidden window up with that order open.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

from conftest import TIMINGS
from support.backend import Backend
from support.bell import World
from test_13_bell import render_notification


def test_step19_plugin_drawn_buttons_act_without_the_window(workdir: Path, artifacts: Path):
    root = workdir / "plugin-buttons"
    root.mkdir(exist_ok=True)
    backend = Backend(Path(os.environ["E2E_BACKEND"]), root, root, TIMINGS)
    backend.start()
    world = World(
        root, artifacts, Path(os.environ["E2E_APP"]), backend.url, backend.token,
        prefix="plugin-buttons",
    )
    world.env["MOSTRADOR_PLUGIN_BUTTONS"] = "1"
    # Debug: the UI's commands are logged (the UI opening the order shows as its acknowledgement).
    world.env["RUST_LOG"] = "info,mostrador_lib=debug,zbus=warn,tracing=warn"
    log = artifacts / "plugin-buttons-app.log"
    try:
        world.start_services()
        world.launch()
        world.wait(lambda: world.kv("store") is not None, 30, "the app's first sync")
        assert "notification buttons go through the notification plugin" in log.read_text(), (
            "the plugin path is the one in use"
        )
        assert world.visible_windows() == [], "started with --hidden"

        order = backend.create_order(fulfillment="pickup", customer={"name": "Tomás Rey"})
        n = order["number"]
        notice = world.wait_notification(lambda x: x["summary"] == f"Nuevo pedido #{n}")
        labels = dict(notice["actions"])
        assert labels.get("prepare") == "Preparar", f"a new order offers Preparar: {notice}"
        assert labels.get("open") == "Abrir", f"and Abrir: {notice}"
        assert "default" in labels, "a click on the body is reported as a tap"

        world.press(notice["id"], "prepare")
        backend.wait_order(order["id"], lambda o: o["status"] == "preparing", timeout=15)
        result = world.wait_notification(lambda x: x["summary"] == f"#{n} → Preparando")
        assert result["id"] != notice["id"], "the result is a notification of its own"
        assert ("ready", "Listo") in [tuple(a) for a in result["actions"]], result
        assert world.visible_windows() == [], "pressing Preparar did not open the window"
        assert "notification button pressed (plugin)" in log.read_text()
        time.sleep(2)  # a repeated signal or a late sync must not move it again
        transitions = [e for e in backend.effects(order["id"]) if e["kind"] == "transition"]
        assert len(transitions) == 1, f"exactly once: {transitions}"
        acks = [e for e in backend.effects(order["id"]) if e["kind"] == "acknowledgement"]
        assert len(acks) == 1, f"the press told every device it was seen: {acks}"

        world.press(result["id"], "open")
        world.wait(lambda: world.visible_windows() != [], 15, "the window shown by Abrir")
        shot = artifacts / "plugin-buttons-opened.png"

        def painted() -> bool:
            world.screenshot(shot)
            spread = subprocess.run(
                ["/usr/bin/convert", str(shot), "-format", "%[fx:standard_deviation]", "info:"],
                capture_output=True, text=True, timeout=20,
            ).stdout
            return float(spread or 0) > 0.05

        # The UI opening that order acknowledges it through its command (logged at debug).
        world.wait(
            lambda: f'acknowledge_order{{order_id="{order["id"]}"}}' in log.read_text(),
            20,
            "the UI opened the order of the notification",
        )
        time.sleep(4)  # its detail paints (over 1 s on a busy 2-core machine): for the eye
        world.wait(painted, 20, "the window painted (a hidden start loads the page late)")
        render_notification(notice, artifacts / "plugin-buttons-notification.png")
        render_notification(result, artifacts / "plugin-buttons-result.png")
    finally:
        world.close()
        backend.stop()
