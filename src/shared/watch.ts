// The watch list: what is watched, when each site is checked next, what changed, and when to notify. Pure
// functions over plain data (no browser API), so scheduling and state changes are tested with a fake clock.
import { parseTarget } from '../core/network/names';
import { badgeTitle } from '../core/engine/summary';
import type { LocalText, MessageKey, Report, Verdict } from '../core/engine/types';
import { DAY, HOUR } from '../core/engine/time';
import type { Codec, ReadOnlyReason } from './serial-store';
import { mainFinding } from '../core/engine/verdict';
import { displayText } from '../core/words/display-text';
import type { Translate } from '../core/words/i18n';
import {
  MAX_IMPORT_BYTES,
  MAX_IMPORT_TEXT,
  MAX_PER_TICK,
  RETRY_MS,
  WATCH_SCHEMA,
  type DamagedEntry,
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

// ---- reading what is stored: every field validated, nothing dropped ----
/** A time in ms that Date can show (1e300, NaN and Infinity are not). */
const time = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 8.64e15 ? v : undefined;
const date = (v: unknown): string | null | undefined =>
  v === null ? null : typeof v === 'string' && v.length <= 40 && Number.isFinite(Date.parse(v)) ? v : undefined;
const VERDICTS: readonly Verdict[] = ['ok', 'warn', 'fail', 'unknown', 'not-applicable'];

function localText(v: unknown): LocalText | null | undefined {
  if (v === null) return null;
  if (!v || typeof v !== 'object') return undefined;
  const t = v as { key?: unknown; params?: unknown };
  if (typeof t.key !== 'string' || !/^[a-z0-9_]{1,80}$/.test(t.key)) return undefined;
  if (t.params === undefined) return { key: t.key as MessageKey };
  if (!t.params || typeof t.params !== 'object') return undefined;
  const params: Record<string, string | number> = {};
  for (const [k, p] of Object.entries(t.params)) {
    if (typeof p === 'string' || (typeof p === 'number' && Number.isFinite(p))) params[k] = p;
    else return undefined;
  }
  return { key: t.key as MessageKey, params };
}

/** A stored WatchSummary, or undefined when any field of it is not what this version writes. */
function summary(v: unknown): WatchSummary | null | undefined {
  if (v === null) return null;
  if (!v || typeof v !== 'object') return undefined;
  const s = v as Record<string, unknown>;
  const verdict = VERDICTS.find((x) => x === s.verdict);
  const codes = Array.isArray(s.codes) && s.codes.every((c) => typeof c === 'string') ? (s.codes as string[]) : null;
  const p = s.provider as { name?: unknown; nameJa?: unknown } | null | undefined;
  const provider =
    p === null
      ? null
      : p && typeof p === 'object' && typeof p.name === 'string' && typeof p.nameJa === 'string'
        ? { name: p.name, nameJa: p.nameJa }
        : undefined;
  const notAfter = date(s.notAfter);
  // Absent in summaries stored before 0.3 (lifetime unknown); present but invalid: the summary is repaired.
  const notBefore = s.notBefore === undefined ? undefined : date(s.notBefore);
  if (s.notBefore !== undefined && notBefore === undefined) return undefined;
  const renewalPoint = date(s.renewalPoint);
  const main = localText(s.main);
  if (
    !verdict ||
    !codes ||
    provider === undefined ||
    notAfter === undefined ||
    renewalPoint === undefined ||
    main === undefined ||
    typeof s.overdue !== 'boolean'
  )
    return undefined;
  return {
    verdict,
    codes,
    provider,
    ...(notBefore !== undefined ? { notBefore } : {}),
    notAfter,
    renewalPoint,
    main,
    overdue: s.overdue,
  };
}

function notified(v: unknown): WatchedSite['notified'] | undefined {
  if (v === null) return null;
  const n = v as { key?: unknown; at?: unknown } | undefined;
  return n && typeof n === 'object' && typeof n.key === 'string' && time(n.at) !== undefined
    ? { key: n.key, at: n.at as number }
    : undefined;
}

/** One stored entry → a site; a field that is present but invalid is reset and named in `repaired`. */
function readSite(host: string, v: unknown, now: number, intervalMs: number): WatchedSite {
  const fresh: WatchedSite = { ...site(host, now), nextCheckAt: nextSlot(host, now, intervalMs) };
  if (!v || typeof v !== 'object' || Array.isArray(v)) return { ...fresh, repaired: ['entry'] };
  const s = v as Record<string, unknown>;
  const repaired: string[] = [];
  const field = <T>(name: keyof WatchedSite, parsed: T | undefined, fallback: T): T => {
    if (parsed !== undefined) return parsed;
    if (Object.hasOwn(s, name)) repaired.push(name);
    return fallback;
  };
  const failures = s.failures;
  const out: WatchedSite = {
    host,
    addedAt: field('addedAt', time(s.addedAt), now),
    nextCheckAt: field('nextCheckAt', time(s.nextCheckAt), fresh.nextCheckAt),
    lastCheckedAt: field('lastCheckedAt', s.lastCheckedAt === null ? null : time(s.lastCheckedAt), null),
    last: field('last', summary(s.last), null),
    failures: field(
      'failures',
      typeof failures === 'number' && Number.isInteger(failures) && failures >= 0 && failures < 1e6
        ? failures
        : undefined,
      0,
    ),
    notified: field('notified', notified(s.notified), null),
  };
  // Reset earlier and not yet checked since: still shown.
  if (Array.isArray(s.repaired))
    for (const r of s.repaired) if (typeof r === 'string' && r.length < 40 && !repaired.includes(r)) repaired.push(r);
  return repaired.length ? { ...out, repaired } : out;
}

/** The sites of a stored `sites` object (or a schema-1 array): valid hosts read, other keys kept as damaged. */
function readSites(raw: unknown, now: number, intervalMs: number): WatchList {
  const out = emptyWatchList();
  const damaged: DamagedEntry[] = [];
  const entries: [string, unknown][] = Array.isArray(raw)
    ? raw.map((h) => [typeof h === 'string' ? h : JSON.stringify(h), undefined])
    : raw && typeof raw === 'object'
      ? Object.entries(raw)
      : [];
  for (const [key, v] of entries) {
    const c = key.length <= 1000 ? parseTarget(key) : null;
    if (!c?.ok) {
      damaged.push({ key, raw: Array.isArray(raw) ? key : v });
      continue;
    }
    // Schema 1 (0.1.0 development builds): a plain array of host names, each new to the schedule.
    out.sites[c.host] = Array.isArray(raw)
      ? { ...site(c.host, now), nextCheckAt: nextSlot(c.host, now, intervalMs) }
      : readSite(c.host, v, now, intervalMs);
  }
  if (damaged.length) out.damaged = damaged;
  return out;
}

/**
 * Anything found in storage → the list to show and whether it may be written. Schema 1 (an array) and 2 are read and
 * written as 2; a list with any other schema number (a newer version's, or none) is shown as well as it can be and
 * kept read-only, never emptied or overwritten. Nothing valid is dropped; a bad entry is kept (damaged or repaired).
 */
export function readWatchList(
  raw: unknown,
  now: number,
  intervalMs: number,
): { value: WatchList; readOnly: ReadOnlyReason | null } {
  if (Array.isArray(raw)) return { value: readSites(raw, now, intervalMs), readOnly: null };
  if (!raw || typeof raw !== 'object') return { value: emptyWatchList(), readOnly: null };
  const r = raw as { schema?: unknown; sites?: unknown };
  const value = readSites(r.sites, now, intervalMs);
  return r.schema === WATCH_SCHEMA
    ? { value, readOnly: null }
    : { value, readOnly: { schema: r.schema === undefined ? 'none' : JSON.stringify(r.schema).slice(0, 20) } };
}

/** The readable part of anything stored (see readWatchList). */
export function migrateWatchList(raw: unknown, now: number, intervalMs: number): WatchList {
  return readWatchList(raw, now, intervalMs).value;
}

/** The list as stored: valid sites and, under their own keys, the damaged entries as they were. */
export function storedWatchList(list: WatchList): { schema: typeof WATCH_SCHEMA; sites: Record<string, unknown> } {
  return {
    schema: WATCH_SCHEMA,
    sites: Object.fromEntries([
      ...Object.entries(list.sites),
      ...(list.damaged ?? []).filter((d) => !Object.hasOwn(list.sites, d.key)).map((d) => [d.key, d.raw]),
    ]),
  };
}

/**
 * Another context changed the stored list from `before` to `after`: each site it added or changed, in ours, and each
 * it removed when it was `informed` (it wrote over the list as we last stored it; see serial-store.ts Codec.merge).
 */
export function mergeWatchLists(mine: WatchList, before: WatchList, after: WatchList, informed = true): WatchList {
  const sites = { ...mine.sites };
  for (const h of new Set([...Object.keys(before.sites), ...Object.keys(after.sites)])) {
    const b = before.sites[h];
    const a = after.sites[h];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    if (a) sites[h] = a;
    else if (informed) delete sites[h];
  }
  const key = (d: DamagedEntry) => d.key;
  const bd = new Map((before.damaged ?? []).map((d) => [key(d), d]));
  const ad = new Map((after.damaged ?? []).map((d) => [key(d), d]));
  const damaged = new Map((mine.damaged ?? []).map((d) => [key(d), d]));
  for (const k of new Set([...bd.keys(), ...ad.keys()])) {
    if (JSON.stringify(bd.get(k)) === JSON.stringify(ad.get(k))) continue;
    const a = ad.get(k);
    if (a) damaged.set(k, a);
    else if (informed) damaged.delete(k);
  }
  return { schema: WATCH_SCHEMA, sites, ...(damaged.size ? { damaged: [...damaged.values()] } : {}) };
}

/** The watch list's storage codec (src/shared/serial-store.ts); `interval` is read when a stored list is read. */
export const watchListCodec = (now: () => number, intervalMs: () => number): Codec<WatchList> => ({
  read: (raw) => readWatchList(raw, now(), intervalMs()),
  write: storedWatchList,
  merge: mergeWatchLists,
});

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

/** Removes a site, or a damaged entry by its stored key. */
export function removeSite(list: WatchList, host: string): WatchList {
  const sites = { ...list.sites };
  delete sites[host];
  const damaged = (list.damaged ?? []).filter((d) => d.key !== host);
  const { damaged: _old, ...rest } = list;
  return { ...rest, sites, ...(damaged.length ? { damaged } : {}) };
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
    notBefore: r.certificate?.notBefore ?? null,
    notAfter: r.certificate?.notAfter ?? null,
    renewalPoint: r.renewalPoint,
    main: main?.message ?? null,
    overdue: r.findings.some((f) => f.code === 'RENEWAL_OVERDUE'),
  };
}

/**
 * The last stretch of a certificate's life, whose start the watch list notifies once: 7/90 of its lifetime, at
 * most 7 days — 7 days of a 90-day certificate (as before lifetimes shrank), 3½ of a 45-day one, about 11 hours
 * of a 6-day one, whose healthy renewal happens three days before expiry (docs/design.md "Certificate
 * lifetimes"). A lifetime not known (a summary stored by an older version): 7 days.
 */
export function lastStretch(s: Pick<WatchSummary, 'notBefore' | 'notAfter'>): number {
  const life = lifetimeOf(s);
  return life !== null ? Math.min(7 * DAY, (life * 7) / 90) : 7 * DAY;
}

/** The certificate's lifetime (ms), or null when the summary does not know it. */
function lifetimeOf(s: Pick<WatchSummary, 'notBefore' | 'notAfter'>): number | null {
  const life = s.notBefore && s.notAfter ? Date.parse(s.notAfter) - Date.parse(s.notBefore) : Number.NaN;
  return Number.isFinite(life) && life > 0 ? life : null;
}

/**
 * How long a repeat of the same notification (the same state again, after it went away) is held back: a day for
 * a 90-day certificate, as before lifetimes shrank, and 1/90 of a shorter lifetime, as lastStretch scales its 7
 * days — about 1.6 hours of a 6-day certificate, which near its expiry is checked every few hours (checkInterval)
 * and for which a day is a sixth of its life. At most a day, at least an hour (the closest two checks come); a
 * day when the lifetime is not known.
 */
export function repeatQuiet(s: Pick<WatchSummary, 'notBefore' | 'notAfter'>): number {
  const life = lifetimeOf(s);
  return life !== null ? Math.max(HOUR, Math.min(DAY, life / 90)) : DAY;
}

/** The certificate has not expired at `at` and is within its last stretch. */
export function inLastStretch(s: Pick<WatchSummary, 'notBefore' | 'notAfter'>, at: number): boolean {
  if (!s.notAfter) return false;
  const left = Date.parse(s.notAfter) - at;
  return left > 0 && left <= lastStretch(s);
}

const RANK: Record<Verdict, number> = { ok: 0, 'not-applicable': 0, warn: 1, unknown: 1, fail: 2 };

/**
 * Whether a change deserves a notification (docs/design.md "What the user sees": worse, a new fail, past the
 * renewal point, the certificate's last stretch). `prevAt` is when `prev` was checked: the previous state is
 * judged as of then, so the same certificate crossing into its last stretch notifies once.
 */
export function noticeFor(prev: WatchSummary | null, next: WatchSummary, now: number, prevAt = now): Notice | null {
  const last = inLastStretch(next, now);
  const fails = next.codes.filter((c) => c.endsWith(':fail'));
  const key = `${next.verdict}|${[...next.codes].sort().join(',')}|${last ? 'last-stretch' : ''}`;
  if (
    next.verdict !== 'unknown' &&
    (prev === null ? RANK[next.verdict] > 0 : RANK[next.verdict] > RANK[prev.verdict] && prev.verdict !== 'unknown')
  )
    return { key, kind: 'worse' };
  if (fails.some((c) => !prev?.codes.includes(c))) return { key, kind: 'new-fail' };
  if (next.overdue && !prev?.overdue) return { key, kind: 'overdue' };
  if (last && (prev === null || !inLastStretch(prev, prevAt))) return { key, kind: 'last-stretch' };
  return null;
}

/**
 * The time a certificate has left, as a notification says it: days, hours under 2 days (a 6-day certificate's
 * stalled renewal is a matter of hours), nothing once it has expired (CERT_EXPIRED says that).
 */
export function timeLeftText(notAfter: string, now: number): LocalText | null {
  const left = Date.parse(notAfter) - now;
  if (!(left > 0)) return null;
  const date = notAfter.slice(0, 10);
  return left < 2 * DAY
    ? { key: 'notice_expires_hours', params: { date, hours: Math.max(1, Math.floor(left / HOUR)) } }
    : { key: 'notice_expires_days', params: { date, days: Math.floor(left / DAY) } };
}

/**
 * A notification's one line (at most 300 characters, visible escapes): what got worse (the badge's words: the
 * main finding), the renewal that was due for a past renewal point ("was due", never "is due" a day gone by),
 * and the time left once the certificate is in its last stretch or its renewal is overdue — relative to its own
 * lifetime, so a healthy 6-day certificate never reads as an alarm.
 */
export function noticeMessage(notice: Notice, r: Report, now: number, t: Translate): string {
  const parts: string[] = [];
  if (notice.kind !== 'last-stretch' || r.verdict !== 'ok') parts.push(badgeTitle(r, t));
  const main = mainFinding(r.findings);
  if (notice.kind === 'overdue' && r.renewalPoint && main?.code !== 'RENEWAL_OVERDUE') {
    const past = Date.parse(r.renewalPoint) < now;
    parts.push(
      t({
        key: past ? 'verdict_renewal_was_due' : 'verdict_renewal_point',
        params: { date: r.renewalPoint.slice(0, 10) },
      }),
    );
  }
  const c = r.certificate;
  const urgent = notice.kind === 'overdue' || notice.kind === 'last-stretch';
  if (c && (urgent || inLastStretch({ notBefore: c.notBefore, notAfter: c.notAfter }, now))) {
    const left = timeLeftText(c.notAfter, now);
    if (left) parts.push(t(left));
  }
  return displayText(parts.join(' '), { maxLength: 300 });
}

/**
 * How soon a site is checked again: the user's interval, but often enough for its own certificate — a twelfth of
 * its lifetime (12 hours for a 6-day certificate, whose renewal stalls within a day of expiry) and a quarter of the
 * time it has left (a certificate two days from expiry is looked at every 12 hours), never more than hourly. The
 * judged certificate is the origin host's behind a CDN, else the served one (docs/design.md "Which certificate").
 */
export function checkInterval(report: Report, intervalMs: number, now: number): number {
  const c = report.originCertificate ?? report.certificate;
  if (!c) return intervalMs;
  const start = Date.parse(c.notBefore);
  const end = Date.parse(c.notAfter);
  if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) return intervalMs;
  const byLifetime = (end - start) / 12;
  const byTimeLeft = end > now ? (end - now) / 4 : intervalMs;
  return Math.max(HOUR, Math.min(intervalMs, byLifetime, byTimeLeft));
}

/** Records a check's outcome; returns the site and whether to notify (never the same state twice within its
 * certificate's repeatQuiet: a day for a 90-day certificate). */
export function recordResult(
  checked: WatchedSite,
  report: Report | null,
  now: number,
  intervalMs: number,
): { site: WatchedSite; notice: Notice | null } {
  // A check rewrites the fields a repair reset: the note has served its purpose.
  const { repaired: _shown, ...s } = checked;
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
  let notice = noticeFor(s.last?.verdict === 'unknown' ? null : s.last, next, now, s.lastCheckedAt ?? now);
  if (notice && s.notified && s.notified.key === notice.key && now - s.notified.at < repeatQuiet(next)) notice = null;
  return {
    site: {
      ...s,
      last: next,
      lastCheckedAt: now,
      failures: 0,
      nextCheckAt: nextSlot(s.host, now, checkInterval(report, intervalMs, now)),
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
  // A UTF-16 length over the byte limit is over it in UTF-8 too.
  if (text.length > MAX_IMPORT_BYTES)
    return refuse(`the file is larger than ${MAX_IMPORT_TEXT}`, 'import_error_too_large', { max: MAX_IMPORT_TEXT });
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
