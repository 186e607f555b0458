// Both message catalogues, for shells that bundle them (CLI, service worker). The popup fetches its one.
import en from '../../_locales/en/messages.json';
import ja from '../../_locales/ja/messages.json';
import type { Catalogue, Lang } from './i18n';

export const CATALOGUES: Record<Lang, Catalogue> = { en, ja };
