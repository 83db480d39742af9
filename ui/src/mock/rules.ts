// The business rules the mock must share with the core (src-tauri/core/src/transitions.rs
// and the cancel checks of the Desk), so the UI is tested against the same behaviour.
import type { Fulfillment } from '../bindings/Fulfillment';
import type { Order } from '../bindings/Order';
import type { OrderStatus } from '../bindings/OrderStatus';

export function isAllowed(from: OrderStatus, to: OrderStatus, fulfillment: Fulfillment): boolean {
  const ships = fulfillment === 'delivery' || fulfillment === 'parcel';
  const key = `${from}>${to}`;
  if (key === 'pending>preparing' || key === 'preparing>ready') return fulfillment !== 'unknown';
  if (key === 'preparing>shipped' || key === 'ready>shipped' || key === 'shipped>delivered') return ships;
  if (key === 'ready>delivered') return fulfillment === 'pickup';
  return false;
}

const PREFERRED: OrderStatus[] = ['preparing', 'ready', 'shipped', 'delivered', 'cancelled'];

/** Buttons to show, usual next step first. */
export function nextStatuses(status: OrderStatus, fulfillment: Fulfillment): OrderStatus[] {
  return PREFERRED.filter((to) => isAllowed(status, to, fulfillment));
}

export function windowEndsAt(o: Order, cancelWindowDays: number): number {
  return Date.parse(o.created_at) + cancelWindowDays * 86_400_000;
}
