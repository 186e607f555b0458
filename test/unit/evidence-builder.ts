// Builds Evidence for unit tests of single checks: DNS answers as the resolver would return them.
import { detectProvider } from '../../src/core/providers/detect-provider';
import type { DnsAnswer } from '../../src/core/dns/resolver';
import type { RecordType } from '../../src/core/dns/wire';
import type { CheckContext, Evidence } from '../../src/core/engine/evidence';
import { namesUpTo } from '../../src/core/network/names';
import { decideRenewer } from '../../src/core/engine/renewer';

export const NOW = Date.parse('2026-11-28T00:00:00Z');
export { DAY } from '../../src/core/engine/time';

export function ans(name: string, type: RecordType, values: string[], extra: Partial<DnsAnswer> = {}): DnsAnswer {
  return {
    name,
    type,
    status: values.length ? 'ok' : 'nodata',
    cnames: [],
    records: values.map((value) => {
      if (type === 'CAA') {
        const m = value.match(/^(\d+) (\S+) "(.*)"$/)!;
        return { name, type, ttl: 300, value, caa: { flags: +m[1], tag: m[2], value: m[3] } };
      }
      return { name, type, ttl: 300, value };
    }),
    ...extra,
  };
}

export interface Spec {
  host?: string;
  domain?: string;
  ns?: string[];
  a?: string[];
  aaaa?: string[];
  ptr?: Record<string, string>;
  caa?: Record<string, string[]>;
  mx?: string[];
  spf?: string;
  headers?: Record<string, string>;
  /** The CNAME chain of the host (its targets in order). */
  cnames?: string[];
  override?: string;
  patch?: Partial<Evidence>;
}

export function ctx(s: Spec): CheckContext {
  const host = s.host ?? 'example.jp';
  const domain = s.domain ?? 'example.jp';
  const names = namesUpTo(host, domain);
  const ns: Record<string, DnsAnswer> = Object.fromEntries(
    names.map((n) => [n, ans(n, 'NS', n === domain ? (s.ns ?? []) : [])]),
  );
  const ptr: Record<string, DnsAnswer> = Object.fromEntries(
    Object.entries(s.ptr ?? {}).map(([a, p]) => [a, ans(a, 'PTR', [p])]),
  );
  const addresses = [...(s.a ?? []), ...(s.aaaa ?? [])].map((address) => ({ address, ptr: s.ptr?.[address] }));
  const detection = detectProvider({
    nameservers: s.ns ?? [],
    soa: null,
    addresses,
    cnames: s.cnames ?? [],
    headers: s.headers ?? null,
    mx: s.mx ?? [],
    spf: s.spf ?? null,
    override: s.override,
  });
  const ev: Evidence = {
    host,
    registrableDomain: domain,
    tier: 'full',
    now: NOW,
    ns,
    zoneApex: domain,
    nameservers: s.ns ?? [],
    a: ans(host, 'A', s.a ?? []),
    aaaa: ans(host, 'AAAA', s.aaaa ?? []),
    ptr,
    caa: Object.fromEntries(names.map((n) => [n, ans(n, 'CAA', s.caa?.[n] ?? [])])),
    mx: ans(
      domain,
      'MX',
      (s.mx ?? []).map((m) => `10 ${m}`),
    ),
    txt: ans(domain, 'TXT', s.spf ? [s.spf] : []),
    headers: s.headers ? { status: 200, headers: s.headers } : null,
    challenge: null,
    certificate: null,
    originCertificate: null,
    certificateError: null,
    ct: null,
    rdap: null,
    caStatus: null,
    detection,
    ...s.patch,
  };
  const origin = detection.origin?.provider ?? null;
  const cdn = detection.cdn?.provider ?? null;
  return { ev, origin, cdn, renewer: decideRenewer(ev, origin, cdn) };
}

export const XSERVER = {
  ns: ['ns1.xserver.jp', 'ns2.xserver.jp'],
  a: ['183.181.96.79'],
  ptr: { '183.181.96.79': 'sv12718.xserver.jp' },
};
export const codes = (fs: { code: string; severity: string }[]) => fs.map((f) => `${f.code}:${f.severity}`);
