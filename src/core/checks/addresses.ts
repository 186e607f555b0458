// The name must resolve to a public address for any HTTP-01 validation to reach it (Let's Debug: "no
// records", "reserved address"). Only judged when both lookups answered: a failed lookup is "unknown".
import { addressesOf, type CheckContext } from '../engine/evidence';
import { fixSteps } from '../words/fixes';
import { reservedRange } from '../network/ip';
import type { Finding } from '../engine/types';
import { defineCheck } from './define';

const CODES = ['NO_ADDRESS', 'RESERVED_ADDRESS'] as const;
type Code = (typeof CODES)[number];

export const addressesCheck = defineCheck({
  id: 'addresses',
  codes: CODES,
  fixCauses: ['address'],
  likelyHostRule: [],
  run: checkAddresses,
});

export function checkAddresses({ ev, origin }: CheckContext): Finding<Code>[] {
  const answered = (s: string) => s === 'ok' || s === 'nodata' || s === 'nxdomain';
  if (!answered(ev.a.status) || !answered(ev.aaaa.status)) return [];
  const all = addressesOf(ev);
  if (all.length === 0) {
    if (ev.ns[ev.registrableDomain]?.status === 'nxdomain') return []; // DOMAIN_NOT_REGISTERED says it
    return [
      {
        code: 'NO_ADDRESS',
        severity: 'fail',
        message: { key: 'finding_no_address', params: { name: ev.host } },
        why: { key: 'why_no_address' },
        fix: fixSteps('address', origin),
        evidence: [`A ${ev.host} → ${ev.a.status.toUpperCase()}`, `AAAA ${ev.host} → ${ev.aaaa.status.toUpperCase()}`],
      },
    ];
  }
  const reserved = all.map((a) => ({ ...a, range: reservedRange(a.address) })).filter((a) => a.range);
  if (reserved.length === 0) return [];
  return [
    {
      code: 'RESERVED_ADDRESS',
      severity: 'fail',
      message: { key: 'finding_reserved_address', params: { name: ev.host, address: reserved[0].address } },
      why: { key: 'why_reserved_address' },
      fix: fixSteps('address', origin),
      evidence: reserved.map((a) => `${a.family === 6 ? 'AAAA' : 'A'} ${a.address} (${a.range})`),
    },
  ];
}
