// Certificate Transparency: the certificates issued for the host. Cert Spotter API v1
// (https://sslmate.com/help/reference/ct_search_api_v1, https://sslmate.com/certspotter/api/docs-v1): issuances
// come oldest first, in pages, the next page asked with `after=<id of the last one>` until an empty answer;
// only unexpired issuances unless asked; `match_wildcards=true` adds `*.parent` certificates. The free tier has
// a small hourly quota: a 429 with Retry-After, remembered across checks so no request is spent before then.
// crt.sh (https://crt.sh/) is the fallback: slow, so it gets its own longer timeout; the exact name and the
// wildcard are asked separately and merged. Responses are hostile input: every field is checked, junk entries
// are dropped, junk documents (or an HTML error page with status 200) are an error, never a crash.
import { DAY, HOUR } from '../engine/time';
import { ANSWER_LIMITS, type HttpClient } from '../network/net';
import { retryAfterMs } from '../network/retry-after';
import { readJsonBody } from './json-body';

/** Is this request one of our CT searches (Cert Spotter's issuances, crt.sh's JSON)? Shells cache those answers. */
export const isCtQuery = (url: string): boolean => url.includes('/v1/issuances?') || url.includes('output=json');

export interface Issuance {
  id: string;
  names: string[];
  issuer: string;
  issuerOrg?: string;
  notBefore: string;
  notAfter: string;
  revoked: boolean;
  /** The (pre)certificate's DER (Cert Spotter's `cert` expansion): it carries the serial and AKI that ARI needs. */
  der?: Uint8Array;
}
export type CtResult =
  | { ok: true; issuances: Issuance[]; pages?: number; truncated?: boolean }
  | { ok: false; reason: string; retryAt?: number };
export interface CtEndpoint {
  kind: 'certspotter' | 'crtsh';
  base: string;
  /** Cert Spotter API key: sent as a bearer token to this endpoint only (ct_search_api_v1, "Authentication"). */
  apiKey?: string;
}

/**
 * Shared by every check of one browser or CLI run: until when Cert Spotter told us to wait (Retry-After), and —
 * without an API key — our own budget of requests per rolling hour, kept under the free tier's so that a long
 * watch list never meets the 429 at all.
 */
export interface CtQuota {
  blockedUntil: number;
  hourlyBudget?: number;
  spent?: number[];
}

/** The free tier allows 100 queries an hour (docs/sources/apis.md "Cert Spotter"); we stop a little short of it. */
export const FREE_HOURLY_BUDGET = 90;

function spend(quota: CtQuota | undefined, now: number): number | null {
  if (!quota?.hourlyBudget) return null;
  const spent = (quota.spent ?? []).filter((t) => t > now - HOUR);
  quota.spent = spent;
  if (spent.length >= quota.hourlyBudget) return spent[0] + HOUR;
  spent.push(now);
  return null;
}

/** Pages of one query at most (each is a request against the hourly quota). */
export const MAX_PAGES = 10;
export const CRTSH_TIMEOUT_MS = 25_000;

const str = (v: unknown): v is string => typeof v === 'string' && v.length < 10_000;
const validDate = (v: unknown): v is string => str(v) && !Number.isNaN(Date.parse(v));

function parseCertSpotter(doc: unknown): Issuance[] | null {
  if (!Array.isArray(doc)) return null;
  const out: Issuance[] = [];
  for (const e of doc.slice(0, 5000)) {
    if (!e || typeof e !== 'object') continue;
    const r = e as Record<string, unknown>;
    if (!validDate(r.not_before) || !validDate(r.not_after) || !Array.isArray(r.dns_names) || !str(r.id)) continue;
    const issuer = (r.issuer && typeof r.issuer === 'object' ? r.issuer : {}) as Record<string, unknown>;
    const dn = str(issuer.name) ? issuer.name : '';
    const der = derOf(r.cert);
    out.push({
      id: r.id,
      names: r.dns_names.filter(str).map((n) => n.toLowerCase()),
      issuer: str(issuer.friendly_name) ? issuer.friendly_name : dn,
      issuerOrg: dn.match(/O=([^,]+)/)?.[1]?.trim(),
      notBefore: new Date(r.not_before).toISOString(),
      notAfter: new Date(r.not_after).toISOString(),
      revoked: r.revoked === true,
      ...(der ? { der } : {}),
    });
  }
  return out;
}

function derOf(cert: unknown): Uint8Array | null {
  const data = cert && typeof cert === 'object' ? (cert as Record<string, unknown>).data : null;
  if (typeof data !== 'string' || data.length > 20_000 || !/^[A-Za-z0-9+/=]+$/.test(data)) return null;
  let bin: string;
  try {
    bin = atob(data);
  } catch {
    return null;
  }
  // A plain loop: Uint8Array.from with a mapping function was 2% of the CLI's CPU in a fleet (issue #25).
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** crt.sh writes UTC without a zone ("2026-04-02T21:18:57"); anything that does not read as a date drops the entry. */
function crtShDate(v: unknown): string | null {
  if (!validDate(v)) return null;
  const t = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v}Z`);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

function parseCrtSh(doc: unknown): Issuance[] | null {
  if (!Array.isArray(doc)) return null;
  const out: Issuance[] = [];
  for (const e of doc.slice(0, 5000)) {
    if (!e || typeof e !== 'object') continue;
    const r = e as Record<string, unknown>;
    if (!str(r.name_value)) continue;
    const notBefore = crtShDate(r.not_before);
    const notAfter = crtShDate(r.not_after);
    if (!notBefore || !notAfter) continue;
    const dn = str(r.issuer_name) ? r.issuer_name : '';
    out.push({
      id: str(r.serial_number) ? `serial:${r.serial_number}` : String(r.id ?? out.length),
      names: r.name_value
        .split('\n')
        .map((n) => n.trim().toLowerCase())
        .filter(Boolean),
      issuer: dn.match(/CN=([^,]+)/)?.[1]?.trim() ?? dn,
      issuerOrg: dn.match(/O=([^,]+)/)?.[1]?.trim(),
      notBefore,
      notAfter,
      revoked: false,
    });
  }
  return out;
}

type Outcome =
  | { ok: true; list: Issuance[]; pages: number; truncated: boolean }
  | { ok: false; reason: string; retryAt?: number };

type JsonAnswer = { status: number; doc?: unknown; retryAfter?: string; reason?: string };

async function getJson(
  http: HttpClient,
  url: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<JsonAnswer> {
  const res = await http(url, {
    headers: { accept: 'application/json', ...headers },
    timeoutMs,
    maxBytes: ANSWER_LIMITS.ct,
  });
  if (res.status !== 200) return { status: res.status, retryAfter: res.headers['retry-after'] };
  const body = readJsonBody(res.body);
  return body.ok ? { status: 200, doc: body.doc } : { status: 200, reason: body.problem };
}

async function certSpotter(
  http: HttpClient,
  ep: CtEndpoint,
  host: string,
  timeoutMs: number,
  quota: CtQuota | undefined,
  now: number,
): Promise<Outcome> {
  const base = ep.base.replace(/\/+$/, '');
  const where = hostOf(base);
  if (quota && quota.blockedUntil > now)
    return { ok: false, reason: `${where}: hourly quota reached (HTTP 429)`, retryAt: quota.blockedUntil };
  const headers: Record<string, string> = ep.apiKey ? { authorization: `Bearer ${ep.apiKey}` } : {};
  const first = `${base}/v1/issuances?domain=${encodeURIComponent(host)}&match_wildcards=true&expand=dns_names&expand=issuer&expand=cert`;
  const list: Issuance[] = [];
  const seen = new Set<string>();
  let after: string | null = null;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const waitUntil = spend(quota, now);
    if (waitUntil !== null)
      return {
        ok: false,
        reason: `${where}: our hourly budget of ${quota!.hourlyBudget} queries is spent`,
        retryAt: waitUntil,
      };
    const r = await getJson(http, after ? `${first}&after=${encodeURIComponent(after)}` : first, headers, timeoutMs);
    if (r.status === 429) {
      const retryAt = now + retryAfterMs(r.retryAfter, now);
      if (quota) quota.blockedUntil = Math.max(quota.blockedUntil, retryAt);
      return { ok: false, reason: `${where}: hourly quota reached (HTTP 429)`, retryAt };
    }
    if (r.status !== 200) return { ok: false, reason: `${where} answered HTTP ${r.status}` };
    if (r.reason) return { ok: false, reason: `${where} ${r.reason}` };
    const items = parseCertSpotter(r.doc);
    if (!items) return { ok: false, reason: `${where} sent something that is not a list of certificates` };
    if (items.length === 0) return { ok: true, list, pages: page, truncated: false };
    const fresh = items.filter((i) => !seen.has(i.id));
    if (fresh.length === 0) return { ok: true, list, pages: page, truncated: false }; // a server repeating itself
    for (const i of fresh) {
      seen.add(i.id);
      list.push(i);
    }
    after = fresh[fresh.length - 1].id;
  }
  // Oldest first: the newest issuances are on the pages not read. Say so rather than call old news current.
  return { ok: true, list, pages: MAX_PAGES, truncated: true };
}

async function crtSh(http: HttpClient, ep: CtEndpoint, host: string, timeoutMs: number): Promise<Outcome> {
  const base = ep.base.replace(/\/+$/, '');
  const where = hostOf(base);
  const parent = host.includes('.') ? host.slice(host.indexOf('.') + 1) : host;
  const queries = [host, `*.${parent}`].map(
    (q) => `${base}/?q=${encodeURIComponent(q)}&output=json&exclude=expired&deduplicate=Y`,
  );
  const answers = await Promise.all(
    queries.map((u) =>
      getJson(http, u, {}, Math.max(timeoutMs, CRTSH_TIMEOUT_MS)).catch(
        (e: unknown): JsonAnswer => ({ status: 0, reason: e instanceof Error ? e.message : String(e) }),
      ),
    ),
  );
  const merged = new Map<string, Issuance>();
  let problem: string | null = null;
  for (const a of answers) {
    if (a.status !== 200) {
      problem = a.status ? `${where} answered HTTP ${a.status}` : `${where}: ${a.reason}`;
      continue;
    }
    if (a.reason) {
      problem = `${where} ${a.reason}`;
      continue;
    }
    const items = parseCrtSh(a.doc);
    if (!items) {
      problem = `${where} sent something that is not a list of certificates`;
      continue;
    }
    for (const i of items) merged.set(`${i.id}|${i.notBefore}`, i);
  }
  // Both halves are needed: without the wildcard query a *.parent certificate would be missed, and the reverse.
  if (problem) return { ok: false, reason: problem };
  return { ok: true, list: [...merged.values()], pages: queries.length, truncated: false };
}

/** The unexpired certificates for `host` (and wildcards covering it), newest included, or why not. */
export async function fetchIssuances(
  http: HttpClient,
  endpoints: CtEndpoint[],
  host: string,
  timeoutMs: number,
  opts: { quota?: CtQuota; now?: number } = {},
): Promise<CtResult> {
  let failure: { reason: string; retryAt?: number } = { reason: 'no Certificate Transparency source configured' };
  const now = opts.now ?? Date.now();
  for (const ep of endpoints) {
    let out: Outcome;
    try {
      out =
        ep.kind === 'certspotter'
          ? await certSpotter(http, ep, host, timeoutMs, opts.quota, now)
          : await crtSh(http, ep, host, timeoutMs);
    } catch (e) {
      out = { ok: false, reason: `${hostOf(ep.base)}: ${e instanceof Error ? e.message : String(e)}` };
    }
    if (out.ok)
      return { ok: true, issuances: out.list, pages: out.pages, ...(out.truncated ? { truncated: true } : {}) };
    // Keep the quota answer: it is the one the user can act on (wait, or add an API key).
    if (!failure.retryAt) failure = out;
  }
  return { ok: false, ...failure };
}

/** How far back the history reaches: a certificate that ended longer ago than this says nothing about today's renewer. */
export const HISTORY_MAX_AGE_DAYS = 400;
/** crt.sh is slow (docs/sources/apis.md "crt.sh"); the history gets this long unless the check's deadline is sooner. */
export const HISTORY_TIMEOUT_MS = 10_000;

export type HistoryResult = { ok: true; issuances: Issuance[] } | { ok: false; reason: string };

/**
 * Earlier certificates for exactly `host`, expired ones included (RENEWAL_INTERVAL_TOO_LONG reads the renewer's
 * rhythm from them). Cert Spotter lists only unexpired issuances ("list all unexpired certificate issuances",
 * https://sslmate.com/certspotter/api/docs-v1); crt.sh answers expired ones too when `exclude=expired` is left out
 * (its advanced search form: https://crt.sh/?a=1). One request, the exact name only (no wildcard query),
 * `deduplicate=Y` (a precertificate and its certificate once), parsed as hostile input like the rest; certificates
 * that ended more than HISTORY_MAX_AGE_DAYS ago are dropped.
 */
export async function fetchHistory(
  http: HttpClient,
  ep: CtEndpoint,
  host: string,
  timeoutMs: number,
  now: number,
): Promise<HistoryResult> {
  const base = ep.base.replace(/\/+$/, '');
  const where = hostOf(base);
  try {
    const r = await getJson(
      http,
      `${base}/?q=${encodeURIComponent(host)}&output=json&deduplicate=Y`,
      {},
      Math.max(timeoutMs, HISTORY_TIMEOUT_MS),
    );
    if (r.status !== 200) return { ok: false, reason: `${where} answered HTTP ${r.status}` };
    if (r.reason) return { ok: false, reason: `${where} ${r.reason}` };
    const items = parseCrtSh(r.doc);
    if (!items) return { ok: false, reason: `${where} sent something that is not a list of certificates` };
    const oldest = now - HISTORY_MAX_AGE_DAYS * DAY;
    return {
      ok: true,
      issuances: items.filter(
        (i) => Date.parse(i.notAfter) >= oldest && Date.parse(i.notAfter) > Date.parse(i.notBefore),
      ),
    };
  } catch (e) {
    return { ok: false, reason: `${where}: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
