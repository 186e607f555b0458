// The name must resolve to a public address for any HTTP-01 validation to reach it (Let's Debug: "no
// records", "reserved address"). Only judged when both lookups answered: a failed lookup is "unknown".
//
// Reserved addresses are dropped, not fatal: Boulder's validator keeps only the A/AAAA records outside IANA's
// special-purpose registries and fails the lookup only when neither family has one left (letsencrypt/boulder
// va/dns.go getAddrs → iana.IsReservedAddr; before 2025, bdns/dns.go LookupHost with isPrivateV4/isPrivateV6 —
// the rows are in test/unit/fixtures/boulder-reserved-addresses.json). So a home server published with its
// public A and a private ULA AAAA (fd00::/8) renews over the A record: RESERVED_ADDRESS is a fail only when no
// public address is left, and beside a public one it is info about what visitors on that family get.
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
  const classified = all.map((a) => ({ ...a, range: reservedRange(a.address) }));
  const reserved = classified.filter((a) => a.range);
  if (reserved.length === 0) return [];
  const record = (a: { family: 4 | 6 }) => (a.family === 6 ? 'AAAA' : 'A');
  const evidence = reserved.map((a) => `${record(a)} ${a.address} (${a.range})`);
  const usable = classified.filter((a) => !a.range);
  if (usable.length > 0) {
    const r = reserved[0];
    // Visitors of the reserved address's family: with no public address of that family they are sent to an
    // address that is not the site (browsers fall back to the other family after a delay; some clients fail).
    const sameFamilyPublic = usable.some((u) => u.family === r.family);
    return [
      {
        code: 'RESERVED_ADDRESS',
        severity: 'info',
        message: {
          key: sameFamilyPublic ? 'finding_reserved_address_mixed' : 'finding_reserved_address_family',
          params: {
            name: ev.host,
            address: r.address,
            range: r.range ?? '',
            family: r.family === 6 ? 'IPv6' : 'IPv4',
            public: usable.map((u) => u.address).join(', '),
          },
        },
        evidence: [...evidence, ...usable.map((u) => `${record(u)} ${u.address} (public: validated over)`)],
      },
    ];
  }
  return [
    {
      code: 'RESERVED_ADDRESS',
      severity: 'fail',
      message: { key: 'finding_reserved_address', params: { name: ev.host, address: reserved[0].address } },
      why: { key: 'why_reserved_address' },
      fix: fixSteps('address', origin),
      evidence,
    },
  ];
}
