// What diagnose() gathered, in two parts: the DNS answers (all in before the first, partial report) and the
// site's sources (the probe, the served certificate, CT, RDAP, the CA's status and ARI: full tier only).
import type { AriResult } from '../certificates/ari';
import type { DnsAnswer } from '../dns/resolver';
import type { ProbeOutcome, ServedCertificate } from '../network/net';
import type { CaStatusResult } from '../sources/ca-status';
import type { CtResult, HistoryResult } from '../sources/ct';
import type { RdapResult } from '../sources/rdap';
import type { Evidence } from './evidence';

export interface DnsPart {
  /** NS and CAA answers for the host and each parent up to the registrable domain, in `names` order. */
  nsList: DnsAnswer[];
  caaList: DnsAnswer[];
  a: DnsAnswer;
  aaaa: DnsAnswer;
  mx: DnsAnswer;
  txt: DnsAnswer;
  ptr: Record<string, DnsAnswer>;
}

export interface SitePart {
  headers: Evidence['headers'];
  challenge: ProbeOutcome | null;
  upgraded?: Evidence['challengeUpgraded'];
  targets?: Evidence['challengeTargets'];
  cert: { cert: ServedCertificate | null; error: string | null };
  ct: CtResult | null;
  /** Earlier certificates (crt.sh, expired ones included); null when not asked. */
  history?: HistoryResult | null;
  rdap: RdapResult | null;
  ca: CaStatusResult | null;
  ari?: AriResult | { skipped: string } | null;
  /** Full tier: TXT at `_acme-challenge.<host>` and `_validation-persist.<host>` (DNS validation seen). */
  acmeChallenge?: DnsAnswer | null;
  validationPersist?: DnsAnswer | null;
}
