// Xserver's cause 1: 「該当ドメインが存在しない、もしくは有効期限切れ」. NXDOMAIN for the registrable domain,
// or RDAP's expiration date and status (RFC 9083 §4.5; EPP status values, RFC 5731 §2.3).
import { DAY, isoDate, type CheckContext } from '../evidence';
import { fixSteps } from '../fixes';
import type { Finding } from '../types';

const HELD = ['client hold', 'server hold', 'redemption period', 'pending delete', 'pending restore', 'inactive'];

export function checkDomainRegistration({ ev, origin }: CheckContext): Finding[] {
  const apexNs = ev.ns[ev.registrableDomain];
  if (apexNs?.status === 'nxdomain') {
    return [{
      code: 'DOMAIN_NOT_REGISTERED', severity: 'fail',
      message: { key: 'finding_domain_not_registered', params: { domain: ev.registrableDomain } },
      why: { key: 'why_domain_not_registered' },
      fix: fixSteps('domain', origin, { domain: ev.registrableDomain }),
      evidence: [`NS ${ev.registrableDomain} → NXDOMAIN`],
    }];
  }
  if (!ev.rdap?.ok || !ev.rdap.expiration) return [];
  const exp = Date.parse(ev.rdap.expiration);
  const evidence = [`RDAP expiration ${ev.rdap.expiration}`, ...(ev.rdap.statuses.length ? [`RDAP status ${ev.rdap.statuses.join(', ')}`] : [])];
  const params = { domain: ev.registrableDomain, date: isoDate(exp), days: Math.ceil((exp - ev.now) / DAY) };
  if (exp <= ev.now) {
    const held = ev.rdap.statuses.some((s) => HELD.includes(s));
    return [{
      code: 'DOMAIN_EXPIRED', severity: held ? 'fail' : 'warn',
      message: { key: held ? 'finding_domain_expired_held' : 'finding_domain_expired_grace', params },
      why: { key: 'why_domain_expired' },
      fix: fixSteps('domain', origin, params),
      evidence,
    }];
  }
  if (exp - ev.now <= 30 * DAY) {
    return [{
      code: 'DOMAIN_EXPIRING', severity: 'warn',
      message: { key: 'finding_domain_expiring', params },
      why: { key: 'why_domain_expiring' },
      fix: fixSteps('domain', origin, params),
      evidence,
    }];
  }
  return [];
}
