// The one typed message map between the popup/options pages and the background.
import type { Report } from '../core/types';
import type { WatchList } from './watch';
import type { LocalText } from '../core/types';

export interface TabView {
  tabId: number;
  url: string;
  host: string | null;
  /** checking = a check is running (partial report may be present). */
  status: 'idle' | 'checking' | 'done';
  /** ms from the start of the check to the badge (automatic tier). */
  badgeLatencyMs?: number;
  report: Report | null;
  notApplicable?: LocalText;
  error?: string;
  watched: boolean;
}

export interface Requests {
  getTab: { req: { tabId: number }; res: TabView };
  fullCheck: { req: { tabId: number; force?: boolean }; res: TabView };
  setOverride: { req: { host: string; provider: string | null; tabId?: number }; res: TabView | null };
  setWatched: { req: { host: string; watched: boolean }; res: { watched: boolean } };
  /** The options page's My sites table. */
  getWatchList: { req: Record<string, never>; res: WatchList };
  addWatch: { req: { input: string }; res: { ok: true; host: string } | { ok: false; reason: string } };
  removeWatch: { req: { host: string }; res: WatchList };
  checkWatchNow: { req: { host: string }; res: WatchList };
  exportWatch: { req: Record<string, never>; res: string };
  importWatch: { req: { text: string }; res: { ok: true; added: number } | { ok: false; reason: string } };
  /** Runs the watch alarm now (the e2e tests' hook; also "check all now"). force = every site is due. */
  watchTick: { req: { force?: boolean }; res: { checked: string[] } };
  /** The last full report of a watched site (notifications open it). */
  getSite: { req: { host: string }; res: TabView };
  /** Used by the e2e tests and the popup to read what the toolbar shows. */
  getBadge: { req: { tabId: number }; res: { text: string; title: string; color: string } };
  /** Measurements for npm run bench and the e2e suite: Firefox listener cost, peak requests in flight. */
  getStats: { req: Record<string, never>; res: { listenerMs: number[]; listenerWaitMs: number[]; peakRequests: number; dohQueries: number; checksStarted: number; notified: string[]; notifiedMessages: string[] } };
}

export type RequestType = keyof Requests;
export type Message = { [K in RequestType]: { type: K } & Requests[K]['req'] }[RequestType];

/** Streamed to the popup over the "popup" port while a full check runs. */
export type PortMessage = { type: 'update'; view: TabView };
