// One check of one host: every lookup that does not depend on an earlier answer starts at once (the
// critical path is A/AAAA → PTR: two round trips), then each check reads the gathered evidence.
import { checkAddressElsewhere } from '../checks/address-elsewhere';
import { checkAddresses } from '../checks/addresses';
import { checkCaa, relevantCaa } from '../checks/caa';
import { checkCaStatus } from '../checks/ca-status';
import { checkCdnProxy } from '../checks/cdn-proxy';
import { checkCertificate } from '../checks/certificate';
import { checkAri } from '../checks/ari';
import { checkChallenge } from '../checks/challenge';
import { checkCertOverMaxLifetime } from '../checks/cert-over-max-lifetime';
import { checkCertRenewedNotServed } from '../checks/cert-renewed-not-served';
import { checkManualRenewal } from '../checks/manual-renewal';
import { checkDnsValidation } from '../checks/dns-validation';
import { ARI_DIRECTORIES, fetchRenewalInfo, type AriCache, type AriResult } from '../certificates/ari';
import { caaDomainsForIssuer } from '../certificates/ca-domains';
import { checkDnsHealth } from '../checks/dns-health';
import { checkDomainRegistration } from '../checks/domain-registration';
import { checkHostUnknown } from '../checks/host-unknown';
import { checkIpv6Mismatch } from '../checks/ipv6-mismatch';
import { checkNameservers } from '../checks/nameservers';
import { checkRateLimit } from '../checks/rate-limit';
import { detectProvider } from '../providers/detect-provider';
import type { DnsAnswer, DohResolver } from '../dns/resolver';
import { reverseName } from '../dns/wire';
import type { CheckContext, Evidence } from './evidence';
import { expandIpv6 } from '../network/ip';
import { certificateNameCovers, namesUpTo, parseTarget } from '../network/names';
import type { CertificateReader, Clock, HttpClient, ProbeOutcome, ServedCertificate, SiteProbe } from '../network/net';
import { fetchCaStatus, type CaStatusResult } from '../sources/ca-status';
import { challengeUrl, probeChallenge, randomToken } from '../sources/challenge-probe';
import { fetchIssuances, type CtEndpoint, type CtQuota, type CtResult } from '../sources/ct';
import { fetchRdap, type RdapResult, type WhoisLookup } from '../sources/rdap';
import { certificateFromServed, type DerParser } from '../certificates/served-certificate';
import { decideRenewer, renewalSummary, type Renewer } from './renewer';
import { sortFindings, verdictOf } from './verdict';
import type { CertificateInfo, DnsSummary, Finding, Report, SourceNote, Tier } from './types';

export interface DiagnoseConfig {
  resolver: DohResolver;
  /** For CT, RDAP and the CA status page. */
  http: HttpClient;
  clock: Clock;
  tier: Tier;
  /** Requests toward the site itself (challenge path, front-page headers): full tier only. */
  probe?: SiteProbe;
  /** Reads the served certificate over TLS (CLI). */
  readCertificate?: CertificateReader;
  /** Parses DER for certificate names (CLI); the browser relies on its own fields instead. */
  parseDer?: DerParser;
  /** Use a certificate read over TLS even when its chain does not validate (CLI --insecure). */
  acceptUntrusted?: boolean;
  /** The certificate the browser already saw on this connection (Firefox). */
  servedCertificate?: ServedCertificate | null;
  /** The browser refused the main frame's certificate (Chrome net::ERR_CERT_*, Firefox SEC_ERROR_*): its error code. */
  servedCertificateError?: string | null;
  /** Front-page response headers the browser already saw (free host evidence behind CDNs). */
  pageHeaders?: Record<string, string> | null;
  ct?: CtEndpoint[];
  /** Ask the CA through ARI (full tier): `directory` overrides the issuer's own ACME directory. */
  ari?: { directory?: string; cache?: AriCache };
  /** Cert Spotter's Retry-After, shared by every check of this browser or CLI run. */
  ctQuota?: CtQuota;
  rdapBase?: string;
  /** The registry's WHOIS for TLDs without RDAP (.jp): the CLI's port-43 client. */
  whois?: WhoisLookup;
  caStatusUrl?: string;
  timeoutMs?: number;
  providerOverride?: string | null;
  random?: () => number;
  /** Automatic tier: at most this many PTR lookups (keeps a new host within 10 DoH queries). */
  maxPtr?: number;
  /** Called with a partial report once the DNS evidence is in (progressive popup). */
  onUpdate?: (partial: Report) => void;
}

export class InvalidTargetError extends Error {}

const CHECKS: ((c: CheckContext) => Finding[])[] = [
  checkDnsHealth,
  checkDomainRegistration,
  checkAddresses,
  checkCdnProxy,
  checkNameservers,
  checkAddressElsewhere,
  checkIpv6Mismatch,
  checkCaa,
  checkChallenge,
  checkCaStatus,
  checkCertificate,
  checkRateLimit,
  checkHostUnknown,
  checkAri,
  checkManualRenewal,
  checkCertOverMaxLifetime,
  checkCertRenewedNotServed,
  checkDnsValidation,
];

/**
 * The report for a check that could not finish (deadline, network gone): verdict unknown, never ok, with the
 * reason as the DNS note and the finding the popup shows.
 */
export function checkFailedReport(host: string, tier: Report['tier'], reason: string, checkedAtMs: number): Report {
  return {
    host,
    registrableDomain: null,
    checkedAt: new Date(checkedAtMs).toISOString(),
    tier,
    verdict: 'unknown',
    provider: null,
    cdn: null,
    certificate: null,
    notes: [{ source: 'dns', status: 'failed', reason }],
    dns: null,
    renewalPoint: null,
    findings: [
      {
        code: 'DNS_LOOKUP_FAILED',
        severity: 'unknown',
        message: { key: 'finding_dns_lookup_failed', params: { reason } },
      },
    ],
  };
}

export async function diagnose(target: string, cfg: DiagnoseConfig): Promise<Report> {
  const parsed = parseTarget(target);
  const checkedAt = new Date(cfg.clock.now()).toISOString();
  if (!parsed.ok) {
    if ('invalid' in parsed) throw new InvalidTargetError(parsed.invalid);
    return {
      host: target.trim().toLowerCase(),
      registrableDomain: null,
      checkedAt,
      tier: cfg.tier,
      verdict: 'not-applicable',
      provider: null,
      cdn: null,
      certificate: null,
      findings: [],
      notes: [],
      dns: null,
      renewalPoint: null,
      notApplicable: parsed.notApplicable,
    };
  }
  const { host, registrableDomain } = parsed;
  const full = cfg.tier === 'full';
  const timeoutMs = cfg.timeoutMs ?? 5000;
  const q = (name: string, type: Parameters<DohResolver['query']>[1]) => cfg.resolver.query(name, type);
  const names = namesUpTo(host, registrableDomain);
  const settle = <T>(p: Promise<T>, reason: (e: unknown) => T) => p.catch(reason);
  const errText = (e: unknown) => (e instanceof Error ? e.message : String(e));

  // Everything below starts now, in parallel.
  const nsP = Promise.all(names.map((n) => q(n, 'NS')));
  const caaP = Promise.all(names.map((n) => q(n, 'CAA')));
  const aP = q(host, 'A');
  const aaaaP = q(host, 'AAAA');
  const mxP = q(registrableDomain, 'MX');
  const txtP = q(registrableDomain, 'TXT');
  const ptrP = Promise.all([aP, aaaaP]).then(async ([a, aaaa]) => {
    const addrs = [...a.records, ...aaaa.records].map((r) => r.value);
    const wanted = full ? addrs : addrs.slice(0, cfg.maxPtr ?? 2);
    const answers = await Promise.all(
      wanted.map((addr) => q(reverseName(addr, addr.includes(':') ? expandIpv6(addr) : undefined), 'PTR')),
    );
    return Object.fromEntries(wanted.map((addr, i) => [addr, answers[i]])) as Record<string, DnsAnswer>;
  });
  const probe = full ? cfg.probe : undefined;
  const token = randomToken(cfg.random ?? Math.random);
  const challengeP: Promise<ProbeOutcome | null> = probe
    ? settle(probeChallenge(probe, challengeUrl(host, token), timeoutMs), (e) => ({
        kind: 'error',
        hops: [],
        url: challengeUrl(host, '…'),
        reason: errText(e),
      }))
    : Promise.resolve(null);
  // A browser that upgraded the probe to https by itself (HSTS) never contacted port 80. HSTS does not apply to
  // an IP literal, so port 80 is asked at the site's address instead: that tests the port, not the path by name.
  const upgradedP: Promise<Evidence['challengeUpgraded']> = challengeP.then(async (out) => {
    const internal = out?.hops[0]?.internal;
    if (!probe || !out || !internal) return null;
    const [a, aaaa] = await Promise.all([aP, aaaaP]);
    const address = a.records[0]?.value ?? aaaa.records[0]?.value;
    if (!address) return { reason: internal };
    const url = `http://${address.includes(':') ? `[${address}]` : address}/.well-known/acme-challenge/${token}`;
    const outcome = await settle(
      probe.request(url, timeoutMs),
      (e): ProbeOutcome => ({ kind: 'error', hops: [], url, reason: errText(e) }),
    );
    return { reason: internal, address, outcome };
  });
  const headersP: Promise<Evidence['headers']> = cfg.pageHeaders
    ? Promise.resolve({ status: 200, headers: cfg.pageHeaders })
    : probe
      ? settle(
          probe.request(`https://${host}/`, timeoutMs).then((o) => {
            const last = o.hops[o.hops.length - 1];
            return last
              ? { status: last.status, headers: last.headers ?? {} }
              : { error: o.kind === 'response' ? 'no response' : o.reason };
          }),
          (e) => ({ error: errText(e) }),
        )
      : Promise.resolve(null);
  const certP: Promise<{ cert: ServedCertificate | null; error: string | null }> =
    cfg.servedCertificate !== undefined
      ? Promise.resolve({ cert: cfg.servedCertificate, error: null })
      : full && cfg.readCertificate
        ? settle(
            cfg.readCertificate(host, timeoutMs).then((cert) => ({ cert, error: null })),
            (e) => ({ cert: null, error: errText(e) }),
          )
        : Promise.resolve({ cert: null, error: null });
  const ctP: Promise<CtResult | null> =
    full && cfg.ct?.length
      ? fetchIssuances(cfg.http, cfg.ct, host, timeoutMs, { quota: cfg.ctQuota, now: cfg.clock.now() })
      : Promise.resolve(null);
  const rdapP: Promise<RdapResult | null> =
    full && cfg.rdapBase
      ? fetchRdap(cfg.http, cfg.rdapBase, registrableDomain, timeoutMs).then(async (r) => {
          // .jp and its second levels publish no RDAP: the CLI reads JPRS WHOIS; a browser cannot open port 43.
          if (r.ok || r.kind !== 'no-rdap' || !registrableDomain.endsWith('.jp')) return r;
          if (!cfg.whois) return { ...r, text: { key: 'note_rdap_jp' } } as RdapResult;
          return cfg.whois(registrableDomain, timeoutMs).catch(
            (e): RdapResult => ({
              ok: false,
              kind: 'error',
              reason: `WHOIS: ${errText(e)}`,
              text: { key: 'note_whois_failed', params: { reason: errText(e) } },
            }),
          );
        })
      : Promise.resolve(null);
  const caP: Promise<CaStatusResult | null> =
    full && cfg.caStatusUrl ? fetchCaStatus(cfg.http, cfg.caStatusUrl, timeoutMs) : Promise.resolve(null);
  // DNS validation as public DNS shows it (full tier only: the automatic tier keeps within its 10 queries).
  const acmeP: Promise<DnsAnswer | null> = full ? q(`_acme-challenge.${host}`, 'TXT') : Promise.resolve(null);
  const persistP: Promise<DnsAnswer | null> = full ? q(`_validation-persist.${host}`, 'TXT') : Promise.resolve(null);

  const [nsList, caaList, a, aaaa, mx, txt, ptr] = await Promise.all([nsP, caaP, aP, aaaaP, mxP, txtP, ptrP]);
  const dnsPart = { nsList, caaList, a, aaaa, mx, txt, ptr };
  const base = { host, registrableDomain, names, checkedAt, cfg };
  if (cfg.onUpdate && full) {
    cfg.onUpdate(
      build(
        base,
        dnsPart,
        {
          headers: cfg.pageHeaders ? { status: 200, headers: cfg.pageHeaders } : null,
          challenge: null,
          cert: { cert: cfg.servedCertificate ?? null, error: null },
          ct: null,
          rdap: null,
          ca: null,
        },
        true,
      ),
    );
  }
  const [headers, challenge, upgraded, cert, ct, rdap, ca, acmeChallenge, validationPersist] = await Promise.all([
    headersP,
    challengeP,
    upgradedP,
    certP,
    ctP,
    rdapP,
    caP,
    acmeP,
    persistP,
  ]);
  const ari = full && cfg.ari ? await askCa(cfg, host, cert.cert, ct, timeoutMs) : null;
  return build(
    base,
    dnsPart,
    { headers, challenge, upgraded, cert, ct, rdap, ca, ari, acmeChallenge, validationPersist },
    false,
  );
}

interface DnsPart {
  nsList: DnsAnswer[];
  caaList: DnsAnswer[];
  a: DnsAnswer;
  aaaa: DnsAnswer;
  mx: DnsAnswer;
  txt: DnsAnswer;
  ptr: Record<string, DnsAnswer>;
}
interface SitePart {
  headers: Evidence['headers'];
  challenge: ProbeOutcome | null;
  upgraded?: Evidence['challengeUpgraded'];
  cert: { cert: ServedCertificate | null; error: string | null };
  ct: CtResult | null;
  rdap: RdapResult | null;
  ca: CaStatusResult | null;
  ari?: AriResult | { skipped: string } | null;
  acmeChallenge?: DnsAnswer | null;
  validationPersist?: DnsAnswer | null;
}

function build(
  base: { host: string; registrableDomain: string; names: string[]; checkedAt: string; cfg: DiagnoseConfig },
  d: DnsPart,
  s: SitePart,
  partial: boolean,
): Report {
  const { host, registrableDomain, names, checkedAt, cfg } = base;
  const now = cfg.clock.now();
  const ns = Object.fromEntries(names.map((n, i) => [n, d.nsList[i]]));
  const caa = Object.fromEntries(names.map((n, i) => [n, d.caaList[i]]));
  const apexAnswer = d.nsList.find((x) => x.status === 'ok' && x.records.length > 0 && x.cnames.length === 0);
  const soa = d.nsList.map((x) => x.soa).find(Boolean);
  const zoneApex = apexAnswer?.name ?? soa?.name ?? null;
  const nameservers = apexAnswer ? apexAnswer.records.map((r) => r.value).sort() : [];
  const spf = d.txt.records.map((r) => r.value).find((v) => /^v=spf1\b/i.test(v)) ?? null;
  const addresses = [...d.a.records, ...d.aaaa.records].map((r) => ({
    address: r.value,
    ptr: d.ptr[r.value]?.records[0]?.value,
  }));
  const headerMap = s.headers && 'headers' in s.headers ? s.headers.headers : null;

  const detection = detectProvider({
    nameservers,
    soa: soa?.soa ? { mname: soa.soa.mname, rname: soa.soa.rname } : null,
    addresses,
    cnames: [...d.a.cnames, ...d.aaaa.cnames].filter((c, i, all) => all.indexOf(c) === i),
    headers: headerMap,
    mx: d.mx.records.map((r) => r.value.split(' ')[1] ?? r.value),
    spf,
    override: cfg.providerOverride ?? null,
  });

  let certificate: CertificateInfo | null = s.cert.cert ? certificateFromServed(s.cert.cert, cfg.parseDer) : null;
  // --insecure: any chain is accepted; the certificate is still read and reported, without CERT_UNTRUSTED.
  if (certificate?.untrusted && cfg.acceptUntrusted) certificate = { ...certificate, untrusted: undefined };
  if (certificate?.source === 'connection' && !cfg.parseDer && s.ct?.ok) {
    // The browser gives the subject but not the SAN list: the same certificate in CT (same validity) has it.
    const c = certificate;
    const same = s.ct.issuances.find(
      (i) =>
        Math.abs(Date.parse(i.notBefore) - Date.parse(c.notBefore)) < 2000 &&
        Math.abs(Date.parse(i.notAfter) - Date.parse(c.notAfter)) < 2000,
    );
    if (same) certificate = { ...c, names: same.names };
  }
  if (!certificate && s.ct?.ok) {
    const newest = s.ct.issuances
      .filter(
        (i) => !i.revoked && Date.parse(i.notBefore) <= now && i.names.some((n) => certificateNameCovers(n, host)),
      )
      .sort((x, y) => Date.parse(y.notBefore) - Date.parse(x.notBefore))[0];
    if (newest) {
      certificate = {
        issuer: newest.issuer,
        issuerOrg: newest.issuerOrg,
        subject: '',
        names: newest.names,
        notBefore: newest.notBefore,
        notAfter: newest.notAfter,
        source: 'ct',
      };
    }
  }

  // Behind a CDN two certificates matter (docs/design.md "Which certificate"): the edge one visitors get, renewed
  // by the CDN, and the origin host's own — in CT, from the host's CA, for the site's names — which is what
  // the host fails to renew, and what makes visitors see the CDN's origin error once it expires.
  const originProvider = detection.origin?.provider;
  let originCertificate: CertificateInfo | null = null;
  if (detection.cdn && originProvider && originProvider.id !== detection.cdn.provider.id && s.ct?.ok) {
    const hostCas = new Set(originProvider.renewal.caaDomains);
    const isEdge = (i: { notBefore: string; notAfter: string }) =>
      certificate !== null && i.notBefore === certificate.notBefore && i.notAfter === certificate.notAfter;
    const own = s.ct.issuances
      .filter(
        (i) =>
          !i.revoked &&
          Date.parse(i.notBefore) <= now &&
          !isEdge(i) &&
          i.names.some((n) => certificateNameCovers(n, host)) &&
          caaDomainsForIssuer(i.issuerOrg, i.issuer).some((d) => hostCas.has(d)),
      )
      .sort((x, y) => Date.parse(y.notBefore) - Date.parse(x.notBefore))[0];
    if (own)
      originCertificate = {
        issuer: own.issuer,
        issuerOrg: own.issuerOrg,
        subject: '',
        names: own.names,
        notBefore: own.notBefore,
        notAfter: own.notAfter,
        source: 'ct',
      };
  }

  const ev: Evidence = {
    host,
    registrableDomain,
    tier: cfg.tier,
    now,
    ns,
    zoneApex,
    nameservers,
    a: d.a,
    aaaa: d.aaaa,
    ptr: d.ptr,
    caa,
    mx: d.mx,
    txt: d.txt,
    headers: s.headers,
    challenge: s.challenge,
    challengeUpgraded: s.upgraded ?? null,
    certificate,
    originCertificate,
    certificateError: s.cert.error,
    browserCertificateError: cfg.servedCertificateError ?? null,
    ct: s.ct,
    rdap: s.rdap,
    caStatus: s.ca,
    ari: s.ari && 'ok' in s.ari ? s.ari : null,
    detection,
    acmeChallenge: s.acmeChallenge ?? null,
    validationPersist: s.validationPersist ?? null,
  };
  const origin = detection.origin?.provider ?? null;
  const cdn = detection.cdn?.provider ?? null;
  const renewer = decideRenewer(ev, origin, cdn);
  const ctx: CheckContext = { ev, origin, cdn, renewer };
  const findings = sortFindings(
    hedgeOnLikelyHost(
      CHECKS.flatMap((check) => check(ctx)),
      detection.origin,
      renewer,
    ),
  );

  const notes: SourceNote[] = [];
  const dnsFailed = [d.a, d.aaaa, ...d.nsList].find((x) => x.status === 'error');
  notes.push(
    dnsFailed ? { source: 'dns', status: 'failed', reason: dnsFailed.error } : { source: 'dns', status: 'ok' },
  );
  if (cfg.tier === 'full' && !partial) {
    const note = (source: SourceNote['source'], r: { ok: boolean; reason?: string } | null, missing: string) =>
      notes.push(
        r === null
          ? { source, status: 'skipped', reason: missing }
          : r.ok
            ? { source, status: 'ok' }
            : { source, status: 'failed', reason: r.reason },
      );
    if (s.ct && !s.ct.ok && s.ct.retryAt) {
      notes.push({
        source: 'ct',
        status: 'skipped',
        reason: s.ct.reason,
        text: { key: 'note_ct_quota', params: { time: localTime(s.ct.retryAt) } },
      });
    } else if (s.ct?.ok && s.ct.truncated) {
      notes.push({
        source: 'ct',
        status: 'ok',
        reason: `more than ${s.ct.pages} pages: the newest certificates may be missing`,
        text: { key: 'note_ct_truncated', params: { pages: s.ct.pages ?? 0 } },
      });
    } else note('ct', s.ct, 'no Certificate Transparency source configured');
    if (s.rdap && !s.rdap.ok)
      notes.push({
        source: 'rdap',
        status: s.rdap.kind === 'error' ? 'failed' : 'skipped',
        reason: s.rdap.reason,
        ...(s.rdap.text ? { text: s.rdap.text } : {}),
      });
    else if (s.rdap?.ok && s.rdap.source === 'whois')
      notes.push({ source: 'rdap', status: 'ok', text: { key: 'note_whois_used' } });
    else note('rdap', s.rdap, 'no RDAP server configured');
    note('ca-status', s.ca, 'no CA status URL configured');
    if (s.ari && 'skipped' in s.ari) notes.push({ source: 'ari', status: 'skipped', reason: s.ari.skipped });
    else if (s.ari && !s.ari.ok) notes.push({ source: 'ari', status: 'failed', reason: s.ari.reason });
    const closed =
      s.upgraded?.outcome && (s.upgraded.outcome.kind === 'refused' || s.upgraded.outcome.kind === 'timeout');
    if (s.upgraded && closed)
      notes.push({ source: 'challenge', status: 'ok' }); // port 80 tested at the address: CHALLENGE_UNREACHABLE says it
    else if (s.upgraded) {
      const u = s.upgraded;
      const answered = u.outcome?.kind === 'response';
      notes.push({
        source: 'challenge',
        status: 'skipped',
        reason: 'the browser upgraded http:// to https:// by itself (HSTS): port 80 not tested by name',
        text: {
          key: answered ? 'note_challenge_hsts_address_ok' : 'note_challenge_hsts',
          params: { name: host, address: u.address ?? '' },
        },
      });
    } else if (s.challenge)
      notes.push(
        s.challenge.kind === 'error' && s.challenge.hops.length === 0
          ? { source: 'challenge', status: 'failed', reason: s.challenge.reason }
          : { source: 'challenge', status: 'ok' },
      );
    else notes.push({ source: 'challenge', status: 'skipped', reason: 'no site probe in this environment' });
    if (s.headers && 'error' in s.headers) notes.push({ source: 'headers', status: 'failed', reason: s.headers.error });
    if (s.cert.error) notes.push({ source: 'certificate', status: 'failed', reason: s.cert.error });
  }

  const caaSel = relevantCaa(ev);
  const caaSet = caaSel.kind === 'set' ? caaSel.set : null;
  const dns: DnsSummary = {
    zoneApex,
    nameservers: nameservers.map((n) => ({
      name: n,
      provider: detection.nameserverOwner[n]?.names.en,
      providerId: detection.nameserverOwner[n]?.id,
    })),
    cnameChain: d.a.cnames,
    addresses: [
      ...d.a.records.map((r) => ({ r, family: 4 as const })),
      ...d.aaaa.records.map((r) => ({ r, family: 6 as const })),
    ].map(({ r, family }) => ({
      address: r.value,
      family,
      ptr: d.ptr[r.value]?.records[0]?.value,
      provider: detection.addressOwner[r.value]?.names.en,
    })),
    caa: caaSet
      ? { owner: caaSet.owner, records: caaSet.records.map((r) => `${r.flags} ${r.tag} "${r.value}"`) }
      : null,
    mx: d.mx.records.map((r) => r.value),
    spf,
  };

  const ref = (p: { id: string; names: { en: string; ja: string } }) => ({
    id: p.id,
    name: p.names.en,
    nameJa: p.names.ja,
  });
  return {
    host,
    registrableDomain,
    checkedAt,
    tier: cfg.tier,
    verdict: verdictOf(findings),
    provider: detection.origin
      ? {
          ...ref(detection.origin.provider),
          ...(detection.origin.brand
            ? {
                name: `${detection.origin.brand} (${detection.origin.provider.names.en})`,
                nameJa: `${detection.origin.brand}(${detection.origin.provider.names.ja})`,
              }
            : {}),
          evidence: detection.origin.evidence,
          chosenByUser: detection.origin.chosenByUser,
          confidence: detection.origin.confidence,
          others: detection.others.map((c) => ref(c.provider)),
        }
      : null,
    cdn: detection.cdn ? { ...ref(detection.cdn.provider), evidence: detection.cdn.evidence } : null,
    certificate,
    originCertificate,
    findings,
    notes,
    dns,
    // The renewal that is judged: the renewer's point for its certificate (the origin host's behind a CDN).
    renewalPoint: renewer.point !== null ? new Date(renewer.point).toISOString() : null,
    renewal: renewalSummary(renewer),
    ari: ev.ari?.ok
      ? {
          certId: ev.ari.certId,
          start: new Date(ev.ari.window.start).toISOString(),
          end: new Date(ev.ari.window.end).toISOString(),
          ...(ev.ari.window.explanationUrl ? { explanationUrl: ev.ari.window.explanationUrl } : {}),
        }
      : null,
  };
}

/** Findings whose severity is the identified host's renewal rule, not something seen on the site itself. */
const HOST_RULE_CODES = new Set([
  'PROXIED_BY_CDN',
  'NAMESERVERS_ELSEWHERE',
  'ADDRESS_ELSEWHERE',
  'IPV6_MISMATCH',
  'CAA_FORBIDS_CA',
]);

/**
 * With a likely host rather than a proven one (docs/design.md "Who is the host", "A red finding about a host's
 * renewal needs proof"): what that host's rule says would fail is a warning naming the likely host ("choose the
 * host if not"), never a red badge on a guess. Proof is the site served from the host (addresses, PTR, CNAME),
 * a live certificate for the name from the host's CA in CT, or the user's choice; NS, SOA, MX or SPF alone
 * name who runs the DNS or the mail.
 */
function hedgeOnLikelyHost(
  findings: Finding[],
  origin: ReturnType<typeof detectProvider>['origin'],
  renewer: Renewer,
): Finding[] {
  const unproven = renewer.by === 'host' && renewer.proof === null;
  if (!origin || (origin.confidence === 'high' && !unproven)) return findings;
  return findings.map((f) =>
    f.severity === 'fail' && HOST_RULE_CODES.has(f.code)
      ? {
          ...f,
          severity: 'warn',
          evidence: [
            ...(f.evidence ?? []),
            `likely host ${origin.provider.names.en} (not proven: choose the host if not)`,
          ],
        }
      : f,
  );
}

/** HH:MM in the runtime's own time zone (the user's, in the browser and the terminal). */
function localTime(ms: number): string {
  return new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(ms),
  );
}

/**
 * ARI needs the certificate's own bytes: from the connection (CLI), else the same certificate in CT (Cert
 * Spotter's `cert` expansion; a precertificate has the same serial and AKI). The directory is the issuer's own
 * production directory unless overridden; CAs without ARI are skipped with a note.
 */
async function askCa(
  cfg: DiagnoseConfig,
  host: string,
  served: ServedCertificate | null,
  ct: CtResult | null,
  timeoutMs: number,
): Promise<AriResult | { skipped: string } | null> {
  const now = cfg.clock.now();
  let der: Uint8Array | null = served?.rawDER
    ? served.rawDER instanceof Uint8Array
      ? served.rawDER
      : Uint8Array.from(served.rawDER)
    : null;
  let issuer = served ? served.issuer : '';
  if (ct?.ok) {
    const candidates = ct.issuances.filter(
      (i) =>
        i.der && !i.revoked && Date.parse(i.notBefore) <= now && i.names.some((n) => certificateNameCovers(n, host)),
    );
    const same = served
      ? candidates.find((i) => Math.abs(Date.parse(i.notBefore) - served.validity.start) < 2000)
      : undefined;
    const pick =
      same ?? (served ? undefined : candidates.sort((a, b) => Date.parse(b.notBefore) - Date.parse(a.notBefore))[0]);
    if (!der && pick?.der) der = pick.der;
    if (!issuer && pick) issuer = `${pick.issuerOrg ? `O=${pick.issuerOrg}, ` : ''}CN=${pick.issuer}`;
  }
  if (!der) return { skipped: 'no certificate bytes to identify the certificate to its CA' };
  const directory =
    cfg.ari?.directory ??
    caaDomainsForIssuer(undefined, issuer)
      .map((d) => ARI_DIRECTORIES[d])
      .find(Boolean);
  if (!directory) return { skipped: "the certificate's CA publishes no renewal information (ARI)" };
  return fetchRenewalInfo(cfg.http, directory, der, timeoutMs, now, cfg.ari?.cache);
}
