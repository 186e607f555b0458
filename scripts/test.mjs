// npm test: type check, build, unit + lab-driven CLI tests, web-ext lint of dist/firefox (zero errors), browser
// e2e in Chromium and Firefox, and the quick benchmark. Any failure fails the run; a missing browser is a failure.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';

// Everything printed is also kept in artifacts/test.log (CI uploads artifacts/): a failure can be read after the run.
mkdirSync('artifacts', { recursive: true });
const LOG = 'artifacts/test.log';
const log = createWriteStream(LOG);
const out = (d) => {
  process.stdout.write(d);
  log.write(d);
};
const err = (d) => {
  process.stderr.write(d);
  log.write(d);
};
console.log = (...a) => out(`${a.join(' ')}\n`);
console.error = (...a) => err(`${a.join(' ')}\n`);

// Stages by name, e.g. `npm test -- unit cli` (package.json has one script per stage: npm run test:unit, …).
// Arguments starting with --test- go to node's test runner of the test stages, e.g.
// `npm run test:e2e:chromium -- --test-name-pattern=popup`.
const STAGES = ['typecheck', 'style', 'build', 'unit', 'cli', 'lint', 'e2e', 'e2e:chromium', 'e2e:firefox', 'bench'];
const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith('-'));
const testArgs = args.filter((a) => a.startsWith('--test-'));
const unknown = [...only, ...args.filter((a) => a.startsWith('-') && !a.startsWith('--test-'))].filter(
  (a) => !STAGES.includes(a),
);
if (unknown.length) {
  console.error(`unknown stage or option: ${unknown.join(' ')}\nstages: ${STAGES.join(' ')}; options: --test-*`);
  process.exit(64);
}
const results = [];
const failures = [];
let passed = 0,
  failed = 0;

function run(name, cmd, args, { parseTap = false, env = {} } = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let text = '';
    child.stdout.on('data', (d) => {
      text += d;
      out(d);
    });
    child.stderr.on('data', (d) => err(d));
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      let p = 0,
        f = 0;
      if (parseTap) {
        p = Number(text.match(/^# pass (\d+)/m)?.[1] ?? 0);
        f = Number(text.match(/^# fail (\d+)/m)?.[1] ?? 0);
        // Name the failing tests in the summary (TAP "not ok" lines of leaf tests).
        failures.push(...[...text.matchAll(/^\s*not ok \d+ - (.*)$/gm)].map((m) => `${name}: ${m[1]}`));
        if (p + f === 0 && code === 0) {
          f = 1;
          console.error(`${name}: ran no test`);
        }
      } else {
        p = code === 0 ? 1 : 0;
        f = code === 0 ? 0 : 1;
      }
      if (code !== 0 && f === 0) f = 1;
      passed += p;
      failed += f;
      results.push({ name, code, seconds, p, f });
      resolve(code);
    });
  });
}

const want = (stage) => only.length === 0 || only.includes(stage);
const tests = (dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => `${dir}/${f}`);
const nodeTest = (files, extra = []) => [
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=tap', ...extra, ...testArgs, ...files],
];

if (want('typecheck')) {
  await run('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json']);
  await run('typecheck (core: no browser, no Node)', 'npx', ['tsc', '-p', 'tsconfig.core.json']);
}
// One formatter and linter (biome.jsonc): formatting, lint rules (floating promises) and the core's import layering.
if (want('style')) await run('format + lint (Biome)', 'npx', ['biome', 'check', '.']);
// e2e: every test/e2e/*.test.ts; e2e:chromium / e2e:firefox: the files named after that browser.
const e2eFiles = tests('test/e2e').filter(
  (f) => want('e2e') || ['chromium', 'firefox'].some((b) => want(`e2e:${b}`) && path.basename(f).startsWith(b)),
);
if (want('build') || want('cli') || e2eFiles.length || want('lint')) {
  if ((await run('build', 'npx', ['webpack', '--config', 'webpack.config.js', '--stats', 'errors-warnings'])) !== 0)
    await summary();
}
if (want('unit')) await run('unit tests', ...nodeTest(tests('test/unit')), { parseTap: true });
if (want('cli')) await run('CLI tests (lab)', ...nodeTest(tests('test/cli')), { parseTap: true });
if (want('lint')) await run('web-ext lint dist/firefox', process.execPath, ['scripts/lint-firefox.mjs']);
if (e2eFiles.length) {
  const browsers = e2eFiles.map((f) => path.basename(f, '.test.ts')).join(' + ');
  await run(`browser e2e (${browsers})`, ...nodeTest(e2eFiles, ['--test-concurrency=1']), { parseTap: true });
}
if (want('bench')) await run('bench --quick', 'npx', ['tsx', 'bench/bench.ts', '--quick']);
await summary();

function summary() {
  console.log('\nRenewal Radar test summary');
  for (const r of results)
    console.log(
      `  ${r.code === 0 ? '✔' : '✖'} ${r.name} (${r.seconds} s${r.p + r.f > 1 ? `, ${r.p} passed, ${r.f} failed` : ''})`,
    );
  console.log(`\n${passed} passed, ${failed} failed`);
  const bad = results.filter((r) => r.code !== 0);
  if (bad.length) {
    console.log(`\nFAILED stage${bad.length > 1 ? 's' : ''}: ${bad.map((r) => r.name).join(', ')}`);
    for (const f of failures) console.log(`  not ok: ${f}`);
  }
  console.log(`Log: ${LOG}`);
  return new Promise(() => log.end(() => process.exit(failed > 0 || bad.length ? 1 : 0)));
}
