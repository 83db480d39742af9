"""Step 10 (issue 11, item 3): the app starts without a Secret Service. On a session bus with no
keychain the window opens, on a first launch and with a saved store whose token cannot be read
(the cached orders show, and a banner says what is missing and how to fix it on Linux); the demo
connects with no keychain at all."""

from __future__ import annotations

import time

from support.app import tid
from support.backend import TOKEN
from support.expect import expected
from support.launch import launched, private_bus

NO_APP_ENV = ("MOSTRADOR_BACKEND_URL", "MOSTRADOR_BACKEND_TOKEN", "MOSTRADOR_DEMO_URL")


def test_step10_without_a_keychain_the_app_opens_and_says_what_is_missing(
    backend, workdir, artifacts
):
    logs = artifacts / "no-keychain"
    logs.mkdir(exist_ok=True)
    saved = workdir / "no-keychain-saved"
    backend.create_order(fulfillment="pickup", status="preparing", customer={"name": "Sin Llavero"})
    # 1. Connected once while the keychain worked (the suite's bus has gnome-keyring).
    with launched(
        {"MOSTRADOR_DATA_DIR": str(saved), "MOSTRADOR_BACKEND_URL": backend.url,
         "MOSTRADOR_BACKEND_TOKEN": TOKEN},
        logs / "1-with-keychain.log",
    ) as app:
        app.until("the app connected", app.is_connected, timeout=30)
        app.one(tid("order-row"), "a synced order", timeout=30)

    with private_bus(logs / "dbus.log") as bus:
        no_keychain = {"DBUS_SESSION_BUS_ADDRESS": bus}
        # 2. The same desk on a bus with no Secret Service: it opens on its cache and says why.
        with launched(
            dict(no_keychain, MOSTRADOR_DATA_DIR=str(saved)), logs / "2-saved.log", NO_APP_ENV
        ) as app:
            banner = app.one(tid("keychain-banner"), "the keychain banner", timeout=30)
            text = app.text(banner)
            assert expected("step10", "GNOME Keyring o KWallet", "Sin conectar") in text, text
            assert "Sin llavero del sistema" in app.sync_text(), app.sync_text()
            app.one(tid("order-row"), "the cached orders", timeout=15)
            time.sleep(3)  # let WebKit repaint before the screenshot; not an assertion
            app.snap("step10-no-keychain-banner")

        # 3. A first launch on that bus, a real backend in the environment: no panic, a window.
        with launched(
            dict(no_keychain, MOSTRADOR_DATA_DIR=str(workdir / "no-keychain-first"),
                 MOSTRADOR_BACKEND_URL=backend.url, MOSTRADOR_BACKEND_TOKEN=TOKEN),
            logs / "3-first.log",
        ) as app:
            app.one(tid("order-list"), "the (empty) orders list")
            banner = app.one(tid("keychain-banner"), "the keychain banner", timeout=30)
            assert "GNOME Keyring o KWallet" in app.text(banner), app.text(banner)

        # 4. The demo: its token is not a secret, so it connects with no keychain at all.
        with launched(
            dict(no_keychain, MOSTRADOR_DATA_DIR=str(workdir / "no-keychain-demo"),
                 MOSTRADOR_DEMO_URL=backend.url, MOSTRADOR_DEMO_TOKEN=TOKEN),
            logs / "4-demo.log",
            ("MOSTRADOR_BACKEND_URL",),
        ) as app:
            app.until("the demo connected", app.is_connected, timeout=30)
            app.one(tid("order-row"), "the demo's orders", timeout=30)
            time.sleep(3)  # repaint before the screenshot
            app.snap("step10-demo-without-keychain")
