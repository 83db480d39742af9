"""Phone pass (issue 17): the real app window at an iPhone's 390 × 844 in WebKit — the engine
of iOS — walks list → order → cancel dialog → Cobrar, checking that every touch target is at
least 44 × 44 px, that nothing overflows sideways, and that the edges the phone's notch and
home bar cover pad themselves with env(safe-area-inset-*). Screenshots: tests/e2e/artifacts/phone-*.png.

WebKitGTK reports every safe-area inset as 0 (no notch on a desktop), so the insets are checked
as declarations on the elements that touch the screen's edges, not as measured gaps: a real
notch is only seen on a device (docs/mobile.md).

Runs last (it resizes the shared window and puts it back). Alone:
`bash scripts/e2e.sh --no-build -- -k phone`.
"""

from __future__ import annotations

from support.app import tid
from support.expect import expected

WIDTH, HEIGHT = 390, 844
PAY_KEEP = "Volver"  # the Cobrar dialog's close button (i18n 'pay.keep')
MIN_TARGET = 44

# The interactive elements a finger must hit, visible and inside the viewport.
TARGETS_JS = """
const sel = 'button, a[href], input:not([type=hidden]), select, textarea, [role=button],'
  + ' [role=tab], [role=radio], [role=checkbox], [role=switch], summary';
// A modal dialog makes everything behind it inert: measure only what it shows.
const root = document.querySelector('dialog[open]') || document;
const out = [];
for (const el of root.querySelectorAll(sel)) {
  const r = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  if (r.width === 0 || r.height === 0 || style.visibility === 'hidden') continue;
  if (el.closest('[inert], [aria-hidden="true"]')) continue;
  if (r.bottom <= 0 || r.top >= innerHeight || r.right <= 0 || r.left >= innerWidth) continue;
  // A checkbox inside its label is hit through the label: measure what the finger meets.
  const label = el.matches('input[type=checkbox], input[type=radio]') ? el.closest('label') : null;
  const hit = label ? label.getBoundingClientRect() : r;
  out.push({
    what: el.dataset.testid || el.getAttribute('aria-label')
      || (el.innerText || el.value || el.tagName).trim().slice(0, 40),
    w: Math.round(hit.width * 10) / 10,
    h: Math.round(hit.height * 10) / 10,
  });
}
return out;
"""

# Every stylesheet rule that uses a safe-area inset, with whether it matches a visible element
# and where that element sits.
INSETS_JS = """
const out = [];
function walk(rules) {
  for (const rule of rules) {
    if (rule.cssRules) walk(rule.cssRules);
    if (!rule.selectorText || !rule.cssText.includes('safe-area-inset')) continue;
    const sides = ['top', 'bottom', 'left', 'right']
      .filter(s => rule.cssText.includes('safe-area-inset-' + s));
    let el = null;
    try {
      el = [...document.querySelectorAll(rule.selectorText)]
        .find(e => e.getBoundingClientRect().height > 0);
    } catch (e) {}
    const r = el ? el.getBoundingClientRect() : null;
    out.push({ selector: rule.selectorText, sides, visible: !!el,
               top: r ? r.top : null, bottom: r ? r.bottom : null });
  }
}
for (const sheet of document.styleSheets) { try { walk(sheet.cssRules); } catch (e) {} }
return out;
"""


def check_screen(app, name: str) -> None:
    app.snap(f"phone-{name}")
    width = app.driver.execute_script("return document.documentElement.scrollWidth")
    assert width <= WIDTH, f"{name}: the page is {width} px wide on a {WIDTH} px phone"
    targets = app.driver.execute_script(TARGETS_JS)
    assert targets, f"{name}: no touch targets found: the measurement itself is broken"
    least = expected("phone", MIN_TARGET, 1000)
    small = [t for t in targets if t["w"] < least or t["h"] < least]
    assert not small, f"{name}: touch targets under {least} × {least} px: {small}"


def test_phone_size_walks_list_order_cancel_and_cobrar_with_44px_targets_and_safe_areas(
    app, backend, record
):
    driver = app.driver
    before = driver.get_window_rect()
    driver.set_window_rect(width=WIDTH, height=HEIGHT)
    try:
        size = app.until(
            "the window at phone size",
            lambda: (s := driver.execute_script("return [innerWidth, innerHeight]"))[0] == WIDTH
            and s,
        )
        record("phone_viewport", size)
        if not app.is_connected():
            app.connect(backend.url, backend.token)

        # Pedidos: the list.
        order = backend.create_order(
            fulfillment="pickup",
            customer={"name": "Renata Quiroga"},
            items=[
                {"sku": "PAN-001", "name": "Concha de vainilla", "quantity": 6, "unit_price": 1500}
            ],
            payment={"method": "cash", "status": "unpaid"},
        )
        number = order["number"]
        app.show_orders()
        app.wait_row(number, timeout=30)
        check_screen(app, "list")

        insets = driver.execute_script(INSETS_JS)
        record("phone_safe_area_rules", insets)
        viewport = driver.execute_script(
            "return document.querySelector('meta[name=viewport]').getAttribute('content')"
        )
        assert "viewport-fit=cover" in viewport, (
            f"without viewport-fit=cover iOS letterboxes the app, insets stay 0: {viewport!r}"
        )
        shown = [r for r in insets if r["visible"]]
        top = [r for r in shown if "top" in r["sides"] and r["top"] <= 1]
        bottom = [r for r in shown if "bottom" in r["sides"] and r["bottom"] >= HEIGHT - 1]
        assert top, f"the element at the top edge must pad for the notch: {insets}"
        assert bottom, f"the element at the bottom edge must pad for the home bar: {insets}"

        # Pedido: the order, full screen on a phone (list → detail).
        app.open_order(number)
        list_shown = any(el.is_displayed() for el in app.all(tid("order-list")))
        assert not list_shown, "on a phone the order takes the whole screen, the list is behind it"
        check_screen(app, "order")

        # The cancel dialog, looked at and closed without cancelling.
        app.click(app.one(tid("cancel-open"), "the 'Cancelar pedido' button"))
        dialog = app.one(tid("cancel-dialog"), "the cancel dialog")
        r = dialog.rect
        fits = r["x"] >= 0 and r["x"] + r["width"] <= WIDTH + 0.5
        assert fits, f"the dialog fits the phone's width: {r}"
        check_screen(app, "cancel-dialog")
        app.click(app.button("Volver", dialog))
        app.gone(tid("cancel-dialog"), "the cancel dialog closed without cancelling")
        status = backend.order(order["id"])["status"]
        assert status == "pending", "looking at the dialog cancels nothing"

        # Cobrar (taking a payment at the counter): the order is unpaid cash.
        pay = app.press(
            tid("pay-open"),
            "the 'Cobrar' button",
            lambda: next((d for d in app.all(tid("pay-dialog")) if d.is_displayed()), None),
            "the Cobrar dialog",
        )
        check_screen(app, "cobrar")
        record("phone_cobrar", "walked")
        app.click(app.button(PAY_KEEP, pay))
        app.gone(tid("pay-dialog"), "the Cobrar dialog closed without charging")
        assert backend.order(order["id"])["payments"] == [], "looking at Cobrar charges nothing"
    finally:
        driver.set_window_rect(width=before["width"], height=before["height"])
