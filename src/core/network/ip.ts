// Address classification. Parsing and CIDR matching through ipaddr.js; which blocks are reserved comes from
// IANA's special-purpose address registries, as Let's Encrypt's Boulder loads them (iana/ip.go with
// iana/data/iana-ipv4-special-registry-1.csv and iana-ipv6-special-registry-1.csv):
// https://www.iana.org/assignments/iana-ipv4-special-registry/ and
// https://www.iana.org/assignments/iana-ipv6-special-registry/ — every listed block counts, whatever its
// "globally reachable" column says. ipaddr.js's own range names miss newer blocks (3fff::/20, RFC 9637) and
// call some listed ones unicast, so the registry is the source of truth here.
import ipaddr from 'ipaddr.js';

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
const SPECIAL = IANA_SPECIAL.map(([cidr, name]) => ({ range: ipaddr.parseCIDR(cidr), name })).sort(
  (a, b) => b.range[1] - a.range[1],
);

/** The IANA special-purpose block an address is in ("Private-Use", "Loopback", …), or multicast; null = public unicast. */
export function reservedRange(address: string): string | null {
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    addr = ipaddr.parse(address.replace(/%.*$/, ''));
  } catch {
    return 'unparseable';
  }
  for (const s of SPECIAL) {
    if (addr.kind() === s.range[0].kind() && (addr as ipaddr.IPv4).match(s.range as [ipaddr.IPv4, number]))
      return s.name;
  }
  // Not in the registries, but never a server: multicast (224.0.0.0/4, ff00::/8).
  return addr.range() === 'multicast' ? 'Multicast' : null;
}

const parsedCidrs = new Map<string, [ipaddr.IPv4 | ipaddr.IPv6, number]>();

export function addressInCidr(address: string, cidr: string): boolean {
  try {
    let range = parsedCidrs.get(cidr);
    if (!range) {
      range = ipaddr.parseCIDR(cidr);
      parsedCidrs.set(cidr, range);
    }
    const addr = ipaddr.process(address);
    if (addr.kind() !== range[0].kind()) return false;
    return (addr as ipaddr.IPv4).match(range as [ipaddr.IPv4, number]);
  } catch {
    return false;
  }
}

/** The full, zero-padded IPv6 form (for ip6.arpa names). */
export function expandIpv6(address: string): string {
  return (ipaddr.parse(address) as ipaddr.IPv6).parts.map((p) => p.toString(16).padStart(4, '0')).join(':');
}
