// Both message catalogues, for the shell that bundles them (the CLI). The extension's pages and worker fetch
// theirs from _locales (src/shared/translator.ts).
import en from '../../../_locales/en/messages.json';
import ja from '../../../_locales/ja/messages.json';
import type { Catalogue, Lang } from './i18n';

export const CATALOGUES: Record<Lang, Catalogue> = { en, ja };
