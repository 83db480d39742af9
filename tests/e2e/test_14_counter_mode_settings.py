"""Step 14 (issue 16): Ajustes → Modo mostrador in the real app. Turning it on shows the sound,
volume, cadence and "Probar sonido", turns starting with the computer on and says whether an
acknowledgement reaches every device (the reference backend serves them). A screenshot is kept
(`10-counter-mode.png`). While it is on, a new order rings (the "Sonando" bar, from the core's
ringing state) and opening it from the list stops it — here and on the backend, so every device
stops (its `acknowledged_at` is set). Then it is turned off again so no later step rings. The
sound itself is heard under a null sink in step 13."""

from support.app import tid

RINGING = tid("ringing-bar")


def test_step14_modo_mostrador_in_ajustes(app, backend):
    app.click(app.one(tid("nav-settings"), "the Ajustes tab"))
    card = app.one(tid("counter-mode-card"), "the Modo mostrador card")
    toggle = app.one(tid("counter-mode"), "the Modo mostrador switch")
    if not toggle.is_selected():
        app.click(toggle)
    app.one(tid("alarm-test"), "Probar sonido")
    app.until("autostart on", lambda: app.one(tid("autostart"), "autostart").is_selected() or None)
    scope = app.text(app.one(tid("ack-scope"), "the acknowledgement note"))
    if app.is_connected():
        assert "todos los dispositivos" in scope, f"the backend serves acknowledgements: {scope}"
    else:
        assert "cada dispositivo" in scope, scope
    app.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", card)
    app.snap("10-counter-mode")
    app.click(app.one(tid("alarm-test"), "Probar sonido"))

    if app.is_connected():
        opening_from_the_list_stops_the_ringing(app, backend)

    app.click(app.one(tid("nav-settings"), "the Ajustes tab"))
    app.click(app.one(tid("counter-mode"), "the Modo mostrador switch"))
    app.gone(tid("alarm-test"), "Probar sonido, once Modo mostrador is off")
    app.show_orders()


def ringing_number(app) -> str | None:
    bars = app.all(RINGING)
    return app.text(bars[0]) if bars else None


def opening_from_the_list_stops_the_ringing(app, backend) -> None:
    order = backend.create_order(fulfillment="pickup", customer={"name": "Marta Ruiz"})
    n = order["number"]
    app.show_orders()
    app.wait_row(n)
    # Orders of earlier steps that still wait ring first (oldest first): each is opened from
    # the list like the new one, and each must stop ringing once opened.
    opened: list[str] = []
    for _ in range(12):
        text = app.until("the Sonando bar", lambda: ringing_number(app), timeout=20)
        ringing = next((w.lstrip("#") for w in text.split() if w.startswith("#")), None)
        assert ringing, f"the bar names the ringing order: {text!r}"
        assert ringing not in opened, f"#{ringing} rings again after it was opened: {text!r}"
        app.open_order(ringing)
        opened.append(ringing)
        app.until(
            f"#{ringing} no longer ringing",
            lambda: (ringing_number(app) or "").find(f"#{ringing}") < 0 or None,
            timeout=10,
        )
        if ringing == n:
            break
    assert n in opened, f"the new order #{n} rang and was opened from the list: {opened}"
    # Raises unless the backend records the acknowledgement (every device stops ringing).
    backend.wait_order(order["id"], lambda o: o.get("acknowledged_at") is not None)
