// docs/adding-a-provider.md, walked through: its two examples are the fixture files here, the example provider
// meets the schema every provider meets, and it is recognised (and nothing else is) from the example world.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { detectProvider } from '../../src/core/providers/detect-provider';
import { reservedRange } from '../../src/core/network/ip';
import { PROVIDERS } from '../../src/core/providers';
import { ROOT } from '../e2e/harness';
import type { World } from '../lab/world';
import { exampleHost } from './fixtures/adding-a-provider/example-host';
import { assertValidProvider } from './provider-schema';

const FIXTURES = path.join(ROOT, 'test/unit/fixtures/adding-a-provider');
const doc = readFileSync(path.join(ROOT, 'docs/adding-a-provider.md'), 'utf8');
const block = (lang: string) => doc.match(new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``))?.[1];
const providerFile = readFileSync(path.join(FIXTURES, 'example-host.ts'), 'utf8');
const worldFile = readFileSync(path.join(FIXTURES, 'example-world.json'), 'utf8');
const world = JSON.parse(worldFile) as World;

describe('docs/adding-a-provider.md', () => {
  it('shows exactly the fixture files (the provider as it would sit in src/core/providers/)', () => {
    assert.equal(block('ts'), providerFile.replace("'../../../../src/core/providers/types'", "'./types'"));
    assert.equal(block('json'), worldFile);
  });

  it('names test files that exist', () => {
    const named = [...doc.matchAll(/`(test\/[\w/.-]+\.test\.ts)`/g)].map((m) => m[1]);
    assert.ok(named.length >= 3, named.join(' '));
    for (const f of named) assert.doesNotThrow(() => readFileSync(path.join(ROOT, f)), f);
  });

  it('its example provider meets the provider schema, next to the built-in ones', () => {
    assertValidProvider(exampleHost, [...PROVIDERS, exampleHost]);
  });

  it('its example world is recognised as the example host, and as no built-in provider', () => {
    const records = world.zones[world.target].records['@'];
    const addresses = (records.A ?? []).map((address) => ({ address, ptr: world.ptr?.[address] }));
    for (const a of addresses)
      assert.equal(reservedRange(a.address), null, `${a.address} is an address a real host could use`);
    const input = { nameservers: records.NS ?? [], soa: null, addresses, cnames: [], headers: null, mx: [], spf: null };
    const d = detectProvider(input, [...PROVIDERS, exampleHost]);
    assert.equal(d.origin?.provider.id, world.expect.provider);
    assert.equal(d.cdn?.provider.id ?? null, world.expect.cdn);
    assert.equal(d.zoneProvider?.id ?? null, world.expect.zone);
    assert.ok(d.origin!.evidence.length >= 2, d.origin!.evidence.join(' | '));
    assert.deepEqual(
      d.matches.filter((m) => m.provider.id !== exampleHost.id).map((m) => m.provider.id),
      [],
    );
    // Without the new file nothing is recognised: the world proves the provider, not something else.
    assert.equal(detectProvider(input).origin, null);
  });
});
