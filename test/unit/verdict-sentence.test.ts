// The verdict sentence's dates are the judged certificate's, and the host's schedule is said only of a certificate the
// host renews (docs/design.md "Which certificate"). Behind a CDN whose host's own certificate is not known (a Cloudflare
// Origin CA certificate at the origin is never in CT; the automatic tier asks no CT), the served certificate is the
// CDN's edge certificate: "Xserver renews 30 days before expiry" laid on Cloudflare's certificate names the wrong
// renewer and the wrong date (lab world xserver-cloudflare-origin-ca).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { servedByCdnEdge, verdictLines } from '../../src/core/engine/summary';
import type { CertificateInfo, Report } from '../../src/core/engine/types';
import { CATALOGUES } from '../../src/core/words/catalogues';
import { makeTranslator } from '../../src/core/words/i18n';
import { DAY, NOW } from './evidence-builder';

const en = makeTranslator(CATALOGUES, 'en');
const ja = makeTranslator(CATALOGUES, 'ja');
const iso = (ms: number) => new Date(ms).toISOString();
const EDGE: CertificateInfo = {
  issuer: 'WE1',
  issuerOrg: 'Google Trust Services',
  subject: 'CN=iyo-mikan.jp',
  names: ['iyo-mikan.jp', '*.iyo-mikan.jp'],
  notBefore: iso(NOW - 20 * DAY),
  notAfter: iso(NOW + 70 * DAY),
  source: 'connection',
};
const XSERVER = { id: 'xserver', name: 'Xserver', nameJa: 'エックスサーバー' };
const CLOUDFLARE = { id: 'cloudflare', name: 'Cloudflare', nameJa: 'Cloudflare' };

const report = (over: Partial<Report>): Report => ({
  host: 'iyo-mikan.jp',
  registrableDomain: 'iyo-mikan.jp',
  checkedAt: iso(NOW),
  tier: 'full',
  verdict: 'warn',
  provider: { ...XSERVER, evidence: [], confidence: 'high' },
  cdn: { ...CLOUDFLARE, evidence: [] },
  certificate: EDGE,
  originCertificate: null,
  findings: [],
  notes: [],
  dns: null,
  renewalPoint: null,
  renewal: { by: 'host', method: 'http-01', evidence: [], who: XSERVER, likely: true },
  ...over,
});
const sentence = (r: Report, t: typeof en) =>
  verdictLines(r)
    .map((l) => t(l))
    .join(' ');

describe('the verdict sentence behind a CDN', () => {
  it("the host's own certificate unknown: the edge certificate is Cloudflare's, and no Xserver schedule is laid on it", () => {
    const r = report({});
    assert.equal(servedByCdnEdge(r), true);
    const text = sentence(r, en);
    assert.ok(!text.includes('Xserver renews'), text);
    assert.ok(!/retries at/.test(text), text);
    assert.ok(text.includes("Visitors are shown Cloudflare's own certificate, which Cloudflare renews"), text);
    assert.ok(text.includes(EDGE.notAfter.slice(0, 10)), text);
    assert.ok(text.includes("the expiry of the certificate at Xserver's server is not known"), text);
    const textJa = sentence(r, ja);
    assert.ok(!textJa.includes('自動更新し'), textJa);
    assert.ok(textJa.includes('Cloudflareが更新します') && textJa.includes('エックスサーバーのサーバー側'), textJa);
  });

  it("the host's own certificate known (in CT): its dates and the host's schedule, as before", () => {
    const origin: CertificateInfo = {
      ...EDGE,
      issuer: 'R11',
      issuerOrg: "Let's Encrypt",
      names: ['iyo-mikan.jp', 'www.iyo-mikan.jp'],
      notBefore: iso(NOW - 85 * DAY),
      notAfter: iso(NOW + 5 * DAY),
      source: 'ct',
    };
    const text = sentence(report({ originCertificate: origin, verdict: 'fail' }), en);
    assert.ok(text.includes(`The certificate at Xserver's server expires on ${origin.notAfter.slice(0, 10)}`), text);
    assert.ok(text.includes('Xserver renews 30 days before expiry'), text);
  });

  it('no CDN in front, or the CDN is the host itself: the served certificate is the host’s to renew', () => {
    assert.equal(servedByCdnEdge(report({ cdn: null })), false);
    assert.equal(servedByCdnEdge(report({ cdn: { ...XSERVER, evidence: [] } })), false);
    const text = sentence(report({ cdn: null, verdict: 'ok' }), en);
    assert.ok(text.includes('Xserver renews 30 days before expiry'), text);
    // A CDN alone (no host known) renews its own certificate: the CDN's edge, as the renewer says.
    assert.equal(servedByCdnEdge(report({ provider: null })), true);
  });
});
