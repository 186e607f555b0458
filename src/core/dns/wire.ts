// RFC 1035 wire format through @leichtgewicht/dns-packet (a Uint8Array fork of dns-packet that needs no
// Buffer polyfill in the service worker). Everything decoded here is hostile input: decode never throws past
// this module and returns only the fields the engine uses.
import { dnsNameText } from '../words/display-text';
import * as packet from '@leichtgewicht/dns-packet';

export type RecordType = 'A' | 'AAAA' | 'CNAME' | 'NS' | 'SOA' | 'PTR' | 'MX' | 'TXT' | 'CAA';

export interface ResourceRecord {
  name: string;
  type: string;
  ttl: number;
  /** Text form: an address, a target name, `10 mx.example.jp`, TXT strings joined, … */
  value: string;
  caa?: { flags: number; tag: string; value: string };
  soa?: { mname: string; rname: string; minimum: number };
}

export interface DecodedMessage {
  rcode: string;
  truncated: boolean;
  answers: ResourceRecord[];
  authorities: ResourceRecord[];
  /** RFC 8914 Extended DNS Error, when the resolver sent one. */
  ede?: { code: number; text: string };
}

export function encodeQuery(name: string, type: RecordType, checkingDisabled: boolean): Uint8Array {
  // RFC 8484 §4.1: use id 0 so that GET responses are cacheable. An OPT record asks for EDNS (and EDE).
  return packet.encode({
    type: 'query',
    id: 0,
    flags: packet.RECURSION_DESIRED | (checkingDisabled ? packet.CHECKING_DISABLED : 0),
    questions: [{ type, name, class: 'IN' }],
    additionals: [{ type: 'OPT', name: '.', udpPayloadSize: 1232, flags: 0, options: [] } as unknown as packet.Answer],
  });
}

const MAX_TEXT = 4096;
/** One decoder for every answer (a decoder per TXT string showed in a fleet's CPU profile; decode() keeps no state). */
const utf8 = new TextDecoder();
const clip = (s: string) => (s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT)}…` : s);

function txtValue(data: unknown): string {
  const parts = Array.isArray(data) ? data : [data];
  return parts.map((p) => (typeof p === 'string' ? p : p instanceof Uint8Array ? utf8.decode(p) : '')).join('');
}

function toRecord(rr: packet.Answer): ResourceRecord | null {
  const base = {
    name: dnsNameText(
      String(rr.name ?? '')
        .toLowerCase()
        .replace(/\.$/, ''),
    ),
    type: String(rr.type),
    ttl: Number(rr.ttl ?? 0),
  };
  switch (rr.type) {
    case 'A':
    case 'AAAA':
      return { ...base, value: clip(String(rr.data).toLowerCase()) };
    // Names in rdata are chosen by the zone's owner (a PTR by whoever holds the reverse zone): kept in dig's
    // presentation format, so a byte that is not printable ASCII can never reach a terminal or a pattern raw.
    case 'CNAME':
    case 'NS':
    case 'PTR':
      return { ...base, value: clip(dnsNameText(String(rr.data).toLowerCase().replace(/\.$/, ''))) };
    case 'MX':
      return {
        ...base,
        value: clip(
          `${rr.data.preference ?? 0} ${dnsNameText(String(rr.data.exchange).toLowerCase().replace(/\.$/, ''))}`,
        ),
      };
    case 'TXT':
      return { ...base, value: clip(txtValue(rr.data)) };
    case 'CAA': {
      const d = rr.data;
      // The value is kept whole for evaluation (a long parameter must not turn a usable record unusable, as
      // Boulder would still read it); only the display line is clipped.
      const caa = { flags: Number(d.flags ?? 0), tag: String(d.tag), value: String(d.value) };
      return { ...base, value: clip(`${caa.flags} ${caa.tag} "${caa.value}"`), caa };
    }
    case 'SOA': {
      const d = rr.data;
      const soa = {
        mname: dnsNameText(String(d.mname).toLowerCase()),
        rname: dnsNameText(String(d.rname).toLowerCase()),
        minimum: Number(d.minimum ?? 0),
      };
      return { ...base, value: `${soa.mname} ${soa.rname}`, soa };
    }
    default:
      return null;
  }
}

export function decodeMessage(bytes: Uint8Array): DecodedMessage | { error: string } {
  try {
    const msg = packet.decode(bytes);
    if (msg.type !== 'response') return { error: 'not a DNS response' };
    const records = (list: packet.Answer[] | undefined) =>
      (list ?? []).map(toRecord).filter((r): r is ResourceRecord => r !== null);
    let ede: DecodedMessage['ede'];
    for (const add of msg.additionals ?? []) {
      if (add.type !== 'OPT') continue;
      for (const opt of add.data ?? (add as unknown as { options?: packet.OptionData[] }).options ?? []) {
        const o = opt as unknown as { code: number; data?: Uint8Array };
        if (o.code === 15 && o.data && o.data.length >= 2) {
          ede = { code: (o.data[0] << 8) | o.data[1], text: clip(utf8.decode(o.data.subarray(2))) };
        }
      }
    }
    return {
      rcode: String(msg.rcode ?? 'NOERROR'),
      truncated: Boolean(msg.flag_tc),
      answers: records(msg.answers),
      authorities: records(msg.authorities),
      ede,
    };
  } catch (e) {
    return { error: `malformed DNS message: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** RFC 4648 §5 base64url without padding, as RFC 8484 GET requires. */
export function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The PTR owner name for an address (RFC 1035 §3.5, RFC 3596 §2.5). */
export function reverseName(address: string, expanded6?: string): string {
  if (!address.includes(':')) return `${address.split('.').reverse().join('.')}.in-addr.arpa`;
  const hex = (expanded6 ?? address).replace(/:/g, '');
  return `${hex.split('').reverse().join('.')}.ip6.arpa`;
}
