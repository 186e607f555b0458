// The words around a report: the verdict sentence, the badge tooltip, and the plain-text report the CLI
// prints and the popup copies ("paste into a support ticket").
import { displayHost } from '../words/display-host';
import { displayText } from '../words/display-text';
import { daysLeft } from './evidence';
import { providerById } from '../providers';
import { mainFinding } from './verdict';
import type { Lang, Translate } from '../words/i18n';
import { noteReason } from '../words/note-reason';
import { providerName } from '../words/provider-name';
import type { Finding, LocalText, RenewalSummary, Report } from './types';

/** Who renews, in words, for "Renewed by: {who}" (docs/design.md "the renewer"): the CLI's text report and the popup. */
export function renewedBy(renewal: RenewalSummary): LocalText {
  const name = { host: renewal.who?.name ?? '', host_ja: renewal.who?.nameJa ?? '' };
  const who: LocalText =
    renewal.by === 'host'
      ? { key: renewal.likely ? 'renewer_host_likely' : 'renewer_host', params: name }
      : renewal.by === 'cdn'
        ? { key: 'renewer_cdn', params: name }
        : renewal.by === 'manual'
          ? { key: 'renewer_manual', params: { seller: renewal.who?.name ?? '' } }
          : renewal.by === 'owner-acme'
            ? {
                key:
                  renewal.method === 'http-01'
                    ? 'renewer_owner_acme_http'
                    : renewal.method === 'dns-01'
                      ? 'renewer_owner_acme_dns'
                      : renewal.method === 'tls-alpn-01'
                        ? 'renewer_owner_acme_alpn'
                        : 'renewer_owner_acme',
              }
            : { key: 'renewer_unknown' };
  return who;
}

/**
 * The served certificate is a CDN's edge certificate, which the CDN renews, whenever a CDN is in front of another
 * host (or of none): the host's own is `originCertificate` (docs/design.md "Which certificate"). Its dates are never
 * the host's, and the host's schedule is never laid on them.
 */
export function servedByCdnEdge(r: Pick<Report, 'cdn' | 'provider'>): boolean {
  return r.cdn !== null && r.provider?.id !== r.cdn.id;
}

export function verdictLines(r: Report): LocalText[] {
  const out: LocalText[] = [];
  if (r.verdict === 'not-applicable')
    return [{ key: 'verdict_not_applicable' }, ...(r.notApplicable ? [r.notApplicable] : [])];
  out.push({ key: `verdict_${r.verdict === 'ok' ? 'ok' : r.verdict}` as LocalText['key'] });
  const main = mainFinding(r.findings);
  if (main) out.push(main.message);
  // The dates of the renewal that is judged: the origin host's certificate behind a CDN, else the served one.
  const judged = r.originCertificate ?? r.certificate;
  if (judged) {
    const days = daysLeft(judged.notAfter, Date.parse(r.checkedAt));
    const date = judged.notAfter.slice(0, 10);
    // Behind a CDN with the host's own certificate unknown (not in CT, or CT not asked): the served one is the CDN's
    // edge certificate. Its expiry is the CDN's to renew; the host's schedule has no date of the host's to count from.
    if (!r.originCertificate && r.provider && r.cdn && servedByCdnEdge(r) && days >= 0) {
      out.push({
        key: 'verdict_expiry_edge',
        params: {
          date,
          days,
          cdn: r.cdn.name,
          cdn_ja: r.cdn.nameJa,
          host: r.provider.name,
          host_ja: r.provider.nameJa,
        },
      });
      return out;
    }
    const behind =
      r.originCertificate && r.provider && r.cdn
        ? { host: r.provider.name, host_ja: r.provider.nameJa, cdn: r.cdn.name, cdn_ja: r.cdn.nameJa }
        : null;
    out.push(
      days < 0
        ? { key: behind ? 'verdict_expired_origin' : 'verdict_expired', params: { date, ...behind } }
        : { key: behind ? 'verdict_expiry_origin' : 'verdict_expiry', params: { date, days, ...behind } },
    );
    // A fixed interval CT history proves says when the renewer runs next, whatever the certificate's lifetime or
    // the host's documented schedule says: the date RENEWAL_INTERVAL_TOO_LONG gives (renewal-rhythm.ts nextFixedRun).
    const fixedRun = r.renewal?.nextRun;
    // The host's schedule only when the host renews this certificate (a bought one or the owner's own client: no).
    const p = !fixedRun && r.provider && (r.renewal?.by ?? 'host') === 'host' ? providerById(r.provider.id) : undefined;
    const renew = p?.renewal.renewsDaysBefore;
    const due = fixedRun ?? r.renewalPoint;
    if (p && renew && days >= 0) {
      const retries = p.renewal.retryDaysBefore;
      out.push(
        retries?.length
          ? {
              key: 'verdict_host_schedule',
              params: {
                host: p.names.en,
                host_ja: p.names.ja,
                renew,
                retries: `${retries.slice(0, -1).join(', ')} and ${retries[retries.length - 1]}`,
                retries_ja: retries.join('日・'),
              },
            }
          : { key: 'verdict_host_schedule_noretry', params: { host: p.names.en, host_ja: p.names.ja, renew } },
      );
    } else if (due && days >= 0) {
      // A date already past is said as past ("was due"), never "is due around" a day gone by.
      const past = Date.parse(due) < Date.parse(r.checkedAt);
      out.push({
        key: past ? 'verdict_renewal_was_due' : fixedRun ? 'verdict_renewal_next_run' : 'verdict_renewal_point',
        params: { date: due.slice(0, 10) },
      });
    }
  }
  return out;
}

/** The badge tooltip and the watch-list notification: one line, visible escapes, at most 300 characters. */
export function badgeTitle(r: Report, t: Translate): string {
  return displayText(badgeTitleRaw(r, t), { maxLength: 300 });
}

function badgeTitleRaw(r: Report, t: Translate): string {
  const main = mainFinding(r.findings);
  const reason = main ? t(main.message) : '';
  switch (r.verdict) {
    case 'fail':
      return t('badge_fail', { reason });
    case 'warn':
      return t('badge_warn', { reason });
    case 'unknown':
      return t('badge_unknown', { reason });
    case 'ok':
      return t('badge_ok');
    default:
      return t('badge_na');
  }
}

export function findingText(f: Finding, t: Translate) {
  return {
    code: f.code,
    severity: f.severity,
    message: t(f.message),
    why: f.why ? t(f.why) : undefined,
    fix: f.fix?.map((s) => t(s)),
    evidence: f.evidence,
  };
}

/**
 * Plain text, no markup, for the CLI and for "Copy report". Every piece that can carry data goes through
 * displayText before any styling (the CLI's own colour codes are the only escape sequences written).
 */
export function plainReport(
  r: Report,
  t: Translate,
  lang: Lang,
  style: { bold?: (s: string) => string; sev?: (sev: string, s: string) => string } = {},
): string {
  const bold = (s: string) => (style.bold ?? ((x: string) => x))(clean(s));
  const sev = (level: string, s: string) => (style.sev ?? ((_: string, x: string) => x))(level, clean(s));
  const lines = plainLines(r, t, lang, bold, sev);
  return lines.join('\n');
}

/** A source note's reason in the reader's language when we know it, else as the source said it. */
export { noteReason } from '../words/note-reason';

const clean = (s: string) => displayText(s, { maxLength: 1000 });
const evidenceLine = (s: string) => displayText(s, { maxLength: 300 });

function plainLines(
  r: Report,
  t: Translate,
  lang: Lang,
  bold: (s: string) => string,
  sev: (level: string, s: string) => string,
): string[] {
  const lines: string[] = [];
  lines.push(
    bold(
      `${displayHost(r.host)} — ${verdictLines(r)
        .map((l) => t(l))
        .join(' ')}`,
    ),
  );
  if (r.verdict === 'not-applicable') return lines;
  const hostName = r.provider ? providerName(r.provider, lang) : '';
  const host = !r.provider
    ? t('cli_none')
    : r.provider.chosenByUser
      ? `${hostName} (${t('label_chosen_by_you')})`
      : r.provider.confidence === 'low'
        ? t('label_host_likely', { host: hostName })
        : hostName;
  lines.push(
    clean(`${t('cli_host')}: ${host}${r.provider?.evidence.length ? ` — ${r.provider.evidence.join('; ')}` : ''}`),
  );
  if (r.cdn) lines.push(clean(`${t('cli_cdn')}: ${r.cdn.name} — ${r.cdn.evidence.join('; ')}`));
  if (r.renewal)
    lines.push(
      clean(
        `${t('label_renewed_by', { who: t(renewedBy(r.renewal)) })}${r.renewal.evidence.length ? ` — ${r.renewal.evidence.slice(0, 4).join('; ')}` : ''}`,
      ),
    );
  if (r.certificate) {
    const c = r.certificate;
    lines.push(
      clean(
        `${t('cli_certificate')}: ${c.issuer}${c.issuerOrg ? ` (${c.issuerOrg})` : ''}, ${c.notBefore.slice(0, 10)} – ${c.notAfter.slice(0, 10)}, ${c.names.slice(0, 5).map(displayHost).join(', ')} [${t(c.source === 'ct' ? 'source_ct' : 'source_connection')}]`,
      ),
    );
  }
  if (r.originCertificate) {
    const c = r.originCertificate;
    lines.push(
      clean(
        `${t('cli_origin_certificate', { host: r.provider?.name ?? '', host_ja: r.provider?.nameJa ?? '' })}: ${c.issuer}${c.issuerOrg ? ` (${c.issuerOrg})` : ''}, ${c.notBefore.slice(0, 10)} – ${c.notAfter.slice(0, 10)}, ${c.names.slice(0, 5).map(displayHost).join(', ')} [${t('source_ct_short')}]`,
      ),
    );
  }
  lines.push('');
  if (r.findings.length === 0) lines.push(t('cli_no_findings'));
  for (const f of r.findings) {
    const ft = findingText(f, t);
    lines.push(
      `${sev(f.severity, `[${t(`severity_${f.severity}` as LocalText['key'])}] ${f.code}`)} ${clean(ft.message)}`,
    );
    for (const e of ft.evidence ?? []) lines.push(`    ${t('cli_evidence')}: ${evidenceLine(e)}`);
    if (ft.why) lines.push(clean(`    ${t('cli_why')}: ${ft.why}`));
    for (const [i, s] of (ft.fix ?? []).entries()) lines.push(clean(`    ${i + 1}. ${s}`));
  }
  const notes = r.notes.filter((n) => n.status !== 'ok');
  if (notes.length) {
    lines.push('', `${t('cli_sources')}:`);
    for (const n of notes) {
      const reason = noteReason(n, t);
      lines.push(
        clean(`    ${n.source}: ${t(`source_status_${n.status}` as LocalText['key'])}${reason ? ` — ${reason}` : ''}`),
      );
    }
  }
  lines.push('', t('label_checked_at', { time: r.checkedAt }));
  return lines;
}

const certificateJson = (c: Report['certificate']) =>
  c
    ? {
        issuer: c.issuer,
        subject: c.subject,
        names: c.names,
        notBefore: c.notBefore,
        notAfter: c.notAfter,
        source: c.source,
      }
    : null;

/** The JSON the CLI prints (docs/design.md "CLI contract"), with messages in the chosen language. */
export function reportJson(r: Report, t: Translate) {
  return {
    host: r.host,
    registrableDomain: r.registrableDomain,
    checkedAt: r.checkedAt,
    verdict: r.verdict,
    provider: r.provider
      ? { id: r.provider.id, name: r.provider.name, confidence: r.provider.confidence, evidence: r.provider.evidence }
      : null,
    cdn: r.cdn ? { id: r.cdn.id, name: r.cdn.name } : null,
    certificate: certificateJson(r.certificate),
    originCertificate: certificateJson(r.originCertificate ?? null),
    findings: r.findings.map((f) => {
      const ft = findingText(f, t);
      return {
        code: f.code,
        severity: f.severity === 'unknown' ? 'info' : f.severity,
        message: ft.message,
        ...(ft.fix ? { fix: ft.fix } : {}),
        ...(ft.evidence ? { evidence: ft.evidence } : {}),
      };
    }),
    summary: verdictLines(r)
      .map((l) => t(l))
      .join(' '),
    notes: r.notes.map((n) => {
      const reason = noteReason(n, t);
      return { source: n.source, status: n.status, ...(reason ? { reason } : {}) };
    }),
    renewalPoint: r.renewalPoint,
    renewal: r.renewal
      ? {
          by: r.renewal.by,
          ...(r.renewal.method ? { method: r.renewal.method } : {}),
          ...(r.renewal.renewalPoint ? { renewalPoint: r.renewal.renewalPoint } : {}),
          evidence: r.renewal.evidence,
        }
      : { by: 'unknown', evidence: [] },
    ari: r.ari ?? null,
    // Who runs each nameserver, from the nameserver's own name (null: not a provider we know).
    nameservers: (r.dns?.nameservers ?? []).map((n) => ({ name: n.name, provider: n.providerId ?? null })),
  };
}
