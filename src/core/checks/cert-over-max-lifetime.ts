// CERT_OVER_MAX_LIFETIME (docs/design.md): a publicly trusted certificate whose lifetime exceeds the CA/B Forum's
// maximum for its issue date (ballot SC-081v3: the calendar in src/core/certificates/lifetime-calendar.ts). The CA
// must revoke such a certificate (BR §4.9.1.1, misissuance): expect it to be replaced.
import { maxLifetimeDays } from '../certificates/lifetime-calendar';
import { isoDate, type CheckContext } from '../engine/evidence';
import { DAY } from '../engine/time';
import type { Finding } from '../engine/types';
import { defineCheck } from './define';
const CODES = ['CERT_OVER_MAX_LIFETIME'] as const;
type Code = (typeof CODES)[number];

export const certOverMaxLifetimeCheck = defineCheck({
  id: 'cert-over-max-lifetime',
  codes: CODES,
  fixCauses: [],
  likelyHostRule: [],
  run: checkCertOverMaxLifetime,
});

export function checkCertOverMaxLifetime({ ev }: CheckContext): Finding<Code>[] {
  const cert = ev.certificate;
  // Only publicly trusted certificates are bound by the Baseline Requirements (a private CA's are not).
  if (!cert || cert.untrusted || cert.trusted === false) return [];
  const nb = Date.parse(cert.notBefore);
  const life = Date.parse(cert.notAfter) - nb;
  const max = maxLifetimeDays(nb);
  // BR counts notAfter inclusively (one second more than notAfter − notBefore): a day of slack keeps that
  // second and time-zone rounding from ever raising this on a certificate at exactly the maximum.
  if (life <= (max + 1) * DAY) return [];
  const params = {
    name: ev.host,
    days: Math.round(life / DAY),
    max,
    issued: isoDate(nb),
    issuer: cert.issuerOrg ?? cert.issuer,
  };
  return [
    {
      code: 'CERT_OVER_MAX_LIFETIME',
      severity: 'warn',
      message: { key: 'finding_cert_over_max_lifetime', params },
      why: { key: 'why_cert_over_max_lifetime', params },
      fix: [{ key: 'fix_cert_over_max_lifetime_1', params }],
      evidence: [
        `${cert.issuer}, ${cert.notBefore} – ${cert.notAfter}: ${params.days} days; maximum for ${params.issued}: ${max} days`,
      ],
    },
  ];
}
