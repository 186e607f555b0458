// Requests the HTTP-01 challenge path as Let's Encrypt's validator does (Boulder va/http.go,
// processRedirect and extractRequestTarget): port 80 first; redirects only with 301/302/307/308; at most
// 11 of them (Boulder checks `numRedirects > maxRedirect` with maxRedirect = 10 *before* counting the
// redirect, so the 12th is refused — va/http_test.go "Too many redirects" stops at /max-redirect/12);
// http/https only; ports 80/443 only; no empty host, no host ending in ".well-known"; IP-literal targets
// only outside reserved ranges; names only under an IANA TLD (the ICANN section of the Public Suffix List);
// paths of at most 2000 bytes; no URL fetched twice.
import { reservedRange } from '../network/ip';
import { matchPublicSuffix } from '../network/public-suffix';
import type { Hop, ProbeOutcome, SiteProbe } from '../network/net';

/** Labels of letters, digits, "-" and "_", at most 63 long, none starting or ending with "-": a name WHATWG URL
 * accepts but DNS cannot hold (`a*b.example`, `-a.example`) is under no TLD. */
const DNS_NAME = /^(?=.{1,255}$)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.)*[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

export const MAX_REDIRECTS = 11;
export const MAX_PATH_BYTES = 2000;
export const FOLLOWED_REDIRECTS = new Set([301, 302, 307, 308]);
/** Statuses Go's HTTP client treats as redirects (and hands to Boulder's processRedirect). */
const GO_REDIRECTS = new Set([301, 302, 303, 307, 308]);

export type RedirectRule =
  | 'status'
  | 'too-many'
  | 'scheme'
  | 'port'
  | 'empty-host'
  | 'well-known'
  | 'reserved-ip'
  | 'not-iana'
  | 'path-long'
  | 'loop'
  | 'unparseable';
export interface RedirectProblem {
  rule: RedirectRule;
  detail: string;
}

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

/** Is this response a redirect the validator acts on (follows, or refuses because of its status)? */
export function isRedirect(h: Hop): boolean {
  return GO_REDIRECTS.has(h.status) && typeof h.location === 'string' && h.location !== '';
}

const utf8Length = (s: string) => new TextEncoder().encode(s).length;
function decodedPath(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

/**
 * Why Boulder refuses the `number`-th redirect (1-based) of status `status` from `from` to `location`,
 * given every URL fetched so far (the first request included), or null when it follows it.
 */
export function redirectProblem(
  status: number,
  location: string,
  from: string,
  fetched: string[],
  number: number,
): RedirectProblem | null {
  if (number > MAX_REDIRECTS) return { rule: 'too-many', detail: String(MAX_REDIRECTS) };
  if (!FOLLOWED_REDIRECTS.has(status)) return { rule: 'status', detail: String(status) };
  let url: URL;
  try {
    url = new URL(location, from);
  } catch {
    return { rule: 'unparseable', detail: location.slice(0, 200) };
  }
  const scheme = url.protocol.replace(/:$/, '');
  if (scheme !== 'http' && scheme !== 'https') return { rule: 'scheme', detail: scheme.slice(0, 40) };
  // WHATWG URL drops a scheme's default port, so an explicit :80 on http or :443 on https reads as ''.
  if (url.port && url.port !== '80' && url.port !== '443') return { rule: 'port', detail: url.port };
  const host = url.hostname.toLowerCase();
  if (!host) return { rule: 'empty-host', detail: '' };
  if (host.endsWith('.well-known')) return { rule: 'well-known', detail: host };
  const ip = host.startsWith('[') ? host.slice(1, -1) : /^[0-9.]+$/.test(host) ? host : null;
  if (ip !== null) {
    const range = reservedRange(ip);
    if (range) return { rule: 'reserved-ip', detail: `${ip} (${range})` };
  } else {
    const name = host.replace(/^\.|\.+$/g, '');
    if (!DNS_NAME.test(name) || !matchPublicSuffix(name).listed) return { rule: 'not-iana', detail: host };
  }
  const bytes = utf8Length(decodedPath(url.pathname));
  if (bytes > MAX_PATH_BYTES) return { rule: 'path-long', detail: String(bytes) };
  if (fetched.includes(url.href)) return { rule: 'loop', detail: url.href };
  return null;
}

/** Walks recorded hops with Boulder's rules: the first refused redirect, or null when every hop was followable. */
export function firstRedirectProblem(hops: Hop[]): (RedirectProblem & { index: number; target: string }) | null {
  const fetched: string[] = [];
  let count = 0;
  for (let i = 0; i < hops.length; i++) {
    const h = hops[i];
    fetched.push(h.url);
    if (!isRedirect(h)) return null;
    count++;
    const problem = redirectProblem(h.status, h.location!, h.url, fetched, count);
    let target = h.location!;
    try {
      target = new URL(h.location!, h.url).href;
    } catch {
      /* reported as unparseable */
    }
    if (problem) return { ...problem, index: i, target };
  }
  return null;
}

/**
 * The other names of the same registrable domain the challenge path is redirected to, in order (apex → www),
 * before the first hop Boulder refuses: where the validator would look for the token next.
 */
export function redirectTargetsInDomain(hops: Hop[], host: string, registrableDomain: string): string[] {
  const problem = firstRedirectProblem(hops);
  const out: string[] = [];
  for (const h of hops.slice(0, problem ? problem.index : hops.length)) {
    if (!isRedirect(h)) break;
    let name: string;
    try {
      name = new URL(h.location!, h.url).hostname.toLowerCase();
    } catch {
      break;
    }
    const inDomain = name === registrableDomain || name.endsWith(`.${registrableDomain}`);
    if (name !== host && inDomain && !out.includes(name)) out.push(name);
  }
  return out.slice(0, 3);
}

/** Follows redirects by hand (for transports that stop at each hop) and returns every hop. */
export async function probeChallenge(probe: SiteProbe, url: string, timeoutMs: number): Promise<ProbeOutcome> {
  if (probe.followsRedirects) return probe.request(url, timeoutMs);
  const hops: Hop[] = [];
  let next = url;
  for (let i = 0; i <= MAX_REDIRECTS; i++) {
    const out = await probe.request(next, timeoutMs);
    hops.push(...out.hops);
    if (out.kind !== 'response') return { ...out, hops };
    const last = out.hops[out.hops.length - 1];
    if (!last || !isRedirect(last)) return { kind: 'response', hops };
    // Stop where Boulder stops: the refused hop is the evidence, and we never follow it (a reserved address
    // or a foreign port is not ours to connect to either).
    if (
      redirectProblem(
        last.status,
        last.location!,
        last.url,
        hops.map((h) => h.url),
        i + 1,
      )
    )
      return { kind: 'response', hops };
    next = new URL(last.location!, last.url).href;
  }
  return { kind: 'response', hops };
}
