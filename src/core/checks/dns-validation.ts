// DNS_VALIDATION_BROKEN: DNS validation that public DNS shows and that cannot work.
// - An `_acme-challenge` CNAME (acme-dns, a provider's delegated validation) whose target does not exist
//   (NXDOMAIN): the CA follows the CNAME and finds nothing, so every DNS-01 renewal fails ("DNS problem:
//   NXDOMAIN looking up TXT for _acme-challenge…", Let's Encrypt's error). Fail. A target under a host's or
//   CDN's own names is that provider's delegation, which may answer only while it validates: not judged.
// - A `_validation-persist` TXT record (DNS-PERSIST-01, CA/B Forum ballot SC-088v3, BR §3.2.2.4.22) without the
//   mandatory `accounturi`, or whose `persistUntil` (Unix seconds) has passed: the CA may not use it. Warn: the
//   method is new and a client may still renew another way.
import type { CheckContext } from '../engine/evidence';
import { isoDate } from '../engine/evidence';
import type { Finding } from '../engine/types';
import { defineCheck } from './define';
const CODES = ['DNS_VALIDATION_BROKEN'] as const;
type Code = (typeof CODES)[number];

export const dnsValidationCheck = defineCheck({
  id: 'dns-validation',
  codes: CODES,
  fixCauses: [],
  likelyHostRule: [],
  run: checkDnsValidation,
});

/** `issuer-domain; key=value; …` (CAA issue-value syntax, as SC-088v3 specifies). */
export function parsePersist(value: string): { issuer: string; params: Record<string, string> } {
  const [issuer, ...rest] = value.split(';');
  const params: Record<string, string> = {};
  for (const p of rest) {
    const i = p.indexOf('=');
    if (i > 0) params[p.slice(0, i).trim().toLowerCase()] = p.slice(i + 1).trim();
  }
  return { issuer: issuer.trim().toLowerCase(), params };
}

export function checkDnsValidation({ ev, renewer }: CheckContext): Finding<Code>[] {
  const out: Finding<Code>[] = [];
  const v = renewer.dnsValidation;
  if (v?.kind === 'cname' && v.dangling && renewer.provider === null) {
    const params = { name: ev.host, target: v.target };
    out.push({
      code: 'DNS_VALIDATION_BROKEN',
      severity: 'fail',
      message: { key: 'finding_acme_cname_dangling', params },
      why: { key: 'why_acme_cname_dangling', params },
      fix: [
        { key: 'fix_acme_cname_dangling_1', params },
        { key: 'fix_acme_cname_dangling_2', params },
      ],
      evidence: [`_acme-challenge.${ev.host} CNAME ${v.target} → NXDOMAIN`],
    });
  }
  for (const r of ev.validationPersist?.records ?? []) {
    const { issuer, params: p } = parsePersist(r.value);
    if (!issuer) continue;
    const until =
      p.persistuntil !== undefined && /^\d{1,12}$/.test(p.persistuntil) ? Number(p.persistuntil) * 1000 : null;
    const problem = !p.accounturi ? 'account' : until !== null && until <= ev.now ? 'expired' : null;
    if (!problem) continue;
    const params = { name: ev.host, issuer, date: until !== null ? isoDate(until) : '' };
    out.push({
      code: 'DNS_VALIDATION_BROKEN',
      severity: 'warn',
      message: {
        key: problem === 'account' ? 'finding_persist_no_account' : 'finding_persist_expired',
        params,
      },
      why: { key: 'why_persist', params },
      fix: [{ key: 'fix_persist_1', params }],
      evidence: [`_validation-persist.${ev.host} TXT "${r.value.slice(0, 200)}"`],
    });
  }
  return out;
}
