//! The transition table of API.md: which status an order may move to next, per fulfilment.

use crate::model::{Fulfillment, Order, OrderStatus};

/// Whether an order of `fulfillment` may move from `from` to `to`. Cancelling is not a
/// transition (it has its own rules, see [`can_cancel_status`]).
pub fn is_allowed(from: OrderStatus, to: OrderStatus, fulfillment: Fulfillment) -> bool {
    use Fulfillment::{Delivery, Parcel, Pickup};
    use OrderStatus::*;
    let ships = matches!(fulfillment, Delivery | Parcel);
    match (from, to) {
        (Pending, Preparing) | (Preparing, Ready) => fulfillment != Fulfillment::Unknown,
        (Preparing, Shipped) | (Ready, Shipped) | (Shipped, Delivered) => ships,
        (Ready, Delivered) => fulfillment == Pickup,
        _ => false,
    }
}

/// The statuses an order can move to next, in the order buttons should show them (the usual
/// next step first): pickup → Listo para entrega → Entregado; delivery/parcel → Enviado →
/// Entregado.
pub fn next_statuses(order: &Order) -> Vec<OrderStatus> {
    next_statuses_for(order.status, order.fulfillment)
}

/// [`next_statuses`] from a bare status and fulfilment.
pub fn next_statuses_for(from: OrderStatus, fulfillment: Fulfillment) -> Vec<OrderStatus> {
    use OrderStatus::{Delivered, Preparing, Ready, Shipped};
    // A shipped order usually skips "ready": from preparing, "Enviado" is its usual next step.
    let preferred = match fulfillment {
        Fulfillment::Delivery | Fulfillment::Parcel => [Preparing, Shipped, Ready, Delivered],
        _ => [Preparing, Ready, Shipped, Delivered],
    };
    preferred
        .into_iter()
        .filter(|to| is_allowed(from, *to, fulfillment))
        .collect()
}

/// Whether an order in `status` can be cancelled at all (the window is checked elsewhere).
pub fn can_cancel_status(status: OrderStatus) -> bool {
    !matches!(status, OrderStatus::Cancelled | OrderStatus::Unknown)
}
