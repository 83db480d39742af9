import { describe, expect, it } from 'vitest';
import { decimalsOf, formatMoney, parseMoney, refundFee, toInputText } from './money';

describe('formatMoney', () => {
  it.each([
    [123450, 'MXN', 'es-MX', '$1,234.50'],
    [45000, 'MXN', 'es-MX', '$450.00'],
    [5, 'MXN', 'es-MX', '$0.05'],
    [45000, 'CLP', 'es-CL', '$45.000'],
    [45000, 'CLP', 'es-MX', '$45.000'],
    [1234567, 'CLP', 'en', '$1.234.567'],
    [123450, 'MXN', 'es-CL', '$1.234,50'],
    [-2500, 'MXN', 'es-MX', '-$25.00'],
    [0, 'CLP', 'es-CL', '$0'],
  ] as const)('formats %i %s in %s as %s', (minor, currency, locale, expected) => {
    expect(formatMoney(minor, currency, locale), 'money must read the way shops write it in that country').toBe(expected);
  });

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

describe('parseMoney mirrors Money::parse in the core', () => {
  it.each([
    ['450', 'MXN', 45000],
    ['450.50', 'MXN', 45050],
    ['450,50', 'MXN', 45050],
    ['$1.234,50', 'MXN', 123450],
    ['1,234.50', 'MXN', 123450],
    ['$45.000', 'CLP', 45000],
    ['45.000', 'CLP', 45000],
    ['CLP$ 12.990', 'CLP', 12990],
    ['MX$100', 'MXN', 10000],
    ['450 MXN', 'MXN', 45000],
    [' 1 234,5 ', 'MXN', 123450],
    ['0', 'MXN', 0],
    ['12.5', 'MXN', 1250],
    ['450.500', 'MXN', 45050000],
    ['7.00', 'CLP', 7],
  ] as const)('reads %j in %s as %i minor units', (input, currency, minor) => {
    expect(parseMoney(input, currency), `"${input}" is a valid ${currency} amount`).toEqual({ ok: true, minor });
  });

  it.each([
    ['', 'MXN', 'empty'],
    ['   ', 'MXN', 'empty'],
    ['abc', 'MXN', 'not_a_number'],
    ['$', 'MXN', 'not_a_number'],
    ['12a', 'MXN', 'not_a_number'],
    ['.50', 'MXN', 'not_a_number'],
    ['1.2.3', 'MXN', 'not_a_number'],
    ['1,23,456', 'MXN', 'not_a_number'],
    ['1.234,567.8', 'MXN', 'not_a_number'],
    ['-5', 'MXN', 'negative'],
    ['$-5', 'MXN', 'negative'],
    ['450.505', 'MXN', null],
    ['4.5', 'CLP', 'too_many_decimals'],
    ['450,501', 'MXN', null],
    ['1,5', 'CLP', 'too_many_decimals'],
    ['10.123', 'MXN', null],
    ['45,12345', 'MXN', 'too_many_decimals'],
    ['99999999999999999999', 'MXN', 'too_large'],
    ['10000000000001', 'MXN', 'too_large'],
  ] as const)('refuses %j in %s (%s)', (input, currency, kind) => {
    const r = parseMoney(input, currency);
    if (kind === null) {
      // A single separator before exactly three digits groups thousands, as in Rust.
      expect(r.ok, `"${input}" is read as grouped thousands, not decimals`).toBe(true);
      return;
    }
    expect(r.ok, `"${input}" is not an amount the owner meant`).toBe(false);
    if (!r.ok) expect(r.error.kind, 'the reason matches the core MoneyError').toBe(kind);
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
