// Xserver's cause 1: 「該当ドメインが存在しない、もしくは有効期限切れ」. NXDOMAIN for the registrable domain,
// or the registry's record (RDAP, RFC 9083; JPRS WHOIS for .jp): its expiration date, and its statuses (EPP
// values, RFC 5731 §2.3 / RFC 3915 §3.1, in RDAP's wording, RFC 8056) — which count whatever the date says.
//
// NXDOMAIN is not proof that nobody registered the domain: a domain on hold (clientHold, serverHold), in its
// redemption period or pending delete is taken out of the zone by the registry and answers NXDOMAIN too. So
// before "register the domain" the registry is asked (RDAP, full tier): when it still has the domain, the
// hold's own reason and fix replace DOMAIN_NOT_REGISTERED (docs/design.md DOMAIN_EXPIRED). What each status means
// and what the registrant should do: ICANN, "EPP Status Codes | What Do They Mean, and Why Should I Know?",
// https://www.icann.org/resources/pages/epp-status-codes-2014-06-16-en
import { isoDate, type CheckContext } from '../engine/evidence';
import { DAY } from '../engine/time';
import { fixSteps } from '../words/fixes';
import type { Finding, LocalText, MessageKey, Severity } from '../engine/types';
import { defineCheck } from './define';

const CODES = ['DOMAIN_NOT_REGISTERED', 'DOMAIN_EXPIRED', 'DOMAIN_EXPIRING'] as const;
type Code = (typeof CODES)[number];

export const domainRegistrationCheck = defineCheck({
  id: 'domain-registration',
  codes: CODES,
  fixCauses: ['domain'],
  likelyHostRule: [],
  run: checkDomainRegistration,
});

interface StatusRule {
  severity: Severity;
  message: MessageKey;
  why: MessageKey;
  fix: MessageKey[];
}
/**
 * RDAP status (RFC 8056 wording) → what it means for the owner, first match wins: the one that leaves the most
 * to do comes first (a domain in redemption is also pendingDelete's candidate; restoring it is what matters).
 */
const STATUS_RULES: [string, StatusRule][] = [
  // ICANN: "your registrar has asked the registry to delete your domain … held in this status for 30 days"; the
  // registrar can restore it (usually for a fee) until then.
  [
    'redemption period',
    {
      severity: 'fail',
      message: 'finding_domain_redemption',
      why: 'why_domain_redemption',
      fix: ['fix_domain_redemption_1', 'fix_generic_retry'],
    },
  ],
  // ICANN: the registrar asked the registry to restore a domain in redemption; it must send a restore report
  // within 7 days, or the domain goes back to redemptionPeriod.
  [
    'pending restore',
    {
      severity: 'fail',
      message: 'finding_domain_pending_restore',
      why: 'why_domain_pending_restore',
      fix: ['fix_domain_pending_restore_1'],
    },
  ],
  // ICANN: "your domain … will be purged and dropped from the registry's database" (within 5 days); no restore.
  [
    'pending delete',
    {
      severity: 'fail',
      message: 'finding_domain_pending_delete',
      why: 'why_domain_pending_delete',
      fix: ['fix_domain_pending_delete_1'],
    },
  ],
  // ICANN: set by the registry, "usually enacted during legal disputes or when your domain is subject to deletion".
  [
    'server hold',
    {
      severity: 'fail',
      message: 'finding_domain_server_hold',
      why: 'why_domain_server_hold',
      fix: ['fix_domain_server_hold_1', 'fix_generic_retry'],
    },
  ],
  // ICANN: set by the registrar, "usually enacted during legal disputes, non-payment, or when your domain is
  // subject to deletion" — and when the registrant does not verify their contact e-mail (2013 RAA, WHOIS
  // Accuracy Program Specification §4: suspension after 15 days without verification).
  [
    'client hold',
    {
      severity: 'fail',
      message: 'finding_domain_client_hold',
      why: 'why_domain_client_hold',
      fix: ['fix_domain_client_hold_1', 'fix_domain_client_hold_2', 'fix_generic_retry'],
    },
  ],
  // ICANN: the registration period expired and the registry extended it automatically; the registrar may still
  // delete it (the owner has not paid): renew now.
  [
    'auto renew period',
    {
      severity: 'warn',
      message: 'finding_domain_expired_grace',
      why: 'why_domain_expired',
      fix: ['fix_domain_grace_1'],
    },
  ],
  [
    'renew period',
    {
      severity: 'warn',
      message: 'finding_domain_expired_grace',
      why: 'why_domain_expired',
      fix: ['fix_domain_grace_1'],
    },
  ],
];

const ruleFor = (statuses: string[]) => STATUS_RULES.find(([s]) => statuses.includes(s));
/** RDAP's words back to the EPP status name registrars show ("client hold" → "clientHold", RFC 8056 §2). */
const eppName = (status: string) => status.replace(/ ([a-z])/g, (_, c: string) => c.toUpperCase());

export function checkDomainRegistration({ ev, origin }: CheckContext): Finding<Code>[] {
  const apexNs = ev.ns[ev.registrableDomain];
  const rdap = ev.rdap;
  const domain = ev.registrableDomain;
  if (apexNs?.status === 'nxdomain') {
    const nx = `NS ${domain} → NXDOMAIN`;
    if (rdap?.ok) {
      const source = rdap.source === 'whois' ? 'WHOIS' : 'RDAP';
      const evidence = [
        nx,
        `${source}: ${domain} is registered${rdap.statuses.length ? `, status ${rdap.statuses.join(', ')}` : ''}`,
        ...(rdap.expiration ? [`${source} expiration ${rdap.expiration}`] : []),
      ];
      const hit = ruleFor(rdap.statuses);
      if (hit) {
        const [status, rule] = hit;
        // Out of the zone now: whatever the status's own weight, the renewal fails until DNS answers again.
        return [held(rule, 'fail', { domain, status: eppName(status) }, evidence)];
      }
      // Registered, in no hold, yet not in the zone: the registry has no nameservers to publish for it.
      return [
        {
          code: 'DOMAIN_NOT_REGISTERED',
          severity: 'fail',
          message: {
            key: 'finding_domain_not_delegated',
            params: { domain, status: rdap.statuses.join(', ') || '—' },
          },
          why: { key: 'why_domain_not_registered' },
          fix: [{ key: 'fix_domain_not_delegated_1', params: { domain } }, { key: 'fix_generic_retry' }],
          evidence,
        },
      ];
    }
    const notFound = rdap && !rdap.ok && rdap.kind === 'not-found';
    // RDAP was asked and could not answer: NXDOMAIN stands, but a hold cannot be ruled out — say so.
    const unconfirmed = rdap && !rdap.ok && rdap.kind === 'error';
    return [
      {
        code: 'DOMAIN_NOT_REGISTERED',
        severity: 'fail',
        message: {
          key: unconfirmed ? 'finding_domain_not_registered_unconfirmed' : 'finding_domain_not_registered',
          params: { domain },
        },
        why: { key: 'why_domain_not_registered' },
        fix: fixSteps('domain', origin, { domain }),
        evidence: [
          nx,
          ...(notFound ? [`registry: ${rdap.reason}`] : []),
          ...(unconfirmed ? [`RDAP could not confirm: ${rdap.reason}`] : []),
        ],
      },
    ];
  }
  if (!rdap?.ok) return [];
  const source = rdap.source === 'whois' ? 'WHOIS' : 'RDAP';
  const exp = rdap.expiration ? Date.parse(rdap.expiration) : null;
  const evidence = [
    ...(rdap.expiration ? [`${source} expiration ${rdap.expiration}`] : []),
    ...(rdap.statuses.length ? [`${source} status ${rdap.statuses.join(', ')}`] : []),
  ];
  const params = {
    domain,
    date: exp ? isoDate(exp) : '',
    days: exp ? Math.ceil((exp - ev.now) / DAY) : '',
    status: rdap.statuses.join(', '),
  };
  const hit = ruleFor(rdap.statuses);
  if (hit && hit[1].severity === 'fail')
    return [held(hit[1], 'fail', { ...params, status: eppName(hit[0]) }, evidence)];
  if (hit || (exp !== null && exp <= ev.now)) {
    return [
      {
        code: 'DOMAIN_EXPIRED',
        severity: 'warn',
        message: { key: 'finding_domain_expired_grace', params: { ...params, status: hit ? eppName(hit[0]) : '' } },
        why: { key: 'why_domain_expired' },
        fix: hit ? [{ key: 'fix_domain_grace_1', params }] : fixSteps('domain', origin, params),
        evidence,
      },
    ];
  }
  if (exp !== null && exp - ev.now <= 30 * DAY) {
    return [
      {
        code: 'DOMAIN_EXPIRING',
        severity: 'warn',
        message: { key: 'finding_domain_expiring', params },
        why: { key: 'why_domain_expiring' },
        fix: fixSteps('domain', origin, params),
        evidence,
      },
    ];
  }
  return [];
}

function held(
  rule: StatusRule,
  severity: Severity,
  params: Record<string, string | number>,
  evidence: string[],
): Finding<Code> {
  const text = (key: MessageKey): LocalText => ({ key, params });
  return {
    code: 'DOMAIN_EXPIRED',
    severity,
    message: text(rule.message),
    why: text(rule.why),
    fix: rule.fix.map(text),
    evidence,
  };
}
