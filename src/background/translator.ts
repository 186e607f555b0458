// The worker's translator (badge tooltips, notifications): the one translator of core/words/i18n.ts, in the
// language the settings ask for, rebuilt when that setting changes.
import { makeTranslator, type Translate } from '../core/words/i18n';
import { chosenLang, loadCatalogues } from '../shared/translator';
import { onSettingsChanged } from './settings-store';

let translator: Translate = makeTranslator({ en: {}, ja: {} }, 'en');
export const t = (): Translate => translator;

// English is every language's fallback: fetched now, beside the settings' storage read, not after it (a waking
// worker sets its first badge sooner).
void loadCatalogues('en').catch(() => {});

onSettingsChanged(async (next, prev, loaded) => {
  if (!loaded && next.lang === prev.lang) return;
  const lang = chosenLang(next);
  try {
    translator = makeTranslator(await loadCatalogues(lang), lang);
  } catch (e) {
    console.error('renewal-radar: catalogues', e);
  }
});
