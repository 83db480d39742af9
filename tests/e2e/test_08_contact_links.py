"""Step 8 (issue 19): "Llamar", "WhatsApp" and "Correo" hand their URL to the system's handler
(a stand-in `xdg-open` that logs its arguments) exactly once, and the app's own page stays in the
window; the navigation guard refuses an outside URL; with no phone app the number is copied and
the owner is told so."""

import time

from selenium.webdriver.common.by import By

from support.app import tid
from support.expect import expected

PHONE = "+52 55 1234 5678"
EMAIL = "ana.contacto@tienda.mx"


def still_the_app(app) -> None:
    """The webview still shows the app: its own URL, and the order's detail."""
    url = app.driver.current_url
    assert url.startswith("tauri://localhost"), f"the webview navigated away to {url!r}"
    app.detail()


def test_step8_contact_buttons_open_the_systems_apps_and_the_app_stays(
    app, backend, opened_links
):
    order = backend.create_order(
        fulfillment="delivery",
        status="preparing",
        customer={"name": "Ana Contacto", "phone": PHONE, "email": EMAIL},
    )
    detail = app.open_order(order["number"])
    before = len(opened_links.calls())
    wanted = expected(
        "step8",
        ["tel:+525512345678", "https://wa.me/525512345678", f"mailto:{EMAIL}"],
        ["tel:+525512345678"],
    )
    # One button at a time: a phone link first asks the system whether anything handles
    # tel: (xdg-mime), so pressed together the WhatsApp link would reach xdg-open first.
    for n, testid in enumerate(("tel-link", "wa-link", "mail-link"), start=1):
        app.click(detail.find_element(By.CSS_SELECTOR, tid(testid)))
        opened_links.wait_calls(before + n)
    time.sleep(1)  # anything handed twice would show up by now
    calls = opened_links.calls()[before:]
    assert calls == wanted, f"each button hands its URL to xdg-open once, in order: {calls}"
    still_the_app(app)
    time.sleep(2)  # let WebKit repaint before the screenshot; not an assertion
    app.snap("step8-after-contact-buttons")


def test_step8_the_navigation_guard_keeps_the_app_in_its_window(app, opened_links):
    before = len(opened_links.calls())
    app.driver.execute_script("window.location.href = 'https://example.com/phishing'")
    app.driver.execute_script("window.location.href = 'file:///etc/passwd'")
    # An allowed outside link that slips past the buttons is handed to the system instead.
    app.driver.execute_script("window.location.href = 'https://wa.me/5215500000000'")
    calls = opened_links.wait_calls(before + 1)[before:]
    assert calls == ["https://wa.me/5215500000000"], (
        f"refused URLs open nothing; an allowed one goes to the system: {calls}"
    )
    still_the_app(app)
    assert "phishing" not in app.driver.current_url


def test_step8_with_no_phone_app_the_number_is_copied_and_said(app, opened_links):
    opened_links.remove_contact_app()
    try:
        before = len(opened_links.calls())
        app.click(app.detail().find_element(By.CSS_SELECTOR, tid("tel-link")))
        toast = app.until(
            "the 'Número copiado' message",
            lambda: next(
                (t for t in app.all(".toast, [role=status], [role=alert]")
                 if "Número copiado" in app.text(t)),
                None,
            ),
        )
        assert "+525512345678" in app.text(toast), app.text(toast)
        time.sleep(1)  # repaint before the screenshot
        app.snap("step8-number-copied")
        assert opened_links.calls()[before:] == [], "nothing to hand a phone link to"
        still_the_app(app)
    finally:
        opened_links.register_contact_app()
