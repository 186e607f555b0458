// RENEWAL_INTERVAL_TOO_LONG: the rhythm read from CT history (src/core/certificates/renewal-rhythm.ts) and the check
// that judges it against the lifetime calendar (src/core/checks/renewal-interval.ts). Every healthy renewer the issue
// lists must prove no fixed interval; odd and hostile histories must prove nothing and never throw.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { letsEncryptDefaultLifetime } from '../../src/core/certificates/lifetime-calendar';
import {
  fixedInterval,
  nextFixedRun,
  renewalEvents,
  type RenewalEvent,
} from '../../src/core/certificates/renewal-rhythm';
import { timelineMarker } from '../../src/core/certificates/renewal-schedule';
import { checkRenewalInterval } from '../../src/core/checks/renewal-interval';
import type { CheckContext } from '../../src/core/engine/evidence';
import { renewalSummary } from '../../src/core/engine/renewer';
import { verdictLines } from '../../src/core/engine/summary';
import type { CertificateInfo, Finding, Report } from '../../src/core/engine/types';
import { CATALOGUES } from '../../src/core/words/catalogues';
import { makeTranslator } from '../../src/core/words/i18n';
import type { HistoryResult, Issuance } from '../../src/core/sources/ct';
import { codes, ctx, DAY, NOW, XSERVER } from './evidence-builder';

const HOST = 'example.jp';
const LE = (i: Issuance) => i.issuerOrg === "Let's Encrypt";
const issuance = (nb: number, life: number, over: Partial<Issuance> = {}): Issuance => ({
  id: `${nb}/${life}`,
  names: [HOST],
  issuer: 'R11',
  issuerOrg: "Let's Encrypt",
  notBefore: new Date(NOW + nb * DAY).toISOString(),
  notAfter: new Date(NOW + (nb + life) * DAY).toISOString(),
  revoked: false,
  ...over,
});
/** Renewals at these days (relative to NOW), each with its lifetime in days. */
const history = (...certs: [nb: number, life: number][]) => certs.map(([nb, life]) => issuance(nb, life));
const rhythmOf = (list: Issuance[], now = NOW) => fixedInterval(renewalEvents(list, HOST, LE, now));
const days = (ms: number | undefined) => (ms === undefined ? undefined : Math.round((ms / DAY) * 10) / 10);

describe('the renewals in a history', () => {
  it('a precertificate and its certificate, and SAN variants within the hour, are one renewal (the longest lifetime)', () => {
    const precert = issuance(-10, 45);
    const cert = { ...issuance(-10, 45), id: 'cert' };
    const san = issuance(-10 + 0.5 / 24, 46, { names: [HOST, `www.${HOST}`] });
    const events = renewalEvents([san, cert, precert, issuance(-70, 64)], HOST, LE, NOW);
    assert.equal(events.length, 2);
    assert.equal(days(events[1].lifetime), 46);
    assert.ok(events[0].notBefore < events[1].notBefore, 'oldest first, whatever the order given');
  });
  it("only the renewer's CA, the exact name, unrevoked, already valid, and a real lifetime count", () => {
    const events = renewalEvents(
      [
        issuance(-130, 90),
        issuance(-100, 90, { issuer: 'WE1', issuerOrg: 'Google Trust Services' }),
        issuance(-90, 90, { names: [`*.${HOST}`] }),
        issuance(-80, 90, { revoked: true }),
        issuance(-60, -5),
        issuance(3, 90),
        issuance(-40, 90, { notBefore: 'not a date' }),
        issuance(-10, 45),
      ],
      HOST,
      LE,
      NOW,
    );
    assert.deepEqual(
      events.map((e) => days(e.notBefore - NOW)),
      [-130, -10],
    );
  });
});

describe('a fixed interval is proven only by a sequence', () => {
  it('(a) every 60 days while the lifetime went 90 → 64 → 45: proven, 60 days', () => {
    const r = rhythmOf(history([-130, 90], [-70, 64], [-10, 45]));
    assert.equal(r?.proof, 'lifetime-changed');
    assert.equal(days(r?.interval), 60);
  });
  it('(b) every 91 days after 90-day certificates, twice: proven, it lapsed', () => {
    const r = rhythmOf(history([-202, 90], [-111, 90], [-20, 90]));
    assert.equal(r?.proof, 'lapsed');
    assert.equal(days(r?.interval), 91);
  });
  it('healthy: certbot relative to the lifetime across the same change (intervals 60, then 34)', () => {
    assert.equal(rhythmOf(history([-99, 90], [-39, 64], [-5, 45])), null);
  });
  it('healthy: ARI or ⅔ of the lifetime (61, 59, then 43 days), and Caddy on 6-day certificates every 3.3 days', () => {
    assert.equal(rhythmOf(history([-166, 90], [-105, 90], [-46, 64], [-3, 64])), null);
    const six = Array.from({ length: 10 }, (_, k): [number, number] => [-30 + k * 3.3, 6.67]);
    assert.equal(rhythmOf(history(...six)), null);
  });
  it('healthy: every 60 days with 90-day certificates only — certbot and a 60-day cron look alike, nothing is claimed', () => {
    assert.equal(rhythmOf(history([-180, 90], [-120, 90], [-60, 90], [0, 90])), null);
  });
  it('healthy: two servers renewing on their own (25, 35, 25, 35 days apart)', () => {
    assert.equal(rhythmOf(history([-155, 90], [-130, 90], [-95, 90], [-70, 90], [-35, 90], [-10, 90])), null);
  });
  it('an old agreeing run that the newest interval broke proves nothing now; two renewals are no rhythm', () => {
    assert.equal(rhythmOf(history([-190, 90], [-130, 90], [-70, 64], [-40, 45])), null);
    assert.equal(rhythmOf(history([-70, 64], [-10, 45])), null);
  });
  it('odd and hostile histories: thousands of copies, one instant, far dates — nothing proven, nothing thrown', () => {
    const same = Array.from({ length: 5000 }, () => issuance(-10, 45));
    assert.equal(renewalEvents(same, HOST, LE, NOW).length, 1);
    assert.equal(rhythmOf(same), null);
    const far = [
      issuance(-1e7, 90),
      issuance(0, 1e7),
      { ...issuance(-5, 90), notAfter: '+275760-09-13T00:00:00.000Z' },
      { ...issuance(-4, 90), notBefore: '' },
    ];
    assert.equal(rhythmOf(far), null);
    assert.equal(fixedInterval([]), null);
    const flat: RenewalEvent[] = [0, 1, 2].map((k) => ({ notBefore: k, notAfter: k, lifetime: 0 }));
    assert.equal(fixedInterval(flat), null, 'zero lifetimes never divide by zero into a proof');
  });
});

describe("Let's Encrypt's calendar", () => {
  it('90 days, 64 from 2027-02-10, 45 from 2028-02-16 (letsencrypt.org/2025/12/02/from-90-to-45)', () => {
    assert.deepEqual(letsEncryptDefaultLifetime(Date.parse('2027-02-09T23:59:59Z')), { days: 90, since: null });
    assert.deepEqual(letsEncryptDefaultLifetime(Date.parse('2027-02-10T00:00:00Z')), {
      days: 64,
      since: '2027-02-10',
    });
    assert.deepEqual(letsEncryptDefaultLifetime(Date.parse('2028-02-16T00:00:00Z')), {
      days: 45,
      since: '2028-02-16',
    });
  });
});

describe('RENEWAL_INTERVAL_TOO_LONG', () => {
  const served = (list: Issuance[]): CertificateInfo => {
    const last = list[list.length - 1];
    return { ...last, subject: `CN=${HOST}`, source: 'connection' };
  };
  const at = (list: Issuance[], over: { now?: number; history?: HistoryResult; spec?: object } = {}) =>
    ctx({
      a: ['45.76.210.17'],
      ...over.spec,
      patch: {
        now: over.now ?? NOW,
        certificate: served(list),
        ctHistory: over.history ?? { ok: true, issuances: list },
        ct: { ok: true, issuances: list.filter((i) => Date.parse(i.notAfter) > (over.now ?? NOW)) },
      },
    });
  const fixed60 = history([-130, 90], [-70, 64], [-10, 45]);

  it("the owner's fixed 60-day renewer with a 45-day certificate: warn, with the next run and the expiry", () => {
    const c = at(fixed60);
    assert.equal(c.renewer.by, 'owner-acme');
    const f = checkRenewalInterval(c);
    assert.deepEqual(codes(f), ['RENEWAL_INTERVAL_TOO_LONG:warn']);
    assert.equal(f[0].message.key, 'finding_renewal_interval_too_long');
    assert.equal(f[0].message.params?.interval, 60);
    assert.equal(f[0].message.params?.next, new Date(NOW + 50 * DAY).toISOString().slice(0, 10));
    assert.equal(f[0].message.params?.expiry, new Date(NOW + 35 * DAY).toISOString().slice(0, 10));
    assert.ok(f[0].fix?.some((s) => s.key === 'fix_renewal_interval_certbot'));
  });
  it('a proven interval that still fits: nothing (60 days with a 64-day certificate, before the 45-day calendar)', () => {
    assert.deepEqual(codes(checkRenewalInterval(at(history([-190, 90], [-130, 90], [-70, 64], [-10, 64])))), []);
  });
  it('the calendar: 60 days with 64-day certificates, the next one issued after 2028-02-16 lasts 45 days: warn, naming the date', () => {
    const now = Date.parse('2028-01-10T00:00:00Z');
    const shift = (now - NOW) / DAY;
    const list = history([shift - 130, 90], [shift - 70, 64], [shift - 10, 64]);
    const f = checkRenewalInterval(at(list, { now }));
    assert.deepEqual(codes(f), ['RENEWAL_INTERVAL_TOO_LONG:warn']);
    assert.equal(f[0].message.key, 'finding_renewal_interval_too_long_calendar');
    assert.equal(f[0].message.params?.change, '2028-02-16');
    assert.equal(f[0].message.params?.lifetime, 45);
  });
  it('the host renews: the fix is to ask the host, not to edit a cron job', () => {
    const c = at(fixed60, { spec: XSERVER });
    assert.equal(c.renewer.by, 'host');
    const f = checkRenewalInterval(c);
    assert.deepEqual(
      f[0]?.fix?.map((s) => s.key),
      ['fix_renewal_interval_host'],
    );
  });
  it('nothing without the history (crt.sh down: the note says so), for a renewer already late, or a bought certificate', () => {
    assert.deepEqual(codes(checkRenewalInterval(at(fixed60, { history: { ok: false, reason: 'HTTP 502' } }))), []);
    assert.deepEqual(codes(checkRenewalInterval(at(fixed60, { now: NOW + 55 * DAY }))), [], 'RENEWAL_OVERDUE speaks');
    const ov = fixed60.map((i) => ({
      ...i,
      issuer: 'GlobalSign GCC R3 OV TLS CA 2024',
      issuerOrg: 'GlobalSign nv-sa',
    }));
    const c = at(ov);
    assert.equal(c.renewer.by, 'manual');
    assert.deepEqual(codes(checkRenewalInterval(c)), []);
  });
});

describe('when the renewer will next try: the finding and the verdict sentence say one date', () => {
  const en = makeTranslator(CATALOGUES, 'en');
  const ja = makeTranslator(CATALOGUES, 'ja');
  const iso = (ms: number) => new Date(ms).toISOString();
  const date = (ms: number) => iso(ms).slice(0, 10);
  const served = (list: Issuance[]): CertificateInfo => ({
    ...list[list.length - 1],
    subject: `CN=${HOST}`,
    source: 'connection',
  });
  const at = (list: Issuance[], now = NOW, spec: object = { a: ['45.76.210.17'] }) =>
    ctx({
      ...spec,
      patch: {
        now,
        certificate: served(list),
        ctHistory: { ok: true, issuances: list },
        ct: { ok: true, issuances: list.filter((i) => Date.parse(i.notAfter) > now) },
      },
    });
  /** The report as diagnose builds it from a context and its findings (only what the sentence reads). */
  const reportOf = (c: CheckContext, findings: Finding[]): Report => ({
    host: HOST,
    registrableDomain: HOST,
    checkedAt: iso(c.ev.now),
    tier: 'full',
    verdict: findings.some((f) => f.severity === 'warn') ? 'warn' : 'ok',
    provider: c.origin
      ? { id: c.origin.id, name: c.origin.names.en, nameJa: c.origin.names.ja, evidence: [], confidence: 'high' }
      : null,
    cdn: null,
    certificate: c.ev.certificate,
    findings,
    notes: [],
    dns: null,
    renewalPoint: c.renewer.point !== null ? iso(c.renewer.point) : null,
    renewal: renewalSummary(c.renewer),
  });
  const sentence = (r: Report, t: typeof en) =>
    verdictLines(r)
      .map((l) => t(l))
      .join(' ');
  const count = (text: string, needle: string) => text.split(needle).length - 1;
  const fixed60 = history([-130, 90], [-70, 64], [-10, 45]);

  it('a fixed 60-day renewer: the next run is notBefore + 60 days in both, never ⅓ of the lifetime before expiry', () => {
    const c = at(fixed60);
    const f = checkRenewalInterval(c);
    const next = NOW + 50 * DAY;
    assert.equal(c.renewer.fixed?.next, next);
    assert.equal(nextFixedRun(c.renewer.fixed!.rhythm, NOW), next);
    assert.equal(f[0].evidence?.[2], `next ${date(next)}, expires ${date(NOW + 35 * DAY)}`);
    // The renewal point RENEWAL_OVERDUE judges by (and the JSON's renewalPoint) stays ⅓ of the lifetime.
    const third = NOW + 20 * DAY;
    assert.equal(c.renewer.point, third);
    const r = reportOf(c, f);
    assert.equal(r.renewal?.nextRun, iso(next));
    for (const t of [en, ja]) {
      const text = sentence(r, t);
      // Each date once: the expiry (its own sentence) and the next run (its own sentence), not in the finding too.
      assert.equal(count(text, date(next)), 1, text);
      assert.equal(count(text, date(NOW + 35 * DAY)), 1, text);
      assert.ok(!text.includes(date(third)), `the ⅓-of-lifetime date is no renewal this renewer makes: ${text}`);
    }
    // The popup's timeline marks the same run (after expiry: the bar ends before it), not the ⅓ point.
    const cert = r.certificate!;
    assert.deepEqual(timelineMarker(cert, { nextRun: r.renewal?.nextRun }), {
      renewAt: next,
      retries: [],
      marker: 'renew',
    });
    assert.equal(timelineMarker(cert).renewAt, third, 'without a proven rhythm: the certificate’s own point');
    assert.equal(timelineMarker(cert, { by: 'manual', nextRun: iso(next) }).marker, 'order');
    assert.match(sentence(r, en), new RegExp(`The next renewal runs around ${date(next)}\\.`));
    assert.match(sentence(r, ja), new RegExp(`次の更新は${date(next)}ごろに実行されます`));
  });

  it("the finding's own message names no date the summary already says, in English and Japanese", () => {
    const [f] = checkRenewalInterval(at(fixed60));
    for (const t of [en, ja]) assert.ok(!/\d{4}-\d\d-\d\d/.test(t(f.message)), t(f.message));
    // The calendar variant names what the summary does not: the next certificate's expiry and the run after it.
    const now = Date.parse('2028-01-10T00:00:00Z');
    const shift = (now - NOW) / DAY;
    const list = history([shift - 130, 90], [shift - 70, 64], [shift - 10, 64]);
    const c = at(list, now);
    const [g] = checkRenewalInterval(c);
    const next = String(g.message.params?.next);
    for (const t of [en, ja]) {
      const text = t(g.message);
      assert.ok(text.includes(String(g.message.params?.expiry)) && text.includes(String(g.message.params?.after)));
      assert.ok(!text.includes(next), `the next run is the summary's: ${text}`);
      const all = sentence(reportOf(c, [g]), t);
      assert.equal(count(all, next), 1, all);
    }
  });

  it("the host's documented schedule yields to the rhythm CT proves (Xserver's 30 days before expiry is not what ran)", () => {
    const c = at(fixed60, NOW, XSERVER);
    assert.equal(c.renewer.by, 'host');
    const text = sentence(reportOf(c, checkRenewalInterval(c)), en);
    assert.ok(!/renews 30 days before expiry/.test(text), text);
    assert.match(text, new RegExp(`runs around ${date(NOW + 50 * DAY)}`));
    // Without a proven rhythm the host's schedule is said as before.
    const plain = ctx({ ...XSERVER, patch: { certificate: served(fixed60) } });
    assert.match(sentence(reportOf(plain, []), en), /Xserver renews 30 days before expiry/);
  });

  it('no proven rhythm, or a renewer already late for it: the renewal point, as before', () => {
    // certbot relative to the lifetime: nothing proven.
    const certbot = at(history([-99, 90], [-39, 64], [-5, 45]));
    assert.equal(certbot.renewer.fixed, null);
    assert.equal(reportOf(certbot, []).renewal?.nextRun, undefined);
    assert.match(sentence(reportOf(certbot, []), en), /Renewal is due around/);
    // The 60-day run is 5 days late (more than the 2 days two intervals may differ): stalled, RENEWAL_OVERDUE's.
    const late = at(fixed60, NOW + 55 * DAY);
    assert.ok(late.renewer.fixed, 'the rhythm is still proven');
    assert.equal(late.renewer.fixed?.next, null);
    assert.equal(reportOf(late, []).renewal?.nextRun, undefined);
  });
});
