// The DoH client against the lab's DoH server: real RFC 8484 messages over HTTP on loopback.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DohResolver } from '../../src/core/dns/resolver';
import type { HttpClient } from '../../src/core/network/net';
import { nodeHttpClient } from '../../src/cli/node-transports';
import dnsPacket from 'dns-packet';
import { Lab } from '../lab/server';
import { loadWorlds } from '../lab/world';

let lab: Lab;
before(async () => {
  lab = await Lab.start({
    worlds: loadWorlds((w) =>
      ['xserver-cloudflare-proxy', 'netlify-healthy', 'dnssec-broken', 'dns-servfail', 'sakura-healthy'].includes(w.id),
    ),
  });
});
after(() => lab.close());

const clock = { now: () => Date.now() };
const counting = (): HttpClient & { calls: string[] } => {
  const calls: string[] = [];
  const c = (async (url, req) => {
    calls.push(url);
    return nodeHttpClient(url, req);
  }) as HttpClient & { calls: string[] };
  c.calls = calls;
  return c;
};

describe('DohResolver', () => {
  it('answers A, AAAA, NS, MX, TXT over GET', async () => {
    const r = new DohResolver({ endpoints: [lab.dohUrl], http: nodeHttpClient, clock });
    const a = await r.query('hayamiz-shop.jp', 'A');
    assert.equal(a.status, 'ok');
    assert.deepEqual(a.records.map((x) => x.value).sort(), ['104.21.48.12', '172.67.160.30']);
    assert.equal((await r.query('hayamiz-shop.jp', 'AAAA')).records[0].value, '2606:4700:3031::6815:300c');
    assert.deepEqual((await r.query('hayamiz-shop.jp', 'NS')).records.map((x) => x.value).sort(), [
      'ada.ns.cloudflare.com',
      'bob.ns.cloudflare.com',
    ]);
    assert.equal((await r.query('hayamiz-shop.jp', 'MX')).records[0].value, '10 sv12718.xserver.jp');
    assert.match(
      (await r.query('hayamiz-shop.jp', 'TXT')).records[0].value,
      /^v=spf1 .*include:spf\.sender\.xserver\.jp/,
    );
  });
  it('works over POST too', async () => {
    const r = new DohResolver({ endpoints: [lab.dohUrl], http: nodeHttpClient, clock, method: 'POST' });
    assert.equal((await r.query('kyoto-kimono-rental.jp', 'A')).records[0].value, '202.181.97.72');
    assert.ok(lab.log.some((e) => e.kind === 'doh' && e.detail.startsWith('POST A kyoto-kimono-rental.jp')));
  });
  it('follows CNAME chains across zones', async () => {
    const r = new DohResolver({ endpoints: [lab.dohUrl], http: nodeHttpClient, clock });
    const a = await r.query('www.ramen-map.net', 'A');
    assert.deepEqual(a.cnames, ['ramen-map.netlify.app']);
    assert.deepEqual(a.records.map((x) => x.value).sort(), ['15.197.142.173', '3.33.186.135']);
  });
  it('reports NODATA and NXDOMAIN with the zone SOA', async () => {
    const r = new DohResolver({ endpoints: [lab.dohUrl], http: nodeHttpClient, clock });
    const nodata = await r.query('www.kyoto-kimono-rental.jp', 'NS');
    assert.equal(nodata.status, 'nodata');
    assert.equal(nodata.soa?.name, 'kyoto-kimono-rental.jp');
    // NS through a CNAME answers with the target's records: the chain shows it, diagnose() ignores it for the apex.
    const viaCname = await r.query('www.hayamiz-shop.jp', 'NS');
    assert.deepEqual(viaCname.cnames, ['hayamiz-shop.jp']);
    const nx = await r.query('nope.hayamiz-shop.jp', 'A');
    assert.equal(nx.status, 'nxdomain');
    assert.equal((await r.query('not-registered-anywhere.jp', 'NS')).status, 'nxdomain');
  });
  it('tells DNSSEC failure (SERVFAIL, fine with CD=1) from an outage, keeping the Extended DNS Error', async () => {
    const r = new DohResolver({ endpoints: [lab.dohUrl], http: nodeHttpClient, clock });
    const bogus = await r.query('dnssec-bogus-shop.jp', 'A');
    assert.equal(bogus.status, 'dnssec-bogus');
    assert.equal(bogus.ede?.code, 6);
    assert.equal(bogus.records.length, 1, 'the CD=1 answer is kept');
    const down = await r.query('servfail-example.jp', 'A');
    assert.equal(down.status, 'error');
    assert.match(down.error ?? '', /SERVFAIL.*No Reachable Authority/);
  });
  it('de-duplicates in-flight queries and caches answers', async () => {
    const http = counting();
    const r = new DohResolver({ endpoints: [lab.dohUrl], http, clock });
    await Promise.all(Array.from({ length: 20 }, () => r.query('hayamiz-shop.jp', 'A')));
    assert.equal(http.calls.length, 1);
    await r.query('HAYAMIZ-SHOP.JP.', 'A');
    assert.equal(http.calls.length, 1, 'served from cache');
  });
  it('expires the cache with the TTL (clamped to the minimum)', async () => {
    let now = 1_000_000;
    const http = counting();
    const r = new DohResolver({ endpoints: [lab.dohUrl], http, clock: { now: () => now }, minTtlSeconds: 60 });
    await r.query('hayamiz-shop.jp', 'A');
    now += 299_000;
    await r.query('hayamiz-shop.jp', 'A');
    assert.equal(http.calls.length, 1);
    now += 2_000;
    await r.query('hayamiz-shop.jp', 'A');
    assert.equal(http.calls.length, 2, 'TTL 300 s passed');
  });
  it('falls back to the next resolver and retries once per resolver', async () => {
    const http = counting();
    const r = new DohResolver({
      endpoints: ['http://127.0.0.1:9/dns-query', lab.dohUrl],
      http,
      clock,
      timeoutMs: 1000,
    });
    const a = await r.query('hayamiz-shop.jp', 'A');
    assert.equal(a.status, 'ok');
    assert.equal(http.calls.filter((c) => c.startsWith('http://127.0.0.1:9/')).length, 2, 'dead resolver tried twice');
  });
  it('a dead resolver is an error with a reason, never a throw', async () => {
    const r = new DohResolver({
      endpoints: ['http://127.0.0.1:9/dns-query'],
      http: nodeHttpClient,
      clock,
      timeoutMs: 500,
    });
    const a = await r.query('example.jp', 'A');
    assert.equal(a.status, 'error');
    assert.match(a.error!, /127\.0\.0\.1:9/);
  });
  it('a resolver that answers HTTP 4xx is not retried', async () => {
    const http = counting();
    const r = new DohResolver({ endpoints: [`${lab.apiBase}/not-doh`], http, clock });
    const a = await r.query('example.jp', 'A');
    assert.equal(a.status, 'error');
    assert.equal(http.calls.length, 1);
    assert.match(a.error!, /HTTP 404/);
  });
  // A DoH server that answers with TC=1 is faulty (RFC 8484 §6: HTTPS has no 512-byte limit): its empty answer is
  // not "no records". Issue #26.
  const truncatingFirst = (): HttpClient & { calls: string[] } => {
    const calls: string[] = [];
    const c = (async (url, req) => {
      calls.push(url);
      if (!url.startsWith('http://tc.invalid/')) return nodeHttpClient(url, req);
      const q = dnsPacket.decode(Buffer.from(new URL(url).searchParams.get('dns')!, 'base64url'));
      const body = dnsPacket.encode({
        type: 'response',
        id: 0,
        flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE | dnsPacket.TRUNCATED_RESPONSE,
        questions: q.questions,
      });
      return { status: 200, headers: {}, body: new Uint8Array(body), url };
    }) as HttpClient & { calls: string[] };
    c.calls = calls;
    return c;
  };
  it('a truncated answer (TC=1) is asked again at the next resolver, whose whole answer is used', async () => {
    const http = truncatingFirst();
    const r = new DohResolver({ endpoints: ['http://tc.invalid/dns-query', lab.dohUrl], http, clock });
    const a = await r.query('hayamiz-shop.jp', 'A');
    assert.equal(a.status, 'ok');
    assert.equal(a.records.length, 2);
    assert.equal(http.calls.length, 2, 'the truncating resolver once, then the fallback');
  });
  it('only truncated answers: the lookup failed (never NODATA, never cached as empty)', async () => {
    const http = truncatingFirst();
    const r = new DohResolver({ endpoints: ['http://tc.invalid/dns-query'], http, clock });
    const a = await r.query('hayamiz-shop.jp', 'CAA');
    assert.equal(a.status, 'error');
    assert.equal(a.truncated, true);
    assert.equal(a.records.length, 0);
    assert.match(a.error!, /truncated answer \(TC=1\)/);
    await r.query('hayamiz-shop.jp', 'CAA');
    assert.equal(http.calls.length, 2, 'a failed lookup is not cached');
  });
});
