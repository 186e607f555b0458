// The popup's "Ask the CA" card: the CA's renewal window (ARI) when it answered and an ACME client renews (not for
// a certificate bought by hand), and the button that has the CA's own validators try the site
// (src/background/ask-the-ca.ts runs it; the popup may close meanwhile). Before the first click the card says what
// is sent to whom; for a certificate an HTTP test says nothing about (a CDN's edge, DNS validation, a certificate
// bought and installed by hand) it says why in one line instead of offering the button.
import { useEffect, useState } from 'preact/hooks';
import type { Report } from '../../core/engine/types';
import { LE_STAGING_DIRECTORY } from '../../shared/defaults';
import type { AskCaState, TabView } from '../../shared/messages';
import { send, type Ui } from '../../ui/i18n';
import { ariWindowShown, httpTestDoesNotApply } from './ask-ca-scope';

const caName = (directory: string) => {
  if (!directory || directory === LE_STAGING_DIRECTORY) return null;
  try {
    return new URL(directory).host;
  } catch {
    return directory;
  }
};

export function AskCa({ ui, r, view, onView }: { ui: Ui; r: Report; view?: TabView; onView?: (v: TabView) => void }) {
  const [asking, setAsking] = useState(false);
  const state: AskCaState | null | undefined = view?.askCa;
  const running = asking || state?.status === 'running';
  // While the CA validates, ask the worker for the answer once a second (the popup may also be reopened later).
  useEffect(() => {
    if (!view || !onView || state?.status !== 'running') return;
    const timer = setInterval(() => {
      void send('getTab', { tabId: view.tabId }).then((v) => {
        if (v.askCa?.status !== 'running') onView(v);
      });
    }, 1000);
    return () => clearInterval(timer);
  }, [view?.tabId, state?.status, state?.startedAt]);
  if (!r.registrableDomain) return null;
  const command = `npx renewal-radar check ${r.host} --acme-dry-run`;
  const notApplicable = httpTestDoesNotApply(r);
  // The CA's suggested window only for a renewal an ACME client makes (not for a certificate bought by hand).
  const ari = ariWindowShown(r);
  const canAsk = Boolean(view && onView && view.tabId >= 0 && !view.needsConsent);
  const ask = async () => {
    if (!view || !onView) return;
    setAsking(true);
    try {
      onView(await send('askTheCa', { tabId: view.tabId }));
    } finally {
      setAsking(false);
    }
  };
  // Where the order goes: the conversation's own directory, else the one in Options (Let's Encrypt's staging by default).
  const ca = caName(state?.directory ?? ui.settings.dryRunDirectory);
  const result = state?.status === 'done' ? state.result : undefined;
  return (
    <section class="card" aria-labelledby="ca-h" aria-busy={running}>
      <h2 id="ca-h">{ui.t('label_ask_ca')}</h2>
      {ari ? (
        <p id="ari-window">
          {ui.t('ari_window', { start: ui.dateTime(ari.start), end: ui.dateTime(ari.end) })}
          {ari.explanationUrl ? (
            <>
              {' '}
              ·{' '}
              <a href={ari.explanationUrl} target="_blank" rel="noopener noreferrer">
                {ui.t('ari_explanation')}
              </a>
            </>
          ) : null}
        </p>
      ) : null}
      {notApplicable ? (
        <p id="ask-ca-na">{ui.t(notApplicable)}</p>
      ) : canAsk ? (
        <>
          {running ? (
            <p id="ask-ca-status" role="status">
              {ui.t('ask_ca_running')}
            </p>
          ) : result ? (
            <p id="ask-ca-status" role="status">
              {result.kind === 'invalid' || result.kind === 'valid'
                ? ui.t('ask_ca_done', { time: ui.dateTime(new Date(state?.finishedAt ?? 0).toISOString()) })
                : result.kind === 'rate-limited'
                  ? ui.t('note_dry_run_rate_limited')
                  : ui.t('ask_ca_error', { reason: result.detail.slice(0, 200) })}
            </p>
          ) : (
            <p class="source">{ui.t('ask_ca_explain', { name: r.host, ca: ca ?? ui.t('ask_ca_le_staging') })}</p>
          )}
          <p>
            <button type="button" id="ask-ca" disabled={running} onClick={() => void ask()}>
              {ui.t(result ? 'ask_ca_again' : 'ask_ca_button')}
            </button>
          </p>
          <details>
            <summary>{ui.t('dry_run_hint')}</summary>
            <p>
              <code class="command">{command}</code>
            </p>
          </details>
        </>
      ) : (
        <>
          <p class="source">{ui.t('dry_run_hint')}</p>
          <p>
            <code class="command">{command}</code>
          </p>
        </>
      )}
    </section>
  );
}
