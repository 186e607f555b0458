// Let's Encrypt's issuance limits as it counts them (https://letsencrypt.org/docs/rate-limits/):
// - "New Certificates per Exact Set of Identifiers": 5 per 7 days for one exact set of names — renewals count;
// - "New Certificates per Registered Domain": 50 per 7 days — a renewal (a certificate for a set of names
//   already issued before) is exempt, and only Let's Encrypt's own certificates count.
// Other CAs publish other limits (or none); we do not judge those. CT shows how close the domain is.
import { caaDomainsForIssuer } from '../certificates/ca-domains';
import type { CheckContext } from '../engine/evidence';
import { DAY } from '../engine/time';
import { fixSteps } from '../words/fixes';
import { certificateNameCovers } from '../network/names';
import type { Issuance } from '../sources/ct';
import type { Finding } from '../engine/types';
import { defineCheck } from './define';

const CODES = ['RATE_LIMITED'] as const;
type Code = (typeof CODES)[number];

export const rateLimitCheck = defineCheck({
  id: 'rate-limit',
  codes: CODES,
  fixCauses: ['rate-limit'],
  likelyHostRule: [],
  run: checkRateLimit,
});

const LE = 'letsencrypt.org';
const WINDOW = 7 * DAY;
export const EXACT_SET_LIMIT = 5;
export const REGISTERED_DOMAIN_LIMIT = 50;

const isLetsEncrypt = (i: Pick<Issuance, 'issuer' | 'issuerOrg'>) =>
  caaDomainsForIssuer(i.issuerOrg, i.issuer).includes(LE);
const nameSet = (i: Issuance) => [...new Set(i.names.map((n) => n.toLowerCase()))].sort().join(',');

export function checkRateLimit({ ev, origin, cdn }: CheckContext): Finding<Code>[] {
  if (!ev.ct?.ok) return [];
  // Whose limits: the CA the host renews with, else the CA of the certificate in service.
  const judge = origin ?? cdn;
  const usesLe = judge?.renewal.caaDomains.length
    ? judge.renewal.caaDomains.includes(LE)
    : ev.certificate
      ? isLetsEncrypt(ev.certificate)
      : false;
  if (!usesLe) return [];

  const issued = ev.ct.issuances.filter((i) => isLetsEncrypt(i) && Date.parse(i.notBefore) <= ev.now);
  const recent = issued.filter((i) => ev.now - Date.parse(i.notBefore) <= WINDOW);

  const bySet = new Map<string, number>();
  for (const i of recent) {
    if (!i.names.some((n) => certificateNameCovers(n, ev.host))) continue;
    const key = nameSet(i);
    bySet.set(key, (bySet.get(key) ?? 0) + 1);
  }
  const [set, count] = [...bySet.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? ['', 0];

  // A certificate is new (not a renewal) when no earlier certificate had exactly its names.
  const newCerts = recent.filter(
    (i) =>
      !issued.some((p) => p !== i && nameSet(p) === nameSet(i) && Date.parse(p.notBefore) < Date.parse(i.notBefore)),
  );
  const params = { domain: ev.registrableDomain, count, total: newCerts.length, names: set };
  if (count >= EXACT_SET_LIMIT) {
    return [
      {
        code: 'RATE_LIMITED',
        severity: 'warn',
        message: { key: 'finding_rate_limited_set', params },
        why: { key: 'why_rate_limited' },
        fix: fixSteps('rate-limit', origin, params),
        evidence: [
          `${count} Let's Encrypt certificates for ${set} in 7 days (limit ${EXACT_SET_LIMIT} per exact set of names)`,
        ],
      },
    ];
  }
  if (newCerts.length >= REGISTERED_DOMAIN_LIMIT) {
    return [
      {
        code: 'RATE_LIMITED',
        severity: 'warn',
        message: { key: 'finding_rate_limited_domain', params },
        why: { key: 'why_rate_limited' },
        fix: fixSteps('rate-limit', origin, params),
        evidence: [
          `${newCerts.length} new Let's Encrypt certificates under ${ev.registrableDomain} in 7 days, renewals not counted (limit ${REGISTERED_DOMAIN_LIMIT})`,
        ],
      },
    ];
  }
  return [];
}
