// The watch list: what is watched, when each site is checked next, what changed, and when to notify. Pure
// functions over plain data (no browser API), so scheduling and state changes are tested with a fake clock.
import { parseTarget } from '../core/network/names';
import type { LocalText, MessageKey, Report, Verdict } from '../core/engine/types';
import { DAY } from '../core/engine/time';
import { mainFinding } from '../core/engine/verdict';
import {
  MAX_PER_TICK,
  RETRY_MS,
  WATCH_SCHEMA,
  type Notice,
  type WatchList,
  type WatchSummary,
  type WatchedSite,
} from './watch-types';

export * from './watch-types';

export const emptyWatchList = (): WatchList => ({ schema: WATCH_SCHEMA, sites: {} });

/** Stable per-host offset within the interval, so sites spread over the day instead of all at once. */
export function offsetFor(host: string, intervalMs: number): number {
  let h = 2166136261;
  for (let i = 0; i < host.length; i++) h = Math.imul(h ^ host.charCodeAt(i), 16777619) >>> 0;
  return h % intervalMs;
}

export function nextSlot(host: string, after: number, intervalMs: number): number {
  const off = offsetFor(host, intervalMs);
  const k = Math.floor((after - off) / intervalMs) + 1;
  return k * intervalMs + off;
}

/** A new site is due at once (checked within the next tick), then on its own slot. */
function site(host: string, now: number): WatchedSite {
  return { host, addedAt: now, nextCheckAt: now, lastCheckedAt: null, last: null, failures: 0, notified: null };
}

/** Anything found in storage (any earlier schema, hand-edited, corrupt) → a valid list. Nothing valid is dropped. */
export function migrateWatchList(raw: unknown, now: number, intervalMs: number): WatchList {
  const out = emptyWatchList();
  const add = (h: unknown, extra: Partial<WatchedSite> = {}) => {
    if (typeof h !== 'string') return;
    const c = parseTarget(h);
    if (!c.ok) return;
    out.sites[c.host] = {
      ...site(c.host, now),
      nextCheckAt: nextSlot(c.host, now, intervalMs),
      ...extra,
      host: c.host,
    };
  };
  // Schema 1 (0.1.0 development builds): a plain array of host names.
  if (Array.isArray(raw)) {
    for (const h of raw) add(h);
    return out;
  }
  if (!raw || typeof raw !== 'object') return out;
  const r = raw as { schema?: unknown; sites?: unknown };
  if (r.schema === WATCH_SCHEMA && r.sites && typeof r.sites === 'object') {
    for (const [h, v] of Object.entries(r.sites as Record<string, unknown>)) {
      const s = (v && typeof v === 'object' ? v : {}) as Partial<WatchedSite>;
      add(h, {
        addedAt: typeof s.addedAt === 'number' ? s.addedAt : now,
        nextCheckAt: typeof s.nextCheckAt === 'number' ? s.nextCheckAt : nextSlot(h, now, intervalMs),
        lastCheckedAt: typeof s.lastCheckedAt === 'number' ? s.lastCheckedAt : null,
        last:
          s.last && typeof s.last === 'object' && typeof (s.last as WatchSummary).verdict === 'string' ? s.last : null,
        failures: typeof s.failures === 'number' ? s.failures : 0,
        notified: s.notified && typeof s.notified === 'object' ? s.notified : null,
      });
    }
  }
  return out;
}

export function addSite(
  list: WatchList,
  input: string,
  now: number,
): { list: WatchList; host: string } | { error: string; text: LocalText } {
  const c = parseTarget(input);
  if (!c.ok) {
    if (!('invalid' in c)) return { error: 'not a public domain name', text: { key: 'watch_error_not_public' } };
    return {
      error: c.invalid,
      text: { key: input.trim() ? 'watch_error_invalid' : 'watch_error_empty', params: { detail: c.invalid } },
    };
  }
  if (list.sites[c.host]) return { list, host: c.host };
  return { list: { ...list, sites: { ...list.sites, [c.host]: site(c.host, now) } }, host: c.host };
}

export function removeSite(list: WatchList, host: string): WatchList {
  const sites = { ...list.sites };
  delete sites[host];
  return { ...list, sites };
}

/** Sites due now, most overdue first, at most `max`. */
export function dueSites(list: WatchList, now: number, max = MAX_PER_TICK): string[] {
  return Object.values(list.sites)
    .filter((s) => s.nextCheckAt <= now)
    .sort((a, b) => a.nextCheckAt - b.nextCheckAt)
    .slice(0, max)
    .map((s) => s.host);
}

export function summarize(r: Report): WatchSummary {
  const main = mainFinding(r.findings);
  return {
    verdict: r.verdict,
    codes: r.findings.filter((f) => f.severity !== 'info').map((f) => `${f.code}:${f.severity}`),
    provider: r.provider ? { name: r.provider.name, nameJa: r.provider.nameJa } : null,
    notAfter: r.certificate?.notAfter ?? null,
    renewalPoint: r.renewalPoint,
    main: main?.message ?? null,
    overdue: r.findings.some((f) => f.code === 'RENEWAL_OVERDUE'),
  };
}

const RANK: Record<Verdict, number> = { ok: 0, 'not-applicable': 0, warn: 1, unknown: 1, fail: 2 };

/** Whether a change deserves a notification (docs/design.md "What the user sees": worse, a new fail, past the
 * renewal point, last 7 days). */
export function noticeFor(prev: WatchSummary | null, next: WatchSummary, now: number): Notice | null {
  const daysLeft = next.notAfter ? (Date.parse(next.notAfter) - now) / DAY : Infinity;
  const prevDays = prev?.notAfter ? (Date.parse(prev.notAfter) - now) / DAY : Infinity;
  const fails = next.codes.filter((c) => c.endsWith(':fail'));
  const key = `${next.verdict}|${[...next.codes].sort().join(',')}|${daysLeft <= 7 ? 'last-week' : ''}`;
  if (
    next.verdict !== 'unknown' &&
    (prev === null ? RANK[next.verdict] > 0 : RANK[next.verdict] > RANK[prev.verdict] && prev.verdict !== 'unknown')
  )
    return { key, kind: 'worse' };
  if (fails.some((c) => !prev?.codes.includes(c))) return { key, kind: 'new-fail' };
  if (next.overdue && !prev?.overdue) return { key, kind: 'overdue' };
  if (daysLeft <= 7 && daysLeft > 0 && (prevDays > 7 || prev === null)) return { key, kind: 'last-week' };
  return null;
}

/** Records a check's outcome; returns the site and whether to notify (never the same state twice a day). */
export function recordResult(
  s: WatchedSite,
  report: Report | null,
  now: number,
  intervalMs: number,
): { site: WatchedSite; notice: Notice | null } {
  if (!report || report.verdict === 'unknown') {
    const last: WatchSummary = report
      ? summarize(report)
      : {
          ...(s.last ?? { codes: [], provider: null, notAfter: null, renewalPoint: null, main: null, overdue: false }),
          verdict: 'unknown',
        };
    return {
      site: { ...s, last, lastCheckedAt: now, failures: s.failures + 1, nextCheckAt: now + RETRY_MS },
      notice: null,
    };
  }
  const next = summarize(report);
  let notice = noticeFor(s.last?.verdict === 'unknown' ? null : s.last, next, now);
  if (notice && s.notified && s.notified.key === notice.key && now - s.notified.at < DAY) notice = null;
  return {
    site: {
      ...s,
      last: next,
      lastCheckedAt: now,
      failures: 0,
      nextCheckAt: nextSlot(s.host, now, intervalMs),
      notified: notice ? { key: notice.key, at: now } : s.notified,
    },
    notice,
  };
}

// ---- export / import ----
export interface ExportFile {
  format: 'renewal-radar-watchlist';
  version: 1;
  exportedAt: string;
  sites: string[];
  overrides: Record<string, string>;
}

export function exportData(list: WatchList, overrides: Record<string, string>, now: number): ExportFile {
  return {
    format: 'renewal-radar-watchlist',
    version: 1,
    exportedAt: new Date(now).toISOString(),
    sites: Object.keys(list.sites).sort(),
    overrides,
  };
}

/** Validates a whole file before anything changes: a bad file changes nothing and says why. */
export type ImportResult =
  | { ok: true; sites: string[]; overrides: Record<string, string> }
  | { ok: false; reason: string; text: LocalText };

/** Validates a whole file before anything changes: a bad file changes nothing and says why. */
export function parseImport(text: string, knownProviders: string[]): ImportResult {
  const refuse = (reason: string, key: MessageKey, params?: Record<string, string>): ImportResult => ({
    ok: false,
    reason,
    text: { key, params: { detail: reason, ...params } },
  });
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return refuse('not a JSON file', 'import_error_not_json');
  }
  const d = doc as Partial<ExportFile> | null;
  if (!d || typeof d !== 'object' || d.format !== 'renewal-radar-watchlist')
    return refuse('not a Renewal Radar watch-list export', 'import_error_not_export');
  if (d.version !== 1)
    return refuse(`unsupported version ${String(d.version)}`, 'import_error_version', {
      version: String(d.version).slice(0, 20),
    });
  if (!Array.isArray(d.sites)) return refuse('"sites" is not a list', 'import_error_layout');
  const sites: string[] = [];
  for (const h of d.sites) {
    const c = typeof h === 'string' ? parseTarget(h) : null;
    if (!c?.ok)
      return refuse(`invalid site ${JSON.stringify(h).slice(0, 80)}`, 'import_error_site', {
        site: JSON.stringify(h).slice(0, 80),
      });
    sites.push(c.host);
  }
  const overrides: Record<string, string> = {};
  for (const [h, p] of Object.entries(d.overrides ?? {})) {
    if (typeof p !== 'string' || !knownProviders.includes(p))
      return refuse(`unknown host provider ${JSON.stringify(p).slice(0, 40)} for ${h}`, 'import_error_provider', {
        provider: JSON.stringify(p).slice(0, 40),
        site: h.slice(0, 80),
      });
    const c = parseTarget(h);
    if (!c.ok)
      return refuse(`invalid site ${JSON.stringify(h).slice(0, 80)}`, 'import_error_site', {
        site: JSON.stringify(h).slice(0, 80),
      });
    overrides[c.host] = p;
  }
  return { ok: true, sites, overrides };
}
