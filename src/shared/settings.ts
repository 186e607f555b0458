// User settings in storage.local, versioned so updates never lose them (migrations run on read).
import type { Lang } from '../core/words/i18n';

export type AutoChecks = 'all' | 'watched' | 'off';
export interface Settings {
  schema: 1;
  autoChecks: AutoChecks;
  /** '' = the public default. */
  doh: string;
  ct: string;
  caStatus: string;
  rdap: string;
  /** ACME directory asked for ARI ('' = the issuing CA's own). */
  acmeDirectory: string;
  /** ACME directory "Ask the CA" orders at ('' = Let's Encrypt's staging). */
  dryRunDirectory: string;
  /** Cert Spotter API key ('' = none): raises the hourly quota; sent to Cert Spotter only. */
  ctKey: string;
  lang: 'auto' | Lang;
  /** The user's host choice per site ("Not right? choose the host"). */
  overrides: Record<string, string>;
  /** How often watched sites are checked. */
  watchIntervalHours: 6 | 12 | 24 | 48;
}

export const DEFAULT_SETTINGS: Settings = {
  schema: 1,
  autoChecks: 'all',
  doh: '',
  ct: '',
  caStatus: '',
  rdap: '',
  acmeDirectory: '',
  dryRunDirectory: '',
  ctKey: '',
  lang: 'auto',
  overrides: {},
  watchIntervalHours: 24,
};

/** Accepts anything found in storage (older schema, hand-edited, corrupt) and returns valid settings. */
export function migrateSettings(raw: unknown): Settings {
  const s = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v.length < 2000 ? v.trim() : '');
  const overrides: Record<string, string> = {};
  if (s.overrides && typeof s.overrides === 'object') {
    for (const [k, v] of Object.entries(s.overrides as Record<string, unknown>))
      if (typeof v === 'string') overrides[k] = v;
  }
  return {
    schema: 1,
    autoChecks: s.autoChecks === 'watched' || s.autoChecks === 'off' ? s.autoChecks : 'all',
    doh: str(s.doh),
    ct: str(s.ct),
    caStatus: str(s.caStatus),
    rdap: str(s.rdap),
    acmeDirectory: str(s.acmeDirectory),
    dryRunDirectory: str(s.dryRunDirectory),
    ctKey: typeof s.ctKey === 'string' && /^[\x21-\x7e]{0,200}$/.test(s.ctKey.trim()) ? s.ctKey.trim() : '',
    lang: s.lang === 'en' || s.lang === 'ja' ? s.lang : 'auto',
    overrides,
    watchIntervalHours: ([6, 12, 24, 48] as const).find((h) => h === s.watchIntervalHours) ?? 24,
  };
}

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
