// The provider data's schema: every field present, patterns compile, ranges parse, every fix-step key exists in
// both locales, ids stable and unique.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PROVIDERS } from '../../src/core/providers';
import { assertValidProvider } from './provider-schema';

describe('provider data', () => {
  it('has at least 22 hosts and CDNs including the required ids', () => {
    const ids = PROVIDERS.filter((p) => p.kind !== 'dns').map((p) => p.id);
    assert.ok(ids.length >= 22, `${ids.length}`);
    for (const id of [
      'xserver',
      'sakura',
      'lolipop',
      'conoha-wing',
      'star-server',
      'cpanel',
      'github-pages',
      'netlify',
      'vercel',
      'heroku',
      'render',
      'cloudflare',
      'fastly',
      'cloudfront',
    ]) {
      assert.ok(ids.includes(id), id);
    }
  });
  for (const p of PROVIDERS) {
    it(`${p.id}: complete and valid`, () => assertValidProvider(p));
  }
});
