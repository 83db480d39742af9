"""Step 5: offline — the backend is stopped, the owner advances two orders, the app shows them
queued; the backend comes back on the same port and database; both apply exactly once."""

import time
import uuid

from support.expect import expected

# Once a pull succeeds after the outage (the queued actions above went out), the app reconnects
# its event stream at once instead of waiting out its backoff: a new order rings within seconds.
RECOVERY_TIMEOUT_S = 15


def test_step5_actions_taken_offline_queue_and_apply_exactly_once_when_the_backend_returns(
    app, backend, notifications, record
):
    orders = [
        backend.create_order(fulfillment="pickup", status="preparing", customer={"name": name})
        for name in ("Sofía Ramírez", "Carlos Núñez")
    ]
    for order in orders:
        app.wait_row(order["number"])

    backend.stop()
    try:
        app.wait_offline()
        for order in orders:
            app.open_order(order["number"])
            app.advance("ready")
        app.wait_queued(2)
        app.snap("step5-offline-queued")
        for order in orders:
            assert app.row_is_queued(order["number"]), (
                f"#{order['number']} was advanced offline: its row must say it is queued"
            )
    finally:
        backend.start()

    for order in orders:
        backend.wait_order(order["id"], lambda o: o["status"] == "ready", timeout=60)
    app.wait_queued(0, timeout=30)
    want = expected("step5", 1, 2)
    for order in orders:
        transitions = [e for e in backend.effects(order["id"]) if e["kind"] == "transition"]
        assert len(transitions) == want, (
            f"#{order['number']}'s queued advance must be applied exactly once after the "
            f"backend returned; effects: {transitions}"
        )
        history = [h["status"] for h in backend.order(order["id"])["history"]]
        assert history.count("ready") == 1, f"'ready' once in the history: {history}"

    # After the outage a new order rings again, with no help from the owner.
    created = time.time()
    probe = backend.create_order(fulfillment="pickup", customer={"name": "Elena Ruiz"})
    rang = notifications.wait_for(
        lambda x: f"#{probe['number']}" in x.title,
        timeout=RECOVERY_TIMEOUT_S,
        what=f"about #{probe['number']}, created after the backend came back",
        since=created - 1,
    )
    record("ring_after_outage_s", round(rang.at - created, 3))
    # Take it off the pending list so its reminders do not ring through the next steps.
    backend.ok(
        "POST", f"/v1/orders/{probe['id']}/transitions", {"to": "preparing"}, key=str(uuid.uuid4())
    )
