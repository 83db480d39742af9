"""Step 4: the owner cancels a delivery order with a reason and a partial refund; the backend
shows the cancellation, the refund and the credit note; the app shows them too."""

from support.expect import expected

REASON = "Sin stock de conchas"


def test_step4_a_partial_refund_cancellation_reaches_the_backend_with_its_credit_note(app, backend):
    order = backend.create_order(
        fulfillment="delivery",
        status="preparing",
        customer={"name": "Javier Morales"},
        items=[
            {"sku": "PAS-010", "name": "Pastel de tres leches", "quantity": 1, "unit_price": 45000}
        ],
        payment={"method": "card", "status": "paid"},
    )
    number, order_id = order["number"], order["id"]
    app.wait_row(number)
    app.open_order(number)
    app.cancel(REASON, "150,00", snap_as="step4-cancel-dialog")

    final = backend.wait_order(order_id, lambda o: o["status"] == "cancelled", timeout=30)
    cancellation = final["cancellation"] or {}
    assert cancellation.get("reason") == REASON, f"the reason typed must reach the backend: {final}"
    refund = expected("step4", 15000, 45000)
    assert cancellation.get("refund_amount") == refund and final["refunded"] == refund, (
        f"'150,00' typed the es-MX way is 15000 centavos, refunded once: {cancellation}"
    )
    assert final["payment"]["status"] == "partially_refunded", "a partial refund is partial"
    assert cancellation.get("by") == "merchant", "the owner cancelled it"
    credit_notes = [d for d in final["documents"] if d["kind"] == "credit_note"]
    assert len(credit_notes) == 1, f"a refund over an issued receipt adds one credit note: {final}"
    effects = [e["kind"] for e in backend.effects(order_id)]
    assert effects.count("cancellation") == 1, f"cancelled exactly once: {effects}"

    app.wait_detail_status("Cancelado")
    app.wait_detail_text(REASON, "the cancellation's reason")
    app.wait_detail_text("$150.00", "the refunded amount")
    app.wait_detail_text("Nota de crédito", "the credit note among the documents")
