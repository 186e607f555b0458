// Hosts known by their own evidence (issue 23 item 3): the response headers each host sends on every response and
// the names of their DNS servers — and CDNs never by headers alone (docs/design.md, PROXIED_BY_CDN: a platform with its
// own edge sends its CDN's headers from its own addresses).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PROVIDERS } from '../../src/core/providers';
import { type DetectionInput, detectProvider } from '../../src/core/providers/detect-provider';

const input = (x: Partial<DetectionInput>): DetectionInput => ({
  nameservers: [],
  soa: null,
  addresses: [],
  cnames: [],
  headers: null,
  mx: [],
  spf: null,
  ...x,
});

describe('hosts by the headers they send (Wappalyzer definitions, enthec/webappanalyzer@1b9eee8)', () => {
  const cases: [string, Record<string, string>][] = [
    ['squarespace', { server: 'Squarespace' }],
    ['wordpress-com', { 'host-header': 'WordPress.com' }],
    ['bluehost', { 'host-header': 'c2hhcmVkLmJsdWVob3N0LmNvbQ==' }],
    ['siteground', { 'host-header': '6b7412fb82ca5edfd0917e3957f05d89' }],
  ];
  for (const [id, headers] of cases) {
    it(`${id}: ${JSON.stringify(headers)} names it, from an address nobody lists`, () => {
      const d = detectProvider(input({ headers, addresses: [{ address: '192.0.2.80' }] }));
      assert.equal(d.origin?.provider.id, id);
      assert.equal(d.origin?.confidence, 'high');
    });
  }
  it('a look-alike value names nobody', () => {
    const lookalikes: Record<string, string>[] = [
      { server: 'Squarespace-proxy' },
      { 'host-header': 'wordpress.com.example' },
      { 'host-header': 'c2hhcmVk' },
      { 'host-header': '0000000000000000000000000000000' },
    ];
    for (const headers of lookalikes)
      assert.equal(detectProvider(input({ headers })).origin, null, JSON.stringify(headers));
  });
});

describe('DNS services by their nameservers', () => {
  it('Vercel DNS (ns1/ns2.vercel-dns.com)', () => {
    const d = detectProvider(input({ nameservers: ['ns1.vercel-dns.com', 'ns2.vercel-dns.com'] }));
    assert.equal(d.zoneProvider?.id, 'vercel');
    assert.equal(d.nameserverOwner['ns1.vercel-dns.com']?.id, 'vercel');
  });
  it('QUIC.cloud DNS under quicns.com and quicns.net', () => {
    for (const ns of ['kevin.quicns.com', 'dns1.quicns.net'])
      assert.equal(detectProvider(input({ nameservers: [ns] })).zoneProvider?.id, 'quic-cloud', ns);
    assert.equal(detectProvider(input({ nameservers: ['ns1.quicns.network'] })).zoneProvider, null);
  });
});

describe('a CDN in front rests on its addresses or CNAME, never on headers alone', () => {
  // Each CDN's own headers as it sends them, and an address from its published list (or its CNAME target).
  const cdns: [string, Record<string, string>, Partial<DetectionInput>][] = [
    [
      'cloudflare',
      { 'cf-ray': '8e1f2a3b4c5d6e7f-NRT', server: 'cloudflare' },
      { addresses: [{ address: '104.21.48.12' }] },
    ],
    [
      'fastly',
      { 'x-fastly-request-id': 'a1', 'x-served-by': 'cache-nrt1' },
      { addresses: [{ address: '151.101.2.217' }] },
    ],
    [
      'cloudfront',
      { 'x-amz-cf-id': 'abc==', via: '1.1 x.cloudfront.net (CloudFront)' },
      { addresses: [{ address: '13.35.7.10' }] },
    ],
    ['azure-front-door', { 'x-azure-ref': '0abc' }, { addresses: [{ address: '13.107.246.40' }] }],
    ['sucuri', { 'x-sucuri-id': '15012', 'x-sucuri-cache': 'HIT' }, { addresses: [{ address: '192.124.249.10' }] }],
  ];
  it('covers every CDN with a header rule', () => {
    const withHeaders = PROVIDERS.filter((p) => p.kind === 'cdn' && p.rules.some((r) => r.kind === 'header'));
    assert.deepEqual(withHeaders.map((p) => p.id).sort(), cdns.map(([id]) => id).sort());
  });
  for (const [id, headers, site] of cdns) {
    it(`${id}: its headers from an unlisted address are not a proxy in front; its address is`, () => {
      const alone = detectProvider(input({ headers, addresses: [{ address: '192.0.2.80' }] }));
      assert.ok(
        alone.matches.some((m) => m.provider.id === id && m.rule.kind === 'header'),
        'the headers are read',
      );
      assert.equal(alone.cdn, null);
      assert.equal(detectProvider(input({ headers, ...site })).cdn?.provider.id, id);
      assert.equal(detectProvider(input({ ...site })).cdn?.provider.id, id, 'the address alone is enough');
    });
  }
});
