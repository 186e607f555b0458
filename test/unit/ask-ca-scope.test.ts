// "Ask the CA" is offered for every renewal an HTTP-01 test can speak for, and only for those: never for a paid
// certificate renewed by hand (its renewal is an order and an install, no validation fetches the site), a CDN's
// edge certificate or DNS validation — each of which gets its one-line reason instead of the button.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RenewalSummary, Report } from '../../src/core/engine/types';
import { httpTestDoesNotApply } from '../../src/popup/report/ask-ca-scope';

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
