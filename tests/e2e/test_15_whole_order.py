"""Step 15 (issue 15): the whole order at the counter, in the real app. The owner names the
device ("Caja 1") and points Ajustes at a thermal printer (a stand-in on 127.0.0.1 that keeps
the raw ESC/POS bytes) with automatic slips on; a new delivery order's kitchen slip reaches the
printer and decodes to the order's lines; the detail shows the delivery address; an unpaid cash
order is charged with the change computed and the backend records one payment; a staff note
reaches the backend once, with the device's name; the detail is looked at 1280 px and 390 px
wide (tests/e2e/artifacts/step15-*.png)."""

from __future__ import annotations

import socket
import threading
import time

from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from support.app import tid
from support.expect import expected

DEVICE = "Caja 1"
ADDRESS = {
    "line1": "Av. Álvaro Obregón 45",
    "line2": "Depto 3, Roma Norte",
    "city": "Ciudad de México",
    "region": "CDMX",
    "postal_code": "06700",
    "reference": "Portón verde",
}
NOTE = "Sin cebolla; tocar el timbre dos veces"


class PrinterStandIn:
    """A thermal printer on 127.0.0.1: each connection is one job, kept as raw bytes."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.jobs: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(5)
                data = b""
                while chunk := conn.recv(65536):
                    data += chunk
                self.jobs.append(data)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.sock.close()


def decode_escpos(job: bytes) -> dict:
    """The lines of an ESC/POS job (CP858 text), its code page and its cuts; fails on any
    command the slip is not meant to carry."""
    lines, line, i = [], bytearray(), 0
    code_page, cuts = None, 0
    while i < len(job):
        b = job[i]
        if b == 0x1B:
            cmd = job[i + 1]
            if cmd == ord("@"):
                i += 2
            elif cmd == ord("t"):
                code_page = job[i + 2]
                i += 3
            elif cmd in (ord("E"), ord("a"), ord("d")):
                i += 3
            else:
                raise AssertionError(f"unknown ESC {cmd:#x} at {i}")
            continue
        if b == 0x1D:
            cmd = job[i + 1]
            if cmd == ord("!"):
                i += 3
            elif cmd == ord("V"):
                cuts += 1
                i += 4 if job[i + 2] >= 65 else 3
            else:
                raise AssertionError(f"unknown GS {cmd:#x} at {i}")
            continue
        if b == 0x0A:
            lines.append(line.decode("cp858"))
            line = bytearray()
        else:
            line.append(b)
        i += 1
    assert not line, f"every line ends in a line feed: {line!r}"
    return {"lines": [ln.strip() for ln in lines], "code_page": code_page, "cuts": cuts}


def blur_with(app, el, text: str) -> None:
    """Types into a settings box and leaves it (the setting is saved on change)."""
    app.type_into(el, text)
    el.send_keys(Keys.TAB)


def open_settings(app) -> None:
    app.click(app.one(tid("nav-settings"), "the Ajustes tab"))
    app.one(tid("printer-settings"), "Ajustes → Impresora")


def test_step15_device_name_printer_address_payment_and_note(app, backend, record):
    if not app.is_connected():
        app.connect(backend.url, backend.token)
    printer = PrinterStandIn()
    try:
        # Ajustes: the device's name and a network printer with automatic slips.
        open_settings(app)
        blur_with(app, app.one(tid("device-name"), "the device name box"), DEVICE)
        Select(app.one(tid("printer-kind"), "the printer kind")).select_by_value("network")
        blur_with(app, app.one(tid("printer-host"), "the printer host box"), "127.0.0.1")
        blur_with(app, app.one("#s-port", "the printer port box"), str(printer.port))
        auto = app.one(tid("printer-auto"), "the automatic slips switch")
        if not auto.is_selected():
            app.click(auto)
        app.until("the automatic slips switch on", auto.is_selected)
        app.click(app.one(tid("print-test"), "Imprimir prueba"))
        app.until("the test page at the printer", lambda: printer.jobs, timeout=15)
        test_page = decode_escpos(printer.jobs[0])
        assert test_page["cuts"] == 1 and test_page["code_page"] == 19, test_page
        app.show_orders()

        # A new delivery order, unpaid cash: its kitchen slip prints by itself.
        order = backend.create_order(
            fulfillment="delivery",
            customer={"name": "Inés Peñaloza", "phone": "+52 55 2233 4455"},
            items=[
                {"sku": "TAM-01", "name": "Tamal verde", "quantity": 3, "unit_price": 2500},
                {"sku": "ATO-02", "name": "Atole de piña", "quantity": 2, "unit_price": 2250},
            ],
            payment={"method": "cash", "status": "unpaid"},
            shipping_address=ADDRESS,
        )
        number = order["number"]
        assert order["total"] == 12000 and order["paid"] == 0, order
        app.wait_row(number, timeout=30)
        jobs_before = 1

        def slip():
            for job in printer.jobs[jobs_before:]:
                decoded = decode_escpos(job)
                if f"#{number}" in decoded["lines"]:
                    return decoded
            return None

        printed = app.until(f"the kitchen slip of #{number} at the printer", slip, timeout=30)
        record("step15_slip_lines", printed["lines"])
        lines = printed["lines"]
        want = expected(
            "step15",
            ["3 x Tamal verde", "2 x Atole de piña", "Entregar en:", ADDRESS["line1"]],
            ["3 x Tamal rojo"],
        )
        for line in want:
            assert line in lines, f"the slip carries {line!r} (accents in CP858): {lines}"
        assert "Inés Peñaloza" in lines, lines
        assert printed["code_page"] == 19 and printed["cuts"] == 1, printed
        time.sleep(2)
        slips = [j for j in printer.jobs[jobs_before:] if f"#{number}" in decode_escpos(j)["lines"]]
        assert len(slips) == 1, f"one automatic slip per new order, not {len(slips)}"

        # The detail: the address, copyable, with a map link.
        detail = app.open_order(number)
        address = app.one(tid("detail-address"), "the delivery address")
        shown = app.text(address)
        for part in (ADDRESS["line1"], ADDRESS["line2"], ADDRESS["reference"]):
            assert part in shown, f"the address shows {part!r}: {shown!r}"
        assert app.all(tid("address-map"), detail), "a map link beside the address"

        # Cobrar: the customer hands over $500 for $120.00; the change is $380.00.
        app.click(app.one(tid("pay-open"), "Cobrar"))
        app.one(tid("pay-dialog"), "the Cobrar dialog")
        assert "$120.00" in app.text(app.one(tid("pay-due"), "the amount due"))
        app.type_into(app.one(tid("pay-received"), "what the customer hands over"), "500")
        change = app.until(
            "the change to give",
            lambda: next((app.text(e) for e in app.all(tid("pay-change")) if e.is_displayed()), None),
        )
        assert "Recibido $500.00" in change and "Vuelto $380.00" in change, change
        app.snap("step15-cobrar")
        app.click(app.one(tid("pay-confirm"), "the confirm button"))
        app.gone(tid("pay-dialog"), "the Cobrar dialog closed")
        paid = backend.wait_order(order["id"], lambda o: o["paid"] == 12000, timeout=30)
        assert len(paid["payments"]) == 1, f"one payment, not doubled: {paid['payments']}"
        payment = paid["payments"][0]
        assert payment["amount"] == 12000 and payment["method"] == "cash", payment
        assert payment.get("device") == DEVICE, f"who took it: {payment}"
        app.until(
            "the payment in the detail",
            lambda: [e for e in app.all(tid("payment")) if "$120.00" in app.text(e)],
            timeout=30,
        )

        # A staff note, once, with the device's name.
        app.type_into(app.one(tid("note-text"), "the staff note box"), NOTE)
        app.click(app.one(tid("note-add"), "the add-note button"))
        noted = backend.wait_order(order["id"], lambda o: o["staff_notes"], timeout=30)
        time.sleep(3)  # a second copy would arrive by now
        notes = backend.order(order["id"])["staff_notes"]
        assert [n["text"] for n in notes] == [NOTE], f"the note reached the backend once: {notes}"
        assert notes[0].get("device") == DEVICE, noted
        app.until(
            "the note in the detail with the device",
            lambda: [
                e for e in app.all(tid("staff-note")) if NOTE in app.text(e) and DEVICE in app.text(e)
            ],
            timeout=30,
        )
        time.sleep(1)  # repaint before the screenshot
        app.snap("step15-detail-1280")

        # The same detail at a phone's width.
        driver = app.driver
        before = driver.get_window_rect()
        driver.set_window_rect(width=390, height=844)
        try:
            app.until(
                "the window at phone size",
                lambda: driver.execute_script("return innerWidth") == 390,
            )
            time.sleep(1)
            app.detail()
            overflow = driver.execute_script(
                "return document.documentElement.scrollWidth - innerWidth"
            )
            assert overflow <= 0, f"nothing sticks out sideways at 390 px: {overflow} px"
            app.snap("step15-detail-390")
        finally:
            driver.set_window_rect(width=before["width"], height=before["height"])
            app.until(
                "the window back at desktop size",
                lambda: driver.execute_script("return innerWidth") >= 1024,
            )
    finally:
        # Later steps run without the printer: automatic slips off, then the stand-in goes.
        try:
            open_settings(app)
            Select(app.one(tid("printer-kind"), "the printer kind")).select_by_value("none")
            app.show_orders()
        finally:
            printer.close()


def test_step15_the_detail_names_who_moved_the_order(app, backend):
    order = backend.create_order(fulfillment="pickup", status="pending")
    app.open_order(order["number"])
    app.advance("preparing")
    moved = backend.wait_order(order["id"], lambda o: o["status"] == "preparing", timeout=30)
    entry = moved["history"][-1]
    assert entry.get("device") == DEVICE, f"the backend's history names the device: {entry}"
    app.until(
        "the history line naming the device",
        lambda: [e for e in app.all(tid("history-line")) if DEVICE in app.text(e)],
        timeout=30,
    )
