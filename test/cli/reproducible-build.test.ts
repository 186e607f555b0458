// Reproducible release: two clean builds of one commit, in two different folders, give byte-identical store
// zips and source bundle (scripts/package.mjs). AMO reviewers rebuild from the source bundle and compare.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { ROOT } from '../e2e/harness';

const run = promisify(execFile);
const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

async function cleanBuild(dir: string): Promise<Record<string, string>> {
  await run('git', ['clone', '--quiet', '--no-hardlinks', ROOT, dir]);
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  await run(process.execPath, ['scripts/package.mjs', '--out=out'], {
    cwd: dir,
    env: { ...process.env, SOURCE_DATE_EPOCH: '' },
    maxBuffer: 1 << 24,
  });
  const out = path.join(dir, 'out');
  return Object.fromEntries(
    readdirSync(out)
      .sort()
      .map((f) => [f, sha(path.join(out, f))]),
  );
}

describe('the release build', { timeout: 300_000 }, () => {
  it('two clean builds in different folders produce identical zips', async () => {
    const base = mkdtempSync(path.join(os.tmpdir(), 'rr-repro-'));
    const a = await cleanBuild(path.join(base, 'first'));
    const b = await cleanBuild(path.join(base, 'second'));
    const version = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
    assert.deepEqual(Object.keys(a), [
      `renewal-radar-${version}-source.zip`,
      `renewal-radar-chrome-${version}.zip`,
      `renewal-radar-firefox-${version}.zip`,
    ]);
    assert.deepEqual(b, a);

    // What is inside is the extension and the tracked sources, nothing else.
    const zip = await JSZip.loadAsync(
      readFileSync(path.join(base, 'first', 'out', `renewal-radar-firefox-${version}.zip`)),
    );
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
    assert.equal(manifest.version, version);
    assert.deepEqual(manifest.browser_specific_settings.gecko.data_collection_permissions, {
      required: ['none'],
      optional: ['browsingActivity'],
    });
    const source = await JSZip.loadAsync(
      readFileSync(path.join(base, 'first', 'out', `renewal-radar-${version}-source.zip`)),
    );
    const names = Object.keys(source.files);
    assert.ok(
      names.includes(`renewal-radar-${version}-source/docs/store/amo-source.md`),
      'build instructions are in the bundle',
    );
    assert.ok(names.includes(`renewal-radar-${version}-source/package-lock.json`));
    assert.ok(names.includes(`renewal-radar-${version}-source/webpack.config.js`), 'the build config is in the bundle');
    assert.ok(!names.some((n) => /\/(node_modules|dist|artifacts)\//.test(n)));
  });
});
