// MANUAL_RENEWAL (docs/design.md): no automation renews the served certificate — it was bought and installed by
// hand (organisation or extended validation, a CA that is not the host's, a lifetime no automated renewal
// has). The host will never renew it: the owner orders the next one from the seller and installs it, or
// switches to the host's free SSL. Never "the host renews it".
import { maxLifetimeDays } from '../certificates/lifetime-calendar';
import { daysLeft, isoDate, type CheckContext } from '../engine/evidence';
import { DAY } from '../engine/time';
import type { Finding, LocalText } from '../engine/types';
import { defineCheck } from './define';
const CODES = ['MANUAL_RENEWAL'] as const;
type Code = (typeof CODES)[number];

export const manualRenewalCheck = defineCheck({
  id: 'manual-renewal',
  codes: CODES,
  fixCauses: [],
  likelyHostRule: [],
  run: checkManualRenewal,
});

/** Sellers open renewal orders about a month ahead; a new order plus validation takes days (OV/EV longer). */
const ORDER_AHEAD_DAYS = 30;

export function checkManualRenewal({ ev, origin, renewer }: CheckContext): Finding<Code>[] {
  const cert = renewer.certificate;
  if (renewer.by !== 'manual' || !cert) return [];
  const notAfter = Date.parse(cert.notAfter);
  if (notAfter <= ev.now) return []; // CERT_EXPIRED says it
  const days = daysLeft(cert.notAfter, ev.now);
  const order = notAfter - ORDER_AHEAD_DAYS * DAY;
  const host = origin?.kind === 'host' ? origin : null;
  const params = {
    name: ev.host,
    date: isoDate(notAfter),
    days,
    order: isoDate(Math.max(order, ev.now)),
    seller: renewer.caName,
    max: maxLifetimeDays(ev.now),
    host: host?.names.en ?? '',
    host_ja: host?.names.ja ?? '',
    hostca: host?.renewal.caaDomains.join(', ') ?? '',
  };
  const fix: LocalText[] = [
    { key: 'fix_manual_renewal_1', params },
    { key: host ? 'fix_manual_renewal_install_host' : 'fix_manual_renewal_install', params },
    ...(host?.renewal.caaDomains.length ? [{ key: 'fix_manual_renewal_free_ssl' as const, params }] : []),
  ];
  const soon = days <= ORDER_AHEAD_DAYS;
  return [
    {
      code: 'MANUAL_RENEWAL',
      severity: soon ? 'warn' : 'info',
      message: { key: soon ? 'finding_manual_renewal_soon' : 'finding_manual_renewal', params },
      why: { key: 'why_manual_renewal', params },
      fix,
      evidence: renewer.evidence,
    },
  ];
}
