// Every lab world through the CLI binary with --json: verdict, provider, CDN, codes (with severities), absent
// codes and exit code, exactly as each world file expects.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FINDING_CODES } from '../../src/core/engine/types';
import { Lab } from '../lab/server';
import { loadWorlds, type World } from '../lab/world';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pool, runCli, type CliResult } from './helpers';

const EXIT: Record<string, number> = { ok: 0, 'not-applicable': 0, warn: 1, fail: 2, unknown: 3 };
const worlds = loadWorlds();
let lab: Lab;
const results = new Map<string, CliResult>();

before(async () => {
  lab = await Lab.start({ worlds });
  const runs = await pool(worlds, 4, (w) =>
    // The default sources: Cert Spotter, and crt.sh (the fallback, and the history of earlier certificates).
    runCli(['check', w.target, '--json', ...lab.cliArgs(w.id), ...(w.expect.args ?? [])], lab.cliEnv()),
  );
  for (const [i, w] of worlds.entries()) results.set(w.id, runs[i]);
});
after(() => lab?.close());

describe('lab worlds through the CLI', () => {
  for (const w of worlds) {
    it(`${w.id}: ${w.expect.verdict}`, () => {
      const r = results.get(w.id)!;
      assert.equal(r.stderr, '', `stderr: ${r.stderr}`);
      const j = JSON.parse(r.stdout);
      const codes = j.findings.map((f: { code: string; severity: string }) => `${f.code}:${f.severity}`);
      const ctx = `\n${w.id}: verdict ${j.verdict}, provider ${j.provider?.id}, cdn ${j.cdn?.id}, findings ${codes.join(' ')}`;
      assert.equal(j.verdict, w.expect.verdict, `verdict${ctx}`);
      assert.equal(r.code, EXIT[w.expect.verdict], `exit code${ctx}`);
      if (w.expect.provider !== undefined) assert.equal(j.provider?.id ?? null, w.expect.provider, `provider${ctx}`);
      if (w.expect.cdn !== undefined) assert.equal(j.cdn?.id ?? null, w.expect.cdn, `cdn${ctx}`);
      for (const c of w.expect.codes ?? []) {
        assert.ok(
          c.includes(':') ? codes.includes(c) : codes.some((x: string) => x.startsWith(`${c}:`)),
          `expected ${c}${ctx}`,
        );
      }
      for (const c of w.expect.absent ?? [])
        assert.ok(!codes.some((x: string) => x.startsWith(`${c}:`)), `unexpected ${c}${ctx}`);
      if (w.expect.confidence !== undefined)
        assert.equal(j.provider?.confidence, w.expect.confidence, `confidence${ctx}`);
      if (w.expect.originDays !== undefined) {
        const days = j.originCertificate
          ? Math.round((Date.parse(j.originCertificate.notAfter) - Date.parse(lab.nowIso)) / 86_400_000)
          : null;
        assert.equal(days, w.expect.originDays, `origin certificate${ctx}`);
      }
      if (w.expect.summary !== undefined)
        assert.ok(j.summary.includes(w.expect.summary), `summary "${j.summary}" lacks "${w.expect.summary}"${ctx}`);
      if (w.expect.summaryLacks !== undefined)
        assert.ok(
          !j.summary.includes(w.expect.summaryLacks),
          `summary "${j.summary}" says "${w.expect.summaryLacks}"${ctx}`,
        );
      if (w.expect.renewal !== undefined) {
        const [by, method] = w.expect.renewal.split(':');
        assert.equal(j.renewal?.by, by, `renewal.by${ctx}; renewal ${JSON.stringify(j.renewal)}`);
        if (method)
          assert.equal(j.renewal?.method, method, `renewal.method${ctx}; renewal ${JSON.stringify(j.renewal)}`);
      }
      assert.equal(j.host, w.target);
      assert.ok(typeof j.checkedAt === 'string' && j.checkedAt.startsWith(lab.nowIso.slice(0, 10)));
      for (const f of j.findings) {
        assert.ok(['fail', 'warn', 'info'].includes(f.severity), `severity ${f.severity}`);
        assert.ok(f.message.length > 10 && !f.message.includes('{'), `message filled: ${f.message}`);
      }
    });
  }

  it('covers every finding code and every severity branch, with at least 6 worlds that raise no alarm', () => {
    const seen = new Set<string>();
    for (const w of worlds) for (const c of w.expect.codes ?? []) seen.add(c);
    const codes = new Set([...seen].map((c) => c.split(':')[0]));
    // The dry run's codes need a CA to ask: test/cli/dry-run.test.ts covers them against pebble.
    for (const c of FINDING_CODES.filter((x) => !x.startsWith('CA_DRY_RUN_')))
      assert.ok(codes.has(c), `no world expects ${c}`);
    for (const branch of [
      'DOMAIN_EXPIRED:warn',
      'DOMAIN_EXPIRED:fail',
      'PROXIED_BY_CDN:info',
      'PROXIED_BY_CDN:warn',
      'PROXIED_BY_CDN:fail',
      'NAMESERVERS_ELSEWHERE:info',
      'NAMESERVERS_ELSEWHERE:warn',
      'NAMESERVERS_ELSEWHERE:fail',
      'IPV6_MISMATCH:warn',
      'IPV6_MISMATCH:fail',
    ]) {
      assert.ok(seen.has(branch), `no world expects ${branch}`);
    }
    const quiet = worlds.filter((w: World) => w.expect.verdict === 'ok');
    assert.ok(quiet.length >= 6, `only ${quiet.length} healthy worlds`);
    assert.ok(worlds.length >= 30, `only ${worlds.length} worlds`);
  });
});

describe('the same answers one by one and in fleet mode', () => {
  // Worlds that need their own flags or their own CA status page cannot share one run with the others.
  const fleetable = worlds.filter((w) => !w.expect.args && w.caStatus === undefined);
  const essence = (j: {
    verdict: string;
    provider: { id: string } | null;
    cdn: { id: string } | null;
    findings: { code: string; severity: string }[];
  }) =>
    JSON.stringify({
      verdict: j.verdict,
      provider: j.provider?.id ?? null,
      cdn: j.cdn?.id ?? null,
      findings: j.findings.map((f) => `${f.code}:${f.severity}`),
    });
  const raw = new Map<string, string>();
  const ndjson = (out: string) =>
    new Map(
      out
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => {
          const j = JSON.parse(l);
          raw.set(j.host, JSON.stringify(j.notes));
          return [j.host as string, essence(j)];
        }),
    );

  it(`every fleetable world (${fleetable.length}) gets the same report together, in shards and shuffled`, async () => {
    const single = new Map(fleetable.map((w) => [w.target, essence(JSON.parse(results.get(w.id)!.stdout))]));
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rr-fleet-eq-'));
    const write = (name: string, hosts: string[]) => {
      const p = path.join(dir, name);
      writeFileSync(p, hosts.join('\n'));
      return p;
    };
    const hosts = fleetable.map((w) => w.target);
    let seed = 7;
    const shuffled = [...hosts].sort(() => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647 - 0.5;
    });
    const env = lab.cliEnv();
    // With a Cert Spotter key, as an agency runs a fleet: without one the CLI keeps to the free tier's hourly budget.
    const key = ['--ct-key', 'lab-key'];
    const together = await runCli(
      ['check', '--from-file', write('all.txt', hosts), '--json', '--concurrency', '8', ...key, ...lab.cliArgs()],
      env,
    );
    const mixed = await runCli(
      [
        'check',
        '--from-file',
        write('shuffled.txt', shuffled),
        '--json',
        '--concurrency',
        '16',
        ...key,
        ...lab.cliArgs(),
      ],
      env,
    );
    const shards = await Promise.all(
      [1, 2, 3].map((i) =>
        runCli(
          ['check', '--from-file', write('all.txt', hosts), '--json', '--shard', `${i}/3`, ...key, ...lab.cliArgs()],
          env,
        ),
      ),
    );
    const inOrder = together.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).host);
    assert.deepEqual(inOrder, hosts, 'NDJSON in input order');
    assert.deepEqual(
      mixed.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).host),
      shuffled,
      'NDJSON in the shuffled input order',
    );
    for (const [name, got] of [
      ['together', ndjson(together.stdout)],
      ['shuffled', ndjson(mixed.stdout)],
      ['shards', new Map(shards.flatMap((r) => [...ndjson(r.stdout)]))],
    ] as const) {
      assert.equal(got.size, single.size, `${name}: ${got.size} reports for ${single.size} hosts`);
      for (const [host, want] of single) assert.equal(got.get(host), want, `${name}: ${host}; notes ${raw.get(host)}`);
    }
  });
});
