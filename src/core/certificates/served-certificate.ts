// A certificate read from a connection (Firefox's securityInfo, the CLI's TLS socket) → CertificateInfo.
// Without a DER parser (the browser bundle) the names come from the subject CN and Firefox's own
// isDomainMismatch verdict.
import type { ServedCertificate } from '../network/net';
import type { CertificateInfo } from '../engine/types';

export interface ParsedCertificate {
  subject: string;
  issuer: string;
  names: string[];
  notBefore: Date;
  notAfter: Date;
  /** certificatePolicies OIDs (CA/B Forum DV/OV/EV among them), when the parser reads them. */
  policies?: string[];
}

/** CA/B Forum reserved policy identifiers (Baseline Requirements §7.1.6.1; EV Guidelines §9.7). */
const VALIDATION_OIDS: Record<string, NonNullable<CertificateInfo['validation']>> = {
  '2.23.140.1.2.1': 'dv',
  '2.23.140.1.2.2': 'ov',
  '2.23.140.1.2.3': 'ov', // individual validated: a person was checked, not only the domain
  '2.23.140.1.1': 'ev',
};

/** The validation type a certificate's policy OIDs state, if any. */
export function validationOf(policies: readonly string[] | undefined): CertificateInfo['validation'] {
  for (const kind of ['ev', 'ov', 'dv'] as const) if (policies?.some((p) => VALIDATION_OIDS[p] === kind)) return kind;
  return undefined;
}

/** Reads a DN string ("CN=R11, O=Let's Encrypt, C=US") for one attribute. */
export function dnAttribute(dn: string, attr: 'CN' | 'O'): string | undefined {
  const m = dn.match(new RegExp(`(?:^|,)\\s*${attr}=("(?:[^"]|"")*"|[^,]*)`));
  return m ? m[1].replace(/^"|"$/g, '').trim() : undefined;
}

/** A certificate read from a connection (Firefox's securityInfo, the CLI's TLS socket) → CertificateInfo. */
export type DerParser = (der: Uint8Array) => ParsedCertificate;

export function certificateFromServed(served: ServedCertificate, parseDer?: DerParser): CertificateInfo {
  let names: string[] = [];
  let subject = served.subject;
  let issuer = served.issuer;
  let notBefore = new Date(served.validity.start);
  let notAfter = new Date(served.validity.end);
  let policies: string[] | undefined;
  if (parseDer && served.rawDER && served.rawDER.length > 0) {
    try {
      const parsed = parseDer(served.rawDER instanceof Uint8Array ? served.rawDER : Uint8Array.from(served.rawDER));
      ({ names, subject, issuer, notBefore, notAfter, policies } = parsed);
    } catch {
      // Hostile or truncated DER: keep what the connection told us.
    }
  }
  if (names.length === 0) {
    const cn = dnAttribute(subject, 'CN');
    if (cn) names = [cn.toLowerCase()];
  }
  return {
    issuer: dnAttribute(issuer, 'CN') ?? issuer,
    issuerOrg: dnAttribute(issuer, 'O'),
    subject,
    names,
    notBefore: notBefore.toISOString(),
    notAfter: notAfter.toISOString(),
    source: 'connection',
    ...(validationOf(policies) ? { validation: validationOf(policies) } : {}),
    fingerprintSha256: served.fingerprint?.sha256,
    trusted: served.isUntrusted === undefined ? undefined : !served.isUntrusted,
    domainMismatch: served.isDomainMismatch,
    ...(served.isUntrusted
      ? { untrusted: { kind: served.untrustedKind ?? 'other', detail: served.untrustedReason?.slice(0, 100) } }
      : {}),
  };
}
