// DNSSEC_BROKEN: SERVFAIL that succeeds with CD=1 (RFC 4035 §3.2.2), with the Extended DNS Error text.
// DNS_LOOKUP_FAILED: a lookup the verdict rests on (the zone's NS, the host's addresses) failed: we are blind.
import { edeLabel, type DnsAnswer } from '../dns/resolver';
import type { CheckContext } from '../engine/evidence';
import { fixSteps } from '../words/fixes';
import type { Finding } from '../engine/types';
import { relevantCaa } from './caa';
import { defineCheck } from './define';

const CODES = ['DNSSEC_BROKEN', 'DNS_LOOKUP_FAILED'] as const;
type Code = (typeof CODES)[number];

export const dnsHealthCheck = defineCheck({
  id: 'dns-health',
  codes: CODES,
  fixCauses: ['dnssec'],
  likelyHostRule: [],
  run: checkDnsHealth,
});

export function checkDnsHealth({ ev, origin }: CheckContext): Finding<Code>[] {
  const core: DnsAnswer[] = [...Object.values(ev.ns), ev.a, ev.aaaa];
  const bogus = [...core, ...Object.values(ev.caa)].filter((a) => a.status === 'dnssec-bogus');
  if (bogus.length) {
    return [
      {
        code: 'DNSSEC_BROKEN',
        severity: 'fail',
        message: { key: 'finding_dnssec_broken', params: { name: bogus[0].name } },
        why: { key: 'why_dnssec_broken' },
        fix: fixSteps('dnssec', origin),
        evidence: bogus.map(
          (a) => `${a.type} ${a.name} → SERVFAIL, answers with CD=1${a.ede ? ` (${edeLabel(a.ede)})` : ''}`,
        ),
      },
    ];
  }
  const failed = core.filter((a) => a.status === 'error');
  // The zone's NS: one answer among host…registrable domain is enough to find the zone.
  const nsFailedAll = Object.values(ev.ns).every((a) => a.status === 'error');
  const addrFailed = [ev.a, ev.aaaa].filter((a) => a.status === 'error');
  if (!nsFailedAll && addrFailed.length === 0) {
    // A CAA lookup that failed on our side — every resolver sent a truncated answer (TC=1), or the check's deadline
    // cut it — leaves us blind about CAA: unknown, never "no CAA" and never CAA_LOOKUP_FAILED (caa.ts leaves it here).
    const caa = relevantCaa(ev);
    if (caa.kind !== 'failed' || !(caa.answer.truncated || caa.answer.deadline)) return [];
    const reason = `CAA ${caa.answer.name}: ${caa.answer.error ?? 'lookup failed'}`;
    return [
      {
        code: 'DNS_LOOKUP_FAILED',
        severity: 'unknown',
        message: { key: 'finding_dns_lookup_failed', params: { reason } },
        evidence: [`CAA ${caa.answer.name} → ${caa.answer.error ?? 'failed'}`],
      },
    ];
  }
  const shown = nsFailedAll ? failed : addrFailed;
  // RFC 8914 EDE 22 "No Reachable Authority" / 23 "Network Error": the zone's own nameservers do not answer.
  const unreachable = shown.find((a) => a.ede && (a.ede.code === 22 || a.ede.code === 23));
  return [
    {
      code: 'DNS_LOOKUP_FAILED',
      severity: 'unknown',
      message: unreachable
        ? {
            key: 'finding_dns_authority_unreachable',
            params: { name: unreachable.name, ede: edeLabel(unreachable.ede!) },
          }
        : {
            key: 'finding_dns_lookup_failed',
            params: { reason: (shown[0]?.error ?? 'lookup failed').replace(/[.。]+$/, '') },
          },
      evidence: shown.map((a) => `${a.type} ${a.name} → ${a.error ?? 'failed'}`),
    },
  ];
}
