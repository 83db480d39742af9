import { describe, expect, it } from 'vitest';
import { countdownLevel, formatAge, formatClock, formatCountdown, formatSyncedAgo, secondsLeft } from './time';

const NOW = Date.parse('2026-11-20T18:30:00Z');
const ago = (s: number) => new Date(NOW - s * 1000).toISOString();

describe('ages', () => {
  it.each([
    [10, 'hace un momento', 'just now'],
    [5 * 60, 'hace 5 min', '5 min ago'],
    [59 * 60 + 59, 'hace 59 min', '59 min ago'],
    [2 * 3600, 'hace 2 h', '2 h ago'],
    [86400, 'hace 1 día', '1 day ago'],
    [3 * 86400, 'hace 3 días', '3 days ago'],
  ])('%i s ago reads "%s" / "%s"', (s, es, en) => {
    expect(formatAge(ago(s), NOW, 'es'), 'Spanish age').toBe(es);
    expect(formatAge(ago(s), NOW, 'en'), 'English age').toBe(en);
  });

  it('never shows a negative age when clocks disagree', () => {
    expect(formatAge(new Date(NOW + 60_000).toISOString(), NOW, 'es'), 'a future timestamp is "now"').toBe('hace un momento');
  });

  it('says how fresh the cache is in seconds', () => {
    expect(formatSyncedAgo(ago(12), NOW, 'es'), 'seconds matter for "is it live?"').toBe('Actualizado hace 12 s');
    expect(formatSyncedAgo(ago(2), NOW, 'en'), 'a fresh sync').toBe('Updated just now');
    expect(formatSyncedAgo(ago(180), NOW, 'es'), 'minutes once past one').toBe('Actualizado hace 3 min');
  });
});

describe('countdowns', () => {
  it('counts whole seconds left, never below zero', () => {
    expect(secondsLeft(new Date(NOW + 750_500).toISOString(), NOW), 'partial seconds round up').toBe(751);
    expect(secondsLeft(ago(5), NOW), 'a passed deadline is zero').toBe(0);
  });

  it.each([
    [750, '12:30'],
    [59, '0:59'],
    [0, '0:00'],
    [3723, '1:02:03'],
  ])('%i s reads %s', (s, text) => {
    expect(formatCountdown(s), 'mm:ss, with hours when needed').toBe(text);
  });

  it('gets more urgent as the auto-cancel nears', () => {
    expect(countdownLevel(900), 'a quarter of an hour is calm').toBe('calm');
    expect(countdownLevel(240), 'four minutes is soon').toBe('soon');
    expect(countdownLevel(60), 'one minute is urgent').toBe('urgent');
  });

  it('shows clock times in the store timezone, 24-hour', () => {
    expect(formatClock('2026-11-20T20:02:00Z', 'America/Mexico_City', 'es'), 'UTC−6 in Mexico City').toBe('14:02');
    expect(formatClock('2026-11-20T20:02:00Z', 'Not/AZone', 'es'), 'an unknown zone falls back without throwing').toMatch(/^\d\d:\d\d$/);
  });
});
