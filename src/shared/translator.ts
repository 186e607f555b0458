// The browser shells' side of the one translator (core/words/i18n.ts makeTranslator): which language the user asked
// for, and the catalogues read from the extension's own _locales (kept out of every bundle). The worker, the
// popup and the options page load it here; the CLI has its catalogues bundled.
import browser from 'webextension-polyfill';
import { pickLang, type Catalogue, type Lang } from '../core/words/i18n';
import type { Settings } from './settings';

const loaded: Partial<Record<Lang, Promise<Catalogue>>> = {};

function catalogue(lang: Lang): Promise<Catalogue> {
  loaded[lang] ??= fetch(browser.runtime.getURL(`_locales/${lang}/messages.json`)).then(
    (r) => r.json() as Promise<Catalogue>,
  );
  return loaded[lang]!;
}

/** The setting's language, else the browser's. */
export function chosenLang(settings: Pick<Settings, 'lang'>): Lang {
  return settings.lang !== 'auto' ? settings.lang : pickLang([browser.i18n.getUILanguage()]);
}

/** English always (the fallback for any key), and the chosen language's catalogue. */
export async function loadCatalogues(lang: Lang): Promise<Record<Lang, Catalogue>> {
  const [en, own] = await Promise.all([catalogue('en'), catalogue(lang)]);
  return { en, ja: lang === 'ja' ? own : en };
}
