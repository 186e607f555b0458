// popup.html?host=<host>: a watched site's last report, opened from a notification (no tab involved).
import { useEffect, useState } from 'preact/hooks';
import { displayHost } from '../core/words/display-host';
import type { TabView } from '../shared/messages';
import { send, type Ui } from '../ui/i18n';
import { SiteActions } from './actions';
import { ReportBody } from './report/report-body';
import { Loading } from './tab-states';

export function SiteReport({ ui, host }: { ui: Ui; host: string }) {
  const [view, setView] = useState<TabView | null>(null);
  const load = () => void send('getSite', { host }).then(setView);
  useEffect(load, []);
  useEffect(() => {
    if (view) document.body.dataset.state = view.report?.verdict ?? 'idle';
  }, [view]);
  if (!view) return <Loading ui={ui} />;
  const r = view.report;
  if (!r) {
    return (
      <main>
        <p translate={false}>{displayHost(host)}</p>
        <button type="button" class="primary" onClick={() => void send('checkWatchNow', { host }).then(load)}>
          {ui.t('action_recheck')}
        </button>
      </main>
    );
  }
  const recheck = () => {
    setView(null);
    void send('checkWatchNow', { host }).then(load);
  };
  return (
    <main>
      <ReportBody ui={ui} r={r} />
      <SiteActions ui={ui} r={r} onRecheck={recheck} />
    </main>
  );
}
