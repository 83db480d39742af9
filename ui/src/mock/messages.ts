// The mock's error messages, in both languages as the core sends them (the core picks one by
// the owner's language; so does the mock).
import type { Language } from '../bindings/Language';
import type { MoneyError } from '../lib/money';
import { interpolate } from '../i18n/index.svelte';

const MESSAGES = {
  already_cancelled: ['El pedido ya está cancelado.', 'The order is already cancelled.'],
  window_closed: [
    'Ya pasaron los {days} días para cancelar este pedido (el plazo terminó el {date}).',
    'The {days}-day window to cancel this order has passed (it ended on {date}).',
  ],
  cancel_queued: ['Ya hay una cancelación en cola para este pedido.', 'A cancellation for this order is already queued.'],
  not_allowed: ['El pedido #{number} no puede pasar a {to} ahora.', 'Order #{number} cannot move to {to} now.'],
  reason_required: ['Escribe el motivo de la cancelación.', 'Write the reason for cancelling.'],
  refund_too_large: ['No puedes reembolsar más de {amount}.', 'You cannot refund more than {amount}.'],
  customer_cancelled: [
    'El cliente canceló el pedido #{number} mientras estabas sin conexión; no se marcó como {to}.',
    'The customer cancelled order #{number} while you were offline; it was not marked {to}.',
  ],
  not_connected: ['No hay una tienda conectada.', 'No store is connected.'],
  reconnect: ['La tienda rechazó la sesión: reconecta tu cuenta.', 'The store refused the session: reconnect your account.'],
  offline: ['Sin conexión con la tienda. Lo intentaremos de nuevo solos.', 'Cannot reach the store. We will keep trying.'],
  bad_url: ['Escribe una dirección que empiece con https://', 'Enter an address starting with https://'],
  bad_token: ['Escribe el token de acceso.', 'Enter the access token.'],
  woo_https: [
    'WooCommerce necesita https:// (sin cifrado las claves viajarían a la vista)',
    'WooCommerce needs https:// (without it the keys would travel in the clear)',
  ],
  woo_keys: [
    'WooCommerce no aceptó las claves: revisa la clave y el secreto en WooCommerce › Ajustes › Avanzado › API REST.',
    'WooCommerce did not accept the keys: check the key and secret in WooCommerce › Settings › Advanced › REST API.',
  ],
  shopify_token: [
    'Shopify rechazó el token de acceso: puede haber sido revocado. Crea uno nuevo en la app personalizada de la tienda y vuelve a conectar.',
    "Shopify refused the access token: it may have been revoked. Create a new one in the shop's custom app and connect again.",
  ],
} as const;

export function text(lang: Language, key: keyof typeof MESSAGES, params?: Record<string, string | number>): string {
  return interpolate(MESSAGES[key][lang === 'en' ? 1 : 0], params);
}

/** The Rust MoneyError texts (es from Display, en from message_en). */
export function moneyMessage(lang: Language, e: MoneyError, currency: string): string {
  const es = lang === 'es';
  switch (e.kind) {
    case 'empty':
      return es ? 'Escribe un monto.' : 'Enter an amount.';
    case 'not_a_number':
      return es ? `"${e.input}" no es un monto válido.` : `"${e.input}" is not a valid amount.`;
    case 'negative':
      return es ? 'El monto no puede ser negativo.' : 'The amount cannot be negative.';
    case 'too_many_decimals':
      return es ? `${currency} admite como máximo ${e.decimals} decimales.` : `${currency} allows at most ${e.decimals} decimals.`;
    case 'too_large':
      return es ? 'El monto es demasiado grande.' : 'The amount is too large.';
    case 'ambiguous':
      return es ? `¿Quisiste decir ${e.thousands} o ${e.decimal}?` : `Did you mean ${e.thousands} or ${e.decimal}?`;
  }
}
