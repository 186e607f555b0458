// The watch list's scheduling and state changes, with a fake clock.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DAY, HOUR } from '../../src/core/engine/time';
import type { Report } from '../../src/core/engine/types';
import {
  addSite,
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
  it('past the renewal point, and the last 7 days, notify', () => {
    const s = recordResult(fresh(), report('ok', [], 30), T0, DAY).site;
    assert.equal(
      recordResult(s, report('warn', [['RENEWAL_OVERDUE', 'warn']], 20), T0 + DAY, DAY).notice?.kind,
      'worse',
    );
    const w = recordResult(fresh(), report('warn', [['RENEWAL_OVERDUE', 'warn']], 9), T0, DAY).site;
    assert.equal(
      recordResult(w, report('warn', [['RENEWAL_OVERDUE', 'warn']], 7), T0 + DAY, DAY).notice?.kind,
      'last-week',
    );
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
