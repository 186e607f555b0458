// Which host serves the site, and is a CDN in front of it? Reads only provider data (src/core/providers);
// each match becomes an evidence line a person can check ("MX sv15077.xserver.jp → Xserver").
import { compileRanges, findRange, type RangeSet } from '../network/ip';
import { PROVIDERS } from './index';
import type { Provider, RecognitionRule } from './types';

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

export interface Candidate {
  provider: Provider;
  score: number;
  evidence: string[];
}

/** high: the evidence identifies the host (or the user chose it); low: the likeliest host, not proven. */
export type Confidence = 'high' | 'low';

export interface Detection {
  origin: (Candidate & { chosenByUser: boolean; brand?: string; confidence: Confidence }) | null;
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

/**
 * A rule's weight. "Unconfirmed" (docs/sources/ could not check the rule against an official page) caps what the
 * rule is worth — except for names only the provider can publish: an NS, PTR or CNAME target under the
 * provider's own domain identifies it whether or not its renewal rules are confirmed (docs/design.md "Who is the
 * host"). Unconfirmed lowers our confidence in a renewal rule, never turns the host's own names into "elsewhere".
 */
const IDENTITY_KINDS: ReadonlySet<RecognitionRule['kind']> = new Set(['ns', 'ptr', 'cname']);
const weightOf = (rule: RecognitionRule) =>
  rule.unconfirmed && !IDENTITY_KINDS.has(rule.kind) ? Math.min(rule.weight, 0.3) : rule.weight;
/** Below the threshold but at least this: a likely host, named with "choose the host if not". */
const LIKELY = 0.3;

/** Each `ip` rule's blocks merged, sorted and binary-searched (thousands of published ranges, one lookup each). */
const rangeCache = new WeakMap<RecognitionRule, RangeSet>();
function rangesOf(rule: RecognitionRule): RangeSet {
  let set = rangeCache.get(rule);
  if (!set) {
    set = compileRanges(rule.cidrs ?? []);
    rangeCache.set(rule, set);
  }
  return set;
}

function ruleMatches(provider: Provider, rule: RecognitionRule, input: DetectionInput): Match[] {
  const out: Match[] = [];
  const name = provider.names.en;
  const add = (side: EvidenceSide, evidence: string, record: string, address?: string) =>
    out.push({ provider, rule, side, evidence, record, address });
  const test = (value: string) => rule.pattern !== undefined && re(rule.pattern).test(value);
  switch (rule.kind) {
    case 'ns':
      for (const ns of input.nameservers) if (test(ns)) add('zone', `NS ${ns} → ${name}`, ns);
      break;
    case 'soa':
      if (input.soa && (test(input.soa.mname) || test(input.soa.rname)))
        add('zone', `SOA ${input.soa.mname} ${input.soa.rname} → ${name}`, input.soa.mname);
      break;
    case 'ptr':
      for (const a of input.addresses)
        if (a.ptr && test(a.ptr)) add('site', `PTR ${a.address} → ${a.ptr} → ${name}`, a.ptr, a.address);
      break;
    case 'ip':
      for (const a of input.addresses) {
        const cidr = findRange(rangesOf(rule), a.address);
        const list = rule.published ? ` (list of ${rule.published})` : '';
        if (cidr)
          add(
            'site',
            `${a.address.includes(':') ? 'AAAA' : 'A'} ${a.address} in ${cidr}${list} → ${name}`,
            a.address,
            a.address,
          );
      }
      break;
    case 'cname':
      for (const c of input.cnames) if (test(c)) add('site', `CNAME ${c} → ${name}`, c);
      break;
    case 'header': {
      const value = rule.header ? input.headers?.[rule.header] : undefined;
      if (value !== undefined && (rule.pattern === undefined || test(value)))
        add('site', `Header ${rule.header}: ${value.slice(0, 80)} → ${name}`, value);
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

function rank(matches: Match[], filter: (m: Match) => boolean, min = THRESHOLD): Candidate[] {
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
  // Evidence lines sorted, so the order of records and providers in the input never shows.
  return [...byProvider.values()]
    .filter((c) => c.score >= min)
    .map(({ provider, score, evidence }) => ({ provider, score, evidence: [...evidence].sort() }))
    .sort(byScore);
}

/** Higher score first; the provider id only orders what is reported, it never decides an origin (see pick). */
const byScore = (a: Candidate, b: Candidate) =>
  b.score - a.score || (a.provider.id < b.provider.id ? -1 : a.provider.id > b.provider.id ? 1 : 0);

const isV6Match = (m: Match) => m.address?.includes(':');

/**
 * The origin: the host all evidence together supports. What the web address shows decides first — its IPv4
 * addresses and CNAMEs before its IPv6 ones (when A and AAAA disagree the AAAA is the stale record:
 * IPV6_MISMATCH says so) — then what leaks past a CDN (nameservers, mail), then every hint together. Two
 * candidates tied on one side are separated by all the evidence; a tie that remains is no identification.
 */
function pickOrigin(matches: Match[]): { best: Candidate; confidence: Confidence } | null {
  const hosts = (m: Match) => m.provider.kind === 'host';
  const all = rank(matches, hosts, 0);
  const total = (c: Candidate) => all.find((x) => x.provider.id === c.provider.id)?.score ?? 0;
  const tiers: ((m: Match) => boolean)[] = [
    (m) => hosts(m) && m.side === 'site' && !isV6Match(m),
    (m) => hosts(m) && m.side === 'site',
    (m) => hosts(m) && m.side !== 'site',
    hosts,
  ];
  for (const tier of tiers) {
    const ranked = rank(matches, tier).map((c) => ({ ...c, total: total(c) }));
    if (!ranked.length) continue;
    ranked.sort((a, b) => b.score - a.score || b.total - a.total);
    const [first, second] = ranked;
    const tied = second !== undefined && second.score === first.score && second.total === first.total;
    if (tied) continue; // the next tier (more evidence) may separate them
    const merged = all.find((c) => c.provider.id === first.provider.id) ?? first;
    return { best: merged, confidence: 'high' };
  }
  // Nothing reaches the threshold (or ties everywhere): the strongest hint, if there is one and only one.
  const likely = all.filter((c) => c.score >= LIKELY);
  if (likely.length && (likely.length === 1 || likely[0].score > likely[1].score))
    return { best: likely[0], confidence: 'low' };
  return null;
}

/** The provider a record belongs to: the strongest rule that matched it (order of providers never matters). */
function ownerOf(matches: Match[], key: (m: Match) => string | undefined): Record<string, Provider | undefined> {
  const best: Record<string, Match> = {};
  for (const m of matches) {
    const k = key(m);
    if (k === undefined) continue;
    const cur = best[k];
    if (
      !cur ||
      weightOf(m.rule) > weightOf(cur.rule) ||
      (weightOf(m.rule) === weightOf(cur.rule) && m.provider.id < cur.provider.id)
    )
      best[k] = m;
  }
  return Object.fromEntries(Object.entries(best).map(([k, m]) => [k, m.provider]));
}

/**
 * The provider whose own published address list holds `address` (Cloudflare's, CloudFront's… ranges/<provider>.json),
 * or null. Such an address names its provider conclusively (publishedRanges: only the provider's own sites are
 * served there), so its PTR name could add nothing: the check does not ask it (one DoH round trip fewer on the
 * path to the badge, issue #25, and a question fewer to the resolver).
 */
export function publishedRangeOf(address: string, providers: readonly Provider[] = PROVIDERS): string | null {
  for (const p of providers)
    for (const rule of p.rules)
      if (rule.kind === 'ip' && rule.published && findRange(rangesOf(rule), address)) return p.id;
  return null;
}

export function detectProvider(input: DetectionInput, providers: readonly Provider[] = PROVIDERS): Detection {
  const matches = providers.flatMap((p) => p.rules.flatMap((r) => ruleMatches(p, r, input)));

  const allHosts = rank(matches, (m) => m.provider.kind === 'host');
  const picked = pickOrigin(matches);
  // A platform that serves through a CDN by itself (GitHub Pages via Fastly, Shopify on Cloudflare) has that
  // CDN's headers on every answer: not a proxy in front.
  const servedVia = new Set(picked?.best.provider.servedVia ?? []);
  // A CDN in front rests on the addresses or the CNAME target (docs/design.md PROXIED_BY_CDN): response headers alone
  // never make a site proxied — a platform with its own edge sends its CDN's headers from its own addresses.
  const fronted = new Set(
    matches
      .filter((m) => m.side === 'site' && m.provider.kind === 'cdn' && m.rule.kind !== 'header')
      .map((m) => m.provider.id),
  );
  const cdn =
    rank(
      matches,
      (m) =>
        m.side === 'site' && m.provider.kind === 'cdn' && fronted.has(m.provider.id) && !servedVia.has(m.provider.id),
    )[0] ?? null;

  let origin: Detection['origin'] = null;
  const chosen = input.override ? providers.find((p) => p.id === input.override) : undefined;
  if (chosen) {
    const own = rank(matches, (m) => m.provider.id === chosen.id, 0)[0];
    origin = {
      provider: chosen,
      score: own?.score ?? 0,
      evidence: own?.evidence ?? [],
      chosenByUser: true,
      confidence: 'high',
    };
  } else if (picked) {
    origin = { ...picked.best, chosenByUser: false, confidence: picked.confidence };
  }
  if (origin?.provider.brands) {
    const brand = origin.provider.brands.find((b) =>
      b.rules.some((r) => ruleMatches(origin!.provider, r, input).length > 0),
    );
    if (brand) origin = { ...origin, brand: brand.name };
  }

  // Whose nameservers: a name under a provider's own domain is that provider's, confirmed or not.
  const nameserverOwner = ownerOf(matches, (m) => (m.rule.kind === 'ns' ? m.record : undefined));
  const zoneIds = new Set(input.nameservers.map((n) => nameserverOwner[n]?.id));
  const zone =
    zoneIds.size === 1
      ? (nameserverOwner[input.nameservers[0]] ?? null)
      : (rank(matches, (m) => m.side === 'zone')[0]?.provider ?? null);

  return {
    origin,
    cdn,
    others: allHosts.filter((c) => c.provider.id !== origin?.provider.id),
    zoneProvider: zone,
    addressOwner: ownerOf(matches, (m) => m.address),
    nameserverOwner,
    matches,
  };
}
