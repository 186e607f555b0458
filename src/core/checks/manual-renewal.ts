// MANUAL_RENEWAL (docs/design.md): no automation renews the served certificate — it was bought and installed by
// hand (organisation or extended validation, a CA that is not the host's, a lifetime no automated renewal
// has). The host will never renew it: the owner orders the next one from the seller and installs it, or
// switches to the host's free SSL. Never "the host renews it".
import { maxLifetimeDays } from '../certificates/lifetime-calendar';
import { ORDER_AHEAD_DAYS, orderBy } from '../certificates/renewal-schedule';
import { daysLeft, isoDate, type CheckContext } from '../engine/evidence';
import { servedFrom } from '../engine/renewer';
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

export function checkManualRenewal({ ev, origin, renewer }: CheckContext): Finding<Code>[] {
  const cert = renewer.certificate;
  if (renewer.by !== 'manual' || !cert) return [];
  const notAfter = Date.parse(cert.notAfter);
  if (notAfter <= ev.now) return []; // CERT_EXPIRED says it
  const days = daysLeft(cert.notAfter, ev.now);
  // The order-by date: 30 days before expiry (src/core/certificates/renewal-schedule.ts, the seller's window).
  const order = orderBy(cert);
  // The host's panel only when the site is served from that host (or the user chose it): a VPS or another server
  // on the host's DNS installs its certificate on that server, not in the rental server's panel.
  const host =
    origin?.kind === 'host' &&
    !renewer.ownServer &&
    (servedFrom(ev, origin) || ev.detection.origin?.chosenByUser === true)
      ? origin
      : null;
  const install = host?.paidCertificateInstall;
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
  // "Before {order}" only while that day is still ahead: once the order-by date is today or gone (the seller's
  // 30 days have begun, or the certificate was issued with less than that left), the step says "now".
  const orderAhead = isoDate(order) > isoDate(ev.now);
  const fix: LocalText[] = [
    { key: orderAhead ? 'fix_manual_renewal_1' : 'fix_manual_renewal_1_now', params },
    // The host's own manual for installing a bought certificate, with its panel path; generic steps otherwise.
    install
      ? {
          key: 'fix_manual_renewal_install_path',
          params: { ...params, path: install.panelPath.en, path_ja: install.panelPath.ja, url: install.url },
        }
      : { key: host ? 'fix_manual_renewal_install_host' : 'fix_manual_renewal_install', params },
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
