import { describe, expect, it } from 'vitest';
import {
  countdownLevel,
  formatAge,
  formatClock,
  formatCountdown,
  formatDateTime,
  formatSyncedAgo,
  secondsLeft,
  startOfDayInZone,
} from './time';

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

  it("shows an order's times in the store's timezone, not the device's", () => {
    const at = '2026-11-20T06:30:00Z';
    expect(formatClock(at, 'America/Mexico_City', 'es'), 'Mexico City is UTC−6 in November').toBe('00:30');
    expect(formatClock(at, 'America/Santiago', 'es'), 'Santiago is on summer time (UTC−3) in November').toBe('03:30');
    expect(formatDateTime(at, 'America/Mexico_City', 'es'), '"Recibido …" reads the shop\'s date and hour').toMatch(
      /^20 nov\.? 2026,? 00:30$/,
    );
    expect(formatDateTime(at, 'America/Santiago', 'es'), 'the same instant is 03:30 of the 20th in Santiago').toMatch(
      /^20 nov\.? 2026,? 03:30$/,
    );
    expect(
      formatDateTime('2026-11-20T04:30:00Z', 'America/Mexico_City', 'es'),
      'before 06:00 UTC it is still the 19th in Mexico City',
    ).toMatch(/^19 nov/);
  });

  it("starts a day at the store's midnight, also when summer time skips it", () => {
    const iso = (t: number) => new Date(t).toISOString();
    expect(iso(startOfDayInZone('2026-11-20', 'America/Mexico_City')), "Mexico City's midnight is 06:00 UTC").toBe(
      '2026-11-20T06:00:00.000Z',
    );
    expect(iso(startOfDayInZone('2026-11-20', 'America/Santiago')), "Santiago's summer midnight is 03:00 UTC").toBe(
      '2026-11-20T03:00:00.000Z',
    );
    expect(iso(startOfDayInZone('2026-11-20', 'America/Santiago', 1)), 'plus one day is the next midnight').toBe(
      '2026-11-21T03:00:00.000Z',
    );
    expect(
      iso(startOfDayInZone('2026-09-06', 'America/Santiago')),
      'Chile jumps from 00:00 to 01:00 on 6 Sep 2026: the day starts at 01:00 (−03)',
    ).toBe('2026-09-06T04:00:00.000Z');
    expect(iso(startOfDayInZone('2026-04-05', 'America/Santiago')), 'after the April fall-back the day starts at 00:00 (−04)').toBe(
      '2026-04-05T04:00:00.000Z',
    );
  });
});
