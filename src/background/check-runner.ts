// Runs the engine (core/engine/diagnose) with the browser's transports, and answers from a per-host cache:
// one check per host and tier at a time (20 tabs of one site = one check), a report reused for 5 minutes,
// a 25-second deadline. Caches survive a worker restart in storage.session (not for incognito tabs).
import browser from 'webextension-polyfill';
import { newAriCache } from '../core/certificates/ari';
import { diagnose } from '../core/engine/diagnose';
import { DohResolver } from '../core/dns/resolver';
import { FREE_HOURLY_BUDGET, isCtQuery, type CtQuota } from '../core/sources/ct';
import type { Report, Tier } from '../core/engine/types';
import { ctEndpoints, DEFAULT_CA_STATUS, DEFAULT_DOH, DEFAULT_RDAP_BASE } from '../shared/defaults';
import { IS_FIREFOX } from '../shared/platform';
import { invalidatesReports } from '../shared/settings';
import { SESSION } from '../shared/storage-keys';
import { HOUR, MINUTE } from '../core/engine/time';
import { browserSiteProbe, cachingClient, fetchClient, limitConcurrency } from './browser-transports';
import { onSettingsChanged, settings } from './settings-store';
import type { Served } from './tab-state';

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
let resolver: DohResolver | null = null;
function engineResolver(): DohResolver {
  resolver ??= new DohResolver({
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

export const runnerStats = () => ({ peakRequests: http.peak(), dohQueries: resolver?.queriesSent ?? 0, checksStarted });

export async function cachedReport(host: string, tier: Tier): Promise<Report | null> {
  const key = cacheKey(host, tier);
  let hit = reportCache.get(key);
  if (!hit) {
    hit = (await browser.storage.session.get(key))[key] as CacheEntry | undefined;
    if (hit) reportCache.set(key, hit);
  }
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
  if (running && !opts.force && running.certificateError === (opts.served?.certificateError ?? ''))
    return running.promise;
  // A caller that awaited storage for the cache may arrive just after a check finished and left `inflight`:
  // the memory cache, checked synchronously here, closes that gap (20 tabs of one site = one check).
  const fresh = reportCache.get(key);
  if (fresh && fresh.expires > Date.now() && !opts.force && !opts.served?.certificateError)
    return Promise.resolve(fresh.report);
  const s = settings();
  const served = opts.served?.host === host ? opts.served : undefined;
  ctQuota.hourlyBudget = s.ctKey ? undefined : FREE_HOURLY_BUDGET;
  checksStarted++;
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
      const entry = { report, expires: Date.now() + MIN_CACHE_MS };
      reportCache.set(key, entry);
      if (!opts.incognito) await browser.storage.session.set({ [key]: entry }).catch(() => {});
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
    await browser.storage.session.remove(cacheKey(host, tier)).catch(() => {});
  }
}

// New endpoints: a new resolver, and no report made with the old ones is reused.
// New endpoints (the settings table's rows marked invalidatesReports): a new resolver, and no report made with the
// old ones is reused.
onSettingsChanged(async (next, prev, loaded) => {
  if (loaded || !invalidatesReports(prev, next)) return;
  resolver = null;
  reportCache.clear();
  const all = await browser.storage.session.get(null).catch(() => ({}));
  await browser.storage.session
    .remove(Object.keys(all).filter((k) => k.startsWith(SESSION.reportPrefix)))
    .catch(() => {});
});
