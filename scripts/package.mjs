// npm run package: what the stores take, reproducibly.
// - artifacts/renewal-radar-chrome-<version>.zip   (Chrome Web Store)
// - artifacts/renewal-radar-firefox-<version>.zip  (addons.mozilla.org)
// - artifacts/renewal-radar-<version>-source.zip   (AMO's source upload: the tracked files of this commit,
//   with docs/store/amo-source.md saying how to build them)
// Two clean builds of one commit give byte-identical zips (test/cli/reproducible-build.test.ts): entries sorted,
// every timestamp the commit's time (SOURCE_DATE_EPOCH when set), fixed permissions, fixed compression.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const args = process.argv.slice(2);
const skipBuild = args.includes('--no-build');
const out = args.find((a) => a.startsWith('--out='))?.slice(6) ?? 'artifacts';

function commitTime() {
  if (process.env.SOURCE_DATE_EPOCH) return Number(process.env.SOURCE_DATE_EPOCH) * 1000;
  try {
    return Number(execFileSync('git', ['log', '-1', '--format=%ct'], { encoding: 'utf8' }).trim()) * 1000;
  } catch {
    return Date.UTC(2026, 0, 1);
  }
}
// Zip stores local time (DOS format): JSZip writes the Date's local fields, so the zone is pinned to UTC.
process.env.TZ = 'UTC';
const date = new Date(commitTime());

function filesUnder(dir) {
  const out = [];
  const walk = (d) => {
    for (const f of readdirSync(d).sort()) {
      const p = path.join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(path.relative(dir, p).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out;
}

async function deterministicZip(entries, target) {
  const zip = new JSZip();
  for (const { name, data } of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    zip.file(name, data, { date, unixPermissions: 0o644, createFolders: false });
  }
  const bytes = await zip.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 9 },
    platform: 'UNIX',
  });
  writeFileSync(target, bytes);
  return createHash('sha256').update(bytes).digest('hex');
}

if (!skipBuild)
  execFileSync('npx', ['webpack', '--config', 'webpack.config.js', '--stats', 'errors-warnings'], {
    stdio: 'inherit',
  });
mkdirSync(out, { recursive: true });
const made = [];
for (const browser of ['chrome', 'firefox']) {
  const dir = path.join('dist', browser);
  const target = path.join(out, `renewal-radar-${browser}-${version}.zip`);
  made.push([
    target,
    await deterministicZip(
      filesUnder(dir).map((name) => ({ name, data: readFileSync(path.join(dir, name)) })),
      target,
    ),
  ]);
}
// The source bundle: exactly the files git tracks (no node_modules, no dist, no local artefacts). Outside a
// git checkout (a reviewer rebuilding from the bundle itself) there is nothing to bundle.
let tracked = null;
try {
  tracked = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    .split('\0')
    .filter(Boolean);
} catch {
  console.warn('not a git checkout: no source bundle');
}
if (tracked) {
  const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim();
  if (dirty) console.warn('warning: uncommitted changes: the source bundle holds the working tree, not the commit');
  const prefix = `renewal-radar-${version}-source/`;
  const source = path.join(out, `renewal-radar-${version}-source.zip`);
  made.push([
    source,
    await deterministicZip(
      tracked
        .filter((f) => statSync(f, { throwIfNoEntry: false })?.isFile())
        .map((f) => ({ name: prefix + f, data: readFileSync(f) })),
      source,
    ),
  ]);
}
for (const [file, sha] of made) console.log(`${sha}  ${file}`);
