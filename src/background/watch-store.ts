// The watch list in storage.local. The worker is its one writer: it keeps the migrated list in memory
// (migrating parses every host with the PSL, too slow to repeat on every read of a 200-site list).
import browser from 'webextension-polyfill';
import { HOUR } from '../core/engine/time';
import { LOCAL } from '../shared/storage-keys';
import { migrateWatchList, type WatchList } from '../shared/watch';
import { settings } from './settings-store';

let cache: WatchList | null = null;

export async function loadWatchList(): Promise<WatchList> {
  if (cache) return structuredClone(cache);
  const raw = (await browser.storage.local.get(LOCAL.watchList))[LOCAL.watchList];
  cache = migrateWatchList(raw, Date.now(), settings().watchIntervalHours * HOUR);
  return structuredClone(cache);
}

export async function saveWatchList(list: WatchList) {
  cache = structuredClone(list);
  await browser.storage.local.set({ [LOCAL.watchList]: list });
}

/** Is this (already normalised) host watched? Reads the stored key directly: no migration of the whole list. */
export async function isWatched(host: string): Promise<boolean> {
  if (cache) return Object.hasOwn(cache.sites, host);
  const raw = (await browser.storage.local.get(LOCAL.watchList))[LOCAL.watchList] as
    | { sites?: Record<string, unknown> }
    | string[]
    | undefined;
  if (Array.isArray(raw)) return raw.some((h) => typeof h === 'string' && h.toLowerCase() === host);
  return Boolean(raw?.sites && Object.hasOwn(raw.sites, host));
}

/** Storage written by something else (an older version's data, devtools): read it again next time. */
export function watchStorageEdits() {
  browser.storage.onChanged.addListener((changes, area) => {
    if (
      area === 'local' &&
      changes[LOCAL.watchList] &&
      JSON.stringify(changes[LOCAL.watchList].newValue) !== JSON.stringify(cache)
    )
      cache = null;
  });
}
