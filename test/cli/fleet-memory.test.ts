// Issue #26: "a fleet whose CT answers are 100 MB each peaks at 380 MB (budget 300)". Whatever its sources send, the
// fleet's memory stays bounded: each answer is capped while it is read (ANSWER_LIMITS), all answers being read at
// once share one budget, and the CT memo keeps a bounded number of bytes.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { Lab } from '../lab/server';
import { loadWorlds, type World } from '../lab/world';
import { CLI } from './helpers';

const template = loadWorlds((w) => w.id === 'jp-whois-expiring')[0];
const HOSTS = 40;
const worlds: World[] = Array.from({ length: HOSTS }, (_, i) => {
  const target = `huge-ct-${i}.jp`;
  return {
    ...template,
    id: `huge-ct-${i}`,
    target,
    zones: { [target]: template.zones['whois-soon-shop.jp'] },
    sites: { [target]: {} },
    ct: 'huge',
  };
});

let lab: Lab;
before(async () => {
  lab = await Lab.start({ worlds });
});
after(() => lab?.close());

/** Peak resident memory (VmHWM) of a running process, read until it exits (Linux /proc). */
function peakKb(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmHWM:\s+(\d+) kB/m)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

describe('the fleet memory budget', () => {
  it(`${HOSTS} hosts whose CT answers are 100 MB each, 32 at once: under 300 MB, CT skipped with a note`, async () => {
    const child = spawn(
      process.execPath,
      [CLI, 'check', '--from-file', '-', '--json', '--concurrency', '32', '--timeout', '30000', ...lab.cliArgs()],
      { env: { ...process.env, NODE_EXTRA_CA_CERTS: lab.caPemPath, LANG: 'C' }, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    child.stdin.end(worlds.map((w) => w.target).join('\n'));
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    let peak = 0;
    const poll = setInterval(() => {
      peak = Math.max(peak, peakKb(child.pid!));
    }, 50);
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    clearInterval(poll);
    const lines = stdout.trim().split('\n').filter(Boolean);
    assert.equal(lines.length, HOSTS, stderr);
    for (const l of lines) {
      const j = JSON.parse(l);
      const ct = j.notes.find((n: { source: string }) => n.source === 'ct');
      assert.ok(ct && ct.status !== 'ok', `${j.host}: ${JSON.stringify(ct)}`);
    }
    assert.ok(code !== null && code <= 3, `exit ${code}`);
    assert.ok(peak > 0, 'the peak was read');
    assert.ok(peak < 300 * 1024, `peak ${Math.round(peak / 1024)} MB`);
    console.log(`# fleet peak RSS ${Math.round(peak / 1024)} MB`);
  });
});
