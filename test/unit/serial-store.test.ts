// The one writer of the watch list and settings (src/shared/serial-store.ts) against an in-memory storage with the
// browser's semantics (test/shared/fake-storage.ts): concurrent adds cold and during a watch run, changes from other
// contexts, a full quota, a newer version's data, damaged entries.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReadOnly, SerialStore, WriteFailed } from '../../src/shared/serial-store';
import { DAY } from '../../src/core/engine/time';
import { migrateSettings, type Settings, settingsCodec } from '../../src/shared/settings';
import { LOCAL } from '../../src/shared/storage-keys';
import {
  addSite,
  exportData,
  migrateWatchList,
  recordResult,
  removeSite,
  type WatchList,
  watchListCodec,
} from '../../src/shared/watch';
import { FakeStorage } from '../shared/fake-storage';

const WATCH_KEY = LOCAL.watchList;
const SETTINGS_KEY = LOCAL.settings;
const T0 = Date.parse('2026-12-01T00:00:00Z');
const N = 50;
const hosts = (prefix: string, n = N) => Array.from({ length: n }, (_, i) => `${prefix}${i}.example.jp`);
const storedHosts = (fs: FakeStorage) =>
  Object.keys((fs.raw(WATCH_KEY) as { sites?: Record<string, unknown> } | undefined)?.sites ?? {});

/** A worker: the store wired to the fake's storage.onChanged, as src/background/watch-store.ts wires it. */
function worker(fs: FakeStorage) {
  const store = new SerialStore<WatchList>(
    fs.area(),
    WATCH_KEY,
    watchListCodec(
      () => T0,
      () => DAY,
    ),
  );
  fs.onChanged((c) => {
    if (c[WATCH_KEY]) void store.changed(c[WATCH_KEY]);
  });
  const add = (h: string) =>
    store.update((l) => {
      const r = addSite(l, h, T0);
      return 'list' in r ? { value: r.list, result: true } : { result: false };
    });
  return { store, add };
}

/** The pattern the worker used before (cached copy, load → change → save, cache dropped on foreign events). */
function oldWorker(fs: FakeStorage) {
  const area = fs.area();
  let cache: WatchList | null = null;
  const load = async () => {
    if (cache) return structuredClone(cache);
    cache = migrateWatchList((await area.get(WATCH_KEY))[WATCH_KEY], T0, DAY);
    return structuredClone(cache);
  };
  const save = async (l: WatchList) => {
    cache = structuredClone(l);
    await area.set({ [WATCH_KEY]: l });
  };
  fs.onChanged((c) => {
    if (c[WATCH_KEY] && JSON.stringify(c[WATCH_KEY].newValue) !== JSON.stringify(cache)) cache = null;
  });
  const add = async (h: string) => {
    const r = addSite(await load(), h, T0);
    if ('list' in r) await save(r.list);
  };
  const record = async (h: string) => {
    const l = await load();
    if (l.sites[h]) l.sites[h] = recordResult(l.sites[h], null, T0, DAY).site;
    await save(l);
  };
  return { add, record };
}

describe('the serialised writer', () => {
  it(`${N} concurrent adds while the worker starts: ${N} stored (the old pattern loses them)`, async (t) => {
    const fs = new FakeStorage();
    const w = worker(fs);
    const added = await Promise.all(hosts('cold').map(w.add));
    await fs.settle();
    assert.ok(added.every(Boolean));
    assert.equal(storedHosts(fs).length, N, 'every confirmed add is stored');
    assert.equal(Object.keys((await w.store.read()).value.sites).length, N);

    // Control: the same adds through the earlier load-then-save pattern, on the same fake, lose entries.
    const old = new FakeStorage();
    const o = oldWorker(old);
    await Promise.all(hosts('cold').map(o.add));
    await old.settle();
    t.diagnostic(`cold: old pattern ${storedHosts(old).length}/${N} stored, serialised ${storedHosts(fs).length}/${N}`);
    assert.ok(storedHosts(old).length < N, 'the fake reproduces the race');
  });

  it(`${N} concurrent adds and an import during a watch run that writes each result: all stored`, async (t) => {
    const run = async (
      fs: FakeStorage,
      add: (h: string) => Promise<unknown>,
      record: (h: string) => Promise<unknown>,
    ) => {
      for (const h of hosts('watched', 10)) await add(h);
      await fs.settle();
      // The watch run: one check after another (a few timer turns each), a write per result.
      const watchRun = (async () => {
        for (const h of hosts('watched', 10)) {
          await new Promise((r) => setTimeout(r, 1));
          await record(h);
        }
      })();
      const adds = Promise.all(hosts('mid').map(add));
      const imported = (async () => {
        for (const h of hosts('imported', 20)) await add(h);
      })();
      await Promise.all([watchRun, adds, imported]);
      await fs.settle();
    };
    const fs = new FakeStorage();
    const w = worker(fs);
    await run(fs, w.add, (h) =>
      w.store.update((l) => {
        if (!l.sites[h]) return { result: null };
        l.sites[h] = recordResult(l.sites[h], null, T0, DAY).site;
        return { value: l, result: null };
      }),
    );
    const stored = storedHosts(fs);
    const want = [...hosts('watched', 10), ...hosts('mid'), ...hosts('imported', 20)];
    assert.deepEqual(stored.sort(), want.sort(), 'every add and every import is stored');
    const sites = (fs.raw(WATCH_KEY) as WatchList).sites;
    assert.ok(
      hosts('watched', 10).every((h) => sites[h].lastCheckedAt === T0),
      'every result of the run is stored',
    );

    const old = new FakeStorage();
    const o = oldWorker(old);
    await run(old, o.add, o.record);
    t.diagnostic(
      `mid-run: old pattern ${storedHosts(old).length}/${want.length} stored, serialised ${stored.length}/${want.length}`,
    );
    assert.ok(storedHosts(old).length < want.length, 'the fake reproduces the race');
  });

  it('a change written by another context is merged, not discarded, and not lost to our queued adds', async () => {
    const fs = new FakeStorage();
    const w = worker(fs);
    await w.add('ours0.example.jp');
    await fs.settle();
    // Another context (devtools, an older version's page) writes the list its own way (schema 1) meanwhile.
    const other = fs.area();
    const adds = Promise.all(hosts('ours', 10).map(w.add));
    await other.set({ [WATCH_KEY]: ['theirs.example.jp', 'ours0.example.jp'] });
    await adds;
    await fs.settle();
    assert.deepEqual(storedHosts(fs).sort(), [...hosts('ours', 10), 'theirs.example.jp'].sort());
    // And a removal there is a removal here.
    const now = fs.raw(WATCH_KEY) as WatchList;
    await other.set({ [WATCH_KEY]: removeSite(migrateWatchList(now, T0, DAY), 'theirs.example.jp') });
    await fs.settle();
    assert.ok(!Object.hasOwn((await w.store.read()).value.sites, 'theirs.example.jp'));
    assert.ok(!storedHosts(fs).includes('theirs.example.jp'));
  });

  it('a write the browser refuses (quota) rejects, changes nothing, and the next one still works', async () => {
    const fs = new FakeStorage();
    const w = worker(fs);
    await w.add('a.example.jp');
    fs.quota = JSON.stringify({ [WATCH_KEY]: fs.raw(WATCH_KEY) }).length + 10;
    await assert.rejects(w.add('b.example.jp'), WriteFailed);
    assert.deepEqual(Object.keys((await w.store.read()).value.sites), ['a.example.jp'], 'not shown as done');
    assert.deepEqual(storedHosts(fs), ['a.example.jp']);
    fs.quota = Number.POSITIVE_INFINITY;
    assert.equal(await w.add('c.example.jp'), true);
    assert.deepEqual(storedHosts(fs).sort(), ['a.example.jp', 'c.example.jp']);
  });

  for (const [what, stored] of [
    ['a newer schema', { schema: 3, sites: { 'future.example.jp': { addedAt: T0, colour: 'blue' } }, tags: ['x'] }],
    ['no schema', { sites: { 'future.example.jp': {} } }],
  ] as const) {
    it(`a list with ${what} is kept untouched: shown, read-only, exportable`, async () => {
      const fs = new FakeStorage();
      await fs.area().set({ [WATCH_KEY]: stored });
      const w = worker(fs);
      const snap = await w.store.read();
      assert.ok(snap.readOnly, 'read-only');
      assert.deepEqual(Object.keys(snap.value.sites), ['future.example.jp'], 'shown as well as it can be');
      await assert.rejects(w.add('new.example.jp'), ReadOnly);
      await assert.rejects(
        w.store.update((l) => ({ value: removeSite(l, 'future.example.jp'), result: null })),
        ReadOnly,
      );
      await fs.settle();
      assert.deepEqual(fs.raw(WATCH_KEY), stored, 'never emptied or overwritten');
      assert.deepEqual(exportData(snap.value, {}, T0).sites, ['future.example.jp'], 'Export still works');
    });
  }

  it('bad entries (1e300, NaN, a key that is no host) are shown, repaired or kept, and removable', async () => {
    const fs = new FakeStorage();
    const good = { addedAt: T0, nextCheckAt: T0 + DAY, lastCheckedAt: null, last: null, failures: 0, notified: null };
    await fs.area().set({
      [WATCH_KEY]: {
        schema: 2,
        sites: {
          'ok.example.jp': good,
          'big.example.jp': { ...good, nextCheckAt: 1e300, failures: Number.NaN },
          'last.example.jp': {
            ...good,
            last: { verdict: 'fail', codes: 'x' },
            lastCheckedAt: Number.POSITIVE_INFINITY,
          },
          'bad host!': { anything: 1 },
        },
      },
    });
    const w = worker(fs);
    const { value } = await w.store.read();
    assert.deepEqual(value.sites['ok.example.jp'], { host: 'ok.example.jp', ...good });
    assert.deepEqual(value.sites['big.example.jp'].repaired, ['nextCheckAt', 'failures']);
    assert.ok(Number.isFinite(new Date(value.sites['big.example.jp'].nextCheckAt).getTime()), 'a date can be shown');
    assert.deepEqual(value.sites['last.example.jp'].repaired, ['lastCheckedAt', 'last']);
    assert.deepEqual(value.damaged, [{ key: 'bad host!', raw: { anything: 1 } }]);
    // Writing the list (an add) keeps the damaged entry as it was; removing it removes it.
    await w.add('new.example.jp');
    assert.deepEqual((fs.raw(WATCH_KEY) as { sites: Record<string, unknown> }).sites['bad host!'], { anything: 1 });
    await w.store.update((l) => ({ value: removeSite(l, 'bad host!'), result: null }));
    assert.ok(!storedHosts(fs).includes('bad host!'));
    assert.equal((await w.store.read()).value.damaged, undefined);
    // A check clears the repair note.
    const checked = recordResult(value.sites['big.example.jp'], null, T0, DAY).site;
    assert.equal(checked.repaired, undefined);
  });

  it('settings: concurrent host choices all stored; a newer schema is never overwritten', async () => {
    const fs = new FakeStorage();
    const store = new SerialStore<Settings>(fs.area(), SETTINGS_KEY, settingsCodec);
    fs.onChanged((c) => {
      if (c[SETTINGS_KEY]) void store.changed(c[SETTINGS_KEY]);
    });
    await Promise.all(
      hosts('choice', 20).map((h) =>
        store.update((s) => ({ value: { ...s, overrides: { ...s.overrides, [h]: 'xserver' } }, result: null })),
      ),
    );
    // Another tab's old page writes the whole object with one field changed: that field is merged in.
    const seen = fs.raw(SETTINGS_KEY) as Settings;
    await fs.area().set({ [SETTINGS_KEY]: { ...seen, lang: 'ja' } });
    await store.update((s) => ({ value: { ...s, doh: 'https://dns.google/dns-query' }, result: null }));
    await fs.settle();
    const now = migrateSettings(fs.raw(SETTINGS_KEY));
    assert.equal(Object.keys(now.overrides).length, 20);
    assert.equal(now.lang, 'ja');
    assert.equal(now.doh, 'https://dns.google/dns-query');

    const future = { schema: 2, lang: 'en', somethingNew: true };
    const fs2 = new FakeStorage();
    await fs2.area().set({ [SETTINGS_KEY]: future });
    const s2 = new SerialStore<Settings>(fs2.area(), SETTINGS_KEY, settingsCodec);
    assert.equal((await s2.read()).value.lang, 'en', 'what it can read is used');
    await assert.rejects(
      s2.update((s) => ({ value: { ...s, lang: 'ja' }, result: null })),
      ReadOnly,
    );
    assert.deepEqual(fs2.raw(SETTINGS_KEY), future);
  });
});
