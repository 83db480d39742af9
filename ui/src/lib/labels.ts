// Names shown for wire enums. Status names come from the store (a store may say "Por
// confirmar") when the app is in Spanish; in English the app's own names are used.
import type { OrderStatus } from '../bindings/OrderStatus';
import type { StatusLabels } from '../bindings/StatusLabels';
import type { Language } from '../bindings/Language';

export const STATUSES = ['pending', 'preparing', 'ready', 'shipped', 'delivered', 'cancelled'] as const;
export type KnownStatus = (typeof STATUSES)[number];

export const DEFAULT_LABELS_ES: StatusLabels = {
  pending: 'Pendiente',
  preparing: 'Preparando',
  ready: 'Listo para entrega',
  shipped: 'Enviado',
  delivered: 'Entregado',
  cancelled: 'Cancelado',
};

export const LABELS_EN: StatusLabels = {
  pending: 'Pending',
  preparing: 'Preparing',
  ready: 'Ready for pickup',
  shipped: 'Shipped',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
};

export function statusLabel(status: OrderStatus, lang: Language, storeLabels?: StatusLabels | null): string {
  if (status === 'unknown') return lang === 'es' ? 'Desconocido' : 'Unknown';
  const labels = lang === 'es' ? (storeLabels ?? DEFAULT_LABELS_ES) : LABELS_EN;
  return labels[status];
}

/** Digits only, for https://wa.me/<digits> and tel: links. */
export function phoneDigits(phone: string): string {
  return phone.replace(/\D/g, '');
}

/** A tel: URI keeping the leading + of an international number. */
export function telHref(phone: string): string {
  const plus = phone.trim().startsWith('+') ? '+' : '';
  return `tel:${plus}${phoneDigits(phone)}`;
}

export function whatsappHref(phone: string): string {
  return `https://wa.me/${phoneDigits(phone)}`;
}
