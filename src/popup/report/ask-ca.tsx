// "Ask the CA": the CA's own renewal window (ARI) when it answered, and the CLI command for a dry run through
// the CA's validators (the extension does not run it).
import type { Report } from '../../core/engine/types';
import type { Ui } from '../../ui/i18n';

export function AskCa({ ui, r }: { ui: Ui; r: Report }) {
  if (!r.registrableDomain) return null;
  const command = `npx renewal-radar check ${r.host} --acme-dry-run`;
  return (
    <section class="card" aria-labelledby="ca-h">
      <h2 id="ca-h">{ui.t('label_ask_ca')}</h2>
      {r.ari ? (
        <p>
          {ui.t('ari_window', { start: ui.dateTime(r.ari.start), end: ui.dateTime(r.ari.end) })}
          {r.ari.explanationUrl ? (
            <>
              {' '}
              ·{' '}
              <a href={r.ari.explanationUrl} target="_blank" rel="noopener noreferrer">
                {ui.t('ari_explanation')}
              </a>
            </>
          ) : null}
        </p>
      ) : null}
      <p class="source">{ui.t('dry_run_hint')}</p>
      <p>
        <code class="command">{command}</code>
      </p>
    </section>
  );
}
