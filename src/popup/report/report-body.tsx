// The report itself, as the tab's popup and a watched site's page (from a notification) both show it.
import type { ComponentChildren } from 'preact';
import { verdictLines } from '../../core/engine/summary';
import type { Report } from '../../core/engine/types';
import { displayHost } from '../../core/words/display-host';
import type { TabView } from '../../shared/messages';
import type { Ui } from '../../ui/i18n';
import { AskCa } from './ask-ca';
import { CertificateCard } from './certificate-card';
import { RenewedBy } from './renewed-by';
import { DnsDetails } from './dns-details';
import { Findings } from './findings';
import { Sources } from './sources';
import { HostName, VerdictHeader } from './verdict-header';

export function ReportBody({
  ui,
  r,
  checking,
  hostCard,
  view,
  onView,
}: {
  ui: Ui;
  r: Report;
  checking?: boolean;
  hostCard?: ComponentChildren;
  /** The tab's view and its setter: "Ask the CA" runs from the tab's popup only. */
  view?: TabView;
  onView?: (v: TabView) => void;
}) {
  const lines = verdictLines(r);
  return (
    <>
      <VerdictHeader state={r.verdict} title={ui.t(lines[0])}>
        {lines.slice(1).map((l) => (
          <p>{ui.t(l)}</p>
        ))}
        <HostName>
          {displayHost(r.host)}
          {checking ? ` · ${ui.t('verdict_checking')}` : ''}
        </HostName>
      </VerdictHeader>
      <Findings ui={ui} findings={r.findings} />
      <RenewedBy ui={ui} r={r} />
      <CertificateCard ui={ui} r={r} />
      {r.tier === 'full' ? <AskCa ui={ui} r={r} view={view} onView={onView} /> : null}
      {hostCard}
      <DnsDetails ui={ui} r={r} />
      <Sources ui={ui} notes={r.notes} />
      <p class="checked">{ui.t('label_checked_at', { time: ui.dateTime(r.checkedAt) })}</p>
    </>
  );
}
