// Settings in the worker: read once at start-up, then kept in memory. The worker is the one writer of the
// settings key (the options page's Save and Reset, the popup's host choice and an import all ask it), so every
// change passes through `writeSettings` and every listener hears it.
import browser from 'webextension-polyfill';
import { DEFAULT_SETTINGS, migrateSettings, type Settings } from '../shared/settings';
import { LOCAL } from '../shared/storage-keys';

let current: Settings = DEFAULT_SETTINGS;
/** `loaded`: the first call, when the stored settings arrive at start-up (nothing changed: caches stay). */
type Listener = (next: Settings, prev: Settings, loaded: boolean) => void | Promise<void>;
const listeners: Listener[] = [];

async function apply(next: Settings, loaded = false) {
  const prev = current;
  current = next;
  await Promise.all(listeners.map((l) => l(next, prev, loaded)));
}

export const settings = (): Settings => current;
export function onSettingsChanged(listener: Listener) {
  listeners.push(listener);
}

/** Resolves once the stored settings are in memory and every listener (the translator) has seen them. */
export const settingsReady: Promise<void> = browser.storage.local
  .get(LOCAL.settings)
  .then((r) => apply(migrateSettings(r[LOCAL.settings]), true))
  .catch((e) => console.error('renewal-radar: settings', e));

export async function writeSettings(next: Settings): Promise<Settings> {
  const clean = migrateSettings(next);
  await browser.storage.local.set({ [LOCAL.settings]: clean });
  await apply(clean);
  return clean;
}

/** Set or clear the user's host choice for one site. */
export function setOverride(host: string, provider: string | null): Promise<Settings> {
  const overrides = { ...current.overrides };
  if (provider) overrides[host] = provider;
  else delete overrides[host];
  return writeSettings({ ...current, overrides });
}

/** Storage edited behind the worker's back (devtools, an older page still open): take it as it is. */
export function watchStorageEdits() {
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !changes[LOCAL.settings]) return;
    const next = migrateSettings(changes[LOCAL.settings].newValue);
    if (JSON.stringify(next) !== JSON.stringify(current)) void apply(next);
  });
}
