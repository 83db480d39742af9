"""Step 17 (issue 13): the real app runs a WooCommerce shop. The owner connects Ajustes to the
WooCommerce test server (tests/woocommerce-fake, started here on 127.0.0.1 and ended by its
PID) with a REST key and secret; a new order rings as a desktop notification; the owner
prepares it (the stage lands in the order's `_mostrador_stage` meta); and cancels another with
a partial refund that the server shows exactly once. Then the desk goes back to the session's
shop for the later steps."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import time
from decimal import Decimal
import urllib.request
from pathlib import Path

from support import procs
from support.app import tid
from support.backend import first_line

KEY = "ck_mostrador_e2e"
SECRET = "cs_mostrador_e2e"
ADMIN = "woo-e2e-admin"


class WooFake:
    """The WooCommerce test store, one process on 127.0.0.1."""

    def __init__(self, binary: Path, workdir: Path, artifacts: Path) -> None:
        self.binary = binary
        self.db = workdir / "woocommerce.db"
        self.log = artifacts / "woocommerce-fake.log"
        self.proc: subprocess.Popen | None = None
        self.url = ""

    def start(self) -> None:
        cmd = [str(self.binary), "--listen", "127.0.0.1:0", "--db", str(self.db),
               "--key", KEY, "--secret", SECRET, "--admin-token", ADMIN]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        line = first_line(self.proc, timeout=20)
        assert line.startswith("listening on http://"), f"the WooCommerce fake did not start: {line}"
        self.url = line.removeprefix("listening on ").strip()
        procs.pump(self.proc.stdout, self.log)

    def stop(self) -> None:
        procs.stop(self.proc)
        self.proc = None

    def _call(self, method: str, path: str, body=None, admin: bool = False):
        req = urllib.request.Request(f"{self.url}{path}", method=method)
        if admin:
            req.add_header("Authorization", f"Bearer {ADMIN}")
        else:
            basic = base64.b64encode(f"{KEY}:{SECRET}".encode()).decode()
            req.add_header("Authorization", f"Basic {basic}")
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            req.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(req, data=data, timeout=10) as r:
            return json.loads(r.read() or b"null")

    def create_order(self, name: str, pickup: bool, method: str = "bacs") -> dict:
        """A paid order to attend, as a customer's checkout makes it (processing): a transfer
        received, of the recorded store's products by SKU (on WooCommerce a paid cash-on-delivery
        order, or one of no product, is born completed)."""
        m, title, ship = ("local_pickup", "Retiro en tienda", "0") if pickup else (
            "flat_rate", "Despacho", "3000")
        first, last = name.split(" ", 1)
        return self._call("POST", "/mostrador-fake/orders", {
            "payment_method": method,
            "payment_method_title": method,
            "set_paid": True,
            "billing": {"first_name": first, "last_name": last, "email": "e2e@example.test",
                        "phone": "+56911111111", "country": "CL"},
            "shipping": {"first_name": first, "last_name": last,
                         "address_1": "Av. Siempre Viva 123", "city": "Santiago", "country": "CL"},
            "line_items": [
                {"name": "Empanada de pino", "sku": "EMP-PINO-1796110760", "quantity": 6,
                 "subtotal": "15000", "total": "15000"},
                {"name": "Pebre 250g", "sku": "PEBRE-1796110761", "quantity": 1,
                 "subtotal": "1800", "total": "1800"},
            ],
            "shipping_lines": [{"method_id": m, "method_title": title, "total": ship}],
        }, admin=True)

    def order(self, order_id: int) -> dict:
        return self._call("GET", f"/wp-json/wc/v3/orders/{order_id}")

    def refunds(self, order_id: int) -> list[dict]:
        return self._call("GET", f"/wp-json/wc/v3/orders/{order_id}/refunds")


def _meta(order: dict, key: str):
    return next((m.get("value") for m in order.get("meta_data", []) if m.get("key") == key), None)


def _connect_woo(app, url: str) -> None:
    app.click(app.one(tid("nav-settings"), "the Ajustes tab"))
    app.click(app.one(tid("platform-woocommerce"), "the WooCommerce choice"))
    app.type_into(app.one(tid("connect-url"), "the store address box"), url)
    app.type_into(app.one(tid("connect-key"), "the consumer key box"), KEY)
    app.type_into(app.one(tid("connect-token"), "the consumer secret box"), SECRET)
    app.snap("step17-connect-woocommerce")
    app.click(app.one(tid("connect"), "the Conectar button"))
    app.until("the app connected to WooCommerce", app.is_connected, timeout=30)
    app.show_orders()


def test_step17_a_woocommerce_shop_rings_prepares_and_refunds_once(
    app, backend, notifications, workdir, artifacts
):
    woo = WooFake(Path(os.environ["E2E_WOO_FAKE"]), workdir, artifacts)
    woo.start()
    try:
        if app.is_connected():
            app.disconnect()
        _connect_woo(app, woo.url)

        # A new order rings (the counter polls WooCommerce every 15 s at most).
        sent_at = time.time()
        fresh = woo.create_order("Ana Pérez", pickup=True)
        number = str(fresh["number"])
        title = f"Nuevo pedido #{number}"
        notifications.wait_for(lambda n: n.title == title, timeout=45,
                               what=f"titled {title!r}", since=sent_at - 1)
        assert app.row_status(number, wait_for="Pendiente") == "Pendiente"

        # The owner prepares it: the stage is kept in the order's meta (WooCommerce has no
        # such status), and WooCommerce's own status stays processing.
        app.open_order(number)
        app.advance("preparing")
        prepared = app.until("the stage in WooCommerce",
                          lambda: (o := woo.order(fresh["id"])) and
                          _meta(o, "_mostrador_stage") == "preparing" and o, timeout=30)
        assert prepared["status"] == "processing", prepared["status"]
        app.wait_detail_status("Preparando")
        app.snap("step17-woocommerce-prepared")
        app.show_orders()

        # Another is cancelled with a partial refund of $5.000 (CLP): once on the server.
        other = woo.create_order("Óscar Díaz", pickup=False)
        other_number = str(other["number"])
        app.reload()
        app.wait_row(other_number, timeout=30)
        app.open_order(other_number)
        app.click(app.one(tid("cancel-open"), "the 'Cancelar pedido' button"))
        app.type_into(app.one(tid("cancel-reason"), "the cancel reason box"), "Sin stock de pebre")
        app.type_into(app.one(tid("cancel-refund"), "the refund box"), "5.000")
        app.snap("step17-woocommerce-cancel")
        app.click(app.one(tid("cancel-confirm"), "the confirm button"))
        app.gone(tid("cancel-dialog"), "the cancel dialog closed")
        cancelled = app.until("the cancellation in WooCommerce",
                           lambda: (o := woo.order(other["id"])) and
                           o["status"] == "cancelled" and o, timeout=30)
        refunds = app.until("the refund in WooCommerce", lambda: woo.refunds(other["id"]), timeout=30)
        # A few more sync cycles: a retry must never make a second refund.
        app.reload()
        time.sleep(3)
        refunds = woo.refunds(other["id"])
        assert len(refunds) == 1, f"one refund, not {len(refunds)}: {refunds}"
        assert Decimal(str(refunds[0]["amount"])) == Decimal(5000), refunds[0]["amount"]
        assert cancelled["status"] == "cancelled"
        app.wait_detail_status("Cancelado")
        app.snap("step17-woocommerce-cancelled")
        app.show_orders()
    finally:
        try:
            app.switch_to(backend.url, backend.token)
        finally:
            woo.stop()
