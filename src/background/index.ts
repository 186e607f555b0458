// The background: watches navigations, runs the automatic tier for every http(s) page, the full tier when the
// popup asks, keeps per-tab state in storage.session (Chrome drops globals after 30 s idle) and sets badges.
// Every listener is registered synchronously at the top level so it survives worker/event-page restarts.
import browser, { type Runtime, type WebRequest } from 'webextension-polyfill';
import { diagnose } from '../core/diagnose';
import { DohResolver } from '../core/dns/resolver';
import { makeTranslator, pickLang, type Catalogue, type Lang } from '../core/i18n';
import { classifyHost } from '../core/names';
import type { ServedCertificate } from '../core/net';
import { FREE_HOURLY_BUDGET, type CtQuota } from '../core/sources/ct';
import { newAriCache } from '../core/ari';
import type { Report, Tier } from '../core/types';
import { ctEndpoints, DEFAULT_CA_STATUS, DEFAULT_DOH, DEFAULT_RDAP_BASE } from '../shared/defaults';
import type { Message, PortMessage, Requests, TabView } from '../shared/messages';
import { DEFAULT_SETTINGS, migrateSettings, SETTINGS_KEY, type Settings } from '../shared/settings';
import { PROVIDERS } from '../core/providers';
import { addSite, dueSites, exportData, HOUR, migrateWatchList, parseImport, recordResult, removeSite, WATCH_KEY, type WatchList } from '../shared/watch';
import { badgeFor, forgetBadge, readBadge, setBadge } from './badge';
import { browserSiteProbe, cachingClient, fetchClient, limitConcurrency, registerProbeListeners } from './browser-transports';

declare const __BROWSER__: 'chrome' | 'firefox';
const IS_FIREFOX = typeof __BROWSER__ !== 'undefined' && __BROWSER__ === 'firefox';
const CHECK_DEADLINE_MS = 25_000;
const MIN_CACHE_MS = 5 * 60_000;

// ---------- settings and engine ----------
let settings: Settings = DEFAULT_SETTINGS;
const settingsReady = browser.storage.local.get(SETTINGS_KEY).then((r) => { settings = migrateSettings(r[SETTINGS_KEY]); }).then(() => refreshTranslator()).catch((e) => console.error('renewal-radar: settings', e));
const http = limitConcurrency(fetchClient, 6);
// Certificate Transparency allows 100 queries an hour without a key: its answers are reused for 6 hours. The CA's
// status page is one page for every site: fetched at most once per 10 minutes, whatever the watch list's size.
const isStatusPage = (url: string) => url === (settings.caStatus || DEFAULT_CA_STATUS);
const apiHttp = cachingClient(cachingClient(http, (url) => url.includes('/v1/issuances?') || url.includes('output=json'), 6 * HOUR), isStatusPage, 10 * 60_000);
// Cert Spotter's Retry-After, kept across checks and worker restarts (storage.session): no request before then.
const ctQuota: CtQuota = { blockedUntil: 0, spent: [] };
// ARI: the CA's directory fetched once per 10 minutes, each answer kept as long as its Retry-After says.
const ariCache = newAriCache();
void browser.storage.session.get('ctQuota').then((r) => {
  const v = (r as { ctQuota?: { blockedUntil?: unknown; spent?: unknown } }).ctQuota;
  if (typeof v?.blockedUntil === 'number') ctQuota.blockedUntil = Math.max(ctQuota.blockedUntil, v.blockedUntil);
  if (Array.isArray(v?.spent)) ctQuota.spent = [...v.spent.filter((t): t is number => typeof t === 'number'), ...(ctQuota.spent ?? [])].slice(-500);
}).catch(() => {});
function rememberQuota() { void browser.storage.session.set({ ctQuota: { blockedUntil: ctQuota.blockedUntil, spent: ctQuota.spent ?? [] } }).catch(() => {}); }
let resolver: DohResolver | null = null;
const clock = { now: () => Date.now() };
// The catalogue for tooltips is read from the extension's own files, not bundled.
const catalogues: Partial<Record<Lang, Catalogue>> = {};
async function loadCatalogue(l: Lang): Promise<Catalogue> {
  catalogues[l] ??= await fetch(browser.runtime.getURL(`_locales/${l}/messages.json`)).then((r) => r.json() as Promise<Catalogue>);
  return catalogues[l]!;
}

function engineResolver(): DohResolver {
  resolver ??= new DohResolver({ endpoints: settings.doh ? [settings.doh] : DEFAULT_DOH, http, clock, minTtlSeconds: 300 });
  return resolver;
}
function lang(): Lang {
  return settings.lang !== 'auto' ? settings.lang : pickLang([browser.i18n.getUILanguage()]);
}
let translator = makeTranslator({ en: {}, ja: {} }, 'en');
async function refreshTranslator() {
  const l = lang();
  const [en, own] = await Promise.all([loadCatalogue('en'), loadCatalogue(l)]);
  translator = makeTranslator({ en, ja: l === 'ja' ? own : en }, l);
}
const t = () => translator;

// ---------- per-tab state (memory + storage.session) ----------
interface TabRecord {
  tabId: number; url: string; host: string | null; incognito: boolean;
  status: TabView['status']; report: Report | null; notApplicable?: TabView['notApplicable']; error?: string;
  /** Evidence the browser saw on this navigation (Firefox: certificate; both: response headers). */
  served?: { host: string; certificate: ServedCertificate | null; headers: Record<string, string>; certificateError?: string };
  startedAt?: number;
  /** When the badge was set for this navigation (for the badge-latency figure). */
  badgeAt?: number;
}
const tabs = new Map<number, TabRecord>();
const tabKey = (id: number) => `tab:${id}`;

async function loadTab(tabId: number): Promise<TabRecord | undefined> {
  const mem = tabs.get(tabId);
  if (mem) return mem;
  const stored = (await browser.storage.session.get(tabKey(tabId)))[tabKey(tabId)] as TabRecord | undefined;
  if (stored) tabs.set(tabId, stored);
  return stored;
}
async function saveTab(rec: TabRecord) {
  tabs.set(rec.tabId, rec);
  if (!rec.incognito) await browser.storage.session.set({ [tabKey(rec.tabId)]: rec }).catch(() => {});
}

// ---------- per-host report cache + in-flight de-duplication ----------
interface CacheEntry { report: Report; expires: number }
const reportCache = new Map<string, CacheEntry>();
let checksStarted = 0;
const inflight = new Map<string, Promise<Report>>();
const cacheKey = (host: string, tier: Tier) => `host:${tier}:${host}`;

async function cachedReport(host: string, tier: Tier): Promise<Report | null> {
  const key = cacheKey(host, tier);
  let hit = reportCache.get(key);
  if (!hit) {
    hit = (await browser.storage.session.get(key))[key] as CacheEntry | undefined;
    if (hit) reportCache.set(key, hit);
  }
  return hit && hit.expires > Date.now() ? hit.report : null;
}

function runCheck(host: string, tier: Tier, opts: { served?: TabRecord['served']; incognito: boolean; force?: boolean; onUpdate?: (r: Report) => void }): Promise<Report> {
  const key = cacheKey(host, tier);
  const running = inflight.get(key);
  if (running && !opts.force) return running;
  // A caller that awaited storage for the cache may arrive just after a check finished and left `inflight`:
  // the memory cache, checked synchronously here, closes that gap (20 tabs of one site = one check).
  const fresh = reportCache.get(key);
  if (fresh && fresh.expires > Date.now() && !opts.force && !(opts.served?.certificateError)) return Promise.resolve(fresh.report);
  const override = settings.overrides[host] ?? null;
  const served = opts.served?.host === host ? opts.served : undefined;
  ctQuota.hourlyBudget = settings.ctKey ? undefined : FREE_HOURLY_BUDGET;
  const ct = ctEndpoints(settings.ct || undefined, settings.ctKey || undefined);
  checksStarted++;
  const work = diagnose(host, {
    resolver: engineResolver(), http: apiHttp, clock, tier,
    probe: tier === 'full' ? browserSiteProbe(http) : undefined,
    servedCertificate: IS_FIREFOX ? served?.certificate ?? undefined : undefined,
    servedCertificateError: served?.certificateError ?? null,
    pageHeaders: served?.headers && Object.keys(served.headers).length ? served.headers : null,
    ct, ctQuota, ari: { cache: ariCache, ...(settings.acmeDirectory ? { directory: settings.acmeDirectory } : {}) }, rdapBase: settings.rdap || DEFAULT_RDAP_BASE, caStatusUrl: settings.caStatus || DEFAULT_CA_STATUS,
    providerOverride: override, onUpdate: opts.onUpdate,
  });
  if (tier === 'full') void work.then(rememberQuota, rememberQuota);
  const deadline = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the check took too long')), CHECK_DEADLINE_MS));
  const p = Promise.race([work, deadline]).then(async (report) => {
    const entry = { report, expires: Date.now() + MIN_CACHE_MS };
    reportCache.set(key, entry);
    if (!opts.incognito) await browser.storage.session.set({ [key]: entry }).catch(() => {});
    return report;
  }).finally(() => inflight.delete(key));
  inflight.set(key, p);
  return p;
}

function failureReport(host: string, tier: Tier, reason: string): Report {
  return {
    host, registrableDomain: null, checkedAt: new Date().toISOString(), tier, verdict: 'unknown', provider: null, cdn: null,
    certificate: null, notes: [{ source: 'dns', status: 'failed', reason }], dns: null, renewalPoint: null,
    findings: [{ code: 'DNS_LOOKUP_FAILED', severity: 'unknown', message: { key: 'finding_dns_lookup_failed', params: { reason } } }],
  };
}

// ---------- navigation → automatic tier ----------
// The worker is the only writer of the watch list: it keeps the migrated list in memory (migrating parses every
// host with the PSL, too slow to repeat on every read of a 200-site list).
let watchListCache: WatchList | null = null;
async function loadWatchList(): Promise<WatchList> {
  if (watchListCache) return structuredClone(watchListCache);
  const raw = (await browser.storage.local.get(WATCH_KEY))[WATCH_KEY];
  watchListCache = migrateWatchList(raw, Date.now(), settings.watchIntervalHours * HOUR);
  return structuredClone(watchListCache);
}
async function saveWatchList(list: WatchList) {
  watchListCache = structuredClone(list);
  await browser.storage.local.set({ [WATCH_KEY]: list });
}
/** Is this (already normalised) host watched? Reads the stored key directly: no migration of the whole list. */
async function isWatched(host: string): Promise<boolean> {
  if (watchListCache) return Object.prototype.hasOwnProperty.call(watchListCache.sites, host);
  const raw = (await browser.storage.local.get(WATCH_KEY))[WATCH_KEY] as { sites?: Record<string, unknown> } | string[] | undefined;
  if (Array.isArray(raw)) return raw.some((h) => typeof h === 'string' && h.toLowerCase() === host);
  return Boolean(raw?.sites && Object.prototype.hasOwnProperty.call(raw.sites, host));
}

async function onNavigate(tabId: number, url: string, incognito: boolean) {
  await settingsReady;
  const prev = await loadTab(tabId);
  let host: string | null = null;
  let notApplicable: TabView['notApplicable'];
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') notApplicable = { key: 'na_browser_page' };
    else {
      const c = classifyHost(u.hostname);
      if (c.ok) host = c.host;
      else notApplicable = 'notApplicable' in c ? c.notApplicable : { key: 'na_no_suffix' };
    }
  } catch {
    notApplicable = { key: 'na_browser_page' };
  }
  const served = prev?.served && host && prev.served.host === host ? prev.served : undefined;
  const rec: TabRecord = { tabId, url, host, incognito, status: host ? 'checking' : 'done', report: null, notApplicable, served, startedAt: Date.now() };
  await saveTab(rec);
  forgetBadge(tabId);
  if (!host) { await setBadge(tabId, 'none', t()('badge_na')); return; }

  const watchedHost = await isWatched(host);
  if (settings.autoChecks === 'off' || (settings.autoChecks === 'watched' && !watchedHost)) {
    rec.status = 'idle';
    await saveTab(rec);
    await setBadge(tabId, 'none', t()('actionTitle'));
    return;
  }
  const tier: Tier = watchedHost ? 'full' : 'automatic';
  const cached = await cachedReport(host, tier) ?? (tier === 'automatic' ? await cachedReport(host, 'full') : null);
  if (cached && !servedCertificateChanged(cached, served)) return finish(rec, cached);
  // "…" only when the check is slow enough to notice.
  const slow = setTimeout(() => { void stillChecking(tabId, rec.startedAt!).then((yes) => { if (yes) void setBadge(tabId, 'checking', t()('badge_checking')); }); }, 300);
  try {
    const report = await runCheck(host, tier, { served, incognito });
    await finish(rec, report);
  } catch (e) {
    await finish(rec, failureReport(host, tier, e instanceof Error ? e.message : String(e)));
  } finally {
    clearTimeout(slow);
  }
}

/** Firefox: a cached report without the certificate the browser now holds is re-derived (DNS is cached). */
function servedCertificateChanged(cached: Report, served: TabRecord['served']): boolean {
  if (served?.certificateError) return !cached.findings.some((f) => f.evidence?.some((e) => e.includes(served.certificateError!)));
  if (!IS_FIREFOX || !served?.certificate) return false;
  return !cached.certificate || cached.certificate.source !== 'connection' || cached.certificate.fingerprintSha256 !== served.certificate.fingerprint?.sha256;
}

async function stillChecking(tabId: number, startedAt: number) {
  const cur = await loadTab(tabId);
  return cur?.status === 'checking' && cur.startedAt === startedAt;
}

async function finish(rec: TabRecord, report: Report) {
  const cur = await loadTab(rec.tabId);
  if (!cur || cur.url !== rec.url || cur.startedAt !== rec.startedAt) return; // the tab moved on
  cur.status = 'done';
  cur.report = report;
  const b = badgeFor(report, t());
  await setBadge(rec.tabId, b.kind, b.title);
  cur.badgeAt = Date.now();
  await saveTab(cur);
}

browser.tabs.onUpdated.addListener((tabId, change, tab) => {
  if (change.url || (change.status === 'loading' && tab.url)) {
    const url = change.url ?? tab.url!;
    void loadTab(tabId).then((prev) => {
      // tabs.onUpdated fires several times per navigation; one check per URL per load.
      if (prev && prev.url === url && change.status !== 'loading') return;
      if (prev && prev.url === url && prev.status !== 'done' && Date.now() - (prev.startedAt ?? 0) < 2000) return;
      return onNavigate(tabId, url, Boolean(tab.incognito));
    }).catch((e) => console.error('renewal-radar: navigation', e));
  }
});
browser.tabs.onRemoved.addListener((tabId) => {
  tabs.delete(tabId);
  forgetBadge(tabId);
  void browser.storage.session.remove(tabKey(tabId)).catch(() => {});
});

// ---------- what the browser saw: headers (both) and the certificate (Firefox) ----------
function recordServed(d: WebRequest.OnHeadersReceivedDetailsType, certificate: ServedCertificate | null) {
  let host: string;
  try { host = new URL(d.url).hostname.toLowerCase(); } catch { return; }
  const headers: Record<string, string> = {};
  for (const h of d.responseHeaders ?? []) if (h.value !== undefined && h.name.length < 100) headers[h.name.toLowerCase()] = h.value.slice(0, 500);
  const rec = tabs.get(d.tabId);
  const served = { host, certificate, headers };
  if (rec) { rec.served = served; void saveTab(rec); } else {
    tabs.set(d.tabId, { tabId: d.tabId, url: '', host: null, incognito: Boolean((d as { incognito?: boolean }).incognito), status: 'idle', report: null, served });
  }
}

// The browser refused the page's certificate: Chrome's only window on an expired or mismatched certificate.
browser.webRequest.onErrorOccurred.addListener((d) => {
  if (!/cert|SEC_ERROR|SSL_ERROR/i.test(d.error)) return;
  let host: string;
  try { host = new URL(d.url).hostname.toLowerCase(); } catch { return; }
  const rec = tabs.get(d.tabId);
  const served = { host, certificate: null, headers: {}, certificateError: d.error.slice(0, 100) };
  if (!rec) { tabs.set(d.tabId, { tabId: d.tabId, url: '', host: null, incognito: false, status: 'idle', report: null, served }); return; }
  rec.served = served;
  void saveTab(rec);
  // The navigation's check may already be under way without this: run it again with it.
  if (rec.host === host && rec.url) void onNavigate(d.tabId, rec.url, rec.incognito).catch((e) => console.error('renewal-radar: recheck', e));
}, { urls: ['https://*/*'], types: ['main_frame'] });

/** Cost of the Firefox blocking listener per https main-frame response (DESIGN.md budget: median ≤ 0.5 ms):
 * the listener's own JavaScript, and how long the response waits for getSecurityInfo's answer. */
const listenerMs: number[] = [];
const listenerWaitMs: number[] = [];

if (IS_FIREFOX) {
  // Blocking is required for getSecurityInfo: https main frames only (plain http has no certificate), and the
  // listener only asks and records, so no page waits on us for long.
  const ws = browser.webRequest as unknown as {
    getSecurityInfo(id: string, o: object): Promise<{ certificates?: ServedCertificate[]; isUntrusted?: boolean; isDomainMismatch?: boolean }>;
  };
  browser.webRequest.onHeadersReceived.addListener(
    (d) => {
      const started = performance.now();
      // rawDER is not requested: without a DER parser in the bundle it would only cost time on every page.
      const answer = ws.getSecurityInfo(d.requestId, {}).then((info) => {
        const leaf = info.certificates?.[0];
        recordServed(d, leaf
          ? { subject: leaf.subject, issuer: leaf.issuer, validity: leaf.validity, fingerprint: leaf.fingerprint, serialNumber: leaf.serialNumber,
            isUntrusted: Boolean(info.isUntrusted), isDomainMismatch: Boolean(info.isDomainMismatch) }
          : null);
        if (listenerWaitMs.length < 1000) listenerWaitMs.push(performance.now() - started);
        return {};
      }, () => { recordServed(d, null); return {}; });
      if (listenerMs.length < 1000) listenerMs.push(performance.now() - started);
      return answer;
    },
    { urls: ['https://*/*'], types: ['main_frame'] },
    ['blocking', 'responseHeaders'],
  );
  browser.webRequest.onHeadersReceived.addListener((d) => { recordServed(d, null); }, { urls: ['http://*/*'], types: ['main_frame'] }, ['responseHeaders']);
} else {
  browser.webRequest.onHeadersReceived.addListener((d) => { recordServed(d, null); }, { urls: ['http://*/*', 'https://*/*'], types: ['main_frame'] }, ['responseHeaders']);
}
registerProbeListeners();

// ---------- popup / options ----------
async function view(tabId: number): Promise<TabView> {
  const rec = await loadTab(tabId);
  if (!rec) {
    const tab = await browser.tabs.get(tabId).catch(() => null);
    if (tab?.url) { await onNavigate(tabId, tab.url, Boolean(tab.incognito)); return view(tabId); }
    return { tabId, url: '', host: null, status: 'done', report: null, notApplicable: { key: 'na_browser_page' }, watched: false };
  }
  return { tabId, url: rec.url, host: rec.host, status: rec.status, report: rec.report, notApplicable: rec.notApplicable, error: rec.error, watched: rec.host ? await isWatched(rec.host) : false };
}

async function fullCheck(tabId: number, force: boolean, port?: Runtime.Port): Promise<TabView> {
  await settingsReady;
  let rec = await loadTab(tabId);
  if (!rec || (!rec.host && !rec.notApplicable)) {
    const tab = await browser.tabs.get(tabId);
    await onNavigate(tabId, tab.url ?? '', Boolean(tab.incognito));
    rec = await loadTab(tabId);
  }
  const send = (v: TabView) => { try { port?.postMessage({ type: 'update', view: v } satisfies PortMessage); } catch { /* popup closed */ } };
  if (!rec?.host) { const v = await view(tabId); send(v); return v; }
  const host = rec.host;
  if (!force) {
    const cached = await cachedReport(host, 'full');
    if (cached && !servedCertificateChanged(cached, rec.served)) {
      await finish(rec, cached);
      const v = await view(tabId);
      send(v);
      return v;
    }
  }
  rec.status = 'checking';
  rec.startedAt = Date.now();
  await saveTab(rec);
  send(await view(tabId));
  try {
    const report = await runCheck(host, 'full', {
      served: rec.served, incognito: rec.incognito, force,
      onUpdate: (partial) => { void view(tabId).then((v) => send({ ...v, status: 'checking', report: partial })); },
    });
    await finish(rec, report);
  } catch (e) {
    await finish(rec, failureReport(host, 'full', e instanceof Error ? e.message : String(e)));
  }
  const v = await view(tabId);
  send(v);
  return v;
}

type Handler<K extends keyof Requests> = (req: Requests[K]['req']) => Promise<Requests[K]['res']>;
const handlers: { [K in keyof Requests]: Handler<K> } = {
  getTab: ({ tabId }) => view(tabId),
  fullCheck: ({ tabId, force }) => fullCheck(tabId, Boolean(force)),
  setOverride: async ({ host, provider, tabId }) => {
    const overrides = { ...settings.overrides };
    if (provider) overrides[host] = provider; else delete overrides[host];
    settings = { ...settings, overrides };
    await browser.storage.local.set({ [SETTINGS_KEY]: settings });
    await dropHost(host);
    return tabId === undefined ? null : fullCheck(tabId, true);
  },
  setWatched: async ({ host, watched: on }) => {
    const list = await loadWatchList();
    const next = on ? addSite(list, host, Date.now()) : { list: removeSite(list, host) };
    if ('list' in next) await saveWatchList(next.list);
    return { watched: on };
  },
  getWatchList: () => loadWatchList(),
  addWatch: async ({ input }) => {
    const r = addSite(await loadWatchList(), input, Date.now());
    if ('error' in r) return { ok: false, reason: r.error };
    await saveWatchList(r.list);
    void watchTick(false);
    return { ok: true, host: r.host };
  },
  removeWatch: async ({ host }) => { const l = removeSite(await loadWatchList(), host); await saveWatchList(l); return l; },
  checkWatchNow: async ({ host }) => { await checkWatched([host]); return loadWatchList(); },
  exportWatch: async () => JSON.stringify(exportData(await loadWatchList(), settings.overrides, Date.now()), null, 2),
  importWatch: async ({ text }) => {
    const parsed = parseImport(text, PROVIDERS.map((p) => p.id));
    if (!parsed.ok) return parsed;
    let list = await loadWatchList();
    const before = Object.keys(list.sites).length;
    for (const h of parsed.sites) { const r = addSite(list, h, Date.now()); if ('list' in r) list = r.list; }
    settings = { ...settings, overrides: { ...settings.overrides, ...parsed.overrides } };
    watchListCache = structuredClone(list);
    await browser.storage.local.set({ [WATCH_KEY]: list, [SETTINGS_KEY]: settings });
    return { ok: true, added: Object.keys(list.sites).length - before };
  },
  watchTick: async ({ force }) => ({ checked: await watchTick(Boolean(force)) }),
  getSite: async ({ host }) => {
    const report = await cachedReport(host, 'full');
    const site = (await loadWatchList()).sites[host];
    return { tabId: -1, url: `https://${host}/`, host, status: 'done', report, watched: Boolean(site) };
  },
  getBadge: ({ tabId }) => readBadge(tabId),
  getStats: async () => ({ listenerMs: [...listenerMs], listenerWaitMs: [...listenerWaitMs], peakRequests: http.peak(), dohQueries: resolver?.queriesSent ?? 0, checksStarted, notified: notified.map((n) => n.id), notifiedMessages: notified.map((n) => n.message) }),
};

async function dropHost(host: string) {
  for (const tier of ['automatic', 'full'] as Tier[]) {
    reportCache.delete(cacheKey(host, tier));
    await browser.storage.session.remove(cacheKey(host, tier)).catch(() => {});
  }
}

browser.runtime.onMessage.addListener((msg: unknown, sender: Runtime.MessageSender) => {
  if (sender.id !== browser.runtime.id) return undefined;
  const m = msg as Message;
  const h = handlers[m.type] as Handler<typeof m.type> | undefined;
  if (!h) return undefined;
  return h(m as never).catch((e: unknown) => { console.error('renewal-radar:', m.type, e); throw e; });
});

browser.runtime.onConnect.addListener((port) => {
  if (port.name !== 'popup' || port.sender?.id !== browser.runtime.id) return;
  port.onMessage.addListener((msg: unknown) => {
    const m = msg as { type: 'fullCheck'; tabId: number; force?: boolean };
    if (m.type === 'fullCheck') void fullCheck(m.tabId, Boolean(m.force), port).catch((e) => console.error('renewal-radar: full check', e));
  });
});

// Settings changed in the options page: the next check uses them, no restart.
browser.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && changes[WATCH_KEY] && JSON.stringify(changes[WATCH_KEY].newValue) !== JSON.stringify(watchListCache)) watchListCache = null;
  if (area !== 'local' || !changes[SETTINGS_KEY]) return;
  const next = migrateSettings(changes[SETTINGS_KEY].newValue);
  const endpointsChanged = ['doh', 'ct', 'caStatus', 'rdap'].some((k) => next[k as keyof Settings] !== settings[k as keyof Settings]);
  const langChanged = next.lang !== settings.lang;
  settings = next;
  if (langChanged) void refreshTranslator();
  if (endpointsChanged) {
    resolver = null;
    reportCache.clear();
    void browser.storage.session.get(null).then((all) => browser.storage.session.remove(Object.keys(all).filter((k) => k.startsWith('host:'))));
  }
});

// ---------- the watch list: a daily full check per watched site, spread over the day ----------
let ticking: Promise<string[]> | null = null;

async function checkWatched(hosts: string[]): Promise<void> {
  const interval = settings.watchIntervalHours * HOUR;
  for (const host of hosts) {
    let report: Report | null = null;
    try { report = await runCheck(host, 'full', { incognito: false, force: true }); } catch { report = null; }
    // Re-read: the user may have removed the site while it was being checked.
    const list = await loadWatchList();
    const site = list.sites[host];
    if (!site) continue;
    const { site: next, notice } = recordResult(site, report, Date.now(), interval);
    list.sites[host] = next;
    await saveWatchList(list);
    if (notice && report) await notify(host, report);
  }
}

function watchTick(force: boolean): Promise<string[]> {
  // One tick at a time; a tick asked for while one runs joins it.
  ticking ??= (async () => {
    await settingsReady;
    const list = await loadWatchList();
    const due = force ? Object.keys(list.sites) : dueSites(list, Date.now());
    await checkWatched(due);
    return due;
  })().finally(() => { ticking = null; });
  return ticking;
}

/** Notifications whose creation the browser confirmed (headless Firefox shows none, so getAll() stays empty). */
const notified: { id: string; at: number; message: string }[] = [];

async function notify(host: string, report: Report) {
  const b = badgeFor(report, t());
  const message = b.title; // badgeTitle: one line, visible escapes, at most 300 characters
  await browser.notifications.create(`watch:${host}`, {
    type: 'basic', iconUrl: browser.runtime.getURL('icons/icon-128.png'), title: `Renewal Radar — ${host}`, message,
  }).then((id) => { notified.push({ id, at: Date.now(), message }); if (notified.length > 100) notified.shift(); }, (e) => console.error('renewal-radar: notification', e));
}

browser.notifications.onClicked.addListener((id) => {
  if (!id.startsWith('watch:')) return;
  void browser.tabs.create({ url: browser.runtime.getURL(`popup.html?host=${encodeURIComponent(id.slice(6))}`) });
  void browser.notifications.clear(id);
});

browser.alarms.onAlarm.addListener((a) => { if (a.name === 'watch-tick') void watchTick(false).catch((e) => console.error('renewal-radar: watch', e)); });
void browser.alarms.get('watch-tick').then((a) => { if (!a) void browser.alarms.create('watch-tick', { periodInMinutes: 10, delayInMinutes: 1 }); });

// A worker killed mid-check left tabs on "checking": finish them now, never leave "…" behind.
void settingsReady.then(async () => {
  const all = await browser.storage.session.get(null);
  for (const [k, v] of Object.entries(all)) {
    if (!k.startsWith('tab:')) continue;
    const rec = v as TabRecord;
    tabs.set(rec.tabId, rec);
    if (rec.status === 'checking') void onNavigate(rec.tabId, rec.url, rec.incognito).catch(() => {});
  }
});
