// The change for cash at the counter: "Recibido $500 · Vuelto $50". Minor units only; the
// same rule as the core's `outbox::counter::cash_change`.
export function cashChange(amount: number, received: number): number | null {
  if (!Number.isInteger(amount) || !Number.isInteger(received) || received < amount) return null;
  return received - amount;
}
