// The business rules the mock must share with the core (the cancel checks of the Desk), so the
// UI is tested against the same behaviour. The status rules come from the core itself
// (src/lib/transitions.ts, generated from src-tauri/core/src/transitions.rs).
import type { Order } from '../bindings/Order';

export function windowEndsAt(o: Order, cancelWindowDays: number): number {
  return Date.parse(o.created_at) + cancelWindowDays * 86_400_000;
}
