// Fleet mode at scale (docs/design.md "Budgets": 1,000 hosts at concurrency 16 take no more than
// 1.25 × (1,000 ÷ 16 × one check's time), in one process under 300 MB). The lab serves N generated worlds at once (distinct
// domains on Xserver-shaped DNS); the CLI runs as a user would run it, `--from-file` with `--concurrency 16`;
// peak memory is the process's own high-water mark (VmHWM).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { diagnose } from '../src/core/engine/diagnose';
import { DohResolver } from '../src/core/dns/resolver';
import { nodeCertificateReader, nodeHttpClient, nodeSiteProbe, parseConnectTo } from '../src/cli/node-transports';
import { parseDer } from '../src/core/certificates/x509';
import { ROOT } from '../test/e2e/harness';
import { Lab } from '../test/lab/server';
import { loadWorlds, type World } from '../test/lab/world';

type Record = (metric: string, xs: number[], unit: string, goal?: string) => void;
const LATENCY = 50;
const CONCURRENCY = 16;

function fleetWorlds(n: number): World[] {
  const template = loadWorlds((w) => w.id === 'xserver-healthy')[0];
  const apex = template.target;
  return Array.from({ length: n }, (_, i) => {
    const domain = `fleet-${String(i).padStart(4, '0')}-shop.jp`;
    const text = JSON.stringify(template).split(apex).join(domain);
    return { ...JSON.parse(text), id: `fleet-${i}`, demo: false } as World;
  });
}

function runFleet(
  cli: string,
  list: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ ms: number; peakMb: number; cpuS: number; lines: number; code: number | null }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      [
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
    child.stdout.on('data', (d: Buffer) => {
      for (const b of d) if (b === 10) lines++;
    });
    const sample = () => {
      try {
        const m = readFileSync(`/proc/${child.pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/);
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
        const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
        cpuTicks = Number(stat[11]) + Number(stat[12]); // utime + stime (fields 14, 15)
      } catch {
        /* exited */
      }
    };
    const timer = setInterval(sample, 50);
    child.on('exit', (code) => {
      clearInterval(timer);
      resolve({ ms: performance.now() - started, peakMb: peakKb / 1024, cpuS: cpuTicks / 100, lines, code });
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
    // One check's time: the same full check in-process, fresh caches, same latency.
    const rules = lab.connectTo().map((r) => parseConnectTo(r)!);
    const clock = { now: () => lab.now };
    const one: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await diagnose(worlds[i].target, {
        resolver: new DohResolver({ endpoints: [lab.dohUrl], http: nodeHttpClient, clock }),
        http: nodeHttpClient,
        clock,
        tier: 'full',
        probe: nodeSiteProbe(rules),
        readCertificate: nodeCertificateReader(rules),
        parseDer,
        acceptUntrusted: true,
        ct: [{ kind: 'certspotter', base: lab.ctBase }],
        rdapBase: lab.rdapBase,
        caStatusUrl: lab.caStatusUrl(),
      });
      one.push(performance.now() - t);
    }
    const oneMs = [...one].sort((a, b) => a - b)[2];
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
    }
  } finally {
    await lab.close();
  }
}
