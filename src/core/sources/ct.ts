// Certificate Transparency: what certificates were issued for the domain. Cert Spotter API v1
// (https://sslmate.com/certspotter/api/docs-v1), crt.sh as a fallback. Responses are hostile input: every
// field is checked, junk entries are dropped, junk documents are an error, never a crash.
import type { HttpClient } from '../net';

export interface Issuance { id: string; names: string[]; issuer: string; issuerOrg?: string; notBefore: string; notAfter: string; revoked: boolean }
export type CtResult = { ok: true; issuances: Issuance[] } | { ok: false; reason: string };
export interface CtEndpoint {
  kind: 'certspotter' | 'crtsh'; base: string;
  /** Cert Spotter API key: sent as a bearer token to this endpoint only (sslmate.com/help/reference/ct_search_api_v1). */
  apiKey?: string;
}

const str = (v: unknown): v is string => typeof v === 'string' && v.length < 10_000;
const validDate = (v: unknown): v is string => str(v) && !Number.isNaN(Date.parse(v));

function parseCertSpotter(doc: unknown): Issuance[] | null {
  if (!Array.isArray(doc)) return null;
  const out: Issuance[] = [];
  for (const e of doc.slice(0, 5000)) {
    if (!e || typeof e !== 'object') continue;
    const r = e as Record<string, unknown>;
    if (!validDate(r.not_before) || !validDate(r.not_after) || !Array.isArray(r.dns_names)) continue;
    const issuer = (r.issuer && typeof r.issuer === 'object' ? r.issuer : {}) as Record<string, unknown>;
    const dn = str(issuer.name) ? issuer.name : '';
    out.push({
      id: str(r.id) ? r.id : String(out.length),
      names: r.dns_names.filter(str).map((n) => n.toLowerCase()),
      issuer: str(issuer.friendly_name) ? issuer.friendly_name : dn,
      issuerOrg: dn.match(/O=([^,]+)/)?.[1]?.trim(),
      notBefore: new Date(r.not_before).toISOString(),
      notAfter: new Date(r.not_after).toISOString(),
      revoked: r.revoked === true,
    });
  }
  return out;
}

function parseCrtSh(doc: unknown): Issuance[] | null {
  if (!Array.isArray(doc)) return null;
  const out: Issuance[] = [];
  for (const e of doc.slice(0, 5000)) {
    if (!e || typeof e !== 'object') continue;
    const r = e as Record<string, unknown>;
    if (!validDate(r.not_before) || !validDate(r.not_after) || !str(r.name_value)) continue;
    const dn = str(r.issuer_name) ? r.issuer_name : '';
    out.push({
      id: String(r.id ?? out.length),
      names: r.name_value.split('\n').map((n) => n.trim().toLowerCase()).filter(Boolean),
      issuer: dn.match(/CN=([^,]+)/)?.[1]?.trim() ?? dn,
      issuerOrg: dn.match(/O=([^,]+)/)?.[1]?.trim(),
      notBefore: new Date(`${r.not_before}Z`.replace(/ZZ$/, 'Z')).toISOString(),
      notAfter: new Date(`${r.not_after}Z`.replace(/ZZ$/, 'Z')).toISOString(),
      revoked: false,
    });
  }
  return out;
}

export async function fetchIssuances(http: HttpClient, endpoints: CtEndpoint[], domain: string, timeoutMs: number): Promise<CtResult> {
  let reason = 'no Certificate Transparency source configured';
  for (const ep of endpoints) {
    const base = ep.base.replace(/\/+$/, '');
    const url = ep.kind === 'certspotter'
      ? `${base}/v1/issuances?domain=${encodeURIComponent(domain)}&include_subdomains=true&expand=dns_names&expand=issuer`
      : `${base}/?q=${encodeURIComponent(`%.${domain}`)}&output=json&exclude=expired&deduplicate=Y`;
    try {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (ep.kind === 'certspotter' && ep.apiKey) headers.authorization = `Bearer ${ep.apiKey}`;
      const res = await http(url, { headers, timeoutMs });
      if (res.status === 429) { reason = `${hostOf(base)} rate limit reached (HTTP 429)`; continue; }
      if (res.status !== 200) { reason = `${hostOf(base)} answered HTTP ${res.status}`; continue; }
      const doc = JSON.parse(new TextDecoder().decode(res.body)) as unknown;
      const list = ep.kind === 'certspotter' ? parseCertSpotter(doc) : parseCrtSh(doc);
      if (!list) { reason = `${hostOf(base)} sent something that is not a list of certificates`; continue; }
      return { ok: true, issuances: list };
    } catch (e) {
      reason = `${hostOf(base)}: ${e instanceof SyntaxError ? 'invalid JSON' : e instanceof Error ? e.message : String(e)}`;
    }
  }
  return { ok: false, reason };
}

function hostOf(url: string): string {
  try { return new URL(url).host; } catch { return url; }
}
