// The worker's answers to the typed requests of src/shared/messages.ts (popup, options page, tests, bench),
// and the popup port.
import browser, { type Runtime } from 'webextension-polyfill';
import { PROVIDERS } from '../core/providers';
import { POPUP_PORT, type Requests, type ToWorker } from '../shared/messages';
import { addSite, exportData, parseImport, removeSite } from '../shared/watch';
import { readBadge } from './badge';
import { cachedReport, dropHost, runnerStats } from './check-runner';
import { fullCheck, view } from './navigation';
import { listenerStats } from './served-capture';
import { setOverride, settings, writeSettings } from './settings-store';
import { loadTab } from './tab-state';
import { askTheCa } from './ask-the-ca';
import { transmissionAllowed } from './consent';
import { checkWatched, notifiedSoFar, watchTick } from './watch-scheduler';
import { loadWatchList, saveWatchList } from './watch-store';

type Handler<K extends keyof Requests> = (req: Requests[K]['req']) => Promise<Requests[K]['res']>;

export const handlers: { [K in keyof Requests]: Handler<K> } = {
  getTab: ({ tabId }) => view(tabId),
  peekTab: async ({ tabId }) => {
    const rec = await loadTab(tabId);
    return rec
      ? {
          tabId,
          url: rec.url,
          host: rec.host,
          status: rec.status,
          report: rec.report,
          startedAt: rec.startedAt,
          badgeAt: rec.badgeAt,
        }
      : null;
  },
  fullCheck: ({ tabId, force }) => fullCheck(tabId, Boolean(force)),
  askTheCa: async ({ tabId }) => {
    const rec = await loadTab(tabId);
    if (rec?.host && (await transmissionAllowed())) await askTheCa(rec.host);
    return view(tabId);
  },
  saveSettings: ({ settings: next }) => writeSettings({ ...next, schema: 1, overrides: settings().overrides }),
  setOverride: async ({ host, provider, tabId }) => {
    await setOverride(host, provider);
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
    if ('error' in r) return { ok: false, reason: r.error, text: r.text };
    await saveWatchList(r.list);
    void watchTick(false);
    return { ok: true, host: r.host };
  },
  removeWatch: async ({ host }) => {
    const l = removeSite(await loadWatchList(), host);
    await saveWatchList(l);
    return l;
  },
  checkWatchNow: async ({ host }) => {
    await checkWatched([host]);
    return loadWatchList();
  },
  exportWatch: async () => JSON.stringify(exportData(await loadWatchList(), settings().overrides, Date.now()), null, 2),
  importWatch: async ({ text }) => {
    const parsed = parseImport(
      text,
      PROVIDERS.map((p) => p.id),
    );
    if (!parsed.ok) return parsed;
    let list = await loadWatchList();
    const before = Object.keys(list.sites).length;
    for (const h of parsed.sites) {
      const r = addSite(list, h, Date.now());
      if ('list' in r) list = r.list;
    }
    await saveWatchList(list);
    await writeSettings({ ...settings(), overrides: { ...settings().overrides, ...parsed.overrides } });
    return { ok: true, added: Object.keys(list.sites).length - before };
  },
  watchTick: async ({ force }) => ({ checked: await watchTick(Boolean(force)) }),
  getSite: async ({ host }) => {
    const report = await cachedReport(host, 'full');
    const site = (await loadWatchList()).sites[host];
    return { tabId: -1, url: `https://${host}/`, host, status: 'done', report, watched: Boolean(site) };
  },
  getBadge: ({ tabId }) => readBadge(tabId),
  getStats: async () => ({ ...listenerStats(), ...runnerStats(), ...notifiedSoFar() }),
};

type Message = { [K in keyof Requests]: { type: K } & Requests[K]['req'] }[keyof Requests];

export function registerMessageListeners() {
  browser.runtime.onMessage.addListener((msg: unknown, sender: Runtime.MessageSender) => {
    if (sender.id !== browser.runtime.id) return undefined;
    const m = msg as Message;
    const h = handlers[m.type] as Handler<typeof m.type> | undefined;
    if (!h) return undefined;
    return h(m as never).catch((e: unknown) => {
      console.error('renewal-radar:', m.type, e);
      throw e;
    });
  });
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== POPUP_PORT || port.sender?.id !== browser.runtime.id) return;
    port.onMessage.addListener((msg: unknown) => {
      const m = msg as ToWorker;
      if (m.type === 'fullCheck')
        void fullCheck(m.tabId, Boolean(m.force), (out) => port.postMessage(out)).catch((e) =>
          console.error('renewal-radar: full check', e),
        );
    });
  });
}
