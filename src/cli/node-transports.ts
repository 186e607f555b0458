// Node implementations of the engine's doors: fetch for APIs, raw http/https for the site (one hop at a
// time, so the engine follows redirects with Let's Encrypt's rules), tls for the served certificate.
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import type { CertificateReader, HttpClient, ProbeOutcome, ServedCertificate, SiteProbe } from '../core/net';
import { classifyUntrusted } from './chain-trust';

export const nodeHttpClient: HttpClient = async (url, req) => {
  const res = await fetch(url, {
    method: req.method ?? 'GET',
    headers: req.headers,
    body: req.body as BodyInit | undefined,
    signal: AbortSignal.timeout(req.timeoutMs),
    redirect: 'follow',
  }).catch((e: unknown) => {
    const err = e as { name?: string; cause?: { code?: string; message?: string } };
    if (err.name === 'TimeoutError') throw new Error(`timed out after ${req.timeoutMs} ms`);
    throw new Error(err.cause?.code ?? err.cause?.message ?? String(e));
  });
  const body = new Uint8Array(await res.arrayBuffer());
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => { headers[k] = v; });
  return { status: res.status, headers, body, url: res.url };
};

/** curl's --connect-to: HOST1:PORT1:HOST2:PORT2, empty HOST1/PORT1 = any, empty HOST2/PORT2 = unchanged. */
export interface ConnectTo { host1: string; port1: string; host2: string; port2: string }

export function parseConnectTo(spec: string): ConnectTo | null {
  const m = spec.match(/^(\[[^\]]*\]|[^:[\]]*):(\d*):(\[[^\]]*\]|[^:[\]]*):(\d*)$/);
  if (!m) return null;
  const strip = (h: string) => h.replace(/^\[|\]$/g, '').toLowerCase();
  return { host1: strip(m[1]), port1: m[2], host2: strip(m[3]), port2: m[4] };
}

export function route(rules: ConnectTo[], host: string, port: number): { host: string; port: number } {
  for (const r of rules) {
    if ((r.host1 === '' || r.host1 === host) && (r.port1 === '' || Number(r.port1) === port)) {
      return { host: r.host2 || host, port: r.port2 ? Number(r.port2) : port };
    }
  }
  return { host, port };
}

export function nodeSiteProbe(rules: ConnectTo[]): SiteProbe {
  return {
    request(url: string, timeoutMs: number): Promise<ProbeOutcome> {
      return new Promise((resolve) => {
        let u: URL;
        try { u = new URL(url); } catch { resolve({ kind: 'error', hops: [], url, reason: 'invalid URL' }); return; }
        const secure = u.protocol === 'https:';
        const port = Number(u.port || (secure ? 443 : 80));
        const target = route(rules, u.hostname.replace(/^\[|\]$/g, ''), port);
        const lib = secure ? https : http;
        const req = lib.request({
          host: target.host, port: target.port, method: 'GET', path: `${u.pathname}${u.search}`,
          headers: { host: u.host, 'user-agent': 'renewal-radar (+https://github.com/renewal-radar)', accept: '*/*', connection: 'close' },
          servername: secure && !/^[\d.:]+$/.test(u.hostname) ? u.hostname : undefined,
          // Let's Encrypt does not verify certificates when it follows a redirect to https (Boulder va/http.go).
          rejectUnauthorized: false,
          timeout: timeoutMs,
        } as https.RequestOptions, (res) => {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
          res.resume();
          resolve({ kind: 'response', hops: [{ url, status: res.statusCode ?? 0, location: headers.location, headers }] });
          req.destroy();
        });
        req.on('timeout', () => { req.destroy(); resolve({ kind: 'timeout', hops: [], url, reason: `no answer within ${timeoutMs} ms` }); });
        req.on('error', (e: NodeJS.ErrnoException) => {
          const kind = e.code === 'ECONNREFUSED' || e.code === 'ECONNRESET' ? 'refused' : e.code === 'ETIMEDOUT' ? 'timeout' : 'error';
          resolve({ kind, hops: [], url, reason: e.code ?? e.message });
        });
        req.end();
      });
    },
  };
}

const DIAGNOSED = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERR_TLS_CERT_ALTNAME_INVALID']);

/** GET over plain http through the --connect-to rules, at most `limit` bytes (an AIA issuer certificate). */
export function fetchSmall(rules: ConnectTo[], url: string, timeoutMs: number, limit = 65_536): Promise<Uint8Array | null> {
  return new Promise((resolve) => {
    let u: URL;
    try { u = new URL(url); } catch { resolve(null); return; }
    if (u.protocol !== 'http:') { resolve(null); return; }
    const target = route(rules, u.hostname, Number(u.port || 80));
    const req = http.get({ host: target.host, port: target.port, path: `${u.pathname}${u.search}`, headers: { host: u.host }, timeout: timeoutMs }, (res) => {
      if (res.statusCode !== 200) { res.resume(); resolve(null); return; }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => { size += c.length; if (size > limit) { req.destroy(); resolve(null); } else chunks.push(c); });
      res.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
      res.on('error', () => resolve(null));
    });
    req.on('timeout', () => { req.destroy(); resolve(null); });
    req.on('error', () => resolve(null));
  });
}

export function nodeCertificateReader(rules: ConnectTo[]): CertificateReader {
  return async (host, timeoutMs) => {
    const cert = await readPeerCertificate(rules, host, timeoutMs);
    if (cert?.isUntrusted && cert.rawDER) {
      cert.untrustedKind = await classifyUntrusted(cert.untrustedReason ?? '', cert.rawDER as Uint8Array, (url) => fetchSmall(rules, url, timeoutMs));
    }
    return cert;
  };
}

function readPeerCertificate(rules: ConnectTo[], host: string, timeoutMs: number): Promise<ServedCertificate | null> {
  return new Promise<ServedCertificate | null>((resolve, reject) => {
    const target = route(rules, host, 443);
    const socket = tls.connect({ host: target.host, port: target.port, servername: host, rejectUnauthorized: false, timeout: timeoutMs }, () => {
      const peer = socket.getPeerCertificate(false);
      socket.end();
      if (!peer || !peer.raw) { resolve(null); return; }
      const dn = (o: Record<string, string | string[]> | undefined) =>
        Object.entries(o ?? {}).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`).join(', ');
      resolve({
        subject: dn(peer.subject as unknown as Record<string, string>),
        issuer: dn(peer.issuer as unknown as Record<string, string>),
        validity: { start: Date.parse(peer.valid_from), end: Date.parse(peer.valid_to) },
        fingerprint: { sha256: peer.fingerprint256 },
        serialNumber: peer.serialNumber,
        rawDER: new Uint8Array(peer.raw),
        // Expiry and a name mismatch are what the checks diagnose; only a chain that does not lead to a trusted
        // root makes the certificate "untrusted".
        isUntrusted: !socket.authorized && !DIAGNOSED.has(String(socket.authorizationError)),
        untrustedReason: socket.authorized ? undefined : String(socket.authorizationError ?? 'not trusted'),
      } as ServedCertificate);
    });
    socket.on('timeout', () => { socket.destroy(); reject(new Error(`TLS: no answer within ${timeoutMs} ms`)); });
    socket.on('error', (e: NodeJS.ErrnoException) => reject(new Error(`TLS: ${e.code ?? e.message}`)));
  });
}
