// Xserver's cause 5: the CA is under maintenance (SSLサーバー証明書の発行元によるメンテナンス作業中).
// The status page is Let's Encrypt's: judged only when the site's CA is Let's Encrypt or not known, and only
// its production issuance API counts — planned Staging work or a website incident renews nothing.
import { caaDomainsForIssuer } from '../certificates/ca-domains';
import { type AttemptBy, attemptSchedule } from '../certificates/renewal-schedule';
import type { CheckContext } from '../engine/evidence';
import { renewsCertificate } from '../engine/renewer';
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

/**
 * When `cert`'s renewer next tries to renew it (never before now; renewal-schedule.ts attemptSchedule), or null when
 * nothing automated will (a certificate bought by hand) or no certificate is known. By default the renewer's own
 * certificate (behind a CDN the origin host's); the served certificate behind a CDN is the CDN's edge, renewed by
 * the CDN (RENEWAL_REQUESTED_EARLY asks ARI about the served one). Who renews decides, not the detected host:
 * the owner's certbot on that company's VPS keeps its own point (issue #21).
 */
export function nextRenewalAttempt(ctx: CheckContext, cert = ctx.renewer.certificate): number | null {
  const { renewer, cdn } = ctx;
  if (!cert) return null;
  const who: AttemptBy = renewsCertificate(renewer, cert)
    ? { by: renewer.by, nextRun: renewer.fixed?.next, renewal: renewer.provider?.renewal }
    : { by: 'cdn', renewal: cdn?.renewal };
  const schedule = attemptSchedule(cert, who);
  return schedule ? Math.max(ctx.ev.now, schedule.renewAt) : null;
}

/** "2026-12-01 09:00" in the runtime's own time zone (the user's). One formatter for the process: building an
 * Intl.DateTimeFormat costs more than a whole check's other findings (it was the engine's largest own CPU cost
 * in fleet mode, issue #25); the time zone is read when it is built, and a CLI or worker does not change it. */
let dateFormat: Intl.DateTimeFormat | null = null;
export function localDateTime(ms: number): string {
  dateFormat ??= new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const p = Object.fromEntries(dateFormat.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

export function checkCaStatus(ctx: CheckContext): Finding<Code>[] {
  const { ev, renewer } = ctx;
  const s = ev.caStatus;
  if (!s?.ok) return [];
  // The renewer's CA (renewer.ts): the host's when its own SSL renews, the issuer of the certificate the owner's
  // client or the owner by hand renews (a certificate bought from GlobalSign on a Let's Encrypt host is not held up
  // by Let's Encrypt). A CDN may use several CAs: its edge certificate's issuer, as before. None known: judged.
  const ca =
    renewer.by === 'cdn'
      ? ev.certificate
        ? caaDomainsForIssuer(ev.certificate.issuerOrg, ev.certificate.issuer)
        : []
      : renewer.caaDomains;
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
  // The renewer's next attempt (its own certificate: behind a CDN the origin host's); a certificate bought by hand
  // or none known: the next day only.
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
      // No attempt date (no certificate of the renewer's known: the horizon is the next day): none is said.
      message: {
        key: attempt !== null ? 'finding_ca_maintenance_planned' : 'finding_ca_maintenance_planned_soon',
        params: {
          name: m.name,
          start: localDateTime(m.start!),
          end: m.end ? localDateTime(m.end) : '?',
          attempt: attempt !== null ? localDateTime(attempt).slice(0, 10) : '',
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
