// Xserver's 「DNS参照先サーバーが当サーバーではない」 without a CDN: the host is known (its nameservers,
// mail, headers or the user's choice) but the address belongs to another server.
import { addressesOf, type CheckContext, notAtHost } from '../engine/evidence';
import { fixSteps } from '../words/fixes';
import { reservedRange } from '../network/ip';
import type { Finding } from '../engine/types';
import { defineCheck } from './define';

const CODES = ['ADDRESS_ELSEWHERE'] as const;
type Code = (typeof CODES)[number];

export const addressElsewhereCheck = defineCheck({
  id: 'address-elsewhere',
  codes: CODES,
  fixCauses: ['address'],
  likelyHostRule: ['ADDRESS_ELSEWHERE'],
  run: checkAddressElsewhere,
});

export function checkAddressElsewhere({ ev, origin, cdn, renewer }: CheckContext): Finding<Code>[] {
  if (!origin || cdn || origin.renewal.needsAddress === false) return [];
  // Only when the host renews: a VPS of the same company (the owner's own server), a certificate bought by hand
  // or the owner's own ACME client do not need the name at the host's shared servers (docs/design.md "the renewer").
  if (renewer.by !== 'host') return [];
  const elsewhere: string[] = [];
  // When the A records reach the host, an AAAA elsewhere is the stale record IPV6_MISMATCH names (and fixes):
  // saying "the address is not the host's" would send the user to move the A record that works.
  const v4AtHost = ev.a.records.some((r) => ev.detection.addressOwner[r.value]?.id === origin.id);
  for (const { address, family } of addressesOf(ev)) {
    if (reservedRange(address)) continue; // RESERVED_ADDRESS says it
    if (family === 6 && v4AtHost) continue;
    const where = notAtHost(ev, origin, address, family);
    const ptr = ev.ptr[address]?.records[0]?.value;
    if (where) elsewhere.push(`${family === 6 ? 'AAAA' : 'A'} ${address}${ptr ? ` (PTR ${ptr})` : ''} → ${where}`);
  }
  if (elsewhere.length === 0) return [];
  const params = { host: origin.names.en, host_ja: origin.names.ja, name: ev.host };
  return [
    {
      code: 'ADDRESS_ELSEWHERE',
      severity: 'fail',
      message: { key: 'finding_address_elsewhere', params },
      why: { key: 'why_address_elsewhere', params },
      fix: fixSteps('address', origin, params),
      evidence: [...elsewhere, ...(ev.detection.origin?.evidence ?? [])],
    },
  ];
}
