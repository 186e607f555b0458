// Boulder's own CAA test tables (va/caa_test.go, transcribed as data in fixtures/boulder-caa.json) run against
// our evaluator: every case must come out as the CA's test says it does.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  accountUriMatches,
  caaAllows,
  filterCaa,
  parseCaaValue,
  selectCaa,
  validationMethodMatches,
  type CaaParameter,
  type CaaRecord,
} from '../../src/core/certificates/caa';
import type { DnsAnswer } from '../../src/core/dns/resolver';

interface Fixture {
  source: string;
  checkingAccount: string;
  checkingMethod: string;
  fakeDns: Record<string, { error: string } | { records: CaaRecord[] }>;
  checking: { name: string; domain: string; foundAt: string; valid: boolean }[];
  failures: { name: string; domain: string; error?: string; valid?: boolean }[];
  select: { name: string; results: { name: string; error?: string; records?: CaaRecord[] }[]; expect: string | null }[];
  filter: { name: string; records: CaaRecord[]; issue: string[]; issuewild: string[]; criticalUnknown: boolean }[];
  accountUri: { name: string; params: CaaParameter[]; prefixes: string[]; id: number; want: boolean }[];
  validationMethods: { name: string; params: CaaParameter[]; method: string; want: boolean }[];
  parse: { name: string; value: string; domain?: string; params?: CaaParameter[]; error: string }[];
}

const fx = JSON.parse(readFileSync(new URL('./fixtures/boulder-caa.json', import.meta.url), 'utf8')) as Fixture;

const answer = (name: string, spec: { error?: string; records?: CaaRecord[] } | undefined): DnsAnswer => {
  if (spec && 'error' in spec && spec.error !== undefined)
    return { name, type: 'CAA', status: 'error', records: [], cnames: [], error: spec.error };
  const records = (spec?.records ?? []).map((caa) => ({
    name,
    type: 'CAA',
    ttl: 300,
    value: `${caa.flags} ${caa.tag} "${caa.value}"`,
    caa,
  }));
  return { name, type: 'CAA', status: records.length ? 'ok' : 'nodata', records, cnames: [] };
};

/** Boulder's parallelCAALookup: the name and every parent up to the TLD, against caaFakeDNS. */
function climb(domain: string): DnsAnswer[] {
  const labels = domain.split('.');
  return labels.map((_, i) => {
    const n = labels.slice(i).join('.');
    return answer(n, fx.fakeDns[n] as { error?: string; records?: CaaRecord[] } | undefined);
  });
}

function checkCaaRecords(identifier: string) {
  const wildcard = identifier.startsWith('*.');
  const domain = wildcard ? identifier.slice(2) : identifier;
  const sel = selectCaa(climb(domain.toLowerCase()));
  if (sel.kind === 'failed') return { error: sel.answer.error ?? 'failed' };
  const v = caaAllows(sel.kind === 'set' ? sel.set : null, {
    issuerDomains: ['letsencrypt.org'],
    methods: [fx.checkingMethod],
    wildcard,
    accounts: [fx.checkingAccount],
  });
  return { valid: v.allowed, foundAt: v.foundAt ?? '' };
}

let carried = 0;
describe(`Boulder's CAA test tables (${fx.source})`, () => {
  describe('TestCAAChecking', () => {
    for (const c of fx.checking) {
      carried++;
      it(`${c.name}: ${c.domain} → ${c.valid ? 'valid' : 'invalid'} at "${c.foundAt}"`, () => {
        assert.deepEqual(checkCaaRecords(c.domain), { valid: c.valid, foundAt: c.foundAt });
      });
    }
  });

  describe('TestCAATimeout / TestCAAFailure', () => {
    for (const c of fx.failures) {
      carried++;
      it(c.name, () => {
        const r = checkCaaRecords(c.domain);
        if (c.error !== undefined) assert.ok('error' in r && r.error!.includes(c.error), JSON.stringify(r));
        else assert.equal('valid' in r && r.valid, c.valid);
      });
    }
  });

  describe('TestSelectCAA', () => {
    for (const c of fx.select) {
      carried++;
      it(c.name, () => {
        const sel = selectCaa(c.results.map((r) => answer(r.name, r)));
        const got = sel.kind === 'failed' ? 'error' : sel.kind === 'set' ? sel.set.owner : null;
        assert.equal(got, c.expect);
      });
    }
  });

  describe('TestFilterCAA', () => {
    for (const c of fx.filter) {
      carried++;
      it(c.name, () => {
        const f = filterCaa(c.records);
        assert.deepEqual(
          f.issue.map((r) => r.value),
          c.issue,
        );
        assert.deepEqual(
          f.issuewild.map((r) => r.value),
          c.issuewild,
        );
        assert.equal(f.criticalUnknown !== null, c.criticalUnknown);
      });
    }
  });

  describe('TestAccountURIMatches', () => {
    for (const c of fx.accountUri) {
      carried++;
      it(c.name, () => {
        assert.equal(
          accountUriMatches(
            c.params,
            c.prefixes.map((p) => `${p}${c.id}`),
          ),
          c.want,
        );
      });
    }
  });

  describe('TestValidationMethodMatches', () => {
    for (const c of fx.validationMethods) {
      carried++;
      it(c.name, () => assert.equal(validationMethodMatches(c.params, c.method), c.want));
    }
  });

  describe('TestExtractIssuerDomainAndParameters', () => {
    for (const c of fx.parse) {
      carried++;
      it(c.name, () => {
        const r = parseCaaValue(c.value);
        if (c.error) {
          assert.equal(r.ok, false, JSON.stringify(r));
          assert.ok(!r.ok && r.reason.includes(c.error), !r.ok ? r.reason : '');
          return;
        }
        assert.ok(r.ok, JSON.stringify(r));
        if (c.domain) assert.equal(r.issuerDomain, c.domain);
        if (c.params) assert.deepEqual(r.params, c.params);
      });
    }
  });

  it('carried over every table row', () => {
    const rows =
      fx.checking.length +
      fx.failures.length +
      fx.select.length +
      fx.filter.length +
      fx.accountUri.length +
      fx.validationMethods.length +
      fx.parse.length;
    assert.equal(carried, rows);
    assert.ok(rows >= 100, `only ${rows} rows`);
  });
});

describe('CAA without knowing the ACME account (what the checker sees)', () => {
  const set = (...records: [number, string, string][]) => ({
    owner: 'example.jp',
    records: records.map(([flags, tag, value]) => ({ flags, tag, value })),
  });
  const req = { issuerDomains: ['letsencrypt.org'], methods: ['http-01'], wildcard: false, accounts: null };
  it('a record bound to one account permits, but only for that account', () => {
    const v = caaAllows(
      set([0, 'issue', 'letsencrypt.org; accounturi=https://acme-v02.api.letsencrypt.org/acme/acct/1']),
      req,
    );
    assert.deepEqual(v, {
      allowed: true,
      foundAt: 'example.jp',
      boundTo: ['https://acme-v02.api.letsencrypt.org/acme/acct/1'],
    });
  });
  it('an unbound record beside a bound one permits outright', () => {
    const v = caaAllows(
      set([0, 'issue', 'letsencrypt.org; accounturi=https://x.example/1'], [0, 'issue', 'letsencrypt.org']),
      req,
    );
    assert.deepEqual(v, { allowed: true, foundAt: 'example.jp' });
  });
  it('the issuer domain is compared exactly, as Boulder compares it', () => {
    assert.equal(caaAllows(set([0, 'issue', 'LetsEncrypt.org']), req).allowed, false);
    assert.equal(caaAllows(set([0, 'issue', 'letsencrypt.org.']), req).allowed, false);
  });
  it('a host that may use either method passes a record that allows one of them', () => {
    const v = caaAllows(set([0, 'issue', 'letsencrypt.org; validationmethods=dns-01']), {
      ...req,
      methods: ['http-01', 'dns-01'],
    });
    assert.equal(v.allowed, true);
  });
  it('names the reason a record was passed over', () => {
    const v = caaAllows(set([0, 'issue', 'letsencrypt.org; validationmethods=dns-01']), req);
    assert.deepEqual(v, { allowed: false, foundAt: 'example.jp', reason: 'method', detail: 'dns-01' });
    const u = caaAllows(set([0, 'issue', 'letsencrypt.org; validation methods=http-01']), req);
    assert.equal(!u.allowed && u.reason, 'unusable');
    const all = caaAllows(set([0, 'issue', ';']), req);
    assert.equal(!all.allowed && all.reason, 'forbids-all');
  });
  it('hostile values: 10 KB, control characters, non-ASCII — an answer, never a throw', () => {
    const big = `letsencrypt.org; x=${'a'.repeat(10_000)}`;
    assert.equal(caaAllows(set([0, 'issue', big]), req).allowed, true);
    for (const v of [
      '\u0000letsencrypt.org',
      'letsencrypt.org;\u001b[2J=1',
      'letsencrypt.org; 証明書=1',
      'letsencrypt.org;;;',
      '=;=',
      ';'.repeat(5000),
    ]) {
      const r = caaAllows(set([0, 'issue', v], [255, '\u202e', v]), req);
      assert.equal(r.allowed, false, v.slice(0, 20));
    }
  });
});
