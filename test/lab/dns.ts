// The lab's recursive resolver: answers RFC 1035 questions from the worlds' zones, the way a validating
// public resolver would (CNAME chasing, NODATA/NXDOMAIN with the zone's SOA, SERVFAIL for broken DNSSEC
// unless CD=1, with an RFC 8914 Extended DNS Error). Encoded with dns-packet (Buffer), while the product
// decodes with @leichtgewicht/dns-packet: two implementations meet on the wire.
import dnsPacket from 'dns-packet';
import type { World, ZoneSpec } from './world';

type Answer = dnsPacket.Answer;
interface Zone extends ZoneSpec {
  apex: string;
}

export class LabDns {
  private zones: Zone[] = [];
  /** The zones by apex: a name's zone is its longest apex, found by walking up its labels. */
  private byApex = new Map<string, Zone>();
  private ptr = new Map<string, string>();
  /**
   * Answers by the question's bytes after its ID: the zones do not change once the lab runs, so an answer is a
   * function of the question, and a fleet of 1,000 hosts asks each question again on every run (the lab answers on
   * the same 2 CPUs as the checker it measures).
   */
  private answers = new Map<string, { label: string; body: Buffer }>();

  constructor(worlds: World[]) {
    for (const w of worlds) {
      for (const [apex, z] of Object.entries(w.zones)) {
        if (this.zones.some((x) => x.apex === apex)) throw new Error(`zone ${apex} defined twice (world ${w.id})`);
        this.zones.push({ ...z, apex });
      }
      for (const [addr, name] of Object.entries(w.ptr ?? {})) {
        const prev = this.ptr.get(addr);
        if (prev && prev !== name) throw new Error(`PTR ${addr} defined twice differently (world ${w.id})`);
        this.ptr.set(addr, name);
      }
    }
    this.zones.sort((a, b) => b.apex.length - a.apex.length);
    for (const z of this.zones) this.byApex.set(z.apex, z);
  }

  answer(query: Buffer): Buffer {
    return this.exchange(query).body;
  }

  /** The answer to a query, and the question as the request log names it ("A example.jp", or "query"). */
  exchange(query: Buffer): { label: string; body: Buffer } {
    const key = query.length >= 12 ? query.toString('latin1', 2) : null;
    const hit = key !== null ? this.answers.get(key) : undefined;
    if (hit) {
      const body = Buffer.from(hit.body);
      body.writeUInt16BE(query.readUInt16BE(0), 0);
      return { label: hit.label, body };
    }
    let q: dnsPacket.Packet;
    try {
      q = dnsPacket.decode(query);
    } catch {
      return {
        label: 'query',
        body: dnsPacket.encode({ type: 'response', id: 0, flags: 1 /* FORMERR */, questions: [] }),
      };
    }
    const question = q.questions?.[0];
    const out = { label: question ? `${question.type} ${question.name}` : 'query', body: this.respond(q) };
    if (key !== null) this.answers.set(key, { label: out.label, body: Buffer.from(out.body) });
    return out;
  }

  private respond(q: dnsPacket.Packet): Buffer {
    const question = q.questions?.[0];
    const cd = Boolean((q.flags ?? 0) & dnsPacket.CHECKING_DISABLED);
    const base = { type: 'response' as const, id: q.id ?? 0, questions: q.questions ?? [] };
    const flags = dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE | (cd ? dnsPacket.CHECKING_DISABLED : 0);
    if (!question) return dnsPacket.encode({ ...base, flags: flags | 1 });
    const qname = question.name.toLowerCase().replace(/\.$/, '');
    // A faulty DoH server: the TC bit and no records (DoH has no 512-byte limit, RFC 8484 §6; a real resolver
    // retries over TCP and never hands a truncated answer to its client).
    const truncate = this.zoneOf(qname)?.truncate;
    if (truncate === 'all' || (truncate === 'CAA' && question.type === 'CAA'))
      return dnsPacket.encode({ ...base, flags: flags | dnsPacket.TRUNCATED_RESPONSE });
    const r = this.resolve(qname, question.type, cd, 0);
    const rcode = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3 }[r.rcode];
    const additionals: Answer[] = r.ede
      ? [
          {
            type: 'OPT',
            name: '.',
            udpPayloadSize: 1232,
            options: [{ code: 15, data: Buffer.concat([Buffer.from([0, r.ede.code]), Buffer.from(r.ede.text)]) }],
          } as unknown as Answer,
        ]
      : [];
    return dnsPacket.encode({
      ...base,
      flags: flags | rcode,
      answers: r.answers,
      authorities: r.authorities,
      additionals,
    });
  }

  private zoneOf(name: string): Zone | undefined {
    for (let n = name; ; ) {
      const z = this.byApex.get(n);
      if (z) return z;
      const dot = n.indexOf('.');
      if (dot < 0) return undefined;
      n = n.slice(dot + 1);
    }
  }

  private soa(z: Zone): Answer {
    const [mname, rname] = (z.soa ?? `ns1.${z.apex} hostmaster.${z.apex}`).split(' ');
    return {
      type: 'SOA',
      name: z.apex,
      ttl: 300,
      data: { mname, rname, serial: 2026112801, refresh: 7200, retry: 3600, expire: 1209600, minimum: 300 },
    };
  }

  resolve(
    name: string,
    type: string,
    cd: boolean,
    depth: number,
  ): {
    rcode: 'NOERROR' | 'SERVFAIL' | 'NXDOMAIN';
    answers: Answer[];
    authorities: Answer[];
    ede?: { code: number; text: string };
  } {
    if (name.endsWith('.in-addr.arpa') || name.endsWith('.ip6.arpa')) {
      const addr = reverseToAddress(name);
      const target = addr ? this.ptr.get(addr) : undefined;
      if (type === 'PTR' && target)
        return { rcode: 'NOERROR', answers: [{ type: 'PTR', name, ttl: 3600, data: target }], authorities: [] };
      return { rcode: 'NXDOMAIN', answers: [], authorities: [] };
    }
    const z = this.zoneOf(name);
    if (!z) return { rcode: 'NXDOMAIN', answers: [], authorities: [] };
    if (z.servfail)
      return {
        rcode: 'SERVFAIL',
        answers: [],
        authorities: [],
        ede: z.ede ?? { code: 22, text: `no reachable authority for ${z.apex}` },
      };
    if (z.dnssec === 'bogus' && !cd)
      return {
        rcode: 'SERVFAIL',
        answers: [],
        authorities: [],
        ede: z.ede ?? { code: 6, text: `signature of ${z.apex} DNSKEY does not validate` },
      };
    if (z.caaServfail && type === 'CAA') return { rcode: 'SERVFAIL', answers: [], authorities: [] };
    const ttl = z.ttl ?? 300;
    const rel = name === z.apex ? '@' : name.slice(0, -(z.apex.length + 1));
    const node =
      z.records[rel] ??
      (rel !== '@' && z.records[`*`] && !Object.keys(z.records).some((k) => k.endsWith(`.${rel}`))
        ? z.records['*']
        : undefined);
    if (node?.CNAME && type !== 'CNAME') {
      const cname: Answer = { type: 'CNAME', name, ttl, data: node.CNAME };
      if (depth > 8) return { rcode: 'NOERROR', answers: [cname], authorities: [] };
      const rest = this.resolve(node.CNAME.toLowerCase(), type, cd, depth + 1);
      return { ...rest, answers: [cname, ...rest.answers] };
    }
    if (type === 'SOA' && rel === '@') return { rcode: 'NOERROR', answers: [this.soa(z)], authorities: [] };
    const values =
      type === 'CNAME'
        ? node?.CNAME
          ? [node.CNAME]
          : []
        : ((node as Record<string, string[] | undefined> | undefined)?.[type] ?? []);
    if (values.length)
      return { rcode: 'NOERROR', answers: values.map((v) => record(name, type, ttl, v)), authorities: [] };
    const exists = node !== undefined || Object.keys(z.records).some((k) => k.endsWith(`.${rel}`)) || rel === '@';
    return { rcode: exists ? 'NOERROR' : 'NXDOMAIN', answers: [], authorities: [this.soa(z)] };
  }
}

function record(name: string, type: string, ttl: number, v: string): Answer {
  switch (type) {
    case 'MX': {
      const [pref, exchange] = v.split(/\s+/);
      return { type: 'MX', name, ttl, data: { preference: Number(pref), exchange } };
    }
    case 'TXT':
      return { type: 'TXT', name, ttl, data: chunk(v) };
    case 'CAA': {
      const m = v.match(/^(\d+)\s+(\S+)\s+"(.*)"$/);
      if (!m) throw new Error(`bad CAA ${v}`);
      return { type: 'CAA', name, ttl, data: { flags: Number(m[1]), tag: m[2], value: m[3] } } as Answer;
    }
    default:
      return { type, name, ttl, data: v } as Answer;
  }
}

/** TXT strings are at most 255 bytes each (RFC 1035 §3.3.14). */
function chunk(v: string): Buffer[] {
  const b = Buffer.from(v);
  const out: Buffer[] = [];
  for (let i = 0; i < b.length; i += 255) out.push(b.subarray(i, i + 255));
  return out.length ? out : [Buffer.alloc(0)];
}

function reverseToAddress(name: string): string | null {
  if (name.endsWith('.in-addr.arpa')) return name.slice(0, -'.in-addr.arpa'.length).split('.').reverse().join('.');
  const hex = name.slice(0, -'.ip6.arpa'.length).split('.').reverse().join('');
  if (hex.length !== 32) return null;
  const groups = hex.match(/.{4}/g)!.map((g) => g.replace(/^0+(?=.)/, ''));
  return compress6(groups);
}

function compress6(groups: string[]): string {
  // Longest run of zero groups → "::" (RFC 5952), matching how world files write addresses.
  let best = -1,
    bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen && j - i > 1) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (best < 0) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}
