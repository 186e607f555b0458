// "Ask the CA" (the popup's button, on a click only): the worker owns the ACME conversation (core/acme/dry-run.ts),
// so the popup may close while the CA validates; the answer is kept per host (memory + storage.session) and shown
// when the popup opens again. A second click within a minute reuses the answer. Nothing about the account is kept:
// its key is made for one conversation, non-extractable, and dropped with it.
import browser from 'webextension-polyfill';
import { acmeDryRun } from '../core/acme/dry-run';
import { newAccountSigner, type SubtleLike } from '../core/acme/jws';
import { addDryRun } from '../core/engine/dry-run-report';
import type { Report } from '../core/engine/types';
import type { AskCaState } from '../shared/messages';
import { LE_STAGING_DIRECTORY } from '../shared/defaults';
import { SESSION } from '../shared/storage-keys';
import { badgeFor, setBadge } from './badge';
import { fetchClient } from './browser-transports';
import { settings } from './settings-store';
import { loadTab } from './tab-state';
import { t } from './translator';

const REUSE_MS = 60_000;
/** Staging validates in seconds; the order, the validators' attempts from several places and the clean-up fit here. */
const DEADLINE_MS = 60_000;
const key = SESSION.askCa;
const states = new Map<string, AskCaState>();

export async function askCaState(host: string): Promise<AskCaState | null> {
  let s = states.get(host);
  if (!s) {
    s = ((await browser.storage.session.get(key(host)).catch(() => ({}))) as Record<string, unknown>)[key(host)] as
      | AskCaState
      | undefined;
    if (!s) return null;
    // A conversation cut short by a worker restart cannot be resumed: say so instead of "asking…" for ever.
    if (s.status === 'running' && !states.has(host))
      s = {
        ...s,
        status: 'done',
        finishedAt: Date.now(),
        result: { kind: 'error', stage: 'account', detail: 'interrupted: the browser stopped the extension' },
      };
    states.set(host, s);
  }
  return s;
}

async function remember(host: string, s: AskCaState) {
  states.set(host, s);
  await browser.storage.session.set({ [key(host)]: s }).catch(() => {});
}

/** Starts the conversation (or reuses an answer under a minute old) and returns the state at once. */
export async function askTheCa(host: string, directory?: string): Promise<AskCaState> {
  const dir = directory || settings().dryRunDirectory || LE_STAGING_DIRECTORY;
  const prev = await askCaState(host);
  if (prev?.status === 'running') return prev;
  if (prev?.status === 'done' && prev.directory === dir && Date.now() - (prev.finishedAt ?? 0) < REUSE_MS) return prev;
  const running: AskCaState = { status: 'running', startedAt: Date.now(), directory: dir };
  await remember(host, running);
  void acmeDryRun(host, dir, {
    http: fetchClient,
    newSigner: () => newAccountSigner(crypto.subtle as unknown as SubtleLike),
    clock: { now: () => Date.now() },
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    timeoutMs: DEADLINE_MS,
  })
    .catch((e: unknown) => ({ kind: 'error' as const, stage: 'account', detail: String(e) }))
    .then(async (result) => {
      await remember(host, { ...running, status: 'done', finishedAt: Date.now(), result });
      await refreshBadges(host);
    });
  return running;
}

/** The report with the CA's answer folded in (the finding, or a note when the CA could not be asked). */
export function withCaAnswer(report: Report | null, s: AskCaState | null): Report | null {
  return report && s?.status === 'done' && s.result ? addDryRun(report, s.result) : report;
}

/** Every tab on the host: the badge follows the report with the CA's answer (worse only: a finding is added). */
async function refreshBadges(host: string) {
  const s = await askCaState(host);
  const tabs = await browser.tabs.query({}).catch(() => []);
  for (const tab of tabs) {
    if (tab.id === undefined) continue;
    const rec = await loadTab(tab.id);
    if (rec?.host !== host || !rec.report) continue;
    const merged = withCaAnswer(rec.report, s);
    if (!merged || merged.verdict === rec.report.verdict) continue;
    const b = badgeFor(merged, t());
    await setBadge(tab.id, b.kind, b.title);
  }
}
