"""The real app through WebDriver (tauri-driver → WebKitWebDriver → the app's webview).

Everything the steps do to the app goes through `App`, which finds elements by `data-testid`
(see the report of issue 8 for the list the UI provides) and waits for the app's own
asynchronous updates instead of sleeping.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path
from typing import Callable, TypeVar

from selenium import webdriver
from selenium.common.exceptions import (
    NoSuchElementException,
    StaleElementReferenceException,
    WebDriverException,
)
from selenium.webdriver.common.by import By
from selenium.webdriver.common.options import ArgOptions
from selenium.webdriver.remote.webelement import WebElement
from urllib3.exceptions import ProtocolError

T = TypeVar("T")


def start_session(driver_url: str, app_binary: Path) -> webdriver.Remote:
    """A WebDriver session on the real app binary (tauri-driver starts the app)."""
    opts = ArgOptions()
    opts.set_capability("browserName", "wry")
    opts.set_capability("tauri:options", {"application": str(app_binary)})
    # tauri-driver answers on its port before the WebKitWebDriver it starts is listening; a new
    # session sent in between is dropped (`client error (Connect)` in its log), and no app is
    # started: ask again, a few times.
    for attempt in range(5):
        try:
            driver = webdriver.Remote(command_executor=driver_url, options=opts)
            break
        except (ProtocolError, ConnectionError):
            if attempt == 4:
                raise
            time.sleep(1)
    if "Could not connect to localhost" in driver.find_element(By.TAG_NAME, "body").text:
        driver.quit()
        raise RuntimeError(
            f"{app_binary} loads the dev server URL: it was built without "
            "`--features tauri/custom-protocol` (scripts/e2e.sh builds it right)"
        )
    return driver


def tid(testid: str) -> str:
    """CSS selector of a data-testid."""
    return f'[data-testid="{testid}"]'


class App:
    """Page object of Mostrador's UI."""

    def __init__(self, driver: webdriver.Remote, artifacts: Path) -> None:
        self.driver = driver
        self.artifacts = artifacts

    def snap(self, name: str) -> None:
        """Step 8: screenshots of a moment inside a step — the app's webview as WebDriver sees
        it (`NAME.png`) and the whole virtual screen with dunst's bubbles (`NAME-screen.png`)."""
        snap(self, self.artifacts, name)

    # ---- waiting ----------------------------------------------------------------------------

    def until(self, what: str, probe: Callable[[], T | None], timeout: float = 15.0) -> T:
        """Polls `probe` until it returns something truthy; fails saying `what` was awaited."""
        deadline = time.monotonic() + timeout
        last_error: Exception | None = None
        while time.monotonic() < deadline:
            try:
                value = probe()
                if value:
                    return value
            except (NoSuchElementException, StaleElementReferenceException) as err:
                last_error = err
            time.sleep(0.1)
        detail = f" (last error: {last_error.__class__.__name__})" if last_error else ""
        raise AssertionError(f"the app never showed {what} within {timeout} s{detail}")

    def all(self, css: str, within: WebElement | None = None) -> list[WebElement]:
        """Every element matching `css` (now, no waiting)."""
        return (within or self.driver).find_elements(By.CSS_SELECTOR, css)

    def one(self, css: str, what: str, timeout: float = 15.0) -> WebElement:
        """The first visible element matching `css`, waiting for it."""

        def probe() -> WebElement | None:
            for el in self.all(css):
                if el.is_displayed():
                    return el
            return None

        return self.until(what, probe, timeout)

    def gone(self, css: str, what: str, timeout: float = 15.0) -> None:
        """Waits until nothing visible matches `css`."""
        self.until(what, lambda: not any(el.is_displayed() for el in self.all(css)), timeout)

    def click(self, el: WebElement) -> None:
        """Clicks after scrolling it into view (a virtualised list may have it off-screen) and
        waiting for it to stay put: the app pins the document's scroll back to the top (App.svelte
        `pinFrame`), so right after `scrollIntoView` the element can still be moving, and a click
        at where it was lands on nothing."""
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", el)
        rect_js = (
            "const r = arguments[0].getBoundingClientRect();"
            "return [Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)];"
        )
        last, deadline = None, time.monotonic() + 2
        while time.monotonic() < deadline:
            time.sleep(0.05)
            now = self.driver.execute_script(rect_js, el)
            if now == last:
                break
            last = now
        try:
            el.click()
        except WebDriverException:
            self.driver.execute_script("arguments[0].click()", el)

    def press(self, css: str, what: str, then: Callable[[], T | None], shows: str) -> T:
        """Clicks `css` and waits until `then()` holds. WebKitGTK's WebDriver sometimes drops a
        click that lands while the page is settling (a dialog just closed, a list re-rendered):
        then the warning below is printed and the owner's second tap is made; a second miss
        fails."""
        self.click(self.one(css, what))
        try:
            return self.until(shows, then, timeout=7.5)
        except AssertionError:
            pass
        print(f"E2E WARNING: {what} did not take the first click; pressing it again")
        for el in self.all(css):
            if el.is_displayed() and el.is_enabled():
                self.driver.execute_script("arguments[0].click()", el)
                break
        return self.until(f"{shows} (after a second tap on {what})", then, timeout=7.5)

    def button(self, label: str, within: WebElement | None = None, timeout: float = 15.0):
        """A visible, enabled button whose text is exactly `label` (or contains it)."""

        def probe() -> WebElement | None:
            buttons = [b for b in self.all("button", within) if b.is_displayed()]
            for exact in (True, False):
                for b in buttons:
                    text = self.text(b)
                    if (text == label if exact else label in text) and b.is_enabled():
                        return b
            return None

        return self.until(f"a button {label!r}", probe, timeout)

    def type_into(self, el: WebElement, text: str) -> None:
        """Replaces an input's value as a person would: select all, type. A box a toast or the
        action bar covers for a moment is scrolled to the middle and focused instead."""
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", el)
        try:
            el.click()
        except WebDriverException:
            self.driver.execute_script("arguments[0].focus()", el)
        el.clear()
        el.send_keys(text)

    def text(self, el: WebElement | None = None) -> str:
        """The rendered text of `el` (default: the page). Read through `innerText`: WebKit's
        WebDriver answers '' for some visible elements (seen on the sync indicator)."""
        el = el or self.driver.find_element(By.TAG_NAME, "body")
        return (self.driver.execute_script("return arguments[0].innerText", el) or "").strip()

    # ---- Pedidos: the list ------------------------------------------------------------------

    def row_css(self, number: str) -> str:
        """Selector of the list row of order #number."""
        return f'{tid("order-row")}[data-number="{number}"]'

    def wait_row(self, number: str, timeout: float = 15.0) -> WebElement:
        """The row of order #number, once the list shows it."""
        self.show_orders()
        return self.one(self.row_css(number), f"the row of order #{number}", timeout)

    def row_status(self, number: str, wait_for: str | None = None, timeout: float = 30.0) -> str:
        """The status label the row shows (optionally waiting until it contains `wait_for`)."""

        def probe() -> str | None:
            badge = self.wait_row(number).find_element(By.CSS_SELECTOR, "[data-status]")
            text = self.text(badge)
            return text if wait_for is None or wait_for in text else None

        return self.until(f"#{number} as {wait_for or 'any status'}", probe, timeout)

    def row_is_queued(self, number: str) -> bool:
        """Whether the row says one of its actions is queued ("en cola")."""
        return "en cola" in self.text(self.wait_row(number))

    def row_is_error(self, number: str) -> bool:
        """Whether the row is shown as an error: marked as such, with its reason in red."""
        row = self.wait_row(number)
        marked = "error" in (row.get_attribute("class") or "").split()
        reasons = self.all(tid("row-error"), row)
        if not marked or not reasons:
            return False
        return is_red(reasons[0].value_of_css_property("color"))

    def show_orders(self) -> None:
        """Goes to Pedidos (the list) if another screen is showing."""
        if not any(el.is_displayed() for el in self.all(tid("order-list"))):
            # On a phone an open order covers the list: go back to it first.
            back = [el for el in self.all(tid("detail-back")) if el.is_displayed()]
            if back:
                self.click(back[0])
                time.sleep(0.3)
            nav = [el for el in self.all(tid("nav-orders")) if el.is_displayed()]
            if nav:
                self.click(nav[0])
            self.one(tid("order-list"), "the orders list")

    # ---- Pedido: the detail -----------------------------------------------------------------

    def detail(self) -> WebElement:
        """The open order's pane."""
        return self.one(tid("order-detail"), "the order's detail")

    def open_order(self, number: str) -> WebElement:
        """Opens order #number from the list and waits for its detail."""
        self.click(self.wait_row(number))
        self.until(
            f"the detail of #{number}",
            lambda: f"#{number}" in self.text(self.detail().find_element(By.TAG_NAME, "h1")),
        )
        return self.detail()

    def detail_status(self) -> str:
        """The status label in the detail's header."""
        return self.text(self.detail().find_element(By.CSS_SELECTOR, ".state [data-status]"))

    def wait_detail_status(self, label: str, timeout: float = 30.0) -> None:
        """Waits until the detail's header shows `label`."""
        self.until(f"the order as {label!r}", lambda: self.detail_status() == label, timeout)

    def wait_detail_text(self, text: str, what: str, timeout: float = 30.0) -> None:
        """Waits until the detail pane shows `text` somewhere."""
        self.until(
            f"{what} ({text!r}) in the order's detail",
            lambda: text in self.text(self.detail()),
            timeout,
        )

    def advance(self, to: str) -> None:
        """Presses the detail's button for the next status `to` (e.g. "preparing"). The UI
        sends it after its undo window; the steps wait on the backend or the queue."""
        button = self.one(tid(f"advance-{to}"), f"the button to move to {to!r}")
        self.click(button)

        def accepted() -> bool:
            return not any(
                el.is_displayed() and el.is_enabled() for el in self.all(tid(f"advance-{to}"))
            )

        try:
            self.until(f"the {to!r} advance accepted", accepted, timeout=7.5)
            return
        except AssertionError:
            pass
        # What sat under the button's centre when the click did not register (a toast, the
        # offline banner moving the layout…), said loudly; then the owner's second tap.
        under = self.driver.execute_script(
            "const b = document.querySelector(arguments[0]); if (!b) return 'no button';"
            "const r = b.getBoundingClientRect();"
            "const e = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);"
            "return e ? e.outerHTML.slice(0, 160) : 'nothing';",
            tid(f"advance-{to}"),
        )
        print(f"E2E WARNING: the {to!r} button did not take the first click; under it: {under}")
        self.snap(f"advance-{to}-first-click-lost")
        for el in self.all(tid(f"advance-{to}")):
            if el.is_displayed() and el.is_enabled():
                self.driver.execute_script("arguments[0].click()", el)
        self.until(
            f"the {to!r} advance accepted (the button gone or disabled) after a second tap; "
            f"under the button at the first: {under}",
            accepted,
            timeout=7.5,
        )

    def cancel(self, reason: str, refund: str, snap_as: str | None = None) -> None:
        """Cancels the open order with `reason` and `refund` typed as the owner types money
        (a screenshot of the filled dialog as `snap_as`, if given)."""
        self.click(self.one(tid("cancel-open"), "the 'Cancelar pedido' button"))
        self.type_into(self.one(tid("cancel-reason"), "the cancel reason box"), reason)
        self.type_into(self.one(tid("cancel-refund"), "the refund box"), refund)
        self.one(tid("fee-warning"), "the gateway fee warning of a partial card refund")
        if snap_as:
            self.snap(snap_as)
        self.click(self.one(tid("cancel-confirm"), "the confirm button"))
        self.gone(tid("cancel-dialog"), "the cancel dialog closed")

    def retry_document(self) -> None:
        """Presses "Reintentar documento" on the open order."""
        self.click(self.button("Reintentar documento", self.detail()))

    # ---- Ajustes ----------------------------------------------------------------------------

    def connect(self, url: str, token: str) -> None:
        """Connects to a backend from Ajustes, as an owner does on first launch."""
        self.click(self.one(tid("nav-settings"), "the Ajustes tab"))
        self.type_into(self.one(tid("connect-url"), "the backend URL box"), url)
        self.type_into(self.one(tid("connect-token"), "the token box"), token)
        self.click(self.one(tid("connect"), "the Conectar button"))
        self.until("the app connected", self.is_connected, timeout=30)
        self.show_orders()

    def switch_to(self, url: str, token: str) -> None:
        """Another shop: "Desconectar" when connected, then connect to `url`."""
        if self.is_connected():
            self.disconnect()
        self.connect(url, token)

    def disconnect(self) -> None:
        """Ajustes → "Desconectar", confirmed with the second tap, as an owner switching shops."""
        self.click(self.one(tid("nav-settings"), "the Ajustes tab"))
        self.click(self.one(tid("disconnect"), "the Desconectar button"))
        self.click(self.one(tid("disconnect"), "the Desconectar button, to confirm"))
        self.one(tid("connect-url"), "the connect form after disconnecting", timeout=30)

    # ---- sync state and the queue -----------------------------------------------------------

    def reload(self) -> None:
        """Presses "Recargar" (pull from the backend now)."""
        self.click(self.one(tid("reload"), "the Recargar button"))

    def sync_text(self) -> str:
        """What the sync indicator says."""
        return self.text(self.one(tid("sync-state"), "the sync state"))

    def is_connected(self) -> bool:
        """Whether the app has a backend (the sync state does not say 'Sin conectar')."""
        text = self.until("a sync state", lambda: self.sync_text() or None, timeout=30)
        return "Sin conectar" not in text and "Aún sin sincronizar" not in text

    def wait_offline(self, timeout: float = 30.0) -> None:
        """Waits until the app says it has no connection."""
        self.until("'Sin conexión'", lambda: "Sin conexión" in self.sync_text(), timeout)

    def queued(self) -> int:
        """How many actions the header says are queued (0 when it shows none)."""
        buttons = [b for b in self.all(tid("queue-button")) if b.is_displayed()]
        if not buttons:
            return 0
        digits = "".join(ch for ch in self.text(buttons[0]) if ch.isdigit())
        return int(digits or 0)

    def wait_queued(self, n: int, timeout: float = 30.0) -> None:
        """Waits until the header shows `n` queued actions."""
        self.until(f"{n} queued actions", lambda: self.queued() == n, timeout)


def snap(app: App | None, artifacts: Path, name: str) -> None:
    """Screenshots of the webview (when there is an app) and of the whole X screen."""
    if app is not None:
        try:
            app.driver.save_screenshot(str(artifacts / f"{name}.png"))
        except WebDriverException as err:  # a screenshot must not hide the step's own result
            print(f"webview screenshot {name} failed: {err}")
    subprocess.run(
        ["/usr/bin/import", "-window", "root", str(artifacts / f"{name}-screen.png")],
        check=False,
        timeout=20,
        capture_output=True,
    )


def is_red(css_color: str) -> bool:
    """Whether a CSS colour (`rgb(...)`/`rgba(...)`) is a red: red well above green and blue."""
    parts = css_color[css_color.find("(") + 1 : css_color.find(")")].split(",")
    r, g, b = (float(p) for p in parts[:3])
    return r >= 150 and r - max(g, b) >= 60
