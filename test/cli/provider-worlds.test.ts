// Every provider is recognised from its own evidence in at least one lab world, and nothing is recognised in a
// world that does not declare it: origin host, CDN and the zone's DNS service must equal what each world
// says, across all worlds (a strict no-false-positive check).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { diagnose } from '../../src/core/engine/diagnose';
import { PROVIDERS } from '../../src/core/providers';
import type { Report } from '../../src/core/engine/types';
import { labDiagnoseConfig } from '../lab/diagnose-config';
import { Lab } from '../lab/server';
import { loadWorlds } from '../lab/world';
import { pool } from './helpers';

const worlds = loadWorlds((w) => Object.keys(w.zones).length > 0);
let lab: Lab;
const reports = new Map<string, Report>();
const byName = new Map(PROVIDERS.map((p) => [p.names.en, p.id]));

before(async () => {
  lab = await Lab.start({ worlds: loadWorlds() });
  const list = await pool(worlds, 4, (w) =>
    diagnose(w.target, labDiagnoseConfig(lab, { timeoutMs: 1500, caStatusUrl: lab.caStatusUrl(w.id) })),
  );
  for (const [i, w] of worlds.entries()) reports.set(w.id, list[i]);
});
after(() => lab?.close());

const zoneOf = (r: Report) => {
  const ids = [
    ...new Set(
      (r.dns?.nameservers ?? []).map((n) => (n.provider ? byName.get(n.provider) : undefined)).filter(Boolean),
    ),
  ];
  return ids[0] ?? null;
};

describe('providers in the lab worlds', () => {
  for (const w of worlds) {
    it(`${w.id}: recognises exactly what the world declares`, () => {
      const r = reports.get(w.id)!;
      // Worlds that force the host with --provider are checked without it here: nothing else may be recognised.
      const forced = w.expect.args?.includes('--provider');
      if (w.expect.provider !== undefined)
        assert.equal(r.provider?.id ?? null, forced ? null : w.expect.provider, `origin in ${w.id}`);
      if (w.expect.cdn !== undefined) assert.equal(r.cdn?.id ?? null, w.expect.cdn, `cdn in ${w.id}`);
      assert.equal(zoneOf(r), w.expect.zone ?? null, `zone DNS in ${w.id}`);
    });
  }
  for (const p of PROVIDERS) {
    it(`${p.id} is recognised from its own evidence somewhere, and only where declared`, () => {
      const where = worlds.filter((w) => {
        const r = reports.get(w.id)!;
        return r.provider?.id === p.id || r.cdn?.id === p.id || zoneOf(r) === p.id;
      });
      assert.ok(where.length > 0, `${p.id} is not recognised in any world`);
      for (const w of where) {
        assert.ok(
          [w.expect.provider, w.expect.cdn, w.expect.zone].includes(p.id),
          `${p.id} recognised in ${w.id}, which does not declare it`,
        );
      }
      const lines = where.flatMap((w) => {
        const r = reports.get(w.id)!;
        return [...(r.provider?.evidence ?? []), ...(r.cdn?.evidence ?? [])];
      });
      if (p.kind !== 'dns')
        assert.ok(
          lines.some((l) => l.endsWith(`→ ${p.names.en}`)),
          `an evidence line names ${p.names.en}`,
        );
    });
  }
});
