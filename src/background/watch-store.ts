// The watch list in storage.local. The worker is its one writer: it keeps the migrated list in memory
// (migrating parses every host with the PSL, too slow to repeat on every read of a 200-site list).
import browser from 'webextension-polyfill';
import { HOUR, migrateWatchList, WATCH_KEY, type WatchList } from '../shared/watch';
import { settings } from './settings-store';

let cache: WatchList | null = null;

export async function loadWatchList(): Promise<WatchList> {
  if (cache) return structuredClone(cache);
  const raw = (await browser.storage.local.get(WATCH_KEY))[WATCH_KEY];
  cache = migrateWatchList(raw, Date.now(), settings().watchIntervalHours * HOUR);
  return structuredClone(cache);
}

export async function saveWatchList(list: WatchList) {
  cache = structuredClone(list);
  await browser.storage.local.set({ [WATCH_KEY]: list });
}

/** Is this (already normalised) host watched? Reads the stored key directly: no migration of the whole list. */
export async function isWatched(host: string): Promise<boolean> {
  if (cache) return Object.hasOwn(cache.sites, host);
  const raw = (await browser.storage.local.get(WATCH_KEY))[WATCH_KEY] as
    | { sites?: Record<string, unknown> }
    | string[]
    | undefined;
  if (Array.isArray(raw)) return raw.some((h) => typeof h === 'string' && h.toLowerCase() === host);
  return Boolean(raw?.sites && Object.hasOwn(raw.sites, host));
}

/** Storage written by something else (an older version's data, devtools): read it again next time. */
export function watchStorageEdits() {
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes[WATCH_KEY] && JSON.stringify(changes[WATCH_KEY].newValue) !== JSON.stringify(cache))
      cache = null;
  });
}
