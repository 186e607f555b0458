import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fill, format, pickLang } from '../../src/core/words/i18n';
import { ROOT } from '../e2e/harness';

const load = (l: string) =>
  JSON.parse(readFileSync(path.join(ROOT, '_locales', l, 'messages.json'), 'utf8')) as Record<
    string,
    { message: string }
  >;
const en = load('en');
const ja = load('ja');
const placeholders = (s: string) => [...new Set([...s.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1]))].sort();

describe('locales', () => {
  it('en and ja have the same keys, none empty, the same placeholders, valid Chrome key names', () => {
    assert.deepEqual(Object.keys(ja).sort(), Object.keys(en).sort());
    for (const [k, v] of Object.entries(en)) {
      assert.match(k, /^[A-Za-z0-9_@]+$/);
      assert.ok(v.message.trim() && ja[k].message.trim(), k);
      // "{detail}" alone: English shows a source's own English words (note-reason.ts); Japanese says it in
      // Japanese from the other parameters.
      if (v.message === '{detail}') assert.doesNotMatch(ja[k].message, /\{detail\}/, k);
      else assert.deepEqual(placeholders(ja[k].message), placeholders(en[k].message), `placeholders of ${k}`);
    }
  });
  it('Japanese text is Japanese (not a copy of the English) except names and technical labels', () => {
    const same = Object.keys(en).filter((k) => en[k].message === ja[k].message);
    const allowed = /^(extName|actionTitle|label_caa|source_dns|source_ct_short)$/;
    assert.deepEqual(
      same.filter((k) => !allowed.test(k)),
      [],
    );
    for (const k of Object.keys(ja))
      if (!allowed.test(k)) assert.match(ja[k].message, /[\u3040-\u30ff\u4e00-\u9fff]/, k);
  });
  it('every message key used in src exists', () => {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const f of readdirSync(d)) {
        const p = path.join(d, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(f)) files.push(p);
      }
    };
    walk(path.join(ROOT, 'src'));
    for (const f of files) {
      for (const m of readFileSync(f, 'utf8').matchAll(
        /'((?:na|finding|why|fix|verdict|badge|label|source|action|popup|options|cli|severity)_[a-z0-9_]+)'/g,
      )) {
        assert.ok(en[m[1]], `${path.relative(ROOT, f)} uses missing key ${m[1]}`);
      }
    }
  });
  it('fill prefers the Japanese variant of a parameter and leaves unknown placeholders visible', () => {
    assert.equal(
      fill('{host}で運用中', { host: 'Xserver', host_ja: 'エックスサーバー' }, 'ja'),
      'エックスサーバーで運用中',
    );
    assert.equal(fill('Hosted at {host}', { host: 'Xserver', host_ja: 'エックスサーバー' }, 'en'), 'Hosted at Xserver');
    assert.equal(fill('{missing}!', {}, 'en'), '{missing}!');
    assert.equal(format({}, en, { key: 'verdict_ok' }, 'ja'), en.verdict_ok.message, 'falls back to English');
  });
  it('pickLang reads locale strings', () => {
    assert.equal(pickLang(['ja_JP.UTF-8']), 'ja');
    assert.equal(pickLang([undefined, '', 'en-US']), 'en');
    assert.equal(pickLang(['de-DE']), 'en');
  });
});
