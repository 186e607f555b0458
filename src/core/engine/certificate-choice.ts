// Which certificate a report judges (docs/design.md "Which certificate"): the one read from the connection,
// else the newest covering issuance in CT; behind a CDN also the origin host's own certificate — in CT, from the
// host's CA, for the site's names — which is what the host fails to renew, and what makes visitors see the CDN's
// origin error once it expires. Each rule is written once here.
import { caaDomainsForIssuer } from '../certificates/ca-domains';
import { certificateFromServed, type DerParser } from '../certificates/served-certificate';
import { certificateNameCovers } from '../network/names';
import type { ServedCertificate } from '../network/net';
import type { Provider } from '../providers/types';
import type { CtResult, Issuance } from '../sources/ct';
import type { CertificateInfo } from './types';

/** CT and a TLS connection round validity differently: one certificate's dates agree within 2 s. */
const SAME_WITHIN_MS = 2000;

/** The issuance is that certificate: same start (and end, when the end is given) within 2 s. */
export function sameValidity(i: Pick<Issuance, 'notBefore' | 'notAfter'>, v: { start: number; end?: number }): boolean {
  const near = (iso: string, ms: number) => Math.abs(Date.parse(iso) - ms) < SAME_WITHIN_MS;
  return near(i.notBefore, v.start) && (v.end === undefined || near(i.notAfter, v.end));
}

/** An issuance that can be the site's certificate now: not revoked, valid already, covering the host. */
export function coversNow(i: Issuance, host: string, now: number): boolean {
  return !i.revoked && Date.parse(i.notBefore) <= now && i.names.some((n) => certificateNameCovers(n, host));
}

/** The newest issuance that covers the host now (and passes `also`). */
export function newestCovering(
  issuances: readonly Issuance[],
  host: string,
  now: number,
  also: (i: Issuance) => boolean = () => true,
): Issuance | undefined {
  return issuances
    .filter((i) => coversNow(i, host, now) && also(i))
    .sort((x, y) => Date.parse(y.notBefore) - Date.parse(x.notBefore))[0];
}

/** A CT issuance as the report shows a certificate (CT carries no subject). */
export function fromIssuance(i: Issuance): CertificateInfo {
  const { issuer, issuerOrg, names, notBefore, notAfter } = i;
  return { issuer, issuerOrg, subject: '', names, notBefore, notAfter, source: 'ct' };
}

export interface CertificateChoiceInput {
  host: string;
  now: number;
  served: ServedCertificate | null;
  /** Parses DER for names (CLI); without it a connection's certificate takes its names from CT. */
  parseDer?: DerParser;
  /** --insecure: any chain is accepted; the certificate is still read and reported, without CERT_UNTRUSTED. */
  acceptUntrusted?: boolean;
  ct: CtResult | null;
  /** Behind a CDN: the origin host (another provider than the CDN), whose own certificate is looked for in CT. */
  originBehindCdn: Provider | null;
}

export function chooseCertificates(input: CertificateChoiceInput): {
  certificate: CertificateInfo | null;
  originCertificate: CertificateInfo | null;
} {
  const certificate = servedOrNewest(input);
  return { certificate, originCertificate: originOf(input, certificate) };
}

function servedOrNewest({ host, now, served, parseDer, acceptUntrusted, ct }: CertificateChoiceInput) {
  let certificate = served ? certificateFromServed(served, parseDer) : null;
  if (certificate?.untrusted && acceptUntrusted) certificate = { ...certificate, untrusted: undefined };
  if (certificate?.source === 'connection' && !parseDer && ct?.ok) {
    // The browser gives the subject but not the SAN list: the same certificate in CT has it.
    const c = certificate;
    const same = ct.issuances.find((i) =>
      sameValidity(i, { start: Date.parse(c.notBefore), end: Date.parse(c.notAfter) }),
    );
    if (same) certificate = { ...c, names: same.names };
  }
  if (certificate || !ct?.ok) return certificate;
  const newest = newestCovering(ct.issuances, host, now);
  return newest ? fromIssuance(newest) : null;
}

function originOf({ host, now, ct, originBehindCdn }: CertificateChoiceInput, edge: CertificateInfo | null) {
  if (!originBehindCdn || !ct?.ok) return null;
  const hostCas = new Set(originBehindCdn.renewal.caaDomains);
  const isEdge = (i: Issuance) => edge !== null && i.notBefore === edge.notBefore && i.notAfter === edge.notAfter;
  const own = newestCovering(
    ct.issuances,
    host,
    now,
    (i) => !isEdge(i) && caaDomainsForIssuer(i.issuerOrg, i.issuer).some((d) => hostCas.has(d)),
  );
  return own ? fromIssuance(own) : null;
}
