// One world = one JSON file in test/lab/worlds/: the DNS zones, sites, certificates, CT, RDAP and CA status
// of one scenario, plus what the checker is expected to say about it. Times are relative to the lab's
// "now" ("-60d", "+30d", "+2h") or ISO 8601.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type RecordSet = Partial<Record<'A' | 'AAAA' | 'NS' | 'MX' | 'TXT' | 'CAA' | 'PTR', string[]>> & {
  CNAME?: string;
};

export interface ZoneSpec {
  /** Relative owner names ("@", "www", "*") → records. */
  records: Record<string, RecordSet>;
  soa?: string;
  /** bogus: SERVFAIL unless CD=1 (with EDE 6); servfail: SERVFAIL always. */
  dnssec?: 'bogus';
  servfail?: boolean;
  /** The Extended DNS Error sent with the SERVFAIL (default: 6 for bogus, 22 for servfail). */
  ede?: { code: number; text: string };
  /** Only CAA questions get SERVFAIL (a nameserver that fails on a type it does not know). */
  caaServfail?: boolean;
  /** A faulty DoH server: every answer for the zone ("all"), or only CAA answers, has TC=1 and no records. */
  truncate?: 'all' | 'CAA';
  ttl?: number;
}

export type ChallengeSpec =
  | {
      status: number;
      /** `{path}` = the requested path. */
      location?: string;
      headers?: Record<string, string>;
      /** With a location that appends one character: redirect while fewer than this many were appended to the
       * 43-character token, then 404. */
      redirects?: number;
    }
  | 'refused'
  | 'timeout';

export interface CertSpec {
  issuer?: string;
  names?: string[];
  notBefore?: string;
  notAfter?: string;
  commonName?: string;
  /** certificatePolicies OIDs in the leaf (the CA/B Forum's DV 2.23.140.1.2.1, OV 2.23.140.1.2.2, EV 2.23.140.1.1). */
  policies?: string[];
  /** What the site sends (test/lab/ca.ts ChainKind); default full. */
  chain?: 'full' | 'leaf-only' | 'self-signed' | 'unknown-root';
}

export interface SiteSpec {
  challenge?: ChallengeSpec;
  front?: { status?: number; headers?: Record<string, string> };
  /** Port 80 and 443 (after the TLS handshake) answer one byte a second: an idle timeout never fires. */
  trickle?: boolean;
  /** The certificate served on 443; null = nothing listens on 443. */
  certificate?: CertSpec | null;
}

export interface StatusEventSpec {
  name: string;
  components?: string[];
  /** status.io's `containers_affected` (with `layout: "containers"`; absent = all containers of the components). */
  containers?: string[];
  start?: string;
  end?: string;
}

export interface CtSpec {
  names: string[];
  issuer?: string;
  notBefore: string;
  notAfter: string;
  revoked?: boolean;
}

export interface Expectation {
  verdict: 'ok' | 'warn' | 'fail' | 'unknown' | 'not-applicable';
  provider?: string | null;
  cdn?: string | null;
  /** code or code:severity, each must be present. */
  codes?: string[];
  /** codes that must not be present. */
  absent?: string[];
  /** The DNS service or host whose nameservers the zone uses (null: none recognised). */
  zone?: string | null;
  /** CLI flags this world needs (e.g. ["--provider", "xserver"]). */
  args?: string[];
  /** How sure the identification is (provider.confidence in the JSON). */
  confidence?: 'high' | 'low';
  /** Behind a CDN: the origin host's certificate expires this many days after the lab's now (null: none). */
  originDays?: number | null;
  /** The verdict sentence must contain this (English). */
  summary?: string;
  /** The verdict sentence must not contain this (English): "Xserver renews" for a bought certificate. */
  summaryLacks?: string;
  /** Who renews (JSON `renewal`): `by`, or `by:method` (owner-acme:dns-01). */
  renewal?: string;
}

export interface World {
  id: string;
  title: string;
  title_ja?: string;
  target: string;
  demo?: boolean;
  /** Why the world is what it says (the set-up it models, with a source). */
  note?: string;
  zones: Record<string, ZoneSpec>;
  ptr?: Record<string, string>;
  sites?: Record<string, SiteSpec>;
  /** "sites" (default) = the served certificates; a list = exactly these; "error" = HTTP 500; "junk" = garbage. */
  ct?: CtSpec[] | 'sites' | 'error' | 'junk' | 'html' | 'huge';
  /** crt.sh for this world's names: "error" = overloaded (HTTP 502); otherwise the certificates of `ct`. */
  crtsh?: 'error';
  /** The registry's RDAP record (RFC 9083); with no zones, a domain the registry has but DNS does not publish
   * (on hold: NXDOMAIN). 'error' = the RDAP server answers 503. */
  rdap?: { expiration?: string; status?: string[]; nameservers?: string[] } | 'junk' | 'html' | 'error';
  /** JPRS WHOIS for a .jp world (the lab's port-43 server): expiry, state, or a fixture file's bytes as they are. */
  whois?: { expires?: string; state?: string; fixture?: string; trickle?: boolean };
  /** The CA's renewalInfo answer for the sites' certificates (RFC 9773): a window, unknown (404), or junk. */
  ari?: { start: string; end: string; explanationURL?: string } | 'unknown' | 'junk';
  /** status.io's Public Status API (https://kb.status.io/developers/public-status-api). Plain-string incidents and
   * maintenances affect the production API; objects name their components. `components` override the default
   * Let's Encrypt-like list (production API, Staging API, website, forum), whose production status is `code`.
   * `layout: "containers"` is the documented container shape: one "ACME API" component split into "Production"
   * (status `code`) and "Staging" (status `stagingCode`) containers, events naming `containers_affected`. */
  caStatus?:
    | {
        code: number;
        status?: string;
        layout?: 'names' | 'containers';
        /** Where the shape this world serves is documented. */
        source?: string;
        stagingCode?: number;
        components?: { name: string; code: number; containers?: { name: string; code: number }[] }[];
        incidents?: (string | StatusEventSpec)[];
        maintenance?: (string | StatusEventSpec)[];
        upcoming?: StatusEventSpec[];
      }
    | 'junk'
    | 'html';
  expect: Expectation;
}

export const WORLDS_DIR = path.join(path.dirname(new URL(import.meta.url).pathname), 'worlds');

export function loadWorlds(filter?: (w: World) => boolean): World[] {
  const worlds = readdirSync(WORLDS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const w = JSON.parse(readFileSync(path.join(WORLDS_DIR, f), 'utf8')) as World;
      if (`${w.id}.json` !== f) throw new Error(`world file ${f} has id ${w.id}`);
      return w;
    });
  return filter ? worlds.filter(filter) : worlds;
}

export function resolveTime(spec: string, now: number): number {
  const m = spec.match(/^([+-])(\d+(?:\.\d+)?)([dhm])$/);
  if (m) {
    const unit = { d: 86_400_000, h: 3_600_000, m: 60_000 }[m[3] as 'd' | 'h' | 'm'];
    return now + (m[1] === '-' ? -1 : 1) * Number(m[2]) * unit;
  }
  const t = Date.parse(spec);
  if (Number.isNaN(t)) throw new Error(`bad time ${spec}`);
  return t;
}
