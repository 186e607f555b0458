// A Japanese domain name through the CLI (world idn-xserver-healthy, ゆず農園.jp): the text and the table show the
// name as its owner writes it with the A-label beside it; --json keeps the A-label exactly (docs/design.md "CLI
// contract"); an ASCII name reads as before.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Lab } from '../lab/server';
import { loadWorlds } from '../lab/world';
import { runCli } from './helpers';

const A = 'xn--98jtep95kxl1c.jp';
const SHOWN = `ゆず農園.jp (${A})`;
let lab: Lab;
const env = () => ({ NODE_EXTRA_CA_CERTS: lab.caPemPath });

before(async () => {
  lab = await Lab.start({ worlds: loadWorlds((w) => ['idn-xserver-healthy', 'sakura-healthy'].includes(w.id)) });
});
after(() => lab?.close());

/** Terminal columns: kana and kanji take two. */
const columns = (s: string) => [...s].reduce((n, c) => n + (/[\u2e80-\ua4cf\uff00-\uff60]/u.test(c) ? 2 : 1), 0);

describe('an internationalised domain name in the CLI', () => {
  for (const lang of ['en', 'ja']) {
    it(`text output (${lang}): ゆず農園.jp beside its A-label, in the heading and the certificate's names`, async () => {
      const r = await runCli(['check', A, '--lang', lang, ...lab.cliArgs('idn-xserver-healthy')], env());
      assert.equal(r.code, 0, r.stdout + r.stderr);
      const lines = r.stdout.split('\n');
      assert.ok(lines[0].startsWith(`${SHOWN} — `), lines[0]);
      const cert = lines.find((l) => l.includes(`${SHOWN}, www.ゆず農園.jp (www.${A})`));
      assert.ok(cert, `the certificate's names in Unicode and A-labels:\n${r.stdout}`);
    });
  }

  it('the name typed in Unicode reads the same', async () => {
    const r = await runCli(['check', 'ゆず農園.jp', '--lang', 'en', ...lab.cliArgs('idn-xserver-healthy')], env());
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.ok(r.stdout.startsWith(`${SHOWN} — `), r.stdout.split('\n')[0]);
  });

  it('--json keeps the A-label exactly: host, certificate names, messages', async () => {
    const r = await runCli(['check', 'ゆず農園.jp', '--json', ...lab.cliArgs('idn-xserver-healthy')], env());
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.host, A);
    assert.equal(j.registrableDomain, A);
    assert.deepEqual(j.certificate.names, [A, `www.${A}`]);
    assert.doesNotMatch(r.stdout, /ゆず|農園/, 'no U-label anywhere in the JSON');
  });

  it('the fleet table: the Unicode name in the Site column, the columns still aligned', async () => {
    const r = await runCli(['check', A, 'kyoto-kimono-rental.jp', '--lang', 'en', ...lab.cliArgs()], env());
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const [head, idn, ascii] = r.stdout.split('\n');
    assert.match(idn, /^OK\s+ゆず農園\.jp \(xn--98jtep95kxl1c\.jp\)\s+Xserver\s/);
    assert.match(ascii, /^OK\s+kyoto-kimono-rental\.jp\s/);
    const hostColumn = columns(head.slice(0, head.indexOf('Host')));
    assert.equal(columns(idn.slice(0, idn.indexOf('Xserver'))), hostColumn, 'the Host column starts where it should');
  });

  it('--json in fleet mode: the A-label, as before', async () => {
    const r = await runCli(['check', A, 'kyoto-kimono-rental.jp', '--json', ...lab.cliArgs()], env());
    const [idn, ascii] = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(idn.host, A);
    assert.equal(ascii.host, 'kyoto-kimono-rental.jp');
    assert.doesNotMatch(r.stdout, /ゆず/);
  });

  it('an ASCII name reads as before', async () => {
    const r = await runCli(['check', 'kyoto-kimono-rental.jp', ...lab.cliArgs('sakura-healthy')], env());
    assert.ok(r.stdout.startsWith('kyoto-kimono-rental.jp — '), r.stdout.split('\n')[0]);
  });
});
