// The check registry (src/core/checks/index.ts) against the files that declare the checks and the finding codes:
// every code has exactly one home, every check file is registered, and a check's declared fix causes are the
// ones its file passes to fixSteps — so a forgotten registration fails here, naming the file, not in a lab world.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { CHECKS, CODES_OUTSIDE_CHECKS, LIKELY_HOST_RULE_CODES } from '../../src/core/checks';
import { FINDING_CODES as VOCABULARY_CODES, GENERIC_FIX_STEPS } from '../../src/core/checks/vocabulary';
import { FINDING_CODES } from '../../src/core/engine/types';

const CHECKS_DIR = fileURLToPath(new URL('../../src/core/checks/', import.meta.url));
const source = (file: string) => readFileSync(path.join(CHECKS_DIR, file), 'utf8');
/** The causes a file passes to fixSteps as literals. */
const causesIn = (text: string) => new Set([...text.matchAll(/fixSteps\(\s*'([a-z0-9-]+)'/g)].map((m) => m[1]));

describe('check registry', () => {
  it('declares every finding code exactly once (or lists it as produced outside the checks)', () => {
    assert.equal(FINDING_CODES, VOCABULARY_CODES, 'engine/types exports the vocabulary’s list itself');
    const declared = [...CHECKS.flatMap((c) => c.codes), ...CODES_OUTSIDE_CHECKS];
    const twice = declared.filter((c, i) => declared.indexOf(c) !== i);
    assert.deepEqual(twice, [], 'a code declared by two checks');
    assert.deepEqual([...declared].sort(), [...FINDING_CODES].sort());
  });

  it('registers every check file, once, under its file name', () => {
    const ids = CHECKS.map((c) => c.id);
    assert.equal(new Set(ids).size, ids.length);
    const defining = readdirSync(CHECKS_DIR)
      .filter((f) => f.endsWith('.ts') && /\bdefineCheck\(/.test(source(f)) && f !== 'define.ts')
      .map((f) => f.replace(/\.ts$/, ''));
    for (const f of defining) assert.ok(ids.includes(f), `src/core/checks/${f}.ts defines a check: add it to index.ts`);
    for (const id of ids) assert.ok(defining.includes(id), `${id}: no src/core/checks/${id}.ts defines it`);
  });

  it("declares exactly the fix causes its file uses, and every cause's generic steps are used by some check", () => {
    for (const c of CHECKS) assert.deepEqual([...c.fixCauses].sort(), [...causesIn(source(`${c.id}.ts`))].sort(), c.id);
    // dry-run.ts picks its cause from the CA's words (a typed table rather than literals in fixSteps calls).
    const dryRun = new Set([...source('dry-run.ts').matchAll(/fix: '([a-z0-9-]+)'/g)].map((m) => m[1]));
    const used = new Set([...CHECKS.flatMap((c) => c.fixCauses), ...dryRun]);
    assert.deepEqual(
      Object.keys(GENERIC_FIX_STEPS).filter((cause) => !used.has(cause as never)),
      [],
      'a fix cause nobody uses',
    );
  });

  it('the likely-host rule is a severity policy of fail-capable host-rule codes, read from the declarations', () => {
    for (const c of CHECKS) for (const code of c.likelyHostRule) assert.ok(c.codes.includes(code), `${c.id}: ${code}`);
    assert.deepEqual([...LIKELY_HOST_RULE_CODES].sort(), CHECKS.flatMap((c) => c.likelyHostRule).sort());
    assert.ok(LIKELY_HOST_RULE_CODES.has('CAA_FORBIDS_CA'));
  });
});
