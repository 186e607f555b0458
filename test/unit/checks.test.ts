// One describe per check file: each branch of each check, on hand-made evidence.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkAddressElsewhere } from '../../src/core/checks/address-elsewhere';
import { checkAddresses } from '../../src/core/checks/addresses';
import { checkCaa } from '../../src/core/checks/caa';
import { checkCaStatus } from '../../src/core/checks/ca-status';
import { checkCdnProxy } from '../../src/core/checks/cdn-proxy';
import { checkCertificate, renewalPoint } from '../../src/core/checks/certificate';
import { checkChallenge } from '../../src/core/checks/challenge';
import { checkDnsHealth } from '../../src/core/checks/dns-health';
import { checkDomainRegistration } from '../../src/core/checks/domain-registration';
import { checkHostUnknown } from '../../src/core/checks/host-unknown';
import { checkIpv6Mismatch } from '../../src/core/checks/ipv6-mismatch';
import { checkNameservers } from '../../src/core/checks/nameservers';
import { checkRateLimit } from '../../src/core/checks/rate-limit';
import type { CertificateInfo } from '../../src/core/engine/types';
import { ans, codes, ctx, DAY, NOW, XSERVER } from './evidence-builder';

const CF_A = ['104.21.48.12'];
const cert = (
  nb: number,
  na: number,
  names = ['example.jp'],
  source: CertificateInfo['source'] = 'connection',
): CertificateInfo => ({
  issuer: 'R11',
  issuerOrg: "Let's Encrypt",
  subject: 'CN=example.jp',
  names,
  notBefore: new Date(NOW + nb * DAY).toISOString(),
  notAfter: new Date(NOW + na * DAY).toISOString(),
  source,
});

describe('domain-registration', () => {
  it('NXDOMAIN for the registrable domain → DOMAIN_NOT_REGISTERED', () => {
    const c = ctx({});
    c.ev.ns['example.jp'] = { ...c.ev.ns['example.jp'], status: 'nxdomain' };
    assert.deepEqual(codes(checkDomainRegistration(c)), ['DOMAIN_NOT_REGISTERED:fail']);
  });
  it('RDAP: held → fail, grace → warn, 30 days → warn, far → nothing, unknown → nothing', () => {
    const r = (expiration: string | null, statuses: string[] = []) =>
      codes(
        checkDomainRegistration(
          ctx({ ...XSERVER, patch: { rdap: { ok: true, expiration, statuses, source: 'rdap' } } }),
        ),
      );
    assert.deepEqual(r(new Date(NOW - 3 * DAY).toISOString(), ['redemption period']), ['DOMAIN_EXPIRED:fail']);
    assert.deepEqual(r(new Date(NOW - 3 * DAY).toISOString(), ['auto renew period']), ['DOMAIN_EXPIRED:warn']);
    assert.deepEqual(r(new Date(NOW + 29 * DAY).toISOString()), ['DOMAIN_EXPIRING:warn']);
    assert.deepEqual(r(new Date(NOW + 31 * DAY).toISOString()), []);
    assert.deepEqual(r(null), []);
    assert.deepEqual(
      codes(checkDomainRegistration(ctx({ patch: { rdap: { ok: false, kind: 'no-rdap', reason: 'no RDAP' } } }))),
      [],
    );
  });
  it('statuses count whatever the date (design DOMAIN_EXPIRED): hold, redemption, pending delete → fail; renew grace → warn', () => {
    const r = (statuses: string[]) =>
      codes(
        checkDomainRegistration(
          ctx({
            ...XSERVER,
            patch: {
              rdap: { ok: true, expiration: new Date(NOW + 200 * DAY).toISOString(), statuses, source: 'rdap' },
            },
          }),
        ),
      );
    for (const s of ['client hold', 'server hold', 'redemption period', 'pending delete'])
      assert.deepEqual(r(['active', s]), ['DOMAIN_EXPIRED:fail'], s);
    for (const s of ['auto renew period', 'renew period']) assert.deepEqual(r([s]), ['DOMAIN_EXPIRED:warn'], s);
    assert.deepEqual(r(['client transfer prohibited', 'active']), []);
  });
});

describe('addresses', () => {
  it('no A/AAAA → NO_ADDRESS; private → RESERVED_ADDRESS; failed lookup → nothing (unknown, not ok)', () => {
    assert.deepEqual(codes(checkAddresses(ctx({ ns: XSERVER.ns }))), ['NO_ADDRESS:fail']);
    assert.deepEqual(codes(checkAddresses(ctx({ a: ['10.1.2.3'] }))), ['RESERVED_ADDRESS:fail']);
    assert.deepEqual(codes(checkAddresses(ctx({ aaaa: ['fd00::1'] }))), ['RESERVED_ADDRESS:fail']);
    assert.deepEqual(codes(checkAddresses(ctx({ a: ['183.181.96.79'] }))), []);
    const c = ctx({});
    c.ev.a = { ...c.ev.a, status: 'error', error: 'timeout' };
    assert.deepEqual(codes(checkAddresses(c)), []);
  });
});

describe('cdn-proxy', () => {
  it('fail when the origin needs the address, warn when uncertain, info when no origin or it does not matter', () => {
    assert.deepEqual(
      codes(
        checkCdnProxy(ctx({ a: CF_A, mx: ['sv12718.xserver.jp'], spf: 'v=spf1 include:spf.sender.xserver.jp ~all' })),
      ),
      ['PROXIED_BY_CDN:fail'],
    );
    assert.deepEqual(codes(checkCdnProxy(ctx({ a: CF_A, headers: { 'cf-ray': 'x', 'set-cookie': 'cprelogin=no' } }))), [
      'PROXIED_BY_CDN:warn',
    ]);
    assert.deepEqual(codes(checkCdnProxy(ctx({ a: CF_A }))), ['PROXIED_BY_CDN:info']);
    assert.deepEqual(codes(checkCdnProxy(ctx(XSERVER))), []);
  });
  it("the user's choice of host decides the severity", () => {
    assert.deepEqual(codes(checkCdnProxy(ctx({ a: CF_A, override: 'github-pages' }))), ['PROXIED_BY_CDN:fail']);
  });
});

describe('nameservers', () => {
  it('fail for hosts that need their own nameservers, accepted DNS services count as their own', () => {
    const lolipop = {
      a: ['163.44.185.70'],
      ptr: { '163.44.185.70': 'std003.phy.lolipop.jp' },
      mx: ['mx01.lolipop.jp'],
    };
    assert.deepEqual(codes(checkNameservers(ctx({ ...lolipop, ns: ['01.dnsv.jp', '02.dnsv.jp'] }))), [
      'NAMESERVERS_ELSEWHERE:fail',
    ]);
    assert.deepEqual(codes(checkNameservers(ctx({ ...lolipop, ns: ['dns01.muumuu-domain.com'] }))), []);
  });
  it('info when the address reaches the host; warn when uncertain and it does not', () => {
    assert.deepEqual(codes(checkNameservers(ctx({ ...XSERVER, ns: ['ada.ns.cloudflare.com'] }))), [
      'NAMESERVERS_ELSEWHERE:info',
    ]);
    assert.deepEqual(
      codes(checkNameservers(ctx({ ns: ['01.dnsv.jp'], a: ['133.130.1.1'], override: 'conoha-wing' }))),
      ['NAMESERVERS_ELSEWHERE:warn'],
    );
    assert.deepEqual(codes(checkNameservers(ctx(XSERVER))), []);
  });
});

describe('address-elsewhere', () => {
  it('host known from its nameservers, address PTR elsewhere → fail; at the host → nothing; behind a CDN → nothing', () => {
    assert.deepEqual(
      codes(
        checkAddressElsewhere(ctx({ ns: XSERVER.ns, a: ['45.76.10.20'], ptr: { '45.76.10.20': 'vps.example.net' } })),
      ),
      ['ADDRESS_ELSEWHERE:fail'],
    );
    assert.deepEqual(codes(checkAddressElsewhere(ctx(XSERVER))), []);
    assert.deepEqual(codes(checkAddressElsewhere(ctx({ ns: XSERVER.ns, a: CF_A }))), []);
    assert.deepEqual(
      codes(checkAddressElsewhere(ctx({ ns: XSERVER.ns, a: ['45.76.10.20'] }))),
      [],
      'no PTR: cannot tell',
    );
  });
  it('a host with a closed address list (GitHub Pages) flags any other address', () => {
    assert.deepEqual(codes(checkAddressElsewhere(ctx({ a: ['45.76.10.20'], override: 'github-pages' }))), [
      'ADDRESS_ELSEWHERE:fail',
    ]);
  });
});

describe('ipv6-mismatch', () => {
  it('AAAA of another provider → fail; unknown AAAA with an unrelated PTR → warn; same host → nothing', () => {
    assert.deepEqual(codes(checkIpv6Mismatch(ctx({ ...XSERVER, aaaa: ['2606:4700::1'] }))), ['IPV6_MISMATCH:fail']);
    assert.deepEqual(
      codes(
        checkIpv6Mismatch(
          ctx({ ...XSERVER, aaaa: ['2400:8500::1'], ptr: { ...XSERVER.ptr, '2400:8500::1': 'v6.vps.example.net' } }),
        ),
      ),
      ['IPV6_MISMATCH:warn'],
    );
    assert.deepEqual(
      codes(
        checkIpv6Mismatch(
          ctx({
            a: ['202.181.97.72'],
            aaaa: ['2001:e42:101:1:202:181:97:72'],
            ptr: { '202.181.97.72': 'www262.sakura.ne.jp', '2001:e42:101:1:202:181:97:72': 'www262.sakura.ne.jp' },
          }),
        ),
      ),
      [],
    );
    assert.deepEqual(codes(checkIpv6Mismatch(ctx({ a: ['185.199.108.153'], aaaa: ['2a01:4f8::1'] }))), [
      'IPV6_MISMATCH:fail',
    ]);
  });
});

describe('caa', () => {
  it("judged against the host's CA, then the certificate's issuer, else not judged", () => {
    assert.deepEqual(codes(checkCaa(ctx({ ...XSERVER, caa: { 'example.jp': ['0 issue "digicert.com"'] } }))), [
      'CAA_FORBIDS_CA:fail',
    ]);
    assert.deepEqual(codes(checkCaa(ctx({ ...XSERVER, caa: { 'example.jp': ['0 issue "letsencrypt.org"'] } }))), []);
    const byCert = ctx({
      a: ['210.152.1.10'],
      caa: { 'example.jp': ['0 issue "letsencrypt.org"'] },
      patch: { certificate: { ...cert(-10, 80), issuer: 'DigiCert TLS', issuerOrg: 'DigiCert Inc' } },
    });
    assert.deepEqual(codes(checkCaa(byCert)), ['CAA_FORBIDS_CA:fail']);
    assert.deepEqual(
      codes(checkCaa(ctx({ a: ['210.152.1.10'], caa: { 'example.jp': ['0 issue "digicert.com"'] } }))),
      [],
      'no CA known: reported, not judged',
    );
  });
  it('the closest name with records decides', () => {
    const c = ctx({
      ...XSERVER,
      host: 'www.example.jp',
      caa: { 'www.example.jp': ['0 issue "letsencrypt.org"'], 'example.jp': ['0 issue "digicert.com"'] },
    });
    assert.deepEqual(codes(checkCaa(c)), []);
  });
  it('a CDN with several CAs needs one of them allowed', () => {
    assert.deepEqual(codes(checkCaa(ctx({ a: CF_A, caa: { 'example.jp': ['0 issue "pki.goog"'] } }))), []);
    assert.deepEqual(codes(checkCaa(ctx({ a: CF_A, caa: { 'example.jp': ['0 issue "digicert.com"'] } }))), [
      'CAA_FORBIDS_CA:fail',
    ]);
  });
});

describe('dns-health', () => {
  it('SERVFAIL that resolves with CD=1 → DNSSEC_BROKEN with the EDE; failed address lookup → DNS_LOOKUP_FAILED', () => {
    const bogus = ctx(XSERVER);
    bogus.ev.a = {
      ...ans('example.jp', 'A', ['183.181.96.79']),
      status: 'dnssec-bogus',
      ede: { code: 6, text: 'bad sig' },
    };
    const f = checkDnsHealth(bogus);
    assert.deepEqual(codes(f), ['DNSSEC_BROKEN:fail']);
    assert.match(f[0].evidence!.join(' '), /DNSSEC Bogus: bad sig/);
    const down = ctx(XSERVER);
    down.ev.aaaa = { ...down.ev.aaaa, status: 'error', error: 'timed out' };
    assert.deepEqual(codes(checkDnsHealth(down)), ['DNS_LOOKUP_FAILED:unknown']);
    assert.deepEqual(codes(checkDnsHealth(ctx(XSERVER))), []);
  });
});

describe('challenge', () => {
  const probe = (
    hops: { url: string; status: number; location?: string }[],
    kind: 'response' | 'refused' = 'response',
  ) =>
    codes(
      checkChallenge(
        ctx({
          ...XSERVER,
          patch: {
            challenge:
              kind === 'response' ? { kind, hops } : { kind, hops, url: 'http://example.jp/', reason: 'ECONNREFUSED' },
          },
        }),
      ),
    );
  const u = 'http://example.jp/.well-known/acme-challenge/t';
  it('404 is fine; 401/403 deny; refused is unreachable', () => {
    assert.deepEqual(probe([{ url: u, status: 404 }]), []);
    assert.deepEqual(probe([{ url: u, status: 401 }]), ['CHALLENGE_ACCESS_DENIED:fail']);
    assert.deepEqual(probe([{ url: u, status: 403 }]), ['CHALLENGE_ACCESS_DENIED:fail']);
    assert.deepEqual(probe([], 'refused'), ['CHALLENGE_UNREACHABLE:fail']);
  });
  it('redirects: same site fine, other domain offsite, bad port/scheme/loop invalid', () => {
    assert.deepEqual(
      probe([
        { url: u, status: 301, location: 'https://www.example.jp/.well-known/acme-challenge/t' },
        { url: 'https://www.example.jp/.well-known/acme-challenge/t', status: 404 },
      ]),
      [],
    );
    assert.deepEqual(probe([{ url: u, status: 301, location: 'https://other.example.com/' }]), [
      'CHALLENGE_REDIRECT_OFFSITE:fail',
    ]);
    assert.deepEqual(probe([{ url: u, status: 302, location: 'http://example.jp:8080/x' }]), [
      'CHALLENGE_REDIRECT_INVALID:fail',
    ]);
    assert.deepEqual(probe([{ url: u, status: 302, location: 'ftp://example.jp/x' }]), [
      'CHALLENGE_REDIRECT_INVALID:fail',
    ]);
    assert.deepEqual(probe([{ url: u, status: 301, location: u }]), ['CHALLENGE_REDIRECT_INVALID:fail']);
    const chain: { url: string; status: number; location?: string }[] = Array.from({ length: 12 }, (_, i) => ({
      url: `${u}${i}`,
      status: 302,
      location: `${u}${i + 1}`,
    }));
    assert.deepEqual(probe(chain), ['CHALLENGE_REDIRECT_INVALID:fail']);
    assert.deepEqual(
      probe(chain.slice(0, 10).concat([{ url: `${u}10`, status: 404 }])),
      [],
      'exactly 10 redirects is allowed',
    );
  });
});

describe('challenge: how the renewer validates decides the severity', () => {
  const refused = {
    challenge: { kind: 'refused' as const, hops: [], url: 'http://example.jp/', reason: 'ECONNREFUSED' },
  };
  const forbidden = {
    challenge: {
      kind: 'response' as const,
      hops: [{ url: 'http://example.jp/.well-known/acme-challenge/t', status: 403 }],
    },
  };
  // The owner's VPS at Sakura (its default reverse name), zone on Sakura's DNS: the owner's own client renews, and
  // certbot with a DNS plugin, acme.sh's dns_* hooks or lego never use port 80 — public DNS cannot tell.
  const vps = {
    ns: ['ns1.dns.ne.jp', 'ns2.dns.ne.jp'],
    a: ['153.127.30.23'],
    ptr: { '153.127.30.23': 'ik1-413-38519.vs.sakura.ne.jp' },
  };
  it("the owner's own client, method not seen: port 80 closed or 403 warns, saying it matters only over HTTP", () => {
    const closed = ctx({ ...vps, patch: refused });
    assert.equal(closed.renewer.by, 'owner-acme');
    const f = checkChallenge(closed);
    assert.deepEqual(codes(f), ['CHALLENGE_UNREACHABLE:warn']);
    assert.equal(f[0].fix?.[0].key, 'fix_challenge_method_first', 'first: how does your client validate?');
    assert.equal(f[0].why?.key, 'why_challenge_unreachable', 'why port 80 matters stays');
    assert.match(f[0].evidence!.join('\n'), /fails only over HTTP \(HTTP-01\)/);
    assert.deepEqual(codes(checkChallenge(ctx({ ...vps, patch: forbidden }))), ['CHALLENGE_ACCESS_DENIED:warn']);
  });
  it('the hedged redirect still says which rule Let’s Encrypt refuses it by (port 8080)', () => {
    const hops = [
      { url: 'http://example.jp/.well-known/acme-challenge/t', status: 302, location: 'http://example.jp:8080/x' },
    ];
    const f = checkChallenge(ctx({ ...vps, patch: { challenge: { kind: 'response', hops } } }));
    assert.deepEqual(codes(f), ['CHALLENGE_REDIRECT_INVALID:warn']);
    assert.equal(f[0].why?.key, 'redirect_rule_port');
    assert.equal(f[0].why?.params?.detail, '8080');
  });
  it("a redirect to www elsewhere from the owner's VPS names no rental server: not Sakura's file, not its panel", () => {
    const u = 'http://example.jp/.well-known/acme-challenge/t';
    const hops = [
      { url: u, status: 301, location: 'http://www.example.jp/.well-known/acme-challenge/t' },
      { url: 'http://www.example.jp/.well-known/acme-challenge/t', status: 404 },
    ];
    const www = {
      a: ans('www.example.jp', 'A', ['76.76.21.21']),
      aaaa: ans('www.example.jp', 'AAAA', []),
      ptr: {},
    };
    const c = ctx({
      ...vps,
      patch: { challenge: { kind: 'response', hops }, challengeTargets: { 'www.example.jp': www } },
    });
    assert.equal(c.origin?.id, 'sakura');
    const f = checkChallenge(c);
    assert.deepEqual(codes(f), ['CHALLENGE_REDIRECT_OFFSITE:warn']);
    assert.equal(f[0].message.key, 'finding_challenge_redirect_in_domain_unknown');
    assert.equal(f[0].message.params?.host, '');
    assert.ok(!f[0].fix?.some((s) => s.key.startsWith('fix_sakura_')), JSON.stringify(f[0].fix));
    assert.equal(f[0].fix?.[0].key, 'fix_challenge_method_first', 'a warning already: the question still comes first');
    // A redirect to another site: a warning without a known host, and the same first question.
    const other = [{ url: u, status: 301, location: 'https://other.example.com/' }];
    const o = checkChallenge(ctx({ ...vps, patch: { challenge: { kind: 'response', hops: other } } }));
    assert.deepEqual(codes(o), ['CHALLENGE_REDIRECT_OFFSITE:warn']);
    assert.equal(o[0].fix?.[0].key, 'fix_challenge_method_first');
  });
  it("the host's own SSL validates by HTTP: the same evidence stays red", () => {
    assert.deepEqual(codes(checkChallenge(ctx({ ...XSERVER, patch: refused }))), ['CHALLENGE_UNREACHABLE:fail']);
    assert.deepEqual(codes(checkChallenge(ctx({ ...XSERVER, patch: forbidden }))), ['CHALLENGE_ACCESS_DENIED:fail']);
  });
  it('an owner client known to validate by HTTP stays red', () => {
    const c = ctx({ ...vps, patch: refused });
    assert.deepEqual(codes(checkChallenge({ ...c, renewer: { ...c.renewer, method: 'http-01' } })), [
      'CHALLENGE_UNREACHABLE:fail',
    ]);
  });
});

describe('ca-status (status.io components; only the production issuance API counts)', () => {
  const PROD = 'ACME API (Production)';
  const comps = (prod: number, staging = 100, website = 100) => [
    { name: PROD, code: prod, status: '' },
    { name: 'ACME API (Staging)', code: staging, status: '' },
    { name: 'Website', code: website, status: '' },
  ];
  const ev = (name: string, components: string[] | null, start?: number, end?: number) => ({
    name,
    components,
    start,
    end,
  });
  const st = (o: {
    statusCode: number;
    components?: ReturnType<typeof comps>;
    incidents?: ReturnType<typeof ev>[];
    active?: ReturnType<typeof ev>[];
    upcoming?: ReturnType<typeof ev>[];
    certificate?: ReturnType<typeof cert>;
  }) =>
    codes(
      checkCaStatus(
        ctx({
          ...XSERVER,
          patch: {
            certificate: o.certificate ?? null,
            caStatus: {
              ok: true,
              statusCode: o.statusCode,
              statusText: '',
              components: o.components ?? comps(o.statusCode),
              incidents: o.incidents ?? [],
              maintenanceActive: o.active ?? [],
              maintenanceUpcoming: o.upcoming ?? [],
            },
          },
        }),
      ),
    );
  it('production maintenance → CA_MAINTENANCE, production incident → CA_INCIDENT, operational → nothing', () => {
    assert.deepEqual(st({ statusCode: 200, active: [ev('db', [PROD])] }), ['CA_MAINTENANCE:warn']);
    assert.deepEqual(st({ statusCode: 300, incidents: [ev('slow', [PROD])] }), ['CA_INCIDENT:warn']);
    assert.deepEqual(st({ statusCode: 100 }), []);
  });
  it('Staging maintenance, a website incident or a forum outage warn no site', () => {
    assert.deepEqual(
      st({ statusCode: 200, components: comps(100, 200), active: [ev('staging upgrade', ['ACME API (Staging)'])] }),
      [],
    );
    assert.deepEqual(
      st({ statusCode: 400, components: comps(100, 100, 400), incidents: [ev('website down', ['Website'])] }),
      [],
    );
  });
  it('an event without a component list counts only when the production API itself shows trouble', () => {
    assert.deepEqual(st({ statusCode: 300, components: comps(100, 300), incidents: [ev('something', null)] }), []);
    assert.deepEqual(st({ statusCode: 300, components: comps(300), incidents: [ev('something', null)] }), [
      'CA_INCIDENT:warn',
    ]);
  });
  it('planned production maintenance before the next renewal attempt warns; after it, or Staging, does not', () => {
    const soon = cert(-89, 1); // renewal due now (Xserver renews 30 days before expiry)
    assert.deepEqual(
      st({
        statusCode: 100,
        certificate: soon,
        upcoming: [ev('API upgrade', [PROD], NOW + 6 * 3_600_000, NOW + 8 * 3_600_000)],
      }),
      ['CA_MAINTENANCE:warn'],
    );
    const later = cert(-10, 80); // next attempt in ~50 days
    assert.deepEqual(
      st({
        statusCode: 100,
        certificate: later,
        upcoming: [ev('API upgrade', [PROD], NOW + 60 * DAY, NOW + 60 * DAY + 3_600_000)],
      }),
      [],
    );
    assert.deepEqual(
      st({
        statusCode: 100,
        certificate: soon,
        upcoming: [ev('staging', ['ACME API (Staging)'], NOW + 3_600_000, NOW + 7_200_000)],
      }),
      [],
    );
  });
  it("not judged for a host whose CA is not Let's Encrypt", () => {
    const c = ctx({
      a: ['210.152.1.10'],
      patch: {
        certificate: { ...cert(-10, 300), issuer: 'DigiCert', issuerOrg: 'DigiCert Inc' },
        caStatus: {
          ok: true,
          statusCode: 500,
          statusText: '',
          components: comps(500),
          incidents: [ev('x', [PROD])],
          maintenanceActive: [],
          maintenanceUpcoming: [],
        },
      },
    });
    assert.deepEqual(codes(checkCaStatus(c)), []);
  });
});

describe('certificate', () => {
  const run = (c: CertificateInfo, ct: { names: string[]; notBefore: string }[] | null = []) =>
    codes(
      checkCertificate(
        ctx({
          ...XSERVER,
          patch: {
            certificate: c,
            ct:
              ct === null
                ? null
                : {
                    ok: true,
                    issuances: ct.map((i, n) => ({
                      id: String(n),
                      issuer: 'R11',
                      notAfter: new Date(NOW + 90 * DAY).toISOString(),
                      revoked: false,
                      ...i,
                    })),
                  },
          },
        }),
      ),
    );
  it("the renewal point comes from each certificate's own lifetime (90, 64, 45 days)", () => {
    assert.equal(renewalPoint(cert(0, 90)), NOW + 60 * DAY);
    assert.equal(Math.round(((renewalPoint(cert(0, 64)) - NOW) / DAY) * 10) / 10, 42.7);
    assert.equal(renewalPoint(cert(0, 45)), NOW + 30 * DAY);
    // docs/design.md RENEWAL_OVERDUE: ⅓ of the lifetime left, ½ under 10 days (Let's Encrypt's integration guide).
    assert.equal(Math.round((renewalPoint(cert(0, 200)) - NOW) / DAY), 133, 'a third left, not a fixed 30 days');
    assert.equal(renewalPoint(cert(0, 6)), NOW + 3 * DAY, 'half of a 6-day lifetime');
  });
  it('expired → fail, ≤ 14 days → warn, overdue without a newer CT entry → warn', () => {
    assert.deepEqual(run(cert(-95, -1)), ['CERT_EXPIRED:fail']);
    assert.deepEqual(run(cert(-80, 10)), ['CERT_EXPIRING_SOON:warn', 'RENEWAL_OVERDUE:warn']);
    assert.deepEqual(run(cert(-70, 20)), ['RENEWAL_OVERDUE:warn']);
    assert.deepEqual(
      run(cert(-70, 20), [{ names: ['example.jp'], notBefore: new Date(NOW - DAY).toISOString() }]),
      [],
      'renewed in CT',
    );
    assert.deepEqual(run(cert(-70, 20), null), [], 'no CT: overdue not judged');
    assert.deepEqual(run(cert(-61, 29)), [], 'within 2 days of the point');
  });
  it('a served certificate not covering the name → fail; CT certificates are not judged on names', () => {
    assert.deepEqual(run(cert(-10, 80, ['other.example.net'])), ['CERT_NAME_MISMATCH:fail']);
    assert.deepEqual(
      run({ ...cert(-10, 80, ['example.jp']), domainMismatch: true }),
      ['CERT_NAME_MISMATCH:fail'],
      "Firefox's own verdict",
    );
    assert.deepEqual(run(cert(-10, 80, ['other.example.net'], 'ct')), []);
  });
  it("the browser's own refusal is evidence: Chrome codes and Firefox messages", () => {
    const refused = (err: string) =>
      codes(checkCertificate(ctx({ ...XSERVER, patch: { browserCertificateError: err } })));
    assert.deepEqual(refused('net::ERR_CERT_DATE_INVALID'), ['CERT_EXPIRED:fail']);
    assert.deepEqual(refused('Peer\u2019s Certificate has expired.'), ['CERT_EXPIRED:fail']);
    assert.deepEqual(refused('net::ERR_CERT_COMMON_NAME_INVALID'), ['CERT_NAME_MISMATCH:fail']);
    assert.deepEqual(refused('net::ERR_CERT_AUTHORITY_INVALID'), ['CERT_UNTRUSTED:fail']);
    assert.deepEqual(refused('SEC_ERROR_UNKNOWN_ISSUER'), ['CERT_UNTRUSTED:fail']);
    assert.deepEqual(refused('Peer\u2019s Certificate issuer is not recognized.'), ['CERT_UNTRUSTED:fail']);
    assert.deepEqual(refused('MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT'), ['CERT_UNTRUSTED:fail']);
    assert.deepEqual(refused('net::ERR_CONNECTION_RESET'), []);
  });
  it('a CDN edge certificate without an origin host is noted', () => {
    assert.deepEqual(codes(checkCertificate(ctx({ a: CF_A, patch: { certificate: cert(-10, 80) } }))), [
      'CDN_MANAGED_CERT:info',
    ]);
  });
});

describe('rate-limit (letsencrypt.org/docs/rate-limits)', () => {
  const iss = (names: string[], daysAgo: number, issuerOrg = "Let's Encrypt") => ({
    id: `${daysAgo}${names}${issuerOrg}`,
    names,
    issuer: 'R11',
    issuerOrg,
    notBefore: new Date(NOW - daysAgo * DAY).toISOString(),
    notAfter: new Date(NOW + 80 * DAY).toISOString(),
    revoked: false,
  });
  const run = (list: ReturnType<typeof iss>[]) =>
    codes(checkRateLimit(ctx({ ...XSERVER, patch: { ct: { ok: true, issuances: list } } })));
  it('5 for the same set in 7 days, or 50 new ones for the domain → warn', () => {
    assert.deepEqual(run([1, 2, 3, 4, 5].map((d) => iss(['example.jp', 'www.example.jp'], d))), ['RATE_LIMITED:warn']);
    assert.deepEqual(run([1, 2, 3, 4].map((d) => iss(['example.jp'], d))), []);
    assert.deepEqual(run([1, 2, 3, 4, 9].map((d) => iss(['example.jp'], d))), [], 'outside the window');
    assert.deepEqual(run(Array.from({ length: 50 }, (_, i) => iss([`s${i}.example.jp`], 1))), ['RATE_LIMITED:warn']);
  });
  it('renewals of an existing set are exempt from the per-domain limit', () => {
    const earlier = Array.from({ length: 50 }, (_, i) => iss([`s${i}.example.jp`], 40));
    const renewals = Array.from({ length: 50 }, (_, i) => iss([`s${i}.example.jp`], 1));
    assert.deepEqual(run([...earlier, ...renewals]), []);
  });
  it("another CA's certificates do not count toward Let's Encrypt's limits", () => {
    assert.deepEqual(run([1, 2, 3, 4, 5].map((d) => iss(['example.jp'], d, 'DigiCert Inc'))), []);
    assert.deepEqual(run(Array.from({ length: 60 }, (_, i) => iss([`s${i}.example.jp`], 1, 'DigiCert Inc'))), []);
  });
  it("a host that does not renew with Let's Encrypt is not judged by its limits", () => {
    const list = [1, 2, 3, 4, 5].map((d) => iss(['example.jp'], d));
    assert.deepEqual(
      codes(
        checkRateLimit(
          ctx({
            a: ['210.152.1.10'],
            patch: {
              ct: { ok: true, issuances: list },
              certificate: {
                issuer: 'GeoTrust TLS RSA CA G1',
                issuerOrg: 'DigiCert Inc',
                subject: '',
                names: ['example.jp'],
                notBefore: list[0].notBefore,
                notAfter: list[0].notAfter,
                source: 'ct',
              },
            },
          }),
        ),
      ),
      [],
    );
  });
});

describe('host-unknown', () => {
  it('only when nothing is recognised and the name resolves', () => {
    assert.deepEqual(codes(checkHostUnknown(ctx({ a: ['210.152.1.10'] }))), ['HOST_UNKNOWN:info']);
    assert.deepEqual(codes(checkHostUnknown(ctx(XSERVER))), []);
    assert.deepEqual(codes(checkHostUnknown(ctx({}))), []);
  });
});
