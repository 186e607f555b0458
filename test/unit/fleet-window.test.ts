import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runFleet } from '../../src/cli/fleet';
import { CATALOGUES } from '../../src/core/words/catalogues';
import { makeTranslator } from '../../src/core/words/i18n';

// Issue #25: one slow host (a port that never answers costs the probe's whole timeout) must not stop the hosts
// behind it from starting; their output still comes in input order once it is done.
describe('fleet output window', () => {
  const t = makeTranslator(CATALOGUES, 'en');
  it('starts the next 500 hosts while the first is still running, and writes in input order', async () => {
    const n = 501;
    const entries = Array.from({ length: n }, (_, i) => ({ input: `h${i}.example`, host: `h${i}.example` }));
    let started = 0;
    let releaseFirst: () => void = () => {};
    const firstDone = new Promise<void>((r) => {
      releaseFirst = r;
    });
    const out: string[] = [];
    const code = await runFleet(
      entries,
      {
        concurrency: 16,
        json: true,
        lang: 'en',
        t,
        color: false,
        now: () => 0,
        check: async (e) => {
          started++;
          if (e.host === 'h0.example') await firstDone;
          else if (started === n) releaseFirst(); // every other host has started: only now may the first end
          await new Promise((r) => setImmediate(r));
          throw new Error(`checked ${e.host}`); // an error line is enough to see the order
        },
      },
      { stdout: (s) => out.push(s) },
    );
    assert.equal(code, 3);
    assert.equal(out.length, n);
    assert.deepEqual(
      out.map((l) => JSON.parse(l).error),
      entries.map((e) => `checked ${e.host}`),
    );
  });
});
