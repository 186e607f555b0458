// Who renews the certificate, as a site owner sees it in the popup (issue "Who renews this certificate?"): a paid
// certificate near expiry, a healthy 6-day certificate and a VPS with its own certbot on its host's DNS — none red,
// each saying who renews it — in English and Japanese, with screenshots (artifacts/screenshots/renewer-*).
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Lab } from '../lab/server';
import { loadWorlds } from '../lab/world';
import { type ExtensionBrowser, labEndpoints } from './harness';
import { SHOTS } from './scenarios';

const CASES = [
  {
    world: 'paid-cert-20-days-sakura',
    en: /Renewed by: you, by hand — a paid certificate from/,
    ja: /お客様ご自身\(手動\)/,
    badge: '#f2a900',
  },
  { world: 'cert-6day-healthy', en: /Renewed by: your own ACME client/, ja: /ACMEクライアント/, badge: null },
  { world: 'sakura-vps-own-certbot', en: /Renewed by: your own ACME client/, ja: /ACMEクライアント/, badge: null },
] as const;

export function renewerSuite(name: 'chromium' | 'firefox', launch: (lab: Lab) => Promise<ExtensionBrowser>) {
  describe(`${name}: who renews the certificate`, () => {
    let lab: Lab;
    let b: ExtensionBrowser;
    const endpoints = () => labEndpoints(lab);
    before(async () => {
      lab = await Lab.start({ worlds: loadWorlds() });
      b = await launch(lab);
    });
    after(async () => {
      await b?.close();
      await lab?.close();
    });

    for (const lang of ['en', 'ja'] as const) {
      it(`a paid certificate near expiry, a healthy 6-day certificate, a VPS on its host's DNS: never red, the renewer named (${lang})`, async () => {
        await b.configure(endpoints(), lang);
        for (const c of CASES) {
          const host = loadWorlds((w) => w.id === c.world)[0].target;
          const tab = await b.visit(`https://${host}/`);
          const text = await b.popup(tab, path.join(SHOTS, `renewer-${c.world}-${name}-${lang}.png`));
          assert.match(text, c[lang], `${c.world}: ${text.slice(0, 400)}`);
          const { badge, state } = await b.settled(tab);
          assert.notEqual(badge.color, '#c62828', `${c.world} must not be red`);
          assert.equal(state.report?.tier, 'full');
          if (c.badge) assert.equal(badge.color, c.badge, c.world);
          else assert.equal(badge.text, '', `${c.world}: no badge (${badge.title})`);
        }
      });
    }
  });
}
