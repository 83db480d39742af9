// Money as integer minor units, mirroring src-tauri/core/src/money.rs: formatting the way a
// shop in Mexico or Chile writes amounts, and parsing what the owner types. Never floats.
import type { Locale } from '../bindings/Locale';

/** Why a typed amount was refused (Rust `MoneyError`). */
export type MoneyErrorKind = 'empty' | 'not_a_number' | 'negative' | 'too_many_decimals' | 'too_large' | 'ambiguous';

export interface MoneyError {
  kind: MoneyErrorKind;
  /** The text as typed (trimmed), for "not a number". */
  input?: string;
  /** The currency's decimals, for "too many decimals". */
  decimals?: number;
  /** For "ambiguous": the separator read as thousands ("12,505.00") and as decimals ("12.50"). */
  thousands?: string;
  decimal?: string;
}

export type ParseResult = { ok: true; minor: number } | { ok: false; error: MoneyError };

const ZERO_DECIMALS = new Set(['CLP', 'JPY', 'KRW', 'PYG', 'ISK', 'VND', 'UYI', 'XAF', 'XOF']);
const THREE_DECIMALS = new Set(['BHD', 'KWD', 'OMR', 'JOD', 'TND', 'LYD', 'IQD']);
/** The largest amount accepted from input: 10^15 minor units (as in Rust). */
const MAX_MINOR = 1_000_000_000_000_000n;

/** ISO 4217 minor-unit decimals of a currency code. */
export function decimalsOf(currency: string): number {
  const code = currency.toUpperCase();
  if (ZERO_DECIMALS.has(code)) return 0;
  if (THREE_DECIMALS.has(code)) return 3;
  return 2;
}

/** A BCP 47 tag, leniently: "es-CL" → Chile, "en-US" → English, other Spanish → Mexico. */
export function moneyLocale(tag: string | null | undefined): Locale {
  const lower = (tag ?? '').toLowerCase();
  if (lower.startsWith('en')) return 'en';
  if (lower === 'es-cl') return 'es-CL';
  return 'es-MX';
}

/** `$1,234.50` (es-MX, en), `$1.234,50` (es-CL), `$45.000` (CLP, always dots). */
export function formatMoney(minor: number, currency: string, locale: Locale): string {
  const dotsGroup = locale === 'es-CL' || currency.toUpperCase() === 'CLP';
  const group = dotsGroup ? '.' : ',';
  const decimalMark = dotsGroup ? ',' : '.';
  const decimals = decimalsOf(currency);
  const scale = 10n ** BigInt(decimals);
  const value = BigInt(Math.trunc(minor));
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  const digits = (abs / scale).toString();
  let grouped = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) grouped += group;
    grouped += digits[i];
  }
  if (decimals === 0) return `${sign}$${grouped}`;
  const frac = (abs % scale).toString().padStart(decimals, '0');
  return `${sign}$${grouped}${decimalMark}${frac}`;
}

/** Minor units as the owner would type them back in an input: "450,50" in Chile, "450.50" in Mexico, no grouping. */
export function toInputText(minor: number, currency: string, locale: Locale): string {
  const decimals = decimalsOf(currency);
  const scale = 10 ** decimals;
  const int = Math.floor(minor / scale);
  if (decimals === 0) return String(int);
  const frac = String(minor % scale).padStart(decimals, '0');
  return `${int}${locale === 'es-CL' ? ',' : '.'}${frac}`;
}

/**
 * Parses what an owner types, with the rules of Rust `Money::parse`: "450", "450.50",
 * "450,50", "$1.234,50", "1,234.50", "$45.000" (CLP). When both `.` and `,` appear the last
 * one is the decimal mark. A single separator followed by exactly three digits groups thousands
 * in a currency without decimals ("45.000" CLP), is refused as ambiguous in one with two
 * ("12.505" MXN: 12,505.00 or 12.50?), and is the decimal mark in one with three ("1.500" KWD,
 * as the app shows 1.5 dinars); otherwise it is the decimal mark. Negatives, letters and
 * extra decimals are refused. The cases both sides must agree on: tests/fixtures/money.json.
 */
export function parseMoney(input: string, currency: string): ParseResult {
  const fail = (error: MoneyError): ParseResult => ({ ok: false, error });
  const trimmed = rustTrim(input);
  let text = [...input].filter((c) => !isRustWhitespace(c)).join('');
  for (const prefix of ['MX$', 'CLP$', 'CL$', 'US$']) {
    if (text.startsWith(prefix)) text = text.slice(prefix.length);
  }
  const code = currency.toUpperCase();
  if (text.endsWith(code)) text = text.slice(0, -code.length);
  else if (text.startsWith(code)) text = text.slice(code.length);
  if (text.startsWith('-') || text.startsWith('$-')) return fail({ kind: 'negative' });
  if (text.startsWith('$')) text = text.slice(1);
  if (text === '') {
    return fail(trimmed === '' ? { kind: 'empty' } : { kind: 'not_a_number', input: trimmed });
  }
  if (text.startsWith('-')) return fail({ kind: 'negative' });
  if (!/^[0-9][0-9.,]*$/.test(text)) return fail({ kind: 'not_a_number', input: trimmed });
  const decimals = decimalsOf(code);
  const ambiguous = ambiguity(text, decimals);
  if (ambiguous) return fail(ambiguous);
  const split = splitDecimal(text, decimals);
  if (!split) return fail({ kind: 'not_a_number', input: trimmed });
  const [intPart, fracPart] = split;
  const fracTrimmed = fracPart.replace(/0+$/, '');
  if (fracTrimmed.length > decimals) return fail({ kind: 'too_many_decimals', decimals });
  // Rust parses the integer part as i64 (leading zeros allowed) and refuses any overflow as
  // too large, as the bound below does.
  const intValue = intPart === '' ? 0n : BigInt(intPart);
  let fracValue = 0n;
  for (let i = 0; i < decimals; i++) {
    fracValue = fracValue * 10n + BigInt(fracTrimmed[i] ?? '0');
  }
  const minor = intValue * 10n ** BigInt(decimals) + fracValue;
  if (minor > MAX_MINOR) return fail({ kind: 'too_large' });
  return { ok: true, minor: Number(minor) };
}

/**
 * Rust's `char::is_whitespace` (Unicode White_Space). JavaScript's `\s` and `trim()` differ:
 * they take U+FEFF (a byte-order mark) and leave U+0085 (next line).
 */
const RUST_WHITESPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/u;

function isRustWhitespace(c: string): boolean {
  return RUST_WHITESPACE.test(c);
}

/** Rust's `str::trim`: White_Space off both ends. */
function rustTrim(text: string): string {
  const chars = [...text];
  let start = 0;
  let end = chars.length;
  while (start < end && isRustWhitespace(chars[start])) start++;
  while (end > start && isRustWhitespace(chars[end - 1])) end--;
  return chars.slice(start, end).join('');
}

/**
 * Rust `ambiguity`: exactly one separator, then exactly three digits, before it 1–3 digits not
 * starting with 0 (so it could group thousands), in a currency with two decimals.
 */
function ambiguity(text: string, decimals: number): MoneyError | null {
  if (decimals !== 2) return null;
  const m = /^([1-9][0-9]{0,2})[.,]([0-9]{3})$/.exec(text);
  if (!m) return null;
  return { kind: 'ambiguous', thousands: `${m[1]},${m[2]}.00`, decimal: `${m[1]}.${m[2].slice(0, 2)}` };
}

/** Splits "1.234,50" into ["1234", "50"], or null when the separators make no sense. */
function splitDecimal(text: string, decimals: number): [string, string] | null {
  const dots = count(text, '.');
  const commas = count(text, ',');
  let mark: '.' | ',' | null;
  if (dots === 0 && commas === 0) {
    mark = null;
  } else if (dots === 0 || commas === 0) {
    const single = dots > 0 ? '.' : ',';
    const after = text.slice(text.lastIndexOf(single) + 1);
    // With two decimals the ambiguous case was refused before: what is left cannot group.
    // With three decimals ("1.500" KWD) the three digits are the decimals; only a currency
    // without decimals groups them ("45.000" CLP).
    mark = dots + commas > 1 || (after.length === 3 && decimals === 0) ? null : single;
  } else {
    mark = text.lastIndexOf('.') > text.lastIndexOf(',') ? '.' : ',';
  }
  const idx = mark ? text.lastIndexOf(mark) : -1;
  const intRaw = mark ? text.slice(0, idx) : text;
  const frac = mark ? text.slice(idx + 1) : '';
  if (frac.includes('.') || frac.includes(',')) return null;
  const groups = intRaw.split(/[.,]/);
  if (groups.length > 1) {
    const firstOk = groups[0].length > 0 && groups[0].length <= 3;
    const restOk = groups.slice(1).every((g) => g.length === 3);
    if (!firstOk || !restOk) return null;
    if (intRaw.includes('.') && intRaw.includes(',')) return null;
  }
  return [groups.join(''), frac];
}

function count(text: string, ch: string): number {
  let n = 0;
  for (const c of text) if (c === ch) n++;
  return n;
}

/**
 * What the card gateway charges for refunding `amount` of a charge of `paid` (Rust
 * `RefundFee::fee_for`): nothing when the refund is zero or equals the charge.
 */
export function refundFee(amount: number, paid: number, fee: { percent_bps: number; fixed: number }): number {
  if (amount <= 0 || amount === paid) return 0;
  return Number((BigInt(amount) * BigInt(fee.percent_bps)) / 10_000n) + fee.fixed;
}
