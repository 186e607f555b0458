// The certificate card. Behind a CDN: the edge certificate visitors get (the CDN renews it) and the host's own
// (the host renews it), each with who renews it and its timeline.
import { timelineMarker } from '../../core/certificates/renewal-schedule';
import { daysLeft } from '../../core/engine/evidence';
import { servedByCdnEdge } from '../../core/engine/summary';
import type { CertificateInfo, Report, RenewerKind } from '../../core/engine/types';
import { providerById } from '../../core/providers';
import type { Provider } from '../../core/providers/types';
import { displayHost } from '../../core/words/display-host';
import { providerName } from '../../core/words/provider-name';
import { show, type Ui } from '../../ui/i18n';
import { Timeline } from './timeline';

/** A certificate, who renews it, and its timeline: the renewer's next attempt as CA_MAINTENANCE and
 * RENEWAL_REQUESTED_EARLY count it (timelineMarker: a proven fixed interval's next run, the host's or CDN's
 * documented schedule, else the certificate's own point); for a certificate bought by hand, the date to order the
 * next one by, as MANUAL_RENEWAL says it. */
function CertificateBlock({
  ui,
  c,
  now,
  title,
  by,
  renewer,
  nextRun,
  note,
}: {
  ui: Ui;
  c: CertificateInfo;
  now: number;
  title: string;
  by: RenewerKind;
  /** The provider whose automation renews it (by `host` or `cdn`). */
  renewer?: Provider;
  /** The judged certificate's renewer runs on a proven fixed interval: its next run (the verdict sentence's). */
  nextRun?: string;
  note?: string;
}) {
  const days = daysLeft(c.notAfter, now);
  const { renewAt, retries, marker } = timelineMarker(c, { by, nextRun, renewal: renewer?.renewal });
  return (
    <div class="cert-block">
      <h3>{title}</h3>
      <dl>
        <dt>{ui.t('label_issuer')}</dt>
        <dd translate={false}>
          {show(`${c.issuer}${c.issuerOrg && !c.issuer.includes(c.issuerOrg) ? ` (${c.issuerOrg})` : ''}`)}
        </dd>
        <dt>{ui.t('label_names')}</dt>
        <dd class="names" translate={false}>
          {show(c.names.slice(0, 6).map(displayHost).join(', '), 2000)}
          {c.names.length > 6 ? ` +${c.names.length - 6}` : ''}
        </dd>
        <dt>{ui.t('label_valid')}</dt>
        <dd>
          {ui.date(c.notBefore)} – {ui.date(c.notAfter)} ·{' '}
          <strong>{days >= 0 ? ui.t('label_days_left', { days }) : ui.t('label_expired_days', { days: -days })}</strong>
        </dd>
      </dl>
      <Timeline ui={ui} c={c} now={now} renewAt={renewAt} retries={retries} marker={marker} />
      <p class="source">{note ?? ui.t(c.source === 'ct' ? 'source_ct' : 'source_connection')}</p>
    </div>
  );
}

export function CertificateCard({ ui, r }: { ui: Ui; r: Report }) {
  const c = r.certificate;
  const o = r.originCertificate ?? null;
  if (!c && !o) return null;
  const now = Date.parse(r.checkedAt);
  const name = (x: { name: string; nameJa: string }) => providerName(x, ui.lang);
  // Who renews the judged certificate — the origin's behind a CDN, else the served one (a report from before the
  // renewer was recorded: the host). Behind a CDN the served edge certificate is the CDN's.
  const by: RenewerKind = r.renewal?.by ?? 'host';
  // The host's schedule and "renewed by {host}" only when the host renews the certificate (not a bought one).
  const host = r.provider && by === 'host' ? providerById(r.provider.id) : undefined;
  const cdn = r.cdn ? providerById(r.cdn.id) : undefined;
  // Behind a CDN the served certificate is the CDN's edge certificate even when the host's own is not known: never
  // "renewed by {host}" on it, never the host's schedule on its timeline.
  const edge = Boolean(o) || servedByCdnEdge(r);
  const servedBy = (edge || by === 'cdn') && r.cdn ? r.cdn : host ? r.provider : null;
  const judgedBy = by === 'cdn' ? cdn : host;
  return (
    <section class="card" aria-labelledby="cert-h">
      <h2 id="cert-h">{ui.t('label_certificate')}</h2>
      {c ? (
        <CertificateBlock
          ui={ui}
          c={c}
          now={now}
          by={edge ? 'cdn' : by}
          renewer={edge ? cdn : judgedBy}
          nextRun={edge ? undefined : r.renewal?.nextRun}
          title={servedBy ? ui.t('label_cert_served_by', { renewer: name(servedBy) }) : ui.t('label_cert_served')}
        />
      ) : null}
      {o && r.provider ? (
        <CertificateBlock
          ui={ui}
          c={o}
          now={now}
          by={by}
          renewer={judgedBy}
          nextRun={r.renewal?.nextRun}
          title={ui.t('label_cert_origin', { host: name(r.provider) })}
          note={ui.t('source_ct_origin', { host: name(r.provider), cdn: r.cdn ? name(r.cdn) : '' })}
        />
      ) : null}
    </section>
  );
}
