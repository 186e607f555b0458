// Let's Encrypt rate limits (letsencrypt.org/docs/rate-limits): 5 certificates per exact set of names and
// 50 per registered domain, per 7 days. CT shows how close the domain is.
import { DAY, type CheckContext } from '../evidence';
import { fixSteps } from '../fixes';
import { certificateNameCovers } from '../names';
import type { Finding } from '../types';

export function checkRateLimit({ ev, origin }: CheckContext): Finding[] {
  if (!ev.ct?.ok) return [];
  const recent = ev.ct.issuances.filter((i) => ev.now - Date.parse(i.notBefore) <= 7 * DAY && Date.parse(i.notBefore) <= ev.now);
  const bySet = new Map<string, number>();
  for (const i of recent) {
    if (!i.names.some((n) => certificateNameCovers(n, ev.host))) continue;
    const key = [...new Set(i.names)].sort().join(',');
    bySet.set(key, (bySet.get(key) ?? 0) + 1);
  }
  const [set, count] = [...bySet.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  const params = { domain: ev.registrableDomain, count, total: recent.length, names: set };
  if (count >= 5) {
    return [{
      code: 'RATE_LIMITED', severity: 'warn', message: { key: 'finding_rate_limited_set', params },
      why: { key: 'why_rate_limited' }, fix: fixSteps('rate-limit', origin, params),
      evidence: [`${count} certificates for ${set} in 7 days (limit 5)`],
    }];
  }
  if (recent.length >= 50) {
    return [{
      code: 'RATE_LIMITED', severity: 'warn', message: { key: 'finding_rate_limited_domain', params },
      why: { key: 'why_rate_limited' }, fix: fixSteps('rate-limit', origin, params),
      evidence: [`${recent.length} certificates under ${ev.registrableDomain} in 7 days (limit 50)`],
    }];
  }
  return [];
}
