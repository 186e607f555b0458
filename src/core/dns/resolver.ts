// A DNS-over-HTTPS stub resolver (RFC 8484): fallback endpoints in order, one retry each, in-flight
// de-duplication, a TTL cache, CNAME chains, and a CD=1 retry on SERVFAIL to tell a DNSSEC failure from an
// outage (RFC 4035 §3.2.2). It never throws: every failure is a result the checks can reason about.
import { ANSWER_LIMITS, type Clock, type HttpClient } from '../network/net';
import {
  base64url,
  decodeMessage,
  encodeQuery,
  type DecodedMessage,
  type RecordType,
  type ResourceRecord,
} from './wire';

export type DnsStatus = 'ok' | 'nodata' | 'nxdomain' | 'dnssec-bogus' | 'error';

export interface DnsAnswer {
  name: string;
  type: RecordType;
  status: DnsStatus;
  /** Records of the asked type at the end of the CNAME chain. */
  records: ResourceRecord[];
  /** CNAME targets followed, in order. */
  cnames: string[];
  /** SOA from the authority section of a negative answer: its owner is the zone apex. */
  soa?: ResourceRecord;
  ede?: { code: number; text: string };
  /** Why the lookup failed (status "error"), for people. */
  error?: string;
  /** The lookup failed because every resolver sent a truncated answer (TC=1): the resolvers' fault, not the zone's. */
  truncated?: boolean;
  /** The check's deadline passed before an answer came (engine/deadline.ts): not the zone's fault either. */
  deadline?: boolean;
}

export interface ResolverOptions {
  endpoints: string[];
  http: HttpClient;
  clock: Clock;
  timeoutMs?: number;
  method?: 'GET' | 'POST';
  minTtlSeconds?: number;
  maxTtlSeconds?: number;
}

const MAX_CNAME_HOPS = 8;

export class DohResolver {
  /** Outbound DoH requests made (for budgets and tests). */
  queriesSent = 0;
  private cache = new Map<string, { expires: number; answer: DnsAnswer }>();
  private inflight = new Map<string, Promise<DnsAnswer>>();

  constructor(private readonly opts: ResolverOptions) {
    if (opts.endpoints.length === 0) throw new Error('at least one DoH endpoint is required');
  }

  /** `urgent`: the transport sends it before questions already waiting (HttpRequest.urgent). */
  query(name: string, type: RecordType, opts: { urgent?: boolean } = {}): Promise<DnsAnswer> {
    return this.lookup(name.toLowerCase().replace(/\.$/, ''), type, 0, Boolean(opts.urgent));
  }

  private async lookup(name: string, type: RecordType, depth: number, urgent: boolean): Promise<DnsAnswer> {
    const first = await this.cached(name, type, urgent);
    if (first.status !== 'ok' || type === 'CNAME' || first.records.length > 0 || first.cnames.length === 0)
      return first;
    // The resolver gave the chain but not its end: ask for the last target ourselves.
    const target = first.cnames[first.cnames.length - 1];
    if (depth >= MAX_CNAME_HOPS || first.cnames.includes(name)) {
      return { ...first, status: 'error', error: `CNAME chain too long or looping at ${target}` };
    }
    const rest = await this.lookup(target, type, depth + 1, urgent);
    return { ...rest, name, cnames: [...first.cnames, ...rest.cnames] };
  }

  private cached(name: string, type: RecordType, urgent: boolean): Promise<DnsAnswer> {
    const key = `${name}|${type}`;
    const hit = this.cache.get(key);
    if (hit && hit.expires > this.opts.clock.now()) return Promise.resolve(hit.answer);
    const running = this.inflight.get(key);
    if (running) return running;
    const p = this.resolve(name, type, urgent).then((answer) => {
      this.inflight.delete(key);
      const ttl = answerTtl(answer, this.opts.minTtlSeconds ?? 60, this.opts.maxTtlSeconds ?? 3600);
      if (ttl > 0) this.cache.set(key, { expires: this.opts.clock.now() + ttl * 1000, answer });
      return answer;
    });
    this.inflight.set(key, p);
    return p;
  }

  private async resolve(name: string, type: RecordType, urgent: boolean): Promise<DnsAnswer> {
    const first = await this.exchange(name, type, false, urgent);
    if ('error' in first)
      return {
        name,
        type,
        status: 'error',
        records: [],
        cnames: [],
        error: first.error,
        ...(first.truncated ? { truncated: true } : {}),
      };
    if (first.rcode === 'SERVFAIL') {
      const unchecked = await this.exchange(name, type, true, urgent);
      // DNSSEC is the cause only when the resolver says so or says nothing: EDE 1–12 are the DNSSEC codes
      // (RFC 8914 §4); 22 "No Reachable Authority" or 23 "Network Error" mean an outage that CD=1 may have
      // happened to get past (a cached answer, another authority).
      const dnssecCause = !first.ede || (first.ede.code >= 1 && first.ede.code <= 12);
      if (dnssecCause && !('error' in unchecked) && (unchecked.rcode === 'NOERROR' || unchecked.rcode === 'NXDOMAIN')) {
        return { ...interpret(name, type, unchecked), status: 'dnssec-bogus', ede: first.ede ?? unchecked.ede };
      }
      return {
        name,
        type,
        status: 'error',
        records: [],
        cnames: [],
        ede: first.ede,
        error: `SERVFAIL${first.ede ? ` (${edeLabel(first.ede)})` : ''}`,
      };
    }
    return interpret(name, type, first);
  }

  /**
   * One question, tried on each endpoint in order, twice each, until one answers with a whole DNS message. An answer
   * with TC=1 is not "no records": DoH runs over HTTPS, which has no 512-byte limit (RFC 8484 §6), so a resolver that
   * truncates is faulty — the next resolver is asked, and when none sends a whole answer the lookup failed.
   */
  private async exchange(
    name: string,
    type: RecordType,
    cd: boolean,
    urgent: boolean,
  ): Promise<DecodedMessage | { error: string; truncated?: boolean }> {
    const query = encodeQuery(name, type, cd);
    let lastError = 'no resolver answered';
    let truncatedBy = 0;
    for (const endpoint of this.opts.endpoints) {
      for (let attempt = 0; attempt < 2; attempt++) {
        this.queriesSent++;
        try {
          const post = this.opts.method === 'POST';
          const url = post ? endpoint : `${endpoint}${endpoint.includes('?') ? '&' : '?'}dns=${base64url(query)}`;
          const res = await this.opts.http(url, {
            method: post ? 'POST' : 'GET',
            headers: post
              ? { accept: 'application/dns-message', 'content-type': 'application/dns-message' }
              : { accept: 'application/dns-message' },
            body: post ? query : undefined,
            timeoutMs: this.opts.timeoutMs ?? 5000,
            maxBytes: ANSWER_LIMITS.doh,
            ...(urgent ? { urgent } : {}),
          });
          if (res.status !== 200) {
            lastError = `${hostOf(endpoint)} answered HTTP ${res.status}`;
            if (res.status >= 400 && res.status < 500 && res.status !== 429) break; // retrying will not help
            continue;
          }
          const decoded = decodeMessage(res.body);
          if ('error' in decoded) {
            lastError = `${hostOf(endpoint)}: ${decoded.error}`;
            continue;
          }
          if (decoded.truncated) {
            truncatedBy++;
            lastError = `${hostOf(endpoint)} sent a truncated answer (TC=1)`;
            break; // the same resolver would truncate again: ask the next one
          }
          return decoded;
        } catch (e) {
          lastError = `${hostOf(endpoint)}: ${e instanceof Error ? e.message : String(e)}`;
        }
      }
    }
    // Some resolver answered, but only in part: a failed lookup whose cause is the resolvers, never "no records".
    if (truncatedBy > 0)
      return {
        error:
          truncatedBy === this.opts.endpoints.length
            ? `${truncatedBy > 1 ? 'every resolver' : hostOf(this.opts.endpoints[0])} sent a truncated answer (TC=1)`
            : `a truncated answer (TC=1), then ${lastError}`,
        truncated: true,
      };
    return { error: lastError };
  }
}

function interpret(name: string, type: RecordType, msg: DecodedMessage): DnsAnswer {
  const cnames: string[] = [];
  let current = name;
  for (let i = 0; i < MAX_CNAME_HOPS; i++) {
    const c = msg.answers.find((r) => r.type === 'CNAME' && r.name === current);
    if (!c || type === 'CNAME' || cnames.includes(c.value)) break;
    cnames.push(c.value);
    current = c.value;
  }
  const records = msg.answers.filter((r) => r.type === type && r.name === (type === 'CNAME' ? name : current));
  const soa = msg.authorities.find((r) => r.type === 'SOA');
  if (msg.rcode === 'NXDOMAIN') return { name, type, status: 'nxdomain', records: [], cnames, soa, ede: msg.ede };
  if (msg.rcode !== 'NOERROR') {
    return { name, type, status: 'error', records: [], cnames, ede: msg.ede, error: `resolver answered ${msg.rcode}` };
  }
  // A chain that ends without records but with the target zone's SOA is NODATA for the target: final. Without
  // an SOA the resolver did not chase the chain, and lookup() asks for the target itself.
  const status = records.length ? 'ok' : cnames.length && !soa ? 'ok' : 'nodata';
  return { name, type, status, records, cnames, soa, ede: msg.ede };
}

function answerTtl(a: DnsAnswer, min: number, max: number): number {
  if (a.status === 'error') return 0;
  const ttls =
    a.status === 'ok'
      ? a.records.map((r) => r.ttl)
      : [a.soa ? Math.min(a.soa.ttl, a.soa.soa?.minimum ?? a.soa.ttl) : min];
  const ttl = ttls.length ? Math.min(...ttls) : min;
  return Math.max(min, Math.min(max, ttl));
}

/** RFC 8914 §4 names for the codes people meet. */
const EDE_NAMES: Record<number, string> = {
  1: 'Unsupported DNSKEY Algorithm',
  2: 'Unsupported DS Digest Type',
  5: 'DNSSEC Indeterminate',
  6: 'DNSSEC Bogus',
  7: 'Signature Expired',
  8: 'Signature Not Yet Valid',
  9: 'DNSKEY Missing',
  10: 'RRSIGs Missing',
  12: 'NSEC Missing',
  22: 'No Reachable Authority',
  23: 'Network Error',
};
export function edeLabel(ede: { code: number; text: string }): string {
  const name = EDE_NAMES[ede.code] ?? `EDE ${ede.code}`;
  return ede.text ? `${name}: ${ede.text}` : name;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
