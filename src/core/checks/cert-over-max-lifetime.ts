// CERT_OVER_MAX_LIFETIME (docs/design.md): a publicly trusted certificate whose lifetime exceeds the CA/B Forum's
// maximum for its issue date. Baseline Requirements §6.3.2 as amended by ballot SC-081v3
// (https://cabforum.org/2025/04/11/ballot-sc081v3-introduce-schedule-of-reducing-validity-and-data-reuse-periods/):
// 398 days before 2026-03-15, then 200, 100 from 2027-03-15, 47 from 2029-03-15. The CA must revoke such a
// certificate (BR §4.9.1.1, misissuance): expect it to be replaced.
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

const SCHEDULE: [from: string, days: number][] = [
  ['2029-03-15T00:00:00Z', 47],
  ['2027-03-15T00:00:00Z', 100],
  ['2026-03-15T00:00:00Z', 200],
];

/** The longest lifetime a certificate issued at `at` may have. */
export function maxLifetimeDays(at: number): number {
  return SCHEDULE.find(([from]) => at >= Date.parse(from))?.[1] ?? 398;
}

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
