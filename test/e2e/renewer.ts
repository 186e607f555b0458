// Who renews the certificate, as a site owner sees it in the popup (issue "Who renews this certificate?"): a paid
// certificate near expiry, a healthy 6-day certificate and a VPS with its own certbot on its host's DNS — none red,
// each saying who renews it — in English and Japanese, with screenshots (artifacts/screenshots/renewer-*). The
// paid certificate's timeline shows the order-by date and its "Ask the CA" card says why no dry run applies, without
// the CA's suggested renewal window (ARI), which no ACME client asks for it.
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
          // The timeline's marker and the "Ask the CA" card follow the renewer: a certificate bought by hand shows
          // the date to order the next one by (MANUAL_RENEWAL's: 30 days before expiry, past here) and no dry-run
          // button, only the one-line reason; an automated renewal keeps its renewal point and the button.
          const seen = await b.popupProbe<{
            button: boolean;
            na: string;
            markers: string[];
            legend: string;
            ari: boolean;
          }>(
            tab,
            `(() => ({
              button: document.getElementById('ask-ca') !== null,
              ari: document.getElementById('ari-window') !== null,
              na: document.getElementById('ask-ca-na')?.textContent ?? '',
              markers: [...document.querySelectorAll('.timeline')].map((t) => t.dataset.marker + ' ' + t.dataset.markerDate),
              legend: document.querySelector('.timeline .timeline-legend-renew')?.textContent ?? '',
            }))()`,
          );
          const cert = state.report?.originCertificate ?? state.report?.certificate;
          assert.ok(cert, c.world);
          if (c.world === 'paid-cert-20-days-sakura') {
            const orderBy = new Date(Date.parse(cert.notAfter) - 30 * 86_400_000).toISOString().slice(0, 10);
            assert.deepEqual(seen.markers, [`order ${orderBy}`], 'the order-by date, not a host renewal point');
            assert.match(seen.legend, lang === 'en' ? /^Order was due / : /^申込期限\(経過\)/);
            assert.equal(seen.button, false, 'no "Ask the CA now" for a certificate renewed by hand');
            // The CA answered ARI for it, but no ACME client will ever ask: the suggested window is not shown.
            assert.ok(state.report?.ari, 'the lab answers ARI for the paid certificate too');
            assert.equal(seen.ari, false, 'no ARI window for a certificate renewed by hand');
            assert.doesNotMatch(text, lang === 'en' ? /The CA suggests renewing/ : /認証局が推奨する更新期間/);
            assert.match(seen.na, lang === 'en' ? /bought and installed by hand/ : /購入して手動でインストール/);
            // The fix: the seller, then Sakura's own 独自SSL page and its panel path.
            assert.match(text, /help\.sakura\.ad\.jp\/\?p=2320/);
            assert.match(text, /ドメイン\/SSL/);
          } else {
            assert.deepEqual(
              seen.markers.map((m) => m.split(' ')[0]),
              ['renew'],
              `${c.world}: an automated renewal keeps its renewal point`,
            );
            assert.equal(seen.na, '', `${c.world}: the dry run applies`);
            assert.equal(seen.button, true, `${c.world}: "Ask the CA now" offered`);
            // An ACME client asks ARI: the CA's suggested window stays when the CA gave one.
            if (state.report?.ari) assert.equal(seen.ari, true, `${c.world}: the ARI window shown`);
          }
        }
      });
    }
  });
}
