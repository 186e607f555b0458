// Xserver's cause 2 as the seed met it: the zone's nameservers are not the host's. Fatal for hosts whose
// renewal re-checks through their own DNS (Lolipop), a risk where that is undocumented, a note otherwise.
import type { CheckContext } from '../engine/evidence';
import { fixSteps } from '../words/fixes';
import type { Finding } from '../engine/types';
import { defineCheck } from './define';

const CODES = ['NAMESERVERS_ELSEWHERE'] as const;
type Code = (typeof CODES)[number];

export const nameserversCheck = defineCheck({
  id: 'nameservers',
  codes: CODES,
  fixCauses: ['nameservers'],
  likelyHostRule: ['NAMESERVERS_ELSEWHERE'],
  run: checkNameservers,
});

export function checkNameservers({ ev, origin, renewer }: CheckContext): Finding<Code>[] {
  if (!origin || ev.nameservers.length === 0) return [];
  const ownNs = origin.rules.some((r) => r.kind === 'ns');
  if (!ownNs) return []; // platforms without nameservers of their own (GitHub Pages) never expect them
  const zone = ev.detection.zoneProvider;
  if (zone && (zone.id === origin.id || origin.renewal.acceptsZoneFrom?.includes(zone.id))) return [];
  const params = {
    host: origin.names.en,
    host_ja: origin.names.ja,
    dns: zone?.names.en ?? ev.nameservers[0],
    dns_ja: zone?.names.ja ?? ev.nameservers[0],
  };
  const evidence = ev.nameservers.map(
    (ns) => `NS ${ev.zoneApex ?? ev.registrableDomain} ${ns}${zone ? ` → ${zone.names.en}` : ''}`,
  );
  // The host's nameserver rule binds only the host's own renewal (a bought certificate, the owner's client: no).
  const needs = renewer.by === 'host' ? origin.renewal.needsOwnNameservers : false;
  if (needs === true) {
    return [
      {
        code: 'NAMESERVERS_ELSEWHERE',
        severity: 'fail',
        message: { key: 'finding_nameservers_fail', params },
        why: { key: 'why_nameservers_fail', params },
        fix: fixSteps('nameservers', origin, params),
        evidence,
      },
    ];
  }
  // The address decides for these hosts: if it does not reach the host either, other findings say so.
  const addressAtHost = Object.values(ev.detection.addressOwner).some((p) => p?.id === origin.id);
  if (needs === 'uncertain' && !addressAtHost) {
    return [
      {
        code: 'NAMESERVERS_ELSEWHERE',
        severity: 'warn',
        message: { key: 'finding_nameservers_warn', params },
        why: { key: 'why_nameservers_warn', params },
        fix: fixSteps('nameservers', origin, params),
        evidence,
      },
    ];
  }
  return [
    { code: 'NAMESERVERS_ELSEWHERE', severity: 'info', message: { key: 'finding_nameservers_info', params }, evidence },
  ];
}
