// The Public Suffix List's ICANN section (src/core/network/public-suffix.ts and its snapshot): the list's own test
// vectors (test/unit/fixtures/psl-test-vectors.json, with their source), the names this product meets (co.jp, a
// host's private-section suffix, IDN, github.io, the Kawasaki exception), and scripts/update-psl.mjs on a small
// copy of the list's format (it never fetches in a test).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { asciiRule, compactList, icannRules } from '../../scripts/update-psl.mjs';
import { classifyHost, parseTarget } from '../../src/core/network/names';
import { matchPublicSuffix, readSuffixList } from '../../src/core/network/public-suffix';
import snapshot from '../../src/core/network/public-suffix-list.json';
import { redirectProblem } from '../../src/core/sources/challenge-probe';

const vectors = JSON.parse(readFileSync(new URL('fixtures/psl-test-vectors.json', import.meta.url), 'utf8')) as {
  cases: [string, string | null, string | null][];
};
/** As URL gives a host: lowercase A-labels. */
const aLabels = (name: string) => new URL(`http://${name}/`).hostname;
/** Rows whose expectation rests on a rule of the private section (uk.com is CentralNic's): ICANN alone says uk.com. */
const PRIVATE_RULE: Record<string, string | null> = {
  'uk.com': 'uk.com',
  'example.uk.com': 'uk.com',
  'b.example.uk.com': 'uk.com',
  'a.b.example.uk.com': 'uk.com',
};

describe('the Public Suffix List (ICANN section)', () => {
  it("agrees with the list's own test vectors", () => {
    assert.equal(vectors.cases.length, 78);
    let checked = 0;
    for (const [group, input, listExpects] of vectors.cases) {
      if (input === null) continue;
      const expected = input in PRIVATE_RULE ? PRIVATE_RULE[input] : listExpects && aLabels(listExpects);
      const r = classifyHost(input.startsWith('.') ? input : aLabels(input));
      if (input.startsWith('.')) {
        assert.ok(!r.ok, `${group} ${input}: a leading dot is no host`);
        continue;
      }
      const m = matchPublicSuffix(aLabels(input));
      assert.equal(m.registrableDomain, expected, `${group} ${input}`);
      // The product's rule: a name under no listed suffix (an unknown TLD) or a suffix itself is not applicable.
      if (expected === null || !m.listed) assert.ok(!r.ok && 'notApplicable' in r, `${group} ${input}`);
      else assert.deepEqual(r.ok && r.registrableDomain, expected, `${group} ${input}`);
      checked++;
    }
    assert.equal(checked, 73);
  });

  it('the names a Japanese site owner meets', () => {
    const cases: [string, string, string][] = [
      ['https://www.example.co.jp/', 'example.co.jp', 'co.jp'],
      ['shop.example.jp', 'example.jp', 'jp'],
      ['www.city.kawasaki.jp', 'city.kawasaki.jp', 'kawasaki.jp'], // !city.kawasaki.jp beats *.kawasaki.jp
      ['www.example.kyoto.jp', 'example.kyoto.jp', 'kyoto.jp'],
      ['www.example.ne.jp', 'example.ne.jp', 'ne.jp'],
      ['https://例え.jp/path', 'xn--r8jz45g.jp', 'jp'], // IDN: the A-label host
      ['https://日本語.みんな/', 'xn--wgv71a119e.xn--q9jyb4c', 'xn--q9jyb4c'], // an IDN TLD
      // Private-section suffixes are not used: the CA and the registry see the ICANN registrable domain.
      ['user.github.io', 'github.io', 'io'],
      ['example.sakura.ne.jp', 'sakura.ne.jp', 'ne.jp'],
      ['example.xsrv.jp', 'xsrv.jp', 'jp'],
    ];
    for (const [input, domain, suffix] of cases) {
      const r = parseTarget(input);
      assert.ok(r.ok, `${input}: ${JSON.stringify(r)}`);
      assert.equal(r.registrableDomain, domain, input);
      assert.equal(r.publicSuffix, suffix, input);
    }
    for (const input of ['co.jp', 'kawasaki.jp', 'foo.kawasaki.jp', 'example.invalid', 'example.local', 'jp']) {
      const r = parseTarget(input);
      assert.ok(!r.ok && 'notApplicable' in r, `${input} is a suffix or under no TLD: ${JSON.stringify(r)}`);
    }
  });

  it('a redirect target must be under an IANA TLD (Boulder iana.ExtractSuffix), whatever URL accepts', () => {
    const rule = (target: string) =>
      redirectProblem(301, target, 'http://example.jp/.well-known/acme-challenge/x', [], 1)?.rule ?? null;
    assert.equal(rule('http://www.example.jp/.well-known/acme-challenge/x'), null);
    assert.equal(rule('http://www.example.jp./.well-known/acme-challenge/x'), null);
    assert.equal(rule('http://_acme.example.org/.well-known/acme-challenge/x'), null);
    for (const host of ['example.invalid', 'example.local', 'example', 'a!b.example.jp', '-a.example.jp', 'a..b.jp'])
      assert.equal(rule(`http://${host}/.well-known/acme-challenge/x`), 'not-iana', host);
  });

  it('the snapshot is whole: ICANN section, dated, A-labels only', () => {
    assert.equal(snapshot.source, 'https://publicsuffix.org/list/public_suffix_list.dat');
    assert.equal(snapshot.section, 'ICANN');
    assert.match(snapshot.date, /^\d{4}-\d{2}-\d{2}$/);
    const lines = snapshot.list.split('\n');
    const count = lines.reduce((n, line) => n + line.split(' ').length - (line.startsWith('~') ? 1 : 0), 0);
    assert.equal(count, snapshot.rules);
    assert.ok(snapshot.rules > 6000, `${snapshot.rules} rules`);
    for (const line of lines)
      assert.match(line, /^~?[a-z0-9-]+( [!*a-z0-9.-]+)*$/, `not A-labels: ${line.slice(0, 80)}`);
    const suffix = (host: string) => matchPublicSuffix(host).publicSuffix;
    for (const name of ['com', 'jp', 'co.jp', 'lg.jp', 'xn--q9jyb4c', 'uk', 'co.uk'])
      assert.equal(suffix(`a.${name}`), name);
    assert.equal(suffix('a.b.kawasaki.jp'), 'b.kawasaki.jp');
    assert.equal(suffix('a.city.kawasaki.jp'), 'kawasaki.jp');
    assert.equal(suffix('a.github.io'), 'io', 'no private-section rule');
    assert.equal(suffix('a.sakura.ne.jp'), 'ne.jp', 'no private-section rule');
  });
});

describe('scripts/update-psl.mjs', () => {
  const dat = [
    '// The list, as https://github.com/publicsuffix/list/wiki/Format describes it',
    '// ===BEGIN ICANN DOMAINS===',
    '// jp : https://www.iana.org/domains/root/db/jp.html',
    'jp',
    'co.jp',
    '*.kawasaki.jp',
    '!city.kawasaki.jp',
    '',
    '// cn',
    'cn',
    '公司.cn',
    'bg',
    '0.bg',
    '*.ck',
    '!www.ck',
    'みんな',
    '// ===END ICANN DOMAINS===',
    '// ===BEGIN PRIVATE DOMAINS===',
    'github.io',
    'sakura.ne.jp',
    '// ===END PRIVATE DOMAINS===',
  ].join('\n');

  it('keeps the ICANN section, in A-labels, one line per TLD', () => {
    const rules = icannRules(dat);
    assert.equal(rules.length, 11);
    assert.ok(!rules.includes('github.io'));
    assert.equal(asciiRule('公司.cn'), 'xn--55qx5d.cn');
    assert.equal(asciiRule('0.bg'), '0.bg'); // not read as an IPv4 number
    assert.equal(
      compactList(rules),
      ['bg 0', '~ck !www *', 'cn xn--55qx5d', 'jp !city.kawasaki *.kawasaki co', 'xn--q9jyb4c'].join('\n'),
    );
  });

  it('what it writes matches as the list says', () => {
    const rules = readSuffixList(compactList(icannRules(dat)));
    const m = (host: string) => matchPublicSuffix(host, rules);
    assert.deepEqual(m('www.example.co.jp'), {
      publicSuffix: 'co.jp',
      registrableDomain: 'example.co.jp',
      listed: true,
    });
    assert.equal(m('a.b.kawasaki.jp').registrableDomain, 'a.b.kawasaki.jp');
    assert.equal(m('www.city.kawasaki.jp').registrableDomain, 'city.kawasaki.jp');
    assert.equal(m('a.b.ck').registrableDomain, 'a.b.ck');
    assert.equal(m('www.www.ck').registrableDomain, 'www.ck');
    assert.equal(m('x.xn--55qx5d.cn').registrableDomain, 'x.xn--55qx5d.cn');
    assert.deepEqual(m('user.github.io'), { publicSuffix: 'io', registrableDomain: 'github.io', listed: false });
  });
});
