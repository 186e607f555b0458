// The DNS answers read once: the zone (apex, nameservers, SOA), mail (MX, SPF) and addresses as host detection
// and the checks want them, and the summary the popup's "DNS" card and the JSON show.
import type { CaaSelection } from '../certificates/caa';
import type { DnsAnswer } from '../dns/resolver';
import type { Detection, DetectionInput } from '../providers/detect-provider';
import type { DnsPart } from './gathered';
import type { DnsSummary } from './types';

export interface ZoneFacts {
  /** NS and CAA answers by name (the host and each parent up to the registrable domain). */
  ns: Record<string, DnsAnswer>;
  caa: Record<string, DnsAnswer>;
  zoneApex: string | null;
  nameservers: string[];
  spf: string | null;
  /** What host detection reads from DNS (the response headers and the user's choice come from elsewhere). */
  detection: Omit<DetectionInput, 'headers' | 'override'>;
}

export function zoneFacts(names: string[], d: DnsPart): ZoneFacts {
  const apexAnswer = d.nsList.find((x) => x.status === 'ok' && x.records.length > 0 && x.cnames.length === 0);
  const soa = d.nsList.map((x) => x.soa).find(Boolean);
  const nameservers = apexAnswer ? apexAnswer.records.map((r) => r.value).sort() : [];
  const spf = d.txt.records.map((r) => r.value).find((v) => /^v=spf1\b/i.test(v)) ?? null;
  return {
    ns: Object.fromEntries(names.map((n, i) => [n, d.nsList[i]])),
    caa: Object.fromEntries(names.map((n, i) => [n, d.caaList[i]])),
    zoneApex: apexAnswer?.name ?? soa?.name ?? null,
    nameservers,
    spf,
    detection: {
      nameservers,
      soa: soa?.soa ? { mname: soa.soa.mname, rname: soa.soa.rname } : null,
      addresses: [...d.a.records, ...d.aaaa.records].map((r) => ({
        address: r.value,
        ptr: d.ptr[r.value]?.records[0]?.value,
      })),
      cnames: [...d.a.cnames, ...d.aaaa.cnames].filter((c, i, all) => all.indexOf(c) === i),
      mx: d.mx.records.map((r) => r.value.split(' ')[1] ?? r.value),
      spf,
    },
  };
}

export function dnsSummary(zone: ZoneFacts, d: DnsPart, detection: Detection, caa: CaaSelection): DnsSummary {
  return {
    zoneApex: zone.zoneApex,
    nameservers: zone.nameservers.map((n) => ({
      name: n,
      provider: detection.nameserverOwner[n]?.names.en,
      providerId: detection.nameserverOwner[n]?.id,
    })),
    cnameChain: d.a.cnames,
    addresses: [
      ...d.a.records.map((r) => ({ r, family: 4 as const })),
      ...d.aaaa.records.map((r) => ({ r, family: 6 as const })),
    ].map(({ r, family }) => ({
      address: r.value,
      family,
      ptr: d.ptr[r.value]?.records[0]?.value,
      provider: detection.addressOwner[r.value]?.names.en,
    })),
    caa:
      caa.kind === 'set'
        ? { owner: caa.set.owner, records: caa.set.records.map((r) => `${r.flags} ${r.tag} "${r.value}"`) }
        : null,
    mx: d.mx.records.map((r) => r.value),
    spf: zone.spf,
  };
}
