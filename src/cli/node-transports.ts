// Node implementations of the engine's doors: an HTTP/1.1 client for APIs (http1.ts), raw http/https for the site (one hop at a
// time, so the engine follows redirects with Let's Encrypt's rules), tls for the served certificate.
import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import tls from 'node:tls';
import type { CertificateReader, HttpClient, ProbeOutcome, ServedCertificate, SiteProbe } from '../core/network/net';
import { classifyUntrusted, printedNames } from './chain-trust';
import { http1Client } from './http1';

// API requests (DoH, CT, RDAP, the CA's status page, ARI, the dry run's ACME) over kept-alive HTTP/1.1 connections:
// one connection per request in flight to a service is reused across queries and hosts (one TLS handshake with the
// resolver, not one per question), and a request costs a quarter of node:http's CPU (src/cli/http1.ts), which is
// what bounds fleet mode on a small machine.
const api = http1Client({ maxSockets: 64 });
export const nodeHttpClient: HttpClient = api;
/** Lets the process exit: closes the kept-alive connections. */
export function closeHttp() {
  api.close();
}

/** curl's --connect-to: HOST1:PORT1:HOST2:PORT2, empty HOST1/PORT1 = any, empty HOST2/PORT2 = unchanged. */
export interface ConnectTo {
  host1: string;
  port1: string;
  host2: string;
  port2: string;
}

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

// One TLS context for every connection: building one loads the whole root store (Node's roots and
// NODE_EXTRA_CA_CERTS), which cost more CPU than the rest of a check in fleet mode.
let sharedContext: tls.SecureContext | null = null;
const secureContext = () => (sharedContext ??= tls.createSecureContext());
// Node's own name check reads the whole peer chain as objects; whether the certificate covers the host is the
// engine's CERT_NAME_MISMATCH check (from the SAN list), so the connection skips it.
const noIdentityCheck = () => undefined;

/**
 * Skipping the name check is not enough: after a handshake whose chain verified, Node still builds every certificate
 * of the chain as objects (`getPeerCertificate(true)` in lib/_tls_wrap.js onConnectSecure) only to hand them to
 * checkServerIdentity. That build was a third of a handshake's CPU in a fleet run (1.6 instead of 2.3 ms a
 * handshake without it; issue #25). Until the handshake is over the socket answers it with an empty object; the
 * certificate itself is read as an X509Certificate, whose fields are computed when read.
 */
function skipChainObjects(socket: tls.TLSSocket) {
  socket.getPeerCertificate = () => ({}) as tls.DetailedPeerCertificate;
  socket.once('secureConnect', () => Reflect.deleteProperty(socket, 'getPeerCertificate'));
}

/**
 * A TLS connection to a site's port 443 that certificate reads and one https request share. diagnose() asks for the
 * served certificate and the front page's headers at the same instant: one handshake answers both, where two cost
 * the CLI and the server twice the CPU (issue #25: a varied fleet made 262 handshakes for 136 hosts). A connection
 * can be joined until its handshake is over; each user keeps its own timers and leaves on its own, and the last to
 * leave closes it — except the request, which takes the connection over once it is secure (and closes it after the
 * response's headers, as a connection of its own).
 */
interface SiteTls {
  socket: tls.TLSSocket;
  users: number;
  requested: boolean;
  key: string;
}
const handshaking = new Map<string, SiteTls>();

function joinSiteTls(rules: ConnectTo[], host: string, timeoutMs: number, request: boolean): SiteTls {
  const target = route(rules, host, 443);
  const key = `${host} ${target.host} ${target.port}`;
  const open = handshaking.get(key);
  if (open && !(request && open.requested)) {
    open.users++;
    open.requested ||= request;
    return open;
  }
  const socket = tls.connect({
    host: target.host,
    port: target.port,
    servername: host,
    rejectUnauthorized: false,
    timeout: timeoutMs,
    secureContext: secureContext(),
    checkServerIdentity: noIdentityCheck,
  });
  skipChainObjects(socket);
  // Each user has its own 'error' listener while it waits; this one keeps an error after they all left harmless.
  socket.on('error', () => {});
  const entry: SiteTls = { socket, users: 1, requested: request, key };
  if (!open) {
    handshaking.set(key, entry);
    const forget = () => {
      if (handshaking.get(key) === entry) handshaking.delete(key);
    };
    socket.once('secureConnect', forget);
    socket.once('close', forget);
  }
  return entry;
}

/** A user is done with the connection: the last one ends it (after a certificate read) or destroys it (a failure). */
function leaveSiteTls(entry: SiteTls, how: 'end' | 'destroy') {
  if (--entry.users > 0) return;
  if (handshaking.get(entry.key) === entry) handshaking.delete(entry.key);
  if (how === 'end') entry.socket.end();
  else entry.socket.destroy();
}

/**
 * Bytes-per-second floor for a sender that has started to answer: once the first byte is in, a server that keeps
 * the connection alive with a trickle (one byte a second never trips an idle timeout) is cut when it has sent less
 * than FLOOR_BYTES_PER_SECOND on average after GRACE_MS. Used where an answer comes in one burst: the site's
 * response headers, the TLS handshake, WHOIS. (APIs such as crt.sh may pause for seconds before a large body: they
 * are bounded by their request timeout and the check's deadline instead.)
 */
export const FLOOR_BYTES_PER_SECOND = 256;
const GRACE_MS = 2000;

export function slowSenderGuard(socket: net.Socket, onSlow: () => void): () => void {
  const base = socket.bytesRead;
  let firstAt = 0;
  const timer = setInterval(() => {
    const got = socket.bytesRead - base;
    if (got === 0) return;
    firstAt ||= Date.now();
    const elapsed = Date.now() - firstAt;
    if (elapsed >= GRACE_MS && got < (FLOOR_BYTES_PER_SECOND * elapsed) / 1000) {
      clearInterval(timer);
      onSlow();
    }
  }, 250);
  timer.unref();
  return () => clearInterval(timer);
}

export function nodeSiteProbe(rules: ConnectTo[]): SiteProbe {
  return {
    request(url: string, timeoutMs: number): Promise<ProbeOutcome> {
      let settled = false;
      let stopGuard = () => {};
      let timer: NodeJS.Timeout | undefined;
      return new Promise<ProbeOutcome>((resolveOnce) => {
        const resolve = (o: ProbeOutcome) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          stopGuard();
          resolveOnce(o);
        };
        let u: URL;
        try {
          u = new URL(url);
        } catch {
          resolve({ kind: 'error', hops: [], url, reason: 'invalid URL' });
          return;
        }
        const secure = u.protocol === 'https:';
        const port = Number(u.port || (secure ? 443 : 80));
        const target = route(rules, u.hostname.replace(/^\[|\]$/g, ''), port);
        const lib = secure ? https : http;
        // What ends the request in flight when the outcome is decided on a timer (the request, or our share of a
        // connection still in its handshake).
        let abort = () => {};
        const cut = (o: ProbeOutcome) => {
          resolve(o);
          abort();
        };
        const slow = (socket: net.Socket) =>
          slowSenderGuard(socket, () =>
            cut({
              kind: 'timeout',
              hops: [],
              url,
              reason: `the answer came slower than ${FLOOR_BYTES_PER_SECOND} bytes a second`,
            }),
          );
        const failed = (e: NodeJS.ErrnoException): ProbeOutcome => {
          const kind =
            e.code === 'ECONNREFUSED' || e.code === 'ECONNRESET'
              ? 'refused'
              : e.code === 'ETIMEDOUT'
                ? 'timeout'
                : 'error';
          return { kind, hops: [], url, reason: e.code ?? e.message };
        };
        const idle = () => cut({ kind: 'timeout', hops: [], url, reason: `no answer within ${timeoutMs} ms` });
        // The whole request, not only silence, ends at timeoutMs: headers sent one byte a second are cut too.
        timer = setTimeout(
          () => cut({ kind: 'timeout', hops: [], url, reason: `no whole answer within ${timeoutMs} ms` }),
          timeoutMs,
        );
        /** The request itself, on a connection of its own or on a shared one whose handshake is over. */
        const send = (secured?: tls.TLSSocket) => {
          const req = lib.request(
            {
              host: target.host,
              port: target.port,
              method: 'GET',
              path: `${u.pathname}${u.search}`,
              headers: {
                host: u.host,
                'user-agent': 'renewal-radar (+https://github.com/renewal-radar)',
                accept: '*/*',
                connection: 'close',
              },
              servername: secure && !/^[\d.:]+$/.test(u.hostname) ? u.hostname : undefined,
              ...(secure ? { secureContext: secureContext(), checkServerIdentity: noIdentityCheck } : {}),
              // Let's Encrypt does not verify certificates when it follows a redirect to https (Boulder va/http.go).
              rejectUnauthorized: false,
              timeout: timeoutMs,
              ...(secured ? { createConnection: () => secured } : {}),
            } as https.RequestOptions,
            (res) => {
              const headers: Record<string, string> = {};
              for (const [k, v] of Object.entries(res.headers))
                if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
              res.resume();
              resolve({
                kind: 'response',
                hops: [{ url, status: res.statusCode ?? 0, location: headers.location, headers }],
              });
              req.destroy();
            },
          );
          abort = () => req.destroy();
          if (!secured)
            req.on('socket', (socket: net.Socket) => {
              if (secure && socket.connecting) skipChainObjects(socket as tls.TLSSocket);
              stopGuard = slow(socket);
            });
          req.on('timeout', idle);
          req.on('error', (e: NodeJS.ErrnoException) => resolve(failed(e)));
          req.end();
        };
        // https to a name on port 443: the connection a certificate read of the same name may share.
        if (!secure || port !== 443 || /^[\d.:]+$|^\[/.test(u.hostname)) {
          send();
          return;
        }
        const shared = joinSiteTls(rules, u.hostname, timeoutMs, true);
        let handshaking = true;
        const leave = () => {
          if (!handshaking) return;
          handshaking = false;
          leaveSiteTls(shared, 'destroy');
        };
        abort = leave;
        stopGuard = slow(shared.socket);
        shared.socket.once('secureConnect', () => {
          if (!handshaking) return;
          handshaking = false;
          send(shared.socket);
        });
        shared.socket.on('timeout', () => {
          if (handshaking) idle();
        });
        shared.socket.on('error', (e: NodeJS.ErrnoException) => {
          if (!handshaking) return;
          resolve(failed(e));
          leave();
        });
      });
    },
  };
}

const DIAGNOSED = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERR_TLS_CERT_ALTNAME_INVALID']);

/** GET over plain http through the --connect-to rules, at most `limit` bytes (an AIA issuer certificate). */
export function fetchSmall(
  rules: ConnectTo[],
  url: string,
  timeoutMs: number,
  limit = 65_536,
): Promise<Uint8Array | null> {
  return new Promise((resolve) => {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      resolve(null);
      return;
    }
    if (u.protocol !== 'http:') {
      resolve(null);
      return;
    }
    const target = route(rules, u.hostname, Number(u.port || 80));
    const timer = setTimeout(() => {
      req.destroy();
      resolve(null);
    }, timeoutMs);
    timer.unref();
    const req = http.get(
      {
        host: target.host,
        port: target.port,
        path: `${u.pathname}${u.search}`,
        headers: { host: u.host },
        timeout: timeoutMs,
      },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          resolve(null);
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > limit) {
            req.destroy();
            resolve(null);
          } else chunks.push(c);
        });
        res.on('end', () => {
          clearTimeout(timer);
          resolve(new Uint8Array(Buffer.concat(chunks)));
        });
        res.on('error', () => resolve(null));
      },
    );
    req.on('timeout', () => {
      req.destroy();
      resolve(null);
    });
    req.on('error', () => resolve(null));
  });
}

export function nodeCertificateReader(rules: ConnectTo[]): CertificateReader {
  return async (host, timeoutMs) => {
    const cert = await readPeerCertificate(rules, host, timeoutMs);
    if (cert?.isUntrusted && cert.rawDER) {
      cert.untrustedKind = await classifyUntrusted(cert.untrustedReason ?? '', cert.rawDER as Uint8Array, (url) =>
        fetchSmall(rules, url, timeoutMs),
      );
    }
    return cert;
  };
}

function readPeerCertificate(rules: ConnectTo[], host: string, timeoutMs: number): Promise<ServedCertificate | null> {
  let stopGuard = () => {};
  let timer: NodeJS.Timeout | undefined;
  return new Promise<ServedCertificate | null>((resolveOnce, rejectOnce) => {
    let settled = false;
    const finish = () => {
      settled = true;
      clearTimeout(timer);
      stopGuard();
    };
    const resolve = (v: ServedCertificate | null) => {
      if (settled) return;
      finish();
      resolveOnce(v);
    };
    const reject = (e: Error) => {
      if (settled) return;
      finish();
      rejectOnce(e);
    };
    // The connection an https request to the same name may share (the front page's headers, asked at the same time).
    const shared = joinSiteTls(rules, host, timeoutMs, false);
    const { socket } = shared;
    let left = false;
    const leave = (how: 'end' | 'destroy') => {
      if (left) return;
      left = true;
      leaveSiteTls(shared, how);
    };
    const fail = (e: Error) => {
      reject(e);
      leave('destroy');
    };
    socket.once('secureConnect', () => {
      if (settled) return;
      // The leaf alone, as an object (getPeerX509Certificate copies the rest of the chain through OpenSSL's
      // X509_dup, a decode each: 0.4 ms of CPU a handshake in a fleet, issue #25).
      const peer = socket.getPeerCertificate(false) as tls.PeerCertificate | undefined;
      leave('end');
      const raw = peer?.raw ? new Uint8Array(peer.raw) : null;
      const names = raw ? printedNames(raw) : null;
      if (!peer || !raw || !names) {
        resolve(null);
        return;
      }
      resolve({
        subject: names.subject,
        issuer: names.issuer,
        // The same OpenSSL printers as X509Certificate's validFrom, validTo, fingerprint256 and serialNumber.
        validity: { start: Date.parse(peer.valid_from), end: Date.parse(peer.valid_to) },
        fingerprint: { sha256: peer.fingerprint256 },
        serialNumber: peer.serialNumber,
        rawDER: raw,
        // Expiry and a name mismatch are what the checks diagnose; only a chain that does not lead to a trusted
        // root makes the certificate "untrusted".
        isUntrusted: !socket.authorized && !DIAGNOSED.has(String(socket.authorizationError)),
        untrustedReason: socket.authorized ? undefined : String(socket.authorizationError ?? 'not trusted'),
      } as ServedCertificate);
    });
    // The handshake as a whole ends at timeoutMs (a server that sends its certificate one byte a second is cut).
    timer = setTimeout(() => fail(new Error(`TLS: no handshake within ${timeoutMs} ms`)), timeoutMs);
    stopGuard = slowSenderGuard(socket, () =>
      fail(new Error(`TLS: the handshake came slower than ${FLOOR_BYTES_PER_SECOND} bytes a second`)),
    );
    socket.on('timeout', () => {
      if (!settled) fail(new Error(`TLS: no answer within ${timeoutMs} ms`));
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      if (!settled) fail(new Error(`TLS: ${e.code ?? e.message}`));
    });
  });
}
