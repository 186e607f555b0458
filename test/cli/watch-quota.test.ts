// A watch list of 200 sites over a simulated day against the lab's Cert Spotter, whose free tier allows 100
// queries an hour (429 with Retry-After beyond): the watch scheduler (src/shared/watch.ts, as the background runs
// it every 10 minutes), the engine, and the caches composed as the background composes them (CT answers kept 6
// hours, the CA status page 10 minutes, the CT budget shared). A browser's alarms cannot be sped up, so the
// clock is simulated here; everything else is the real code against real HTTP. Reports requests per hour.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { diagnose } from '../../src/core/engine/diagnose';
import { memoize } from '../../src/core/network/http-share';
import { FREE_HOURLY_BUDGET, type CtQuota } from '../../src/core/sources/ct';
import { nodeHttpClient } from '../../src/cli/node-transports';
import { HOUR } from '../../src/core/engine/time';
import { addSite, dueSites, emptyWatchList, recordResult, type WatchList } from '../../src/shared/watch';
import { labDiagnoseConfig } from '../lab/diagnose-config';
import { Lab } from '../lab/server';
import { loadWorlds, type World } from '../lab/world';

const SITES = 200;
let lab: Lab;
let worlds: World[];

before(async () => {
  const template = loadWorlds((w) => w.id === 'xserver-healthy')[0];
  worlds = Array.from({ length: SITES }, (_, i) => {
    const d = `watch-${String(i).padStart(3, '0')}-shop.jp`;
    return { ...JSON.parse(JSON.stringify(template).split(template.target).join(d)), id: `watch-${i}` } as World;
  });
  lab = await Lab.start({ worlds, ctQuotaPerHour: 100 });
});
after(() => lab?.close());

describe('a watch list of 200 sites over a simulated day', () => {
  it('stays within the free CT quota (no 429), and fetches the status page at most once per 10 minutes', async () => {
    let now = lab.now;
    lab.ctClock = () => now;
    const clock = { now: () => now };
    const statusUrl = lab.caStatusUrl();
    const http = memoize(
      memoize(nodeHttpClient, (u) => u.includes('/v1/issuances?'), 6 * HOUR, clock),
      (u) => u === statusUrl,
      10 * 60_000,
      clock,
    );
    const ctQuota: CtQuota = { blockedUntil: 0, hourlyBudget: FREE_HOURLY_BUDGET };
    const interval = 24 * HOUR;
    let list: WatchList = emptyWatchList();
    for (const w of worlds) {
      const r = addSite(list, w.target, now);
      if ('list' in r) list = r.list;
    }
    const perHour: { ct: number; status: number; rdap: number; ct429: number }[] = [];
    const start = now;
    let checks = 0;
    for (let tick = 0; tick < 6 * 24; tick++) {
      now = start + tick * 10 * 60_000;
      const hour = Math.floor(tick / 6);
      perHour[hour] ??= { ct: 0, status: 0, rdap: 0, ct429: 0 };
      const mark = lab.log.length;
      for (const host of dueSites(list, now)) {
        const report = await diagnose(
          host,
          labDiagnoseConfig(lab, {
            http,
            clock,
            acceptUntrusted: false,
            timeoutMs: 3000,
            ctQuota,
            caStatusUrl: statusUrl,
          }),
        );
        checks++;
        list = {
          ...list,
          sites: { ...list.sites, [host]: recordResult(list.sites[host], report, now, interval).site },
        };
      }
      const entries = lab.log.slice(mark);
      perHour[hour].ct += entries.filter((e) => e.kind === 'ct').length;
      perHour[hour].status += entries.filter((e) => e.kind === 'status').length;
      perHour[hour].rdap += entries.filter((e) => e.kind === 'rdap').length;
    }
    const maxCt = Math.max(...perHour.map((h) => h.ct));
    const maxStatus = Math.max(...perHour.map((h) => h.status));
    const checked = Object.values(list.sites).filter((s) => s.lastCheckedAt !== null).length;
    console.log(
      `    ${checks} checks of ${SITES} sites in 24 simulated hours; requests per hour — CT: ${perHour.map((h) => h.ct).join(' ')}; status page: ${perHour.map((h) => h.status).join(' ')}`,
    );
    assert.equal(checked, SITES, 'every site checked within the day');
    assert.ok(maxCt <= 100, `CT requests in one hour: ${maxCt} (free tier: 100)`);
    assert.ok(maxStatus <= 6, `status page fetched ${maxStatus} times in one hour`);
    assert.equal(ctQuota.blockedUntil, 0, 'the lab never had to answer 429');
  });
});
