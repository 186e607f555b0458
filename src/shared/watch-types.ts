// The watch list's data shapes, constants and sort order: light enough for the options page (no PSL).
import { DAY, HOUR } from '../core/engine/time';
import type { LocalText, Verdict } from '../core/engine/types';

export const WATCH_SCHEMA = 2;
/** A failed check is tried again after this long, and shown as unknown meanwhile. */
export const RETRY_MS = HOUR;
/** At most this many full checks per alarm tick (every 10 minutes): ≤ 48 CT queries an hour even uncached. */
export const MAX_PER_TICK = 8;
/** The largest import file: an export of 10,000 sites is about 300 KB. Larger files are refused in the page. */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
export const MAX_IMPORT_TEXT = '2 MB';

export interface WatchSummary {
  verdict: Verdict;
  codes: string[];
  provider: { name: string; nameJa: string } | null;
  /** The served certificate's dates; `notBefore` (its lifetime, for the notification thresholds) is absent in
   * summaries stored before 0.3: their lifetime is unknown and the 90-day thresholds apply. */
  notBefore?: string | null;
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
  /** Fields found invalid in storage (a number out of range, a wrong type) and reset: shown until the next check. */
  repaired?: string[];
}

/** An entry kept as it was stored because its key is not a host name we can check: shown, removable, written back. */
export interface DamagedEntry {
  key: string;
  raw: unknown;
}

export interface WatchList {
  schema: typeof WATCH_SCHEMA;
  sites: Record<string, WatchedSite>;
  /** Entries that could not be read (see DamagedEntry); absent when there are none. */
  damaged?: DamagedEntry[];
}

/** What the options page gets: the list, and why it is read-only (a schema this version does not write) if it is. */
export interface WatchView extends WatchList {
  readOnly: { schema: string } | null;
}

export interface Notice {
  key: string;
  /** last-stretch: the certificate entered the last 7/90 of its lifetime (7 days of a 90-day one, about 11 hours
   * of a 6-day one), at most its last 7 days. */
  kind: 'worse' | 'new-fail' | 'overdue' | 'last-stretch';
}

/** Sort by urgency: will fail, unknown, at risk, ok; then the certificate that expires first. */
export function urgency(s: WatchedSite): number {
  const order: Record<string, number> = { fail: 0, unknown: 1, warn: 2, ok: 3, 'not-applicable': 4 };
  const v = s.last ? (order[s.last.verdict] ?? 5) : 1.5;
  const days = s.last?.notAfter ? Date.parse(s.last.notAfter) / DAY : 1e9;
  return v * 1e10 + days;
}
