// The tab's popup before there is a report: no site access, Firefox's consent not given, checking, not applicable.
import browser from 'webextension-polyfill';
import { displayHost } from '../core/words/display-host';
import type { TabView } from '../shared/messages';
import type { Ui } from '../ui/i18n';
import { OptionsButton } from './actions';
import { HostName, VerdictHeader } from './report/verdict-header';

/** Firefox may show the site-access permission as optional: ask for it on the user's click. */
export function NoPermission({ ui, onGranted }: { ui: Ui; onGranted: () => void }) {
  const grant = () =>
    void browser.permissions.request({ origins: ['<all_urls>'] }).then((ok) => {
      if (ok) onGranted();
    });
  return (
    <main>
      <p class="verdict verdict-unknown">{ui.t('popup_no_permission')}</p>
      <button type="button" class="primary" onClick={grant}>
        {ui.t('action_grant')}
      </button>
    </main>
  );
}

/** Firefox's built-in data consent (src/background/consent.ts): asked here, on the user's click. */
export function ConsentNeeded({ ui, host, onAllow }: { ui: Ui; host: string | null; onAllow: () => void }) {
  return (
    <main>
      <VerdictHeader state="unknown" title={ui.t('popup_consent_title')}>
        <p>{ui.t('popup_consent_text')}</p>
        {host ? <HostName>{displayHost(host)}</HostName> : null}
      </VerdictHeader>
      <nav class="actions">
        <button type="button" class="primary" onClick={onAllow}>
          {ui.t('action_consent')}
        </button>
        <OptionsButton ui={ui} />
      </nav>
    </main>
  );
}

/** No report yet: checking (with a skeleton), or why this page is not checked. */
export function Pending({ ui, view }: { ui: Ui; view: TabView }) {
  const na = view.notApplicable;
  return (
    <main>
      <VerdictHeader
        state={na ? 'not-applicable' : 'checking'}
        title={ui.t(na ? 'verdict_not_applicable' : 'verdict_checking')}
      >
        <p>{na ? ui.t(na) : ui.t('popup_checking_sources')}</p>
        {view.host ? <HostName>{displayHost(view.host)}</HostName> : null}
      </VerdictHeader>
      {view.status === 'checking' ? (
        <div class="skeleton" aria-hidden="true">
          <div />
          <div />
          <div />
        </div>
      ) : null}
    </main>
  );
}

/** Until the tab's view has loaded. */
export function Loading({ ui }: { ui: Ui }) {
  return (
    <main class="loading">
      <p>{ui.t('verdict_checking')}</p>
    </main>
  );
}
