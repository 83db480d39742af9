// Hash routes, so the phone's back button goes from an order back to the list:
// #/pedidos, #/pedidos/<id>, #/resumen, #/ajustes.
import { nav, type Screen } from './nav.svelte';

const SLUG: Record<Screen, string> = { orders: 'pedidos', summary: 'resumen', settings: 'ajustes' };

export function parseHash(hash: string): { screen: Screen; id: string | null } {
  const [, first = '', second = ''] = hash.replace(/^#/, '').split('/');
  if (first === 'resumen') return { screen: 'summary', id: null };
  if (first === 'ajustes') return { screen: 'settings', id: null };
  return { screen: 'orders', id: second ? decodeURIComponent(second) : null };
}

export function hashFor(screen: Screen, id: string | null = null): string {
  return `#/${SLUG[screen]}${id ? `/${encodeURIComponent(id)}` : ''}`;
}

/** Applies the current hash to the app state. */
export function syncFromHash(): void {
  const { screen, id } = parseHash(window.location.hash);
  nav.screen = screen;
  if (screen === 'orders') nav.openId = id;
}

export function go(screen: Screen, id: string | null = null): void {
  const next = hashFor(screen, id);
  if (window.location.hash !== next) window.location.hash = next;
  else syncFromHash();
}

export function openOrder(id: string): void {
  go('orders', id);
}

/** Closes the open order: back in history when we came from the list, else to the list. */
export function closeOrder(): void {
  go('orders', null);
}
