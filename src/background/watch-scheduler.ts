// The watch list's schedule: an alarm every 10 minutes runs the sites that are due (a full check each, spread
// over the day by src/shared/watch.ts), and a notification when a site gets worse. Notifications open the
// site's last report in a tab.
import browser from 'webextension-polyfill';
import type { Report } from '../core/engine/types';
import { displayHost } from '../core/words/display-host';
import { ReadOnly } from '../shared/serial-store';
import { HOUR } from '../core/engine/time';
import { dueSites, type Notice, noticeMessage, recordResult } from '../shared/watch';
import { runCheck } from './check-runner';
import { transmissionAllowed } from './consent';
import { settings, settingsReady } from './settings-store';
import { t } from './translator';
import { updateWatchList, watchView } from './watch-store';

const ALARM = 'watch-tick';
let ticking: Promise<string[]> | null = null;

export async function checkWatched(hosts: string[]): Promise<void> {
  if (!(await transmissionAllowed())) return;
  const interval = settings().watchIntervalHours * HOUR;
  for (const host of hosts) {
    let report: Report | null = null;
    try {
      report = await runCheck(host, 'full', { incognito: false, force: true });
    } catch {
      report = null;
    }
    // One queued read-modify-write on the list as it is now: sites added or removed meanwhile stay as they are.
    let notice: Notice | null = null;
    try {
      notice = await updateWatchList((list) => {
        const site = list.sites[host];
        if (!site) return { result: null }; // removed while it was being checked
        const r = recordResult(site, report, Date.now(), interval);
        list.sites[host] = r.site;
        return { value: list, result: r.notice };
      });
    } catch (e) {
      // Read-only (a newer version's list) or storage full: the result is not kept; the next tick tries again.
      console.error('renewal-radar: watch result', e);
      if (e instanceof ReadOnly) return;
    }
    if (notice && report) await notify(host, report, notice);
  }
}

/** One tick at a time; a tick asked for while one runs joins it. force = every site is due. */
export function watchTick(force: boolean): Promise<string[]> {
  ticking ??= (async () => {
    await settingsReady;
    const list = await watchView();
    if (list.readOnly) return []; // results could not be kept: the options page says why
    const due = force ? Object.keys(list.sites) : dueSites(list, Date.now());
    await checkWatched(due);
    return due;
  })().finally(() => {
    ticking = null;
  });
  return ticking;
}

/** Notifications whose creation the browser confirmed (headless Firefox shows none, so getAll() stays empty). */
const notified: { id: string; at: number; message: string }[] = [];
export const notifiedSoFar = () => ({
  notified: notified.map((n) => n.id),
  notifiedMessages: notified.map((n) => n.message),
});

async function notify(host: string, report: Report, notice: Notice) {
  // One line, visible escapes, at most 300 characters; thresholds and time left relative to the certificate's life.
  const message = noticeMessage(notice, report, Date.now(), t());
  await browser.notifications
    .create(`watch:${host}`, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('icons/icon-128.png'),
      // ゆず農園.jp (xn--98jtep95kxl1c.jp): the owner's own spelling beside the A-label, with visible escapes.
      title: `Renewal Radar — ${displayHost(host)}`,
      message,
    })
    .then(
      (id) => {
        notified.push({ id, at: Date.now(), message });
        if (notified.length > 100) notified.shift();
      },
      (e) => console.error('renewal-radar: notification', e),
    );
}

export function registerWatchListeners() {
  browser.notifications.onClicked.addListener((id) => {
    if (!id.startsWith('watch:')) return;
    void browser.tabs.create({ url: browser.runtime.getURL(`popup.html?host=${encodeURIComponent(id.slice(6))}`) });
    void browser.notifications.clear(id);
  });
  browser.alarms.onAlarm.addListener((a) => {
    if (a.name === ALARM) void watchTick(false).catch((e) => console.error('renewal-radar: watch', e));
  });
}

/** The alarm survives restarts and updates; created once. */
export function ensureWatchAlarm() {
  void browser.alarms.get(ALARM).then((a) => {
    if (!a) void browser.alarms.create(ALARM, { periodInMinutes: 10, delayInMinutes: 1 });
  });
}
