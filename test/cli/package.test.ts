// The npm package people install: `npm pack` with only what the CLI needs at run time, installed into an empty
// folder with no dev dependencies and no network, then `renewal-radar --version` and a lab check from it.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { ROOT } from '../e2e/harness';
import { Lab } from '../lab/server';
import { loadWorlds } from '../lab/world';

const run = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let lab: Lab;
let bin: string;
let files: string[];

before(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rr-pack-'));
  // The build already ran (npm test builds first); --ignore-scripts skips prepack's second build.
  const packed = await run(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT });
  const info = JSON.parse(packed.stdout)[0] as { filename: string; files: { path: string }[] };
  files = info.files.map((f) => f.path).sort();
  const app = path.join(dir, 'app');
  await run('mkdir', ['-p', app]);
  writeFileSync(
    path.join(app, 'package.json'),
    JSON.stringify({ name: 'agency-checks', version: '1.0.0', private: true }),
  );
  await run(npm, ['install', '--omit=dev', '--offline', '--no-audit', '--no-fund', path.join(dir, info.filename)], {
    cwd: app,
  });
  bin = path.join(app, 'node_modules', '.bin', 'renewal-radar');
  lab = await Lab.start({ worlds: loadWorlds((w) => ['sakura-healthy', 'xserver-cloudflare-proxy'].includes(w.id)) });
});
after(() => lab?.close());

describe('the npm package', () => {
  it('holds only what the CLI needs at run time, and needs no dependency', () => {
    assert.deepEqual(files, ['CHANGELOG.md', 'LICENSE', 'README.md', 'dist/cli/renewal-radar.cjs', 'package.json']);
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.equal(pkg.dependencies, undefined, 'the CLI bundle carries its dependencies');
    assert.equal(pkg.private, undefined, 'publishable');
    assert.equal(pkg.bin['renewal-radar'], 'dist/cli/renewal-radar.cjs');
  });
  it('installed into an empty folder: --version, and a check against the lab', async () => {
    const v = await run(bin, ['--version']);
    assert.equal(v.stdout.trim(), JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
    const w = lab.worlds.find((x) => x.id === 'sakura-healthy')!;
    const r = await run(bin, ['check', w.target, '--json', ...lab.cliArgs(w.id)], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: lab.caPemPath },
    }).catch((e) => e);
    const j = JSON.parse(r.stdout);
    assert.equal(j.verdict, w.expect.verdict);
    assert.equal(j.provider?.id, 'sakura');
  });
});
