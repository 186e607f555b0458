// ACME Renewal Information (RFC 9773): asking the CA when it wants a certificate renewed. The certificate's ARI
// identifier is base64url(AKI keyIdentifier) "." base64url(the serial number's DER content bytes), no padding
// (§4.1); the URL is the CA directory's `renewalInfo` plus that identifier; the answer's `suggestedWindow`
// moves to "now" when the CA wants early renewal (a revocation or an incident), and Retry-After says when to
// ask again (§4.3). The DER walk below reads exactly those two fields: the full X.509 library the CLI uses is
// too large for the service worker's budget, and nothing smaller reads an AKI.
import { HOUR, MINUTE } from '../engine/time';
import { ANSWER_LIMITS, type HttpClient } from '../network/net';
import { retryAfterMs } from '../network/retry-after';
import { readJsonBody } from '../sources/json-body';

function readTlv(der: Uint8Array, at: number): { tag: number; start: number; end: number } {
  if (at + 2 > der.length) throw new Error('truncated');
  const tag = der[at];
  let len = der[at + 1];
  let start = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || start + n > der.length) throw new Error('bad length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + der[start + i];
    start += n;
  }
  const end = start + len;
  if (end > der.length) throw new Error('truncated');
  return { tag, start, end };
}

function children(der: Uint8Array, start: number, end: number) {
  const out: ReturnType<typeof readTlv>[] = [];
  for (let at = start; at < end; ) {
    const t = readTlv(der, at);
    out.push(t);
    at = t.end;
  }
  return out;
}

const AKI_OID = [0x06, 0x03, 0x55, 0x1d, 0x23]; // 2.5.29.35

export function base64url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The certificate's ARI identifier, or null when it has no AKI or is not a certificate. */
export function ariCertId(der: Uint8Array): string | null {
  try {
    const cert = readTlv(der, 0);
    const tbs = readTlv(der, cert.start);
    const fields = children(der, tbs.start, tbs.end);
    let i = 0;
    if (fields[0]?.tag === 0xa0) i++; // [0] version
    const serial = fields[i];
    if (serial?.tag !== 0x02) return null;
    const ext = fields.find((f) => f.tag === 0xa3);
    if (!ext) return null;
    const list = readTlv(der, ext.start);
    for (const e of children(der, list.start, list.end)) {
      const parts = children(der, e.start, e.end);
      const oid = der.subarray(parts[0].start - 2, parts[0].end);
      if (oid.length !== AKI_OID.length || !oid.every((b, k) => b === AKI_OID[k])) continue;
      const value = parts[parts.length - 1]; // OCTET STRING (after an optional BOOLEAN critical)
      const aki = readTlv(der, value.start);
      const keyId = children(der, aki.start, aki.end).find((c) => c.tag === 0x80);
      if (!keyId) return null;
      return `${base64url(der.subarray(keyId.start, keyId.end))}.${base64url(der.subarray(serial.start, serial.end))}`;
    }
    return null;
  } catch {
    return null;
  }
}

export interface AriWindow {
  start: number;
  end: number;
  explanationUrl?: string;
}
export type AriResult = { ok: true; window: AriWindow; certId: string } | { ok: false; reason: string };

/** Directories (renewalInfo URL) and answers, shared by every check of one run; answers kept per Retry-After. */
export interface AriCache {
  directories: Map<string, { at: number; renewalInfo: string | null }>;
  answers: Map<string, { until: number; result: AriResult }>;
}
export const newAriCache = (): AriCache => ({ directories: new Map(), answers: new Map() });

/** ACME directories of CAs that offer ARI, by the CAA domain of the certificate's issuer. */
export const ARI_DIRECTORIES: Record<string, string> = {
  'letsencrypt.org': 'https://acme-v02.api.letsencrypt.org/directory',
  'pki.goog': 'https://dv.acme-v02.api.pki.goog/directory',
};

const DIRECTORY_TTL = 10 * MINUTE;
const DEFAULT_RETRY = 6 * HOUR;

export async function fetchRenewalInfo(
  http: HttpClient,
  directoryUrl: string,
  der: Uint8Array,
  timeoutMs: number,
  now: number,
  cache?: AriCache,
): Promise<AriResult> {
  const certId = ariCertId(der);
  if (!certId) return { ok: false, reason: 'the certificate has no Authority Key Identifier' };
  const cached = cache?.answers.get(`${directoryUrl}|${certId}`);
  if (cached && cached.until > now) return cached.result;
  try {
    let dir = cache?.directories.get(directoryUrl);
    if (!dir || now - dir.at > DIRECTORY_TTL) {
      const res = await http(directoryUrl, {
        headers: { accept: 'application/json' },
        timeoutMs,
        maxBytes: ANSWER_LIMITS.ari,
      });
      if (res.status !== 200) return { ok: false, reason: `the ACME directory answered HTTP ${res.status}` };
      const body = readJsonBody(res.body);
      if (!body.ok) return { ok: false, reason: `the ACME directory ${body.problem}` };
      const doc = body.doc as Record<string, unknown> | null;
      const ri =
        doc && typeof doc === 'object' && typeof doc.renewalInfo === 'string' && /^https?:\/\//.test(doc.renewalInfo)
          ? doc.renewalInfo
          : null;
      dir = { at: now, renewalInfo: ri };
      cache?.directories.set(directoryUrl, dir);
    }
    if (!dir.renewalInfo)
      return { ok: false, reason: 'the CA offers no renewal information (no renewalInfo in its directory)' };
    const res = await http(`${dir.renewalInfo.replace(/\/+$/, '')}/${certId}`, {
      maxBytes: ANSWER_LIMITS.ari,
      headers: { accept: 'application/json' },
      timeoutMs,
    });
    if (res.status === 404) return { ok: false, reason: 'the CA does not know this certificate (HTTP 404)' };
    if (res.status !== 200) return { ok: false, reason: `renewalInfo answered HTTP ${res.status}` };
    const body = readJsonBody(res.body);
    if (!body.ok) return { ok: false, reason: `renewalInfo ${body.problem}` };
    const doc = body.doc as { suggestedWindow?: { start?: unknown; end?: unknown }; explanationURL?: unknown } | null;
    const start = typeof doc?.suggestedWindow?.start === 'string' ? Date.parse(doc.suggestedWindow.start) : NaN;
    const end = typeof doc?.suggestedWindow?.end === 'string' ? Date.parse(doc.suggestedWindow.end) : NaN;
    if (Number.isNaN(start) || Number.isNaN(end)) return { ok: false, reason: 'renewalInfo sent no suggested window' };
    if (end <= start) return { ok: false, reason: 'renewalInfo sent a window that ends before it starts' };
    const explanationUrl =
      typeof doc?.explanationURL === 'string' && /^https:\/\//.test(doc.explanationURL)
        ? doc.explanationURL.slice(0, 500)
        : undefined;
    const result: AriResult = {
      ok: true,
      certId,
      window: { start, end, ...(explanationUrl ? { explanationUrl } : {}) },
    };
    cache?.answers.set(`${directoryUrl}|${certId}`, {
      until: now + retryAfterMs(res.headers['retry-after'], now, DEFAULT_RETRY),
      result,
    });
    return result;
  } catch (e) {
    return { ok: false, reason: `ARI: ${e instanceof Error ? e.message : String(e)}` };
  }
}
