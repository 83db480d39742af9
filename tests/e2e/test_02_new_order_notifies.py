"""Step 2: an order created on the backend shows up in the list and raises a desktop
notification whose title and body are read back from D-Bus; its latency is measured."""

import time

from support.expect import expected


def test_step2_a_new_backend_order_shows_up_and_raises_a_desktop_notification(
    app, backend, notifications, shared, record
):
    sent_at = time.time()
    order = backend.create_order(
        fulfillment="pickup",
        customer={"name": "Ana Pérez", "phone": "+52 55 1234 5678"},
        items=[{"sku": "PAN-001", "name": "Concha", "quantity": 10, "unit_price": 1500}],
        payment={"method": "card", "status": "paid"},
    )
    answered_at = time.time()
    shared["step2_order"] = order
    number = order["number"]

    title = expected("step2", f"Nuevo pedido #{number}", f"Pedido #{number} cancelado")
    seen = notifications.wait_for(
        lambda n: n.title == title, timeout=10, what=f"titled {title!r}", since=sent_at - 1
    )
    assert seen.body == "Ana Pérez · $150.00", (
        f"the new-order notification's body must name the customer and the total in the store's "
        f"currency; D-Bus carried {seen.body!r}"
    )
    app.snap("step2-notification")
    latency = seen.at - sent_at
    record("notification_latency_s", round(latency, 3))
    record("notification_latency_after_response_s", round(seen.at - answered_at, 3))
    print(f"notification latency: {latency * 1000:.0f} ms from the admin create call to Notify")

    row = app.wait_row(number)
    shown = app.text(row)
    assert "Ana Pérez" in shown, f"the new order's row must show its customer: {shown!r}"
    assert "Pendiente" in app.row_status(number), "a new order is listed as Pendiente"
