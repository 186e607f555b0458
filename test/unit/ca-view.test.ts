// Issue #22 "As the CA sees it": each rule beside the source rows it follows (Boulder's files and lines, ICANN's
// EPP status codes page, status.io's documented Public Status API JSON).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import ipaddr from 'ipaddr.js';
import { checkAddresses } from '../../src/core/checks/addresses';
import { checkCaStatus } from '../../src/core/checks/ca-status';
import { checkChallenge } from '../../src/core/checks/challenge';
import { checkDomainRegistration } from '../../src/core/checks/domain-registration';
import { reservedRange } from '../../src/core/network/ip';
import type { Hop, HttpClient } from '../../src/core/network/net';
import { fetchCaStatus } from '../../src/core/sources/ca-status';
import type { Evidence } from '../../src/core/engine/evidence';
import { ans, codes, ctx, NOW, XSERVER } from './evidence-builder';

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

describe('status.io containers: the production container decides, not the component name', () => {
  const serve =
    (doc: unknown): HttpClient =>
    async (url) => ({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: new TextEncoder().encode(JSON.stringify(doc)),
      url,
    });
  const judge = async (doc: unknown) => {
    const s = await fetchCaStatus(serve(doc), 'https://status.example/api', 1000);
    assert.ok(s.ok);
    return { s, findings: checkCaStatus(ctx({ patch: { caStatus: s } })) };
  };
  // Let's Encrypt's layout on status.io: one "ACME API" component in a "Production" and a "Staging" container.
  const le = (
    production: number,
    staging: number,
    events: { incidents?: unknown[]; active?: unknown[]; upcoming?: unknown[] } = {},
  ) => {
    const text: Record<number, string> = {
      100: 'Operational',
      200: 'Planned Maintenance',
      400: 'Partial Service Disruption',
    };
    const part = (name: string, code: number) => ({ id: name, name, status: text[code], status_code: code });
    const worst = Math.max(production, staging);
    return {
      result: {
        status_overall: { status: text[worst], status_code: worst },
        status: [
          { ...part('ACME API', worst), containers: [part('Production', production), part('Staging', staging)] },
          { ...part('Website', 100), containers: [part('Production', 100)] },
        ],
        incidents: events.incidents ?? [],
        maintenance: { active: events.active ?? [], upcoming: events.upcoming ?? [] },
      },
    };
  };
  const ev = (name: string, containers: string[], extra: Record<string, unknown> = {}) => ({
    _id: name,
    name,
    components_affected: [{ _id: 'acme', name: 'ACME API' }],
    containers_affected: containers.map((c) => ({ _id: c, name: c })),
    ...extra,
  });

  it("reads the documented example's containers and events (kb.status.io Detailed Example Response)", async () => {
    const doc = fixture<{ response: unknown }>('statusio/documented-example.json').response;
    const { s, findings } = await judge(doc);
    assert.ok(s.ok);
    assert.deepEqual(
      s.components.map((c) => [c.name, c.code, (c.containers ?? []).map((k) => `${k.name}:${k.code}`).join()]),
      [
        ['Website', 200, 'Virginia:200'],
        ['Mobile App', 200, 'Virginia:200,Ireland:200'],
      ],
    );
    assert.deepEqual(s.maintenanceActive[0].containers, ['Virginia', 'Ireland']);
    assert.deepEqual(s.maintenanceActive[0].components, ['Website', 'Mobile App']);
    // Neither component is a CA's issuance API: a website's maintenance renews nothing.
    assert.deepEqual(codes(findings), []);
  });
  it('maintenance or an incident of the Staging container alone is neither CA_MAINTENANCE nor CA_INCIDENT', async () => {
    const maint = await judge(le(100, 200, { active: [ev('Staging database upgrade', ['Staging'])] }));
    assert.deepEqual(codes(maint.findings), []);
    const upcoming = await judge(
      le(100, 100, {
        upcoming: [
          ev('Staging LB swap', ['Staging'], {
            datetime_planned_start: new Date(NOW + 3_600_000).toISOString(),
            datetime_planned_end: new Date(NOW + 7_200_000).toISOString(),
          }),
        ],
      }),
    );
    assert.deepEqual(codes(upcoming.findings), []);
    const incident = await judge(le(100, 400, { incidents: [ev('Staging issuance delayed', ['Staging'])] }));
    assert.deepEqual(codes(incident.findings), []);
  });
  it('the Production container (or no container named) still raises them (the test can fail)', async () => {
    const maint = await judge(le(200, 100, { active: [ev('API database upgrade', ['Production'])] }));
    assert.deepEqual(codes(maint.findings), ['CA_MAINTENANCE:warn']);
    const both = await judge(le(100, 100, { active: [ev('Both environments', ['Production', 'Staging'])] }));
    assert.deepEqual(codes(both.findings), ['CA_MAINTENANCE:warn']);
    const unnamed = await judge(le(100, 100, { incidents: [ev('Issuance errors', [])] }));
    assert.deepEqual(codes(unnamed.findings), ['CA_INCIDENT:warn']);
    // No event, the production container degraded: the component's split status says it.
    const degraded = await judge(le(400, 100));
    assert.deepEqual(codes(degraded.findings), ['CA_INCIDENT:warn']);
  });
});

describe('forwarding inside one domain: where the redirect lands, not its registrable domain', () => {
  const u = 'http://example.jp/.well-known/acme-challenge/t';
  const toWww = { url: u, status: 301, location: 'http://www.example.jp/.well-known/acme-challenge/t' };
  const landed = { url: 'http://www.example.jp/.well-known/acme-challenge/t', status: 404 };
  const target = (a: string[], opts: { cname?: string; ptr?: Record<string, string>; failed?: boolean } = {}) => {
    const extra = opts.cname ? { cnames: [opts.cname] } : {};
    const failed = opts.failed ? { status: 'error' as const, error: 'timeout' } : {};
    return {
      'www.example.jp': {
        a: ans('www.example.jp', 'A', a, { ...extra, ...failed }),
        aaaa: ans('www.example.jp', 'AAAA', [], failed),
        ptr: Object.fromEntries(Object.entries(opts.ptr ?? {}).map(([k, v]) => [k, ans(k, 'PTR', [v])])),
      },
    };
  };
  const run = (spec: Parameters<typeof ctx>[0], targets: Evidence['challengeTargets'], hops: Hop[] = [toWww, landed]) =>
    checkChallenge(
      ctx({ ...spec, patch: { ...spec.patch, challenge: { kind: 'response', hops }, challengeTargets: targets } }),
    );

  it('the issue: apex on Xserver forwarding to a www on Vercel → fail (the token is on Xserver)', () => {
    const f = run(XSERVER, target(['76.76.21.21']));
    assert.deepEqual(codes(f), ['CHALLENGE_REDIRECT_OFFSITE:fail']);
    assert.equal(f[0].message.params?.where, 'Vercel');
    assert.equal(f[0].fix?.[0].key, 'fix_redirect_in_domain_1');
  });
  it('healthy set-ups stay ok: same server, www → apex, https of the same name, a platform on both names', () => {
    assert.deepEqual(codes(run(XSERVER, target(['183.181.96.79']))), []);
    // www → apex (the host is www; the apex has the same address)
    const back = {
      url: 'http://www.example.jp/.well-known/acme-challenge/t',
      status: 301,
      location: 'http://example.jp/.well-known/acme-challenge/t',
    };
    const apex = {
      'example.jp': { a: ans('example.jp', 'A', ['183.181.96.79']), aaaa: ans('example.jp', 'AAAA', []), ptr: {} },
    };
    assert.deepEqual(codes(run({ ...XSERVER, host: 'www.example.jp' }, apex, [back, { url: u, status: 404 }])), []);
    // The https of the same name: no lookup needed, nothing to judge.
    assert.deepEqual(
      codes(
        run(XSERVER, undefined, [
          { url: u, status: 301, location: 'https://example.jp/.well-known/acme-challenge/t' },
          { url: 'https://example.jp/.well-known/acme-challenge/t', status: 404 },
        ]),
      ),
      [],
    );
    // Netlify on both names: the apex on its load balancer, www a CNAME to the site's netlify.app name.
    const netlify = { a: ['75.2.60.5'], headers: { server: 'Netlify', 'x-nf-request-id': '01J' } };
    assert.deepEqual(codes(run(netlify, target(['3.33.186.135'], { cname: 'shop.netlify.app' }))), []);
    // GitHub Pages: both names on the same published addresses.
    assert.deepEqual(
      codes(run({ a: ['185.199.108.153'] }, target(['185.199.108.153'], { cname: 'owner.github.io' }))),
      [],
    );
  });
  it('uncertain → warn, never fail: unknown host, a CDN in front of the target, another server of the host, a failed lookup', () => {
    assert.deepEqual(codes(run({ a: ['45.77.12.40'], ns: ['ns1.tiny-dns.net'] }, target(['76.76.21.21']))), [
      'CHALLENGE_REDIRECT_OFFSITE:warn',
    ]);
    assert.deepEqual(codes(run(XSERVER, target(['104.21.48.12']))), ['CHALLENGE_REDIRECT_OFFSITE:warn']);
    assert.deepEqual(codes(run(XSERVER, target(['183.181.84.7'], { ptr: { '183.181.84.7': 'sv8486.xserver.jp' } }))), [
      'CHALLENGE_REDIRECT_OFFSITE:warn',
    ]);
    assert.deepEqual(codes(run(XSERVER, target([], { failed: true }))), ['CHALLENGE_REDIRECT_OFFSITE:warn']);
  });
});
