// The watch list's scheduling and state changes, with a fake clock.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expiringSoon } from '../../src/core/checks/certificate';
import { renewalPoint } from '../../src/core/engine/evidence';
import { graceFor } from '../../src/core/engine/renewer';
import { DAY, HOUR } from '../../src/core/engine/time';
import type { Report } from '../../src/core/engine/types';
import { CATALOGUES } from '../../src/core/words/catalogues';
import { makeTranslator } from '../../src/core/words/i18n';
import {
  addSite,
  lastStretch,
  type Notice,
  noticeMessage,
  dueSites,
  emptyWatchList,
  exportData,
  MAX_PER_TICK,
  migrateWatchList,
  nextSlot,
  offsetFor,
  parseImport,
  checkInterval,
  recordResult,
  removeSite,
  repeatQuiet,
  summarize,
  urgency,
  type WatchList,
} from '../../src/shared/watch';

const T0 = Date.parse('2026-11-28T00:00:00Z');
const report = (
  verdict: Report['verdict'],
  codes: [string, 'fail' | 'warn' | 'info'][] = [],
  notAfterDays = 60,
): Report => ({
  host: 'example.jp',
  registrableDomain: 'example.jp',
  checkedAt: new Date(T0).toISOString(),
  tier: 'full',
  verdict,
  provider: null,
  cdn: null,
  certificate: {
    issuer: 'R11',
    subject: '',
    names: ['example.jp'],
    notBefore: new Date(T0 - 30 * DAY).toISOString(),
    notAfter: new Date(T0 + notAfterDays * DAY).toISOString(),
    source: 'ct',
  },
  findings: codes.map(([code, severity]) => ({ code: code as never, severity, message: { key: 'verdict_ok' } })),
  notes: [],
  dns: null,
  renewalPoint: null,
});

describe('watch list scheduling', () => {
  it('checks a site often enough for its own certificate: 6-day certificates twice a day, near expiry more often', () => {
    const sixDay = (left: number): Report => {
      const r = report('ok');
      r.certificate = {
        ...r.certificate!,
        notBefore: new Date(T0 - (6 - left) * DAY).toISOString(),
        notAfter: new Date(T0 + left * DAY).toISOString(),
      };
      return r;
    };
    // A 90-day certificate with 60 days left keeps the user's daily check; a 6-day one is checked every 12 hours.
    assert.equal(checkInterval(report('ok', [], 60), DAY, T0), DAY);
    assert.equal(checkInterval(sixDay(5), DAY, T0), 12 * HOUR);
    // Two days before expiry (a stalled 6-day renewal, or any certificate): every 12 hours; never more than hourly.
    assert.equal(checkInterval(report('ok', [], 2), DAY, T0), 12 * HOUR);
    assert.equal(checkInterval(sixDay(0.1), DAY, T0), HOUR);
    // Without a certificate, the user's interval.
    assert.equal(checkInterval({ ...report('ok'), certificate: null }, 6 * HOUR, T0), 6 * HOUR);
    // recordResult schedules with it: the next check of a 6-day certificate is within 12 hours.
    const added = addSite(emptyWatchList(), 'example.jp', T0);
    assert.ok('list' in added);
    const next = recordResult(added.list.sites['example.jp'], sixDay(5), T0, DAY).site.nextCheckAt;
    assert.ok(next > T0 && next <= T0 + 12 * HOUR, `${(next - T0) / HOUR} h`);
  });
  it('spreads 200 sites over the day, each on a stable slot in the future', () => {
    const offsets = Array.from({ length: 200 }, (_, i) => offsetFor(`shop${i}.example.jp`, DAY));
    const perHour = new Array(24).fill(0);
    for (const o of offsets) perHour[Math.floor(o / HOUR)]++;
    assert.ok(Math.max(...perHour) <= 20, `at most 20 in one hour: ${perHour}`);
    assert.equal(offsetFor('a.jp', DAY), offsetFor('a.jp', DAY));
    const slot = nextSlot('a.jp', T0, DAY);
    assert.ok(slot > T0 && slot <= T0 + DAY);
    assert.equal(nextSlot('a.jp', slot, DAY), slot + DAY);
  });
  it('a day of 10-minute ticks checks every one of 200 sites once, at most 8 per tick (≤ 48 CT queries an hour)', () => {
    let list: WatchList = emptyWatchList();
    for (let i = 0; i < 200; i++) {
      const r = addSite(list, `shop${i}.example.jp`, T0 - DAY);
      assert.ok('list' in r);
      list = r.list;
    }
    // Already checked once: each waits for its own slot.
    for (const s of Object.values(list.sites)) {
      s.nextCheckAt = nextSlot(s.host, T0, DAY);
      s.last = null;
    }
    const checked = new Map<string, number>();
    let maxPerTick = 0;
    for (let now = T0; now <= T0 + DAY; now += 10 * 60_000) {
      const due = dueSites(list, now);
      maxPerTick = Math.max(maxPerTick, due.length);
      for (const h of due) {
        checked.set(h, (checked.get(h) ?? 0) + 1);
        list.sites[h] = recordResult(list.sites[h], report('ok'), now, DAY).site;
      }
    }
    assert.equal(checked.size, 200);
    assert.ok(
      [...checked.values()].every((n) => n === 1),
      'once each in the day',
    );
    assert.ok(maxPerTick <= MAX_PER_TICK, `max ${maxPerTick} per tick`);
  });
  it('a new site is due at once; removal works; invalid input is refused with a reason', () => {
    const r = addSite(emptyWatchList(), 'https://例え.jp/shop', T0);
    assert.ok('list' in r && r.host === 'xn--r8jz45g.jp');
    assert.deepEqual(dueSites(r.list, T0), ['xn--r8jz45g.jp']);
    assert.deepEqual(removeSite(r.list, r.host).sites, {});
    const bad = addSite(emptyWatchList(), 'exa mple..com', T0);
    assert.ok('error' in bad && bad.error.length > 0);
    assert.ok('error' in addSite(emptyWatchList(), '192.0.2.1', T0));
  });
});

describe('watch list state changes and notifications', () => {
  const fresh = () => {
    const r = addSite(emptyWatchList(), 'example.jp', T0);
    assert.ok('list' in r);
    return r.list.sites['example.jp'];
  };
  it('notifies on ok → fail, once; not again for the same state within a day', () => {
    let s = recordResult(fresh(), report('ok'), T0, DAY).site;
    const worse = recordResult(s, report('fail', [['PROXIED_BY_CDN', 'fail']]), T0 + HOUR, DAY);
    assert.equal(worse.notice?.kind, 'worse');
    s = worse.site;
    assert.equal(recordResult(s, report('fail', [['PROXIED_BY_CDN', 'fail']]), T0 + 2 * HOUR, DAY).notice, null);
  });
  it('the same notification again is held back a day for a 90-day certificate, about 1.6 hours for a 6-day one', () => {
    // ok → fail → ok → fail: the second fail is the same state. A 90-day certificate: not again within the day.
    const flap = (r: (v: Report['verdict'], codes?: [string, 'fail'][]) => Report, second: number) => {
      let s = recordResult(fresh(), r('ok'), T0, DAY).site;
      const first = recordResult(s, r('fail', [['PROXIED_BY_CDN', 'fail']]), T0 + HOUR, DAY);
      assert.equal(first.notice?.kind, 'worse');
      s = recordResult(first.site, r('ok'), T0 + 2 * HOUR, DAY).site;
      return recordResult(s, r('fail', [['PROXIED_BY_CDN', 'fail']]), T0 + HOUR + second, DAY).notice;
    };
    const ninety = (v: Report['verdict'], codes: [string, 'fail'][] = []) => certified(report(v, codes), T0 + DAY, 90);
    assert.equal(flap(ninety, 6 * HOUR), null);
    assert.equal(flap(ninety, DAY)?.kind, 'worse');
    // A 6-day certificate with a day left is checked every 6 hours (checkInterval): a day held back is a sixth of
    // its life and outlasts it. 1/90 of its lifetime (as lastStretch's 7/90): the repeat 6 hours later notifies.
    const six = (v: Report['verdict'], codes: [string, 'fail'][] = []) => certified(report(v, codes), T0 + DAY, 6);
    assert.equal(repeatQuiet(summarize(six('ok'))), (6 * DAY) / 90);
    assert.equal(flap(six, 6 * HOUR)?.kind, 'worse');
    assert.equal(flap(six, HOUR), null, 'a flap within the hour is still one notification');
    // At most a day (a 397-day certificate), at least an hour, a day when the lifetime is not known.
    assert.equal(repeatQuiet(summarize(certified(report('ok'), T0 + DAY, 397))), DAY);
    assert.equal(
      repeatQuiet({ notBefore: new Date(T0).toISOString(), notAfter: new Date(T0 + DAY).toISOString() }),
      HOUR,
    );
    assert.equal(repeatQuiet({ notAfter: new Date(T0 + DAY).toISOString() }), DAY);
  });
  it('a new fail on an already failing site notifies; healthy sites never do', () => {
    const s = recordResult(fresh(), report('fail', [['PROXIED_BY_CDN', 'fail']]), T0, DAY).site;
    assert.equal(
      recordResult(
        s,
        report('fail', [
          ['PROXIED_BY_CDN', 'fail'],
          ['CAA_FORBIDS_CA', 'fail'],
        ]),
        T0 + HOUR,
        DAY,
      ).notice?.kind,
      'new-fail',
    );
    const ok = recordResult(fresh(), report('ok'), T0, DAY);
    assert.equal(ok.notice, null);
    assert.equal(recordResult(ok.site, report('ok'), T0 + DAY, DAY).notice, null);
  });
  it('past the renewal point, and the last stretch of a new certificate, notify', () => {
    const s = recordResult(fresh(), report('ok', [], 30), T0, DAY).site;
    assert.equal(
      recordResult(s, report('warn', [['RENEWAL_OVERDUE', 'warn']], 20), T0 + DAY, DAY).notice?.kind,
      'worse',
    );
    // A 90-day certificate replaced by one already in its last 7 days.
    const ninety = (left: number) => certified(report('warn', [['RENEWAL_OVERDUE', 'warn']]), T0 + left * DAY, 90);
    const w = recordResult(fresh(), ninety(9), T0, DAY).site;
    assert.equal(recordResult(w, ninety(7), T0 + DAY, DAY).notice?.kind, 'last-stretch');
  });
  it('a failed check is retried in an hour and shown as unknown, never ok', () => {
    const s = recordResult(fresh(), report('ok'), T0, DAY).site;
    const failed = recordResult(s, null, T0 + DAY, DAY);
    assert.equal(failed.site.last?.verdict, 'unknown');
    assert.equal(failed.site.nextCheckAt, T0 + DAY + HOUR);
    assert.equal(failed.site.failures, 1);
    assert.equal(failed.notice, null);
  });
  it('sorts by urgency: fail, unknown, warn, ok', () => {
    const mk = (v: Report['verdict']) => recordResult(fresh(), report(v), T0, DAY).site;
    const sorted = [mk('ok'), mk('fail'), mk('warn'), mk('unknown')]
      .sort((a, b) => urgency(a) - urgency(b))
      .map((x) => x.last?.verdict);
    assert.deepEqual(sorted, ['fail', 'unknown', 'warn', 'ok']);
  });
});

/** The report with its certificate: `days` long, expiring at `notAfter`. */
function certified(r: Report, notAfter: number, days: number): Report {
  return {
    ...r,
    certificate: {
      ...r.certificate!,
      notBefore: new Date(notAfter - days * DAY).toISOString(),
      notAfter: new Date(notAfter).toISOString(),
    },
  };
}

/** What the engine says of a certificate nobody renews, at `now`: the rules' own functions (RENEWAL_OVERDUE past
 * the renewal point and its grace, CERT_EXPIRING_SOON under ⅙ of the lifetime), no newer certificate in CT. */
function stalled(notBefore: number, notAfter: number, now: number): Report {
  const c = { notBefore: new Date(notBefore).toISOString(), notAfter: new Date(notAfter).toISOString() };
  const findings: [string, 'warn'][] = [];
  if (now > renewalPoint(c) + graceFor(c)) findings.push(['RENEWAL_OVERDUE', 'warn']);
  if (expiringSoon(c, now)) findings.push(['CERT_EXPIRING_SOON', 'warn']);
  const r = report(findings.length ? 'warn' : 'ok', findings);
  return {
    ...r,
    checkedAt: new Date(now).toISOString(),
    certificate: { ...r.certificate!, ...c },
    renewalPoint: new Date(renewalPoint(c)).toISOString(),
  };
}

/** Watches one site from `from` to `to`, each check at the time its schedule (checkInterval) says. */
function watch(at: (now: number) => Report, from: number, to: number, interval = DAY) {
  const added = addSite(emptyWatchList(), 'example.jp', from);
  assert.ok('list' in added);
  let site = added.list.sites['example.jp'];
  const notices: { at: number; notice: Notice; report: Report }[] = [];
  const checks: number[] = [];
  for (let now = from; now <= to; now = site.nextCheckAt) {
    const r = at(now);
    const out = recordResult(site, r, now, interval);
    checks.push(now);
    if (out.notice) notices.push({ at: now, notice: out.notice, report: r });
    site = out.site;
  }
  return { notices, checks };
}

describe('notifications relative to the certificate’s lifetime', () => {
  const en = makeTranslator(CATALOGUES, 'en');
  const ja = makeTranslator(CATALOGUES, 'ja');
  it('the last stretch: 7 days of a 90-day certificate, about 11 hours of a 6-day one, 7 days when unknown', () => {
    const s = (days: number) => ({
      notBefore: new Date(T0).toISOString(),
      notAfter: new Date(T0 + days * DAY).toISOString(),
    });
    assert.equal(lastStretch(s(90)), 7 * DAY);
    assert.equal(lastStretch(s(397)), 7 * DAY);
    assert.equal(lastStretch(s(45)), 3.5 * DAY);
    assert.equal(lastStretch(s(6)), (6 * 7 * DAY) / 90);
    assert.ok(lastStretch(s(6)) > 11 * HOUR && lastStretch(s(6)) < 12 * HOUR);
    assert.equal(lastStretch({ notAfter: s(6).notAfter }), 7 * DAY, 'a summary stored before its lifetime was kept');
  });
  it('a healthy 6-day certificate, renewed every 3 days and watched for 30 days, never notifies', () => {
    // Issued at T0 + 3k days, each lasts 6: the one served at `now` is the newest.
    const healthy = (now: number) => {
      const issued = T0 + Math.floor((now - T0) / (3 * DAY)) * 3 * DAY;
      return certified(report('ok'), issued + 6 * DAY, 6);
    };
    const { notices, checks } = watch(healthy, T0 + HOUR, T0 + 30 * DAY);
    assert.deepEqual(notices, []);
    assert.ok(checks.length >= 60, `checked twice a day: ${checks.length}`);
  });
  it('a 90-day certificate keeps its behaviour: one notice entering its last 7 days, said in days', () => {
    const issued = T0 - 80 * DAY;
    // Its renewal stalled long ago: warned (and notified) once; then the last 7 days, once.
    const { notices } = watch((now) => stalled(issued, issued + 90 * DAY, now), T0, issued + 90 * DAY);
    assert.deepEqual(
      notices.map((n) => n.notice.kind),
      ['worse', 'last-stretch'],
    );
    const last = notices[1];
    const left = issued + 90 * DAY - last.at;
    assert.ok(left <= 7 * DAY && left > 6 * DAY, `${left / DAY} days left`);
    assert.match(noticeMessage(last.notice, last.report, last.at, en), /expires on \d{4}-\d{2}-\d{2}, in [67] days\./);
    assert.doesNotMatch(noticeMessage(last.notice, last.report, last.at, en), /hours/);
  });
  it('a stalled 6-day renewal notifies within hours of its grace, and again hours before expiry, said in hours', () => {
    const issued = T0;
    const c = { notBefore: new Date(issued).toISOString(), notAfter: new Date(issued + 6 * DAY).toISOString() };
    const overdueAt = renewalPoint(c) + graceFor(c);
    const { notices } = watch((now) => stalled(issued, issued + 6 * DAY, now), T0 + HOUR, issued + 6 * DAY);
    assert.deepEqual(
      notices.map((n) => n.notice.kind),
      ['worse', 'last-stretch'],
    );
    // The stall is noticed within 12 hours of the renewal point's grace, days before expiry — not on day 1.
    assert.ok(
      notices[0].at > overdueAt && notices[0].at - overdueAt <= 12 * HOUR,
      `${(notices[0].at - overdueAt) / HOUR} h`,
    );
    // Hours before expiry (its last stretch, about 11 hours), said in hours.
    const last = notices[1];
    const left = issued + 6 * DAY - last.at;
    assert.ok(left > 0 && left <= lastStretch(c), `${left / HOUR} hours left`);
    assert.match(
      noticeMessage(last.notice, last.report, last.at, en),
      /expires in \d{1,2} hours \(\d{4}-\d{2}-\d{2}\)\./,
    );
    assert.match(noticeMessage(last.notice, last.report, last.at, ja), /残り\d{1,2}時間/);
  });
  it('a 6-day certificate is never "expires in 5 days" on day 1, even when first watched', () => {
    const r = certified(report('ok'), T0 + 5 * DAY, 6);
    const first = recordResult(addSiteAt(T0), r, T0, DAY);
    assert.equal(first.notice, null);
    // The same certificate under an older (7-day) rule would have been "its last week" at once.
    const old = { ...first.site.last!, notBefore: undefined };
    assert.equal(lastStretch(old), 7 * DAY);
  });
  it('the text: hours under 2 days, days above, "was due" for a past renewal point, nothing for an expired one', () => {
    const r = certified(report('warn', [['CERT_EXPIRING_SOON', 'warn']]), T0 + 47 * HOUR, 90);
    const due = { ...r, renewalPoint: new Date(T0 - 28 * DAY).toISOString() };
    const overdue: Notice = { key: 'k', kind: 'overdue' };
    assert.match(
      noticeMessage(overdue, due, T0, en),
      /Renewal was due around \d{4}-\d{2}-\d{2}\. .*expires in 47 hours/,
    );
    assert.match(noticeMessage(overdue, due, T0, ja), /更新時期の目安は.*ごろでした。.*残り47時間/);
    const later = certified(report('warn', [['CERT_EXPIRING_SOON', 'warn']]), T0 + 49 * HOUR, 90);
    assert.match(noticeMessage(overdue, later, T0, en), /in 2 days\./);
    const expired = certified(report('fail', [['CERT_EXPIRED', 'fail']]), T0 - HOUR, 90);
    assert.doesNotMatch(noticeMessage({ key: 'k', kind: 'worse' }, expired, T0, en), /expires/);
    // A worse verdict far from expiry: the main finding only, no countdown.
    const far = report('fail', [['CAA_FORBIDS_CA', 'fail']], 60);
    assert.doesNotMatch(noticeMessage({ key: 'k', kind: 'worse' }, far, T0, en), /expires/);
  });
});

function addSiteAt(now: number) {
  const r = addSite(emptyWatchList(), 'example.jp', now);
  assert.ok('list' in r);
  return r.list.sites['example.jp'];
}

describe('watch list schema, export and import', () => {
  it('migrates every earlier schema without losing an entry', () => {
    const v1 = ['example.jp', 'WWW.Shop.CO.JP', '例え.jp'];
    const m = migrateWatchList(v1, T0, DAY);
    assert.deepEqual(Object.keys(m.sites).sort(), ['example.jp', 'www.shop.co.jp', 'xn--r8jz45g.jp']);
    assert.equal(m.schema, 2);
    const again = migrateWatchList(JSON.parse(JSON.stringify(m)), T0 + DAY, DAY);
    assert.deepEqual(again, m, 'the current schema round-trips unchanged');
    assert.deepEqual(migrateWatchList(undefined, T0, DAY).sites, {});
    assert.deepEqual(migrateWatchList('garbage', T0, DAY).sites, {});
    assert.deepEqual(
      Object.keys(
        migrateWatchList({ schema: 2, sites: { 'ok.jp': { lastCheckedAt: 'x' }, 'bad host!': {} } }, T0, DAY).sites,
      ),
      ['ok.jp'],
    );
  });
  it('export → import round-trips; a bad file changes nothing and says why', () => {
    let list = emptyWatchList();
    for (const h of ['a.jp', 'b.jp']) {
      const r = addSite(list, h, T0);
      assert.ok('list' in r);
      list = r.list;
    }
    const file = JSON.stringify(exportData(list, { 'a.jp': 'xserver' }, T0));
    const back = parseImport(file, ['xserver']);
    assert.deepEqual(back, { ok: true, sites: ['a.jp', 'b.jp'], overrides: { 'a.jp': 'xserver' } });
    for (const [bad, why] of [
      ['not json', /JSON/],
      ['{"format":"other"}', /not a Renewal Radar/],
      ['{"format":"renewal-radar-watchlist","version":9}', /version/],
      ['{"format":"renewal-radar-watchlist","version":1,"sites":["ok.jp","exa mple..com"]}', /invalid site/],
      [
        '{"format":"renewal-radar-watchlist","version":1,"sites":[],"overrides":{"a.jp":"nope"}}',
        /unknown host provider/,
      ],
    ] as const) {
      const r = parseImport(bad, ['xserver']);
      assert.ok(!r.ok && why.test(r.reason), `${bad}: ${JSON.stringify(r)}`);
    }
  });
});
