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
  it('a paid-certificate install manual must be a listed, cited https page with its panel path in both languages', () => {
    const sakura = PROVIDERS.find((p) => p.id === 'sakura');
    assert.ok(sakura?.paidCertificateInstall, "Sakura's 独自SSL manual is known");
    const install = sakura.paidCertificateInstall;
    const variant = (over: Partial<typeof install>, sources = sakura.sources) => ({
      ...sakura,
      sources,
      paidCertificateInstall: { ...install, ...over },
    });
    const all = (p: typeof sakura) => PROVIDERS.map((x) => (x.id === p.id ? p : x));
    const bad = [
      variant({ url: 'http://help.sakura.ad.jp/?p=2320' }, [...sakura.sources, 'http://help.sakura.ad.jp/?p=2320']),
      variant(
        {},
        sakura.sources.filter((u) => u !== install.url),
      ),
      variant({ url: 'https://example.com/not-cited' }, [...sakura.sources, 'https://example.com/not-cited']),
      variant({ panelPath: { en: install.panelPath.en, ja: '' } }),
      variant({ panelPath: { en: install.panelPath.en, ja: 'Domain/SSL' } }),
    ];
    for (const p of bad) assert.throws(() => assertValidProvider(p, all(p)), JSON.stringify(p.paidCertificateInstall));
    assert.throws(() => {
      const cdn = { ...PROVIDERS.find((p) => p.id === 'cloudflare')!, paidCertificateInstall: install };
      cdn.sources = [...cdn.sources, install.url];
      assertValidProvider(cdn, all(cdn));
    });
  });
});
