// JPRS WHOIS answers (fixtures/jprs-whois, see SOURCES.md): real English answers and the documented Japanese
// layout in three encodings, through the decoder, the parser and the mapping to registration statuses.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { decodeWhois, jprsToRegistration, parseJprsWhois } from '../../src/core/sources/jprs-whois';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`./fixtures/jprs-whois/${name}`, import.meta.url)));
const parse = (name: string) => parseJprsWhois(decodeWhois(fixture(name))!);

describe('JPRS WHOIS', () => {
  it('general-use .jp in English: [Expires on] and [Status]', () => {
    const r = parse('google.jp.en.txt');
    assert.deepEqual(r, {
      found: true,
      domain: 'google.jp',
      expires: '2018-05-31T14:59:59.000Z',
      state: 'Active',
      stateDate: undefined,
    });
    assert.deepEqual(jprsToRegistration(r), {
      ok: true,
      expiration: '2018-05-31T14:59:59.000Z',
      statuses: ['active'],
      source: 'whois',
    });
  });
  it('attribute-type co.jp and ne.jp in English: the expiry is the date in [State]', () => {
    const co = jprsToRegistration(parse('google.co.jp.en.txt'));
    assert.deepEqual(co, {
      ok: true,
      expiration: '2024-03-31T14:59:59.000Z',
      statuses: ['connected'],
      source: 'whois',
    });
    const ne = jprsToRegistration(parse('goo.ne.jp.en.txt'));
    assert.equal(ne.ok && ne.expiration, '2024-06-30T14:59:59.000Z');
  });
  it('"No match!!" is a domain the registry does not know', () => {
    assert.deepEqual(parse('not-found.en.txt'), { found: false });
    assert.equal(jprsToRegistration(parse('not-found.en.txt')).ok, false);
  });
  it('the Japanese layout, in UTF-8, ISO-2022-JP and Shift_JIS alike', () => {
    for (const enc of ['utf8', 'iso2022jp', 'sjis']) {
      const r = parse(`tanaka-sweets.jp.ja.${enc}.txt`);
      assert.equal(r.domain, 'tanaka-sweets.jp', enc);
      assert.equal(r.expires, '2026-12-31T14:59:59.000Z', enc);
      assert.equal(r.state, 'Active', enc);
    }
    const co = parse('tanaka-seika.co.jp.ja.utf8.txt');
    assert.deepEqual(
      [co.domain, co.state, co.stateDate],
      ['tanaka-seika.co.jp', 'Connected', '2027-03-31T14:59:59.000Z'],
    );
  });
  it('lifecycle states become the statuses the checks know: To be suspended → pending delete, Suspended → redemption period', () => {
    const a = jprsToRegistration(parse('to-be-suspended.jp.ja.utf8.txt'));
    assert.deepEqual(a.ok && a.statuses, ['pending delete']);
    const b = jprsToRegistration(parse('suspended.jp.ja.utf8.txt'));
    assert.deepEqual(b.ok && b.statuses, ['redemption period']);
  });
  it('hostile answers: binary, truncated, 1 MB, control characters → not found or a record, never a throw', () => {
    const junk = [
      new Uint8Array([0xff, 0xfe, 0x00, 0x80, 0x81]),
      fixture('google.jp.en.txt').slice(0, 300),
      new TextEncoder().encode('[Domain Name] X.JP\n'.repeat(50_000)),
      new TextEncoder().encode('[Domain Name] \u001b[2Jevil.jp\n[Expires on] 9999/99/99\n[Status] \u202eActive'),
    ];
    for (const j of junk) {
      const text = decodeWhois(j);
      const r = text === null ? { found: false } : parseJprsWhois(text);
      assert.equal(typeof r.found, 'boolean');
      if (r.found) assert.ok(r.expires === undefined || !Number.isNaN(Date.parse(r.expires)));
    }
  });
});
