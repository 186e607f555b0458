// npm run bench: measures the budgets in docs/design.md against the offline lab with injected latency, prints a
// table and writes bench/results.json. `--quick` (run by npm test) does few runs and writes nothing, so the
// benchmark cannot rot; no timing is asserted anywhere.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { diagnose } from '../src/core/engine/diagnose';
import type { DohResolver } from '../src/core/dns/resolver';
import type { Tier } from '../src/core/engine/types';
import { ROOT } from '../test/e2e/harness';
import { labDiagnoseConfig } from '../test/lab/diagnose-config';
import { Lab } from '../test/lab/server';
import { loadWorlds } from '../test/lab/world';
import { browserBench } from './browser-bench';
import { type Figure, figureOf, printFigure, tableRow } from './figures';
import { FAR_LATENCY, fleetBench, variedFleetBench } from './fleet-bench';

const quick = process.argv.includes('--quick');
const RUNS = quick ? 3 : 11;

const figures: Figure[] = [];
function record(metric: string, xs: number[], unit: string, goal?: string) {
  const f = figureOf(metric, xs, unit, goal);
  figures.push(f);
  printFigure(f);
}

const worlds = loadWorlds();
const lab = await Lab.start({ worlds });
const seed = worlds.find((w) => w.id === 'xserver-cloudflare-proxy')!;

async function check(host: string, tier: Tier, resolver?: DohResolver) {
  const cfg = labDiagnoseConfig(lab, { tier, ...(resolver ? { resolver } : {}) });
  const started = performance.now();
  await diagnose(host, cfg);
  return { ms: performance.now() - started, queries: cfg.resolver.queriesSent, resolver: cfg.resolver };
}

console.log(
  `Renewal Radar bench — ${new Date().toISOString()} — ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim()}), node ${process.version}${quick ? ' — quick mode' : ''}\n`,
);

console.log('Critical path (wall time ÷ injected latency per request):');
for (const latency of quick ? [50] : [50, 100, 200]) {
  lab.latencyMs = latency;
  for (const tier of ['full', 'automatic'] as Tier[]) {
    const xs: number[] = [];
    for (let i = 0; i < RUNS; i++) xs.push((await check(seed.target, tier)).ms / latency);
    record(`${tier} check, ${latency} ms latency`, xs, 'round trips', tier === 'full' ? '≤ 2.5 (limit 2)' : undefined);
  }
}
lab.latencyMs = 0;

console.log('\nRequests:');
const perHost: number[] = [];
for (const w of worlds.filter((x) => Object.keys(x.zones).length))
  perHost.push((await check(w.target, 'automatic')).queries);
record('DoH queries per new host, automatic tier (all worlds)', perHost, 'queries', '≤ 10');
lab.resetLog();
const full = await check(seed.target, 'full');
const byKind = Object.fromEntries(['doh', 'ct', 'rdap', 'status', 'site'].map((k) => [k, lab.count(k as never)]));
record('requests per full check (seed world)', [lab.log.length], 'requests');
console.log(
  `    by kind: ${Object.entries(byKind)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')} (site = challenge probe, front page; TLS read not counted)`,
);
lab.resetLog();
const again = await check(seed.target, 'automatic', full.resolver);
record('revisit within the cache (same resolver)', [again.queries - full.queries], 'DoH queries', '0');

console.log('\nBundles (gzip -9):');
const gz = (f: string) => gzipSync(readFileSync(path.join(ROOT, f)), { level: 9 }).length / 1024;
const bundles: Record<string, [string, string | undefined]> = {
  'popup.js': ['dist/chrome/popup.js', '≤ 30 KB'],
  'options.js': ['dist/chrome/options.js', undefined],
  'background.js (Chrome)': ['dist/chrome/background.js', '≤ 90 KB'],
  'background.js (Firefox)': ['dist/firefox/background.js', '≤ 90 KB'],
  CLI: ['dist/cli/renewal-radar.cjs', undefined],
};
for (const [name, [file, goal]] of Object.entries(bundles)) record(name, [gz(file)], 'KB', goal);

console.log('\nCLI:');
const cli = path.join(ROOT, 'dist/cli/renewal-radar.cjs');
const startup: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const t = performance.now();
  execFileSync(process.execPath, [cli, '--version']);
  startup.push(performance.now() - t);
}
record('start-up (--version)', startup, 'ms');
await lab.close();

console.log('\nFleet mode (one process):');
await fleetBench({ quick, record });
console.log('\nFleet mode, a varied list (one host per lab world):');
await variedFleetBench({ quick, record });
if (!quick) await variedFleetBench({ quick, record, latencyMs: FAR_LATENCY });
figures.push(...(await browserBench({ quick, record })));

if (!quick) {
  const meta = {
    date: new Date().toISOString(),
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model.trim(),
    node: process.version,
  };
  writeFileSync(path.join(ROOT, 'bench/results.json'), `${JSON.stringify({ ...meta, figures }, null, 2)}\n`);
  // The README's Performance table is generated from the same figures, between its markers.
  const readmePath = path.join(ROOT, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const rows = figures.map(tableRow);
  const table = [
    `Measured ${meta.date.slice(0, 10)} on ${meta.cpus} CPUs (${meta.cpu}), node ${meta.node}, by \`npm run bench\` (median of the runs; range = min–max).`,
    '',
    '| figure | median | range | runs | goal |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
  const marked = readme.replace(
    /<!-- bench:start -->[\s\S]*<!-- bench:end -->/,
    `<!-- bench:start -->\n${table}\n<!-- bench:end -->`,
  );
  if (marked !== readme) writeFileSync(readmePath, marked);
  console.log('\nWrote bench/results.json and the README table');
}
