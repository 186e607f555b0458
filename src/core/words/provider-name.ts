// A provider's name in the reader's language: the one place that picks English or Japanese, for provider data
// (`names.en` / `names.ja`) and for a report's or a watched site's copy of it (`name` / `nameJa`).
import type { Lang } from './i18n';

export type NamedProvider = { name: string; nameJa: string } | { names: { en: string; ja: string } };

export function providerName(p: NamedProvider, lang: Lang): string {
  if ('names' in p) return lang === 'ja' ? p.names.ja : p.names.en;
  return lang === 'ja' ? p.nameJa : p.name;
}
