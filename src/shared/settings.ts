// User settings in storage.local: ONE declarative table. Each row says a setting's default, how a stored or typed
// value is validated (on every read, and on Save), older names it was stored under (migration), whether a change
// drops cached reports, and how the options page shows it. The type, the defaults, migrateSettings, the options page,
// the worker's cache rule and the tests all derive from the table: adding a setting is one row plus its catalogue
// labels in _locales/en and _locales/ja (docs/settings.md).
import { ARI_DIRECTORIES } from '../core/certificates/ari';
import type { MessageKey } from '../core/engine/types';
import type { Lang } from '../core/words/i18n';
import type { Codec } from './serial-store';
import { DEFAULT_CA_STATUS, DEFAULT_CT_BASE, DEFAULT_DOH, DEFAULT_RDAP_BASE, LE_STAGING_DIRECTORY } from './defaults';

export const SETTINGS_SCHEMA = 1;

/** How the options page shows a setting: which section, which control, its label (a catalogue key). */
export type SettingUi =
  | { section: 'main'; control: 'radio' | 'select'; label: MessageKey; choices: Choice[] }
  | { section: 'advanced'; control: 'url'; label: MessageKey; placeholder: string }
  | { section: 'advanced'; control: 'secret'; label: MessageKey; hint: MessageKey; invalid: MessageKey };
/** A choice's label: a catalogue key (with parameters), or a name shown as it is (a language's own name). */
export interface Choice {
  value: string | number;
  label: { key: MessageKey; params?: Record<string, string | number> } | { text: string };
}

export interface SettingRow<T> {
  default: T;
  /** A stored or typed value → the setting, or undefined when it is not valid (the default on read, refused on Save). */
  parse: (value: unknown) => T | undefined;
  /** A change makes every cached report stale (they were made with other endpoints or another quota). */
  invalidatesReports: boolean;
  /** Names this setting was stored under by earlier versions, newest first (read when the current name is absent). */
  formerly?: string[];
  /** Another context changed it from `before` to `after` while `mine` was kept: the value to keep (default: theirs).
   * `informed`: see serial-store.ts Codec.merge. */
  merge?: (mine: T, before: T, after: T, informed: boolean) => T;
  /** Not on the options page when absent. */
  ui?: SettingUi;
}

function row<T>(r: SettingRow<T> & { ui: SettingUi }): SettingRow<T> & { ui: SettingUi };
function row<T>(r: SettingRow<T>): SettingRow<T>;
function row<T>(r: SettingRow<T>): SettingRow<T> {
  return r;
}
const oneOf =
  <const V extends string | number>(values: readonly V[]) =>
  (v: unknown): V | undefined =>
    values.find((x) => x === v);
const text = (check: (v: string) => boolean) => (v: unknown) => {
  if (typeof v !== 'string' || v.length > 2000) return undefined;
  const t = v.trim();
  return check(t) ? t : undefined;
};

/** https URLs, or http only for loopback (the lab, a local resolver). '' is valid: the public default. */
export function validEndpoint(value: string): boolean {
  if (value === '') return true;
  try {
    const u = new URL(value);
    if (u.protocol === 'https:') return true;
    return u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
  } catch {
    return false;
  }
}
const endpoint = (label: MessageKey, placeholder: string) =>
  row<string>({
    default: '',
    parse: text(validEndpoint),
    invalidatesReports: true,
    ui: { section: 'advanced', control: 'url', label, placeholder },
  });

/** Per-site host choices: a host name → a provider id. */
function parseOverrides(v: unknown): Record<string, string> | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, p] of Object.entries(v as Record<string, unknown>))
    if (k.length <= 253 && typeof p === 'string' && /^[a-z0-9-]{1,64}$/.test(p)) out[k] = p;
  return out;
}
/** One site's choice changed elsewhere: that site takes it; every other site keeps ours. */
function mergeOverrides(
  mine: Record<string, string>,
  before: Record<string, string>,
  after: Record<string, string>,
  informed: boolean,
) {
  const out = { ...mine };
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)]))
    if (before[k] !== after[k]) {
      if (after[k] === undefined) {
        if (informed) delete out[k];
      } else out[k] = after[k];
    }
  return out;
}

export const SETTINGS_TABLE = {
  autoChecks: row<AutoChecks>({
    default: 'all',
    parse: oneOf(['all', 'watched', 'off'] as const),
    invalidatesReports: false,
    ui: {
      section: 'main',
      control: 'radio',
      label: 'options_auto',
      choices: [
        { value: 'all', label: { key: 'options_auto_all' } },
        { value: 'watched', label: { key: 'options_auto_watched' } },
        { value: 'off', label: { key: 'options_auto_off' } },
      ],
    },
  }),
  lang: row<'auto' | Lang>({
    default: 'auto',
    parse: oneOf(['auto', 'en', 'ja'] as const),
    invalidatesReports: false,
    ui: {
      section: 'main',
      control: 'select',
      label: 'options_language',
      choices: [
        { value: 'auto', label: { key: 'options_language_auto' } },
        { value: 'en', label: { text: 'English' } },
        { value: 'ja', label: { text: '日本語' } },
      ],
    },
  }),
  /** How often watched sites are checked. */
  watchIntervalHours: row<6 | 12 | 24 | 48>({
    default: 24,
    parse: oneOf([6, 12, 24, 48] as const),
    invalidatesReports: false,
    ui: {
      section: 'main',
      control: 'select',
      label: 'options_watch_interval',
      choices: [6, 12, 24, 48].map((hours) => ({ value: hours, label: { key: 'options_hours', params: { hours } } })),
    },
  }),
  /** '' = the public default (each endpoint below too). */
  doh: endpoint('options_doh', DEFAULT_DOH[0]),
  ct: endpoint('options_ct', DEFAULT_CT_BASE),
  caStatus: endpoint('options_ca_status', DEFAULT_CA_STATUS),
  rdap: endpoint('options_rdap', DEFAULT_RDAP_BASE),
  /** ACME directory asked for ARI ('' = the issuing CA's own). */
  acmeDirectory: endpoint('options_acme_directory', ARI_DIRECTORIES['letsencrypt.org']),
  /** ACME directory "Ask the CA" orders at ('' = Let's Encrypt's staging); asked on a click, so no report is stale. */
  dryRunDirectory: { ...endpoint('options_dry_run_directory', LE_STAGING_DIRECTORY), invalidatesReports: false },
  /** Cert Spotter API key ('' = none): raises the hourly quota; sent to Cert Spotter only. */
  ctKey: row<string>({
    default: '',
    parse: text((v) => /^[\x21-\x7e]{0,200}$/.test(v)),
    invalidatesReports: true,
    ui: {
      section: 'advanced',
      control: 'secret',
      label: 'options_ct_key',
      hint: 'options_ct_key_hint',
      invalid: 'options_invalid_key',
    },
  }),
  /** The user's host choice per site ("Not right? choose the host"); the worker drops that site's reports itself. */
  overrides: row<Record<string, string>>({
    default: {},
    parse: parseOverrides,
    invalidatesReports: false,
    merge: mergeOverrides,
  }),
} as const;

type Table = typeof SETTINGS_TABLE;
export type SettingName = keyof Table;
export type AutoChecks = 'all' | 'watched' | 'off';
export type Settings = { schema: typeof SETTINGS_SCHEMA } & {
  -readonly [K in SettingName]: Table[K] extends SettingRow<infer T> ? T : never;
};
export const SETTING_NAMES = Object.keys(SETTINGS_TABLE) as SettingName[];
/** The settings the options page edits: every row with a `ui`, in the table's order. */
export type PageSettingName = { [K in SettingName]: Table[K] extends { ui: SettingUi } ? K : never }[SettingName];
export type PageSettings = Pick<Settings, PageSettingName>;
export const PAGE_SETTINGS = SETTING_NAMES.filter((k): k is PageSettingName => 'ui' in SETTINGS_TABLE[k]);
/** Only the page's settings of a copy. */
export const pageSettings = (s: PageSettings): PageSettings =>
  Object.fromEntries(PAGE_SETTINGS.map((k) => [k, s[k]])) as PageSettings;

const rows = SETTINGS_TABLE as Record<SettingName, SettingRow<unknown>>;

export const DEFAULT_SETTINGS = Object.freeze(
  Object.fromEntries([
    ['schema', SETTINGS_SCHEMA],
    ...SETTING_NAMES.map((k) => [k, structuredClone(rows[k].default)]),
  ]) as Settings,
);

/** Validates one value as its row does (undefined: not valid). */
export function parseSetting<K extends SettingName>(name: K, value: unknown): Settings[K] | undefined {
  return rows[name].parse(value) as Settings[K] | undefined;
}

/** Accepts anything found in storage (any earlier shape, hand-edited, corrupt) and returns valid settings. */
export function migrateSettings(raw: unknown): Settings {
  const s = (raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  const out: Record<string, unknown> = { schema: SETTINGS_SCHEMA };
  for (const k of SETTING_NAMES) {
    const name = [k, ...(rows[k].formerly ?? [])].find((n) => Object.hasOwn(s, n));
    const v = name === undefined ? undefined : rows[k].parse(s[name]);
    out[k] = v === undefined ? structuredClone(rows[k].default) : v;
  }
  return out as Settings;
}

/** The settings whose value differs between two copies. */
export function changedSettings(a: Settings, b: Settings): SettingName[] {
  return SETTING_NAMES.filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

/** Whether a change from `prev` to `next` makes cached reports stale (the rows marked invalidatesReports). */
export const invalidatesReports = (prev: Settings, next: Settings) =>
  changedSettings(prev, next).some((k) => rows[k].invalidatesReports);

/** The storage codec: a schema this version does not know is kept untouched (read-only), never overwritten. */
export const settingsCodec: Codec<Settings> = {
  read(raw) {
    const schema = raw && typeof raw === 'object' ? (raw as { schema?: unknown }).schema : undefined;
    // Every version so far wrote schema 1; a copy without one (hand-made) is read as schema 1.
    const known = schema === undefined || schema === SETTINGS_SCHEMA;
    return {
      value: migrateSettings(raw),
      readOnly: known ? null : { schema: JSON.stringify(schema).slice(0, 20) },
    };
  },
  write: (value) => migrateSettings(value),
  merge(mine, before, after, informed) {
    const out: Record<string, unknown> = { ...mine };
    for (const k of changedSettings(before, after)) {
      const merge = rows[k].merge;
      out[k] = merge ? merge(mine[k], before[k], after[k], informed) : after[k];
    }
    return out as Settings;
  },
};
