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
 * expiry), else the certificate's renewal point (⅓ of its lifetime, at most 30 days, before expiry). */
export function renewalSchedule(
  cert: Pick<CertificateInfo, 'notBefore' | 'notAfter'>,
  renewal?: Pick<RenewalModel, 'renewsDaysBefore' | 'retryDaysBefore'>,
): RenewalSchedule {
  const days = renewal?.renewsDaysBefore;
  if (!days) return { renewAt: renewalPoint(cert), retries: [] };
  const expiry = Date.parse(cert.notAfter);
  return { renewAt: expiry - days * DAY, retries: (renewal.retryDaysBefore ?? []).map((d) => expiry - d * DAY) };
}
