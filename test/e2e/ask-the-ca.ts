// "Ask the CA" from the popup, in a real browser, against Let's Encrypt's pebble (Debian's package) wired to the lab
// as the CLI's dry-run tests use it (test/lab/pebble.ts): its validators really connect to the lab's sites. The
// button is clicked in the popup; the worker owns the conversation, so the popup is closed right after the click
// and the answer read when it is opened again.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Pebble } from '../lab/pebble';
import { Lab } from '../lab/server';
import { loadWorlds } from '../lab/world';
import { type ExtensionBrowser, labEndpoints } from './harness';
import { SHOTS } from './scenarios';

const target = (id: string) => loadWorlds((w) => w.id === id)[0].target;

export function askCaSuite(name: 'chromium' | 'firefox', launch: (lab: Lab) => Promise<ExtensionBrowser>) {
  describe(`${name}: Ask the CA (pebble)`, () => {
    let lab: Lab;
    let pebble: Pebble;
    let b: ExtensionBrowser;
    const endpoints = (directory: string) => ({ ...labEndpoints(lab), 'ACME directory for “Ask the CA”': directory });
    before(async () => {
      lab = await Lab.start({ worlds: loadWorlds() });
      pebble = await Pebble.start(lab);
      b = await launch(lab);
      await b.configure(endpoints(pebble.directoryUrl));
    });
    after(async () => {
      await b?.close();
      await pebble?.close();
      await lab?.close();
    });

    /** Visits the site, opens the popup (full check), clicks the button, closes the popup; then waits for the answer. */
    async function ask(host: string, shot?: string, lang: 'en' | 'ja' = 'en') {
      const tab = await b.visit(`https://${host}/`);
      await b.settled(tab);
      const before = await b.popupProbe<string>(
        tab,
        `(() => { const t = document.getElementById('ask-ca')?.closest('section')?.innerText ?? ''; document.getElementById('ask-ca')?.click(); return t; })()`,
      );
      const started = Date.now();
      let view = await b.request('getTab', { tabId: tab });
      for (let i = 0; i < 300 && view.askCa?.status !== 'done'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        view = await b.request('getTab', { tabId: tab });
      }
      const ms = Date.now() - started;
      assert.equal(view.askCa?.status, 'done', 'the CA answered within 30 s');
      const text = await b.popup(tab, shot ? path.join(SHOTS, `${shot}-${name}-${lang}.png`) : undefined);
      return { tab, before, view, text, ms };
    }

    it('before the first click the card says what is sent to whom; a reachable site → CA_DRY_RUN_REACHED', async () => {
      const { before: card, view, text, ms } = await ask(target('xserver-healthy'), 'ask-ca-reached');
      assert.match(card, /Sends the site's name \(sakura-mochi-tanaka\.jp\) to localhost:\d+, which logs it/);
      const f = view.report?.findings.find((x) => x.code.startsWith('CA_DRY_RUN'));
      assert.equal(`${f?.code}:${f?.severity}`, 'CA_DRY_RUN_REACHED:info');
      assert.match(text, /got the expected 404 for a random token/);
      assert.match(text, /The CA answered at/);
      assert.equal(view.report?.verdict, 'ok');
      console.log(`# ${name}: click → the CA's answer in ${ms} ms (pebble)`);
    });

    it("port 80 closed → CA_DRY_RUN_FAILED with the CA's words; the badge turns red", async () => {
      const { tab, view, text } = await ask(target('challenge-refused'), 'ask-ca-refused');
      const f = view.report?.findings.find((x) => x.code.startsWith('CA_DRY_RUN'));
      assert.equal(`${f?.code}:${f?.severity}`, 'CA_DRY_RUN_FAILED:fail');
      assert.match(f?.evidence?.[0] ?? '', /^CA: /);
      assert.match(text, /The CA's validators could not (connect|validate)/);
      const badge = await b.badge(tab);
      assert.equal(badge.color, '#c62828');
    });

    it('a 403 on the validation path → CA_DRY_RUN_FAILED, explained as access denied', async () => {
      const { view } = await ask(target('challenge-forbidden'));
      const f = view.report?.findings.find((x) => x.code.startsWith('CA_DRY_RUN'));
      assert.equal(`${f?.code}:${f?.severity}`, 'CA_DRY_RUN_FAILED:fail');
      assert.equal(f?.message.key, 'finding_dry_run_denied');
    });

    it('a second click within a minute reuses the answer (no second order)', async () => {
      const host = target('xserver-healthy');
      const tab = await b.visit(`https://${host}/`);
      await b.settled(tab);
      const first = (await b.request('getTab', { tabId: tab })).askCa;
      const again = await b.request('askTheCa', { tabId: tab });
      assert.equal(again.askCa?.startedAt, first?.startedAt);
      assert.equal(again.askCa?.status, 'done');
    });

    it('the card before, during and after, in English and Japanese (screenshots); "asking" survives closing the popup', async () => {
      for (const lang of ['en', 'ja'] as const) {
        // A CA that accepts the connection and never answers keeps the conversation "running" for its deadline.
        await b.configure(endpoints(`https://127.0.0.1:${lab.blackholePort}/dir`), lang);
        const tab = await b.visit(`https://${target(lang === 'en' ? 'bluehost-healthy' : 'sakura-healthy')}/`);
        await b.settled(tab);
        await b.popup(tab, path.join(SHOTS, `ask-ca-before-${name}-${lang}.png`));
        await b.popupProbe(tab, `(document.getElementById('ask-ca').click(), true)`);
        const during = await b.popup(tab, path.join(SHOTS, `ask-ca-during-${name}-${lang}.png`));
        assert.match(during, lang === 'en' ? /Asking the CA… .*You may close this popup/ : /認証局に確認しています…/);
        assert.equal((await b.request('getTab', { tabId: tab })).askCa?.status, 'running');
      }
      await b.configure(endpoints(pebble.directoryUrl), 'ja');
      const { text } = await ask(target('conoha-healthy'), 'ask-ca-reached', 'ja');
      assert.match(text, /認証局から回答がありました/);
      await b.configure(endpoints(pebble.directoryUrl), 'en');
    });

    it('an unreachable CA: a note, no finding, nothing stuck on "asking"', async () => {
      await b.configure(endpoints('https://127.0.0.1:9/dir'));
      try {
        const { view, text } = await ask(target('cert-45day-healthy'));
        assert.equal(view.askCa?.result?.kind, 'error');
        assert.ok(!view.report?.findings.some((x) => x.code.startsWith('CA_DRY_RUN')));
        assert.ok(view.report?.notes.some((n) => n.source === 'dry-run' && n.status === 'failed'));
        assert.match(text, /The CA could not be asked/);
      } finally {
        await b.configure(endpoints(pebble.directoryUrl));
      }
    });
  });
}
