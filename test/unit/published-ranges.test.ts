// The providers' published address lists (src/core/providers/ranges/*.json): each snapshot is whole and dated,
// every range in it is recognised as its own provider and as no other (first, middle and last address), the
// compact store answers as a plain CIDR match would, and the refresh script works offline against a loopback copy
// of the official sources (it never fetches in a test).
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { compact, updateRanges } from '../../scripts/update-ranges.mjs';
import { addressInCidr, compileRanges, findRange, formatIp, parseCidr } from '../../src/core/network/ip';
import { PROVIDERS } from '../../src/core/providers';
import { detectProvider } from '../../src/core/providers/detect-provider';
import type { RangeSnapshot } from '../../src/core/providers/ranges';

const DIR = new URL('../../src/core/providers/ranges/', import.meta.url);
const snapshots = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(new URL(f, DIR), 'utf8')) as RangeSnapshot);

/** First, middle and last address of a CIDR block. */
function samples(cidr: string): string[] {
  const b = parseCidr(cidr)!;
  return [b.start, b.start + (b.end - b.start) / 2n, b.end].map((n) => formatIp(b.v, n));
}

const only = (address: string) => ({
  nameservers: [],
  soa: null,
  addresses: [{ address }],
  cnames: [],
  headers: null,
  mx: [],
  spf: null,
});

describe('published range snapshots', () => {
  it('there is one for each provider that publishes its addresses', () => {
    assert.deepEqual(snapshots.map((s) => s.provider).sort(), [
      'azure-front-door',
      'cloudflare',
      'cloudfront',
      'fastly',
      'github-pages',
    ]);
  });
  for (const s of snapshots) {
    it(`${s.provider}: parses, is not empty, names its source and date`, (t) => {
      t.diagnostic(
        `${s.provider}: ${s.ipv4.length} IPv4 + ${s.ipv6.length} IPv6 blocks, taken ${s.fetched}` +
          `${s.published ? `, published ${s.published}` : ''} from ${s.source.join(' ')}${s.via ? ` via ${s.via}` : ''}`,
      );
      assert.ok(s.ipv4.length + s.ipv6.length > 0, 'empty');
      assert.match(s.fetched, /^\d{4}-\d{2}-\d{2}$/);
      if (s.published !== null) assert.match(s.published, /^\d{4}-\d{2}-\d{2}$/);
      assert.ok(s.source.length > 0 && s.source.every((u) => u.startsWith('https://')));
      assert.ok(
        PROVIDERS.some((p) => p.id === s.provider),
        `no provider ${s.provider}`,
      );
      for (const e of s.excluded) assert.ok(e.what && e.why, 'an exclusion says what and why');
      for (const c of s.ipv4) assert.equal(parseCidr(c)?.v, 4, c);
      for (const c of s.ipv6) assert.equal(parseCidr(c)?.v, 6, c);
      // Stored merged and sorted: what compact() makes of it is itself.
      assert.deepEqual(compact([...s.ipv4, ...s.ipv6]), { ipv4: s.ipv4, ipv6: s.ipv6 });
    });
  }
  it('the provider reads its snapshot', () => {
    for (const s of snapshots) {
      const p = PROVIDERS.find((x) => x.id === s.provider)!;
      const rule = p.rules.find((r) => r.kind === 'ip' && r.published);
      assert.ok(rule, `${p.id} has no rule from its snapshot`);
      assert.deepEqual(rule.cidrs, [...s.ipv4, ...s.ipv6]);
    }
  });
});

describe('every published range is its provider, and no other', () => {
  for (const s of snapshots) {
    it(`${s.provider}: first, middle and last address of each of ${s.ipv4.length + s.ipv6.length} blocks`, () => {
      for (const cidr of [...s.ipv4, ...s.ipv6]) {
        for (const a of samples(cidr)) {
          const d = detectProvider(only(a));
          assert.equal(d.addressOwner[a]?.id, s.provider, `${a} (${cidr})`);
          const others = d.matches.filter((m) => m.provider.id !== s.provider).map((m) => m.provider.id);
          assert.deepEqual(others, [], `${a} (${cidr}) also matches ${others.join(', ')}`);
          if (PROVIDERS.find((p) => p.id === s.provider)!.kind === 'cdn') assert.equal(d.cdn?.provider.id, s.provider);
        }
      }
    });
  }
  it('no hand-listed address of any provider falls in another provider’s published list', () => {
    for (const p of PROVIDERS)
      for (const r of p.rules.filter((x) => x.kind === 'ip' && !x.published))
        for (const cidr of r.cidrs ?? [])
          for (const a of samples(cidr)) {
            const owners = detectProvider(only(a)).matches.map((m) => m.provider.id);
            assert.deepEqual([...new Set(owners)], [p.id], `${p.id}'s ${a} also matches ${owners.join(', ')}`);
          }
  });
});

describe('the compact store (merged, sorted, binary search)', () => {
  const v4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join('.'));
  const v6 = fc
    .array(fc.nat(0xffff), { minLength: 8, maxLength: 8 })
    .map((g) => g.map((x) => (x % 3 === 0 ? '0' : x.toString(16))).join(':'));
  const cidr = fc.oneof(
    fc.tuple(v4, fc.integer({ min: 8, max: 32 })).map(([a, b]) => `${a}/${b}`),
    fc.tuple(v6, fc.integer({ min: 16, max: 128 })).map(([a, b]) => `${a}/${b}`),
  );
  it('holds an address exactly when some listed block does', () => {
    fc.assert(
      fc.property(fc.array(cidr, { maxLength: 30 }), fc.array(fc.oneof(v4, v6), { maxLength: 20 }), (cidrs, extra) => {
        const set = compileRanges(cidrs);
        // Addresses inside the blocks (their edges) and random ones.
        const probes = [...cidrs.flatMap(samples), ...extra];
        for (const a of probes) {
          const want = cidrs.some((c) => addressInCidr(a, c));
          const got = findRange(set, a);
          assert.equal(got !== null, want, `${a} in ${cidrs.join(' ')}`);
          // The block it names holds the address and lies inside the union of the list.
          if (got) {
            assert.ok(addressInCidr(a, got), `${a} not in ${got}`);
            // Compared as numbers: an IPv4-mapped edge such as ::ffff:ffff:ffff is IPv4 to addressInCidr.
            const g = parseCidr(got)!;
            const inList = (n: bigint) =>
              cidrs.some((c) => {
                const b = parseCidr(c)!;
                return b.v === g.v && n >= b.start && n <= b.end;
              });
            assert.ok(inList(g.start) && inList(g.end), `${got} leaves the list`);
          }
        }
      }),
      // The example is a counterexample fast-check once found (an IPv4-mapped address inside an IPv6 block).
      { numRuns: 300, examples: [[['0:0:0:0:0:0:0:0/79'], []]] },
    );
  });
  it('names the published block as the provider lists it', () => {
    const set = compileRanges(['104.16.0.0/13', '2606:4700::/32', '198.51.100.0/25', '198.51.100.128/25']);
    assert.equal(findRange(set, '104.21.48.12'), '104.16.0.0/13');
    assert.equal(findRange(set, '2606:4700:3031::6815:300c'), '2606:4700::/32');
    assert.equal(findRange(set, '198.51.100.200'), '198.51.100.0/24'); // adjacent halves merged
    assert.equal(findRange(set, '104.24.0.0'), null);
    assert.equal(findRange(set, 'not an address'), null);
  });
});

describe('npm run update-ranges (offline: the official sources served from loopback)', () => {
  const FIXTURES = new URL('./fixtures/update-ranges/', import.meta.url).pathname;
  let base = '';
  const requested: string[] = [];
  const server = createServer((req, res) => {
    const p = new URL(req.url ?? '/', 'http://x').pathname;
    requested.push(p);
    try {
      res.end(readFileSync(path.join(FIXTURES, p)));
    } catch {
      res.statusCode = 404;
      res.end();
    }
  });
  before(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  it('writes a merged, dated snapshot per provider, leaving out what does not serve sites', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'ranges-'));
    const written = await updateRanges({ out, base, date: { fastly: '2026-12-01' } });
    assert.deepEqual(written.map((w) => w.id).sort(), [
      'azure-front-door',
      'cloudflare',
      'cloudfront',
      'fastly',
      'github-pages',
    ]);
    const read = (id: string) => JSON.parse(readFileSync(path.join(out, `${id}.json`), 'utf8')) as RangeSnapshot;
    // Adjacent halves merged into one block; the date given is kept.
    const fastly = read('fastly');
    assert.deepEqual(fastly.ipv4, ['151.101.0.0/16', '199.232.0.0/16']);
    assert.equal(fastly.fetched, '2026-12-01');
    assert.deepEqual(fastly.source, ['https://api.fastly.com/public-ip-list']);
    // CloudFront: edge locations only — the regional edge cache and the origin-facing half are cut out; other
    // AWS services are never taken.
    const cf = read('cloudfront');
    assert.deepEqual(cf.ipv4, ['13.32.0.0/15', '13.35.0.0/16', '130.176.64.0/18']);
    assert.deepEqual(cf.ipv6, ['2600:9000:2000::/35']);
    assert.equal(cf.published, '2026-08-22');
    assert.equal(cf.excluded.length, 2);
    // Azure: the Frontend tag only, the weekly file found through the download page and dated by its name.
    const afd = read('azure-front-door');
    assert.deepEqual(afd.ipv4, ['13.107.213.0/24', '13.107.246.0/24']);
    assert.deepEqual(afd.ipv6, ['2620:1ec:bdf::/48']);
    assert.equal(afd.published, '2026-11-30');
    assert.deepEqual(read('github-pages').ipv4.length, 6);
    assert.ok(requested.includes('/ip-ranges.amazonaws.com/ip-ranges.json'));
  });
  it('fails loudly on a source that is gone, writing nothing for it', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'ranges-'));
    await assert.rejects(updateRanges({ out, base: `${base}/nowhere`, only: ['fastly'] }), /HTTP 404/);
    assert.deepEqual(readdirSync(out), []);
  });
});
