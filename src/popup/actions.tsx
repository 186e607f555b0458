// The buttons under a report: Recheck, Copy report, Watch this site (the tab's popup only), Options.
import { useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { plainReport } from '../core/engine/summary';
import type { Report } from '../core/engine/types';
import type { Ui } from '../ui/i18n';

export function OptionsButton({ ui }: { ui: Ui }) {
  return (
    <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
      {ui.t('action_options')}
    </button>
  );
}

/** Copies the plain-text report; with `confirm`, says "Copied" for a moment. */
function CopyButton({ ui, r, confirm }: { ui: Ui; r: Report; confirm?: boolean }) {
  const [copied, setCopied] = useState(false);
  const copy = () =>
    void navigator.clipboard.writeText(plainReport(r, ui.t, ui.lang)).then(() => {
      if (!confirm) return;
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    });
  return (
    <button type="button" onClick={copy}>
      {copied ? ui.t('action_copied') : ui.t('action_copy')}
    </button>
  );
}

/** The tab's popup. */
export function TabActions({
  ui,
  r,
  checking,
  watched,
  onRecheck,
  onWatch,
}: {
  ui: Ui;
  r: Report;
  checking: boolean;
  watched: boolean;
  onRecheck: () => void;
  onWatch: () => void;
}) {
  return (
    <nav class="actions">
      <button type="button" class="primary" disabled={checking} onClick={onRecheck}>
        {ui.t('action_recheck')}
      </button>
      <CopyButton ui={ui} r={r} confirm />
      <button type="button" aria-pressed={watched} onClick={onWatch}>
        {ui.t(watched ? 'action_unwatch' : 'action_watch')}
      </button>
      <OptionsButton ui={ui} />
    </nav>
  );
}

/** A watched site's page (opened from a notification). */
export function SiteActions({ ui, r, onRecheck }: { ui: Ui; r: Report; onRecheck: () => void }) {
  return (
    <nav class="actions">
      <button type="button" class="primary" onClick={onRecheck}>
        {ui.t('action_recheck')}
      </button>
      <CopyButton ui={ui} r={r} />
      <OptionsButton ui={ui} />
    </nav>
  );
}
