// The toolbar badge per tab. Both browsers drop a tab's own badge, colours and title when a new document commits
// in it (navigation.ts says where in their sources); the worker sets the tab's badge once the navigation has
// committed, and never before (a value set earlier would be dropped with the old page's).
import browser from 'webextension-polyfill';
import type { Translate } from '../core/words/i18n';
import { badgeTitle } from '../core/engine/summary';
import type { Report } from '../core/engine/types';

export const BADGE = {
  fail: { text: '!', color: '#c62828' },
  warn: { text: '!', color: '#f2a900' },
  unknown: { text: '?', color: '#5f6368' },
  checking: { text: '…', color: '#5f6368' },
  none: { text: '', color: '#5f6368' },
} as const;

export type BadgeKind = keyof typeof BADGE;

const shown = new Map<number, { text: string; title: string; color: string }>();

export async function setBadge(tabId: number, kind: BadgeKind, title: string) {
  const { text, color } = BADGE[kind];
  shown.set(tabId, { text, title, color });
  try {
    await Promise.all([
      browser.action.setBadgeText({ tabId, text }),
      browser.action.setTitle({ tabId, title }),
      // No text, no colours to show (most pages): two calls fewer to the browser, on the badge's critical path
      // (issue #25). A badge with text sets both colours itself.
      text ? browser.action.setBadgeBackgroundColor({ tabId, color }) : undefined,
      // Feature-detected: amber needs dark text to be readable.
      text && 'setBadgeTextColor' in browser.action
        ? browser.action.setBadgeTextColor({ tabId, color: kind === 'warn' ? '#000000' : '#ffffff' })
        : undefined,
    ]);
  } catch {
    // The tab closed meanwhile.
  }
}

export function badgeFor(report: Report, t: Translate): { kind: BadgeKind; title: string } {
  const kind: BadgeKind =
    report.verdict === 'fail'
      ? 'fail'
      : report.verdict === 'warn'
        ? 'warn'
        : report.verdict === 'unknown'
          ? 'unknown'
          : 'none';
  return { kind, title: badgeTitle(report, t) };
}

export async function readBadge(tabId: number) {
  const [text, title] = await Promise.all([browser.action.getBadgeText({ tabId }), browser.action.getTitle({ tabId })]);
  return { text, title, color: shown.get(tabId)?.color ?? '' };
}

export function forgetBadge(tabId: number) {
  shown.delete(tabId);
}
