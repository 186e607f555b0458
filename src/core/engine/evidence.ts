// Everything diagnose() gathered about one host, handed read-only to every check.
import type { Detection } from '../providers/detect-provider';
import type { DnsAnswer } from '../dns/resolver';
import type { ProbeOutcome } from '../network/net';
import type { Provider } from '../providers/types';
import type { AriResult } from '../certificates/ari';
import type { CaStatusResult } from '../sources/ca-status';
import type { CtResult, HistoryResult } from '../sources/ct';
import type { RdapResult } from '../sources/rdap';
import type { Renewer } from './renewer';
import { DAY } from './time';
import type { CertificateInfo, Tier } from './types';

export interface Evidence {
  host: string;
  registrableDomain: string;
  tier: Tier;
  now: number;
  /** NS answers for the host and each parent up to the registrable domain. */
  ns: Record<string, DnsAnswer>;
  zoneApex: string | null;
  nameservers: string[];
  a: DnsAnswer;
  aaaa: DnsAnswer;
  ptr: Record<string, DnsAnswer>;
  /** CAA answers for the host and each parent up to the registrable domain. */
  caa: Record<string, DnsAnswer>;
  mx: DnsAnswer | null;
  txt: DnsAnswer | null;
  headers: { status: number; headers: Record<string, string> } | { error: string } | null;
  challenge: ProbeOutcome | null;
  /** Where the challenge path's redirects land inside the registrable domain: each other name's A/AAAA (with
   * CNAMEs) and the PTR of its addresses, to judge who serves it (checks/challenge.ts). */
  challengeTargets?: Record<string, { a: DnsAnswer; aaaa: DnsAnswer; ptr: Record<string, DnsAnswer> }>;
  /** The browser upgraded the probe to https itself (HSTS): port 80 asked at the address instead. */
  challengeUpgraded?: { reason: 'hsts' | 'other'; address?: string; outcome?: ProbeOutcome } | null;
  certificate: CertificateInfo | null;
  /** Behind a CDN: the origin host's own certificate, from CT (docs/design.md "Which certificate"). */
  originCertificate: CertificateInfo | null;
  certificateError: string | null;
  /** The browser refused the main frame's certificate with this error code. */
  browserCertificateError?: string | null;
  ct: CtResult | null;
  /** Full tier, automated renewer, crt.sh configured: earlier certificates for the exact name, expired ones too. */
  ctHistory?: HistoryResult | null;
  rdap: RdapResult | null;
  caStatus: CaStatusResult | null;
  /** The CA's answer through ARI (RFC 9773), when asked. */
  ari?: AriResult | null;
  detection: Detection;
  /** Full tier: TXT at `_acme-challenge.<host>` (its CNAME chain shows a delegation of DNS validation). */
  acmeChallenge?: DnsAnswer | null;
  /** Full tier: TXT at `_validation-persist.<host>` (DNS-PERSIST-01, CA/B Forum ballot SC-088v3). */
  validationPersist?: DnsAnswer | null;
}

export interface CheckContext {
  ev: Evidence;
  /** The origin host whose renewal we judge, if known. */
  origin: Provider | null;
  cdn: Provider | null;
  /** Who renews the judged certificate (engine/renewer.ts): every renewal finding asks it. */
  renewer: Renewer;
}

export const addressesOf = (ev: Evidence): { address: string; family: 4 | 6 }[] => [
  ...ev.a.records.map((r) => ({ address: r.value, family: 4 as const })),
  ...ev.aaaa.records.map((r) => ({ address: r.value, family: 6 as const })),
];

/**
 * Why `address` is provably not `host`'s server, or null when it may be: another provider owns it (its published
 * range, PTR or CNAME), or the host's complete address list or its PTR naming does not cover it (IPv4 only: a
 * host's IPv6 naming is rarely complete). ADDRESS_ELSEWHERE's evidence, and what keeps a certificate served from
 * such an address from proving that the host renews (renewer.ts hostProof).
 */
export function notAtHost(ev: Evidence, host: Provider, address: string, family: 4 | 6): string | null {
  const owner = ev.detection.addressOwner[address];
  if (owner) return owner.id === host.id ? null : owner.names.en;
  const ptr = ev.ptr[address]?.records[0]?.value;
  if (family === 4 && (host.renewal.addressesKnown || (ptr && host.rules.some((r) => r.kind === 'ptr'))))
    return `not ${host.names.en}`;
  return null;
}

export const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** Whole days from `at` to a certificate's notAfter (negative once it has expired). */
export const daysLeft = (notAfter: string, at: number) => Math.floor((Date.parse(notAfter) - at) / DAY);

/**
 * When an ACME client renews a certificate with no schedule of its own: with a third of its lifetime left, half
 * for lifetimes under 10 days (Let's Encrypt's integration guide; certbot 4.0 "renew at 1/3 lifetime"). Never a
 * fixed 90 days: a 6-day certificate renews after 3 days, a 45-day one with 15 days left.
 */
export function renewalPoint(cert: Pick<CertificateInfo, 'notBefore' | 'notAfter'>): number {
  const nb = Date.parse(cert.notBefore);
  const na = Date.parse(cert.notAfter);
  const life = na - nb;
  return na - (life < 10 * DAY ? life / 2 : life / 3);
}
