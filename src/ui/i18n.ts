// Loads the chosen language's catalogue from the extension's own _locales (kept out of the popup bundle)
// and formats ISO dates in parameters for the reader's locale.
import browser from 'webextension-polyfill';
import { displayText } from '../core/display-text';
import { format, pickLang, type Catalogue, type Lang } from '../core/i18n';
import type { LocalText, MessageKey, MessageParams } from '../core/types';
import { migrateSettings, SETTINGS_KEY, type Settings } from '../shared/settings';

async function catalogue(lang: Lang): Promise<Catalogue> {
  const res = await fetch(browser.runtime.getURL(`_locales/${lang}/messages.json`));
  return (await res.json()) as Catalogue;
}

export interface Ui {
  lang: Lang;
  settings: Settings;
  t: (key: MessageKey | LocalText, params?: MessageParams) => string;
  date: (iso: string) => string;
  dateTime: (iso: string) => string;
}

export async function loadUi(): Promise<Ui> {
  const settings = migrateSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
  const lang = settings.lang !== 'auto' ? settings.lang : pickLang([browser.i18n.getUILanguage()]);
  const [en, own] = await Promise.all([catalogue('en'), lang === 'en' ? null : catalogue(lang)]);
  const locale = lang === 'ja' ? 'ja-JP' : 'en-GB';
  const dateFmt = new Intl.DateTimeFormat(locale, { year: 'numeric', month: lang === 'ja' ? 'long' : 'short', day: 'numeric', timeZone: 'UTC' });
  const dtFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const date = (iso: string) => { const d = new Date(iso); return Number.isNaN(d.getTime()) ? iso : dateFmt.format(d); };
  const dateTime = (iso: string) => { const d = new Date(iso); return Number.isNaN(d.getTime()) ? iso : dtFmt.format(d); };
  const localise = (p: MessageParams = {}) => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? date(v) : v]));
  const t = (key: MessageKey | LocalText, params?: MessageParams) => {
    const text = typeof key === 'string' ? { key, params } : key;
    // Parameters carry data from DNS, HTTP and certificates: shown with visible escapes, as the CLI and
    // "Copy report" show them.
    return displayText(format(own ?? en, en, { key: text.key, params: localise(text.params) }, lang));
  };
  document.documentElement.lang = lang;
  return { lang, settings, t, date, dateTime };
}

export async function send<K extends keyof import('../shared/messages').Requests>(
  type: K, req: import('../shared/messages').Requests[K]['req'],
): Promise<import('../shared/messages').Requests[K]['res']> {
  return browser.runtime.sendMessage({ type, ...req });
}

/** Data from the site (evidence lines, certificate fields, DNS names) as the user may read and copy it. */
export const show = (s: string, maxLength = 300) => displayText(s, { maxLength });
