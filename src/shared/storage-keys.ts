// Every place the extension keeps data, in one registry: which storage area, which key, what it holds and who
// writes it. The keys are the stored format: renaming one loses what users have (a migration must move it).
import type { Tier } from '../core/engine/types';

/** storage.local (kept across restarts and updates; exported and imported by nobody but its owner). */
export const LOCAL = {
  /** The settings object (src/shared/settings.ts; migrated on read). Written by the worker only (settings-store). */
  settings: 'settings',
  /** The watch list (src/shared/watch-types.ts; versioned, migrated on read). Written by the worker (watch-store). */
  watchList: 'watchlist',
} as const;

/** storage.session (memory only, survives a worker restart, gone when the browser closes; never for incognito). */
export const SESSION = {
  /** Cert Spotter's Retry-After and the queries spent this hour (background/check-runner.ts). */
  ctQuota: 'ctQuota',
  /** A host's last report per tier (background/check-runner.ts): `host:<tier>:<host>`. */
  report: (tier: Tier, host: string) => `host:${tier}:${host}`,
  reportPrefix: 'host:',
  /** A tab's state (background/tab-state.ts; the e2e suite and the bench read it): `tab:<id>`. */
  tab: (tabId: number) => `tab:${tabId}`,
  tabPrefix: 'tab:',
  /** A cached API answer (Certificate Transparency, the CA's status page; background/browser-transports.ts). */
  http: (url: string) => `http:${url}`,
  /** The last watch-list import's outcome, under the options page's id, for a page whose answer was lost when the
   * worker stopped (background/handlers.ts importWatch). */
  importOutcome: 'importOutcome',
  /** "Ask the CA" for a host: running, or the CA's answer (background/ask-the-ca.ts): `askCa:<host>`. */
  askCa: (host: string) => `askCa:${host}`,
} as const;
