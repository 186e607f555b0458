// "Ask the CA" is offered for every renewal an HTTP-01 test can speak for, and only for those: never for a paid
// certificate renewed by hand (its renewal is an order and an install, no validation fetches the site), a CDN's
// edge certificate or DNS validation — each of which gets its one-line reason instead of the button.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RenewalSummary, Report } from '../../src/core/engine/types';
import { ariWindowShown, httpTestDoesNotApply } from '../../src/popup/report/ask-ca-scope';

const report = (renewal: RenewalSummary | undefined, over: Partial<Report> = {}): Report => ({
  host: 'example.jp',
  registrableDomain: 'example.jp',
  checkedAt: '2026-11-28T00:00:00Z',
  tier: 'full',
  verdict: 'ok',
  provider: null,
  cdn: null,
  certificate: null,
  findings: [],
  notes: [],
  dns: null,
  renewalPoint: null,
  ...(renewal ? { renewal } : {}),
  ...over,
});

describe('Ask the CA: when an HTTP-01 dry run says something about the renewal', () => {
  it('not for a certificate bought and installed by hand: its reason in one line', () => {
    assert.equal(httpTestDoesNotApply(report({ by: 'manual', evidence: [] })), 'ask_ca_na_manual');
    // Even when the paid certificate was validated by DNS (an _acme-challenge CNAME): still by hand.
    assert.equal(httpTestDoesNotApply(report({ by: 'manual', method: 'dns-01', evidence: [] })), 'ask_ca_na_manual');
  });
  it('kept for the host, the owner’s own ACME client over HTTP or TLS-ALPN, and an unknown renewer', () => {
    for (const r of [
      { by: 'host', method: 'http-01' },
      { by: 'host', likely: true },
      { by: 'owner-acme', method: 'http-01' },
      { by: 'owner-acme', method: 'tls-alpn-01' },
      { by: 'owner-acme' },
      { by: 'unknown' },
    ] as const)
      assert.equal(httpTestDoesNotApply(report({ ...r, evidence: [] })), null, JSON.stringify(r));
    assert.equal(httpTestDoesNotApply(report(undefined)), null, 'a report from before the renewer existed');
  });
  it('not for DNS validation or a CDN’s own edge certificate (unchanged)', () => {
    assert.equal(httpTestDoesNotApply(report({ by: 'owner-acme', method: 'dns-01', evidence: [] })), 'ask_ca_na_dns');
    assert.equal(httpTestDoesNotApply(report({ by: 'cdn', evidence: [] })), 'ask_ca_na_cdn');
  });
});

describe("the CA's suggested renewal window (ARI) on the card", () => {
  const ari = { certId: 'aaa.bbb', start: '2026-12-20T00:00:00Z', end: '2026-12-22T00:00:00Z' };
  it('not for a certificate bought and installed by hand: no ACME client asks ARI for it', () => {
    assert.equal(ariWindowShown(report({ by: 'manual', evidence: [] }, { ari })), null);
    assert.equal(ariWindowShown(report({ by: 'manual', method: 'dns-01', evidence: [] }, { ari })), null);
  });
  it('shown for every automated renewer, and an unknown one, when the CA answered', () => {
    for (const by of ['host', 'owner-acme', 'cdn', 'unknown'] as const)
      assert.deepEqual(ariWindowShown(report({ by, evidence: [] }, { ari })), ari, by);
    assert.deepEqual(ariWindowShown(report(undefined, { ari })), ari, 'a report from before the renewer existed');
    assert.equal(ariWindowShown(report({ by: 'host', evidence: [] }, { ari: null })), null, 'no answer, no window');
  });
});
