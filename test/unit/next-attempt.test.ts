// "When does this certificate's renewer next try?" (src/core/certificates/renewal-schedule.ts attemptSchedule) is the
// renewer's answer, not the detected host's (issue #21): CA_MAINTENANCE's horizon, RENEWAL_REQUESTED_EARLY's
// "usual" point and the popup's timeline ask the same rule. The detected host's documented schedule ("30 days
// before expiry") belongs to the host's own free SSL only — not to the owner's certbot on a VPS of the same
// company, a certificate bought by hand, or a CDN's edge.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { timelineMarker } from '../../src/core/certificates/renewal-schedule';
import { checkAri } from '../../src/core/checks/ari';
import { checkCaStatus, nextRenewalAttempt } from '../../src/core/checks/ca-status';
import type { CheckContext } from '../../src/core/engine/evidence';
import { renewalSummary } from '../../src/core/engine/renewer';
import type { CertificateInfo } from '../../src/core/engine/types';
import { providerById } from '../../src/core/providers';
import type { StatusEvent } from '../../src/core/sources/ca-status';
import { codes, ctx, DAY, NOW, type Spec, XSERVER } from './evidence-builder';

const HOUR = 3_600_000;
const LE = { issuer: 'R11', issuerOrg: "Let's Encrypt" };
const GTS = { issuer: 'WE1', issuerOrg: 'Google Trust Services' };
const GLOBALSIGN_OV = { issuer: 'GlobalSign GCC R3 OV TLS CA 2024', issuerOrg: 'GlobalSign nv-sa' };
/** A certificate from `nb` to `na`, in days from NOW. */
const cert = (nb: number, na: number, ca: { issuer: string; issuerOrg: string } = LE): CertificateInfo => ({
  ...ca,
  subject: 'CN=example.jp',
  names: ['example.jp'],
  notBefore: new Date(NOW + nb * DAY).toISOString(),
  notAfter: new Date(NOW + na * DAY).toISOString(),
  source: 'connection',
});

// Where the site is: each set-up names who renews.
const SAKURA_VPS: Spec = {
  ns: ['ns1.dns.ne.jp', 'ns2.dns.ne.jp'],
  a: ['153.127.30.23'],
  ptr: { '153.127.30.23': 'ik1-413-38519.vs.sakura.ne.jp' },
};
const SAKURA_RENTAL: Spec = {
  ns: ['ns1.dns.ne.jp', 'ns2.dns.ne.jp'],
  a: ['59.106.19.101'],
  ptr: { '59.106.19.101': 'www3001.sakura.ne.jp' },
};
/** Moved to a VPS elsewhere; the mail (MX, SPF) stayed at Xserver. */
const MAIL_LEFT_AT_XSERVER: Spec = {
  a: ['45.76.210.14'],
  mx: ['sv12720.xserver.jp'],
  spf: 'v=spf1 include:spf.sender.xserver.jp ~all',
};
const CLOUDFLARE_EDGE: Spec = { a: ['104.21.48.12'] };

const PROD = 'ACME API (Production)';
const quiet = { ok: true as const, statusCode: 100, statusText: '', incidents: [], maintenanceActive: [] };
const components = (code: number) => [{ name: PROD, code, status: '' }];
const planned = (start: number, hours = 2): StatusEvent => ({
  name: 'API upgrade',
  components: [PROD],
  start,
  end: start + hours * HOUR,
});

function at(spec: Spec, c: CertificateInfo, patch: Spec['patch'] = {}): CheckContext {
  return ctx({ ...spec, patch: { certificate: c, ...patch } });
}
const maintenance = (spec: Spec, c: CertificateInfo, start: number) =>
  codes(
    checkCaStatus(
      at(spec, c, { caStatus: { ...quiet, components: components(100), maintenanceUpcoming: [planned(start)] } }),
    ),
  );
/** Let's Encrypt's ordinary ARI window: centred ⅓ of the lifetime before expiry (½ under 10 days), ±1 % of the
 * lifetime (Boulder 2d00c8e core/objects.go RenewalInfoSimple). */
function ordinaryWindow(c: CertificateInfo) {
  const nb = Date.parse(c.notBefore);
  const na = Date.parse(c.notAfter);
  const life = na - nb;
  const ideal = na - (life < 10 * DAY ? life / 2 : life / 3);
  return { start: ideal - life / 100, end: ideal + life / 100 };
}
const ari = (spec: Spec, c: CertificateInfo, window: { start: number; end: number }) =>
  codes(checkAri(at(spec, c, { ari: { ok: true, certId: 'x.y', window }, ct: { ok: true, issuances: [] } })));

describe('the next renewal attempt is the renewer’s', () => {
  it('who renews in each set-up (the premise of the tests below)', () => {
    const c64 = cert(-20, 44);
    assert.equal(at(SAKURA_VPS, c64).renewer.by, 'owner-acme');
    assert.equal(at(SAKURA_VPS, c64).origin?.id, 'sakura', 'the host detected is Sakura, whose model says 30 days');
    assert.equal(at(SAKURA_RENTAL, c64).renewer.by, 'host');
    assert.equal(at(XSERVER, cert(-40, 159, GLOBALSIGN_OV)).renewer.by, 'manual');
    assert.equal(at(CLOUDFLARE_EDGE, cert(-20, 70, GTS)).renewer.by, 'cdn');
    assert.equal(at(MAIL_LEFT_AT_XSERVER, cert(-20, 70, GTS)).renewer.by, 'owner-acme');
    assert.equal(at(MAIL_LEFT_AT_XSERVER, cert(-20, 70)).renewer.by, 'host');
    assert.equal(at(MAIL_LEFT_AT_XSERVER, cert(-20, 70)).renewer.proof, null, 'a likely host');
  });

  it("the owner's certbot on a Sakura VPS (a 64-day certificate): its own ⅓ point, not Sakura's 30 days", () => {
    // ⅓ of 64 days before expiry is 20 days from now; Sakura's rental servers would renew 30 days before expiry,
    // in 20 + 64/3 − 30 ≈ 11.3 days.
    const na = 20 + 64 / 3;
    const c = cert(na - 64, na);
    assert.equal(nextRenewalAttempt(at(SAKURA_VPS, c)), NOW + 20 * DAY);
    assert.equal(nextRenewalAttempt(at(SAKURA_RENTAL, c)), NOW + (na - 30) * DAY, "Sakura's own SSL: its schedule");
  });

  it('CA_MAINTENANCE: a planned maintenance in 20 days meets the certbot’s attempt, not Sakura’s (already done)', () => {
    const na = 20 + 64 / 3;
    const c = cert(na - 64, na);
    const in20 = NOW + 20 * DAY - HOUR;
    assert.deepEqual(maintenance(SAKURA_VPS, c, in20), ['CA_MAINTENANCE:warn']);
    // Sakura's own SSL tries 30 days before expiry, in about 11 days: the maintenance in 20 days comes after it…
    assert.deepEqual(maintenance(SAKURA_RENTAL, c, in20), []);
    // …and one in 11 days is before it.
    assert.deepEqual(maintenance(SAKURA_RENTAL, c, NOW + 11 * DAY), ['CA_MAINTENANCE:warn']);
    // The message's date is the renewer's attempt.
    const [f] = checkCaStatus(
      at(SAKURA_VPS, c, { caStatus: { ...quiet, components: components(100), maintenanceUpcoming: [planned(in20)] } }),
    );
    assert.equal(f.message.params?.attempt, new Date(NOW + 20 * DAY).toISOString().slice(0, 10));
  });

  it('RENEWAL_REQUESTED_EARLY: a window closing before the certbot’s own point warns, whatever Sakura would do', () => {
    // A 45-day certificate: the owner's client renews with 15 days left (in 20 days); Sakura's own SSL would have
    // renewed 30 days before expiry (in 5). The CA asks for a renewal by 20 days before expiry (in 15): a client
    // that renews on its own schedule is 5 days late, so the CA's request is news.
    const c = cert(-10, 35);
    const early = { start: NOW + 13 * DAY, end: NOW + 15 * DAY };
    assert.deepEqual(ari(SAKURA_VPS, c, early), ['RENEWAL_REQUESTED_EARLY:warn']);
    // Sakura's own SSL tries in 5 days, before the window closes: nothing to add.
    assert.deepEqual(ari(SAKURA_RENTAL, c, early), []);
  });

  it('RENEWAL_REQUESTED_EARLY: a 90-day certificate whose window ends 25 days before expiry is ordinary for both', () => {
    // ⅓ of 90 days is 30 days before expiry, which is also Sakura's schedule: the owner's client renews before
    // the window even opens to its end, so the CA asks for nothing the renewer does not already do.
    const c = cert(-30, 60);
    const window = { start: NOW + 33 * DAY, end: NOW + 35 * DAY };
    assert.deepEqual(ari(SAKURA_VPS, c, window), []);
    assert.deepEqual(ari(SAKURA_RENTAL, c, window), []);
    // The same window closing 35 days before expiry is early for either.
    const earlier = { start: NOW + 23 * DAY, end: NOW + 25 * DAY };
    assert.deepEqual(ari(SAKURA_VPS, c, earlier), ['RENEWAL_REQUESTED_EARLY:warn']);
    assert.deepEqual(ari(SAKURA_RENTAL, c, earlier), ['RENEWAL_REQUESTED_EARLY:warn']);
  });

  it("RENEWAL_REQUESTED_EARLY's steps are the renewer's: Sakura's panel for Sakura's SSL, never for the owner's VPS", () => {
    const c = cert(-10, 35);
    const early = { start: NOW + DAY, end: NOW + 3 * DAY };
    const steps = (spec: Spec) =>
      checkAri(
        at(spec, c, { ari: { ok: true, certId: 'x.y', window: early }, ct: { ok: true, issuances: [] } }),
      )[0].fix?.map((s) => s.key);
    assert.deepEqual(steps(SAKURA_RENTAL), ['fix_sakura_retry']);
    assert.deepEqual(steps(SAKURA_VPS), ['fix_generic_retry']);
  });

  it('CA_MAINTENANCE with no attempt date (the host behind a CDN, its certificate not in CT): the next day only, no date', () => {
    const spec: Spec = { a: ['104.21.48.12'], ns: XSERVER.ns };
    const c = cert(-10, 80);
    const status = (start: number) => ({
      ...quiet,
      components: components(100),
      maintenanceUpcoming: [planned(start)],
    });
    const run = (start: number) =>
      checkCaStatus(at(spec, c, { ct: { ok: true, issuances: [] }, caStatus: status(start) }));
    assert.deepEqual(codes(run(NOW + 20 * DAY)), [], 'the edge certificate’s dates say nothing of Xserver’s renewal');
    const [f] = run(NOW + 6 * HOUR);
    assert.equal(f?.message.key, 'finding_ca_maintenance_planned_soon');
  });

  it("a paid GlobalSign certificate on Xserver: no automated attempt, and Let's Encrypt's status is not its CA's", () => {
    const c = cert(-40, 159, GLOBALSIGN_OV);
    assert.equal(nextRenewalAttempt(at(XSERVER, c)), null);
    assert.deepEqual(maintenance(XSERVER, c, NOW + 20 * DAY), []);
    const active = { ...quiet, components: components(200), maintenanceActive: [planned(NOW - HOUR)] };
    assert.deepEqual(codes(checkCaStatus(at(XSERVER, c, { caStatus: { ...active, maintenanceUpcoming: [] } }))), []);
    const incident = {
      ...quiet,
      statusCode: 300,
      components: components(300),
      incidents: [{ name: 'slow', components: [PROD] }],
      maintenanceUpcoming: [],
    };
    assert.deepEqual(codes(checkCaStatus(at(XSERVER, c, { caStatus: incident }))), []);
  });

  it('behind a CDN, the edge certificate’s ARI window is judged by the CDN’s renewal, not the origin host’s', () => {
    // Cloudflare in front of Xserver, Xserver's own certificate not in CT: the renewer (Xserver) has no known
    // certificate, so no attempt date; the served edge certificate is Cloudflare's.
    const spec: Spec = { a: ['104.21.48.12'], ns: XSERVER.ns };
    const c = cert(-10, 35, GTS);
    const x = at(spec, c, { ct: { ok: true, issuances: [] } });
    assert.equal(x.renewer.by, 'host');
    assert.equal(x.renewer.certificate, null);
    assert.equal(nextRenewalAttempt(x), null);
    assert.equal(nextRenewalAttempt(x, c), Date.parse(c.notAfter) - 15 * DAY, "the edge: Cloudflare's ⅓ point");
    assert.deepEqual(ari(spec, c, { start: NOW + 13 * DAY, end: NOW + 15 * DAY }), ['RENEWAL_REQUESTED_EARLY:warn']);
  });
});

describe('the healthy set-ups trip neither check', () => {
  const setups: [string, Spec, (nb: number, na: number) => CertificateInfo][] = [
    ["Xserver's own SSL", XSERVER, (nb, na) => cert(nb, na)],
    ["the owner's certbot on a Sakura VPS", SAKURA_VPS, (nb, na) => cert(nb, na)],
    ['a paid certificate by hand', XSERVER, (nb, na) => cert(nb, na, GLOBALSIGN_OV)],
    ["Cloudflare's edge", CLOUDFLARE_EDGE, (nb, na) => cert(nb, na, GTS)],
    ['mail left at Xserver, a GTS certificate', MAIL_LEFT_AT_XSERVER, (nb, na) => cert(nb, na, GTS)],
    ["mail left at Xserver, a Let's Encrypt certificate", MAIL_LEFT_AT_XSERVER, (nb, na) => cert(nb, na)],
  ];
  // Lifetimes 6, 45, 64 and 90 days (199 for the paid one), each a third of the way in and two thirds in.
  const lifetimes = (name: string) => (name.startsWith('a paid') ? [199] : [6, 45, 64, 90]);

  for (const [name, spec, make] of setups) {
    it(`${name}: an ordinary ARI window and a quiet status page say nothing`, () => {
      for (const life of lifetimes(name))
        for (const elapsed of [life / 3, (2 * life) / 3 - 0.01]) {
          const c = make(-elapsed, life - elapsed);
          assert.deepEqual(ari(spec, c, ordinaryWindow(c)), [], `${life} days, ${elapsed.toFixed(1)} in`);
          const q = { ...quiet, components: components(100), maintenanceUpcoming: [] };
          assert.deepEqual(codes(checkCaStatus(at(spec, c, { caStatus: q }))), []);
        }
    });
    it(`${name}: a maintenance after the renewer's next attempt says nothing`, () => {
      for (const life of lifetimes(name)) {
        const c = make(-life / 3, (2 * life) / 3);
        const attempt = nextRenewalAttempt(at(spec, c)) ?? NOW;
        assert.deepEqual(maintenance(spec, c, attempt + DAY + HOUR), [], `${life} days`);
      }
    });
    it(`${name}: the popup's timeline marks the date the checks use`, () => {
      for (const life of lifetimes(name)) {
        const c = make(-life / 3, (2 * life) / 3);
        const x = at(spec, c);
        const summary = renewalSummary(x.renewer);
        const model = summary.who?.id ? providerById(summary.who.id)?.renewal : undefined;
        const marker = timelineMarker(c, { by: summary.by, nextRun: summary.nextRun, renewal: model });
        const attempt = nextRenewalAttempt(x);
        if (attempt === null) assert.equal(marker.marker, 'order', 'bought by hand: the date to order by');
        else assert.equal(marker.renewAt, attempt, `${life} days`);
      }
    });
  }
});
