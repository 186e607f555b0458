// The watch list's data shapes, constants and sort order: light enough for the options page (no PSL).
import { DAY, HOUR } from '../core/engine/time';
import type { LocalText, Verdict } from '../core/engine/types';

export const WATCH_SCHEMA = 2;
/** A failed check is tried again after this long, and shown as unknown meanwhile. */
export const RETRY_MS = HOUR;
/** At most this many full checks per alarm tick (every 10 minutes): ≤ 48 CT queries an hour even uncached. */
export const MAX_PER_TICK = 8;

export interface WatchSummary {
  verdict: Verdict;
  codes: string[];
  provider: { name: string; nameJa: string } | null;
  notAfter: string | null;
  renewalPoint: string | null;
  main: LocalText | null;
  overdue: boolean;
}

export interface WatchedSite {
  host: string;
  addedAt: number;
  nextCheckAt: number;
  lastCheckedAt: number | null;
  last: WatchSummary | null;
  /** Checks that failed in a row (network, timeout). */
  failures: number;
  notified: { key: string; at: number } | null;
}

export interface WatchList {
  schema: typeof WATCH_SCHEMA;
  sites: Record<string, WatchedSite>;
}

export interface Notice {
  key: string;
  kind: 'worse' | 'new-fail' | 'overdue' | 'last-week';
}

/** Sort by urgency: will fail, unknown, at risk, ok; then the certificate that expires first. */
export function urgency(s: WatchedSite): number {
  const order: Record<string, number> = { fail: 0, unknown: 1, warn: 2, ok: 3, 'not-applicable': 4 };
  const v = s.last ? (order[s.last.verdict] ?? 5) : 1.5;
  const days = s.last?.notAfter ? Date.parse(s.last.notAfter) / DAY : 1e9;
  return v * 1e10 + days;
}
