// Which host serves the site, and is a CDN in front of it? Reads only provider data (src/core/providers);
// each match becomes an evidence line a person can check ("MX sv15077.xserver.jp → Xserver").
import { addressInCidr } from './ip';
import { PROVIDERS } from './providers';
import type { Provider, RecognitionRule } from './providers/types';

export interface DetectionInput {
  nameservers: string[];
  soa: { mname: string; rname: string } | null;
  addresses: { address: string; ptr?: string }[];
  cnames: string[];
  headers: Record<string, string> | null;
  mx: string[];
  spf: string | null;
  /** The user's choice ("Not right? choose the host"): always wins. */
  override?: string | null;
}

/** site = what the web address shows (addresses, CNAMEs, headers); zone = who runs DNS; mail = MX/SPF leaks. */
export type EvidenceSide = 'site' | 'zone' | 'mail';

export interface Match {
  provider: Provider;
  rule: RecognitionRule;
  side: EvidenceSide;
  evidence: string;
  /** The record (or header) value the rule matched: a nameserver's name, an address, a CNAME target… */
  record: string;
  address?: string;
}

export interface Candidate { provider: Provider; score: number; evidence: string[] }

export interface Detection {
  origin: (Candidate & { chosenByUser: boolean; brand?: string }) | null;
  cdn: Candidate | null;
  /** Other hosts that matched, weaker than the origin. */
  others: Candidate[];
  /** Whose nameservers the zone uses, if recognised. */
  zoneProvider: Provider | null;
  /** Which provider each address belongs to, when its PTR or range says so. */
  addressOwner: Record<string, Provider | undefined>;
  /** Which provider runs each nameserver, when its name says so. */
  nameserverOwner: Record<string, Provider | undefined>;
  matches: Match[];
}

const THRESHOLD = 0.5;
const regexCache = new Map<string, RegExp>();
function re(pattern: string): RegExp {
  let r = regexCache.get(pattern);
  if (!r) {
    r = new RegExp(pattern, 'i');
    regexCache.set(pattern, r);
  }
  return r;
}

const weightOf = (rule: RecognitionRule) => (rule.unconfirmed ? Math.min(rule.weight, 0.3) : rule.weight);

function ruleMatches(provider: Provider, rule: RecognitionRule, input: DetectionInput): Match[] {
  const out: Match[] = [];
  const name = provider.names.en;
  const add = (side: EvidenceSide, evidence: string, record: string, address?: string) => out.push({ provider, rule, side, evidence, record, address });
  const test = (value: string) => rule.pattern !== undefined && re(rule.pattern).test(value);
  switch (rule.kind) {
    case 'ns':
      for (const ns of input.nameservers) if (test(ns)) add('zone', `NS ${ns} → ${name}`, ns);
      break;
    case 'soa':
      if (input.soa && (test(input.soa.mname) || test(input.soa.rname))) add('zone', `SOA ${input.soa.mname} ${input.soa.rname} → ${name}`, input.soa.mname);
      break;
    case 'ptr':
      for (const a of input.addresses) if (a.ptr && test(a.ptr)) add('site', `PTR ${a.address} → ${a.ptr} → ${name}`, a.ptr, a.address);
      break;
    case 'ip':
      for (const a of input.addresses) {
        const cidr = rule.cidrs?.find((c) => addressInCidr(a.address, c));
        if (cidr) add('site', `${a.address.includes(':') ? 'AAAA' : 'A'} ${a.address} in ${cidr} → ${name}`, a.address, a.address);
      }
      break;
    case 'cname':
      for (const c of input.cnames) if (test(c)) add('site', `CNAME ${c} → ${name}`, c);
      break;
    case 'header': {
      const value = rule.header ? input.headers?.[rule.header] : undefined;
      if (value !== undefined && (rule.pattern === undefined || test(value))) add('site', `Header ${rule.header}: ${value.slice(0, 80)} → ${name}`, value);
      break;
    }
    case 'mx':
      for (const mx of input.mx) if (test(mx)) add('mail', `MX ${mx} → ${name}`, mx);
      break;
    case 'spf':
      if (input.spf && rule.pattern) {
        const m = input.spf.match(re(rule.pattern));
        if (m) add('mail', `SPF ${m[0]} → ${name}`, m[0]);
      }
      break;
  }
  return out;
}

function rank(matches: Match[], filter: (m: Match) => boolean): Candidate[] {
  const byProvider = new Map<string, Candidate & { rules: Set<RecognitionRule> }>();
  for (const m of matches.filter(filter)) {
    let c = byProvider.get(m.provider.id);
    if (!c) {
      c = { provider: m.provider, score: 0, evidence: [], rules: new Set() };
      byProvider.set(m.provider.id, c);
    }
    // A rule counts once however many records it matched; every line stays as evidence.
    if (!c.rules.has(m.rule)) {
      c.rules.add(m.rule);
      c.score += weightOf(m.rule);
    }
    if (!c.evidence.includes(m.evidence)) c.evidence.push(m.evidence);
  }
  return [...byProvider.values()]
    .filter((c) => c.score >= THRESHOLD)
    .map(({ provider, score, evidence }) => ({ provider, score, evidence }))
    .sort((a, b) => b.score - a.score || a.provider.id.localeCompare(b.provider.id));
}

export function detectProvider(input: DetectionInput, providers: readonly Provider[] = PROVIDERS): Detection {
  const matches = providers.flatMap((p) => p.rules.flatMap((r) => ruleMatches(p, r, input)));

  const siteHosts = rank(matches, (m) => m.side === 'site' && m.provider.kind === 'host');
  const otherHosts = rank(matches, (m) => m.side !== 'site' && m.provider.kind === 'host');
  const allHosts = rank(matches, (m) => m.provider.kind === 'host');
  const siteHost = siteHosts[0];
  const servedVia = new Set(siteHost?.provider.servedVia ?? []);
  const cdn = rank(matches, (m) => m.side === 'site' && m.provider.kind === 'cdn' && !servedVia.has(m.provider.id))[0] ?? null;

  let origin: Detection['origin'] = null;
  const chosen = input.override ? providers.find((p) => p.id === input.override) : undefined;
  if (chosen) {
    const own = allHosts.find((c) => c.provider.id === chosen.id) ?? rank(matches, (m) => m.provider.id === chosen.id)[0];
    origin = { provider: chosen, score: own?.score ?? 0, evidence: own?.evidence ?? [], chosenByUser: true };
  } else {
    // What the web address shows wins; behind a CDN, what leaks past it (mail, nameservers) names the origin;
    // else all the hints together (several unconfirmed facts can add up).
    const best = siteHost ?? otherHosts[0] ?? allHosts[0];
    if (best) {
      const merged = allHosts.find((c) => c.provider.id === best.provider.id) ?? best;
      origin = { ...merged, chosenByUser: false };
    }
  }
  if (origin?.provider.brands) {
    const brand = origin.provider.brands.find((b) => b.rules.some((r) => ruleMatches(origin!.provider, r, input).length > 0));
    if (brand) origin = { ...origin, brand: brand.name };
  }

  const zone = rank(matches, (m) => m.side === 'zone')[0]?.provider ?? null;
  const addressOwner: Detection['addressOwner'] = {};
  for (const m of matches) if (m.address && !addressOwner[m.address]) addressOwner[m.address] = m.provider;
  const nameserverOwner: Detection['nameserverOwner'] = {};
  for (const m of matches) if (m.rule.kind === 'ns' && !nameserverOwner[m.record]) nameserverOwner[m.record] = m.provider;

  return {
    origin,
    cdn,
    others: allHosts.filter((c) => c.provider.id !== origin?.provider.id),
    zoneProvider: zone,
    addressOwner,
    nameserverOwner,
    matches,
  };
}
