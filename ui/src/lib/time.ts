// Ages, countdowns and clock times, from a `now` passed in (never read inside): pure, so the
// list can tick once a second and tests can pin the time.

import type { Language } from '../bindings/Language';

/** Milliseconds since the epoch of an RFC 3339 string (NaN stays NaN). */
export function ms(rfc3339: string): number {
  return Date.parse(rfc3339);
}

/** "hace 5 min" / "5 min ago": how long ago something happened. */
export function formatAge(at: string, now: number, lang: Language): string {
  const s = Math.max(0, Math.floor((now - ms(at)) / 1000));
  const es = lang === 'es';
  if (s < 60) return es ? 'hace un momento' : 'just now';
  const min = Math.floor(s / 60);
  if (min < 60) return es ? `hace ${min} min` : `${min} min ago`;
  const h = Math.floor(min / 60);
  if (h < 24) return es ? `hace ${h} h` : `${h} h ago`;
  const d = Math.floor(h / 24);
  if (es) return d === 1 ? 'hace 1 día' : `hace ${d} días`;
  return d === 1 ? '1 day ago' : `${d} days ago`;
}

/** "Actualizado hace 12 s": seconds matter here, the owner wants to know it is live. */
export function formatSyncedAgo(at: string, now: number, lang: Language): string {
  const s = Math.max(0, Math.floor((now - ms(at)) / 1000));
  const es = lang === 'es';
  if (s < 5) return es ? 'Actualizado ahora' : 'Updated just now';
  if (s < 60) return es ? `Actualizado hace ${s} s` : `Updated ${s} s ago`;
  const min = Math.floor(s / 60);
  if (min < 60) return es ? `Actualizado hace ${min} min` : `Updated ${min} min ago`;
  const h = Math.floor(min / 60);
  return es ? `Actualizado hace ${h} h` : `Updated ${h} h ago`;
}

/** Seconds left until `deadline`, never below zero. */
export function secondsLeft(deadline: string, now: number): number {
  return Math.max(0, Math.ceil((ms(deadline) - now) / 1000));
}

/** "12:30" or "1:02:03" for a number of seconds. */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(sec).padStart(2, '0')}`;
}

/** How urgent an auto-cancel countdown is, for its colour (the text says the same). */
export function countdownLevel(seconds: number): 'calm' | 'soon' | 'urgent' {
  if (seconds <= 120) return 'urgent';
  if (seconds <= 300) return 'soon';
  return 'calm';
}

/** "14:02" in a timezone (the store's), 24-hour as people read it in Mexico and Chile. */
export function formatClock(at: string, timeZone: string | undefined, lang: Language): string {
  return new Intl.DateTimeFormat(lang === 'es' ? 'es-MX' : 'en-US', {
    hour: '2-digit',
    minute: '2-digit',
    // Not `hour12: false`: with es-MX that picks the h24 cycle and midnight reads "24:30".
    hourCycle: 'h23',
    timeZone: safeZone(timeZone),
  }).format(new Date(ms(at)));
}

/** "20 nov 2026, 18:02" for history and documents. */
export function formatDateTime(at: string, timeZone: string | undefined, lang: Language): string {
  return new Intl.DateTimeFormat(lang === 'es' ? 'es-MX' : 'en-US', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    // Not `hour12: false`: with es-MX that picks the h24 cycle and midnight reads "24:30".
    hourCycle: 'h23',
    timeZone: safeZone(timeZone),
  }).format(new Date(ms(at)));
}

/** "lun 20" for a chart axis, from a "YYYY-MM-DD" date. */
export function formatDay(date: string, lang: Language): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(lang === 'es' ? 'es-MX' : 'en-US', {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** A zone Intl accepts, or undefined (the device's) when the backend sent an unknown one. */
function safeZone(zone: string | undefined): string | undefined {
  if (!zone) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return undefined;
  }
}

/** The calendar date "YYYY-MM-DD" of an instant in a timezone. */
export function dateInZone(at: number, timeZone: string | undefined): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone: safeZone(timeZone),
  }).format(new Date(at));
  return parts;
}

/** How far the zone's wall clock is ahead of UTC at instant `at`, in ms (−6 h in Mexico City). */
export function zoneOffsetMs(at: number, timeZone: string | undefined): number {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: safeZone(timeZone),
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(at / 1000) * 1000;
}

/**
 * The first instant of calendar day `date` ("YYYY-MM-DD", plus `plusDays`) in a timezone (the
 * store's: "orders of the 20th" means the shop's 20th, wherever the owner's device is).
 */
export function startOfDayInZone(date: string, timeZone: string | undefined, plusDays = 0): number {
  const [y, m, d] = date.split('-').map(Number);
  const utcMidnight = Date.UTC(y, m - 1, d + plusDays);
  const day = new Date(utcMidnight).toISOString().slice(0, 10);
  const first = utcMidnight - zoneOffsetMs(utcMidnight, timeZone);
  const second = utcMidnight - zoneOffsetMs(first, timeZone);
  // Around a DST change the two guesses differ and one may fall on the previous day (Chile
  // skips 00:00 in September): the day starts at the earliest guess that is on the day.
  const onDay = [first, second].filter((t) => dateInZone(t, timeZone) === day);
  return onDay.length ? Math.min(...onDay) : first;
}
