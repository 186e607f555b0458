// Per-tab state. Memory first; storage.session behind it, because Chrome stops an idle worker after 30 s and
// its globals with it (incognito tabs stay in memory only). A tab record lives from its first navigation to
// the tab's close.
import browser from 'webextension-polyfill';
import type { ServedCertificate } from '../core/network/net';
import type { Report } from '../core/engine/types';
import type { TabState, TabView } from '../shared/messages';
import { SESSION } from '../shared/storage-keys';

/** What the browser saw on this navigation (Firefox: the certificate; both: response headers, certificate errors). */
export interface Served {
  host: string;
  certificate: ServedCertificate | null;
  headers: Record<string, string>;
  certificateError?: string;
}

export interface TabRecord extends TabState {
  incognito: boolean;
  report: Report | null;
  notApplicable?: TabView['notApplicable'];
  served?: Served;
}

const tabs = new Map<number, TabRecord>();
const tabKey = SESSION.tab;

export async function loadTab(tabId: number): Promise<TabRecord | undefined> {
  const mem = tabs.get(tabId);
  if (mem) return mem;
  const stored = (await browser.storage.session.get(tabKey(tabId)))[tabKey(tabId)] as TabRecord | undefined;
  if (stored) tabs.set(tabId, stored);
  return stored;
}

/** The record in memory only (the webRequest listeners must not wait for storage). */
export const tabInMemory = (tabId: number): TabRecord | undefined => tabs.get(tabId);

export async function saveTab(rec: TabRecord) {
  tabs.set(rec.tabId, rec);
  if (!rec.incognito) await browser.storage.session.set({ [tabKey(rec.tabId)]: rec }).catch(() => {});
}

/** Evidence seen before the navigation's record exists: kept in memory for the navigation to pick up. */
export function rememberServedOnly(tabId: number, served: Served, incognito: boolean) {
  tabs.set(tabId, { tabId, url: '', host: null, incognito, status: 'idle', report: null, served });
}

export function forgetTab(tabId: number) {
  tabs.delete(tabId);
  void browser.storage.session.remove(tabKey(tabId)).catch(() => {});
}

/** After a worker restart: every stored tab back in memory; those left on "checking" are returned. */
export async function restoreTabs(): Promise<TabRecord[]> {
  const all = await browser.storage.session.get(null);
  const interrupted: TabRecord[] = [];
  for (const [k, v] of Object.entries(all)) {
    if (!k.startsWith(SESSION.tabPrefix)) continue;
    const rec = v as TabRecord;
    tabs.set(rec.tabId, rec);
    if (rec.status === 'checking') interrupted.push(rec);
  }
  return interrupted;
}
