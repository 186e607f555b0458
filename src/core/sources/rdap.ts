// RDAP (RFC 9083): when the domain registration expires and in which state it is. Many ccTLDs (.jp among
// them) have no RDAP: that is "unknown", never a guess.
import type { HttpClient } from '../net';

export type RdapResult =
  | { ok: true; expiration: string | null; statuses: string[] }
  | { ok: false; reason: string; noRdap?: boolean };

export async function fetchRdap(http: HttpClient, base: string, domain: string, timeoutMs: number): Promise<RdapResult> {
  const url = `${base.replace(/\/+$/, '')}/domain/${encodeURIComponent(domain)}`;
  try {
    const res = await http(url, { headers: { accept: 'application/rdap+json, application/json' }, timeoutMs });
    if (res.status === 404) return { ok: false, reason: `no RDAP data for ${domain} (many ccTLDs, .jp among them, publish none): expiry unknown`, noRdap: true };
    if (res.status !== 200) return { ok: false, reason: `RDAP answered HTTP ${res.status}` };
    const doc = JSON.parse(new TextDecoder().decode(res.body)) as unknown;
    if (!doc || typeof doc !== 'object') return { ok: false, reason: 'RDAP sent something that is not a domain object' };
    const d = doc as Record<string, unknown>;
    const events = Array.isArray(d.events) ? d.events : [];
    let expiration: string | null = null;
    for (const ev of events) {
      const e = ev as Record<string, unknown> | null;
      if (e && e.eventAction === 'expiration' && typeof e.eventDate === 'string' && !Number.isNaN(Date.parse(e.eventDate))) {
        expiration = new Date(e.eventDate).toISOString();
      }
    }
    const statuses = (Array.isArray(d.status) ? d.status : []).filter((s): s is string => typeof s === 'string' && s.length < 200).map((s) => s.toLowerCase());
    return { ok: true, expiration, statuses };
  } catch (e) {
    return { ok: false, reason: `RDAP: ${e instanceof SyntaxError ? 'invalid JSON' : e instanceof Error ? e.message : String(e)}` };
  }
}
