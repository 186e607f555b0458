// Who renews the certificate we judge (docs/design.md "Who renews the certificate"): the identified
// host's automatic SSL, a CDN's edge, the owner's own ACME client (with the validation method the evidence
// shows), the owner by hand (a bought certificate), or unknown. Every check that speaks about a renewal asks
// this instead of assuming "the detected host renews whatever is served, every 90 days".
// Pure: it reads the gathered evidence only.
import { caaDomainsForIssuer } from '../certificates/ca-domains';
import { type FixedRhythm, fixedInterval, nextFixedRun, renewalEvents } from '../certificates/renewal-rhythm';
import { renewalSchedule } from '../certificates/renewal-schedule';
import { certificateNameCovers } from '../network/names';
import { PROVIDERS } from '../providers';
import type { Provider } from '../providers/types';
import type { Issuance } from '../sources/ct';
import { sameValidity } from './certificate-choice';
import { addressesOf, type Evidence, notAtHost, renewalPoint } from './evidence';
import { DAY } from './time';
import type { AcmeMethod, CertificateInfo, RenewalSummary, RenewerKind } from './types';

export interface Renewer {
  by: RenewerKind;
  /** The one method the evidence shows, when it shows one. */
  method?: AcmeMethod;
  /** Every method the renewer may use (CAA `validationmethods` must allow one); empty = not known. */
  methods: AcmeMethod[];
  /** CAA issuer domains of the CA the renewer gets its certificates from (empty = not known). */
  caaDomains: string[];
  /** Who that CA is, for messages. */
  caName: string;
  /** By host or cdn: the provider whose automation renews. */
  provider: Provider | null;
  /**
   * By host: what proves the host renews this name (docs/design.md "A red finding about a host's renewal needs
   * proof"): the site is served from it, its CA's live certificate for the name is in CT, or the user chose it.
   * null = a likely host: its rules warn at most.
   */
  proof: 'served' | 'ct' | 'chosen' | null;
  /** The address is the same company's VPS/cloud machine: the owner's own server. */
  ownServer: { en: string; ja: string } | null;
  validation: 'dv' | 'ov' | 'ev' | null;
  /** The certificate judged: behind a CDN the origin host's, else the served one. */
  certificate: CertificateInfo | null;
  /** When the renewer renews it (ms), and the grace after which a missing renewal is overdue. */
  point: number | null;
  grace: number;
  /**
   * By host or owner-acme, with CT history read: the fixed interval it proves (src/core/certificates/
   * renewal-rhythm.ts), its next run (`nextFixedRun`: null once that run is overdue), the issuances it was read
   * from and which of them are the renewer's (its CA). null: no history, or no fixed interval proven (a renewer
   * that follows the lifetime).
   */
  fixed: {
    rhythm: FixedRhythm;
    next: number | null;
    issuances: Issuance[];
    mine: (i: Issuance) => boolean;
  } | null;
  /** DNS validation seen in public DNS. */
  dnsValidation: { kind: 'cname'; target: string; dangling: boolean } | { kind: 'persist'; record: string } | null;
  evidence: string[];
}

/** A lifetime this long is not an automated renewal's (ACME certificates are 6 to 90 days; paid ones 199–397). */
const AUTOMATED_MAX_LIFETIME = 100 * DAY;

const lifetimeOf = (c: Pick<CertificateInfo, 'notBefore' | 'notAfter'>) =>
  Date.parse(c.notAfter) - Date.parse(c.notBefore);

/**
 * The validation type when the DER's policy OIDs are not at hand (the browser, CT): what the issuing CA's own
 * name says ("GlobalSign GCC R3 OV TLS CA 2024", "Sectigo RSA Domain Validation Secure Server CA",
 * "JPRS Organization Validation Authority - G4", "DigiCert EV RSA CA G2").
 */
export function validationFromIssuer(c: Pick<CertificateInfo, 'issuer' | 'issuerOrg' | 'validation'>) {
  if (c.validation) return c.validation;
  const text = `${c.issuer} ${c.issuerOrg ?? ''}`;
  if (/\bEV\b|extended validation/i.test(text)) return 'ev';
  if (/\bOV\b|organi[sz]ation validat/i.test(text)) return 'ov';
  if (/\bDV\b|domain validat/i.test(text)) return 'dv';
  return null;
}

/** The renewal point (docs/design.md RENEWAL_OVERDUE): the host's documented schedule, else ARI, else ⅓ (½ under 10 days). */
export function renewalPointFor(
  cert: Pick<CertificateInfo, 'notBefore' | 'notAfter'>,
  host: Provider | null,
  ari?: { start: number } | null,
): number {
  // A host's documented schedule (Xserver: 30 days before expiry) when it fits the certificate's lifetime.
  if (host?.renewal.renewsDaysBefore && host.renewal.renewsDaysBefore * DAY < lifetimeOf(cert))
    return renewalSchedule(cert, host.renewal).renewAt;
  if (ari) return ari.start;
  return renewalPoint(cert);
}

/** The grace before a missed renewal point is "overdue": min(2 days, 1/30 of the lifetime). */
export const graceFor = (cert: Pick<CertificateInfo, 'notBefore' | 'notAfter'>) =>
  Math.min(2 * DAY, lifetimeOf(cert) / 30);

const sameCa = (i: Pick<Issuance, 'issuer' | 'issuerOrg'>, domains: readonly string[]) =>
  caaDomainsForIssuer(i.issuerOrg, i.issuer).some((d) => domains.includes(d));

/**
 * A regular rhythm of issuances from one CA for the host: at least two intervals between consecutive renewals
 * (`renewalEvents`: a precertificate and its certificate are one), each within 15 % of their mean and shorter than
 * the certificates' lifetime (automation).
 */
export function ctRhythm(
  issuances: readonly Issuance[],
  host: string,
  domains: readonly string[],
  now: number,
): number | null {
  const own = renewalEvents(issuances, host, (i) => sameCa(i, domains), now, 'covering');
  if (own.length < 3) return null;
  const gaps = own.slice(1).map((x, k) => x.notBefore - own[k].notBefore);
  const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
  if (gaps.some((g) => Math.abs(g - mean) > 0.15 * mean)) return null;
  if (own.slice(0, -1).some((x) => mean >= x.lifetime)) return null;
  return mean;
}

/** Is this issuance the renewer's: from its CA (the host's, else the judged certificate's own)? */
function renewersCa(caaDomains: readonly string[], cert: CertificateInfo | null): (i: Issuance) => boolean {
  const domains = caaDomains.length ? caaDomains : cert ? caaDomainsForIssuer(cert.issuerOrg, cert.issuer) : [];
  if (domains.length) return (i) => sameCa(i, domains);
  const org = cert?.issuerOrg;
  return (i) => org !== undefined && i.issuerOrg === org;
}

/**
 * The fixed interval CT history proves for the renewer (docs/how-we-judge.md "Renewal interval"), read from the
 * history of earlier certificates (crt.sh) and the unexpired list (Cert Spotter may know a certificate crt.sh has
 * not indexed yet; one renewal either way). Without the history: null, and the source note says why.
 */
function fixedRhythmOf(ev: Evidence, caaDomains: readonly string[], cert: CertificateInfo | null): Renewer['fixed'] {
  const history = ev.ctHistory;
  if (!history?.ok) return null;
  const mine = renewersCa(caaDomains, cert);
  const issuances = [...history.issuances, ...(ev.ct?.ok ? ev.ct.issuances : [])];
  const rhythm = fixedInterval(renewalEvents(issuances, ev.host, mine, ev.now));
  return rhythm ? { rhythm, next: nextFixedRun(rhythm, ev.now), issuances, mine } : null;
}

/** The provider whose managed service alone issues certificates from this certificate's CA (Amazon: ACM). */
function managedBy(cert: CertificateInfo): Provider | undefined {
  const org = cert.issuerOrg ?? '';
  return PROVIDERS.find((p) => p.managedCertificates && new RegExp(p.managedCertificates.issuerOrg, 'i').test(org));
}

const CADDY = /\b(caddy|traefik)\b/i;

function dnsValidationOf(ev: Evidence): Renewer['dnsValidation'] {
  const persist = ev.validationPersist?.records.map((r) => r.value).find((v) => v.trim().length > 0);
  const acme = ev.acmeChallenge;
  if (acme && acme.cnames.length > 0) {
    const target = acme.cnames[acme.cnames.length - 1];
    return { kind: 'cname', target, dangling: acme.status === 'nxdomain' };
  }
  if (persist) return { kind: 'persist', record: persist };
  return null;
}

function ownServerOf(ev: Evidence): { en: string; ja: string; line: string } | null {
  for (const r of ev.a.records) {
    const ptr = ev.ptr[r.value]?.records[0]?.value;
    if (!ptr) continue;
    for (const p of ev.detection.matches.map((m) => m.provider).concat(ev.detection.origin?.provider ?? [])) {
      const hit = p.ownServers?.find((o) => new RegExp(o.pattern, 'i').test(ptr));
      if (hit) return { ...hit.name, line: `PTR ${r.value} → ${ptr} → ${hit.name.en} (the owner's own server)` };
    }
  }
  return null;
}

/**
 * The site is served from the host: what the web address shows — its addresses (PTR, ranges), a CNAME into the
 * host, or the host's own response headers coming through (x-github-request-id behind a proxy: the origin that
 * answered is that host). Zone or mail evidence alone never says so (docs/design.md "Who renews the certificate").
 */
export function servedFrom(ev: Evidence, host: Provider): boolean {
  return ev.detection.matches.some(
    (m) =>
      m.provider.id === host.id &&
      m.side === 'site' &&
      (['ptr', 'ip', 'cname'].includes(m.rule.kind) || (m.rule.kind === 'header' && !m.rule.unconfirmed)),
  );
}

function hostProof(ev: Evidence, host: Provider, chosen: boolean): Renewer['proof'] {
  if (chosen) return 'chosen';
  if (servedFrom(ev, host)) return 'served';
  if (ev.originCertificate) return 'ct';
  // The certificate served from an address that is provably another server's was renewed there — by the owner's
  // own client on the VPS the site moved to — not by the host, whose CA may be the same (Let's Encrypt): it proves
  // nothing about the host, or a site that moved and left its DNS and mail at the old host would stay red for as long
  // as its new server keeps renewing. Another live certificate of the host's CA for the name still proves it.
  // The served certificate is the connection's, or in Chromium (no certificate from the connection) the newest
  // covering one in CT, which every check judges as served (certificate-choice.ts); CT and a connection round the
  // dates differently, so the same certificate is matched as certificate-choice.ts matches it (sameValidity). Its
  // earlier renewals — the same names: certbot renews a lineage with 30 of 90 days left, and the previous
  // certificate stays live until it expires — were renewed by that server too.
  const served = ev.certificate;
  const servedElsewhere =
    served !== null && addressesOf(ev).some(({ address, family }) => notAtHost(ev, host, address, family) !== null);
  const servedNames = new Set(served?.names.map((n) => n.toLowerCase()));
  const isServed = (i: Issuance) =>
    served !== null &&
    (sameValidity(i, { start: Date.parse(served.notBefore), end: Date.parse(served.notAfter) }) ||
      (i.names.length === servedNames.size && i.names.every((n) => servedNames.has(n.toLowerCase()))));
  const live =
    ev.ct?.ok &&
    ev.ct.issuances.some(
      (i) =>
        !i.revoked &&
        Date.parse(i.notBefore) <= ev.now &&
        Date.parse(i.notAfter) > ev.now &&
        i.names.some((n) => certificateNameCovers(n, ev.host)) &&
        sameCa(i, host.renewal.caaDomains) &&
        !(servedElsewhere && isServed(i)),
    );
  return live ? 'ct' : null;
}

const hostMethods = (p: Provider): AcmeMethod[] =>
  p.renewal.method === 'http-01'
    ? ['http-01']
    : p.renewal.method === 'dns-01'
      ? ['dns-01']
      : p.renewal.method === 'http-01-or-dns-01'
        ? ['http-01', 'dns-01']
        : [];

export function decideRenewer(ev: Evidence, origin: Provider | null, cdn: Provider | null): Renewer {
  // Behind a CDN in front of a known host, the host's renewal is of its own certificate (in CT), never the edge's.
  const behindCdn = cdn !== null && origin !== null && origin.id !== cdn.id;
  const cert = behindCdn ? ev.originCertificate : (ev.originCertificate ?? ev.certificate);
  const evidence: string[] = [];
  const validation = cert ? validationFromIssuer(cert) : null;
  const life = cert ? lifetimeOf(cert) : 0;
  const certCas = cert ? caaDomainsForIssuer(cert.issuerOrg, cert.issuer) : [];
  const caName = cert ? (cert.issuerOrg ?? cert.issuer) : '';
  const dnsValidation = dnsValidationOf(ev);
  const own = ownServerOf(ev);
  const headers = ev.headers && 'headers' in ev.headers ? ev.headers.headers : null;
  const serverHeader = headers ? [headers.server, headers.via].filter(Boolean).join(' ') : '';
  const acmeServer = CADDY.test(serverHeader) ? serverHeader.match(CADDY)?.[1] : undefined;
  const base = {
    validation,
    certificate: cert,
    dnsValidation,
    ownServer: own ? { en: own.en, ja: own.ja } : null,
    proof: null,
  } as const;
  const certLine = cert
    ? `${cert.issuerOrg ?? cert.issuer}${validation ? ` ${validation.toUpperCase()}` : ''} certificate, ${Math.round(life / DAY)}-day lifetime`
    : null;
  const finish = (r: Omit<Renewer, 'point' | 'grace' | 'evidence' | 'fixed'>): Renewer => {
    const hostForPoint = r.by === 'host' ? r.provider : null;
    const ari = ev.ari?.ok && !ev.originCertificate ? { start: ev.ari.window.start } : null;
    const point = cert && r.by !== 'manual' ? renewalPointFor(cert, hostForPoint, ari) : null;
    const fixed = r.by === 'host' || r.by === 'owner-acme' ? fixedRhythmOf(ev, r.caaDomains, cert) : null;
    return {
      ...r,
      point,
      grace: cert ? graceFor(cert) : 0,
      fixed,
      evidence: [...evidence, ...(certLine ? [certLine] : [])],
    };
  };

  // A CDN (or a platform with its own edge) serving its own certificate renews it.
  if (cdn && (!origin || origin.id === cdn.id)) {
    evidence.push(`${cdn.names.en} serves its own edge certificate`);
    return finish({
      ...base,
      by: 'cdn',
      methods: hostMethods(cdn),
      caaDomains: cdn.renewal.caaDomains,
      caName: cdn.names.en,
      provider: cdn,
    });
  }

  // DNS validation seen in public DNS (an `_acme-challenge` CNAME delegating it, a DNS-PERSIST-01 record).
  if (dnsValidation?.kind === 'cname') {
    const byProvider = [origin, cdn].find((p) =>
      p?.rules.some((r) => r.kind === 'cname' && r.pattern && new RegExp(r.pattern, 'i').test(dnsValidation.target)),
    );
    evidence.push(
      `_acme-challenge.${ev.host} CNAME ${dnsValidation.target}${dnsValidation.dangling ? ' (NXDOMAIN)' : ''}`,
    );
    if (!byProvider) {
      return finish({
        ...base,
        by: validation === 'ov' || validation === 'ev' ? 'manual' : 'owner-acme',
        method: 'dns-01',
        methods: ['dns-01'],
        caaDomains: certCas,
        caName,
        provider: null,
      });
    }
  }
  if (dnsValidation?.kind === 'persist')
    evidence.push(`_validation-persist.${ev.host} TXT "${dnsValidation.record.slice(0, 200)}"`);

  // A provider's own managed certificate (Amazon's CA issues only through AWS Certificate Manager, which renews it):
  // its long lifetime (198 days) is no sign of a purchase, and a Route 53 alias shows only the load balancer's
  // addresses. The certificate itself says who renews it (src/core/providers/aws-elb.ts).
  const managed = cert ? managedBy(cert) : undefined;
  if (cert && managed?.managedCertificates) {
    const proof = origin?.id === managed.id ? hostProof(ev, managed, ev.detection.origin?.chosenByUser ?? false) : null;
    evidence.push(
      `${cert.issuerOrg ?? cert.issuer} certificate: issued and renewed only by ${managed.managedCertificates.service.en}`,
    );
    return finish({
      ...base,
      by: 'host',
      method: hostMethods(managed).length === 1 ? hostMethods(managed)[0] : undefined,
      methods: hostMethods(managed),
      caaDomains: managed.renewal.caaDomains,
      caName: managed.managedCertificates.service.en,
      provider: managed,
      proof: proof ?? (cert.source === 'connection' ? 'served' : 'ct'),
    });
  }

  // Bought by hand: organisation or extended validation, or a lifetime no automated renewal has.
  const rhythm = cert && ev.ct?.ok && certCas.length ? ctRhythm(ev.ct.issuances, ev.host, certCas, ev.now) : null;
  if (cert && (validation === 'ov' || validation === 'ev' || (life > AUTOMATED_MAX_LIFETIME && !rhythm))) {
    if (validation === 'ov' || validation === 'ev')
      evidence.push(`${validation.toUpperCase()} certificate (validated by hand)`);
    else evidence.push(`${Math.round(life / DAY)}-day lifetime, no regular renewals in CT`);
    return finish({ ...base, by: 'manual', methods: [], caaDomains: certCas, caName, provider: null });
  }
  if (rhythm) evidence.push(`CT: renewed every ${Math.round(rhythm / DAY)} days`);

  const ownAcme = (method?: AcmeMethod, methods: AcmeMethod[] = method ? [method] : []): Renewer =>
    finish({ ...base, by: 'owner-acme', method, methods, caaDomains: certCas, caName, provider: null });

  if (dnsValidation?.kind === 'persist') return ownAcme('dns-01', []);
  // Caddy (and Traefik) renew by themselves, by HTTP-01 or TLS-ALPN-01 on port 443; with port 80 closed only
  // TLS-ALPN-01 can work (https://caddyserver.com/docs/automatic-https#acme-challenges).
  if (acmeServer) {
    evidence.push(`Server: ${serverHeader.slice(0, 60)} (renews its own certificates)`);
    const closed =
      ev.challenge &&
      (ev.challenge.kind === 'refused' || ev.challenge.kind === 'timeout') &&
      ev.challenge.hops.length === 0;
    if (closed) evidence.push('port 80 closed: TLS-ALPN-01 on port 443');
    return closed ? ownAcme('tls-alpn-01') : ownAcme(undefined, ['http-01', 'tls-alpn-01']);
  }
  // The company's VPS or cloud machine: the owner's own server and client, whoever runs the DNS.
  if (own) {
    evidence.push(own.line);
    return ownAcme();
  }

  if (origin && origin.kind === 'host') {
    const hostCa = origin.renewal.caaDomains;
    if (!cert || certCas.length === 0 || certCas.some((d) => hostCa.includes(d))) {
      const proof = hostProof(ev, origin, ev.detection.origin?.chosenByUser ?? false);
      evidence.push(
        `${origin.names.en}'s free SSL (${hostCa.join(', ') || 'its CA'})${proof ? `; ${proof === 'served' ? 'the site is served from it' : proof === 'ct' ? `its CA's certificate for ${ev.host} in CT` : 'chosen by you'}` : '; likely: not proven'}`,
      );
      return finish({
        ...base,
        by: 'host',
        method: hostMethods(origin).length === 1 ? hostMethods(origin)[0] : undefined,
        methods: hostMethods(origin),
        caaDomains: hostCa,
        caName: origin.names.en,
        provider: origin,
        proof,
      });
    }
    evidence.push(`issued by ${caName}, not by ${origin.names.en}'s CA (${hostCa.join(', ')})`);
    return ownAcme();
  }
  if (cert && certCas.length) return ownAcme();
  return finish({ ...base, by: 'unknown', methods: [], caaDomains: certCas, caName, provider: null });
}

/**
 * Is `cert` the certificate the renewer renews? Behind a CDN in front of a known host the renewer's is the host's
 * own (in CT), and the served one is the CDN's edge certificate, which the CDN renews.
 */
export function renewsCertificate(r: Pick<Renewer, 'certificate'>, cert: CertificateInfo): boolean {
  const own = r.certificate;
  return (
    own !== null && own.notBefore === cert.notBefore && own.notAfter === cert.notAfter && own.issuer === cert.issuer
  );
}

/** The report's `renewal` field. */
export function renewalSummary(r: Renewer): RenewalSummary {
  const who = r.provider
    ? { id: r.provider.id, name: r.provider.names.en, nameJa: r.provider.names.ja }
    : r.by === 'manual' && r.caName
      ? { name: r.caName, nameJa: r.caName }
      : undefined;
  return {
    by: r.by,
    ...(r.method ? { method: r.method } : {}),
    ...(r.point !== null ? { renewalPoint: new Date(r.point).toISOString() } : {}),
    ...(r.fixed && r.fixed.next !== null ? { nextRun: new Date(r.fixed.next).toISOString() } : {}),
    evidence: r.evidence,
    ...(who ? { who } : {}),
    ...(r.by === 'host' && !r.proof ? { likely: true } : {}),
  };
}
