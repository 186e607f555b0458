// Boulder's HTTP-01 redirect and reserved-address test tables (va/http_test.go, iana/ip_test.go, transcribed
// as data in fixtures/boulder-http.json) against our redirect rules and address classification.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { reservedRange } from '../../src/core/network/ip';
import type { Hop } from '../../src/core/network/net';
import { firstRedirectProblem, MAX_REDIRECTS, redirectProblem } from '../../src/core/sources/challenge-probe';

interface Fixture {
  extractRequestTarget: { name: string; location: string; rule: string | null }[];
  fetchRedirects: { name: string; hops?: Hop[]; chain?: number; rule: string | null }[];
  reservedAddr: { ip: string; want: string }[];
}
const fx = JSON.parse(readFileSync(new URL('./fixtures/boulder-http.json', import.meta.url), 'utf8')) as Fixture;

/** `n` redirects along /max-redirect/0, /1, … then a 404 (TestFetchHTTP's max-redirect handler). */
function chain(n: number): Hop[] {
  const hops: Hop[] = [];
  for (let i = 0; i < n; i++)
    hops.push({
      url: `http://example.com/max-redirect/${i}`,
      status: 301,
      location: `http://example.com/max-redirect/${i + 1}`,
    });
  hops.push({ url: `http://example.com/max-redirect/${n}`, status: 404 });
  return hops;
}

describe("Boulder's redirect rules (va/http_test.go)", () => {
  describe('TestExtractRequestTarget', () => {
    for (const c of fx.extractRequestTarget) {
      it(`${c.name}: ${c.location.slice(0, 60)} → ${c.rule ?? 'followed'}`, () => {
        const p = redirectProblem(
          301,
          c.location,
          'http://example.com/.well-known/acme-challenge/t',
          ['http://example.com/.well-known/acme-challenge/t'],
          1,
        );
        assert.equal(p?.rule ?? null, c.rule, JSON.stringify(p));
      });
    }
  });

  describe('TestFetchHTTP / TestHTTPRedirectLookup redirects', () => {
    for (const c of fx.fetchRedirects) {
      it(`${c.name} → ${c.rule ?? 'followed'}`, () => {
        const hops = c.hops ?? chain(c.chain!);
        const p = firstRedirectProblem(hops);
        assert.equal(p?.rule ?? null, c.rule, JSON.stringify(p));
      });
    }
  });

  it('follows exactly 11 redirects and refuses the 12th', () => {
    assert.equal(MAX_REDIRECTS, 11);
    assert.equal(firstRedirectProblem(chain(11)), null);
    const p = firstRedirectProblem(chain(12));
    assert.equal(p?.rule, 'too-many');
    assert.equal(p?.index, 11);
  });

  it('a path of exactly 2000 bytes is followed, 2001 is not (multi-byte characters count as bytes)', () => {
    const at = (path: string) =>
      redirectProblem(301, `http://example.com${path}`, 'http://example.com/', ['http://example.com/'], 1)?.rule ??
      null;
    assert.equal(at(`/${'a'.repeat(1999)}`), null);
    assert.equal(at(`/${'a'.repeat(2000)}`), 'path-long');
    assert.equal(at(`/${'あ'.repeat(667)}`), 'path-long'); // 1 + 667 × 3 bytes once decoded
  });

  it('hostile Location values: 10 KB, control characters, non-ASCII — a rule, never a throw', () => {
    for (const loc of [
      'x'.repeat(10_000),
      'http://\u0000evil.example/',
      'http://例え.jp/ok',
      'javascript:alert(1)',
      '\u202ehttp://a.com',
      '//[',
      'http://a.com:99999/',
    ]) {
      const p = redirectProblem(302, loc, 'http://shop.jp/', ['http://shop.jp/'], 1);
      assert.ok(p === null || typeof p.rule === 'string');
    }
    assert.equal(redirectProblem(302, 'http://例え.jp/ok', 'http://shop.jp/', [], 1), null);
  });
});

describe('IANA special-purpose addresses (Boulder iana/ip_test.go)', () => {
  for (const c of fx.reservedAddr) {
    it(`${c.ip} → ${c.want || 'not reserved'}`, () => {
      const got = reservedRange(c.ip);
      if (c.want === '') assert.equal(got, null);
      else assert.equal(got, c.want);
    });
  }
});
