import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { moneyMessage } from '../mock/messages';
import type { Locale } from '../bindings/Locale';
import { decimalsOf, formatMoney, parseMoney, refundFee, toInputText, type MoneyErrorKind } from './money';

/** tests/fixtures/money.json: the cases the core's Rust tests read too. */
interface MoneyCase {
  input: string;
  currency: string;
  minor?: number;
  error?: MoneyErrorKind;
  es?: string;
  en?: string;
}
interface FormatCase {
  minor: number;
  currency: string;
  locale: Locale;
  text: string;
}
const table = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../tests/fixtures/money.json'), 'utf8')) as {
  cases: MoneyCase[];
  formats: FormatCase[];
};

describe('formatMoney', () => {
  it.each(table.formats.map((c) => [c.minor, c.currency, c.locale, c.text] as const))(
    'formats %i %s in %s as %s (shared table)',
    (minor, currency, locale, expected) => {
      expect(formatMoney(minor, currency, locale), 'money must read the way shops write it, as the core writes it').toBe(expected);
    },
  );

  it('knows CLP has no decimals and MXN two', () => {
    expect(decimalsOf('CLP'), 'CLP minor unit is the peso').toBe(0);
    expect(decimalsOf('mxn'), 'MXN minor unit is the centavo, code case-insensitive').toBe(2);
  });

  it('writes an amount back the way it is typed in each country', () => {
    expect(toInputText(45050, 'MXN', 'es-MX'), 'Mexico types a decimal point').toBe('450.50');
    expect(toInputText(45050, 'MXN', 'es-CL'), 'Chile types a decimal comma').toBe('450,50');
    expect(toInputText(45000, 'CLP', 'es-CL'), 'CLP has no decimals to type').toBe('45000');
  });
});

describe('parseMoney mirrors Money::parse in the core (shared table)', () => {
  it('reads the shared table', () => {
    expect(table.cases.length, 'tests/fixtures/money.json holds the cases').toBeGreaterThan(60);
    expect(table.formats.length, 'and the formatting cases').toBeGreaterThan(10);
  });

  it.each(table.cases.filter((c) => c.minor !== undefined).map((c) => [c.input, c.currency, c.minor] as const))(
    'reads %j in %s as %i minor units',
    (input, currency, minor) => {
      expect(parseMoney(input, currency), `"${input}" is a valid ${currency} amount`).toEqual({ ok: true, minor });
    },
  );

  it.each(table.cases.filter((c) => c.error !== undefined).map((c) => [c.input, c.currency, c] as const))(
    'refuses %j in %s',
    (input, currency, c) => {
      const r = parseMoney(input, currency);
      expect(r.ok, `"${input}" is not an amount the owner meant`).toBe(false);
      if (r.ok) return;
      expect(r.error.kind, 'the reason matches the core MoneyError').toBe(c.error);
      if (c.es) expect(moneyMessage('es', r.error, currency), 'the Spanish sentence matches the core').toBe(c.es);
      if (c.en) expect(moneyMessage('en', r.error, currency), 'the English sentence matches the core').toBe(c.en);
    },
  );

  it('never reads 12.505 MXN as twelve thousand pesos', () => {
    const r = parseMoney('12.505', 'MXN');
    expect(r, 'one separator before three digits is ambiguous with two decimals').toEqual({
      ok: false,
      error: { kind: 'ambiguous', thousands: '12,505.00', decimal: '12.50' },
    });
  });
});

describe('refundFee mirrors RefundFee::fee_for', () => {
  const fee = { percent_bps: 290, fixed: 300 };
  it('charges percent plus fixed on a partial refund', () => {
    expect(refundFee(10050, 22000, fee), '10050 × 2.9 % = 291 (truncated) + 300').toBe(591);
  });
  it('charges nothing when the refund equals the charge', () => {
    expect(refundFee(22000, 22000, fee), 'a full refund reverses the charge for free').toBe(0);
  });
  it('charges nothing for a zero refund', () => {
    expect(refundFee(0, 22000, fee), 'no refund, no fee').toBe(0);
  });
  it('truncates like integer division in Rust', () => {
    expect(refundFee(99, 1000, { percent_bps: 290, fixed: 0 }), '99 × 290 / 10000 = 2.871 → 2').toBe(2);
  });
});
