// The offline lab: everything the checker talks to, on loopback. One API port (DoH, CT, RDAP, CA status,
// the demo start page), one HTTP and one HTTPS port for the sites (dispatched by Host / SNI), a forward proxy
// (plain HTTP and CONNECT) so a browser reaches real-looking names on any port, ports that refuse or never
// answer, injectable latency and a request log with peak concurrency.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ariCertId } from '../../src/core/certificates/ari';
import { AIA_HOST, LabCa } from './ca';
import { LabDns } from './dns';
import { resolveTime, type CertSpec, type SiteSpec, type StatusEventSpec, type World } from './world';

export interface LogEntry {
  at: number;
  kind: 'doh' | 'ct' | 'crtsh' | 'rdap' | 'status' | 'site' | 'proxy' | 'page' | 'whois' | 'ari';
  detail: string;
  /** When the answer was sent (requests that go through the injected latency). */
  end?: number;
}

export interface LabOptions {
  worlds: World[];
  latencyMs?: number;
  now?: number;
  caStatus?: World['caStatus'];
  /** Cert Spotter's free tier: this many CT requests per hour of the lab's clock, then 429 with Retry-After. */
  ctQuotaPerHour?: number;
  /** Issuances per CT page (Cert Spotter pages its answers; its page size is not documented). */
  ctPageSize?: number;
  /** A browser's new connection to a site (CONNECT through the lab's proxy) pays its handshakes too: see
   * Lab.connectionHandshakes. */
  connectionHandshakes?: boolean;
}

const DEFAULT_ISSUER = "R11|Let's Encrypt";

interface CtEntry {
  names: string[];
  issuer: string;
  notBefore: number;
  notAfter: number;
  revoked: boolean;
  der?: Buffer;
  /** Place in the list of every world's entries (the order ties keep). */
  pos: number;
}

export class Lab {
  log: LogEntry[] = [];
  inflight = 0;
  peakInflight = 0;
  private inflightByKind: Partial<Record<LogEntry['kind'], number>> = {};
  peakByKind: Partial<Record<LogEntry['kind'], number>> = {};
  latencyMs: number;
  /**
   * Off (the default): only requests wait for `latencyMs`, so a page on a new connection costs one round trip — as
   * if its TCP and TLS handshakes were free. On: a site's new connection through the proxy also waits one round trip
   * before the tunnel opens (TCP's handshake to the origin) and one before the site's first bytes (TLS 1.3's
   * handshake, RFC 8446 §2: one round trip), as a browser's first visit to a host pays on a real network. The
   * worker's own DoH requests do not pay them: they reuse connections to one resolver that is already open.
   */
  connectionHandshakes: boolean;
  readonly now: number;
  readonly caPemPath: string;
  apiPort = 0;
  /**
   * The same API on one port per service, as the real ones are separate origins (dns.google, api.certspotter.com,
   * rdap.org, status.io, the CA's ACME server): the CLI caps requests in flight per origin, and one origin for all
   * of them would make that cap a cap on all its requests together (cliArgs uses these).
   */
  servicePorts = { doh: 0, ct: 0, rdap: 0, status: 0, acme: 0 };
  httpPort = 0;
  httpsPort = 0;
  proxyPort = 0;
  refusedPort = 0;
  blackholePort = 0;
  whoisPort = 0;
  private servers: net.Server[] = [];
  private sockets = new Set<net.Socket>();
  private sites = new Map<string, { world: World; spec: SiteSpec }>();
  private contexts = new Map<string, tls.SecureContext>();
  private dns: LabDns;
  private certificates = new Map<
    string,
    { names: string[]; issuer: string; issuerDn: string; notBefore: number; notAfter: number; der: Buffer }
  >();
  /** ARI identifier (RFC 9773) of each site's certificate → its world. */
  private ariIds = new Map<string, { world: World; notBefore: number; notAfter: number }>();

  /** CT requests per lab-clock hour (quota accounting), and the lab's own clock for it (tests may move it). */
  ctClock: () => number = () => Date.now();
  private ctWindow = { start: 0, count: 0 };
  ctQuotaPerHour?: number;
  ctPageSize: number;

  private constructor(
    readonly worlds: World[],
    private ca: LabCa,
    opts: LabOptions,
    readonly dir: string,
  ) {
    this.latencyMs = opts.latencyMs ?? 0;
    this.connectionHandshakes = opts.connectionHandshakes ?? false;
    this.now = opts.now!;
    this.dns = new LabDns(worlds);
    this.caPemPath = path.join(dir, 'lab-ca.pem');
    writeFileSync(this.caPemPath, ca.rootPem);
    this.globalStatus = opts.caStatus;
    this.ctQuotaPerHour = opts.ctQuotaPerHour;
    this.ctPageSize = opts.ctPageSize ?? 100;
  }
  private globalStatus: World['caStatus'];

  static async start(opts: LabOptions): Promise<Lab> {
    const now = opts.now ?? Math.floor(Date.now() / 1000) * 1000;
    const ca = await LabCa.create(now);
    const lab = new Lab(opts.worlds, ca, { ...opts, now }, mkdtempSync(path.join(os.tmpdir(), 'rr-lab-')));
    await lab.issueAll();
    await lab.listen();
    return lab;
  }

  get nowIso() {
    return new Date(this.now).toISOString();
  }
  /** A certificate from the lab CA for a lab service of its own (pebble's ACME listener). */
  issueService(names: string[]) {
    return this.ca.issue(names, 'Lab Services|Renewal Radar Lab', this.now - 86_400_000, this.now + 30 * 86_400_000);
  }
  /** The site a name belongs to, with its world's challenge rule (pebble's DNS answers from it). */
  siteSpec(host: string) {
    return this.sites.get(host)?.spec;
  }
  get apiBase() {
    return `http://127.0.0.1:${this.apiPort}`;
  }
  get dohUrl() {
    return `${this.apiBase}/dns-query`;
  }
  get ctBase() {
    return `${this.apiBase}/ct`;
  }
  /** The lab's crt.sh (the CLI reads it from RENEWAL_RADAR_CRTSH: see cliEnv). */
  get crtshBase() {
    return `${this.apiBase}/crtsh`;
  }
  /** The environment a CLI run needs: the lab CA trusted, and the lab's crt.sh in place of https://crt.sh. */
  cliEnv(): Record<string, string> {
    return { NODE_EXTRA_CA_CERTS: this.caPemPath, RENEWAL_RADAR_CRTSH: this.crtshBase };
  }
  get rdapBase() {
    return `${this.apiBase}/rdap`;
  }
  caStatusUrl(worldId?: string) {
    return `${this.apiBase}/status${worldId ? `/${worldId}` : ''}`;
  }
  get proxyUrl() {
    return `http://127.0.0.1:${this.proxyPort}`;
  }
  get siteHosts() {
    return [...this.sites.keys()];
  }

  /** curl-style --connect-to rules that route every site name to the lab (refusing / silent where a world says so). */
  connectTo(): string[] {
    const rules: string[] = [];
    for (const [host, { spec }] of this.sites) {
      if (spec.challenge === 'refused') rules.push(`${host}:80:127.0.0.1:${this.refusedPort}`);
      if (spec.challenge === 'timeout') rules.push(`${host}:80:127.0.0.1:${this.blackholePort}`);
      if (spec.certificate === null) rules.push(`${host}:443:127.0.0.1:${this.refusedPort}`);
    }
    return [...rules, `:80:127.0.0.1:${this.httpPort}`, `:443:127.0.0.1:${this.httpsPort}`];
  }

  /** The CLI's arguments for the lab: each service on its own origin (servicePorts), the sites routed to the lab. */
  cliArgs(worldId?: string): string[] {
    const on = (service: keyof Lab['servicePorts'], url: string) =>
      url.replace(this.apiBase, `http://127.0.0.1:${this.servicePorts[service]}`);
    return [
      '--doh',
      on('doh', this.dohUrl),
      '--ct',
      on('ct', this.ctBase),
      '--rdap',
      on('rdap', this.rdapBase),
      '--ca-status',
      on('status', this.caStatusUrl(worldId)),
      '--whois',
      `127.0.0.1:${this.whoisPort}`,
      '--acme-directory',
      on('acme', `${this.apiBase}/acme/directory`),
      '--now',
      this.nowIso,
      ...this.connectTo().flatMap((r) => ['--connect-to', r]),
    ];
  }

  resetLog() {
    this.log = [];
    this.peakInflight = this.inflight;
    this.peakByKind = { ...this.inflightByKind };
  }
  count(kind: LogEntry['kind']) {
    return this.log.filter((e) => e.kind === kind).length;
  }

  async close() {
    for (const s of this.sockets) s.destroy();
    await Promise.all(this.servers.map((s) => new Promise((r) => s.close(() => r(null)))));
  }

  private async issueAll() {
    for (const w of this.worlds) {
      for (const [host, spec] of Object.entries(w.sites ?? {})) {
        if (this.sites.has(host)) throw new Error(`site ${host} defined twice (world ${w.id})`);
        this.sites.set(host, { world: w, spec });
        if (spec.certificate === null) continue;
        const c: CertSpec = spec.certificate ?? {};
        const names = c.names ?? [host];
        const issuer = c.issuer ?? DEFAULT_ISSUER;
        const notBefore = resolveTime(c.notBefore ?? '-30d', this.now);
        const notAfter = resolveTime(c.notAfter ?? '+60d', this.now);
        const issued = await this.ca.issue(names, issuer, notBefore, notAfter, c.commonName, c.chain, c.policies);
        this.contexts.set(host, tls.createSecureContext({ cert: issued.chainPem, key: issued.keyPem }));
        const der = Buffer.from(issued.certPem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
        this.certificates.set(host, {
          names,
          issuer,
          issuerDn: await this.ca.issuerDn(issuer),
          notBefore,
          notAfter,
          der,
        });
        const id = ariCertId(new Uint8Array(der));
        if (id) this.ariIds.set(id, { world: w, notBefore, notAfter });
      }
    }
  }

  private track<T>(kind: LogEntry['kind'], detail: string, fn: () => Promise<T>): Promise<T> {
    const entry: LogEntry = { at: Date.now(), kind, detail };
    this.log.push(entry);
    this.inflight++;
    this.peakInflight = Math.max(this.peakInflight, this.inflight);
    const k = (this.inflightByKind[kind] ?? 0) + 1;
    this.inflightByKind[kind] = k;
    this.peakByKind[kind] = Math.max(this.peakByKind[kind] ?? 0, k);
    const delay = this.latencyMs > 0 ? new Promise((r) => setTimeout(r, this.latencyMs)) : Promise.resolve();
    return delay.then(fn).finally(() => {
      entry.end = Date.now();
      this.inflight--;
      this.inflightByKind[kind] = (this.inflightByKind[kind] ?? 1) - 1;
    });
  }

  private keep(server: net.Server) {
    // A client may reset any connection (a probe's timeout, a browser closing a tab): a socket 'error' with no
    // listener would kill the whole lab process (a bench run died of ECONNRESET on the black-hole port).
    server.on('connection', (s: net.Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
      s.on('error', () => {});
    });
    this.servers.push(server);
    return new Promise<number>((resolve) =>
      server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)),
    );
  }

  private async listen() {
    this.apiPort = await this.keep(http.createServer((req, res) => this.api(req, res)));
    for (const service of Object.keys(this.servicePorts) as (keyof Lab['servicePorts'])[])
      this.servicePorts[service] = await this.keep(http.createServer((req, res) => this.api(req, res)));
    this.httpPort = await this.keep(http.createServer((req, res) => this.site(req, res, false)));
    this.httpsPort = await this.keep(
      https.createServer(
        {
          SNICallback: (name, cb) => cb(null, this.contexts.get(name.toLowerCase())),
        },
        (req, res) => this.site(req, res, true),
      ),
    );
    const proxy = http.createServer((req, res) => this.proxyHttp(req, res));
    proxy.on('connect', (req, socket: net.Socket, head) => this.proxyConnect(req, socket, head));
    this.proxyPort = await this.keep(proxy);
    // A port that accepts nothing: bound, then closed, so connecting is refused.
    const tmp = net.createServer();
    this.refusedPort = await new Promise<number>((r) =>
      tmp.listen(0, '127.0.0.1', () => r((tmp.address() as net.AddressInfo).port)),
    );
    await new Promise((r) => tmp.close(r));
    // A port that accepts and never answers (a filtered port 80).
    this.blackholePort = await this.keep(net.createServer(() => {}));
    this.whoisPort = await this.keep(net.createServer((socket) => this.whois(socket)));
  }

  /**
   * JPRS WHOIS on loopback: one query line ("example.jp/e" as the client library sends for .jp), one answer in
   * JPRS's English format (the layout of the recorded answers in test/unit/fixtures/jprs-whois), or a fixture
   * file's bytes as they are (other encodings), then the connection closes (RFC 3912).
   */
  private whois(socket: net.Socket) {
    let buf = '';
    socket.on('error', () => {});
    socket.on('data', (d) => {
      buf += d.toString('latin1');
      if (!buf.includes('\n')) return;
      const query = buf.split(/\r?\n/)[0].trim().replace(/\/e$/i, '').toLowerCase();
      this.log.push({ at: Date.now(), kind: 'whois', detail: query });
      // The first world with WHOIS and a zone at exactly this name (the index holds every such zone).
      const w = this.zoneIndex().whois.get(query);
      const spec = w?.whois;
      const header =
        '[ JPRS database provides information on network administration. Its use is    ]\r\n[ restricted to network administration purposes. For further information,     ]\r\n\r\n';
      const day = (t: string) =>
        new Date(resolveTime(t, this.now) + 9 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '/');
      let out: Buffer;
      if (!spec) out = Buffer.from(`${header}No match!!\r\n`, 'latin1');
      else if (spec.fixture)
        out = readFileSync(
          path.join(
            path.dirname(new URL(import.meta.url).pathname),
            '..',
            'unit',
            'fixtures',
            'jprs-whois',
            spec.fixture,
          ),
        );
      else if (query.split('.').length > 2) {
        out = Buffer.from(
          `${header}Domain Information:\r\na. [Domain Name]                ${query.toUpperCase()}\r\n[State]                         ${spec.state ?? 'Connected'}${spec.expires ? ` (${day(spec.expires)})` : ''}\r\n[Registered Date]               2010/03/15\r\n`,
          'latin1',
        );
      } else {
        out = Buffer.from(
          `${header}Domain Information:\r\n[Domain Name]                   ${query.toUpperCase()}\r\n\r\n[Created on]                    2019/12/04\r\n[Expires on]                    ${spec.expires ? day(spec.expires) : ''}\r\n[Status]                        ${spec.state ?? 'Active'}\r\n[Last Updated]                  2026/01/01 01:05:04 (JST)\r\n`,
          'latin1',
        );
      }
      if (spec?.trickle) this.trickle(socket, out);
      else socket.end(out);
    });
  }

  /** A hostile or broken server: `bytes` one a second, so an idle timeout never fires (issue #26). */
  private trickle(socket: net.Socket, bytes: Buffer) {
    let i = 0;
    const timer = setInterval(() => {
      if (socket.destroyed || i >= bytes.length) {
        clearInterval(timer);
        socket.end();
        return;
      }
      socket.write(bytes.subarray(i, i + 1));
      i++;
    }, 1000);
    socket.on('close', () => clearInterval(timer));
  }

  // ---- API: DoH, CT, RDAP, status, start page ----
  private api(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://lab');
    res.setHeader('access-control-allow-origin', '*');
    if (url.pathname === '/dns-query') {
      this.doh(req, res, url);
      return;
    }
    // A CA that rate-limits (RFC 8555 §6.6: 429 with urn:ietf:params:acme:error:rateLimited), for the dry run.
    if (url.pathname === '/acme-limited/directory') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          newNonce: `${this.apiBase}/acme-limited/nonce`,
          newAccount: `${this.apiBase}/acme-limited/account`,
          newOrder: `${this.apiBase}/acme-limited/order`,
        }),
      );
      return;
    }
    if (url.pathname === '/acme-limited/nonce') {
      res.writeHead(200, { 'replay-nonce': `n${Date.now()}`, 'cache-control': 'no-store' }).end();
      return;
    }
    if (url.pathname.startsWith('/acme-limited/')) {
      res
        .writeHead(429, {
          'content-type': 'application/problem+json',
          'replay-nonce': `n${Date.now()}`,
          'retry-after': '3600',
        })
        .end(
          '{"type":"urn:ietf:params:acme:error:rateLimited","detail":"Error creating new account :: too many registrations for this IP: see https://letsencrypt.org/docs/rate-limits/","status":429}',
        );
      return;
    }
    if (url.pathname === '/acme/directory') {
      void this.track('ari', url.pathname, async () => this.acmeDirectory(res));
      return;
    }
    if (url.pathname.startsWith('/acme/renewal-info/')) {
      void this.track('ari', url.pathname, async () =>
        this.renewalInfo(res, url.pathname.slice('/acme/renewal-info/'.length)),
      );
      return;
    }
    if (url.pathname === '/ct/v1/issuances') {
      void this.track('ct', url.searchParams.get('domain') ?? '', async () => this.ct(res, url));
      return;
    }
    if (url.pathname === '/crtsh/' || url.pathname === '/crtsh') {
      void this.track('crtsh', url.search, async () => this.crtsh(res, url));
      return;
    }
    if (url.pathname.startsWith('/rdap/domain/')) {
      void this.track('rdap', url.pathname, async () =>
        this.rdapBootstrap(res, decodeURIComponent(url.pathname.slice('/rdap/domain/'.length))),
      );
      return;
    }
    if (url.pathname.startsWith('/rdap-registry/')) {
      void this.track('rdap', url.pathname, async () =>
        this.rdap(res, decodeURIComponent(url.pathname.split('/domain/')[1] ?? '')),
      );
      return;
    }
    if (url.pathname === '/status' || url.pathname.startsWith('/status/')) {
      void this.track('status', url.pathname, async () => this.status(res, url.pathname.slice('/status/'.length)));
      return;
    }
    if (url.pathname === '/') {
      this.startPage(res);
      return;
    }
    res.writeHead(404).end('not found');
  }

  private doh(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let query: Buffer;
      if (req.method === 'POST') {
        if (req.headers['content-type'] !== 'application/dns-message') {
          res.writeHead(415).end();
          return;
        }
        query = Buffer.concat(chunks);
      } else {
        const dns = url.searchParams.get('dns');
        if (!dns) {
          res.writeHead(400).end('missing dns parameter');
          return;
        }
        query = Buffer.from(dns, 'base64url');
      }
      // The answer is a function of the question (LabDns.exchange): asked now, sent after the injected latency.
      const { label, body } = this.dns.exchange(query);
      void this.track('doh', `${req.method} ${label}`, async () => {
        res.writeHead(200, { 'content-type': 'application/dns-message', 'cache-control': 'max-age=300' }).end(body);
      });
    });
  }

  /** The first world with a zone at, under or above `domain`. */
  private worldOfDomain(domain: string) {
    const { at, atOrUnder } = this.zoneIndex();
    let first = atOrUnder.get(domain) ?? Number.POSITIVE_INFINITY;
    for (let d = domain.indexOf('.'); d >= 0; d = domain.indexOf('.', d + 1))
      first = Math.min(first, at.get(domain.slice(d + 1)) ?? Number.POSITIVE_INFINITY);
    return Number.isFinite(first) ? this.worlds[first] : undefined;
  }

  private zoneIndexed?: { at: Map<string, number>; atOrUnder: Map<string, number>; whois: Map<string, World> };
  /**
   * Where each zone is, built once (the worlds do not change while the lab runs): for each apex and each name above
   * one, the first world (in order) with a zone there or under it, and the first world with WHOIS for each apex.
   * Walking every world's zones per request was a tenth of the lab's CPU in a 1,000-host fleet (issue #25).
   */
  private zoneIndex() {
    if (this.zoneIndexed) return this.zoneIndexed;
    const at = new Map<string, number>();
    const atOrUnder = new Map<string, number>();
    const whois = new Map<string, World>();
    this.worlds.forEach((w, i) => {
      for (const z of Object.keys(w.zones)) {
        if (!at.has(z)) at.set(z, i);
        if (!atOrUnder.has(z)) atOrUnder.set(z, i);
        for (let d = z.indexOf('.'); d >= 0; d = z.indexOf('.', d + 1))
          if (!atOrUnder.has(z.slice(d + 1))) atOrUnder.set(z.slice(d + 1), i);
        if (w.whois && !whois.has(z)) whois.set(z, w);
      }
    });
    this.zoneIndexed = { at, atOrUnder, whois };
    return this.zoneIndexed;
  }

  private ctIndexed?: { byName: Map<string, CtEntry[]>; entries: CtEntry[] };
  /**
   * Every world's CT entries (ctEntries), built once and indexed by lowercase name: a CT request used to walk every
   * world's list, a sixth of the lab's CPU in a 136-host fleet run (issue #25). The worlds and certificates do not
   * change after start.
   */
  private ctIndex() {
    if (this.ctIndexed) return this.ctIndexed;
    const entries: CtEntry[] = [];
    for (const w of this.worlds) for (const e of this.ctEntries(w)) entries.push({ ...e, pos: entries.length });
    const byName = new Map<string, CtEntry[]>();
    for (const e of entries)
      for (const n of new Set(e.names.map((x) => x.toLowerCase()))) byName.set(n, [...(byName.get(n) ?? []), e]);
    this.ctIndexed = { byName, entries };
    return this.ctIndexed;
  }

  /**
   * Cert Spotter API v1 as its documentation describes it (https://sslmate.com/help/reference/ct_search_api_v1):
   * issuances valid for `domain` (exact name), plus `*.parent` with match_wildcards=true and sub-domains with
   * include_subdomains=true; unexpired only; oldest first, in pages, `after=<id>` for the next
   * page until an empty array; 429 with Retry-After once the hourly quota is used.
   */
  private ct(res: http.ServerResponse, url: URL) {
    const p = url.searchParams;
    if (this.ctQuotaPerHour !== undefined) {
      const now = this.ctClock();
      if (now - this.ctWindow.start >= 3_600_000) this.ctWindow = { start: now, count: 0 };
      if (++this.ctWindow.count > this.ctQuotaPerHour) {
        const retry = Math.ceil((this.ctWindow.start + 3_600_000 - now) / 1000);
        res
          .writeHead(429, { 'content-type': 'application/json', 'retry-after': String(retry) })
          .end('{"code":"rate_limited","message":"You have exceeded the rate limit"}');
        return;
      }
    }
    const domain = (p.get('domain') ?? '').toLowerCase();
    const world = this.worldOfDomain(domain);
    if (world?.ct === 'error') {
      res.writeHead(500).end('{"code":"internal","message":"lab CT error"}');
      return;
    }
    if (world?.ct === 'junk') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"issuances": "<script>alert(1)</script>", ');
      return;
    }
    if (world?.ct === 'huge') {
      // 100 MB of one JSON array, sent as fast as the client reads it, without a content-length (issue #26: a
      // fleet whose CT answers were 100 MB each went past its memory budget).
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.from(`${'{"id":"1","dns_names":["x.example"]},'.repeat(1800)}`);
      let sent = 0;
      const pump = () => {
        while (sent < 100 * 1048576 && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(sent === chunk.length ? Buffer.concat([Buffer.from('['), chunk]) : chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        if (!res.destroyed) res.end('{}]');
      };
      pump();
      return;
    }
    if (world?.ct === 'html') {
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><title>Maintenance</title><h1>We will be back soon</h1>');
      return;
    }
    const wildcards = p.get('match_wildcards') === 'true';
    const subdomains = p.get('include_subdomains') === 'true';
    const parent = domain.slice(domain.indexOf('.') + 1);
    const matches = (n: string) =>
      n === domain || (wildcards && n === `*.${parent}`) || (subdomains && n.endsWith(`.${domain}`));
    // Unexpired issuances only ("list all unexpired certificate issuances", https://sslmate.com/certspotter/api/docs-v1;
    // an older page offered `expired=true` to customers who asked for it): the history is crt.sh's (see crtsh()).
    // The exact name and its wildcard from the index; sub-domains need a look at every entry.
    const { byName, entries } = this.ctIndex();
    const candidates = subdomains
      ? entries
      : [...new Set([...(byName.get(domain) ?? []), ...(wildcards ? (byName.get(`*.${parent}`) ?? []) : [])])].sort(
          (a, b) => a.pos - b.pos,
        );
    const all: { id: number; body: unknown }[] = [];
    for (const e of candidates) {
      if (!e.names.some((n) => matches(n.toLowerCase())) || e.notAfter <= this.now) continue;
      const [cn, org] = e.issuer.split('|');
      // Discovery order is issuance order here: the id grows with notBefore (ties by position).
      all.push({
        id: e.notBefore,
        body: {
          tbs_sha256: 'x',
          cert_sha256: 'x',
          pubkey_sha256: 'x',
          dns_names: e.names,
          not_before: new Date(e.notBefore).toISOString(),
          not_after: new Date(e.notAfter).toISOString(),
          revoked: e.revoked,
          issuer: { friendly_name: org ? `${org} ${cn}` : cn, name: `C=US, O=${org ?? cn}, CN=${cn}` },
          ...(e.der && p.getAll('expand').includes('cert')
            ? { cert: { type: 'cert', sha256: 'x', data: e.der.toString('base64') } }
            : {}),
        },
      });
    }
    all.sort((a, b) => a.id - b.id);
    const list = all.map((x, i) => ({ id: String(1000 + i), ...(x.body as object) }));
    const after = p.get('after');
    const start = after ? list.findIndex((x) => x.id === after) + 1 : 0;
    const page = start > 0 || !after ? list.slice(start, start + this.ctPageSize) : [];
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(page));
  }

  /** A world's certificates as CT knows them: its `ct` list, else the certificates its sites serve. */
  private ctEntries(w: World): Omit<CtEntry, 'pos'>[] {
    if (Array.isArray(w.ct))
      return w.ct.map((c) => ({
        names: c.names,
        issuer: c.issuer ?? DEFAULT_ISSUER,
        notBefore: resolveTime(c.notBefore, this.now),
        notAfter: resolveTime(c.notAfter, this.now),
        revoked: c.revoked ?? false,
      }));
    if (w.ct !== undefined && w.ct !== 'sites') return [];
    return Object.keys(w.sites ?? {})
      .map((h) => this.certificates.get(h))
      .filter((c): c is NonNullable<typeof c> => Boolean(c))
      .map((c) => ({ ...c, revoked: false }));
  }

  /**
   * crt.sh as it behaves (https://crt.sh/; the options are those of its advanced search form, https://crt.sh/?a=1):
   * `?q=<name>&output=json` lists every certificate with that identity — expired ones too, unless
   * `exclude=expired`; without `deduplicate=Y` a precertificate and its certificate are two entries with the same
   * serial and dates. Dates are UTC without a zone ("2026-04-02T21:18:57"); the issuer is a DN. It is often
   * overloaded: a world's `crtsh: "error"` answers 502 as crt.sh then does, and a world whose Cert Spotter is
   * broken ("error", "junk", "html", "huge") finds crt.sh broken the same way (the fallback changes nothing).
   */
  private crtsh(res: http.ServerResponse, url: URL) {
    const p = url.searchParams;
    const q = (p.get('q') ?? '').toLowerCase();
    if (p.get('output') !== 'json') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>crt.sh</title>');
      return;
    }
    const world = this.worldOfDomain(q.replace(/^\*\./, ''));
    const broken = world?.crtsh ?? (typeof world?.ct === 'string' && world.ct !== 'sites' ? world.ct : undefined);
    if (broken === 'error' || broken === 'huge') {
      res.writeHead(502, { 'content-type': 'text/html' }).end('<html><body><h1>502 Bad Gateway</h1></body></html>');
      return;
    }
    if (broken === 'junk') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('[{"name_value": "<script>alert(1)</script>", ');
      return;
    }
    if (broken === 'html') {
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><title>crt.sh</title><p>Sorry, something went wrong');
      return;
    }
    const withExpired = p.get('exclude') !== 'expired';
    const copies = p.get('deduplicate') === 'Y' ? 1 : 2;
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 19);
    const out: unknown[] = [];
    for (const e of this.ctIndex().byName.get(q) ?? []) {
      if (!withExpired && e.notAfter <= this.now) continue;
      const [cn, org] = e.issuer.split('|');
      const serial = createHash('sha256').update(`ct#${e.pos}`).digest('hex').slice(0, 32);
      for (let c = 0; c < copies; c++)
        out.push({
          issuer_ca_id: 1,
          issuer_name: `C=US, O=${org ?? cn}, CN=${cn}`,
          common_name: e.names[0],
          name_value: e.names.join('\n'),
          id: 100_000 + out.length,
          entry_timestamp: `${day(e.notBefore + 60_000 * (c + 1))}.000`,
          not_before: day(e.notBefore),
          not_after: day(e.notAfter),
          serial_number: serial,
          result_count: e.names.length,
        });
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(out));
  }

  /** An ACME directory (RFC 8555 §7.1.1) that offers renewalInfo (RFC 9773 §3). */
  private acmeDirectory(res: http.ServerResponse) {
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        newNonce: `${this.apiBase}/acme/new-nonce`,
        newAccount: `${this.apiBase}/acme/new-acct`,
        newOrder: `${this.apiBase}/acme/new-order`,
        renewalInfo: `${this.apiBase}/acme/renewal-info`,
        meta: { termsOfService: `${this.apiBase}/terms` },
      }),
    );
  }

  /**
   * renewalInfo (RFC 9773 §4.2): the suggested window for a certificate identified as in §4.1, with Retry-After.
   * A world's `ari` sets the window; otherwise it is the usual one, around the renewal point.
   */
  private renewalInfo(res: http.ServerResponse, id: string) {
    const hit = this.ariIds.get(decodeURIComponent(id));
    if (!hit || hit.world.ari === 'unknown') {
      res
        .writeHead(404, { 'content-type': 'application/problem+json' })
        .end('{"type":"urn:ietf:params:acme:error:malformed","detail":"Certificate not found"}');
      return;
    }
    if (hit.world.ari === 'junk') {
      res
        .writeHead(200, { 'content-type': 'application/json', 'retry-after': '21600' })
        .end('{"suggestedWindow":{"start":"2026-12-01T00:00:00Z","end":"2026-11-01T00:00:00Z"}}');
      return;
    }
    const spec = hit.world.ari;
    // Let's Encrypt's usual window sits around the point where a third of the lifetime remains (at most 30 days).
    const point = hit.notAfter - Math.min((hit.notAfter - hit.notBefore) / 3, 30 * 86_400_000);
    const start = spec ? resolveTime(spec.start, this.now) : point - 2 * 86_400_000;
    const end = spec ? resolveTime(spec.end, this.now) : point + 86_400_000;
    res.writeHead(200, { 'content-type': 'application/json', 'retry-after': '21600' }).end(
      JSON.stringify({
        suggestedWindow: { start: new Date(start).toISOString(), end: new Date(end).toISOString() },
        ...(spec?.explanationURL ? { explanationURL: spec.explanationURL } : {}),
      }),
    );
  }

  /**
   * rdap.org as it documents itself (https://about.rdap.org/): a redirect to the registry's RDAP server found in
   * IANA's bootstrap file (RFC 9224), or its own 404 when the TLD has no RDAP server — as for .jp.
   */
  private rdapBootstrap(res: http.ServerResponse, name: string) {
    const tld = name.toLowerCase().split('.').pop() ?? '';
    if (tld === 'jp' || !tld) {
      res
        .writeHead(404, { 'content-type': 'application/rdap+json' })
        .end('{"errorCode":404,"title":"Not Found","description":["No RDAP service for this TLD"]}');
      return;
    }
    res.writeHead(302, { location: `/rdap-registry/${tld}/domain/${encodeURIComponent(name)}` }).end();
  }

  /** A registry's RDAP server (RFC 9083): the domain object with its events and statuses, or 404 when unknown. */
  private rdap(res: http.ServerResponse, name: string) {
    const lower = name.toLowerCase();
    // A domain on hold has no zone in DNS (NXDOMAIN) yet the registry still has it: the world's RDAP record,
    // for its target's domain, says so.
    const w = this.worlds.find(
      (x) =>
        x.zones[lower] ||
        (x.rdap !== undefined &&
          Object.keys(x.zones).length === 0 &&
          (x.target === lower || x.target.endsWith(`.${lower}`))),
    );
    if (!w) {
      res.writeHead(404, { 'content-type': 'application/rdap+json' }).end('{"errorCode":404,"title":"Not Found"}');
      return;
    }
    if (w.rdap === 'junk') {
      res
        .writeHead(200, { 'content-type': 'application/rdap+json' })
        .end('{"events":[{"eventAction":"expiration","eventDate":"<img src=x onerror=alert(1)>"}],"status":[42,null]}');
      return;
    }
    if (w.rdap === 'error') {
      res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '120' }).end('Service Unavailable');
      return;
    }
    if (w.rdap === 'html') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body><h1>Rate limit exceeded</h1></body></html>');
      return;
    }
    const spec = w.rdap ?? { expiration: '+300d', status: ['active'] };
    const events = [
      ...(spec.expiration
        ? [{ eventAction: 'expiration', eventDate: new Date(resolveTime(spec.expiration, this.now)).toISOString() }]
        : []),
      { eventAction: 'last update of RDAP database', eventDate: new Date(this.now).toISOString() },
    ];
    // RFC 9083 §5.3 domain object (rdapConformance, objectClassName, ldhName, status, events, nameservers), with
    // statuses in RFC 8056's words ("client hold"); a held domain keeps its nameservers in the registry.
    const ns = Object.values(w.zones).flatMap((z) => z.records['@']?.NS ?? []);
    res.writeHead(200, { 'content-type': 'application/rdap+json' }).end(
      JSON.stringify({
        rdapConformance: ['rdap_level_0'],
        objectClassName: 'domain',
        ldhName: lower,
        status: spec.status ?? ['active'],
        events,
        nameservers: (ns.length ? ns : (spec.nameservers ?? [])).map((n) => ({
          objectClassName: 'nameserver',
          ldhName: n,
        })),
      }),
    );
  }

  /** status.io's Public Status API shape (https://kb.status.io/developers/public-status-api), with Let's Encrypt's
   * kind of component list: the production API beside Staging, the website and the forum. */
  private status(res: http.ServerResponse, worldId: string) {
    const spec = worldId ? this.worlds.find((w) => w.id === worldId)?.caStatus : this.globalStatus;
    if (spec === 'junk') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('[1,2,');
      return;
    }
    if (spec === 'html') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Service Unavailable</body></html>');
      return;
    }
    const s = spec ?? { code: 100 };
    const text: Record<number, string> = {
      100: 'Operational',
      200: 'Planned Maintenance',
      300: 'Degraded Performance',
      400: 'Partial Service Disruption',
      500: 'Service Disruption',
      600: 'Security Event',
    };
    const when = (t: string | undefined) => (t ? new Date(resolveTime(t, this.now)).toISOString() : undefined);
    // Two shapes: components named after their environment ("ACME API (Staging)"), and status.io's documented
    // containers (https://kb.status.io/developers/public-status-api, "Detailed Example Response"): each
    // component lists its containers with their own status_code, and incidents and maintenance name both
    // `components_affected` and `containers_affected`. A component's own status is its worst container's.
    const byContainers = s.layout === 'containers';
    const staging = s.stagingCode ?? 100;
    const components: { name: string; code: number; containers?: { name: string; code: number }[] }[] =
      s.components ??
      (byContainers
        ? [
            {
              name: 'ACME API',
              code: Math.max(s.code, staging),
              containers: [
                { name: 'Production', code: s.code },
                { name: 'Staging', code: staging },
              ],
            },
            { name: 'Website', code: 100, containers: [{ name: 'Production', code: 100 }] },
            { name: 'Community Forum', code: 100, containers: [{ name: 'Production', code: 100 }] },
          ]
        : [
            { name: 'ACME API (Production)', code: s.code },
            { name: 'ACME API (Staging)', code: 100 },
            { name: 'Website', code: 100 },
            { name: 'Community Forum', code: 100 },
          ]);
    // The page's overall status is its worst component's (in the container shape; the name shape sets it).
    const overall = byContainers ? Math.max(s.code, ...components.map((c) => c.code)) : s.code;
    const ev = (e: string | StatusEventSpec, i: number, kind: string) => {
      const o: StatusEventSpec =
        typeof e === 'string'
          ? byContainers
            ? { name: e, components: ['ACME API'], containers: ['Production'] }
            : { name: e, components: ['ACME API (Production)'] }
          : e;
      const ref = (name: string) => ({ _id: name.toLowerCase().replace(/\W+/g, '-'), name });
      return {
        _id: `${kind}${i}`,
        name: o.name,
        ...(o.containers ? { containers_affected: o.containers.map(ref) } : {}),
        ...(o.components ? { components_affected: o.components.map(ref) } : {}),
        ...(kind === 'i'
          ? { datetime_open: when(o.start ?? '-1h') }
          : { datetime_planned_start: when(o.start ?? '-1h'), datetime_planned_end: when(o.end ?? '+2h') }),
      };
    };
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        result: {
          status_overall: {
            updated: new Date(this.now).toISOString(),
            status: s.status ?? text[overall] ?? 'Unknown',
            status_code: overall,
          },
          status: components.map((c) => ({
            id: c.name,
            name: c.name,
            updated: new Date(this.now).toISOString(),
            status: text[c.code] ?? 'Unknown',
            status_code: c.code,
            containers: (c.containers ?? []).map((k) => ({
              id: `${c.name}/${k.name}`,
              name: k.name,
              updated: new Date(this.now).toISOString(),
              status: text[k.code] ?? 'Unknown',
              status_code: k.code,
            })),
          })),
          incidents: (s.incidents ?? []).map((e, i) => ev(e, i, 'i')),
          maintenance: {
            active: (s.maintenance ?? []).map((e, i) => ev(e, i, 'm')),
            upcoming: (s.upcoming ?? []).map((e, i) => ev(e, i, 'u')),
          },
        },
      }),
    );
  }

  private startPage(res: http.ServerResponse) {
    const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
    const items = this.worlds
      .filter((w) => w.demo)
      .map(
        (w) =>
          `<li><a href="https://${esc(w.target)}/">${esc(w.target)}</a> — ${esc(w.title)}${w.title_ja ? ` / ${esc(w.title_ja)}` : ''}</li>`,
      )
      .join('\n');
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(`<!doctype html><meta charset="utf-8"><title>Renewal Radar demo</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem}li{margin:.4rem 0}</style>
<h1>Renewal Radar — offline demo world</h1><p>Each link is a site in the lab. Visit one and watch the toolbar badge; click the icon for the explanation.</p><ul>${items}</ul>`);
  }

  // ---- The sites ----
  private site(req: http.IncomingMessage, res: http.ServerResponse, secure: boolean) {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    void this.track('site', `${secure ? 'https' : 'http'}://${host}${req.url}`, async () =>
      this.serveSite(host, req.url ?? '/', res, secure),
    );
  }

  private serveSite(host: string, pathname: string, res: http.ServerResponse, secure = false) {
    // The lab CA's issuer certificates, where its leaves' AIA extension points (fetched by the CLI to tell an
    // incomplete chain from an unknown root). The browser proxy does not serve this name: a browser that
    // fetches AIA by itself (Chromium) would otherwise hide the missing intermediate.
    if (host === AIA_HOST && !secure && this.ca.aia.has(pathname)) {
      res.writeHead(200, { 'content-type': 'application/pkix-cert' }).end(Buffer.from(this.ca.aia.get(pathname)!));
      return;
    }
    const entry = this.sites.get(host);
    if (!entry) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end(`no lab site ${host}\n`);
      return;
    }
    const { spec } = entry;
    if (spec.trickle) {
      // Past the TLS handshake (on 443) or the TCP connect (on 80), the response one byte a second.
      this.trickle(
        res.socket as net.Socket,
        Buffer.from('HTTP/1.1 404 Not Found\r\ncontent-type: text/plain\r\ncontent-length: 10\r\n\r\nnot found\n'),
      );
      return new Promise<void>((resolve) => res.socket?.on('close', () => resolve()));
    }
    if (pathname.startsWith('/.well-known/acme-challenge/')) {
      // The world's challenge rule is what port 80 does; over https the path is a plain 404 (an http→https
      // redirect rule fires only on http).
      const c = secure ? undefined : spec.challenge;
      if (c === 'timeout') return new Promise<void>(() => {}); // never answers (the proxy path)
      if (c === 'refused') {
        res.socket?.destroy();
        return;
      }
      // Redirects so far = characters appended to the 43-character token (a random token may itself end in "x").
      const appended = Math.max(0, pathname.slice('/.well-known/acme-challenge/'.length).split('?')[0].length - 43);
      const done = typeof c === 'object' && c.redirects !== undefined && appended >= c.redirects;
      const status = done ? 404 : (c?.status ?? 404);
      const headers: Record<string, string> = { 'content-type': 'text/html', ...(c?.headers ?? {}) };
      if (c?.location && !done) headers.location = c.location.replace('{path}', pathname);
      if (status === 401 && !headers['www-authenticate']) headers['www-authenticate'] = 'Basic realm="Restricted"';
      res.writeHead(status, headers).end(status === 404 ? '<h1>404 Not Found</h1>' : `<h1>${status}</h1>`);
      return;
    }
    const front = spec.front ?? {};
    const safe = host.replace(/[^a-z0-9.-]/g, '');
    res
      .writeHead(front.status ?? 200, { 'content-type': 'text/html; charset=utf-8', ...(front.headers ?? {}) })
      .end(
        `<!doctype html><meta charset="utf-8"><title>${safe}</title><h1>${safe}</h1><p>A site in the Renewal Radar lab.</p>`,
      );
  }

  // ---- Forward proxy ----
  /** The one site whose own name resolves to this address in its world (an http://IP/ request reaches it). */
  private siteByAddress(address: string): string | undefined {
    const hits = [...this.sites.entries()].filter(([host, { world }]) =>
      Object.entries(world.zones).some(([apex, z]) => {
        const rel = host === apex ? '@' : host.endsWith(`.${apex}`) ? host.slice(0, -(apex.length + 1)) : null;
        const rr = rel ? z.records[rel] : undefined;
        return Boolean(rr && [...(rr.A ?? []), ...(rr.AAAA ?? [])].includes(address));
      }),
    );
    return hits.length === 1 ? hits[0][0] : undefined;
  }

  private proxyHttp(req: http.IncomingMessage, res: http.ServerResponse) {
    let u: URL;
    try {
      u = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end();
      return;
    }
    const literal = u.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    const host = /^[\d.]+$|:/.test(literal) ? (this.siteByAddress(literal) ?? literal) : u.hostname.toLowerCase();
    const spec = this.sites.get(host)?.spec;
    this.log.push({ at: Date.now(), kind: 'proxy', detail: `${req.method} ${u.href}` });
    if (!spec) {
      res.writeHead(502, { 'content-type': 'text/plain' }).end(`lab proxy: no site ${host}`);
      return;
    }
    if (u.pathname.startsWith('/.well-known/acme-challenge/') && spec.challenge === 'refused') {
      req.socket.destroy();
      return;
    }
    void this.track('site', `http://${host}${u.pathname}${u.search}`, async () =>
      this.serveSite(host, `${u.pathname}${u.search}`, res),
    );
  }

  private proxyConnect(req: http.IncomingMessage, client: net.Socket, head: Buffer) {
    const [host, portText] = (req.url ?? '').split(':');
    const port = Number(portText || 443);
    const spec = this.sites.get(host.toLowerCase())?.spec;
    this.log.push({ at: Date.now(), kind: 'proxy', detail: `CONNECT ${req.url}` });
    client.on('error', () => {});
    const refuse = () => {
      client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
    };
    if (!spec || (port === 443 && spec.certificate === null)) {
      refuse();
      return;
    }
    const rtt = this.connectionHandshakes ? this.latencyMs : 0;
    const upstream = net.connect(port === 443 ? this.httpsPort : this.httpPort, '127.0.0.1', () => {
      setTimeout(() => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        if (head.length) upstream.write(head);
        client.pipe(upstream);
        if (!rtt || port !== 443) {
          upstream.pipe(client);
          return;
        }
        // The TLS handshake's round trip: the server's first flight reaches the browser one latency later.
        upstream.once('data', (first: Buffer) => {
          upstream.pause();
          setTimeout(() => {
            client.write(first);
            upstream.pipe(client);
            upstream.resume();
          }, rtt);
        });
      }, rtt);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  }
}
