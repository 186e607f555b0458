// Node implementations of the engine's doors: fetch for APIs, raw http/https for the site (one hop at a
// time, so the engine follows redirects with Let's Encrypt's rules), tls for the served certificate.
import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import tls from 'node:tls';
import type {
  CertificateReader,
  HttpClient,
  HttpResponse,
  ProbeOutcome,
  ServedCertificate,
  SiteProbe,
} from '../core/network/net';
import { classifyUntrusted } from './chain-trust';

// API requests (DoH, CT, RDAP, the CA's status page) over node:http with keep-alive: one connection per service
// is reused across queries and hosts (one TLS handshake with the resolver, not one per question), and a request
// costs far less CPU than fetch's — which is what bounds fleet mode on a small machine.
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
};
/** Lets the process exit: closes the kept-alive connections. */
export function closeHttp() {
  agents['http:'].destroy();
  agents['https:'].destroy();
}

/** At most this much of an answer is read when the request sets no maxBytes; a page that never ends is cut. */
const MAX_BODY = 16 * 1024 * 1024;
/**
 * All answers being read at once, together, hold at most this much: with 64 checks in flight whose sources each
 * send their limit, memory stays bounded (the fleet's budget is 300 MB). An answer that would pass it fails, and
 * its source is skipped with a note — a lookup that fails is never read as an empty answer.
 */
export const BUFFERED_BUDGET = 48 * 1024 * 1024;
let buffered = 0;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export const nodeHttpClient: HttpClient = (url, req) => {
  const deadline = Date.now() + req.timeoutMs;
  return send(url, req, deadline, 0);
};

function send(
  url: string,
  req: Parameters<HttpClient>[1],
  deadline: number,
  hops: number,
  retried = false,
): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      reject(new Error('invalid URL'));
      return;
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') {
      reject(new Error(`unsupported scheme ${u.protocol}`));
      return;
    }
    const lib = u.protocol === 'https:' ? https : http;
    const left = deadline - Date.now();
    if (left <= 0) {
      reject(new Error(`timed out after ${req.timeoutMs} ms`));
      return;
    }
    const r = lib.request(
      u,
      {
        method: req.method ?? 'GET',
        headers: {
          'user-agent': 'renewal-radar',
          ...(req.headers ?? {}),
          ...(req.body ? { 'content-length': String(req.body.length) } : {}),
        },
        agent: agents[u.protocol],
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const location = res.headers.location;
        // rdap.org answers with a redirect to the registry's own RDAP server (RFC 9224 bootstrap).
        if (REDIRECTS.has(status) && location && hops < 5) {
          res.resume();
          clearTimeout(timer);
          let next: string;
          try {
            next = new URL(location, u).href;
          } catch {
            reject(new Error('invalid redirect'));
            return;
          }
          const method = status === 303 ? 'GET' : req.method;
          send(next, { ...req, method, body: method === 'GET' ? undefined : req.body }, deadline, hops + 1).then(
            resolve,
            reject,
          );
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        const limit = req.maxBytes ?? MAX_BODY;
        // A declared length past the limit is refused before a byte of it is read.
        if (Number(res.headers['content-length']) > limit) {
          clearTimeout(timer);
          r.destroy();
          reject(new Error(`answer of ${res.headers['content-length']} bytes, more than the ${limit} read`));
          return;
        }
        const release = () => {
          buffered -= size;
          size = 0;
        };
        res.on('data', (c: Buffer) => {
          if (size + c.length > limit) {
            release();
            r.destroy(new Error(`answer larger than ${limit} bytes`));
            return;
          }
          if (buffered + c.length > BUFFERED_BUDGET) {
            release();
            r.destroy(new Error('answers in flight exceed the memory budget'));
            return;
          }
          size += c.length;
          buffered += c.length;
          chunks.push(c);
        });
        res.on('close', release);
        res.on('end', () => {
          release();
          clearTimeout(timer);
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers))
            if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
          resolve({ status, headers, body: new Uint8Array(Buffer.concat(chunks)), url: u.href });
        });
        res.on('error', (e: NodeJS.ErrnoException) => {
          clearTimeout(timer);
          reject(new Error(e.code ?? e.message));
        });
      },
    );
    const timer = setTimeout(
      () => r.destroy(Object.assign(new Error(`timed out after ${req.timeoutMs} ms`), { code: 'RR_TIMEOUT' })),
      left,
    );
    r.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      // A kept-alive connection the server closed while idle (its keep-alive timeout) fails the next request sent on
      // it with ECONNRESET before the server read anything: send it again once on a new connection, as Node's
      // documentation advises (http "request.reusedSocket"). Under load a fleet met this on CT and RDAP.
      if (r.reusedSocket && (e.code === 'ECONNRESET' || e.code === 'EPIPE') && !retried) {
        send(url, req, deadline, hops, true).then(resolve, reject);
        return;
      }
      reject(new Error(e.code === 'RR_TIMEOUT' ? e.message : (e.code ?? e.message)));
    });
    if (req.body) r.write(Buffer.from(req.body));
    r.end();
  });
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
      // The X509Certificate form: its fields are computed only when read (getPeerCertificate builds them all).
      const peer = socket.getPeerX509Certificate();
      leave('end');
      if (!peer) {
        resolve(null);
        return;
      }
      // X509Certificate prints DNs one attribute a line ("C=US\nO=Let's Encrypt\nCN=R11").
      const dn = (s: string) => s.split('\n').filter(Boolean).join(', ');
      resolve({
        subject: dn(peer.subject),
        issuer: dn(peer.issuer),
        validity: { start: Date.parse(peer.validFrom), end: Date.parse(peer.validTo) },
        fingerprint: { sha256: peer.fingerprint256 },
        serialNumber: peer.serialNumber,
        rawDER: new Uint8Array(peer.raw),
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
