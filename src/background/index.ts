// The background worker (Chrome: service worker; Firefox: event page). This file only wires browser events
// to the rooms next to it; every listener is registered synchronously at the top level, so an event that
// wakes a stopped worker finds it.
//
// Lifecycle
// - A tab: idle (no check yet, or automatic checks off) → checking (badge "…" after 300 ms) → done (badge set).
//   navigation.ts; state in tab-state.ts (memory, then storage.session).
// - The cache answers when a report for the host and tier is under 5 minutes old and the certificate the
//   browser holds is the one it describes; one check per host and tier runs at a time. check-runner.ts.
// - A worker restart (Chrome stops an idle worker after 30 s) keeps: tab records and reports, the report cache
//   and Cert Spotter's quota (storage.session); settings and the watch list (storage.local); the watch alarm.
//   It loses: in-flight checks (tabs left "checking" are checked again below), incognito state, bench counters.
// - Settings and the watch list have one writer, this worker (settings-store.ts, watch-store.ts).
// - Firefox: nothing is checked (nothing leaves the browser) until the user consents to sending site names
//   (consent.ts); the tab stays idle and the popup asks.
import browser from 'webextension-polyfill';
import { forgetBadge } from './badge';
import { registerProbeListeners } from './browser-transports';
import { registerConsentListeners } from './consent';
import { registerMessageListeners } from './handlers';
import { forgetNavigation, onLoaded, onNavigate, onNavigationStart } from './navigation';
import { registerCaptureListeners } from './served-capture';
import { settingsReady, watchStorageEdits as watchSettingsEdits } from './settings-store';
import { forgetTab, loadTab, restoreTabs } from './tab-state';
import { ensureWatchAlarm, registerWatchListeners, watchTick } from './watch-scheduler';
import { watchStorageEdits as watchListEdits } from './watch-store';
import { mark } from './timeline';

// The bench's timeline of a waking worker: when its context was created, and when its code had run (the modules'
// top level, this file's listeners).
mark('worker-created', '', performance.timeOrigin);
mark('worker-evaluated', '');
void settingsReady.then(() => mark('settings-ready', ''));

// The check's DNS work starts with the page's own main-frame request (not sub-frames; a redirect hop to another host
// warms that host too, within a small limit); the badge is set when the tab commits, below.
browser.webRequest.onBeforeRequest.addListener(
  (d) => {
    // Chrome's speculative prerender is a page the user may never see: no lookup for it.
    if (d.tabId >= 0 && (d as { documentLifecycle?: string }).documentLifecycle !== 'prerender')
      onNavigationStart(d.tabId, d.requestId, d.url, d.timeStamp);
  },
  { urls: ['http://*/*', 'https://*/*'], types: ['main_frame'] },
);
browser.tabs.onUpdated.addListener((tabId, change, tab) => {
  if (change.status === 'complete' && tab.url) onLoaded(tabId, tab.url);
  if (!change.url && !(change.status === 'loading' && tab.url)) return;
  const url = change.url ?? tab.url!;
  void loadTab(tabId)
    .then((prev) => {
      // tabs.onUpdated fires several times per navigation; one check per URL per load.
      if (prev && prev.url === url && change.status !== 'loading') return;
      if (prev && prev.url === url && prev.status !== 'done' && Date.now() - (prev.startedAt ?? 0) < 2000) return;
      return onNavigate(tabId, url, Boolean(tab.incognito));
    })
    .catch((e) => console.error('renewal-radar: navigation', e));
});
browser.tabs.onRemoved.addListener((tabId) => {
  forgetTab(tabId);
  forgetBadge(tabId);
  forgetNavigation(tabId);
});

registerCaptureListeners();
// Consent given (Firefox): the watch list's due sites are checked now rather than at the next alarm.
registerConsentListeners(() => {
  void watchTick(false).catch(() => {});
});
registerProbeListeners();
registerMessageListeners();
registerWatchListeners();
watchSettingsEdits();
watchListEdits();
ensureWatchAlarm();

// A worker stopped mid-check left tabs on "checking": check them again now, never leave "…" behind.
void settingsReady.then(restoreTabs).then((interrupted) => {
  for (const rec of interrupted) void onNavigate(rec.tabId, rec.url, rec.incognito).catch(() => {});
});
