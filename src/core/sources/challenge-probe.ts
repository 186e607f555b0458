// Requests the HTTP-01 challenge path as Let's Encrypt's validator would (Boulder va/http.go): port 80,
// only 301/302/307/308 followed, at most 10 redirects, http/https only, ports 80/443 only, no loops.
import type { Hop, ProbeOutcome, SiteProbe } from '../net';

export const MAX_REDIRECTS = 10;
const REDIRECTS = new Set([301, 302, 307, 308]);

export function challengeUrl(host: string, token: string): string {
  return `http://${host}/.well-known/acme-challenge/${token}`;
}

/** A random token shaped like an ACME one (base64url, 43 chars), so no real token is ever hit. */
export function randomToken(random: () => number): string {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let s = '';
  for (let i = 0; i < 43; i++) s += abc[Math.floor(random() * 64) % 64];
  return s;
}

/** Why Let's Encrypt would refuse to follow this redirect, or null when it follows it. */
export function redirectProblem(location: string, seen: string[]): string | null {
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    return `unparseable redirect target ${JSON.stringify(location.slice(0, 200))}`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `redirect to the ${url.protocol.replace(':', '')} scheme`;
  if (url.port && url.port !== '80' && url.port !== '443') return `redirect to port ${url.port}`;
  if (seen.includes(url.href)) return 'redirect loop';
  if (seen.length > MAX_REDIRECTS) return `more than ${MAX_REDIRECTS} redirects`;
  return null;
}

/** Follows redirects by hand (for transports that stop at each hop) and returns every hop. */
export async function probeChallenge(probe: SiteProbe, url: string, timeoutMs: number): Promise<ProbeOutcome> {
  if (probe.followsRedirects) return probe.request(url, timeoutMs);
  const hops: Hop[] = [];
  let next = url;
  for (let i = 0; i <= MAX_REDIRECTS + 1; i++) {
    const out = await probe.request(next, timeoutMs);
    hops.push(...out.hops);
    if (out.kind !== 'response') return { ...out, hops };
    const last = out.hops[out.hops.length - 1];
    if (!last || !REDIRECTS.has(last.status) || !last.location) return { kind: 'response', hops };
    let target: string;
    try { target = new URL(last.location, last.url).href; } catch { return { kind: 'response', hops }; }
    if (redirectProblem(target, hops.map((h) => h.url))) return { kind: 'response', hops };
    next = target;
  }
  return { kind: 'response', hops };
}
