// Xserver's cause 5: the CA is under maintenance (SSLサーバー証明書の発行元によるメンテナンス作業中).
// The status page is Let's Encrypt's: judged only when the site's CA is Let's Encrypt or not known, and only
// its production issuance API counts — planned Staging work or a website incident renews nothing.
import { caaDomainsForIssuer } from '../certificates/ca-domains';
import { renewalSchedule } from '../certificates/renewal-schedule';
import type { CheckContext } from '../engine/evidence';
import { DAY } from '../engine/time';
import { fixSteps } from '../words/fixes';
import { eventNamesProduction, productionParts, type StatusEvent } from '../sources/ca-status';
import type { Finding } from '../engine/types';
import { defineCheck } from './define';

const CODES = ['CA_INCIDENT', 'CA_MAINTENANCE'] as const;
type Code = (typeof CODES)[number];

export const caStatusCheck = defineCheck({
  id: 'ca-status',
  codes: CODES,
  fixCauses: ['ca'],
  likelyHostRule: [],
  run: checkCaStatus,
});

/** When the host will next try to renew: its own schedule when documented, else the certificate's renewal point. */
export function nextRenewalAttempt(ctx: CheckContext): number | null {
  const cert = ctx.ev.certificate;
  if (!cert) return null;
  return Math.max(ctx.ev.now, renewalSchedule(cert, ctx.origin?.renewal).renewAt);
}

/** "2026-12-01 09:00" in the runtime's own time zone (the user's). */
export function localDateTime(ms: number): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(ms))
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

export function checkCaStatus(ctx: CheckContext): Finding<Code>[] {
  const { ev, origin } = ctx;
  const s = ev.caStatus;
  if (!s?.ok) return [];
  const ca =
    origin?.renewal.caaDomains ??
    (ev.certificate ? caaDomainsForIssuer(ev.certificate.issuerOrg, ev.certificate.issuer) : []);
  if (ca.length > 0 && !ca.includes('letsencrypt.org')) return [];

  // The production API's status at the finest level the page gives: its production containers when the
  // component is split (a Staging container in maintenance leaves "ACME API / Production" operational).
  const production = productionParts(s.components);
  // An event that names its components counts when one is the production API and, when it names containers,
  // one of them is not a test environment; one that names none counts only when the production API's own status
  // shows trouble (or, with no component list at all, the page's overall).
  const affectsProduction = (e: StatusEvent, troubleFrom: number) =>
    eventNamesProduction(e) ??
    (production.length ? production.some((c) => c.code >= troubleFrom) : s.statusCode >= troubleFrom);
  const scope = (x: StatusEvent) => (x.components ? ` (${[...x.components, ...(x.containers ?? [])].join(', ')})` : '');
  const out: Finding<Code>[] = [];
  const evidence = [
    `status ${s.statusCode} ${s.statusText}`,
    ...production.map((c) => `${c.name}: ${c.code} ${c.status}`),
  ];

  const activeMaint = s.maintenanceActive.filter((m) => affectsProduction(m, 200));
  const attempt = nextRenewalAttempt(ctx);
  const horizon = (attempt ?? ev.now) + DAY;
  const upcoming = s.maintenanceUpcoming.filter(
    (m) =>
      eventNamesProduction(m) === true && m.start !== undefined && m.start <= horizon && (m.end ?? m.start) >= ev.now,
  );
  const productionMaint = production.some((c) => c.code === 200);
  if (activeMaint.length || productionMaint) {
    const m = activeMaint[0];
    out.push({
      code: 'CA_MAINTENANCE',
      severity: 'warn',
      message: {
        key: 'finding_ca_maintenance',
        params: { name: m?.name ?? production.find((c) => c.code === 200)?.name ?? s.statusText },
      },
      why: { key: 'why_ca_status' },
      fix: fixSteps('ca', null),
      evidence: [...evidence, ...activeMaint.map((x) => `maintenance: ${x.name}${scope(x)}`)],
    });
  } else if (upcoming.length) {
    const m = upcoming.sort((a, b) => a.start! - b.start!)[0];
    out.push({
      code: 'CA_MAINTENANCE',
      severity: 'warn',
      message: {
        key: 'finding_ca_maintenance_planned',
        params: {
          name: m.name,
          start: localDateTime(m.start!),
          end: m.end ? localDateTime(m.end) : '?',
          attempt: attempt ? localDateTime(attempt).slice(0, 10) : '',
        },
      },
      why: { key: 'why_ca_maintenance_planned' },
      fix: fixSteps('ca', null),
      evidence: [
        ...evidence,
        `planned: ${m.name}${scope(m)} ${new Date(m.start!).toISOString()} – ${m.end ? new Date(m.end).toISOString() : '?'}`,
      ],
    });
  }
  const incidents = s.incidents.filter((i) => affectsProduction(i, 300));
  const degraded = production.filter((c) => c.code >= 300);
  if (incidents.length || degraded.length || (!production.length && !s.incidents.length && s.statusCode >= 300)) {
    out.push({
      code: 'CA_INCIDENT',
      severity: 'warn',
      message: {
        key: 'finding_ca_incident',
        params: { name: incidents[0]?.name ?? degraded[0]?.status ?? s.statusText },
      },
      why: { key: 'why_ca_status' },
      fix: fixSteps('ca', null),
      evidence: [...evidence, ...incidents.map((i) => `incident: ${i.name}${scope(i)}`)],
    });
  }
  return out;
}
