// The tab's popup: the tab's view from the worker (cached, then live over the popup port), a full check on open.
import { useEffect, useMemo, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { dataPermissions, SITE_NAMES } from '../shared/data-consent';
import type { TabView } from '../shared/messages';
import { connectPopupPort, send, type Ui } from '../ui/i18n';
import { TabActions } from './actions';
import { HostCard } from './report/host-card';
import { ReportBody } from './report/report-body';
import { ConsentNeeded, Loading, NoPermission, Pending } from './tab-states';

/** What the page says it shows, for tests and the bench: settled only once the full check (opened popups always
 * run one) has answered, or nothing applies. */
function pageState(view: TabView): string {
  if (view.needsConsent) return 'needs-consent';
  const settled = view.status !== 'checking' && (view.report?.tier === 'full' || !view.host);
  if (!settled) return 'checking';
  return view.report?.verdict ?? (view.notApplicable ? 'not-applicable' : 'idle');
}

export function App({ ui, tabId, initial }: { ui: Ui; tabId: number; initial: Promise<TabView> }) {
  const [view, setView] = useState<TabView | null>(null);
  const [permission, setPermission] = useState(true);
  /** Why "Watch this site" was not stored (a read-only list, storage full). */
  const [watchError, setWatchError] = useState<string | null>(null);
  const port = useMemo(() => connectPopupPort(), []);
  const fullCheck = (force?: boolean) =>
    port.post(force ? { type: 'fullCheck', tabId, force } : { type: 'fullCheck', tabId });

  useEffect(() => {
    port.onMessage((msg) => {
      if (msg.type === 'update' && msg.view.tabId === tabId) setView(msg.view);
    });
    void browser.permissions.contains({ origins: ['<all_urls>'] }).then(setPermission);
    void initial.then((v) => {
      setView((cur) => cur ?? v);
      if (v.host) fullCheck();
    });
    return () => port.disconnect();
  }, []);

  useEffect(() => {
    if (!view) return;
    performance.mark('rr-popup-rendered');
    document.body.dataset.state = pageState(view);
  }, [view]);

  if (!view) return <Loading ui={ui} />;
  const r = view.report;
  const checking = view.status === 'checking';

  if (!permission) {
    const granted = () => {
      setPermission(true);
      fullCheck(true);
    };
    return <NoPermission ui={ui} onGranted={granted} />;
  }

  if (view.needsConsent) {
    const allow = () =>
      void dataPermissions.request(SITE_NAMES).then((ok) => {
        if (!ok) return;
        setView({ ...view, needsConsent: false, status: 'checking' });
        fullCheck(true);
      });
    return <ConsentNeeded ui={ui} host={view.host} onAllow={allow} />;
  }

  if (!r) return <Pending ui={ui} view={view} />;

  const override = (id: string | null) => {
    setView({ ...view, status: 'checking' });
    void send('setOverride', { host: r.host, provider: id, tabId }).then((v) => v && setView(v));
  };
  const recheck = () => {
    setView({ ...view, status: 'checking' });
    fullCheck(true);
  };
  const toggleWatch = () =>
    void send('setWatched', { host: r.host, watched: !view.watched }).then((w) => {
      setView({ ...view, watched: w.watched });
      setWatchError(w.text ? ui.t(w.text) : null);
    });
  return (
    <main>
      <ReportBody
        ui={ui}
        r={r}
        checking={checking}
        view={view}
        onView={setView}
        hostCard={<HostCard ui={ui} r={r} onOverride={override} />}
      />
      <TabActions ui={ui} r={r} checking={checking} watched={view.watched} onRecheck={recheck} onWatch={toggleWatch} />
      {watchError && (
        <p class="error" role="alert">
          {watchError}
        </p>
      )}
    </main>
  );
}
