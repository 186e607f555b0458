// Domain registration: RDAP (RFC 9083) through a bootstrap service (rdap.org redirects to the registry's own
// RDAP server, RFC 9224), or — for a TLD that publishes no RDAP, such as .jp — the registry's WHOIS where the
// shell can open port 43 (the CLI). Two different 404s: rdap.org's own (no RDAP server for this TLD) and the
// registry's (it does not know this domain), told apart by whether the request was redirected.
import { ANSWER_LIMITS, type HttpClient } from '../network/net';
import type { LocalText } from '../engine/types';
import { readJsonBody } from './json-body';

export type RdapResult =
  | { ok: true; expiration: string | null; statuses: string[]; source: 'rdap' | 'whois' }
  | { ok: false; kind: 'no-rdap' | 'not-found' | 'error'; reason: string; text?: LocalText };

/** Reads the registry's WHOIS for a domain whose TLD has no RDAP (CLI only). */
export type WhoisLookup = (domain: string, timeoutMs: number) => Promise<RdapResult>;

export async function fetchRdap(
  http: HttpClient,
  base: string,
  domain: string,
  timeoutMs: number,
): Promise<RdapResult> {
  const url = `${base.replace(/\/+$/, '')}/domain/${encodeURIComponent(domain)}`;
  const tld = domain.slice(domain.lastIndexOf('.') + 1);
  try {
    const res = await http(url, {
      headers: { accept: 'application/rdap+json, application/json' },
      timeoutMs,
      maxBytes: ANSWER_LIMITS.rdap,
    });
    const redirected = res.url !== '' && res.url !== url;
    if (res.status === 404 && redirected) {
      return {
        ok: false,
        kind: 'not-found',
        reason: `the registry's RDAP server does not know ${domain}`,
        text: { key: 'note_rdap_not_found', params: { domain } },
      };
    }
    if (res.status === 404) {
      return {
        ok: false,
        kind: 'no-rdap',
        reason: `no RDAP server for .${tld} (many ccTLDs, .jp among them, publish none): expiry unknown`,
        text: { key: 'note_rdap_no_rdap', params: { tld } },
      };
    }
    if (res.status !== 200)
      return {
        ok: false,
        kind: 'error',
        reason: `RDAP answered HTTP ${res.status}`,
        text: { key: 'note_rdap_http', params: { status: res.status } },
      };
    const body = readJsonBody(res.body);
    if (!body.ok) return { ok: false, kind: 'error', reason: `RDAP ${body.problem}`, text: { key: 'note_rdap_junk' } };
    const doc = body.doc;
    if (!doc || typeof doc !== 'object' || Array.isArray(doc))
      return {
        ok: false,
        kind: 'error',
        reason: 'RDAP sent something that is not a domain object',
        text: { key: 'note_rdap_junk' },
      };
    const d = doc as Record<string, unknown>;
    const events = Array.isArray(d.events) ? d.events.slice(0, 100) : [];
    let expiration: string | null = null;
    for (const ev of events) {
      const e = ev as Record<string, unknown> | null;
      if (
        e &&
        e.eventAction === 'expiration' &&
        typeof e.eventDate === 'string' &&
        !Number.isNaN(Date.parse(e.eventDate))
      ) {
        expiration = new Date(e.eventDate).toISOString();
      }
    }
    const statuses = (Array.isArray(d.status) ? d.status.slice(0, 50) : [])
      .filter((s): s is string => typeof s === 'string' && s.length < 200)
      .map((s) => s.toLowerCase());
    return { ok: true, expiration, statuses, source: 'rdap' };
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      kind: 'error',
      reason: `RDAP: ${reason}`,
      text: { key: 'note_rdap_failed', params: { reason } },
    };
  }
}
