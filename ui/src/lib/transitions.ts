// The status rules, taken from the core: NEXT_STATUSES is generated from
// `transitions::next_statuses_for` (src-tauri/core/tests/core/generated.rs), never copied by
// hand. The UI and the mock backend both ask here; the cases both sides must agree on are in
// tests/fixtures/transitions.json.
import { NEXT_STATUSES } from '../bindings/transitions';
import type { Fulfillment } from '../bindings/Fulfillment';
import type { OrderStatus } from '../bindings/OrderStatus';

/** The statuses an order can move to next, in the order buttons show them (usual step first). */
export function nextStatuses(from: OrderStatus, fulfillment: Fulfillment): readonly OrderStatus[] {
  return NEXT_STATUSES[fulfillment]?.[from] ?? [];
}

/** Whether an order of `fulfillment` may move from `from` to `to` (cancelling is apart). */
export function isAllowed(from: OrderStatus, to: OrderStatus, fulfillment: Fulfillment): boolean {
  return nextStatuses(from, fulfillment).includes(to);
}
