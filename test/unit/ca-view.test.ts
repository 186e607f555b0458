// Issue #22 "As the CA sees it": each rule beside the source rows it follows (Boulder's files and lines, ICANN's
// EPP status codes page, status.io's documented Public Status API JSON).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import ipaddr from 'ipaddr.js';
import { checkAddresses } from '../../src/core/checks/addresses';
import { reservedRange } from '../../src/core/network/ip';
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
