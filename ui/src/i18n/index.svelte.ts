// The live language: components call t() in their templates, and since t() reads the
// `$state` below, switching language re-renders every text at once.
import type { Language } from '../bindings/Language';
import { en } from './en';
import { es, type MessageKey } from './es';

export type { MessageKey };
export const dictionaries: Record<Language, Record<MessageKey, string>> = { es, en };

const current = $state<{ lang: Language }>({ lang: 'es' });

/** The language in use. */
export function lang(): Language {
  return current.lang;
}

/** Switches every text at once and tells assistive tech the page language. */
export function setLang(next: Language): void {
  current.lang = next;
  if (typeof document !== 'undefined') document.documentElement.lang = next;
}

/** The text for `key` in the current language, with {placeholders} filled in. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return interpolate(dictionaries[current.lang][key] ?? key, params);
}

/** Fills {name} placeholders; unknown ones stay visible so a test can spot them. */
export function interpolate(text: string, params?: Record<string, string | number>): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
