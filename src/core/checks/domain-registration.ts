// Xserver's cause 1: 「該当ドメインが存在しない、もしくは有効期限切れ」. NXDOMAIN for the registrable domain,
// or the registry's record (RDAP, RFC 9083; JPRS WHOIS for .jp): its expiration date, and its statuses (EPP
// values, RFC 5731 §2.3 / RFC 3915 §3.1, in RDAP's wording, RFC 8056) — which count whatever the date says.
import { isoDate, type CheckContext } from '../engine/evidence';
import { DAY } from '../engine/time';
import { fixSteps } from '../words/fixes';
import type { Finding } from '../engine/types';
import { defineCheck } from './define';

const CODES = ['DOMAIN_NOT_REGISTERED', 'DOMAIN_EXPIRED', 'DOMAIN_EXPIRING'] as const;
type Code = (typeof CODES)[number];

export const domainRegistrationCheck = defineCheck({
  id: 'domain-registration',
  codes: CODES,
  fixCauses: ['domain'],
  likelyHostRule: [],
  run: checkDomainRegistration,
});

/** The domain no longer resolves, or is about to be deleted: renewal fails now. */
const FAIL_STATUSES = ['client hold', 'server hold', 'redemption period', 'pending delete', 'pending restore'];
/** Past its expiry date but still renewable (the registrar or the registry renewed it on credit). */
const WARN_STATUSES = ['auto renew period', 'renew period'];

export function checkDomainRegistration({ ev, origin }: CheckContext): Finding<Code>[] {
  const apexNs = ev.ns[ev.registrableDomain];
  if (apexNs?.status === 'nxdomain') {
    const registry = ev.rdap && !ev.rdap.ok && ev.rdap.kind === 'not-found' ? [`registry: ${ev.rdap.reason}`] : [];
    return [
      {
        code: 'DOMAIN_NOT_REGISTERED',
        severity: 'fail',
        message: { key: 'finding_domain_not_registered', params: { domain: ev.registrableDomain } },
        why: { key: 'why_domain_not_registered' },
        fix: fixSteps('domain', origin, { domain: ev.registrableDomain }),
        evidence: [`NS ${ev.registrableDomain} → NXDOMAIN`, ...registry],
      },
    ];
  }
  if (!ev.rdap?.ok) return [];
  const source = ev.rdap.source === 'whois' ? 'WHOIS' : 'RDAP';
  const exp = ev.rdap.expiration ? Date.parse(ev.rdap.expiration) : null;
  const evidence = [
    ...(ev.rdap.expiration ? [`${source} expiration ${ev.rdap.expiration}`] : []),
    ...(ev.rdap.statuses.length ? [`${source} status ${ev.rdap.statuses.join(', ')}`] : []),
  ];
  const params = {
    domain: ev.registrableDomain,
    date: exp ? isoDate(exp) : '',
    days: exp ? Math.ceil((exp - ev.now) / DAY) : '',
    status: ev.rdap.statuses.join(', '),
  };
  const held = ev.rdap.statuses.filter((s) => FAIL_STATUSES.includes(s));
  const grace = ev.rdap.statuses.filter((s) => WARN_STATUSES.includes(s));
  if (held.length || grace.length || (exp !== null && exp <= ev.now)) {
    const fail = held.length > 0;
    return [
      {
        code: 'DOMAIN_EXPIRED',
        severity: fail ? 'fail' : 'warn',
        message: {
          key: fail
            ? exp !== null && exp <= ev.now
              ? 'finding_domain_expired_held'
              : 'finding_domain_status_held'
            : 'finding_domain_expired_grace',
          params: { ...params, status: held[0] ?? grace[0] ?? '' },
        },
        why: { key: 'why_domain_expired' },
        fix: fixSteps('domain', origin, params),
        evidence,
      },
    ];
  }
  if (exp !== null && exp - ev.now <= 30 * DAY) {
    return [
      {
        code: 'DOMAIN_EXPIRING',
        severity: 'warn',
        message: { key: 'finding_domain_expiring', params },
        why: { key: 'why_domain_expiring' },
        fix: fixSteps('domain', origin, params),
        evidence,
      },
    ];
  }
  return [];
}
