"""Step 3: the owner advances a pickup order Pendiente → Preparando → Listo para entrega →
Entregado; the backend's order shows each step once."""

from support.expect import expected

STEPS = [("preparing", "Preparando"), ("ready", "Listo para entrega"), ("delivered", "Entregado")]


def test_step3_the_owner_advances_a_pickup_order_to_delivered_one_step_at_a_time(
    app, backend, shared
):
    order = shared.get("step2_order") or backend.create_order(fulfillment="pickup")
    number, order_id = order["number"], order["id"]
    app.open_order(number)
    for status, label in STEPS:
        app.advance(status)
        backend.wait_order(order_id, lambda o, s=status: o["status"] == s, timeout=30)
        app.wait_detail_status(label)
        app.snap(f"step3-{status}")

    final = backend.order(order_id)
    history = [h["status"] for h in final["history"]]
    want = expected(
        "step3",
        ["pending", "preparing", "ready", "delivered"],
        ["pending", "preparing", "ready", "shipped", "delivered"],
    )
    assert history == want, (
        f"the backend's history must hold each step exactly once, in order; it has {history}"
    )
    transitions = [e for e in backend.effects(order_id) if e["kind"] == "transition"]
    assert len(transitions) == 3, (
        f"three owner actions must be applied exactly three times on the backend; effects: "
        f"{transitions}"
    )
    assert "Entregado" in app.row_status(number), "the list must show the order as Entregado"
