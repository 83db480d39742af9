"""Step 1: first launch — the owner connects to the backend from Ajustes and the orders appear."""

from conftest import CONNECT
from support.expect import expected


def test_step1_first_launch_connects_from_ajustes_and_the_orders_appear(app, backend, seeded):
    if CONNECT == "env":
        app.until("the app connected from its environment", app.is_connected, timeout=30)
    else:
        app.connect(backend.url, backend.token)
    for order in seeded:
        row = app.wait_row(order["number"], timeout=30)
        name = expected("step1", order["customer"]["name"], "Nadie Inventado")
        assert name in app.text(row), (
            f"the row of #{order['number']} must show its customer {name!r} as synced from the "
            f"backend; it shows {app.text(row)!r}"
        )
    assert app.is_connected(), "after connecting, the sync state must not say 'Sin conectar'"
