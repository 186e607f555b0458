// `check --acme-dry-run` against a real ACME implementation: Let's Encrypt's pebble (Debian's package, started by
// test/lab/pebble.ts) whose validators really connect to the lab's sites. A reachable site, a closed port 80, an
// off-site redirect and a 403; then a CA that rate-limits and a CA that cannot be reached.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Pebble } from '../lab/pebble';
import { Lab } from '../lab/server';
import { loadWorlds } from '../lab/world';
import { runCli } from './helpers';

let lab: Lab;
let pebble: Pebble;
before(async () => {
  lab = await Lab.start({ worlds: loadWorlds() });
  pebble = await Pebble.start(lab);
});
after(async () => {
  await pebble?.close();
  await lab?.close();
});

const dryRun = async (host: string, directory = pebble.directoryUrl) => {
  const r = await runCli(
    ['check', host, '--json', '--acme-dry-run', '--dry-run-directory', directory, ...lab.cliArgs()],
    { NODE_EXTRA_CA_CERTS: lab.caPemPath },
  );
  assert.equal(r.stderr, '', r.stderr);
  const j = JSON.parse(r.stdout) as {
    verdict: string;
    findings: { code: string; severity: string; message: string; evidence?: string[] }[];
    notes: { source: string; status: string; reason?: string }[];
  };
  return {
    j,
    dry: j.findings.filter((f) => f.code.startsWith('CA_DRY_RUN')),
    note: j.notes.find((n) => n.source === 'dry-run'),
  };
};

describe('the dry run through the CA (pebble)', () => {
  it('a reachable site: the validators got the 404 for the random token → CA_DRY_RUN_REACHED (info), verdict unchanged', async () => {
    const { j, dry } = await dryRun('sakura-mochi-tanaka.jp');
    assert.deepEqual(
      dry.map((f) => `${f.code}:${f.severity}`),
      ['CA_DRY_RUN_REACHED:info'],
    );
    assert.match(dry[0].evidence![0], /^CA: .*404/);
    assert.equal(j.verdict, 'ok');
  });
  it("port 80 closed → CA_DRY_RUN_FAILED (fail) with the CA's words", async () => {
    const { j, dry } = await dryRun('refused-port-shop.jp');
    assert.deepEqual(
      dry.map((f) => `${f.code}:${f.severity}`),
      ['CA_DRY_RUN_FAILED:fail'],
    );
    assert.equal(j.verdict, 'fail');
  });
  it('an off-site redirect → CA_DRY_RUN_FAILED', async () => {
    const { dry } = await dryRun('old-brand-shop.jp');
    assert.deepEqual(
      dry.map((f) => `${f.code}:${f.severity}`),
      ['CA_DRY_RUN_FAILED:fail'],
    );
    assert.match(dry[0].evidence![0], /new-brand-shop\.com/);
  });
  it('a 403 on the validation path → CA_DRY_RUN_FAILED, explained as access denied', async () => {
    const host = loadWorlds((w) => w.id === 'challenge-forbidden')[0].target;
    const { dry } = await dryRun(host);
    assert.deepEqual(
      dry.map((f) => `${f.code}:${f.severity}`),
      ['CA_DRY_RUN_FAILED:fail'],
    );
    assert.match(dry[0].message, /401\/403/);
  });
  it('a CA that rate-limits: a note saying so, no finding, no retry loop', async () => {
    lab.resetLog();
    const { dry, note } = await dryRun('sakura-mochi-tanaka.jp', `${lab.apiBase}/acme-limited/directory`);
    assert.equal(dry.length, 0);
    assert.equal(note?.status, 'failed');
    assert.match(note?.reason ?? '', /rate limit/i);
    assert.ok(lab.log.filter((e) => e.detail.includes('acme-limited')).length <= 4, 'one attempt, not a loop');
  });
  it('a CA that cannot be reached: a note, never a crash, never a finding', async () => {
    const { dry, note } = await dryRun('sakura-mochi-tanaka.jp', 'https://127.0.0.1:9/dir');
    assert.equal(dry.length, 0);
    assert.equal(note?.status, 'failed');
  });
});
