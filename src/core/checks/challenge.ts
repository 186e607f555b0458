// Xserver's causes 3 and 4: site forwarding (サイト転送) and access restriction (アクセス制限), seen the way
// Let's Encrypt's validator sees them: a request for /.well-known/acme-challenge/<token> on port 80.
// Only for certificates renewed by HTTP validation at this address (docs/design.md "(all CHALLENGE_*)").
import { addressesOf, type CheckContext } from '../engine/evidence';
import { fixSteps } from '../words/fixes';
import { certificateNameCovers, classifyHost, wildcardOnly } from '../network/names';
import { detectProvider } from '../providers/detect-provider';
import { firstRedirectProblem, isRedirect, type RedirectRule } from '../sources/challenge-probe';
import type { Finding, MessageKey } from '../engine/types';
import { defineCheck } from './define';

const CODES = [
  'CHALLENGE_REDIRECT_OFFSITE',
  'CHALLENGE_REDIRECT_INVALID',
  'CHALLENGE_ACCESS_DENIED',
  'CHALLENGE_UNREACHABLE',
] as const;
type Code = (typeof CODES)[number];

export const challengeCheck = defineCheck({
  id: 'challenge',
  codes: CODES,
  fixCauses: ['redirect', 'access', 'unreachable'],
  likelyHostRule: [],
  run: checkChallenge,
});

const RULE_KEY: Record<RedirectRule, MessageKey> = {
  status: 'redirect_rule_status',
  'too-many': 'redirect_rule_too_many',
  scheme: 'redirect_rule_scheme',
  port: 'redirect_rule_port',
  'empty-host': 'redirect_rule_empty_host',
  'well-known': 'redirect_rule_well_known',
  'reserved-ip': 'redirect_rule_reserved_ip',
  'not-iana': 'redirect_rule_not_iana',
  'path-long': 'redirect_rule_path_long',
  loop: 'redirect_rule_loop',
  unparseable: 'redirect_rule_unparseable',
};

export type ChallengeScope =
  | { applies: true }
  | { applies: false; why: 'wildcard' | 'cdn-edge' | 'dns-validation' | 'tls-alpn' | 'manual' };

/**
 * Whether the challenge path at this address decides the next renewal: only when the renewer validates by
 * HTTP here (docs/design.md "(all CHALLENGE_*)"). Not for a wildcard-only certificate, a CDN's edge, DNS validation
 * (a delegated `_acme-challenge`, DNS-PERSIST-01, a DNS-validating host), TLS-ALPN-01 on port 443, or a
 * certificate bought and installed by hand.
 */
export function challengeScope({ ev, origin, cdn, renewer }: CheckContext): ChallengeScope {
  if (ev.certificate && wildcardOnly(ev.certificate.names, ev.host)) return { applies: false, why: 'wildcard' };
  if (renewer.by === 'cdn' || (cdn && (!origin || origin.id === cdn.id))) return { applies: false, why: 'cdn-edge' };
  if (origin?.renewal.method === 'cdn-edge' && renewer.by === 'host') return { applies: false, why: 'cdn-edge' };
  if (renewer.by === 'manual') return { applies: false, why: 'manual' };
  if (renewer.method === 'dns-01') return { applies: false, why: 'dns-validation' };
  if (renewer.method === 'tls-alpn-01') return { applies: false, why: 'tls-alpn' };
  return { applies: true };
}

/**
 * Whether the renewer is known to validate by HTTP: the host's own SSL does (its scope above says when it does not);
 * the owner's own client may as well use DNS-01 through its DNS provider's API or TLS-ALPN-01 on port 443, which
 * public DNS and port 80 do not show (certbot's DNS plugins, acme.sh's dns_* hooks, lego, Caddy). Its findings then
 * warn, their first step asking how the client validates, their own why kept (which redirect rule, why port 80): a
 * red finding about a renewal needs proof of how it is done (docs/design.md "(all CHALLENGE_*)": they apply when
 * the renewer validates by HTTP at this address).
 */
export function httpValidationKnown({ renewer }: Pick<CheckContext, 'renewer'>): boolean {
  return renewer.by === 'host' || renewer.method === 'http-01';
}

export function checkChallenge(ctx: CheckContext): Finding<Code>[] {
  const found = challengeFindings(ctx);
  if (httpValidationKnown(ctx)) return found;
  // Every finding, a warning already (a redirect to another site) or not: the question comes first either way.
  return found.map((f) => ({
    ...f,
    severity: f.severity === 'fail' ? 'warn' : f.severity,
    fix: [{ key: 'fix_challenge_method_first' }, ...(f.fix ?? [])],
    evidence: [
      ...(f.evidence ?? []),
      `renewed by ${ctx.renewer.by === 'owner-acme' ? 'your own ACME client' : 'an unknown renewer'}, validation method not seen in public DNS: fails only over HTTP (HTTP-01)`,
    ],
  }));
}

function challengeFindings(ctx: CheckContext): Finding<Code>[] {
  const { ev, renewer } = ctx;
  // The host's own steps only when the host renews; the owner's own client gets generic ones — and where a redirect
  // lands is judged against the server that holds the token, which is then the owner's, not the detected host's.
  const origin = renewer.by === 'host' ? ctx.origin : null;
  const own = { ...ctx, origin };
  const out = ev.challenge;
  if (!out || !challengeScope(ctx).applies) return [];
  if (ev.challengeUpgraded) return portByAddress(ctx);
  const hops = out.hops;
  const lines = hops.map((h) => `${h.status} ${h.url}${h.location ? ` → ${h.location}` : ''}`);
  const params = { name: ev.host, host: origin?.names.en ?? '', host_ja: origin?.names.ja ?? '' };

  // Walk the redirects with Let's Encrypt's rules first: they explain a failure further down the chain better
  // than "unreachable" does. An off-site hop before a refused one is what the user must fix first.
  const problem = firstRedirectProblem(hops);
  const limit = problem ? problem.index : hops.length;
  for (let i = 0; i < limit; i++) {
    const h = hops[i];
    if (!isRedirect(h)) break;
    const targetHost = new URL(h.location!, h.url).hostname;
    if (targetHost.toLowerCase() === ev.host) continue; // the same name (http → https, another path)
    const t = classifyHost(targetHost);
    if (t.ok && t.registrableDomain === ev.registrableDomain) {
      // Inside the domain the name is no proof: where it lands (its addresses, who serves them) decides.
      const landing = judgeLanding(own, targetHost.toLowerCase());
      if (landing.kind === 'same') continue;
      return [inDomainFinding(own, targetHost.toLowerCase(), landing, lines)];
    }
    // The host puts the token on its own server, which the other site is not; with no host known, a central
    // challenge responder at the other site (some CDNs and agencies run one) would make it work.
    const known = origin !== null;
    return [
      {
        code: 'CHALLENGE_REDIRECT_OFFSITE',
        severity: known ? 'fail' : 'warn',
        message: {
          key: known ? 'finding_challenge_redirect_offsite' : 'finding_challenge_redirect_offsite_unknown',
          params: { ...params, target: targetHost },
        },
        why: { key: 'why_challenge_redirect_offsite' },
        fix: fixSteps('redirect', origin, params),
        evidence: lines,
      },
    ];
  }
  if (problem) {
    return [
      {
        code: 'CHALLENGE_REDIRECT_INVALID',
        severity: 'fail',
        message: {
          key: 'finding_challenge_redirect_invalid',
          params: { ...params, status: hops[problem.index].status },
        },
        why: { key: RULE_KEY[problem.rule], params: { detail: problem.detail, target: problem.target.slice(0, 200) } },
        fix: fixSteps('redirect', origin, params),
        evidence: lines,
      },
    ];
  }
  if (out.kind !== 'response') {
    if (out.kind === 'error' && hops.length === 0) return []; // not a reachability verdict (e.g. local DNS failure)
    return [
      {
        code: 'CHALLENGE_UNREACHABLE',
        severity: 'fail',
        message: {
          key: hops.length
            ? 'finding_challenge_target_unreachable'
            : out.kind === 'timeout'
              ? 'finding_challenge_timeout'
              : 'finding_challenge_refused',
          params: { ...params, url: out.url },
        },
        why: { key: 'why_challenge_unreachable' },
        fix: fixSteps('unreachable', origin, params),
        evidence: [...lines, `${out.url} → ${out.reason}`],
      },
    ];
  }
  const last = hops[hops.length - 1];
  if (last && (last.status === 401 || last.status === 403)) {
    const auth = last.headers?.['www-authenticate'];
    return [
      {
        code: 'CHALLENGE_ACCESS_DENIED',
        severity: 'fail',
        message: {
          key: last.status === 401 ? 'finding_challenge_auth' : 'finding_challenge_forbidden',
          params: { ...params, status: last.status },
        },
        why: { key: 'why_challenge_access_denied' },
        fix: fixSteps('access', origin, params),
        evidence: [...lines, ...(auth ? [`WWW-Authenticate: ${auth.slice(0, 200)}`] : [])],
      },
    ];
  }
  return [];
}

/**
 * After an HSTS upgrade the hops by name say nothing about port 80; the request to the address does. A refusal
 * or a timeout there is CHALLENGE_UNREACHABLE; an answer means the port is open, and the path by name is left
 * to the CLI (a source note says so). Never "reachable" on the strength of the https hop.
 */
function portByAddress({ ev, origin: detected, renewer }: CheckContext): Finding<Code>[] {
  const origin = renewer.by === 'host' ? detected : null;
  const u = ev.challengeUpgraded!;
  const o = u.outcome;
  if (!o || !u.address || (o.kind !== 'refused' && o.kind !== 'timeout')) return [];
  const params = {
    name: ev.host,
    host: origin?.names.en ?? '',
    host_ja: origin?.names.ja ?? '',
    url: o.url,
    address: u.address,
  };
  return [
    {
      code: 'CHALLENGE_UNREACHABLE',
      severity: 'fail',
      message: {
        key: o.kind === 'timeout' ? 'finding_challenge_timeout_address' : 'finding_challenge_refused_address',
        params,
      },
      why: { key: 'why_challenge_unreachable' },
      fix: fixSteps('unreachable', origin, params),
      evidence: [
        ...(ev.challenge?.hops ?? [])
          .slice(0, 1)
          .map(
            (h) =>
              `${h.url} → ${h.location ?? ''} (${h.internal === 'hsts' ? 'HSTS, inside the browser' : 'inside the browser'})`,
          ),
        `${o.url} → ${o.reason}`,
      ],
    },
  ];
}

type Landing = { kind: 'same' } | { kind: 'elsewhere'; severity: 'fail' | 'warn'; where: string; evidence: string[] };

/**
 * Does a redirect to another name of the same domain (apex → www) land on the server that holds the token?
 * The same address: yes. The same provider as the origin host: yes — a platform (Netlify, Vercel, GitHub Pages)
 * answers challenges for every name it serves, and a shared host serves an account's names from one server —
 * unless both PTRs name two different servers of it (warn). Elsewhere: fail when the origin host is known (with
 * its own evidence) and places the token on its own server; warn when the host is unknown or unproven, when a
 * CDN proxy in front of the target may forward to this server, or when the target's lookup failed.
 */
function judgeLanding({ ev, origin }: CheckContext, target: string): Landing {
  const t = ev.challengeTargets?.[target];
  if (!t) return { kind: 'same' }; // not looked up (no redirect seen by the lookup stage): nothing to compare
  const ptrOf = (a: string) => t.ptr[a]?.records[0]?.value;
  const addrs = [...t.a.records, ...t.aaaa.records].map((r) => r.value);
  const label = (a: string) =>
    `${a.includes(':') ? 'AAAA' : 'A'} ${target} ${a}${ptrOf(a) ? ` (PTR ${ptrOf(a)})` : ''}`;
  const cnames = [...t.a.cnames, ...t.aaaa.cnames].filter((c, i, all) => all.indexOf(c) === i);
  const seen = [...cnames.map((c) => `CNAME ${target} → ${c}`), ...addrs.map(label)];
  if (addrs.length === 0) {
    // A failed lookup is no answer: never "same" on it. No address at all: the probe's own outcome says it.
    if (t.a.status === 'error' || t.aaaa.status === 'error')
      return { kind: 'elsewhere', severity: 'warn', where: target, evidence: [`A/AAAA ${target} → lookup failed`] };
    return { kind: 'same' };
  }
  const hostAddrs = new Set(addressesOf(ev).map((a) => a.address));
  if (addrs.some((a) => hostAddrs.has(a))) return { kind: 'same' };
  const det = detectProvider({
    nameservers: [],
    soa: null,
    addresses: addrs.map((address) => ({ address, ptr: ptrOf(address) })),
    cnames,
    headers: null,
    mx: [],
    spf: null,
  });
  const owner = det.origin?.provider ?? addrs.map((a) => det.addressOwner[a]).find(Boolean) ?? null;
  if (origin && owner?.id === origin.id && !det.cdn) {
    const hostPtrs = new Set(Object.values(ev.ptr).flatMap((p) => p.records.map((r) => r.value.toLowerCase())));
    const targetPtrs = addrs.map(ptrOf).filter((p): p is string => Boolean(p));
    const otherServer =
      hostPtrs.size > 0 && targetPtrs.length > 0 && !targetPtrs.some((p) => hostPtrs.has(p.toLowerCase()));
    if (!otherServer) return { kind: 'same' };
    return { kind: 'elsewhere', severity: 'warn', where: targetPtrs[0], evidence: seen };
  }
  const where = det.cdn?.provider.names.en ?? owner?.names.en ?? addrs.slice(0, 2).join(', ');
  if (det.cdn) return { kind: 'elsewhere', severity: 'warn', where, evidence: seen };
  // "Elsewhere" needs proof, as ADDRESS_ELSEWHERE does: another provider's address, or an address the origin
  // host's complete address list (or its PTR naming) does not cover.
  const provenElsewhere =
    owner !== null ||
    Boolean(origin?.renewal.addressesKnown) ||
    Boolean(origin?.rules.some((r) => r.kind === 'ptr') && addrs.some((a) => ptrOf(a)));
  const proven = origin !== null && ev.detection.origin?.confidence === 'high' && provenElsewhere;
  return { kind: 'elsewhere', severity: proven ? 'fail' : 'warn', where, evidence: seen };
}

function inDomainFinding(
  { ev, origin }: CheckContext,
  target: string,
  landing: Extract<Landing, { kind: 'elsewhere' }>,
  lines: string[],
): Finding<Code> {
  const params = {
    name: ev.host,
    target,
    where: landing.where,
    host: origin?.names.en ?? '',
    host_ja: origin?.names.ja ?? '',
  };
  const hostAddrs = addressesOf(ev).map((a) => `${a.family === 6 ? 'AAAA' : 'A'} ${ev.host} ${a.address}`);
  // An ACME order fails when any one of its names fails: the certificate that also names the target is lost
  // for both names, not only for the one that redirects.
  const cert = ev.originCertificate ?? ev.certificate;
  const both = cert?.names.some((n) => certificateNameCovers(n, target))
    ? [`certificate names ${ev.host} and ${target}: its renewal needs both to reach the same server`]
    : [];
  const fail = landing.severity === 'fail';
  return {
    code: 'CHALLENGE_REDIRECT_OFFSITE',
    severity: landing.severity,
    message: {
      key: fail ? 'finding_challenge_redirect_in_domain' : 'finding_challenge_redirect_in_domain_unknown',
      params,
    },
    why: { key: 'why_challenge_redirect_in_domain', params },
    fix: [{ key: 'fix_redirect_in_domain_1', params }, ...fixSteps('redirect', origin, params)],
    evidence: [...lines, ...hostAddrs, ...landing.evidence, ...both],
  };
}
