// RENEWAL_INTERVAL_TOO_LONG (docs/design.md): Certificate Transparency history shows the renewer renewing at a fixed
// interval (a cron job every 60 days, acme.sh's default) that the certificates' lifetime no longer leaves room for.
// Let's Encrypt's default lifetime falls to 64 days on 2027-02-10 and 45 days on 2028-02-16: "renewing at a
// hardcoded interval of 60 days will no longer be sufficient" (https://letsencrypt.org/2025/12/02/from-90-to-45).
// The rhythm is proven only as src/core/certificates/renewal-rhythm.ts says (docs/how-we-judge.md "Renewal
// interval"); a renewer that follows the lifetime (certbot, ARI, Caddy) is never accused. Warn, never fail: the
// certificate still works today. Only for an automated renewer (the host's SSL, the owner's ACME client); without
// the history (not configured, crt.sh down) nothing is said here and the source note says why.
import { caaDomainsForIssuer } from '../certificates/ca-domains';
import { letsEncryptDefaultLifetime } from '../certificates/lifetime-calendar';
import { SAME_RENEWAL_MS } from '../certificates/renewal-rhythm';
import { isoDate, type CheckContext } from '../engine/evidence';
import { DAY } from '../engine/time';
import type { Finding, LocalText } from '../engine/types';
import { defineCheck } from './define';
const CODES = ['RENEWAL_INTERVAL_TOO_LONG'] as const;
type Code = (typeof CODES)[number];

export const renewalIntervalCheck = defineCheck({
  id: 'renewal-interval',
  codes: CODES,
  fixCauses: [],
  likelyHostRule: [],
  run: checkRenewalInterval,
});

/** Days as people say them: whole days, tenths under 10 days (a 6-day certificate renewed every 3.3 days). */
const days = (ms: number) => (ms < 10 * DAY ? Math.round((ms / DAY) * 10) / 10 : Math.round(ms / DAY));
/** RENEWAL_OVERDUE's grace (engine/renewer.ts graceFor): a renewal this close to expiry has no room to fail. */
const graceOf = (lifetime: number) => Math.min(2 * DAY, lifetime / 30);

export function checkRenewalInterval({ ev, origin, renewer }: CheckContext): Finding<Code>[] {
  // The rhythm is read once, by the renewer (engine/renewer.ts): only an automated one's, only with the history.
  if (renewer.by !== 'host' && renewer.by !== 'owner-acme') return [];
  if (!renewer.fixed) return [];
  const { rhythm, issuances, mine } = renewer.fixed;
  const current = rhythm.events[rhythm.events.length - 1];
  const interval = rhythm.interval;
  // When it runs next (renewal-rhythm.ts nextFixedRun), the date the verdict sentence says too. null: the renewer
  // is already late for its own rhythm, a stalled renewal, which RENEWAL_OVERDUE and CERT_EXPIRED say.
  const next = renewer.fixed.next;
  if (next === null) return [];

  let variant: 'current' | 'calendar';
  let lifetime = current.lifetime;
  let expiry = current.notAfter;
  let change: string | null = null;
  if (next >= current.notAfter - graceOf(current.lifetime)) variant = 'current';
  else {
    // The next certificate may be shorter: Let's Encrypt's calendar for a certificate issued at the next run.
    const letsEncrypt = issuances.some(
      (i) =>
        mine(i) &&
        i.names.includes(ev.host) &&
        Math.abs(Date.parse(i.notBefore) - current.notBefore) <= SAME_RENEWAL_MS &&
        caaDomainsForIssuer(i.issuerOrg, i.issuer).includes('letsencrypt.org'),
    );
    const calendar = letsEncrypt ? letsEncryptDefaultLifetime(next) : null;
    const shorter = calendar ? calendar.days * DAY : Number.POSITIVE_INFINITY;
    if (!calendar || shorter >= current.lifetime || interval < shorter - graceOf(shorter)) return [];
    variant = 'calendar';
    lifetime = shorter;
    expiry = next + shorter;
    change = calendar.since;
  }

  const host = renewer.by === 'host' ? (renewer.provider ?? origin) : null;
  const params = {
    name: ev.host,
    interval: days(interval),
    lifetime: days(lifetime),
    next: isoDate(next),
    expiry: isoDate(expiry),
    after: isoDate(next + interval),
    change: change ?? '',
    host: host?.names.en ?? '',
    host_ja: host?.names.ja ?? '',
  };
  const fix: LocalText[] = host
    ? [{ key: 'fix_renewal_interval_host', params }]
    : [
        { key: 'fix_renewal_interval_timer', params },
        { key: 'fix_renewal_interval_certbot', params },
        { key: 'fix_renewal_interval_acmesh', params },
        { key: 'fix_renewal_interval_lego', params },
      ];
  const shown = rhythm.events.slice(-6);
  return [
    {
      code: 'RENEWAL_INTERVAL_TOO_LONG',
      severity: 'warn',
      message: {
        key: variant === 'current' ? 'finding_renewal_interval_too_long' : 'finding_renewal_interval_too_long_calendar',
        params,
      },
      why: { key: 'why_renewal_interval_too_long', params },
      fix,
      // The renewals (date, lifetime), the intervals and what each followed, what proved the interval.
      evidence: [
        `CT: ${shown.map((e) => `${isoDate(e.notBefore)} ${days(e.lifetime)}d`).join(', ')}`,
        `intervals ${rhythm.intervals.map((x) => `${days(x.gap)}d after ${days(x.after)}d`).join(', ')} (${rhythm.proof})`,
        `next ${params.next}, expires ${params.expiry}${change ? ` (${params.lifetime}d from ${change})` : ''}`,
      ],
    },
  ];
}
