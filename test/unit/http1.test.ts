import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import net from 'node:net';
import tls from 'node:tls';
import { http1Client } from '../../src/cli/http1';
import { LabCa } from '../lab/ca';

// The CLI's HTTP/1.1 client for APIs (issue #25) against a server that writes its answers byte for byte as a
// test scripts them: every framing RFC 9112 §6.3 allows, interim answers, connections kept and closed, limits.
type Reply = (req: { method: string; path: string; body: string; conn: number }, socket: net.Socket) => void;
const routes = new Map<string, Reply>();
let connections = 0;
let open = 0;
let peakOpen = 0;

function serve(socket: net.Socket) {
  const conn = ++connections;
  open++;
  peakOpen = Math.max(peakOpen, open);
  socket.on('close', () => open--);
  socket.on('error', () => {});
  let buf = '';
  socket.on('data', (d) => {
    buf += d.toString('latin1');
    for (;;) {
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = buf.slice(0, end);
      const length = Number(/\r\ncontent-length: (\d+)/i.exec(head)?.[1] ?? 0);
      if (buf.length < end + 4 + length) return;
      const body = buf.slice(end + 4, end + 4 + length);
      buf = buf.slice(end + 4 + length);
      const [method, path] = head.split(' ');
      const route = routes.get(path.split('?')[0]);
      if (route) route({ method, path, body, conn }, socket);
      else socket.write('HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n');
    }
  });
}

/** Writes `text` a few bytes at a time, each in its own packet (nothing arrives whole). */
async function dribble(socket: net.Socket, text: string, size = 3) {
  for (let i = 0; i < text.length; i += size) {
    socket.write(text.slice(i, i + size), 'latin1');
    await new Promise((r) => setTimeout(r, 1));
  }
}

const ok = (body: string, extra = '') =>
  `HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\n${extra}content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');

describe('http1Client', () => {
  const server = net.createServer(serve);
  let base = '';
  const client = http1Client({ maxSockets: 2 });
  const get = (path: string, req: Partial<Parameters<typeof client>[1]> = {}) =>
    client(`${base}${path}`, { timeoutMs: 2000, ...req });

  before(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  });
  after(() => {
    client.close();
    server.close();
  });

  it('keeps the connection for the next request when the answer had a length', async () => {
    routes.set('/len', (r, s) => s.write(ok(`you asked ${r.path}`, `x-conn: ${r.conn}\r\n`)));
    const a = await get('/len?x=1');
    const b = await get('/len?x=2');
    assert.equal(text(a.body), 'you asked /len?x=1');
    assert.equal(text(b.body), 'you asked /len?x=2');
    assert.equal(a.status, 200);
    assert.equal(a.headers['content-type'], 'text/plain');
    assert.equal(a.url, `${base}/len?x=1`);
    assert.equal(a.headers['x-conn'], b.headers['x-conn']);
  });

  it('reads a chunked answer with extensions and trailers, however it is split', async () => {
    routes.set('/chunked', (r, s) => {
      void dribble(
        s,
        `HTTP/1.1 200 OK\r\nx-conn: ${r.conn}\r\ntransfer-encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n1\r\n \r\n6\r\nworld!\r\n0\r\nx-trailer: t\r\n\r\n`,
      );
    });
    const a = await get('/chunked');
    const b = await get('/chunked');
    assert.equal(text(a.body), 'hello world!');
    assert.equal(text(b.body), 'hello world!');
    assert.equal(a.headers['x-conn'], b.headers['x-conn'], 'kept after a chunked answer');
  });

  it('reads an answer without a length to the end of the connection, and does not reuse it', async () => {
    routes.set('/close', (r, s) => s.end(`HTTP/1.0 200 OK\r\nx-conn: ${r.conn}\r\n\r\nall of it`));
    const a = await get('/close');
    const b = await get('/close');
    assert.equal(text(a.body), 'all of it');
    assert.equal(text(b.body), 'all of it');
    assert.notEqual(a.headers['x-conn'], b.headers['x-conn']);
  });

  it('skips interim answers (100, 103) and reads the final one', async () => {
    routes.set('/interim', (_r, s) =>
      s.write(`HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nlink: </a>; rel=preload\r\n\r\n${ok('final')}`),
    );
    const r = await get('/interim');
    assert.equal(r.status, 200);
    assert.equal(text(r.body), 'final');
    assert.equal(r.headers.link, undefined);
  });

  it('reads no body for HEAD, 204 and 304, and keeps the connection', async () => {
    routes.set('/head', (r, s) =>
      s.write(`HTTP/1.1 200 OK\r\ncontent-length: 1234\r\nx-conn: ${r.conn}\r\nreplay-nonce: n1\r\n\r\n`),
    );
    routes.set('/204', (r, s) => s.write(`HTTP/1.1 204 No Content\r\nx-conn: ${r.conn}\r\n\r\n`));
    const h = await get('/head', { method: 'HEAD' });
    assert.equal(h.body.length, 0);
    assert.equal(h.headers['replay-nonce'], 'n1');
    const n = await get('/204');
    assert.equal(n.status, 204);
    const l = await get('/len');
    assert.equal(text(l.body), 'you asked /len');
    assert.deepEqual([n.headers['x-conn'], l.headers['x-conn']], [h.headers['x-conn'], h.headers['x-conn']]);
  });

  it('joins repeated headers as node:http does', async () => {
    routes.set('/dup', (_r, s) =>
      s.write(
        'HTTP/1.1 200 OK\r\nX-A: 1\r\nx-a: 2\r\ncontent-type: a/b\r\nContent-Type: c/d\r\ncontent-length: 0\r\n\r\n',
      ),
    );
    const r = await get('/dup');
    assert.equal(r.headers['x-a'], '1, 2');
    assert.equal(r.headers['content-type'], 'a/b');
  });

  it('refuses an answer past maxBytes, declared or sent', async () => {
    routes.set('/big', (_r, s) => s.write(ok('x'.repeat(100))));
    routes.set('/big-chunked', (_r, s) =>
      s.write(`HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n64\r\n${'y'.repeat(100)}\r\n0\r\n\r\n`),
    );
    await assert.rejects(get('/big', { maxBytes: 10 }), /answer of 100 bytes, more than the 10 read/);
    await assert.rejects(get('/big-chunked', { maxBytes: 10 }), /answer larger than 10 bytes/);
    assert.equal((await get('/big', { maxBytes: 100 })).body.length, 100);
  });

  it('sends a request again on a new connection when the kept one was closed while idle', async () => {
    // Keep-alive promised, then the connection is closed a moment later (the server's idle timeout)…
    routes.set('/idle', (r, s) => {
      s.write(ok('first', `x-conn: ${r.conn}\r\n`));
      setTimeout(() => s.end(), 20);
    });
    routes.set('/after', (r, s) => s.write(ok('second', `x-conn: ${r.conn}\r\n`)));
    const first = await get('/idle');
    await new Promise((r) => setTimeout(r, 60));
    const second = await get('/after');
    assert.equal(text(second.body), 'second');
    assert.notEqual(second.headers['x-conn'], first.headers['x-conn']);
    // …or closed as the next request arrives on it, before a byte of an answer: sent again, once.
    const seen = new Map<number, number>();
    routes.set('/racy', (r, s) => {
      seen.set(r.conn, (seen.get(r.conn) ?? 0) + 1);
      if (seen.get(r.conn) === 2) s.destroy();
      else s.write(ok(`answer ${seen.get(r.conn)}`));
    });
    await get('/racy');
    assert.equal(text((await get('/racy')).body), 'answer 1');
    // A connection that fails twice is not tried a third time.
    routes.set('/always-cut', (_r, s) => s.destroy());
    await assert.rejects(get('/always-cut'), /ECONNRESET/);
  });

  it('fails a request the server never answers at its deadline, and one the server cuts short', async () => {
    routes.set('/silent', () => {});
    routes.set('/cut', (_r, s) => s.end('HTTP/1.1 200 OK\r\ncontent-length: 50\r\n\r\nonly part'));
    await assert.rejects(get('/silent', { timeoutMs: 100 }), /^Error: timed out after 100 ms$/);
    await assert.rejects(get('/cut'), /ECONNRESET/);
  });

  it('fails on a malformed answer, and refuses a header that would end the request early', async () => {
    routes.set('/junk', (_r, s) => s.end('SSH-2.0-OpenSSH_9.6\r\n\r\n'));
    routes.set('/bad-length', (_r, s) => s.write('HTTP/1.1 200 OK\r\ncontent-length: 5\r\ncontent-length: 6\r\n\r\n'));
    await assert.rejects(get('/junk'), /malformed HTTP answer/);
    await assert.rejects(get('/bad-length'), /malformed HTTP answer/);
    await assert.rejects(get('/len', { headers: { 'x-evil': 'a\r\nhost: elsewhere' } }), /invalid header/);
  });

  it('follows redirects, a 303 as GET, and sends a POST body', async () => {
    routes.set('/from', (_r, s) => s.write('HTTP/1.1 302 Found\r\nlocation: /to\r\ncontent-length: 3\r\n\r\nbye'));
    routes.set('/to', (r, s) => s.write(ok(`${r.method} ${r.body}`)));
    routes.set('/see-other', (_r, s) =>
      s.write('HTTP/1.1 303 See Other\r\nlocation: /to\r\ncontent-length: 0\r\n\r\n'),
    );
    const r = await get('/from');
    assert.equal(text(r.body), 'GET ');
    assert.equal(r.url, `${base}/to`);
    const post = await get('/from', { method: 'POST', body: new TextEncoder().encode('q=1') });
    assert.equal(text(post.body), 'POST q=1');
    assert.equal(text((await get('/see-other', { method: 'POST', body: new Uint8Array([1]) })).body), 'GET ');
  });

  it('opens at most maxSockets connections to an origin; the other requests wait their turn', async () => {
    routes.set('/slow', (_r, s) => setTimeout(() => s.write(ok('slow')), 30));
    peakOpen = open;
    const answers = await Promise.all(Array.from({ length: 6 }, () => get('/slow')));
    assert.deepEqual(
      answers.map((a) => text(a.body)),
      Array(6).fill('slow'),
    );
    assert.ok(peakOpen <= 2, `${peakOpen} connections at once`);
  });
});

describe('http1Client over TLS', () => {
  let ca: LabCa;
  let server: tls.Server;
  let url = '';
  before(async () => {
    ca = await LabCa.create(Date.now());
    const issued = await ca.issue(
      ['api.lab.test'],
      "R11|Let's Encrypt",
      Date.now() - 86_400_000,
      Date.now() + 86_400_000,
    );
    server = tls.createServer({ cert: issued.chainPem, key: issued.keyPem }, serve);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `https://api.lab.test:${(server.address() as net.AddressInfo).port}/len`;
  });
  after(() => server.close());

  it('checks the service certificate: trusted and for the name, or the request fails', async () => {
    // The name resolves through the test's own lookup: a connection to 127.0.0.1 that still checks api.lab.test.
    const lookup: net.LookupFunction = (_h, _o, cb) => cb(null, [{ address: '127.0.0.1', family: 4 }]);
    const trusting = http1Client({ tls: { ca: ca.rootPem, lookup } as tls.ConnectionOptions });
    const stranger = http1Client({ tls: { lookup } as tls.ConnectionOptions });
    const wrongName = http1Client({ tls: { ca: ca.rootPem } });
    try {
      assert.equal(text((await trusting(url, { timeoutMs: 3000 })).body), 'you asked /len');
      await assert.rejects(
        stranger(url, { timeoutMs: 3000 }),
        /UNABLE_TO_GET_ISSUER_CERT_LOCALLY|SELF_SIGNED|UNABLE_TO_VERIFY/,
      );
      const port = new URL(url).port;
      await assert.rejects(
        wrongName(`https://127.0.0.1:${port}/len`, { timeoutMs: 3000 }),
        /ERR_TLS_CERT_ALTNAME_INVALID/,
      );
    } finally {
      trusting.close();
      stranger.close();
      wrongName.close();
    }
  });
});
