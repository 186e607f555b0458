// The popup's entry: the tab's popup (app.tsx) or, with ?host=, a watched site's report (site-report.tsx).
// Everything from DNS, HTTP or certificates is rendered as text nodes (Preact escapes them); no markup from
// data, ever. The report's parts (report/) are shared by both views.
import { render } from 'preact';
import browser from 'webextension-polyfill';
import type { TabView } from '../shared/messages';
import { loadUi, send } from '../ui/i18n';
import { App } from './app';
import { SiteReport } from './site-report';

performance.mark('rr-popup-start');

async function main() {
  const hostParam = new URLSearchParams(location.search).get('host');
  if (hostParam) {
    const ui = await loadUi();
    render(<SiteReport ui={ui} host={hostParam} />, document.getElementById('app')!);
    return;
  }
  const param = new URLSearchParams(location.search).get('tab');
  const tabIdP =
    param !== null && !Number.isNaN(Number(param))
      ? Promise.resolve(Number(param))
      : browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => tab?.id ?? -1);
  // The tab's cached result and the UI strings load at the same time: first render waits for the slower one.
  const initial = tabIdP.then((tabId) => (tabId < 0 ? null : send('getTab', { tabId })));
  const [ui, tabId] = await Promise.all([loadUi(), tabIdP]);
  performance.mark('rr-popup-ui');
  const root = document.getElementById('app')!;
  if (tabId < 0) {
    render(
      <main>
        <p>{ui.t('popup_no_tab')}</p>
      </main>,
      root,
    );
    return;
  }
  render(<App ui={ui} tabId={tabId} initial={initial as Promise<TabView>} />, root);
}

void main();
