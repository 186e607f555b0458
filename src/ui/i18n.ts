// The popup's and options page's translator: the one translator (core/words/i18n.ts) with the catalogues and the
// language from src/shared/translator.ts, ISO dates in parameters shown in the reader's locale, and data from
// DNS, HTTP and certificates shown with visible escapes (as the CLI and "Copy report" show it).
import browser from 'webextension-polyfill';
import { displayText } from '../core/words/display-text';
import { makeTranslator, type Lang, type Translate } from '../core/words/i18n';
import { migrateSettings, type Settings } from '../shared/settings';
import { LOCAL } from '../shared/storage-keys';
import { chosenLang, loadCatalogues } from '../shared/translator';

export { send, connectPopupPort } from './messaging';

export interface Ui {
  lang: Lang;
  settings: Settings;
  t: Translate;
  date: (iso: string) => string;
  dateTime: (iso: string) => string;
}

export async function loadUi(): Promise<Ui> {
  // Read-only here: the worker is the one writer of settings.
  const settings = migrateSettings((await browser.storage.local.get(LOCAL.settings))[LOCAL.settings]);
  const lang = chosenLang(settings);
  const catalogues = await loadCatalogues(lang);
  const locale = lang === 'ja' ? 'ja-JP' : 'en-GB';
  const dateFmt = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: lang === 'ja' ? 'long' : 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
  const dtFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const date = (iso: string) => {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : dateFmt.format(d);
  };
  const dateTime = (iso: string) => {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : dtFmt.format(d);
  };
  const t = makeTranslator(catalogues, lang, {
    param: (v) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? date(v) : v),
    finish: (text) => displayText(text),
  });
  document.documentElement.lang = lang;
  return { lang, settings, t, date, dateTime };
}

/** Data from the site (evidence lines, certificate fields, DNS names) as the user may read and copy it. */
export const show = (s: string, maxLength = 300) => displayText(s, { maxLength });
