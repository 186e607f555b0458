// The worker's answers to the typed requests of src/shared/messages.ts (popup, options page, tests, bench),
// and the popup port.
import browser, { type Runtime } from 'webextension-polyfill';
import { PROVIDERS } from '../core/providers';
import type { LocalText } from '../core/engine/types';
import { type ImportOutcome, POPUP_PORT, type Requests, type ToWorker } from '../shared/messages';
import { SESSION } from '../shared/storage-keys';
import { addSite, exportData, parseImport, removeSite } from '../shared/watch';
import { readBadge } from './badge';
import { cachedReport, dropHost, runnerStats } from './check-runner';
import { fullCheck, view } from './navigation';
import { listenerStats } from './served-capture';
import { addOverrides, saveFromPage, setOverride, settings } from './settings-store';
import { storeErrorText } from './store-errors';
import { loadTab } from './tab-state';
import { askTheCa } from './ask-the-ca';
import { transmissionAllowed } from './consent';
import { checkWatched, notifiedSoFar, watchTick } from './watch-scheduler';
import { loadWatchList, updateWatchList, watchView } from './watch-store';
import { timelineStats } from './timeline';

/** A refused change's message (read-only, storage full); any other error is a bug and is thrown on. */
function refusal(e: unknown): LocalText {
  const text = storeErrorText(e);
  if (!text) throw e;
  return text;
}

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
          navigationStartedAt: rec.navigationStartedAt,
          committedAt: rec.committedAt,
          loadedAt: rec.loadedAt,
        }
      : null;
  },
  fullCheck: ({ tabId, force }) => fullCheck(tabId, Boolean(force)),
  askTheCa: async ({ tabId }) => {
    const rec = await loadTab(tabId);
    if (rec?.host && (await transmissionAllowed())) await askTheCa(rec.host);
    return view(tabId);
  },
  saveSettings: ({ settings: edited, base }) => saveFromPage(edited, base),
  setOverride: async ({ host, provider, tabId }) => {
    await setOverride(host, provider);
    await dropHost(host);
    return tabId === undefined ? null : fullCheck(tabId, true);
  },
  setWatched: async ({ host, watched: on }) => {
    try {
      await updateWatchList((list) => {
        const next = on ? addSite(list, host, Date.now()) : { list: removeSite(list, host) };
        return { value: 'list' in next ? next.list : undefined, result: null };
      });
      return { watched: on };
    } catch (e) {
      const text = refusal(e);
      return { watched: Object.hasOwn((await watchView()).sites, host), text };
    }
  },
  getWatchList: () => watchView(),
  addWatch: async ({ input }) => {
    try {
      const r = await updateWatchList<Requests['addWatch']['res']>((list) => {
        const added = addSite(list, input, Date.now());
        return 'error' in added
          ? { result: { ok: false, reason: added.error, text: added.text } }
          : { value: added.list, result: { ok: true, host: added.host } };
      });
      if (r.ok) void watchTick(false);
      return r;
    } catch (e) {
      const text = refusal(e);
      return { ok: false, reason: (e as Error).message, text };
    }
  },
  removeWatch: async ({ host }) => {
    try {
      await updateWatchList((list) => ({ value: removeSite(list, host), result: null }));
      return { list: await watchView() };
    } catch (e) {
      return { list: await watchView(), text: refusal(e) };
    }
  },
  checkWatchNow: async ({ host }) => {
    await checkWatched([host]);
    return watchView();
  },
  // Works on a read-only list too: the sites this version can read.
  exportWatch: async () => JSON.stringify(exportData(await loadWatchList(), settings().overrides, Date.now()), null, 2),
  importWatch: async ({ text, id }) => {
    // The outcome is kept in storage.session as well: a page whose answer is lost (the worker stopped) asks for it.
    const record = async (o: ImportOutcome | { ok: false; running: true }) => {
      if (id) await browser.storage.session.set({ [SESSION.importOutcome]: { id, outcome: o } }).catch(() => {});
      return o;
    };
    const parsed = parseImport(
      text,
      PROVIDERS.map((p) => p.id),
    );
    if (!parsed.ok) return record(parsed) as Promise<ImportOutcome>;
    await record({ ok: false, running: true });
    try {
      const added = await updateWatchList((list) => {
        let next = list;
        for (const h of parsed.sites) {
          const r = addSite(next, h, Date.now());
          if ('list' in r) next = r.list;
        }
        return { value: next, result: Object.keys(next.sites).length - Object.keys(list.sites).length };
      });
      if (Object.keys(parsed.overrides).length) await addOverrides(parsed.overrides);
      return record({ ok: true, added }) as Promise<ImportOutcome>;
    } catch (e) {
      return record({ ok: false, reason: (e as Error).message, text: refusal(e) }) as Promise<ImportOutcome>;
    }
  },
  importOutcome: async ({ id }) => {
    const o = (await browser.storage.session.get(SESSION.importOutcome))[SESSION.importOutcome] as
      | { id?: unknown; outcome?: ImportOutcome | { ok: false; running: true } }
      | undefined;
    return o?.id === id && o.outcome ? o.outcome : null;
  },
  watchTick: async ({ force }) => ({ checked: await watchTick(Boolean(force)) }),
  getSite: async ({ host }) => {
    const report = await cachedReport(host, 'full');
    const site = (await loadWatchList()).sites[host];
    return { tabId: -1, url: `https://${host}/`, host, status: 'done', report, watched: Boolean(site) };
  },
  getBadge: ({ tabId }) => readBadge(tabId),
  getStats: async () => ({ ...listenerStats(), ...runnerStats(), ...notifiedSoFar(), ...timelineStats() }),
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
