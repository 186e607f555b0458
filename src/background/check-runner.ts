// Runs the engine (core/engine/diagnose) with the browser's transports, and answers from a per-host cache:
// one check per host and tier at a time (20 tabs of one site = one check), a report reused for 5 minutes,
// a 25-second deadline. Caches survive a worker restart in storage.session (not for incognito tabs).
import browser from 'webextension-polyfill';
import { newAriCache } from '../core/certificates/ari';
import { diagnose, prefetchDns } from '../core/engine/diagnose';
import { DohResolver } from '../core/dns/resolver';
import { FREE_HOURLY_BUDGET, isCtQuery, type CtQuota } from '../core/sources/ct';
import type { Report, Tier } from '../core/engine/types';
import { ctEndpoints, DEFAULT_CA_STATUS, DEFAULT_DOH, DEFAULT_RDAP_BASE } from '../shared/defaults';
import { IS_FIREFOX } from '../shared/platform';
import { invalidatesReports } from '../shared/settings';
import { SESSION } from '../shared/storage-keys';
import { HOUR, MINUTE } from '../core/engine/time';
import { browserSiteProbe, cachingClient, fetchClient } from './browser-transports';
import { limitConcurrency } from './concurrency';
import { onSettingsChanged, settings } from './settings-store';
import type { Served } from './tab-state';
import { mark } from './timeline';

const CHECK_DEADLINE_MS = 25_000;
const MIN_CACHE_MS = 5 * MINUTE;

export const http = limitConcurrency(fetchClient, 6);
// Certificate Transparency allows 100 queries an hour without a key: its answers are reused for 6 hours. The CA's
// status page is one page for every site: fetched at most once per 10 minutes, whatever the watch list's size.
const isStatusPage = (url: string) => url === (settings().caStatus || DEFAULT_CA_STATUS);
const apiHttp = cachingClient(cachingClient(http, isCtQuery, 6 * HOUR), isStatusPage, 10 * MINUTE);

// Cert Spotter's Retry-After, kept across checks and worker restarts (storage.session): no request before then.
const ctQuota: CtQuota = { blockedUntil: 0, spent: [] };
void browser.storage.session
  .get(SESSION.ctQuota)
  .then((r) => {
    const v = (r as Record<string, { blockedUntil?: unknown; spent?: unknown } | undefined>)[SESSION.ctQuota];
    if (typeof v?.blockedUntil === 'number') ctQuota.blockedUntil = Math.max(ctQuota.blockedUntil, v.blockedUntil);
    if (Array.isArray(v?.spent))
      ctQuota.spent = [...v.spent.filter((t): t is number => typeof t === 'number'), ...(ctQuota.spent ?? [])].slice(
        -500,
      );
  })
  .catch(() => {});
function rememberQuota() {
  void browser.storage.session
    .set({ [SESSION.ctQuota]: { blockedUntil: ctQuota.blockedUntil, spent: ctQuota.spent ?? [] } })
    .catch(() => {});
}

// ARI: the CA's directory fetched once per 10 minutes, each answer kept as long as its Retry-After says.
const ariCache = newAriCache();
const clock = { now: () => Date.now() };
/** The resolver with a timeline mark per question asked and answered (a cached answer shows as answered at once). */
class MarkedResolver extends DohResolver {
  override query(name: string, type: Parameters<DohResolver['query']>[1], opts?: { urgent?: boolean }) {
    const what = `${type} ${name}`;
    mark('dns-ask', what);
    return super.query(name, type, opts).then((a) => {
      mark('dns-answer', what);
      return a;
    });
  }
}
let resolver: DohResolver | null = null;
function engineResolver(): DohResolver {
  resolver ??= new MarkedResolver({
    endpoints: settings().doh ? [settings().doh] : DEFAULT_DOH,
    http,
    clock,
    minTtlSeconds: 300,
  });
  return resolver;
}

interface CacheEntry {
  report: Report;
  expires: number;
}
const reportCache = new Map<string, CacheEntry>();
/** Checks under way, with the certificate error the browser had reported when each started ('' = none). */
const inflight = new Map<string, { promise: Promise<Report>; certificateError: string }>();
const cacheKey = (host: string, tier: Tier) => SESSION.report(tier, host);
let checksStarted = 0;
let warmUps = 0;

export const runnerStats = () => ({
  peakRequests: http.peak(),
  dohQueries: resolver?.queriesSent ?? 0,
  checksStarted,
  warmUps,
});

/** Hosts whose DNS is being looked up ahead of their check (the navigation started, the page has not committed). */
const warming = new Map<string, Promise<unknown>>();

/**
 * The DNS part of a host's check, started when the tab's main-frame request starts (issue #25): the page's own
 * request and ours run side by side. Only DNS (the automatic tier asks nothing else), through the one shared
 * resolver, so the check that runs when the tab commits — with the certificate and headers the browser saw —
 * finds every answer in flight or cached: no DoH question is asked twice, no report is made, nothing counts as a
 * check. Nothing runs when the host already has a fresh report or a check under way.
 */
export function warmUp(host: string): void {
  if (warming.has(host)) return;
  // Memory only: asking storage first would delay the first question by its round trip; after a worker restart
  // the resolver's cache is empty anyway, and the check at commit still answers from a stored report.
  for (const tier of ['automatic', 'full'] as Tier[]) {
    const key = cacheKey(host, tier);
    const fresh = reportCache.get(key);
    if (inflight.has(key) || (fresh && fresh.expires > Date.now())) return;
  }
  warmUps++;
  mark('warm', host);
  // The questions alone: a report made here would be thrown away, and building it costs the CPU the check at the
  // commit needs at the same moment (both would finish on the same last answer).
  const work = prefetchDns(host, engineResolver())
    .catch(() => null)
    .finally(() => {
      mark('warm-done', host);
      warming.delete(host);
    });
  warming.set(host, work);
}

/**
 * Report keys already read from storage.session in this worker's life, found or not. The worker is the only writer
 * of reports and puts each in memory before storage, so storage has nothing newer to say about these keys: a host
 * is read once after a (re)start, and its navigation's start reads it before the commit asks (preloadReports).
 */
const readFromStorage = new Map<string, Promise<void>>();
/** New endpoints' removal of every stored report: reads wait for it (they would find what is being removed). */
let reportsRemoved: Promise<unknown> = Promise.resolve();
function readStored(key: string): Promise<void> {
  let p = readFromStorage.get(key);
  if (!p) {
    if (readFromStorage.size >= 5000) readFromStorage.clear(); // only a cost: those are read again
    const read: Promise<void> = reportsRemoved
      .then(() => browser.storage.session.get(key))
      .then((r) => {
        const stored = (r as Record<string, CacheEntry | undefined>)[key];
        // A check that finished meanwhile has the newer report; a host or endpoint change meanwhile (dropHost, new
        // settings) forgot this read, and what it found was made before that change.
        if (stored && !reportCache.has(key) && readFromStorage.get(key) === read) reportCache.set(key, stored);
      })
      .catch(() => {});
    p = read;
    readFromStorage.set(key, p);
  }
  return p;
}

/** The navigation started: the host's stored reports are read now, beside the page's request, not at its commit. */
export function preloadReports(host: string): void {
  for (const tier of ['automatic', 'full'] as Tier[])
    if (!reportCache.has(cacheKey(host, tier))) void readStored(cacheKey(host, tier));
}

export async function cachedReport(host: string, tier: Tier): Promise<Report | null> {
  const key = cacheKey(host, tier);
  if (!reportCache.has(key)) await readStored(key);
  const hit = reportCache.get(key);
  return hit && hit.expires > Date.now() ? hit.report : null;
}

export interface RunOptions {
  served?: Served;
  incognito: boolean;
  force?: boolean;
  onUpdate?: (r: Report) => void;
}

export function runCheck(host: string, tier: Tier, opts: RunOptions): Promise<Report> {
  const key = cacheKey(host, tier);
  // Join a check under way only if it knows what this caller knows: the browser's refusal of the certificate
  // arrives after the navigation's check has started, and the check it starts must not join the one without it.
  const running = inflight.get(key);
  if (running && !opts.force && running.certificateError === (opts.served?.certificateError ?? '')) {
    mark('check-joined', host);
    return running.promise;
  }
  // A caller that awaited storage for the cache may arrive just after a check finished and left `inflight`:
  // the memory cache, checked synchronously here, closes that gap (20 tabs of one site = one check).
  const fresh = reportCache.get(key);
  if (fresh && fresh.expires > Date.now() && !opts.force && !opts.served?.certificateError)
    return Promise.resolve(fresh.report);
  const s = settings();
  const served = opts.served?.host === host ? opts.served : undefined;
  ctQuota.hourlyBudget = s.ctKey ? undefined : FREE_HOURLY_BUDGET;
  checksStarted++;
  mark('check', host);
  const work = diagnose(host, {
    resolver: engineResolver(),
    http: apiHttp,
    clock,
    tier,
    probe: tier === 'full' ? browserSiteProbe(http) : undefined,
    servedCertificate: IS_FIREFOX ? (served?.certificate ?? undefined) : undefined,
    servedCertificateError: served?.certificateError ?? null,
    pageHeaders: served?.headers && Object.keys(served.headers).length ? served.headers : null,
    ct: ctEndpoints(s.ct || undefined, s.ctKey || undefined),
    ctQuota,
    ari: { cache: ariCache, ...(s.acmeDirectory ? { directory: s.acmeDirectory } : {}) },
    rdapBase: s.rdap || DEFAULT_RDAP_BASE,
    caStatusUrl: s.caStatus || DEFAULT_CA_STATUS,
    providerOverride: s.overrides[host] ?? null,
    onUpdate: opts.onUpdate,
  });
  if (tier === 'full') void work.then(rememberQuota, rememberQuota);
  const deadline = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error('the check took too long')), CHECK_DEADLINE_MS),
  );
  const p = Promise.race([work, deadline])
    .then(async (report) => {
      mark('report', host);
      const entry = { report, expires: Date.now() + MIN_CACHE_MS };
      reportCache.set(key, entry);
      // Written behind the badge, not before it: memory answers this worker, storage only a restarted one; a turn
      // later, since serialising the report for storage is CPU the badge would wait for.
      if (!opts.incognito) setTimeout(() => void browser.storage.session.set({ [key]: entry }).catch(() => {}), 0);
      return report;
    })
    .finally(() => {
      if (inflight.get(key)?.promise === p) inflight.delete(key);
    });
  inflight.set(key, { promise: p, certificateError: opts.served?.certificateError ?? '' });
  return p;
}

/** Forget one host's reports (its host choice changed). */
export async function dropHost(host: string) {
  for (const tier of ['automatic', 'full'] as Tier[]) {
    reportCache.delete(cacheKey(host, tier));
    // Known absent from now on: a read under way (it may find the old report) is forgotten with it.
    readFromStorage.set(cacheKey(host, tier), Promise.resolve());
    await browser.storage.session.remove(cacheKey(host, tier)).catch(() => {});
  }
}

// New endpoints (the settings table's rows marked invalidatesReports): a new resolver, and no report made with the
// old ones is reused.
onSettingsChanged(async (next, prev, loaded) => {
  if (loaded || !invalidatesReports(prev, next)) return;
  resolver = null;
  reportCache.clear();
  readFromStorage.clear();
  reportsRemoved = (async () => {
    const all = await browser.storage.session.get(null).catch(() => ({}));
    await browser.storage.session
      .remove(Object.keys(all).filter((k) => k.startsWith(SESSION.reportPrefix)))
      .catch(() => {});
  })();
  await reportsRemoved;
});
