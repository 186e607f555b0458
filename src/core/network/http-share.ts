// Sharing one HttpClient between many checks (the CLI's fleet mode, the watch list): a cap on requests in flight
// per origin, so 1,000 hosts never open 1,000 sockets to one resolver or API; and a memo for answers that are the
// same for every host (the CA's status page, a domain's CT history), with in-flight de-duplication.
import type { Clock, HttpClient, HttpResponse } from './net';

/** The scheme and authority as written (our own URLs: no need to normalise them through a URL parse per request). */
const originOf = (url: string) => /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(url)?.[0].toLowerCase() ?? url;

/** At most `max` requests in flight to any one origin; the rest wait their turn in order. */
export function limitPerOrigin(client: HttpClient, max: number): HttpClient & { peak: () => Record<string, number> } {
  const active = new Map<string, number>();
  const queues = new Map<string, (() => void)[]>();
  const peaks: Record<string, number> = {};
  const limited = (async (url, req) => {
    const o = originOf(url);
    if ((active.get(o) ?? 0) >= max)
      await new Promise<void>((r) => {
        const q = queues.get(o) ?? [];
        q.push(r);
        queues.set(o, q);
      });
    const n = (active.get(o) ?? 0) + 1;
    active.set(o, n);
    peaks[o] = Math.max(peaks[o] ?? 0, n);
    try {
      return await client(url, req);
    } finally {
      active.set(o, (active.get(o) ?? 1) - 1);
      queues.get(o)?.shift()?.();
    }
  }) as HttpClient & { peak: () => Record<string, number> };
  limited.peak = () => ({ ...peaks });
  return limited;
}

/**
 * Reuses a 200 answer for `ttlMs` for URLs that `match`; one request at a time per URL. At most `maxBytes` of
 * answers are kept (the oldest go first): a fleet of 1,000 hosts does not keep 1,000 CT histories in memory.
 */
export function memoize(
  client: HttpClient,
  match: (url: string) => boolean,
  ttlMs: number,
  clock: Clock,
  maxBytes = 32 * 1024 * 1024,
): HttpClient {
  const done = new Map<string, { at: number; res: HttpResponse }>();
  let kept = 0;
  const keep = (url: string, res: HttpResponse) => {
    if (res.body.length > maxBytes) return;
    const prev = done.get(url);
    if (prev) kept -= prev.res.body.length;
    done.delete(url);
    done.set(url, { at: clock.now(), res });
    kept += res.body.length;
    // Map order is insertion order: the first entries are the oldest.
    for (const [u, e] of done) {
      if (kept <= maxBytes) break;
      done.delete(u);
      kept -= e.res.body.length;
    }
  };
  const running = new Map<string, Promise<HttpResponse>>();
  return (url, req) => {
    if (!match(url) || (req.method && req.method !== 'GET')) return client(url, req);
    const hit = done.get(url);
    if (hit && clock.now() - hit.at < ttlMs) return Promise.resolve(hit.res);
    const inflight = running.get(url);
    if (inflight) return inflight;
    const p = client(url, req)
      .then((res) => {
        if (res.status === 200) keep(url, res);
        return res;
      })
      .finally(() => running.delete(url));
    running.set(url, p);
    return p;
  };
}
