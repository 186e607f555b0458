// Firefox's built-in consent for data transmission: a user who has not agreed (or declined at install) gets no
// check and no request leaves the browser; the popup says why and asks; one click (a real one) allows it.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Lab } from '../lab/server';
import { loadWorlds } from '../lab/world';
import { launchFirefox, ROOT, type ExtensionBrowser } from './harness';

export function consentSuite() {
  describe('firefox: consent to sending site names declined', () => {
    let lab: Lab;
    let b: ExtensionBrowser & { browser: import('puppeteer-core').Browser };
    before(async () => {
      lab = await Lab.start({ worlds: loadWorlds() });
      b = await launchFirefox(lab, { consent: false });
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

    it('no automatic check and no request; the popup says why; Allow checks the site', async () => {
      lab.resetLog();
      const tab = await b.visit('https://hayamiz-shop.jp/');
      // The navigation has been handled to its end (it set the badge) and left the tab idle: a check, had one
      // started, would have asked the resolver before setting any badge.
      const waiting = 'Renewal Radar: waiting for your permission to check sites';
      for (let i = 0; i < 100 && (await b.badge(tab)).title !== waiting; i++)
        await new Promise((r) => setTimeout(r, 100));
      assert.equal((await b.badge(tab)).title, waiting);
      assert.equal((await b.state(tab))?.status, 'idle');
      assert.equal(lab.count('doh') + lab.count('ct') + lab.count('rdap') + lab.count('status'), 0, 'nothing was sent');

      const page = await b.browser.newPage();
      await page.setViewport({ width: 400, height: 600 });
      const base = await b.evalExtension<string>('async () => location.origin');
      void page.goto(`${base}/popup.html?tab=${tab}`).catch(() => {});
      const deadline = Date.now() + 15_000;
      while (
        Date.now() < deadline &&
        (await page.evaluate(() => document.body?.dataset.state).catch(() => null)) !== 'needs-consent'
      )
        await new Promise((r) => setTimeout(r, 100));
      const text = await page.evaluate(() => document.body.innerText);
      assert.match(text, /Not checked: Renewal Radar is waiting for your permission\./);
      assert.match(text, /Until you allow it, nothing is sent and no site is checked\./);
      await page.screenshot({
        path: path.join(ROOT, 'artifacts', 'screenshots', 'firefox-consent-en.png') as `${string}.png`,
      });
      assert.equal(lab.count('doh'), 0, 'opening the popup sent nothing either');

      await page.click('button.primary');
      while (
        Date.now() < deadline + 20_000 &&
        !['fail', 'warn', 'ok', 'unknown'].includes(
          await page.evaluate(() => document.body?.dataset.state ?? '').catch(() => ''),
        )
      )
        await new Promise((r) => setTimeout(r, 100));
      assert.equal(
        await page.evaluate(() => document.body.dataset.state),
        'fail',
        'the seed case, checked once allowed',
      );
      assert.ok(lab.count('doh') > 0);
      await page.close();
    });
  });
}
