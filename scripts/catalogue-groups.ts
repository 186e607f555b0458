// Which catalogue keys belong together, read from the source: a check's keys are those its file in
// src/core/checks/ names, plus the generic steps of its declared fix causes (the dry run is a check too); a host's
// are the fix keys its provider file names. A key that several groups name belongs to none (shared). The
// catalogue-layout unit test requires each group's keys to be contiguous; `npm run catalogues` moves stray keys
// (say, a new key of an existing check appended at the end of the file) next to their group, in both catalogues.
//   tsx scripts/catalogue-groups.ts           lists what is out of place (exit 1 if anything is)
//   tsx scripts/catalogue-groups.ts --write   regroups _locales/en and _locales/ja in the same order
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHECKS } from '../src/core/checks';
import { GENERIC_FIX_STEPS, type FixCause } from '../src/core/checks/vocabulary';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
const read = (p: string) => readFileSync(path.join(ROOT, p), 'utf8');
const CATALOGUES = ['_locales/en/messages.json', '_locales/ja/messages.json'];

/** The catalogue keys a text names as string literals, in order of first mention. */
export function keysIn(text: string, known: ReadonlySet<string>): string[] {
  return [...new Set([...text.matchAll(/['"`]([A-Za-z0-9_]+)['"`]/g)].map((m) => m[1]).filter((k) => known.has(k)))];
}

export interface Groups {
  /** Check id → its keys (the dry run included). */
  checks: Map<string, string[]>;
  /** Provider file → its own fix keys (not a check's). */
  hosts: Map<string, string[]>;
}

export function catalogueGroups(known: ReadonlySet<string>): Groups {
  const checks = new Map<string, string[]>();
  const add = (id: string, text: string, causes: readonly FixCause[]) =>
    checks.set(id, [...new Set([...keysIn(text, known), ...causes.flatMap((c) => GENERIC_FIX_STEPS[c])])]);
  for (const c of CHECKS) add(c.id, read(`src/core/checks/${c.id}.ts`), c.fixCauses);
  const dryRun = read('src/core/checks/dry-run.ts');
  add(
    'dry-run',
    dryRun,
    [...dryRun.matchAll(/fix: '([a-z0-9-]+)'/g)].map((m) => m[1] as FixCause),
  );
  const byChecks = ownersOf(checks);
  const hosts = new Map<string, string[]>();
  for (const f of readdirSync(path.join(ROOT, 'src/core/providers')).sort()) {
    if (!f.endsWith('.ts')) continue;
    const keys = keysIn(read(`src/core/providers/${f}`), known).filter((k) => k.startsWith('fix_') && !byChecks.has(k));
    hosts.set(`src/core/providers/${f}`, keys);
  }
  return { checks, hosts };
}

export function ownersOf(groups: Map<string, string[]>): Map<string, string[]> {
  const owners = new Map<string, string[]>();
  for (const [id, keys] of groups) for (const k of keys) owners.set(k, [...(owners.get(k) ?? []), id]);
  return owners;
}

/** Each group's own keys (no other group names them), when they do not form one run in `order`. */
export function scattered(groups: Map<string, string[]>, order: readonly string[]): { id: string; own: string[] }[] {
  const owners = ownersOf(groups);
  const out: { id: string; own: string[] }[] = [];
  for (const [id, keys] of groups) {
    const own = order.filter((k) => keys.includes(k) && owners.get(k)?.length === 1);
    const at = own.map((k) => order.indexOf(k));
    if (at.length > 1 && at[at.length - 1] - at[0] + 1 !== at.length) out.push({ id, own });
  }
  return out;
}

/** Moves each scattered group's keys next to its longest run (keeping their order); everything else stays. */
export function regroup(groups: Map<string, string[]>, order: readonly string[]): string[] {
  let keys = [...order];
  for (const { own } of scattered(groups, keys)) {
    const mine = new Set(own);
    let best = { start: 0, length: 0 };
    for (let i = 0; i < keys.length; ) {
      let j = i;
      while (j < keys.length && mine.has(keys[j])) j++;
      if (j - i > best.length) best = { start: i, length: j - i };
      i = j > i ? j : i + 1;
    }
    const home = keys.slice(best.start, best.start + best.length);
    const strays = own.filter((k) => !home.includes(k));
    const rest = keys.filter((k) => !strays.includes(k));
    const after = rest.indexOf(home[home.length - 1]) + 1;
    keys = [...rest.slice(0, after), ...strays, ...rest.slice(after)];
  }
  return keys;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const catalogues = CATALOGUES.map((p) => JSON.parse(read(p)) as Record<string, unknown>);
  const order = Object.keys(catalogues[0]);
  const { checks, hosts } = catalogueGroups(new Set(order));
  const problems = [...scattered(checks, order), ...scattered(hosts, order)];
  if (!process.argv.includes('--write')) {
    for (const p of problems) console.log(`${p.id}: ${p.own.join(', ')} are not together`);
    process.exitCode = problems.length ? 1 : 0;
  } else {
    const keys = regroup(hosts, regroup(checks, order));
    CATALOGUES.forEach((p, i) => {
      const c = catalogues[i];
      const extra = Object.keys(c).filter((k) => !keys.includes(k));
      const ordered = Object.fromEntries([...keys.filter((k) => k in c), ...extra].map((k) => [k, c[k]]));
      writeFileSync(path.join(ROOT, p), `${JSON.stringify(ordered, null, 2)}\n`);
    });
    console.log(`regrouped ${problems.map((p) => p.id).join(', ') || 'nothing (already grouped)'}`);
  }
}
