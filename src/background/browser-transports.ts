// The engine's doors in the browser: fetch with a timeout (concurrency.ts keeps at most 6 requests in flight,
// docs/design.md budgets), and a site probe that records every redirect hop through webRequest (fetch itself hides
// them).
import browser from 'webextension-polyfill';
import type { HttpClient, HttpResponse, Hop, ProbeOutcome, SiteProbe } from '../core/network/net';
import { SESSION } from '../shared/storage-keys';

export const fetchClient: HttpClient = async (url, req) => {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), req.timeoutMs);
  try {
    const res = await fetch(url, {
      method: req.method ?? 'GET',
      headers: req.headers,
      body: req.body as BodyInit | undefined,
      signal: ctrl.signal,
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'follow',
    });
    const body = new Uint8Array(await res.arrayBuffer());
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => {
      headers[k] = v;
    });
    return { status: res.status, headers, body, url: res.url };
  } catch (e) {
    throw new Error(
      ctrl.signal.aborted ? `timed out after ${req.timeoutMs} ms` : e instanceof Error ? e.message : String(e),
    );
  } finally {
    clearTimeout(timer);
  }
};

// Redirect hops of the extension's own probe requests, keyed by webRequest's requestId (kept across redirects).
const probes = new Map<string, Hop[]>();
const requestToProbe = new Map<string, string>();

export function registerProbeListeners() {
  const filter = { urls: ['http://*/*', 'https://*/*'], types: ['xmlhttprequest' as const], tabId: -1 };
  browser.webRequest.onBeforeRedirect.addListener(
    (d) => {
      const key = requestToProbe.get(d.requestId) ?? [...probes.keys()].find((k) => d.url === k);
      if (!key) return;
      requestToProbe.set(d.requestId, key);
      const headers: Record<string, string> = {};
      for (const h of d.responseHeaders ?? []) if (h.value !== undefined) headers[h.name.toLowerCase()] = h.value;
      // Chromium answers an HSTS upgrade itself: "307 Internal Redirect" with Non-Authoritative-Reason: HSTS.
      // Port 80 was never contacted, so this hop is no evidence about it.
      const reason = headers['non-authoritative-reason'];
      const internal = reason
        ? /hsts/i.test(reason)
          ? ('hsts' as const)
          : ('other' as const)
        : /internal redirect/i.test(d.statusLine ?? '')
          ? ('other' as const)
          : undefined;
      probes.get(key)?.push({
        url: d.url,
        status: d.statusCode,
        location: d.redirectUrl,
        headers,
        ...(internal ? { internal } : {}),
      });
    },
    filter,
    ['responseHeaders'],
  );
}

/** Browser fetch follows redirects itself; the hops come from webRequest. */
export function browserSiteProbe(client: HttpClient): SiteProbe {
  return {
    followsRedirects: true,
    async request(url: string, timeoutMs: number): Promise<ProbeOutcome> {
      probes.set(url, []);
      try {
        const res = await client(url, { timeoutMs, headers: { accept: '*/*' } });
        const hops = probes.get(url) ?? [];
        hops.push({ url: res.url || url, status: res.status, headers: res.headers });
        return { kind: 'response', hops };
      } catch (e) {
        const reason = e instanceof Error ? e.message : String(e);
        const hops = probes.get(url) ?? [];
        const last = hops.length ? (hops[hops.length - 1].location ?? url) : url;
        // Browsers report refused connections and exhausted redirect chains alike as a network error; with hops
        // recorded, the redirect analysis explains it; without, it is unreachable or a timeout.
        return {
          kind: hops.length ? 'response' : reason.startsWith('timed out') ? 'timeout' : 'refused',
          hops,
          url: last,
          reason,
        } as ProbeOutcome;
      } finally {
        probes.delete(url);
        for (const [rid, key] of requestToProbe) if (key === url) requestToProbe.delete(rid);
      }
    },
  };
}

/** Reuses successful answers for URLs that match (Certificate Transparency's hourly quota), in memory and storage.session. */
export function cachingClient(client: HttpClient, match: (url: string) => boolean, ttlMs: number): HttpClient {
  const mem = new Map<string, { at: number; res: HttpResponse }>();
  return async (url, req) => {
    if (!match(url)) return client(url, req);
    const key = SESSION.http(url);
    let hit = mem.get(key);
    if (!hit) {
      const stored = (
        (await browser.storage.session.get(key).catch(() => ({}))) as Record<
          string,
          { at: number; res: Omit<HttpResponse, 'body'> & { text: string } }
        >
      )[key];
      if (stored)
        hit = {
          at: stored.at,
          res: {
            status: stored.res.status,
            headers: stored.res.headers,
            url: stored.res.url,
            body: new TextEncoder().encode(stored.res.text),
          },
        };
    }
    if (hit && Date.now() - hit.at < ttlMs) return hit.res;
    const res = await client(url, req);
    if (res.status === 200 && res.body.length < 2_000_000) {
      mem.set(key, { at: Date.now(), res });
      // JSON APIs: kept as text (a byte array would take four times the room in storage.session's 10 MB).
      void browser.storage.session
        .set({
          [key]: {
            at: Date.now(),
            res: { status: res.status, headers: res.headers, url: res.url, text: new TextDecoder().decode(res.body) },
          },
        })
        .catch(() => {});
    }
    return res;
  };
}
