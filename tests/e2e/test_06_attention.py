"""Step 6: an order left pending gets its reminders and the auto-cancel warning as desktop
notifications, then the backend auto-cancels it and the app says so.

How the two clocks meet: the app plans reminders against the machine's wall clock from the
order's `created_at`, while the backend cancels against its own clock, which the admin API can
move forward. The backend runs with short attention timings (conftest.TIMINGS: reminders at 6 s
and 12 s, the warning at 18 s, auto-cancel at 600 s), so the reminders and the warning come due
by wall clock within ~20 s; then `POST /v1/admin/clock` moves the backend's clock past the
auto-cancel, the backend cancels the order at once (`by: auto`), and the app's next sync sees it.
"""

import time

from conftest import TIMINGS
from support.expect import expected


def test_step6_a_pending_order_rings_reminders_and_a_warning_then_is_auto_cancelled(
    app, backend, notifications
):
    start = time.time()
    order = backend.create_order(
        fulfillment="pickup",
        customer={"name": "Marta Gómez"},
        items=[{"sku": "PAN-002", "name": "Bolillo", "quantity": 20, "unit_price": 250}],
        payment={"method": "card", "status": "paid"},
    )
    n = order["number"]
    # Pull now, as "Recargar" does: the reminders count from creation, so the app must see the
    # order within the first 6 s even if step 5's outage left its event stream in backoff.
    app.reload()
    app.wait_row(n)

    titles = [
        f"Nuevo pedido #{n}",
        f"Pedido #{n} sin atender",
        f"Pedido #{n} sin atender",
        expected("step6", f"Pedido #{n} por cancelarse", f"Pedido #{n} entregado"),
    ]
    wait = TIMINGS.warn_after_s + 15
    seen = []
    for i, title in enumerate(titles):
        later = seen[-1].at + 0.001 if seen else start - 1
        seen.append(
            notifications.wait_for(
                lambda x, t=title: x.title == t,
                timeout=wait,
                what=f"#{i + 1} {title!r}",
                since=later,
            )
        )
    # The first reminder is due 6 s after creation: under a minute it counts seconds.
    assert "Lleva 6 s esperando · Marta Gómez" in seen[1].body, (
        f"a reminder says how long the order has waited and for whom: {seen[1].body!r}"
    )
    assert "se cancelará automáticamente a las" in seen[3].body, (
        f"the warning says when the order will be cancelled: {seen[3].body!r}"
    )
    app.snap("step6-warning")
    reminders_apart = seen[2].at - seen[1].at
    assert reminders_apart > 3, (
        f"the two reminders are due {TIMINGS.reminders_after_s} s after creation, so they come "
        f"as two notifications seconds apart, not one burst ({reminders_apart:.1f} s apart)"
    )

    before_clock = time.time()
    backend.advance_clock(TIMINGS.auto_cancel_after_s)
    cancelled = backend.order(order["id"])
    assert cancelled["status"] == "cancelled" and cancelled["cancellation"]["by"] == "auto", (
        f"moving the backend's clock past auto_cancel_at cancels it as 'auto': {cancelled}"
    )
    gone = notifications.wait_for(
        lambda x: x.title == f"Pedido #{n} cancelado",
        timeout=15,
        what=f"saying #{n} was auto-cancelled",
        since=before_clock - 1,
    )
    assert "cancelado por falta de atención; reembolso de $50.00" in gone.body, (
        f"the auto-cancel notification says why and how much is refunded: {gone.body!r}"
    )
    assert "Cancelado" in app.row_status(n, wait_for="Cancelado"), "the list says Cancelado"
    app.open_order(n)
    app.wait_detail_status("Cancelado")
    app.wait_detail_text("Automático", "who cancelled it: the platform, automatically")
