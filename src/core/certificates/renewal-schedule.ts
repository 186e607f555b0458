// When a certificate's renewer will renew it: the one rule the popup's timeline, the CA-status and ARI checks use.
import { renewalPoint } from '../engine/evidence';
import { DAY } from '../engine/time';
import type { CertificateInfo } from '../engine/types';
import type { RenewalModel } from '../providers/types';

export interface RenewalSchedule {
  /** The first attempt (ms since the epoch). */
  renewAt: number;
  /** The renewer's documented retries after the first attempt (empty when it documents none). */
  retries: number[];
}

/** The renewer's own schedule when it documents one (`renewsDaysBefore`, `retryDaysBefore`, counted back from
 * expiry) and the certificate is long enough for it, else the certificate's renewal point (⅓ of its lifetime
 * left, ½ under 10 days). Pass the host's model only when the host renews (src/core/engine/renewer.ts). */
export function renewalSchedule(
  cert: Pick<CertificateInfo, 'notBefore' | 'notAfter'>,
  renewal?: Pick<RenewalModel, 'renewsDaysBefore' | 'retryDaysBefore'>,
): RenewalSchedule {
  const days = renewal?.renewsDaysBefore;
  const expiry = Date.parse(cert.notAfter);
  // A host's "30 days before expiry" does not fit a 6-day certificate: the certificate's own point does.
  if (!days || days * DAY >= expiry - Date.parse(cert.notBefore)) return { renewAt: renewalPoint(cert), retries: [] };
  return { renewAt: expiry - days * DAY, retries: (renewal.retryDaysBefore ?? []).map((d) => expiry - d * DAY) };
}
