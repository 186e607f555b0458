import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  certificateNameCovers,
  classifyHost,
  namesUpTo,
  parseTarget,
  withoutCredentials,
} from '../../src/core/network/names';

describe('parseTarget', () => {
  // Issue #26: "www.example.com:443" was read as a URL whose scheme is "www.example.com:" (not applicable, exit 0).
  it('host:port is a host and a port, not a scheme', () => {
    for (const [input, port] of [
      ['www.example.com:443', undefined],
      ['www.example.com:80', undefined],
      ['www.example.com:8443', 8443],
      ['https://www.example.com:8443/x', 8443],
      ['admin:pw@www.example.com:8080', 8080],
    ] as const) {
      const r = parseTarget(input);
      assert.ok(r.ok, `${input}: ${JSON.stringify(r)}`);
      assert.equal(r.host, 'www.example.com');
      assert.equal(r.port, port, input);
    }
    for (const input of ['about:blank', 'mailto:a@example.jp', 'data:text/html,x', 'chrome://settings'])
      assert.ok(!parseTarget(input).ok, input);
  });
  it('credentials are removed in every form before anything is said back', () => {
    for (const [input, out] of [
      ['https://user:pw@example.jp/x', 'https://example.jp/x'],
      ['user:pw@example.jp', 'example.jp'],
      ['admin:p@ss@192.0.2.1', '192.0.2.1'],
      ['ftp://u:pw@example.jp/', 'ftp://example.jp/'],
      ['https://u:pw@exa mple.com/a@b', 'https://exa mple.com/a@b'],
      ['http://u:p@[bad', 'http://[bad'],
      ['example.jp/path?x=a@b', 'example.jp/path?x=a@b'],
      ['mailto:a@example.jp', 'mailto:a@example.jp'],
    ]) {
      assert.equal(withoutCredentials(input), out, input);
      const r = parseTarget(input);
      assert.ok(!JSON.stringify(r).includes('pw') && !JSON.stringify(r).includes('p@ss'), JSON.stringify(r));
    }
  });
  it('accepts hosts and URLs, returns the lowercase A-label and registrable domain', () => {
    const r = parseTarget('https://WWW.Example.CO.JP./shop?x=1');
    assert.deepEqual(r, {
      ok: true,
      host: 'www.example.co.jp',
      registrableDomain: 'example.co.jp',
      publicSuffix: 'co.jp',
    });
    const idn = parseTarget('例え.jp');
    assert.ok(idn.ok && idn.host === 'xn--r8jz45g.jp', JSON.stringify(idn));
  });
  it('marks what renewal does not apply to as not applicable', () => {
    for (const [input, key] of [
      ['192.0.2.1', 'na_ip'],
      ['http://[2001:db8::1]/', 'na_ip'],
      ['localhost', 'na_localhost'],
      ['intranet', 'na_single_label'],
      ['printer.local', 'na_no_suffix'],
      ['ftp://example.jp/', 'na_scheme'],
      ['chrome://settings', 'na_scheme'],
    ] as const) {
      const r = parseTarget(input);
      assert.ok(!r.ok && 'notApplicable' in r && r.notApplicable.key === key, `${input}: ${JSON.stringify(r)}`);
    }
  });
  it('rejects invalid input with a reason', () => {
    for (const input of [
      '',
      '   ',
      'exa mple..com',
      'a..b.jp',
      '-bad-.jp',
      `${'a'.repeat(64)}.jp`,
      'http://',
      'ex\u0000ample.jp',
    ]) {
      const r = parseTarget(input);
      assert.ok(!r.ok && 'invalid' in r, `${JSON.stringify(input)} → ${JSON.stringify(r)}`);
    }
  });
  it('property: never throws, and valid results are normalised and stable', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const r = parseTarget(s);
        if (r.ok) {
          assert.equal(r.host, r.host.toLowerCase());
          assert.ok(r.host === r.registrableDomain || r.host.endsWith(`.${r.registrableDomain}`));
          const again = parseTarget(r.host);
          assert.ok(again.ok && again.host === r.host);
        }
      }),
      { numRuns: 2000 },
    );
  });
  it('property: generated domain names round-trip through URLs and case changes', () => {
    const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?$/);
    fc.assert(
      fc.property(
        fc.array(label, { minLength: 1, maxLength: 4 }),
        fc.constantFrom('jp', 'co.jp', 'com', 'net', 'dev'),
        (labels, tld) => {
          const host = `${labels.join('.')}.${tld}`;
          const r = parseTarget(`https://${host.toUpperCase()}/path`);
          assert.ok(r.ok, `${host}: ${JSON.stringify(r)}`);
          assert.equal(r.host, host);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('namesUpTo and certificateNameCovers', () => {
  it('climbs from the host to the registrable domain', () => {
    assert.deepEqual(namesUpTo('a.b.example.jp', 'example.jp'), ['a.b.example.jp', 'b.example.jp', 'example.jp']);
    assert.deepEqual(namesUpTo('example.jp', 'example.jp'), ['example.jp']);
  });
  it('wildcards cover exactly one label (RFC 6125)', () => {
    assert.ok(certificateNameCovers('*.example.jp', 'www.example.jp'));
    assert.ok(!certificateNameCovers('*.example.jp', 'example.jp'));
    assert.ok(!certificateNameCovers('*.example.jp', 'a.b.example.jp'));
    assert.ok(certificateNameCovers('EXAMPLE.jp', 'example.jp'));
  });
  it('classifyHost rejects labels with invalid characters', () => {
    assert.ok(!classifyHost('exa_mple.jp').ok);
  });
});
