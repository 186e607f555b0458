// The vocabulary shared by the engine, the extension and the CLI. Codes, severities and verdicts are the
// contract in docs/design.md ("Findings and verdict"): add, never rename.
import type en from '../../../_locales/en/messages.json';

export type MessageKey = keyof typeof en;
export type MessageParams = Record<string, string | number>;
export interface LocalText {
  key: MessageKey;
  params?: MessageParams;
}

export type Severity = 'fail' | 'warn' | 'info';
export type Verdict = 'ok' | 'warn' | 'fail' | 'unknown' | 'not-applicable';
export type Tier = 'automatic' | 'full';

// The codes live beside the checks (src/core/checks/vocabulary.ts); the contract exports them from here as always.
export { FINDING_CODES, type FindingCode } from '../checks/vocabulary';
import type { FindingCode } from '../checks/vocabulary';

/** DNS_LOOKUP_FAILED carries no severity of its own in docs/design.md: it makes the verdict unknown. */
export type FindingSeverity = Severity | 'unknown';

export interface Finding<C extends FindingCode = FindingCode> {
  code: C;
  severity: FindingSeverity;
  /** What happens, in one sentence. */
  message: LocalText;
  /** Why that breaks renewal (absent for info notes that break nothing). */
  why?: LocalText;
  /** Numbered fix steps for the detected host. */
  fix?: LocalText[];
  /** What we saw: technical lines a person can check (NS records, addresses, headers). Never markup. */
  evidence?: string[];
}

export type SourceName =
  | 'dns'
  | 'ct'
  | 'ct-history'
  | 'rdap'
  | 'ca-status'
  | 'challenge'
  | 'headers'
  | 'certificate'
  | 'ari'
  | 'dry-run';
export interface SourceNote {
  source: SourceName;
  status: 'ok' | 'skipped' | 'failed';
  /** Why, as the source said it (an error text). */
  reason?: string;
  /** Why, in the reader's language, when we know it (preferred over `reason` for display). */
  text?: LocalText;
}

export interface CertificateInfo {
  issuer: string;
  /** Organisation of the issuer, when the DN has one (used to recognise CDN edge certificates). */
  issuerOrg?: string;
  subject: string;
  names: string[];
  notBefore: string;
  notAfter: string;
  /** How the CA validated the subject, from the certificate's policy OIDs (CLI: parsed from DER). */
  validation?: 'dv' | 'ov' | 'ev';
  /** connection = read from the TLS connection (Firefox, CLI); ct = newest issuance in Certificate Transparency. */
  source: 'connection' | 'ct';
  fingerprintSha256?: string;
  /** false when the chain did not validate (CLI without --insecure; Firefox's isUntrusted). */
  trusted?: boolean;
  /** The browser said the certificate does not cover the host (Firefox). */
  domainMismatch?: boolean;
  /** The chain was rejected for a reason other than expiry or name (CLI's TLS check, Firefox's isUntrusted). */
  untrusted?: { kind: 'self-signed' | 'unknown-issuer' | 'incomplete-chain' | 'other'; detail?: string };
}

export interface ProviderRef {
  id: string;
  name: string;
  nameJa: string;
}

export interface DnsSummary {
  zoneApex: string | null;
  /** provider: its display name; providerId: who runs the nameserver, from its own name (structural). */
  nameservers: { name: string; provider?: string; providerId?: string }[];
  cnameChain: string[];
  addresses: { address: string; family: 4 | 6; ptr?: string; provider?: string }[];
  caa: { owner: string; records: string[] } | null;
  mx: string[];
  spf: string | null;
}

export type RenewerKind = 'host' | 'cdn' | 'owner-acme' | 'manual' | 'unknown';
export type AcmeMethod = 'http-01' | 'dns-01' | 'tls-alpn-01';

/** The report's `renewal` (docs/design.md CLI contract): who renews the judged certificate, and what says so. */
export interface RenewalSummary {
  by: RenewerKind;
  method?: AcmeMethod;
  renewalPoint?: string;
  /**
   * When a renewer on a fixed interval that CT history proves will next run (ISO; src/core/certificates/
   * renewal-rhythm.ts `nextFixedRun`): the date RENEWAL_INTERVAL_TOO_LONG and the verdict sentence say. Not in the
   * CLI's JSON (its `renewalPoint` stays the renewal point RENEWAL_OVERDUE judges by).
   */
  nextRun?: string;
  evidence: string[];
  /** By host or cdn: which one (its id, names). By manual: the certificate's seller (issuer organisation). */
  who?: { id?: string; name: string; nameJa: string };
  /** By host without proof that it renews this name: a likely host (warn at most). */
  likely?: boolean;
}

export interface Report {
  host: string;
  registrableDomain: string | null;
  checkedAt: string;
  tier: Tier;
  verdict: Verdict;
  /** The origin host whose renewal we judge. */
  provider:
    | (ProviderRef & {
        evidence: string[];
        chosenByUser?: boolean;
        others?: ProviderRef[];
        /** high: identified by its own evidence (or chosen by the user); low: the likeliest host, not proven. */
        confidence: 'high' | 'low';
      })
    | null;
  /** A CDN or proxy in front, if any. */
  cdn: (ProviderRef & { evidence: string[] }) | null;
  /** What visitors are served (behind a CDN proxy: the CDN's edge certificate). */
  certificate: CertificateInfo | null;
  /** Behind a CDN: the origin host's own certificate (from CT, issued by the host's CA), when known. */
  originCertificate?: CertificateInfo | null;
  findings: Finding[];
  notes: SourceNote[];
  dns: DnsSummary | null;
  /** When the judged certificate is renewed (ISO): the renewer's point (docs/design.md RENEWAL_OVERDUE). */
  renewalPoint: string | null;
  /** Who renews the judged certificate (docs/design.md "Who renews the certificate"). */
  renewal?: RenewalSummary;
  /** The CA's suggested renewal window for the certificate (ARI, RFC 9773), when it answered. */
  ari?: { certId: string; start: string; end: string; explanationUrl?: string } | null;
  notApplicable?: LocalText;
}
