// Chrome stops the service worker when idle and drops its globals: a check interrupted by that must not leave
// "…" behind, and the next navigation must still be right (CDP ServiceWorker.stopAllWorkers kills it).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Lab } from '../lab/server';
import { loadWorlds } from '../lab/world';
import { launchChromium } from './harness';

export function workerSuite() {
  describe('chromium: the service worker killed mid-check', () => {
    let lab: Lab;
    let b: Awaited<ReturnType<typeof launchChromium>>;
    before(async () => {
      lab = await Lab.start({ worlds: loadWorlds(), latencyMs: 400 });
      b = await launchChromium(lab);
      await b.configure({
        'DNS-over-HTTPS resolver': lab.dohUrl,
        'Certificate Transparency API': lab.ctBase,
        'CA status URL': lab.caStatusUrl(),
        'RDAP server': lab.rdapBase,
      });
    });
    after(async () => {
      await b?.close();
      await lab?.close();
    });

    it('no badge stays on "…", and the next navigation is right', async () => {
      const page = await b.ctx.newPage();
      const cdp = await b.ctx.newCDPSession(page);
      lab.resetLog();
      const tab = await b.visit('https://hayamiz-shop.jp/');
      // Wait until the check is in flight (DoH requests reached the lab, 400 ms each), then kill the worker.
      for (let i = 0; i < 50 && lab.count('doh') === 0; i++) await new Promise((r) => setTimeout(r, 20));
      assert.ok(lab.count('doh') > 0, 'the check started');
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      // The worker comes back on the next event; its start-up finishes stale "checking" tabs.
      await b.visit('https://sakura-mochi-tanaka.jp/');
      const first = await b.settled(tab, 30_000);
      assert.notEqual(first.badge.text, '…');
      // Automatic tier: Xserver named by its mail only, so warn (docs/design.md "Who renews the certificate").
      assert.equal(first.state.report?.verdict, 'warn');
      await b.visit('https://kyoto-kimono-rental.jp/', tab);
      const next = await b.settled(tab, 30_000, 'https://kyoto-kimono-rental.jp/');
      assert.equal(next.state.report?.verdict, 'ok');
      assert.equal(next.badge.text, '');
    });
  });
}
