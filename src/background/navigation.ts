// A tab's life: a navigation classifies the address, then the automatic tier runs (the full tier for watched
// sites) unless the user turned automatic checks off; the popup asks for the full tier. Each tab moves
// idle → checking → done; only the navigation that started a check may finish it (the tab may have moved on).
import browser from 'webextension-polyfill';
import { checkFailedReport } from '../core/engine/diagnose';
import { classifyHost } from '../core/network/names';
import type { Report, Tier } from '../core/engine/types';
import type { FromWorker, TabView } from '../shared/messages';
import { badgeFor, forgetBadge, setBadge } from './badge';
import { IS_FIREFOX } from '../shared/platform';
import { cachedReport, preloadReports, runCheck, warmUp } from './check-runner';
import { askCaState, withCaAnswer } from './ask-the-ca';
import { transmissionAllowed } from './consent';
import { settings, settingsLoaded, settingsReady } from './settings-store';
import { loadTab, saveTab, tabInMemory, type Served, type TabRecord } from './tab-state';
import { mark } from './timeline';
import { t } from './translator';
import { isWatched } from './watch-store';

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

function classify(url: string): { host: string | null; notApplicable?: TabView['notApplicable'] } {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:')
      return { host: null, notApplicable: { key: 'na_browser_page' } };
    const c = classifyHost(u.hostname);
    if (c.ok) return { host: c.host };
    return { host: null, notApplicable: 'notApplicable' in c ? c.notApplicable : { key: 'na_no_suffix' } };
  } catch {
    return { host: null, notApplicable: { key: 'na_browser_page' } };
  }
}

/** Main-frame navigations under way, by tab: when the first request left, and the hosts warmed for it. */
const starts = new Map<number, { requestId: string; at: number; hosts: string[] }>();
/** The URL each tab last committed to, set before anything is awaited: a check that finishes later for another
 * URL must not set its badge (the previous page's verdict on the new page). */
const committed = new Map<number, string>();

/** A navigation's redirect hops to other hosts warm at most this many hosts in all (a chain is not a check a hop). */
const WARM_HOSTS_PER_NAVIGATION = 2;

/**
 * The tab's main-frame request is leaving (webRequest.onBeforeRequest, both browsers; the extension already holds
 * webRequest for the served certificate and headers, so no new permission): the host's DNS work starts now, beside
 * the page's own request. The badge is set when the tab commits (onNavigate), where the browser keeps a per-tab
 * badge; until then the tab still shows the previous page, and its badge is that page's.
 */
export function onNavigationStart(tabId: number, requestId: string, url: string, eventAt?: number) {
  const { host } = classify(url);
  if (host) {
    // The browser's own time for the request, and the listener's: the gap is the event's dispatch (a sleeping
    // service worker woken).
    if (eventAt) mark('request-event', host, eventAt);
    mark('request', host);
  }
  let nav = starts.get(tabId);
  if (!nav || nav.requestId !== requestId) {
    nav = { requestId, at: Date.now(), hosts: [] };
    starts.set(tabId, nav);
  }
  if (!host || nav.hosts.includes(host) || nav.hosts.length >= WARM_HOSTS_PER_NAVIGATION) return;
  nav.hosts.push(host);
  void (async () => {
    await settingsLoaded;
    // The same rules as the check itself: consent (Firefox), automatic checks on, or this host watched.
    if (!(await transmissionAllowed())) return;
    const auto = settings().autoChecks;
    if (auto === 'off' || (auto === 'watched' && !(await isWatched(host)))) return;
    warmUp(host);
  })()
    .catch(() => {})
    // What the commit asks first — a stored report? — read now (after the questions have left: a storage read
    // issued before them delays them).
    .finally(() => preloadReports(host));
}

export function forgetNavigation(tabId: number) {
  starts.delete(tabId);
  committed.delete(tabId);
}

/** The tab finished loading (tabs.onUpdated "complete", after the page's load event): kept for the bench. */
export function onLoaded(tabId: number, url: string) {
  const rec = tabInMemory(tabId);
  if (rec && rec.url === url && rec.loadedAt === undefined) {
    rec.loadedAt = Date.now();
    if (rec.host) mark('load', rec.host);
  }
}

export async function onNavigate(tabId: number, url: string, incognito: boolean) {
  const committedAt = Date.now();
  committed.set(tabId, url);
  const nav = starts.get(tabId);
  await settingsReady;
  const prev = await loadTab(tabId);
  const { host, notApplicable } = classify(url);
  if (host) mark('commit', host, committedAt);
  const served = prev?.served && host && prev.served.host === host ? prev.served : undefined;
  const rec: TabRecord = {
    tabId,
    url,
    host,
    incognito,
    status: host ? 'checking' : 'done',
    report: null,
    notApplicable,
    served,
    startedAt: Date.now(),
    committedAt,
    ...(nav && host && nav.hosts.includes(host) ? { navigationStartedAt: nav.at } : {}),
  };
  void saveTab(rec); // memory at once; storage.session behind it
  forgetBadge(tabId);
  if (!host) {
    await setBadge(tabId, 'none', t()('badge_na'));
    return;
  }

  if (!(await transmissionAllowed())) {
    rec.status = 'idle';
    await saveTab(rec);
    await setBadge(tabId, 'none', t()('badge_consent'));
    return;
  }
  // Read side by side (each may be a storage read): the commit → badge time of a cached host is their sum otherwise.
  const [watchedHost, cachedAutomatic, cachedFull] = await Promise.all([
    isWatched(host),
    cachedReport(host, 'automatic'),
    cachedReport(host, 'full'),
  ]);
  mark('commit-read', host);
  const auto = settings().autoChecks;
  if (auto === 'off' || (auto === 'watched' && !watchedHost)) {
    rec.status = 'idle';
    await saveTab(rec);
    await setBadge(tabId, 'none', t()('actionTitle'));
    return;
  }
  const tier: Tier = watchedHost ? 'full' : 'automatic';
  const cached = tier === 'full' ? cachedFull : (cachedAutomatic ?? cachedFull);
  if (cached && !servedCertificateChanged(cached, served)) return finish(rec, cached);
  // Not answered yet: the tab shows no verdict meanwhile — the browser itself dropped the previous page's badge and
  // title when this document committed (Chromium: ExtensionActionRunner::DidFinishNavigation clears every per-tab
  // value of a main-frame cross-document navigation; Firefox: ext-browserAction's handleLocationChange clears the
  // tab's context "fromBrowse"). Setting "none" again here cost two calls to the browser on the badge's critical
  // path, answered late while the browser is busy committing the page (issue #25). A same-document navigation
  // (history.pushState) keeps the badge, and stays on the same host. "…" only when the check is slow to notice.
  const slow = setTimeout(() => {
    void stillChecking(tabId, rec.startedAt!).then((yes) => {
      if (yes) void setBadge(tabId, 'checking', t()('badge_checking'));
    });
  }, 300);
  try {
    await finish(rec, await runCheck(host, tier, { served, incognito }));
  } catch (e) {
    await finish(rec, checkFailedReport(host, tier, errorText(e), Date.now()));
  } finally {
    clearTimeout(slow);
  }
}

/** Firefox: a cached report without the certificate the browser now holds is re-derived (DNS is cached). */
function servedCertificateChanged(cached: Report, served: Served | undefined): boolean {
  if (served?.certificateError)
    return !cached.findings.some((f) => f.evidence?.some((e) => e.includes(served.certificateError!)));
  if (!IS_FIREFOX || !served?.certificate) return false;
  return (
    cached.certificate?.source !== 'connection' ||
    cached.certificate.fingerprintSha256 !== served.certificate.fingerprint?.sha256
  );
}

async function stillChecking(tabId: number, startedAt: number) {
  const cur = await loadTab(tabId);
  return cur?.status === 'checking' && cur.startedAt === startedAt;
}

async function finish(rec: TabRecord, report: Report) {
  const last = committed.get(rec.tabId);
  if (last !== undefined && last !== rec.url) return; // the tab moved on before its record was written
  const cur = await loadTab(rec.tabId);
  if (!cur || cur.url !== rec.url || cur.startedAt !== rec.startedAt) return; // the tab moved on
  if (committed.has(rec.tabId) && committed.get(rec.tabId) !== rec.url) return; // … while we read its record
  cur.status = 'done';
  cur.report = report;
  const b = badgeFor(report, t());
  await setBadge(rec.tabId, b.kind, b.title);
  cur.badgeAt = Date.now();
  if (rec.host) mark('badge', rec.host);
  await saveTab(cur);
}

/** What the popup shows for a tab; a tab the worker has not seen yet is classified (and checked) first. */
export async function view(tabId: number): Promise<TabView> {
  const rec = await loadTab(tabId);
  if (!rec) {
    const tab = await browser.tabs.get(tabId).catch(() => null);
    if (tab?.url) {
      await onNavigate(tabId, tab.url, Boolean(tab.incognito));
      return view(tabId);
    }
    return {
      tabId,
      url: '',
      host: null,
      status: 'done',
      report: null,
      notApplicable: { key: 'na_browser_page' },
      watched: false,
    };
  }
  const needsConsent = rec.host ? !(await transmissionAllowed()) : false;
  const askCa = rec.host ? await askCaState(rec.host) : null;
  return {
    tabId,
    url: rec.url,
    host: rec.host,
    status: rec.status,
    report: withCaAnswer(rec.report, askCa),
    askCa,
    notApplicable: rec.notApplicable,
    watched: rec.host ? await isWatched(rec.host) : false,
    ...(needsConsent ? { needsConsent } : {}),
  };
}

/** The popup's full check: answered from the cache unless forced; partial reports streamed to `post`. */
export async function fullCheck(tabId: number, force: boolean, post?: (m: FromWorker) => void): Promise<TabView> {
  await settingsReady;
  let rec = await loadTab(tabId);
  if (!rec || (!rec.host && !rec.notApplicable)) {
    const tab = await browser.tabs.get(tabId);
    await onNavigate(tabId, tab.url ?? '', Boolean(tab.incognito));
    rec = await loadTab(tabId);
  }
  const send = (v: TabView) => {
    try {
      post?.({ type: 'update', view: v });
    } catch {
      /* popup closed */
    }
  };
  if (!rec?.host || !(await transmissionAllowed())) {
    const v = await view(tabId);
    send(v);
    return v;
  }
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
      served: rec.served,
      incognito: rec.incognito,
      force,
      onUpdate: (partial) => {
        void view(tabId).then((v) => send({ ...v, status: 'checking', report: partial }));
      },
    });
    await finish(rec, report);
  } catch (e) {
    await finish(rec, checkFailedReport(host, 'full', errorText(e), Date.now()));
  }
  const v = await view(tabId);
  send(v);
  return v;
}
