// Counter-PC keyboard: ↑/↓ and j/k move, Enter opens, P/L/E/D advance, C cancels, R (or $)
// opens Cobrar, / searches,
// Esc closes. Ignored while typing in a field, and never with Ctrl/Alt/Meta (browser keys).
import { nav } from '../state/nav.svelte';
import { opened } from '../state/detail.svelte';
import { orders } from '../state/orders.svelte';
import { closeOrder, openOrder } from '../state/router';

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

export function handleKey(e: KeyboardEvent, wide: boolean): void {
  if (e.ctrlKey || e.altKey || e.metaKey || e.defaultPrevented) return;
  if (document.querySelector('dialog[open]')) return; // dialogs handle their own keys (Esc)
  if (e.key === 'Escape') {
    if (typing(e.target)) (e.target as HTMLElement).blur();
    else if (nav.openId) closeOrder();
    return;
  }
  if (typing(e.target) || nav.screen !== 'orders') return;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  const act = (fn: () => void) => {
    e.preventDefault();
    fn();
  };
  switch (key) {
    case '/':
      act(() => document.getElementById('order-search')?.focus());
      return;
    case 'ArrowDown':
    case 'j':
      act(() => moveAndFocus(1, wide));
      return;
    case 'ArrowUp':
    case 'k':
      act(() => moveAndFocus(-1, wide));
      return;
    case 'Enter': {
      const row = orders.rows[orders.selected];
      if (row && !(e.target as HTMLElement)?.closest?.('button, a')) act(() => openOrder(row.id));
      return;
    }
    case 'p':
      act(() => opened.advance('preparing'));
      return;
    case 'l':
      act(() => opened.advance('ready'));
      return;
    case 'e':
      act(() => opened.advance('shipped'));
      return;
    case 'c':
      act(() => opened.openCancel());
      return;
    case 'd':
      act(() => opened.advance('delivered'));
      return;
    case 'r':
    case '$':
      act(() => opened.openPay());
      return;
  }
}

function moveAndFocus(delta: number, wide: boolean): void {
  if (!wide && nav.openId) return;
  const active = document.activeElement?.closest?.('[data-testid="order-list"]');
  if (active) orders.move(delta);
  else {
    // First press puts focus on the list at the current selection.
    const list = document.querySelector<HTMLElement>(`[data-testid="order-list"] [data-index="${orders.selected}"] button`);
    if (list) list.focus();
    else orders.move(delta);
  }
}
