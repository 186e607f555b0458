// docs/examples: the GitHub Actions workflow and the GitLab CI job are parsed as YAML and their commands run
// against the lab, shard by shard, the way the CI would run them (npx replaced by the built CLI, lab endpoints
// added, the CI's variables and files provided).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { ROOT } from '../e2e/harness';
import { Lab } from '../lab/server';
import { loadWorlds } from '../lab/world';
import { CLI } from './helpers';

interface Step {
  name?: string;
  id?: string;
  if?: string;
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
const gh = parse(readFileSync(path.join(ROOT, 'docs/examples/github-actions.yml'), 'utf8')) as {
  on: { schedule: { cron: string }[] };
  jobs: { check: { strategy: { matrix: { shard: number[] }; 'fail-fast': boolean }; steps: Step[] } };
};
const gl = parse(readFileSync(path.join(ROOT, 'docs/examples/gitlab-ci.yml'), 'utf8')) as {
  'renewal-radar': { parallel: number; script: string[]; artifacts: { paths: string[]; when: string } };
};

let lab: Lab;
let work: string;
const sites = [
  'hayamiz-shop.jp',
  'kyoto-kimono-rental.jp',
  'tsubame-cafe.jp',
  'sakura-mochi-tanaka.jp',
  'strict-caa-shop.jp',
  'servfail-example.jp',
  'matcha-times.com',
  'retry-loop-shop.jp',
];

before(async () => {
  lab = await Lab.start({ worlds: loadWorlds() });
  work = mkdtempSync(path.join(os.tmpdir(), 'rr-ci-'));
  writeFileSync(path.join(work, 'sites.txt'), `# clients\n${sites.join('\n')}\n`);
  mkdirSync(path.join(work, 'docs/examples'), { recursive: true });
  copyFileSync(path.join(ROOT, 'docs/examples/summary.mjs'), path.join(work, 'docs/examples/summary.mjs'));
});
after(() => lab?.close());

/** The CI's `npx renewal-radar` is the package; here it is the built CLI, pointed at the lab. */
const local = (script: string) =>
  script.replace(
    /npx --yes renewal-radar@0 check/g,
    `node ${CLI} check ${lab
      .cliArgs()
      .map((a) => `'${a}'`)
      .join(' ')}`,
  );
const bash = (script: string, env: Record<string, string>) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      'bash',
      ['-e', '-c', script],
      {
        cwd: work,
        env: { ...process.env, NODE_EXTRA_CA_CERTS: lab.caPemPath, NO_COLOR: '1', ...env },
        timeout: 120_000,
      },
      (err, stdout, stderr) => {
        resolve({
          code: err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0,
          stdout,
          stderr,
        });
      },
    );
  });
const verdicts = (file: string) =>
  readFileSync(path.join(work, file), 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l).verdict as string);

describe('CI recipes in docs/examples', () => {
  it('GitHub Actions: a daily schedule, a 4-shard matrix, artifacts, a job summary, a failed job only when a renewal will fail', async () => {
    assert.match(gh.on.schedule[0].cron, /^\d+ \d+ \* \* \*$/);
    const job = gh.jobs.check;
    assert.deepEqual(job.strategy.matrix.shard, [1, 2, 3, 4]);
    assert.equal(job.strategy['fail-fast'], false);
    assert.ok(job.steps.some((s) => s.uses?.startsWith('actions/upload-artifact@')));
    const seen: string[] = [];
    for (const shard of job.strategy.matrix.shard) {
      const out = path.join(work, `gh-output-${shard}`);
      const summary = path.join(work, `gh-summary-${shard}`);
      writeFileSync(out, '');
      writeFileSync(summary, '');
      const env = { GITHUB_OUTPUT: out, GITHUB_STEP_SUMMARY: summary, CERTSPOTTER_API_KEY: '' };
      const expr = (s: string) =>
        s.replace(/\$\{\{\s*matrix\.shard\s*\}\}/g, String(shard)).replace(/\$\{\{\s*secrets\.[A-Z_]+\s*\}\}/g, '');
      const outputs: Record<string, string> = {};
      let failed = false;
      for (const step of job.steps.filter((s) => s.run)) {
        const cond = step.if ?? 'success()';
        const runIt =
          cond === 'always()' || cond === 'success()'
            ? true
            : (() => {
                const m = cond.match(/^steps\.(\w+)\.outputs\.(\w+) == '(\w+)'$/);
                assert.ok(m, `unknown condition ${cond}`);
                return outputs[`${m![1]}.${m![2]}`] === m![3];
              })();
        if (!runIt) continue;
        const r = await bash(local(expr(step.run!)), env);
        if (step.id)
          for (const l of readFileSync(out, 'utf8').split('\n')) {
            const [k, v] = l.split('=');
            if (k) outputs[`${step.id}.${k}`] = v;
          }
        if (r.code !== 0) failed = true;
        assert.equal(r.stderr.includes('Error'), false, r.stderr);
      }
      const v = verdicts(`results-${shard}.ndjson`);
      seen.push(
        ...readFileSync(path.join(work, `results-${shard}.ndjson`), 'utf8')
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l).host),
      );
      assert.equal(failed, v.includes('fail'), `shard ${shard}: job failed ${failed}, verdicts ${v.join(' ')}`);
      const table = readFileSync(summary, 'utf8');
      assert.match(table, /^\| verdict \| site \| host \| days left \| main finding \|$/m);
      assert.equal(table.split('\n').filter((l) => /^\| (🔴|🟠|⚪|🟢|—)/.test(l)).length, v.length);
    }
    assert.deepEqual(seen.sort(), [...sites].sort(), 'the four shards together are the list, each site once');
  });

  it('GitLab CI: parallel 4, artifacts kept, the job fails only when a renewal will fail', async () => {
    const job = gl['renewal-radar'];
    assert.equal(job.parallel, 4);
    assert.equal(job.artifacts.when, 'always');
    assert.ok(job.artifacts.paths.includes('results-*.ndjson'));
    let anyFail = false;
    for (let i = 1; i <= job.parallel; i++) {
      const r = await bash(local(job.script.join('\n')), {
        CI_NODE_INDEX: String(i),
        CI_NODE_TOTAL: String(job.parallel),
      });
      const v = verdicts(`results-${i}.ndjson`);
      anyFail ||= v.includes('fail');
      assert.equal(r.code !== 0, v.includes('fail'), `job ${i}: exit ${r.code}, verdicts ${v.join(' ')}`);
      assert.match(r.stdout, /\| verdict \| site \|/);
    }
    assert.ok(anyFail, 'the test list has a failing site');
  });
});
