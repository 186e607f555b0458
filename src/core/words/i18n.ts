// Our own formatter over the _locales catalogues, so the CLI, the popup and the worker share one set of
// messages and the user's language setting can differ from the browser's. `{name}` placeholders; for
// Japanese a `name_ja` parameter is preferred when present (provider names in their own script).
import type { LocalText, MessageKey, MessageParams } from '../engine/types';

export type Lang = 'en' | 'ja';
export type Catalogue = Record<string, { message: string }>;

export function format(catalogue: Catalogue, fallback: Catalogue, text: LocalText, lang: Lang): string {
  const template = catalogue[text.key]?.message ?? fallback[text.key]?.message ?? text.key;
  return fill(template, text.params ?? {}, lang);
}

export function fill(template: string, params: MessageParams, lang: Lang): string {
  return template.replace(/\{([a-z_]+)\}/g, (whole, name: string) => {
    const v = (lang !== 'en' ? params[`${name}_${lang}`] : undefined) ?? params[name];
    return v === undefined || v === '' ? (whole === '{host}' ? '' : whole) : String(v);
  });
}

export interface TranslatorOptions {
  /** Rewrites each parameter before it is filled in (the UI shows ISO dates in the reader's locale). */
  param?: (value: string | number) => string | number;
  /** Applied to the finished text (the UI shows control characters from DNS/HTTP data as visible escapes). */
  finish?: (text: string) => string;
}

/** The one translator: the CLI, the worker, the popup and the options page all call this (the browser shells
 * load the catalogues with src/shared/translator.ts, the CLI has them bundled). */
export function makeTranslator(catalogues: Record<Lang, Catalogue>, lang: Lang, options: TranslatorOptions = {}) {
  const { param, finish } = options;
  const t = (key: MessageKey | LocalText, params?: MessageParams): string => {
    const text = typeof key === 'string' ? { key, params } : key;
    const filled =
      param && text.params
        ? { key: text.key, params: Object.fromEntries(Object.entries(text.params).map(([k, v]) => [k, param(v)])) }
        : text;
    const out = format(catalogues[lang], catalogues.en, filled, lang);
    return finish ? finish(out) : out;
  };
  return t;
}
export type Translate = ReturnType<typeof makeTranslator>;

export function pickLang(candidates: (string | undefined | null)[]): Lang {
  for (const c of candidates) {
    if (!c) continue;
    const v = c.toLowerCase();
    if (v.startsWith('ja')) return 'ja';
    if (v.startsWith('en') || v === 'c' || v === 'posix') return 'en';
  }
  return 'en';
}
