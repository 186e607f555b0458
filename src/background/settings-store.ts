// Settings in the worker, through their one writer (src/shared/serial-store.ts): read once at start-up, kept in
// memory, every change a queued read-modify-write (the options page's Save and Reset, the popup's host choice and an
// import all ask the worker), changes from other contexts merged; every listener hears each new value.
import browser from 'webextension-polyfill';
import { SerialStore } from '../shared/serial-store';
import {
  DEFAULT_SETTINGS,
  type PageSettings,
  PAGE_SETTINGS,
  parseSetting,
  type Settings,
  settingsCodec,
} from '../shared/settings';
import type { SaveResult } from '../shared/messages';
import { LOCAL } from '../shared/storage-keys';
import { storeErrorText } from './store-errors';

let current: Settings = DEFAULT_SETTINGS;
/** `loaded`: the first call, when the stored settings arrive at start-up (nothing changed: caches stay). */
type Listener = (next: Settings, prev: Settings, loaded: boolean) => void | Promise<void>;
const listeners: Listener[] = [];
let applying: Promise<unknown> = Promise.resolve();

function apply(next: Settings, loaded = false): Promise<unknown> {
  const prev = current;
  if (!loaded && JSON.stringify(prev) === JSON.stringify(next)) return applying;
  current = next;
  applying = Promise.all(listeners.map((l) => l(next, prev, loaded)));
  return applying;
}

const store = new SerialStore<Settings>(browser.storage.local, LOCAL.settings, settingsCodec);
store.onChange((s) => void apply(s.value));

export const settings = (): Settings => current;
export function onSettingsChanged(listener: Listener) {
  listeners.push(listener);
}

let listenersDone: Promise<unknown> = Promise.resolve();
const read = store.read().then((s) => {
  listenersDone = apply(s.value, true);
});
/**
 * Resolves once the stored settings are in memory (settings() returns them), before the listeners have finished:
 * enough for a navigation's DNS questions, which need the resolver and the automatic-checks setting but not the
 * translator's catalogues (a waking worker would otherwise fetch and parse those first; issue #25).
 */
export const settingsLoaded: Promise<void> = read.catch(() => {});
/** Resolves once the stored settings are in memory and every listener (the translator) has seen them. */
export const settingsReady: Promise<void> = read
  .then(() => listenersDone)
  .then(
    () => {},
    (e) => console.error('renewal-radar: settings', e),
  );

/** One change in turn; rejects with ReadOnly or WriteFailed (serial-store.ts), nothing changed. */
async function change(fn: (s: Settings) => Settings): Promise<Settings> {
  await settingsReady;
  const next = await store.update((s) => {
    const value = fn(s);
    return { value, result: value };
  });
  await apply(next);
  return current;
}

/** Set or clear the user's host choice for one site. */
export function setOverride(host: string, provider: string | null): Promise<Settings> {
  return change((s) => {
    const overrides = { ...s.overrides };
    if (provider) overrides[host] = provider;
    else delete overrides[host];
    return { ...s, overrides };
  });
}

/** Add host choices (an import). */
export const addOverrides = (more: Record<string, string>) =>
  change((s) => ({ ...s, overrides: { ...s.overrides, ...more } }));

/**
 * The options page's Save: `base` is what the page showed. When the stored settings differ from it (another tab
 * saved meanwhile), nothing is written and the page is told, with the stored settings to show: no stale overwrite.
 */
export async function saveFromPage(edited: PageSettings, base: PageSettings): Promise<SaveResult> {
  await settingsReady;
  try {
    const r = await store.update<SaveResult>((s) => {
      if (PAGE_SETTINGS.some((k) => JSON.stringify(s[k]) !== JSON.stringify(base[k])))
        return { result: { ok: false, reason: 'conflict', text: { key: 'options_changed_elsewhere' }, settings: s } };
      const next: Record<string, unknown> = { ...s };
      for (const k of PAGE_SETTINGS) {
        const v = parseSetting(k, edited[k]);
        if (v === undefined)
          return { result: { ok: false, reason: 'invalid', text: { key: 'settings_error_invalid' }, settings: s } };
        next[k] = v;
      }
      return { value: next as Settings, result: { ok: true, settings: next as Settings } };
    });
    if (r.ok) await apply(r.settings);
    return r;
  } catch (e) {
    const text = storeErrorText(e);
    if (!text) throw e;
    return {
      ok: false,
      reason: text.key === 'storage_read_only' ? 'read-only' : 'write-failed',
      text,
      settings: current,
    };
  }
}

/** Whether the stored settings are read-only (a schema this version does not write): null when writable. */
export const settingsReadOnly = () => store.peek()?.readOnly ?? null;

/** Storage edited by another context (devtools, an older page still open): merged, every listener told. */
export function watchStorageEdits() {
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes[LOCAL.settings]) void store.changed(changes[LOCAL.settings]);
  });
}
