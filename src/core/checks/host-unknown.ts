// HOST_UNKNOWN: nothing we know published these records. The records themselves are the evidence, so the user
// can tell us (or choose the host) from what we saw.
import { addressesOf, type CheckContext } from '../engine/evidence';
import type { Finding } from '../engine/types';
import { defineCheck } from './define';

const CODES = ['HOST_UNKNOWN'] as const;
type Code = (typeof CODES)[number];

export const hostUnknownCheck = defineCheck({
  id: 'host-unknown',
  codes: CODES,
  fixCauses: [],
  likelyHostRule: [],
  run: checkHostUnknown,
});

export function checkHostUnknown({ ev, origin, cdn }: CheckContext): Finding<Code>[] {
  if (origin || cdn) return [];
  if (ev.a.status === 'error' || ev.a.records.length + ev.aaaa.records.length === 0) return [];
  const evidence = [
    ...ev.nameservers.slice(0, 4).map((n) => `NS ${n}`),
    ...[...ev.a.cnames, ...ev.aaaa.cnames]
      .filter((c, i, all) => all.indexOf(c) === i)
      .slice(0, 4)
      .map((c) => `CNAME ${c}`),
    ...addressesOf(ev)
      .slice(0, 4)
      .map(({ address, family }) => {
        const ptr = ev.ptr[address]?.records[0]?.value;
        return `${family === 6 ? 'AAAA' : 'A'} ${address}${ptr ? ` → PTR ${ptr}` : ''}`;
      }),
    ...(ev.mx?.records ?? []).slice(0, 2).map((r) => `MX ${r.value}`),
  ];
  return [
    {
      code: 'HOST_UNKNOWN',
      severity: 'info',
      message: { key: 'finding_host_unknown', params: { name: ev.host } },
      evidence,
    },
  ];
}
