// CAA (RFC 8659, RFC 8657) evaluated the way Let's Encrypt's Boulder evaluates it — va/caa.go in
// letsencrypt/boulder: filterCAA, selectCAA, validateCAA, parseCAARecord, caaDomainMatches,
// caaAccountURIMatches, caaValidationMethodMatches. Its test tables are carried over as test data in
// test/unit/fixtures/boulder-caa.json. Where we differ, the comment says why.
import type { DnsAnswer } from '../dns/resolver';

export interface CaaRecord {
  flags: number;
  tag: string;
  value: string;
}
export interface CaaSet {
  owner: string;
  records: CaaRecord[];
}
export interface CaaParameter {
  tag: string;
  value: string;
}

export type ParsedCaaValue = { ok: true; issuerDomain: string; params: CaaParameter[] } | { ok: false; reason: string };

/** The ACME challenge types Boulder knows (core.AcmeChallenge.IsValid); others in `validationmethods` are skipped. */
export const ACME_METHODS = ['http-01', 'dns-01', 'tls-alpn-01', 'dns-account-01', 'dns-persist-01'] as const;

const isWsp = (c: string) => c === ' ' || c === '\t';
const trimWsp = (s: string) => {
  let a = 0,
    b = s.length;
  while (a < b && isWsp(s[a])) a++;
  while (b > a && isWsp(s[b - 1])) b--;
  return s.slice(a, b);
};
// RFC 8659 §4.2: tag = (ALPHA / DIGIT) *( *("-") (ALPHA / DIGIT)); Boulder accepts only ASCII letters and
// digits (a hyphen is refused too), value = *(%x21-3A / %x3C-7E).
const TAG_CHARS = /^[A-Za-z0-9]*$/;
const VALUE_CHARS = /^[\x21-\x3a\x3c-\x7e]*$/;
const METHOD = /^[A-Za-z0-9-]+$/;

/** An `issue`/`issuewild` value → issuer domain and parameters, or why the record is unusable. */
export function parseCaaValue(value: string): ParsedCaaValue {
  const parts = value.split(';');
  const issuerDomain = trimWsp(parts[0]);
  const list = parts.slice(1);
  if (list.length === 1 && trimWsp(list[0]) === '') return { ok: true, issuerDomain, params: [] };
  const params: CaaParameter[] = [];
  for (const parameter of list) {
    const eq = parameter.indexOf('=');
    if (eq < 0)
      return { ok: false, reason: `parameter not formatted as tag=value: ${JSON.stringify(parameter.slice(0, 80))}` };
    const tag = trimWsp(parameter.slice(0, eq));
    if (!TAG_CHARS.test(tag))
      return { ok: false, reason: `tag contains disallowed character: ${JSON.stringify(tag.slice(0, 80))}` };
    const v = trimWsp(parameter.slice(eq + 1));
    if (!VALUE_CHARS.test(v))
      return { ok: false, reason: `value contains disallowed character: ${JSON.stringify(v.slice(0, 80))}` };
    params.push({ tag, value: v });
  }
  return { ok: true, issuerDomain, params };
}

/**
 * RFC 8657 §3 as Boulder reads it: no `accounturi` matches any account; two make the record unsatisfiable;
 * otherwise it must equal one of the account URIs exactly. With `accounts` null (we do not know the host's
 * ACME account — nobody outside the host does) the answer is 'bound': fine only for that one account.
 */
export function accountUriMatches(params: CaaParameter[], accounts: string[] | null): boolean | 'bound' {
  const uris = params.filter((p) => p.tag === 'accounturi');
  if (uris.length === 0) return true;
  if (uris.length > 1) return false;
  const uri = uris[0].value;
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\S*$/.test(uri)) return false; // not an RFC 3986 URI
  if (accounts === null) return 'bound';
  return accounts.includes(uri);
}

/** RFC 8657 §4 as Boulder reads it: a second `validationmethods`, or any malformed label, refuses the record. */
export function validationMethodMatches(params: CaaParameter[], method: string): boolean {
  const found = params.filter((p) => p.tag === 'validationmethods');
  if (found.length === 0) return true;
  if (found.length > 1) return false;
  for (const m of found[0].value.split(',')) {
    if (!METHOD.test(m)) return false;
    if (!(ACME_METHODS as readonly string[]).includes(m)) continue;
    if (m === method) return true;
  }
  return false;
}

/**
 * Boulder's filterCAA: the issue and issuewild records, and the first unknown tag marked critical (Boulder's
 * boolean is `criticalUnknown !== null`).
 */
export function filterCaa(records: CaaRecord[]): {
  issue: CaaRecord[];
  issuewild: CaaRecord[];
  criticalUnknown: CaaRecord | null;
} {
  const issue: CaaRecord[] = [];
  const issuewild: CaaRecord[] = [];
  let criticalUnknown: CaaRecord | null = null;
  for (const r of records) {
    switch (r.tag.toLowerCase()) {
      case 'issue':
        issue.push(r);
        break;
      case 'issuewild':
        issuewild.push(r);
        break;
      case 'iodef':
      case 'issuemail':
      case 'issuevmc':
        break;
      // Bit 128 is the critical flag; Boulder also honours bit 1, which many publishers set by mistake.
      default:
        if (r.flags & (128 | 1)) criticalUnknown ??= r;
    }
  }
  return { issue, issuewild, criticalUnknown };
}

export type CaaSelection = { kind: 'set'; set: CaaSet } | { kind: 'none' } | { kind: 'failed'; answer: DnsAnswer };

/**
 * Boulder's selectCAA over the answers from the name up the tree: the first non-empty set decides; a lookup
 * that failed before it means records may be hidden, and the CA refuses. NXDOMAIN and NODATA are empty.
 * A DNSSEC-bogus answer is a failure for the CA too (its resolver validates).
 */
export function selectCaa(answers: DnsAnswer[]): CaaSelection {
  for (const a of answers) {
    if (a.status === 'error' || a.status === 'dnssec-bogus') return { kind: 'failed', answer: a };
    const records = a.records.map((r) => r.caa).filter((c): c is CaaRecord => Boolean(c));
    if (records.length) return { kind: 'set', set: { owner: a.name, records } };
  }
  return { kind: 'none' };
}

export interface CaaRequest {
  /** The CA's issuer domain names (Let's Encrypt: letsencrypt.org). */
  issuerDomains: string[];
  /** The validation methods the host may use; empty = unknown (any method the record allows). */
  methods: string[];
  /** A wildcard certificate (`*.name`): issuewild decides when present. */
  wildcard: boolean;
  /** The ACME account URIs the host renews with; null = unknown. */
  accounts: string[] | null;
}

export type CaaVerdict =
  | { allowed: true; foundAt: string | null; boundTo?: string[] }
  | { allowed: false; foundAt: string; reason: CaaRefusal; detail?: string };

export type CaaRefusal = 'critical' | 'not-listed' | 'unusable' | 'method' | 'account' | 'forbids-all';

/** Boulder's validateCAA for one request against the selected set. */
export function caaAllows(set: CaaSet | null, req: CaaRequest): CaaVerdict {
  if (!set) return { allowed: true, foundAt: null };
  const { issue, issuewild, criticalUnknown } = filterCaa(set.records);
  if (criticalUnknown) return { allowed: false, foundAt: set.owner, reason: 'critical', detail: criticalUnknown.tag };
  const records = req.wildcard && issuewild.length > 0 ? issuewild : issue;
  if (records.length === 0) return { allowed: true, foundAt: set.owner };

  const methods = req.methods.length ? req.methods : [...ACME_METHODS];
  const bound: string[] = [];
  // The most telling reason a record was passed over, for the message.
  let reason: CaaRefusal = 'not-listed';
  let detail: string | undefined;
  const rank: Record<CaaRefusal, number> = {
    'forbids-all': 0,
    'not-listed': 1,
    unusable: 2,
    account: 3,
    method: 4,
    critical: 5,
  };
  const note = (r: CaaRefusal, d?: string) => {
    if (rank[r] > rank[reason]) {
      reason = r;
      detail = d;
    }
  };
  if (records.every((r) => trimWsp(r.value.split(';')[0]) === '')) reason = 'forbids-all';

  for (const r of records) {
    const parsed = parseCaaValue(r.value);
    if (!parsed.ok) {
      if (req.issuerDomains.some((d) => r.value.includes(d))) note('unusable', parsed.reason);
      continue;
    }
    // caaDomainMatches is an exact comparison: "LetsEncrypt.org" or "letsencrypt.org." does not match.
    if (!req.issuerDomains.includes(parsed.issuerDomain)) continue;
    const account = accountUriMatches(parsed.params, req.accounts);
    if (account === false) {
      note('account');
      continue;
    }
    if (!methods.some((m) => validationMethodMatches(parsed.params, m))) {
      note('method', parsed.params.find((p) => p.tag === 'validationmethods')?.value);
      continue;
    }
    if (account === 'bound') {
      bound.push(parsed.params.find((p) => p.tag === 'accounturi')!.value);
      continue;
    }
    return { allowed: true, foundAt: set.owner };
  }
  if (bound.length) return { allowed: true, foundAt: set.owner, boundTo: bound };
  return { allowed: false, foundAt: set.owner, reason, detail };
}
