// Fleet mode at scale (docs/design.md "Budgets": 1,000 hosts at concurrency 16 take no more than
// 1.25 × (1,000 ÷ 16 × one check's time), in one process under 300 MB). The lab serves N generated worlds at once (distinct
// domains on Xserver-shaped DNS); the CLI runs as a user would run it, `--from-file` with `--concurrency 16`;
// peak memory is the process's own high-water mark (VmHWM).
import { spawn } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createWriteStream, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { diagnose } from '../src/core/engine/diagnose';
import { nodeWhois } from '../src/cli/whois';
import { newAriCache } from '../src/core/certificates/ari';
import { ROOT } from '../test/e2e/harness';
import { labDiagnoseConfig } from '../test/lab/diagnose-config';
import { type Figure, figureOf, printFigure, replaceRows } from './figures';
import { Lab } from '../test/lab/server';
import { loadWorlds, type World } from '../test/lab/world';

type Record = (metric: string, xs: number[], unit: string, goal?: string) => void;
const LATENCY = 50;
/** The varied fleet again over a slower network: a resolver and services three times farther away. */
export const FAR_LATENCY = 150;
const CONCURRENCY = 16;

/**
 * diagnose() in-process as the CLI runs it with lab.cliArgs(): WHOIS for .jp and ARI too (--whois, --acme-directory),
 * fresh caches. The fleet's budget is 1.25 × n ÷ 16 × this check's time: a baseline without ARI's round trip
 * measured a lighter check than the fleet runs (issue #25).
 */
function asTheCliRunsIt(lab: Lab) {
  return labDiagnoseConfig(lab, {
    whois: nodeWhois(`127.0.0.1:${lab.whoisPort}`),
    ari: { directory: `${lab.apiBase}/acme/directory`, cache: newAriCache() },
  });
}

/** One check's time, five times over the first worlds in-process as the CLI runs it: every time and the median. */
async function oneCheckTimes(lab: Lab, worlds: World[]): Promise<{ one: number[]; oneMs: number }> {
  const one: number[] = [];
  for (let i = 0; i < 5; i++) {
    const cfg = asTheCliRunsIt(lab);
    const t = performance.now();
    await diagnose(worlds[i].target, cfg);
    one.push(performance.now() - t);
  }
  return { one, oneMs: [...one].sort((a, b) => a - b)[2] };
}

function fleetWorlds(n: number): World[] {
  const template = loadWorlds((w) => w.id === 'xserver-healthy')[0];
  const apex = template.target;
  return Array.from({ length: n }, (_, i) => {
    const domain = `fleet-${String(i).padStart(4, '0')}-shop.jp`;
    const text = JSON.stringify(template).split(apex).join(domain);
    return { ...JSON.parse(text), id: `fleet-${i}`, demo: false } as World;
  });
}

export function runFleet(
  cli: string,
  list: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  outPath?: string,
): Promise<{
  ms: number;
  peakMb: number;
  cpuS: number;
  /** Of cpuS, the kernel's share (stime: socket writes on loopback carry the receiving side's TCP work too). */
  sysS: number;
  /** Of cpuS, the main thread's (the rest: V8's compiler and GC helper threads, libuv's pool). */
  mainS: number;
  /** CPU seconds per thread name (comm), main thread included as "main". */
  threads: { [name: string]: number };
  labCpuS: number;
  load: number;
  lines: number;
  code: number | null;
  /** The lab's event-loop delay over the run (this process: its timers, its answers), ms. */
  labLag: { p50: number; p99: number; max: number };
}> {
  return new Promise((resolve) => {
    const started = performance.now();
    // The lab serves from this process: its CPU over the run is this process's (the sampling timer is noise).
    const labCpu = process.cpuUsage();
    const lag = monitorEventLoopDelay({ resolution: 5 });
    lag.enable();
    const child = spawn(
      process.execPath,
      [
        // RR_BENCH_NODE_ARGS: flags for the CLI's node, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" (split on spaces).
        ...(process.env.RR_BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
        cli,
        'check',
        '--from-file',
        list,
        '--json',
        '--concurrency',
        String(CONCURRENCY),
        '--ct-key',
        'lab-key',
        ...args,
      ],
      { env, stdio: ['ignore', 'pipe', 'ignore'] },
    );
    let lines = 0;
    let peakKb = 0;
    let cpuTicks = 0;
    let sysTicks = 0;
    let mainTicks = 0;
    const threadTicks = new Map<string, { name: string; ticks: number }>();
    const out = outPath ? createWriteStream(outPath) : null;
    child.stdout.on('data', (d: Buffer) => {
      out?.write(d);
      for (const b of d) if (b === 10) lines++;
    });
    const sample = () => {
      try {
        const m = readFileSync(`/proc/${child.pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/);
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
        const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
        cpuTicks = Number(stat[11]) + Number(stat[12]); // utime + stime (fields 14, 15)
        sysTicks = Number(stat[12]);
        for (const tid of readdirSync(`/proc/${child.pid}/task`)) {
          const line = readFileSync(`/proc/${child.pid}/task/${tid}/stat`, 'utf8');
          const f = line.split(') ')[1].split(' ');
          const ticks = Number(f[11]) + Number(f[12]);
          const isMain = tid === String(child.pid);
          if (isMain) mainTicks = ticks;
          threadTicks.set(tid, {
            name: isMain ? 'main' : line.slice(line.indexOf('(') + 1, line.lastIndexOf(')')),
            ticks,
          });
        }
      } catch {
        /* exited */
      }
    };
    const timer = setInterval(sample, 50);
    child.on('exit', (code) => {
      clearInterval(timer);
      out?.end();
      const lab = process.cpuUsage(labCpu);
      lag.disable();
      resolve({
        labLag: { p50: lag.percentile(50) / 1e6, p99: lag.percentile(99) / 1e6, max: lag.max / 1e6 },
        ms: performance.now() - started,
        peakMb: peakKb / 1024,
        cpuS: cpuTicks / 100,
        sysS: sysTicks / 100,
        mainS: mainTicks / 100,
        threads: [...threadTicks.values()].reduce<{ [name: string]: number }>((o, t) => {
          o[t.name] = (o[t.name] ?? 0) + t.ticks / 100;
          return o;
        }, {}),
        labCpuS: (lab.user + lab.system) / 1e6,
        load: os.loadavg()[0],
        lines,
        code,
      });
    });
  });
}

export async function fleetBench({ quick, record }: { quick: boolean; record: Record }) {
  const sizes = quick ? [10] : [10, 100, 1000];
  const cli = path.join(ROOT, 'dist/cli/renewal-radar.cjs');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rr-fleet-bench-'));
  const worlds = fleetWorlds(Math.max(...sizes));
  const lab = await Lab.start({ worlds, latencyMs: LATENCY });
  try {
    // One check's time: the same full check in-process, as the CLI runs it, fresh caches, same latency.
    const { one, oneMs } = await oneCheckTimes(lab, worlds);
    record(`one full check, ${LATENCY} ms latency (fleet baseline)`, one, 'ms');
    const env = { ...process.env, NODE_EXTRA_CA_CERTS: lab.caPemPath };
    for (const n of sizes) {
      const list = path.join(dir, `hosts-${n}.txt`);
      writeFileSync(
        list,
        worlds
          .slice(0, n)
          .map((w) => w.target)
          .join('\n'),
      );
      const r = await runFleet(cli, list, lab.cliArgs(), env);
      if (r.lines !== n) throw new Error(`fleet of ${n}: ${r.lines} reports (exit ${r.code})`);
      const budget = 1.25 * (n / CONCURRENCY) * oneMs;
      record(
        `fleet ${n} hosts, concurrency ${CONCURRENCY}, ${LATENCY} ms: time per host`,
        [r.ms / n],
        'ms',
        `≤ ${(budget / n).toFixed(1)} (1.25 × one check ÷ 16; whole run ${(r.ms / 1000).toFixed(1)} s of ${(budget / 1000).toFixed(1)} s)`,
      );
      record(`fleet ${n} hosts: peak memory`, [r.peakMb], 'MB', '< 300');
      record(`fleet ${n} hosts: CPU time of the CLI per host`, [(r.cpuS * 1000) / n], 'ms');
      record(`fleet ${n} hosts: CPU time of the lab per host (same cores)`, [(r.labCpuS * 1000) / n], 'ms');
    }
  } finally {
    await lab.close();
  }
}

/** A seeded shuffle (the same orders on every run). */
function shuffled<T>(xs: T[], seed: number): T[] {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Which listed host a lab request was for: every name of a world's zones and sites (and its PTR names) belongs to its
 * target; a request's name is looked up label by label toward its registrable domain. ARI's requests carry a
 * certificate ID, not a name, and are not counted (they run beside the DNS work, never last).
 */
function hostOfRequest(worlds: World[]) {
  const owner = new Map<string, string>();
  for (const w of worlds) {
    const own = (n: string) => owner.has(n.toLowerCase()) || owner.set(n.toLowerCase(), w.target);
    own(w.target);
    for (const h of Object.keys(w.sites ?? {})) own(h);
    for (const [apex, zone] of Object.entries(w.zones))
      for (const rel of Object.keys(zone.records)) own(rel === '@' ? apex : `${rel}.${apex}`);
    for (const address of Object.keys(w.ptr ?? {}))
      own(
        address.includes(':')
          ? address // an IPv6 PTR name is long and rare in the fleet's worlds: left unmapped
          : `${address.split('.').reverse().join('.')}.in-addr.arpa`,
      );
  }
  return (kind: string, detail: string): string | undefined => {
    if (kind === 'ari' || kind === 'status') return undefined;
    const name = (
      kind === 'site' || kind === 'proxy'
        ? (/\/\/([^/:]+)|CONNECT ([^:]+)/.exec(detail)?.slice(1).find(Boolean) ?? '')
        : kind === 'rdap'
          ? (detail.split('/').pop() ?? '')
          : (detail.split(' ').pop() ?? '')
    )
      .toLowerCase()
      .replace(/^_acme-challenge\.|^_validation-persist\./, '');
    const labels = name.split('.');
    for (let i = 0; i < labels.length - 1; i++) {
      const hit = owner.get(labels.slice(i).join('.'));
      if (hit) return hit;
    }
    return undefined;
  };
}

/**
 * A varied list: one host per lab world (different providers, CDNs, platforms, failures), except worlds that are
 * slow on their own (a challenge port that never answers waits for the timeout). Each host's single check is timed
 * in-process with the CLI's options and fresh caches; the ideal for the fleet is ⌈n ÷ 16⌉ batches × the median
 * single check, and the figure is the CLI's wall time (less its start-up) over that ideal, for the list's own order
 * and for shuffled orders (a slow host early or late must not matter).
 */
export async function variedFleetBench({
  quick,
  record,
  latencyMs = LATENCY,
}: {
  quick: boolean;
  record: Record;
  /** The lab's injected round trip; rows at another latency than the usual 50 ms say which. */
  latencyMs?: number;
}): Promise<{ ratios: number[]; oneMs: number }> {
  const at = latencyMs === LATENCY ? '' : ` at ${latencyMs} ms`;
  // RR_BENCH_CLI: another build of the CLI, for a before/after comparison on the same machine and lab.
  const cli = process.env.RR_BENCH_CLI ?? path.join(ROOT, 'dist/cli/renewal-radar.cjs');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rr-fleet-varied-'));
  // --quick (npm test): every sixth world, one order — enough to keep the run from rotting.
  const worlds = loadWorlds((w) => Object.keys(w.zones).length > 0).filter((_, i) => !quick || i % 6 === 0);
  const lab = await Lab.start({ worlds: loadWorlds(), latencyMs });
  try {
    const singles: { host: string; ms: number }[] = [];
    for (const w of worlds) {
      const cfg = asTheCliRunsIt(lab);
      const t = performance.now();
      await diagnose(w.target, cfg);
      singles.push({ host: w.target, ms: performance.now() - t });
    }
    // "Slow on its own": twenty round trips or more (a timeout, not a kind of host: the longest redirect chain
    // takes about fourteen).
    const hosts = [...new Set(singles.filter((s) => s.ms < 20 * latencyMs).map((s) => s.host))];
    const kept = singles.filter((s) => hosts.includes(s.host)).map((s) => s.ms);
    const oneMs = [...kept].sort((a, b) => a - b)[Math.floor(kept.length / 2)];
    record(`varied list${at}: one full check, ${hosts.length} hosts (each alone)`, kept, 'ms');
    // No order of the list can beat its longest check, nor its checks' sum spread over 16 slots: the ideal above
    // (⌈n ÷ 16⌉ × the median) counts every check as the median one, while a varied list's mean is longer.
    const bound = Math.max(Math.max(...kept), kept.reduce((a, b) => a + b, 0) / CONCURRENCY);
    const env = { ...process.env, NODE_EXTRA_CA_CERTS: lab.caPemPath };
    const startup: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      await new Promise((r) => spawn(process.execPath, [cli, '--version'], { stdio: 'ignore' }).on('exit', r));
      startup.push(performance.now() - t);
    }
    // The quickest start-up: a start slowed by someone else's load would flatter the ratio it is taken from.
    const startMs = Math.min(...startup);
    const ideal = Math.ceil(hosts.length / CONCURRENCY) * oneMs;
    const ratios: number[] = [];
    const walls: number[] = [];
    const cpuPerHost: number[] = [];
    const mainPerHost: number[] = [];
    const boundRatios: number[] = [];
    const labCpuPerHost: number[] = [];
    const loads: number[] = [];
    const stretchMedian: number[] = [];
    const stretchP90: number[] = [];
    const hostOf = hostOfRequest(worlds);
    const aloneMs = new Map(singles.map((x) => [x.host, x.ms]));
    const orders = [hosts, ...(quick ? [] : [1, 2, 3, 4].map((seed) => shuffled(hosts, seed)))];
    for (const [i, order] of orders.entries()) {
      const list = path.join(dir, `varied-${i}.txt`);
      writeFileSync(list, order.join('\n'));
      lab.resetLog();
      const r = await runFleet(cli, list, lab.cliArgs(), env);
      if (r.lines !== hosts.length)
        throw new Error(`varied fleet: ${r.lines} reports of ${hosts.length} (exit ${r.code})`);
      // Each check's span in the fleet (its first request to the lab to its last answer) over the same check alone:
      // near 1 when nothing in the CLI or the lab makes checks wait for each other (a shared limit that serialises,
      // CPU), whatever the order; what the run loses beyond that is the order — where the long checks fall.
      const span = new Map<string, { from: number; to: number }>();
      for (const e of lab.log) {
        const h = hostOf(e.kind, e.detail);
        if (!h) continue;
        const x = span.get(h) ?? { from: e.at, to: e.end ?? e.at };
        span.set(h, { from: Math.min(x.from, e.at), to: Math.max(x.to, e.end ?? e.at) });
      }
      const stretch = [...span]
        .map(([h, x]) => (x.to - x.from) / (aloneMs.get(h) ?? Number.NaN))
        .filter(Number.isFinite)
        .sort((a, b) => a - b);
      console.log(
        `  order ${i}: ${span.size} of ${hosts.length} checks traced in the lab's log; in the fleet ÷ alone: median ${stretch[Math.floor(stretch.length / 2)].toFixed(2)}, p90 ${stretch[Math.floor(stretch.length * 0.9)].toFixed(2)}, max ${stretch[stretch.length - 1].toFixed(2)}`,
      );
      stretchMedian.push(stretch[Math.floor(stretch.length / 2)]);
      stretchP90.push(stretch[Math.floor(stretch.length * 0.9)]);
      const threads = Object.entries(r.threads)
        .sort((a, b) => b[1] - a[1])
        .map(([name, sec]) => `${name} ${((sec * 1000) / hosts.length).toFixed(2)}`)
        .join(', ');
      console.log(
        `  order ${i}: ${(r.ms / 1000).toFixed(2)} s · CLI CPU per host by thread (ms): ${threads} (sys ${((r.sysS * 1000) / hosts.length).toFixed(2)})`,
      );
      walls.push(r.ms / 1000);
      cpuPerHost.push((r.cpuS * 1000) / hosts.length);
      mainPerHost.push((r.mainS * 1000) / hosts.length);
      boundRatios.push((r.ms - startMs) / bound);
      labCpuPerHost.push((r.labCpuS * 1000) / hosts.length);
      loads.push(r.load);
      ratios.push((r.ms - startMs) / ideal);
    }
    record(
      `varied fleet${at}, ${hosts.length} hosts, concurrency ${CONCURRENCY}: whole run (${orders.length} orders)`,
      walls,
      's',
      `ideal ${(ideal / 1000).toFixed(2)} s (⌈n ÷ 16⌉ × median single check) + start-up ${(startMs / 1000).toFixed(2)} s`,
    );
    record(`varied fleet${at}: ratio to the ideal (start-up excluded)`, ratios, '×', '≤ 1.25');
    record(
      `varied fleet${at}: ratio to the least any order allows (longest check, or all checks ÷ 16)`,
      boundRatios,
      '×',
      `— (that least is ${(bound / 1000).toFixed(2)} s, ${(bound / ideal).toFixed(2)} × the ideal)`,
    );
    // 16 checks of oneMs each on one event loop: more main-thread CPU than oneMs ÷ 16 a host and the CLI cannot
    // keep up even with a core of its own — the run is then CPU-bound, not network-bound. V8's compiler and GC
    // threads run beside it, on the other core with the lab.
    record(
      `varied fleet${at}: CPU time of the CLI's main thread per host (start-up included)`,
      mainPerHost,
      'ms',
      `≤ ${(oneMs / CONCURRENCY).toFixed(1)} (one core keeps ${CONCURRENCY} checks of ${Math.round(oneMs)} ms going)`,
    );
    record(`varied fleet${at}: each check in the fleet ÷ the same check alone, median`, stretchMedian, '×');
    record(`varied fleet${at}: each check in the fleet ÷ the same check alone, 90th percentile`, stretchP90, '×');
    record(`varied fleet${at}: CPU time of the CLI per host, all threads`, cpuPerHost, 'ms');
    record(`varied fleet${at}: CPU time of the lab per host (the same 2 cores)`, labCpuPerHost, 'ms');
    record(`varied fleet${at}: load average (1 min) after each run`, loads, '');
    return { ratios, oneMs };
  } finally {
    await lab.close();
  }
}

// `npx tsx bench/fleet-bench.ts --varied [--quick] [--write]`: the varied fleet alone (RR_BENCH_CLI for another
// build); --write puts its rows in the README's table and in bench/results.json, with a line saying when and how.
if (process.argv[1]?.endsWith('fleet-bench.ts') && process.argv.includes('--varied')) {
  const figures: Figure[] = [];
  const quick = process.argv.includes('--quick');
  const record: Record = (m, xs, unit, goal) => {
    const f = figureOf(m, xs, unit, goal);
    figures.push(f);
    printFigure(f);
  };
  await variedFleetBench({ quick, record });
  if (!quick) await variedFleetBench({ quick, record, latencyMs: FAR_LATENCY });
  if (process.argv.includes('--write') && !process.argv.includes('--quick')) {
    const date = new Date().toISOString();
    const resultsPath = path.join(ROOT, 'bench/results.json');
    const results = JSON.parse(readFileSync(resultsPath, 'utf8')) as { figures: Figure[]; varied?: unknown };
    const at = results.figures.findIndex((f) => f.metric.startsWith('varied '));
    const others = results.figures.filter((f) => !f.metric.startsWith('varied '));
    others.splice(at >= 0 ? at : others.length, 0, ...figures);
    results.figures = others;
    results.varied = { date, by: 'npx tsx bench/fleet-bench.ts --varied --write' };
    writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
    const readmePath = path.join(ROOT, 'README.md');
    writeFileSync(
      readmePath,
      replaceRows(
        readFileSync(readmePath, 'utf8'),
        'varied ',
        figures,
        `measured ${date.slice(0, 10)} by \`npx tsx bench/fleet-bench.ts --varied --write\` on the same machine, node ${process.version}`,
      ),
    );
    console.log('Wrote the varied fleet rows to bench/results.json and the README table');
  }
}

/**
 * The homogeneous fleet alone, one size, for before/after work on the CLI's CPU (issue #25): `npx tsx
 * bench/fleet-bench.ts --homogeneous [--hosts=1000] [--runs=3]`. RR_BENCH_CLI may name several builds separated by
 * commas: they run interleaved in one lab (ABBA order, so neither always runs first), and each run prints its wall
 * and CPU time per host, the lab's CPU per host and its event-loop delay, the peak memory and the load average.
 * RR_BENCH_NODE_ARGS passes flags to the CLI's node (`--cpu-prof --cpu-prof-dir=…`); RR_BENCH_OUT=<folder> keeps each
 * build's output (the reports are the same bytes whatever the build: the lab's clock is fixed by --now).
 */
async function homogeneousFleetBench({
  hosts,
  runs,
  clis,
  oneOrigin,
}: {
  hosts: number;
  runs: number;
  clis: string[];
  oneOrigin: boolean;
}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rr-fleet-homogeneous-'));
  const worlds = fleetWorlds(hosts);
  const lab = await Lab.start({ worlds, latencyMs: LATENCY });
  try {
    const { oneMs } = await oneCheckTimes(lab, worlds);
    const ideal = oneMs / CONCURRENCY;
    console.log(
      `one full check ${oneMs.toFixed(1)} ms: ideal ${ideal.toFixed(2)} ms/host, budget ${(1.25 * ideal).toFixed(2)}`,
    );
    const list = path.join(dir, `hosts-${hosts}.txt`);
    writeFileSync(list, worlds.map((w) => w.target).join('\n'));
    const env = { ...process.env, NODE_EXTRA_CA_CERTS: lab.caPemPath };
    const rows = new Map<string, { wall: number[]; cpu: number[]; labCpu: number[] }>(
      clis.map((c) => [c, { wall: [], cpu: [], labCpu: [] }]),
    );
    for (let r = 0; r < runs; r++) {
      for (const cli of r % 2 ? [...clis].reverse() : clis) {
        lab.resetLog();
        // --one-origin: every service on the lab's one API port, as the lab was before it had a port per service.
        const args = lab
          .cliArgs()
          .map((a) =>
            oneOrigin
              ? Object.values(lab.servicePorts).reduce((x, p) => x.replace(`:${p}/`, `:${lab.apiPort}/`), a)
              : a,
          );
        // RR_BENCH_OUT: a folder that receives each build's output of its last run (to compare their reports).
        const outDir = process.env.RR_BENCH_OUT;
        const x = await runFleet(cli, list, args, env, outDir && path.join(outDir, `${path.basename(cli)}.ndjson`));
        const byKind = new Map<string, number>();
        for (const e of lab.log) byKind.set(e.kind, (byKind.get(e.kind) ?? 0) + 1);
        const kinds = [...byKind].map(([k, n]) => `${k} ${(n / hosts).toFixed(1)}`).join(', ');
        const peaks = Object.entries(lab.peakByKind)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ');
        console.log(`  lab requests per host: ${kinds}; peak in flight ${lab.peakInflight} (${peaks})`);
        const threads = Object.entries(x.threads)
          .sort((a, b) => b[1] - a[1])
          .map(([name, sec]) => `${name} ${((sec * 1000) / hosts).toFixed(2)}`)
          .join(', ');
        console.log(`  CLI CPU per host by thread (ms): ${threads}`);
        if (x.lines !== hosts) throw new Error(`fleet of ${hosts}: ${x.lines} reports (exit ${x.code})`);
        const row = rows.get(cli)!;
        row.wall.push(x.ms / hosts);
        row.cpu.push((x.cpuS * 1000) / hosts);
        row.labCpu.push((x.labCpuS * 1000) / hosts);
        console.log(
          `${path.basename(cli).padEnd(24)} wall ${(x.ms / hosts).toFixed(2)} ms/host · CLI CPU ${((x.cpuS * 1000) / hosts).toFixed(2)} (sys ${((x.sysS * 1000) / hosts).toFixed(2)}, main thread ${((x.mainS * 1000) / hosts).toFixed(2)}) · lab CPU ${((x.labCpuS * 1000) / hosts).toFixed(2)} · lab lag p50/p99/max ${x.labLag.p50.toFixed(1)}/${x.labLag.p99.toFixed(1)}/${x.labLag.max.toFixed(1)} ms · peak ${x.peakMb.toFixed(0)} MB · load ${x.load.toFixed(2)}`,
        );
      }
    }
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    for (const [cli, row] of rows)
      console.log(
        `median ${path.basename(cli).padEnd(17)} wall ${med(row.wall).toFixed(2)} · CLI CPU ${med(row.cpu).toFixed(2)} · lab CPU ${med(row.labCpu).toFixed(2)} ms/host (${runs} runs)`,
      );
  } finally {
    await lab.close();
  }
}

if (process.argv[1]?.endsWith('fleet-bench.ts') && process.argv.includes('--homogeneous')) {
  const opt = (name: string, dflt: number) =>
    Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt);
  await homogeneousFleetBench({
    hosts: opt('hosts', 1000),
    runs: opt('runs', 1),
    oneOrigin: process.argv.includes('--one-origin'),
    clis: (process.env.RR_BENCH_CLI ?? path.join(ROOT, 'dist/cli/renewal-radar.cjs')).split(',').filter(Boolean),
  });
}
