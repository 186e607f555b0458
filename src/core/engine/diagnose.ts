// One check of one host: every lookup that does not depend on an earlier answer starts at once (the
// critical path is A/AAAA → PTR: two round trips), then each check reads the gathered evidence.
import { relevantCaa } from '../checks/caa';
import { CHECKS, LIKELY_HOST_RULE_CODES } from '../checks';
import { ARI_DIRECTORIES, fetchRenewalInfo, type AriCache, type AriResult } from '../certificates/ari';
import { caaDomainsForIssuer } from '../certificates/ca-domains';
import { detectProvider, publishedRangeOf, type Detection } from '../providers/detect-provider';
import type { DnsAnswer, DohResolver } from '../dns/resolver';
import { reverseName } from '../dns/wire';
import type { CheckContext, Evidence } from './evidence';
import { expandIpv6 } from '../network/ip';
import { namesUpTo, parseTarget, withoutCredentials } from '../network/names';
import type { CertificateReader, Clock, HttpClient, ProbeOutcome, ServedCertificate, SiteProbe } from '../network/net';
import { fetchCaStatus, type CaStatusResult } from '../sources/ca-status';
import { challengeUrl, probeChallenge, randomToken, redirectTargetsInDomain } from '../sources/challenge-probe';
import {
  fetchHistory,
  fetchIssuances,
  type CtEndpoint,
  type CtQuota,
  type CtResult,
  type HistoryResult,
} from '../sources/ct';
import { fetchRdap, type RdapResult, type WhoisLookup } from '../sources/rdap';
import type { DerParser } from '../certificates/served-certificate';
import { chooseCertificates, coversNow, newestCovering, sameValidity } from './certificate-choice';
import { dnsSummary, zoneFacts, type ZoneFacts } from './dns-summary';
import type { DnsPart, SitePart } from './gathered';
import { reportProviders } from './provider-ref';
import { dnsNote, siteNotes } from './source-notes';
import { decideRenewer, renewalSummary, type Renewer } from './renewer';
import { sortFindings, verdictOf } from './verdict';
import { DEADLINE_REASON, Deadline } from './deadline';
import type { CertificateInfo, Finding, Report, SourceName, SourceNote, Tier } from './types';

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
  /** Each request's timeout (the site, APIs); 5000 by default. */
  timeoutMs?: number;
  /** One deadline for the whole check, in ms (the CLI's --timeout): see deadline.ts for each source's share. */
  budgetMs?: number;
  providerOverride?: string | null;
  random?: () => number;
  /** Automatic tier: at most this many PTR lookups (keeps a new host within 10 DoH queries). */
  maxPtr?: number;
  /** Called with a partial report once the DNS evidence is in (progressive popup). */
  onUpdate?: (partial: Report) => void;
}

export class InvalidTargetError extends Error {}

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
  if (!cfg.budgetMs) return diagnoseWithin(target, cfg, null);
  const deadline = new Deadline(cfg.budgetMs);
  try {
    return await diagnoseWithin(target, cfg, deadline);
  } finally {
    deadline.done();
  }
}

async function diagnoseWithin(target: string, cfg: DiagnoseConfig, deadline: Deadline | null): Promise<Report> {
  const parsed = parseTarget(target);
  const checkedAt = new Date(cfg.clock.now()).toISOString();
  if (!parsed.ok) {
    if ('invalid' in parsed) throw new InvalidTargetError(parsed.invalid);
    return {
      // Said back as given, without any credentials in it (ftp://user:pw@host is not applicable, and not echoed).
      host: withoutCredentials(target).trim().toLowerCase(),
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
  // With a deadline every door is cut at its share (deadline.ts); without one, each request has its own timeout.
  const siteEnd = deadline?.siteEnd ?? 0;
  const httpFor = (source: SourceName, end: number) => (deadline ? deadline.http(cfg.http, source, end) : cfg.http);
  const within = <T>(p: Promise<T>, source: SourceName, late: () => T) =>
    deadline ? deadline.race(p, source, late) : p;
  const q: Ask = (name, type, urgent) =>
    within(cfg.resolver.query(name, type, { urgent }), 'dns', () => ({
      name,
      type,
      status: 'error',
      records: [],
      cnames: [],
      error: DEADLINE_REASON,
      deadline: true,
    }));
  const names = namesUpTo(host, registrableDomain);
  const settle = <T>(p: Promise<T>, reason: (e: unknown) => T) => p.catch(reason);
  const errText = (e: unknown) => (e instanceof Error ? e.message : String(e));

  // Everything below starts now, in parallel.
  const dns = askDns(q, host, registrableDomain, names, full ? null : (cfg.maxPtr ?? 2));
  const { aP, aaaaP, nsP, caaP, mxP, txtP } = dns;
  const probe = full ? cfg.probe : undefined;
  const challengeProbe = probe && deadline ? deadline.probe(probe, 'challenge', siteEnd) : probe;
  const headersProbe = probe && deadline ? deadline.probe(probe, 'headers', siteEnd) : probe;
  const token = randomToken(cfg.random ?? Math.random);
  const challengeP: Promise<ProbeOutcome | null> = challengeProbe
    ? // Cut by the deadline (here or at any hop): not a verdict on port 80, so no CHALLENGE_* finding.
      within<ProbeOutcome | null>(
        settle(
          probeChallenge(challengeProbe, challengeUrl(host, token), timeoutMs),
          (e): ProbeOutcome => ({ kind: 'error', hops: [], url: challengeUrl(host, '…'), reason: errText(e) }),
        ),
        'challenge',
        () => null,
      ).then((out) => (deadline?.cut.has('challenge') ? null : out))
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
      challengeProbe!.request(url, timeoutMs),
      (e): ProbeOutcome => ({ kind: 'error', hops: [], url, reason: errText(e) }),
    );
    return { reason: internal, address, outcome };
  });
  // Where a redirect of the challenge path lands inside the domain (apex → www): that name's addresses and
  // their PTR, to judge whether the same server serves it (only when the probe saw such a redirect).
  const targetsP: Promise<Evidence['challengeTargets']> = challengeP.then(async (out) => {
    const targets = out ? redirectTargetsInDomain(out.hops, host, registrableDomain) : [];
    if (targets.length === 0) return undefined;
    const looked = await Promise.all(
      targets.map(async (name) => {
        const [ta, taaaa] = await Promise.all([q(name, 'A'), q(name, 'AAAA')]);
        const addrs = [...ta.records, ...taaaa.records].map((r) => r.value).slice(0, 4);
        const ptrs = await Promise.all(
          addrs.map((addr) => q(reverseName(addr, addr.includes(':') ? expandIpv6(addr) : undefined), 'PTR')),
        );
        return [name, { a: ta, aaaa: taaaa, ptr: Object.fromEntries(addrs.map((x, i) => [x, ptrs[i]])) }] as const;
      }),
    );
    return Object.fromEntries(looked);
  });
  const headersP: Promise<Evidence['headers']> = cfg.pageHeaders
    ? Promise.resolve({ status: 200, headers: cfg.pageHeaders })
    : headersProbe
      ? settle(
          headersProbe.request(`https://${host}/`, timeoutMs).then((o) => {
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
        ? within(
            settle(
              (deadline ? deadline.certificateReader(cfg.readCertificate, siteEnd) : cfg.readCertificate)(
                host,
                timeoutMs,
              ).then((cert) => ({ cert, error: null })),
              (e) => ({ cert: null, error: errText(e) }),
            ),
            'certificate',
            () => ({ cert: null, error: DEADLINE_REASON }),
          )
        : Promise.resolve({ cert: null, error: null });
  const ctP: Promise<CtResult | null> =
    full && cfg.ct?.length
      ? within(
          fetchIssuances(httpFor('ct', siteEnd), cfg.ct, host, timeoutMs, { quota: cfg.ctQuota, now: cfg.clock.now() }),
          'ct',
          () => ({ ok: false, reason: DEADLINE_REASON }),
        )
      : Promise.resolve(null);
  const rdapP: Promise<RdapResult | null> =
    full && cfg.rdapBase
      ? fetchRdap(httpFor('rdap', siteEnd), cfg.rdapBase, registrableDomain, timeoutMs).then(async (r) => {
          // .jp and its second levels publish no RDAP: the CLI reads JPRS WHOIS; a browser cannot open port 43.
          if (r.ok || r.kind !== 'no-rdap' || !registrableDomain.endsWith('.jp')) return r;
          if (!cfg.whois) return { ...r, text: { key: 'note_rdap_jp' } } as RdapResult;
          // WHOIS waits for RDAP's answer: its share runs to the end of the budget.
          const left = deadline ? deadline.end - Date.now() : timeoutMs;
          if (left <= 0) return { ok: false, kind: 'error', reason: DEADLINE_REASON } as RdapResult;
          return cfg.whois(registrableDomain, Math.min(timeoutMs, left)).catch(
            (e): RdapResult => ({
              ok: false,
              kind: 'error',
              reason: `WHOIS: ${errText(e)}`,
              text: { key: 'note_whois_failed', params: { reason: errText(e) } },
            }),
          );
        })
      : Promise.resolve(null);
  const rdapWithin = within(rdapP, 'rdap', (): RdapResult => ({ ok: false, kind: 'error', reason: DEADLINE_REASON }));
  const caP: Promise<CaStatusResult | null> =
    full && cfg.caStatusUrl
      ? within(
          fetchCaStatus(httpFor('ca-status', siteEnd), cfg.caStatusUrl, timeoutMs),
          'ca-status',
          () => ({ ok: false, reason: DEADLINE_REASON }) as CaStatusResult,
        )
      : Promise.resolve(null);
  // DNS validation as public DNS shows it (full tier only: the automatic tier keeps within its 10 queries).
  const acmeP: Promise<DnsAnswer | null> = full ? q(`_acme-challenge.${host}`, 'TXT') : Promise.resolve(null);
  const persistP: Promise<DnsAnswer | null> = full ? q(`_validation-persist.${host}`, 'TXT') : Promise.resolve(null);
  // CT history (RENEWAL_INTERVAL_TOO_LONG): crt.sh, when configured, for an automated renewer only. Who renews is
  // decided as soon as the zone's first answers, the certificate and the DNS validation records are in — not the
  // PTR names or the front page's headers, which only tell one automated renewer from another; CT only when it may
  // turn an unknown or bought-looking certificate into an automated one — so the request runs beside the PTR
  // lookups and the other sources instead of after them. docs/design.md "Two tiers of checking".
  const crtSh = full ? cfg.ct?.find((e) => e.kind === 'crtsh') : undefined;
  const historyP: Promise<HistoryResult | null> = crtSh
    ? Promise.all([nsP, caaP, aP, aaaaP, mxP, txtP, certP, acmeP, persistP])
        .then(async ([nsList, caaList, a, aaaa, mx, txt, cert, acmeChallenge, validationPersist]) => {
          const early = (ct: CtResult | null) =>
            judge(
              { host, registrableDomain, names, checkedAt, cfg },
              { nsList, caaList, a, aaaa, mx, txt, ptr: {} },
              {
                headers: cfg.pageHeaders ? { status: 200, headers: cfg.pageHeaders } : null,
                challenge: null,
                cert,
                ct,
                rdap: null,
                ca: null,
                acmeChallenge,
                validationPersist,
              },
            ).renewer.by;
          let by = early(null);
          if (!AUTOMATED.has(by) && by !== 'cdn') by = early(await ctP);
          if (!AUTOMATED.has(by)) return null;
          return within<HistoryResult>(
            fetchHistory(httpFor('ct-history', siteEnd), crtSh, host, timeoutMs, cfg.clock.now()),
            'ct-history',
            () => ({ ok: false, reason: DEADLINE_REASON }),
          );
        })
        .catch((e): HistoryResult => ({ ok: false, reason: errText(e) }))
    : Promise.resolve(null);

  // ARI (RFC 9773) as soon as the served certificate is in: its bytes and issuer are all askCa needs, and CT only
  // when the connection gave neither — asked after every other source, it added a round trip to each check (a
  // third of a fleet's time per host, issue #25).
  const ariP: Promise<AriResult | { skipped: string } | null> =
    full && cfg.ari
      ? certP.then(async ({ cert }) =>
          within(
            askCa(
              deadline ? { ...cfg, http: httpFor('ari', deadline.end) } : cfg,
              host,
              cert,
              cert?.rawDER && cert.issuer ? null : await ctP,
              timeoutMs,
            ),
            'ari',
            () => ({ skipped: DEADLINE_REASON }),
          ),
        )
      : Promise.resolve(null);

  const dnsPart = await dns.all;
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
  const [headers, challenge, upgraded, targets, cert, ct, rdap, ca, acmeChallenge, validationPersist, history] =
    await Promise.all([
      headersP,
      challengeP,
      upgradedP,
      settle(targetsP, () => undefined),
      certP,
      ctP,
      rdapWithin,
      caP,
      acmeP,
      persistP,
      historyP,
    ]);
  const ari = await ariP;
  const report = build(
    base,
    dnsPart,
    { headers, challenge, upgraded, targets, cert, ct, history, rdap, ca, ari, acmeChallenge, validationPersist },
    false,
  );
  return deadline ? withDeadlineNotes(report, deadline) : report;
}

type Ask = (name: string, type: Parameters<DohResolver['query']>[1], urgent?: boolean) => Promise<DnsAnswer>;

/**
 * The DNS questions every check asks, in the order that keeps its critical path at two round trips (docs/design.md
 * "Budgets"; issue #25): only the PTR names wait for an earlier answer, so A and AAAA go first — with six requests
 * in flight (the browser's limit) a host two labels under its registrable domain asks eight questions, and the
 * addresses must be among the first six — then NS and CAA of every name up to the registrable domain at once (the
 * climb to the parents is asked speculatively: the relevant CAA set is chosen once all are in, RFC 8659 §3), then
 * MX and TXT, which share the second round with the PTR names. Each family's PTR names are asked as soon as its
 * own answer is in, as urgent questions: a transport that limits requests in flight sends them before the
 * questions still waiting for a slot (MX and TXT queued behind six others would otherwise hold the PTR names back
 * by one more answer). The automatic tier's quota of PTR lookups (`maxPtr`, A's addresses first) makes AAAA's
 * wait for A's count. `maxPtr` null: every address. An address in a provider's published list has no PTR asked
 * (publishedRangeOf): for a site behind a CDN the critical path is one round trip.
 */
function askDns(q: Ask, host: string, registrableDomain: string, names: string[], maxPtr: number | null) {
  const aP = q(host, 'A');
  const aaaaP = q(host, 'AAAA');
  const nsP = Promise.all(names.map((n) => q(n, 'NS')));
  const caaP = Promise.all(names.map((n) => q(n, 'CAA')));
  const mxP = q(registrableDomain, 'MX');
  const txtP = q(registrableDomain, 'TXT');
  const ptrOf = (addrs: string[]) =>
    Promise.all(
      addrs.map(async (addr) => {
        const answer = await q(reverseName(addr, addr.includes(':') ? expandIpv6(addr) : undefined), 'PTR', true);
        return [addr, answer] as const;
      }),
    );
  // The addresses whose PTR name may tell who serves them: not those in a provider's published list.
  const values = (x: DnsAnswer) => x.records.map((r) => r.value).filter((addr) => !publishedRangeOf(addr));
  const aAddrs = aP.then(values);
  const aPtrP = aAddrs.then((a) => ptrOf(a.slice(0, maxPtr ?? undefined)));
  const aaaaPtrP =
    maxPtr === null
      ? aaaaP.then((aaaa) => ptrOf(values(aaaa)))
      : Promise.all([aAddrs, aaaaP]).then(([a, aaaa]) => ptrOf(values(aaaa).slice(0, Math.max(0, maxPtr - a.length))));
  const ptrP = Promise.all([aPtrP, aaaaPtrP]).then(
    ([fromA, fromAaaa]) => Object.fromEntries([...fromA, ...fromAaaa]) as Record<string, DnsAnswer>,
  );
  const all: Promise<DnsPart> = Promise.all([nsP, caaP, aP, aaaaP, mxP, txtP, ptrP]).then(
    ([nsList, caaList, a, aaaa, mx, txt, ptr]) => ({ nsList, caaList, a, aaaa, mx, txt, ptr }),
  );
  return { aP, aaaaP, nsP, caaP, mxP, txtP, all };
}

/**
 * The automatic tier's DNS questions for a host, asked ahead of its check and without making a report: the
 * browser starts them with the page's own request, and the check at the tab's commit finds every answer in
 * flight or in the resolver's cache (issue #25). A target that is not a checkable host asks nothing.
 */
export async function prefetchDns(target: string, resolver: DohResolver, maxPtr = 2): Promise<void> {
  const parsed = parseTarget(target);
  if (!parsed.ok) return;
  const { host, registrableDomain } = parsed;
  await askDns(
    (n, t, urgent) => resolver.query(n, t, { urgent }),
    host,
    registrableDomain,
    namesUpTo(host, registrableDomain),
    maxPtr,
  ).all;
}

type Base = { host: string; registrableDomain: string; names: string[]; checkedAt: string; cfg: DiagnoseConfig };

/** Renewers whose rhythm CT history can show (docs/design.md "Who renews the certificate"). */
const AUTOMATED: ReadonlySet<Renewer['by']> = new Set(['host', 'owner-acme']);

/** The evidence as the checks read it, and who renews: from everything gathered so far. */
function judge(base: Base, d: DnsPart, s: SitePart) {
  const { host, names, cfg } = base;
  const now = cfg.clock.now();
  const zone = zoneFacts(names, d);
  const headers = s.headers && 'headers' in s.headers ? s.headers.headers : null;
  const detection = detectProvider({ ...zone.detection, headers, override: cfg.providerOverride ?? null });
  const origin = detection.origin?.provider ?? null;
  const { certificate, originCertificate } = chooseCertificates({
    host,
    now,
    served: s.cert.cert,
    parseDer: cfg.parseDer,
    acceptUntrusted: cfg.acceptUntrusted,
    ct: s.ct,
    originBehindCdn: detection.cdn && origin && origin.id !== detection.cdn.provider.id ? origin : null,
  });
  const ev = evidenceOf(base, d, s, zone, detection, certificate, originCertificate);
  const cdn = detection.cdn?.provider ?? null;
  const renewer = decideRenewer(ev, origin, cdn);
  return { zone, detection, origin, cdn, certificate, originCertificate, ev, renewer };
}

function build(base: Base, d: DnsPart, s: SitePart, partial: boolean): Report {
  const { host, registrableDomain, checkedAt, cfg } = base;
  const { zone, detection, origin, cdn, certificate, originCertificate, ev, renewer } = judge(base, d, s);
  const ctx: CheckContext = { ev, origin, cdn, renewer };
  const findings = sortFindings(
    hedgeOnLikelyHost(
      CHECKS.flatMap((check) => check.run(ctx)),
      detection.origin,
      renewer,
    ),
  );
  return {
    host,
    registrableDomain,
    checkedAt,
    tier: cfg.tier,
    verdict: verdictOf(findings),
    ...reportProviders(detection),
    certificate,
    originCertificate,
    findings,
    notes: [
      dnsNote([d.a, d.aaaa, ...d.nsList]),
      ...(cfg.tier === 'full' && !partial ? siteNotes(s, host) : []),
      ...(cfg.tier === 'full' && !partial ? historyNote(s, renewer, cfg) : []),
    ],
    dns: dnsSummary(zone, d, detection, relevantCaa(ev)),
    // The renewal that is judged: the renewer's point for its certificate (the origin host's behind a CDN).
    renewalPoint: renewer.point !== null ? new Date(renewer.point).toISOString() : null,
    renewal: renewalSummary(renewer),
    ari: ev.ari?.ok ? ariWindow(ev.ari) : null,
  };
}

/** The CA's suggested renewal window (ARI), as the report shows it. */
function ariWindow(ari: Extract<AriResult, { ok: true }>): NonNullable<Report['ari']> {
  const { certId, window } = ari;
  return {
    certId,
    start: new Date(window.start).toISOString(),
    end: new Date(window.end).toISOString(),
    ...(window.explanationUrl ? { explanationUrl: window.explanationUrl } : {}),
  };
}

/** Everything gathered, as the checks read it (./evidence.ts). */
function evidenceOf(
  base: { host: string; registrableDomain: string; cfg: DiagnoseConfig },
  d: DnsPart,
  s: SitePart,
  zone: ZoneFacts,
  detection: Detection,
  certificate: CertificateInfo | null,
  originCertificate: CertificateInfo | null,
): Evidence {
  const { host, registrableDomain, cfg } = base;
  return {
    host,
    registrableDomain,
    tier: cfg.tier,
    now: cfg.clock.now(),
    ns: zone.ns,
    zoneApex: zone.zoneApex,
    nameservers: zone.nameservers,
    a: d.a,
    aaaa: d.aaaa,
    ptr: d.ptr,
    caa: zone.caa,
    mx: d.mx,
    txt: d.txt,
    headers: s.headers,
    challenge: s.challenge,
    challengeUpgraded: s.upgraded ?? null,
    challengeTargets: s.targets,
    certificate,
    originCertificate,
    certificateError: s.cert.error,
    browserCertificateError: cfg.servedCertificateError ?? null,
    ct: s.ct,
    ctHistory: s.history ?? null,
    rdap: s.rdap,
    caStatus: s.ca,
    ari: s.ari && 'ok' in s.ari ? s.ari : null,
    detection,
    acmeChallenge: s.acmeChallenge ?? null,
    validationPersist: s.validationPersist ?? null,
  };
}

/**
 * CT history's note: asked (ok, or failed: RENEWAL_INTERVAL_TOO_LONG could not be judged, never "fine"), or not
 * asked although the renewer turned out automated once every source was in. Nothing when crt.sh is not
 * configured or the renewer is not automated (the rule does not apply).
 */
function historyNote(s: SitePart, renewer: Renewer, cfg: DiagnoseConfig): SourceNote[] {
  const h = s.history;
  if (h?.ok) return [{ source: 'ct-history', status: 'ok' }];
  if (h)
    return [
      {
        source: 'ct-history',
        status: 'failed',
        reason: h.reason,
        text: { key: 'note_ct_history_failed', params: { reason: h.reason } },
      },
    ];
  if (!AUTOMATED.has(renewer.by) || !cfg.ct?.some((e) => e.kind === 'crtsh')) return [];
  return [
    {
      source: 'ct-history',
      status: 'skipped',
      reason: 'not asked: the renewer was known too late',
      text: { key: 'note_ct_history_not_asked' },
    },
  ];
}

/** Sources the deadline cut: skipped, with the reason in the reader's language (deadline.ts). */
function withDeadlineNotes(report: Report, deadline: Deadline): Report {
  if (deadline.cut.size === 0) return report;
  const text = { key: 'note_deadline' as const, params: { ms: deadline.budgetMs } };
  const reason = `${DEADLINE_REASON} (${deadline.budgetMs} ms)`;
  const notes = report.notes.map((n) =>
    deadline.cut.has(n.source) && n.source !== 'dns'
      ? { source: n.source, status: 'skipped' as const, reason, text }
      : n,
  );
  for (const source of deadline.cut)
    if (source !== 'dns' && !notes.some((n) => n.source === source))
      notes.push({ source, status: 'skipped', reason, text });
  return { ...report, notes };
}

/**
 * With a likely host rather than a proven one (docs/design.md "Who is the host", "Who renews the certificate"):
 * what that host's rule says would fail is a warning naming the likely host ("choose the host if not"), never a
 * red badge on a guess. Proof is the site served from the host (addresses, PTR, CNAME, its own headers through a
 * proxy), a live certificate for the name from the host's CA in CT, or the user's choice; NS, SOA, MX or SPF alone
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
    f.severity === 'fail' && LIKELY_HOST_RULE_CODES.has(f.code)
      ? {
          ...f,
          severity: 'warn',
          // The site may have moved on purpose (its DNS and mail left behind): the host's own steps ("point the A
          // record at Xserver") come after asking whether the host is still meant to serve it.
          fix: [
            {
              key: 'fix_likely_host_first',
              params: { host: origin.provider.names.en, host_ja: origin.provider.names.ja },
            },
            ...(f.fix ?? []),
          ],
          evidence: [
            ...(f.evidence ?? []),
            `likely host ${origin.provider.names.en} (not proven: choose the host if not)`,
          ],
        }
      : f,
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
    // The served certificate's own entry (same start), else — with nothing served — the newest covering one.
    const pick = served
      ? ct.issuances.find((i) => i.der && coversNow(i, host, now) && sameValidity(i, { start: served.validity.start }))
      : newestCovering(ct.issuances, host, now, (i) => i.der !== undefined);
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
