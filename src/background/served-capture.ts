// What the browser itself saw on a tab's main-frame response: headers (both browsers), the certificate
// (Firefox's webRequest.getSecurityInfo; Chrome has no such API) and certificate errors (both). Kept on the tab
// record for the navigation's check.
import browser, { type WebRequest } from 'webextension-polyfill';
import type { ServedCertificate } from '../core/network/net';
import { IS_FIREFOX } from '../shared/platform';
import { onNavigate } from './navigation';
import { rememberServedOnly, saveTab, tabInMemory, type Served } from './tab-state';

/** Cost of the Firefox blocking listener per https main-frame response (docs/design.md "Budgets": median ≤ 0.5 ms):
 * the listener's own JavaScript, and how long the response waits for getSecurityInfo's answer. */
const listenerMs: number[] = [];
const listenerWaitMs: number[] = [];
export const listenerStats = () => ({ listenerMs: [...listenerMs], listenerWaitMs: [...listenerWaitMs] });

const hostOf = (url: string) => {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
};

function keep(tabId: number, served: Served, incognito: boolean): ReturnType<typeof tabInMemory> {
  const rec = tabInMemory(tabId);
  if (rec) {
    rec.served = served;
    void saveTab(rec);
  } else rememberServedOnly(tabId, served, incognito);
  return rec;
}

function recordServed(d: WebRequest.OnHeadersReceivedDetailsType, certificate: ServedCertificate | null) {
  const host = hostOf(d.url);
  if (!host) return;
  const headers: Record<string, string> = {};
  for (const h of d.responseHeaders ?? [])
    if (h.value !== undefined && h.name.length < 100) headers[h.name.toLowerCase()] = h.value.slice(0, 500);
  keep(d.tabId, { host, certificate, headers }, Boolean((d as { incognito?: boolean }).incognito));
}

export function registerCaptureListeners() {
  // The browser refused the page's certificate: Chrome's only window on an expired or mismatched certificate.
  browser.webRequest.onErrorOccurred.addListener(
    (d) => {
      if (!/cert|SEC_ERROR|SSL_ERROR/i.test(d.error)) return;
      const host = hostOf(d.url);
      if (!host) return;
      const rec = keep(
        d.tabId,
        { host, certificate: null, headers: {}, certificateError: d.error.slice(0, 100) },
        false,
      );
      // The navigation's check may already be under way without this: run it again with it.
      if (rec && rec.host === host && rec.url)
        void onNavigate(d.tabId, rec.url, rec.incognito).catch((e) => console.error('renewal-radar: recheck', e));
    },
    { urls: ['https://*/*'], types: ['main_frame'] },
  );

  if (!IS_FIREFOX) {
    browser.webRequest.onHeadersReceived.addListener(
      (d) => {
        recordServed(d, null);
      },
      { urls: ['http://*/*', 'https://*/*'], types: ['main_frame'] },
      ['responseHeaders'],
    );
    return;
  }
  // Blocking is required for getSecurityInfo: https main frames only (plain http has no certificate), and the
  // listener only asks and records, so no page waits on us for long.
  const ws = browser.webRequest as unknown as {
    getSecurityInfo(
      id: string,
      o: object,
    ): Promise<{ certificates?: ServedCertificate[]; isUntrusted?: boolean; isDomainMismatch?: boolean }>;
  };
  browser.webRequest.onHeadersReceived.addListener(
    (d) => {
      const started = performance.now();
      // rawDER is not requested: without a DER parser in the bundle it would only cost time on every page.
      const answer = ws.getSecurityInfo(d.requestId, {}).then(
        (info) => {
          const leaf = info.certificates?.[0];
          recordServed(
            d,
            leaf
              ? {
                  subject: leaf.subject,
                  issuer: leaf.issuer,
                  validity: leaf.validity,
                  fingerprint: leaf.fingerprint,
                  serialNumber: leaf.serialNumber,
                  isUntrusted: Boolean(info.isUntrusted),
                  isDomainMismatch: Boolean(info.isDomainMismatch),
                }
              : null,
          );
          if (listenerWaitMs.length < 1000) listenerWaitMs.push(performance.now() - started);
          return {};
        },
        () => {
          recordServed(d, null);
          return {};
        },
      );
      if (listenerMs.length < 1000) listenerMs.push(performance.now() - started);
      return answer;
    },
    { urls: ['https://*/*'], types: ['main_frame'] },
    ['blocking', 'responseHeaders'],
  );
  browser.webRequest.onHeadersReceived.addListener(
    (d) => {
      recordServed(d, null);
    },
    { urls: ['http://*/*'], types: ['main_frame'] },
    ['responseHeaders'],
  );
}
