// The one typed protocol between the pages (popup, options), the tests, the bench and the background:
// request → response pairs for runtime.sendMessage, and the popup port's messages in both directions.
import type { DryRunResult } from '../core/checks/dry-run';
import type { LocalText, Report } from '../core/engine/types';
import type { PageSettings, Settings } from './settings';
import type { WatchView } from './watch-types';

export interface TabView {
  tabId: number;
  url: string;
  host: string | null;
  /** checking = a check is running (partial report may be present). */
  status: 'idle' | 'checking' | 'done';
  report: Report | null;
  notApplicable?: LocalText;
  /** Firefox: the user has not agreed that site names may be sent (src/background/consent.ts): nothing was checked. */
  needsConsent?: boolean;
  watched: boolean;
  /** "Ask the CA" for this host: running, or the CA's answer (already folded into `report`). */
  askCa?: AskCaState | null;
}

/** The popup's "Ask the CA" conversation for one host, owned by the worker (src/background/ask-the-ca.ts). */
export interface AskCaState {
  status: 'running' | 'done';
  startedAt: number;
  finishedAt?: number;
  directory: string;
  result?: DryRunResult;
}

/** What the worker keeps per tab (memory + storage.session), as tests and the bench read it. */
export interface TabState {
  tabId: number;
  url: string;
  host: string | null;
  status: TabView['status'];
  report: Report | null;
  /** When this navigation's check started, and when its badge was set (the badge-latency figure). */
  startedAt?: number;
  badgeAt?: number;
  /** The bench's navigation figures (issue #25): when the main-frame request left (the DNS work started then),
   * when the tab committed, and when the page had loaded (tabs.onUpdated "complete", after its load event). */
  navigationStartedAt?: number;
  committedAt?: number;
  loadedAt?: number;
}

export interface Requests {
  getTab: { req: { tabId: number }; res: TabView };
  /** The tab's state as the worker holds it, without starting a check (null: the worker has not seen the tab). */
  peekTab: { req: { tabId: number }; res: TabState | null };
  /** The options page's Save and Reset: the worker is the one writer of settings (per-site host choices and
   * everything the page does not show are kept). */
  saveSettings: { req: { settings: PageSettings; base: PageSettings }; res: SaveResult };
  fullCheck: { req: { tabId: number; force?: boolean }; res: TabView };
  /** The popup's "Ask the CA" button: starts the CA's dry run for the tab's host (a click only) and returns at once. */
  askTheCa: { req: { tabId: number }; res: TabView };
  setOverride: { req: { host: string; provider: string | null; tabId?: number }; res: TabView | null };
  /** The popup's Watch button: `watched` is the state stored; `text` says why a change was not made. */
  setWatched: { req: { host: string; watched: boolean }; res: { watched: boolean; text?: LocalText } };
  /** The options page's My sites table. */
  getWatchList: { req: Record<string, never>; res: WatchView };
  addWatch: {
    req: { input: string };
    res: { ok: true; host: string } | { ok: false; reason: string; text: LocalText };
  };
  /** Removes a site or a damaged entry (by its stored key). */
  removeWatch: { req: { host: string }; res: { list: WatchView; text?: LocalText } };
  checkWatchNow: { req: { host: string }; res: WatchView };
  exportWatch: { req: Record<string, never>; res: string };
  /** `id` (the page's): the outcome is also kept in storage.session under it, for `importOutcome`. */
  importWatch: { req: { text: string; id?: string }; res: ImportOutcome };
  /** What became of import `id`, when its answer was lost (the worker stopped): null = it never started. */
  importOutcome: { req: { id: string }; res: ImportOutcome | { ok: false; running: true } | null };
  /** Runs the watch alarm now (the e2e tests' hook; also "check all now"). force = every site is due. */
  watchTick: { req: { force?: boolean }; res: { checked: string[] } };
  /** The last full report of a watched site (notifications open it). */
  getSite: { req: { host: string }; res: TabView };
  /** Used by the e2e tests and the popup to read what the toolbar shows. */
  getBadge: { req: { tabId: number }; res: { text: string; title: string; color: string } };
  /** Measurements for npm run bench and the e2e suite: Firefox listener cost, peak requests in flight. */
  getStats: {
    req: Record<string, never>;
    res: {
      listenerMs: number[];
      listenerWaitMs: number[];
      peakRequests: number;
      dohQueries: number;
      checksStarted: number;
      /** Hosts whose DNS was looked up at the navigation's start, ahead of their check. */
      warmUps: number;
      notified: string[];
      notifiedMessages: string[];
      /** The navigation check's timeline (src/background/timeline.ts): epoch ms per step. */
      marks: { what: string; host: string; at: number }[];
    };
  };
}

export type ImportOutcome = { ok: true; added: number } | { ok: false; reason: string; text: LocalText };

/** The options page's Save: `conflict` = the stored settings are not those the page showed (changed elsewhere). */
export type SaveResult =
  | { ok: true; settings: Settings }
  | { ok: false; reason: 'conflict' | 'invalid' | 'read-only' | 'write-failed'; text: LocalText; settings: Settings };

export type RequestType = keyof Requests;
export type Message = { [K in RequestType]: { type: K } & Requests[K]['req'] }[RequestType];

/** The popup's port: it asks for the full check; the worker streams each partial report, then the last. */
export const POPUP_PORT = 'popup';
export type ToWorker = { type: 'fullCheck' } & Requests['fullCheck']['req'];
export type FromWorker = { type: 'update'; view: TabView };
