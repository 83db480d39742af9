// Who did what, in words — the same lines the core writes into OrderDetail.history_lines
// (src-tauri/core/src/history.rs), for the mock. "Caja 1 marcó Listo para entrega · 14:05".
import type { HistoryEntry } from '../bindings/HistoryEntry';
import type { StatusLabels } from '../bindings/StatusLabels';
import { statusLabel } from './labels';
import type { Language } from '../bindings/Language';

const MONTHS_ES = ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sept', 'oct', 'nov', 'dic'];
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function parts(at: string, timeZone: string): { day: number; month: number; year: number; hm: string } {
  const f = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const p = Object.fromEntries(f.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  return { day: Number(p.day), month: Number(p.month) - 1, year: Number(p.year), hm: `${p.hour}:${p.minute}` };
}

/** "14:05" on the same day as `now` in the store's zone, else "15 dic, 14:05" / "Dec 15, 14:05". */
export function when(at: string, now: number, timeZone: string, lang: Language): string {
  const a = parts(at, timeZone);
  const n = parts(new Date(now).toISOString(), timeZone);
  if (a.day === n.day && a.month === n.month && a.year === n.year) return a.hm;
  return lang === 'es' ? `${a.day} ${MONTHS_ES[a.month]}, ${a.hm}` : `${MONTHS_EN[a.month]} ${a.day}, ${a.hm}`;
}

/** "15 dic, 14:05" / "Dec 15, 14:05" in the store's zone. */
export function dayTime(at: string, timeZone: string | undefined, lang: Language): string {
  const a = parts(at, timeZone ?? 'UTC');
  return lang === 'es' ? `${a.day} ${MONTHS_ES[a.month]}, ${a.hm}` : `${MONTHS_EN[a.month]} ${a.day}, ${a.hm}`;
}

export function historyLine(h: HistoryEntry, labels: StatusLabels, timeZone: string, lang: Language, now: number): string {
  const at = when(h.at, now, timeZone, lang);
  const es = lang === 'es';
  if (h.status === 'pending' && h.by === 'customer') return `${es ? 'El cliente hizo el pedido' : 'The customer placed the order'} · ${at}`;
  if (h.status === 'cancelled' && h.by === 'auto')
    return `${es ? 'Se canceló automáticamente por falta de atención' : 'Cancelled automatically for lack of attention'} · ${at}`;
  const device = h.device?.trim();
  const who = device
    ? device
    : h.by === 'customer'
      ? es
        ? 'El cliente'
        : 'The customer'
      : h.by === 'merchant'
        ? es
          ? 'La tienda'
          : 'The shop'
        : es
          ? 'La plataforma'
          : 'The platform';
  const what =
    h.status === 'cancelled'
      ? es
        ? 'canceló el pedido'
        : 'cancelled the order'
      : `${es ? 'marcó' : 'marked'} ${statusLabel(h.status, lang, labels)}`;
  return `${who} ${what} · ${at}`;
}
