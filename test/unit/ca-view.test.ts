// Issue #22 "As the CA sees it": each rule beside the source rows it follows (Boulder's files and lines, ICANN's
// EPP status codes page, status.io's documented Public Status API JSON).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import ipaddr from 'ipaddr.js';
import { checkAddresses } from '../../src/core/checks/addresses';
import { checkDomainRegistration } from '../../src/core/checks/domain-registration';
import { reservedRange } from '../../src/core/network/ip';
import type { Evidence } from '../../src/core/engine/evidence';
import { codes, ctx } from './evidence-builder';

const fixture = <T>(name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;

describe('reserved addresses as Boulder drops them', () => {
  const rows = fixture<{
    ianaRows: { file: string; line: number; block: string; name: string }[];
    bdnsRows: { line: number; block: string; fn: string }[];
  }>('boulder-reserved-addresses.json');
  /** The first and the last address of a block. */
  const ends = (block: string): string[] => {
    const [addr, bits] = ipaddr.parseCIDR(block);
    const bytes = addr.toByteArray();
    const last = bytes.map((b, i) => {
      const hostBits = Math.max(0, Math.min(8, (i + 1) * 8 - bits));
      return b | ((1 << hostBits) - 1);
    });
    return [addr.toString(), ipaddr.fromByteArray(last).toString()];
  };

  it('every row of the IANA registries Boulder embeds (va/dns.go getAddrs → iana.IsReservedAddr) is reserved here', () => {
    assert.equal(rows.ianaRows.length, 51);
    for (const r of rows.ianaRows)
      for (const a of ends(r.block)) assert.ok(reservedRange(a), `${r.file}:${r.line} ${r.block} (${a})`);
  });
  it("every row of bdns/dns.go's isPrivateV4/isPrivateV6 lists (LookupHost, 2022) is reserved here", () => {
    assert.equal(rows.bdnsRows.length, 28);
    for (const r of rows.bdnsRows)
      for (const a of ends(r.block)) assert.ok(reservedRange(a), `bdns/dns.go:${r.line} ${r.block} (${a})`);
  });
  it('addresses just outside the blocks stay public (the test can fail)', () => {
    for (const a of ['11.0.0.0', '9.255.255.255', '172.32.0.0', '100.128.0.0', '2001:200::1', '2003::1', 'fe00::1'])
      assert.equal(reservedRange(a), null, a);
  });

  it('no public address left → fail; a public one beside it → info naming the family visitors use', () => {
    assert.deepEqual(codes(checkAddresses(ctx({ a: ['192.168.1.10'], aaaa: ['fd00::10'] }))), [
      'RESERVED_ADDRESS:fail',
    ]);
    // A home server by a dynamic-DNS client: its public A and its ULA AAAA. The CA validates over the A record.
    const ddns = checkAddresses(ctx({ a: ['203.0.114.7'], aaaa: ['fd12:3456:789a::1'] }));
    assert.deepEqual(codes(ddns), ['RESERVED_ADDRESS:info']);
    assert.equal(ddns[0].message.key, 'finding_reserved_address_family');
    assert.equal(ddns[0].message.params?.family, 'IPv6');
    assert.equal(ddns[0].fix, undefined);
    // The reverse: a public AAAA and a private A (IPv4 visitors are the ones sent nowhere).
    const v6only = checkAddresses(ctx({ a: ['10.0.0.5'], aaaa: ['2400:8500:1000::10'] }));
    assert.deepEqual(codes(v6only), ['RESERVED_ADDRESS:info']);
    assert.equal(v6only[0].message.params?.family, 'IPv4');
    // A stray private A beside public A records.
    const mixed = checkAddresses(ctx({ a: ['183.181.96.79', '10.0.0.5'] }));
    assert.deepEqual(codes(mixed), ['RESERVED_ADDRESS:info']);
    assert.equal(mixed[0].message.key, 'finding_reserved_address_mixed');
    // Healthy: public only.
    assert.deepEqual(codes(checkAddresses(ctx({ a: ['183.181.96.79'], aaaa: ['2400:8500:1000::10'] }))), []);
  });
});

describe('a domain on hold answers NXDOMAIN: RDAP decides before "register the domain"', () => {
  // ICANN, "EPP Status Codes | What Do They Mean, and Why Should I Know?"
  // https://www.icann.org/resources/pages/epp-status-codes-2014-06-16-en — the rows this check follows:
  //   clientHold        "tells your domain's registry to not activate your domain in the DNS … it will not resolve"
  //   serverHold        the same, set by the registry
  //   redemptionPeriod  "your registrar has asked the registry to delete your domain" (30 days; restorable)
  //   pendingDelete     "will be purged and dropped from the registry's database" (5 days; not restorable)
  //   autoRenewPeriod   "a grace period provided after a domain name registration period expires and is extended
  //                     (renewed) automatically by the registry"
  const nx = (rdap: Partial<Evidence>) => {
    const c = ctx({ patch: rdap });
    c.ev.ns['example.jp'] = { ...c.ev.ns['example.jp'], status: 'nxdomain' };
    return checkDomainRegistration(c);
  };
  const rdapOk = (statuses: string[]) => ({
    rdap: { ok: true as const, expiration: '2027-06-01T00:00:00.000Z', statuses, source: 'rdap' as const },
  });

  it('hold, redemption, pending delete → DOMAIN_EXPIRED fail with that status own reason and fix', () => {
    const cases: [string[], string, string][] = [
      [['client hold', 'client transfer prohibited'], 'finding_domain_client_hold', 'fix_domain_client_hold_1'],
      [['server hold'], 'finding_domain_server_hold', 'fix_domain_server_hold_1'],
      [['redemption period', 'pending delete'], 'finding_domain_redemption', 'fix_domain_redemption_1'],
      [['pending delete'], 'finding_domain_pending_delete', 'fix_domain_pending_delete_1'],
    ];
    for (const [statuses, message, fix] of cases) {
      const f = nx(rdapOk(statuses));
      assert.deepEqual(codes(f), ['DOMAIN_EXPIRED:fail'], statuses.join());
      assert.equal(f[0].message.key, message);
      assert.equal(f[0].fix?.[0].key, fix);
      assert.ok(f[0].evidence?.some((e) => e.includes('NXDOMAIN')));
    }
  });
  it('a resolving domain: hold → fail, autoRenewPeriod/renewPeriod → warn with "pay the renewal"', () => {
    const c = (statuses: string[]) => checkDomainRegistration(ctx({ patch: rdapOk(statuses) }));
    assert.deepEqual(codes(c(['client hold'])), ['DOMAIN_EXPIRED:fail']);
    const grace = c(['auto renew period']);
    assert.deepEqual(codes(grace), ['DOMAIN_EXPIRED:warn']);
    assert.equal(grace[0].fix?.[0].key, 'fix_domain_grace_1');
    assert.deepEqual(codes(c(['renew period'])), ['DOMAIN_EXPIRED:warn']);
    assert.deepEqual(codes(c(['active', 'client transfer prohibited'])), []);
  });
  it('RDAP 404 → DOMAIN_NOT_REGISTERED; RDAP unreachable → DOMAIN_NOT_REGISTERED that says RDAP could not confirm', () => {
    const notFound = nx({ rdap: { ok: false, kind: 'not-found', reason: "the registry's RDAP server does not know" } });
    assert.deepEqual(codes(notFound), ['DOMAIN_NOT_REGISTERED:fail']);
    assert.equal(notFound[0].message.key, 'finding_domain_not_registered');
    const down = nx({ rdap: { ok: false, kind: 'error', reason: 'RDAP answered HTTP 503' } });
    assert.deepEqual(codes(down), ['DOMAIN_NOT_REGISTERED:fail']);
    assert.equal(down[0].message.key, 'finding_domain_not_registered_unconfirmed');
    assert.ok(down[0].evidence?.some((e) => e.startsWith('RDAP could not confirm')));
    // Registered, no hold, still NXDOMAIN: no nameservers at the registry.
    const bare = nx(rdapOk(['inactive']));
    assert.deepEqual(codes(bare), ['DOMAIN_NOT_REGISTERED:fail']);
    assert.equal(bare[0].message.key, 'finding_domain_not_delegated');
  });
});
