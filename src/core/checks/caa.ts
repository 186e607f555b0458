// CAA (RFC 8659) as Boulder applies it (va/caa.go): the closest name with records decides; `issue` values
// name allowed CAs; parameters `validationmethods` and `accounturi` restrict further; an unknown tag with
// the critical flag (128, and 1 which Boulder also honours) forbids issuance.
import { caaDomainsForIssuer } from '../ca-domains';
import type { CheckContext, Evidence } from '../evidence';
import { fixSteps } from '../fixes';
import { namesUpTo } from '../names';
import type { Finding } from '../types';

const KNOWN_TAGS = new Set(['issue', 'issuewild', 'iodef', 'issuemail', 'issuevmc', 'contactemail', 'contactphone']);

export interface CaaSet { owner: string; records: { flags: number; tag: string; value: string }[] }

/** The relevant CAA record set (closest non-empty), or null when none exists or a lookup failed first. */
export function relevantCaa(ev: Evidence): CaaSet | null {
  for (const name of namesUpTo(ev.host, ev.registrableDomain)) {
    const ans = ev.caa[name];
    if (!ans || ans.status === 'error') return null;
    const records = ans.records.map((r) => r.caa).filter((c): c is NonNullable<typeof c> => Boolean(c));
    if (records.length) return { owner: name, records };
  }
  return null;
}

export type CaaVerdict = { allowed: true } | { allowed: false; reason: string };

export function caaAllows(set: CaaSet, caDomains: string[], method: string | null): CaaVerdict {
  const critical = set.records.find((r) => !KNOWN_TAGS.has(r.tag.toLowerCase()) && (r.flags & 128 || r.flags & 1));
  if (critical) return { allowed: false, reason: `unknown critical tag "${critical.tag}"` };
  const issue = set.records.filter((r) => r.tag.toLowerCase() === 'issue');
  if (issue.length === 0) return { allowed: true };
  for (const r of issue) {
    const [domain, ...params] = r.value.split(';').map((p) => p.trim());
    if (!caDomains.includes(domain.toLowerCase())) continue;
    const methods = params.find((p) => p.toLowerCase().startsWith('validationmethods='));
    if (methods && method) {
      const allowed = methods.split('=')[1].split(',').map((m) => m.trim().toLowerCase());
      const wanted = method === 'http-01-or-dns-01' ? ['http-01', 'dns-01'] : [method];
      if (!wanted.some((m) => allowed.includes(m))) return { allowed: false, reason: `${domain} allowed only with ${allowed.join(', ')}` };
    }
    return { allowed: true };
  }
  return { allowed: false, reason: `no issue record names ${caDomains.join(' or ')}` };
}

export function checkCaa({ ev, origin, cdn }: CheckContext): Finding[] {
  const set = relevantCaa(ev);
  if (!set) return [];
  const judge = origin ?? (cdn && !origin ? cdn : null);
  let caDomains = judge?.renewal.caaDomains ?? [];
  let method: string | null = judge && judge.renewal.method !== 'cdn-edge' ? judge.renewal.method : null;
  let caName = judge?.names.en ?? '';
  if (caDomains.length === 0 && ev.certificate) {
    caDomains = caaDomainsForIssuer(ev.certificate.issuerOrg, ev.certificate.issuer);
    method = null;
    caName = ev.certificate.issuerOrg ?? ev.certificate.issuer;
  }
  if (caDomains.length === 0) return []; // reported in the DNS details, not judged
  // A CDN with several CAs (Cloudflare) needs any one of them allowed.
  const verdicts = judge?.renewal.method === 'cdn-edge' ? caDomains.map((d) => caaAllows(set, [d], null)) : [caaAllows(set, caDomains, method)];
  if (verdicts.some((v) => v.allowed)) return [];
  const reason = (verdicts[0] as { reason: string }).reason;
  const params = { owner: set.owner, ca: caDomains.join(', '), via: caName, reason, host: origin?.names.en ?? '', host_ja: origin?.names.ja ?? '' };
  return [{
    code: 'CAA_FORBIDS_CA', severity: 'fail',
    message: { key: 'finding_caa_forbids', params }, why: { key: 'why_caa_forbids', params },
    fix: fixSteps('caa', origin, params),
    evidence: set.records.map((r) => `CAA ${set.owner} ${r.flags} ${r.tag} "${r.value}"`),
  }];
}
