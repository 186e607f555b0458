// Who the host is never depends on the order of providers or of records (docs/design.md "Who is the host": no tie
// broken by position). Property test over random mixes of real-looking evidence from many providers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { detectProvider, type DetectionInput } from '../../src/core/providers/detect-provider';
import { PROVIDERS } from '../../src/core/providers';

// Evidence atoms as sites publish them (each from a provider's documentation or the lab worlds).
const NS = [
  'ns1.xserver.jp',
  'ns2.xserver.jp',
  'uns01.lolipop.jp',
  'ns1.dns.ne.jp',
  'ada.ns.cloudflare.com',
  'bob.ns.cloudflare.com',
  '01.dnsv.jp',
  'dns01.muumuu-domain.com',
  'ns-a1.conoha.io',
  'ns1.star-domain.jp',
  'ns1.wordpress.com',
  'ns1.example-dns.net',
];
const ADDRESSES: { address: string; ptr?: string }[] = [
  { address: '183.181.96.79', ptr: 'sv12718.xserver.jp' },
  { address: '202.181.97.72', ptr: 'www262.sakura.ne.jp' },
  { address: '163.44.185.70', ptr: 'std003.phy.lolipop.jp' },
  { address: '157.7.188.10', ptr: 'sv2031.star-server.jp' },
  { address: '2001:e42:101:1:202:181:97:72', ptr: 'www262.sakura.ne.jp' },
  { address: '104.21.48.12' },
  { address: '2606:4700:3031::6815:300c' },
  { address: '185.199.108.153' },
  { address: '75.2.60.5' },
  { address: '216.24.57.1' },
  { address: '23.227.38.65' },
  { address: '192.0.78.24' },
  { address: '198.185.159.144' },
  { address: '203.0.113.9', ptr: 'host.example.net' },
];
const CNAMES = [
  'shops.myshopify.com',
  'example.netlify.app',
  'example.github.io',
  'cname.vercel-dns-0.com',
  'example.onrender.com',
  'd111.cloudfront.net',
  'x.fly.dev',
];
const MX = ['sv12718.xserver.jp', 'mx01.lolipop.jp', 'aspmx.l.google.com'];
const HEADERS: Record<string, string>[] = [
  { 'cf-ray': '1-NRT', server: 'cloudflare' },
  { server: 'Netlify' },
  { 'x-github-request-id': '1' },
  { 'x-shopid': '1' },
  { 'x-render-origin-server': 'Render' },
  { 'x-served-by': 'cache-nrt1' },
];

const pick = <T>(pool: T[]) =>
  fc.uniqueArray(fc.integer({ min: 0, max: pool.length - 1 }), { maxLength: 4 }).map((ix) => ix.map((i) => pool[i]));
const input = fc
  .record({
    nameservers: pick(NS),
    addresses: pick(ADDRESSES),
    cnames: pick(CNAMES),
    mx: pick(MX),
    headers: fc.option(
      fc.integer({ min: 0, max: HEADERS.length - 1 }).map((i) => HEADERS[i]),
      { nil: null },
    ),
  })
  .map((x): DetectionInput => ({ ...x, soa: null, spf: null }));

function shuffle<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 16807) % 2147483647;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const answer = (i: DetectionInput, providers = PROVIDERS) => {
  const d = detectProvider(i, providers);
  const owners = (m: Record<string, { id: string } | undefined>) =>
    Object.fromEntries(
      Object.entries(m)
        .map(([k, v]) => [k, v?.id])
        .sort(),
    );
  return JSON.stringify({
    origin: d.origin?.provider.id ?? null,
    confidence: d.origin?.confidence ?? null,
    evidence: d.origin?.evidence ?? [],
    cdn: d.cdn?.provider.id ?? null,
    zone: d.zoneProvider?.id ?? null,
    others: d.others.map((c) => c.provider.id),
    addresses: owners(d.addressOwner),
    nameservers: owners(d.nameserverOwner),
  });
};

describe('who the host is', () => {
  it('does not change when the providers or the records are shuffled', () => {
    fc.assert(
      fc.property(input, fc.integer({ min: 1, max: 2 ** 30 }), (i, seed) => {
        const base = answer(i);
        const shuffledRecords: DetectionInput = {
          ...i,
          nameservers: shuffle(i.nameservers, seed),
          addresses: shuffle(i.addresses, seed + 1),
          cnames: shuffle(i.cnames, seed + 2),
          mx: shuffle(i.mx, seed + 3),
        };
        assert.equal(answer(shuffledRecords), base, 'records shuffled');
        assert.equal(answer(i, shuffle(PROVIDERS, seed + 4)), base, 'providers shuffled');
      }),
      { numRuns: 500 },
    );
  });

  it('A at one host and AAAA at another: the A record decides, whatever the order', () => {
    const i: DetectionInput = {
      nameservers: ['01.dnsv.jp'],
      soa: null,
      cnames: [],
      headers: null,
      mx: [],
      spf: null,
      addresses: [
        { address: '2001:e42:101:1:202:181:97:72', ptr: 'www262.sakura.ne.jp' },
        { address: '183.181.96.80', ptr: 'sv12719.xserver.jp' },
      ],
    };
    for (let seed = 1; seed < 20; seed++) {
      const d = detectProvider({ ...i, addresses: shuffle(i.addresses, seed) }, shuffle(PROVIDERS, seed));
      assert.equal(d.origin?.provider.id, 'xserver');
      assert.equal(d.origin?.confidence, 'high');
    }
  });

  it("a host's own nameservers are its own even when its rules are unconfirmed", () => {
    const d = detectProvider({
      nameservers: ['uns01.lolipop.jp', 'uns02.lolipop.jp'],
      soa: null,
      cnames: [],
      headers: null,
      mx: [],
      spf: null,
      addresses: [{ address: '163.44.185.70', ptr: 'std003.phy.lolipop.jp' }],
    });
    assert.equal(d.origin?.provider.id, 'lolipop');
    assert.equal(d.zoneProvider?.id, 'lolipop');
  });

  it('CDN headers alone are not a CDN in front', () => {
    const d = detectProvider({
      nameservers: [],
      soa: null,
      cnames: [],
      headers: { 'cf-ray': '1-NRT', server: 'cloudflare', 'x-render-origin-server': 'Render' },
      mx: [],
      spf: null,
      addresses: [{ address: '216.24.57.1' }],
    });
    assert.equal(d.origin?.provider.id, 'render');
    assert.equal(d.cdn, null);
    const proxied = detectProvider({
      nameservers: [],
      soa: null,
      cnames: [],
      headers: { 'cf-ray': '1-NRT' },
      mx: [],
      spf: null,
      addresses: [{ address: '104.21.48.12' }],
    });
    assert.equal(proxied.cdn?.provider.id, 'cloudflare', "an address in the CDN's published ranges is");
  });
});
