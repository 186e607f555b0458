// Address classification through ipaddr.js (IANA special-purpose registries, RFC 6890).
import ipaddr from 'ipaddr.js';

export function isValidAddress(address: string): boolean {
  return ipaddr.isValid(address);
}

/** ipaddr.js range name ("private", "loopback", "reserved", …) when the address is not public unicast. */
export function reservedRange(address: string): string | null {
  try {
    const range = ipaddr.process(address).range();
    return range === 'unicast' ? null : range;
  } catch {
    return 'unparseable';
  }
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
