// Let's Encrypt tries IPv6 first and does not fall back once the IPv6 server answers
// (letsencrypt.org/docs/ipv6-support): an AAAA record at another server breaks validation.
import type { CheckContext } from '../engine/evidence';
import { fixSteps } from '../words/fixes';
import { reservedRange } from '../network/ip';
import type { Finding } from '../engine/types';
import { defineCheck } from './define';

const CODES = ['IPV6_MISMATCH'] as const;
type Code = (typeof CODES)[number];

export const ipv6MismatchCheck = defineCheck({
  id: 'ipv6-mismatch',
  codes: CODES,
  fixCauses: ['ipv6'],
  likelyHostRule: ['IPV6_MISMATCH'],
  run: checkIpv6Mismatch,
});

export function checkIpv6Mismatch({ ev, origin, cdn }: CheckContext): Finding<Code>[] {
  const v4 = ev.a.records.map((r) => r.value);
  const v6 = ev.aaaa.records.map((r) => r.value).filter((a) => !reservedRange(a));
  if (v4.length === 0 || v6.length === 0) return [];
  const owner = (a: string) => ev.detection.addressOwner[a]?.id;
  const v4Owners = new Set(v4.map(owner).filter(Boolean));
  const lines: string[] = [];
  let definite = false;
  for (const a of v6) {
    const o = owner(a);
    const ptr = ev.ptr[a]?.records[0]?.value;
    const label = `AAAA ${a}${ptr ? ` (PTR ${ptr})` : ''}`;
    if (o && v4Owners.size > 0 && !v4Owners.has(o)) {
      lines.push(`${label} → ${ev.detection.addressOwner[a]!.names.en}`);
      definite = true;
    } else if (
      !o &&
      origin &&
      !cdn &&
      v4Owners.has(origin.id) &&
      (origin.renewal.servesIpv6 === false || origin.renewal.addressesKnown)
    ) {
      lines.push(`${label} → not ${origin.names.en}`);
      definite = true;
    } else if (!o && origin && !cdn && v4Owners.has(origin.id) && origin.rules.some((r) => r.kind === 'ptr') && ptr) {
      lines.push(`${label} → not ${origin.names.en}`);
    }
  }
  if (lines.length === 0) return [];
  const params = { host: origin?.names.en ?? '', host_ja: origin?.names.ja ?? '', name: ev.host };
  return [
    {
      code: 'IPV6_MISMATCH',
      severity: definite ? 'fail' : 'warn',
      message: { key: definite ? 'finding_ipv6_mismatch_fail' : 'finding_ipv6_mismatch_warn', params },
      why: { key: 'why_ipv6_mismatch' },
      fix: fixSteps('ipv6', origin, params),
      evidence: [...v4.map((a) => `A ${a}${owner(a) ? ` → ${ev.detection.addressOwner[a]!.names.en}` : ''}`), ...lines],
    },
  ];
}
