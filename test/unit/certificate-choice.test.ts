// Which certificate a report judges (src/core/engine/certificate-choice.ts), directly rather than through worlds.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseCertificates, newestCovering, sameValidity } from '../../src/core/engine/certificate-choice';
import type { ServedCertificate } from '../../src/core/network/net';
import { PROVIDERS } from '../../src/core/providers';
import type { CtResult, Issuance } from '../../src/core/sources/ct';
import { DAY, NOW } from './evidence-builder';

const iso = (days: number) => new Date(NOW + days * DAY).toISOString();
const issuance = (id: string, from: number, to: number, extra: Partial<Issuance> = {}): Issuance => ({
  id,
  names: ['example.jp', 'www.example.jp'],
  issuer: 'R11',
  issuerOrg: "Let's Encrypt",
  notBefore: iso(from),
  notAfter: iso(to),
  revoked: false,
  ...extra,
});
const ct = (...issuances: Issuance[]): CtResult => ({ ok: true, issuances });
const xserver = PROVIDERS.find((p) => p.id === 'xserver')!;
const base = { host: 'example.jp', now: NOW, served: null, ct: null, originBehindCdn: null };

describe('certificate choice', () => {
  it('the newest covering issuance skips revoked, future and other names', () => {
    const list = [
      issuance('old', -80, 10),
      issuance('revoked', -5, 85, { revoked: true }),
      issuance('future', 1, 91),
      issuance('other', -2, 88, { names: ['shop.example.jp'] }),
      issuance('wild', -20, 70, { names: ['*.example.jp'] }),
    ];
    assert.equal(newestCovering(list, 'example.jp', NOW)?.id, 'old');
    assert.equal(newestCovering(list, 'www.example.jp', NOW)?.id, 'wild');
    assert.equal(newestCovering([], 'example.jp', NOW), undefined);
  });

  it('one certificate = validity within 2 s (CT and a connection round differently)', () => {
    const i = issuance('a', -10, 80);
    const start = Date.parse(i.notBefore);
    const end = Date.parse(i.notAfter);
    assert.ok(sameValidity(i, { start: start + 1999, end: end - 1999 }));
    assert.ok(!sameValidity(i, { start: start + 2000, end }));
    assert.ok(!sameValidity(i, { start, end: end + 2000 }));
    assert.ok(sameValidity(i, { start }), 'without an end, the start decides');
  });

  it('without a served certificate, the newest covering one in CT; with nothing, none', () => {
    const r = chooseCertificates({ ...base, ct: ct(issuance('a', -40, 50), issuance('b', -10, 80)) });
    assert.equal(r.certificate?.notBefore, iso(-10));
    assert.equal(r.certificate?.source, 'ct');
    assert.equal(r.originCertificate, null);
    assert.deepEqual(chooseCertificates(base), { certificate: null, originCertificate: null });
  });

  it("a browser's certificate takes its names from the same certificate in CT", () => {
    const served: ServedCertificate = {
      subject: 'CN=example.jp',
      issuer: "CN=R11,O=Let's Encrypt,C=US",
      validity: { start: Date.parse(iso(-10)) + 1000, end: Date.parse(iso(80)) - 1000 },
    };
    const r = chooseCertificates({ ...base, served, ct: ct(issuance('a', -10, 80), issuance('b', -5, 85)) });
    assert.equal(r.certificate?.source, 'connection');
    assert.deepEqual(r.certificate?.names, ['example.jp', 'www.example.jp']);
  });

  it("behind a CDN, the origin's certificate is the host CA's newest in CT, never the edge one", () => {
    const edge = issuance('edge', -3, 87, { issuer: 'WE1', issuerOrg: 'Google Trust Services' });
    const own = issuance('own', -30, 60);
    const other = issuance('other-ca', -2, 88, { issuer: 'Sectigo RSA', issuerOrg: 'Sectigo Limited' });
    const r = chooseCertificates({ ...base, ct: ct(own, edge, other), originBehindCdn: xserver });
    assert.equal(r.certificate?.issuer, 'Sectigo RSA', 'what visitors get: the newest in CT');
    assert.equal(r.originCertificate?.notBefore, own.notBefore);
    assert.equal(chooseCertificates({ ...base, ct: ct(edge), originBehindCdn: xserver }).originCertificate, null);
  });
});
