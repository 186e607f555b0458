// The one sanitiser for text people read: no control, bidi or invisible format character survives raw.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { displayText, dnsNameText, isDisplaySafe, terminalSafeJson } from '../../src/core/words/display-text';

export const RAW_UNSAFE =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/u;

describe('displayText', () => {
  it('shows ESC, OSC, BEL, NUL, DEL and C1 as visible escapes', () => {
    assert.equal(displayText('a\u001b[2Jb'), 'a\\x1b[2Jb');
    assert.equal(displayText('\u001b]0;title\u0007'), '\\x1b]0;title\\x07');
    assert.equal(displayText('x\u0000y\u007fz\u0085'), 'x\\x00y\\x7fz\\x85');
  });
  it('shows bidi embeddings, overrides, isolates and marks, and zero-width characters', () => {
    assert.equal(displayText('\u202egnp.exe\u202c'), '\\u202egnp.exe\\u202c');
    assert.equal(
      displayText('a\u2066b\u2069c\u200fd\u061ce\u200bf\ufeff'),
      'a\\u2066b\\u2069c\\u200fd\\u061ce\\u200bf\\ufeff',
    );
  });
  it('shows the unassigned, default-ignorable U+2065 among the invisible operators (found by the property below)', () => {
    assert.equal(displayText('a\u2065b'), 'a\\u2065b');
  });
  it('keeps newlines and tabs only where the format has lines', () => {
    assert.equal(displayText('a\nb\tc'), 'a\\x0ab\\x09c');
    assert.equal(displayText('a\nb\tc', { multiline: true }), 'a\nb\tc');
  });
  it('keeps ordinary text, Japanese included, as it is', () => {
    for (const s of ['サーバーパネル → 「SSL設定」', "Let's Encrypt (R11)", 'mx1.例え.jp', '🔒 ok'])
      assert.equal(displayText(s), s);
  });
  it('cuts overlong values with a visible marker', () => {
    const s = displayText('A'.repeat(4096), { maxLength: 100 });
    assert.equal(s, `${'A'.repeat(100)}… [+3996]`);
  });
  it('never lets an unsafe character through (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        const out = displayText(s);
        return !RAW_UNSAFE.test(out) && isDisplaySafe(out);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('dnsNameText (dig presentation format)', () => {
  it('escapes bytes outside printable ASCII as \\DDD and backslashes as \\\\', () => {
    assert.equal(dnsNameText('mail\u001b[2J.example.jp'), 'mail\\027[2J.example.jp');
    assert.equal(dnsNameText('a b\\c'), 'a\\032b\\\\c');
    assert.equal(dnsNameText('\u202e.jp'), '\\226\\128\\174.jp');
    assert.equal(dnsNameText('sv12718.xserver.jp'), 'sv12718.xserver.jp');
  });
});

describe('terminalSafeJson', () => {
  it('escapes what JSON.stringify leaves raw and parses to the same value', () => {
    const value = { a: 'x\u007fy\u0085z\u202e\u2028', b: ['\u001b[2J'], c: '𝄞\u{e0001}' };
    const json = terminalSafeJson(JSON.stringify(value, null, 2));
    assert.ok(!RAW_UNSAFE.test(json), json);
    assert.deepEqual(JSON.parse(json), value);
  });
});
