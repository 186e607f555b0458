// The watch list in storage.local, through its one writer (src/shared/serial-store.ts): one in-memory copy, read
// once (migrating parses every host with the PSL, too slow to repeat on every read of a 200-site list), every
// change a queued read-modify-write, changes from other contexts merged.
import browser from 'webextension-polyfill';
import { SerialStore, type Step } from '../shared/serial-store';
import { HOUR } from '../core/engine/time';
import { LOCAL } from '../shared/storage-keys';
import { type WatchList, type WatchView, watchListCodec } from '../shared/watch';
import { settings, settingsReady } from './settings-store';

const store = new SerialStore<WatchList>(
  browser.storage.local,
  LOCAL.watchList,
  watchListCodec(
    () => Date.now(),
    () => settings().watchIntervalHours * HOUR,
  ),
);

/** The list after every change queued so far, and whether it is read-only (a schema this version does not write). */
export async function watchView(): Promise<WatchView> {
  await settingsReady; // new entries are scheduled with the user's interval
  const s = await store.read();
  return { ...s.value, readOnly: s.readOnly };
}

export const loadWatchList = async (): Promise<WatchList> => (await watchView()) as WatchList;

/** One read-modify-write in turn; rejects with ReadOnly or WriteFailed (serial-store.ts), the list unchanged. */
export async function updateWatchList<R>(fn: (list: WatchList) => Step<WatchList, R>): Promise<R> {
  await settingsReady;
  return store.update(fn);
}

/** Is this (already normalised) host watched? Reads the stored key directly: no migration of the whole list. */
export async function isWatched(host: string): Promise<boolean> {
  const loaded = store.peek();
  if (loaded) return Object.hasOwn(loaded.value.sites, host);
  const raw = (await browser.storage.local.get(LOCAL.watchList))[LOCAL.watchList] as
    | { sites?: Record<string, unknown> }
    | string[]
    | undefined;
  if (Array.isArray(raw)) return raw.some((h) => typeof h === 'string' && h.toLowerCase() === host);
  return Boolean(raw?.sites && typeof raw.sites === 'object' && Object.hasOwn(raw.sites, host));
}

/** Storage written by another context (an older version's data, devtools): merged into the copy, not discarded. */
export function watchStorageEdits() {
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes[LOCAL.watchList]) void store.changed(changes[LOCAL.watchList]);
  });
}
