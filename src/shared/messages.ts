// The one typed message map between the popup/options pages and the background.
import type { Report } from '../core/types';
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
  /** Used by the e2e tests and the popup to read what the toolbar shows. */
  getBadge: { req: { tabId: number }; res: { text: string; title: string; color: string } };
  /** Measurements for npm run bench and the e2e suite: Firefox listener cost, peak requests in flight. */
  getStats: { req: Record<string, never>; res: { listenerMs: number[]; listenerWaitMs: number[]; peakRequests: number; dohQueries: number; checksStarted: number } };
}

export type RequestType = keyof Requests;
export type Message = { [K in RequestType]: { type: K } & Requests[K]['req'] }[RequestType];

/** Streamed to the popup over the "popup" port while a full check runs. */
export type PortMessage = { type: 'update'; view: TabView };
