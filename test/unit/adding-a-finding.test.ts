// docs/adding-a-finding.md, walked through: its check, messages and world are the fixture files here; the example
// check raises its finding on the example world's evidence and stays quiet on the healthy set-ups it names; its
// declaration keeps the registry's rules; and the page's file list names files that exist.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { CHECKS } from '../../src/core/checks';
import { FINDING_CODES } from '../../src/core/checks/vocabulary';
import { verdictOf } from '../../src/core/engine/verdict';
import type { CertificateInfo, Finding } from '../../src/core/engine/types';
import type { World } from '../lab/world';
import { codes, ctx, DAY, NOW } from './evidence-builder';
import { wildcardMethodCheck } from './fixtures/adding-a-finding/wildcard-method';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (p: string) => readFileSync(path.join(ROOT, p), 'utf8');
const FIXTURES = 'test/unit/fixtures/adding-a-finding';
const doc = read('docs/adding-a-finding.md');
const blocks = (lang: string) =>
  [...doc.matchAll(new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((m) => m[1]);
const checkFile = read(`${FIXTURES}/wildcard-method.ts`);
const enFile = read(`${FIXTURES}/en.json`);
const jaFile = read(`${FIXTURES}/ja.json`);
const worldFile = read(`${FIXTURES}/world.json`);
const exampleEn = JSON.parse(enFile) as Record<string, { message: string }>;
const exampleJa = JSON.parse(jaFile) as Record<string, { message: string }>;
const world = JSON.parse(worldFile) as World;

/** The example world's evidence, as diagnose() would gather it (DNS, and the certificate the site serves). */
function worldContext(names = world.sites![world.target].certificate!.names!) {
  const records = world.zones[world.target].records['@'];
  const certificate: CertificateInfo = {
    issuer: 'R11',
    issuerOrg: "Let's Encrypt",
    subject: `CN=${world.target}`,
    names,
    notBefore: new Date(NOW - 10 * DAY).toISOString(),
    notAfter: new Date(NOW + 80 * DAY).toISOString(),
    source: 'connection',
  };
  return ctx({
    host: world.target,
    domain: world.target,
    ns: records.NS,
    a: records.A,
    ptr: world.ptr,
    patch: { certificate },
  });
}

describe('docs/adding-a-finding.md', () => {
  it('shows exactly the fixture files (the check as it would sit in src/core/checks/)', () => {
    assert.equal(blocks('ts')[0], checkFile.replace("'../../../../src/core/words/fixes'", "'../words/fixes'"));
    assert.deepEqual(blocks('json'), [enFile, jaFile, worldFile]);
  });

  it('counts the files its table lists, and names files that exist', () => {
    const rows = doc.match(/^\| \d+ \| `[^`]+`/gm) ?? [];
    assert.equal(`**${rows.length} files**`, doc.match(/\*\*\d+ files\*\*/)?.[0]);
    const named = [...doc.matchAll(/`((?:src|test|_locales|docs)\/[\w/.-]+)`/g)].map((m) => m[1]);
    assert.ok(named.length >= 10, named.join(' '));
    for (const f of named) assert.ok(existsSync(path.join(ROOT, f)), f);
  });

  it('its example is an example: a new code, new keys, in both languages alike', () => {
    assert.ok(!(FINDING_CODES as readonly string[]).includes(wildcardMethodCheck.codes[0]));
    const real = JSON.parse(read('_locales/en/messages.json')) as Record<string, unknown>;
    assert.deepEqual(Object.keys(exampleJa), Object.keys(exampleEn));
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(exampleEn)) {
      assert.ok(!(k in real), `${k} is a real key already`);
      assert.deepEqual(placeholders(exampleJa[k].message), placeholders(exampleEn[k].message), k);
      assert.match(exampleJa[k].message, /[\u3040-\u30ff\u4e00-\u9fff]/, k);
    }
    // Every key the check names is the example's or a real one.
    for (const m of checkFile.matchAll(/key: '(\w+)'/g)) assert.ok(m[1] in exampleEn || m[1] in real, m[1]);
  });

  it('keeps the registry rules: id, declared fix causes, likely-host codes among its codes', () => {
    assert.equal(wildcardMethodCheck.id, 'wildcard-method');
    assert.ok(!CHECKS.some((c) => c.id === wildcardMethodCheck.id), 'the example is not registered');
    const used = [...checkFile.matchAll(/fixSteps\(\s*'([a-z0-9-]+)'/g)].map((m) => m[1]);
    assert.deepEqual([...wildcardMethodCheck.fixCauses].sort(), [...new Set(used)].sort());
    for (const c of wildcardMethodCheck.likelyHostRule) assert.ok(wildcardMethodCheck.codes.includes(c));
  });

  it('raises its finding on the example world, which the real checks find healthy', () => {
    const c = worldContext();
    assert.equal(c.origin?.id, world.expect.provider);
    const found = wildcardMethodCheck.run(c);
    assert.deepEqual(codes(found), world.expect.codes);
    assert.ok(found[0].message.params?.wildcard === `*.${world.target}`);
    const all = [...CHECKS.flatMap((check) => check.run(c)), ...(found as unknown as Finding[])];
    assert.equal(verdictOf(all), world.expect.verdict);
  });

  it('stays quiet where the host is not the one to renew a wildcard, or nothing is a wildcard', () => {
    assert.deepEqual(wildcardMethodCheck.run(worldContext([world.target, `www.${world.target}`])), []);
    const c = worldContext();
    // A host that validates by DNS (its DNS service) can renew the wildcard itself.
    const dnsHost = { ...c.origin!, renewal: { ...c.origin!.renewal, method: 'dns-01' as const } };
    assert.deepEqual(wildcardMethodCheck.run({ ...c, origin: dnsHost }), []);
    // No host recognised: nobody to name.
    assert.deepEqual(wildcardMethodCheck.run({ ...c, origin: null }), []);
  });
});
