// Fleet mode through the CLI binary against the lab: many hosts in one process, a list file with its hostile
// corners, NDJSON in input order, the table, the worst verdict as exit code, shards, and bad lists.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Lab } from '../lab/server';
import { loadWorlds } from '../lab/world';
import { runCli } from './helpers';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'rr-fleet-'));
const file = (name: string, content: string | Uint8Array) => {
  const p = path.join(tmp, name);
  writeFileSync(p, content);
  return p;
};
let lab: Lab;
let args: string[];
const env = () => ({ NODE_EXTRA_CA_CERTS: lab.caPemPath });

before(async () => {
  lab = await Lab.start({ worlds: loadWorlds() });
  args = lab.cliArgs();
});
after(() => lab?.close());

describe('fleet mode', () => {
  it('several hosts as arguments: a table in input order, a summary, the worst verdict as exit code', async () => {
    const r = await runCli(
      ['check', 'kyoto-kimono-rental.jp', 'hayamiz-shop.jp', 'servfail-example.jp', ...args],
      env(),
    );
    assert.equal(r.code, 2, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[0], /^Verdict\s+Site\s+Host\s+Days\s+Main finding/);
    assert.match(lines[1], /^OK\s+kyoto-kimono-rental\.jp/);
    assert.match(lines[2], /^WILL FAIL\s+hayamiz-shop\.jp\s+Xserver\s+\d+\s+PROXIED_BY_CDN/);
    assert.match(lines[3], /^UNKNOWN\s+servfail-example\.jp/);
    assert.match(
      lines[lines.length - 1],
      /^3 sites: 1 will fail, 0 at risk, 1 could not be checked, 1 ok \(\d+\.\d s\)\.$/,
    );
    assert.equal(r.stderr, '', 'no progress on a non-terminal');
  });

  it('exit codes: unknown 3 beats warn 1; ok alone is 0', async () => {
    assert.equal((await runCli(['check', 'kyoto-kimono-rental.jp', 'servfail-example.jp', ...args], env())).code, 3);
    assert.equal((await runCli(['check', 'kyoto-kimono-rental.jp', 'tsubame-cafe.jp', ...args], env())).code, 0);
  });

  it('a list file: comments, blanks, duplicates, URLs with credentials and invalid lines; NDJSON in input order', async () => {
    const list = file(
      'sites.txt',
      [
        '# client sites',
        '',
        'https://user:s3cret@hayamiz-shop.jp/shop?x=1',
        'kyoto-kimono-rental.jp   # the kimono shop',
        'HAYAMIZ-SHOP.JP',
        'exa mple..com',
        'http://[::1]/',
        ...Array.from({ length: 10_000 }, () => 'kyoto-kimono-rental.jp'),
        'tsubame-cafe.jp',
      ].join('\n'),
    );
    const r = await runCli(['check', '--from-file', list, '--json', '--concurrency', '4', ...args], env());
    assert.equal(r.code, 2, `fail (2) is worse than an invalid line's unknown (3): ${r.stderr}`);
    const rows = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      rows.map((x) => x.host ?? x.input),
      ['hayamiz-shop.jp', 'kyoto-kimono-rental.jp', 'exa mple..com', 'http://[::1]/', 'tsubame-cafe.jp'],
    );
    assert.equal(rows[2].verdict, 'unknown');
    assert.match(rows[2].error, /invalid host/);
    assert.equal(rows[3].verdict, 'not-applicable');
    assert.ok(
      !`${r.stdout}${r.stderr}`.includes('s3cret') && !`${r.stdout}${r.stderr}`.includes('user:'),
      'credentials never printed',
    );
    assert.ok(!lab.log.some((e) => e.detail.includes('s3cret')), 'credentials never sent');
  });

  it("the extension's exported My sites file is recognised, with its host choices", async () => {
    const exported = file(
      'my-sites.json',
      JSON.stringify({
        format: 'renewal-radar-watchlist',
        version: 1,
        exportedAt: '2026-11-28T00:00:00Z',
        sites: ['kyoto-kimono-rental.jp', 'hayamiz-shop.jp'],
        overrides: { 'kyoto-kimono-rental.jp': 'sakura' },
      }),
    );
    const r = await runCli(['check', '--from-file', exported, '--json', ...args], env());
    const rows = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      rows.map((x) => x.host),
      ['kyoto-kimono-rental.jp', 'hayamiz-shop.jp'],
    );
    assert.equal(rows[0].provider?.id, 'sakura', 'the exported host choice is used');
  });

  it('stdin as the list', async () => {
    const r = await runCli(['check', '--from-file', '-', '--json', ...args], env(), 'tsubame-cafe.jp\n# done\n');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout.trim()).host, 'tsubame-cafe.jp');
  });

  it('shards are stable slices: together they are the list, each host in exactly one', async () => {
    const hosts = loadWorlds((w) => !w.expect.args && w.expect.verdict !== 'not-applicable')
      .slice(0, 24)
      .map((w) => w.target);
    const list = file('shards.txt', hosts.join('\n'));
    const seen: string[] = [];
    for (let i = 1; i <= 4; i++) {
      const r = await runCli(['check', '--from-file', list, '--json', '--shard', `${i}/4`, ...args], env());
      seen.push(
        ...r.stdout
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l).host),
      );
    }
    assert.deepEqual([...seen].sort(), [...hosts].sort());
    const again = await runCli(
      ['check', '--from-file', file('rev.txt', [...hosts].reverse().join('\n')), '--json', '--shard', '2/4', ...args],
      env(),
    );
    const second = (await runCli(['check', '--from-file', list, '--json', '--shard', '2/4', ...args], env())).stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l).host);
    assert.deepEqual(
      again.stdout
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l).host)
        .sort(),
      second.sort(),
      'the order of the list does not move a host',
    );
  });

  it('bad lists: too large, not UTF-8, JSON that is not an export → exit 64 with one line', async () => {
    const big = file('big.txt', Buffer.alloc(50 * 1024 * 1024, 'a.jp\n'));
    const latin1 = file('latin1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x2e, 0x6a, 0x70, 0x0a]));
    const json = file('other.json', '{"sites": ["a.jp"]}');
    for (const f of [big, latin1, json]) {
      const r = await runCli(['check', '--from-file', f, ...args], env());
      assert.equal(r.code, 64, `${f}: ${r.stderr}`);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.doesNotMatch(r.stderr, /at .*\.(c?js|ts):\d+/, 'no stack trace');
    }
  });
});
