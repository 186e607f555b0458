// Who renews the certificate (src/core/engine/renewer.ts) and the rules that ask it: each healthy set-up the
// issue lists must not trip an alarm, and each broken one must.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkAddressElsewhere } from '../../src/core/checks/address-elsewhere';
import { checkCaa } from '../../src/core/checks/caa';
import { checkCdnProxy } from '../../src/core/checks/cdn-proxy';
import { checkCertOverMaxLifetime } from '../../src/core/checks/cert-over-max-lifetime';
import { maxLifetimeDays } from '../../src/core/certificates/lifetime-calendar';
import { checkCertRenewedNotServed } from '../../src/core/checks/cert-renewed-not-served';
import { checkCertificate, expiringSoon } from '../../src/core/checks/certificate';
import { challengeScope } from '../../src/core/checks/challenge';
import { checkManualRenewal } from '../../src/core/checks/manual-renewal';
import { checkDnsValidation, parsePersist } from '../../src/core/checks/dns-validation';
import { validationOf } from '../../src/core/certificates/served-certificate';
import { ctRhythm, graceFor, renewalPointFor, validationFromIssuer } from '../../src/core/engine/renewer';
import type { CertificateInfo } from '../../src/core/engine/types';
import { providerById } from '../../src/core/providers';
import type { Issuance } from '../../src/core/sources/ct';
import { CATALOGUES } from '../../src/core/words/catalogues';
import { makeTranslator } from '../../src/core/words/i18n';
import { ans, codes, ctx, DAY, NOW, XSERVER } from './evidence-builder';

const HOUR = 3_600_000;
const cert = (nb: number, na: number, over: Partial<CertificateInfo> = {}): CertificateInfo => ({
  issuer: 'R11',
  issuerOrg: "Let's Encrypt",
  subject: 'CN=example.jp',
  names: ['example.jp'],
  notBefore: new Date(NOW + nb * DAY).toISOString(),
  notAfter: new Date(NOW + na * DAY).toISOString(),
  source: 'connection',
  ...over,
});
const issuance = (nb: number, na: number, over: Partial<Issuance> = {}): Issuance => ({
  id: String(nb),
  names: ['example.jp'],
  issuer: 'R11',
  issuerOrg: "Let's Encrypt",
  notBefore: new Date(NOW + nb * DAY).toISOString(),
  notAfter: new Date(NOW + na * DAY).toISOString(),
  revoked: false,
  ...over,
});
const GLOBALSIGN_OV = { issuer: 'GlobalSign GCC R3 OV TLS CA 2024', issuerOrg: 'GlobalSign nv-sa' };
const RAPIDSSL_DV = { issuer: 'RapidSSL TLS RSA CA G1', issuerOrg: 'DigiCert Inc', validation: 'dv' as const };

describe('validation type', () => {
  it('from the CA/B Forum policy OIDs (BR §7.1.6.1), EV over OV over DV', () => {
    assert.equal(validationOf(['2.23.140.1.2.1']), 'dv');
    assert.equal(validationOf(['1.3.6.1.4.1.4146.1.20', '2.23.140.1.2.2']), 'ov');
    assert.equal(validationOf(['2.23.140.1.1', '2.23.140.1.2.2']), 'ev');
    assert.equal(validationOf([]), undefined);
  });
  it("from the issuing CA's name when no DER is at hand", () => {
    assert.equal(validationFromIssuer(GLOBALSIGN_OV), 'ov');
    assert.equal(validationFromIssuer({ issuer: 'Sectigo RSA Domain Validation Secure Server CA' }), 'dv');
    assert.equal(validationFromIssuer({ issuer: 'JPRS Organization Validation Authority - G4' }), 'ov');
    assert.equal(validationFromIssuer({ issuer: 'DigiCert EV RSA CA G2' }), 'ev');
    assert.equal(validationFromIssuer({ issuer: 'R11', issuerOrg: "Let's Encrypt" }), null);
  });
});

describe('the renewer', () => {
  it("Xserver's own Let's Encrypt certificate on Xserver's server: the host, proven by the address", () => {
    const c = ctx({ ...XSERVER, patch: { certificate: cert(-20, 70) } });
    assert.equal(c.renewer.by, 'host');
    assert.equal(c.renewer.proof, 'served');
    assert.equal(c.renewer.method, 'http-01');
    // Xserver's documented schedule: 30 days before expiry.
    assert.equal(c.renewer.point, NOW + 40 * DAY);
  });
  it('a paid GlobalSign OV certificate on Xserver: by hand; CAA listing only globalsign.com is fine', () => {
    const c = ctx({
      ...XSERVER,
      caa: { 'example.jp': ['0 issue "globalsign.com"'] },
      patch: { certificate: cert(-40, 159, GLOBALSIGN_OV) },
    });
    assert.equal(c.renewer.by, 'manual');
    assert.deepEqual(c.renewer.caaDomains, ['globalsign.com']);
    assert.deepEqual(codes(checkCaa(c)), []);
    assert.deepEqual(codes(checkManualRenewal(c)), ['MANUAL_RENEWAL:info']);
    assert.equal(challengeScope(c).applies, false, 'no HTTP challenge for a certificate installed by hand');
  });
  it('the same site with CAA listing only letsencrypt.org: the next purchase is refused', () => {
    const c = ctx({
      ...XSERVER,
      caa: { 'example.jp': ['0 issue "letsencrypt.org"'] },
      patch: { certificate: cert(-40, 159, GLOBALSIGN_OV) },
    });
    assert.deepEqual(codes(checkCaa(c)), ['CAA_FORBIDS_CA:fail']);
  });
  it('a paid certificate with 20 days left: MANUAL_RENEWAL warn, no CERT_EXPIRING_SOON and no host steps', () => {
    const c = ctx({
      ...XSERVER,
      patch: { certificate: cert(-179, 20, GLOBALSIGN_OV), ct: { ok: true, issuances: [] } },
    });
    const m = checkManualRenewal(c);
    assert.deepEqual(codes(m), ['MANUAL_RENEWAL:warn']);
    assert.ok(!m[0].fix?.some((s) => s.key.startsWith('fix_xserver_')), 'never "press 更新" for a bought certificate');
    assert.deepEqual(codes(checkCertificate(c)), []);
  });
  it("a paid certificate on Sakura's rental server: order it from the seller, then Sakura's own 独自SSL page and path", () => {
    const c = ctx({
      ns: ['ns1.dns.ne.jp', 'ns2.dns.ne.jp'],
      a: ['59.106.19.101'],
      ptr: { '59.106.19.101': 'www3001.sakura.ne.jp' },
      patch: { certificate: cert(-179, 20, RAPIDSSL_DV), ct: { ok: true, issuances: [] } },
    });
    const [m] = checkManualRenewal(c);
    assert.deepEqual(
      m.fix?.map((s) => s.key),
      ['fix_manual_renewal_1_now', 'fix_manual_renewal_install_path', 'fix_manual_renewal_free_ssl'],
    );
    const install = m.fix?.[1].params ?? {};
    assert.equal(install.url, 'https://help.sakura.ad.jp/?p=2320');
    assert.match(String(install.path_ja), /ドメイン\/SSL/);
    assert.match(String(install.path), /Domain\/SSL/);
    // The seller; the order-by date (30 days before expiry) is already past here, so the step says "now".
    assert.equal(m.fix?.[0].params?.seller, 'DigiCert Inc');
  });
  it('the first step orders "by" a date only while that day is ahead; today or past, it says now (en, ja)', () => {
    const en = makeTranslator(CATALOGUES, 'en');
    const ja = makeTranslator(CATALOGUES, 'ja');
    const step = (now: number, notAfter: number, notBefore = notAfter - 199) => {
      const c = ctx({ ...XSERVER, patch: { now, certificate: cert(notBefore, notAfter, GLOBALSIGN_OV) } });
      return checkManualRenewal(c)[0].fix![0];
    };
    const day = (d: number) => new Date(NOW + d * DAY).toISOString().slice(0, 10);
    // 31 days left: order by tomorrow.
    const ahead = step(NOW, 31);
    assert.equal(ahead.key, 'fix_manual_renewal_1');
    assert.match(en(ahead), new RegExp(`before ${day(1)}`));
    assert.match(ja(ahead), new RegExp(`${day(1)}までに`));
    // The order-by date later today (30 days and 5 hours left), already past (20 days left), or the certificate
    // issued with less than 30 days (order-by = its notBefore): never "before" today or a day gone by.
    for (const [name, notAfter, notBefore] of [
      ['later today', 30 + 5 / 24, undefined],
      ['past', 20, undefined],
      ['issued inside the window, a week ago', 20, -7],
    ] as const) {
      const s = step(NOW, notAfter, notBefore);
      assert.equal(s.key, 'fix_manual_renewal_1_now', name);
      const text = [en(s), ja(s)].join(' ');
      assert.ok(!/\d{4}-\d\d-\d\d/.test(text), `${name}: no date in "${text}"`);
      assert.match(en(s), /\bnow\b/);
      assert.match(ja(s), /今すぐ/);
    }
  });
  it('a paid certificate on Xserver, which documents no install page for outside certificates: generic host steps', () => {
    const c = ctx({ ...XSERVER, patch: { certificate: cert(-40, 159, GLOBALSIGN_OV) } });
    const [m] = checkManualRenewal(c);
    assert.deepEqual(
      m.fix?.map((s) => s.key),
      ['fix_manual_renewal_1', 'fix_manual_renewal_install_host', 'fix_manual_renewal_free_ssl'],
    );
    // Ordered 30 days before expiry.
    assert.equal(m.fix?.[0].params?.order, new Date(NOW + 129 * DAY).toISOString().slice(0, 10));
  });
  it("a paid certificate on a Sakura VPS or another server, with the zone on Sakura's DNS: never Sakura's panel", () => {
    for (const [a, ptr] of [
      ['153.127.30.23', 'ik1-413-38519.vs.sakura.ne.jp'],
      ['45.76.210.14', 'vultr.example.net'],
    ]) {
      const c = ctx({
        ns: ['ns1.dns.ne.jp', 'ns2.dns.ne.jp'],
        a: [a],
        ptr: { [a]: ptr },
        patch: { certificate: cert(-40, 159, GLOBALSIGN_OV) },
      });
      assert.equal(c.renewer.by, 'manual');
      const [m] = checkManualRenewal(c);
      assert.deepEqual(
        m.fix?.map((s) => s.key),
        ['fix_manual_renewal_1', 'fix_manual_renewal_install'],
        `${ptr}: the owner's own server installs it; Sakura's free SSL is no option there`,
      );
    }
  });
  it("a Sakura VPS on Sakura's DNS: the owner's own server, never ADDRESS_ELSEWHERE", () => {
    const c = ctx({
      ns: ['ns1.dns.ne.jp', 'ns2.dns.ne.jp'],
      a: ['153.127.30.23'],
      ptr: { '153.127.30.23': 'ik1-413-38519.vs.sakura.ne.jp' },
      patch: { certificate: cert(-20, 70) },
    });
    assert.equal(c.origin?.id, 'sakura');
    assert.equal(c.renewer.by, 'owner-acme');
    assert.deepEqual(codes(checkAddressElsewhere(c)), []);
  });
  it("an Xserver VPS on Xserver's DNS with the mail still at Xserver: the owner's own server, never ADDRESS_ELSEWHERE", () => {
    // The owner moved the site from the shared server to an Xserver VPS (its default reverse name) and kept
    // Xserver's nameservers and mail: the VPS's own certbot renews, and Xserver's 「DNS参照先」 rule does not apply.
    const c = ctx({
      ns: ['ns1.xserver.jp', 'ns2.xserver.jp', 'ns3.xserver.jp'],
      a: ['162.43.92.97'],
      ptr: { '162.43.92.97': 'x162-43-92-97.static.xvps.ne.jp' },
      mx: ['sv13107.xserver.jp'],
      spf: 'v=spf1 +a:sv13107.xserver.jp +mx include:spf.sender.xserver.jp ~all',
      patch: { certificate: cert(-20, 70) },
    });
    assert.equal(c.origin?.id, 'xserver');
    assert.equal(c.renewer.by, 'owner-acme');
    assert.equal(c.renewer.ownServer?.en, 'Xserver VPS');
    assert.deepEqual(codes(checkAddressElsewhere(c)), []);
  });
  it("a ConoHa VPS on ConoHa's DNS (the nameservers ConoHa WING uses too): the owner's certbot, not WING's free SSL", () => {
    for (const ptr of ['v133-130-115-230.a046.g.tyo1.static.cnode.io', 'v157-7-52-20.z1d20.static.cnode.jp']) {
      const c = ctx({
        ns: ['ns-a1.conoha.io', 'ns-a2.conoha.io', 'ns-a3.conoha.io'],
        a: ['133.130.115.230'],
        ptr: { '133.130.115.230': ptr },
        patch: { certificate: cert(-20, 70) },
      });
      assert.equal(c.origin?.id, 'conoha-wing', ptr);
      assert.equal(c.renewer.by, 'owner-acme', ptr);
      assert.equal(c.renewer.ownServer?.en, 'ConoHa VPS', ptr);
    }
  });
  it("Xserver's shared server (svNNNNN.xserver.jp) is still Xserver's renewal, and a VPS elsewhere still is not Xserver's", () => {
    const shared = ctx({
      ns: ['ns1.xserver.jp'],
      a: ['183.181.96.80'],
      ptr: { '183.181.96.80': 'sv12719.xserver.jp' },
      patch: { certificate: cert(-20, 70) },
    });
    assert.equal(shared.renewer.by, 'host');
    const vultr = ctx({
      ns: ['ns1.xserver.jp'],
      a: ['45.76.10.20'],
      ptr: { '45.76.10.20': '45.76.10.20.vultrusercontent.com' },
      mx: ['sv12718.xserver.jp'],
      patch: { certificate: cert(-20, 70) },
    });
    assert.equal(vultr.renewer.ownServer, null);
    assert.deepEqual(codes(checkAddressElsewhere(vultr)), ['ADDRESS_ELSEWHERE:fail']);
  });
  it("Sakura's rental server without the VPS PTR is still Sakura's renewal (the rule does not swallow it)", () => {
    const c = ctx({
      ns: ['ns1.dns.ne.jp'],
      a: ['59.106.19.101'],
      ptr: { '59.106.19.101': 'www3001.sakura.ne.jp' },
      patch: { certificate: cert(-20, 70) },
    });
    assert.equal(c.renewer.by, 'host');
  });
  it('an _acme-challenge CNAME (acme-dns): DNS validation, so a 403 on port 80 is not a renewal problem', () => {
    const acme = {
      ...ans('_acme-challenge.example.jp', 'TXT', ['token']),
      cnames: ['d420c923.auth.acme-dns.io'],
    };
    const c = ctx({ a: ['45.76.210.14'], patch: { certificate: cert(-20, 70), acmeChallenge: acme } });
    assert.equal(c.renewer.by, 'owner-acme');
    assert.equal(c.renewer.method, 'dns-01');
    assert.deepEqual(challengeScope(c), { applies: false, why: 'dns-validation' });
  });
  it('Caddy with port 80 closed renews by TLS-ALPN-01: CAA http-01,dns-01 forbids it (Boulder "multiple choices, match none")', () => {
    const refused = {
      kind: 'refused' as const,
      hops: [],
      url: 'http://example.jp/.well-known/acme-challenge/x',
      reason: 'ECONNREFUSED',
    };
    const c = ctx({
      a: ['45.76.210.19'],
      headers: { server: 'Caddy' },
      caa: { 'example.jp': ['0 issue "letsencrypt.org; validationmethods=http-01,dns-01"'] },
      patch: { certificate: cert(-20, 70), challenge: refused },
    });
    assert.equal(c.renewer.method, 'tls-alpn-01');
    assert.deepEqual(codes(checkCaa(c)), ['CAA_FORBIDS_CA:fail']);
    assert.deepEqual(challengeScope(c), { applies: false, why: 'tls-alpn' });
  });
  it('Caddy with port 80 open may use either method: the same CAA allows it (http-01)', () => {
    const c = ctx({
      a: ['45.76.210.19'],
      headers: { server: 'Caddy' },
      caa: { 'example.jp': ['0 issue "letsencrypt.org; validationmethods=http-01,dns-01"'] },
      patch: { certificate: cert(-20, 70) },
    });
    assert.deepEqual(c.renewer.methods, ['http-01', 'tls-alpn-01']);
    assert.deepEqual(codes(checkCaa(c)), []);
  });
  it('behind Cloudflare with only the mail at Xserver and no Xserver certificate in CT: a likely host, warn at most', () => {
    const c = ctx({
      a: ['104.21.48.99'],
      mx: ['sv12720.xserver.jp'],
      spf: 'v=spf1 include:spf.sender.xserver.jp ~all',
      patch: {
        certificate: cert(-20, 70, { issuer: 'WE1', issuerOrg: 'Google Trust Services' }),
        ct: { ok: true, issuances: [] },
      },
    });
    assert.equal(c.renewer.by, 'host');
    assert.equal(c.renewer.proof, null);
    // The check itself still says fail; diagnose's hedge (proof before red) makes it a warning: see the world
    // moved-site-mail-stayed. The seed's proof is its origin certificate from Xserver's CA in CT.
    assert.deepEqual(codes(checkCdnProxy(c)), ['PROXIED_BY_CDN:fail']);
  });
});

describe("a provider's own managed certificates (ACM on an AWS load balancer)", () => {
  // ACM's public certificates: 198 days since 2026-02-18, issued by Amazon's CA only through ACM, renewed by ACM.
  const ACM = { issuer: 'Amazon RSA 2048 M03', issuerOrg: 'Amazon', validation: 'dv' as const };
  const EC2_PTR = { '13.112.45.201': 'ec2-13-112-45-201.ap-northeast-1.compute.amazonaws.com' };
  const ALB = 'tabi-log-alb-1482273645.ap-northeast-1.elb.amazonaws.com';
  const R53 = ['ns-372.awsdns-46.com', 'ns-744.awsdns-29.net'];

  it('a Route 53 alias (addresses only): ACM renews it 45 days before expiry — never "bought by hand"', () => {
    const c = ctx({
      ns: R53,
      a: ['13.112.45.201'],
      ptr: EC2_PTR,
      patch: { certificate: cert(-100, 98, ACM), ct: { ok: true, issuances: [] } },
    });
    assert.equal(c.origin, null, 'the address alone names no host');
    assert.equal(c.renewer.by, 'host');
    assert.equal(c.renewer.provider?.id, 'aws-elb');
    assert.equal(c.renewer.proof, 'served');
    assert.deepEqual(codes(checkManualRenewal(c)), []);
    assert.equal(c.renewer.point, NOW + (98 - 45) * DAY);
    assert.equal(challengeScope(c).applies, false, 'ACM validates by its DNS record, not on port 80');
    assert.ok(
      c.renewer.evidence.some((e) => e.includes('AWS Certificate Manager (ACM)')),
      c.renewer.evidence.join('; '),
    );
    // 54 days left: past ⅓ of the lifetime (66 days) but not ACM's 45: nothing overdue.
    const later = ctx({
      ns: R53,
      a: ['13.112.45.201'],
      ptr: EC2_PTR,
      patch: { certificate: cert(-144, 54, ACM), ct: { ok: true, issuances: [] } },
    });
    assert.deepEqual(codes(checkCertificate(later)), []);
    // CAA is judged against Amazon's names (https://docs.aws.amazon.com/acm/latest/userguide/setup-caa.html).
    const caa = (records: string[]) =>
      codes(
        checkCaa(
          ctx({
            ns: R53,
            a: ['13.112.45.201'],
            caa: { 'example.jp': records },
            patch: { certificate: cert(-100, 98, ACM) },
          }),
        ),
      );
    assert.deepEqual(caa(['0 issue "amazontrust.com"']), []);
    assert.deepEqual(caa(['0 issue "letsencrypt.org"']), ['CAA_FORBIDS_CA:fail']);
  });

  it("a CNAME to the load balancer names it; a certificate imported into ACM from another CA is not ACM's to renew", () => {
    const own = ctx({
      ns: R53,
      cnames: [ALB],
      a: ['13.112.45.201'],
      ptr: EC2_PTR,
      patch: { certificate: cert(-100, 98, ACM) },
    });
    assert.equal(own.origin?.id, 'aws-elb');
    assert.equal(own.renewer.by, 'host');
    assert.equal(own.renewer.proof, 'served');
    // An imported Let's Encrypt certificate (certbot and a script): the owner's client; a paid one: by hand.
    const le = ctx({ ns: R53, cnames: [ALB], a: ['13.112.45.201'], patch: { certificate: cert(-20, 70) } });
    assert.equal(le.renewer.by, 'owner-acme');
    const paid = ctx({
      ns: R53,
      cnames: [ALB],
      a: ['13.112.45.201'],
      patch: { certificate: cert(-40, 159, GLOBALSIGN_OV) },
    });
    assert.equal(paid.renewer.by, 'manual');
  });

  it("another CA's long-lived certificate is still judged by its lifetime (the rule is the CA's, not the lifetime's)", () => {
    const c = ctx({ ns: R53, a: ['13.112.45.201'], patch: { certificate: cert(-100, 98, RAPIDSSL_DV) } });
    assert.equal(c.renewer.by, 'manual');
  });
});

describe('lifetime-relative rules', () => {
  it('expiring soon: under ⅙ of the lifetime and at most 14 days', () => {
    assert.equal(expiringSoon(cert(-76, 14 - 1 / 24), NOW), true, '90 days: under 14 days left');
    assert.equal(expiringSoon(cert(-75, 15), NOW), false);
    const six = (leftH: number) => ({
      notBefore: new Date(NOW - (144 - leftH) * HOUR).toISOString(),
      notAfter: new Date(NOW + leftH * HOUR).toISOString(),
    });
    assert.equal(expiringSoon(six(23), NOW), true, '6 days: under 24 hours');
    assert.equal(expiringSoon(six(48), NOW), false, 'a healthy 6-day certificate is not amber all its life');
    assert.equal(expiringSoon(cert(-360, 37), NOW), false, 'a 397-day certificate: 14 days at most');
  });
  it('renewal point: the host schedule, else ARI, else ⅓ of the lifetime left (½ under 10 days); grace min(2 days, 1/30)', () => {
    const xserver = providerById('xserver')!;
    assert.equal(renewalPointFor(cert(-60, 30), xserver), NOW);
    assert.equal(renewalPointFor(cert(-60, 30), null, { start: NOW - DAY }), NOW - DAY);
    assert.equal(renewalPointFor(cert(-2, 4), null), NOW + DAY);
    assert.equal(renewalPointFor(cert(-2, 4), xserver), NOW + DAY, "a host's 30 days do not fit a 6-day certificate");
    assert.equal(graceFor(cert(-60, 30)), 2 * DAY);
    assert.equal(graceFor(cert(-2, 4)), 0.2 * DAY);
  });
  it('a stalled 6-day certificate (12 hours left): expiring in hours and overdue; a healthy one: nothing', () => {
    const stalled = ctx({
      a: ['45.76.210.16'],
      patch: {
        certificate: cert(-5.5, 0.5, { names: ['example.jp'] }),
        ct: { ok: true, issuances: [issuance(-5.5, 0.5)] },
      },
    });
    const f = checkCertificate(stalled);
    assert.deepEqual(codes(f), ['CERT_EXPIRING_SOON:warn', 'RENEWAL_OVERDUE:warn']);
    assert.equal(f[0].message.key, 'finding_cert_expiring_soon_hours');
    const healthy = ctx({
      a: ['45.76.210.15'],
      patch: { certificate: cert(-2, 4), ct: { ok: true, issuances: [issuance(-5, 1), issuance(-2, 4)] } },
    });
    assert.deepEqual(codes(checkCertificate(healthy)), []);
    assert.deepEqual(codes(checkCertRenewedNotServed(healthy)), []);
  });
});

describe('CERT_RENEWED_NOT_SERVED', () => {
  const at = (served: CertificateInfo, issuances: Issuance[]) =>
    ctx({ a: ['45.76.210.17'], patch: { certificate: served, ct: { ok: true, issuances } } });
  it('the served certificate past its point, a newer one from the same CA in CT: warn (and not overdue)', () => {
    const c = at(cert(-75, 15), [issuance(-75, 15), issuance(-15, 75)]);
    assert.deepEqual(codes(checkCertRenewedNotServed(c)), ['CERT_RENEWED_NOT_SERVED:warn']);
    assert.deepEqual(codes(checkCertificate(c)), []);
  });
  it('not before the renewal point (two servers of one site), not for a newer one from another CA, not within the hour', () => {
    assert.deepEqual(codes(checkCertRenewedNotServed(at(cert(-40, 50), [issuance(-40, 50), issuance(-5, 85)]))), []);
    assert.deepEqual(
      codes(
        checkCertRenewedNotServed(
          at(cert(-75, 15), [
            issuance(-75, 15),
            issuance(-15, 75, { issuer: 'WE1', issuerOrg: 'Google Trust Services' }),
          ]),
        ),
      ),
      [],
    );
    assert.deepEqual(
      codes(checkCertRenewedNotServed(at(cert(-75, 15), [issuance(-75, 15), issuance(-0.02, 89.98)]))),
      [],
    );
  });
});

describe('CERT_OVER_MAX_LIFETIME (ballot SC-081v3)', () => {
  it('the calendar: 398, then 200 from 2026-03-15, 100 from 2027-03-15, 47 from 2029-03-15', () => {
    assert.equal(maxLifetimeDays(Date.parse('2026-03-14T23:59:59Z')), 398);
    assert.equal(maxLifetimeDays(Date.parse('2026-03-15T00:00:00Z')), 200);
    assert.equal(maxLifetimeDays(Date.parse('2027-03-15T00:00:00Z')), 100);
    assert.equal(maxLifetimeDays(Date.parse('2029-03-15T00:00:00Z')), 47);
  });
  it('a 365-day certificate issued in June 2026: warn; a 199-day one, or a 397-day one from 2025: nothing', () => {
    const long = (nb: string, na: string) =>
      ctx({ patch: { certificate: { ...cert(0, 1), notBefore: nb, notAfter: na } } });
    assert.deepEqual(codes(checkCertOverMaxLifetime(long('2026-06-01T00:00:00Z', '2027-06-01T00:00:00Z'))), [
      'CERT_OVER_MAX_LIFETIME:warn',
    ]);
    assert.deepEqual(codes(checkCertOverMaxLifetime(long('2026-06-01T00:00:00Z', '2026-12-17T00:00:00Z'))), []);
    assert.deepEqual(codes(checkCertOverMaxLifetime(long('2025-06-01T00:00:00Z', '2026-07-02T00:00:00Z'))), []);
    const priv = ctx({
      patch: {
        certificate: {
          ...cert(0, 1),
          notBefore: '2026-06-01T00:00:00Z',
          notAfter: '2036-06-01T00:00:00Z',
          trusted: false,
        },
      },
    });
    assert.deepEqual(codes(checkCertOverMaxLifetime(priv)), [], "a private CA's certificate is not bound by the BR");
  });
});

describe('CT rhythm', () => {
  it('regular issuances shorter than the lifetime are automation; two are not a rhythm', () => {
    const ov = (nb: number, na: number) => issuance(nb, na, GLOBALSIGN_OV);
    assert.equal(ctRhythm([ov(-240, -41), ov(-120, 79), ov(0, 199)], 'example.jp', ['globalsign.com'], NOW), 120 * DAY);
    assert.equal(ctRhythm([ov(-120, 79), ov(0, 199)], 'example.jp', ['globalsign.com'], NOW), null);
    assert.equal(ctRhythm([ov(-300, -101), ov(-120, 79), ov(0, 199)], 'example.jp', ['globalsign.com'], NOW), null);
  });
});

describe('DNS validation records', () => {
  const persist = (value: string) => ans('_validation-persist.example.jp', 'TXT', [value]);
  it('parses _validation-persist as CAA issue-value syntax (SC-088v3)', () => {
    assert.deepEqual(parsePersist('letsencrypt.org; accounturi=https://a.example/acct/1; persistUntil=1767225600'), {
      issuer: 'letsencrypt.org',
      params: { accounturi: 'https://a.example/acct/1', persistuntil: '1767225600' },
    });
  });
  it('warns for a record without accounturi or past its persistUntil; a good one is quiet', () => {
    const run = (v: string) =>
      codes(
        checkDnsValidation(
          ctx({ a: ['45.76.210.21'], patch: { certificate: cert(-20, 70), validationPersist: persist(v) } }),
        ),
      );
    assert.deepEqual(run('letsencrypt.org; persistUntil=1893456000'), ['DNS_VALIDATION_BROKEN:warn']);
    assert.deepEqual(run('letsencrypt.org; accounturi=https://a.example/acct/1; persistUntil=1767225600'), [
      'DNS_VALIDATION_BROKEN:warn',
    ]);
    assert.deepEqual(run('letsencrypt.org; accounturi=https://a.example/acct/1; persistUntil=1893456000'), []);
    assert.deepEqual(run('letsencrypt.org; accounturi=https://a.example/acct/1'), []);
  });
  it('an _acme-challenge CNAME whose target is NXDOMAIN fails; one that resolves does not', () => {
    const acme = (status: 'ok' | 'nxdomain') => ({
      ...ans('_acme-challenge.example.jp', 'TXT', status === 'ok' ? ['token'] : []),
      status,
      cnames: ['0b1f.auth.acme-dns.io'],
    });
    const run = (status: 'ok' | 'nxdomain') =>
      codes(
        checkDnsValidation(
          ctx({ a: ['45.76.210.20'], patch: { certificate: cert(-20, 70), acmeChallenge: acme(status) } }),
        ),
      );
    assert.deepEqual(run('nxdomain'), ['DNS_VALIDATION_BROKEN:fail']);
    assert.deepEqual(run('ok'), []);
  });
});

/** The zone and mail at Xserver, the site on a VPS elsewhere (its PTR is not Xserver's server naming). */
const MOVED = {
  ns: XSERVER.ns,
  mx: ['sv12718.xserver.jp'],
  a: ['45.76.10.21'],
  ptr: { '45.76.10.21': '45.76.10.21.vultrusercontent.com' },
};

describe('proof that the host renews: not the certificate another server serves', () => {
  // The zone and mail stayed at Xserver; the site moved to a VPS elsewhere (its PTR is not Xserver's server
  // naming), whose own certbot renews a Let's Encrypt certificate — the same CA as Xserver's.
  const moved = (ct: Issuance[]) =>
    ctx({
      ...MOVED,
      patch: { certificate: cert(-30, 60), ct: { ok: true, issuances: ct } },
    });
  it('the served certificate alone proves nothing about Xserver: a likely host, whose rules warn at most', () => {
    const c = moved([issuance(-30, 60), issuance(-91, -1)]);
    assert.equal(c.renewer.by, 'host');
    assert.equal(c.renewer.proof, null);
  });
  it("another live certificate of Xserver's CA for the name (Xserver's own, issued before the move) still proves it", () => {
    const c = moved([issuance(-30, 60), issuance(-20, 70, { names: ['example.jp', 'www.example.jp'] })]);
    assert.equal(c.renewer.proof, 'ct');
    assert.deepEqual(codes(checkAddressElsewhere(c)), ['ADDRESS_ELSEWHERE:fail']);
  });
  it('in Chromium (no certificate from the connection) the newest one in CT is taken as served: still not proof', () => {
    // The browser judges the newest covering issuance as the served certificate (certificate-choice.ts); the
    // moved site's only live certificate is its VPS's, so Xserver stays a likely host there too, as in the CLI.
    const c = ctx({
      ...MOVED,
      patch: {
        certificate: { ...cert(-30, 60), subject: '', source: 'ct' },
        ct: { ok: true, issuances: [issuance(-30, 60), issuance(-91, -1)] },
      },
    });
    assert.equal(c.renewer.proof, null);
  });
  it("the VPS's previous certificate, still live after its renewal (the same names), proves nothing about Xserver either", () => {
    // certbot renews a 90-day certificate with 30 days left: for those 30 days CT holds two live certificates of
    // the served lineage, neither of them Xserver's.
    const c = ctx({
      ...MOVED,
      patch: {
        certificate: cert(-1, 89, { names: ['www.example.jp', 'example.jp'] }),
        ct: {
          ok: true,
          issuances: [
            issuance(-1, 89, { names: ['example.jp', 'www.example.jp'] }),
            issuance(-61, 29, { names: ['www.example.jp', 'example.jp'] }),
          ],
        },
      },
    });
    assert.equal(c.renewer.proof, null);
  });
  it("the connection's dates and CT's may differ by a second: the served certificate is still recognised", () => {
    const served = cert(-30, 60);
    const ct = issuance(-30, 60, {
      notBefore: new Date(Date.parse(served.notBefore) + 1000).toISOString(),
      notAfter: new Date(Date.parse(served.notAfter) + 1000).toISOString(),
    });
    assert.equal(moved([ct]).renewer.proof, null);
  });
  it('served from an address that may be the host’s (no PTR, no range): the served certificate still counts', () => {
    const c = ctx({
      ns: XSERVER.ns,
      a: ['203.0.113.77'],
      patch: { certificate: cert(-30, 60), ct: { ok: true, issuances: [issuance(-30, 60)] } },
    });
    assert.equal(c.renewer.proof, 'ct');
  });
});
