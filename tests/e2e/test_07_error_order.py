"""Step 7: an error order shows in red; "Reintentar documento" fixes it."""

from support.expect import expected


def test_step7_an_error_order_is_red_until_reintentar_documento_fixes_it(app, backend):
    order = backend.create_order(
        fulfillment="pickup",
        status="preparing",
        customer={"name": "Rosa Castillo"},
        payment={"method": "cash", "status": "paid"},
        documents=[
            {
                "kind": "invoice",
                "number": "F-9001",
                "status": "error",
                "error": "El RFC del cliente no es válido",
            }
        ],
    )
    number, order_id = order["number"], order["id"]
    assert order["error"] and order["error"]["code"] == "document_error", (
        f"the backend marks an order with a failed document as in error: {order['error']}"
    )
    app.wait_row(number)
    assert app.row_is_error(number) == expected("step7", True, False), (
        f"#{number} has a document error: its row must be shown in red"
    )
    app.open_order(number)
    app.snap("step7-error-red")
    app.retry_document()

    fixed = backend.wait_order(order_id, lambda o: o["error"] is None, timeout=30)
    statuses = [d["status"] for d in fixed["documents"]]
    assert statuses == ["issued"], f"the retried document is issued: {fixed['documents']}"
    retries = [e for e in backend.effects(order_id) if e["kind"] == "document_retry"]
    assert len(retries) == 1, f"one tap, one retry on the backend: {retries}"
    app.until(
        f"#{number}'s row no longer in red",
        lambda: not app.row_is_error(number),
        timeout=30,
    )
    app.wait_detail_text("Emitido", "the invoice now issued")
