"""Step 14 (issue 16): Ajustes → Modo mostrador in the real app. Turning it on shows the sound,
volume, cadence and "Probar sonido", turns starting with the computer on and says whether an
acknowledgement reaches every device (the reference backend serves them). A screenshot is kept
(`10-counter-mode.png`); then it is turned off again so no later step rings."""

from support.app import tid


def test_step14_modo_mostrador_in_ajustes(app):
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
    app.click(app.one(tid("counter-mode"), "the Modo mostrador switch"))
    app.gone(tid("alarm-test"), "Probar sonido, once Modo mostrador is off")
    app.show_orders()
