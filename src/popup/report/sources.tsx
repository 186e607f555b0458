// The sources that were skipped or failed, and why (a source that answered is not listed).
import type { SourceNote } from '../../core/engine/types';
import { noteReasonParts } from '../../core/words/note-reason';
import { show, type Ui } from '../../ui/i18n';

const SOURCE_LABEL = {
  dns: 'source_dns',
  ct: 'source_ct_short',
  'ct-history': 'source_ct_history',
  rdap: 'source_rdap',
  'ca-status': 'source_ca_status',
  challenge: 'source_challenge',
  headers: 'source_headers',
  certificate: 'source_certificate',
  ari: 'source_ari',
  'dry-run': 'source_dry_run',
} as const;

export function Sources({ ui, notes }: { ui: Ui; notes: SourceNote[] }) {
  const shown = notes.filter((n) => n.status !== 'ok');
  if (!shown.length) return null;
  return (
    <section class="card sources" aria-labelledby="src-h">
      <h2 id="src-h">{ui.t('label_sources')}</h2>
      <ul>
        {shown.map((n) => {
          const reason = noteReasonParts(n, ui.t);
          return (
            <li>
              {ui.t(SOURCE_LABEL[n.source])}: {ui.t(`source_status_${n.status}`)}
              {reason.text ? ` — ${reason.text}` : ''}
              {reason.detail ? (
                <>
                  {' '}
                  — <code>{show(reason.detail)}</code>
                </>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
