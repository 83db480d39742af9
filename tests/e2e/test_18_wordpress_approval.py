"""Step 18 (issue 13): "Conectar con WordPress" without copying keys, the whole way round. The
owner types only the store's address and presses the button; the app opens WordPress's
Application Password approval page in the browser (the stand-in xdg-open records it); the
owner approves (here: the WooCommerce test server's stand-in page, which approves at once and
redirects to the app's `mostrador://` link); the desktop opens that link, which starts a second
launch of the app (the .deb registers the scheme); the second launch hands the link to the
running app and exits; the running app connects with the issued password and lists the store's
orders. Then the desk goes back to the session's shop."""

from __future__ import annotations

import http.client
import os
import subprocess
import time
import urllib.parse
from pathlib import Path

from support.app import tid
from test_17_woocommerce import WooFake


def approve_in_the_browser(authorize_url: str) -> str:
    """What the browser does once the owner approves: GET the page, follow it to the app's
    link (the 302's Location), which a browser hands to the desktop."""
    url = urllib.parse.urlsplit(authorize_url)
    assert url.scheme == "http" and url.hostname == "127.0.0.1", authorize_url
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    try:
        conn.request("GET", f"{url.path}?{url.query}")
        answer = conn.getresponse()
        location = answer.getheader("Location") or ""
        assert answer.status in (302, 303), f"approval page answered {answer.status}"
    finally:
        conn.close()
    return location


def test_step18_the_wordpress_approval_link_comes_back_to_the_running_app(
    app, backend, workdir, artifacts, opened_links
):
    woo = WooFake(Path(os.environ["E2E_WOO_FAKE"]), workdir, artifacts)
    woo.start()
    try:
        first = woo.create_order("Rosa Fuentes", pickup=True)
        if app.is_connected():
            app.disconnect()
        app.click(app.one(tid("nav-settings"), "the Ajustes tab"))
        app.click(app.one(tid("platform-woocommerce"), "the WooCommerce choice"))
        app.type_into(app.one(tid("connect-url"), "the store address box"), woo.url)
        before = len(opened_links.calls())
        app.click(app.one(tid("woo-approve"), "the 'Conectar con WordPress' button"))

        calls = opened_links.wait_calls(before + 1, timeout=15)
        assert len(calls) > before, "the approval page was not opened in the browser"
        authorize = calls[-1]
        assert "/wp-admin/authorize-application.php" in authorize, authorize
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(authorize).query)
        assert query.get("app_name"), query
        assert query["success_url"][0].startswith("mostrador://"), query
        app.one(tid("woo-waiting"), "the 'waiting for WordPress' notice")
        app.snap("step18-waiting-for-wordpress")

        link = approve_in_the_browser(authorize)
        assert link.startswith("mostrador://"), f"WordPress sent the browser to {link!r}"
        assert "password=" in link and "user_login=" in link, link

        # The desktop opens the link: a second launch, on the same data directory.
        env = dict(os.environ, MOSTRADOR_DATA_DIR=str(workdir / "app-data"),
                   RUST_LOG="info,zbus=warn")
        started = time.monotonic()
        second = subprocess.run([os.environ["E2E_APP"], link], env=env, capture_output=True,
                                text=True, timeout=60)
        (artifacts / "step18-second-launch.log").write_text(second.stdout + second.stderr)
        assert second.returncode == 0, f"the second launch exited {second.returncode}"
        assert "opening the order desk" not in second.stderr, (
            "the second launch handed the link over instead of opening the database"
        )
        app.until("the app connected through WordPress", app.is_connected, timeout=30)
        took = time.monotonic() - started
        app.show_orders()
        app.wait_row(str(first["number"]), timeout=30)
        app.snap("step18-connected-through-wordpress")
        print(f"step18: link to connected and listing in {took:.1f} s")
    finally:
        try:
            app.switch_to(backend.url, backend.token)
        finally:
            woo.stop()
