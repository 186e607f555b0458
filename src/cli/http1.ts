// The CLI's HTTP client for APIs (DoH, CT, RDAP, the CA's status page, ARI, the ACME dry run): HTTP/1.1 (RFC 9112)
// over kept-alive connections, at most `maxSockets` per origin, each answer read whole into memory within its limit.
//
// Why not node:http: a request through http.request and a keep-alive Agent cost the CLI about 140 µs of CPU (the
// ClientRequest and IncomingMessage streams, the agent's bookkeeping, events), against about 35 µs for the same
// exchange written and parsed here; a full check makes 13 such requests, and in a fleet of 1,000 hosts that was a
// fifth of the CLI's CPU (issue #25). What is left out is what an API answer to our GET, POST or HEAD never
// needs: upgrades, pipelining, request streaming, response streaming to the caller.
//
// What an answer may be (RFC 9112 §6.3): no body for HEAD, 1xx, 204 and 304; chunked transfer coding (§7.1, with
// extensions and trailers skipped); Content-Length; or the rest of the connection. Interim 1xx answers (100, 103)
// are skipped (RFC 9110 §15.2). A connection is kept only when its answer's end was known and the server did not
// say "close" (§9.3); a kept connection the server has meanwhile closed fails the next request before any byte of
// its answer: that request is sent again once, on a new connection (as node:http's documentation advises for
// `request.reusedSocket`).
import net from 'node:net';
import tls from 'node:tls';
import type { HttpClient, HttpRequest, HttpResponse } from '../core/network/net';

/** At most this much of an answer is read when the request sets no maxBytes; a page that never ends is cut. */
const MAX_BODY = 16 * 1024 * 1024;
/**
 * All answers being read at once, together, hold at most this much: with 64 checks in flight whose sources each
 * send their limit, memory stays bounded (the fleet's budget is 300 MB). An answer that would pass it fails, and
 * its source is skipped with a note — a lookup that fails is never read as an empty answer.
 */
export const BUFFERED_BUDGET = 48 * 1024 * 1024;
/** The status line and headers of one answer at most (node:http's default, --max-http-header-size). */
const MAX_HEAD = 16 * 1024;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const CRLF2 = Buffer.from('\r\n\r\n');
/** Headers whose repeats node:http drops (the first one counts); other repeats are joined with ", ". */
const SINGLE = new Set([
  'age',
  'authorization',
  'content-length',
  'content-type',
  'etag',
  'expires',
  'from',
  'host',
  'if-modified-since',
  'if-unmodified-since',
  'last-modified',
  'location',
  'max-forwards',
  'proxy-authorization',
  'referer',
  'retry-after',
  'server',
  'user-agent',
]);

export interface Http1Options {
  /** Connections to one origin at most (scheme, host and port); further requests wait for one to be free. */
  maxSockets?: number;
  /** Added to every TLS connection's options (the tests' own CA). */
  tls?: tls.ConnectionOptions;
}

type Fail = Error & { code?: string };
const failure = (message: string, code?: string): Fail => Object.assign(new Error(message), code ? { code } : {});

/** One exchange on a connection: what the reader calls back. */
interface Exchange {
  onHead(status: number, headers: Record<string, string>, length: number | 'chunked' | 'close'): boolean;
  onBody(chunk: Buffer): boolean;
  onEnd(reusable: boolean): void;
  onError(e: Fail, beforeAnswer: boolean): void;
}

/**
 * One connection and the reader of the answers on it. The state is a small machine: the head (status line and
 * headers), then the body by its length, chunk by chunk, or up to the connection's end.
 */
class Conn {
  uses = 0;
  closed = false;
  private ex: Exchange | null = null;
  private method = 'GET';
  private head: Buffer | null = null;
  private mode: 'head' | 'length' | 'chunk-size' | 'chunk-data' | 'chunk-crlf' | 'trailers' | 'close' = 'head';
  private left = 0;
  private line: Buffer | null = null;
  private keep = false;
  /** A byte of the current answer has arrived. */
  private got = false;

  constructor(
    readonly socket: net.Socket,
    private readonly onFree: (c: Conn, reusable: boolean) => void,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (d: Buffer) => this.data(d));
    socket.on('end', () => this.ended());
    socket.on('close', () => this.ended());
    socket.on('error', (e: NodeJS.ErrnoException) => this.error(failure(e.code ?? e.message, e.code)));
  }

  /** Sends one request; the answer comes to `ex`. */
  send(bytes: Buffer, method: string, ex: Exchange) {
    this.ex = ex;
    this.uses++;
    this.method = method;
    this.mode = 'head';
    this.head = null;
    this.line = null;
    this.got = false;
    this.socket.ref();
    this.socket.write(bytes);
  }

  /** Closes the connection (its state unknown, or no longer wanted) and gives its place back. */
  drop() {
    this.ex = null;
    if (!this.closed) {
      this.closed = true;
      this.socket.destroy();
    }
    this.onFree(this, false);
  }

  private error(e: Fail) {
    const ex = this.ex;
    this.drop();
    ex?.onError(e, !this.got);
  }

  private ended() {
    if (this.closed) return;
    // An answer read to the connection's end is whole; any other end came before the answer was (or while idle).
    if (this.ex && this.mode === 'close') this.finish(false);
    else this.error(failure(this.got ? 'ECONNRESET: the answer ended early' : 'ECONNRESET', 'ECONNRESET'));
  }

  private finish(reusable: boolean) {
    const ex = this.ex;
    this.ex = null;
    if (reusable) {
      this.socket.unref();
      this.onFree(this, true);
    } else this.drop();
    ex?.onEnd(reusable);
  }

  private data(d: Buffer) {
    if (!this.ex) {
      // Bytes nobody asked for (an idle connection): the connection is no longer in a known state.
      this.drop();
      return;
    }
    this.got = true;
    let at = 0;
    while (at < d.length && this.ex) {
      switch (this.mode) {
        case 'head': {
          const buf = this.head ? Buffer.concat([this.head, d.subarray(at)]) : d.subarray(at);
          const end = buf.indexOf(CRLF2);
          if (end < 0 || end > MAX_HEAD) {
            if (buf.length > MAX_HEAD) return this.error(failure('malformed HTTP answer: headers too large'));
            this.head = Buffer.from(buf);
            return;
          }
          at += end + 4 - (this.head?.length ?? 0);
          this.head = null;
          if (!this.parseHead(buf.toString('latin1', 0, end))) return;
          if (this.bodyless()) return this.finish(this.keep && at === d.length);
          break;
        }
        case 'length': {
          const n = Math.min(this.left, d.length - at);
          this.left -= n;
          if (!this.ex.onBody(d.subarray(at, at + n))) return this.drop();
          at += n;
          // Bytes after the answer (nothing else was asked): the connection is not kept.
          if (this.left === 0) return this.finish(this.keep && at === d.length);
          break;
        }
        case 'close':
          if (!this.ex.onBody(d.subarray(at))) return this.drop();
          return;
        case 'chunk-size':
        case 'trailers': {
          const nl = d.indexOf(10, at);
          const part = d.subarray(at, nl < 0 ? d.length : nl + 1);
          const line = this.line ? Buffer.concat([this.line, part]) : part;
          if (line.length > MAX_HEAD) return this.error(failure('malformed HTTP answer: chunk line too long'));
          if (nl < 0) {
            this.line = Buffer.from(line);
            return;
          }
          this.line = null;
          at = nl + 1;
          const text = line.toString('latin1').replace(/\r?\n$/, '');
          if (this.mode === 'trailers') {
            if (text === '') return this.finish(this.keep && at === d.length);
            break; // a trailer field: not used
          }
          const m = /^([0-9a-fA-F]{1,8})[ \t]*(?:;.*)?$/.exec(text);
          if (!m) return this.error(failure('malformed HTTP answer: bad chunk size'));
          this.left = Number.parseInt(m[1], 16);
          this.mode = this.left === 0 ? 'trailers' : 'chunk-data';
          break;
        }
        case 'chunk-data': {
          const n = Math.min(this.left, d.length - at);
          this.left -= n;
          if (!this.ex.onBody(d.subarray(at, at + n))) return this.drop();
          at += n;
          if (this.left === 0) {
            this.mode = 'chunk-crlf';
            this.left = 2;
          }
          break;
        }
        case 'chunk-crlf': {
          // The CRLF after a chunk's data (a bare LF is read too).
          const c = d[at++];
          if (this.left === 2 && c === 13) this.left = 1;
          else if (c === 10) this.mode = 'chunk-size';
          else return this.error(failure('malformed HTTP answer: no line end after a chunk'));
          break;
        }
      }
    }
  }

  /** The answer just framed has no body (HEAD, 204, 304, Content-Length: 0): it is whole with its head. */
  private bodyless() {
    return this.mode === 'length' && this.left === 0;
  }

  /** The head of an answer: a 1xx is skipped; else the body's framing is chosen. False when the exchange ended. */
  private parseHead(text: string): boolean {
    const lines = text.split('\r\n');
    const m = /^HTTP\/1\.([01]) (\d{3})(?: .*)?$/.exec(lines[0]);
    if (!m) {
      this.error(failure('malformed HTTP answer: no status line'));
      return false;
    }
    const status = Number(m[2]);
    if (status >= 100 && status < 200 && status !== 101) return true; // interim: the real answer follows
    const headers: Record<string, string> = {};
    let lengths: string | undefined;
    for (let i = 1; i < lines.length; i++) {
      const l = lines[i];
      const colon = l.indexOf(':');
      if (colon <= 0 || l[0] === ' ' || l[0] === '\t') {
        this.error(failure('malformed HTTP answer: bad header line'));
        return false;
      }
      const name = l.slice(0, colon).trim().toLowerCase();
      const value = l.slice(colon + 1).trim();
      if (name === 'content-length') lengths = lengths === undefined ? value : `${lengths},${value}`;
      if (headers[name] === undefined) headers[name] = value;
      else if (!SINGLE.has(name)) headers[name] += `, ${value}`;
    }
    const connection = (headers.connection ?? '').toLowerCase();
    this.keep = m[1] === '1' ? !/\bclose\b/.test(connection) : /\bkeep-alive\b/.test(connection);
    let length: number | 'chunked' | 'close';
    const te = headers['transfer-encoding'];
    if (this.method === 'HEAD' || status === 204 || status === 304) length = 0;
    else if (te !== undefined) length = /(?:^|,)\s*chunked\s*$/i.test(te) ? 'chunked' : 'close';
    else if (lengths !== undefined) {
      const all = lengths.split(',').map((s) => s.trim());
      if (!all.every((s) => /^\d{1,15}$/.test(s) && s === all[0])) {
        this.error(failure('malformed HTTP answer: bad Content-Length'));
        return false;
      }
      length = Number(all[0]);
    } else length = 'close';
    if (length === 'close') this.keep = false;
    if (!this.ex?.onHead(status, headers, length)) {
      this.drop();
      return false;
    }
    this.mode = length === 'chunked' ? 'chunk-size' : length === 'close' ? 'close' : 'length';
    this.left = typeof length === 'number' ? length : 0;
    return true;
  }
}

interface Pool {
  idle: Conn[];
  open: number;
  waiting: (() => void)[];
}

/** An HttpClient over kept-alive HTTP/1.1 connections. `close()` ends every connection (the process can exit). */
export function http1Client(opts: Http1Options = {}): HttpClient & { close: () => void } {
  const maxSockets = opts.maxSockets ?? 64;
  const pools = new Map<string, Pool>();
  const all = new Set<Conn>();
  let buffered = 0;

  const poolOf = (origin: string) => {
    let p = pools.get(origin);
    if (!p) {
      p = { idle: [], open: 0, waiting: [] };
      pools.set(origin, p);
    }
    return p;
  };

  const connect = (u: URL, pool: Pool): Conn => {
    const host = u.hostname.replace(/^\[|\]$/g, '');
    const port = Number(u.port || (u.protocol === 'https:' ? 443 : 80));
    const socket =
      u.protocol === 'https:'
        ? tls.connect({
            host,
            port,
            // No SNI for an address (RFC 6066 §3); the certificate is checked against the name or address either way.
            ...(net.isIP(host) ? {} : { servername: host }),
            ALPNProtocols: ['http/1.1'],
            ...opts.tls,
          })
        : net.connect({ host, port });
    pool.open++;
    const conn: Conn = new Conn(socket, (c, reusable) => {
      if (reusable) pool.idle.push(c);
      else {
        if (!all.delete(c)) return; // given back already
        pool.open--;
        const i = pool.idle.indexOf(c);
        if (i >= 0) pool.idle.splice(i, 1);
      }
      pool.waiting.shift()?.();
    });
    all.add(conn);
    return conn;
  };

  /** A connection to the origin: an idle one (the most recently used), a new one, or the first to become free. */
  const acquire = async (u: URL, fresh: boolean): Promise<Conn> => {
    const pool = poolOf(`${u.protocol}//${u.host}`);
    for (;;) {
      while (!fresh && pool.idle.length) {
        const c = pool.idle.pop()!;
        if (!c.closed) return c;
      }
      if (pool.open < maxSockets) return connect(u, pool);
      // A fresh connection is wanted but none may be opened: an idle one is closed to make room.
      if (fresh && pool.idle.length) {
        pool.idle[0].drop();
        continue;
      }
      await new Promise<void>((r) => pool.waiting.push(r));
    }
  };

  const send = async (
    url: string,
    req: HttpRequest,
    deadline: number,
    hops: number,
    retried: boolean,
  ): Promise<HttpResponse> => {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      throw new Error('invalid URL');
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`unsupported scheme ${u.protocol}`);
    const timedOut = () => new Error(`timed out after ${req.timeoutMs} ms`);
    if (deadline - Date.now() <= 0) throw timedOut();
    const method = req.method ?? 'GET';
    const fields: [string, string][] = [
      ['host', u.host],
      ['user-agent', 'renewal-radar'],
      ['connection', 'keep-alive'],
    ];
    for (const [k, v] of Object.entries(req.headers ?? {})) {
      const i = fields.findIndex(([n]) => n === k.toLowerCase());
      if (i >= 0) fields.splice(i, 1);
      fields.push([k, v]);
    }
    if (req.body) fields.push(['content-length', String(req.body.length)]);
    let head = `${method} ${u.pathname}${u.search} HTTP/1.1\r\n`;
    for (const [k, v] of fields) {
      // A field that could end the head early or start another is refused, as node:http refuses it.
      if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(k) || /[\r\n\0]/.test(v)) throw new Error(`invalid header ${k}`);
      head += `${k}: ${v}\r\n`;
    }
    const bytes = req.body
      ? Buffer.concat([Buffer.from(`${head}\r\n`, 'latin1'), Buffer.from(req.body)])
      : Buffer.from(`${head}\r\n`, 'latin1');
    const limit = req.maxBytes ?? MAX_BODY;

    const conn = await acquire(u, retried);
    const reused = conn.uses > 0;
    type Outcome = { res: HttpResponse } | { retry: true };
    const outcome = await new Promise<Outcome>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let status = 0;
      let headers: Record<string, string> = {};
      let settled = false;
      const release = () => {
        buffered -= size;
        size = 0;
      };
      const settle = (f: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        f();
      };
      const left = Math.max(1, deadline - Date.now());
      const timer = setTimeout(
        () =>
          settle(() => {
            release();
            conn.drop();
            reject(timedOut());
          }),
        left,
      );
      const fail = (e: Error) =>
        settle(() => {
          release();
          reject(e);
        });
      conn.send(bytes, method, {
        onHead(s, h, length) {
          status = s;
          headers = h;
          // A declared length past the limit is refused before a byte of it is read.
          if (typeof length === 'number' && length > limit) {
            fail(new Error(`answer of ${length} bytes, more than the ${limit} read`));
            return false;
          }
          return true;
        },
        onBody(c) {
          if (settled) return false;
          if (size + c.length > limit) {
            fail(new Error(`answer larger than ${limit} bytes`));
            return false;
          }
          if (buffered + c.length > BUFFERED_BUDGET) {
            fail(new Error('answers in flight exceed the memory budget'));
            return false;
          }
          size += c.length;
          buffered += c.length;
          chunks.push(c);
          return true;
        },
        onEnd() {
          settle(() => {
            const body = new Uint8Array(size);
            let at = 0;
            for (const c of chunks) {
              body.set(c, at);
              at += c.length;
            }
            release();
            resolve({ res: { status, headers, body, url: u.href } });
          });
        },
        onError(e, beforeAnswer) {
          // A kept-alive connection the server closed while idle fails the next request before the server read
          // anything: send it again once on a new connection.
          if (reused && beforeAnswer && !retried && (e.code === 'ECONNRESET' || e.code === 'EPIPE'))
            settle(() => {
              release();
              resolve({ retry: true });
            });
          else fail(new Error(e.message));
        },
      });
    });
    if ('retry' in outcome) return send(url, req, deadline, hops, true);
    const { res } = outcome;
    const location = res.headers.location;
    // rdap.org answers with a redirect to the registry's own RDAP server (RFC 9224 bootstrap).
    if (REDIRECTS.has(res.status) && location && hops < 5) {
      let next: string;
      try {
        next = new URL(location, u).href;
      } catch {
        throw new Error('invalid redirect');
      }
      const m = res.status === 303 ? 'GET' : req.method;
      return send(next, { ...req, method: m, body: m === 'GET' ? undefined : req.body }, deadline, hops + 1, false);
    }
    return res;
  };

  const client = ((url: string, req: HttpRequest) =>
    send(url, req, Date.now() + req.timeoutMs, 0, false)) as HttpClient & {
    close: () => void;
  };
  client.close = () => {
    for (const c of [...all]) c.drop();
  };
  return client;
}
