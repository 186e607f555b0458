// Address classification. Parsing and CIDR matching are our own (a few lines; ipaddr.js cost the worker 3.9 KB
// gzip): IPv4 as an unsigned 32-bit number, IPv6 as a bigint. Which blocks are reserved comes from
// IANA's special-purpose address registries, as Let's Encrypt's Boulder loads them (iana/ip.go with
// iana/data/iana-ipv4-special-registry-1.csv and iana-ipv6-special-registry-1.csv):
// https://www.iana.org/assignments/iana-ipv4-special-registry/ and
// https://www.iana.org/assignments/iana-ipv6-special-registry/ — every listed block counts, whatever its
// "globally reachable" column says (library range names miss newer blocks such as 3fff::/20, RFC 9637).

/** An address: IPv4 as an unsigned 32-bit number, IPv6 as a 128-bit bigint. */
export type Ip = { v: 4; n: number } | { v: 6; n: bigint };

function parseV4(s: string): number | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    n = n * 256 + Number(p);
  }
  return n;
}

function parseV6(text: string): bigint | null {
  let s = text;
  // An IPv4 tail (::ffff:192.0.2.1) is two more 16-bit groups.
  const colon = s.lastIndexOf(':');
  if (s.slice(colon + 1).includes('.')) {
    const v4 = parseV4(s.slice(colon + 1));
    if (v4 === null) return null;
    s = `${s.slice(0, colon + 1)}${Math.floor(v4 / 65536).toString(16)}:${(v4 % 65536).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  let n = 0n;
  for (const g of [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail]) {
    if (!/^[0-9a-f]{1,4}$/i.test(g)) return null;
    n = (n << 16n) | BigInt(Number.parseInt(g, 16));
  }
  return n;
}

/** Parses an IPv4 dotted quad or an IPv6 address (a zone such as %eth0 is ignored); null when it is neither. */
export function parseIp(text: string): Ip | null {
  const s = text.trim().replace(/%.*$/, '');
  if (s.includes(':')) {
    const n = parseV6(s);
    return n === null ? null : { v: 6, n };
  }
  const n = parseV4(s);
  return n === null ? null : { v: 4, n };
}

/** An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is the IPv4 address it carries. */
function unmapped(ip: Ip): Ip {
  return ip.v === 6 && ip.n >> 32n === 0xffffn ? { v: 4, n: Number(ip.n & 0xffffffffn) } : ip;
}

interface Block {
  v: 4 | 6;
  start: bigint;
  end: bigint;
  bits: number;
}

const width = (v: 4 | 6) => (v === 4 ? 32 : 128);
const big = (ip: Ip) => BigInt(ip.n);

/** "192.0.2.0/24" → its first and last address; null when it does not parse. Host bits are ignored. */
export function parseCidr(cidr: string): Block | null {
  const [addr, len, extra] = cidr.split('/');
  const ip = parseIp(addr);
  if (!ip || extra !== undefined || !/^\d{1,3}$/.test(len ?? '')) return null;
  const bits = Number(len);
  const w = width(ip.v);
  if (bits > w) return null;
  const size = 1n << BigInt(w - bits);
  const start = big(ip) - (big(ip) % size);
  return { v: ip.v, start, end: start + size - 1n, bits };
}

export function formatIp(v: 4 | 6, n: bigint): string {
  if (v === 4) return [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 255n)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => Number((n >> BigInt(112 - 16 * i)) & 0xffffn).toString(16));
  // RFC 5952: the longest run of two or more zero groups becomes "::".
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; i++) {
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
  }
  if (best < 0) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}

/**
 * A list of CIDR blocks stored compactly: overlapping and adjacent blocks merged, sorted, looked up by binary
 * search (IPv4 as numbers, IPv6 as bigints). Thousands of published ranges cost a lookup of ~12 steps.
 */
export interface RangeSet {
  v4: { starts: number[]; ends: number[] };
  v6: { starts: bigint[]; ends: bigint[] };
}

export function compileRanges(cidrs: readonly string[]): RangeSet {
  const blocks = cidrs
    .map(parseCidr)
    .filter((b): b is Block => b !== null)
    .sort((a, b) => a.v - b.v || (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const set: RangeSet = { v4: { starts: [], ends: [] }, v6: { starts: [], ends: [] } };
  const s4: [bigint, bigint][] = [];
  const s6: [bigint, bigint][] = [];
  for (const b of blocks) {
    const list = b.v === 4 ? s4 : s6;
    const last = list[list.length - 1];
    if (!last || b.start > last[1] + 1n) list.push([b.start, b.end]);
    else if (b.end > last[1]) last[1] = b.end; // overlapping or adjacent: one range
  }
  for (const [s, e] of s4) {
    set.v4.starts.push(Number(s));
    set.v4.ends.push(Number(e));
  }
  for (const [s, e] of s6) {
    set.v6.starts.push(s);
    set.v6.ends.push(e);
  }
  return set;
}

const recent = new Map<string, Ip | null>();

/** The index of the last start ≤ n, or -1. */
function lastAtOrBelow<T extends number | bigint>(starts: T[], n: T): number {
  let lo = 0;
  let hi = starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] <= n) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * The CIDR block, inside the set, that holds the address — the widest aligned block within its merged range, so
 * an evidence line reads "in 104.16.0.0/13" as the provider publishes it — or null when no range holds it.
 */
export function findRange(set: RangeSet, address: string): string | null {
  // One address is looked up in every provider's set in turn: parse it once.
  let parsed = recent.get(address);
  if (parsed === undefined) {
    if (recent.size > 256) recent.clear();
    parsed = parseIp(address);
    recent.set(address, parsed);
  }
  if (!parsed) return null;
  const ip = unmapped(parsed);
  let start: bigint;
  let end: bigint;
  if (ip.v === 4) {
    const i = lastAtOrBelow(set.v4.starts, ip.n);
    if (i < 0 || set.v4.ends[i] < ip.n) return null;
    [start, end] = [BigInt(set.v4.starts[i]), BigInt(set.v4.ends[i])];
  } else {
    const i = lastAtOrBelow(set.v6.starts, ip.n);
    if (i < 0 || set.v6.ends[i] < ip.n) return null;
    [start, end] = [set.v6.starts[i], set.v6.ends[i]];
  }
  const w = width(ip.v);
  const n = big(ip);
  for (let bits = 0; bits <= w; bits++) {
    const size = 1n << BigInt(w - bits);
    const first = n - (n % size);
    if (first >= start && first + size - 1n <= end) return `${formatIp(ip.v, first)}/${bits}`;
  }
  return null;
}

const IANA_SPECIAL: [string, string][] = [
  ['0.0.0.0/8', '"This network"'],
  ['0.0.0.0/32', '"This host on this network"'],
  ['10.0.0.0/8', 'Private-Use'],
  ['100.64.0.0/10', 'Shared Address Space'],
  ['127.0.0.0/8', 'Loopback'],
  ['169.254.0.0/16', 'Link Local'],
  ['172.16.0.0/12', 'Private-Use'],
  ['192.0.0.0/24', 'IETF Protocol Assignments'],
  ['192.0.0.0/29', 'IPv4 Service Continuity Prefix'],
  ['192.0.0.8/32', 'IPv4 dummy address'],
  ['192.0.0.9/32', 'Port Control Protocol Anycast'],
  ['192.0.0.10/32', 'Traversal Using Relays around NAT Anycast'],
  ['192.0.0.170/32', 'NAT64/DNS64 Discovery'],
  ['192.0.0.171/32', 'NAT64/DNS64 Discovery'],
  ['192.0.2.0/24', 'Documentation (TEST-NET-1)'],
  ['192.31.196.0/24', 'AS112-v4'],
  ['192.52.193.0/24', 'AMT'],
  ['192.88.99.0/24', 'Deprecated (6to4 Relay Anycast)'],
  ['192.88.99.2/32', '6a44-relay anycast address'],
  ['192.168.0.0/16', 'Private-Use'],
  ['192.175.48.0/24', 'Direct Delegation AS112 Service'],
  ['198.18.0.0/15', 'Benchmarking'],
  ['198.51.100.0/24', 'Documentation (TEST-NET-2)'],
  ['203.0.113.0/24', 'Documentation (TEST-NET-3)'],
  ['240.0.0.0/4', 'Reserved'],
  ['255.255.255.255/32', 'Limited Broadcast'],
  ['::1/128', 'Loopback Address'],
  ['::/128', 'Unspecified Address'],
  ['::ffff:0:0/96', 'IPv4-mapped Address'],
  ['64:ff9b::/96', 'IPv4-IPv6 Translat.'],
  ['64:ff9b:1::/48', 'IPv4-IPv6 Translat.'],
  ['100::/64', 'Discard-Only Address Block'],
  ['100:0:0:1::/64', 'Dummy IPv6 Prefix'],
  ['2001::/23', 'IETF Protocol Assignments'],
  ['2001::/32', 'TEREDO'],
  ['2001:1::1/128', 'Port Control Protocol Anycast'],
  ['2001:1::2/128', 'Traversal Using Relays around NAT Anycast'],
  ['2001:1::3/128', 'DNS-SD Service Registration Protocol Anycast'],
  ['2001:2::/48', 'Benchmarking'],
  ['2001:3::/32', 'AMT'],
  ['2001:4:112::/48', 'AS112-v6'],
  ['2001:10::/28', 'Deprecated (previously ORCHID)'],
  ['2001:20::/28', 'ORCHIDv2'],
  ['2001:30::/28', 'Drone Remote ID Protocol Entity Tags (DETs) Prefix'],
  ['2001:db8::/32', 'Documentation'],
  ['2002::/16', '6to4'],
  ['2620:4f:8000::/48', 'Direct Delegation AS112 Service'],
  ['3fff::/20', 'Documentation'],
  ['5f00::/16', 'Segment Routing (SRv6) SIDs'],
  ['fc00::/7', 'Unique-Local'],
  ['fe80::/10', 'Link-Local Unicast'],
];

// Most specific block first, so an address is named by the narrowest block that holds it (as Boulder sorts).
const SPECIAL = IANA_SPECIAL.map(([cidr, name]) => ({ block: parseCidr(cidr)!, name })).sort(
  (a, b) => b.block.bits - a.block.bits,
);
const MULTICAST = [parseCidr('224.0.0.0/4')!, parseCidr('ff00::/8')!];
const inBlock = (ip: Ip, b: Block) => ip.v === b.v && big(ip) >= b.start && big(ip) <= b.end;

/** The IANA special-purpose block an address is in ("Private-Use", "Loopback", …), or multicast; null = public unicast. */
export function reservedRange(address: string): string | null {
  const ip = parseIp(address);
  if (!ip) return 'unparseable';
  for (const s of SPECIAL) if (inBlock(ip, s.block)) return s.name;
  // Not in the registries, but never a server: multicast (224.0.0.0/4, ff00::/8).
  return MULTICAST.some((b) => inBlock(ip, b)) ? 'Multicast' : null;
}

/** Whether an address is inside a CIDR block (an IPv4-mapped IPv6 address counts as its IPv4 address). */
export function addressInCidr(address: string, cidr: string): boolean {
  const ip = parseIp(address);
  const block = parseCidr(cidr);
  return ip !== null && block !== null && inBlock(unmapped(ip), block);
}

/** The full, zero-padded IPv6 form (for ip6.arpa names). */
export function expandIpv6(address: string): string {
  const ip = parseIp(address);
  if (ip?.v !== 6) throw new Error(`not an IPv6 address: ${address}`);
  return Array.from({ length: 8 }, (_, i) =>
    Number((ip.n >> BigInt(112 - 16 * i)) & 0xffffn)
      .toString(16)
      .padStart(4, '0'),
  ).join(':');
}
