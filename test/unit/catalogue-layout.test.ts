// The catalogues' layout: every key is used, en and ja list the keys in one order, and the keys of one check (its
// findings' messages, their "why", the fix steps only it uses, its evidence words) sit together, as do a host's own
// fix steps — wherever the group is, so a new finding's block appended at the end passes. Ownership is read from
// the source: a key belongs to the one check file that names it (or whose declared fix causes' generic steps
// include it: scripts/catalogue-groups.ts); keys several checks use are shared. docs/adding-a-finding.md says where.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { catalogueGroups, keysIn, ROOT, regroup, scattered } from '../../scripts/catalogue-groups';

const read = (p: string) => readFileSync(path.join(ROOT, p), 'utf8');
const en: string[] = Object.keys(JSON.parse(read('_locales/en/messages.json')));
const ja: string[] = Object.keys(JSON.parse(read('_locales/ja/messages.json')));
const known = new Set(en);
const { checks, hosts } = catalogueGroups(known);
const problems = (groups: Map<string, string[]>, order: string[]) =>
  scattered(groups, order).map(
    (p) => `${p.id}: ${p.own.join(', ')} are not together — npm run catalogues moves them (both catalogues)`,
  );

const files = (dir: string): string[] =>
  readdirSync(path.join(ROOT, dir)).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(path.join(ROOT, p)).isDirectory() ? files(p) : /\.tsx?$/.test(f) ? [p] : [];
  });

describe('catalogue layout', () => {
  it('en and ja list the same keys in the same order', () => {
    assert.deepEqual(ja, en);
  });

  it("keeps each check's keys together (findings, why, its own fix steps and evidence words)", () => {
    assert.ok(checks.get('caa')!.includes('finding_caa_lookup_failed'), 'ownership is read from the check files');
    assert.ok(checks.get('dry-run')!.includes('why_dry_run'));
    assert.deepEqual(problems(checks, en), []);
  });

  it("keeps each host's own fix steps together", () => {
    assert.ok(hosts.get('src/core/providers/xserver.ts')!.length >= 5);
    assert.deepEqual(problems(hosts, en), []);
  });

  it('puts a key appended at the end back with its check (npm run catalogues), wherever a new block sits', () => {
    const moved = ['finding_caa_lookup_failed', 'fix_xserver_access_1'];
    const appended = [...en.filter((k) => !moved.includes(k)), ...moved];
    assert.equal(problems(checks, appended).length, 1);
    assert.equal(problems(hosts, appended).length, 1);
    const fixed = regroup(hosts, regroup(checks, appended));
    assert.deepEqual([problems(checks, fixed), problems(hosts, fixed)], [[], []]);
    assert.deepEqual([...fixed].sort(), [...en].sort());
    // A new check's block at the end is together already: nothing to move.
    const newBlock = [...en.filter((k) => !checks.get('rate-limit')!.includes(k)), ...checks.get('rate-limit')!];
    assert.deepEqual(problems(checks, newBlock), []);
  });

  it('uses every key: named in src or the manifest, or built from a pattern the source still spells', () => {
    const sources = [...files('src'), 'manifest.json'].map(read).join('\n');
    const named = new Set([...keysIn(sources, known), ...[...sources.matchAll(/__MSG_(\w+)__/g)].map((m) => m[1])]);
    // Keys built at run time from a closed union (verdict, severity, source status): the template and the values.
    const patterns: { template: string; keys: RegExp }[] = [
      { template: 'verdict_${', keys: /^verdict_(fail|warn|unknown|ok|not_applicable)$/ },
      { template: 'verdict_short_${', keys: /^verdict_short_(fail|warn|unknown|ok|not_applicable)$/ },
      { template: 'fleet_verdict_${', keys: /^fleet_verdict_(fail|warn|unknown|ok|not_applicable)$/ },
      { template: 'severity_${', keys: /^severity_(fail|warn|info|unknown)$/ },
      { template: 'source_status_${', keys: /^source_status_(ok|skipped|failed)$/ },
    ];
    for (const p of patterns) assert.ok(sources.includes(p.template), `no source builds keys from ${p.template}`);
    const unused = en.filter((k) => !named.has(k) && !patterns.some((p) => p.keys.test(k)));
    assert.deepEqual(unused, [], 'keys nothing uses: delete them from both catalogues');
  });
});
