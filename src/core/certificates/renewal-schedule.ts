// When a certificate's renewer will renew it: the one rule the popup's timeline, the CA-status and ARI checks use.
import { renewalPoint } from '../engine/evidence';
import { DAY } from '../engine/time';
import type { CertificateInfo, RenewerKind } from '../engine/types';
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

/**
 * A certificate bought and installed by hand (the renewer `manual`): order the next one this long before expiry.
 * Sellers open renewals 30 days ahead and add the days left to the new certificate (Sakura: "更新手続きは証明書
 * 有効期限日の30日前から可能です", reminders at 45, 30 and 15 days, https://help.sakura.ad.jp/360000338405539/ and
 * https://help.sakura.ad.jp/ssl/2338/); organisation or extended validation takes days more.
 */
export const ORDER_AHEAD_DAYS = 30;

/** The date to order the next certificate by (MANUAL_RENEWAL's date and the popup's timeline): 30 days before
 * expiry, never before the certificate was issued. */
export function orderBy(cert: Pick<CertificateInfo, 'notBefore' | 'notAfter'>): number {
  return Math.max(Date.parse(cert.notBefore), Date.parse(cert.notAfter) - ORDER_AHEAD_DAYS * DAY);
}

/**
 * Who renews a certificate, as far as its next attempt goes: the engine's renewer (src/core/engine/renewer.ts) and
 * the report's `renewal` both give it.
 */
export interface AttemptBy {
  by: RenewerKind;
  /** A fixed interval CT history proves: its next run (ms; renewal-rhythm.ts nextFixedRun), when not overdue. */
  nextRun?: number | null;
  /** The documented model of the provider whose automation renews (by `host` or `cdn`); ignored for any other. */
  renewal?: Pick<RenewalModel, 'renewsDaysBefore' | 'retryDaysBefore'>;
}

/**
 * When the certificate's renewer next tries to renew it — the one rule (docs/design.md "Who renews the
 * certificate"): a fixed interval CT history proves says when it runs, whatever the lifetime or a documentation
 * says; else the host's documented schedule when the host's own SSL renews (proven or likely), a CDN's when it
 * documents one; else the certificate's own point (⅓ of its lifetime left, ½ under 10 days), which the owner's
 * ACME client or an unknown renewer keeps. A certificate bought by hand has no automated attempt: null. The
 * detected host's schedule is never the owner's certbot's on that company's VPS, nor a bought certificate's.
 * Not ARI's window: RENEWAL_REQUESTED_EARLY compares the CA's window against this point.
 */
export function attemptSchedule(
  cert: Pick<CertificateInfo, 'notBefore' | 'notAfter'>,
  who: AttemptBy,
): RenewalSchedule | null {
  if (who.by === 'manual') return null;
  if (who.nextRun !== undefined && who.nextRun !== null && Number.isFinite(who.nextRun))
    return { renewAt: who.nextRun, retries: [] };
  return renewalSchedule(cert, who.by === 'host' || who.by === 'cdn' ? who.renewal : undefined);
}

/**
 * What a certificate's timeline marks (the popup's certificate card): for a certificate bought by hand the date to
 * order the next one by; else the renewer's next attempt (`attemptSchedule`, the date CA_MAINTENANCE and
 * RENEWAL_REQUESTED_EARLY use): a proven fixed interval's run (the report's `renewal.nextRun`, the date
 * RENEWAL_INTERVAL_TOO_LONG and the verdict sentence say — after expiry, the bar ends before it), the host's or
 * CDN's documented schedule, or the certificate's own point.
 */
export function timelineMarker(
  cert: Pick<CertificateInfo, 'notBefore' | 'notAfter'>,
  who: {
    by?: RenewerKind;
    nextRun?: string;
    renewal?: Pick<RenewalModel, 'renewsDaysBefore' | 'retryDaysBefore'>;
  } = {},
): RenewalSchedule & { marker: 'renew' | 'order' } {
  const by = who.by ?? 'unknown';
  const nextRun = who.nextRun ? Date.parse(who.nextRun) : null;
  const schedule = attemptSchedule(cert, { by, nextRun, renewal: who.renewal });
  return schedule ? { ...schedule, marker: 'renew' } : { renewAt: orderBy(cert), retries: [], marker: 'order' };
}
