// The history of earlier certificates (RENEWAL_INTERVAL_TOO_LONG) through the CLI binary against the lab's crt.sh:
// asked once, for the exact name, expired certificates included, only for an automated renewer and only when a
// crt.sh is configured; when crt.sh fails the note says the interval could not be judged, and nothing is claimed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Lab } from '../lab/server';
import { loadWorlds } from '../lab/world';
import { runCli } from './helpers';

interface Json {
  verdict: string;
  summary: string;
  renewalPoint: string | null;
  certificate: { notAfter: string } | null;
  renewal: { by: string };
  findings: { code: string; severity: string; message: string; evidence?: string[] }[];
  notes: { source: string; status: string; reason?: string }[];
}

let lab: Lab;
const worlds = loadWorlds();
const byId = (id: string) => worlds.find((w) => w.id === id)!;
before(async () => {
  lab = await Lab.start({ worlds });
});
after(() => lab?.close());

async function check(id: string, env = lab.cliEnv(), lang = 'en') {
  lab.resetLog();
  const w = byId(id);
  const r = await runCli(['check', w.target, '--json', '--lang', lang, ...lab.cliArgs(w.id)], env);
  assert.equal(r.stderr, '');
  const json = JSON.parse(r.stdout) as Json;
  const asked = lab.log.filter((e) => e.kind === 'crtsh').map((e) => new URLSearchParams(e.detail));
  return { json, asked, codes: json.findings.map((f) => `${f.code}:${f.severity}`) };
}
const note = (j: Json) => j.notes.find((n) => n.source === 'ct-history');

describe('CT history (crt.sh) through the CLI', () => {
  it('a fixed 60-day renewer: one request for the exact name with expired certificates, and the warning', async () => {
    const { json, asked, codes } = await check('renewal-interval-fixed-60');
    assert.equal(asked.length, 1);
    const q = asked[0];
    assert.equal(q.get('q'), byId('renewal-interval-fixed-60').target);
    assert.equal(q.get('output'), 'json');
    assert.equal(q.get('deduplicate'), 'Y');
    assert.equal(q.get('exclude'), null, 'expired certificates are the history');
    assert.ok(codes.includes('RENEWAL_INTERVAL_TOO_LONG:warn'), codes.join(' '));
    assert.equal(note(json)?.status, 'ok');
  });

  it('the verdict sentence and the finding agree on the next run, and say each date once (en, ja)', async () => {
    for (const lang of ['en', 'ja']) {
      const { json } = await check('renewal-interval-fixed-60', lab.cliEnv(), lang);
      const f = json.findings.find((x) => x.code === 'RENEWAL_INTERVAL_TOO_LONG');
      assert.ok(f, lang);
      const [, next, expiry] = /^next (\S+), expires (\S+)$/.exec(f.evidence?.[2] ?? '') ?? [];
      assert.ok(next && expiry, `${lang}: ${f.evidence?.join(' | ')}`);
      assert.equal(expiry, json.certificate?.notAfter.slice(0, 10));
      const times = (needle: string) => json.summary.split(needle).length - 1;
      assert.equal(times(next), 1, `${lang}: the next run once: ${json.summary}`);
      assert.equal(times(expiry), 1, `${lang}: the expiry once: ${json.summary}`);
      // The ⅓-of-lifetime renewal point (still the JSON's renewalPoint, RENEWAL_OVERDUE's) is not this renewer's.
      const point = json.renewalPoint?.slice(0, 10) ?? '';
      assert.ok(point && point !== next && !json.summary.includes(point), `${lang}: ${point} in ${json.summary}`);
      assert.ok(!/\d{4}-\d\d-\d\d/.test(f.message), `${lang}: the finding repeats no date: ${f.message}`);
    }
  });

  it('crt.sh down: a failed note saying why, no warning and no claim either way', async () => {
    const { json, asked, codes } = await check('renewal-interval-crtsh-down');
    assert.equal(asked.length, 1);
    assert.equal(note(json)?.status, 'failed');
    assert.match(note(json)?.reason ?? '', /HTTP 502/);
    assert.ok(!codes.some((c) => c.startsWith('RENEWAL_INTERVAL_TOO_LONG')), codes.join(' '));
  });

  it('the same world with crt.sh answering: the history it could not read shows the fixed interval', async () => {
    // The crt.sh-down world's certificates are the fixed-60 world's: only crt.sh's failure hid the finding.
    const down = byId('renewal-interval-crtsh-down');
    const fixed = byId('renewal-interval-fixed-60');
    const shape = (ct: typeof down.ct) =>
      Array.isArray(ct) ? ct.map((c) => `${c.notBefore}/${c.notAfter}/${c.issuer ?? ''}`) : [];
    assert.deepEqual(shape(down.ct), shape(fixed.ct));
  });

  it('not asked for a bought certificate, nor for a CDN that renews its own edge certificate', async () => {
    for (const [id, by] of [
      ['renewal-interval-paid-yearly', 'manual'],
      ['cloudflare-native', 'cdn'],
    ]) {
      const { json, asked } = await check(id);
      assert.equal(json.renewal.by, by, id);
      assert.equal(asked.length, 0, `${id}: ${asked.map(String).join(' ')}`);
      assert.equal(note(json), undefined, id);
    }
  });

  it('not asked when no crt.sh is configured (a Cert Spotter-compatible server alone): no note, no warning', async () => {
    const { json, asked, codes } = await check('renewal-interval-fixed-60', {
      NODE_EXTRA_CA_CERTS: lab.caPemPath,
    });
    assert.equal(asked.length, 0);
    assert.equal(note(json), undefined);
    assert.ok(!codes.some((c) => c.startsWith('RENEWAL_INTERVAL_TOO_LONG')));
  });

  it('RENEWAL_RADAR_CRTSH that is not an http(s) URL is bad usage (exit 64), said back without control characters', async () => {
    const w = byId('renewal-interval-fixed-60');
    const r = await runCli(['check', w.target, ...lab.cliArgs(w.id)], {
      NODE_EXTRA_CA_CERTS: lab.caPemPath,
      RENEWAL_RADAR_CRTSH: 'ftp://crt.sh/\u001b[31m',
    });
    assert.equal(r.code, 64);
    assert.match(r.stderr, /RENEWAL_RADAR_CRTSH: must be an http\(s\) URL/);
    assert.ok(!r.stderr.includes('\u001b'));
  });
});
