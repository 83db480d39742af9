import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contrast, customProperties } from './contrast';

const css = readFileSync(resolve(import.meta.dirname, '..', 'app.css'), 'utf8');
const STATUSES = ['pending', 'preparing', 'ready', 'shipped', 'delivered', 'cancelled', 'unknown'] as const;
const TEXT = 4.5;
/** Large text, icons, borders that carry meaning, focus rings. */
const NON_TEXT = 3;

type Theme = 'light' | 'dark';

function palette(theme: Theme): Record<string, string> {
  const light = customProperties(css, ':root');
  return theme === 'light' ? light : { ...light, ...customProperties(css, "[data-theme='dark']") };
}

function statusPalette(theme: Theme, status: string): Record<string, string> {
  const light = customProperties(css, `.status-${status}`);
  if (theme === 'light') return light;
  const dark =
    status === 'cancelled' || status === 'unknown' ? "[data-theme='dark'] .status-unknown" : `[data-theme='dark'] .status-${status}`;
  return { ...light, ...customProperties(css, dark) };
}

/** [foreground, background, minimum, where] — the pairs the screens actually put together. */
const PAIRS: [string, string, number, string][] = [
  ['text', 'bg', TEXT, 'body text on the page'],
  ['text', 'surface', TEXT, 'text on cards and rows'],
  ['text', 'surface-2', TEXT, 'text on a selected row'],
  ['text', 'accent-soft', TEXT, 'text on the open row'],
  ['text', 'danger-soft', TEXT, 'text on an error row'],
  ['muted', 'surface', TEXT, 'secondary text (age, fulfilment, hints)'],
  ['muted', 'surface-2', TEXT, 'secondary text on a selected row and chips'],
  ['muted', 'bg', TEXT, 'secondary text on the page'],
  ['muted', 'accent-soft', TEXT, 'secondary text on the open row'],
  ['muted', 'danger-soft', TEXT, 'secondary text on an error row'],
  ['faint', 'surface', TEXT, 'faint text (tags, captions)'],
  ['faint', 'bg', TEXT, 'faint text on the page'],
  ['on-accent', 'accent', TEXT, 'primary button'],
  ['on-accent', 'accent-strong', TEXT, 'primary button, hovered'],
  ['danger', 'surface', TEXT, 'danger button and field errors'],
  ['danger', 'danger-soft', TEXT, 'error reason on an error row, error chip'],
  ['warn', 'surface', TEXT, 'auto-cancel countdown, queued badge'],
  ['warn', 'warn-soft', TEXT, 'unpaid chip and offline banner'],
  ['ok', 'ok-soft', TEXT, 'paid chip'],
  ['focus', 'surface', NON_TEXT, 'focus ring on cards'],
  ['focus', 'bg', NON_TEXT, 'focus ring on the page'],
  ['border-strong', 'surface', 1.4, 'input borders (the label names the field; not a WCAG text pair)'],
];

describe.each(['light', 'dark'] as const)('the %s theme', (theme) => {
  const p = palette(theme);

  it.each(PAIRS)('%s on %s reaches %d:1 (%s)', (fg, bg, min, where) => {
    const ratio = contrast(p[fg], p[bg]);
    expect(ratio, `${where}: --${fg} ${p[fg]} on --${bg} ${p[bg]} is ${ratio.toFixed(2)}:1`).toBeGreaterThanOrEqual(min);
  });

  it('keeps links readable on cards', () => {
    const link = theme === 'light' ? p['accent-strong'] : p.accent;
    expect(contrast(link, p.surface), `link ${link} on ${p.surface}`).toBeGreaterThanOrEqual(TEXT);
  });

  it('keeps the tag text on rows readable', () => {
    // Light rows show tags in --faint; dark rows in --muted (OrderRow.svelte).
    const tag = theme === 'light' ? p.faint : p.muted;
    for (const bg of ['surface', 'surface-2', 'accent-soft']) {
      expect(contrast(tag, p[bg]), `tag ${tag} on --${bg} ${p[bg]}`).toBeGreaterThanOrEqual(TEXT);
    }
  });

  it.each(STATUSES)('shows the %s badge and tab at AA', (status) => {
    const s = statusPalette(theme, status);
    expect(contrast(s['st-fg'], s['st-bg']), `badge ${s['st-fg']} on ${s['st-bg']}`).toBeGreaterThanOrEqual(TEXT);
    expect(contrast(s['st-fg'], p.surface), `tab count ${s['st-fg']} on the surface ${p.surface}`).toBeGreaterThanOrEqual(TEXT);
    expect(contrast(s['st-line'], p.surface), `status icon/stripe ${s['st-line']} on ${p.surface} (non-text)`).toBeGreaterThanOrEqual(
      NON_TEXT,
    );
  });
});

describe('contrast maths', () => {
  it('gives the WCAG extremes and a known pair', () => {
    expect(contrast('#000', '#fff'), 'black on white is 21:1').toBeCloseTo(21, 5);
    expect(contrast('#777', '#777'), 'a colour on itself is 1:1').toBeCloseTo(1, 5);
    expect(contrast('#767676', '#ffffff'), '#767676 on white is the classic 4.54:1').toBeCloseTo(4.54, 2);
  });

  it('reads both themes out of app.css', () => {
    expect(palette('light').text, 'the light text colour is declared in :root').toMatch(/^#/);
    expect(palette('dark').text, 'the dark theme overrides it').not.toBe(palette('light').text);
  });
});

it('keeps the fixed-colour buttons and toasts at AA', () => {
  // Colours written directly in CSS rather than through the palette.
  const fixed: [string, string, string][] = [
    ['#ffffff', '#b91c1c', '.btn.danger-solid'],
    ['#f8fafc', '#0f172a', 'info toast'],
    ['#0f172a', '#e2e8f0', 'info toast (dark)'],
    ['#ffffff', '#7f1d1d', 'error toast'],
    ['#042f2e', '#5eead4', 'success toast'],
  ];
  for (const [fg, bg, where] of fixed) expect(contrast(fg, bg), `${where}: ${fg} on ${bg}`).toBeGreaterThanOrEqual(TEXT);
});
