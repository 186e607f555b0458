// Numbers the README and the store listings state about the code are the code's: the provider count is counted
// from src/core/providers/index.ts (hosts, platforms and CDNs; the DNS-only services are not hosts).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { PROVIDERS } from '../../src/core/providers';

const read = (f: string) => readFileSync(new URL(`../../${f}`, import.meta.url), 'utf8');
const renewers = PROVIDERS.filter((p) => p.kind !== 'dns').length;

describe('the provider count', () => {
  it('README.md says exactly how many hosts, platforms and CDNs we know', () => {
    const n = read('README.md').match(/knows how (\d+) hosts, platforms and CDNs renew/)?.[1];
    assert.equal(Number(n), renewers);
  });

  it('the store listings give a lower bound that holds', () => {
    const en = read('docs/store/listing-en.md').match(/knows how (\d+)\+ hosts/)?.[1];
    const ja = read('docs/store/listing-ja.md').match(/国内外 (\d+) 以上/)?.[1];
    for (const n of [en, ja]) assert.ok(Number(n) > 0 && Number(n) <= renewers, `${n} ≤ ${renewers}`);
  });
});
