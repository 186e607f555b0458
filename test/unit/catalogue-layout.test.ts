// The catalogues' layout: every key is used, en and ja list the keys in one order, and the keys of one check (its
// findings' messages, their "why", the fix steps only it uses, its evidence words) sit together, as do a host's own
// fix steps — wherever the group is, so a new finding's block appended at the end passes. Ownership is read from
// the source: a key belongs to the one check file that names it (or whose declared fix causes' generic steps
// include it); keys several checks use sit in the shared fix steps. docs/adding-a-finding.md says where keys go.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { CHECKS } from '../../src/core/checks';
import { GENERIC_FIX_STEPS, type FixCause } from '../../src/core/checks/vocabulary';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (p: string) => readFileSync(path.join(ROOT, p), 'utf8');
const en: string[] = Object.keys(JSON.parse(read('_locales/en/messages.json')));
const ja: string[] = Object.keys(JSON.parse(read('_locales/ja/messages.json')));
const known = new Set(en);
/** The catalogue keys a file names as string literals, in order of first mention. */
const keysIn = (text: string) => [
  ...new Set([...text.matchAll(/['"`]([A-Za-z0-9_]+)['"`]/g)].map((m) => m[1]).filter((k) => known.has(k))),
];

const files = (dir: string): string[] =>
  readdirSync(path.join(ROOT, dir)).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(path.join(ROOT, p)).isDirectory() ? files(p) : /\.tsx?$/.test(f) ? [p] : [];
  });

/** A check's keys: named in its file, plus the generic steps of its fix causes. The dry run is a check too. */
const checkKeys = new Map<string, string[]>();
for (const c of CHECKS) {
  const steps = c.fixCauses.flatMap((cause) => GENERIC_FIX_STEPS[cause]);
  checkKeys.set(c.id, [...new Set([...keysIn(read(`src/core/checks/${c.id}.ts`)), ...steps])]);
}
const dryRun = read('src/core/checks/dry-run.ts');
const dryRunCauses = [...dryRun.matchAll(/fix: '([a-z0-9-]+)'/g)].map((m) => m[1] as FixCause);
checkKeys.set('dry-run', [...new Set([...keysIn(dryRun), ...dryRunCauses.flatMap((c) => GENERIC_FIX_STEPS[c])])]);

const ownersOf = (groups: Map<string, string[]>) => {
  const owners = new Map<string, string[]>();
  for (const [id, keys] of groups) for (const k of keys) owners.set(k, [...(owners.get(k) ?? []), id]);
  return owners;
};
/** For each group whose own keys (no other group names them) do not form one run: what splits them. */
function scattered(groups: Map<string, string[]>, order: string[]): string[] {
  const owners = ownersOf(groups);
  const problems: string[] = [];
  for (const [id, keys] of groups) {
    const own = new Set(keys.filter((k) => owners.get(k)?.length === 1));
    const at = order.map((k, i) => (own.has(k) ? i : -1)).filter((i) => i >= 0);
    if (at.length < 2 || at[at.length - 1] - at[0] + 1 === at.length) continue;
    const between = order.slice(at[0], at[at.length - 1] + 1).filter((k) => !own.has(k));
    problems.push(
      `${id}: its keys ${[...own].join(', ')} are split by ${between.join(', ')} — move them next to each other (same order in en and ja)`,
    );
  }
  return problems;
}

describe('catalogue layout', () => {
  it('en and ja list the same keys in the same order', () => {
    assert.deepEqual(ja, en);
  });

  it("keeps each check's keys together (findings, why, its own fix steps and evidence words)", () => {
    assert.ok(checkKeys.get('caa')!.includes('finding_caa_lookup_failed'), 'ownership is read from the check files');
    assert.deepEqual(scattered(checkKeys, en), []);
  });

  it("keeps each host's own fix steps together", () => {
    const byChecks = ownersOf(checkKeys);
    const providers = new Map<string, string[]>();
    for (const f of files('src/core/providers'))
      providers.set(
        f,
        keysIn(read(f)).filter((k) => k.startsWith('fix_') && !byChecks.has(k)),
      );
    assert.ok(providers.get(path.join('src/core/providers', 'xserver.ts'))!.length >= 5);
    assert.deepEqual(scattered(providers, en), []);
  });

  it('uses every key: named in src or the manifest, or built from a pattern the source still spells', () => {
    const sources = [...files('src'), 'manifest.json'].map(read).join('\n');
    const named = new Set([...keysIn(sources), ...[...sources.matchAll(/__MSG_(\w+)__/g)].map((m) => m[1])]);
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
