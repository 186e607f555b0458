// The order of a check's DNS questions (issue #25): only the PTR names wait for an earlier answer, so the addresses
// are asked first and each family's PTR names as soon as its own answer is in; the questions asked at a navigation's
// start (prefetchDns) are exactly the automatic tier's, so the check at the commit asks nothing new. Real DoH
// against the lab; a gate holds chosen answers to fix their order (no timing is asserted).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import dnsPacket from 'dns-packet';
import { diagnose, prefetchDns } from '../../src/core/engine/diagnose';
import { DohResolver } from '../../src/core/dns/resolver';
import type { HttpClient } from '../../src/core/network/net';
import { nodeHttpClient } from '../../src/cli/node-transports';
import { limitConcurrency } from '../../src/background/concurrency';
import { Lab } from '../lab/server';
import { loadWorlds } from '../lab/world';

let lab: Lab;
before(async () => {
  lab = await Lab.start({
    worlds: loadWorlds((w) =>
      ['a-and-aaaa-at-two-hosts', 'akamai-cdn', 'xserver-healthy', 'xserver-cloudflare-proxy'].includes(w.id),
    ),
  });
});
after(() => lab.close());

const clock = { now: () => Date.now() };
const question = (url: string) => {
  const q = dnsPacket.decode(Buffer.from(new URL(url).searchParams.get('dns')!, 'base64url')).questions![0];
  return `${q.type} ${q.name}`;
};

/** Records each question as it leaves; answers to questions matching `hold` wait until release() is called. */
function gated(hold: (q: string) => boolean) {
  const sent: string[] = [];
  const answered: string[] = [];
  let release!: () => void;
  const released = new Promise<void>((r) => {
    release = r;
  });
  const http: HttpClient = async (url, req) => {
    const q = question(url);
    sent.push(q);
    const res = await nodeHttpClient(url, req);
    if (hold(q)) await released;
    answered.push(q);
    return res;
  };
  return { http, sent, answered, release };
}

describe('the DNS critical path', () => {
  it('asks A and AAAA before every other question (they are the only ones with a second round)', async () => {
    // Three names up to the registrable domain: six NS and CAA questions, which would fill six requests in flight.
    const g = gated(() => false);
    const resolver = new DohResolver({ endpoints: [lab.dohUrl], http: g.http, clock });
    await diagnose('a.shop1.sakura-mochi-tanaka.jp', { resolver, http: nodeHttpClient, clock, tier: 'automatic' });
    assert.deepEqual(g.sent.slice(0, 2), ['A a.shop1.sakura-mochi-tanaka.jp', 'AAAA a.shop1.sakura-mochi-tanaka.jp']);
    assert.equal(g.sent.filter((q) => q.startsWith('NS ') || q.startsWith('CAA ')).length, 6, g.sent.join(', '));
  });

  it("asks the A record's PTR while AAAA is still unanswered", async () => {
    const g = gated((q) => q.startsWith('AAAA '));
    const resolver = new DohResolver({ endpoints: [lab.dohUrl], http: g.http, clock });
    const report = diagnose('sapporo-ramen-ya.jp', { resolver, http: nodeHttpClient, clock, tier: 'automatic' });
    for (let i = 0; i < 200 && !g.sent.includes('PTR 80.96.181.183.in-addr.arpa'); i++)
      await new Promise((r) => setTimeout(r, 10));
    assert.ok(g.sent.includes('PTR 80.96.181.183.in-addr.arpa'), g.sent.join(', '));
    assert.ok(!g.answered.includes('AAAA sapporo-ramen-ya.jp'), 'AAAA was held');
    g.release();
    const r = await report;
    // Both families' PTR names are in the report, and the stale AAAA is still judged (the world's expected verdict).
    assert.deepEqual(
      r.dns?.addresses.map((a) => [a.address, a.ptr]),
      [
        ['183.181.96.80', 'sv12719.xserver.jp'],
        ['2001:e42:101:1:202:181:97:72', 'www262.sakura.ne.jp'],
      ],
    );
    assert.equal(r.verdict, 'fail');
    assert.equal(g.sent.filter((q) => q.startsWith('PTR ')).length, 2, g.sent.join(', '));
  });

  it("asks no PTR name for an address in a provider's published list (one round trip), and still names it", async () => {
    for (const tier of ['automatic', 'full'] as const) {
      const g = gated(() => false);
      const resolver = new DohResolver({ endpoints: [lab.dohUrl], http: g.http, clock });
      const r = await diagnose('hayamiz-shop.jp', { resolver, http: nodeHttpClient, clock, tier });
      assert.deepEqual(
        g.sent.filter((q) => q.startsWith('PTR ')),
        [],
        `${tier}: ${g.sent.join(', ')}`,
      );
      // Cloudflare's own list names the edge; the PTR names could have added nothing.
      assert.ok(r.dns?.addresses.length, tier);
      assert.ok(
        r.findings.some((f) => f.code === 'PROXIED_BY_CDN'),
        `${tier}: ${r.findings.map((f) => f.code).join(', ')}`,
      );
    }
    const g = gated(() => false);
    await prefetchDns('hayamiz-shop.jp', new DohResolver({ endpoints: [lab.dohUrl], http: g.http, clock }));
    assert.deepEqual(
      g.sent.filter((q) => q.startsWith('PTR ')),
      [],
    );
  });

  it("keeps the automatic tier's PTR quota: AAAA's PTR only in what A's addresses leave", async () => {
    const g = gated(() => false);
    const resolver = new DohResolver({ endpoints: [lab.dohUrl], http: g.http, clock });
    await diagnose('sapporo-ramen-ya.jp', { resolver, http: nodeHttpClient, clock, tier: 'automatic', maxPtr: 1 });
    assert.deepEqual(
      g.sent.filter((q) => q.startsWith('PTR ')),
      ['PTR 80.96.181.183.in-addr.arpa'],
    );
  });

  it("with six in flight, the slot A's answer frees goes to its PTR name, not to MX and TXT waiting", async () => {
    // www.denki-big.co.jp asks eight questions: MX and TXT wait. Every answer but A's is held (the PTR's too, so no
    // other slot frees before the check below), so A's comes first.
    const g = gated((q) => !q.startsWith('A '));
    const limited = limitConcurrency(g.http, 6);
    const resolver = new DohResolver({ endpoints: [lab.dohUrl], http: limited, clock });
    const report = diagnose('www.denki-big.co.jp', { resolver, http: nodeHttpClient, clock, tier: 'automatic' });
    const ptr = 'PTR 20.10.32.23.in-addr.arpa';
    for (let i = 0; i < 200 && !g.sent.includes(ptr); i++) await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(g.sent.slice(6), [ptr], `sent: ${g.sent.join(', ')}`);
    g.release();
    await report;
    assert.deepEqual(g.sent.slice(7).sort(), ['MX denki-big.co.jp', 'TXT denki-big.co.jp']);
    assert.equal(limited.peak(), 6);
  });

  it('prefetchDns asks exactly the automatic tier’s questions and makes no report', async () => {
    for (const host of ['www.denki-big.co.jp', 'sapporo-ramen-ya.jp', 'xserver-healthy-nothing.invalid']) {
      const ahead = gated(() => false);
      const resolver = new DohResolver({ endpoints: [lab.dohUrl], http: ahead.http, clock });
      assert.equal(await prefetchDns(host, resolver), undefined);
      const before = resolver.queriesSent;
      await diagnose(host, { resolver, http: nodeHttpClient, clock, tier: 'automatic' }).catch(() => null);
      assert.equal(resolver.queriesSent, before, `${host}: the check asked again: ${ahead.sent.join(', ')}`);

      const alone = gated(() => false);
      await diagnose(host, {
        resolver: new DohResolver({ endpoints: [lab.dohUrl], http: alone.http, clock }),
        http: nodeHttpClient,
        clock,
        tier: 'automatic',
      }).catch(() => null);
      assert.deepEqual([...ahead.sent].sort(), [...alone.sent].sort(), host);
    }
  });
});
