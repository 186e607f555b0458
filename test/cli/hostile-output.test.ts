// Terminal injection: a world whose PTR, MX, TXT, CNAME and certificate issuer/subject carry ESC, OSC, BEL,
// NUL, bidi controls and 4 KB values, through the CLI's text and JSON output. Not one raw control or bidi
// character may reach the bytes written.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Lab } from '../lab/server';
import { loadWorlds } from '../lab/world';
import { runCli } from './helpers';

const RAW_UNSAFE =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/gu;
const count = (s: string) => (s.match(RAW_UNSAFE) ?? []).length;

let lab: Lab;
before(async () => {
  lab = await Lab.start({ worlds: loadWorlds((w) => w.id === 'terminal-injection') });
});
after(() => lab?.close());

describe('hostile text never reaches a terminal raw', () => {
  it('human output: 0 raw control or bidi characters, the escapes visible, long values cut', async () => {
    for (const lang of ['en', 'ja']) {
      const r = await runCli(['check', 'www.ansi-trap.jp', '--lang', lang, ...lab.cliArgs('terminal-injection')], {
        NODE_EXTRA_CA_CERTS: lab.caPemPath,
      });
      assert.equal(count(r.stdout) + count(r.stderr), 0, `raw characters in ${lang} output`);
      assert.match(r.stdout, /\\x1b\[2J/, 'the ESC in the certificate issuer is shown as \\x1b');
      assert.match(r.stdout, /\\u202e/, 'the bidi override is shown as \\u202e');
      assert.match(
        r.stdout,
        /PTR host\\027\]8;;http:\/\/evil\.example\/\\007click/,
        'the PTR name is shown the way dig shows it',
      );
      assert.match(r.stdout, /MX 10 mail\\027\[2j\.ansi-trap\.jp/, 'the MX name is shown the way dig shows it');
      assert.match(r.stdout, /… \[\+\d+\]/, 'an overlong value is cut with a marker');
      assert.ok(
        r.stdout.split('\n').every((l) => l.length < 1200),
        'no line carries a 4 KB value',
      );
    }
  });
  it('JSON output: 0 raw characters, and the same values when parsed', async () => {
    const r = await runCli(['check', 'www.ansi-trap.jp', '--json', ...lab.cliArgs('terminal-injection')], {
      NODE_EXTRA_CA_CERTS: lab.caPemPath,
    });
    assert.equal(count(r.stdout), 0);
    const j = JSON.parse(r.stdout);
    assert.ok(j.certificate.issuer.includes('\u001b[2J'), 'JSON keeps the data exact (escaped by JSON, not altered)');
    assert.ok(j.certificate.issuer.includes('\u202e'));
  });
});
