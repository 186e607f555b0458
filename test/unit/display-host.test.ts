// A host name as its owner writes it, and only when that is safe: ゆず農園.jp beside its A-label; a name that does not
// decode, or decodes to something that could mislead (bidi controls, invisible characters, mixed scripts, Latin
// look-alikes), stays the A-label alone. The good names' A-labels come from the URL parser (the WHATWG URL
// standard's UTS #46 processing, not ours); hostile ones, which it refuses, from plain Punycode.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { toASCII } from 'punycode/punycode.es6.js';
import { displayHost, unicodeHost } from '../../src/core/words/display-host';
import { RAW_UNSAFE } from './display-text.test';

/** The A-label form, as the URL parser gives it (the browser's own IDNA processing, not ours). */
const aLabel = (unicode: string) => new URL(`https://${unicode}/`).hostname;
/** Plain Punycode with no IDNA rules: what a hostile zone or certificate can hold that the URL parser refuses. */
const encoded = (unicode: string) => toASCII(unicode);

describe('displayHost: the Unicode form beside the A-label', () => {
  it('decodes a Japanese name: ゆず農園.jp (xn--98jtep95kxl1c.jp), its www too', () => {
    assert.equal(aLabel('ゆず農園.jp'), 'xn--98jtep95kxl1c.jp');
    assert.equal(displayHost('xn--98jtep95kxl1c.jp'), 'ゆず農園.jp (xn--98jtep95kxl1c.jp)');
    assert.equal(displayHost('www.xn--98jtep95kxl1c.jp'), 'www.ゆず農園.jp (www.xn--98jtep95kxl1c.jp)');
    assert.equal(unicodeHost('XN--98JTEP95KXL1C.JP'), 'ゆず農園.jp', 'A-labels are case-insensitive');
  });
  it('decodes kanji with hiragana, katakana with ー, a Japanese TLD, and ASCII letters in a Japanese label', () => {
    for (const name of ['例え.jp', '日本語.みんな', 'コーヒー.jp', 'ゆずshop農園.jp', '東京-2.jp', '佐々木.jp'])
      assert.equal(unicodeHost(aLabel(name)), name, name);
  });
  it('decodes one script per label in other languages: Chinese, Korean, accented Latin, Cyrillic, Greek', () => {
    for (const name of ['中国.cn', '한국.kr', 'bücher.de', 'münchen.de', 'tiếngviệt.vn', 'пример.рф', 'ελλάδα.gr'])
      assert.equal(unicodeHost(aLabel(name)), name, name);
  });
  it('keeps a wildcard label and a trailing dot', () => {
    assert.equal(displayHost('*.xn--98jtep95kxl1c.jp'), '*.ゆず農園.jp (*.xn--98jtep95kxl1c.jp)');
    assert.equal(unicodeHost('xn--98jtep95kxl1c.jp.'), 'ゆず農園.jp');
  });
  it('leaves ASCII names unchanged (no xn-- label: nothing to show beside)', () => {
    for (const name of ['example.jp', 'www.kyoto-kimono-rental.jp', '_acme-challenge.example.com', '*.example.com'])
      assert.equal(displayHost(name), name);
    for (const name of ['example.jp', 'localhost', '192.0.2.1', '[2001:db8::1]', ''])
      assert.equal(unicodeHost(name), null);
  });
});

describe('displayHost: the A-label alone when the Unicode form could mislead', () => {
  const refused = (a: string, why: string) => {
    assert.equal(unicodeHost(a), null, `${a}: ${why}`);
    assert.equal(displayHost(a), a, `${a}: ${why}`);
  };
  it('invalid Punycode: bad digits, overflow, a non-canonical encoding, no non-ASCII character, empty', () => {
    refused('xn--zz-zzzzzzzz.jp', 'invalid input (RangeError)');
    refused('xn--dj8.jp', 'invalid input (RangeError)');
    refused('xn--99999999999999.jp', 'overflow (RangeError)');
    refused('xn--.jp', 'empty');
    refused('xn--example-.jp', 'decodes to plain ASCII: no U-label');
    refused('xn--98jtep95kxl1c-.jp', 'decodes to plain ASCII (98jtep95kxl1c), not to ゆず農園');
    refused('xn--a.jp', 'decodes to U+0080, a C1 control character');
  });
  it('bidi controls, zero-width joiners and other invisible characters', () => {
    refused(encoded('a\u202eb.jp'), 'RIGHT-TO-LEFT OVERRIDE');
    refused(encoded('ex\u200dample.jp'), 'ZERO WIDTH JOINER');
    refused(encoded('ゆず\u200c農園.jp'), 'ZERO WIDTH NON-JOINER');
    refused(encoded('ゆず\ufeff農園.jp'), 'ZERO WIDTH NO-BREAK SPACE');
    refused('xn--ss8h.jp', 'decodes to 💰, a symbol, not a letter');
  });
  it('Hangul fillers (invisible letters), full-width and half-width forms, capitals, punctuation such as ・', () => {
    refused(encoded('\u31641.jp'), 'HANGUL FILLER beside a digit');
    refused(encoded('농\u3164원.kr'), 'HANGUL FILLER between hangul');
    refused(encoded('ｙｕｚｕ.jp'), 'full-width Latin');
    refused(encoded('ﾕｽﾞ.jp'), 'half-width katakana');
    refused(encoded('ゆズ農園.jp'.replace('ズ', 'ス\u3099')), 'not in NFC (ス + combining dakuten)');
    refused(encoded('bÜcher.de'), 'a capital Ü (DNS ignores the case of ASCII letters only)');
    refused(encoded('Пример.рф'), 'a capital П');
    refused(encoded('ゆず・農園.jp'), 'KATAKANA MIDDLE DOT is punctuation');
    refused(encoded('\u3099ゆず.jp'), 'a combining mark first (the dakuten, alone)');
    refused(encoded('ab--ゆず.jp'), 'hyphens in the 3rd and 4th places');
    refused(encoded('-ゆず.jp'), 'a hyphen first');
    refused(encoded('ゆず-.jp'), 'a hyphen last');
  });
  it('mixed scripts that could be a homograph: Cyrillic or Greek with Latin, kana with hangul, two families', () => {
    refused('xn--pypal-4ve.com', 'pаypal: Cyrillic а among Latin letters');
    refused(aLabel('gοοgle.com'), 'Greek omicrons among Latin letters');
    refused(aLabel('shopпример.рф'), 'Cyrillic that does not look Latin, still among Latin letters');
    refused(aLabel('ゆず한국.jp'), 'hiragana with hangul');
    refused(aLabel('bücherпример.de'), 'accented Latin with Cyrillic');
  });
  it('a whole-script look-alike: Cyrillic letters that all look Latin (аррӏе)', () => {
    refused('xn--80ak6aa92e.com', 'аррӏе');
    refused(aLabel('сосо.com'), 'сосо (coco)');
  });
  it('right-to-left scripts, which this does not show', () => {
    refused('xn--mgbh0fb.xn--kgbechtv', 'Arabic');
    refused(aLabel('דוגמה.com'), 'Hebrew');
  });
  it('one refused label keeps the whole name in A-labels', () => {
    refused('xn--98jtep95kxl1c.xn--80ak6aa92e.com', 'ゆず農園 is fine, аррӏе is not');
  });
  it('names that are no A-label names: too long, a label over 63, non-ASCII or hostile input', () => {
    refused(`xn--98jtep95kxl1c.${'a'.repeat(64)}.jp`, 'a label over 63 characters');
    refused(`${'a.'.repeat(125)}xn--98jtep95kxl1c.jp`, 'over 253 characters');
    refused('xn--98jtep95kxl1c..jp', 'an empty label');
    assert.equal(unicodeHost('ゆず農園.jp'), null, 'already Unicode: not an A-label name');
    assert.equal(displayHost('xn--98jtep95kxl1c.jp\u001b[2J'), 'xn--98jtep95kxl1c.jp\\x1b[2J', 'escaped, not decoded');
  });
});

describe('displayHost never lets an unsafe character through (property)', () => {
  it('whatever the A-labels decode to', () => {
    const label = fc.stringMatching(/^[a-z0-9-]{1,20}$/).map((s) => `xn--${s}`);
    fc.assert(
      fc.property(fc.array(label, { minLength: 1, maxLength: 3 }), (labels) => {
        const shown = displayHost(`${labels.join('.')}.jp`);
        assert.doesNotMatch(shown, RAW_UNSAFE);
        assert.ok(shown.endsWith(`${labels.join('.')}.jp`) || shown.endsWith(`${labels.join('.')}.jp)`));
      }),
      { numRuns: 2000 },
    );
  });
  it('whatever Unicode the name was made from', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }), (s) => {
        let a: string;
        try {
          a = aLabel(`${s}.jp`);
        } catch {
          return; // the URL parser refuses it: no host to show
        }
        assert.doesNotMatch(displayHost(a), RAW_UNSAFE);
      }),
      { numRuns: 2000 },
    );
  });
});
