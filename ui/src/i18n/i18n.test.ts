import { describe, expect, it } from 'vitest';
import { en } from './en';
import { es } from './es';
import { interpolate } from './index.svelte';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  it('has every Spanish key in English and no extra English keys', () => {
    expect(Object.keys(en).sort(), 'both languages must have the same keys').toEqual(Object.keys(es).sort());
  });

  it('has no empty text in either language', () => {
    for (const [key, text] of [...Object.entries(es), ...Object.entries(en)]) {
      expect(text.trim(), `${key} must say something`).not.toBe('');
    }
  });

  it('uses the same placeholders in both languages', () => {
    for (const key of Object.keys(es) as (keyof typeof es)[]) {
      expect(placeholders(en[key]), `${key}: a placeholder missing in one language would show raw braces`).toEqual(placeholders(es[key]));
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(interpolate('Pedido #{number}', { number: 1042 }), 'numbers are filled in').toBe('Pedido #1042');
    expect(interpolate('{a} y {b}', { a: 'x' }), 'a missing value stays visible to be caught').toBe('x y {b}');
  });
});
