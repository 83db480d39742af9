"""Step 16 (issue 15): a shop that names its statuses its own way (as Hype does: Por confirmar /
Confirmado / Listo para despacho / Despachado) sees its names in the real app — on the list, in
the order, on the button that moves it — served by a second reference backend with
`--status-labels hype`. The owner switches the desk to that shop in Ajustes and back; the first
shop's orders come back."""

from __future__ import annotations

import os
from pathlib import Path

from support.app import tid
from support.backend import Backend
from support.expect import expected


def test_step16_a_shop_with_its_own_status_names_is_shown_in_them(
    app, backend, workdir, artifacts
):
    from conftest import TIMINGS  # the same short timings as the session's backend

    hype = Backend(
        Path(os.environ["E2E_BACKEND"]),
        workdir,
        artifacts,
        TIMINGS,
        name="backend-hype",
        extra_args=("--status-labels", "hype"),
    )
    hype.start()
    try:
        waiting = hype.create_order(fulfillment="delivery", status="preparing",
                                    customer={"name": "Mariana Hype"})
        shipped = hype.create_order(fulfillment="parcel", status="shipped",
                                    customer={"name": "Óscar Hype"})
        app.switch_to(hype.url, hype.token)
        confirmed = expected("step16", "Confirmado", "Preparando")
        assert app.row_status(waiting["number"], wait_for=confirmed) == confirmed
        assert app.row_status(shipped["number"], wait_for="Despachado") == "Despachado"
        app.open_order(waiting["number"])
        assert app.detail_status() == confirmed, app.detail_status()
        button = app.one(tid("advance-ready"), "the button to the next status")
        assert "Listo para despacho" in app.text(button), app.text(button)
        app.snap("step16-hype-names")
        app.show_orders()
    finally:
        # Back to the first shop, whatever happened above: later steps use it.
        try:
            app.switch_to(backend.url, backend.token)
        finally:
            hype.stop()
    first = backend.create_order(fulfillment="pickup", status="preparing",
                                 customer={"name": "De vuelta"})
    assert app.row_status(first["number"], wait_for="Preparando") == "Preparando"
