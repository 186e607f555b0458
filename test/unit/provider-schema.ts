// The schema a provider file must meet, shared by the provider-data test and the adding-a-provider walkthrough.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ipaddr from 'ipaddr.js';
import { PROVIDERS } from '../../src/core/providers';
import type { Provider } from '../../src/core/providers/types';
import { ROOT } from '../e2e/harness';

const en = JSON.parse(readFileSync(path.join(ROOT, '_locales/en/messages.json'), 'utf8'));
const ja = JSON.parse(readFileSync(path.join(ROOT, '_locales/ja/messages.json'), 'utf8'));
const hostingSources = readFileSync(path.join(ROOT, 'docs/sources/hosting-providers.md'), 'utf8');

/** The schema every provider file must meet; `all` is the list it joins (ids unique, zone references exist). */
export function assertValidProvider(p: Provider, all: readonly Provider[] = PROVIDERS): void {
  assert.match(p.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
  assert.equal(all.filter((x) => x.id === p.id).length, 1, 'unique id');
  assert.ok(p.names.en && p.names.ja);
  assert.ok(['host', 'cdn', 'dns'].includes(p.kind));
  assert.ok(p.rules.length > 0, 'recognition rules');
  assert.ok(p.sources.length > 0 && p.manualUrl, 'sources and manual');
  for (const r of [...p.rules, ...(p.brands ?? []).flatMap((b) => b.rules)]) {
    assert.ok(r.weight > 0 && r.weight <= 1, 'weight in (0, 1]');
    if (r.kind === 'ip') {
      assert.ok(r.cidrs?.length, 'ip rules list ranges');
      for (const c of r.cidrs!) assert.doesNotThrow(() => ipaddr.parseCIDR(c), c);
    } else if (r.kind === 'header') {
      assert.ok(r.header && r.header === r.header.toLowerCase(), 'lowercase header name');
      if (r.pattern) assert.doesNotThrow(() => new RegExp(r.pattern!, 'i'));
    } else {
      assert.ok(r.pattern, 'pattern');
      assert.doesNotThrow(() => new RegExp(r.pattern!, 'i'));
      // Names must be anchored at the end, or "ns1.xserver.jp.example.com" would match.
      if (r.kind === 'spf')
        assert.ok(r.pattern!.endsWith('(?=\\s|$)'), `SPF pattern ends at a mechanism boundary: ${r.pattern}`);
      else assert.ok(r.pattern!.endsWith('$'), `name pattern anchored at the end: ${r.pattern}`);
      if (r.kind !== 'spf') assert.ok(!new RegExp(r.pattern!, 'i').test('a.example.com'), `too broad: ${r.pattern}`);
    }
  }
  assert.ok(Array.isArray(p.renewal.caaDomains));
  for (const keys of Object.values(p.fixes))
    for (const k of keys ?? []) assert.ok(en[k] && ja[k], `fix key ${k} in both locales`);
  // The host's manual for installing a bought certificate (MANUAL_RENEWAL's fix names its page and panel path):
  // the host's own page, listed in its sources and in docs/sources, the path said in both languages.
  const install = p.paidCertificateInstall;
  if (install) {
    assert.equal(p.kind, 'host', 'only a host has a panel to install a certificate in');
    assert.match(install.url, /^https:\/\/[^\s]+$/, 'the install manual is an https URL');
    assert.ok(p.sources.includes(install.url), `install manual ${install.url} listed in sources`);
    assert.ok(hostingSources.includes(install.url), `docs/sources/hosting-providers.md cites ${install.url}`);
    assert.ok(install.panelPath.en.trim() && install.panelPath.ja.trim(), 'panel path in both languages');
    assert.match(install.panelPath.en, /[A-Za-z]{3}/, 'the English panel path is English');
    assert.match(install.panelPath.ja, /[\u3040-\u30ff\u4e00-\u9fff]/, 'the Japanese panel path is Japanese');
  }
  // A CA that issues only through the provider's own service: matched on the whole issuer organisation, with the
  // page that says so among the provider's sources, and the CAA names that CA checks.
  const managed = p.managedCertificates;
  if (managed) {
    assert.doesNotThrow(() => new RegExp(managed.issuerOrg, 'i'));
    assert.ok(managed.issuerOrg.startsWith('^') && managed.issuerOrg.endsWith('$'), 'issuer organisation anchored');
    assert.ok(p.sources.includes(managed.source), `managed certificates' source ${managed.source} listed in sources`);
    assert.ok(hostingSources.includes(managed.source), `docs/sources/hosting-providers.md cites ${managed.source}`);
    assert.ok(managed.service.en.trim() && managed.service.ja.trim(), 'service named in both languages');
    assert.ok(p.renewal.caaDomains.length > 0, 'the CA its CAA names');
  }
  for (const z of p.renewal.acceptsZoneFrom ?? [])
    assert.ok(
      all.some((x) => x.id === z),
      z,
    );
}
