"""Step 9 (issue 11, item 7): customer text is never markup in a desktop notification. dunst
advertises `body-markup`, so the body D-Bus carries must have the customer's `<`, `>` and `&`
escaped: shown as typed, not bold, not broken."""

import subprocess
import time

from support.expect import expected

NAME = "<b>URGENTE: TU PAGO FALLÓ</b> Ana <3 & Co"
ESCAPED = "&lt;b&gt;URGENTE: TU PAGO FALLÓ&lt;/b&gt; Ana &lt;3 &amp; Co"


def server_capabilities() -> str:
    return subprocess.run(
        [
            "dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.Notifications",
            "/org/freedesktop/Notifications", "org.freedesktop.Notifications.GetCapabilities",
        ],
        check=True, capture_output=True, text=True, timeout=10,
    ).stdout


def test_step9_customer_text_is_escaped_for_a_server_that_parses_markup(
    app, backend, notifications
):
    assert '"body-markup"' in server_capabilities(), "the precondition: dunst parses markup"
    sent_at = time.time()
    order = backend.create_order(fulfillment="pickup", customer={"name": NAME})
    title = f"Nuevo pedido #{order['number']}"
    seen = notifications.wait_for(
        lambda n: n.title == title, timeout=15, what=f"titled {title!r}", since=sent_at - 1
    )
    want = expected("step9", ESCAPED, NAME)
    assert seen.body.startswith(want + " · "), (
        f"the body must carry the name escaped ({want!r} · total); D-Bus carried {seen.body!r}"
    )
    app.snap("step9-escaped-notification")
