// CAA_FORBIDS_CA, CAA_LOOKUP_FAILED, CAA_ACCOUNT_BOUND: the CAA set the CA will read for the name it renews,
// judged as Boulder judges it (src/core/certificates/caa.ts). The name is the host, or `*.parent` when the host is covered
// only by a wildcard certificate (then issuewild decides and the method is DNS validation).
import { caaAllows, selectCaa, type CaaRefusal, type CaaSelection } from '../certificates/caa';
import { caaDomainsForIssuer } from '../certificates/ca-domains';
import type { CheckContext, Evidence } from '../engine/evidence';
import { fixSteps } from '../words/fixes';
import { namesUpTo, wildcardOnly } from '../network/names';
import type { Finding, MessageKey } from '../engine/types';
import { defineCheck } from './define';

const CODES = ['CAA_FORBIDS_CA', 'CAA_LOOKUP_FAILED', 'CAA_ACCOUNT_BOUND'] as const;
type Code = (typeof CODES)[number];

export const caaCheck = defineCheck({
  id: 'caa',
  codes: CODES,
  fixCauses: ['caa', 'caa-lookup', 'retry'],
  likelyHostRule: ['CAA_FORBIDS_CA'],
  run: checkCaa,
});

const REFUSAL_KEY: Record<CaaRefusal, MessageKey> = {
  critical: 'finding_caa_critical',
  'not-listed': 'finding_caa_not_listed',
  unusable: 'finding_caa_unusable',
  method: 'finding_caa_method',
  account: 'finding_caa_account',
  'forbids-all': 'finding_caa_forbids_all',
};

/** The identifier the CA checks CAA for when this host's certificate is renewed. */
export function caaIdentifier(ev: Evidence): { name: string; wildcard: boolean } {
  if (ev.certificate && wildcardOnly(ev.certificate.names, ev.host) && ev.host !== ev.registrableDomain) {
    return { name: ev.host.slice(ev.host.indexOf('.') + 1), wildcard: true };
  }
  return { name: ev.host, wildcard: false };
}

/** Boulder's selectCAA over our answers for the identifier and its parents up to the registrable domain. */
export function relevantCaa(ev: Evidence): CaaSelection {
  const { name } = caaIdentifier(ev);
  const answers = namesUpTo(name, ev.registrableDomain).map((n) => ev.caa[n]);
  if (answers.some((a) => !a)) return { kind: 'none' };
  return selectCaa(answers);
}

/** An issuer domain no CAA record names (RFC 8659 §4.2: issuer domains are letters, digits, hyphens and dots). */
const ANY_CA = '\u0000any-ca';

export function checkCaa({ ev, origin, renewer }: CheckContext): Finding<Code>[] {
  const selection = relevantCaa(ev);
  const { name, wildcard } = caaIdentifier(ev);
  if (selection.kind === 'failed') {
    // A DNSSEC failure is DNSSEC_BROKEN's to explain; a general outage is DNS_LOOKUP_FAILED's.
    const others = [ev.a, ev.aaaa, ...Object.values(ev.ns)];
    if (selection.answer.status !== 'error' || others.some((a) => a.status === 'error' || a.status === 'dnssec-bogus'))
      return [];
    // Every resolver truncated the answer (TC=1), or the check's deadline (--timeout) cut the lookup short: the fault
    // is on our side — the CA's resolvers retry over TCP (Boulder bdns) and may well read the records. Blind, never
    // "no CAA" and never a red badge: DNS_LOOKUP_FAILED (unknown) from dns-health.ts.
    if (selection.answer.truncated || selection.answer.deadline) return [];
    const params = {
      name: selection.answer.name,
      reason: (selection.answer.error ?? 'lookup failed').replace(/[.。]+$/, ''),
    };
    return [
      {
        code: 'CAA_LOOKUP_FAILED',
        severity: 'fail',
        message: { key: 'finding_caa_lookup_failed', params },
        why: { key: 'why_caa_lookup_failed' },
        fix: fixSteps('caa-lookup', null, params),
        evidence: [`CAA ${selection.answer.name} → ${selection.answer.error ?? 'failed'}`],
      },
    ];
  }
  if (selection.kind === 'none') return [];
  const set = selection.set;

  // Judged against whoever renews the certificate (docs/design.md CAA_FORBIDS_CA): the host's CA for the host's free
  // SSL, the CDN's CAs for its edge, the certificate's own CA for a paid certificate or the owner's own client —
  // a GlobalSign certificate bought by hand with CAA listing only globalsign.com is fine. The methods are the
  // renewer's: TLS-ALPN-01 for Caddy behind a closed port 80 (Boulder TestValidationMethodMatches,
  // "multiple choices, match none").
  let issuerDomains = renewer.caaDomains;
  let methods: string[] = renewer.methods;
  let caName = renewer.caName;
  // The host's steps only when the host renews; a bought certificate or the owner's own client gets generic ones.
  const fixHost = renewer.by === 'host' ? origin : null;
  if (issuerDomains.length === 0 && ev.certificate && renewer.by !== 'cdn') {
    issuerDomains = caaDomainsForIssuer(ev.certificate.issuerOrg, ev.certificate.issuer);
    methods = [];
    caName = ev.certificate.issuerOrg ?? ev.certificate.issuer;
  }
  if (wildcard) methods = ['dns-01']; // RFC 8555 §7.1.3 / LE: wildcards are validated by DNS only

  // A CDN that may use any of several CAs (Cloudflare) needs one of them allowed; a host with one CA whose
  // CAA names are aliases (Sectigo, Comodo) needs any alias allowed. Either way: any issuer domain.
  // With no CA known, a stand-in no record names: only an unknown critical tag, or issue ";" alone, refuses it —
  // those forbid every CA, so there is no need to know which one renews.
  const judged = issuerDomains.length ? issuerDomains : [ANY_CA];
  const verdicts = judged.map((d) => ({
    d,
    v: caaAllows(set, { issuerDomains: [d], methods, wildcard, accounts: null }),
  }));
  if (issuerDomains.length === 0) {
    const any = verdicts[0].v;
    if (any.allowed || (any.reason !== 'critical' && any.reason !== 'forbids-all')) return []; // shown in the DNS details, not judged
  }
  const evidence = set.records.map((r) => `CAA ${set.owner} ${r.flags} ${r.tag} "${r.value}"`);
  const allowed = verdicts.filter((x) => x.v.allowed);
  const free = allowed.find((x) => x.v.allowed && !x.v.boundTo);
  if (free) return [];
  if (allowed.length) {
    const bound = allowed.flatMap((x) => (x.v.allowed && x.v.boundTo) || []);
    const params = {
      owner: set.owner,
      cas: allowed.map((x) => x.d).join(', '),
      account: bound.join(', '),
      host: origin?.names.en ?? '',
      host_ja: origin?.names.ja ?? '',
    };
    return [
      {
        code: 'CAA_ACCOUNT_BOUND',
        severity: 'info',
        message: { key: 'finding_caa_account_bound', params },
        why: { key: 'why_caa_account_bound' },
        evidence,
      },
    ];
  }
  const first = verdicts.map((x) => x.v).find((v) => !v.allowed && v.reason !== 'not-listed') ?? verdicts[0].v;
  const refusal = first.allowed ? 'not-listed' : first.reason;
  const detail = first.allowed ? '' : (first.detail ?? '');
  const params = {
    owner: set.owner,
    name: wildcard ? `*.${name}` : name,
    tag: wildcard ? 'issuewild' : 'issue',
    ca: issuerDomains[0] ?? '',
    cas: issuerDomains.join(', '),
    via: caName,
    detail,
    host: origin?.names.en ?? '',
    host_ja: origin?.names.ja ?? '',
  };
  return [
    {
      code: 'CAA_FORBIDS_CA',
      severity: 'fail',
      message: { key: REFUSAL_KEY[refusal], params },
      why: { key: 'why_caa_forbids', params },
      fix:
        refusal === 'critical'
          ? [{ key: 'fix_caa_critical_1', params }, ...fixSteps('retry', fixHost, params)]
          : fixSteps('caa', fixHost, params),
      evidence,
    },
  ];
}
