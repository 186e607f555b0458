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
import { cachedReport, runCheck } from './check-runner';
import { askCaState, withCaAnswer } from './ask-the-ca';
import { transmissionAllowed } from './consent';
import { settings, settingsReady } from './settings-store';
import { loadTab, saveTab, type Served, type TabRecord } from './tab-state';
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

export async function onNavigate(tabId: number, url: string, incognito: boolean) {
  await settingsReady;
  const prev = await loadTab(tabId);
  const { host, notApplicable } = classify(url);
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
  };
  await saveTab(rec);
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
  const watchedHost = await isWatched(host);
  const auto = settings().autoChecks;
  if (auto === 'off' || (auto === 'watched' && !watchedHost)) {
    rec.status = 'idle';
    await saveTab(rec);
    await setBadge(tabId, 'none', t()('actionTitle'));
    return;
  }
  const tier: Tier = watchedHost ? 'full' : 'automatic';
  const cached = (await cachedReport(host, tier)) ?? (tier === 'automatic' ? await cachedReport(host, 'full') : null);
  if (cached && !servedCertificateChanged(cached, served)) return finish(rec, cached);
  // "…" only when the check is slow enough to notice.
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
  const cur = await loadTab(rec.tabId);
  if (!cur || cur.url !== rec.url || cur.startedAt !== rec.startedAt) return; // the tab moved on
  cur.status = 'done';
  cur.report = report;
  const b = badgeFor(report, t());
  await setBadge(rec.tabId, b.kind, b.title);
  cur.badgeAt = Date.now();
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
