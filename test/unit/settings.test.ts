// The settings table (src/shared/settings.ts) and migrateSettings: every shape earlier versions stored (from
// `git log -p -- src/shared/settings.ts`), corrupt values, and the table's own promises.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  changedSettings,
  DEFAULT_SETTINGS,
  invalidatesReports,
  migrateSettings,
  PAGE_SETTINGS,
  parseSetting,
  SETTING_NAMES,
  SETTINGS_TABLE,
  type SettingRow,
  type Settings,
  settingsCodec,
} from '../../src/shared/settings';

const catalogue = (lang: string) =>
  JSON.parse(readFileSync(`_locales/${lang}/messages.json`, 'utf8')) as Record<string, { message: string }>;

// What each version wrote, field for field (commit named).
const SHAPES: [string, Record<string, unknown>][] = [
  [
    'aa4e64d (0.1.0: first slice)',
    {
      schema: 1,
      autoChecks: 'watched',
      doh: 'https://dns.google/dns-query',
      ct: '',
      caStatus: '',
      rdap: 'https://rdap.example/',
      lang: 'ja',
      overrides: { 'example.jp': 'xserver' },
    },
  ],
  [
    '1e8c690 (watch list: watchIntervalHours)',
    {
      schema: 1,
      autoChecks: 'off',
      doh: '',
      ct: '',
      caStatus: '',
      rdap: '',
      lang: 'en',
      overrides: {},
      watchIntervalHours: 6,
    },
  ],
  [
    'a880aa7 (CT budget: ctKey)',
    {
      schema: 1,
      autoChecks: 'all',
      doh: '',
      ct: 'http://127.0.0.1:8443',
      caStatus: '',
      rdap: '',
      ctKey: 'k3y-123',
      lang: 'auto',
      overrides: {},
      watchIntervalHours: 48,
    },
  ],
  [
    '4a45a4a (ARI: acmeDirectory)',
    {
      schema: 1,
      autoChecks: 'all',
      doh: '',
      ct: '',
      caStatus: '',
      rdap: '',
      acmeDirectory: 'https://acme.example/directory',
      ctKey: '',
      lang: 'auto',
      overrides: { 'shop.example.jp': 'sakura' },
      watchIntervalHours: 12,
    },
  ],
  [
    '0910c19 (Ask the CA: dryRunDirectory)',
    {
      schema: 1,
      autoChecks: 'watched',
      doh: 'https://dns.quad9.net/dns-query',
      ct: '',
      caStatus: '',
      rdap: '',
      acmeDirectory: '',
      dryRunDirectory: 'http://127.0.0.1:14000/dir',
      ctKey: '',
      lang: 'ja',
      overrides: {},
      watchIntervalHours: 24,
    },
  ],
];

describe('migrateSettings', () => {
  for (const [version, stored] of SHAPES)
    it(`reads what ${version} stored: every value kept, new settings at their defaults`, () => {
      const m = migrateSettings(structuredClone(stored));
      for (const k of SETTING_NAMES)
        assert.deepEqual(m[k], k in stored ? stored[k] : DEFAULT_SETTINGS[k], `${version}: ${k}`);
      assert.equal(m.schema, 1);
      assert.deepEqual(migrateSettings(JSON.parse(JSON.stringify(m))), m, 'round-trips unchanged');
      assert.equal(settingsCodec.read(stored).readOnly, null, 'writable');
    });

  it('nothing stored, or garbage: the defaults', () => {
    for (const raw of [undefined, null, 'garbage', 42, [], ['a']])
      assert.deepEqual(migrateSettings(raw), DEFAULT_SETTINGS);
  });

  it('every field validated on read: an invalid value falls back to its default, the others are kept', () => {
    const m = migrateSettings({
      schema: 1,
      autoChecks: 'sometimes',
      lang: 'fr',
      watchIntervalHours: 1e300,
      doh: 'http://resolver.example/dns-query', // http only for loopback
      ct: 'x'.repeat(3000),
      ctKey: 'has space',
      rdap: '  https://rdap.example/  ',
      overrides: { 'a.jp': 'xserver', 'b.jp': 42, 'c.jp': '<script>' },
    });
    assert.equal(m.autoChecks, 'all');
    assert.equal(m.lang, 'auto');
    assert.equal(m.watchIntervalHours, 24);
    assert.equal(m.doh, '');
    assert.equal(m.ct, '');
    assert.equal(m.ctKey, '');
    assert.equal(m.rdap, 'https://rdap.example/', 'trimmed');
    assert.deepEqual(m.overrides, { 'a.jp': 'xserver' });
    assert.deepEqual(migrateSettings({ watchIntervalHours: Number.NaN }).watchIntervalHours, 24);
  });

  it('a schema this version does not know is read as well as it can be and kept read-only', () => {
    const r = settingsCodec.read({ schema: 2, lang: 'ja', newThing: { a: 1 } });
    assert.deepEqual(r.readOnly, { schema: '2' });
    assert.equal(r.value.lang, 'ja');
  });
});

describe('the settings table', () => {
  const rows = SETTINGS_TABLE as Record<string, SettingRow<unknown>>;
  it('every default is valid for its own row, and DEFAULT_SETTINGS is the defaults', () => {
    for (const k of SETTING_NAMES) {
      assert.deepEqual(parseSetting(k, rows[k].default), rows[k].default, k);
      assert.deepEqual(DEFAULT_SETTINGS[k], rows[k].default, k);
    }
  });

  it('every label on the options page is in both catalogues', () => {
    const en = catalogue('en');
    const ja = catalogue('ja');
    for (const k of PAGE_SETTINGS) {
      const ui = rows[k].ui;
      assert.ok(ui, k);
      const keys = [ui.label];
      if (ui.control === 'secret') keys.push(ui.hint, ui.invalid);
      if (ui.control === 'radio' || ui.control === 'select')
        for (const c of ui.choices) if ('key' in c.label) keys.push(c.label.key);
      for (const key of keys) {
        assert.ok(en[key], `${k}: ${key} in en`);
        assert.ok(ja[key], `${k}: ${key} in ja`);
      }
      // A choice's value is valid for its row.
      if (ui.control === 'radio' || ui.control === 'select')
        for (const c of ui.choices) assert.equal(parseSetting(k, c.value), c.value, `${k}: ${c.value}`);
    }
  });

  it("which changes drop cached reports is the table's invalidatesReports, nothing else", () => {
    const changed = (k: keyof Settings, v: unknown): Settings => ({ ...DEFAULT_SETTINGS, [k]: v });
    const samples: Record<string, unknown> = {
      autoChecks: 'off',
      lang: 'ja',
      watchIntervalHours: 6,
      doh: 'https://dns.google/dns-query',
      ct: 'https://ct.example',
      caStatus: 'https://status.example',
      rdap: 'https://rdap.example',
      acmeDirectory: 'https://acme.example/directory',
      dryRunDirectory: 'https://acme-staging.example/directory',
      ctKey: 'abc',
      overrides: { 'a.jp': 'xserver' },
    };
    assert.deepEqual(Object.keys(samples).sort(), [...SETTING_NAMES].sort(), 'a sample for every setting');
    for (const k of SETTING_NAMES) {
      const next = changed(k, samples[k]);
      assert.deepEqual(changedSettings(DEFAULT_SETTINGS, next), [k]);
      assert.equal(invalidatesReports(DEFAULT_SETTINGS, next), rows[k].invalidatesReports, k);
    }
    // The endpoints and the CT key (reports made with other sources or another quota); not language or schedule.
    assert.deepEqual(
      SETTING_NAMES.filter((k) => rows[k].invalidatesReports),
      ['doh', 'ct', 'caStatus', 'rdap', 'acmeDirectory', 'ctKey'],
    );
  });

  it('a change from another context is merged field by field (host choices site by site)', () => {
    const base = { ...DEFAULT_SETTINGS, overrides: { 'a.jp': 'xserver', 'b.jp': 'sakura' } };
    const mine = { ...base, doh: 'https://dns.google/dns-query', overrides: { ...base.overrides, 'c.jp': 'lolipop' } };
    const theirs = { ...base, lang: 'ja' as const, overrides: { 'a.jp': 'xserver' } };
    const m = settingsCodec.merge(mine, base, theirs, true);
    assert.equal(m.doh, 'https://dns.google/dns-query');
    assert.equal(m.lang, 'ja');
    assert.deepEqual(m.overrides, { 'a.jp': 'xserver', 'c.jp': 'lolipop' });
  });
});
